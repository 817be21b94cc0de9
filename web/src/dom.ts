/** A tiny element builder: enough for these pages, no framework. Text is always set as text, never as HTML. */
type Child = Node | string | number | false | null | undefined;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === false || child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** The route being rendered: a page that finishes loading after the user moved on must not draw over the new one. */
let renderingHash: string | undefined;
export function beginRender(hash: string): void {
  renderingHash = hash;
}

export function mount(...children: (Child | Child[])[]): void {
  if (renderingHash !== undefined && renderingHash !== location.hash) return; // a stale page: dropped
  draw(children);
}

/**
 * A page's own `mount`, taken before its first await: it draws only while the route it was started for
 * is still the one shown. (A shared check of the latest route is not enough: a case page that finishes
 * loading after the user went back to the queue would pass it and draw over the queue.)
 */
export function mounter(): (...children: (Child | Child[])[]) => void {
  const mine = renderingHash;
  return (...children) => {
    if (mine !== renderingHash || (mine !== undefined && mine !== location.hash)) return;
    draw(children);
  };
}

/** Renders the current route again (after a decision, while documents are issued), only if it is still shown. */
export function redraw(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

function draw(children: (Child | Child[])[]): void {
  const main = document.getElementById('main') as HTMLElement;
  main.replaceChildren();
  for (const child of children.flat()) if (child !== false && child !== null && child !== undefined) main.append(child instanceof Node ? child : String(child));
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  });
}
