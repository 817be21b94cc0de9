import { expireSession, session, tokenExpiry, type Role } from './api.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';

/**
 * Pages for one role: anyone else is shown the way to sign in (and back here afterwards). A session
 * whose token has expired ends here, before the page asks the API anything.
 */
export function requireRole(role: Role): boolean {
  const current = session();
  if (current?.role === role) {
    const exp = tokenExpiry(current.token);
    if (exp === undefined || exp > Date.now() / 1000) return true;
    expireSession();
    return false;
  }
  mount(h('p', { role: 'alert' }, t('common.signInFirst'), ' ', h('a', { href: `#/masuk?next=${encodeURIComponent(location.hash)}` }, t('nav.signIn'))));
  return false;
}
