/**
 * Stands in for `@pdf-lib/standard-fonts` in the Lambda bundles (infra/bundling.ts aliases it here).
 * pdf-lib imports that package for the 14 standard PDF fonts (Helvetica, Times…); the documents never
 * use them: they embed their own prepared TrueType fonts (./../fonts.ts). The real package costs 127 KB
 * of bundle and, at import, inflates and parses its character tables (every cold start, used or not).
 * pdf-lib only needs the fonts' names to tell a standard font's name from font bytes (`embedFont`).
 */
export class StandardFontsNotBundledError extends Error {
  constructor() {
    super('The standard PDF fonts are not in this bundle: documents embed their prepared fonts (documents/fonts.ts)');
    this.name = 'StandardFontsNotBundledError';
  }
}

/** The 14 standard fonts' names, as the real package names them. */
export const FontNames = {
  Courier: 'Courier',
  CourierBold: 'Courier-Bold',
  CourierOblique: 'Courier-Oblique',
  CourierBoldOblique: 'Courier-BoldOblique',
  Helvetica: 'Helvetica',
  HelveticaBold: 'Helvetica-Bold',
  HelveticaOblique: 'Helvetica-Oblique',
  HelveticaBoldOblique: 'Helvetica-BoldOblique',
  TimesRoman: 'Times-Roman',
  TimesRomanBold: 'Times-Bold',
  TimesRomanItalic: 'Times-Italic',
  TimesRomanBoldItalic: 'Times-BoldItalic',
  Symbol: 'Symbol',
  ZapfDingbats: 'ZapfDingbats',
} as const;

const notBundled = (): never => {
  throw new StandardFontsNotBundledError();
};

/** Read only when a standard font is embedded (pdf-lib's StandardFontEmbedder): never here. */
export const Encodings = {
  get Symbol() {
    return notBundled();
  },
  get ZapfDingbats() {
    return notBundled();
  },
  get WinAnsi() {
    return notBundled();
  },
};

export const Font = { load: notBundled };
