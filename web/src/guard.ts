import { session, type Role } from './api.js';
import { h, mount } from './dom.js';
import { t } from './i18n.js';

/** Pages for one role: anyone else is shown the way to sign in (and back here afterwards). */
export function requireRole(role: Role): boolean {
  if (session()?.role === role) return true;
  mount(h('p', { role: 'alert' }, t('common.signInFirst'), ' ', h('a', { href: `#/masuk?next=${encodeURIComponent(location.hash)}` }, t('nav.signIn'))));
  return false;
}
