import { describe, expect, it } from 'vitest';
import { REGENCY_CODE, DISTRICT_CODE, VILLAGE_CODE } from '../../domain/region-codes.js';
import { CursorShapes, decodeCursor, encodeCursor } from '../../functions/shared/cursor.js';
import { ValidationError } from '../../functions/shared/errors.js';
import { searchKeyOf } from '../../functions/search-births/search-key.js';

/** Pure pieces of the HTTP handlers: no table, no stack. */
describe('the list cursor', () => {
  const key = { pk: 'FACILITY#rsud-blambangan', sk: 'SUB#2026-11-20T01:00:00.000Z#0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30' };
  const ownPartition = CursorShapes.facilitySubmissions('FACILITY#rsud-blambangan');

  it('gives back the key it was made from, and nothing on the last page', () => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ownPartition)).toEqual(key);
    expect(encodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(undefined, ownPartition)).toBeUndefined();
  });

  it('refuses, at `cursor`, a cursor of another partition and one it did not make', () => {
    const other = encodeCursor({ ...key, pk: 'FACILITY#rs-other' });
    const tampered = [
      { ...key, sk: 7 }, // a number where DynamoDB expects the key's string: 500 before the cursor's shape was checked
      { ...key, sk: { S: 'x' } },
      { ...key, extra: 'x' }, // an attribute the key does not have
      { pk: key.pk }, // one missing
      { ...key, sk: `SUB#${'x'.repeat(1500)}` }, // too long for a sort key
      [key.pk, key.sk],
    ];
    for (const cursor of [
      other,
      'not-a-cursor',
      encodeCursor({ pk: 1 } as unknown as Record<string, unknown>),
      Buffer.from('null').toString('base64url'),
      ...tampered.map((k) => encodeCursor(k as unknown as Record<string, unknown>)),
    ]) {
      let thrown: unknown;
      try {
        decodeCursor(cursor, ownPartition);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(cursor)).toBeInstanceOf(ValidationError);
      expect((thrown as ValidationError).body('en')['issues']).toEqual([{ path: 'cursor', code: 'CURSOR_INVALID', message: 'Not a cursor this API returned' }]);
    }
  });

  it('accepts the approval queue’s gsi1 key exactly', () => {
    const queueKey = {
      pk: 'REG#0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30',
      sk: 'REG',
      gsi1pk: 'APPROVAL#PENDING',
      gsi1sk: '2026-11-20T01:00:00.000Z#0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30',
    };
    expect(decodeCursor(encodeCursor(queueKey), CursorShapes.pendingApprovals())).toEqual(queueKey);
    expect(() => decodeCursor(encodeCursor({ ...queueKey, gsi1sk: 12 }), CursorShapes.pendingApprovals())).toThrow(ValidationError);
    expect(() => decodeCursor(encodeCursor({ ...queueKey, pk: 'REG#x' }), CursorShapes.pendingApprovals())).toThrow(ValidationError);
  });
});

describe('what a search is for', () => {
  it('tells a registration id, a NIK and an akta number apart by shape', () => {
    expect(searchKeyOf('0B8F8C5E-3F1E-4D6A-9C41-2A7D5E9B1C30')).toEqual({ kind: 'REGISTRATION_ID', value: '0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30' });
    expect(searchKeyOf('3510 1652 0395 0001')).toEqual({ kind: 'NIK', value: '3510165203950001' });
    expect(searchKeyOf('3510-lt-22112026-0001')).toEqual({ kind: 'AKTA_NUMBER', value: '3510-LT-22112026-0001' });
    expect(searchKeyOf('3510/LT/2026/0001')).toEqual({ kind: 'AKTA_NUMBER', value: '3510/LT/2026/0001' });
    expect(searchKeyOf('Siti')).toBeUndefined();
    expect(searchKeyOf('351016520395000')).toBeUndefined();
  });
});

describe('region codes', () => {
  it('are the Kemendagri shapes: regency, district, village', () => {
    expect(REGENCY_CODE.test('35.10')).toBe(true);
    expect(REGENCY_CODE.test('3510')).toBe(false);
    expect(DISTRICT_CODE.test('35.10.16')).toBe(true);
    expect(DISTRICT_CODE.test('35.10')).toBe(false);
    expect(VILLAGE_CODE.test('35.10.16.2001')).toBe(true);
    expect(VILLAGE_CODE.test('35.10.16.201')).toBe(false);
  });
});
