import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { FACILITY_ATTRIBUTE, FACILITY_CLAIM, HOSPITAL_SCOPE, HOSPITAL_STAFF_GROUP } from '../../api/identity-claims.js';
import { logger } from '../shared/logger.js';

/**
 * Cognito pre-token-generation (V2) trigger: a console user in the `hospital-staff` group with a
 * `custom:facility_id` gets, in the access token, the hospital scope and a `facility_id` claim, so
 * the API treats the clinic's staff exactly like the clinic's own system (functions/shared/identity.ts).
 * Anyone else's tokens pass unchanged. A staff member without a facility gets no hospital rights.
 */
export function grantHospitalStaff(event: PreTokenGenerationV2TriggerEvent): PreTokenGenerationV2TriggerEvent {
  const groups = event.request.groupConfiguration?.groupsToOverride ?? [];
  const facilityId = event.request.userAttributes[`custom:${FACILITY_ATTRIBUTE}`];
  if (!groups.includes(HOSPITAL_STAFF_GROUP) || !facilityId) return event;
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: { [FACILITY_CLAIM]: facilityId }, scopesToAdd: [HOSPITAL_SCOPE] },
    },
  };
  return event;
}

export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  const result = grantHospitalStaff(event);
  if (result.response.claimsAndScopeOverrideDetails) logger.info('Hospital scope granted to a staff sign-in');
  return result;
};
