import { beforeAll, describe, expect, it } from 'vitest';
import { KUTIPAN_STATEMENT } from '../../documents/content.js';
import { E_SIGNED_NOTE, PAGE_SIZES, renderDocument } from '../../documents/render.js';
import { VERIFICATION_URL, boyWithFather, girl, motherOnly, twin } from '../fixtures/documents/content.js';
import { type InspectedPdf, decodeQr, inspectPdf, overlappingText } from './pdf-inspect.js';

const A4 = PAGE_SIZES.A4_PORTRAIT;

describe('kutipan akta kelahiran: a boy with his father named', () => {
  let bytes: Uint8Array;
  let pdf: InspectedPdf;
  beforeAll(async () => {
    bytes = await renderDocument(boyWithFather(), { verificationUrl: VERIFICATION_URL });
    pdf = await inspectPdf(bytes);
  });

  it('is one A4 portrait page', () => {
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0]!.width).toBeCloseTo(595.28, 1);
    expect(pdf.pages[0]!.height).toBeCloseTo(841.89, 1);
    expect(A4).toEqual({ width: 595.28, height: 841.89 });
  });

  it('lays its text out without overlaps', () => {
    for (const page of pdf.pages) expect(overlappingText(page.items)).toEqual([]);
  });

  it('carries the title, number, NIK and the child as data', () => {
    for (const text of [
      'KUTIPAN AKTA KELAHIRAN',
      'Nomor: 3510-LT-20112026-0001',
      'NIK: 3510162011260001',
      'MUHAMMAD ARKA SANTOSO',
      'LAKI-LAKI',
      'BANYUWANGI',
      '20 November 2026, pukul 08.15 WIB',
      '2 (kedua)',
      'Tunggal',
      'SITI AMINAH',
      'AGUS SANTOSO',
    ]) {
      expect(pdf.text).toContain(text);
    }
  });

  it('says it in the classic sentence, the date in words and in digits', () => {
    expect(pdf.text).toContain(
      'Berdasarkan Akta Kelahiran Nomor 3510-LT-20112026-0001, bahwa di BANYUWANGI pada tanggal dua puluh November dua ribu dua puluh enam (20 November 2026) telah lahir MUHAMMAD ARKA SANTOSO, anak kedua, LAKI-LAKI, dari ayah AGUS SANTOSO dan ibu SITI AMINAH.',
    );
  });

  it('ends with place and date of issue, the official with NIP, and the electronic-signature note', () => {
    for (const text of ['Banyuwangi, 23 November 2026', 'Kepala Dinas Kependudukan dan Pencatatan Sipil', 'DRS. HENDRA WIJAYA, M.SI.', 'NIP. 19750101 200003 1 001', E_SIGNED_NOTE]) {
      expect(pdf.text).toContain(text);
    }
  });

  it('prints a QR code that decodes to the verification URL, and the URL under it', () => {
    expect(decodeQr(bytes, 0)).toBe(VERIFICATION_URL);
    expect(pdf.text.replace(/ /g, '')).toContain(VERIFICATION_URL);
  });
});

describe('kutipan akta kelahiran: other children', () => {
  it('a girl, first child, with a long name and apostrophes in her parents names', async () => {
    const { text } = await inspectPdf(await renderDocument(girl(), { verificationUrl: VERIFICATION_URL }));
    expect(text).toContain('Nomor: 3510-LT-21112026-0002');
    expect(text).toContain('NI LUH PUTU AYU KADEK SRI WAHYUNINGSIH');
    expect(text).toContain('PEREMPUAN');
    expect(text).toContain('anak pertama');
    expect(text).toContain('1 (pertama)');
    expect(text).toContain('21 November 2026');
    expect(text).toContain('dua puluh satu November dua ribu dua puluh enam');
    expect(text).toContain("I WAYAN MA'RUF SUARDANA");
    expect(text).toContain("NI MADE SRI RAHAYU D'SOUZA");
  });

  it.each([
    [1 as const, 'pertama'],
    [2 as const, 'kedua'],
  ])('twin %i of 2 says kembar and its order', async (order, word) => {
    const bytes = await renderDocument(twin(order), { verificationUrl: VERIFICATION_URL });
    const { text } = await inspectPdf(bytes);
    expect(text).toContain(`Nomor: 3510-LT-22112026-000${2 + order}`);
    expect(text).toContain(`kembar dua urutan ${word}`);
    expect(text).toContain(`Kembar dua, urutan ke-${order} (${word})`);
    expect(text).toContain('22 November 2026');
    expect(decodeQr(bytes, 0)).toBe(VERIFICATION_URL);
  });

  it("states a late registration's basis, the head of office's decree (SK), in the sentence; a timely one says nothing of it", async () => {
    const { text } = await inspectPdf(await renderDocument({ ...boyWithFather(), lateRegistrationDecree: '474.1/12/429.110/2026' }));
    expect(text).toContain(
      'dan ibu SITI AMINAH. Pencatatan kelahiran ini dilakukan setelah melewati batas waktu 60 hari berdasarkan Keputusan Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi Nomor 474.1/12/429.110/2026.',
    );
    expect((await inspectPdf(await renderDocument(boyWithFather()))).text).not.toContain('batas waktu 60 hari');
  });

  it('after a correction: states the print number (kutipan ke-2) and prints the marginal notes on a page of their own, without overlaps', async () => {
    const corrected = {
      ...boyWithFather(),
      printNumber: 2,
      printedOn: '2026-12-01',
      marginalNotes: [{ printNumber: 2, text: 'Pembetulan nama anak berdasarkan surat keterangan lahir SKL/2026/0123', on: '2026-12-01', by: 'kadis.budi' }],
    };
    const pdf = await inspectPdf(await renderDocument(corrected, { verificationUrl: VERIFICATION_URL }));
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.pages[0]!.text).toContain('Kutipan ke-2, dicetak 1 Desember 2026');
    expect(pdf.pages[1]!.text).toContain('CATATAN PINGGIR');
    expect(pdf.pages[1]!.text).toContain('Pembetulan nama anak berdasarkan surat keterangan lahir SKL/2026/0123');
    expect(pdf.pages[1]!.text).toContain('oleh kadis.budi');
    for (const page of pdf.pages) expect(overlappingText(page.items)).toEqual([]);
    // A first print says nothing of it.
    expect((await inspectPdf(await renderDocument(boyWithFather()))).text).not.toContain('Kutipan ke-');
  });

  it('names the mother only when no marriage record was presented', async () => {
    const bytes = await renderDocument(motherOnly());
    const { text } = await inspectPdf(bytes);
    expect(text).toContain('telah lahir PUTRI ANGGRAINI, anak pertama, PEREMPUAN, anak seorang ibu bernama RINA ANGGRAINI.');
    expect(text).not.toContain('dari ayah');
    expect(text).not.toContain('Nama Ayah');
    expect(text).toContain('Nomor: 3510-LT-20112026-0005');
    // No verification URL given: no QR and no claim of an electronic signature.
    expect(text).not.toContain(E_SIGNED_NOTE);
    expect(decodeQr(bytes, 0)).toBeNull();
  });
});

describe('kutipan akta kelahiran: issue 13 (items 5 and 6)', () => {
  const withStatements = (): ReturnType<typeof boyWithFather> => {
    const content = boyWithFather();
    return { ...content, child: { ...content.child, citizenship: 'WNI' }, extractStatement: KUTIPAN_STATEMENT };
  };

  it('states the child’s citizenship (WNI) and that it is a true extract of the birth register, without overlaps', async () => {
    const pdf = await inspectPdf(await renderDocument(withStatements(), { verificationUrl: VERIFICATION_URL }));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.text).toContain('Kewarganegaraan : WNI');
    expect(pdf.text).toContain(KUTIPAN_STATEMENT);
    for (const page of pdf.pages) expect(overlappingText(page.items)).toEqual([]);
  });

  it('prints neither on a document signed before they existed (a re-render shows what was signed)', async () => {
    const { text } = await inspectPdf(await renderDocument(boyWithFather()));
    expect(text).not.toContain('Kewarganegaraan');
    expect(text).not.toContain('Register Akta Kelahiran');
  });

  it('names both parents with the statutory phrase when their marriage is attested by an SPTJM only', async () => {
    const { text } = await inspectPdf(await renderDocument({ ...withStatements(), parentage: 'MARRIAGE_NOT_RECORDED' }));
    expect(text).toContain('dari ayah AGUS SANTOSO dan ibu SITI AMINAH, yang perkawinannya belum tercatat sesuai dengan ketentuan peraturan perundang-undangan.');
  });
});
