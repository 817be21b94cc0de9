import type { ApiIssue, IssueCode } from './messages.js';

/**
 * The hospital form's checks in the browser, before anything is sent: the same limits the API's
 * schema applies (api/requests.ts BirthNotificationSchema), as codes of the message table, so a
 * midwife on a slow line learns of a typo at once. The API still validates everything; its issues
 * land in the same places. Pure: values by field path, as the form holds them.
 */
export type FormValues = Readonly<Record<string, string>>;

export interface FormIssue extends ApiIssue {
  readonly code: IssueCode;
}

const REQUIRED = ['notificationId', 'child.name', 'child.sex', 'child.birthDateTime', 'child.birthOrder', 'child.weightGrams', 'child.lengthCm', 'mother.nik', 'familyCardNumber', 'attendant.type', 'attendant.name', 'contactPhone'] as const;
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u;

export function checkBirth(values: FormValues, now = Date.now()): FormIssue[] {
  const issues: FormIssue[] = [];
  const add = (path: string, code: IssueCode) => {
    if (!issues.some((i) => i.path === path)) issues.push({ path, code, message: '' });
  };
  const value = (path: string) => (values[path] ?? '').trim();
  for (const path of REQUIRED) if (value(path) === '') add(path, 'REQUIRED');
  if (values['multiple'] === 'yes') {
    for (const path of ['child.multipleBirth.count', 'child.multipleBirth.order']) if (value(path) === '') add(path, 'REQUIRED');
  } else if (values['multiple'] !== 'no') add('multiple', 'REQUIRED');

  const id = value('notificationId');
  if (id && (id.length > 64 || !/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/.test(id))) add('notificationId', 'NOTIFICATION_ID');
  for (const path of ['child.name', 'attendant.name']) {
    const name = value(path);
    if (name && name.length > 120) add(path, 'TOO_LONG');
    else if (name && !NAME.test(name)) add(path, 'NAME_CHARACTERS');
  }
  const born = value('child.birthDateTime');
  if (born) {
    const at = Date.parse(`${born.length === 16 ? `${born}:00` : born}${values['offset'] ?? '+07:00'}`);
    if (Number.isNaN(at)) add('child.birthDateTime', 'DATETIME');
    else if (at > now + 5 * 60_000) add('child.birthDateTime', 'BIRTH_IN_FUTURE');
  }
  const whole = (path: string, min: number, max: number, low: IssueCode, high: IssueCode = low) => {
    const raw = value(path);
    if (!raw) return;
    const n = Number(raw.replace(',', '.'));
    if (!Number.isInteger(n)) add(path, 'WHOLE_NUMBER');
    else if (n < min) add(path, low);
    else if (n > max) add(path, high);
  };
  whole('child.birthOrder', 1, 30, 'BIRTH_ORDER');
  whole('child.weightGrams', 300, 7000, 'WEIGHT_LOW', 'WEIGHT_HIGH');
  const length = value('child.lengthCm');
  if (length) {
    const n = Number(length.replace(',', '.'));
    if (Number.isNaN(n)) add('child.lengthCm', 'NUMBER');
    else if (n < 20 || n > 70) add('child.lengthCm', 'LENGTH_RANGE');
  }
  if (values['multiple'] === 'yes') {
    whole('child.multipleBirth.count', 2, 8, 'MULTIPLE_COUNT');
    whole('child.multipleBirth.order', 1, 8, 'MULTIPLE_ORDER');
    const count = Number(value('child.multipleBirth.count'));
    const order = Number(value('child.multipleBirth.order'));
    if (Number.isInteger(count) && Number.isInteger(order) && order > count) add('child.multipleBirth.order', 'MULTIPLE_ORDER');
  }
  for (const path of ['mother.nik', 'father.nik']) if (value(path) && !/^\d{16}$/.test(value(path))) add(path, 'NIK_DIGITS');
  if (value('familyCardNumber') && !/^\d{16}$/.test(value('familyCardNumber'))) add('familyCardNumber', 'KK_DIGITS');
  const marriage = value('marriageCertificateNumber');
  if (marriage && (marriage.length > 64 || !/^[A-Za-z0-9][A-Za-z0-9/.-]*$/.test(marriage))) add('marriageCertificateNumber', 'MARRIAGE_NUMBER');
  const phone = value('contactPhone').replace(/[\s().-]/g, '');
  if (phone && !/^(\+62|62|0)8\d{7,11}$/.test(phone)) add('contactPhone', 'PHONE');
  return issues;
}

/** The notification as the API takes it: empty optional fields left out, numbers as numbers, the offset on the time. */
export function notificationBody(values: FormValues): Record<string, unknown> {
  const v = (path: string) => (values[path] ?? '').trim();
  const num = (path: string) => (v(path) === '' ? undefined : Number(v(path).replace(',', '.')));
  const born = v('child.birthDateTime');
  const body: Record<string, unknown> = {
    notificationId: v('notificationId'),
    child: {
      name: v('child.name'),
      sex: v('child.sex') || undefined,
      birthDateTime: born ? `${born.length === 16 ? `${born}:00` : born}${values['offset'] ?? '+07:00'}` : '',
      ...(v('child.birthPlace') ? { birthPlace: v('child.birthPlace') } : {}),
      birthOrder: num('child.birthOrder'),
      ...(values['multiple'] === 'yes' ? { multipleBirth: { count: num('child.multipleBirth.count'), order: num('child.multipleBirth.order') } } : {}),
      weightGrams: num('child.weightGrams'),
      lengthCm: num('child.lengthCm'),
    },
    mother: { nik: v('mother.nik') },
    ...(v('father.nik') ? { father: { nik: v('father.nik') } } : {}),
    familyCardNumber: v('familyCardNumber'),
    ...(v('marriageCertificateNumber') ? { marriageCertificateNumber: v('marriageCertificateNumber') } : {}),
    attendant: { type: v('attendant.type') || undefined, name: v('attendant.name') },
    contactPhone: v('contactPhone'),
  };
  return body;
}

/** A sent notification back as form values (for "perbaiki & kirim ulang"), without its notificationId: a new one is needed. */
export function valuesOf(body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown, prefix: string) => {
    if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    else if (node !== undefined) values[prefix] = String(node);
  };
  walk(body, '');
  delete values['notificationId'];
  const born = values['child.birthDateTime'];
  if (born) {
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(born);
    if (match) {
      values['child.birthDateTime'] = match[1]!;
      values['offset'] = match[2] === 'Z' ? '+00:00' : match[2]!;
    }
  }
  values['multiple'] = values['child.multipleBirth.count'] ? 'yes' : 'no';
  if (values['contactPhone']?.startsWith('+62')) values['contactPhone'] = `0${values['contactPhone'].slice(3)}`;
  return values;
}
