import { describe, expect, it } from 'vitest';
import { birthPlaceKindOf, BIRTH_PLACE_KIND_LABELS, BIRTH_PLACE_KINDS } from '../../domain/birth-report.js';

describe('the place of birth’s kind (form F-2.01)', () => {
  it('means HOSPITAL when a notification carries none (every notifier before the field was a hospital)', () => {
    expect(birthPlaceKindOf({})).toBe('HOSPITAL');
    expect(birthPlaceKindOf({ birthPlaceKind: 'HOME' })).toBe('HOME');
  });

  it('has an Indonesian label for every kind, the midwife’s practice under CLINIC', () => {
    expect(Object.keys(BIRTH_PLACE_KIND_LABELS)).toEqual([...BIRTH_PLACE_KINDS]);
    expect(BIRTH_PLACE_KIND_LABELS.CLINIC).toMatch(/bidan praktik mandiri/);
  });
});
