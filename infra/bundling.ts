import { fileURLToPath } from 'node:url';

/**
 * How every function's bundle is built: infra/stack.ts hands these to NodejsFunction (which runs
 * esbuild), and bench/function-bundles.ts to esbuild itself, so the bench measures what is deployed.
 */
export const BUNDLE_TARGET = 'node24';
export const BUNDLE_MAIN_FIELDS = ['module', 'main'] as const;
/** ESM output: packages that still `require()` a Node built-in get a `require` to call. */
export const BUNDLE_BANNER = "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);";

const stub = (file: string): string => fileURLToPath(new URL(`../documents/bundle-stubs/${file}`, import.meta.url));

/**
 * Dependencies of dependencies that no function calls but that would cost every cold start: each is
 * replaced by a stub that throws a named error if it is ever called (the stub says why it is safe).
 * Only the PDF functions import pdf-lib: about 150 KB less each, and no table building at import.
 * Source mode (local stack, unit tests) runs the real packages.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@pdf-lib/standard-fonts': stub('pdf-lib-standard-fonts.ts'),
  '@pdf-lib/upng': stub('pdf-lib-upng.ts'),
};
