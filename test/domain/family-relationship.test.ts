import { describe, expect, it } from 'vitest';
import {
  canonicalRelationship,
  FAMILY_RELATIONSHIPS,
  newbornRelationship,
  parseRelationship,
  relationshipLabel,
} from '../../domain/family-relationship.js';

describe('SHDK, the relationship to the head on the family card', () => {
  it('has the eleven values of the KK, each with its printed label', () => {
    expect(FAMILY_RELATIONSHIPS.map((code) => relationshipLabel(code, 'FEMALE'))).toEqual([
      'KEPALA KELUARGA', 'SUAMI', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANG TUA', 'MERTUA', 'FAMILI LAIN', 'PEMBANTU', 'LAINNYA',
    ]);
  });

  it('keeps the first four codes valid: a spouse is ISTRI or SUAMI by sex, OTHER prints FAMILI LAIN as before', () => {
    expect(canonicalRelationship('HEAD', 'MALE')).toBe('KEPALA_KELUARGA');
    expect(canonicalRelationship('SPOUSE', 'FEMALE')).toBe('ISTRI');
    expect(canonicalRelationship('SPOUSE', 'MALE')).toBe('SUAMI');
    expect(canonicalRelationship('CHILD', 'MALE')).toBe('ANAK');
    expect(canonicalRelationship('OTHER', 'MALE')).toBe('FAMILI_LAIN');
  });

  it('reads an export written as codes, as the form words in any case, or as the first codes', () => {
    expect(parseRelationship('kepala keluarga', 'MALE')).toBe('KEPALA_KELUARGA');
    expect(parseRelationship('Orang Tua', 'FEMALE')).toBe('ORANG_TUA');
    expect(parseRelationship('FAMILI_LAIN', 'FEMALE')).toBe('FAMILI_LAIN');
    expect(parseRelationship('SPOUSE', 'FEMALE')).toBe('ISTRI');
    expect(parseRelationship('sepupu', 'FEMALE')).toBeUndefined();
    expect(parseRelationship('', 'FEMALE')).toBeUndefined();
  });

  it("derives the newborn's from its mother's place: ANAK of the head or the head's spouse, CUCU of the head's child or menantu", () => {
    expect(newbornRelationship('KEPALA_KELUARGA')).toBe('ANAK');
    expect(newbornRelationship('ISTRI')).toBe('ANAK');
    expect(newbornRelationship('SPOUSE')).toBe('ANAK');
    expect(newbornRelationship('ANAK')).toBe('CUCU');
    expect(newbornRelationship('CHILD')).toBe('CUCU');
    expect(newbornRelationship('MENANTU')).toBe('CUCU');
  });

  it('makes the child of any other relative FAMILI LAIN, and of a household helper LAINNYA', () => {
    for (const mother of ['CUCU', 'ORANG_TUA', 'MERTUA', 'FAMILI_LAIN', 'OTHER'] as const) expect(newbornRelationship(mother), mother).toBe('FAMILI_LAIN');
    expect(newbornRelationship('PEMBANTU')).toBe('LAINNYA');
    expect(newbornRelationship('LAINNYA')).toBe('LAINNYA');
  });
});
