import type { ParentRegistrationView } from './contract.js';
import type { MessageKey } from './messages.js';

/**
 * What the parents' page says under the status (issue 16 item 6): for every status a parent can see,
 * what happens next and what to do, whether the office's contact belongs there, and whether to list
 * the documents to bring to an office. Pure (no DOM): test/web/parents-next.test.ts walks every status.
 * The words are in web/src/parents-messages.ts.
 */
export interface NextSteps {
  /** The status line: the shared status label, or the parents' own for a rejection (whose next step depends on why). */
  readonly status: MessageKey;
  /** A rejection's reason, as a label (never the code). */
  readonly reason?: MessageKey;
  readonly steps: readonly MessageKey[];
  /** COMPLETED: the KIA's step (the card from the office, the child's photo first, or the KTP-el instead), under the API's note. */
  readonly kia?: MessageKey;
  /** The documents to bring to an office (a rejection the family can take there itself). */
  readonly bring: boolean;
  /** The office's contact (config.json `officeContact`): where the next step is this office. */
  readonly contact: boolean;
}

type View = Pick<ParentRegistrationView, 'status' | 'rejection' | 'decidableBy' | 'issued' | 'childIdCardNote'>;
type ReasonCode = NonNullable<ParentRegistrationView['rejection']>['reasonCode'];

export const BRING: readonly MessageKey[] = ['parents.bring.birthLetter', 'parents.bring.familyCard', 'parents.bring.idCards', 'parents.bring.marriage'];

const REASON_LABEL = {
  REGISTRY_CHECKS: 'parents.reason.REGISTRY_CHECKS',
  DATA_MISMATCH: 'reason.DATA_MISMATCH',
  DUPLICATE: 'reason.DUPLICATE',
  DOCUMENTS_MISSING: 'reason.DOCUMENTS_MISSING',
  OUT_OF_AREA: 'reason.OUT_OF_AREA',
  OTHER: 'reason.OTHER',
} as const satisfies Record<ReasonCode, MessageKey>;

/** A rejection's next step by its reason: the hospital corrects, the family comes with documents, or goes to its own regency. */
const REJECTED: Record<ReasonCode, Omit<NextSteps, 'status' | 'reason'>> = {
  REGISTRY_CHECKS: { steps: ['parents.next.rejected.hospital'], bring: true, contact: true },
  DATA_MISMATCH: { steps: ['parents.next.rejected.hospital'], bring: true, contact: true },
  DOCUMENTS_MISSING: { steps: ['parents.next.rejected.DOCUMENTS_MISSING'], bring: true, contact: true },
  DUPLICATE: { steps: ['parents.next.rejected.DUPLICATE'], bring: false, contact: true },
  // Another regency's office issues it: this office's contact would send them to the wrong desk.
  OUT_OF_AREA: { steps: ['parents.next.rejected.OUT_OF_AREA'], bring: true, contact: false },
  OTHER: { steps: ['parents.next.rejected.OTHER'], bring: true, contact: true },
};

export function parentNextSteps(view: View): NextSteps {
  const status = view.status;
  switch (status) {
    case 'RECEIVED':
    case 'ISSUING':
      return { status: `status.${status}`, steps: [`parents.next.${status}`], bring: false, contact: false };
    case 'AWAITING_APPROVAL':
      return { status: 'status.AWAITING_APPROVAL', steps: [view.decidableBy === 'HEAD_OF_OFFICE' ? 'parents.next.late' : 'parents.next.AWAITING_APPROVAL'], bring: false, contact: false };
    case 'COMPLETED': {
      const kia = view.issued?.childIdCardStatus;
      const kiaStep: MessageKey = kia === 'AWAITING_PHOTO' ? 'parents.next.kiaPhoto' : kia === 'NOT_ELIGIBLE' ? 'parents.next.ktp' : 'parents.next.kiaCard';
      // "KIA issued" only when it was: a child registered at 5 or older gets it later, or not at all.
      const status: MessageKey = kia === 'AWAITING_PHOTO' || kia === 'NOT_ELIGIBLE' ? 'parents.status.COMPLETED.noKia' : 'status.COMPLETED';
      return { status, steps: ['parents.next.COMPLETED'], kia: kiaStep, bring: false, contact: true };
    }
    case 'REJECTED': {
      // An API without reason codes: its worded reason is shown as the API sent it, with the general next step.
      const code = view.rejection?.reasonCode ?? 'OTHER';
      return { status: 'parents.status.REJECTED', ...(view.rejection?.reasonCode ? { reason: REASON_LABEL[code] } : {}), ...REJECTED[code] };
    }
    case 'FAILED':
    case 'REVOKED':
      return { status: `status.${status}`, steps: [`parents.next.${status}`], bring: false, contact: true };
    default: {
      // A status this console does not know yet (a newer API): say so, and where to ask.
      const unknown: never = status;
      void unknown;
      return { status: 'parents.status.unknown', steps: [], bring: false, contact: true };
    }
  }
}

/** wa.me wants the international number in digits: +62 812… or 0812… → 62812…. */
export const whatsAppLink = (number: string): string => `https://wa.me/${number.replace(/\D/g, '').replace(/^0/, '62')}`;
export const telLink = (number: string): string => `tel:${number.replace(/[^\d+]/g, '')}`;
