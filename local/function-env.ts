import { AsyncLocalStorage } from 'node:async_hooks';
import { constants, runInThisContext } from 'node:vm';

/**
 * Per-function environments in one process. Lambda gives each function its own `process.env`; the
 * local stack runs every function in one Node process, so in bundle mode `process.env` is replaced
 * (once, for the whole process) by a Proxy that reads and writes the environment of the function
 * whose code is running: the scope entered with `withFunctionEnv` when its module is loaded (module
 * load-time configuration) and around each of its invocations. The scope follows every async
 * continuation (AsyncLocalStorage), so concurrent invocations of different functions each see their
 * own variables. Outside any scope (the local stack itself, the tests), the process's own environment.
 */
const storage = new AsyncLocalStorage<Record<string, string>>();
const INSTALLED = Symbol.for('lahir.local.functionEnv');

function installProxy(): void {
  const holder = process as unknown as Record<symbol, unknown>;
  if (holder[INSTALLED]) return;
  const real = process.env;
  const target = () => storage.getStore() ?? (real as Record<string, string>);
  const proxy = new Proxy(real, {
    get: (_t, key) => (typeof key === 'string' ? target()[key] : Reflect.get(real, key)),
    set: (_t, key, value) => {
      if (typeof key !== 'string') return Reflect.set(real, key, value);
      target()[key] = String(value); // as process.env does: values become strings
      return true;
    },
    has: (_t, key) => (typeof key === 'string' ? Object.hasOwn(target(), key) : Reflect.has(real, key)),
    deleteProperty: (_t, key) => (typeof key === 'string' ? delete target()[key] : Reflect.deleteProperty(real, key)),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_t, key) => {
      if (typeof key !== 'string' || !Object.hasOwn(target(), key)) return undefined;
      return { value: target()[key], writable: true, enumerable: true, configurable: true };
    },
  });
  Object.defineProperty(process, 'env', { value: proxy, writable: true, enumerable: true, configurable: true });
  holder[INSTALLED] = true;
}

/** Runs `fn` (and everything it schedules) with `env` as `process.env`. The object is used as is: writes land in it. */
export function withFunctionEnv<T>(env: Record<string, string>, fn: () => T): T {
  installProxy();
  return storage.run(env, fn);
}

/** The environment of the function whose code is running, if any (tests). */
export function currentFunctionEnv(): Record<string, string> | undefined {
  return storage.getStore();
}

/**
 * A native `import()`: bundles are plain Node ES modules, loaded by Node itself (not by the test
 * runner's transforming module loader), each URL once.
 */
export const nativeImport = runInThisContext('(url) => import(url)', {
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
}) as (url: string) => Promise<Record<string, unknown>>;
