/**
 * TEST_CLOCK_OFFSET_DAYS=90 npx vitest run <files>: every Date in the test's process (the tests and the
 * local stack's handlers, which run in it) reads the real clock moved that many days, still ticking.
 * It shows that a test does not depend on the day it runs: a birth date written as a fixed string
 * becomes a late registration after 60 days, one written relative to now (test/support/dates.ts)
 * does not. Unset (the default), nothing changes. vi.useFakeTimers in a test replaces it for that test.
 */
const days = Number(process.env['TEST_CLOCK_OFFSET_DAYS'] ?? '0');
if (!Number.isFinite(days)) throw new Error('TEST_CLOCK_OFFSET_DAYS must be a number of days');
if (days !== 0) {
  const RealDate = Date;
  const offset = days * 86_400_000;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
}
