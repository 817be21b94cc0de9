import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, accessSync, constants as fsConstants, realpathSync } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { projectRoot } from '../settings.js';

/**
 * DynamoDB Local (AWS's own engine, a Java program) without Docker or an AWS download: the npm
 * package amplify-dynamodb-simulator ships it in `emulator/`. Only that folder is kept, in
 * <project>/.cache/dynamodb-local/, so CI can rebuild it from a clean clone with the npm registry alone.
 */
const PACKAGE = { name: 'amplify-dynamodb-simulator', version: '2.9.30' } as const;
/** The registry's dist.integrity for that version: a republished or tampered tarball is refused. */
const INTEGRITY = 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';
/** What that package ships, for messages. */
export const DYNAMODB_LOCAL_VERSION = '1.25.1';

const cacheRoot = join(projectRoot, '.cache');
const installDir = join(cacheRoot, 'dynamodb-local');
const MARKER = '.installed.json';
/** Work folders are named after their process so a crashed run's leftovers can be recognised. */
const PARTIAL_PREFIX = 'dynamodb-local.partial-';

const run = promisify(execFile);

export class JavaNotFoundError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs a Java runtime and `java` is not on PATH. ' +
        'Install one, e.g. `apt-get install -y default-jre-headless` (Debian/Ubuntu), then retry.',
    );
    this.name = 'JavaNotFoundError';
  }
}

export class DynamoDbLocalInstallError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DynamoDbLocalInstallError';
  }
}

export function assertJavaOnPath(): void {
  const names = process.platform === 'win32' ? ['java.exe'] : ['java'];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      try {
        accessSync(join(dir, name), fsConstants.X_OK);
        return;
      } catch {
        // not in this folder
      }
    }
  }
  throw new JavaNotFoundError();
}

interface Marker {
  readonly package: string;
  readonly integrity: string;
}

async function isInstalled(dir: string): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as Partial<Marker>;
    await access(join(dir, 'DynamoDBLocal.jar'));
    return marker.package === `${PACKAGE.name}@${PACKAGE.version}` && marker.integrity === INTEGRITY;
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes work folders left by runs that died mid-install (their process is gone). */
async function sweepAbandoned(): Promise<void> {
  for (const entry of await readdir(cacheRoot)) {
    if (!entry.startsWith(PARTIAL_PREFIX) && !entry.startsWith('dynamodb-local.stale-')) continue;
    const pid = Number(entry.split('-')[2]);
    if (entry.startsWith(PARTIAL_PREFIX) && Number.isInteger(pid) && isAlive(pid)) continue;
    await rm(join(cacheRoot, entry), { recursive: true, force: true });
  }
}

async function sha512Integrity(file: string): Promise<string> {
  const hash = createHash('sha512');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return `sha512-${hash.digest('base64')}`;
}

async function install(): Promise<void> {
  await mkdir(cacheRoot, { recursive: true });
  await sweepAbandoned();
  const work = join(cacheRoot, `${PARTIAL_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  const download = await mkdtemp(join(tmpdir(), 'dynamodb-local-'));
  try {
    process.stderr.write(
      `Installing DynamoDB Local ${DYNAMODB_LOCAL_VERSION} into ${installDir} (one-time: npm pack ${PACKAGE.name}@${PACKAGE.version}, ~57 MB)\n`,
    );
    try {
      // --json: the tarball's name on stdout without npm's notices.
      const { stdout } = await run('npm', ['pack', `${PACKAGE.name}@${PACKAGE.version}`, '--pack-destination', download, '--json'], {
        cwd: projectRoot,
        maxBuffer: 16 * 1024 * 1024,
      });
      const [packed] = JSON.parse(stdout) as { filename: string }[];
      if (!packed) throw new Error('npm pack reported no tarball');
      const tarball = join(download, packed.filename);
      const integrity = await sha512Integrity(tarball);
      if (integrity !== INTEGRITY) throw new Error(`tarball integrity ${integrity} is not the pinned ${INTEGRITY}`);
      await mkdir(work);
      // System tar: no extraction library to add; only the emulator folder, flattened.
      await run('tar', ['-xzf', tarball, '-C', work, '--strip-components=2', 'package/emulator']);
    } catch (error) {
      throw new DynamoDbLocalInstallError(`Could not install DynamoDB Local from ${PACKAGE.name}@${PACKAGE.version}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const marker: Marker = { package: `${PACKAGE.name}@${PACKAGE.version}`, integrity: INTEGRITY };
    await writeFile(join(work, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    await publish(work);
  } finally {
    await rm(download, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Moves a complete work folder into place with one rename, so readers see all or nothing. A
 * folder already there is either a finished install by a concurrent process (keep it) or an
 * outdated/broken one (moved aside first; rename does not replace a non-empty folder).
 */
async function publish(work: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await rename(work, installDir);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    if (await isInstalled(installDir)) return;
    const stale = join(cacheRoot, `dynamodb-local.stale-${process.pid}-${randomBytes(4).toString('hex')}`);
    await rename(installDir, stale).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // someone else moved it first
    });
    await rm(stale, { recursive: true, force: true });
  }
  throw new DynamoDbLocalInstallError(`Could not move DynamoDB Local into ${installDir}: another process keeps replacing it`);
}

let pending: Promise<string> | undefined;

/**
 * The folder holding DynamoDBLocal.jar and DynamoDBLocal_lib/, installed on first use. Safe to call
 * from several processes at once: each extracts into its own folder and publishes it atomically.
 */
export async function ensureDynamoDbLocal(): Promise<string> {
  pending ??= (async () => {
    assertJavaOnPath();
    if (!(await isInstalled(installDir))) await install();
    return installDir;
  })().catch((error: unknown) => {
    pending = undefined; // a later call may retry, e.g. after Java is installed
    throw error;
  });
  return pending;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(resolve(script)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// `tsx local/dynamodb/install.ts` (npm run dynamodb-local:install): install and print the folder.
if (invokedDirectly()) {
  try {
    process.stdout.write(`${await ensureDynamoDbLocal()}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
