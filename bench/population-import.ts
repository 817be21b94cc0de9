import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureDynamoDbLocal } from '../local/dynamodb/install.js';
import { startDynamoDbLocal } from '../local/dynamodb/server.js';
import { ensureRegistryTable } from '../local/dynamodb/tables.js';
import { importPopulation } from '../population/import.js';
import { loadRegionCodes } from '../population/regions.js';
import { syntheticPopulation } from './synthetic-population.js';

/**
 * npm run bench:import [-- <families>]: generates a registry export of 25,000 families / 100,000
 * persons in Banyuwangi's 25 districts (valid NIKs, unique per prefix), imports it into an in-memory
 * DynamoDB Local, then imports it again (must write nothing). Prints the figures.
 */
const families = Number(process.argv[2] ?? 25_000);
const population = syntheticPopulation(families);
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
