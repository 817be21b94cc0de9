import * as z from 'zod';
import { bundleContent, bundleNotification, readBundle, readEnvelope } from '../../api/fhir/bundle-mapping.js';
import { receiptOutcome } from '../../api/fhir/operation-outcome.js';
import { EXTENSION } from '../../api/fhir/satusehat.js';
import { readConfig } from '../shared/config.js';
import { FhirValidationError, fhirErrors, fhirJson, languageOf, readFhirJson } from '../shared/fhir-http.js';
import { httpHandler } from '../shared/http.js';
import { birthIntake, contentHash } from '../shared/intake.js';
import { registryAdditions } from './registry-additions.js';

const config = readConfig({ STATE_MACHINE_ARN: z.string().min(1) });
const intake = birthIntake({ tableName: config.TABLE_NAME, stateMachineArn: config.STATE_MACHINE_ARN });

/**
 * POST /fhir/Bundle: the FHIR door of the intake. A SATUSEHAT-shaped Bundle is read into the birth
 * notification (api/fhir/bundle-mapping.ts), completed from the registry with what FHIR does not
 * carry (registry-additions.ts), checked by the notification schema of POST /v1/births, and handed
 * to the same intake (functions/shared/intake.ts): the same quota, the same transaction, the same
 * workflow. `Bundle.identifier.value` is the notificationId; the idempotency hash covers what the
 * Bundle says, so a retry is recognised even if the registry changed in between.
 */
export const handler = httpHandler(
  ['hospital'],
  async (event, caller) => {
    if (caller.kind !== 'hospital') throw new Error('unreachable: route is hospital-only');
    const language = languageOf(event);
    const envelope = readEnvelope(readFhirJson(event));
    if (!envelope.success) throw new FhirValidationError(envelope.issues);
    const reading = readBundle(envelope.bundle);
    const child = reading.fromBundle['child'] as Record<string, unknown>;
    const birthDateTime = child['birthDateTime'];
    // The registry is asked only for a Bundle that maps cleanly and names a mother by a well-formed NIK.
    const additions =
      reading.issues.length === 0 && reading.registryQuery && typeof birthDateTime === 'string'
        ? await registryAdditions(config.TABLE_NAME, reading.registryQuery, { birthDateTime, orderInDelivery: reading.orderInDelivery })
        : undefined;
    const result = bundleNotification(reading, additions);
    if (!result.success) throw new FhirValidationError(result.issues);
    const receipt = await intake(caller.facilityId, result.notification, contentHash(bundleContent(reading)));
    return fhirJson(receipt.created ? 202 : 200, receiptOutcome(receipt, language, EXTENSION.registrationReceipt), language, {
      location: `/v1/births/${receipt.registrationId}`,
    });
  },
  fhirErrors,
);
