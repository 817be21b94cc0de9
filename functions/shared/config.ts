import * as z from 'zod';
import { TIME_ZONES } from '../../domain/calendar.js';
import { REGENCY_CODE } from '../../domain/region-codes.js';

/**
 * Configuration is read from the environment once, at module load, and validated: a missing or
 * malformed setting fails the cold start loudly instead of the hundredth request quietly.
 * In AWS the CDK app sets these (infra/stack.ts); in the local stack, local/stack.ts does.
 */
const BaseConfigSchema = z.object({
  TABLE_NAME: z.string().min(1),
});

export type BaseConfig = z.infer<typeof BaseConfigSchema>;

export function readConfig(): Readonly<BaseConfig>;
export function readConfig<T extends z.ZodRawShape>(extra: T): Readonly<BaseConfig & z.infer<z.ZodObject<T>>>;
export function readConfig(extra: z.ZodRawShape = {}): Readonly<Record<string, unknown>> {
  const result = BaseConfigSchema.extend(extra).safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return Object.freeze(result.data);
}

/** Kemendagri regency code, e.g. "35.10" (KABUPATEN BANYUWANGI). */
export const RegencyCodeSchema = z.string().regex(REGENCY_CODE, 'expected a regency code like 35.10');

/**
 * CIVIL_TIME_ZONE: the zone of the registering office (WIB, WITA or WIT) in which a birth's civil
 * date and the documents' issue dates are taken (domain/birth-date.ts). The deployment setting
 * `civilTimeZone` (cdk.json), by default the zone of `issuingRegencyCode`'s province.
 */
export const CivilTimeZoneSchema = z.enum(TIME_ZONES);
