import { z } from 'zod';

/** POST /v1/approvals/{registrationId}: a registrar's verdict. A rejection must say why. */
export const DecisionSchema = z
  .strictObject({
    decision: z.enum(['APPROVE', 'REJECT'], 'APPROVE or REJECT'),
    reason: z.string().trim().min(1, 'Required when rejecting').max(1000, 'At most 1000 characters').optional(),
  })
  .refine((d) => d.decision !== 'REJECT' || d.reason, { message: 'A rejection needs a reason', path: ['reason'] });

export type Decision = z.infer<typeof DecisionSchema>;
