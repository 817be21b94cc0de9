import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { allFunctions, birthRegistrationDefinitionPath, DEFAULT_TIMEOUT_SECONDS, substitutionKey, taskFunctions } from '../../infra/catalog.js';

type State = {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number; BackoffRate?: number }[];
  Resource?: string;
  TimeoutSeconds?: number;
  Parameters?: Record<string, unknown>;
};
type Definition = { StartAt: string; States: Record<string, State>; QueryLanguage?: string };

const validate = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };

const source = readFileSync(birthRegistrationDefinitionPath, 'utf8');
const definition = JSON.parse(source) as Definition;
const states = Object.entries(definition.States);
const transitionsOf = (state: State): string[] =>
  [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)].filter(
    (name): name is string => name !== undefined,
  );

describe('workflows/birth-registration.asl.json', () => {
  it('is valid ASL once its placeholders are substituted with function ARNs', () => {
    const substituted = source.replace(/\$\{(\w+)FunctionArn\}/g, (_, id: string) => `arn:aws:lambda:ap-southeast-3:123456789012:function:${id}`);
    const result = validate(JSON.parse(substituted), { checkArn: true, checkPaths: true });
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('uses JSONPath only (the local interpreter cannot run JSONata)', () => {
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(source).not.toContain('{%');
  });

  it('has exactly the placeholders the CDK app and the local stack substitute', () => {
    const placeholders = new Set([...source.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect([...placeholders].sort()).toEqual(taskFunctions.map((f) => substitutionKey(f.id)).sort());
  });

  it('points every transition at a state that exists, and reaches every state from StartAt', () => {
    const names = new Set(Object.keys(definition.States));
    expect(names.has(definition.StartAt)).toBe(true);
    for (const [name, state] of states) {
      for (const target of transitionsOf(state)) expect(names.has(target), `${name} → ${target}`).toBe(true);
    }
    const reached = new Set<string>();
    const visit = (name: string): void => {
      if (reached.has(name)) return;
      reached.add(name);
      transitionsOf(definition.States[name]!).forEach(visit);
    };
    visit(definition.StartAt);
    expect([...reached].sort()).toEqual([...names].sort());
  });

  it('retries transient errors with backoff and catches everything else into RecordFailure, at every task', () => {
    const tasks = states.filter(([, state]) => state.Type === 'Task');
    expect(tasks.length).toBeGreaterThanOrEqual(taskFunctions.length);
    for (const [name, task] of tasks) {
      const retried = (task.Retry ?? []).flatMap((r) => r.ErrorEquals);
      expect(retried, name).toContain('TransientError');
      expect(retried, name).toContain('Lambda.TooManyRequestsException');
      for (const retry of task.Retry ?? []) expect(retry.BackoffRate ?? 2, name).toBeGreaterThan(1);
      expect(retried, `${name} must not retry business errors blindly`).not.toContain('States.ALL');
      if (name === 'RecordFailure') continue; // the failure recorder ends in Fail; catching would loop
      const catchAll = (task.Catch ?? []).find((c) => c.ErrorEquals.includes('States.ALL'));
      expect(catchAll?.Next, name).toBe('RecordFailure');
    }
  });

  /** The Lambda task states and the catalog function each invokes (direct ARN or lambda:invoke's FunctionName). */
  const lambdaTasks = states.flatMap(([name, state]) => {
    const reference = state.Resource?.startsWith('arn:aws:states:::lambda:invoke') ? String(state.Parameters?.FunctionName) : state.Resource;
    const id = /^\$\{(\w+)FunctionArn\}$/.exec(reference ?? '')?.[1];
    return state.Type === 'Task' && id ? [{ name, state, id }] : [];
  });

  it('retries every way Lambda reports a failed invocation, timeouts and out-of-memory included, at every Lambda task', () => {
    // Step Functions reports a function timeout or crash (out of memory) as Lambda.Unknown or Sandbox.Timedout, and an
    // invoke that timed out on the client side as Lambda.ClientExecutionTimeoutException; every step is idempotent.
    const serviceErrors = [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'Lambda.ClientExecutionTimeoutException',
      'Lambda.Unknown',
      'Sandbox.Timedout',
    ];
    expect([...new Set(lambdaTasks.map((t) => t.id))].sort()).toEqual([...new Set(taskFunctions.map((f) => f.id))].sort());
    for (const { name, state } of lambdaTasks) {
      const retried = (state.Retry ?? []).flatMap((r) => r.ErrorEquals);
      for (const error of serviceErrors) expect(retried, `${name} retries ${error}`).toContain(error);
    }
  });

  it("gives each Lambda task state more time than its function's own timeout", () => {
    for (const { name, state, id } of lambdaTasks) {
      const spec = allFunctions.find((f) => f.id === id)!;
      if (state.TimeoutSeconds !== undefined) {
        expect(state.TimeoutSeconds, name).toBeGreaterThan(spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
      }
    }
  });

  it('waits for a registrar with a task token and a timeout that escalates, then expires into a recorded failure', () => {
    const callbacks = states.filter(([, s]) => s.Resource?.endsWith('.waitForTaskToken'));
    expect(callbacks.map(([name]) => name)).toEqual(['AwaitDecision', 'AwaitEscalatedDecision']);
    for (const [name, state] of callbacks) {
      expect(state.TimeoutSeconds, name).toBeGreaterThan(0);
      expect(JSON.stringify(state.Parameters), name).toContain('"taskToken.$":"$$.Task.Token"');
    }
    expect(definition.States.AwaitDecision!.TimeoutSeconds).toBe(4 * 60 * 60);
    expect(definition.States.AwaitDecision!.Catch![0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: 'EscalateApproval' });
    expect(definition.States.AwaitEscalatedDecision!.Catch![0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: 'ApprovalExpired' });
  });

  it('on approval issues the four numbers in one step, then the signed documents, and completes', () => {
    const path: string[] = [];
    for (let name: string | undefined = 'RegisterChild'; name; name = definition.States[name]!.Next) path.push(name);
    expect(path).toEqual(['RegisterChild', 'IssueDocuments', 'Completed']);
    const decision = definition.States.Decision as unknown as { Choices: { StringEquals?: string; Next: string }[] };
    expect(decision.Choices.find((c) => c.StringEquals === 'APPROVE')?.Next).toBe('RegisterChild');
  });

  it('takes at most 15 state transitions for an approved birth (the happy path, counted from the definition)', () => {
    const visited: string[] = [];
    const next: Record<string, string> = { IsAcceptable: 'AwaitDecision', Decision: 'RegisterChild' };
    for (let name: string | undefined = definition.StartAt; name; name = next[name] ?? definition.States[name]!.Next) visited.push(name);
    expect(visited).toEqual(['ValidateNotification', 'IsAcceptable', 'AwaitDecision', 'Decision', 'RegisterChild', 'IssueDocuments', 'Completed']);
  });
});
