import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { seededRandom } from '../../functions/shared/fault-injection.js';
import { invokeInContext, lambdaContext } from '../lambda-runtime.js';
import { StatesTimeoutError, StepFunctionsApiError } from './errors.js';
import { EngineJournal, type ExecutionRecord, type TokenOutcome, type TokenRecord } from './journal.js';

export type { ExecutionRecord, ExecutionStatus } from './journal.js';

/**
 * Step Functions on one machine: the real ASL executed by aws-local-stepfunctions, plus what that
 * interpreter lacks and this system needs:
 *  - `.waitForTaskToken`: a task token is minted and stored with its deadline (./journal.ts); the
 *    state waits until SendTaskSuccess/SendTaskFailure (through the API endpoint) or until the
 *    deadline, then fails with States.Timeout like the service.
 *  - durable executions: each execution is recorded (./journal.ts); after a restart every RUNNING one is
 *    run again from the start with its original input. That is safe because every task in this
 *    system is idempotent on the registration; a callback state re-entered finds its stored token
 *    (and an answer that may have arrived meanwhile).
 *  - idempotent StartExecution by name, as the service does for Standard workflows.
 * Task Lambdas are invoked in-process (the same handler modules that are deployed), with their
 * payloads JSON-copied both ways as Lambda would.
 */
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

export interface EngineOptions {
  readonly definition: StateMachineDefinition;
  readonly stateMachineArn: string;
  /** Function ARN -> handler. */
  readonly functions: ReadonlyMap<string, LambdaHandler>;
  /** Where executions and task tokens are kept across restarts (./journal.ts); none: in memory only. */
  readonly journalFile?: string;
  /** Multiplies callback timeouts (tests shrink a 4-hour wait to milliseconds). Default 1. */
  readonly timeoutScale?: number;
  /** Retry back-off in milliseconds for every retrier (default: as the ASL says). */
  readonly retryIntervalMs?: number;
  /** Observes every state entered (transition counting for benchmarks). */
  readonly onStateEntered?: (stateName: string) => void;
  /**
   * Reliability tests: each task invocation fails with a `TransientError` at this rate, half of them
   * before the handler runs and half after it ran (its writes done, its answer lost: the case that
   * proves every step idempotent). Draws depend on `seed`, the execution, the state and the attempt
   * only (not on scheduling). `maxPerStep` caps the injected failures of one step of one execution
   * (default: no cap), so that a test can leave a step's last Retry attempts alone.
   */
  readonly faults?: { readonly taskErrorRate: number; readonly seed?: number; readonly maxPerStep?: number };
}

interface Waiter {
  resolve(outcome: TokenOutcome): void;
}

type LocalHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type JsonValue = Parameters<LocalHandlers[string]>[0];

const TOKEN_PLACEHOLDER = '__LOCAL_TASK_TOKEN__';
const CALLBACK_RESOURCE = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const INVOKE_RESOURCE = 'arn:aws:states:::lambda:invoke';

type TaskState = { Type: 'Task'; Resource: string; TimeoutSeconds?: number; Retry?: { IntervalSeconds?: number }[] };

export class LocalStepFunctions {
  private readonly machine: StateMachine;
  private readonly taskStates: ReadonlyMap<string, TaskState>;
  private readonly waiters = new Map<string, Waiter>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly aborters = new Set<() => void>();
  private stopped = false;
  private readonly journal: EngineJournal;
  /** Invocations so far per execution and state: the attempt number of the next one (fault draws). */
  private readonly attempts = new Map<string, number>();
  /** Faults injected so far (reliability tests assert they happened). */
  readonly injectedFaults = { beforeHandler: 0, afterHandler: 0 };

  constructor(private readonly options: EngineOptions) {
    const states = Object.entries(options.definition.States).filter(([, s]) => s.Type === 'Task') as [string, TaskState][];
    this.taskStates = new Map(states);
    // The engine enforces callback deadlines itself (durably); the interpreter's timer would not survive a restart.
    const definition = structuredClone(options.definition);
    for (const [name, state] of states) {
      if (state.Resource === CALLBACK_RESOURCE) delete (definition.States[name] as TaskState).TimeoutSeconds;
      else (definition.States[name] as TaskState).TimeoutSeconds ??= 300;
    }
    this.machine = new StateMachine(definition); // validated once: construction is the slow part
    this.journal = new EngineJournal(options.journalFile);
  }

  get stateMachineArn(): string {
    return this.options.stateMachineArn;
  }

  private executionArn(name: string): string {
    return `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  private nameOf(executionArn: string): string {
    const prefix = `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:`;
    if (!executionArn.startsWith(prefix)) throw new StepFunctionsApiError('ExecutionDoesNotExist', 'Execution does not exist');
    return executionArn.slice(prefix.length);
  }

  async startExecution(params: { stateMachineArn: string; name?: string; input?: string }): Promise<{ executionArn: string; startDate: Date }> {
    if (params.stateMachineArn !== this.options.stateMachineArn) {
      throw new StepFunctionsApiError('StateMachineDoesNotExist', 'State machine does not exist');
    }
    const name = params.name ?? randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new StepFunctionsApiError('ValidationException', 'Invalid execution name');
    const input = params.input ?? '{}';
    JSON.parse(input);
    const record: ExecutionRecord = {
      executionArn: this.executionArn(name),
      name,
      input,
      status: 'RUNNING',
      startDate: new Date().toISOString(),
    };
    if (!this.journal.addExecution(record)) {
      const existing = this.journal.execution(name);
      // Same name + same input while running: the service answers with the original execution.
      if (existing && existing.status === 'RUNNING' && existing.input === input) {
        return { executionArn: existing.executionArn, startDate: new Date(existing.startDate) };
      }
      throw new StepFunctionsApiError('ExecutionAlreadyExists', `Execution already exists: '${record.executionArn}'`);
    }
    this.launch(record);
    return { executionArn: record.executionArn, startDate: new Date(record.startDate) };
  }

  async describeExecution(executionArn: string): Promise<ExecutionRecord> {
    const record = this.journal.execution(this.nameOf(executionArn));
    if (!record) throw new StepFunctionsApiError('ExecutionDoesNotExist', 'Execution does not exist');
    return record;
  }

  /** Re-runs every execution left RUNNING by a previous process. */
  async resumeRunning(): Promise<number> {
    const items = this.journal.running();
    for (const record of items) if (!this.running.has(record.name)) this.launch(record);
    return items.length;
  }

  async sendTaskSuccess(taskToken: string, output: string): Promise<void> {
    JSON.parse(output);
    await this.answer(taskToken, { output });
  }

  async sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void> {
    await this.answer(taskToken, { error: error ?? 'TaskFailed', ...(cause ? { cause } : {}) });
  }

  /** Stops running executions in this process without marking them (a later start resumes them). */
  stop(): void {
    this.stopped = true;
    for (const abort of this.aborters) abort();
    this.waiters.clear();
    this.journal.close();
  }

  private launch(record: ExecutionRecord): void {
    const run = this.run(record).finally(() => this.running.delete(record.name));
    this.running.set(record.name, run);
  }

  private async run(record: ExecutionRecord): Promise<void> {
    const { result, abort, eventLogs } = this.machine.run(JSON.parse(record.input), {
      overrides: {
        taskResourceLocalHandlers: this.taskHandlersFor(record.name),
        ...(this.options.retryIntervalMs !== undefined ? { retryIntervalOverrides: this.retryOverrides() } : {}),
      },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, Input: JSON.parse(record.input), StartTime: record.startDate },
        StateMachine: { Id: this.options.stateMachineArn },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    this.aborters.add(abort);
    const observe = this.options.onStateEntered ? this.observe(eventLogs) : Promise.resolve();
    let finish: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>;
    try {
      const output = await result;
      finish = { status: 'SUCCEEDED', output: JSON.stringify(output) };
    } catch (error) {
      if (this.stopped) return; // killed with the process: stays RUNNING, resumed on next start
      const failure = error as Error & { cause?: unknown };
      const inner = failure.cause instanceof Error ? failure.cause : failure;
      finish = { status: 'FAILED', error: inner.name, cause: inner.message };
    } finally {
      this.aborters.delete(abort);
    }
    await observe;
    if (this.stopped) return;
    this.journal.finishExecution(record.name, { ...finish, stopDate: new Date().toISOString() });
  }

  private async observe(eventLogs: AsyncGenerator<{ type: string; state?: { name: string } }>): Promise<void> {
    for await (const event of eventLogs) {
      if (event.type === 'StateEntered' && event.state) this.options.onStateEntered?.(event.state.name);
    }
  }

  private retryOverrides(): Record<string, number> {
    return Object.fromEntries([...this.taskStates.keys()].map((name) => [name, this.options.retryIntervalMs ?? 0]));
  }

  private taskHandlersFor(executionName: string): LocalHandlers {
    const handlers: LocalHandlers = {};
    for (const [stateName, state] of this.taskStates) {
      if (state.Resource === CALLBACK_RESOURCE) {
        handlers[stateName] = (input) =>
          this.runCallbackState(executionName, stateName, state, input as { FunctionName: string; Payload: unknown });
      } else if (state.Resource === INVOKE_RESOURCE) {
        handlers[stateName] = async (input) => {
          const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
          return { StatusCode: 200, Payload: await this.invoke(FunctionName, Payload, `${executionName}#${stateName}`) };
        };
      } else {
        handlers[stateName] = (input) => this.invoke(state.Resource, input, `${executionName}#${stateName}`);
      }
    }
    return handlers;
  }

  private async invoke(functionArn: string, payload: unknown, attemptKey: string): Promise<JsonValue> {
    const handler = this.options.functions.get(functionArn);
    if (!handler) throw Object.assign(new Error(`Function not found: ${functionArn}`), { name: 'Lambda.ResourceNotFoundException' });
    const functionName = functionArn.split(':').pop() ?? functionArn;
    const context = lambdaContext(functionName);
    const fault = this.drawFault(attemptKey);
    if (fault === 'before') throw injectedTaskError(functionName, fault);
    const result = await invokeInContext(context, () => handler(JSON.parse(JSON.stringify(payload ?? null)), context));
    if (fault === 'after') throw injectedTaskError(functionName, fault);
    return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as JsonValue);
  }

  /**
   * Whether this attempt of this state of this execution fails, and where: drawn from the seed, the
   * execution, the state and the attempt number, so the faults do not depend on scheduling.
   */
  private drawFault(attemptKey: string): 'before' | 'after' | undefined {
    const rate = this.options.faults?.taskErrorRate ?? 0;
    if (!(rate > 0)) return undefined;
    const attempt = (this.attempts.get(attemptKey) ?? 0) + 1;
    this.attempts.set(attemptKey, attempt);
    if (attempt > (this.options.faults?.maxPerStep ?? Infinity)) return undefined;
    const random = seededRandom(fnv1a(`${this.options.faults?.seed ?? 1}:${attemptKey}:${attempt}`));
    if (random() >= rate) return undefined;
    const where = random() < 0.5 ? 'before' : 'after';
    this.injectedFaults[where === 'before' ? 'beforeHandler' : 'afterHandler'] += 1;
    return where;
  }

  private async runCallbackState(
    executionName: string,
    stateName: string,
    state: TaskState,
    input: { FunctionName: string; Payload: unknown },
  ): Promise<JsonValue> {
    // First entry: a new token, stored with its deadline. Re-entry after a restart: the stored one
    // (same deadline), and its answer if one arrived before the crash.
    const timeoutMs = (state.TimeoutSeconds ?? 365 * 86_400) * 1000 * (this.options.timeoutScale ?? 1);
    const record = this.journal.tokenFor(executionName, stateName, {
      taskToken: encodeToken(executionName, stateName),
      deadline: Date.now() + timeoutMs,
    });
    if (record.outcome) return settle(record.outcome);

    // The waiter exists before the task can hand the token to anyone: every answer finds it.
    const { taskToken } = record;
    const answered = new Promise<TokenOutcome>((resolve) => this.waiters.set(taskToken, { resolve }));
    try {
      await this.invoke(input.FunctionName, replaceToken(input.Payload, taskToken), `${executionName}#${stateName}`);
    } catch (error) {
      this.waiters.delete(taskToken);
      throw error;
    }
    const outcome = await this.awaitAnswer(executionName, stateName, record, answered);
    return settle(outcome);
  }

  private async awaitAnswer(executionName: string, stateName: string, record: TokenRecord, answered: Promise<TokenOutcome>): Promise<TokenOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), Math.max(0, record.deadline - Date.now()));
    });
    try {
      const first = await Promise.race([answered, deadline]);
      if (first !== 'deadline') return first;
      const timedOut = { timedOut: true } as const;
      const stored = this.journal.storeOutcome(executionName, stateName, record.taskToken, timedOut);
      return stored === undefined || stored === 'missing' ? timedOut : stored;
    } finally {
      clearTimeout(timer);
      this.waiters.delete(record.taskToken);
    }
  }

  /** SendTaskSuccess/Failure: the first answer (or the deadline) wins, as in the service. */
  private async answer(taskToken: string, outcome: TokenOutcome): Promise<void> {
    const decoded = decodeToken(taskToken);
    if (!decoded) throw new StepFunctionsApiError('InvalidToken', 'Invalid Token');
    const earlier = this.journal.storeOutcome(decoded.executionName, decoded.stateName, taskToken, outcome);
    if (earlier === 'missing') throw new StepFunctionsApiError('TaskDoesNotExist', 'Task does not exist');
    if (earlier) throw new StepFunctionsApiError('TaskTimedOut', 'Task Timed Out');
    this.waiters.get(taskToken)?.resolve(outcome);
  }
}

/** FNV-1a, 32 bits: a seed from a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** What the workflow's Retry matches (workflows/*.asl.json): the same name task Lambdas throw. */
function injectedTaskError(functionName: string, where: 'before' | 'after'): Error {
  return Object.assign(new Error(`Injected transient failure ${where} ${functionName} ran`), { name: 'TransientError' });
}

function settle(outcome: TokenOutcome): JsonValue {
  if (outcome.timedOut) throw new StatesTimeoutError();
  if (outcome.output !== undefined) return JSON.parse(outcome.output) as JsonValue;
  throw Object.assign(new Error(outcome.cause ?? ''), { name: outcome.error ?? 'TaskFailed' });
}

/** Tokens name their execution and state so any process can route an answer; the nonce makes them unguessable. */
function encodeToken(executionName: string, stateName: string): string {
  return Buffer.from(JSON.stringify({ e: executionName, s: stateName, n: randomUUID() })).toString('base64url');
}

function decodeToken(token: string): { executionName: string; stateName: string } | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { e?: unknown; s?: unknown };
    if (typeof parsed.e === 'string' && typeof parsed.s === 'string') return { executionName: parsed.e, stateName: parsed.s };
  } catch {
    // not ours
  }
  return undefined;
}

function replaceToken(payload: unknown, token: string): unknown {
  return JSON.parse(JSON.stringify(payload ?? null).replaceAll(TOKEN_PLACEHOLDER, token));
}
