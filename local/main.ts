import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as z from 'zod';
import { DEMO_HEADS_OF_OFFICE } from './console.js';
import { ensureDynamoDbLocal } from './dynamodb/install.js';
import { projectRoot, readSettings } from './settings.js';
import { startLocalStack } from './stack.js';

/**
 * `npm start`: the whole system on this machine, no AWS account. Data persists in .local/ between
 * runs (in-flight registrations resume); Ctrl-C stops everything started here.
 */
const env = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOCAL_DATA_DIR: z.string().optional(),
    LOCAL_IN_MEMORY: z.enum(['true', 'false']).default('false'),
    LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']).default('WARN'),
    // source: the handler modules, quick to start; bundle: what AWS runs (synthesizes the CDK app first, ~20 s).
    LOCAL_MODE: z.enum(['source', 'bundle']).default('source'),
    // Bundle mode: an already synthesized cloud assembly (default: synthesize into the data folder).
    LOCAL_ASSEMBLY_DIR: z.string().optional(),
    // Bundle mode: append every distinct AWS call of the functions to this file (the tests' permission report).
    LOCAL_AWS_CALL_LOG: z.string().optional(),
    // The per-hospital intake quota (default AWS's: 60 a minute, 1,000 a day); tests that flood on purpose raise it.
    INTAKE_QUOTA_PER_MINUTE: z.coerce.number().int().positive().optional(),
    INTAKE_QUOTA_PER_DAY: z.coerce.number().int().positive().optional(),
  })
  .parse(process.env);

await ensureDynamoDbLocal();
const stack = await startLocalStack({
  port: env.PORT,
  inMemory: env.LOCAL_IN_MEMORY === 'true',
  logLevel: env.LOG_LEVEL,
  mode: env.LOCAL_MODE,
  ...(env.LOCAL_DATA_DIR ? { dataDir: env.LOCAL_DATA_DIR } : {}),
  ...(env.LOCAL_ASSEMBLY_DIR ? { assemblyDir: env.LOCAL_ASSEMBLY_DIR } : {}),
  ...(env.LOCAL_AWS_CALL_LOG ? { awsCallLog: env.LOCAL_AWS_CALL_LOG } : {}),
  intakeQuota: {
    ...(env.INTAKE_QUOTA_PER_MINUTE ? { perMinute: env.INTAKE_QUOTA_PER_MINUTE } : {}),
    ...(env.INTAKE_QUOTA_PER_DAY ? { perDay: env.INTAKE_QUOTA_PER_DAY } : {}),
  },
});

const settings = readSettings();
const credentials = {
  apiUrl: stack.url,
  hospitals: await Promise.all(
    settings.hospitals.map(async (h) => ({ facilityId: h.facilityId, name: h.name, token: await stack.issuer.signHospitalToken(h.facilityId) })),
  ),
  registrars: [{ username: 'registrar.demo', token: await stack.issuer.signRegistrarToken('registrar.demo') }],
  // Two, so the four-eyes rule can be shown: one requests, the other decides.
  headsOfOffice: await Promise.all(
    DEMO_HEADS_OF_OFFICE.map(async (username) => ({ username, token: await stack.issuer.signHeadOfOfficeToken(username) })),
  ),
};
const credentialsFile = join(stack.dataDir, 'dev-credentials.json');
// Lets `npm run population:import` find the running stack.
writeFileSync(
  join(stack.dataDir, 'endpoints.json'),
  `${JSON.stringify({ apiUrl: stack.url, dynamodbEndpoint: stack.dynamodbEndpoint, tableName: stack.tableName }, null, 2)}\n`,
  { mode: 0o600 },
);
writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });

process.stdout.write(
  [
    '',
    `  Lahir Procot Pulang Bawa Akte: local stack is up`,
    `  HTTP API            ${stack.url}`,
    `  Web console         ${stack.url}/console/  (local sign-in as the demo registrar or a hospital)`,
    `  API description     ${stack.url}/docs  (OpenAPI 3.1: ${stack.url}/openapi.json)`,
    `  DynamoDB Local      ${stack.dynamodbEndpoint}  (tables ${stack.tableName}, data in ${relative(projectRoot, stack.dataDir) || '.'})`,
    `  Step Functions      ${stack.stateMachineArn}`,
    `  Functions           ${stack.mode === 'bundle' ? 'the CDK app\'s bundles, each with its synthesized environment (LOCAL_MODE=bundle)' : 'the handler modules, one shared environment (LOCAL_MODE=source; bundle: what AWS runs)'}`,
    `  Dev credentials     ${relative(projectRoot, credentialsFile)}  (JWTs for ${credentials.hospitals.length} hospitals, a registrar and ${credentials.headsOfOffice.length} heads of office, valid 12 h)`,
    '',
    '  Post a first birth: see "A first birth" in README.md. Ctrl-C stops everything.',
    '',
  ].join('\n'),
);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n  ${signal}: stopping the local stack...\n`);
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
