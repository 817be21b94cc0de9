import { describe, expect, it } from 'vitest';
import { isMessageCode, languageOf, MESSAGES, messageText } from '../../api/messages.js';
import { BirthNotificationSchema, DecisionSchema, PathParameterSchemas, webhookRequestSchema } from '../../api/requests.js';
import { ConflictError, renderIssue, ValidationError } from '../../functions/shared/errors.js';
import { fieldIssues } from '../../functions/shared/http.js';
import { CHECKS } from '../../domain/registry-checks.js';
import { notification } from '../support/fixtures.js';

/** api/messages.ts: one table of codes with English and Indonesian words, used by every 4xx body. */
describe('the message table', () => {
  it('picks the language from Accept-Language: English by default, Indonesian when preferred', () => {
    expect(languageOf(undefined)).toBe('en');
    expect(languageOf('')).toBe('en');
    expect(languageOf('id')).toBe('id');
    expect(languageOf('id-ID,id;q=0.9,en-US;q=0.8')).toBe('id');
    expect(languageOf('en-US,en;q=0.9,id;q=0.8')).toBe('en');
    expect(languageOf('fr-FR, id;q=0.5')).toBe('id');
    expect(languageOf('en;q=0.2, id;q=0.7')).toBe('id');
    expect(languageOf('in')).toBe('id');
    expect(languageOf('de, fr')).toBe('en');
    expect(languageOf('id;q=0')).toBe('en');
  });

  it('has both languages for every code, Indonesian different from English, and the registry checks under their own codes', () => {
    for (const [code, texts] of Object.entries(MESSAGES)) {
      expect(texts.en, code).not.toBe('');
      expect(texts.id, code).not.toBe('');
      expect(texts.id, code).not.toBe(texts.en);
    }
    for (const code of Object.keys(CHECKS)) expect(MESSAGES[code as keyof typeof CHECKS].id).toBe(CHECKS[code as keyof typeof CHECKS].id);
  });

  it('fills placeholders from the zod issue', () => {
    expect(messageText('TOO_LONG', 'en', { maximum: 64 })).toBe('At most 64 characters');
    expect(messageText('TOO_LONG', 'id', { maximum: 64 })).toBe('Paling banyak 64 karakter');
  });
});

describe('validation issues carry a stable code and the message in the caller’s language', () => {
  const issuesOf = (input: unknown) => {
    const parsed = BirthNotificationSchema.safeParse(input);
    if (parsed.success) throw new Error('expected issues');
    return fieldIssues(parsed.error, 0, input);
  };

  it('a missing number is REQUIRED ("Wajib diisi"), not zod’s "Invalid input: expected number, received undefined"', () => {
    const body = notification();
    delete (body['child'] as Record<string, unknown>)['weightGrams'];
    const [issue] = issuesOf(body);
    expect(renderIssue(issue!, 'en')).toEqual({ path: 'child.weightGrams', code: 'REQUIRED', message: 'Required' });
    expect(renderIssue(issue!, 'id')).toEqual({ path: 'child.weightGrams', code: 'REQUIRED', message: 'Wajib diisi' });
  });

  it('every rule of the notification, the decision, the webhook and the path ids answers a code of the table', () => {
    const bad = notification({
      notificationId: 'x'.repeat(80),
      child: { name: 'Arka 2', sex: 'X', birthDateTime: '2026-11-20', birthPlace: '<b>', birthOrder: 0, weightGrams: 12.5, lengthCm: 5, multipleBirth: { count: 1, order: 3 }, nmae: 1 },
      mother: { nik: '123' },
      father: { nik: '3510160000000001' },
      familyCardNumber: 'KK',
      marriageCertificateNumber: '#1',
      attendant: { type: 'SHAMAN', name: '' },
      contactPhone: '12',
    });
    const issues = [
      ...issuesOf(bad),
      ...issuesOf(notification({ child: { weightGrams: 9000, lengthCm: 90, birthOrder: 31, birthDateTime: '2099-01-01T00:00:00+07:00', multipleBirth: { count: 9, order: 0 } } })),
      ...issuesOf(notification({ child: { name: 'Arka\u202e', birthDateTime: '2026-02-30T08:00:00+07:00', weightGrams: 100 } })),
    ];
    const decision = DecisionSchema.safeParse({ decision: 'REJECT' });
    const webhook = webhookRequestSchema({ allowLocalHttp: false }).safeParse({ url: 'http://10.0.0.1/hook' });
    const path = PathParameterSchemas.registrationId.safeParse('nope');
    for (const parsed of [decision, webhook, path]) if (!parsed.success) issues.push(...fieldIssues(parsed.error));
    expect(issues.length).toBeGreaterThan(25);
    for (const issue of issues) {
      expect(isMessageCode(issue.code), `${issue.path}: ${issue.code}`).toBe(true);
      expect(issue.text, `${issue.path}: a message that is not a code of the table`).toBeUndefined();
      const en = renderIssue(issue, 'en').message;
      const id = renderIssue(issue, 'id').message;
      expect(en, issue.path).not.toMatch(/^Invalid (input|option|string)|\{\w+\}/);
      expect(id, `${issue.path} ${issue.code}`).not.toBe(en);
    }
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['TOO_LONG', 'NAME_CHARACTERS', 'SEX_INVALID', 'BIRTH_DATE_TIME_FORMAT', 'NIK_DIGITS', 'NIK_DATE_IMPOSSIBLE', 'UNKNOWN_FIELD', 'WEIGHT_TOO_HIGH', 'BIRTH_IN_FUTURE', 'DATE_NOT_REAL', 'TEXT_CONTROL_CHARACTERS', 'REJECTION_NEEDS_REASON', 'WEBHOOK_URL_NOT_HTTPS', 'REGISTRATION_ID_FORMAT']),
    );
  });

  it('a 400 body lists {path, code, message} and keeps its English summary by default', () => {
    const error = new ValidationError([{ path: 'mother.nik', code: 'NIK_DIGITS' }]);
    expect(error.body('en')).toEqual({ error: 'The request is invalid', code: 'VALIDATION_FAILED', issues: [{ path: 'mother.nik', code: 'NIK_DIGITS', message: 'A NIK has exactly 16 digits' }] });
    expect(error.body('id')).toMatchObject({ error: 'Permintaan tidak valid', issues: [{ message: 'NIK terdiri dari tepat 16 angka' }] });
  });

  it('an error body carries its code; its words follow the language', () => {
    const conflict = new ConflictError('ALREADY_DECIDED', { status: 'REJECTED' });
    expect(conflict.body('en')).toEqual({ error: 'This registration has already been decided', code: 'ALREADY_DECIDED', status: 'REJECTED' });
    expect(conflict.body('id')).toEqual({ error: 'Registrasi ini sudah diputuskan', code: 'ALREADY_DECIDED', status: 'REJECTED' });
    expect(conflict.message).toBe('This registration has already been decided');
  });

  it('a rule whose message is not in the table yet keeps its own text and zod’s code', () => {
    const parsed = BirthNotificationSchema.shape.child.shape.name.refine(() => false, 'Some new rule').safeParse('Arka');
    if (parsed.success) throw new Error('expected an issue');
    const [issue] = fieldIssues(parsed.error);
    expect(renderIssue(issue!, 'id')).toEqual({ path: '(body)', code: 'INVALID', message: 'Some new rule' });
  });
});
