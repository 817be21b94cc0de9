import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allows,
  isTerminal,
  nextStatuses,
  REGISTRATION_STATUSES,
  RegistrationStatus,
  STEPS,
  TRANSITION_NAMES,
  TRANSITIONS,
  transitionRule,
  UndeclaredTransitionError,
} from '../../domain/registration-lifecycle.js';
import { transitionUpdate } from '../../functions/shared/registration-repository.js';

const { RECEIVED, AWAITING_APPROVAL, ISSUING, COMPLETED, REJECTED, FAILED, REVOKED } = RegistrationStatus;

describe('the registration lifecycle table', () => {
  it('declares exactly these transitions (a new one is added here, on purpose)', () => {
    const table = Object.fromEntries(TRANSITION_NAMES.map((t) => [t, `${TRANSITIONS[t].from.join('|') || '∅'} -> ${TRANSITIONS[t].to}`]));
    expect(table).toEqual({
      receive: '∅ -> RECEIVED',
      validate: 'RECEIVED -> RECEIVED',
      park: 'RECEIVED|AWAITING_APPROVAL -> AWAITING_APPROVAL',
      escalate: 'AWAITING_APPROVAL -> AWAITING_APPROVAL',
      approve: 'AWAITING_APPROVAL -> ISSUING',
      decline: 'AWAITING_APPROVAL -> REJECTED',
      issue: 'ISSUING -> ISSUING',
      complete: 'ISSUING -> COMPLETED',
      reject: 'RECEIVED|REJECTED -> REJECTED',
      fail: 'RECEIVED|AWAITING_APPROVAL|ISSUING -> FAILED',
      correct: 'COMPLETED -> COMPLETED',
      revoke: 'COMPLETED -> REVOKED',
    });
  });

  it('moves each status only to the statuses it declares', () => {
    expect(nextStatuses(RECEIVED).sort()).toEqual([AWAITING_APPROVAL, FAILED, RECEIVED, REJECTED].sort());
    expect(nextStatuses(AWAITING_APPROVAL).sort()).toEqual([AWAITING_APPROVAL, FAILED, ISSUING, REJECTED].sort());
    expect(nextStatuses(ISSUING).sort()).toEqual([COMPLETED, FAILED, ISSUING].sort());
    expect(nextStatuses(REJECTED).sort()).toEqual([REJECTED].sort());
    expect(nextStatuses(COMPLETED).sort()).toEqual([COMPLETED, REVOKED].sort());
    expect(nextStatuses(FAILED)).toEqual([]);
    expect(nextStatuses(REVOKED)).toEqual([]);
  });

  it('never leaves FAILED or REVOKED; a COMPLETED registration is only corrected or revoked', () => {
    expect(REGISTRATION_STATUSES.filter(isTerminal)).toEqual([FAILED, REVOKED]);
    expect(TRANSITION_NAMES.filter((transition) => allows(transition, COMPLETED))).toEqual(['correct', 'revoke']);
  });

  it('reaches every status from RECEIVED, and every timeline step is written by some transition', () => {
    const reached = new Set<string>([RECEIVED]);
    for (let grew = true; grew; ) {
      const before = reached.size;
      for (const status of [...reached]) for (const next of nextStatuses(status as RegistrationStatus)) reached.add(next);
      grew = reached.size > before;
    }
    expect([...reached].sort()).toEqual([...REGISTRATION_STATUSES].sort());
    const written = new Set(TRANSITION_NAMES.flatMap((t) => TRANSITIONS[t].steps));
    expect(STEPS.filter((step) => !written.has(step))).toEqual([]);
  });

  it('refuses a transition it does not declare', () => {
    expect(() => transitionRule('reinstate')).toThrow(UndeclaredTransitionError);
    expect(() => transitionRule('toString')).toThrow(UndeclaredTransitionError);
  });
});

describe("the repository's writes come from the table", () => {
  it.each(TRANSITION_NAMES.filter((t) => t !== 'receive'))('%s: its status condition is the table’s from, its steps the table’s', (transition) => {
    const rule = TRANSITIONS[transition];
    const update = transitionUpdate('Registry', { transition, registrationId: 'r1', at: '2026-11-20T01:00:00.000Z' });
    const values = update.ExpressionAttributeValues as Record<string, unknown>;
    const names = update.ExpressionAttributeNames as Record<string, string>;
    const from = Object.entries(values).filter(([k]) => k.startsWith(':from')).map(([, v]) => v);
    expect(from).toEqual(rule.from);
    expect(values[':to']).toBe(rule.to);
    expect(update.ConditionExpression).toMatch(/^attribute_exists\(pk\) AND #status IN \(/);
    expect(Object.entries(names).filter(([k]) => k.startsWith('#step')).map(([, v]) => v)).toEqual(rule.steps);
    const followUp = Boolean('entersFollowUp' in rule && rule.entersFollowUp);
    // Leaving the queue removes its index entry, unless the case enters the follow-up list in its place.
    expect((update.UpdateExpression ?? '').includes('REMOVE gsi1pk, gsi1sk')).toBe(Boolean('leavesQueue' in rule && rule.leavesQueue) && !followUp);
    expect((update.UpdateExpression ?? '').includes('gsi1pk = :followUp')).toBe(followUp);
    expect(values[':followUp']).toBe(followUp ? 'FOLLOW_UP' : undefined);
    expect(update.ReturnValuesOnConditionCheckFailure).toBe('ALL_OLD');
  });

  it('leaves out only a declared optional step: issue without CHILD_ID_CARD_ISSUED (a child of 5 or older), never without the NIK', () => {
    const names = (omit: readonly (typeof STEPS)[number][]) =>
      Object.values(transitionUpdate('Registry', { transition: 'issue', registrationId: 'r1', at: 'now', omitSteps: omit }).ExpressionAttributeNames ?? {});
    expect(names([])).toContain('CHILD_ID_CARD_ISSUED');
    expect(names(['CHILD_ID_CARD_ISSUED'])).not.toContain('CHILD_ID_CARD_ISSUED');
    expect(names(['CHILD_ID_CARD_ISSUED'])).toContain('BIRTH_CERTIFICATE_ISSUED');
    expect(() => transitionUpdate('Registry', { transition: 'issue', registrationId: 'r1', at: 'now', omitSteps: ['NIK_ISSUED'] })).toThrow(/cannot leave out/);
  });

  it('builds no write for an undeclared transition', () => {
    expect(() => transitionUpdate('Registry', { transition: 'reinstate' as never, registrationId: 'r1', at: 'now' })).toThrow(UndeclaredTransitionError);
  });
});

describe('one home for registration writes', () => {
  it('no function but the repository writes the REG# item with its own update expression', () => {
    const root = join(import.meta.dirname, '../../functions');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && entry.name !== 'registration-repository.ts') {
          const text = readFileSync(path, 'utf8');
          if (/registrationKey\(/.test(text) && /(UpdateExpression|UpdateCommand|Put:\s*\{[^}]*registrationKey)/.test(text)) offenders.push(path);
          if (/ConditionalCheckFailedException|CancellationReasons/.test(text) && entry.name !== 'errors.ts') offenders.push(`${path} (condition failure parsed outside errors.ts)`);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
