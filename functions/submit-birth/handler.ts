import * as z from 'zod';
import type { SubmitResponse } from '../../api/schemas.js';
import { BirthNotificationSchema } from '../../api/requests.js';
import { readConfig } from '../shared/config.js';
import { httpHandler, json, parseJsonBody } from '../shared/http.js';
import { birthIntake, contentHash } from '../shared/intake.js';

const config = readConfig({ STATE_MACHINE_ARN: z.string().min(1) });
const intake = birthIntake({ tableName: config.TABLE_NAME, stateMachineArn: config.STATE_MACHINE_ARN });

/** POST /v1/births: the JSON door of the intake (functions/shared/intake.ts; the FHIR door is functions/fhir-submit-bundle). */
export const handler = httpHandler(['hospital'], async (event, caller) => {
  if (caller.kind !== 'hospital') throw new Error('unreachable: route is hospital-only');
  const body = parseJsonBody(event, BirthNotificationSchema);
  const result = await intake(caller.facilityId, body, contentHash(body));
  return json(result.created ? 202 : 200, {
    registrationId: result.registrationId,
    status: result.status,
    accessCode: result.accessCode,
  } satisfies SubmitResponse);
});
