import { describe, expect, it } from 'vitest';
import type { DocumentState } from '../../domain/document-state.js';
import { renderVerificationPage } from '../../functions/verify-document/page.js';

const genuine = (state: DocumentState, extra: { validThrough?: string } = {}) => ({
  valid: state.status === 'ACTIVE',
  state,
  type: 'CHILD_ID_CARD' as const,
  typeName: 'Kartu Identitas Anak',
  number: '351016********01',
  issuedAt: '2026-11-21T03:00:00.000Z',
  issuer: { officeName: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi', officialName: 'DRS. HENDRA WIJAYA', officialTitle: 'Kepala Dinas' },
  subject: { name: 'K****** P******' },
  ...extra,
});

describe('the verification page says the state in Indonesian', () => {
  it.each([
    [{ status: 'ACTIVE' } as const, 'Dokumen ASLI dan BERLAKU'],
    [{ status: 'SUPERSEDED', since: '2026-11-25T02:00:00.000Z' } as const, 'SUDAH DIGANTI'],
    [{ status: 'REVOKED', since: '2026-11-26T02:00:00.000Z' } as const, 'Dokumen DIBATALKAN'],
    [{ status: 'EXPIRED', since: '2031-11-21' } as const, 'MASA BERLAKUNYA HABIS'],
  ])('%o', (state, verdict) => {
    const page = renderVerificationPage(genuine(state, { validThrough: '2031-11-20' }));
    expect(page).toContain(verdict);
    expect(page).toContain('K****** P******');
  });

  it('gives the date superseded and the advice to ask for the current one', () => {
    const page = renderVerificationPage(genuine({ status: 'SUPERSEDED', since: '2026-11-25T02:00:00.000Z' }));
    expect(page).toContain('Sejak 25 November 2026 ada versi yang lebih baru');
    expect(page).toContain('Mintalah dokumen yang terbaru');
  });

  it('gives a KIA’s last valid day as the date it held until', () => {
    expect(renderVerificationPage(genuine({ status: 'EXPIRED', since: '2031-11-21' }, { validThrough: '2031-11-20' }))).toContain('berlaku sampai 20 November 2031');
  });

  it('says not verifiable for an unknown or altered document', () => {
    expect(renderVerificationPage({ valid: false })).toContain('TIDAK DAPAT DIVERIFIKASI');
  });
});
