import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

/**
 * The fonts every document embeds, so it prints the same everywhere: DejaVu (Bitstream Vera licence,
 * free to embed and redistribute with its LICENSE), condensed cuts so long Indonesian names fit.
 *
 * They are prepared at build time (`npm run fonts:prepare`, scripts/prepare-fonts.ts): cut down to the
 * scripts the documents print, with their metrics in `metrics.json`, committed in documents/fonts/.
 * Where the files are at run time: `DOCUMENT_FONTS_DIR` when set (a Lambda bundle has no source tree:
 * the CDK app copies {@link documentFontFiles} there), otherwise documents/fonts/ beside this module.
 */
export const FONT_FILES = {
  serif: 'DejaVuSerifCondensed.ttf',
  serifBold: 'DejaVuSerifCondensed-Bold.ttf',
  sans: 'DejaVuSansCondensed.ttf',
  sansBold: 'DejaVuSansCondensed-Bold.ttf',
} as const;
export type FontRole = keyof typeof FONT_FILES;
export const FONT_ROLES = Object.keys(FONT_FILES) as readonly FontRole[];

/** The prepared fonts' folder in the repository, their metrics file, and the licence beside them. */
export const PREPARED_FONTS_DIR = 'documents/fonts';
export const PREPARED_METRICS_FILE = 'metrics.json';
export const FONT_LICENSE_FILE = 'LICENSE';

/** What pdf-lib needs of a font besides its file (documents/prepared-font.ts). */
export interface FontMetrics {
  /** The DejaVu file it was cut from. */
  readonly source: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  /** minX, minY, maxX, maxY */
  readonly bbox: readonly [number, number, number, number];
  readonly italic: boolean;
  readonly fixedPitch: boolean;
  readonly familyClass: number;
  readonly notdefAdvance: number;
  /** [code point, glyph id in the prepared file, advance width], by code point */
  readonly glyphs: readonly (readonly [number, number, number])[];
}
export type PreparedMetrics = Readonly<Record<FontRole, FontMetrics>>;

export interface DocumentFont {
  readonly bytes: Uint8Array;
  readonly metrics: FontMetrics;
}

const config = Object.freeze(z.object({ DOCUMENT_FONTS_DIR: z.string().min(1).optional() }).parse(process.env));

export class DocumentFontsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DocumentFontsError';
  }
}

/** documents/fonts/ in the source tree (local stack, tests, the CDK app's copy step). */
const sourceDir = () => fileURLToPath(new URL('./fonts/', import.meta.url));

/** Every file a deployment must copy into `DOCUMENT_FONTS_DIR`: the four fonts, their metrics and the licence. */
export function documentFontFiles(): string[] {
  const dir = sourceDir();
  return [...FONT_ROLES.map((role) => join(dir, `${role}.ttf`)), join(dir, PREPARED_METRICS_FILE), join(dir, FONT_LICENSE_FILE)];
}

let cached: Promise<Readonly<Record<FontRole, DocumentFont>>> | undefined;

/** Reads the prepared fonts and their metrics once per process (about 350 KB); later renders reuse them. */
export function loadDocumentFonts(): Promise<Readonly<Record<FontRole, DocumentFont>>> {
  cached ??= (async () => {
    const dir = config.DOCUMENT_FONTS_DIR ?? sourceDir();
    const read = async (file: string) => {
      try {
        return await readFile(join(dir, file));
      } catch (cause) {
        throw new DocumentFontsError(`cannot read ${join(dir, file)}: set DOCUMENT_FONTS_DIR to a folder holding the prepared fonts (npm run fonts:prepare)`, {
          cause,
        });
      }
    };
    const metrics = JSON.parse((await read(PREPARED_METRICS_FILE)).toString('utf8')) as PreparedMetrics;
    const entries = await Promise.all(
      FONT_ROLES.map(async (role) => [role, { bytes: new Uint8Array(await read(`${role}.ttf`)), metrics: metrics[role] }] as const),
    );
    return Object.freeze(Object.fromEntries(entries) as Record<FontRole, DocumentFont>);
  })();
  // A failed read is not cached: the next render tries again.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
