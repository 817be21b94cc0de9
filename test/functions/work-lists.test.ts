import { describe, expect, it } from 'vitest';
import { approvalClock, PROMISE_MS } from '../../functions/shared/approval-clock.js';
import { searchableName, workListAttributes } from '../../functions/shared/work-lists.js';

/** functions/shared/work-lists.ts and approval-clock.ts: what the registrars' lists filter on, without a database. */
describe('names as search compares them', () => {
  it('folds case, diacritics and punctuation alike on both sides', () => {
    expect(searchableName('Siti Ráhmawati')).toBe('siti rahmawati');
    expect(searchableName("  Ma'ruf  Amin-Ṡaleh ")).toBe('ma ruf amin saleh');
    expect(searchableName('NI LUH PUTU AYU')).toBe(searchableName('ni luh putu ayu'));
  });

  it('stores the check codes and both names, the mother’s only when the registry has her', () => {
    const checks = [{ code: 'POSSIBLE_DUPLICATE', severity: 'WARNING' as const, message: { id: 'x', en: 'y' } }];
    expect(workListAttributes({ checks, childName: 'Bagus Pratama', motherName: 'Siti Rahmawati' })).toEqual({
      checkCodes: ['POSSIBLE_DUPLICATE'],
      searchNames: 'bagus pratama | siti rahmawati',
      motherName: 'Siti Rahmawati',
    });
    expect(workListAttributes({ checks: [], childName: 'Bagus', motherName: undefined })).toEqual({ checkCodes: [], searchNames: 'bagus | ' });
  });
});

describe('the approval clock', () => {
  const requestedAt = '2026-11-20T01:00:00.000Z';
  const at = (ms: number) => Date.parse(requestedAt) + ms;

  it('is overdue only past the 4-hour promise, and says who may decide', () => {
    expect(approvalClock({ createdAt: requestedAt, approval: { taskToken: 't', requestedAt } }, at(PROMISE_MS))).toEqual({
      requestedAt,
      waitingMinutes: 240,
      overdue: false,
      escalated: false,
      decidableBy: 'registrar',
    });
    expect(approvalClock({ createdAt: requestedAt, approval: { taskToken: 't', requestedAt, escalatedAt: requestedAt } }, at(PROMISE_MS + 1))).toMatchObject({ overdue: true, escalated: true });
  });

  it('never answers a negative wait (a clock a little behind the writer’s)', () => {
    expect(approvalClock({ createdAt: requestedAt }, at(-5_000)).waitingMinutes).toBe(0);
  });
});
