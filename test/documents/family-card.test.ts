import { beforeAll, describe, expect, it } from 'vitest';
import type { FamilyCardContent } from '../../documents/content.js';
import { renderDocument } from '../../documents/render.js';
import { VERIFICATION_URL, familyCard } from '../fixtures/documents/content.js';
import { type InspectedPdf, decodeQr, inspectPdf, overlappingText } from './pdf-inspect.js';

describe('kartu keluarga', () => {
  let bytes: Uint8Array;
  let pdf: InspectedPdf;
  beforeAll(async () => {
    bytes = await renderDocument(familyCard(), { verificationUrl: VERIFICATION_URL });
    pdf = await inspectPdf(bytes);
  });

  it('is one A4 landscape page', () => {
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]!.width).toBeCloseTo(841.89, 1);
    expect(pdf.pages[0]!.height).toBeCloseTo(595.28, 1);
  });

  it('lays its text out without overlaps', () => {
    for (const page of pdf.pages) expect(overlappingText(page.items)).toEqual([]);
  });

  it('shows the number, head of family and the address with its region codes', () => {
    for (const text of [
      'KARTU KELUARGA',
      'No. 3510160203180004',
      'Nama Kepala Keluarga : AGUS SANTOSO',
      "JL. AHMAD YANI NO. 12, RT 003/RW 005 (GG. MA'RUF)",
      'PENGANJURAN (35.10.16.2001)',
      'BANYUWANGI (35.10.16)',
      'KABUPATEN BANYUWANGI (35.10)',
      'JAWA TIMUR (35)',
    ]) {
      expect(pdf.text).toContain(text);
    }
  });

  it('lists every member with NIK, sex, birth, relationship and parents', () => {
    for (const heading of ['No', 'Nama Lengkap', 'NIK', 'Jenis Kelamin', 'Tempat Lahir', 'Tanggal Lahir', 'Status Hubungan dalam Keluarga', 'Nama Ayah', 'Nama Ibu']) {
      expect(pdf.text).toContain(heading);
    }
    for (const member of familyCard().members) {
      expect(pdf.text).toContain(member.nik!);
    }
    for (const row of [
      '1 AGUS SANTOSO 3510161207920001 LAKI-LAKI BANYUWANGI 12-07-1992 KEPALA KELUARGA SLAMET SANTOSO SUMIATI',
      '2 SITI AMINAH 3510164503950002 PEREMPUAN JEMBER 05-03-1995 ISTRI ABDUL KARIM KHOTIJAH',
      '3 AISYAH PUTRI SANTOSO 3510160804200001 PEREMPUAN BANYUWANGI 08-04-2020 ANAK AGUS SANTOSO SITI AMINAH',
      '4 MUHAMMAD ARKA SANTOSO 3510162011260001 LAKI-LAKI BANYUWANGI 20-11-2026 ANAK AGUS SANTOSO SITI AMINAH',
    ]) {
      expect(pdf.text).toContain(row);
    }
    // The long name wraps inside its cell rather than being cut.
    expect(pdf.text).toContain('NI LUH PUTU AYU KADEK SRI WAHYUNINGSIH SUMIATI');
    expect(pdf.text).toContain('FAMILI LAIN');
  });

  it('says when it was issued, which print it is, and who signed', () => {
    for (const text of ['Dikeluarkan tanggal : 23 November 2026', 'Cetakan ke-4', 'Banyuwangi, 23 November 2026', 'DRS. HENDRA WIJAYA, M.SI.', 'NIP. 19750101 200003 1 001']) {
      expect(pdf.text).toContain(text);
    }
  });

  it('prints a QR code that decodes to the verification URL', () => {
    expect(decodeQr(bytes, 0)).toBe(VERIFICATION_URL);
  });

  it('calls a male spouse SUAMI', async () => {
    const card = familyCard();
    const withHusband: FamilyCardContent = {
      ...card,
      headName: 'Siti Aminah',
      members: [
        { ...card.members[1]!, relationship: 'HEAD' },
        { ...card.members[0]!, relationship: 'SPOUSE' },
      ],
    };
    const { text } = await inspectPdf(await renderDocument(withHusband));
    expect(text).toContain('1 SITI AMINAH 3510164503950002 PEREMPUAN JEMBER 05-03-1995 KEPALA KELUARGA');
    expect(text).toContain('2 AGUS SANTOSO 3510161207920001 LAKI-LAKI BANYUWANGI 12-07-1992 SUAMI');
  });

  it('continues a large family on further pages, each landscape, with the issuing block last', async () => {
    const card = familyCard();
    const many: FamilyCardContent = {
      ...card,
      members: Array.from({ length: 30 }, (_, index) => ({
        ...card.members[3]!,
        nik: `35101620112600${String(index + 10).padStart(2, '0')}`,
        name: `Anak Nomor ${index + 1} Santoso`,
      })),
    };
    const bytes = await renderDocument(many, { verificationUrl: VERIFICATION_URL });
    const pdf = await inspectPdf(bytes);
    expect(pdf.pages.length).toBeGreaterThan(1);
    for (const page of pdf.pages) {
      expect(page.width).toBeCloseTo(841.89, 1);
      expect(page.height).toBeCloseTo(595.28, 1);
    }
    expect(pdf.pages[1]!.text).toContain('KARTU KELUARGA No. 3510160203180004 (lanjutan)');
    expect(pdf.pages[1]!.text).toContain(`Halaman 2 dari ${pdf.pages.length}`);
    for (let index = 1; index <= 30; index++) expect(pdf.text).toContain(`ANAK NOMOR ${index} SANTOSO`);
    const last = pdf.pages.length - 1;
    expect(pdf.pages[last]!.text).toContain('DRS. HENDRA WIJAYA, M.SI.');
    expect(pdf.pages[0]!.text).not.toContain('DRS. HENDRA WIJAYA, M.SI.');
    expect(decodeQr(bytes, last)).toBe(VERIFICATION_URL);
  });
});
