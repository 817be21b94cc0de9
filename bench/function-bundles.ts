import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_BANNER, BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from '../infra/bundling.js';
import type { FunctionSpec } from '../infra/catalog.js';
import { civilTimeZoneOf, documentIssuerOf } from '../infra/settings.js';
import { readSettings } from '../local/settings.js';

/**
 * Each function's bundle as the CDK app builds it (infra/stack.ts's `createFunction`, with the options
 * of infra/bundling.ts), and its cold init: the time to import the bundle in a fresh Node process,
 * which is what Lambda's init phase does before the first invocation (module loading and every
 * top-level statement). Used by `npm run bench` (section 5) and `npm run bench:init`.
 */
export const BUNDLING = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: BUNDLE_TARGET,
  mainFields: [...BUNDLE_MAIN_FIELDS],
  banner: { js: BUNDLE_BANNER },
} as const;

export interface BuiltBundle {
  readonly id: string;
  readonly outfile: string;
  readonly bytes: number;
  readonly metafile: Metafile;
}

/** The package aliases of the project at `root` (infra/bundling.ts), none if it has no such module. */
async function aliasesOf(root: string): Promise<Record<string, string>> {
  const file = join(root, 'infra', 'bundling.ts');
  if (!existsSync(file)) return {};
  const { BUNDLE_ALIASES } = (await import(pathToFileURL(file).href)) as { BUNDLE_ALIASES: Record<string, string> };
  return { ...BUNDLE_ALIASES };
}

/** Builds `spec`'s handler from the project at `root` into `outDir/<id>/index.mjs`. */
export async function bundleFunction(spec: FunctionSpec, root: string, outDir: string): Promise<BuiltBundle> {
  const outfile = join(outDir, spec.id, 'index.mjs');
  mkdirSync(join(outDir, spec.id), { recursive: true });
  const result = await build({
    ...BUNDLING,
    banner: { ...BUNDLING.banner },
    mainFields: [...BUNDLING.mainFields],
    // The baseline of `--baseline` may predate infra/bundling.ts's aliases: use its own, if any.
    alias: await aliasesOf(root),
    absWorkingDir: root,
    entryPoints: [join(root, 'functions', spec.dir, 'handler.ts')],
    outfile,
    metafile: true,
    logLevel: 'silent',
  });
  return { id: spec.id, outfile, bytes: statSync(outfile).size, metafile: result.metafile };
}

const ACCOUNT = 'arn:aws:%s:ap-southeast-3:000000000000';
const KEY_ARN = `${ACCOUNT.replace('%s', 'kms')}:key/00000000-0000-0000-0000-000000000000`;

/**
 * The environment of a fresh Lambda process: every setting a function's config may read, shaped as
 * infra/stack.ts sets them in AWS (secrets and keys by ARN: nothing is fetched at init), plus this
 * process's environment without what the local stack set for its own many-invocations-at-once runtime
 * (local/lambda-runtime.ts).
 */
export function initEnvironment(root: string): NodeJS.ProcessEnv {
  const { AWS_LAMBDA_MAX_CONCURRENCY: _localConcurrency, ...inherited } = process.env;
  const settings = readSettings();
  return {
    ...inherited,
    AWS_REGION: 'ap-southeast-3',
    POWERTOOLS_SERVICE_NAME: 'birth-registration',
    POWERTOOLS_METRICS_NAMESPACE: 'BirthRegistration',
    POWERTOOLS_METRICS_DISABLED: 'true',
    TABLE_NAME: 'Registry',
    STATE_MACHINE_ARN: `${ACCOUNT.replace('%s', 'states')}:stateMachine:BirthRegistration`,
    AMENDMENT_STATE_MACHINE_ARN: `${ACCOUNT.replace('%s', 'states')}:stateMachine:Amendment`,
    ACCESS_CODE_SECRET_ARN: `${ACCOUNT.replace('%s', 'secretsmanager')}:secret:access-code-AbCdEf`,
    ISSUING_REGENCY_CODE: settings.issuingRegencyCode,
    ISSUING_OFFICE_NAME: settings.issuingOfficeName,
    AKTA_NUMBER_FORMAT: settings.aktaNumberFormat,
    SERVED_REGENCIES: settings.servedRegencies.join(','),
    CIVIL_TIME_ZONE: civilTimeZoneOf(settings),
    JWT_ISSUER: 'https://cognito-idp.ap-southeast-3.amazonaws.com/ap-southeast-3_example',
    JWT_CLIENT_IDS: 'client1,client2',
    DOCUMENT_ISSUER: JSON.stringify(documentIssuerOf(settings)),
    DOCUMENT_SIGNING_KEY: `kms:${KEY_ARN}`,
    DOCUMENT_VERIFICATION_KEYS: `kms:${KEY_ARN}`,
    DOCUMENT_FONTS_DIR: join(root, 'documents', 'fonts'),
    PUBLIC_BASE_URL: 'https://example.go.id',
    SMS_SENDER: 'sns',
  };
}

export interface ColdInit {
  /** Wall-clock milliseconds from before `import(bundle)` to its end. */
  readonly wallMs: number;
  /** CPU milliseconds the process spent meanwhile (all threads): steadier than wall time on a busy machine. */
  readonly cpuMs: number;
}

/**
 * One cold init in a fresh process, measured inside it (Node's own start-up is not counted: Lambda's
 * runtime is up before it loads the handler). `node` is the binary to run (Node 24 from
 * node_modules/.bin under npm run).
 */
export function coldInit(outfile: string, env: NodeJS.ProcessEnv, node = process.execPath): ColdInit {
  const script =
    `const t=performance.now(),c=process.cpuUsage();await import(${JSON.stringify(`file://${outfile}`)});` +
    'const u=process.cpuUsage(c);console.log(JSON.stringify({wallMs:performance.now()-t,cpuMs:(u.user+u.system)/1000}))';
  const result = spawnSync(node, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  const measured = (line.startsWith('{') ? JSON.parse(line) : {}) as Partial<ColdInit>;
  if (result.status !== 0 || !(measured.wallMs! > 0)) {
    throw new Error(`${outfile} failed to initialise: ${result.stderr.trim().split('\n').filter((l) => l.length < 400).slice(-8).join(' | ')}`);
  }
  return measured as ColdInit;
}

/**
 * Where a bundle's bytes come from: its inputs grouped by package (`node_modules/<pkg>`, scoped
 * packages with their scope) or by source file, largest first.
 */
export function bundleInputs(bundle: BuiltBundle): { name: string; bytes: number }[] {
  const output = Object.values(bundle.metafile.outputs)[0];
  const groups = new Map<string, number>();
  for (const [path, input] of Object.entries(output?.inputs ?? {})) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const name = match ? match[1]! : path.replace(/^.*?\/(domain|documents|api|functions|population|infra|local)\//, '$1/');
    groups.set(name, (groups.get(name) ?? 0) + input.bytesInOutput);
  }
  return [...groups].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};
