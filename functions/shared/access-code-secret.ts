import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from 'zod';

/**
 * The server secret that access codes are derived from (domain/access-code.ts). In AWS it lives in
 * Secrets Manager (ACCESS_CODE_SECRET_ARN, fetched once and cached by Powertools Parameters); the local
 * stack passes it directly as ACCESS_CODE_SECRET.
 */
const SecretConfigSchema = z
  .object({ ACCESS_CODE_SECRET: z.string().min(32).optional(), ACCESS_CODE_SECRET_ARN: z.string().min(1).optional() })
  .refine((c) => c.ACCESS_CODE_SECRET ?? c.ACCESS_CODE_SECRET_ARN, 'Set ACCESS_CODE_SECRET_ARN (AWS) or ACCESS_CODE_SECRET (local)');

const secretConfig = Object.freeze(SecretConfigSchema.parse(process.env));

export async function accessCodeSecret(): Promise<string> {
  if (secretConfig.ACCESS_CODE_SECRET) return secretConfig.ACCESS_CODE_SECRET;
  const value = await getSecret(secretConfig.ACCESS_CODE_SECRET_ARN as string, { maxAge: 900 });
  if (typeof value !== 'string' || value.length < 32) throw new Error('The access code secret is missing or too short');
  return value;
}
