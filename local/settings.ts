import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * Deployment settings come from one place, cdk.json's context, for AWS and the local stack alike:
 * the local stack differs from production only in endpoints and secrets.
 */
const SettingsSchema = z.object({
  issuingRegencyCode: z.string().default('35.10'),
  issuingOfficeName: z.string().default('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi'),
  aktaNumberFormat: z.string().default('{regency}-LT-{date}-{serial}'),
  servedRegencies: z.array(z.string()).default(['35.10']),
  hospitals: z
    .array(z.object({ facilityId: z.string(), name: z.string() }))
    .default([
      { facilityId: 'rsud-blambangan', name: 'RSUD Blambangan' },
      { facilityId: 'rs-al-huda', name: 'RS Al-Huda Genteng' },
    ]),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export function readSettings(): Settings {
  let context: unknown = {};
  try {
    const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as { context?: unknown };
    context = cdkJson.context ?? {};
  } catch {
    // no cdk.json yet: defaults
  }
  return SettingsSchema.parse(context);
}
