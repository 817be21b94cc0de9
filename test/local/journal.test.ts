import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineJournal, executionsInJournal, type ExecutionRecord } from '../../local/stepfunctions/journal.js';

const execution = (name: string): ExecutionRecord => ({
  executionArn: `arn:aws:states:ap-southeast-3:000000000000:execution:Test:${name}`,
  name,
  input: JSON.stringify({ registrationId: name }),
  status: 'RUNNING',
  startDate: '2026-11-23T00:00:00.000Z',
});

describe("the local engine's journal", () => {
  const dirs: string[] = [];
  const fileIn = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lahir-journal-'));
    dirs.push(dir);
    return join(dir, 'stepfunctions-journal.jsonl');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps executions, tokens and first answers across a reopen, and keeps names taken', () => {
    const file = fileIn();
    const first = new EngineJournal(file);
    expect(first.addExecution(execution('a'))).toBe(true);
    expect(first.addExecution(execution('a'))).toBe(false);
    first.addExecution(execution('b'));
    const token = first.tokenFor('a', 'AwaitDecision', { taskToken: 't-a', deadline: 1 });
    expect(first.tokenFor('a', 'AwaitDecision', { taskToken: 'other', deadline: 2 })).toEqual(token);
    expect(first.storeOutcome('a', 'AwaitDecision', 't-a', { output: '{"decision":"APPROVE"}' })).toBeUndefined();
    expect(first.storeOutcome('a', 'AwaitDecision', 't-a', { timedOut: true })).toEqual({ output: '{"decision":"APPROVE"}' });
    expect(first.storeOutcome('a', 'AwaitDecision', 'forged', { output: '{}' })).toBe('missing');
    first.finishExecution('b', { status: 'SUCCEEDED', stopDate: '2026-11-23T00:01:00.000Z', output: '{}' });
    first.close();

    const second = new EngineJournal(file);
    expect(second.running().map((e) => e.name)).toEqual(['a']);
    expect(second.execution('b')?.status).toBe('SUCCEEDED');
    expect(second.addExecution(execution('b'))).toBe(false);
    expect(second.tokenFor('a', 'AwaitDecision', { taskToken: 'new', deadline: 9 })).toMatchObject({ taskToken: 't-a', outcome: { output: '{"decision":"APPROVE"}' } });
    second.close();
  });

  it('ignores a line cut short by a crash, and compacts on open: finished executions stay, their tokens go', () => {
    const file = fileIn();
    const journal = new EngineJournal(file);
    journal.addExecution(execution('done'));
    journal.tokenFor('done', 'AwaitDecision', { taskToken: 't-done', deadline: 1 });
    journal.finishExecution('done', { status: 'SUCCEEDED', stopDate: '2026-11-23T00:01:00.000Z' });
    journal.addExecution(execution('live'));
    journal.close();
    appendFileSync(file, '{"execution":{"name":"half');

    const reopened = new EngineJournal(file);
    reopened.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(executionsInJournal(file).map((e) => [e.name, e.status])).toEqual([
      ['done', 'SUCCEEDED'],
      ['live', 'RUNNING'],
    ]);
  });

  it('keeps nothing on disk without a file (a stack whose DynamoDB is in memory)', () => {
    const journal = new EngineJournal();
    expect(journal.addExecution(execution('x'))).toBe(true);
    expect(journal.running()).toHaveLength(1);
    journal.close();
  });
});
