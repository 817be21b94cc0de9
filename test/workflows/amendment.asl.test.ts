import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { allFunctions, amendmentDefinitionPath, amendmentTaskFunctions, DEFAULT_TIMEOUT_SECONDS, substitutionKey } from '../../infra/catalog.js';
import { INTERPRETER_MAX_TIMEOUT_SECONDS } from '../../local/stepfunctions/engine.js';

type State = {
  Type: string;
  Next?: string;
  Default?: string;
  Choices?: { Next: string; Variable?: string; StringEquals?: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Retry?: { ErrorEquals: string[]; BackoffRate?: number }[];
  Resource?: string;
  TimeoutSeconds?: number;
  Parameters?: Record<string, unknown>;
};
type Definition = { StartAt: string; States: Record<string, State>; QueryLanguage?: string };

const validate = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };

const source = readFileSync(amendmentDefinitionPath, 'utf8');
const definition = JSON.parse(source) as Definition;
const states = Object.entries(definition.States);
const transitionsOf = (state: State): string[] =>
  [state.Next, state.Default, ...(state.Choices ?? []).map((c) => c.Next), ...(state.Catch ?? []).map((c) => c.Next)].filter((n): n is string => n !== undefined);

describe('workflows/amendment.asl.json', () => {
  it('is valid ASL (JSONPath only) once its placeholders are substituted', () => {
    const substituted = source.replace(/\$\{(\w+)FunctionArn\}/g, (_, id: string) => `arn:aws:lambda:ap-southeast-3:123456789012:function:${id}`);
    const result = validate(JSON.parse(substituted), { checkArn: true, checkPaths: true });
    expect(result.errorsText('\n')).toBe('');
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
  });

  it('has exactly the placeholders of the amendment workflow’s functions (the CDK app and the local stack substitute them)', () => {
    const placeholders = new Set([...source.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect([...placeholders].sort()).toEqual(amendmentTaskFunctions.map((f) => substitutionKey(f.id)).sort());
  });

  it('points every transition at a state that exists and reaches every state', () => {
    const names = new Set(Object.keys(definition.States));
    const reached = new Set<string>();
    const visit = (name: string): void => {
      expect(names.has(name), name).toBe(true);
      if (reached.has(name)) return;
      reached.add(name);
      transitionsOf(definition.States[name]!).forEach(visit);
    };
    visit(definition.StartAt);
    expect([...reached].sort()).toEqual([...names].sort());
  });

  it('waits for the decision with a task token (the callback pattern of the birth chain), expiring into a recorded failure', () => {
    const wait = definition.States[definition.StartAt]!;
    expect(wait.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(JSON.stringify(wait.Parameters)).toContain('"taskToken.$":"$$.Task.Token"');
    expect(wait.TimeoutSeconds).toBeGreaterThan(0);
    expect(wait.TimeoutSeconds).toBeLessThanOrEqual(INTERPRETER_MAX_TIMEOUT_SECONDS);
    expect(wait.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.Timeout'], Next: 'AmendmentExpired' });
    expect(definition.States['AmendmentDecision']?.Choices?.[0]).toMatchObject({ Variable: '$.decision.decision', StringEquals: 'APPROVE', Next: 'ApplyAmendment' });
  });

  it('retries transient and Lambda errors with backoff, and catches everything else into RecordAmendmentFailure', () => {
    const tasks = states.filter(([, s]) => s.Type === 'Task');
    for (const [name, task] of tasks) {
      const retried = (task.Retry ?? []).flatMap((r) => r.ErrorEquals);
      for (const error of ['TransientError', 'Lambda.TooManyRequestsException', 'Lambda.Unknown', 'Sandbox.Timedout']) expect(retried, `${name}: ${error}`).toContain(error);
      expect(retried, name).not.toContain('States.ALL');
      if (name === 'RecordAmendmentFailure') continue;
      expect((task.Catch ?? []).find((c) => c.ErrorEquals.includes('States.ALL'))?.Next, name).toBe('RecordAmendmentFailure');
      const id = /\$\{(\w+)FunctionArn\}/.exec(JSON.stringify(task))?.[1];
      const spec = allFunctions.find((f) => f.id === id);
      expect(spec, name).toBeDefined();
      if (task.TimeoutSeconds !== undefined && !task.Resource?.endsWith('.waitForTaskToken')) {
        expect(task.TimeoutSeconds, name).toBeGreaterThan(spec?.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
      }
    }
  });

  it('carries only the amendment id in its state (no personal data in the execution history)', () => {
    for (const [name, task] of states.filter(([, s]) => s.Type === 'Task')) {
      const payload = (task.Parameters?.['Payload'] ?? task.Parameters) as Record<string, unknown>;
      expect(Object.keys(payload).filter((k) => !['amendmentId.$', 'taskToken.$', 'outcome', 'error.$'].includes(k)), name).toEqual([]);
    }
  });
});
