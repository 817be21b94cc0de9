import * as z from 'zod';
import { parseCalendarDate } from '../../domain/calendar.js';
import { parseNik } from '../../domain/nik.js';

/**
 * POST /v1/births: a hospital's birth notification (the doctor's or midwife's birth letter of form
 * F-2.01, sent electronically). Objects are strict: an unknown field is reported by path rather than
 * silently dropped, so an integrator's typo is found on the first call.
 * Impossible input is refused here with 400; plausibility against the registry is the workflow's job.
 */
const NikSchema = z
  .string()
  .regex(/^\d{16}$/, 'A NIK has exactly 16 digits')
  .refine((nik) => parseNik(nik) !== null, 'Not a valid NIK: the date part (DDMMYY, +40 for women) is impossible');

/** Indonesian names: letters of any script, spaces and the punctuation names carry (Ni Luh Putu, Ma'ruf, Siti-Aisyah). */
const PersonNameSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(120, 'At most 120 characters')
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, 'Use letters, spaces and . , \' - only');

const BirthDateTimeSchema = z.iso
  .datetime({ offset: true, local: false, message: 'Use ISO 8601 with an offset, e.g. 2026-11-20T08:15:00+07:00' })
  .refine((text) => parseCalendarDate(text) !== null, 'Not a real calendar date')
  .refine((text) => Date.parse(text) <= Date.now() + 5 * 60_000, 'A birth cannot be in the future');

export const MultipleBirthSchema = z
  .strictObject({
    count: z.int().min(2, 'A multiple birth has at least 2 children').max(8, 'At most 8'),
    order: z.int().min(1, 'Order starts at 1'),
  })
  .refine((m) => m.order <= m.count, { message: 'Order cannot exceed count', path: ['order'] });

export const BirthNotificationSchema = z.strictObject({
  notificationId: z
    .string()
    .min(1, 'Required')
    .max(64, 'At most 64 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'Letters, digits and . _ : / - only'),
  child: z.strictObject({
    name: PersonNameSchema,
    sex: z.enum(['MALE', 'FEMALE'], 'MALE or FEMALE'),
    birthDateTime: BirthDateTimeSchema,
    birthPlace: z.string().trim().min(1).max(80).optional(),
    birthOrder: z.int('A whole number').min(1, 'Starts at 1 (anak ke-1)').max(30, 'At most 30'),
    multipleBirth: MultipleBirthSchema.optional(),
    weightGrams: z.int('Whole grams').min(300, 'Below 300 g is not a live birth we can register').max(7000, 'Above 7000 g is implausible'),
    lengthCm: z.number().min(20, 'At least 20 cm').max(70, 'At most 70 cm'),
  }),
  mother: z.strictObject({ nik: NikSchema }),
  father: z.strictObject({ nik: NikSchema }).optional(),
  familyCardNumber: z.string().regex(/^\d{16}$/, 'A family card (KK) number has exactly 16 digits'),
  marriageCertificateNumber: z.string().trim().min(1).max(64).optional(),
  attendant: z.strictObject({
    type: z.enum(['DOCTOR', 'MIDWIFE', 'NURSE', 'OTHER'], 'DOCTOR, MIDWIFE, NURSE or OTHER'),
    name: PersonNameSchema,
  }),
  contactPhone: z
    .string()
    .transform((s) => s.replace(/[\s().-]/g, ''))
    .pipe(z.string().regex(/^(\+62|62|0)8\d{7,11}$/, 'An Indonesian mobile number, e.g. +6281234567890 or 081234567890'))
    .transform((s) => `+62${s.replace(/^(\+62|62|0)/, '')}`),
});

export type BirthNotification = z.infer<typeof BirthNotificationSchema>;
