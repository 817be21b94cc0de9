import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseSettings, type Settings } from '../infra/settings.js';

export type { Settings };

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** The local stack reads the same cdk.json context as the CDK app: it differs only in endpoints and secrets. */
export function readSettings(): Settings {
  const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return parseSettings(cdkJson.context ?? {});
}
