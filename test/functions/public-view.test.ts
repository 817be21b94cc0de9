import { describe, expect, it } from 'vitest';
import { PARENT_REJECTION_WORDING, parentRejection } from '../../functions/shared/public-view.js';

/** What parents are told a rejection was for (their next step depends on it: web/src/parents-messages.ts). */
describe('parentRejection', () => {
  it('a registry rejection because the family lives in another regency is OUT_OF_AREA to the parents (their own Dukcapil), not a hospital correction', () => {
    const view = parentRejection({ source: 'REGISTRY_CHECKS', reason: 'x', codes: ['OUT_OF_JURISDICTION'] });
    expect(view).toEqual({ reasonCode: 'OUT_OF_AREA', reason: PARENT_REJECTION_WORDING.OUT_OF_AREA });
  });

  it('any other registry rejection: the hospital corrects and notifies again', () => {
    expect(parentRejection({ source: 'REGISTRY_CHECKS', reason: 'x', codes: ['MOTHER_NOT_FOUND'] })).toEqual({
      reasonCode: 'REGISTRY_CHECKS',
      reason: PARENT_REJECTION_WORDING.REGISTRY_CHECKS,
    });
  });

  it("a registrar's rejection: its reason code and standard wording (Indonesian when asked), never the registrar's own text", () => {
    const view = parentRejection({ source: 'REGISTRAR', reason: 'Hubungi Pak Budi', reasonCode: 'DOCUMENTS_MISSING' }, 'id');
    expect(view.reasonCode).toBe('DOCUMENTS_MISSING');
    expect(view.reason).toMatch(/Dokumen yang diperlukan belum lengkap/);
    expect(parentRejection({ source: 'REGISTRAR', reason: 'Hubungi Pak Budi' }).reasonCode).toBe('OTHER');
  });
});
