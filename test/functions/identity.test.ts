import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../functions/shared/errors.js';
import { callerFromClaims, isHeadOfOffice, requireFourEyes, requireHeadOfOffice, type Officer } from '../../functions/shared/identity.js';

const registrar: Officer = { kind: 'registrar', username: 'registrar.a', headOfOffice: false };
const head: Officer = { kind: 'registrar', username: 'kepala.a', headOfOffice: true };
const otherHead: Officer = { kind: 'registrar', username: 'kepala.b', headOfOffice: true };

describe('the head-of-office role', () => {
  it('is a registrar with headOfOffice, so every registrar route stays open to heads', () => {
    expect(callerFromClaims({ username: 'kepala.a', 'cognito:groups': '[head-of-office]' })).toEqual(head);
    expect(callerFromClaims({ username: 'registrar.a', 'cognito:groups': ['registrars'] })).toEqual(registrar);
  });

  it('is required for head-only decisions: a plain registrar and a hospital get 403 with the reason', () => {
    expect(() => requireHeadOfOffice(head)).not.toThrow();
    expect(isHeadOfOffice(head)).toBe(true);
    for (const caller of [registrar, { kind: 'hospital', facilityId: 'rs' }]) {
      expect(isHeadOfOffice(caller)).toBe(false);
      expect(() => requireHeadOfOffice(caller, 'HEAD_OF_OFFICE_ONLY_LATE')).toThrow(ForbiddenError);
      expect(() => requireHeadOfOffice(caller, 'HEAD_OF_OFFICE_ONLY_LATE')).toThrow(/head of office.*a late registration/);
    }
  });
});

describe('four-eyes', () => {
  it('refuses the requester, head of office or not, with a clear message', () => {
    expect(() => requireFourEyes(head, 'kepala.a')).toThrow(ForbiddenError);
    expect(() => requireFourEyes(head, 'kepala.a')).toThrow(/Four-eyes.*you requested this amendment/);
  });

  it('lets anyone else decide', () => {
    expect(() => requireFourEyes(otherHead, 'kepala.a')).not.toThrow();
    expect(() => requireFourEyes(otherHead, 'registrar.a')).not.toThrow();
  });
});
