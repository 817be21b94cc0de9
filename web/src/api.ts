import type { ErrorBody } from './contract.js';

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
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's error body; a gateway error (`{message}`) or a non-JSON answer has no `error` of its own. */
    readonly body: Partial<ErrorBody>,
  ) {
    super(typeof body.error === 'string' ? body.error : `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

let config: ConsoleConfig = { signIn: 'local', apiUrl: '' };

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('./config.json', { cache: 'no-store' });
  if (response.ok) config = (await response.json()) as ConsoleConfig;
  return config;
}
export const consoleConfig = () => config;

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
  const headers: Record<string, string> = {};
  const current = session();
  if (options.accessCode !== undefined) headers['x-access-code'] = options.accessCode;
  else if (current && !options.anonymous) headers['authorization'] = `Bearer ${current.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${config.apiUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  if (!response.ok) {
    const text = await response.text();
    let body: Partial<ErrorBody> = {};
    try {
      body = JSON.parse(text) as Partial<ErrorBody>;
    } catch {
      body = { error: text || response.statusText };
    }
    throw new ApiError(response.status, body);
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
