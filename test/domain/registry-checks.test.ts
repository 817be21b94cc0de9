import { describe, expect, it } from 'vitest';
import { runRegistryChecks, type CheckCode, type CheckInput } from '../../domain/registry-checks.js';

/** A notification that passes every check: a Banyuwangi family, married parents, reported in time. */
const clean: CheckInput = {
  birthDate: { year: 2026, month: 11, day: 20 },
  receivedOn: { year: 2026, month: 11, day: 21 },
  hasMarriageRecord: true,
  servedRegencies: ['35.10'],
  family: { districtCode: '35.10.16' },
  mother: { sex: 'FEMALE', birthDate: { year: 1995, month: 3, day: 12 } },
  motherInFamily: true,
  fatherGiven: true,
  father: { sex: 'MALE' },
  otherBirthsOfMother: [],
};

const codes = (input: Partial<CheckInput>) => runRegistryChecks({ ...clean, ...input }).map((c) => c.code);
const severityOf = (input: Partial<CheckInput>, code: CheckCode) => runRegistryChecks({ ...clean, ...input }).find((c) => c.code === code)?.severity;

describe('registry checks', () => {
  it('finds nothing in a clean notification', () => {
    expect(codes({})).toEqual([]);
  });

  it('FAMILY_NOT_FOUND fires without a family, and OUT_OF_JURISDICTION is then moot', () => {
    const { family: _omitted, ...withoutFamily } = clean;
    expect(runRegistryChecks(withoutFamily).map((c) => c.code)).toEqual(['FAMILY_NOT_FOUND']);
  });

  it('OUT_OF_JURISDICTION fires for a family registered in another regency (Jember 35.09) only', () => {
    expect(codes({ family: { districtCode: '35.09.01' } })).toEqual(['OUT_OF_JURISDICTION']);
    expect(codes({ family: { districtCode: '35.09.01' }, servedRegencies: ['35.10', '35.09'] })).toEqual([]);
  });

  it('MOTHER_NOT_FOUND fires without a mother record (and her other checks do not)', () => {
    const { mother: _omitted, ...withoutMother } = clean;
    expect(runRegistryChecks({ ...withoutMother, motherInFamily: false }).map((c) => c.code)).toEqual(['MOTHER_NOT_FOUND']);
  });

  it('MOTHER_NOT_IN_FAMILY fires when she is not on the card', () => {
    expect(codes({ motherInFamily: false })).toEqual(['MOTHER_NOT_IN_FAMILY']);
  });

  it('MOTHER_NOT_FEMALE fires when the NIK given as mother is a man', () => {
    expect(codes({ mother: { sex: 'MALE', birthDate: { year: 1990, month: 1, day: 1 } } })).toEqual(['MOTHER_NOT_FEMALE']);
  });

  it("MOTHER_AGE_IMPLAUSIBLE warns outside 15-50 and is an error outside 10-70", () => {
    const born = (year: number) => ({ mother: { sex: 'FEMALE' as const, birthDate: { year, month: 1, day: 1 } } });
    expect(codes(born(2011))).toEqual([]); // 15
    expect(severityOf(born(2012), 'MOTHER_AGE_IMPLAUSIBLE')).toBe('WARNING'); // 14
    expect(severityOf(born(1975), 'MOTHER_AGE_IMPLAUSIBLE')).toBe('WARNING'); // 51
    expect(codes(born(1976))).toEqual([]); // 50
    expect(severityOf(born(2017), 'MOTHER_AGE_IMPLAUSIBLE')).toBe('ERROR'); // 9
    expect(severityOf(born(1950), 'MOTHER_AGE_IMPLAUSIBLE')).toBe('ERROR'); // 76
  });

  it('FATHER_NOT_FOUND fires for a father not in the registry, and not when no father is given', () => {
    const { father: _omitted, ...withoutFather } = clean;
    expect(runRegistryChecks(withoutFather).map((c) => c.code)).toEqual(['FATHER_NOT_FOUND']);
    expect(runRegistryChecks({ ...withoutFather, fatherGiven: false }).map((c) => c.code)).toEqual([]);
  });

  it('FATHER_NOT_MALE fires for a woman given as father', () => {
    expect(codes({ father: { sex: 'FEMALE' } })).toEqual(['FATHER_NOT_MALE']);
  });

  it('POSSIBLE_DUPLICATE fires for another birth of the mother within 7 days, but not for a recorded twin', () => {
    const other = { registrationId: 'r0', birthDate: { year: 2026, month: 11, day: 18 } };
    expect(codes({ otherBirthsOfMother: [other] })).toEqual(['POSSIBLE_DUPLICATE']);
    expect(codes({ otherBirthsOfMother: [{ ...other, birthDate: { year: 2026, month: 11, day: 10 } }] })).toEqual([]);
    const twin = { count: 2, order: 2 };
    expect(codes({ multipleBirth: twin, otherBirthsOfMother: [{ ...other, multipleBirth: { count: 2, order: 1 } }] })).toEqual([]);
    expect(codes({ multipleBirth: twin, otherBirthsOfMother: [{ ...other, multipleBirth: { count: 2, order: 2 } }] })).toEqual([
      'POSSIBLE_DUPLICATE',
    ]);
    expect(codes({ multipleBirth: twin, otherBirthsOfMother: [other] })).toEqual(['POSSIBLE_DUPLICATE']);
  });

  it('POSSIBLE_DUPLICATE names the other registrations it found, so the registrar can open them', () => {
    const near = { registrationId: 'r-near', birthDate: { year: 2026, month: 11, day: 18 } };
    const far = { registrationId: 'r-far', birthDate: { year: 2026, month: 10, day: 1 } };
    const also = { registrationId: 'r-also', birthDate: { year: 2026, month: 11, day: 22 } };
    const found = runRegistryChecks({ ...clean, otherBirthsOfMother: [near, far, also] }).find((c) => c.code === 'POSSIBLE_DUPLICATE');
    expect(found?.relatedRegistrationIds).toEqual(['r-near', 'r-also']);
    expect(runRegistryChecks({ ...clean, hasMarriageRecord: false }).every((c) => c.relatedRegistrationIds === undefined)).toBe(true);
  });

  it('LATE_REGISTRATION fires 61 days after the birth, not 60', () => {
    expect(codes({ birthDate: { year: 2026, month: 9, day: 21 }, receivedOn: { year: 2026, month: 11, day: 21 } })).toEqual([
      'LATE_REGISTRATION',
    ]);
    expect(codes({ birthDate: { year: 2026, month: 9, day: 22 }, receivedOn: { year: 2026, month: 11, day: 21 } })).toEqual([]);
  });

  it('NO_MARRIAGE_RECORD is INFO: the akta names the mother only', () => {
    expect(runRegistryChecks({ ...clean, hasMarriageRecord: false })).toEqual([
      expect.objectContaining({ code: 'NO_MARRIAGE_RECORD', severity: 'INFO' }),
    ]);
  });

  it('gives every finding a message in Indonesian and English', () => {
    const { family: _f, mother: _m, father: _d, ...nothing } = clean;
    const all = runRegistryChecks({ ...nothing, motherInFamily: false, hasMarriageRecord: false });
    for (const c of all) {
      expect(c.message.id.length).toBeGreaterThan(10);
      expect(c.message.en.length).toBeGreaterThan(10);
    }
  });
});
