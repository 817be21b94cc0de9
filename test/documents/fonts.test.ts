import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FONT_FILES, documentFontFiles } from '../../documents/fonts.js';

describe('document fonts', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('lists the TTFs and their licence, which exist in node_modules', () => {
    const files = documentFontFiles();
    expect(files.map((file) => basename(file)).sort()).toEqual([...Object.values(FONT_FILES), 'LICENSE'].sort());
    for (const file of files) expect(existsSync(file)).toBe(true);
  });

  it('reads them from DOCUMENT_FONTS_DIR when set (a bundled Lambda has no node_modules)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lppba-fonts-'));
    try {
      for (const file of documentFontFiles()) copyFileSync(file, join(dir, basename(file)));
      vi.stubEnv('DOCUMENT_FONTS_DIR', dir);
      vi.resetModules();
      const fonts = await import('../../documents/fonts.js');
      const bytes = await fonts.loadFontBytes();
      expect(Buffer.from(bytes.sans).equals(readFileSync(join(dir, FONT_FILES.sans)))).toBe(true);
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
    await expect(fonts.loadFontBytes()).rejects.toMatchObject({ name: 'DocumentFontsError', message: expect.stringContaining('no-such-fonts-dir') });
  });
});
