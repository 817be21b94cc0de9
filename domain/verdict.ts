/** A registrar's verdict on a registration waiting for approval: the registration is issued, or ends REJECTED. */
export const VERDICTS = ['APPROVE', 'REJECT'] as const;
export type Verdict = (typeof VERDICTS)[number];
