import * as z from 'zod';
import { RegistrationStatus } from '../../domain/registration-lifecycle.js';

/** GET /v1/births?limit=&cursor=: a page of the calling hospital's own submissions, newest first. */
export const BirthsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

const Timestamp = z.string().meta({ description: 'ISO 8601 instant (UTC)' });

/** One submission as the hospital's list shows it (no NIKs: the list is for following up, not for data). */
export const SubmissionSchema = z
  .object({
    registrationId: z.string(),
    notificationId: z.string().meta({ description: 'The hospital’s own reference, as sent' }),
    submittedAt: Timestamp,
    updatedAt: Timestamp,
    status: z.enum(RegistrationStatus),
    child: z.object({ name: z.string(), sex: z.enum(['MALE', 'FEMALE']), birthDateTime: z.string() }),
    accessCode: z.string().meta({ description: 'The parents’ access code, to print on their slip' }),
    rejection: z
      .object({ source: z.enum(['REGISTRY_CHECKS', 'REGISTRAR']), reason: z.string(), codes: z.array(z.string()).optional() })
      .optional()
      .meta({ description: 'Why it was rejected' }),
  })
  .meta({ description: 'A birth notification this hospital sent' });

export const SubmissionListSchema = z
  .object({
    items: z.array(SubmissionSchema).meta({ description: 'Newest first' }),
    nextCursor: z.string().optional().meta({ description: 'Pass as `cursor` for the next page' }),
  })
  .meta({ description: 'A page of the hospital’s own submissions' });

export type SubmissionList = z.output<typeof SubmissionListSchema>;
