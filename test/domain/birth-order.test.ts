import { describe, expect, it } from 'vitest';
import { birthOrderFromFamily } from '../../domain/birth-order.js';

const MOTHER = '3510165203950001';
const family = (motherRelationship: string, ...children: string[]) => [
  { nik: '3510161407920001', relationship: 'HEAD', birthDate: '1992-07-14' },
  { nik: MOTHER, relationship: motherRelationship, birthDate: '1995-03-12' },
  ...children.map((birthDate, i) => ({ nik: `35101602092100${String(i).padStart(2, '0')}`, relationship: 'CHILD', birthDate })),
];

describe('the birth order from the family card', () => {
  it('is the mother’s children on the card + 1', () => {
    expect(birthOrderFromFamily({ members: family('SPOUSE', '2021-09-02'), motherNik: MOTHER, birthDateTime: '2026-11-20T01:15:00Z' })).toBe(2);
    expect(birthOrderFromFamily({ members: family('SPOUSE'), motherNik: MOTHER, birthDateTime: '2026-11-20T01:15:00Z' })).toBe(1);
    expect(birthOrderFromFamily({ members: [], motherNik: MOTHER, birthDateTime: '2026-11-20T01:15:00Z' })).toBe(1);
  });

  it('does not count the same delivery: twins get n+1 and n+2 whichever is registered first, and a replay the same order', () => {
    const twinOneRegistered = family('SPOUSE', '2021-09-02', '2026-11-20');
    expect(birthOrderFromFamily({ members: twinOneRegistered, motherNik: MOTHER, birthDateTime: '2026-11-20T01:21:00Z', orderInDelivery: 2 })).toBe(3);
    expect(birthOrderFromFamily({ members: twinOneRegistered, motherNik: MOTHER, birthDateTime: '2026-11-20T01:15:00Z', orderInDelivery: 1 })).toBe(2);
    // Born 00:30 WIB on the 21st is 17:30 UTC on the 20th: the card's date is still the same delivery.
    expect(birthOrderFromFamily({ members: family('HEAD', '2026-11-21'), motherNik: MOTHER, birthDateTime: '2026-11-20T17:30:00Z' })).toBe(1);
  });

  it('counts no children for a mother who is not the head or the head’s spouse (her siblings are CHILD on that card)', () => {
    expect(birthOrderFromFamily({ members: family('CHILD', '2021-09-02'), motherNik: MOTHER, birthDateTime: '2026-11-20T01:15:00Z' })).toBe(1);
  });
});
