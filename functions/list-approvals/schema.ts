import * as z from 'zod';

/** GET /v1/approvals?limit=&cursor=: a page of the registrars' queue. */
export const ApprovalsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});
