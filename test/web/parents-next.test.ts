import { describe, expect, it } from 'vitest';
import { REGISTRATION_STATUSES } from '../../domain/registration-lifecycle.js';
import { PARENT_REJECTION_REASONS } from '../../api/schemas.js';
import { id } from '../../web/src/messages.js';
import { en } from '../../web/src/messages-en.js';
import { RAW_CODE } from '../../web/src/message-scan.js';
import { parentNextSteps, telLink, whatsAppLink } from '../../web/src/parents-next.js';

/** Issue 16 item 6: every status a parent can see has a plain next step, and the office's contact where the office is the next step. */
describe('the parents’ next steps', () => {
  it('every status has a status line and at least one next step, in both languages, with no raw code', () => {
    for (const status of REGISTRATION_STATUSES) {
      const next = parentNextSteps({ status });
      expect(next.steps.length, status).toBeGreaterThan(0);
      for (const key of [next.status, ...next.steps]) {
        expect(id[key], key).toBeTruthy();
        expect(en[key], key).not.toBe(id[key]);
        expect(id[key].match(RAW_CODE), key).toBeNull();
      }
    }
  });

  it('in progress: what happens and who decides, no office visit; a late registration is the head of office’s', () => {
    expect(parentNextSteps({ status: 'RECEIVED' })).toMatchObject({ steps: ['parents.next.RECEIVED'], contact: false });
    expect(parentNextSteps({ status: 'AWAITING_APPROVAL', decidableBy: 'REGISTRAR' })).toMatchObject({ steps: ['parents.next.AWAITING_APPROVAL'], contact: false });
    expect(parentNextSteps({ status: 'AWAITING_APPROVAL', decidableBy: 'HEAD_OF_OFFICE' }).steps).toEqual(['parents.next.late']);
    expect(id['parents.next.late']).toMatch(/Kepala Dinas/);
    expect(parentNextSteps({ status: 'ISSUING' }).contact).toBe(false);
  });

  it('every rejection reason: its label (never the code) and its own next step', () => {
    for (const reasonCode of PARENT_REJECTION_REASONS) {
      const next = parentNextSteps({ status: 'REJECTED', rejection: { reason: '…', reasonCode } });
      expect(next.status).toBe('parents.status.REJECTED');
      expect(next.reason, reasonCode).toBeDefined();
      expect(id[next.reason!]).not.toContain(reasonCode);
    }
    expect(parentNextSteps({ status: 'REJECTED', rejection: { reason: '…', reasonCode: 'DATA_MISMATCH' } })).toMatchObject({ steps: ['parents.next.rejected.hospital'], bring: true, contact: true });
    expect(parentNextSteps({ status: 'REJECTED', rejection: { reason: '…', reasonCode: 'DOCUMENTS_MISSING' } })).toMatchObject({ bring: true, contact: true });
    expect(parentNextSteps({ status: 'REJECTED', rejection: { reason: '…', reasonCode: 'DUPLICATE' } })).toMatchObject({ bring: false, contact: true });
  });

  it('out of the regency: to their own regency’s Dukcapil with the documents, not this office’s contact', () => {
    const next = parentNextSteps({ status: 'REJECTED', rejection: { reason: '…', reasonCode: 'OUT_OF_AREA' } });
    expect(next).toMatchObject({ steps: ['parents.next.rejected.OUT_OF_AREA'], bring: true, contact: false });
    expect(id['parents.next.rejected.OUT_OF_AREA']).toMatch(/Dinas Dukcapil kabupaten\/kota Anda sendiri/);
  });

  it('FAILED and REVOKED: the office handles it, with its contact; REVOKED says the documents are no longer valid', () => {
    expect(parentNextSteps({ status: 'FAILED' })).toMatchObject({ steps: ['parents.next.FAILED'], contact: true });
    expect(parentNextSteps({ status: 'REVOKED' })).toMatchObject({ steps: ['parents.next.REVOKED'], contact: true });
    expect(id['parents.next.REVOKED']).toMatch(/tidak berlaku lagi/);
  });

  it('COMPLETED: what to do with the documents, and the KIA by its status (card from the office, a photo first, or the KTP-el)', () => {
    const issued = (childIdCardStatus: 'ISSUED' | 'AWAITING_PHOTO' | 'NOT_ELIGIBLE') => parentNextSteps({ status: 'COMPLETED', issued: { childIdCardStatus } as never });
    expect(issued('ISSUED')).toMatchObject({ status: 'status.COMPLETED', steps: ['parents.next.COMPLETED'], kia: 'parents.next.kiaCard' });
    // Not "KIA issued" in the status line when it was not.
    expect(issued('AWAITING_PHOTO')).toMatchObject({ status: 'parents.status.COMPLETED.noKia', kia: 'parents.next.kiaPhoto' });
    expect(issued('NOT_ELIGIBLE')).toMatchObject({ status: 'parents.status.COMPLETED.noKia', kia: 'parents.next.ktp' });
    expect(id['parents.status.COMPLETED.noKia']).not.toMatch(/KIA/);
    expect(parentNextSteps({ status: 'COMPLETED' }).contact).toBe(true);
  });

  it('links a phone can follow: tel: and wa.me with the international number', () => {
    expect(telLink('+62 333 000 000')).toBe('tel:+62333000000');
    expect(whatsAppLink('+62 812 0000 0000')).toBe('https://wa.me/6281200000000');
    expect(whatsAppLink('0812-0000-0000')).toBe('https://wa.me/6281200000000');
  });
});
