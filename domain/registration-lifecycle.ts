/**
 * The registration's lifecycle, as data: its statuses, the transitions between them and the
 * timeline steps each writes. Pure (no I/O): functions/shared/registration-repository.ts builds
 * every conditional write of the `REG#` item from this table and refuses a transition it does not
 * declare, so a new transition (a correction, a revocation) is added here first, then given a
 * named method there.
 */

/** What the public API reports. */
export const RegistrationStatus = {
  RECEIVED: 'RECEIVED',
  AWAITING_APPROVAL: 'AWAITING_APPROVAL',
  ISSUING: 'ISSUING',
  COMPLETED: 'COMPLETED',
  REJECTED: 'REJECTED',
  FAILED: 'FAILED',
  /** Pembatalan: a completed registration annulled (a duplicate, NIK ganda); its documents answer REVOKED. */
  REVOKED: 'REVOKED',
} as const;
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];
export const REGISTRATION_STATUSES = Object.values(RegistrationStatus) as readonly RegistrationStatus[];

/** Timeline steps, in the order they normally happen. */
export const STEPS = [
  'RECEIVED',
  'VALIDATED',
  'AWAITING_APPROVAL',
  'ESCALATED',
  'APPROVED',
  'REJECTED',
  'NIK_ISSUED',
  'FAMILY_CARD_UPDATED',
  'BIRTH_CERTIFICATE_ISSUED',
  'CHILD_ID_CARD_ISSUED',
  'DOCUMENTS_ISSUED',
  'COMPLETED',
  'FAILED',
  'CORRECTED',
  'REVOKED',
] as const;
export type StepName = (typeof STEPS)[number];

export interface TransitionRule {
  /** Statuses the registration may be in for the transition to apply (empty: it creates the item). */
  readonly from: readonly RegistrationStatus[];
  readonly to: RegistrationStatus;
  /** Timeline steps the transition writes. */
  readonly steps: readonly StepName[];
  /** `once`: the steps are set by the one write the transition's guard lets through; `first`: if_not_exists, the first time stands. */
  readonly stepWrite: 'once' | 'first';
  /** Declared steps a write of this transition may leave out (the KIA of a child registered at 5 or older is not issued with the akta). */
  readonly optionalSteps?: readonly StepName[];
  /** Leaves the registrars' queue (gsi1). */
  readonly leavesQueue?: true;
  /** Enters the registrars' follow-up list (gsi1 `FOLLOW_UP`, in place of the queue): the case ended REJECTED or FAILED. */
  readonly entersFollowUp?: true;
  readonly why: string;
}

const { RECEIVED, AWAITING_APPROVAL, ISSUING, COMPLETED, REJECTED, FAILED, REVOKED } = RegistrationStatus;

/** Every transition a registration can take. The workflow's order: receive, validate, park (escalate), approve|decline, issue, complete | reject | fail. */
export const TRANSITIONS = {
  receive: { from: [], to: RECEIVED, steps: ['RECEIVED'], stepWrite: 'once', why: 'a hospital notification creates the registration (SubmitBirth)' },
  validate: { from: [RECEIVED], to: RECEIVED, steps: ['VALIDATED'], stepWrite: 'once', why: 'the registry checks record their verdict once (ValidateNotification)' },
  park: {
    from: [RECEIVED, AWAITING_APPROVAL],
    to: AWAITING_APPROVAL,
    steps: ['AWAITING_APPROVAL'],
    stepWrite: 'first',
    why: "the case waits in the registrars' queue with the workflow's task token; re-parked with a new token after escalation (RequestApproval)",
  },
  escalate: { from: [AWAITING_APPROVAL], to: AWAITING_APPROVAL, steps: ['ESCALATED'], stepWrite: 'once', why: 'a decision pending 4 hours is escalated, once (EscalateApproval)' },
  approve: { from: [AWAITING_APPROVAL], to: ISSUING, steps: ['APPROVED'], stepWrite: 'once', leavesQueue: true, why: "a registrar's approval (DecideApproval)" },
  decline: { from: [AWAITING_APPROVAL], to: REJECTED, steps: ['REJECTED'], stepWrite: 'once', leavesQueue: true, entersFollowUp: true, why: "a registrar's rejection (DecideApproval)" },
  issue: {
    from: [ISSUING],
    to: ISSUING,
    steps: ['NIK_ISSUED', 'FAMILY_CARD_UPDATED', 'BIRTH_CERTIFICATE_ISSUED', 'CHILD_ID_CARD_ISSUED'],
    optionalSteps: ['CHILD_ID_CARD_ISSUED'],
    stepWrite: 'once',
    why: 'the NIK, the KK entry, the akta and KIA numbers, once (RegisterChild); no KIA step for a child of 5 or older (domain/child-id-card.ts)',
  },
  complete: { from: [ISSUING], to: COMPLETED, steps: ['DOCUMENTS_ISSUED', 'COMPLETED'], stepWrite: 'once', why: 'the signed documents exist (IssueDocuments)' },
  reject: {
    from: [RECEIVED, REJECTED],
    to: REJECTED,
    steps: ['REJECTED'],
    stepWrite: 'first',
    leavesQueue: true,
    entersFollowUp: true,
    why: "the end of a rejection by the registry checks (from RECEIVED) or a registrar (already REJECTED): the parents and the hospital are told (RecordRejection)",
  },
  fail: {
    from: [RECEIVED, AWAITING_APPROVAL, ISSUING],
    to: FAILED,
    steps: ['FAILED'],
    stepWrite: 'first',
    leavesQueue: true,
    entersFollowUp: true,
    why: 'a step exhausted its retries, a bug, the approval expired (RecordFailure), or the execution ended outside any Catch (RecordExecutionEnd); a completed or rejected registration never fails',
  },
  correct: {
    from: [COMPLETED],
    to: COMPLETED,
    steps: ['CORRECTED'],
    stepWrite: 'once',
    why: "an approved correction re-issues the documents in place, once per amendment (the amendment workflow's ApplyAmendment); the step shows the latest",
  },
  revoke: {
    from: [COMPLETED],
    to: REVOKED,
    steps: ['REVOKED'],
    stepWrite: 'once',
    why: 'pembatalan: a head of office approved the revocation of a completed registration (a duplicate, NIK ganda); every document of it answers REVOKED, the NIK is never reissued',
  },
} as const satisfies Record<string, TransitionRule>;

export type TransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as readonly TransitionName[];

export class UndeclaredTransitionError extends Error {
  constructor(transition: string) {
    super(`The registration lifecycle declares no transition "${transition}"`);
    this.name = 'UndeclaredTransitionError';
  }
}

/** The rule of a declared transition; throws for any other name. */
export function transitionRule(transition: string): TransitionRule {
  if (!Object.hasOwn(TRANSITIONS, transition)) throw new UndeclaredTransitionError(transition);
  return TRANSITIONS[transition as TransitionName];
}

/** Whether a registration in `status` may take `transition`. */
export const allows = (transition: TransitionName, status: RegistrationStatus): boolean =>
  (transitionRule(transition).from as readonly RegistrationStatus[]).includes(status);

/** Statuses the lifecycle can move `status` to. */
export const nextStatuses = (status: RegistrationStatus): RegistrationStatus[] => [
  ...new Set(TRANSITION_NAMES.filter((t) => allows(t, status)).map((t) => TRANSITIONS[t].to)),
];

/** FAILED and REVOKED take no transition at all (COMPLETED may still be corrected or revoked). */
export const isTerminal = (status: RegistrationStatus): boolean => nextStatuses(status).length === 0;
