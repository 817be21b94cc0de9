import { readFileSync } from 'node:fs';
import { birthNotificationExample } from '../../api/examples.js';

/**
 * What must never appear in a log line: the demo population's NIKs and names, the fixtures' phone
 * numbers, any 16-digit number (a NIK or KK number), Indonesian mobile numbers, JWTs and access codes.
 * Findings name the file, line and kind, and never repeat the match itself.
 */
export interface LeakFinding {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
}

interface DemoPopulation {
  families: { familyCardNumber: string; members: { nik: string; name: string }[] }[];
}

export function personalDataPatterns(): { kind: string; test: (line: string) => boolean }[] {
  const demo = JSON.parse(readFileSync(new URL('../../local/seed/demo-population.json', import.meta.url), 'utf8')) as DemoPopulation;
  const fixture = birthNotificationExample;
  const names = [...demo.families.flatMap((f) => f.members.map((m) => m.name)), fixture.child.name, fixture.attendant.name].filter((n) => n.includes(' '));
  const regex = (kind: string, pattern: RegExp) => ({ kind, test: (line: string) => pattern.test(line) });
  return [
    regex('NIK or KK number (16 digits)', /(?<!\d)\d{16}(?!\d)/),
    // Not inside a longer token: a UUID's last group ("…-0842348660e6") is not a phone number.
    regex('phone number', /(?<![\w*-])(?:\+62|62|0)[\s-]?8\d{2}[\s-]?\d{3,4}[\s-]?\d{3,5}(?![\w*])/),
    regex('JWT', /eyJ[\w-]+\.[\w-]+\./),
    regex('access code', /(?<![\w-])[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}(?![\w-])/),
    { kind: 'name from the demo population', test: (line: string) => names.some((name) => line.includes(name)) },
  ];
}

export function scanText(file: string, text: string, patterns = personalDataPatterns()): LeakFinding[] {
  const findings: LeakFinding[] = [];
  text.split('\n').forEach((line, index) => {
    for (const pattern of patterns) if (pattern.test(line)) findings.push({ file, line: index + 1, kind: pattern.kind });
  });
  return findings;
}
