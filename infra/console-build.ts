import { readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Builds the web console (web/): one ES module bundle, one stylesheet and the page, no CDN at run
 * time. `buildWeb()` answers the files in memory (the local stack serves them so; every start
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

export async function buildWeb(): Promise<Map<string, WebFile>> {
  const result = await build({
    entryPoints: { app: join(webDir, 'src', 'main.ts'), sw: join(webDir, 'src', 'sw.ts'), 'app-style': join(webDir, 'src', 'styles.css') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    write: false,
    outdir: join(webDir, 'dist'),
    logLevel: 'silent',
    legalComments: 'none',
  });
  const files = new Map<string, WebFile>();
  for (const file of result.outputFiles) {
    const name = file.path.slice(join(webDir, 'dist').length + 1).replace('app-style.css', 'app.css');
    const ext = name.slice(name.lastIndexOf('.'));
    files.set(name, { contents: file.contents, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream' });
  }
  files.set('index.html', { contents: readFileSync(join(webDir, 'index.html')), contentType: CONTENT_TYPES['.html']! });
  return files;
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
