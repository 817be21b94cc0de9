import * as z from 'zod';

/** Why a registrar rejects, as a code: what the audit trail keeps (the free-text reason may name people). */
export const REJECTION_REASON_CODES = ['DATA_MISMATCH', 'DUPLICATE', 'DOCUMENTS_MISSING', 'OUT_OF_AREA', 'OTHER'] as const;

/** POST /v1/approvals/{registrationId}: a registrar's verdict. A rejection must say why. */
export const DecisionSchema = z
  .strictObject({
    decision: z.enum(['APPROVE', 'REJECT'], 'APPROVE or REJECT'),
    reason: z.string().trim().min(1, 'Required when rejecting').max(1000, 'At most 1000 characters').optional(),
    reasonCode: z.enum(REJECTION_REASON_CODES).optional(),
  })
  .refine((d) => d.decision !== 'REJECT' || d.reason, { message: 'A rejection needs a reason', path: ['reason'] });

export type Decision = z.infer<typeof DecisionSchema>;
