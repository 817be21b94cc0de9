import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ensureRegistryTable } from '../../local/dynamodb/tables.js';
import { importPopulation, nikContradiction } from '../../population/import.js';
import { loadRegionCodes, type RegionCodes } from '../../population/regions.js';
import { familyKey, familyMemberKey, nikSequenceKey, personKey } from '../../functions/shared/keys.js';

let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let regions: RegionCodes;
const tableName = `import${Date.now().toString(36)}`;

beforeAll(async () => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  documents = DynamoDBDocumentClient.from(client);
  await ensureRegistryTable(client, tableName);
  regions = await loadRegionCodes();
});

afterAll(() => client?.destroy());

const member = (nik: string, name: string, sex: 'MALE' | 'FEMALE', birthDate: string, relationship: string) => ({ nik, name, sex, birthDate, relationship });

const exportFile = {
  families: [
    {
      familyCardNumber: '3510160101200101',
      address: { districtCode: '35.10.16', villageCode: '35.10.16.1005', street: 'Jl. Ahmad Yani 1' },
      members: [
        member('3510161407920101', 'Agus', 'MALE', '1992-07-14', 'HEAD'),
        member('3510165203950101', 'Siti', 'FEMALE', '1995-03-12', 'SPOUSE'),
        member('3510161203950102', 'Wrong Sex', 'FEMALE', '1995-03-12', 'CHILD'), // day 12 = male
        member('3510165303950103', 'Wrong Date', 'FEMALE', '1995-03-12', 'CHILD'), // day 13 != 12
        member('35101652039501', 'Short', 'FEMALE', '1995-03-12', 'CHILD'),
      ],
      extraField: 'allowed',
    },
    { familyCardNumber: '3599990101200102', address: { districtCode: '35.99.99' }, members: [member('3510161407920201', 'X', 'MALE', '1992-07-14', 'HEAD')] },
    {
      familyCardNumber: '3510090101200103',
      address: { districtCode: '35.10.09' },
      members: [
        member('3510161407920101', 'Agus Again', 'MALE', '1992-07-14', 'HEAD'), // already in family 0 of this file
        member('3510095506000104', 'Rina', 'FEMALE', '2000-06-15', 'HEAD'),
      ],
    },
    { familyCardNumber: '123', address: { districtCode: '35.10.16' }, members: [] },
  ],
};

describe('population import', () => {
  it('imports the good records and reports each bad one with its position and reason', async () => {
    const report = await importPopulation(documents, tableName, exportFile, { regions });
    expect(report.families).toEqual({ total: 4, imported: 2, unchanged: 0, rejected: 2 });
    expect(report.persons).toEqual({ total: 8, imported: 3, unchanged: 0, rejected: 5 });
    expect(report.problems).toEqual([
      { position: 'families[0].members[2]', reason: 'nik encodes the other sex (day + 40 is for women)' },
      { position: 'families[0].members[3]', reason: 'the date part of nik contradicts birthDate' },
      { position: 'families[0].members[4]', reason: 'nik must have 16 digits' },
      { position: 'families[1]', reason: 'address.districtCode is not a Kemendagri district code' },
      { position: 'families[2].members[0]', reason: 'nik already appears at families[0].members[0]' },
      { position: 'families[3]', reason: 'familyCardNumber must have 16 digits' },
    ]);
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: familyKey('3510160101200101') }));
    expect(Item).toMatchObject({ address: { districtCode: '35.10.16', villageCode: '35.10.16.1005' }, version: 1, headNik: '3510161407920101' });
    const rina = await documents.send(new GetCommand({ TableName: tableName, Key: personKey('3510095506000104') }));
    expect(rina.Item).toMatchObject({ familyCardNumber: '3510090101200103', sex: 'FEMALE', birthDate: '2000-06-15' });
  });

  it('writes nothing when the same file is imported again', async () => {
    const report = await importPopulation(documents, tableName, exportFile, { regions });
    expect(report.itemsWritten).toBe(0);
    expect(report.families.unchanged).toBe(2);
    expect(report.persons.unchanged).toBe(3);
  });

  it('refuses a NIK already registered in another family', async () => {
    const moved = {
      families: [{ familyCardNumber: '3510090101200199', address: { districtCode: '35.10.09' }, members: [member('3510165203950101', 'Siti', 'FEMALE', '1995-03-12', 'HEAD')] }],
    };
    const report = await importPopulation(documents, tableName, moved, { regions });
    expect(report.problems).toEqual([{ position: 'families[0].members[0]', reason: 'nik is already registered in another family' }]);
  });

  it('refuses a village that is not in the district, and a file that is not an export', async () => {
    const report = await importPopulation(
      documents,
      tableName,
      { families: [{ familyCardNumber: '3510160101200177', address: { districtCode: '35.10.16', villageCode: '35.10.09.2001' }, members: [member('3510161407920177', 'Y', 'MALE', '1992-07-14', 'HEAD')] }] },
      { regions },
    );
    expect(report.problems).toEqual([{ position: 'families[0]', reason: 'address.villageCode is not a village of that district' }]);
    await expect(importPopulation(documents, tableName, [], { regions })).rejects.toThrow(/population export/);
  });

  it('accepts the eleven SHDK relationships as the form writes them, keeps the first four codes, and refuses any other', async () => {
    const family = {
      familyCardNumber: '3510160405150301',
      address: { districtCode: '35.10.16' },
      members: [
        member('3510160404600301', 'Kakek', 'MALE', '1960-04-04', 'Kepala Keluarga'),
        member('3510165708630301', 'Nenek', 'FEMALE', '1963-08-17', 'SPOUSE'),
        member('3510161006880301', 'Ayah', 'MALE', '1988-06-10', 'anak'),
        member('3510166109900301', 'Ibu', 'FEMALE', '1990-09-21', 'MENANTU'),
        member('3510160305190301', 'Cucu', 'MALE', '2019-05-03', 'cucu'),
        member('3510165501380301', 'Buyut', 'FEMALE', '1938-01-15', 'orang_tua'),
        member('3510160101700301', 'Mertua', 'MALE', '1970-01-01', 'mertua'),
        member('3510160201000301', 'Sepupu', 'MALE', '2000-01-02', 'famili lain'),
        member('3510164301010301', 'Pembantu', 'FEMALE', '2001-01-03', 'PEMBANTU'),
        member('3510160401020301', 'Kos', 'MALE', '2002-01-04', 'lainnya'),
        member('3510160501030301', 'Wrong', 'MALE', '2003-01-05', 'tetangga'),
      ],
    };
    const report = await importPopulation(documents, tableName, { families: [family] }, { regions });
    expect(report.problems).toEqual([{ position: 'families[0].members[10]', reason: expect.stringMatching(/^relationship must be one of kepala keluarga, suami, istri, anak, menantu, cucu, orang tua, mertua, famili lain, pembantu, lainnya/) }]);
    const stored = await Promise.all(family.members.slice(0, 10).map(async (m) => (await documents.send(new GetCommand({ TableName: tableName, Key: familyMemberKey(family.familyCardNumber, m.nik) }))).Item?.['relationship']));
    expect(stored).toEqual(['KEPALA_KELUARGA', 'ISTRI', 'ANAK', 'MENANTU', 'CUCU', 'ORANG_TUA', 'MERTUA', 'FAMILI_LAIN', 'PEMBANTU', 'LAINNYA']);
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: familyKey(family.familyCardNumber) }));
    expect(Item?.['headNik']).toBe('3510160404600301');
  });

  it('seeds each NIK counter with the highest serial of its 12-digit prefix, only ever raising it', async () => {
    const counter = async (prefix: string) => (await documents.send(new GetCommand({ TableName: tableName, Key: nikSequenceKey(prefix) }))).Item?.['lastSerial'];
    // Two counters already exist: one lower than the file's highest serial, one higher.
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...nikSequenceKey('351016140792'), lastSerial: 1 } }));
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...nikSequenceKey('351016520395'), lastSerial: 40 } }));
    const file = {
      families: [
        {
          familyCardNumber: '3510160101200401',
          address: { districtCode: '35.10.16' },
          members: [
            member('3510161407920017', 'Satu', 'MALE', '1992-07-14', 'kepala keluarga'), // prefix 351016140792, serial 17
            member('3510165203950005', 'Dua', 'FEMALE', '1995-03-12', 'istri'), // 351016520395, serial 5 < 40
            member('3510160101260003', 'Tiga', 'MALE', '2026-01-01', 'anak'), // a new prefix
            member('3510160101260009', 'Empat', 'MALE', '2026-01-01', 'anak'),
          ],
        },
      ],
    };
    const report = await importPopulation(documents, tableName, file, { regions });
    expect(report.problems).toEqual([]);
    expect(report.nikCounters).toEqual({ seeded: 2 });
    expect(await counter('351016140792')).toBe(17);
    expect(await counter('351016520395')).toBe(40);
    expect(await counter('351016010126')).toBe(9);
    const again = await importPopulation(documents, tableName, file, { regions });
    expect(again.itemsWritten).toBe(0);
    expect(again.nikCounters).toEqual({ seeded: 0 });
  });

  it("keeps on the family the latest birth date of its imported members: raised by a later import, never guessed for a family held without it", async () => {
    const latest = async (familyCardNumber: string) =>
      (await documents.send(new GetCommand({ TableName: tableName, Key: familyKey(familyCardNumber) }))).Item?.['latestImportedBirthDate'];
    const family = (familyCardNumber: string, members: ReturnType<typeof member>[]) => ({ familyCardNumber, address: { districtCode: '35.10.16' }, members });
    // A family held before the date was kept (no latestImportedBirthDate): what the card holds is unknown.
    await documents.send(new PutCommand({ TableName: tableName, Item: { ...familyKey('3510160101200502'), familyCardNumber: '3510160101200502', address: { districtCode: '35.10.16' }, version: 1, issuedAt: '2026-01-01T00:00:00.000Z' } }));
    const first = await importPopulation(
      documents,
      tableName,
      {
        families: [
          family('3510160101200501', [
            member('3510161407920501', 'Ayah', 'MALE', '1992-07-14', 'HEAD'),
            member('3510160209210501', 'Anak', 'MALE', '2021-09-02', 'CHILD'),
            member('3510165203950501', 'Ibu', 'FEMALE', '1995-03-12', 'SPOUSE'),
            member('3510160209250501', 'Salah', 'MALE', '2026-09-02', 'CHILD'), // the date part contradicts birthDate: skipped, not counted
          ]),
          family('3510160101200502', [member('3510161407920502', 'Kepala', 'MALE', '1992-07-14', 'HEAD')]),
        ],
      },
      { regions },
    );
    expect(first.problems).toEqual([{ position: 'families[0].members[3]', reason: 'the date part of nik contradicts birthDate' }]);
    expect(await latest('3510160101200501')).toBe('2021-09-02');
    expect(await latest('3510160101200502')).toBeUndefined();
    // A later export adds a child to each card: the date follows where it is kept, and stays unknown where it was not.
    const later = {
      families: [
        family('3510160101200501', [member('3510160211250501', 'Adik', 'MALE', '2025-11-02', 'CHILD'), member('3510161407920501', 'Ayah', 'MALE', '1992-07-14', 'HEAD')]),
        family('3510160101200502', [member('3510160211250502', 'Anak', 'MALE', '2025-11-02', 'CHILD')]),
      ],
    };
    const second = await importPopulation(documents, tableName, later, { regions });
    expect(second.persons).toMatchObject({ imported: 2, unchanged: 1 });
    expect(await latest('3510160101200501')).toBe('2025-11-02');
    expect(await latest('3510160101200502')).toBeUndefined();
    // An older member added later does not lower it; the same file again writes nothing.
    await importPopulation(documents, tableName, { families: [family('3510160101200501', [member('3510160101100501', 'Kakak', 'MALE', '2010-01-01', 'CHILD')])] }, { regions });
    expect(await latest('3510160101200501')).toBe('2025-11-02');
    expect((await importPopulation(documents, tableName, later, { regions })).itemsWritten).toBe(0);
  });

  it('checks the NIK against the member', () => {
    expect(nikContradiction({ nik: '3510165203950001', sex: 'FEMALE', birthDate: '1995-03-12' })).toBeUndefined();
    expect(nikContradiction({ nik: '3510165203950001', sex: 'FEMALE', birthDate: '1895-03-12' })).toBeUndefined(); // the century is not encoded
    expect(nikContradiction({ nik: '3510165203950001', sex: 'MALE', birthDate: '1995-03-12' })).toMatch(/other sex/);
  });
});
