import { describe, expect, it } from 'vitest';
import {
  completedSms,
  maskPhone,
  NotificationEvent,
  rejectedSms,
  shortOfficeName,
  shortRejectionReason,
  toE164Indonesia,
  webhookEvent,
} from '../../domain/notification-messages.js';

const id = '0b6f7c1e-4a0c-4f57-9a51-2f1d1e6c9a10';

describe('the SMS to the parents', () => {
  it('says the akta is ready and where to fetch it, and nothing about who the child is', () => {
    const text = completedSms({
      officeName: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi',
      downloadUrl: `https://lahir.banyuwangikab.go.id/v1/births/${id}/documents`,
      registrationId: id,
    });
    expect(text).toBe(
      'Dukcapil Banyuwangi: Akta kelahiran anak Anda sudah terbit. ' +
        `Unduh di https://lahir.banyuwangikab.go.id/v1/births/${id}/documents dengan kode akses dari rumah sakit. No. registrasi: ${id}`,
    );
    expect(text).not.toMatch(/\d{16}/);
  });

  it('says why a registration was rejected in a few words, and never repeats the registrar', () => {
    const office = 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi';
    expect(rejectedSms({ officeName: office, rejection: { source: 'REGISTRY_CHECKS', codes: ['FAMILY_NOT_FOUND'] }, registrationId: id })).toBe(
      `Dukcapil Banyuwangi: Akta kelahiran anak Anda belum dapat diterbitkan: nomor KK tidak ditemukan. Hubungi rumah sakit. No. registrasi: ${id}`,
    );
    expect(shortRejectionReason({ source: 'REGISTRY_CHECKS', codes: ['MOTHER_NOT_FOUND', 'FATHER_NOT_FOUND'] })).toBe(
      'NIK ibu tidak ditemukan (dan lainnya)',
    );
    expect(shortRejectionReason({ source: 'REGISTRY_CHECKS', codes: ['SOMETHING_NEW'] })).toBe('data tidak sesuai dengan data kependudukan');
    expect(shortRejectionReason({ source: 'REGISTRAR' })).toBe('ditolak petugas pencatatan sipil');
    expect(shortRejectionReason(undefined)).toBe('data tidak sesuai dengan data kependudukan');
  });

  it('names the office the way people say it', () => {
    expect(shortOfficeName('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi')).toBe('Dukcapil Banyuwangi');
    expect(shortOfficeName('Dinas Dukcapil Kab. Jember')).toBe('Dukcapil Jember');
    expect(shortOfficeName('Dinas Kependudukan dan Pencatatan Sipil Kota Surabaya')).toBe('Dukcapil Kota Surabaya');
    expect(shortOfficeName('Kantor Catatan Sipil')).toBe('Kantor Catatan Sipil');
  });
});

describe('phone numbers', () => {
  it('are sent in E.164 and shown masked', () => {
    for (const phone of ['081234567890', '6281234567890', '+62 812-3456-7890', '+6281234567890']) expect(toE164Indonesia(phone)).toBe('+6281234567890');
    expect(() => toE164Indonesia('02112345678')).toThrow(RangeError);
    expect(maskPhone('+6281234567890')).toBe('+62812****7890');
    expect(maskPhone('+628123')).toBe('****');
  });
});

describe('the webhook event', () => {
  const common = { id: 'evt_1', registrationId: id, notificationId: 'RSUD-1', occurredAt: '2026-11-23T01:00:00.000Z' };

  it('carries ids, status and a link for a completion', () => {
    expect(webhookEvent({ ...common, type: NotificationEvent.COMPLETED })).toEqual({
      ...common,
      type: 'registration.completed',
      status: 'COMPLETED',
      link: `/v1/births/${id}`,
    });
  });

  it('carries the fields to correct for a rejection: not the registry codes, not the free-text reason', () => {
    expect(webhookEvent({ ...common, type: NotificationEvent.REJECTED, rejection: { source: 'REGISTRY_CHECKS', codes: ['MOTHER_NOT_FOUND', 'MOTHER_NOT_FEMALE', 'POSSIBLE_DUPLICATE'] } })).toEqual({
      ...common,
      type: 'registration.rejected',
      status: 'REJECTED',
      link: `/v1/births/${id}`,
      rejection: { source: 'REGISTRY_CHECKS', fields: ['mother.nik'] },
    });
  });
});
