import { expect, it } from 'vitest';
import { scanText } from './log-scanner.js';

/** The log scan (test/setup/log-scan.ts) finds each kind of personal data, and not ids that look alike. */
const kinds = (line: string) => scanText('x.log', line).map((f) => f.kind);

it('finds NIKs, KK numbers, phone numbers, JWTs, access codes and demo names', () => {
  expect(kinds('{"nik":"3510165203950001"}')).toEqual(['NIK or KK number (16 digits)']);
  expect(kinds('kk 3510160101200001 added')).toEqual(['NIK or KK number (16 digits)']);
  expect(kinds('sms to +6281234567890')).toEqual(['phone number']);
  expect(kinds('call 0812-3456-7890')).toContain('phone number');
  expect(kinds('Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.sig')).toEqual(['JWT']);
  expect(kinds('code K7Q2-9XMD-4PLA')).toEqual(['access code']);
  expect(kinds('mother Siti Rahmawati')).toEqual(['name from the demo population']);
  expect(scanText('a.log', 'ok\nok\n3510165203950001')).toEqual([{ file: 'a.log', line: 3, kind: 'NIK or KK number (16 digits)' }]);
});

it('leaves ids, masked numbers and timestamps alone', () => {
  expect(kinds('registrationId 8eb02f26-1234-4808-9012-0c4858566021')).toEqual([]);
  expect(kinds('"function_request_id":"f8091c6d-f31b-4cdc-b144-0842348660e6"')).toEqual([]);
  expect(kinds('requestId 1234-5678-9012-3456-7890')).toEqual([]);
  expect(kinds('sms to +62812****7890')).toEqual([]);
  expect(kinds('at 1763912345678 took 17ms, 2026-11-23T15:45:06.369Z')).toEqual([]);
  expect(kinds('nik 3510••••••••0001')).toEqual([]);
});
