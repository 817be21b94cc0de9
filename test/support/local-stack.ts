import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.js';

/**
 * A local stack for one test file: its own tables in the shared DynamoDB Local (started once by
 * test/setup/dynamodb-local.ts), its own data folder, a free port. It runs what AWS runs (bundle
 * mode, the cloud assembly test/setup/assembly.ts synthesized once for the run), unless
 * `LOCAL_MODE=source` or a test asks for the source modules.
 */
export async function startTestStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const ownDataDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'lahir-test-'));
  const tablePrefix = options.tablePrefix ?? `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const stack = await startLocalStack({
    port: 0,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    mode: inject('localMode'),
    assemblyDir: inject('assemblyDir'),
    // Every distinct AWS call, for the run's permission report (test/setup/assembly.ts).
    awsCallLog: join(inject('awsCallLogDir'), `${tablePrefix}-${process.pid}.jsonl`),
    tablePrefix,
    retryIntervalMs: 0,
    logLevel: 'WARN',
    // No notification poller (and no printed SMS) unless a test asks for it; deliverNow() still works.
    notifications: { pollIntervalMs: 0 },
    ...options,
    dataDir: options.dataDir ?? (ownDataDir as string),
  });
  return {
    ...stack,
    stop: async () => {
      await stack.stop();
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

/** A small client for the HTTP API, as a hospital, registrar or anonymous caller would use it. */
export function apiClient(baseUrl: string) {
  return async function call<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; contentType?: string; language?: string } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (options.language) headers['accept-language'] = options.language;
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(options.rawBody !== undefined ? { body: options.rawBody } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };
}

export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`Timed out waiting; last value: ${JSON.stringify(last).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 25));
    last = await read();
  }
  return last;
}

/** For tests that drive hundreds of births from one hospital on purpose: above the per-hospital intake quota. */
export const FLOOD_QUOTA = { perMinute: 100_000, perDay: 100_000 } as const;
