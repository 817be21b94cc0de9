import { appendFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect, inject } from 'vitest';

/**
 * Tees everything a test file's process prints (console.*, and process.stdout/stderr writes such as
 * the Powertools logger's and the local gateway's) into one file per test file in the run's log
 * folder; test/setup/log-scan.ts scans them all at the end of the run for personal data.
 */
const file = join(inject('logDir'), `${basename(expect.getState().testPath ?? 'unknown')}.${process.pid}.log`);
const keep = (chunk: unknown) => {
  try {
    appendFileSync(file, typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : String(chunk));
  } catch {
    // the folder is gone after the run: nothing to keep
  }
};

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return write(chunk, ...rest);
  }) as typeof stream.write;
}
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    keep(`${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`);
    original(...args);
  };
}
