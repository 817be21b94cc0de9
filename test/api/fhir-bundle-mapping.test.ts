import { describe, expect, it } from 'vitest';
import { birthNotificationExample } from '../../api/examples.js';
import { attendantTypeOf, bundleContent, bundleNotification, readBundle, readEnvelope, type FhirIssue } from '../../api/fhir/bundle-mapping.js';
import { satusehatBundleExample } from '../../api/fhir/examples.js';
import { bilingual, preferredLanguage } from '../../api/fhir/messages.js';
import { validationOutcome } from '../../api/fhir/operation-outcome.js';
import { EXTENSION } from '../../api/fhir/satusehat.js';
import { BirthNotificationSchema } from '../../api/requests.js';

/**
 * The FHIR door's mapping (api/fhir/bundle-mapping.ts) without AWS: the SATUSEHAT-shaped example
 * becomes the JSON example notification, and each wrong element is answered at its own FHIRPath.
 */
type Json = Record<string, any>;
const KK = '3510160101200001';
const REGISTRY = { birthOrder: 2 };

/** A fresh copy of the example Bundle, changed by `edit`. */
function bundle(edit: (b: Json) => void = () => {}): Json {
  const copy = structuredClone(satusehatBundleExample) as unknown as Json;
  edit(copy);
  return copy;
}

function map(body: unknown, registry: typeof REGISTRY | undefined = REGISTRY) {
  const envelope = readEnvelope(body);
  if (!envelope.success) return { success: false as const, issues: envelope.issues };
  return bundleNotification(readBundle(envelope.bundle), registry);
}

function issuesOf(body: unknown, registry: typeof REGISTRY | undefined = REGISTRY): readonly FhirIssue[] {
  const result = map(body, registry);
  if (result.success) throw new Error('expected the Bundle to be refused');
  return result.issues;
}
/** The elements named (one element may break two rules: a short NIK is also no valid date). */
const expressions = (body: unknown) => [...new Set(issuesOf(body).map((i) => i.expression))];

const BIRTH_TIME = `Bundle.entry[0].resource.birthDate.extension('${EXTENSION.birthTime}').value`;

describe('a SATUSEHAT-shaped Bundle read into the birth notification', () => {
  it('makes the JSON example’s notification (the registry adding the birth order; the KK left to the workflow)', () => {
    const result = map(bundle());
    const { familyCardNumber: _kk, ...json } = BirthNotificationSchema.parse({ ...birthNotificationExample, notificationId: 'RSUD-BLB-2026-000123-FHIR' });
    // The same instant, written in UTC as SATUSEHAT requires (08:15 WIB); the father's name as the Bundle gives it.
    expect(Date.parse(json.child.birthDateTime)).toBe(Date.parse('2026-11-20T01:15:00+00:00'));
    expect(result.success && result.notification).toEqual({
      ...json,
      child: { ...json.child, birthDateTime: '2026-11-20T01:15:00+00:00' },
      father: { nik: '3510161407920001', name: 'Agus Santoso' },
    });
  });

  it('keeps a KK the Bundle names, on the newborn or the mother', () => {
    const onMother = map(bundle((b) => b.entry[1].resource.identifier.push({ system: 'https://fhir.kemkes.go.id/id/kk', value: KK })));
    expect(onMother.success && onMother.notification.familyCardNumber).toBe(KK);
    expect(expressions(bundle((b) => b.entry[0].resource.identifier.push({ system: 'https://fhir.kemkes.go.id/id/kk', value: '123' })))).toEqual(['Bundle.entry[0].resource.identifier[1].value']);
  });

  it('reads an SPTJM from the father (in place of a marriage record), and a home birth from the Encounter’s class', () => {
    const result = map(
      bundle((b) => {
        b.entry[2].resource.extension = [{ url: EXTENSION.sptjm, valueDate: '2026-11-19' }];
        b.entry[5].resource.class = { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' };
      }),
    );
    expect(result.success && result.notification).toMatchObject({ sptjm: { kind: 'HUSBAND_AND_WIFE', signedOn: '2026-11-19' }, child: { birthPlaceKind: 'HOME' } });
    expect(result.success && result.notification.marriageCertificateNumber).toBeUndefined();
  });

  it('asks the registry with the mother’s NIK, and the KK when the Bundle names one', () => {
    const envelope = readEnvelope(bundle());
    if (!envelope.success) throw new Error('envelope');
    expect(readBundle(envelope.bundle).registryQuery).toEqual({ motherNik: '3510165203950001' });
    const withKk = readEnvelope(bundle((b) => b.entry[0].resource.identifier.push({ system: 'https://fhir.kemkes.go.id/id/kk', value: KK })));
    if (!withKk.success) throw new Error('envelope');
    expect(readBundle(withKk.bundle).registryQuery).toEqual({ motherNik: '3510165203950001', familyCardNumber: KK });
  });

  it('hashes what the Bundle says, not what the registry added', () => {
    const envelope = readEnvelope(bundle());
    if (!envelope.success) throw new Error('envelope');
    const content = JSON.stringify(bundleContent(readBundle(envelope.bundle)));
    expect(content).not.toContain('birthOrder');
    expect(content).not.toContain(KK);
  });

  it('converts kilograms and millimetres, and reads a twin’s order from multipleBirthInteger', () => {
    const result = map(
      bundle((b) => {
        b.entry[3].resource.valueQuantity = { value: 3.15, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' };
        b.entry[4].resource.valueQuantity = { value: 495, unit: 'mm', system: 'http://unitsofmeasure.org', code: 'mm' };
        b.entry[0].resource.multipleBirthInteger = 2;
      }),
    );
    expect(result.success && result.notification.child).toMatchObject({ weightGrams: 3150, lengthCm: 49.5, multipleBirth: { count: 2, order: 2 } });
  });

  it('takes the delivery’s size from multipleBirthTotal (triplets)', () => {
    const result = map(
      bundle((b) => {
        b.entry[0].resource.multipleBirthInteger = 1;
        b.entry[0].resource._multipleBirthInteger = { extension: [{ url: EXTENSION.multipleBirthTotal, valueInteger: 3 }] };
      }),
    );
    expect(result.success && result.notification.child.multipleBirth).toEqual({ count: 3, order: 1 });
  });

  it('takes the phone from the mother’s telecom and the attendant’s kind from the qualification', () => {
    const result = map(bundle());
    expect(result.success && result.notification).toMatchObject({ contactPhone: '+6281234567890', attendant: { type: 'MIDWIFE', name: 'Bidan Sri Wahyuni' } });
  });
});

describe('each wrong element is answered at its FHIRPath', () => {
  const cases: readonly [string, (b: Json) => void, string][] = [
    ['no birth time', (b) => delete b.entry[0].resource._birthDate, 'Bundle.entry[0].resource.birthDate'],
    ['a birth time without offset', (b) => (b.entry[0].resource._birthDate.extension[0].valueDateTime = '2026-11-20T01:15:00'), BIRTH_TIME],
    ['a birth in the future', (b) => (b.entry[0].resource._birthDate.extension[0].valueDateTime = '2099-01-01T00:00:00Z'), BIRTH_TIME],
    ['gender unknown', (b) => (b.entry[0].resource.gender = 'unknown'), 'Bundle.entry[0].resource.gender'],
    ['a name with a digit', (b) => (b.entry[0].resource.name[0].text = 'Arka 2'), 'Bundle.entry[0].resource.name[0].text'],
    ['a placeholder name', (b) => (b.entry[0].resource.name[0].text = 'Bayi Ny. Siti Rahmawati'), 'Bundle.entry[0].resource.name[0].text'],
    ['a short nik-ibu', (b) => (b.entry[0].resource.identifier[0].value = '12345'), 'Bundle.entry[0].resource.identifier[0].value'],
    ['the mother’s own NIK differing', (b) => (b.entry[1].resource.identifier[0].value = '3510164101900001'), 'Bundle.entry[1].resource.identifier[0].value'],
    ['the mother’s phone not a mobile number', (b) => (b.entry[1].resource.telecom[0].value = '12345'), 'Bundle.entry[1].resource.telecom[0].value'],
    ['the mother without a phone', (b) => delete b.entry[1].resource.telecom, 'Bundle.entry[1].resource.telecom'],
    ['the father’s NIK impossible', (b) => (b.entry[2].resource.identifier[0].value = '3510169999920001'), 'Bundle.entry[2].resource.identifier[0].value'],
    ['the father without a NIK', (b) => delete b.entry[2].resource.identifier, 'Bundle.entry[2].resource.identifier'],
    ['a marriage record with other characters', (b) => (b.entry[2].resource.extension[0].valueString = '0123 045'), `Bundle.entry[2].resource.extension('${EXTENSION.marriageCertificate}').value`],
    ['a weight of 200 g', (b) => (b.entry[3].resource.valueQuantity.value = 200), 'Bundle.entry[3].resource.valueQuantity.value'],
    ['a weight in pounds', (b) => (b.entry[3].resource.valueQuantity = { value: 7, unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' }), 'Bundle.entry[3].resource.valueQuantity.code'],
    ['a weight about another patient', (b) => (b.entry[3].resource.subject = { reference: 'Patient/someone-else' }), 'Bundle.entry[3].resource.subject'],
    ['a length of 80 cm', (b) => (b.entry[4].resource.valueQuantity.value = 80), 'Bundle.entry[4].resource.valueQuantity.value'],
    ['no length', (b) => b.entry.splice(4, 1), 'Bundle.entry'],
    ['a practitioner without a name', (b) => delete b.entry[6].resource.name, 'Bundle.entry[6].resource.name'],
    ['multipleBirthBoolean without an order', (b) => { delete b.entry[0].resource.multipleBirthInteger; b.entry[0].resource.multipleBirthBoolean = true; }, 'Bundle.entry[0].resource.multipleBirthBoolean'],
    ['an order beyond the delivery’s size', (b) => { b.entry[0].resource.multipleBirthInteger = 3; b.entry[0].resource._multipleBirthInteger = { extension: [{ url: EXTENSION.multipleBirthTotal, valueInteger: 2 }] }; }, 'Bundle.entry[0].resource.multipleBirthInteger'],
    ['an identifier with spaces', (b) => (b.identifier.value = 'RSUD BLB 1'), 'Bundle.identifier.value'],
    ['no identifier', (b) => delete b.identifier, 'Bundle.identifier'],
    ['a document Bundle', (b) => (b.type = 'document'), 'Bundle.type'],
    ['not a Bundle', (b) => (b.resourceType = 'Patient'), 'Bundle.resourceType'],
    ['an entry without a resource', (b) => delete b.entry[7].resource, 'Bundle.entry[7].resource'],
    ['no newborn (no nik-ibu)', (b) => (b.entry[0].resource.identifier[0].system = 'https://fhir.kemkes.go.id/id/nik'), 'Bundle.entry'],
    ['two newborns', (b) => b.entry.push(structuredClone(b.entry[0])), 'Bundle.entry[8].resource'],
  ];
  for (const [name, edit, expression] of cases) {
    it(`${name}: ${expression}`, () => {
      expect(expressions(bundle(edit))).toEqual([expression]);
    });
  }

  it('reports every problem at once, each at its own element', () => {
    const found = expressions(
      bundle((b) => {
        b.entry[0].resource.gender = 'other';
        b.entry[3].resource.valueQuantity.value = 9000;
        b.entry[1].resource.telecom[0].value = 'x';
      }),
    );
    expect(found.sort()).toEqual(['Bundle.entry[0].resource.gender', 'Bundle.entry[1].resource.telecom[0].value', 'Bundle.entry[3].resource.valueQuantity.value']);
  });

  it('answers the schema’s cross-field rules at the element too: a father with the mother’s NIK, an SPTJM beside a marriage record', () => {
    expect(expressions(bundle((b) => (b.entry[2].resource.identifier[0].value = '3510165203950001')))).toEqual(['Bundle.entry[2].resource.identifier[0].value']);
    expect(expressions(bundle((b) => b.entry[2].resource.extension.push({ url: EXTENSION.sptjm, valueDate: '2026-11-19' })))).toEqual([`Bundle.entry[2].resource.extension('${EXTENSION.sptjm}')`]);
  });

  it('answers no JSON object, and a body that is no resource, at Bundle', () => {
    expect(issuesOf([]).map((i) => i.expression)).toEqual(['Bundle']);
    expect(issuesOf('Bundle').map((i) => i.expression)).toEqual(['Bundle']);
  });

  it('codes each issue from the FHIR issue-type value set, and speaks Indonesian when asked', () => {
    const issues = issuesOf(bundle((b) => { delete b.entry[0].resource._birthDate; b.entry[3].resource.valueQuantity.value = 200; }));
    expect(issues.map((i) => i.code).sort()).toEqual(['required', 'value']);
    const outcome = validationOutcome(issues, 'id');
    expect(outcome.issue.map((i) => i.details?.text)).toEqual(expect.arrayContaining(['Di bawah 300 g tidak dapat dicatat sebagai kelahiran hidup']));
    expect(validationOutcome(issues, 'en').issue.map((i) => i.details?.text)).toEqual(expect.arrayContaining(['Below 300 g is not a live birth we can register']));
  });

  it('lists at most 50 issues, and says how many more there were', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ expression: `Bundle.entry[${i}]`, code: 'value' as const, text: { en: 'x', id: 'x' } }));
    const outcome = validationOutcome(many, 'en');
    expect(outcome.issue).toHaveLength(51);
    expect(outcome.issue[50]).toMatchObject({ severity: 'information', details: { text: '30 more issues not listed' } });
  });
});

describe('the attendant’s kind and the language', () => {
  it('reads doctor, midwife and nurse from codes or words; OTHER when the qualification says none', () => {
    const q = (code: string | undefined, text?: string) => [{ code: { ...(code ? { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code }] } : {}), ...(text ? { text } : {}) } }];
    expect(attendantTypeOf(q('MD'))).toBe('DOCTOR');
    expect(attendantTypeOf(q('CNM'))).toBe('MIDWIFE');
    expect(attendantTypeOf(q(undefined, 'Certified Nurse Midwife'))).toBe('MIDWIFE');
    expect(attendantTypeOf(q(undefined, 'Dokter Spesialis Obstetri dan Ginekologi'))).toBe('DOCTOR');
    expect(attendantTypeOf(q(undefined, 'Perawat'))).toBe('NURSE');
    expect(attendantTypeOf(undefined)).toBe('OTHER');
    expect(attendantTypeOf('nonsense')).toBe('OTHER');
  });

  it('answers in Indonesian when Accept-Language prefers it, else English', () => {
    expect(preferredLanguage('id-ID,id;q=0.9,en;q=0.8')).toBe('id');
    expect(preferredLanguage('en-US,id;q=0.5')).toBe('en');
    expect(preferredLanguage('fr, in;q=0.4')).toBe('id');
    expect(preferredLanguage('en;q=0.2, id;q=0.9')).toBe('id');
    expect(preferredLanguage(undefined)).toBe('en');
    expect(preferredLanguage('de')).toBe('en');
  });

  it('knows the Indonesian of each schema message it meets, and never answers in English alone', () => {
    expect(bilingual('A NIK has exactly 16 digits').id).toBe('NIK terdiri dari tepat 16 angka');
    expect(bilingual('At most 64 characters').id).toBe('Paling banyak 64 karakter');
    expect(bilingual('A rule added later').id).toContain('A rule added later');
  });
});

describe('the README', () => {
  it('shows the example Bundle the tests send, as it is', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('## FHIR notifications'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(JSON.parse(block ?? 'null')).toEqual(satusehatBundleExample);
  });
});
