import { describe, expect, it } from 'vitest';
import { ENGLISH_ONLY, RAW_CODE } from '../../web/src/message-scan.js';
import { en } from '../../web/src/messages-en.js';
import { id, issueCode, issueText, statusMessage } from '../../web/src/messages.js';

/** The console's message table and the rules that keep English off an Indonesian page (web/src/messages.ts). */
describe('console messages', () => {
  it('an issue with a code the table knows is shown in the table’s words, whatever the API wrote', () => {
    expect(issueText({ path: 'child.weightGrams', code: 'WEIGHT_HIGH', message: 'Above 7000 g is implausible' }, 'id')).toBe(id['issue.WEIGHT_HIGH']);
  });

  it('an issue without a code (today’s API) is recognised by its English message', () => {
    expect(issueCode({ path: 'child.name', message: "Use letters, spaces and . , ' - only" })).toBe('NAME_CHARACTERS');
    expect(issueCode({ path: 'child.weightGrams', message: 'Invalid input: expected number, received undefined' })).toBe('REQUIRED');
  });

  it('an unknown English message never reaches an Indonesian page; an Indonesian answer does', () => {
    expect(issueText({ path: 'x', message: 'Something new and English' }, 'id')).toBe(id['issue.INVALID']);
    expect(issueText({ path: 'x', message: 'Sesuatu yang baru' }, 'id', 'id')).toBe('Sesuatu yang baru');
    expect(issueText({ path: 'x', message: 'Something new' }, 'en', 'en')).toBe('Something new');
  });

  it('HTTP failures are named in words, never "HTTP 401" or "Failed to fetch"', () => {
    expect(id[statusMessage(0)]).toMatch(/sambungan/);
    expect(id[statusMessage(409)]).toMatch(/sudah diputuskan/);
    for (const status of [0, 400, 401, 403, 404, 409, 410, 413, 429, 500, 503]) expect(id[statusMessage(status)]).not.toMatch(/HTTP|Failed/);
  });

  it('every Indonesian text is free of the English list and of raw codes', () => {
    for (const [key, raw] of Object.entries(id)) {
      const text = raw.replace(/\{\w+\}/g, ' ');
      const english = ENGLISH_ONLY.filter((e) => new RegExp(`(^|[^\\p{L}])${e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text));
      expect({ key, english }).toEqual({ key, english: [] });
      expect({ key, codes: text.match(RAW_CODE) }).toEqual({ key, codes: null });
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });
});
