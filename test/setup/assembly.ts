import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { AwsCall } from '../../local/aws-recorder.js';
import { projectRoot } from '../../local/settings.js';
import { synthesizeApp } from '../../local/synth.js';
import { permissionReport } from '../support/permission-report.js';

/**
 * The integration tests run what AWS runs (README "How the local stack mirrors the deployed app"):
 * the CDK app is synthesized once per run, and every test stack runs its bundles, environments and
 * workflow definition (test/support/local-stack.ts). Each stack appends the AWS calls its functions
 * made to a file here; at the end of the run they are summed up into the permission report
 * (test-results/permission-report.json): every call was checked against the function's role as it
 * happened, and the report lists the grants no test exercised.
 * `LOCAL_MODE=source` skips synthesis and runs the source modules instead (quick local iterations).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const mode = process.env.LOCAL_MODE === 'source' ? 'source' : 'bundle';
  project.provide('localMode', mode);
  const workDir = mkdtempSync(join(tmpdir(), 'lahir-assembly-'));
  const assemblyDir = join(workDir, 'cdk.out');
  const callLogDir = join(workDir, 'aws-calls');
  mkdirSync(callLogDir);
  project.provide('awsCallLogDir', callLogDir);
  if (mode === 'bundle') {
    const ms = await synthesizeApp(assemblyDir);
    process.stdout.write(`[assembly] CDK app synthesized for the integration tests in ${(ms / 1000).toFixed(1)} s\n`);
  }
  project.provide('assemblyDir', assemblyDir);
  return () => {
    try {
      const calls = readdirSync(callLogDir).flatMap((file) =>
        readFileSync(join(callLogDir, file), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as AwsCall),
      );
      if (mode === 'bundle' && calls.length > 0) {
        const report = permissionReport(assemblyDir, calls);
        const out = join(projectRoot, 'test-results');
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, 'permission-report.json'), `${JSON.stringify(report, null, 2)}\n`);
        process.stdout.write(
          `[assembly] permission report (test-results/permission-report.json): ${report.summary.calls} distinct calls, ` +
            `${report.summary.denied} denied, ${report.summary.unusedGrants} granted actions no test exercised\n`,
        );
      }
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    localMode: 'source' | 'bundle';
    assemblyDir: string;
    awsCallLogDir: string;
  }
}
