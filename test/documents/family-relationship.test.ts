import { describe, expect, it } from 'vitest';
import { buildDocumentContents, type DocumentFacts } from '../../documents/assemble.js';
import { renderDocument } from '../../documents/render.js';
import { inspectPdf } from './pdf-inspect.js';

/** The KK print of a three-generation family: each member's SHDK, the newborn's derived from its mother. */
const issuer = {
  officeName: 'Dinas',
  regencyName: 'Kabupaten Banyuwangi',
  provinceName: 'Jawa Timur',
  placeOfIssue: 'Banyuwangi',
  officialName: 'Kepala',
  officialTitle: 'Kepala Dinas',
};
const member = (nik: string, name: string, sex: 'MALE' | 'FEMALE', birthDate: string, relationship: DocumentFacts['members'][number]['relationship']) => ({
  nik,
  name,
  sex,
  birthDate,
  relationship,
});
const members: DocumentFacts['members'] = [
  member('3510160404600001', 'Sutrisno Wiyono', 'MALE', '1960-04-04', 'KEPALA_KELUARGA'),
  member('3510165708630001', 'Suminah', 'FEMALE', '1963-08-17', 'SPOUSE'), // a first-version code: ISTRI
  member('3510161006880001', 'Eko Prasetyo Wiyono', 'MALE', '1988-06-10', 'ANAK'),
  member('3510166109900001', 'Fitri Handayani', 'FEMALE', '1990-09-21', 'MENANTU'),
  member('3510165501380001', 'Painem', 'FEMALE', '1938-01-15', 'ORANG_TUA'),
];

function kkOfBirthTo(motherNik: string, facts: Partial<DocumentFacts> = {}) {
  const mother = members.find((m) => m.nik === motherNik);
  const [, kk] = buildDocumentContents({
    registration: {
      registrationId: 'r1',
      notification: { child: { name: 'Bayu Wiyono', sex: 'MALE', birthDateTime: '2026-11-20T08:00:00+07:00', birthOrder: 1 } },
      issued: {},
      steps: {},
    },
    facts: {
      mother,
      family: { familyCardNumber: '3510160405150006', version: 1, address: { districtCode: '35.10.16' } },
      members,
      ...facts,
    },
    issuer,
    timeZone: 'WIB',
    now: new Date('2026-11-22T01:00:00Z'),
  });
  return kk;
}

describe('the KK print and SHDK', () => {
  it("lists the newborn of the head's menantu as CUCU, and of the head's wife as ANAK", () => {
    expect(kkOfBirthTo('3510166109900001').members.find((m) => m.nik === null)?.relationship).toBe('CUCU');
    expect(kkOfBirthTo('3510165708630001').members.find((m) => m.nik === null)?.relationship).toBe('ANAK');
  });

  it('prints what the KK record written at issue says, once issued', () => {
    const issuedChild = { ...member('3510162011260001', 'Bayu Wiyono', 'MALE', '2026-11-20', 'CUCU'), registrationId: 'r1', sinceVersion: 2 };
    const kk = kkOfBirthTo('3510166109900001', { members: [...members, issuedChild] });
    expect(kk.members.filter((m) => m.name === 'Bayu Wiyono').map((m) => m.relationship)).toEqual(['CUCU']);
  });

  it('puts the rows in SHDK order and prints the Indonesian labels', async () => {
    const kk = kkOfBirthTo('3510166109900001');
    expect(kk.headName).toBe('Sutrisno Wiyono');
    expect(kk.members.map((m) => m.relationship)).toEqual(['KEPALA_KELUARGA', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANG_TUA']);
    const { text } = await inspectPdf(await renderDocument({ ...kk, number: kk.number }));
    for (const label of ['KEPALA KELUARGA', 'ISTRI', 'MENANTU', 'CUCU', 'ORANG TUA']) expect(text).toContain(label);
  });
});
