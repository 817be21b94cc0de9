import { expect, it } from 'vitest';
import { currentFunctionEnv, withFunctionEnv } from '../../local/function-env.js';

/** local/function-env.ts: each function's code sees its own process.env, also across awaits and concurrent invocations. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

it('gives concurrent scopes their own process.env through every await, and the process its own outside them', async () => {
  const a: Record<string, string> = { TABLE_NAME: 'A' };
  const b: Record<string, string> = { STATE_MACHINE_ARN: 'arn:b' };
  process.env.LAHIR_OUTSIDE = 'outside';
  const run = (env: Record<string, string>, name: string) =>
    withFunctionEnv(env, async () => {
      const seen: (string | undefined)[] = [];
      for (let i = 0; i < 5; i++) {
        await tick();
        seen.push(process.env.TABLE_NAME, process.env.STATE_MACHINE_ARN);
        process.env[`WRITTEN_${name}`] = String(i);
      }
      return { seen, keys: Object.keys(process.env).sort(), outside: process.env.LAHIR_OUTSIDE, has: 'TABLE_NAME' in process.env };
    });
  try {
    const [ra, rb] = await Promise.all([run(a, 'A'), run(b, 'B')]);
    expect(ra).toEqual({ seen: Array(5).fill(['A', undefined]).flat(), keys: ['TABLE_NAME', 'WRITTEN_A'], outside: undefined, has: true });
    expect(rb).toEqual({ seen: Array(5).fill([undefined, 'arn:b']).flat(), keys: ['STATE_MACHINE_ARN', 'WRITTEN_B'], outside: undefined, has: false });
    // Writes landed in each function's own environment, none in the process's.
    expect(a.WRITTEN_A).toBe('4');
    expect(process.env.WRITTEN_A).toBeUndefined();
    expect(process.env.LAHIR_OUTSIDE).toBe('outside');
    expect(currentFunctionEnv()).toBeUndefined();
  } finally {
    delete process.env.LAHIR_OUTSIDE;
  }
});

it('keeps a timer scheduled inside a scope (module load-time work) in that scope', async () => {
  const env = { LAHIR_SCOPED_X: 'scoped' };
  const later = await withFunctionEnv(env, () => new Promise<string | undefined>((resolve) => setTimeout(() => resolve(process.env.LAHIR_SCOPED_X), 5)));
  expect(later).toBe('scoped');
  expect(process.env.LAHIR_SCOPED_X).toBeUndefined();
});
