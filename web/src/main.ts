import { consoleConfig, errorText, loadConfig, saveSession, session, SessionExpiredError } from './api.js';
import { beginRender, h, mount, mounter } from './dom.js';
import { currentLang, loadLanguage, setLang, t } from './i18n.js';

/**
 * Hash routes: the console is static files, so the server needs no rewrites. Each page is its own
 * chunk, loaded by import() when its route is first opened (infra/console-build.ts `splitting`): the
 * parents' page on a phone downloads the shell and that page, not the registrars' queue.
 */
type Page = (params: URLSearchParams, ...parts: string[]) => Promise<void> | void;
type PageLoader = () => Promise<Page>;

/**
 * Written in by the build: for each page module, every chunk it needs beyond the shell. They are
 * preloaded together when the page is opened, so a slow line waits one round trip for them, not one
 * for each level of imports.
 */
declare const __PAGE_CHUNKS__: Readonly<Record<string, readonly string[]>>;
const preloaded = new Set<string>();
function preloadChunks(module: string): void {
  for (const file of __PAGE_CHUNKS__[module] ?? []) {
    if (preloaded.has(file)) continue;
    preloaded.add(file);
    document.head.append(h('link', { rel: 'modulepreload', href: `./${file}` }));
  }
}
/**
 * A page from its own chunk (`module` is its name under web/src, as the build keys it; `later`: modules
 * the page imports itself once it runs, preloaded with it).
 */
function lazy<M>(module: string, load: () => Promise<M>, pick: (m: M) => Page, later: readonly string[] = []): PageLoader {
  return async () => {
    for (const name of [module, ...later]) preloadChunks(name);
    return pick(await load());
  };
}
const withId = (page: (params: URLSearchParams, id: string) => Promise<void> | void): Page => (params, id) => page(params, id ?? '');

const routes: Record<string, PageLoader> = {
  '': () => Promise.resolve(homePage),
  masuk: lazy('pages/sign-in', () => import('./pages/sign-in.js'), (m) => m.signInPage),
  antrean: lazy('pages/registrar', () => import('./pages/registrar.js'), (m) => m.queuePage),
  'tindak-lanjut': lazy('pages/registrar', () => import('./pages/registrar.js'), (m) => m.followUpPage),
  kasus: lazy('pages/registrar', () => import('./pages/registrar.js'), (m) => withId(m.casePage)),
  riwayat: lazy('pages/office', () => import('./pages/office.js'), (m) => withId(m.historyPage)),
  cari: lazy('pages/office', () => import('./pages/office.js'), (m) => m.searchPage),
  dasbor: lazy('pages/office', () => import('./pages/office.js'), (m) => m.dashboardPage),
  rs: lazy('pages/hospital', () => import('./pages/hospital.js'), (m) => m.hospitalPage),
  slip: lazy('pages/hospital', () => import('./pages/hospital.js'), (m) => withId(m.slipPage)),
  ortu: lazy('pages/parents', () => import('./pages/parents.js'), (m) => m.parentsPage, ['pages/amendments']),
  // After the akta: the head of office's queue, one amendment, the counter's form, a registrar's own requests.
  kepala: lazy('pages/head-queue', () => import('./pages/head-queue.js'), (m) => m.headQueuePage),
  permohonan: lazy('pages/head-queue', () => import('./pages/head-queue.js'), (m) => withId(m.amendmentPage)),
  ubah: lazy('pages/amendments', () => import('./pages/amendments.js'), (m) => withId(m.fileAmendmentPage)),
  perubahan: lazy('pages/amendments', () => import('./pages/amendments.js'), (m) => m.myAmendmentsPage),
};

/** The route of a hash: its loader and its parts (`#/kasus/<id>?x=1`). */
function parseHash(hash: string): { load: PageLoader; query: string; parts: string[] } {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [name = '', ...parts] = path.split('/');
  return { load: routes[name] ?? routes['']!, query, parts };
}

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
  const hash = location.hash;
  const { load, query, parts } = parseHash(hash);
  beginRender(hash);
  const show = mounter();
  try {
    // The page's chunk and the language's table come down together (both cached after the first time).
    const [page] = await Promise.all([load(), loadLanguage(currentLang())]);
    if (location.hash !== hash) return; // the user moved on while the chunk came down
    document.documentElement.lang = currentLang();
    renderNav();
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
// The first page's chunk and the English table (when chosen) are asked for while config.json comes down.
void parseHash(location.hash).load().catch(() => undefined);
void loadLanguage(currentLang()).catch(() => undefined);
await loadConfig();
if (consoleConfig().signIn === 'cognito') await (await import('./pages/sign-in.js')).completeCognitoSignIn();
window.addEventListener('hashchange', () => void route());
await route();
