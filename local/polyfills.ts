/**
 * aws-local-stepfunctions 3 targets Node 22 and calls Promise.withResolvers; Node 20 lacks it.
 * Loaded first by every local entry point and by vitest. Lambda's runtime (nodejs22.x) has it natively.
 */
type Resolvers<T> = { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };
const promiseCtor = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
if (typeof promiseCtor.withResolvers !== 'function') {
  promiseCtor.withResolvers = <T>(): Resolvers<T> => {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
// Lambda runs Node 22; this machine's Node 20 is still supported by the SDK used here, so its
// advance notice about future versions is noise for the local stack and tests.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export {};
