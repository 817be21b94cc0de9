import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/**
 * What the local Step Functions engine must keep across a restart, as the service keeps it: each
 * execution (name, input, status) and each callback's task token (deadline, first answer).
 *
 * An append-only file of JSON lines, one record per change, read back in full on start (the last
 * line of a record wins) and compacted then: finished executions keep their record (names stay
 * taken, DescribeExecution answers) and lose their tokens. Every change is written with a synchronous
 * write before the engine goes on, so a `kill -9` loses nothing the engine acknowledged (the bytes
 * are in the kernel's page cache). One engine process owns a file. Without a file (a stack whose
 * DynamoDB is in memory) the records live as long as the process.
 *
 * The application's data is never here: it is in DynamoDB, written by the handlers.
 */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  readonly status: ExecutionStatus;
  readonly startDate: string;
  readonly stopDate?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface TokenOutcome {
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly timedOut?: boolean;
}

export interface TokenRecord {
  readonly taskToken: string;
  readonly deadline: number; // epoch ms
  readonly outcome?: TokenOutcome;
}

type Line = { readonly execution: ExecutionRecord } | { readonly token: TokenRecord & { readonly execution: string; readonly state: string } };

const tokenKey = (execution: string, state: string) => `${execution}\u0000${state}`;

export class EngineJournal {
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly tokens = new Map<string, TokenRecord & { readonly execution: string; readonly state: string }>();
  private fd: number | undefined;

  /** Reads `file` (if it exists), compacts it and keeps it open for appending; no file: memory only. */
  constructor(private readonly file?: string) {
    if (!file) return;
    if (existsSync(file)) {
      for (const text of readFileSync(file, 'utf8').split('\n')) {
        if (!text) continue;
        let line: Line;
        try {
          line = JSON.parse(text) as Line;
        } catch {
          continue; // a line cut short by a crash mid-write: its change was never acknowledged
        }
        if ('execution' in line) this.executions.set(line.execution.name, line.execution);
        else this.tokens.set(tokenKey(line.token.execution, line.token.state), line.token);
      }
    }
    const live = [...this.tokens.values()].filter((t) => this.executions.get(t.execution)?.status === 'RUNNING');
    const compacted: Line[] = [...[...this.executions.values()].map((execution) => ({ execution })), ...live.map((token) => ({ token }))];
    const temporary = `${file}.compacting`;
    const out = openSync(temporary, 'w', 0o600);
    writeSync(out, compacted.map((line) => `${JSON.stringify(line)}\n`).join(''));
    closeSync(out);
    renameSync(temporary, file);
    this.tokens.clear();
    for (const token of live) this.tokens.set(tokenKey(token.execution, token.state), token);
    this.fd = openSync(file, 'a', 0o600);
  }

  private append(line: Line): void {
    if (this.fd !== undefined) writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  execution(name: string): ExecutionRecord | undefined {
    return this.executions.get(name);
  }

  running(): ExecutionRecord[] {
    return [...this.executions.values()].filter((e) => e.status === 'RUNNING');
  }

  /** Records a new execution; false (and nothing written) if the name is taken. */
  addExecution(record: ExecutionRecord): boolean {
    if (this.executions.has(record.name)) return false;
    this.append({ execution: record });
    this.executions.set(record.name, record);
    return true;
  }

  finishExecution(name: string, fields: Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause'>): void {
    const current = this.executions.get(name);
    if (!current) return;
    const next = { ...current, ...fields };
    this.append({ execution: next });
    this.executions.set(name, next);
  }

  /** The callback's token: the stored one if the state was entered before, else `fresh` (now stored). */
  tokenFor(execution: string, state: string, fresh: TokenRecord): TokenRecord {
    const existing = this.tokens.get(tokenKey(execution, state));
    if (existing) return existing;
    const record = { ...fresh, execution, state };
    this.append({ token: record });
    this.tokens.set(tokenKey(execution, state), record);
    return record;
  }

  /**
   * Stores the first outcome of a token. Returns undefined if this one was stored, the earlier one if
   * there was one; `missing` if no such token exists (another state's, or a finished execution's).
   */
  storeOutcome(execution: string, state: string, taskToken: string, outcome: TokenOutcome): TokenOutcome | undefined | 'missing' {
    const current = this.tokens.get(tokenKey(execution, state));
    if (!current || current.taskToken !== taskToken) return 'missing';
    if (current.outcome) return current.outcome;
    const next = { ...current, outcome };
    this.append({ token: next });
    this.tokens.set(tokenKey(execution, state), next);
    return undefined;
  }
}

/** Every execution recorded in a journal file (tests and tools read it while the engine runs or after). */
export function executionsInJournal(file: string): ExecutionRecord[] {
  const executions = new Map<string, ExecutionRecord>();
  if (!existsSync(file)) return [];
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (!text) continue;
    try {
      const line = JSON.parse(text) as Line;
      if ('execution' in line) executions.set(line.execution.name, line.execution);
    } catch {
      // cut short by a crash
    }
  }
  return [...executions.values()];
}
