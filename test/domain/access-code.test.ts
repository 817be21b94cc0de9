import { describe, expect, it } from 'vitest';
import { ACCESS_CODE_SHOWN_HOURS, accessCodeMatches, accessCodeShownToHospital, deriveAccessCode, hashAccessCode, sourceNetwork } from '../../domain/access-code.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const ID = '0b7e1c52-4a3d-4f7e-9c1a-2d5e8f6a7b90';

describe('access codes', () => {
  it('re-issues make new codes; generation 0 is the intake code as it always was', () => {
    const intake = deriveAccessCode(SECRET, ID);
    expect(deriveAccessCode(SECRET, ID, 0)).toBe(intake);
    const next = deriveAccessCode(SECRET, ID, 1);
    expect(next).not.toBe(intake);
    expect(deriveAccessCode(SECRET, ID, 2)).not.toBe(next);
    expect(accessCodeMatches(intake, hashAccessCode(next))).toBe(false);
    expect(accessCodeMatches(next.toLowerCase(), hashAccessCode(next))).toBe(true);
  });

  it(`shows the code to the hospital for ${ACCESS_CODE_SHOWN_HOURS} hours after intake, never a re-issued one`, () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const at = (hoursAgo: number) => new Date(now - hoursAgo * 3600_000).toISOString();
    expect(accessCodeShownToHospital({ createdAt: at(1) }, now)).toBe(true);
    expect(accessCodeShownToHospital({ createdAt: at(ACCESS_CODE_SHOWN_HOURS - 0.01) }, now)).toBe(true);
    expect(accessCodeShownToHospital({ createdAt: at(ACCESS_CODE_SHOWN_HOURS) }, now)).toBe(false);
    expect(accessCodeShownToHospital({ createdAt: at(1), accessCodeGeneration: 1 }, now)).toBe(false);
    expect(accessCodeShownToHospital({ createdAt: 'not a date' }, now)).toBe(false);
  });

  it('counts wrong codes per network: the /24 of IPv4 (also IPv4-mapped), the /56 of IPv6', () => {
    expect(sourceNetwork('203.0.113.77')).toBe('203.0.113.0/24');
    expect(sourceNetwork('::ffff:203.0.113.5')).toBe('203.0.113.0/24');
    expect(sourceNetwork('203.0.113.77')).not.toBe(sourceNetwork('203.0.114.77'));
    expect(sourceNetwork('2001:db8:1234:5678::1')).toBe(sourceNetwork('2001:db8:1234:56ff:1:2:3:4'));
    expect(sourceNetwork('2001:db8:1234:5678::1')).not.toBe(sourceNetwork('2001:db8:1234:5778::1'));
    expect(sourceNetwork('2001:db8::1')).toBe(sourceNetwork('2001:0db8:0000:00ab:ffff::9'));
    expect(sourceNetwork('unknown')).toBe('unknown');
  });
});
