import { describe, expect, it } from 'vitest';
import { buildDocumentContents, type DocumentFacts, type DocumentSource } from '../../documents/assemble.js';

/** What the assembled documents say, from a registration and the registry's facts (pure). */
const issuer = {
  officeName: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi',
  regencyName: 'KABUPATEN BANYUWANGI',
  provinceName: 'JAWA TIMUR',
  placeOfIssue: 'Banyuwangi',
  officialName: 'Kepala',
  officialTitle: 'Kepala Dinas',
};
const MOTHER = { nik: '3510165203950001', name: 'Siti Rahmawati', sex: 'FEMALE' as const, birthDate: '1995-03-12' };
const FATHER = { nik: '3510161407920001', name: 'Agus Santoso', sex: 'MALE' as const, birthDate: '1992-07-14' };

function build(notification: Partial<DocumentSource['notification']>, facts: Partial<DocumentFacts> = {}, now = new Date('2026-11-22T01:00:00Z')) {
  return buildDocumentContents({
    registration: {
      registrationId: 'r1',
      notification: { child: { name: 'Arka Santoso', sex: 'MALE', birthDateTime: '2026-11-20T08:15:00+07:00', birthOrder: 1 }, ...notification },
      issued: {},
      steps: {},
    },
    facts: {
      mother: MOTHER,
      family: { familyCardNumber: '3510160101200001', version: 1, address: { districtCode: '35.10.16' } },
      members: [],
      ...facts,
    },
    issuer,
    timeZone: 'WIB',
    now,
  });
}

describe('the akta’s parents', () => {
  it('names a father the regency’s registry does not hold with the notified name (item 7)', () => {
    const [akta] = build({ marriageCertificateNumber: '0123/045/XI/2019', father: { nik: '3578011505900007', name: 'Budi Hartono' } });
    expect(akta.father).toEqual({ nik: '3578011505900007', name: 'Budi Hartono' });
  });

  it('prints the registry’s spelling of a registered father, whatever name was notified', () => {
    const [akta] = build({ marriageCertificateNumber: '0123/045/XI/2019', father: { nik: FATHER.nik, name: 'Agoes' } }, { father: FATHER });
    expect(akta.father).toEqual({ nik: FATHER.nik, name: FATHER.name });
  });

  it('names the mother only when the father is unregistered and unnamed', () => {
    const [akta] = build({ marriageCertificateNumber: '0123/045/XI/2019', father: { nik: '3578011505900007' } });
    expect(akta.father).toBeNull();
  });
});

describe('parents without a recorded marriage (item 6)', () => {
  it('names both parents, marriage not recorded, with an SPTJM of husband and wife', () => {
    const [akta] = build({ father: { nik: FATHER.nik }, sptjm: { kind: 'HUSBAND_AND_WIFE', signedOn: '2026-11-20' } }, { father: FATHER });
    expect(akta.father).toEqual({ nik: FATHER.nik, name: FATHER.name });
    expect(akta.parentage).toBe('MARRIAGE_NOT_RECORDED');
  });

  it('names the mother only with neither a marriage record nor an SPTJM, a father notified or not', () => {
    expect(build({ father: { nik: FATHER.nik } }, { father: FATHER })[0]).toMatchObject({ father: null, parentage: 'MOTHER_ONLY' });
    expect(build({})[0]).toMatchObject({ father: null, parentage: 'MOTHER_ONLY' });
  });

  it('reads a married couple as MARRIED', () => {
    expect(build({ marriageCertificateNumber: '0123/045/XI/2019', father: { nik: FATHER.nik } }, { father: FATHER })[0].parentage).toBe('MARRIED');
  });
});
