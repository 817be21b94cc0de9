import * as z from 'zod';
import { TIME_ZONES, timeZoneOfRegion, type TimeZone } from '../domain/calendar.js';
import { REGENCY_CODE } from '../domain/region-codes.js';
import { DEMO_OFFICE_CONTACT, OfficeContactSchema } from '../api/console-config.js';

/**
 * Deployment settings, one place for AWS and the local stack alike: cdk.json → context. The CDK app
 * reads them through the construct tree (so `-c key=value` overrides work), the local stack reads
 * cdk.json directly; both validate with this schema, so a typo fails loudly before anything deploys.
 */
const RegencyCode = z.string().regex(REGENCY_CODE, 'expected a Kemendagri regency code like 35.10');

export const SettingsSchema = z.object({
  /** AWS region of the deployment (Jakarta by default: personal data stays in Indonesia). */
  region: z.string().default('ap-southeast-3'),
  issuingRegencyCode: RegencyCode.default('35.10'),
  issuingOfficeName: z.string().min(1).default('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi'),
  /** Official names of the issuing regency and its province (idn-area-data spelling; a test keeps them in step with the code). */
  issuingRegencyName: z.string().min(1).default('Kabupaten Banyuwangi'),
  issuingProvinceName: z.string().min(1).default('Jawa Timur'),
  /**
   * The office's zone (WIB, WITA or WIT): a birth's civil date is the date there of the instant of
   * birth (domain/birth-date.ts). Default: the zone of issuingRegencyCode's province.
   */
  civilTimeZone: z.enum(TIME_ZONES).optional(),
  /** Printed before the issue date: "Banyuwangi, 23 November 2026". */
  placeOfIssue: z.string().min(1).default('Banyuwangi'),
  /** The official whose electronic signature (TTE) the documents carry. Demo values: set the real ones. */
  signingOfficial: z
    .object({ name: z.string().min(1), title: z.string().min(1), nip: z.string().regex(/^\d{18}$/, '18 digits').optional() })
    .default({ name: 'Ir. Bambang Sugiarto, M.Si.', title: 'Kepala Dinas Kependudukan dan Pencatatan Sipil', nip: '197001012000031001' }),
  /**
   * The office's contact for parents (name, address, phone, WhatsApp, e-mail, opening hours): the
   * console shows it wherever the next step is the office. Written into the console's config.json.
   * Demo values by default: set the real ones.
   */
  officeContact: OfficeContactSchema.default(DEMO_OFFICE_CONTACT),
  /** Base URL printed in the documents' QR codes (a custom domain); default: the API's own URL. */
  publicBaseUrl: z.url().optional(),
  aktaNumberFormat: z.string().includes('{serial}').default('{regency}-LT-{date}-{serial}'),
  servedRegencies: z.array(RegencyCode).min(1).default(['35.10']),
  hospitals: z
    .array(
      z.object({
        facilityId: z.string().regex(/^[a-z0-9-]{3,64}$/, 'lower-case letters, digits and hyphens'),
        name: z.string().min(1),
      }),
    )
    .default([
      { facilityId: 'rsud-blambangan', name: 'RSUD Blambangan' },
      { facilityId: 'rs-al-huda', name: 'RS Al-Huda Genteng' },
    ]),
  /**
   * Document signing keys replaced by a newer one (KMS key ARNs): no longer used to sign, still
   * accepted by the verification route, so documents they signed stay valid (README, documents).
   */
  retiredDocumentSigningKeyArns: z
    .array(z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$/, 'a KMS key ARN (not an alias)'))
    .default([]),
  /** The operations mailbox subscribed to the alarm topic: required, or the alarms reach nobody. */
  alarmEmail: z.email({
    error: (issue) => (issue.input === undefined ? 'required: the e-mail address the alarms go to (the operations mailbox)' : 'not an e-mail address'),
  }),
  /**
   * Extra sign-in callback URLs of the console client (a custom domain in front of CloudFront). The
   * distribution's own addresses are always there; https only (no localhost in production).
   */
  consoleCallbackUrls: z.array(z.url({ protocol: /^https$/, error: 'an https:// URL' })).default([]),
  /** Days CloudWatch keeps function, workflow and access logs. */
  logRetentionDays: z.number().int().positive().default(90),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const settingKeys = Object.keys(SettingsSchema.shape) as (keyof Settings)[];

export function parseSettings(context: Record<string, unknown>): Settings {
  const result = SettingsSchema.safeParse(context);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `cdk.json context.${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid deployment settings:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
}

/** CIVIL_TIME_ZONE: the setting, or the zone of the issuing regency's province. */
export const civilTimeZoneOf = (settings: Settings): TimeZone => settings.civilTimeZone ?? timeZoneOfRegion(settings.issuingRegencyCode);

/** The issuer block printed and signed on every document (documents/content.ts `Issuer`), as DOCUMENT_ISSUER. */
export function documentIssuerOf(settings: Settings) {
  return {
    officeName: settings.issuingOfficeName,
    regencyName: settings.issuingRegencyName,
    provinceName: settings.issuingProvinceName,
    placeOfIssue: settings.placeOfIssue,
    officialName: settings.signingOfficial.name,
    officialTitle: settings.signingOfficial.title,
    ...(settings.signingOfficial.nip ? { officialId: settings.signingOfficial.nip } : {}),
  };
}
