import type { z } from 'zod';
import type { BirthNotificationSchema, DecisionSchema } from './requests.js';
import type { SubmitResponse } from './schemas.js';

/**
 * Examples shown in the OpenAPI document and the docs page: the README's first birth (Siti
 * Rahmawati's second child, family 3510160101200001 of the demo population), so an integrator can
 * send it to the local stack as it is. test/api/openapi.test.ts parses each with the real schema.
 */
export const birthNotificationExample = {
  notificationId: 'RSUD-BLB-2026-000123',
  child: {
    name: 'Muhammad Arka Santoso',
    sex: 'MALE',
    birthDateTime: '2026-11-20T08:15:00+07:00',
    birthPlace: 'Banyuwangi',
    birthOrder: 2,
    weightGrams: 3150,
    lengthCm: 49.5,
  },
  mother: { nik: '3510165203950001' },
  father: { nik: '3510161407920001' },
  familyCardNumber: '3510160101200001',
  marriageCertificateNumber: '0123/045/XI/2019',
  attendant: { type: 'MIDWIFE', name: 'Bidan Sri Wahyuni' },
  contactPhone: '0812-3456-7890',
} as const satisfies z.input<typeof BirthNotificationSchema>;

export const twinExample = {
  ...birthNotificationExample,
  notificationId: 'RSUD-BLB-2026-000124',
  child: {
    ...birthNotificationExample.child,
    name: 'Aisyah Putri Santoso',
    sex: 'FEMALE',
    birthDateTime: '2026-11-20T08:21:00+07:00',
    birthOrder: 3,
    multipleBirth: { count: 2, order: 2 },
    weightGrams: 2480,
    lengthCm: 46,
  },
} as const satisfies z.input<typeof BirthNotificationSchema>;

export const submitResponseExample = {
  registrationId: '0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30',
  status: 'RECEIVED',
  accessCode: '7K2Q-M9XD-4TRV',
} as const satisfies SubmitResponse;

export const validationErrorExample = {
  error: 'The request is invalid',
  code: 'VALIDATION_FAILED',
  issues: [
    { path: 'child.birthDateTime', code: 'BIRTH_DATE_TIME_FORMAT', message: 'Use ISO 8601 with an offset, e.g. 2026-11-20T08:15:00+07:00' },
    { path: 'mother.nik', code: 'NIK_DIGITS', message: 'A NIK has exactly 16 digits' },
  ],
} as const;

export const approveExample = { decision: 'APPROVE' } as const satisfies z.input<typeof DecisionSchema>;
export const rejectExample = {
  decision: 'REJECT',
  reason: 'Nama ibu pada surat keterangan lahir berbeda dengan KK / The mother’s name differs from the family card',
} as const satisfies z.input<typeof DecisionSchema>;
