import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertJavaOnPath, ensureDynamoDbLocal } from './install.js';

/**
 * Starts AWS's DynamoDB Local on loopback and resolves once it answers a real ListTables call.
 * JVM flags: C1 only (`-XX:TieredStopAtLevel=1`) and the serial GC cut its start-up from several
 * seconds to ~2 s; a short-lived test database gains nothing from C2 or a parallel collector.
 * `-disableTelemetry` stops its one outbound lookup.
 */
export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The JVM's process id (the benchmark reads its peak memory). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

export async function startDynamoDbLocal(options: { port?: number; dbPath?: string } = {}): Promise<DynamoDbLocal> {
  assertJavaOnPath();
  const home = await ensureDynamoDbLocal();
  const port = options.port || (await freePort());
  // Its files hold every registration: owner-only (the folder 0700, files 0600, also those of older runs).
  if (options.dbPath) {
    mkdirSync(options.dbPath, { recursive: true, mode: 0o700 });
    chmodSync(options.dbPath, 0o700);
    for (const entry of readdirSync(options.dbPath, { withFileTypes: true })) {
      if (entry.isFile()) chmodSync(join(options.dbPath, entry.name), 0o600);
    }
  }
  const args = [
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Djava.library.path=./DynamoDBLocal_lib',
    '-jar',
    'DynamoDBLocal.jar',
    '-sharedDb',
    '-disableTelemetry',
    // Its CORS default is '*': any web page could read and write the tables. No browser needs it.
    '-cors',
    'http://dynamodb-local.invalid',
    '-port',
    String(port),
    ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
  ];
  // The JVM inherits the umask: 077, so the database files it creates are the owner's only.
  const umask = process.umask(0o077);
  const child = (() => {
    try {
      return spawn('java', args, { cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    } finally {
      process.umask(umask);
    }
  })();
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (exited) throw new Error(`DynamoDB Local exited during start-up:\n${output.join('').slice(-2000)}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not answer within 30 s:\n${output.join('').slice(-2000)}`, { cause: error });
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw error;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    port,
    pid: child.pid,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exit;
        clearTimeout(timer);
      }
    },
  };
}
