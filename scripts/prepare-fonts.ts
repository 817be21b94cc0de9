import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { FONT_FILES, FONT_ROLES, PREPARED_FONTS_DIR, PREPARED_METRICS_FILE, type FontMetrics, type PreparedMetrics } from '../documents/fonts.js';

/**
 * npm run fonts:prepare: the documents' fonts, prepared once at build time instead of by a font engine
 * in every Lambda. For each DejaVu cut the documents use, the glyphs of the scripts an Indonesian
 * civil registry document prints (Latin with every extension and combining mark, plus Greek and
 * Cyrillic, punctuation, currency and letterlike symbols) are cut out of the TTF with fontkit, and the
 * metrics a PDF needs (code point → glyph, advance widths, ascent, bounding box…) are written beside
 * them. documents/prepared-font.ts serves these to pdf-lib at run time: no fontkit (985 KB, ~90 ms of
 * cold start) in the bundle. The output is deterministic and committed; test/documents/fonts.test.ts
 * fails if it is out of date.
 */
export const PREPARED_RANGES: readonly (readonly [number, number])[] = [
  [0x0020, 0x024f], // Basic Latin, Latin-1, Latin Extended-A and -B
  [0x02b0, 0x04ff], // spacing modifiers (ʼ ʻ), combining marks, Greek, Cyrillic
  [0x1e00, 0x1eff], // Latin Extended Additional
  [0x2000, 0x206f], // General Punctuation (– — ‘ ’ “ ” … ·)
  [0x20a0, 0x20cf], // currency
  [0x2100, 0x214f], // letterlike (№)
  [0x2190, 0x2193], // arrows
];

const root = fileURLToPath(new URL('..', import.meta.url));
const dejavu = dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json'));

export async function prepareFonts(): Promise<{ files: Map<string, Buffer>; metrics: PreparedMetrics }> {
  const files = new Map<string, Buffer>();
  const metrics = {} as Record<string, FontMetrics>;
  for (const role of FONT_ROLES) {
    const font = fontkit.create(readFileSync(join(dejavu, 'ttf', FONT_FILES[role])));
    const subset = font.createSubset(); // glyph 0 (.notdef) comes first
    const glyphs: [number, number, number][] = [];
    const codePoints = font.characterSet.filter((cp) => PREPARED_RANGES.some(([from, to]) => cp >= from && cp <= to)).sort((a, b) => a - b);
    for (const codePoint of codePoints) {
      const glyph = font.glyphForCodePoint(codePoint);
      if (glyph.id === 0) continue;
      glyphs.push([codePoint, subset.includeGlyph(glyph), glyph.advanceWidth]);
    }
    const chunks: Uint8Array[] = [];
    const stream = subset.encodeStream();
    await new Promise<void>((resolve) => {
      stream.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      stream.on('end', () => resolve());
    });
    files.set(`${role}.ttf`, Buffer.concat(chunks));
    const { bbox } = font;
    metrics[role] = {
      source: FONT_FILES[role],
      unitsPerEm: font.unitsPerEm,
      ascent: font.ascent,
      descent: font.descent,
      capHeight: font.capHeight,
      xHeight: font.xHeight,
      italicAngle: font.italicAngle,
      bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY],
      italic: font.head.macStyle.italic,
      fixedPitch: font.post.isFixedPitch,
      familyClass: font['OS/2'].sFamilyClass,
      notdefAdvance: font.getGlyph(0).advanceWidth,
      glyphs,
    };
  }
  return { files, metrics: metrics as PreparedMetrics };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { files, metrics } = await prepareFonts();
  const out = join(root, PREPARED_FONTS_DIR);
  mkdirSync(out, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(out, name), bytes);
  writeFileSync(join(out, PREPARED_METRICS_FILE), `${JSON.stringify(metrics)}\n`);
  copyFileSync(join(dejavu, 'LICENSE'), join(out, 'LICENSE'));
  process.stdout.write(`prepared ${[...files.keys()].join(', ')} and ${PREPARED_METRICS_FILE} in ${PREPARED_FONTS_DIR}/\n`);
}
