import { describe, expect, it } from 'vitest';
import { childIdCardIssued, childIdCardPlan, CHILD_ID_CARD_NOTES } from '../../domain/child-id-card.js';
import { completedSms } from '../../domain/notification-messages.js';

const born = { year: 2020, month: 6, day: 10 };

describe('the KIA of a child registered late (Permendagri 2/2016)', () => {
  it('is the 0-5 kind, issued, until the day before the 5th birthday', () => {
    expect(childIdCardPlan(born, { year: 2025, month: 6, day: 9 })).toEqual({ status: 'ISSUED', kind: 'KIA_0_5', validThrough: { year: 2025, month: 6, day: 9 } });
  });

  it('from the 5th birthday: the 5-17 kind, waiting for a photo, valid to the day before the 17th birthday', () => {
    expect(childIdCardPlan(born, { year: 2025, month: 6, day: 10 })).toEqual({ status: 'AWAITING_PHOTO', kind: 'KIA_5_17', validThrough: { year: 2037, month: 6, day: 9 } });
    expect(childIdCardPlan(born, { year: 2037, month: 6, day: 9 }).status).toBe('AWAITING_PHOTO');
  });

  it('from the 17th birthday: none', () => {
    expect(childIdCardPlan(born, { year: 2037, month: 6, day: 10 })).toEqual({ status: 'NOT_ELIGIBLE' });
  });

  it('takes 1 March as the birthday of a 29 February child in a common year', () => {
    const leap = { year: 2020, month: 2, day: 29 };
    expect(childIdCardPlan(leap, { year: 2025, month: 2, day: 28 }).status).toBe('ISSUED');
    expect(childIdCardPlan(leap, { year: 2025, month: 3, day: 1 })).toMatchObject({ status: 'AWAITING_PHOTO', validThrough: { year: 2037, month: 2, day: 28 } });
  });

  it('reads a registration without a status (before this rule) as issued', () => {
    expect(childIdCardIssued({})).toBe(true);
    expect(childIdCardIssued({ childIdCardStatus: 'AWAITING_PHOTO' })).toBe(false);
  });

  it('tells the parents to bring the child for the photo, in the SMS too', () => {
    expect(CHILD_ID_CARD_NOTES.AWAITING_PHOTO.id).toMatch(/foto anak/);
    const sms = completedSms({ officeName: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi', downloadUrl: 'https://x/d', registrationId: 'r1', childIdCardStatus: 'AWAITING_PHOTO' });
    expect(sms).toContain('KIA menunggu foto anak di kantor Dukcapil.');
    expect(completedSms({ officeName: 'Dukcapil Banyuwangi', downloadUrl: 'https://x/d', registrationId: 'r1' })).not.toContain('KIA');
  });
});
