import { describe, expect, it } from 'vitest';
import { applyCorrection, changedPaths, marginalNote, mayFile, nextPrintNumber, nikChangingFields } from '../../domain/amendment.js';

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
    expect(note).toEqual({ printNumber: 2, text: 'Pembetulan nama anak berdasarkan SURAT_KETERANGAN_LAHIR SKL-1', on: '2026-12-01', by: 'kadis1', basis: 'SURAT_KETERANGAN_LAHIR SKL-1' });
  });
});

describe('who may file', () => {
  it('parents may ask for corrections only', () => {
    expect(mayFile('parent', 'CORRECTION')).toBe(true);
    expect(mayFile('parent', 'REVOCATION')).toBe(false);
    expect(mayFile('registrar', 'REVOCATION')).toBe(true);
  });
});
