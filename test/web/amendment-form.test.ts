import { describe, expect, it } from 'vitest';
import { correctionChanges, displayValue, fieldOfIssue } from '../../web/src/amendment-form.js';
import { AmendmentRequestSchema } from '../../api/requests.js';

/** The console's amendment form rules (web/src/amendment-form.ts): pure, no DOM. */
describe('correctionChanges', () => {
  it('sends only the filled-in fields, in the notification’s own shape', () => {
    const changes = correctionChanges({ 'child.name': '  Putri Ayu Lestari ', 'child.birthPlace': '', 'father.nik': '3510130512880003', 'child.weightGrams': '3100' });
    expect(changes).toEqual({ child: { name: 'Putri Ayu Lestari', weightGrams: 3100 }, father: { nik: '3510130512880003' } });
  });

  it('is what the API accepts as a correction (same schema as the HTTP contract)', () => {
    const changes = correctionChanges({ 'child.name': 'Putri Ayu Lestari', 'child.birthDateTime': '2026-11-20T09:30', marriageCertificateNumber: '474.2/123/2020' });
    expect(AmendmentRequestSchema.safeParse({ kind: 'CORRECTION', reason: 'Salah ketik', changes }).success).toBe(true);
  });

  it('enters a birth time in WIB, the office’s zone', () => {
    expect(correctionChanges({ 'child.birthDateTime': '2026-11-20T09:30' })?.child?.birthDateTime).toBe('2026-11-20T09:30:00+07:00');
  });

  it('passes an unparsable number through as typed, so the API’s message names the field', () => {
    expect(correctionChanges({ 'child.birthOrder': 'dua' })?.child?.birthOrder).toBe('dua');
  });

  it('is undefined when nothing is filled in', () => {
    expect(correctionChanges({ 'child.name': ' ', 'child.sex': '' })).toBeUndefined();
  });
});

describe('fieldOfIssue', () => {
  it('puts an issue of changes.<path> under that field, evidence issues under the evidence, others in the summary', () => {
    expect(fieldOfIssue('changes.child.name')).toBe('child.name');
    expect(fieldOfIssue('reason')).toBe('reason');
    expect(fieldOfIssue('evidence.0.reference')).toBe('evidence');
    expect(fieldOfIssue('changes')).toBe('form');
  });
});

describe('displayValue', () => {
  it('shows a missing value as a dash and a birth time through the given formatter', () => {
    expect(displayValue('child.birthPlace', null, String)).toBe('—');
    expect(displayValue('child.birthDateTime', '2026-11-20T08:15:00+07:00', () => '20 Nov 2026 08.15')).toBe('20 Nov 2026 08.15');
    expect(displayValue('father.nik', { nik: '3510130512880003' }, String)).toBe('3510130512880003');
  });
});
