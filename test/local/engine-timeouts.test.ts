import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { taskFunctions, substitutionKey } from '../../infra/catalog.js';
import { functionArn, loadDefinition } from '../../local/stack.js';
import {
  INTERPRETER_MAX_TIMEOUT_SECONDS,
  interpreterDefinition,
  LocalStepFunctions,
  type ExecutionStatusChangeEvent,
  type LambdaHandler,
} from '../../local/stepfunctions/engine.js';

/**
 * The engine's timeouts are the definition's (defect: callback states lost their TimeoutSeconds and
 * the interpreter's 60 s default ended every wait after a minute). Time is faked: hours and weeks of
 * unscaled time pass in milliseconds, with the real interpreter and the real engine.
 */
const STATE_MACHINE_ARN = 'arn:aws:states:ap-southeast-3:000000000000:stateMachine:Timeouts';
const REQUEST_APPROVAL = 'arn:aws:lambda:ap-southeast-3:000000000000:function:RequestApproval';
const WORK = 'arn:aws:lambda:ap-southeast-3:000000000000:function:Work';

const callbackDefinition = (timeoutSeconds: number): StateMachineDefinition =>
  ({
    StartAt: 'AwaitDecision',
    States: {
      AwaitDecision: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: REQUEST_APPROVAL, Payload: { 'taskToken.$': '$$.Task.Token' } },
        TimeoutSeconds: timeoutSeconds,
        Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Expired' }],
        Next: 'Decided',
      },
      Decided: { Type: 'Succeed' },
      Expired: { Type: 'Fail', Error: 'ApprovalExpired', Cause: 'No decision in time' },
    },
  }) as unknown as StateMachineDefinition;

const workDefinition: StateMachineDefinition = {
  StartAt: 'Work',
  States: { Work: { Type: 'Task', Resource: WORK, End: true } },
} as unknown as StateMachineDefinition;

let tokens: string[];
const requestApproval: LambdaHandler = async (event) => {
  tokens.push((event as { taskToken: string }).taskToken);
  return {};
};

const executionArnOf = (name: string) => `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;

beforeEach(() => {
  tokens = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('callback states', () => {
  it('still wait for their answer after 61 s and 121 s of unscaled time, then resume on the answer', async () => {
    const engine = new LocalStepFunctions({ definition: callbackDefinition(14_400), stateMachineArn: STATE_MACHINE_ARN, functions: new Map([[REQUEST_APPROVAL, requestApproval]]) });
    await engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'waiting', input: '{}' });
    await vi.advanceTimersByTimeAsync(61_000);
    expect((await engine.describeExecution(executionArnOf('waiting'))).status).toBe('RUNNING');
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await engine.describeExecution(executionArnOf('waiting'))).status).toBe('RUNNING');
    expect(tokens).toHaveLength(1);
    await engine.sendTaskSuccess(tokens[0] as string, '{}');
    await vi.advanceTimersByTimeAsync(10);
    expect((await engine.describeExecution(executionArnOf('waiting'))).status).toBe('SUCCEEDED');
    engine.stop();
  });

  it('time out at exactly their TimeoutSeconds, not before', async () => {
    const ended: ExecutionStatusChangeEvent[] = [];
    const engine = new LocalStepFunctions({
      definition: callbackDefinition(14_400),
      stateMachineArn: STATE_MACHINE_ARN,
      functions: new Map([[REQUEST_APPROVAL, requestApproval]]),
      onExecutionEnded: async (event) => void ended.push(event),
    });
    await engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'undecided', input: '{}' });
    await vi.advanceTimersByTimeAsync(14_400_000 - 1_000);
    expect((await engine.describeExecution(executionArnOf('undecided'))).status).toBe('RUNNING');
    await vi.advanceTimersByTimeAsync(2_000);
    const done = await engine.describeExecution(executionArnOf('undecided'));
    expect(done).toMatchObject({ status: 'FAILED', error: 'ApprovalExpired' });
    expect(ended.map((e) => e.detail)).toEqual([expect.objectContaining({ name: 'undecided', status: 'FAILED', error: 'ApprovalExpired' })]);
    engine.stop();
  });

  it('scale their timeout only when asked (timeoutScale)', async () => {
    const engine = new LocalStepFunctions({
      definition: callbackDefinition(14_400),
      stateMachineArn: STATE_MACHINE_ARN,
      functions: new Map([[REQUEST_APPROVAL, requestApproval]]),
      timeoutScale: 0.001,
    });
    await engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'scaled', input: '{}' });
    await vi.advanceTimersByTimeAsync(14_300);
    expect((await engine.describeExecution(executionArnOf('scaled'))).status).toBe('RUNNING');
    await vi.advanceTimersByTimeAsync(200);
    expect((await engine.describeExecution(executionArnOf('scaled'))).status).toBe('FAILED');
    engine.stop();
  });

  it('wait longer than the interpreter can time (its setTimeout holds 24.8 days), and still time out on time', async () => {
    const timeoutSeconds = 3_000_000; // 34.7 days
    const engine = new LocalStepFunctions({ definition: callbackDefinition(timeoutSeconds), stateMachineArn: STATE_MACHINE_ARN, functions: new Map([[REQUEST_APPROVAL, requestApproval]]) });
    await engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'long', input: '{}' });
    await vi.advanceTimersByTimeAsync((INTERPRETER_MAX_TIMEOUT_SECONDS + 60) * 1000);
    expect((await engine.describeExecution(executionArnOf('long'))).status).toBe('RUNNING');
    // Re-entered once before the interpreter's timer: the same token, asked for again.
    expect(new Set(tokens).size).toBe(1);
    await vi.advanceTimersByTimeAsync((timeoutSeconds - INTERPRETER_MAX_TIMEOUT_SECONDS - 120) * 1000);
    expect((await engine.describeExecution(executionArnOf('long'))).status).toBe('RUNNING');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(await engine.describeExecution(executionArnOf('long'))).toMatchObject({ status: 'FAILED', error: 'ApprovalExpired' });
    engine.stop();
  });

  it('of the real workflow get exactly their TimeoutSeconds × timeoutScale, and the interpreter a timer it can hold', () => {
    const definition = loadDefinition(Object.fromEntries(taskFunctions.map((f) => [substitutionKey(f.id), functionArn(f.id)])));
    const callbacks = Object.entries(definition.States).filter(
      ([, s]) => s.Type === 'Task' && (s as { Resource: string }).Resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    ) as [string, { TimeoutSeconds: number }][];
    expect(callbacks.map(([name]) => name).sort()).toEqual(['AwaitDecision', 'AwaitEscalatedDecision']);
    for (const scale of [1, 0.00002]) {
      vi.useRealTimers();
      const engine = new LocalStepFunctions({ definition, stateMachineArn: STATE_MACHINE_ARN, functions: new Map(), timeoutScale: scale });
      expect(Object.fromEntries(engine.callbackTimeoutsMs())).toEqual(
        Object.fromEntries(callbacks.map(([name, state]) => [name, state.TimeoutSeconds * 1000 * scale])),
      );
      engine.stop();
    }
    for (const state of Object.values(interpreterDefinition(definition).States) as { Type: string; TimeoutSeconds?: number }[]) {
      if (state.Type !== 'Task') continue;
      expect(state.TimeoutSeconds).toBeGreaterThanOrEqual(1);
      expect(state.TimeoutSeconds).toBeLessThanOrEqual(INTERPRETER_MAX_TIMEOUT_SECONDS);
    }
  });
});

describe('other tasks', () => {
  const slowWork = (ms: number): LambdaHandler => () => new Promise((resolve) => setTimeout(() => resolve({ done: true }), ms));

  it('get no local default timeout: a task without TimeoutSeconds runs as long as its function may', async () => {
    const engine = new LocalStepFunctions({ definition: workDefinition, stateMachineArn: STATE_MACHINE_ARN, functions: new Map([[WORK, slowWork(400_000)]]) });
    await engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'slow', input: '{}' });
    await vi.advanceTimersByTimeAsync(400_010);
    expect((await engine.describeExecution(executionArnOf('slow'))).status).toBe('SUCCEEDED');
    engine.stop();
  });

  it("fail as Lambda reports a function timeout (Sandbox.Timedout) past the function's configured timeout", async () => {
    const engine = new LocalStepFunctions({
      definition: workDefinition,
      stateMachineArn: STATE_MACHINE_ARN,
      functions: new Map([[WORK, slowWork(11_000)]]),
      functionTimeoutsSeconds: new Map([[WORK, 10]]),
    });
    await engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'too-slow', input: '{}' });
    await vi.advanceTimersByTimeAsync(9_990);
    expect((await engine.describeExecution(executionArnOf('too-slow'))).status).toBe('RUNNING');
    await vi.advanceTimersByTimeAsync(20);
    expect(await engine.describeExecution(executionArnOf('too-slow'))).toMatchObject({ status: 'FAILED', error: 'Sandbox.Timedout' });
    await vi.advanceTimersByTimeAsync(2_000);
    engine.stop();
  });
});

describe('execution ends', () => {
  it('are announced as EventBridge delivers them: FAILED with the error, ABORTED on StopExecution', async () => {
    const ended: ExecutionStatusChangeEvent[] = [];
    const failing: LambdaHandler = async () => {
      throw Object.assign(new Error('key unavailable'), { name: 'KMSInternalException' });
    };
    const engine = new LocalStepFunctions({
      definition: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: WORK, End: true } } } as unknown as StateMachineDefinition,
      stateMachineArn: STATE_MACHINE_ARN,
      functions: new Map([[WORK, failing]]),
      onExecutionEnded: async (event) => void ended.push(event),
    });
    await engine.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'broken', input: '{"registrationId":"broken"}' });
    await vi.advanceTimersByTimeAsync(10);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      region: 'ap-southeast-3',
      account: '000000000000',
      resources: [executionArnOf('broken')],
      detail: {
        executionArn: executionArnOf('broken'),
        stateMachineArn: STATE_MACHINE_ARN,
        name: 'broken',
        status: 'FAILED',
        input: '{"registrationId":"broken"}',
        error: 'KMSInternalException',
        cause: 'key unavailable',
      },
    });
    engine.stop();

    const waiting = new LocalStepFunctions({
      definition: callbackDefinition(14_400),
      stateMachineArn: STATE_MACHINE_ARN,
      functions: new Map([[REQUEST_APPROVAL, requestApproval]]),
      onExecutionEnded: async (event) => void ended.push(event),
    });
    await waiting.startExecution({ stateMachineArn: STATE_MACHINE_ARN, name: 'stopped', input: '{}' });
    await vi.advanceTimersByTimeAsync(10);
    await waiting.stopExecution(executionArnOf('stopped'), 'Operator', 'stopped by hand');
    expect(await waiting.describeExecution(executionArnOf('stopped'))).toMatchObject({ status: 'ABORTED', error: 'Operator' });
    expect(ended[1]?.detail).toMatchObject({ name: 'stopped', status: 'ABORTED', error: 'Operator', cause: 'stopped by hand' });
    waiting.stop();
  });
});
