import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { correctionDraft, marginalNote } from '../../domain/amendment.js';

/**
 * The marginal note (catatan pinggir) has one home, domain/amendment.ts: the akta prints it and the
 * head of office's draft shows it as GET /v1/amendments words it (`draft`). The console keeps no copy
 * of its wording or of the print-number rule.
 */
const webSource = new URL('../../web/src/', import.meta.url).pathname;
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));

describe('the marginal note has one home', () => {
  it('the console has no copy of its wording (the sentence, its basis, the print rule)', () => {
    const files = sourceFiles(webSource);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // "Pembetulan <fields> berdasarkan <basis>" and its English twin, the basis without evidence, the kutipan count.
      expect(text, file).not.toMatch(/berdasarkan|on the basis of|the request for correction|marginalText|basisRequest|draftPrintNumber/i);
    }
  });

  it('the draft a head reads is the note a correction approved now prints', () => {
    const input = { paths: ['child.name'], evidence: [{ type: 'BUKU_NIKAH', reference: '0123/045/XI/2019' }] };
    const draft = correctionDraft({ currentPrintNumber: 2, ...input });
    const printed = marginalNote({ printNumber: 3, reason: 'typo', on: '2026-12-01', by: 'kadis1', ...input });
    expect(draft).toEqual({ printNumber: 3, marginalNote: printed.text });
    expect(correctionDraft({ currentPrintNumber: undefined, ...input }).printNumber).toBe(2);
  });
});
