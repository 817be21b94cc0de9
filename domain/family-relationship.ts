import type { Sex } from './nik.js';

/**
 * SHDK, "status hubungan dalam keluarga": each member's relationship to the head of the family as
 * the family card (KK) records and prints it. The one home of the values, their printed labels, the
 * older codes this system used first, and the newborn's relationship.
 *
 * Codes are the Indonesian words (what officers say), upper case with `_`; the KK prints the label.
 * HEAD / SPOUSE / CHILD / OTHER, the first four codes, stay valid on import and in stored records:
 * HEAD = KEPALA_KELUARGA, SPOUSE = ISTRI or SUAMI by the member's sex, CHILD = ANAK, OTHER = FAMILI_LAIN
 * (the KK printed OTHER as "FAMILI LAIN").
 */
export const FAMILY_RELATIONSHIPS = [
  'KEPALA_KELUARGA',
  'SUAMI',
  'ISTRI',
  'ANAK',
  'MENANTU',
  'CUCU',
  'ORANG_TUA',
  'MERTUA',
  'FAMILI_LAIN',
  'PEMBANTU',
  'LAINNYA',
] as const;
export type FamilyRelationship = (typeof FAMILY_RELATIONSHIPS)[number];

/** The codes of the first version, still accepted wherever a relationship is read. */
export const LEGACY_RELATIONSHIPS = ['HEAD', 'SPOUSE', 'CHILD', 'OTHER'] as const;
export type LegacyRelationship = (typeof LEGACY_RELATIONSHIPS)[number];
export type StoredRelationship = FamilyRelationship | LegacyRelationship;
export const STORED_RELATIONSHIPS = [...FAMILY_RELATIONSHIPS, ...LEGACY_RELATIONSHIPS] as const;

/** As the KK prints it. */
export const RELATIONSHIP_LABELS = {
  KEPALA_KELUARGA: 'KEPALA KELUARGA',
  SUAMI: 'SUAMI',
  ISTRI: 'ISTRI',
  ANAK: 'ANAK',
  MENANTU: 'MENANTU',
  CUCU: 'CUCU',
  ORANG_TUA: 'ORANG TUA',
  MERTUA: 'MERTUA',
  FAMILI_LAIN: 'FAMILI LAIN',
  PEMBANTU: 'PEMBANTU',
  LAINNYA: 'LAINNYA',
} as const satisfies Record<FamilyRelationship, string>;

/** The order of the KK's rows: the head, the spouse, children, then the rest as the form lists them. */
export const RELATIONSHIP_ORDER = Object.fromEntries(FAMILY_RELATIONSHIPS.map((code, i) => [code, i])) as Record<FamilyRelationship, number>;

/** A stored or imported code as one of the eleven; a spouse's by their sex. */
export function canonicalRelationship(code: StoredRelationship, sex: Sex): FamilyRelationship {
  switch (code) {
    case 'HEAD':
      return 'KEPALA_KELUARGA';
    case 'SPOUSE':
      return sex === 'FEMALE' ? 'ISTRI' : 'SUAMI';
    case 'CHILD':
      return 'ANAK';
    case 'OTHER':
      return 'FAMILI_LAIN';
    default:
      return code;
  }
}

/**
 * What an export may write: a code ("KEPALA_KELUARGA"), the words as the form has them ("Kepala
 * Keluarga", "orang tua", any case, spaces or `_`), or one of the four first codes. Undefined for
 * anything else.
 */
export function parseRelationship(text: string, sex: Sex): FamilyRelationship | undefined {
  const code = text.trim().toUpperCase().replace(/[\s_-]+/g, '_');
  if ((STORED_RELATIONSHIPS as readonly string[]).includes(code)) return canonicalRelationship(code as StoredRelationship, sex);
  return undefined;
}

export const relationshipLabel = (code: StoredRelationship, sex: Sex): string => RELATIONSHIP_LABELS[canonicalRelationship(code, sex)];

/**
 * The newborn's relationship to the head, from its mother's place on the card it joins:
 *  - mother is the head, or the head's wife (or recorded as husband: a data error, read as spouse) → ANAK;
 *  - mother is the head's child or child-in-law (menantu) → CUCU;
 *  - any other mother (the head's grandchild, parent, parent-in-law, another relative) → FAMILI_LAIN: the
 *    child is family but SHDK has no closer value (a great-grandchild, a sibling of the head);
 *  - mother is a household helper (pembantu) or LAINNYA → LAINNYA: not related to the head.
 * The registrar sees it on the draft KK and corrects the card by hand where it does not fit.
 */
export function newbornRelationship(motherRelationship: StoredRelationship, motherSex: Sex = 'FEMALE'): FamilyRelationship {
  switch (canonicalRelationship(motherRelationship, motherSex)) {
    case 'KEPALA_KELUARGA':
    case 'ISTRI':
    case 'SUAMI':
      return 'ANAK';
    case 'ANAK':
    case 'MENANTU':
      return 'CUCU';
    case 'CUCU':
    case 'ORANG_TUA':
    case 'MERTUA':
    case 'FAMILI_LAIN':
      return 'FAMILI_LAIN';
    case 'PEMBANTU':
    case 'LAINNYA':
      return 'LAINNYA';
  }
}
