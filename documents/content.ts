import * as z from 'zod';
import { STORED_RELATIONSHIPS } from '../domain/family-relationship.js';
import { KIA_UNDER_FIVE_DOCUMENT_KIND } from '../domain/child-id-card.js';
import { SEXES } from '../domain/nik.js';
import { Parentage } from '../domain/parentage.js';

/**
 * What each issued document says, as data. The issuing step (functions/issue-documents) assembles it
 * from the registration and the population registry, stores it with the document record, digests and
 * signs its canonical JSON; the renderers (documents/render.ts and documents/*-pdf.ts) turn it into a PDF, always the same
 * PDF for the same content. Nothing here reads a database or the clock.
 *
 * Dates are ISO calendar dates ("2026-11-20") in Indonesian local time; the renderers write them the
 * Indonesian way ("20 November 2026"). Names are as registered (upper-casing is the renderer's choice).
 * In a registrar's draft preview, numbers not yet issued are null and rendered as a placeholder.
 */
export const DocumentType = {
  BIRTH_CERTIFICATE: 'BIRTH_CERTIFICATE',
  FAMILY_CARD: 'FAMILY_CARD',
  CHILD_ID_CARD: 'CHILD_ID_CARD',
} as const;
export type DocumentType = (typeof DocumentType)[keyof typeof DocumentType];
export const DOCUMENT_TYPES = Object.values(DocumentType) as readonly DocumentType[];

/** Each document's official name, as its PDF, the bundle's bookmarks and the verification page title it. */
export const DOCUMENT_NAMES: Readonly<Record<DocumentType, string>> = {
  BIRTH_CERTIFICATE: 'Kutipan Akta Kelahiran',
  FAMILY_CARD: 'Kartu Keluarga',
  CHILD_ID_CARD: 'Kartu Identitas Anak',
};

/**
 * The kutipan akta's statement that it is a true extract of the birth register (*exact wording of the
 * form unconfirmed*: this is the documented default). Stored in the signed content, so what was
 * certified is what the digest covers.
 */
export const KUTIPAN_STATEMENT = 'Kutipan ini sesuai dengan data yang tercatat dalam Register Akta Kelahiran.';

/** A child born to an Indonesian citizen is WNI (UU 12/2006 art. 4); every parent in this registry is one. */
export const CITIZENSHIP_WNI = 'WNI' as const;

// Each schema in a pure function call, so that a bundle that needs only the constants above builds none (see api/requests.ts).
const IsoDate = /* @__PURE__ */ (() => z.iso.date())();
const Sex = /* @__PURE__ */ (() => z.enum(SEXES))();
const Nik = /* @__PURE__ */ (() => z.string().regex(/^\d{16}$/))();

/** The office that issues, and the official who signs (electronically: TTE). */
export const IssuerSchema = /* @__PURE__ */ (() => z.object({
  officeName: z.string(), // "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi"
  regencyName: z.string(), // "KABUPATEN BANYUWANGI"
  provinceName: z.string(), // "JAWA TIMUR"
  placeOfIssue: z.string(), // "Banyuwangi"
  officialName: z.string(),
  officialTitle: z.string(), // "Kepala Dinas Kependudukan dan Pencatatan Sipil"
  officialId: z.string().optional(), // NIP
}))();
export type Issuer = z.infer<typeof IssuerSchema>;

export const AddressSchema = /* @__PURE__ */ (() => z.object({
  street: z.string().optional(),
  villageName: z.string().optional(), // desa/kelurahan
  districtName: z.string(), // kecamatan
  regencyName: z.string(),
  provinceName: z.string(),
  districtCode: z.string(), // "35.10.16"
  villageCode: z.string().optional(),
}))();
export type Address = z.infer<typeof AddressSchema>;

const PersonRefSchema = /* @__PURE__ */ (() => z.object({ nik: Nik, name: z.string() }))();

export const BirthCertificateContentSchema = /* @__PURE__ */ (() => z.object({
  type: z.literal(DocumentType.BIRTH_CERTIFICATE),
  /** Akta number, e.g. "3510-LT-20112026-0001"; null in a draft. */
  number: z.string().nullable(),
  nik: Nik.nullable(),
  child: z.object({
    name: z.string(),
    sex: Sex,
    birthDate: IsoDate,
    /** Local clock time "08:15" and its zone label ("WIB", "WITA", "WIT"). */
    birthTime: z.string().regex(/^\d{2}:\d{2}$/),
    timeZone: z.enum(['WIB', 'WITA', 'WIT']),
    birthPlace: z.string(),
    /** "anak ke-2" */
    birthOrder: z.number().int().positive(),
    multipleBirth: z.object({ count: z.number().int().min(2), order: z.number().int().positive() }).optional(),
    /** "WNI" (warga negara Indonesia), printed as the kutipan states it; absent in documents signed before. */
    citizenship: z.literal(CITIZENSHIP_WNI).optional(),
  }),
  mother: PersonRefSchema,
  /** Null when no marriage record was presented: the akta names the mother only ("anak seorang ibu"). */
  father: PersonRefSchema.nullable(),
  /**
   * Whom the akta names and how (domain/parentage.ts): MARRIAGE_NOT_RECORDED adds the statutory phrase
   * after the parents' names. Absent in documents signed before the field existed (read as MARRIED with a
   * father, MOTHER_ONLY without).
   */
  parentage: z.enum(Parentage).optional(),
  /** That this is a true extract of the birth register (KUTIPAN_STATEMENT); absent in documents signed before. */
  extractStatement: z.string().optional(),
  issuedOn: IsoDate,
  issuer: IssuerSchema,
  /**
   * After a correction (pembetulan): the print number ("kutipan ke-2"; absent on the first print),
   * the day of this print, and the marginal notes (catatan pinggir) of every correction so far.
   */
  printNumber: z.number().int().min(2).optional(),
  printedOn: IsoDate.optional(),
  marginalNotes: z
    .array(z.object({ printNumber: z.number().int().min(2), text: z.string(), on: IsoDate, by: z.string() }))
    .optional(),
  /**
   * A late registration (more than 60 days): the number of the head of office's decree (SK) it was
   * registered by (UU 24/2013 art. 32), stated in the akta's sentence as the basis of the record,
   * where a court order's number stood before 2013. Absent for a timely one.
   */
  lateRegistrationDecree: z.string().optional(),
}))();
export type BirthCertificateContent = z.infer<typeof BirthCertificateContentSchema>;

export const FamilyCardContentSchema = /* @__PURE__ */ (() => z.object({
  type: z.literal(DocumentType.FAMILY_CARD),
  /** The KK number does not change when a child is added; the print gets a new version and date. */
  number: z.string().regex(/^\d{16}$/),
  version: z.number().int().positive(),
  issuedOn: IsoDate,
  headName: z.string(),
  address: AddressSchema,
  members: z.array(
    z.object({
      /** Null only for the newborn in a draft. */
      nik: Nik.nullable(),
      name: z.string(),
      sex: Sex,
      birthPlace: z.string().optional(),
      birthDate: IsoDate,
      /** SHDK (domain/family-relationship.ts); prints written before the eleven codes carry HEAD/SPOUSE/CHILD/OTHER. */
      relationship: z.enum(STORED_RELATIONSHIPS),
      fatherName: z.string().optional(),
      motherName: z.string().optional(),
    }),
  ),
  issuer: IssuerSchema,
}))();
export type FamilyCardContent = z.infer<typeof FamilyCardContentSchema>;

export const ChildIdCardContentSchema = /* @__PURE__ */ (() => z.object({
  type: z.literal(DocumentType.CHILD_ID_CARD),
  /** KIA number = the child's NIK; null in a draft. */
  number: Nik.nullable(),
  name: z.string(),
  sex: Sex,
  birthPlace: z.string(),
  birthDate: IsoDate,
  familyCardNumber: z.string(),
  headName: z.string(),
  /** Birth certificate number printed on the card; null in a draft. */
  birthCertificateNumber: z.string().nullable(),
  address: AddressSchema,
  /** The 0–5 years kind (no photo), valid through the day before the 5th birthday. */
  kind: z.literal(KIA_UNDER_FIVE_DOCUMENT_KIND),
  validThrough: IsoDate,
  issuedOn: IsoDate,
  issuer: IssuerSchema,
}))();
export type ChildIdCardContent = z.infer<typeof ChildIdCardContentSchema>;

export const DocumentContentSchema = /* @__PURE__ */ (() => z.discriminatedUnion('type', [
  BirthCertificateContentSchema,
  FamilyCardContentSchema,
  ChildIdCardContentSchema,
]))();
export type DocumentContent = z.infer<typeof DocumentContentSchema>;

export interface RenderOptions {
  /** Printed as a QR code (and as text) on issued documents: the public verification page. */
  readonly verificationUrl?: string;
  /** A registrar's preview: marked "DRAF" on every page, no QR code, placeholders for missing numbers. */
  readonly draft?: boolean;
}
