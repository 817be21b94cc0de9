import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './settings.js';

/** Loads functions/<dir>/handler.ts: the very module that is bundled for Lambda. */
export async function loadHandler<H>(dir: string): Promise<H> {
  const url = pathToFileURL(join(projectRoot, 'functions', dir, 'handler.ts')).href;
  const module = (await import(/* @vite-ignore */ url)) as { handler: H };
  return module.handler;
}
