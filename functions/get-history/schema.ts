import * as z from 'zod';
import { STEPS } from '../shared/registration.js';

const Timestamp = z.iso.datetime().meta({ description: 'UTC timestamp, ISO 8601' });

/** One entry of a case's history: a workflow step (the timeline) or an audit event, who and when. */
export const HistoryEventSchema = z
  .object({
    at: Timestamp,
    kind: z.enum(['STEP', 'AUDIT']).meta({ description: 'STEP: a step of the registration (the timeline); AUDIT: an act recorded in the audit trail' }),
    step: z.enum(STEPS).optional().meta({ description: 'For STEP' }),
    action: z
      .string()
      .optional()
      .meta({ description: 'For AUDIT: BIRTH_SUBMITTED, DECISION_RECORDED, DOCUMENT_DOWNLOADED, ACCESS_CODE_REJECTED, …', examples: ['DECISION_RECORDED'] }),
    actor: z
      .object({
        kind: z.enum(['hospital', 'registrar', 'parent', 'public', 'system']),
        id: z.string().optional().meta({ description: 'The hospital (app client id) or the registrar (user name); parents have none' }),
      })
      .meta({ description: 'Who: the workflow itself is `system`' }),
    outcome: z.enum(['ALLOWED', 'DENIED', 'VALID', 'INVALID']).optional(),
    sourceIp: z.string().optional().meta({ description: 'Where the request came from, when recorded' }),
    detail: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .meta({ description: 'Codes and ids only, e.g. `{decision: "REJECT", reasonCode: "DUPLICATE"}`: never free text or personal data' }),
  })
  .meta({ description: 'A step or an audited act, with who and when' });

export const HistorySchema = z
  .object({
    registrationId: z.string(),
    events: z.array(HistoryEventSchema).meta({ description: 'Oldest first' }),
    truncated: z.boolean().meta({ description: 'More than the newest 1000 audit events exist; only the oldest 1000 are listed' }),
  })
  .meta({ description: 'The history of a case: its timeline and its audit trail merged' });

export type History = z.output<typeof HistorySchema>;
export type HistoryEvent = History['events'][number];
