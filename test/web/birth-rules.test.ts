import { describe, expect, it } from 'vitest';
import { BirthNotificationSchema } from '../../api/requests.js';
import { checkBirth, notificationBody, valuesOf } from '../../web/src/birth-rules.js';

/** The hospital form's checks in the browser (web/src/birth-rules.ts), against the API's own schema. */
const complete = {
  notificationId: 'RM-2026-0001',
  'child.name': 'Ayu Lestari',
  'child.sex': 'FEMALE',
  'child.birthDateTime': '2026-11-20T06:40',
  offset: '+07:00',
  'child.birthOrder': '1',
  multiple: 'no',
  'child.weightGrams': '3050',
  'child.lengthCm': '48,5',
  'mother.nik': '3510165203950001',
  familyCardNumber: '3510160101200001',
  'attendant.type': 'MIDWIFE',
  'attendant.name': 'Bidan Sri Wahyuni',
  contactPhone: '081234567890',
};
const NOW = Date.parse('2026-11-21T00:00:00Z');

describe('hospital form rules', () => {
  it('a complete form passes, and its body is one the API accepts', () => {
    expect(checkBirth(complete, NOW)).toEqual([]);
    const parsed = BirthNotificationSchema.safeParse(notificationBody(complete));
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data?.child.lengthCm).toBe(48.5);
  });

  it('nothing is chosen for the midwife: sex, attendant and single/twins are required', () => {
    const { ['child.sex']: _s, ['attendant.type']: _a, multiple: _m, ...rest } = complete;
    expect(checkBirth(rest, NOW).map((i) => `${i.path} ${i.code}`)).toEqual(['child.sex REQUIRED', 'attendant.type REQUIRED', 'multiple REQUIRED']);
  });

  it('twins need the count and the order, the order within the count; the body carries multipleBirth', () => {
    const twins = { ...complete, multiple: 'yes', 'child.multipleBirth.count': '2', 'child.multipleBirth.order': '3' };
    expect(checkBirth(twins, NOW).map((i) => `${i.path} ${i.code}`)).toEqual(['child.multipleBirth.order MULTIPLE_ORDER']);
    const ok = { ...twins, 'child.multipleBirth.order': '2' };
    expect(BirthNotificationSchema.parse(notificationBody(ok)).child.multipleBirth).toEqual({ count: 2, order: 2 });
  });

  it('the API’s limits are checked before sending: weight, NIK digits, phone, a birth in the future', () => {
    const wrong = { ...complete, 'child.weightGrams': '99999', 'mother.nik': '35101652', contactPhone: '12345', 'child.birthDateTime': '2026-11-22T06:40' };
    expect(checkBirth(wrong, NOW).map((i) => `${i.path} ${i.code}`)).toEqual([
      'child.birthDateTime BIRTH_IN_FUTURE',
      'child.weightGrams WEIGHT_HIGH',
      'mother.nik NIK_DIGITS',
      'contactPhone PHONE',
    ]);
  });

  it('a sent notification comes back as the same form values, without its notificationId ("perbaiki & kirim ulang")', () => {
    const { notificationId: _n, ...rest } = complete;
    expect(valuesOf(notificationBody(complete))).toEqual({ ...rest, 'child.lengthCm': '48.5' });
  });
});
