/**
 * The console's service worker: the app shell (the page, its script and every page's chunk, its
 * style, its configuration; all cached at install, so any page opens offline) from the network when
 * there is one, from the cache when there is none, so a clinic on patchy mobile data can open the
 * console and its outbox offline. The API is never cached (it is another path, or
 * another origin in AWS). Typed loosely: web/tsconfig.json has the page's DOM library, not the worker's.
 */
interface FetchEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
  waitUntil(promise: Promise<unknown>): void;
}
const worker = self as unknown as {
  addEventListener(type: 'install' | 'activate', listener: (event: FetchEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  registration: { scope: string };
};

/** Written in by the build (infra/console-build.ts): every file of the console (shell, page chunks, English table) and their hash. */
declare const __SHELL_FILES__: readonly string[];
declare const __SHELL_VERSION__: string;
const CACHE = `console-shell-${__SHELL_VERSION__}`;
const SHELL = __SHELL_FILES__;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...SHELL]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  const scope = new URL(worker.registration.scope);
  // Only the shell's own files: never the API, never the local sign-in.
  if (event.request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname) || url.pathname.includes('/v1/')) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(url.pathname === scope.pathname ? './' : event.request, copy));
        }
        return response;
      })
      .catch(async () => (await caches.match(url.pathname === scope.pathname ? './' : event.request, { ignoreSearch: true })) ?? Response.error()),
  );
});
