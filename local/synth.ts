import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './settings.js';

/**
 * Synthesizes the CDK app (infra/app.ts, with cdk.json's context) into `outdir`: the template and
 * every function's esbuild bundle, exactly as `cdk deploy` would upload them. Offline, no Docker.
 * Returns the milliseconds it took (README: ~20 s on two cores, most of it bundling).
 */
export async function synthesizeApp(outdir: string): Promise<number> {
  const started = Date.now();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  // Loaded here only: source mode never pays for aws-cdk-lib.
  const [{ App }, { createApp }, { writeWeb }] = await Promise.all([
    import('aws-cdk-lib'),
    import('../infra/app.js'),
    import('../infra/console-build.js'),
  ]);
  await writeWeb(); // the console is an asset of the stack (web/dist)
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  createApp(new App({ context: cdkJson.context ?? {}, outdir })).app.synth();
  return Date.now() - started;
}
