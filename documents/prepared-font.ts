import type { PDFDocument } from 'pdf-lib';
import type { FontMetrics } from './fonts.js';
import { TrueTypeFont, TrueTypeSubset } from './truetype-subset.js';

/**
 * What pdf-lib asks of a font engine, answered from fonts prepared at build time
 * (scripts/prepare-fonts.ts): each font file is already the subset the documents can print, and its
 * metrics (code point → glyph id, advance widths, ascent, bounding box…) come with it. pdf-lib writes
 * glyph ids, widths and the ToUnicode map from these answers, as it would from fontkit's, and embeds the
 * subset of the glyphs each PDF uses (./truetype-subset.ts). There is no shaping to do: the documents print Latin, Greek and
 * Cyrillic text with ligatures off, pdf-lib applies no kerning, and combining marks have zero advance
 * in the font. A character outside the prepared set prints as the font's missing-glyph box (.notdef).
 */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FontkitFont = ReturnType<Fontkit['create']>;

interface Glyph {
  readonly id: number;
  readonly advanceWidth: number;
  readonly codePoints: readonly number[];
}

export class PreparedFont {
  readonly characterSet: number[];
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly bbox: { readonly minX: number; readonly minY: number; readonly maxX: number; readonly maxY: number };
  readonly head: { readonly macStyle: { readonly italic: boolean } };
  readonly post: { readonly isFixedPitch: boolean };
  readonly 'OS/2': { readonly sFamilyClass: number };
  /** A TrueType font (glyf outlines), not CFF: pdf-lib embeds it as CIDFontType2. */
  readonly cff = undefined;
  readonly postscriptName: string;
  private readonly glyphs = new Map<number, Glyph>();
  private readonly notdef: Glyph;
  private readonly file: TrueTypeFont;

  constructor(metrics: FontMetrics, bytes: Uint8Array) {
    this.file = new TrueTypeFont(bytes);
    this.unitsPerEm = metrics.unitsPerEm;
    this.ascent = metrics.ascent;
    this.descent = metrics.descent;
    this.capHeight = metrics.capHeight;
    this.xHeight = metrics.xHeight;
    this.italicAngle = metrics.italicAngle;
    const [minX, minY, maxX, maxY] = metrics.bbox;
    this.bbox = { minX, minY, maxX, maxY };
    this.head = { macStyle: { italic: metrics.italic } };
    this.post = { isFixedPitch: metrics.fixedPitch };
    this['OS/2'] = { sFamilyClass: metrics.familyClass };
    this.postscriptName = metrics.source.replace(/\.ttf$/, '');
    for (const [codePoint, id, advanceWidth] of metrics.glyphs) this.glyphs.set(codePoint, { id, advanceWidth, codePoints: [codePoint] });
    this.characterSet = [...this.glyphs.keys()];
    this.notdef = { id: 0, advanceWidth: metrics.notdefAdvance, codePoints: [] };
  }

  /** A new subset for one PDF (pdf-lib's `subset: true`). */
  createSubset(): TrueTypeSubset {
    return new TrueTypeSubset(this.file);
  }

  glyphForCodePoint(codePoint: number): Glyph {
    return this.glyphs.get(codePoint) ?? this.notdef;
  }

  hasGlyphForCodePoint(codePoint: number): boolean {
    return this.glyphs.has(codePoint);
  }

  /** One glyph per code point, advancing by its width (pdf-lib reads only the glyphs of a layout). */
  layout(text: string): { glyphs: Glyph[] } {
    const glyphs: Glyph[] = [];
    for (const char of text) glyphs.push(this.glyphForCodePoint(char.codePointAt(0) ?? 0));
    return { glyphs };
  }
}

/**
 * The `fontkit` pdf-lib registers: `create(bytes)` answers the prepared font for bytes it was given
 * here (the same Uint8Array, read once per process), so every document of a process shares them.
 */
export function preparedFontkit(fonts: readonly { readonly bytes: Uint8Array; readonly metrics: FontMetrics }[]): Fontkit {
  const byBytes = new WeakMap<Uint8Array, PreparedFont>();
  for (const { bytes, metrics } of fonts) byBytes.set(bytes, new PreparedFont(metrics, bytes));
  return {
    create(bytes: Uint8Array): FontkitFont {
      const font = byBytes.get(bytes);
      if (!font) throw new Error('Not a prepared font: documents embed only the fonts of documents/fonts.ts');
      return font as unknown as FontkitFont;
    },
  };
}
