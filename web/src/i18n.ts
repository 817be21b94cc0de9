import { addTable, format, hasTable, keyOf, type Lang, type MessageKey } from './messages.js';

/** Bahasa Indonesia first; English on request (kept in localStorage). Every visible text goes through t(); the texts are in messages.ts. */
export type { Lang, MessageKey };

export function currentLang(): Lang {
  return localStorage.getItem('lang') === 'en' ? 'en' : 'id';
}

export function setLang(lang: Lang): void {
  localStorage.setItem('lang', lang);
  document.documentElement.lang = lang;
}

/**
 * Makes `lang`'s table available to t(): Indonesian is in the shell; English is its own chunk
 * (messages-en.ts), fetched the first time it is chosen. main.ts awaits it before drawing a page.
 */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (lang === 'en' && !hasTable('en')) addTable('en', (await import('./messages-en.js')).en);
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return format(currentLang(), key, params);
}

/** A value known only at run time (a status, a document type): its label, or `fallback` (never the raw code). */
export function tr(prefix: string, value: string, fallback?: MessageKey): string {
  const key = keyOf(prefix, value) ?? fallback;
  return key ? t(key) : value;
}
