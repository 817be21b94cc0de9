/**
 * A newborn's name as Permendagri 73/2022 (pencatatan nama pada dokumen kependudukan) wants it on the
 * akta, the KK and the KIA. The one home of the rule: intake (api/requests.ts) refuses a name that
 * breaks it, the registry checks (domain/registry-checks.ts) warn about a one-word name.
 *
 *  - normalised to NFC first, plain spaces trimmed at both ends; what is checked is what is stored and printed;
 *  - Latin letters as Indonesian writes them: the 26 letters A–Z / a–z. No digits, no punctuation at
 *    all (apostrophe, hyphen, full stop, comma: art. 5(3)), no letters of other scripts that look Latin
 *    (Cyrillic "а", Greek "ο"), no letters with diacritics (Indonesian spelling has none: "José" is
 *    written "Jose"), no invisible characters (format characters such as U+200B, fillers such as the
 *    Hangul U+3164 that are letters of their script but print as nothing, non-breaking spaces);
 *  - words separated by one plain space;
 *  - at most 60 letters including spaces (art. 4(2)(b));
 *  - no academic or religious titles (art. 5(3)(c)): most are written with punctuation ("Dr.",
 *    "S.Kom", "H.") and are refused as punctuation anyway, but the message then names the title; the
 *    same abbreviations written without punctuation ("Dr Andi", "Hj Siti", "SKom") are refused as titles
 *    too. Whole words that are titles and rarely names ("Haji", "Hajjah", "Kyai", "Ustadz", "Profesor",
 *    "Doktor", "Insinyur") are refused; words that are also common given names or honorifics of descent
 *    ("Habib", "Syekh", "Raden", "Gusti") are not, that is for the registrar;
 *  - at least two words (art. 4(2)(c)) is guidance, not refusal: a one-word name is accepted and the
 *    registrar gets the WARNING `NAME_SINGLE_WORD`.
 * Parents' names come from the registry and keep their historic spelling: this rule is for new names.
 */
export const NEWBORN_NAME_MAX_LENGTH = 60;

/** Abbreviated academic and religious titles, compared without punctuation and case: "S.Kom." -> "SKOM". */
export const REFUSED_TITLE_ABBREVIATIONS = [
  // academic (Indonesian degrees and the common foreign ones)
  'DR', 'DRS', 'DRA', 'IR', 'PROF', 'SH', 'SE', 'SKOM', 'SPD', 'SAG', 'SSOS', 'SIP', 'SKM', 'SKED', 'SFARM', 'SPSI', 'SSI', 'ST',
  'MM', 'MSI', 'MSC', 'MPD', 'MAG', 'MKES', 'MH', 'MT', 'MKOM', 'PHD', 'MBA', 'SPOG', 'SPA', 'AMD', 'AMK', 'LC',
  // religious ("H" for Haji only as the first word: elsewhere a single letter is an initial)
  'HJ', 'KH', 'USTDZ',
] as const;

/** Titles only in front of a name: "H Ahmad" is Haji Ahmad, "Ahmad H" is not. */
export const REFUSED_LEADING_TITLES = ['H'] as const;
const LEADING_TITLES: ReadonlySet<string> = new Set<string>(REFUSED_LEADING_TITLES);

/** Whole words that are titles, not names. */
export const REFUSED_TITLE_WORDS = ['HAJI', 'HAJJAH', 'HAJAH', 'KYAI', 'KIAI', 'USTADZ', 'USTAD', 'USTADZAH', 'USTAZAH', 'PROFESOR', 'DOKTOR', 'INSINYUR'] as const;

const TITLES: ReadonlySet<string> = new Set<string>([...REFUSED_TITLE_ABBREVIATIONS, ...REFUSED_TITLE_WORDS]);

/** Characters that print as nothing: format (Cf), control (Cc), separators other than the plain space, and the blank "letters". */
const INVISIBLE = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0\u2800\u034f\u180e]/u;
const LETTER_OF_OTHER_SCRIPT = /(?=\p{L})\P{Script=Latin}/u;
const LATIN_LETTER_WITH_MARK = /[\p{Script=Latin}](?<![A-Za-z])|\p{M}/u;
const DIGIT = /\p{N}/u;
const NAME = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

export type NameProblemCode = 'EMPTY' | 'INVISIBLE' | 'OTHER_SCRIPT' | 'DIACRITIC' | 'DIGIT' | 'TITLE' | 'PUNCTUATION' | 'SPACING' | 'TOO_LONG';

const RULE = 'Permendagri 73/2022';
/** What each broken rule says, in English and Indonesian (api/messages.ts answers them as NEWBORN_NAME_<code>). */
export const NEWBORN_NAME_MESSAGES: Record<Exclude<NameProblemCode, 'EMPTY'>, { readonly en: string; readonly id: string }> = {
  INVISIBLE: {
    en: `${RULE}: a name has no invisible characters (zero-width, fillers, non-breaking spaces)`,
    id: `${RULE}: nama tidak boleh memuat karakter tak terlihat (lebar-nol, pengisi, spasi tak terputus)`,
  },
  OTHER_SCRIPT: {
    en: `${RULE}: Latin letters A–Z only (a letter of another script, e.g. Cyrillic, looks Latin but is not)`,
    id: `${RULE}: hanya huruf Latin A–Z (huruf aksara lain, misalnya Sirilik, tampak seperti Latin tetapi bukan)`,
  },
  DIACRITIC: {
    en: `${RULE}: Latin letters A–Z without accents or special forms, as Indonesian spelling writes them`,
    id: `${RULE}: huruf Latin A–Z tanpa tanda aksen atau bentuk khusus, sesuai ejaan bahasa Indonesia`,
  },
  DIGIT: { en: `${RULE}: a name has no digits`, id: `${RULE}: nama tidak boleh memuat angka` },
  TITLE: {
    en: `${RULE}: no academic or religious titles (Dr, Ir, H, Hj, S.Kom ...) on a birth certificate`,
    id: `${RULE}: gelar akademik atau keagamaan (Dr, Ir, H, Hj, S.Kom ...) tidak dicantumkan pada akta kelahiran`,
  },
  PUNCTUATION: {
    en: `${RULE}: letters A–Z and spaces only; no punctuation (' - . ,)`,
    id: `${RULE}: hanya huruf A–Z dan spasi; tanpa tanda baca (' - . ,)`,
  },
  SPACING: { en: `${RULE}: one space between words`, id: `${RULE}: satu spasi di antara kata` },
  TOO_LONG: {
    en: `${RULE}: at most ${NEWBORN_NAME_MAX_LENGTH} letters including spaces`,
    id: `${RULE}: paling banyak ${NEWBORN_NAME_MAX_LENGTH} huruf termasuk spasi`,
  },
};

export interface NameProblem {
  readonly code: NameProblemCode;
  readonly message: string;
}

/** The name as it is checked, stored and printed: NFC, without leading or trailing plain spaces (an invisible character at an end is refused, not hidden). */
export const normaliseNewbornName = (name: string): string => name.normalize('NFC').replace(/^ +| +$/g, '');

/** The first rule `name` (already normalised) breaks, or undefined when it may be registered. */
export function newbornNameProblem(name: string): NameProblem | undefined {
  const problem = (code: NameProblemCode): NameProblem => ({ code, message: code === 'EMPTY' ? 'Required' : NEWBORN_NAME_MESSAGES[code].en });
  if (name.length === 0) return problem('EMPTY');
  if (INVISIBLE.test(name)) return problem('INVISIBLE');
  if (LETTER_OF_OTHER_SCRIPT.test(name)) return problem('OTHER_SCRIPT');
  if (LATIN_LETTER_WITH_MARK.test(name)) return problem('DIACRITIC');
  if (DIGIT.test(name)) return problem('DIGIT');
  // Titles before punctuation, so "Dr. Andi" is told why.
  const words = name.split(/\s+/).map((word) => word.replace(/[.,'’-]/g, '').toUpperCase());
  if (words.some((word, i) => TITLES.has(word) || (i === 0 && LEADING_TITLES.has(word)))) return problem('TITLE');
  if (!/^[A-Za-z ]*$/.test(name)) return problem('PUNCTUATION');
  if (!NAME.test(name)) return problem('SPACING');
  if (name.length > NEWBORN_NAME_MAX_LENGTH) return problem('TOO_LONG');
  return undefined;
}

/** Guidance, not refusal: a name should have at least two words (NAME_SINGLE_WORD for the registrar). */
export const isSingleWordName = (name: string): boolean => normaliseNewbornName(name).split(' ').filter(Boolean).length < 2;
