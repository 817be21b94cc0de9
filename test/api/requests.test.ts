import { describe, expect, it } from 'vitest';
import { BirthNotificationSchema } from '../../api/requests.js';
import { notification } from '../support/fixtures.js';

/** The notification contract's own rules (api/requests.ts), without a stack. */
const issues = (body: Record<string, unknown>) => {
  const result = BirthNotificationSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('the father in a notification (item 7)', () => {
  it('refuses the mother’s NIK given as the father’s, at father.nik', () => {
    const body = notification({ father: { nik: '3510165203950001' } });
    expect(issues(body)).toEqual([{ path: 'father.nik', message: 'FATHER_NIK_IS_MOTHERS' }]);
  });

  it('accepts a father’s NIK of another regency with his name, and without a name', () => {
    expect(issues(notification({ father: { nik: '3578011505900007', name: 'Budi Hartono' } }))).toEqual([]);
    expect(issues(notification({ father: { nik: '3578011505900007' } }))).toEqual([]);
  });

  it('still refuses a malformed father NIK', () => {
    expect(issues(notification({ father: { nik: '35781115' } })).map((i) => i.path)).toContain('father.nik');
  });
});

describe('the family card number (item 10)', () => {
  it('may be omitted, and is still checked for form when given', () => {
    const { familyCardNumber: _omitted, ...body } = notification();
    expect(issues(body)).toEqual([]);
    expect(issues(notification({ familyCardNumber: '35101601' })).map((i) => i.path)).toEqual(['familyCardNumber']);
  });
});

describe('place of birth and informant (item 8)', () => {
  it('accepts every F-2.01 kind of place, and none (an older integrator’s body)', () => {
    for (const kind of ['HOSPITAL', 'PUSKESMAS', 'CLINIC', 'HOME', 'OTHER']) expect(issues(notification({ child: { birthPlaceKind: kind } }))).toEqual([]);
    expect(issues(notification())).toEqual([]);
    expect(issues(notification({ child: { birthPlaceKind: 'hospital' } })).map((i) => i.path)).toEqual(['child.birthPlaceKind']);
  });

  it('takes an informant by NIK and relationship; a MOTHER or FATHER informant must be that parent', () => {
    expect(issues(notification({ informant: { nik: '3510165203950001', relationship: 'MOTHER' } }))).toEqual([]);
    expect(issues(notification({ informant: { nik: '3510161407920001', relationship: 'FATHER' } }))).toEqual([]);
    expect(issues(notification({ informant: { nik: '3510011203700001', relationship: 'RELATIVE', name: 'Slamet' } }))).toEqual([]);
    expect(issues(notification({ informant: { nik: '3510011203700001', relationship: 'MOTHER' } })).map((i) => i.path)).toEqual(['informant.nik']);
    expect(issues(notification({ father: undefined, informant: { nik: '3510161407920001', relationship: 'FATHER' } })).map((i) => i.path)).toEqual(['informant.nik']);
    expect(issues(notification({ informant: { nik: '3510011203700001' } })).map((i) => i.path)).toEqual(['informant.relationship']);
  });
});

describe('the SPTJM (item 6)', () => {
  const sptjm = { kind: 'HUSBAND_AND_WIFE', signedOn: '2026-11-20' };
  it('is accepted with a father and no marriage record', () => {
    expect(issues(notification({ marriageCertificateNumber: undefined, sptjm }))).toEqual([]);
  });

  it('needs a father, stands in for a marriage record (not beside one), and is dated', () => {
    expect(issues(notification({ marriageCertificateNumber: undefined, father: undefined, sptjm })).map((i) => i.path)).toEqual(['sptjm']);
    expect(issues(notification({ sptjm })).map((i) => i.path)).toEqual(['sptjm']);
    expect(issues(notification({ marriageCertificateNumber: undefined, sptjm: { kind: 'HUSBAND_AND_WIFE', signedOn: '2026-02-30' } })).map((i) => i.path)).toContain('sptjm.signedOn');
    expect(issues(notification({ marriageCertificateNumber: undefined, sptjm: { kind: 'BIRTH_DATA', signedOn: '2026-11-20' } })).map((i) => i.path)).toEqual(['sptjm.kind']);
  });
});
