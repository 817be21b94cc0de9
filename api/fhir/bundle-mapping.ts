import type {
  Encounter,
  Extension,
  HumanName,
  Identifier,
  Observation,
  Patient,
  Practitioner,
  Quantity,
  RelatedPerson,
} from '@medplum/fhirtypes';
import * as z from 'zod';
import { BirthNotificationSchema, type BirthNotification } from '../requests.js';
import { bilingual, type Text } from './messages.js';
import { isMessageCode, messageText } from '../messages.js';

/** A schema message in both languages: a code of api/messages.ts (the schema's own), else the English looked up. */
function schemaText(message: string, issue: { readonly [key: string]: unknown }): Text {
  if (!isMessageCode(message)) return bilingual(message);
  const params: Record<string, unknown> = {};
  for (const key of ['maximum', 'minimum', 'expected'] as const) if (issue[key] !== undefined) params[key] = issue[key];
  if (Array.isArray(issue['values'])) params['values'] = (issue['values'] as unknown[]).map(String).join(', ');
  return { en: messageText(message, 'en', params), id: messageText(message, 'id', params) };
}
import { EXTENSION, LOINC, SYSTEM } from './satusehat.js';

/**
 * POST /fhir/Bundle: a SATUSEHAT-shaped FHIR R4 Bundle read into the birth notification of
 * POST /v1/births (api/requests.ts), then checked by the very same BirthNotificationSchema. This
 * module only maps: it says where in the Bundle each notification field came from, so every
 * problem the schema finds is answered at the FHIRPath of the element that carried it
 * (`Bundle.entry[2].resource.birthDate`), and it reports what it cannot map at all (no newborn, no
 * birth weight). It holds no rule of its own about the values: that is the schema's job.
 * The table of elements is in the README ("FHIR notifications").
 */

/** The FHIR issue-type codes this door answers (http://hl7.org/fhir/ValueSet/issue-type). */
export type IssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'not-supported'
  | 'duplicate'
  | 'conflict'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'too-costly'
  | 'throttled'
  | 'transient'
  | 'exception';

export interface FhirIssue {
  /** FHIRPath of the element at fault. */
  readonly expression: string;
  readonly code: IssueType;
  readonly text: Text;
}

/** More entries than a birth notification needs is not a notification (and bounds the work). */
export const MAX_BUNDLE_ENTRIES = 100;

const BUNDLE_TYPES = ['message', 'collection', 'transaction'] as const;

/**
 * The Bundle's envelope, checked before anything is read from its resources: a Bundle of an
 * accepted type, an identifier (the notification id), entries that hold resources. Everything
 * else of the Bundle is open (loose): elements this door does not use are ignored, not refused.
 */
export const BundleEnvelopeSchema = z.looseObject({
  resourceType: z.literal('Bundle', 'resourceType must be "Bundle"'),
  type: z.enum(BUNDLE_TYPES, `Bundle.type must be ${BUNDLE_TYPES.join(', ')}`),
  identifier: z.looseObject({
    system: z.string('A URI').optional(),
    value: z.string('Required: the hospital’s reference for this notification'),
  }, 'Required: Bundle.identifier plays the part of notificationId'),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string('A URI').optional(),
        resource: z.looseObject({ resourceType: z.string('Required'), id: z.string('An id').optional() }, 'Required: each entry holds a resource'),
      }, 'An entry is an object'),
      'Required: the entries (the newborn Patient, the mother, the Observations…)',
    )
    .min(1, 'Required: the entries (the newborn Patient, the mother, the Observations…)')
    .max(MAX_BUNDLE_ENTRIES, `At most ${MAX_BUNDLE_ENTRIES} entries`),
});

const ENVELOPE_TEXT_ID: Readonly<Record<string, string>> = {
  'resourceType must be "Bundle"': 'resourceType harus "Bundle"',
  [`Bundle.type must be ${BUNDLE_TYPES.join(', ')}`]: `Bundle.type harus ${BUNDLE_TYPES.join(', ')}`,
  'Required: the hospital’s reference for this notification': 'Wajib: nomor rujukan rumah sakit untuk laporan ini',
  'Required: Bundle.identifier plays the part of notificationId': 'Wajib: Bundle.identifier berperan sebagai notificationId',
  'Required: each entry holds a resource': 'Wajib: setiap entry memuat resource',
  'Required: the entries (the newborn Patient, the mother, the Observations…)': 'Wajib: entry (Patient bayi, ibu, Observation…)',
  [`At most ${MAX_BUNDLE_ENTRIES} entries`]: `Paling banyak ${MAX_BUNDLE_ENTRIES} entry`,
  'An entry is an object': 'Entry harus berupa objek',
  'A URI': 'Harus URI',
  'An id': 'Harus id',
  'The body is not JSON': 'Isi permintaan bukan JSON',
  'A FHIR resource (a JSON object)': 'Harus resource FHIR (objek JSON)',
};

/** zod path → FHIRPath: ['entry', 3, 'resource', 'id'] → `Bundle.entry[3].resource.id`. */
export function fhirPathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((expression, key) => (typeof key === 'number' ? `${expression}[${key}]` : `${expression}.${String(key)}`), 'Bundle');
}

export type Envelope = z.infer<typeof BundleEnvelopeSchema>;

/** The envelope of a parsed JSON body, or the issues that make it no Bundle this door takes. */
export function readEnvelope(body: unknown): { readonly success: true; readonly bundle: Envelope } | { readonly success: false; readonly issues: FhirIssue[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { success: false, issues: [{ expression: 'Bundle', code: 'structure', text: textOf('A FHIR resource (a JSON object)') }] };
  }
  const parsed = BundleEnvelopeSchema.safeParse(body);
  if (parsed.success) return { success: true, bundle: parsed.data };
  return {
    success: false,
    issues: parsed.error.issues.map((issue) => ({
      expression: fhirPathOf(issue.path),
      code: issue.message.startsWith('Required') ? 'required' : 'structure',
      text: textOf(issue.message),
    })),
  };
}

/** An envelope message in both languages. */
export function textOf(english: string): Text {
  const id = ENVELOPE_TEXT_ID[english];
  return id ? { en: english, id } : bilingual(english);
}

// ── Reading the resources ────────────────────────────────────────────────────────────────────────

type Json = Record<string, unknown>;
interface Entry<R> {
  readonly index: number;
  readonly fullUrl: string | undefined;
  readonly resource: R & Json;
  /** `Bundle.entry[i].resource` */
  readonly path: string;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The elements of a FHIR array that are objects, with their index (anything else in it is skipped). */
function objects<T>(value: unknown): { readonly item: T & Json; readonly index: number }[] {
  return Array.isArray(value) ? value.flatMap((item, index) => (isObject(item) ? [{ item: item as T & Json, index }] : [])) : [];
}
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Does `reference` (a Reference.reference) point at `entry`: its fullUrl, or `Type/id`. */
function pointsAt(reference: unknown, entry: Entry<unknown>): boolean {
  if (typeof reference !== 'string' || reference === '') return false;
  if (entry.fullUrl && (reference === entry.fullUrl || entry.fullUrl.endsWith(`/${reference}`))) return true;
  const id = str(entry.resource['id']);
  return id !== undefined && reference === `${String(entry.resource['resourceType'])}/${id}`;
}

function identifierOf(resource: Json, system: string): { readonly value: unknown; readonly index: number } | undefined {
  const found = objects<Identifier>(resource['identifier']).find(({ item }) => item.system === system);
  return found ? { value: found.item.value, index: found.index } : undefined;
}

/** Role codes of a RelatedPerson (v3 RoleCode, or a coding without a system). */
function roleCodes(resource: Json): string[] {
  return objects<{ coding?: unknown }>(resource['relationship']).flatMap(({ item }) =>
    objects<{ system?: unknown; code?: unknown }>(item.coding)
      .filter(({ item: c }) => c.system === undefined || c.system === SYSTEM.roleCode)
      .flatMap(({ item: c }) => (typeof c.code === 'string' ? [c.code.toUpperCase()] : [])),
  );
}
const MOTHER_ROLES = new Set(['MTH', 'NMTH', 'BMTH', 'GESTM']);
const FATHER_ROLES = new Set(['FTH', 'NFTH']);

/** A HumanName as one string: `text`, or prefix + given + family. The official name first. */
function nameOf(resource: Json, base: string): { readonly value: unknown; readonly expression: string } | undefined {
  const names = objects<HumanName>(resource['name']);
  const chosen = names.find(({ item }) => item.use === 'official') ?? names[0];
  if (!chosen) return undefined;
  const { item, index } = chosen;
  if (item.text !== undefined) return { value: item.text, expression: `${base}.name[${index}].text` };
  const parts = [...(Array.isArray(item.prefix) ? item.prefix : []), ...(Array.isArray(item.given) ? item.given : []), item.family].filter(
    (part): part is string => typeof part === 'string' && part.trim() !== '',
  );
  return parts.length > 0 ? { value: parts.join(' '), expression: `${base}.name[${index}]` } : undefined;
}

function extensionOf(holder: unknown, url: string): { readonly extension: Extension & Json; readonly index: number } | undefined {
  if (!isObject(holder)) return undefined;
  const found = objects<Extension>(holder['extension']).find(({ item }) => item.url === url);
  return found ? { extension: found.item, index: found.index } : undefined;
}

/** A hospital's name for a child not yet named ("Bayi Ny. Siti", "By. Ny. Siti"): SATUSEHAT allows it, an akta cannot carry it. */
const PLACEHOLDER_NAME = /^\s*(?:bayi|by)\.?\s+(?:ny|nyonya|nn|nona)\b/i;

type AttendantType = BirthNotification['attendant']['type'];
const DEGREE_CODES: Readonly<Record<string, AttendantType>> = { MD: 'DOCTOR', DO: 'DOCTOR', MBBS: 'DOCTOR', CNM: 'MIDWIFE', RN: 'NURSE', LPN: 'NURSE', NP: 'NURSE', CNS: 'NURSE' };

/** The attendant's kind from Practitioner.qualification (codes of v2-0360, or the words of its display/text); OTHER when it says none. */
export function attendantTypeOf(qualification: unknown): AttendantType {
  const words: string[] = [];
  for (const { item } of objects<{ code?: unknown }>(qualification)) {
    if (!isObject(item.code)) continue;
    const text = str(item.code['text']);
    if (text) words.push(text);
    for (const { item: coding } of objects<{ code?: unknown; display?: unknown }>(item.code['coding'])) {
      const code = str(coding.code)?.toUpperCase();
      const known = code ? DEGREE_CODES[code] : undefined;
      if (known) return known;
      const display = str(coding.display);
      if (display) words.push(display);
    }
  }
  const said = words.join(' ');
  // Midwife before nurse: "Certified Nurse Midwife" is a midwife.
  if (/bidan|midwi/i.test(said)) return 'MIDWIFE';
  if (/dokter|doctor|physician|\bdr\b/i.test(said)) return 'DOCTOR';
  if (/perawat|nurse|\bners\b/i.test(said)) return 'NURSE';
  return 'OTHER';
}

/** What the Bundle says, before the registry adds what FHIR does not carry. */
export interface BundleReading {
  /** The notification fields the Bundle gives, unchecked (the schema checks them). */
  readonly fromBundle: Json;
  /** What could not be mapped at all (no newborn, no birth weight, a unit that is not grams…). */
  readonly issues: readonly FhirIssue[];
  /** Notification paths already answered by `issues`: the schema's finding there would say the same again. */
  readonly claimed: ReadonlySet<string>;
  /** Notification path → FHIRPath of the element it came from. */
  readonly expressions: Readonly<Record<string, string>>;
  /** What the registry look-up needs: set when the mother's NIK (and a KK, if the Bundle names one) are 16 digits. */
  readonly registryQuery?: { readonly motherNik: string; readonly familyCardNumber?: string };
  /** The order within a multiple birth (multipleBirthInteger ≥ 1), for the birth order. */
  readonly orderInDelivery?: number;
}

export function readBundle(bundle: Envelope): BundleReading {
  const issues: FhirIssue[] = [];
  const claimed = new Set<string>();
  const expressions: Record<string, string> = {};
  const problem = (field: string | undefined, expression: string, code: IssueType, en: string, id: string) => {
    issues.push({ expression, code, text: { en, id } });
    if (field) claimed.add(field);
  };

  const entries = bundle.entry.map((entry, index) => ({
    index,
    fullUrl: entry.fullUrl,
    resource: entry.resource as Json,
    path: `Bundle.entry[${index}].resource`,
  }));
  const ofType = <R>(type: string) => entries.filter((e) => e.resource['resourceType'] === type) as Entry<R>[];

  const child: Json = {};
  const out: Json = { notificationId: bundle.identifier.value, child };
  expressions['notificationId'] = 'Bundle.identifier.value';

  // The newborn: the Patient identified by its mother's NIK (SATUSEHAT's newborn before it has its own NIK).
  const patients = ofType<Patient>('Patient');
  const newborns = patients.filter((p) => identifierOf(p.resource, SYSTEM.nikIbu));
  for (const extra of newborns.slice(1)) {
    problem(undefined, extra.path, 'not-supported', 'One newborn per Bundle: send each twin in a Bundle of its own', 'Satu bayi per Bundle: kirim setiap bayi kembar dalam Bundle tersendiri');
  }
  const newborn = newborns[0];
  if (!newborn) {
    problem('child', 'Bundle.entry', 'required', `Required: the newborn, a Patient with an identifier of system ${SYSTEM.nikIbu} (the mother’s NIK)`, `Wajib: bayi baru lahir, Patient dengan identifier ber-system ${SYSTEM.nikIbu} (NIK ibu)`);
    // Without the newborn nothing else can be read: only the envelope's notificationId is still checked.
    for (const field of ['mother', 'father', 'familyCardNumber', 'marriageCertificateNumber', 'attendant', 'contactPhone']) claimed.add(field);
    return { fromBundle: out, issues, claimed, expressions };
  }
  const base = newborn.path;
  const baby = newborn.resource;
  for (const field of ['child', 'child.birthOrder']) expressions[field] = base;

  // Name.
  const name = nameOf(baby, base);
  if (!name) {
    problem('child.name', `${base}.name`, 'required', 'Required: the child’s name', 'Wajib: nama anak');
  } else {
    expressions['child.name'] = name.expression;
    child['name'] = name.value;
    if (typeof name.value === 'string' && PLACEHOLDER_NAME.test(name.value)) {
      problem('child.name', name.expression, 'value', 'A placeholder name (Bayi Ny. …): the akta carries the name the parents give; send the Bundle once the child is named', 'Nama sementara (Bayi Ny. …): akta memuat nama pemberian orang tua; kirim Bundle setelah anak diberi nama');
    }
  }

  // Sex.
  expressions['child.sex'] = `${base}.gender`;
  const gender = baby['gender'];
  if (gender === 'male') child['sex'] = 'MALE';
  else if (gender === 'female') child['sex'] = 'FEMALE';
  else if (gender === undefined) problem('child.sex', `${base}.gender`, 'required', 'Required: male or female', 'Wajib: male atau female');
  else problem('child.sex', `${base}.gender`, 'value', 'male or female: a birth is registered as one of the two', 'male atau female: kelahiran dicatat sebagai salah satunya');

  // The instant of birth: the patient-birthTime extension on birthDate (UTC in SATUSEHAT).
  const birthTimePath = `${base}.birthDate.extension('${EXTENSION.birthTime}').value`;
  const birthTime = extensionOf(baby['_birthDate'], EXTENSION.birthTime);
  if (!birthTime) {
    problem('child.birthDateTime', `${base}.birthDate`, 'required', `Required: the instant of birth, as the ${EXTENSION.birthTime} extension on birthDate`, `Wajib: waktu lahir, sebagai extension ${EXTENSION.birthTime} pada birthDate`);
  } else {
    expressions['child.birthDateTime'] = birthTimePath;
    child['birthDateTime'] = birthTime.extension.valueDateTime;
  }

  // The place of birth: SATUSEHAT's birthPlace extension (valueAddress.city, or the city's Kemendagri code).
  const birthPlace = extensionOf(baby, EXTENSION.birthPlace);
  if (birthPlace) {
    const address = birthPlace.extension.valueAddress as Json | undefined;
    const placePath = `${base}.extension('${EXTENSION.birthPlace}').value`;
    if (isObject(address) && address['city'] !== undefined) {
      child['birthPlace'] = address['city'];
      expressions['child.birthPlace'] = `${placePath}.city`;
    } else if (isObject(address) && address['text'] !== undefined) {
      child['birthPlace'] = address['text'];
      expressions['child.birthPlace'] = `${placePath}.text`;
    } else {
      const code = str(extensionOf(extensionOf(address, 'https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode')?.extension, 'city')?.extension.valueCode);
      if (code) {
        // "3510" → "35.10": the Kemendagri code as the notification writes it.
        child['birthPlace'] = /^\d{4}$/.test(code) ? `${code.slice(0, 2)}.${code.slice(2)}` : code;
        expressions['child.birthPlace'] = placePath;
      }
    }
  }

  // Multiple birth: SATUSEHAT writes multipleBirthInteger, 0 for a single birth, 1, 2… for the order among twins.
  const order = baby['multipleBirthInteger'];
  const totalExtension = extensionOf(baby['_multipleBirthInteger'], EXTENSION.multipleBirthTotal) ?? extensionOf(baby, EXTENSION.multipleBirthTotal);
  const total = totalExtension?.extension.valueInteger;
  const orderPath = `${base}.multipleBirthInteger`;
  expressions['child.multipleBirth'] = orderPath;
  expressions['child.multipleBirth.order'] = orderPath;
  expressions['child.multipleBirth.count'] = totalExtension ? `${orderPath}.extension('${EXTENSION.multipleBirthTotal}').value` : orderPath;
  let orderInDelivery: number | undefined;
  if (order !== undefined && order !== 0) {
    if (typeof order === 'number' && Number.isInteger(order) && order > 0) orderInDelivery = order;
    // Without the total, twins: a triplet's Bundle carries multipleBirthTotal.
    child['multipleBirth'] = { count: total ?? (typeof order === 'number' && order > 2 ? order : 2), order };
  } else if (order === undefined && baby['multipleBirthBoolean'] === true) {
    problem('child.multipleBirth', `${base}.multipleBirthBoolean`, 'required', 'A multiple birth: send multipleBirthInteger, the child’s order in it (1, 2, …)', 'Kelahiran kembar: kirim multipleBirthInteger, urutan anak (1, 2, …)');
  }

  // The mother's NIK: the newborn's nik-ibu identifier.
  const nikIbu = identifierOf(baby, SYSTEM.nikIbu);
  const nikIbuPath = `${base}.identifier[${nikIbu?.index ?? 0}].value`;
  expressions['mother'] = nikIbuPath;
  expressions['mother.nik'] = nikIbuPath;
  const motherNik = nikIbu?.value;
  out['mother'] = { nik: motherNik };

  // The mother: a RelatedPerson of relationship MTH (or NMTH…), or her own Patient (not the newborn).
  const related = ofType<RelatedPerson>('RelatedPerson');
  const mothers = related.filter((r) => roleCodes(r.resource).some((c) => MOTHER_ROLES.has(c)));
  const motherPatients = patients.filter((p) => p !== newborn && !identifierOf(p.resource, SYSTEM.nikIbu));
  const mother: Entry<Patient | RelatedPerson> | undefined = mothers[0] ?? motherPatients.find((p) => identifierOf(p.resource, SYSTEM.nik)?.value === motherNik) ?? (motherPatients.length === 1 ? motherPatients[0] : undefined);
  for (const extra of mothers.slice(1)) problem(undefined, extra.path, 'duplicate', 'Two mothers: one RelatedPerson of relationship MTH per Bundle', 'Dua ibu: satu RelatedPerson ber-relationship MTH per Bundle');
  if (mother) {
    const ownNik = identifierOf(mother.resource, SYSTEM.nik);
    // Compared only when nik-ibu is well-formed: a malformed one is the schema's finding, at nik-ibu.
    if (ownNik && typeof motherNik === 'string' && /^\d{16}$/.test(motherNik) && ownNik.value !== motherNik) {
      problem(undefined, `${mother.path}.identifier[${ownNik.index}].value`, 'value', `The mother’s NIK differs from the newborn’s ${SYSTEM.nikIbu} identifier`, `NIK ibu berbeda dengan identifier ${SYSTEM.nikIbu} pada bayi`);
    }
  }

  // The family card: only if the Bundle names one (on the newborn or the mother); else the registry's.
  const kk = identifierOf(baby, SYSTEM.kk) ?? (mother ? identifierOf(mother.resource, SYSTEM.kk) : undefined);
  if (kk) {
    out['familyCardNumber'] = kk.value;
    const holder = identifierOf(baby, SYSTEM.kk) ? base : (mother?.path ?? base);
    expressions['familyCardNumber'] = `${holder}.identifier[${kk.index}].value`;
  }
  // Without one, the notification omits it and the workflow takes the mother's KK from the registry
  // (INFO FAMILY_CARD_FROM_REGISTRY for the registrar), as for a JSON notification without it.

  // The parents' phone: the mother's telecom (a mobile first).
  if (!mother) {
    problem('contactPhone', 'Bundle.entry', 'required', 'Required: the mother (a RelatedPerson of relationship MTH, or her Patient) with her phone in telecom, for the parents’ SMS', 'Wajib: ibu (RelatedPerson ber-relationship MTH, atau Patient-nya) dengan nomor telepon pada telecom, untuk SMS orang tua');
  } else {
    const phones = objects<{ system?: unknown; use?: unknown; value?: unknown }>(mother.resource['telecom']).filter(({ item }) => item.system === 'phone' || item.system === 'sms');
    const phone = phones.find(({ item }) => item.use === 'mobile') ?? phones[0];
    if (!phone) {
      problem('contactPhone', `${mother.path}.telecom`, 'required', 'Required: the mother’s phone (telecom with system phone), for the parents’ SMS', 'Wajib: nomor telepon ibu (telecom ber-system phone), untuk SMS orang tua');
    } else {
      out['contactPhone'] = phone.item.value;
      expressions['contactPhone'] = `${mother.path}.telecom[${phone.index}].value`;
    }
  }

  // The father, if known: a RelatedPerson of relationship FTH with his NIK; the marriage record with him.
  const fathers = related.filter((r) => roleCodes(r.resource).some((c) => FATHER_ROLES.has(c)));
  for (const extra of fathers.slice(1)) problem(undefined, extra.path, 'duplicate', 'Two fathers: one RelatedPerson of relationship FTH per Bundle', 'Dua ayah: satu RelatedPerson ber-relationship FTH per Bundle');
  const father = fathers[0];
  if (father) {
    const nik = identifierOf(father.resource, SYSTEM.nik);
    expressions['father'] = father.path;
    if (!nik) {
      problem('father', `${father.path}.identifier`, 'required', `Required for a father: his NIK (identifier of system ${SYSTEM.nik}); leave the father out when it is not known`, `Wajib untuk ayah: NIK-nya (identifier ber-system ${SYSTEM.nik}); jangan sertakan ayah bila tidak diketahui`);
    } else {
      // His name as the Bundle gives it: printed only when the registry does not hold him (a KTP-el of another regency).
      const fatherName = nameOf(father.resource, father.path);
      out['father'] = { nik: nik.value, ...(fatherName ? { name: fatherName.value } : {}) };
      expressions['father.nik'] = `${father.path}.identifier[${nik.index}].value`;
      if (fatherName) expressions['father.name'] = fatherName.expression;
    }
    const sptjm = extensionOf(father.resource, EXTENSION.sptjm);
    if (sptjm) {
      out['sptjm'] = { kind: 'HUSBAND_AND_WIFE', signedOn: sptjm.extension.valueDate };
      const sptjmPath = `${father.path}.extension('${EXTENSION.sptjm}')`;
      expressions['sptjm'] = sptjmPath;
      expressions['sptjm.signedOn'] = `${sptjmPath}.value`;
    }
    const marriage = extensionOf(father.resource, EXTENSION.marriageCertificate);
    if (marriage) {
      out['marriageCertificateNumber'] = marriage.extension.valueString;
      expressions['marriageCertificateNumber'] = `${father.path}.extension('${EXTENSION.marriageCertificate}').value`;
    }
  }

  // Birth weight (LOINC 8339-4, g) and body length at birth (LOINC 89269-5, cm).
  const observations = ofType<Observation>('Observation').filter((o) => o.resource['status'] !== 'entered-in-error' && o.resource['status'] !== 'cancelled');
  const measurement = (field: 'child.weightGrams' | 'child.lengthCm', loinc: string, what: Text, units: Readonly<Record<string, number>>) => {
    const found = observations.filter((o) => isObject(o.resource['code']) && objects<{ system?: unknown; code?: unknown }>((o.resource['code'] as Json)['coding']).some(({ item }) => item.system === SYSTEM.loinc && item.code === loinc));
    for (const extra of found.slice(1)) problem(undefined, extra.path, 'duplicate', `A second ${what.en} (LOINC ${loinc}): send one`, `${what.id} kedua (LOINC ${loinc}): kirim satu saja`);
    const observation = found[0];
    const unitList = Object.keys(units).join(' or ');
    if (!observation) {
      problem(field, 'Bundle.entry', 'required', `Required: the ${what.en}, an Observation with code LOINC ${loinc} and a valueQuantity in ${unitList}`, `Wajib: ${what.id}, Observation ber-code LOINC ${loinc} dengan valueQuantity dalam ${unitList}`);
      return;
    }
    const subject = isObject(observation.resource['subject']) ? (observation.resource['subject'] as Json)['reference'] : undefined;
    if (subject !== undefined && !pointsAt(subject, newborn)) {
      problem(field, `${observation.path}.subject`, 'value', `The ${what.en} is not about the newborn Patient of this Bundle`, `${what.id} bukan milik Patient bayi dalam Bundle ini`);
      return;
    }
    const quantity = observation.resource['valueQuantity'] as (Quantity & Json) | undefined;
    if (!isObject(quantity)) {
      problem(field, `${observation.path}.value`, 'required', `Required: a valueQuantity in ${unitList}`, `Wajib: valueQuantity dalam ${unitList}`);
      return;
    }
    expressions[field] = `${observation.path}.valueQuantity.value`;
    const unit = str(quantity.code) ?? str(quantity.unit);
    const factor = unit === undefined ? undefined : units[unit];
    if (factor === undefined || (quantity.system !== undefined && quantity.system !== SYSTEM.ucum)) {
      problem(field, `${observation.path}.valueQuantity.code`, 'value', `The unit must be ${unitList} (UCUM)`, `Satuan harus ${unitList} (UCUM)`);
      return;
    }
    const value = quantity.value;
    // kg → g rounded to the gram; cm as given. A value that is not a number goes to the schema as it is.
    child[field === 'child.weightGrams' ? 'weightGrams' : 'lengthCm'] =
      typeof value === 'number' && factor !== 1 ? (field === 'child.weightGrams' ? Math.round(value * factor) : Math.round(value * factor * 10) / 10) : value;
  };
  measurement('child.weightGrams', LOINC.birthWeight, { en: 'birth weight', id: 'berat lahir' }, { g: 1, kg: 1000 });
  measurement('child.lengthCm', LOINC.bodyLengthAtBirth, { en: 'body length at birth', id: 'panjang badan lahir' }, { cm: 1, mm: 0.1 });

  // The attendant: the Encounter's participant that is a Practitioner of the Bundle, else its only (first) Practitioner.
  const practitioners = ofType<Practitioner>('Practitioner');
  const participants = ofType<Encounter>('Encounter').flatMap((e) =>
    objects<{ individual?: unknown }>(e.resource['participant']).map(({ item }) => (isObject(item.individual) ? item.individual['reference'] : undefined)),
  );
  const attendant = practitioners.find((p) => participants.some((reference) => pointsAt(reference, p))) ?? practitioners[0];
  // The place of birth's kind (F-2.01): an Encounter of class HH (home health) is a home birth; else
  // absent, which the notification reads as HOSPITAL (the FHIR door is the hospitals' own systems').
  const homeBirth = ofType<Encounter>('Encounter').find((e) => isObject(e.resource['class']) && (e.resource['class'] as Json)['code'] === 'HH');
  if (homeBirth) {
    child['birthPlaceKind'] = 'HOME';
    expressions['child.birthPlaceKind'] = `${homeBirth.path}.class`;
  }
  if (!attendant) {
    problem('attendant', 'Bundle.entry', 'required', 'Required: the attending Practitioner (doctor or midwife) with a name', 'Wajib: Practitioner penolong persalinan (dokter atau bidan) dengan nama');
  } else {
    expressions['attendant'] = attendant.path;
    expressions['attendant.type'] = `${attendant.path}.qualification`;
    const attendantName = nameOf(attendant.resource, attendant.path);
    if (!attendantName) problem('attendant.name', `${attendant.path}.name`, 'required', 'Required: the attendant’s name', 'Wajib: nama penolong persalinan');
    else expressions['attendant.name'] = attendantName.expression;
    out['attendant'] = { type: attendantTypeOf(attendant.resource['qualification']), name: attendantName?.value };
  }

  const query =
    typeof motherNik === 'string' && /^\d{16}$/.test(motherNik) && (kk === undefined || (typeof kk.value === 'string' && /^\d{16}$/.test(kk.value)))
      ? { motherNik, ...(typeof kk?.value === 'string' ? { familyCardNumber: kk.value } : {}) }
      : undefined;
  return {
    fromBundle: out,
    issues,
    claimed,
    expressions,
    ...(query ? { registryQuery: query } : {}),
    ...(orderInDelivery ? { orderInDelivery } : {}),
  };
}

/** What the registry adds to the Bundle's notification: the birth order (FHIR has no element for it). */
export interface RegistryAdditions {
  readonly birthOrder: number;
}

export type BundleNotificationResult =
  | { readonly success: true; readonly notification: BirthNotification }
  | { readonly success: false; readonly issues: readonly FhirIssue[] };

/** The FHIRPath for a notification path: its own, or its nearest parent's, or the Bundle. */
function expressionFor(reading: BundleReading, path: string): string {
  for (let parts = path.split('.'); parts.length > 0; parts = parts.slice(0, -1)) {
    const found = reading.expressions[parts.join('.')];
    if (found) return found;
  }
  return 'Bundle';
}

const isClaimed = (reading: BundleReading, path: string) => [...reading.claimed].some((claimed) => path === claimed || path.startsWith(`${claimed}.`));

/**
 * The notification the Bundle and the registry make, checked by BirthNotificationSchema (the one
 * validator of POST /v1/births); each problem answered at the FHIRPath it came from. `registry` is
 * undefined when it was not asked (the Bundle's own problems, or no mother's NIK to ask with).
 */
export function bundleNotification(reading: BundleReading, registry: RegistryAdditions | undefined): BundleNotificationResult {
  const candidate = {
    ...reading.fromBundle,
    // Not looked up (the Bundle is invalid already): a placeholder that the schema accepts, never stored.
    child: { ...(reading.fromBundle['child'] as Json), birthOrder: registry?.birthOrder ?? 1 },
  };
  const parsed = BirthNotificationSchema.safeParse(candidate);
  const schemaIssues: FhirIssue[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => {
        const path = issue.path.map(String).join('.');
        if (isClaimed(reading, path)) return [];
        const required = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
        return [{ expression: expressionFor(reading, path), code: required ? 'required' : 'value', text: schemaText(required ? 'REQUIRED' : issue.message, issue as unknown as Record<string, unknown>) } satisfies FhirIssue];
      });
  const issues = [...reading.issues, ...schemaIssues];
  if (issues.length > 0 || !parsed.success) return { success: false, issues };
  return { success: true, notification: parsed.data };
}

/** The content the idempotency hash covers: what the Bundle says (not what the registry added, which may change between a send and its retry). */
export const bundleContent = (reading: BundleReading): unknown => ({ door: 'fhir', ...reading.fromBundle });

