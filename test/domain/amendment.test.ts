import { describe, expect, it } from 'vitest';
import { applyCorrection, changedPaths, evidenceWords, marginalNote, mayFile, nextPrintNumber, nikChangingFields } from '../../domain/amendment.js';

const current = {
  child: { name: 'Muhamad Arka', sex: 'MALE' as const, birthDateTime: '2026-11-20T08:15:00+07:00', birthOrder: 2 },
  marriageCertificateNumber: '0123/045/XI/2019',
};

describe('corrections that would change the NIK', () => {
  it('names child.sex when the sex differs (the day digits get +40)', () => {
    expect(nikChangingFields(current, { child: { sex: 'FEMALE' } }, 'WIB')).toEqual(['child.sex']);
  });

  it('names child.birthDateTime when the civil date in the office zone differs', () => {
    expect(nikChangingFields(current, { child: { birthDateTime: '2026-11-21T08:15:00+07:00' } }, 'WIB')).toEqual(['child.birthDateTime']);
  });

  it('lets a corrected birth time on the same civil date through (no NIK digit changes)', () => {
    // 01:30 UTC on the 20th is 08:30 WIB on the 20th: same DDMMYY.
    expect(nikChangingFields(current, { child: { birthDateTime: '2026-11-20T01:30:00Z' } }, 'WIB')).toEqual([]);
  });

  it('judges the date in the office zone, not the offset the client wrote', () => {
    // 20:00 UTC on the 20th is 03:00 WIB on the 21st: a different NIK.
    expect(nikChangingFields(current, { child: { birthDateTime: '2026-11-20T20:00:00Z' } }, 'WIB')).toEqual(['child.birthDateTime']);
  });

  it('lets a name, the same sex or a place through', () => {
    expect(nikChangingFields(current, { child: { name: 'Muhammad Arka', sex: 'MALE', birthPlace: 'Banyuwangi' } }, 'WIB')).toEqual([]);
  });
});

describe('applying a correction', () => {
  it('lays the changes over the notification and leaves the rest', () => {
    const corrected = applyCorrection(current, { child: { name: 'Muhammad Arka' } });
    expect(corrected.child).toEqual({ ...current.child, name: 'Muhammad Arka' });
    expect(corrected.marriageCertificateNumber).toBe(current.marriageCertificateNumber);
  });

  it('lists the corrected paths in a stable order', () => {
    expect(changedPaths({ marriageCertificateNumber: 'X/1', child: { name: 'A B', birthPlace: 'C' } })).toEqual([
      'child.birthPlace',
      'child.name',
      'marriageCertificateNumber',
    ]);
  });
});

describe('the akta after a correction', () => {
  it('gets the next print number: the first re-issue is kutipan ke-2', () => {
    expect(nextPrintNumber(undefined)).toBe(2);
    expect(nextPrintNumber(2)).toBe(3);
  });

  it('carries a marginal note of what, on what basis, when and by whom', () => {
    const note = marginalNote({ printNumber: 2, paths: ['child.name'], evidence: [{ type: 'SURAT_KETERANGAN_LAHIR', reference: 'SKL-1' }], reason: 'typo', on: '2026-12-01', by: 'kadis1' });
    expect(note).toEqual({ printNumber: 2, text: 'Pembetulan nama anak berdasarkan surat keterangan lahir SKL-1', on: '2026-12-01', by: 'kadis1', basis: 'surat keterangan lahir SKL-1' });
  });

  it('names every evidence the counter offers in Indonesian words, and reads an unknown code out as words, never the raw code', () => {
    const note = marginalNote({
      printNumber: 3,
      paths: ['child.name', 'marriageCertificateNumber'],
      evidence: [
        { type: 'SURAT_KETERANGAN_LAHIR', reference: 'SKL-1' },
        { type: 'BUKU_NIKAH', reference: '0123/045/XI/2019' },
        { type: 'KARTU_KELUARGA', reference: '3510010101010001' },
        { type: 'PUTUSAN_PENGADILAN', reference: '12/Pdt.P/2026/PN Byw' },
        { type: 'SPTJM', reference: 'SPTJM-7' },
        { type: 'SURAT_KUASA', reference: 'SK-9' },
      ],
      reason: 'typo',
      on: '2026-12-01',
      by: 'kadis1',
    });
    expect(note.basis).toBe(
      'surat keterangan lahir SKL-1; buku/akta nikah 0123/045/XI/2019; Kartu Keluarga 3510010101010001; putusan pengadilan 12/Pdt.P/2026/PN Byw; ' +
        'surat pernyataan tanggung jawab mutlak (SPTJM) SPTJM-7; surat kuasa SK-9',
    );
    expect(note.text).not.toMatch(/[A-Z]+_[A-Z]/);
    expect(evidenceWords('SPTJM')).toBe('surat pernyataan tanggung jawab mutlak (SPTJM)');
  });
});

describe('who may file', () => {
  it('parents may ask for corrections only', () => {
    expect(mayFile('parent', 'CORRECTION')).toBe(true);
    expect(mayFile('parent', 'REVOCATION')).toBe(false);
    expect(mayFile('registrar', 'REVOCATION')).toBe(true);
  });
});
