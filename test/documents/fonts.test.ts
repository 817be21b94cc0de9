import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FONT_FILES, FONT_ROLES, PREPARED_FONTS_DIR, PREPARED_METRICS_FILE, documentFontFiles, loadDocumentFonts } from '../../documents/fonts.js';
import { PreparedFont } from '../../documents/prepared-font.js';
import { prepareFonts } from '../../scripts/prepare-fonts.js';

const SAMPLE = "Ni Luh Putu Ma'ruf Siti-Aisyah Ñañez Çelik Đặng Ǆ Ωmega Жанна — 20 November 2026, № 3510 · “KK” …";

describe('document fonts', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('lists the prepared fonts, their metrics and licence for deployment, all of which exist', () => {
    const files = documentFontFiles();
    expect(files.map((file) => basename(file)).sort()).toEqual([...FONT_ROLES.map((r) => `${r}.ttf`), PREPARED_METRICS_FILE, 'LICENSE'].sort());
    for (const file of files) expect(existsSync(file), file).toBe(true);
  });

  it('are what `npm run fonts:prepare` makes from the DejaVu package (the committed files are not stale)', async () => {
    const { files, metrics } = await prepareFonts();
    for (const [name, bytes] of files) expect(bytes.equals(readFileSync(join(PREPARED_FONTS_DIR, name))), name).toBe(true);
    expect(JSON.parse(readFileSync(join(PREPARED_FONTS_DIR, PREPARED_METRICS_FILE), 'utf8'))).toEqual(metrics);
  });

  it('measure and map text exactly as fontkit does with the original DejaVu files', async () => {
    const fonts = await loadDocumentFonts();
    for (const role of FONT_ROLES) {
      const original = fontkit.create(readFileSync(join('node_modules', 'dejavu-fonts-ttf', 'ttf', FONT_FILES[role])));
      const prepared = new PreparedFont(fonts[role].metrics, fonts[role].bytes);
      const widths = (glyphs: readonly { advanceWidth: number }[]) => glyphs.map((g) => g.advanceWidth);
      const features = { liga: false, rlig: false, clig: false, dlig: false, kern: false, ccmp: false };
      const characters = [...SAMPLE].filter((c) => original.hasGlyphForCodePoint(c.codePointAt(0)!));
      expect(widths(prepared.layout(characters.join('')).glyphs), role).toEqual(widths(original.layout(characters.join(''), features).glyphs));
      expect(prepared.unitsPerEm).toBe(original.unitsPerEm);
      expect([prepared.ascent, prepared.descent, prepared.capHeight]).toEqual([original.ascent, original.descent, original.capHeight]);
    }
  });

  it('embed per PDF a valid TrueType subset holding the glyphs used and the components of accented letters', async () => {
    const fonts = await loadDocumentFonts();
    const prepared = new PreparedFont(fonts.serif.metrics, fonts.serif.bytes);
    const subset = prepared.createSubset();
    const used = prepared.layout('AṢ Ặ Ñ').glyphs;
    for (const glyph of used) subset.includeGlyph(glyph);
    const bytes = subset.encode();
    const parsed = fontkit.create(bytes);
    // .notdef, A, Ṣ, space, Ặ, Ñ, then the bases and accents the composites are built from (Ặ = Ă + dot below…).
    expect(parsed.numGlyphs).toBeGreaterThan(6);
    expect(parsed.numGlyphs).toBeLessThan(20);
    const original = fontkit.create(readFileSync(join('node_modules', 'dejavu-fonts-ttf', 'ttf', FONT_FILES.serif)));
    const originalA = original.glyphForCodePoint(0x1eb6); // Ặ
    const subsetA = parsed.getGlyph(subset.includeGlyph(used[3]!));
    expect(subsetA.path.toSVG()).not.toBe('');
    expect(subsetA.path.toSVG()).toBe(originalA.path.toSVG());
    expect(subsetA.advanceWidth).toBe(originalA.advanceWidth);
  });

  it('prints a character outside the prepared scripts as the missing-glyph box, not an error', async () => {
    const fonts = await loadDocumentFonts();
    const prepared = new PreparedFont(fonts.sans.metrics, fonts.sans.bytes);
    expect(prepared.layout('A中').glyphs.map((g) => g.id)).toEqual([prepared.glyphForCodePoint(0x41).id, 0]);
  });

  it('reads them from DOCUMENT_FONTS_DIR when set (a bundled Lambda has no source tree)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lppba-fonts-'));
    try {
      for (const file of documentFontFiles()) copyFileSync(file, join(dir, basename(file)));
      vi.stubEnv('DOCUMENT_FONTS_DIR', dir);
      vi.resetModules();
      const fonts = await import('../../documents/fonts.js');
      const loaded = await fonts.loadDocumentFonts();
      expect(Buffer.from(loaded.sans.bytes).equals(readFileSync(join(dir, 'sans.ttf')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('can be loaded ahead of the first render', async () => {
    const { warmUpRenderer } = await import('../../documents/render.js');
    await expect(warmUpRenderer()).resolves.toBeUndefined();
  });

  it('says which folder lacks the fonts when DOCUMENT_FONTS_DIR is wrong', async () => {
    vi.stubEnv('DOCUMENT_FONTS_DIR', join(tmpdir(), 'no-such-fonts-dir'));
    vi.resetModules();
    const fonts = await import('../../documents/fonts.js');
    await expect(fonts.loadDocumentFonts()).rejects.toMatchObject({ name: 'DocumentFontsError', message: expect.stringContaining('no-such-fonts-dir') });
  });
});
