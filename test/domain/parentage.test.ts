import { describe, expect, it } from 'vitest';
import { aktaParentage } from '../../domain/parentage.js';

describe('whom the akta names (Permendagri 9/2016)', () => {
  it('names both parents with a marriage record and a father', () => {
    expect(aktaParentage({ hasMarriageRecord: true, hasSpousesSptjm: false, fatherNamed: true })).toBe('MARRIED');
  });

  it('names both parents, marriage not yet recorded, with the spouses’ SPTJM and a father', () => {
    expect(aktaParentage({ hasMarriageRecord: false, hasSpousesSptjm: true, fatherNamed: true })).toBe('MARRIAGE_NOT_RECORDED');
  });

  it('names the mother only without a marriage record and without an SPTJM, or without a father', () => {
    expect(aktaParentage({ hasMarriageRecord: false, hasSpousesSptjm: false, fatherNamed: true })).toBe('MOTHER_ONLY');
    expect(aktaParentage({ hasMarriageRecord: false, hasSpousesSptjm: true, fatherNamed: false })).toBe('MOTHER_ONLY');
    expect(aktaParentage({ hasMarriageRecord: true, hasSpousesSptjm: false, fatherNamed: false })).toBe('MOTHER_ONLY');
  });
});
