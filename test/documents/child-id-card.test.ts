import { beforeAll, describe, expect, it } from 'vitest';
import { KIA_OWNERSHIP_NOTE } from '../../documents/child-id-card-pdf.js';
import { PAGE_SIZES, renderDocument } from '../../documents/render.js';
import { VERIFICATION_URL, childIdCard } from '../fixtures/documents/content.js';
import { type InspectedPdf, decodeQr, inspectPdf, overlappingText } from './pdf-inspect.js';

describe('KIA (kartu identitas anak), 0–5 years', () => {
  let bytes: Uint8Array;
  let pdf: InspectedPdf;
  beforeAll(async () => {
    bytes = await renderDocument(childIdCard(), { verificationUrl: VERIFICATION_URL });
    pdf = await inspectPdf(bytes);
  });

  it('is two ID-1 card pages (85.6 × 53.98 mm), front and back', () => {
    expect(PAGE_SIZES.ID1.width).toBeCloseTo(242.65, 1);
    expect(PAGE_SIZES.ID1.height).toBeCloseTo(153.01, 1);
    expect(pdf.pages).toHaveLength(2);
    for (const page of pdf.pages) {
      expect(Math.abs(page.width - 242.65)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(page.height - 153.01)).toBeLessThanOrEqual(0.5);
    }
  });

  it('lays its text out without overlaps', () => {
    for (const page of pdf.pages) expect(overlappingText(page.items)).toEqual([]);
  });

  it('front: who the child is, the family card, and the validity', () => {
    const front = pdf.pages[0]!.text;
    for (const text of [
      'PROVINSI JAWA TIMUR',
      'KABUPATEN BANYUWANGI',
      'KARTU IDENTITAS ANAK',
      'NIK : 3510162011260001',
      'MUHAMMAD ARKA SANTOSO',
      'BANYUWANGI, 20 November 2026',
      'LAKI-LAKI',
      'No. KK : 3510160203180004',
      'Kepala Keluarga : AGUS SANTOSO',
      'Berlaku hingga : 19 November 2031',
    ]) {
      expect(front).toContain(text);
    }
  });

  it('back: akta number, address, issuing office and date, ownership note', () => {
    const back = pdf.pages[1]!.text;
    for (const text of [
      'No. Akta Kelahiran : 3510-LT-20112026-0001',
      "JL. AHMAD YANI NO. 12, RT 003/RW",
      'PENGANJURAN',
      'Banyuwangi, 23 November 2026',
      'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi',
      KIA_OWNERSHIP_NOTE,
    ]) {
      expect(back).toContain(text);
    }
  });

  it('has the verification QR on the back only', () => {
    expect(decodeQr(bytes, 1, 300)).toBe(VERIFICATION_URL);
    expect(decodeQr(bytes, 0, 300)).toBeNull();
  });
});
