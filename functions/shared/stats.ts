import type { Verdict } from '../../domain/verdict.js';

/**
 * The dashboard's facts (GET /v1/dashboard): one small item per registrar decision and one per
 * registered birth, written in the same transaction as the decision or the completion and
 * conditional on not existing, so a retried or replayed step never counts twice. They sit in one
 * partition per UTC month, sorted by time, so a window of days is one or a few range queries:
 *   STATS#DECIDED#<yyyy-mm>   / <decidedAt>#<id>      requestedAt, decidedAt, decision
 *   STATS#REGISTERED#<yyyy-mm> / <documentsAt>#<id>   submittedAt, documentsAt, late
 * Nothing personal: ids and instants only. A month partition takes one write per decision or birth
 * (a regency registers a few thousand a month), far below a partition's limits.
 */
export const StatsKind = { DECIDED: 'DECIDED', REGISTERED: 'REGISTERED' } as const;
export type StatsKind = (typeof StatsKind)[keyof typeof StatsKind];

export const statsPartition = (kind: StatsKind, month: string) => `STATS#${kind}#${month}`;
export const statsKey = (kind: StatsKind, at: string, registrationId: string) => ({
  pk: statsPartition(kind, at.slice(0, 7)),
  sk: `${at}#${registrationId}`,
});

export interface DecisionFact {
  readonly registrationId: string;
  readonly requestedAt: string;
  readonly decidedAt: string;
  readonly decision: Verdict;
}

/** A birth counts as registered when its documents are issued (the step before COMPLETED, in the same execution). */
export interface RegistrationFact {
  readonly registrationId: string;
  readonly submittedAt: string;
  readonly documentsAt: string;
  /** Notified more than 60 days after the birth (the LATE_REGISTRATION check). */
  readonly late: boolean;
}

export const decisionFactItem = (fact: DecisionFact) => ({ ...statsKey(StatsKind.DECIDED, fact.decidedAt, fact.registrationId), ...fact });
export const registrationFactItem = (fact: RegistrationFact) => ({
  ...statsKey(StatsKind.REGISTERED, fact.documentsAt, fact.registrationId),
  ...fact,
});
