import '../local/polyfills.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureDynamoDbLocal } from '../local/dynamodb/install.js';
import { startDynamoDbLocal } from '../local/dynamodb/server.js';
import { ensureRegistryTable } from '../local/dynamodb/tables.js';
import { importPopulation } from '../population/import.js';
import { loadRegionCodes } from '../population/regions.js';

/**
 * npm run bench:import [-- <families>]: generates a registry export of 25,000 families / 100,000
 * persons in Banyuwangi's 25 districts (valid NIKs, unique per prefix), imports it into an in-memory
 * DynamoDB Local, then imports it again (must write nothing). Prints the figures.
 */
const families = Number(process.argv[2] ?? 25_000);
const districts = Array.from({ length: 25 }, (_, i) => `35.10.${String(i + 1).padStart(2, '0')}`);
const serials = new Map<string, number>();

function nik(district: string, year: number, month: number, day: number, female: boolean): string {
  const prefix = `${district.replace(/\./g, '')}${String(female ? day + 40 : day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}`;
  const serial = (serials.get(prefix) ?? 0) + 1;
  serials.set(prefix, serial);
  return `${prefix}${String(serial).padStart(4, '0')}`;
}

let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function person(district: string, yearFrom: number, yearTo: number, female: boolean, relationship: string) {
  const year = pick(yearFrom, yearTo);
  const month = pick(1, 12);
  const day = pick(1, 28);
  return {
    nik: nik(district, year, month, day, female),
    name: female ? 'Siti Contoh' : 'Budi Contoh',
    sex: female ? 'FEMALE' : 'MALE',
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    relationship,
  };
}

const population = {
  families: Array.from({ length: families }, (_, i) => {
    const district = districts[i % districts.length] as string;
    return {
      familyCardNumber: `${district.replace(/\./g, '')}${String(i).padStart(10, '0')}`,
      address: { districtCode: district, street: `Jl. Contoh No. ${i}` },
      members: [
        person(district, 1975, 1995, false, 'HEAD'),
        person(district, 1978, 1998, true, 'SPOUSE'),
        person(district, 2005, 2015, random() < 0.5, 'CHILD'),
        person(district, 2010, 2024, random() < 0.5, 'CHILD'),
      ],
    };
  }),
};
const persons = population.families.length * 4;

await ensureDynamoDbLocal();
const dynamo = await startDynamoDbLocal({});
const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const documents = DynamoDBDocumentClient.from(client);
try {
  await ensureRegistryTable(client, 'Registry');
  const regions = await loadRegionCodes();
  const time = async () => {
    const started = performance.now();
    const report = await importPopulation(documents, 'Registry', population, { regions, concurrency: 16 });
    return { seconds: (performance.now() - started) / 1000, report };
  };
  const first = await time();
  const second = await time();
  const rows = [
    ['run', 'families', 'persons', 'items written', 'problems', 'seconds', 'persons/s'],
    ['first import', first.report.families.imported, first.report.persons.imported, first.report.itemsWritten, first.report.problems.length, first.seconds.toFixed(1), Math.round(persons / first.seconds)],
    ['same file again', second.report.families.imported, second.report.persons.imported, second.report.itemsWritten, second.report.problems.length, second.seconds.toFixed(1), Math.round(persons / second.seconds)],
  ];
  process.stdout.write(`Population import: ${families} families, ${persons} persons, DynamoDB Local in memory, concurrency 16\n`);
  for (const row of rows) process.stdout.write(`${row.map((c, i) => String(c).padEnd(i === 0 ? 16 : 14)).join('')}\n`);
  if (second.report.itemsWritten !== 0) process.exitCode = 1;
} finally {
  client.destroy();
  await dynamo.stop();
}
