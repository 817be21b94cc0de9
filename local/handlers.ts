import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { invokeInContext } from './lambda-runtime.js';
import { projectRoot } from './settings.js';

/** Loads functions/<dir>/handler.ts: the very module that is bundled for Lambda. */
export async function loadHandler<H>(dir: string): Promise<H> {
  const url = pathToFileURL(join(projectRoot, 'functions', dir, 'handler.ts')).href;
  // Module init runs in a context of its own, as Lambda's does: Powertools Metrics (2.35) writes its
  // default dimensions to the InvokeStore in its constructor and throws outside any context.
  const module = (await invokeInContext({ awsRequestId: `init-${dir}` }, () => import(/* @vite-ignore */ url))) as { handler: H };
  return module.handler;
}
