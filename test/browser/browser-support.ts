import { existsSync, mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LocalStack } from '../../local/stack.js';
import { ENGLISH_ONLY, RAW_CODE } from '../../web/src/message-scan.js';

/**
 * What the console's browser tests share: Debian's Chromium driven by playwright-core, screenshots
 * of every page state at desk and phone size, and the scan of each state's rendered text for English
 * on an Indonesian page (the message table's English strings, the API's English messages and raw codes).
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`);
  }
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--lang=id', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/**
 * The English a page shows outside elements marked `lang="en"`: strings of the English message table
 * (and the API's English messages) found in the rendered text, and raw codes (AWAITING_APPROVAL, KIA_0_5).
 */
export async function englishOn(page: Page): Promise<string[]> {
  if ((await page.getAttribute('html', 'lang')) !== 'id') return [];
  // In the page (a string: this file is type-checked without the DOM library). Elements in another
  // language are cut out; a space after every element keeps words of adjacent blocks apart.
  const text = await page.evaluate<string>(`(() => {
    const clone = document.body.cloneNode(true);
    for (const el of clone.querySelectorAll('[lang]:not([lang="id"]), script, style, svg, noscript, [hidden]')) el.remove();
    for (const el of clone.querySelectorAll('*')) el.append(' ');
    return clone.textContent ?? '';
  })()`);
  const found = ENGLISH_ONLY.filter((english) => new RegExp(`(^|[^\\p{L}])${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text));
  const codes = text.match(RAW_CODE) ?? [];
  return [...found, ...codes];
}

/** The page as it is now, at desktop and phone size (full page); and no English on it when it is Indonesian. */
export async function shoot(page: Page, name: string): Promise<void> {
  const own = page.viewportSize() ?? DESKTOP;
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(own);
  const english = await englishOn(page);
  if (english.length > 0) throw new Error(`English on the Indonesian page state ${name}: ${english.join(' | ')}`);
  // axe-core on every state (WCAG 2.1 A and AA), in the page as it is.
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  if (violations.length > 0) throw new Error(`axe on ${name}: ${violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`).join('; ')}`);
}

export async function signIn(stack: LocalStack, page: Page, button: RegExp, shot?: string): Promise<void> {
  await page.goto(`${stack.url}/console/#/masuk`);
  if (shot) await shoot(page, shot);
  await page.getByRole('button', { name: button }).click();
}

/** Replaces the signed-in person's token in the tab with one that has already expired. */
export async function expireToken(page: Page, token: string): Promise<void> {
  await page.evaluate((expired) => {
    const session = JSON.parse(sessionStorage.getItem('session') ?? '{}') as Record<string, unknown>;
    sessionStorage.setItem('session', JSON.stringify({ ...session, token: expired }));
  }, token);
}
