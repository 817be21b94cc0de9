import type { FunctionSpec } from '../infra/catalog.js';
import { loadHandler } from './handlers.js';
import { invokeInContext, lambdaContext } from './lambda-runtime.js';
import type { LambdaHandler } from './stepfunctions/engine.js';

/**
 * The local stand-in for the EventBridge schedules of the catalog's background functions: each is
 * invoked every `intervalMs` (instead of every N minutes) and on demand with `run(id)`. Runs of one
 * function never overlap here (a schedule can overlap in AWS; the functions cope with both).
 */
export interface BackgroundFunctions {
  /** Invokes the function now (after any run in progress) and returns its result. */
  run(id: string): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startBackgroundFunctions(
  specs: readonly FunctionSpec[],
  options: {
    intervalMs: number;
    timeoutMs?: number;
    log?: (entry: Record<string, unknown>) => void;
    /** How a function is loaded (default: its handler module; the stack's bundle mode: its bundle). */
    load?: (spec: FunctionSpec) => Promise<LambdaHandler>;
  },
): Promise<BackgroundFunctions> {
  const log = options.log ?? ((entry) => process.stderr.write(`${JSON.stringify(entry)}\n`));
  const runners = new Map<string, { invoke: () => Promise<unknown>; last: Promise<unknown> }>();
  for (const spec of specs) {
    const handler = await (options.load ? options.load(spec) : loadHandler<LambdaHandler>(spec.dir));
    const event = { source: 'local.schedule', 'detail-type': 'Scheduled Event', detail: {} };
    runners.set(spec.id, {
      invoke: () => {
        const context = lambdaContext(spec.id, options.timeoutMs ?? (spec.timeoutSeconds ?? 10) * 1000);
        return invokeInContext(context, () => handler(event, context));
      },
      last: Promise.resolve(),
    });
  }

  const run = (id: string): Promise<unknown> => {
    const runner = runners.get(id);
    if (!runner) return Promise.reject(new Error(`No background function ${id}`));
    const next = runner.last.catch(() => undefined).then(runner.invoke);
    runner.last = next;
    return next;
  };

  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const schedule = (id: string) => {
    if (stopped || options.intervalMs <= 0) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      run(id)
        .catch((error: unknown) => log({ level: 'ERROR', message: 'Background function failed', function: id, error: (error as Error)?.name }))
        .finally(() => schedule(id));
    }, options.intervalMs);
    timer.unref();
    timers.add(timer);
  };
  for (const id of runners.keys()) schedule(id);

  return {
    run,
    stop: async () => {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...runners.values()].map((r) => r.last));
    },
  };
}
