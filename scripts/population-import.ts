import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { importPopulation } from '../population/import.js';
import { loadRegionCodes } from '../population/regions.js';

/**
 * npm run population:import -- <export.json>
 *   With TABLE_NAME set: imports into that table with the standard AWS SDK configuration (credentials,
 *   region, optional AWS_ENDPOINT_URL_DYNAMODB): the way to load a real office's registry in AWS.
 *   Without it: into the local stack: the running one (`npm start` records its endpoint in
 *   .local/endpoints.json), or, when none runs, the local data folder directly.
 * Prints a summary; every rejected record with its position and reason goes to <export>.report.json.
 */
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run population:import -- <export.json>\n');
  process.exit(2);
}
const data = JSON.parse(readFileSync(resolve(file), 'utf8')) as unknown;

async function target(): Promise<{ client: DynamoDBDocumentClient; tableName: string; done: () => Promise<void> }> {
  if (process.env.TABLE_NAME) {
    return { client: DynamoDBDocumentClient.from(new DynamoDBClient({})), tableName: process.env.TABLE_NAME, done: async () => {} };
  }
  const { projectRoot } = await import('../local/settings.js');
  const dataDir = process.env.LOCAL_DATA_DIR ?? join(projectRoot, '.local');
  const endpoints = join(dataDir, 'endpoints.json');
  const local = { region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  if (existsSync(endpoints)) {
    const { dynamodbEndpoint, tableName } = JSON.parse(readFileSync(endpoints, 'utf8')) as { dynamodbEndpoint: string; tableName: string };
    const client = new DynamoDBClient({ ...local, endpoint: dynamodbEndpoint, maxAttempts: 1 });
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2000) });
      return { client: DynamoDBDocumentClient.from(client), tableName, done: async () => client.destroy() };
    } catch {
      client.destroy(); // recorded but not running: use the data folder
    }
  }
  const { ensureDynamoDbLocal } = await import('../local/dynamodb/install.js');
  const { startDynamoDbLocal } = await import('../local/dynamodb/server.js');
  const { ensureRegistryTable } = await import('../local/dynamodb/tables.js');
  await ensureDynamoDbLocal();
  const dynamo = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
  const client = new DynamoDBClient({ ...local, endpoint: dynamo.endpoint });
  await ensureRegistryTable(client, 'Registry');
  return {
    client: DynamoDBDocumentClient.from(client),
    tableName: 'Registry',
    done: async () => {
      client.destroy();
      await dynamo.stop();
    },
  };
}

const { client, tableName, done } = await target();
const started = performance.now();
try {
  const report = await importPopulation(client, tableName, data, { regions: await loadRegionCodes() });
  const seconds = (performance.now() - started) / 1000;
  const reportFile = `${resolve(file)}.report.json`;
  writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    [
      `Imported into ${tableName} in ${seconds.toFixed(1)} s`,
      `  families: ${report.families.imported} new, ${report.families.unchanged} already there, ${report.families.rejected} rejected (of ${report.families.total})`,
      `  persons:  ${report.persons.imported} new, ${report.persons.unchanged} already there, ${report.persons.rejected} rejected (of ${report.persons.total})`,
      `  NIK counters seeded: ${report.nikCounters.seeded}`,
      `  items written: ${report.itemsWritten}`,
      ...report.problems.slice(0, 20).map((p) => `  ✗ ${p.position}: ${p.reason}`),
      ...(report.problems.length > 20 ? [`  … ${report.problems.length - 20} more`] : []),
      `  full report: ${reportFile}`,
      '',
    ].join('\n'),
  );
} finally {
  await done();
}
