import { createHash } from 'node:crypto';
import { readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';

/**
 * Builds the web console (web/): the shell (app.js), one chunk per page and for the English table
 * (esbuild `splitting`, loaded by `import()`), one stylesheet, the page and the service worker with
 * the list of every file, no CDN at run time. `buildWeb()` answers the files in memory (the local stack serves them so; every start
 * serves the current source); `writeWeb()` writes them to web/dist/ (what the CDK app uploads;
 * infra/app.ts runs it before every synth, `npm run build:web` is scripts/build-web.ts).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(root, 'web');

export interface WebFile {
  readonly contents: Uint8Array;
  readonly contentType: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Where the pages' chunks (and the shared code they import) go: hashed names, so a new build never reuses an old name. */
const CHUNKS = 'chunks';
/** The page whose chunks index.html preloads for everyone (see below). */
const FIRST_PAGE = 'pages/parents';

export async function buildWeb(): Promise<Map<string, WebFile>> {
  const distDir = join(webDir, 'dist');
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    write: false,
    outdir: distDir,
    logLevel: 'silent',
    legalComments: 'none',
  } satisfies BuildOptions;
  // The console: the shell (app.js) and one chunk per page or language, loaded by import() (web/src/main.ts, i18n.ts).
  const options = {
    ...common,
    entryPoints: { app: join(webDir, 'src', 'main.ts'), 'app-style': join(webDir, 'src', 'styles.css') },
    format: 'esm' as const,
    splitting: true,
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    metafile: true,
  } satisfies BuildOptions;
  // The shell learns which chunks each page needs (main.ts __PAGE_CHUNKS__) from this very build: a
  // marker written in by esbuild, replaced here (app.js has no hash in its name, the chunks keep theirs).
  const marker = '"@@PAGE_CHUNKS@@"';
  const app = await build({ ...options, define: { __PAGE_CHUNKS__: marker } });
  const { shellImports, pageChunks } = chunkGraph(app.metafile, distDir);
  if (!pageChunks[FIRST_PAGE]) throw new Error(`The console build has no chunk for ${FIRST_PAGE}`);
  const files = new Map<string, WebFile>();
  const nameOf = (path: string) => path.slice(distDir.length + 1).replace('app-style.css', 'app.css');
  for (const file of app.outputFiles) {
    const name = nameOf(file.path);
    let contents = file.contents;
    if (name === 'app.js') {
      const [before, after, ...more] = file.text.split(marker);
      if (after === undefined || more.length > 0) throw new Error('The console shell must use __PAGE_CHUNKS__ exactly once');
      contents = Buffer.from(`${before}${JSON.stringify(pageChunks)}${after}`);
    }
    files.set(name, webFile(name, contents));
  }
  const html = readFileSync(join(webDir, 'index.html'), 'utf8').replace(
    '<script type="module" src="./app.js"></script>',
    [
      // config.json is the shell's first request (web/src/api.ts loadConfig): asked for with the page, not after app.js.
      '<link rel="preload" href="./config.json" as="fetch" crossorigin="anonymous">',
      // What the shell imports statically: fetched beside app.js, not after it. And the parents' page's
      // chunk for every visitor (1.3 KB gzip): the parents come straight from the slip's link on the
      // slowest phones (issue 16's 3 s target), and the route is known only once app.js runs.
      ...[...new Set([...shellImports, ...(pageChunks[FIRST_PAGE] ?? [])])].map((name) => `<link rel="modulepreload" href="./${name}">`),
      '<script type="module" src="./app.js"></script>',
    ].join('\n  '),
  );
  files.set('index.html', webFile('index.html', Buffer.from(html)));
  // The service worker caches the whole app shell for offline use: every file of this build, written into it.
  const shellFiles = ['./', ...[...files.keys()].filter((name) => name !== 'index.html').sort().map((name) => `./${name}`), './config.json'];
  const hash = createHash('sha256');
  for (const [name, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) hash.update(name).update(file.contents);
  const version = hash.digest('hex').slice(0, 12);
  const sw = await build({
    ...common,
    entryPoints: { sw: join(webDir, 'src', 'sw.ts') },
    format: 'esm' as const,
    define: { __SHELL_FILES__: JSON.stringify(shellFiles), __SHELL_VERSION__: JSON.stringify(version) },
  });
  for (const file of sw.outputFiles) files.set(nameOf(file.path), webFile(nameOf(file.path), file.contents));
  return files;
}

/**
 * From esbuild's metafile: the chunks the shell imports statically, and for each module loaded by
 * import() (keyed by its path under web/src without `.ts`: `pages/parents`) every chunk it needs
 * beyond those, its own first. Paths relative to the console's root (`chunks/parents-XXXX.js`).
 */
function chunkGraph(metafile: Metafile, distDir: string): { shellImports: string[]; pageChunks: Record<string, string[]> } {
  const rel = (output: string) => relative(distDir, join(root, output));
  const outputs = new Map(Object.entries(metafile.outputs).map(([path, output]) => [rel(path), output]));
  const closure = (start: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(start)) return seen;
    seen.add(start);
    for (const i of outputs.get(start)?.imports ?? []) if (i.kind === 'import-statement') closure(rel(i.path), seen);
    return seen;
  };
  const shell = closure('app.js');
  const pageChunks: Record<string, string[]> = {};
  for (const [name, output] of outputs) {
    const entry = output.entryPoint;
    if (!entry || name === 'app.js' || !name.endsWith('.js')) continue;
    const module = relative(join(webDir, 'src'), join(root, entry)).replace(/\.ts$/, '');
    pageChunks[module] = [...closure(name)].filter((file) => !shell.has(file));
  }
  return { shellImports: [...shell].filter((file) => file !== 'app.js'), pageChunks };
}

function webFile(name: string, contents: Uint8Array): WebFile {
  return { contents, contentType: CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' };
}

/** Writes the console to `outDir` (default web/dist), replacing what was there. */
export async function writeWeb(outDir = join(webDir, 'dist')): Promise<string[]> {
  const files = await buildWeb();
  rmSync(outDir, { recursive: true, force: true });
  for (const [name, file] of files) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    writeFileSync(join(outDir, name), file.contents);
  }
  return [...files.keys()];
}
