import {
  PDFDocument,
  type PDFFont,
  concatTransformationMatrix,
  type PDFPage,
  type RGB,
  degrees,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingGrayscaleColor,
} from 'pdf-lib';
// The QR encoder alone: the package's entry point also bundles its PNG, SVG and terminal renderers.
import { create as createQrCode } from 'qrcode/lib/core/qrcode.js';
import { type DocumentFont, FONT_ROLES, type FontRole, loadDocumentFonts } from './fonts.js';
import { preparedFontkit } from './prepared-font.js';

/** Shared drawing pieces for the three documents: page sizes, fonts, fitted text, QR codes, draft marks. */

const MM = 72 / 25.4;

/** Page sizes in PDF points (1/72 inch). ID-1 is the bank-card size of KTP-el and KIA. */
export const PAGE_SIZES = {
  A4_PORTRAIT: { width: 595.28, height: 841.89 },
  A4_LANDSCAPE: { width: 841.89, height: 595.28 },
  ID1: { width: round2(85.6 * MM), height: round2(53.98 * MM) },
} as const;
export type PageSize = (typeof PAGE_SIZES)[keyof typeof PAGE_SIZES];

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Printed where a number is not issued yet (only in a registrar's draft). */
export const PENDING_NUMBER = '(diterbitkan setelah disetujui)';
export const DRAFT_MARK = 'DRAF';
export const DRAFT_BANNER = 'DRAF — belum diterbitkan';
export const E_SIGNED_NOTE = 'Dokumen ini telah ditandatangani secara elektronik';

export const COLORS = {
  ink: rgb(0.1, 0.1, 0.12),
  muted: rgb(0.38, 0.4, 0.42),
  accent: rgb(0.05, 0.3, 0.36),
  accentLight: rgb(0.88, 0.93, 0.94),
  rule: rgb(0.55, 0.6, 0.62),
  draft: rgb(0.78, 0.1, 0.1),
  white: rgb(1, 1, 1),
} as const;

export type Fonts = Readonly<Record<FontRole, PDFFont>>;

/** A document being built: one PDF, its fonts, and whether it is a draft preview. */
export interface Canvas {
  readonly doc: PDFDocument;
  readonly fonts: Fonts;
}

/** One font engine per set of loaded fonts (they are read once per process), shared by every document. */
const fontkits = new WeakMap<object, ReturnType<typeof preparedFontkit>>();
function fontkitFor(fonts: Readonly<Record<FontRole, DocumentFont>>): ReturnType<typeof preparedFontkit> {
  let fontkit = fontkits.get(fonts);
  if (!fontkit) fontkits.set(fonts, (fontkit = preparedFontkit(Object.values(fonts))));
  return fontkit;
}

/** A new empty PDF with the fonts embedded (as subsets). No clock-based metadata: see render.ts. */
export async function createCanvas(): Promise<Canvas> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const loaded = await loadDocumentFonts();
  doc.registerFontkit(fontkitFor(loaded));
  const fonts = {} as Record<FontRole, PDFFont>;
  for (const [index, role] of FONT_ROLES.entries()) {
    fonts[role] = await doc.embedFont(loaded[role].bytes, {
      subset: true,
      // A fixed subset tag keeps the output byte-identical.
      customName: `LPPBA${String.fromCharCode(65 + index)}+${role}`,
    });
  }
  return { doc, fonts };
}

const advanceCache = new Map<string, Map<string, number>>();

/**
 * Width of text as drawn: the sum of the glyphs' advance widths, which is what pdf-lib writes (it
 * applies no kerning). pdf-lib's own widthOfTextAtSize runs the full OpenType shaper on every call
 * (about 0.15 ms), and fitting text measures hundreds of strings per page, so the advance of each
 * character is measured once per font and process. The fonts are the same files in every document,
 * so the cache is keyed by the embedded font's (fixed) name.
 */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let advances = advanceCache.get(font.name);
  if (!advances) advanceCache.set(font.name, (advances = new Map()));
  let width = 0;
  for (const char of text) {
    let advance = advances.get(char);
    if (advance === undefined) {
      advance = font.widthOfTextAtSize(char, 1);
      // Bounded: names bring few new characters, but a long-lived process should not grow forever.
      if (advances.size < 4096) advances.set(char, advance);
    }
    width += advance;
  }
  return width * size;
}

/** Control characters become spaces and runs of whitespace collapse: input text is data, not layout. */
export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Splits a word that is wider than the line on its own into pieces that fit. */
function breakWord(word: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const char of word) {
    if (current && textWidth(font, current + char, size) > maxWidth) {
      pieces.push(current);
      current = char;
    } else current += char;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Greedy word wrap. Returns null when a single word is wider than the line and `breakWords` is false,
 * so the caller can shrink the type first and break words only as a last resort.
 */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number, breakWords: boolean): string[] | null {
  const words = clean(text).split(' ').filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(font, candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    if (textWidth(font, word, size) > maxWidth) {
      if (!breakWords) return null;
      const pieces = breakWord(word, font, size, maxWidth);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? '';
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface FitOptions {
  readonly font: PDFFont;
  readonly size: number;
  /** Smallest size tried before words are broken. */
  readonly minSize: number;
  readonly maxWidth: number;
  readonly maxLines: number;
}

export interface Fitted {
  readonly lines: string[];
  readonly size: number;
}

/**
 * Fits text into at most `maxLines` lines of `maxWidth`: first wraps at the given size, then shrinks
 * step by step to `minSize`, then breaks long words and keeps shrinking. Never wider than the box.
 */
export function fitText(text: string, options: FitOptions): Fitted {
  const { font, maxWidth, maxLines } = options;
  for (let size = options.size; size >= options.minSize - 1e-9; size -= 0.25) {
    const lines = wrapText(text, font, size, maxWidth, false);
    if (lines && lines.length <= maxLines) return { lines, size };
  }
  for (let size = options.minSize; size > 1; size *= 0.92) {
    const lines = wrapText(text, font, size, maxWidth, true)!;
    if (lines.length <= maxLines) return { lines, size };
  }
  return { lines: wrapText(text, font, 1, maxWidth, true)!, size: 1 };
}

export type Align = 'left' | 'center' | 'right';

export interface TextBox {
  readonly x: number;
  /** Top edge of the first line. */
  readonly top: number;
  readonly width: number;
  readonly font: PDFFont;
  readonly size: number;
  readonly minSize?: number;
  readonly maxLines?: number;
  readonly color?: RGB;
  readonly align?: Align;
  /** Line pitch as a multiple of the size. */
  readonly leading?: number;
}

/** The distance from a line's top to its baseline, as a share of the size (DejaVu's ascent). */
const ASCENT = 0.93;

/** Draws text fitted into a box; returns the height used, so callers can stack blocks. */
export function drawTextBox(page: PDFPage, text: string, box: TextBox): number {
  const fitted = fitText(text, {
    font: box.font,
    size: box.size,
    minSize: box.minSize ?? box.size,
    maxWidth: box.width,
    maxLines: box.maxLines ?? 1,
  });
  const pitch = fitted.size * (box.leading ?? 1.2);
  fitted.lines.forEach((line, index) => {
    const width = textWidth(box.font, line, fitted.size);
    const offset = box.align === 'center' ? (box.width - width) / 2 : box.align === 'right' ? box.width - width : 0;
    page.drawText(line, {
      x: box.x + offset,
      y: box.top - fitted.size * ASCENT - index * pitch,
      size: fitted.size,
      font: box.font,
      color: box.color ?? COLORS.ink,
    });
  });
  return fitted.lines.length * pitch;
}

/** A run of text in one font, for paragraphs that mix regular and bold (names in an akta sentence). */
export interface Span {
  readonly text: string;
  readonly font: PDFFont;
}

interface Word {
  readonly text: string;
  readonly font: PDFFont;
}

/**
 * Lays out a paragraph of mixed spans with word wrap, shrinking from `size` until it fits `maxHeight`
 * (words wider than the line are broken). Consecutive words in one font are drawn as one string so the text layer reads
 * naturally. Returns the height used.
 */
export function drawParagraph(
  page: PDFPage,
  spans: readonly Span[],
  box: { x: number; top: number; width: number; size: number; maxHeight: number; leading?: number; color?: RGB },
): number {
  const words: Word[] = spans.flatMap((span) =>
    clean(span.text)
      .split(' ')
      .filter(Boolean)
      .map((text) => ({ text, font: span.font })),
  );
  const leading = box.leading ?? 1.45;
  let size = box.size;
  let lines = layoutWords(words, size, box.width);
  while (lines.length * size * leading > box.maxHeight && size > 2) {
    size = Math.max(2, size - 0.25);
    lines = layoutWords(words, size, box.width);
  }
  const pitch = size * leading;
  lines.forEach((line, index) => {
    const y = box.top - size * ASCENT - index * pitch;
    // Consecutive words in one font become one string (the space before a font change ends the run
    // before it), so the text layer reads as the sentence does.
    const runs: { text: string; font: PDFFont }[] = [];
    for (const word of line) {
      const last = runs.at(-1);
      if (last && last.font === word.font) last.text += ` ${word.text}`;
      else {
        if (last) last.text += ' ';
        runs.push({ text: word.text, font: word.font });
      }
    }
    let x = box.x;
    for (const run of runs) {
      page.drawText(run.text, { x, y, size, font: run.font, color: box.color ?? COLORS.ink });
      x += textWidth(run.font, run.text, size);
    }
  });
  return lines.length * pitch;
}

function layoutWords(words: readonly Word[], size: number, maxWidth: number): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  let width = 0;
  for (const original of words) {
    // A word wider than a whole line (a very long name) is broken into pieces.
    const pieces =
      textWidth(original.font, original.text, size) > maxWidth
        ? breakWord(original.text, original.font, size, maxWidth).map((text) => ({ text, font: original.font }))
        : [original];
    for (const word of pieces) {
      const wordWidth = textWidth(word.font, word.text, size);
      // The space is drawn in the font of the word before it (see drawParagraph).
      const spaceWidth = line.length ? textWidth(line[line.length - 1]!.font, ' ', size) : 0;
      if (line.length && width + spaceWidth + wordWidth > maxWidth) {
        lines.push(line);
        line = [word];
        width = wordWidth;
      } else {
        line.push(word);
        width += spaceWidth + wordWidth;
      }
    }
  }
  if (line.length) lines.push(line);
  return lines;
}

/** Width of the widest of some labels, for aligning "Label : value" columns. */
export function widest(labels: readonly string[], font: PDFFont, size: number): number {
  return Math.max(...labels.map((label) => textWidth(font, label, size)));
}

export interface LabelValueRow {
  readonly label: string;
  readonly value: string;
  readonly maxLines?: number;
}

/**
 * "Label : value" rows with the colons aligned; values are fitted (shrunk, then wrapped) to the width
 * left. Returns the height used.
 */
export function drawLabelValueRows(
  page: PDFPage,
  rows: readonly LabelValueRow[],
  layout: {
    x: number;
    top: number;
    width: number;
    labelWidth: number;
    labelFont: PDFFont;
    valueFont: PDFFont;
    size: number;
    minSize: number;
    gap: number;
    color?: RGB;
  },
): number {
  let y = layout.top;
  const colonWidth = textWidth(layout.labelFont, ': ', layout.size);
  const valueX = layout.x + layout.labelWidth + colonWidth;
  for (const row of rows) {
    drawTextBox(page, row.label, {
      x: layout.x,
      top: y,
      width: layout.labelWidth,
      font: layout.labelFont,
      size: layout.size,
      minSize: layout.size * 0.7,
      color: COLORS.muted,
    });
    page.drawText(':', { x: layout.x + layout.labelWidth, y: y - layout.size * ASCENT, size: layout.size, font: layout.labelFont, color: COLORS.muted });
    const used = drawTextBox(page, row.value, {
      x: valueX,
      top: y,
      width: layout.x + layout.width - valueX,
      font: layout.valueFont,
      size: layout.size,
      minSize: layout.minSize,
      maxLines: row.maxLines ?? 2,
      color: layout.color ?? COLORS.ink,
    });
    y -= Math.max(used, layout.size * 1.2) + layout.gap;
  }
  return layout.top - y;
}

/**
 * Draws a QR code as vector squares (sharp at any zoom or print resolution), with the standard
 * 4-module quiet zone on a white ground, all inside a `size`-point square at (x, y) bottom-left.
 */
export function drawQrCode(page: PDFPage, text: string, at: { x: number; y: number; size: number }): void {
  const { modules } = createQrCode(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const quiet = 4;
  const unit = at.size / (count + 2 * quiet);
  const operators = [pushGraphicsState(), setFillingGrayscaleColor(1), rectangle(at.x, at.y, at.size, at.size), fill(), setFillingGrayscaleColor(0)];
  // Module coordinates from here on: one unit per module, rows counted downwards from the top-left
  // module, so each square is written with small integers (a shorter, faster content stream).
  operators.push(concatTransformationMatrix(unit, 0, 0, -unit, at.x + quiet * unit, at.y + at.size - quiet * unit));
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!modules.data[row * count + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.data[row * count + col]) col++;
      operators.push(rectangle(start, row, col - start, 1));
    }
  }
  // One fill for all modules: abutting squares of one path leave no hairline seams when rasterised.
  operators.push(fill(), popGraphicsState());
  page.pushOperators(...operators);
}

/** A thin or double frame inset from the page edge. */
export function drawFrame(page: PDFPage, inset: number, color: RGB, thickness: number): void {
  const { width, height } = page.getSize();
  page.drawRectangle({ x: inset, y: inset, width: width - 2 * inset, height: height - 2 * inset, borderColor: color, borderWidth: thickness });
}

export function drawRule(page: PDFPage, x1: number, x2: number, y: number, thickness = 0.6, color: RGB = COLORS.rule): void {
  page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color });
}

/**
 * The draft marks: a large translucent diagonal "DRAF" across the page and the banner
 * "DRAF — belum diterbitkan" at `bannerTop`, so a preview cannot pass for an issued document.
 */
export function drawDraftMarks(page: PDFPage, fonts: Fonts, banner: { top: number; size: number }): void {
  const { width, height } = page.getSize();
  const font = fonts.sansBold;
  const angle = Math.atan2(height, width);
  const diagonal = Math.hypot(width, height);
  const size = (diagonal * 0.6) / (textWidth(font, DRAFT_MARK, 1) || 1);
  const markWidth = textWidth(font, DRAFT_MARK, size);
  const capHeight = size * 0.73;
  // Start point so that the rotated word's centre sits on the page centre.
  const x = width / 2 - (markWidth / 2) * Math.cos(angle) + (capHeight / 2) * Math.sin(angle);
  const y = height / 2 - (markWidth / 2) * Math.sin(angle) - (capHeight / 2) * Math.cos(angle);
  page.drawText(DRAFT_MARK, { x, y, size, font, color: COLORS.draft, opacity: 0.13, rotate: degrees((angle * 180) / Math.PI) });
  drawTextBox(page, DRAFT_BANNER, { x: 0, top: banner.top, width, font, size: banner.size, color: COLORS.draft, align: 'center' });
}

/** The number to print, or the draft placeholder when it is not issued yet. */
export function numberOrPending(value: string | null): string {
  return value ?? PENDING_NUMBER;
}

/** Region codes from a district code "35.10.16": regency "35.10", province "35". */
export function regionCodes(districtCode: string): { province: string; regency: string; district: string } {
  const [province = '', regency = ''] = districtCode.split('.');
  return { province, regency: `${province}.${regency}`, district: districtCode };
}
