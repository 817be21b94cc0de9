import { describe, expect, it } from 'vitest';
import { decidableBy, familyCardMayHoldDuplicate, hasErrors, runRegistryChecks, type CheckCode, type CheckInput } from '../../domain/registry-checks.js';

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

  it('FATHER_NOT_FOUND warns (never rejects) for a father not in the registry, and does not fire when no father is given', () => {
    const { father: _omitted, ...withoutFather } = clean;
    expect(runRegistryChecks(withoutFather).map((c) => [c.code, c.severity])).toEqual([['FATHER_NOT_FOUND', 'WARNING']]);
    expect(hasErrors(runRegistryChecks(withoutFather))).toBe(false);
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

describe('registry checks of the second pass (issue 13)', () => {
  it('NAME_SINGLE_WORD warns about a one-word name and not about two words', () => {
    expect(codes({ childName: 'Kabisat' })).toEqual(['NAME_SINGLE_WORD']);
    expect(severityOf({ childName: 'Kabisat' }, 'NAME_SINGLE_WORD')).toBe('WARNING');
    expect(codes({ childName: 'Kabisat Putra' })).toEqual([]);
  });
});

describe('an omitted family card number (issue 13 item 10)', () => {
  it('FAMILY_CARD_FROM_REGISTRY (INFO) says the mother’s card in the registry was used', () => {
    expect(runRegistryChecks({ ...clean, familyCardGiven: false }).map((c) => [c.code, c.severity])).toEqual([['FAMILY_CARD_FROM_REGISTRY', 'INFO']]);
    expect(codes({ familyCardGiven: true })).toEqual([]);
  });

  it('an unknown mother with no KK number given is MOTHER_NOT_FOUND alone; a known mother without a card is FAMILY_NOT_FOUND', () => {
    const { family: _f, mother: _m, ...unknown } = clean;
    expect(runRegistryChecks({ ...unknown, familyCardGiven: false, motherInFamily: false }).map((c) => c.code)).toEqual(['MOTHER_NOT_FOUND']);
    const { family: _g, ...cardless } = clean;
    expect(runRegistryChecks({ ...cardless, familyCardGiven: false, motherInFamily: false }).map((c) => c.code)).toEqual(['FAMILY_NOT_FOUND']);
  });
});

describe('parents without a recorded marriage (issue 13 item 6)', () => {
  it('MARRIAGE_NOT_RECORDED (INFO) instead of NO_MARRIAGE_RECORD with the spouses’ SPTJM and a father', () => {
    expect(codes({ hasMarriageRecord: false, hasSpousesSptjm: true })).toEqual(['MARRIAGE_NOT_RECORDED']);
    expect(severityOf({ hasMarriageRecord: false, hasSpousesSptjm: true }, 'MARRIAGE_NOT_RECORDED')).toBe('INFO');
    expect(codes({ hasMarriageRecord: false })).toEqual(['NO_MARRIAGE_RECORD']);
    const { father: _f, ...fatherless } = clean;
    expect(runRegistryChecks({ ...fatherless, fatherGiven: false, hasMarriageRecord: false, hasSpousesSptjm: true }).map((c) => c.code)).toEqual(['NO_MARRIAGE_RECORD']);
  });
});

describe('duplicates against the family card, and twins (issue 13)', () => {
  const day = (d: number) => ({ year: 2026, month: 11, day: d });
  const twin = (order: number, count = 2) => ({ count, order });

  it('POSSIBLE_DUPLICATE fires for a child already on the KK born within 7 days, not 8 days away', () => {
    expect(codes({ earlierMembersOfFamily: [{ birthDate: day(13) }] })).toEqual(['POSSIBLE_DUPLICATE']);
    expect(codes({ earlierMembersOfFamily: [{ birthDate: day(27) }] })).toEqual(['POSSIBLE_DUPLICATE']);
    expect(codes({ earlierMembersOfFamily: [{ birthDate: day(12) }, { birthDate: day(28) }, { birthDate: { year: 1995, month: 3, day: 12 } }] })).toEqual([]);
  });

  it('does not flag the KK child when this birth is recorded as a multiple birth, and flags once when both sources match', () => {
    expect(codes({ multipleBirth: twin(2), earlierMembersOfFamily: [{ birthDate: day(20) }] })).toEqual([]);
    const other = { registrationId: 'r0', birthDate: day(20) };
    expect(codes({ otherBirthsOfMother: [other], earlierMembersOfFamily: [{ birthDate: day(20) }] })).toEqual(['POSSIBLE_DUPLICATE']);
  });

  it("needs the card's members only when their latest birth date can lie within 7 days, or is unknown", () => {
    const needed = (latest: ReturnType<typeof day> | undefined, multipleBirth?: ReturnType<typeof twin>) =>
      familyCardMayHoldDuplicate({ birthDate: day(20), latestEarlierMemberBirthDate: latest, multipleBirth });
    expect(needed({ year: 2021, month: 9, day: 2 })).toBe(false); // the usual family: its youngest is years old
    expect(needed(day(12))).toBe(false); // 8 days before: no member can be within the window
    expect(needed(day(13))).toBe(true); // 7 days before
    expect(needed(day(28))).toBe(true); // a later member: an earlier one may still be near
    expect(needed(undefined)).toBe(true); // a family imported before the date was kept
    expect(needed(day(20), twin(2))).toBe(false); // a recorded multiple birth is never flagged against the card
    // Whenever it says no, the checks could not have flagged the card anyway.
    for (let d = 1; d <= 30; d += 1) {
      if (!needed(day(d))) expect(codes({ earlierMembersOfFamily: [{ birthDate: day(d) }] })).toEqual([]);
    }
  });

  it('MULTIPLE_BIRTH_INCONSISTENT warns when recorded siblings share a birth order or differ in count', () => {
    const sibling = (birthOrder: number, multipleBirth: { count: number; order: number }) => ({ registrationId: 'r0', birthDate: day(20), birthOrder, multipleBirth });
    expect(codes({ birthOrder: 2, multipleBirth: twin(2), otherBirthsOfMother: [sibling(1, twin(1))] })).toEqual([]);
    expect(codes({ birthOrder: 1, multipleBirth: twin(2), otherBirthsOfMother: [sibling(1, twin(1))] })).toEqual(['MULTIPLE_BIRTH_INCONSISTENT']);
    expect(codes({ birthOrder: 2, multipleBirth: twin(2, 3), otherBirthsOfMother: [sibling(1, twin(1, 2))] })).toEqual(['MULTIPLE_BIRTH_INCONSISTENT']);
    expect(severityOf({ birthOrder: 1, multipleBirth: twin(2), otherBirthsOfMother: [sibling(1, twin(1))] }, 'MULTIPLE_BIRTH_INCONSISTENT')).toBe('WARNING');
  });

  it('leaves the same multipleBirth.order to POSSIBLE_DUPLICATE, and siblings 8 days apart alone', () => {
    const sibling = { registrationId: 'r0', birthDate: day(20), birthOrder: 1, multipleBirth: twin(2) };
    expect(codes({ birthOrder: 2, multipleBirth: twin(2), otherBirthsOfMother: [sibling] })).toEqual(['POSSIBLE_DUPLICATE']);
    expect(codes({ birthOrder: 1, multipleBirth: twin(2, 3), otherBirthsOfMother: [{ ...sibling, birthDate: day(12), multipleBirth: twin(1) }] })).toEqual([]);
  });
});

describe('who may decide a case', () => {
  it('is the head of office for a late registration, any registrar otherwise', () => {
    expect(decidableBy([{ code: 'LATE_REGISTRATION' }, { code: 'NO_MARRIAGE_RECORD' }])).toBe('HEAD_OF_OFFICE');
    expect(decidableBy([{ code: 'POSSIBLE_DUPLICATE' }])).toBe('REGISTRAR');
    expect(decidableBy([])).toBe('REGISTRAR');
    expect(decidableBy(undefined)).toBe('REGISTRAR');
  });
});
