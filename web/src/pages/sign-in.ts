import { ApiError, consoleConfig, saveSession, type Role } from '../api.js';
import { h, mount } from '../dom.js';
import { t } from '../i18n.js';

/**
 * Locally, POST /console/local-sign-in (served by the local stack only) hands out tokens of the
 * local issuer for the demo registrar and the configured hospitals. In AWS the registrar signs in on
 * the Cognito hosted UI (authorization code + PKCE, the console app client).
 */
export function signInPage(params: URLSearchParams): void {
  // Only a page of this console: never an address elsewhere.
  const asked = params.get('next') ?? '';
  const next = /^#\/[\w-]/.test(asked) ? asked : '';
  const config = consoleConfig();
  const expired = sessionStorage.getItem('sessionExpired') === '1' ? h('div', { class: 'notice', role: 'alert', id: 'session-expired' }, t('session.expired')) : null;
  if (config.signIn === 'cognito') {
    if (next) sessionStorage.setItem('afterSignIn', next);
    mount(h('h1', {}, t('signIn.title')), expired, h('button', { type: 'button', class: 'primary', onclick: () => void startCognitoSignIn() }, t('signIn.cognito')));
    return;
  }
  const signIn = async (role: Role | 'head-of-office', facilityId?: string, username?: string) => {
    const response = await fetch('./local-sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, ...(facilityId ? { facilityId } : {}), ...(username ? { username } : {}) }),
    });
    if (!response.ok) throw new ApiError(response.status, {});
    const { token, name } = (await response.json()) as { token: string; name: string };
    // A head of office is a registrar to the API (and to every registrar page), who also decides late registrations and amendments.
    const head = role === 'head-of-office';
    saveSession({ token, role: head ? 'registrar' : role, name, ...(head ? { headOfOffice: true } : {}) });
    sessionStorage.removeItem('sessionExpired');
    location.hash = next || (head ? '#/kepala' : role === 'registrar' ? '#/antrean' : '#/rs');
  };
  mount(
    h('h1', {}, t('signIn.title')),
    expired,
    h('p', { class: 'note' }, t('signIn.local')),
    h(
      'div',
      { class: 'stack' },
      h('button', { type: 'button', class: 'primary', onclick: () => void signIn('registrar') }, t('signIn.registrar')),
      ...(config.headsOfOffice ?? []).map((name) => h('button', { type: 'button', onclick: () => void signIn('head-of-office', undefined, name) }, t('signIn.head', { name }))),
      ...(config.hospitals ?? []).map((hospital) =>
        h('button', { type: 'button', onclick: () => void signIn('hospital', hospital.facilityId) }, t('signIn.hospital', { name: hospital.name })),
      ),
    ),
  );
}

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function startCognitoSignIn(): Promise<void> {
  const cognito = consoleConfig().cognito;
  if (!cognito) throw new Error('The console has no Cognito configuration');
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem('pkce', verifier);
  const redirect = `${location.origin}${location.pathname}`;
  const query = new URLSearchParams({ response_type: 'code', client_id: cognito.clientId, redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid' });
  location.assign(`https://${cognito.domain}/oauth2/authorize?${query}`);
}

/** Back from the hosted UI with ?code=: exchange it for tokens (public client, PKCE). */
export async function completeCognitoSignIn(): Promise<void> {
  const cognito = consoleConfig().cognito;
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem('pkce');
  if (!cognito || !code || !verifier) return;
  const redirect = `${location.origin}${location.pathname}`;
  const response = await fetch(`https://${cognito.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: cognito.clientId, code, redirect_uri: redirect, code_verifier: verifier }),
  });
  sessionStorage.removeItem('pkce');
  if (!response.ok) {
    history.replaceState(null, '', `${location.pathname}#/masuk`);
    return;
  }
  const { access_token: token } = (await response.json()) as { access_token: string };
  const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
    username?: string;
    'cognito:groups'?: string[];
    facility_id?: string;
  };
  // Registrars are in the registrars group, heads of office (who may do all a registrar may) in
  // head-of-office; clinic staff carry their facility (added by the user pool's trigger).
  const groups = claims['cognito:groups'] ?? [];
  const registrar = groups.includes('registrars') || groups.includes('head-of-office');
  const role: Role = registrar ? 'registrar' : 'hospital';
  const headOfOffice = groups.includes('head-of-office');
  const back = sessionStorage.getItem('afterSignIn');
  sessionStorage.removeItem('afterSignIn');
  sessionStorage.removeItem('sessionExpired');
  history.replaceState(null, '', `${location.pathname}${back ?? (headOfOffice ? '#/kepala' : registrar ? '#/antrean' : '#/rs')}`);
  saveSession({ token, role, name: claims.username ?? (registrar ? 'registrar' : (claims.facility_id ?? 'hospital')), ...(headOfOffice ? { headOfOffice } : {}) });
}
