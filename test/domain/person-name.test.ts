import { describe, expect, it } from 'vitest';
import { isSingleWordName, newbornNameProblem, normaliseNewbornName, NEWBORN_NAME_MAX_LENGTH } from '../../domain/person-name.js';

const problemOf = (name: string) => newbornNameProblem(normaliseNewbornName(name))?.code;

describe('a newborn name (Permendagri 73/2022)', () => {
  it('accepts Latin letters A–Z in words separated by single spaces', () => {
    for (const name of ['Muhammad Arka Santoso', 'Ni Luh Putu Ayu', 'Anak A', 'Kabisat']) expect(problemOf(name), name).toBeUndefined();
  });

  it('is normalised to NFC and trimmed before it is checked', () => {
    expect(normaliseNewbornName('  Siti Aisyah ')).toBe('Siti Aisyah');
    // A decomposed "é" becomes one precomposed letter, which Indonesian spelling still does not use.
    expect(normaliseNewbornName('Rene\u0301')).toBe('Ren\u00e9');
    expect(problemOf('Rene\u0301')).toBe('DIACRITIC');
  });

  it('refuses punctuation: apostrophe, hyphen, full stop, comma', () => {
    for (const name of ["Ma'ruf Amin", 'Siti-Aisyah Putri', 'Budi. Santoso', 'Budi, Santoso', 'Budi’s Son']) expect(problemOf(name), name).toBe('PUNCTUATION');
  });

  it('refuses digits, of any script', () => {
    expect(problemOf('Budi 2 Santoso')).toBe('DIGIT');
    expect(problemOf('Budi \u0663')).toBe('DIGIT'); // Arabic-Indic three
  });

  it('refuses invisible characters, the Hangul filler that printed a blank akta included', () => {
    for (const name of ['\u3164', 'Budi\u3164Santoso', 'Budi\u200bSantoso', 'Budi\u00a0Santoso', 'Budi\ufeff', '\u2800']) {
      expect(problemOf(name), JSON.stringify(name)).toBe('INVISIBLE');
    }
  });

  it('refuses letters of other scripts that look Latin', () => {
    expect(problemOf('\u0410rka Santoso')).toBe('OTHER_SCRIPT'); // Cyrillic А
    expect(problemOf('Arka Sant\u03bfso')).toBe('OTHER_SCRIPT'); // Greek ο
  });

  it('refuses academic and religious titles, with or without punctuation', () => {
    for (const name of ['Dr. Andi Wijaya', 'Dr Andi Wijaya', 'Ir Budi', 'H. Ahmad Fauzi', 'Hj Siti Aminah', 'Andi Wijaya S.Kom', 'Andi Wijaya SKom', 'Haji Ahmad', 'Prof Budi']) {
      expect(problemOf(name), name).toBe('TITLE');
    }
    // Words that are also given names or honorifics of descent are the registrar's call.
    expect(problemOf('Habib Rizki')).toBeUndefined();
    expect(problemOf('Raden Ajeng Kartini')).toBeUndefined();
    // "H" is Haji in front of a name only; elsewhere a letter.
    expect(problemOf('H Ahmad Fauzi')).toBe('TITLE');
    expect(problemOf('Anak H')).toBeUndefined();
  });

  it('refuses more than one space between words', () => {
    expect(problemOf('Budi  Santoso')).toBe('SPACING');
  });

  it('counts letters including spaces: 60 pass, 61 do not', () => {
    const sixty = `${'A'.repeat(29)} ${'B'.repeat(30)}`;
    expect(sixty).toHaveLength(NEWBORN_NAME_MAX_LENGTH);
    expect(problemOf(sixty)).toBeUndefined();
    expect(problemOf(`${sixty}C`)).toBe('TOO_LONG');
  });

  it('refuses an empty name and cites the regulation in every refusal', () => {
    expect(problemOf('   ')).toBe('EMPTY');
    expect(newbornNameProblem("Ma'ruf")?.message).toContain('Permendagri 73/2022');
  });

  it('knows a one-word name (guidance, not a refusal)', () => {
    expect(isSingleWordName('Kabisat')).toBe(true);
    expect(isSingleWordName('Kabisat Putra')).toBe(false);
  });
});
