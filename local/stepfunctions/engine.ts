import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { seededRandom } from '../../functions/shared/fault-injection.js';
import { invokeInContext, lambdaContext } from '../lambda-runtime.js';
import { StatesTimeoutError, StepFunctionsApiError } from './errors.js';
import { EngineJournal, type ExecutionRecord, type TokenOutcome, type TokenRecord } from './journal.js';

export type { ExecutionRecord, ExecutionStatus } from './journal.js';

/** Node's timers (and so the interpreter's) hold at most 2^31-1 ms; a longer delay fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;
/** The longest `TimeoutSeconds` aws-local-stepfunctions can honour (it arms one setTimeout per task). */
export const INTERPRETER_MAX_TIMEOUT_SECONDS = Math.floor(MAX_TIMER_MS / 1000);
/** Step Functions' own default for a Task without TimeoutSeconds (effectively none). */
export const AWS_DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

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
  /**
   * Multiplies callback timeouts (tests shrink a 4-hour wait to milliseconds). Default 1: each
   * callback state waits exactly its TimeoutSeconds, as in the service.
   */
  readonly timeoutScale?: number;
  /**
   * Function ARN -> its configured timeout in seconds (infra/catalog.ts). An invocation that runs
   * longer fails as Lambda reports a function timeout to Step Functions (`Sandbox.Timedout`); the
   * handler itself cannot be stopped in-process and runs on, as a step whose answer was lost. A
   * function without an entry has no limit.
   */
  readonly functionTimeoutsSeconds?: ReadonlyMap<string, number>;
  /**
   * Called when an execution ends FAILED, TIMED_OUT or ABORTED, with the event EventBridge delivers
   * for it in AWS ("Step Functions Execution Status Change"), as the rule of infra/stack.ts does.
   */
  readonly onExecutionEnded?: (event: ExecutionStatusChangeEvent) => Promise<void>;
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
  readonly faults?: {
    readonly taskErrorRate?: number;
    readonly seed?: number;
    readonly maxPerStep?: number;
    /**
     * The names the injected failures carry, one drawn per failure (default `TransientError`): e.g.
     * `Lambda.Unknown`, `Lambda.ClientExecutionTimeoutException` and `Sandbox.Timedout`, how the
     * service reports a function that timed out, ran out of memory or whose invocation timed out.
     */
    readonly errorNames?: readonly string[];
    /**
     * State name -> error name: every invocation of that state fails with it before the handler runs
     * (a failure the workflow did not plan for). `States.Runtime` is, as in the service, neither
     * retried nor caught (not even by States.ALL): the execution fails.
     */
    readonly stateErrors?: Readonly<Record<string, string>>;
  };
}

/** The `detail` of EventBridge's "Step Functions Execution Status Change" event, as AWS sends it. */
export interface ExecutionStatusChangeDetail {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  readonly startDate: number;
  readonly stopDate: number | null;
  readonly input: string;
  readonly output: string | null;
  readonly error: string | null;
  readonly cause: string | null;
  readonly redriveCount: number;
}

export interface ExecutionStatusChangeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Step Functions Execution Status Change';
  readonly source: 'aws.states';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: ExecutionStatusChangeDetail;
}

/** One injected task failure: where it struck and the error name it carries. */
interface InjectedFault {
  readonly where: 'before' | 'after';
  readonly name: string;
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

/** How long before the interpreter's own timer of a callback state would fire the engine re-enters the execution. */
const REENTRY_MARGIN_MS = 60_000;

export class LocalStepFunctions {
  private readonly machine: StateMachine;
  private readonly taskStates: ReadonlyMap<string, TaskState>;
  private readonly waiters = new Map<string, Waiter>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly aborters = new Map<string, () => void>();
  /** Executions aborted on purpose to be run again at once (a wait longer than the interpreter's timer). */
  private readonly reentering = new Set<string>();
  private stopped = false;
  private readonly journal: EngineJournal;
  /** Invocations so far per execution and state: the attempt number of the next one (fault draws). */
  private readonly attempts = new Map<string, number>();
  /** Where the previous fault of an attempt key was injected: the next one of that step goes to the other side. */
  private readonly lastFaultSide = new Map<string, 'before' | 'after'>();
  /** Faults injected so far (reliability tests assert they happened). */
  readonly injectedFaults: { beforeHandler: number; afterHandler: number; byName: Record<string, number> } = { beforeHandler: 0, afterHandler: 0, byName: {} };

  constructor(private readonly options: EngineOptions) {
    const states = Object.entries(options.definition.States).filter(([, s]) => s.Type === 'Task') as [string, TaskState][];
    this.taskStates = new Map(states);
    this.machine = new StateMachine(interpreterDefinition(options.definition)); // validated once: construction is the slow part
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

  /** Whether `executionArn` names an execution of this state machine (the endpoint serves several). */
  ownsExecution(executionArn: string): boolean {
    return executionArn.startsWith(`${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:`);
  }

  /** Whether `taskToken` was minted for one of this state machine's executions. */
  ownsToken(taskToken: string): boolean {
    const decoded = decodeToken(taskToken);
    return decoded !== undefined && this.journal.execution(decoded.executionName) !== undefined;
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
    for (const abort of this.aborters.values()) abort();
    this.waiters.clear();
    this.journal.close();
  }

  /**
   * The deadline every callback state of the definition gets, in milliseconds from its first entry:
   * its TimeoutSeconds (Step Functions' default when absent) times `timeoutScale`. The interpreter's
   * own timer is never shorter (see interpreterDefinition), so this is the effective timeout.
   */
  callbackTimeoutsMs(): ReadonlyMap<string, number> {
    return new Map(
      [...this.taskStates].filter(([, state]) => state.Resource === CALLBACK_RESOURCE).map(([name, state]) => [name, this.callbackTimeoutMs(state)]),
    );
  }

  private callbackTimeoutMs(state: TaskState): number {
    return (state.TimeoutSeconds ?? AWS_DEFAULT_TASK_TIMEOUT_SECONDS) * 1000 * (this.options.timeoutScale ?? 1);
  }

  private launch(record: ExecutionRecord): void {
    const run = this.run(record).finally(() => {
      if (this.running.get(record.name) === run) this.running.delete(record.name);
    });
    this.running.set(record.name, run);
  }

  private async run(record: ExecutionRecord): Promise<void> {
    // Run-scoped cleanups: an aborted run's callback waits end with it (their timers would outlive it).
    const ended = new Set<() => void>();
    const { result, abort, eventLogs } = this.machine.run(JSON.parse(record.input), {
      overrides: {
        taskResourceLocalHandlers: this.taskHandlersFor(record.name, ended),
        ...(this.options.retryIntervalMs !== undefined ? { retryIntervalOverrides: this.retryOverrides() } : {}),
      },
      context: {
        Execution: { Id: record.executionArn, Name: record.name, Input: JSON.parse(record.input), StartTime: record.startDate },
        StateMachine: { Id: this.options.stateMachineArn },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    this.aborters.set(record.name, abort);
    const observe = this.options.onStateEntered ? this.observe(eventLogs) : Promise.resolve();
    let finish: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'cause'>;
    try {
      const output = await result;
      finish = { status: 'SUCCEEDED', output: JSON.stringify(output) };
    } catch (error) {
      if (this.stopped) return; // killed with the process: stays RUNNING, resumed on next start
      if (this.reentering.delete(record.name)) {
        // Aborted on purpose: run again from the start at once, as after a restart (every step is idempotent).
        this.launch(record);
        return;
      }
      finish = this.finishOf(record.name, error);
    } finally {
      if (this.aborters.get(record.name) === abort) this.aborters.delete(record.name);
      for (const cleanup of ended) cleanup();
    }
    await observe;
    if (this.stopped) return;
    const stopDate = new Date().toISOString();
    this.journal.finishExecution(record.name, { ...finish, stopDate });
    if (finish.status !== 'SUCCEEDED') await this.emitExecutionEnded({ ...record, ...finish, stopDate });
  }

  /**
   * StopExecution: the execution ends ABORTED (with the given error and cause), as in the service.
   * Its registration follows through the execution-ended event.
   */
  async stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ stopDate: Date }> {
    const name = this.nameOf(executionArn);
    const record = this.journal.execution(name);
    if (!record) throw new StepFunctionsApiError('ExecutionDoesNotExist', 'Execution does not exist');
    if (record.status !== 'RUNNING') return { stopDate: new Date(record.stopDate ?? Date.now()) };
    this.stopping.set(name, { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) });
    this.aborters.get(name)?.();
    await this.running.get(name);
    return { stopDate: new Date(this.journal.execution(name)?.stopDate ?? Date.now()) };
  }

  private readonly stopping = new Map<string, { error?: string; cause?: string }>();

  /** What EventBridge would deliver for this execution's end; a failing listener is logged, the engine goes on. */
  private async emitExecutionEnded(record: ExecutionRecord): Promise<void> {
    const listener = this.options.onExecutionEnded;
    if (!listener) return;
    const [, , , region = '', account = ''] = this.options.stateMachineArn.split(':');
    const event: ExecutionStatusChangeEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      account,
      time: record.stopDate ?? new Date().toISOString(),
      region,
      resources: [record.executionArn],
      detail: {
        executionArn: record.executionArn,
        stateMachineArn: this.options.stateMachineArn,
        name: record.name,
        status: record.status as ExecutionStatusChangeDetail['status'],
        startDate: Date.parse(record.startDate),
        stopDate: record.stopDate ? Date.parse(record.stopDate) : null,
        input: record.input,
        output: record.output ?? null,
        error: record.error ?? null,
        cause: record.cause ?? null,
        redriveCount: 0,
      },
    };
    try {
      await listener(event);
    } catch (error) {
      // EventBridge retries and then dead-letters; locally the failure is reported and the journal keeps the end.
      console.error(`[stepfunctions] execution-ended listener failed for ${record.name}: ${(error as Error).name}`);
    }
  }

  /** The execution's end from the interpreter's error: aborted, timed out (execution TimeoutSeconds) or failed. */
  private finishOf(name: string, error: unknown): Pick<ExecutionRecord, 'status' | 'error' | 'cause'> {
    const stopped = this.stopping.get(name);
    this.stopping.delete(name);
    if (stopped) return { status: 'ABORTED', ...stopped };
    const failure = error as Error & { cause?: unknown };
    if (failure.name === 'ExecutionTimeoutError') return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution ran past its TimeoutSeconds' };
    const inner = failure.cause instanceof Error ? failure.cause : failure;
    return { status: 'FAILED', error: inner.name, cause: inner.message };
  }

  private async observe(eventLogs: AsyncGenerator<{ type: string; state?: { name: string } }>): Promise<void> {
    for await (const event of eventLogs) {
      if (event.type === 'StateEntered' && event.state) this.options.onStateEntered?.(event.state.name);
    }
  }

  private retryOverrides(): Record<string, number> {
    return Object.fromEntries([...this.taskStates.keys()].map((name) => [name, this.options.retryIntervalMs ?? 0]));
  }

  private taskHandlersFor(executionName: string, ended: Set<() => void>): LocalHandlers {
    const handlers: LocalHandlers = {};
    for (const [stateName, state] of this.taskStates) {
      if (state.Resource === CALLBACK_RESOURCE) {
        handlers[stateName] = (input) =>
          this.throwStateError(stateName) ??
          this.runCallbackState(executionName, stateName, state, input as { FunctionName: string; Payload: unknown }, ended);
      } else if (state.Resource === INVOKE_RESOURCE) {
        handlers[stateName] = async (input) => {
          this.throwStateError(stateName);
          const { FunctionName, Payload } = input as { FunctionName: string; Payload: unknown };
          return { StatusCode: 200, Payload: await this.invoke(FunctionName, Payload, `${executionName}#${stateName}`) };
        };
      } else {
        handlers[stateName] = async (input) => this.throwStateError(stateName) ?? this.invoke(state.Resource, input, `${executionName}#${stateName}`);
      }
    }
    return handlers;
  }

  /** Fault injection (`faults.stateErrors`): throws the error configured for this state, if any. */
  private throwStateError(stateName: string): undefined {
    const name = this.options.faults?.stateErrors?.[stateName];
    if (name === undefined) return undefined;
    const runtime = name === 'States.Runtime';
    throw Object.assign(new Error(`Injected ${name} in ${stateName}`), { name, ...(runtime ? { isRetryable: false, isCatchable: false } : {}) });
  }

  private async invoke(functionArn: string, payload: unknown, attemptKey: string): Promise<JsonValue> {
    const handler = this.options.functions.get(functionArn);
    if (!handler) throw Object.assign(new Error(`Function not found: ${functionArn}`), { name: 'Lambda.ResourceNotFoundException' });
    const functionName = functionArn.split(':').pop() ?? functionArn;
    const timeoutSeconds = this.options.functionTimeoutsSeconds?.get(functionArn);
    const context = timeoutSeconds === undefined ? lambdaContext(functionName) : lambdaContext(functionName, timeoutSeconds * 1000);
    const fault = this.drawFault(attemptKey);
    if (fault?.where === 'before') throw injectedTaskError(functionName, fault);
    const invocation = invokeInContext(context, () => handler(JSON.parse(JSON.stringify(payload ?? null)), context));
    const result = await withFunctionTimeout(invocation, timeoutSeconds);
    if (fault?.where === 'after') throw injectedTaskError(functionName, fault);
    return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as JsonValue);
  }

  /**
   * Whether this attempt of this state of this execution fails, and where: drawn from the seed, the
   * execution, the state and the attempt number, so the faults do not depend on scheduling.
   */
  private drawFault(attemptKey: string): InjectedFault | undefined {
    const rate = this.options.faults?.taskErrorRate ?? 0;
    if (!(rate > 0)) return undefined;
    const attempt = (this.attempts.get(attemptKey) ?? 0) + 1;
    this.attempts.set(attemptKey, attempt);
    if (attempt > (this.options.faults?.maxPerStep ?? Infinity)) return undefined;
    const random = seededRandom(fnv1a(`${this.options.faults?.seed ?? 1}:${attemptKey}:${attempt}`));
    if (random() >= rate) return undefined;
    // The first fault of a step is drawn; a later one takes the other side, so a step that fails twice
    // has crashed both before its handler ran and after its writes (a short workflow's faults are
    // not all on one side by chance).
    const drawn: 'before' | 'after' = random() < 0.5 ? 'before' : 'after';
    const previous = this.lastFaultSide.get(attemptKey);
    const where = previous === undefined ? drawn : previous === 'before' ? 'after' : 'before';
    this.lastFaultSide.set(attemptKey, where);
    const names = this.options.faults?.errorNames ?? ['TransientError'];
    const name = names[Math.floor(random() * names.length)] ?? 'TransientError';
    this.injectedFaults[where === 'before' ? 'beforeHandler' : 'afterHandler'] += 1;
    this.injectedFaults.byName[name] = (this.injectedFaults.byName[name] ?? 0) + 1;
    return { where, name };
  }

  private async runCallbackState(
    executionName: string,
    stateName: string,
    state: TaskState,
    input: { FunctionName: string; Payload: unknown },
    ended: Set<() => void>,
  ): Promise<JsonValue> {
    // First entry: a new token, stored with its deadline. Re-entry after a restart: the stored one
    // (same deadline), and its answer if one arrived before the crash.
    const enteredAt = Date.now();
    const record = this.journal.tokenFor(executionName, stateName, {
      taskToken: encodeToken(executionName, stateName),
      deadline: enteredAt + this.callbackTimeoutMs(state),
    });
    if (record.outcome) return settle(record.outcome);

    // The waiter exists before the task can hand the token to anyone: every answer finds it.
    const { taskToken } = record;
    let waiter!: Waiter;
    const answered = new Promise<TokenOutcome>((resolve) => this.waiters.set(taskToken, (waiter = { resolve })));
    try {
      await this.invoke(input.FunctionName, replaceToken(input.Payload, taskToken), `${executionName}#${stateName}`);
    } catch (error) {
      if (this.waiters.get(taskToken) === waiter) this.waiters.delete(taskToken);
      throw error;
    }
    // The interpreter's timer of this state (armed at entry) holds at most INTERPRETER_MAX_TIMEOUT_SECONDS:
    // a longer wait is carried over by re-entering the execution shortly before it would fire.
    const reentryAt = enteredAt + INTERPRETER_MAX_TIMEOUT_SECONDS * 1000 - REENTRY_MARGIN_MS;
    const outcome = await this.awaitAnswer(executionName, stateName, record, { answered, waiter, ended }, reentryAt < record.deadline ? reentryAt : undefined);
    if (outcome === 'reenter') {
      this.reentering.add(executionName);
      this.aborters.get(executionName)?.();
    }
    // Aborted (by us to re-enter, or stopped): the run is over and nobody reads this state's result.
    if (outcome === 'reenter' || outcome === 'ended') return new Promise<never>(() => {});
    return settle(outcome);
  }

  private async awaitAnswer(
    executionName: string,
    stateName: string,
    record: TokenRecord,
    wait: { answered: Promise<TokenOutcome>; waiter: Waiter; ended: Set<() => void> },
    reentryAt?: number,
  ): Promise<TokenOutcome | 'reenter' | 'ended'> {
    const deadline = timerUntil(record.deadline, 'deadline' as const);
    const reentry = reentryAt === undefined ? undefined : timerUntil(reentryAt, 'reenter' as const);
    let runEnded!: () => void;
    const gone = new Promise<'ended'>((resolve) => (runEnded = () => resolve('ended')));
    wait.ended.add(runEnded);
    try {
      const first = await Promise.race([wait.answered, deadline.fired, gone, ...(reentry ? [reentry.fired] : [])]);
      // The run was aborted (stopped, or re-entering): it settles nothing; the token stays as it is.
      if (first === 'ended' || first === 'reenter') return first;
      if (first !== 'deadline') return first;
      const timedOut = { timedOut: true } as const;
      const stored = this.journal.storeOutcome(executionName, stateName, record.taskToken, timedOut);
      return stored === undefined || stored === 'missing' ? timedOut : stored;
    } finally {
      deadline.cancel();
      reentry?.cancel();
      wait.ended.delete(runEnded);
      if (this.waiters.get(record.taskToken) === wait.waiter) this.waiters.delete(record.taskToken);
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

/**
 * The definition as the interpreter runs it. Every task's timer is one the interpreter can hold
 * (above INTERPRETER_MAX_TIMEOUT_SECONDS its setTimeout would fire at once) and never shorter than
 * the service's:
 *  - callback states: the engine enforces TimeoutSeconds (x timeoutScale) itself, durably (the token's
 *    deadline in the journal survives a restart; a timer would not), so the interpreter gets the
 *    longest timer it can hold and the engine re-enters the execution before it could fire;
 *  - other tasks: TimeoutSeconds as written; without one, Step Functions applies none (99999999 s)
 *    and a Lambda task is bounded by its function's timeout, which the engine enforces on each
 *    invocation (`functionTimeoutsSeconds`). No local default that AWS does not have.
 */
export function interpreterDefinition(source: StateMachineDefinition): StateMachineDefinition {
  const definition = structuredClone(source);
  for (const state of Object.values(definition.States) as { Type: string; Resource?: string; TimeoutSeconds?: number }[]) {
    if (state.Type !== 'Task') continue;
    state.TimeoutSeconds =
      state.Resource === CALLBACK_RESOURCE
        ? INTERPRETER_MAX_TIMEOUT_SECONDS
        : Math.min(state.TimeoutSeconds ?? AWS_DEFAULT_TASK_TIMEOUT_SECONDS, INTERPRETER_MAX_TIMEOUT_SECONDS);
  }
  return definition;
}

/** A timer for an absolute time, in steps Node can hold (any delay, no overflow). */
function timerUntil<T>(at: number, value: T): { fired: Promise<T>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const fired = new Promise<T>((resolve) => {
    const arm = () => {
      const left = at - Date.now();
      if (left <= 0) resolve(value);
      else timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    };
    arm();
  });
  return { fired, cancel: () => clearTimeout(timer) };
}

/** Lambda stops a function at its timeout and Step Functions sees `Sandbox.Timedout`; locally the answer is dropped. */
async function withFunctionTimeout<T>(invocation: Promise<T>, timeoutSeconds: number | undefined): Promise<T> {
  if (timeoutSeconds === undefined) return invocation;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`), { name: 'Sandbox.Timedout' })),
      Math.min(timeoutSeconds * 1000, MAX_TIMER_MS),
    );
  });
  try {
    return await Promise.race([invocation, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** FNV-1a, 32 bits: a seed from a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** What the workflow's Retry matches (workflows/*.asl.json): the same name task Lambdas throw. */
function injectedTaskError(functionName: string, { where, name }: InjectedFault): Error {
  return Object.assign(new Error(`Injected ${name} ${where} ${functionName} ran`), { name });
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
