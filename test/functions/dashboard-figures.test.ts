import { describe, expect, it } from 'vitest';
import { figures, median, wibDate, windowOf } from '../../functions/get-dashboard/figures.js';

describe('dashboard figures', () => {
  const now = new Date('2026-11-23T15:30:00Z'); // 22:30 WIB on the 23rd

  it('counts days in WIB: 17:30 UTC is already the next day', () => {
    expect(wibDate(new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
    expect(windowOf(3, now)).toEqual({ from: '2026-11-21', to: '2026-11-23', fromInstant: '2026-11-20T17:00:00.000Z', dates: ['2026-11-21', '2026-11-22', '2026-11-23'] });
  });

  it('takes the median of odd and even counts', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('puts each fact in its day and share, and the queue in its age bucket', () => {
    const reg = (documentsAt: string, minutes: number, late = false) => ({
      registrationId: documentsAt,
      documentsAt,
      submittedAt: new Date(Date.parse(documentsAt) - minutes * 60_000).toISOString(),
      late,
    });
    const result = figures({
      days: 3,
      now,
      registered: [reg('2026-11-20T16:59:00.000Z', 1), reg('2026-11-20T17:00:00.000Z', 10), reg('2026-11-22T17:30:00.000Z', 20, true), reg('2026-11-23T01:00:00.000Z', 40)],
      decided: [
        { registrationId: 'a', requestedAt: '2026-11-23T01:00:00.000Z', decidedAt: '2026-11-23T05:00:00.000Z', decision: 'APPROVE' },
        { registrationId: 'b', requestedAt: '2026-11-23T01:00:00.000Z', decidedAt: '2026-11-23T05:00:01.000Z', decision: 'REJECT' },
      ],
      pendingSince: ['2026-11-23T15:00:00.000Z', '2026-11-23T14:30:00.000Z', '2026-11-23T11:30:00.000Z', '2026-11-23T11:29:59.000Z'],
    });
    expect(result.registeredPerDay).toEqual([
      { date: '2026-11-21', count: 1 },
      { date: '2026-11-22', count: 0 },
      { date: '2026-11-23', count: 2 },
    ]);
    expect(result.registered).toBe(3);
    expect(result.medianMinutesToDocuments).toBe(20);
    expect(result.registeredWithin60Days).toEqual({ total: 3, count: 2, share: 2 / 3 });
    expect(result.decidedWithin4Hours).toEqual({ total: 2, count: 1, share: 0.5 });
    expect(result.pendingByAge).toEqual({ under1h: 1, from1hTo4h: 2, over4h: 1 });
  });
});
