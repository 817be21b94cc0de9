import { describe, expect, it } from 'vitest';
import { documentState, familyCardPrintSuperseded } from '../../domain/document-state.js';
import { RegistrationStatus } from '../../domain/registration-lifecycle.js';

const today = { year: 2026, month: 12, day: 1 };
const live = { registrationStatus: RegistrationStatus.COMPLETED, today };

describe('the state of an issued document', () => {
  it('is ACTIVE for the current version of a live registration', () => {
    expect(documentState(live)).toEqual({ status: 'ACTIVE' });
    expect(documentState({ ...live, validThrough: '2031-11-19' })).toEqual({ status: 'ACTIVE' });
  });

  it('is EXPIRED from the day after its last valid day, not on it', () => {
    expect(documentState({ ...live, validThrough: '2026-12-01' })).toEqual({ status: 'ACTIVE' });
    expect(documentState({ ...live, validThrough: '2026-11-30' })).toEqual({ status: 'EXPIRED', since: '2026-12-01' });
    expect(documentState({ ...live, validThrough: '2028-02-28', today: { year: 2028, month: 2, day: 29 } })).toEqual({ status: 'EXPIRED', since: '2028-02-29' });
  });

  it('is SUPERSEDED once a newer version exists, whatever its expiry', () => {
    expect(documentState({ ...live, supersededAt: '2026-11-21T03:00:00.000Z', validThrough: '2020-01-01' })).toEqual({
      status: 'SUPERSEDED',
      since: '2026-11-21T03:00:00.000Z',
    });
  });

  it('is REVOKED for every document of a revoked registration, before anything else', () => {
    expect(
      documentState({ registrationStatus: RegistrationStatus.REVOKED, revokedAt: '2026-11-25T00:00:00.000Z', supersededAt: '2026-11-21T00:00:00.000Z', today }),
    ).toEqual({ status: 'REVOKED', since: '2026-11-25T00:00:00.000Z' });
  });

  it('counts a KK print superseded only by a later card version', () => {
    expect(familyCardPrintSuperseded(4, 4)).toBe(false);
    expect(familyCardPrintSuperseded(4, 5)).toBe(true);
  });
});
