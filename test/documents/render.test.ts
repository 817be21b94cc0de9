import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BirthCertificateContent, ChildIdCardContent, FamilyCardContent } from '../../documents/content.js';
import {
  DRAFT_BANNER,
  DocumentRenderError,
  E_SIGNED_NOTE,
  PDF_CREATOR,
  PDF_PRODUCER,
  PENDING_NUMBER,
  renderBundle,
  renderDocument,
} from '../../documents/render.js';
import {
  VERIFICATION_URL,
  boyWithFather,
  childIdCard,
  draftBirthCertificate,
  draftChildIdCard,
  draftFamilyCard,
  familyCard,
  twin,
} from '../fixtures/documents/content.js';
import { decodeQr, fontsOf, inspectPdf, overlappingText } from './pdf-inspect.js';

const signed = { verificationUrl: VERIFICATION_URL };

describe('drafts (a registrar preview)', () => {
  it.each([
    ['akta', draftBirthCertificate, 1, 200],
    ['KK', draftFamilyCard, 1, 200],
    ['KIA', draftChildIdCard, 2, 300],
  ] as const)('%s: DRAF on every page, placeholders for missing numbers, no QR even when a URL is given', async (_, content, pageCount, dpi) => {
    const bytes = await renderDocument(content(), { draft: true, verificationUrl: VERIFICATION_URL });
    const pdf = await inspectPdf(bytes);
    expect(pdf.pages).toHaveLength(pageCount);
    for (const [index, page] of pdf.pages.entries()) {
      expect(page.text).toContain(DRAFT_BANNER);
      expect(page.items.some((item) => item.str === 'DRAF')).toBe(true);
      expect(decodeQr(bytes, index, dpi)).toBeNull();
    }
    expect(pdf.text).toContain(PENDING_NUMBER);
    expect(pdf.text).not.toContain(E_SIGNED_NOTE);
    expect(pdf.text.replace(/ /g, '')).not.toContain(VERIFICATION_URL);
  });

  it('akta draft: both number and NIK are placeholders', async () => {
    const { text } = await inspectPdf(await renderDocument(draftBirthCertificate(), { draft: true }));
    expect(text).toContain(`Nomor: ${PENDING_NUMBER}`);
    expect(text).toContain(`NIK: ${PENDING_NUMBER}`);
    expect(text).toContain(`Berdasarkan Akta Kelahiran Nomor ${PENDING_NUMBER},`);
    expect(text).toContain('MUHAMMAD ARKA SANTOSO');
  });

  it('an issued document is not marked as a draft', async () => {
    const { text } = await inspectPdf(await renderDocument(boyWithFather(), signed));
    expect(text).not.toContain('DRAF');
    expect(text).not.toContain(PENDING_NUMBER);
  });
});

describe('bundle (all documents in one PDF for a phone)', () => {
  it('puts akta, then KK, then KIA front and back, whatever the input order, with bookmarks', async () => {
    const bytes = await renderBundle([
      { content: childIdCard(), options: signed },
      { content: familyCard(), options: signed },
      { content: boyWithFather(), options: signed },
    ]);
    const pdf = await inspectPdf(bytes);
    expect(pdf.pages.map((page) => [Math.round(page.width), Math.round(page.height)])).toEqual([
      [595, 842],
      [842, 595],
      [243, 153],
      [243, 153],
    ]);
    expect(pdf.pages[0]!.text).toContain('KUTIPAN AKTA KELAHIRAN');
    expect(pdf.pages[1]!.text).toContain('KARTU KELUARGA');
    expect(pdf.pages[2]!.text).toContain('Berlaku hingga');
    expect(pdf.pages[3]!.text).toContain('No. Akta Kelahiran');
    expect(pdf.outline).toEqual([
      { title: 'Kutipan Akta Kelahiran — Muhammad Arka Santoso', pageIndex: 0 },
      { title: 'Kartu Keluarga No. 3510160203180004', pageIndex: 1 },
      { title: 'KIA Muhammad Arka Santoso — depan', pageIndex: 2 },
      { title: 'KIA Muhammad Arka Santoso — belakang', pageIndex: 3 },
    ]);
    expect(decodeQr(bytes, 0)).toBe(VERIFICATION_URL);
    expect(decodeQr(bytes, 3, 300)).toBe(VERIFICATION_URL);
    // One set of embedded fonts for the whole bundle.
    expect(fontsOf(bytes)).toHaveLength(4);
  });

  it('keeps documents of one kind in input order (twins), each with its own options', async () => {
    const other = 'https://verifikasi.lahirprocot.example.id/v1/verify/second-twin';
    const bytes = await renderBundle([
      { content: twin(1), options: signed },
      { content: twin(2), options: { verificationUrl: other } },
    ]);
    const pdf = await inspectPdf(bytes);
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.pages[0]!.text).toContain('RAKA PUTRA HIDAYAT');
    expect(pdf.pages[1]!.text).toContain('RAKI PUTRA HIDAYAT');
    expect(decodeQr(bytes, 0)).toBe(VERIFICATION_URL);
    expect(decodeQr(bytes, 1)).toBe(other);
  });

  it('refuses an empty bundle and content that does not match the schema', async () => {
    await expect(renderBundle([])).rejects.toBeInstanceOf(DocumentRenderError);
    const broken = { ...boyWithFather(), issuedOn: '23-11-2026' };
    await expect(renderDocument(broken)).rejects.toThrow(DocumentRenderError);
  });
});

describe('determinism and metadata', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    ['akta', () => renderDocument(boyWithFather(), signed)],
    ['KK', () => renderDocument(familyCard(), signed)],
    ['KIA', () => renderDocument(childIdCard(), signed)],
    ['draft', () => renderDocument(draftFamilyCard(), { draft: true })],
    ['bundle', () => renderBundle([{ content: boyWithFather(), options: signed }, { content: familyCard(), options: signed }, { content: childIdCard(), options: signed }])],
  ])('%s: the same content gives the same bytes, whatever the clock says', async (_, render) => {
    const first = await render();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-06-01T12:00:00Z'));
    const second = await render();
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('different content gives a different document ID', async () => {
    const id = (bytes: Uint8Array) => /\/ID \[ ?<([0-9A-Fa-f]+)> <([0-9A-Fa-f]+)> ?\]/.exec(Buffer.from(bytes).toString('latin1'))?.[1];
    const a = id(await renderDocument(twin(1), signed));
    const b = id(await renderDocument(twin(2), signed));
    expect(a).toMatch(/^[0-9a-f]{32}$/i);
    expect(b).toMatch(/^[0-9a-f]{32}$/i);
    expect(a).not.toBe(b);
  });

  it('sets fixed metadata: title, issuing office as author, creator, producer, dates from issuedOn', async () => {
    const { info } = await inspectPdf(await renderDocument(boyWithFather(), signed));
    expect(info).toMatchObject({
      Title: 'Kutipan Akta Kelahiran 3510-LT-20112026-0001',
      Author: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi',
      Subject: 'Kutipan Akta Kelahiran',
      Creator: PDF_CREATOR,
      Producer: PDF_PRODUCER,
      Language: 'id-ID',
      // 23 November 2026 00:00 WIB
      CreationDate: 'D:20261122170000Z',
      ModDate: 'D:20261122170000Z',
    });
  });

  it('embeds every font it uses, as subsets', async () => {
    const fonts = fontsOf(await renderDocument(childIdCard(), signed));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true });
  });
});

describe('long text never leaves the page', () => {
  const long = 'Ni Luh Putu Ayu Kadek Sri Wahyuningsih Anak Agung Istri Mas Ayu Ratna Kumala Dewi Sekar Arum Puspitasari';
  const unbroken = 'Wahyuningsihpuspitasarikumaladewisekararumratnaningtyasayuningrumlestari';
  const office = { officialTitle: 'Pelaksana Tugas Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi Provinsi Jawa Timur', officialName: long };

  const cases: [string, () => Promise<Uint8Array>][] = [
    [
      'akta',
      () => {
        const base = boyWithFather();
        const content: BirthCertificateContent = {
          ...base,
          child: { ...base.child, name: long, birthPlace: 'Rumah Sakit Umum Daerah Blambangan Banyuwangi', multipleBirth: { count: 3, order: 3 } },
          mother: { ...base.mother, name: `${long} ${unbroken}` },
          father: { ...base.father!, name: long },
          issuer: { ...base.issuer, ...office },
        };
        return renderDocument(content, signed);
      },
    ],
    [
      'KK',
      () => {
        const base = familyCard();
        const content: FamilyCardContent = {
          ...base,
          headName: long,
          members: base.members.map((member) => ({ ...member, name: long, fatherName: unbroken, motherName: long, birthPlace: 'Rumah Sakit Umum Daerah Blambangan' })),
          issuer: { ...base.issuer, ...office },
        };
        return renderDocument(content, signed);
      },
    ],
    [
      'KIA',
      () => {
        const base = childIdCard();
        const content: ChildIdCardContent = {
          ...base,
          name: long,
          headName: unbroken,
          birthPlace: 'Rumah Sakit Umum Daerah Blambangan Banyuwangi',
          address: { ...base.address, street: `${long} ${long}` },
          issuer: { ...base.issuer, ...office, officeName: `${base.issuer.officeName} ${long}` },
        };
        return renderDocument(content, signed);
      },
    ],
  ];

  it.each(cases)('%s: every text item lies inside the page, and none overlaps another', async (_, render) => {
    const bytes = await render();
    const pdf = await inspectPdf(bytes);
    for (const page of pdf.pages) {
      expect(overlappingText(page.items)).toEqual([]);
      for (const item of page.items) {
        if (!item.str.trim()) continue;
        expect(item.x, item.str).toBeGreaterThanOrEqual(0);
        expect(item.x + item.width, item.str).toBeLessThanOrEqual(page.width);
        expect(item.y, item.str).toBeGreaterThanOrEqual(0);
        expect(item.y, item.str).toBeLessThanOrEqual(page.height);
      }
    }
    // Shrunk or wrapped, never dropped: the whole name is still in the text layer.
    expect(pdf.text.replace(/ /g, '')).toContain(long.toUpperCase().replace(/ /g, ''));
  });
});
