/** A registrar's verdict on a registration waiting for approval: the registration is issued, or ends REJECTED. */
export const VERDICTS = ['APPROVE', 'REJECT'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Who rejected a registration: the registry checks (an ERROR finding) or a registrar's REJECT. */
export const REJECTION_SOURCES = ['REGISTRY_CHECKS', 'REGISTRAR'] as const;
export type RejectionSource = (typeof REJECTION_SOURCES)[number];
