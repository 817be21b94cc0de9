import { ENGLISH_MESSAGES, id, type MessageKey } from './messages.js';
import { en } from './messages-en.js';

/**
 * For the tests only (never imported by the console, so none of it is in the bundle): what must never
 * appear on an Indonesian page, read by test/browser/browser-support.ts and test/web/messages.test.ts.
 */

const INDONESIAN_WORDS = new Set(Object.values(id).flatMap((text) => text.toLowerCase().split(/[^\p{L}]+/u)));

/** The English table's texts that differ from the Indonesian (placeholders cut out), and the API's English messages. */
export const ENGLISH_ONLY: readonly string[] = [
  ...new Set(
    [
      ...(Object.keys(en) as MessageKey[]).filter((k) => en[k] !== id[k]).flatMap((k) => en[k].split(/\{\w+\}/)),
      ...Object.keys(ENGLISH_MESSAGES),
      'Failed to fetch',
      'Invalid input',
      'The request is invalid',
      'Unauthorized',
      'already been decided',
      'Something went wrong',
      'HTTP 401',
    ]
      .map((s) => s.trim().replace(/^[\s:.,;(–—-]+|[\s:.,;)–—-]+$/g, ''))
      .filter((s) => s.length >= 4 && /[a-z]/.test(s))
      // A word both languages use ("valid", "Status", "Dukcapil") is not English on an Indonesian page.
      .filter((s) => !INDONESIAN_WORDS.has(s.toLowerCase())),
  ),
];


/** A raw code on a page: AWAITING_APPROVAL, KIA_0_5, NIK_ISSUED, POSSIBLE_DUPLICATE. */
export const RAW_CODE = /(?<![\w-])(?:[A-Z]{2,}(?:_[A-Z0-9]+)+|RECEIVED|ISSUING|COMPLETED|REJECTED|FAILED|APPROVE|REJECT|MALE|FEMALE|MIDWIFE|DOCTOR|NURSE)(?![\w-])/g;
