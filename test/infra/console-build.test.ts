import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, type WebFile } from '../../infra/console-build.js';
import { en } from '../../web/src/messages-en.js';

/**
 * Issue 16 item 7 (the phone target): the console is split so a page downloads the shell and its own
 * chunks only, the English table only when English is chosen, and the service worker still caches
 * every file for offline use. Read as the browser reads the build: from the page's preloads and the
 * modules' own import statements.
 */
let files: Map<string, WebFile>;
const text = (name: string) => Buffer.from(files.get(name)!.contents).toString('utf8');
const resolveFrom = (from: string, specifier: string) => posix.normalize(posix.join(posix.dirname(from), specifier));
const staticImports = (name: string) => [...text(name).matchAll(/(?:\bfrom|\bimport)\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => resolveFrom(name, m[1]!));
const dynamicImports = (name: string) => [...text(name).matchAll(/\bimport\(\s*"(\.{1,2}\/[^"]+)"\s*\)/g)].map((m) => resolveFrom(name, m[1]!));
/** A module and everything it imports statically: what the browser fetches before it runs. */
function closure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const next of staticImports(name)) closure(next, seen);
  return seen;
}
const chunkOf = (page: RegExp) => {
  const found = [...new Set([...closure('app.js')].flatMap(dynamicImports))].filter((name) => page.test(name));
  expect(found, String(page)).toHaveLength(1);
  return found[0]!;
};

beforeAll(async () => {
  files = await buildWeb();
});

describe('console build', () => {
  it("the parents' page downloads the shell and its own chunks: no other page, no English table", () => {
    const shell = closure('app.js');
    const parents = closure(chunkOf(/\/parents-[\w-]+\.js$/), new Set(shell));
    const english = chunkOf(/\/messages-en-[\w-]+\.js$/);
    for (const other of [/\/registrar-/, /\/hospital-/, /\/office-/, /\/head-queue-/]) expect(parents.has(chunkOf(other)), String(other)).toBe(false);
    expect(parents.has(english)).toBe(false);
    const loaded = [...parents].map(text).join('\n');
    expect(loaded).not.toContain(en['parents.title']);
    expect(loaded).not.toContain(en['queue.title']);
    expect(text(english)).toContain(en['parents.title']);
    // What that costs on the wire, for the record (README Performance): far below the one 136 KB bundle.
    const gzip = [...parents].reduce((sum, name) => sum + gzipSync(files.get(name)!.contents).byteLength, 0);
    expect(gzip).toBeLessThan(gzipSync(Buffer.concat([...files].filter(([n]) => n.endsWith('.js') && n !== 'sw.js').map(([, f]) => f.contents))).byteLength / 2);
  });

  it("the page preloads the shell's imports, the parents' page and config.json, so they come down beside app.js", () => {
    const html = text('index.html');
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\.\/([^"]+)">/g)].map((m) => m[1]);
    const shell = closure('app.js');
    const parents = closure(chunkOf(/\/parents-[\w-]+\.js$/));
    expect(preloaded.sort()).toEqual([...new Set([...shell, ...parents])].filter((n) => n !== 'app.js').sort());
    expect(html).toContain('<link rel="preload" href="./config.json" as="fetch" crossorigin="anonymous">');
  });

  it('the service worker caches every file of the build for offline use', () => {
    const sw = text('sw.js');
    const listed = JSON.parse(/(\["\.\/",[^\]]*\])/.exec(sw)?.[1] ?? '[]') as string[];
    const expected = ['./', './config.json', ...[...files.keys()].filter((n) => n !== 'index.html' && n !== 'sw.js').map((n) => `./${n}`)];
    expect(listed.filter((n) => n !== './sw.js').sort()).toEqual(expected.sort());
    expect(expected.filter((n) => n.includes('/chunks/')).length).toBeGreaterThan(5);
  });

  it("names each lazy page by the module it imports (the build keys a page's chunks by that name)", () => {
    const main = readFileSync(new URL('../../web/src/main.ts', import.meta.url), 'utf8');
    const pages = [...main.matchAll(/lazy\('([^']+)', \(\) => import\('\.\/([^']+)\.js'\)/g)];
    expect(pages.length).toBeGreaterThan(10);
    for (const [, name, path] of pages) expect(name).toBe(path);
    // Every lazy(...) call is of that form, so none escapes the check.
    expect(pages.length).toBe([...main.matchAll(/\blazy\('/g)].length);
  });
});
