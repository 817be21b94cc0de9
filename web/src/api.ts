import type { ErrorBody, OfficeContact } from './contract.js';
import { currentLang, t } from './i18n.js';
import { statusMessage } from './messages.js';

/**
 * The console talks to the same HTTP API as every other client. The signed-in person's token is kept
 * in sessionStorage (gone when the tab closes); parents use their access code instead of a token.
 */
export type Role = 'registrar' | 'hospital';
export interface Session {
  readonly token: string;
  readonly role: Role;
  readonly name: string;
  /** A registrar who is also head of office (Cognito group head-of-office): decides late registrations and amendments. */
  readonly headOfOffice?: boolean;
}

export interface ConsoleConfig {
  /** `local`: the local stack's sign-in route; `cognito`: the hosted UI (AWS). */
  readonly signIn: 'local' | 'cognito';
  /** The API's base URL; empty when the console is served by the API itself (local stack). */
  readonly apiUrl: string;
  readonly hospitals?: readonly { readonly facilityId: string; readonly name: string }[];
  /** Local stack only: the demo heads of office's usernames (sign-in buttons). */
  readonly headsOfOffice?: readonly string[];
  readonly cognito?: { readonly domain: string; readonly clientId: string };
  /** The office's contact for parents (settings `officeContact`); absent from an older config.json. */
  readonly officeContact?: OfficeContact;
}

/**
 * An answer other than 2xx, or none at all (status 0: no connection). Its `message` is the user's
 * text for the status (messages.ts statusMessage), never the API's English `error`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's error body; a gateway error (`{message}`) or a non-JSON answer has no `error` of its own. */
    readonly body: Partial<ErrorBody>,
    /** The answer's Content-Language (an API that speaks the asked language says so). */
    readonly language?: string,
  ) {
    super(t(statusMessage(status)));
    this.name = 'ApiError';
  }
}

/** The session ended (401 on a signed-in call): the console is already on its way to the sign-in page. */
export class SessionExpiredError extends Error {
  constructor() {
    super(t('session.expired'));
    this.name = 'SessionExpiredError';
  }
}

/** The text to show for any failure of a page (an ApiError's message is already the user's). */
export function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof SessionExpiredError ? error.message : t('error.unknown');
}

/** Seconds since the epoch at which a JWT expires (undefined if unreadable). */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ends the session and sends the user to sign in, back to this very page afterwards. Pages keep what
 * was typed themselves (the hospital form's draft in IndexedDB, a rejection's reason in
 * sessionStorage), so nothing typed is lost.
 */
export function expireSession(): void {
  saveSession(undefined);
  sessionStorage.setItem('sessionExpired', '1');
  const here = location.hash.startsWith('#/masuk') ? '' : location.hash;
  location.hash = `#/masuk${here ? `?next=${encodeURIComponent(here)}` : ''}`;
}

let config: ConsoleConfig = { signIn: 'local', apiUrl: '' };

export async function loadConfig(): Promise<ConsoleConfig> {
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    if (response.ok) config = (await response.json()) as ConsoleConfig;
  } catch {
    // Offline without a cached copy: the defaults (the outbox still works).
  }
  return config;
}
export const consoleConfig = () => config;

/** A facility's name (the configured hospitals), never its id on screen. */
export function facilityName(facilityId: string): string {
  return config.hospitals?.find((h) => h.facilityId === facilityId)?.name ?? t('facility.unknown');
}

export function session(): Session | undefined {
  const raw = sessionStorage.getItem('session');
  return raw ? (JSON.parse(raw) as Session) : undefined;
}
export function saveSession(value: Session | undefined): void {
  if (value) sessionStorage.setItem('session', JSON.stringify(value));
  else sessionStorage.removeItem('session');
}

interface RequestOptions {
  readonly method?: string;
  readonly body?: unknown;
  readonly accessCode?: string;
  readonly anonymous?: boolean;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': currentLang() };
  const current = session();
  const signed = options.accessCode === undefined && current !== undefined && !options.anonymous;
  if (options.accessCode !== undefined) headers['x-access-code'] = options.accessCode;
  else if (signed) headers['authorization'] = `Bearer ${current.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`${config.apiUrl}${path}`, {
      method: options.method ?? 'GET',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, {}); // no connection: the browser's own "Failed to fetch" is never shown
  }
  if (response.status === 401 && signed) {
    expireSession();
    throw new SessionExpiredError();
  }
  if (!response.ok) {
    const text = await response.text();
    let body: Partial<ErrorBody> = {};
    try {
      body = JSON.parse(text) as Partial<ErrorBody>;
    } catch {
      body = { error: text || response.statusText };
    }
    throw new ApiError(response.status, body, response.headers.get('content-language') ?? undefined);
  }
  return response;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await (await send(path, options)).json()) as T;
}

/** A PDF (or any file) as a blob, for an iframe or a download link. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  return (await send(path, options)).blob();
}

/** Saves a blob under a file name (a real download, as the browser shows it). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
