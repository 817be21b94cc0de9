import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as z from 'zod';

/**
 * The fonts every document embeds (subset), so it prints the same everywhere: DejaVu (Bitstream Vera
 * licence, free to embed and redistribute with its LICENSE), condensed cuts so long Indonesian names fit.
 *
 * Where the files are: `DOCUMENT_FONTS_DIR` when set (a Lambda bundle has no node_modules: the CDK app
 * copies {@link documentFontFiles} there), otherwise the `dejavu-fonts-ttf` package in node_modules.
 */
export const FONT_FILES = {
  serif: 'DejaVuSerifCondensed.ttf',
  serifBold: 'DejaVuSerifCondensed-Bold.ttf',
  sans: 'DejaVuSansCondensed.ttf',
  sansBold: 'DejaVuSansCondensed-Bold.ttf',
} as const;
export type FontRole = keyof typeof FONT_FILES;
export const FONT_ROLES = Object.keys(FONT_FILES) as readonly FontRole[];

/** The licence travels with the font files wherever they are copied. */
export const FONT_LICENSE_FILE = 'LICENSE';

const FONT_PACKAGE = 'dejavu-fonts-ttf';

const config = Object.freeze(
  z.object({ DOCUMENT_FONTS_DIR: z.string().min(1).optional() }).parse(process.env),
);

export class DocumentFontsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DocumentFontsError';
  }
}

/** The package's root folder in node_modules; resolved lazily, since a bundled Lambda has none. */
function packageRoot(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/package.json`));
  } catch (cause) {
    throw new DocumentFontsError(
      `fonts not found: set DOCUMENT_FONTS_DIR to a folder holding ${Object.values(FONT_FILES).join(', ')}, or install ${FONT_PACKAGE}`,
      { cause },
    );
  }
}

/**
 * Absolute paths, in node_modules, of every file a deployment must copy into `DOCUMENT_FONTS_DIR`:
 * the four TTFs and the fonts' LICENSE. For the CDK app's bundling hook.
 */
export function documentFontFiles(): string[] {
  const root = packageRoot();
  return [...Object.values(FONT_FILES).map((file) => join(root, 'ttf', file)), join(root, FONT_LICENSE_FILE)];
}

function fontsDir(): string {
  return config.DOCUMENT_FONTS_DIR ?? join(packageRoot(), 'ttf');
}

export type FontBytes = Readonly<Record<FontRole, Uint8Array>>;

let cached: Promise<FontBytes> | undefined;

/** Reads the font files once per process (about 2.5 MB); later renders reuse the bytes. */
export function loadFontBytes(): Promise<FontBytes> {
  cached ??= (async () => {
    const dir = fontsDir();
    const entries = await Promise.all(
      FONT_ROLES.map(async (role) => {
        const path = join(dir, FONT_FILES[role]);
        try {
          return [role, new Uint8Array(await readFile(path))] as const;
        } catch (cause) {
          throw new DocumentFontsError(`cannot read font ${path}`, { cause });
        }
      }),
    );
    return Object.freeze(Object.fromEntries(entries) as Record<FontRole, Uint8Array>);
  })();
  // A failed read is not cached: the next render tries again.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
