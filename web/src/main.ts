import { consoleConfig, errorText, loadConfig, saveSession, session, SessionExpiredError } from './api.js';
import { beginRender, h, mount, mounter } from './dom.js';
import { currentLang, setLang, t } from './i18n.js';
import { hospitalPage, slipPage } from './pages/hospital.js';
import { parentsPage } from './pages/parents.js';
import { dashboardPage, historyPage, searchPage } from './pages/office.js';
import { casePage, followUpPage, queuePage } from './pages/registrar.js';
import { completeCognitoSignIn, signInPage } from './pages/sign-in.js';
import { fileAmendmentPage, myAmendmentsPage } from './pages/amendments.js';
import { amendmentPage, headQueuePage } from './pages/head-queue.js';

/** Hash routes: the console is static files, so every page is one bundle and the server needs no rewrites. */
type Page = (params: URLSearchParams, ...parts: string[]) => Promise<void> | void;
const routes: Record<string, Page> = {
  '': homePage,
  masuk: signInPage,
  antrean: queuePage,
  'tindak-lanjut': followUpPage,
  kasus: (params, id) => casePage(params, id ?? ''),
  riwayat: (params, id) => historyPage(params, id ?? ''),
  cari: searchPage,
  dasbor: dashboardPage,
  rs: hospitalPage,
  slip: (params, id) => slipPage(params, id ?? ''),
  ortu: parentsPage,
  // After the akta: the head of office's queue, one amendment, the counter's form, a registrar's own requests.
  kepala: headQueuePage,
  permohonan: (params, id) => amendmentPage(params, id ?? ''),
  ubah: (params, id) => fileAmendmentPage(params, id ?? ''),
  perubahan: myAmendmentsPage,
};

function homePage(): void {
  mount(
    h('h1', {}, t('app.title')),
    h('p', { class: 'lead' }, t('home.intro')),
    h(
      'ul',
      { class: 'cards' },
      h('li', {}, h('a', { href: '#/antrean' }, t('home.registrar'))),
      h('li', {}, h('a', { href: '#/rs' }, t('home.hospital'))),
      h('li', {}, h('a', { href: '#/ortu' }, t('home.parents'))),
    ),
  );
}

function renderNav(): void {
  const current = session();
  const nav = document.getElementById('nav') as HTMLElement;
  const links = [
    current?.role === 'registrar' ? h('a', { href: '#/antrean' }, t('nav.queue')) : null,
    current?.role === 'registrar' ? h('a', { href: '#/tindak-lanjut' }, t('nav.followUp')) : null,
    current?.role === 'registrar' ? h('a', { href: '#/cari' }, t('nav.search')) : null,
    current?.role === 'registrar' ? h('a', { href: '#/dasbor' }, t('nav.dashboard')) : null,
    current?.role === 'registrar' ? h('a', { href: current.headOfOffice ? '#/kepala' : '#/perubahan' }, t(current.headOfOffice ? 'nav.head' : 'nav.amendments')) : null,
    current?.role === 'hospital' ? h('a', { href: '#/rs' }, t('nav.hospital')) : null,
    h('a', { href: '#/ortu' }, t('nav.parents')),
    current
      ? h('button', { type: 'button', class: 'link', onclick: () => { saveSession(undefined); location.hash = '#/'; } }, `${t('nav.signOut')} (${current.name})`)
      : h('a', { href: '#/masuk' }, t('nav.signIn')),
    h('button', { type: 'button', class: 'link', lang: currentLang() === 'id' ? 'en' : 'id', onclick: () => { setLang(currentLang() === 'id' ? 'en' : 'id'); void route(); } }, t('nav.lang')),
  ];
  nav.replaceChildren(...links.filter((l) => l !== null));
}

async function route(): Promise<void> {
  const [path = '', query = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [name = '', ...parts] = path.split('/');
  const page = routes[name] ?? homePage;
  const hash = location.hash;
  beginRender(hash);
  const show = mounter();
  document.documentElement.lang = currentLang();
  renderNav();
  try {
    await page(new URLSearchParams(query), ...parts.map(decodeURIComponent));
  } catch (error) {
    if (error instanceof SessionExpiredError) return; // already on its way to the sign-in page
    show(h('p', { class: 'message error', role: 'alert' }, errorText(error)));
  }
  // The page's heading region takes the focus (for screen readers), unless the page put it somewhere itself.
  const main = document.getElementById('main') as HTMLElement;
  if (location.hash === hash && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
}

// The app shell offline (web/src/sw.ts); a browser without service workers simply has no offline start.
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('./sw.js').catch(() => undefined);
await loadConfig();
if (consoleConfig().signIn === 'cognito') await completeCognitoSignIn();
window.addEventListener('hashchange', () => void route());
await route();
