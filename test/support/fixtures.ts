import { birthNotificationExample } from '../../api/examples.js';
import { recentBirth } from './dates.js';

const base = birthNotificationExample;

/**
 * The sample's birth, 11 days before today (WIB) at 08:15: the example's own date (2026-11-20) would
 * turn every test into a late registration 60 days later.
 */
export const defaultBirthDateTime = (): string => recentBirth({ daysAgo: 11, at: '08:15' });

/**
 * A fresh copy of the sample notification, the API description's own example (api/examples.ts:
 * Siti Rahmawati's second child, family 3510160101200001), born `defaultBirthDateTime()`;
 * object-valued overrides are merged one level deep (`child: {sex: 'FEMALE'}` keeps the other child fields).
 */
export function notification(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const copy = structuredClone(base) as unknown as Record<string, unknown>;
  copy['child'] = { ...(copy['child'] as Record<string, unknown>), birthDateTime: defaultBirthDateTime() };
  for (const [key, value] of Object.entries(overrides)) {
    const current = copy[key];
    copy[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? { ...(current as Record<string, unknown>), ...(value as Record<string, unknown>) }
        : value;
  }
  return copy;
}

/** Demo population people (local/seed/demo-population.json). */
export const DEMO = {
  banyuwangi: { familyCardNumber: '3510160101200001', motherNik: '3510165203950001', fatherNik: '3510161407920001' },
  genteng: { familyCardNumber: '3510091503190003', motherNik: '3510096802980001' },
  rogojampi: { familyCardNumber: '3510131107220004', motherNik: '3510136902960002', fatherNik: '3510130512880003' },
  /** Three generations (SHDK): head, istri, anak, menantu, cucu, orang tua; the mother is the menantu. */
  threeGenerations: { familyCardNumber: '3510160405150006', motherNik: '3510166109900001', fatherNik: '3510161006880001', grandmotherNik: '3510165708630001' },
  /** A KK whose daughter (3510165711260001) was born 2026-11-17, registered before this system. */
  existingNewborn: { familyCardNumber: '3510161507240007', motherNik: '3510164506970001', fatherNik: '3510161102940001', childNik: '3510165711260001' },
} as const;
