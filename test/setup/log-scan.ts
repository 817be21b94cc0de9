import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { scanText } from '../security/log-scanner.js';

/**
 * The whole run's output, scanned for personal data: test/setup/log-capture.ts writes each test
 * file's output (and child processes write theirs) into one folder; at the end of the run every line
 * is checked (test/security/log-scanner.ts). A leak fails the run with file:line and what leaked.
 */
export default function setup(project: TestProject): () => void {
  const logDir = process.env['LAHIR_TEST_LOG_DIR'] ?? mkdtempSync(join(tmpdir(), 'lahir-test-logs-'));
  mkdirSync(logDir, { recursive: true });
  project.provide('logDir', logDir);
  return () => {
    const findings = readdirSync(logDir).flatMap((name) => scanText(name, readFileSync(join(logDir, name), 'utf8')));
    if (findings.length > 0) {
      const list = findings.slice(0, 50).map((f) => `  ${f.file}:${f.line}  ${f.kind}`);
      throw new Error(`Personal data in the test run's logs (kept in ${logDir}):\n${list.join('\n')}`);
    }
    // A folder named with LAHIR_TEST_LOG_DIR is kept for reading; the run's own temporary one is not.
    if (!process.env['LAHIR_TEST_LOG_DIR']) rmSync(logDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    logDir: string;
  }
}
