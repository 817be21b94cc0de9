import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';

// jsqr is CommonJS with a `default` property; under NodeNext the default import is the module object.
const jsQR = jsQRModule.default;

/**
 * Reads produced PDFs back the way a viewer would: pdf.js (pure JS) for the text layer, page sizes,
 * outline and metadata; poppler's pdftoppm to rasterise a page and jsQR to decode its QR code from the
 * pixels, so a test fails if the printed QR does not encode what it should.
 */

export interface TextItem {
  readonly str: string;
  /** Baseline start, in PDF points from the bottom-left corner. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** The font size, near enough for unrotated text. */
  readonly height: number;
}

export interface InspectedPage {
  readonly width: number;
  readonly height: number;
  /** The text layer, items joined by spaces and whitespace collapsed. */
  readonly text: string;
  readonly items: readonly TextItem[];
}

export interface InspectedPdf {
  readonly pages: readonly InspectedPage[];
  readonly text: string;
  readonly info: Record<string, unknown>;
  readonly outline: readonly { title: string; pageIndex: number }[];
}

export async function inspectPdf(bytes: Uint8Array): Promise<InspectedPdf> {
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const pdf = await getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: InspectedPage[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = content.items.flatMap((item) =>
        'str' in item ? [{ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width, height: item.height }] : [],
      );
      const text = items.map((item) => item.str).join(' ').replace(/\s+/g, ' ').trim();
      pages.push({ width: viewport.width, height: viewport.height, text, items });
    }
    const { info } = await pdf.getMetadata();
    const outline: { title: string; pageIndex: number }[] = [];
    for (const entry of (await pdf.getOutline()) ?? []) {
      const dest = entry.dest;
      const ref = Array.isArray(dest) ? dest[0] : undefined;
      outline.push({ title: entry.title, pageIndex: ref ? await pdf.getPageIndex(ref) : -1 });
    }
    return { pages, text: pages.map((page) => page.text).join(' '), info: info as Record<string, unknown>, outline };
  } finally {
    await pdf.destroy();
  }
}

/** Fails loudly (rather than skipping) when poppler-utils is missing: CI must install it. */
function pdftoppm(args: string[]): void {
  try {
    execFileSync('pdftoppm', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('pdftoppm not found: install poppler-utils (apt-get install -y poppler-utils) to run the document tests', { cause: error });
    }
    throw error;
  }
}

export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** One page (0-based) as RGBA pixels, rendered by poppler at `dpi`. */
export function rasterize(bytes: Uint8Array, pageIndex: number, dpi = 200): Raster {
  const dir = mkdtempSync(join(tmpdir(), 'lppba-pdf-'));
  try {
    const input = join(dir, 'document.pdf');
    writeFileSync(input, bytes);
    const page = String(pageIndex + 1);
    pdftoppm(['-r', String(dpi), '-f', page, '-l', page, '-png', input, join(dir, 'page')]);
    const file = readdirSync(dir).find((name) => name.startsWith('page') && name.endsWith('.png'));
    if (!file) throw new Error(`pdftoppm produced no image for page ${page}`);
    const png = PNG.sync.read(readFileSync(join(dir, file)));
    return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the QR code found on a page, or null when there is none. */
export function decodeQr(bytes: Uint8Array, pageIndex: number, dpi = 200): string | null {
  const raster = rasterize(bytes, pageIndex, dpi);
  // Documents print dark modules on white; skipping the inverted pass halves the scan time.
  return jsQR(raster.data, raster.width, raster.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/** poppler's font list: every font must be embedded (and is subset). */
export function fontsOf(bytes: Uint8Array): { name: string; embedded: boolean; subset: boolean }[] {
  const dir = mkdtempSync(join(tmpdir(), 'lppba-pdf-'));
  try {
    const input = join(dir, 'document.pdf');
    writeFileSync(input, bytes);
    const out = execFileSync('pdffonts', [input], { encoding: 'utf8' });
    return out
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const columns = line.trim().split(/\s+/);
        // name type [type…] encoding emb sub uni object ID: read from the right, the name from the left
        const [emb, sub] = columns.slice(-5, -3);
        return { name: columns[0]!, embedded: emb === 'yes', subset: sub === 'yes' };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Pairs of text items whose boxes (baseline − 20 % to baseline + 75 % of the size) overlap. */
export function overlappingText(items: readonly TextItem[]): [string, string][] {
  const boxes = items
    .filter((item) => item.str.trim())
    .map((item) => ({ str: item.str, left: item.x, right: item.x + item.width, bottom: item.y - 0.2 * item.height, top: item.y + 0.75 * item.height }));
  const overlaps: [string, string][] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const dy = Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom);
      if (dx > 0.3 && dy > 0.3) overlaps.push([a.str, b.str]);
    }
  });
  return overlaps;
}

/** The whole text layer of a PDF, pages joined by spaces. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await inspectPdf(bytes)).text;
}

/** The QR codes decoded from a page (1-based, as viewers number pages): [] or [text]. */
export async function qrCodesOnPage(bytes: Uint8Array, pageNumber: number, dpi = 200): Promise<string[]> {
  const text = decodeQr(bytes, pageNumber - 1, dpi);
  return text === null ? [] : [text];
}
