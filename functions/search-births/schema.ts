import * as z from 'zod';
import { RegistrationStatus } from '../../domain/registration-lifecycle.js';

/** GET /v1/search?q=: one key, whose shape says what it is. */
export const SearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'Required: a registration id, a NIK (16 digits) or an akta number').max(64, 'At most 64 characters'),
});

const REGISTRATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NIK = /^\d{16}$/;
/** Any AKTA_NUMBER_FORMAT: letters and digits in groups joined by - / or . (3510-LT-22112026-0001, 3510/LT/2026/0001). */
const AKTA_NUMBER = /^[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+$/;

export type SearchKey =
  | { readonly kind: 'REGISTRATION_ID'; readonly value: string }
  | { readonly kind: 'NIK'; readonly value: string }
  | { readonly kind: 'AKTA_NUMBER'; readonly value: string };

/** What `q` is, or undefined when it is none of the searchable keys. */
export function searchKeyOf(q: string): SearchKey | undefined {
  const value = q.replace(/\s+/g, '');
  if (REGISTRATION_ID.test(value)) return { kind: 'REGISTRATION_ID', value: value.toLowerCase() };
  if (NIK.test(value)) return { kind: 'NIK', value };
  if (AKTA_NUMBER.test(value)) return { kind: 'AKTA_NUMBER', value: value.toUpperCase() };
  return undefined;
}

export const MatchedBy = ['REGISTRATION_ID', 'CHILD_NIK', 'MOTHER_NIK', 'AKTA_NUMBER'] as const;

export const SearchResultSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            registrationId: z.string(),
            status: z.enum(RegistrationStatus),
            childName: z.string(),
            birthDate: z.iso.date().meta({ description: 'The civil birth date: the date, in the registering office’s zone, of the instant of birth' }),
            submittedAt: z.iso.datetime(),
            matchedBy: z.enum(MatchedBy).meta({ description: 'Which key matched: the registration id, the child’s NIK, the mother’s NIK or the akta number' }),
          })
          .meta({ description: 'A registration the key leads to' }),
      )
      .meta({ description: 'Newest birth first; empty when nothing matches. A mother’s NIK may match several registrations (at most 50)' }),
  })
  .meta({ description: 'Registrations found by one key' });

export type SearchResult = z.output<typeof SearchResultSchema>;
