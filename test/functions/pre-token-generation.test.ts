import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { grantHospitalStaff } from '../../functions/pre-token-generation/handler.js';
import { callerFromClaims } from '../../functions/shared/identity.js';

/** A Cognito pre-token-generation V2 event as the user pool sends it (the fields the trigger reads). */
function signIn(groups: string[], attributes: Record<string, string>): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'ap-southeast-3',
    userPoolId: 'ap-southeast-3_example',
    userName: 'someone',
    callerContext: { awsSdkVersion: 'x', clientId: 'console-client' },
    request: { userAttributes: attributes, groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [] }, scopes: ['openid'] },
    response: { claimsAndScopeOverrideDetails: null },
  } as unknown as PreTokenGenerationV2TriggerEvent;
}

/** The access token's claims once Cognito applied the trigger's answer. */
function claimsAfter(event: PreTokenGenerationV2TriggerEvent) {
  const overrides = grantHospitalStaff(event).response.claimsAndScopeOverrideDetails?.accessTokenGeneration;
  return {
    claims: { client_id: 'console-client', username: 'someone', 'cognito:groups': event.request.groupConfiguration.groupsToOverride, ...overrides?.claimsToAddOrOverride },
    scopes: ['openid', ...(overrides?.scopesToAdd ?? [])],
  };
}

describe('hospital staff signing in to the console', () => {
  it('get the hospital scope and their facility, so the API treats them as their hospital', () => {
    const { claims, scopes } = claimsAfter(signIn(['hospital-staff'], { 'custom:facility_id': 'rsud-blambangan-client' }));
    expect(scopes).toContain('lahir-api/hospital');
    expect(callerFromClaims(claims, scopes)).toEqual({ kind: 'hospital', facilityId: 'rsud-blambangan-client' });
  });

  it('get nothing without a facility, or outside the staff group', () => {
    for (const event of [signIn(['hospital-staff'], {}), signIn([], { 'custom:facility_id': 'rs-al-huda-client' })]) {
      const { claims, scopes } = claimsAfter(event);
      expect(scopes).toEqual(['openid']);
      expect(callerFromClaims(claims, scopes)).toBeUndefined();
    }
  });

  it('leave registrars registrars', () => {
    const { claims, scopes } = claimsAfter(signIn(['registrars'], {}));
    expect(callerFromClaims(claims, scopes)).toEqual({ kind: 'registrar', username: 'someone', headOfOffice: false });
  });

  it('make a head of office a registrar with headOfOffice, by the head-of-office group alone', () => {
    for (const groups of [['head-of-office'], ['registrars', 'head-of-office']]) {
      const { claims, scopes } = claimsAfter(signIn(groups, {}));
      expect(callerFromClaims(claims, scopes)).toEqual({ kind: 'registrar', username: 'someone', headOfOffice: true });
    }
  });
});
