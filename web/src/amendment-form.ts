import type { AmendmentRequest } from './contract.js';

/**
 * The rules of the amendment pages that need no DOM (unit-tested in test/web/amendment-form.test.ts):
 * the form's values as the API's `changes`, an API issue's path back to its field, and which print of
 * the akta a correction would issue. The API validates; nothing here decides what is allowed.
 */
export type Changes = NonNullable<AmendmentRequest['changes']>;

/** The fields a correction may name (api/requests.ts CorrectionChangesSchema), by their request paths. */
export const CORRECTABLE_FIELDS: readonly { readonly path: string; readonly type?: 'number' | 'datetime-local'; readonly options?: readonly string[]; readonly inputmode?: string }[] = [
  { path: 'child.name' },
  { path: 'child.birthPlace' },
  { path: 'child.birthDateTime', type: 'datetime-local' },
  { path: 'child.sex', options: ['MALE', 'FEMALE'] },
  { path: 'child.birthOrder', type: 'number' },
  { path: 'child.weightGrams', type: 'number' },
  { path: 'child.lengthCm', type: 'number' },
  { path: 'father.nik', inputmode: 'numeric' },
  { path: 'marriageCertificateNumber' },
];

const NUMBER_FIELDS = new Set(CORRECTABLE_FIELDS.filter((f) => f.type === 'number').map((f) => f.path));

/**
 * The filled-in fields as `changes` (empty ones left out: only what is corrected is sent). A birth
 * time is entered in the office's own zone (WIB, Banyuwangi). A number that does not parse is sent as
 * typed so the API's message says what is wrong with it. Undefined when nothing is filled in.
 */
export function correctionChanges(values: Readonly<Record<string, string>>, offset = '+07:00'): Changes | undefined {
  const child: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  for (const { path } of CORRECTABLE_FIELDS) {
    const raw = (values[path] ?? '').trim();
    if (raw === '') continue;
    let value: unknown = raw;
    if (NUMBER_FIELDS.has(path)) value = Number.isFinite(Number(raw)) ? Number(raw) : raw;
    if (path === 'child.birthDateTime') value = `${raw.length === 16 ? `${raw}:00` : raw}${offset}`;
    if (path.startsWith('child.')) child[path.slice('child.'.length)] = value;
    else if (path === 'father.nik') changes['father'] = { nik: raw };
    else changes[path] = value;
  }
  if (Object.keys(child).length > 0) changes['child'] = child;
  return Object.keys(changes).length > 0 ? (changes as Changes) : undefined;
}

/** An API issue's path ("changes.child.name") as the form field it belongs to ("child.name"), or the form's own slot. */
export function fieldOfIssue(path: string): string {
  const field = path.replace(/^changes\./, '');
  return CORRECTABLE_FIELDS.some((f) => f.path === field) || field === 'reason' || field.startsWith('evidence') ? field.replace(/^evidence\.\d+\..*$/, 'evidence') : 'form';
}

/** A value as shown beside its field: a missing one as a dash, a birth time in WIB. */
export function displayValue(path: string, value: unknown, formatTime: (iso: string) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (path === 'child.birthDateTime' && typeof value === 'string') return formatTime(value);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).join(', ');
  return String(value);
}
