import * as z from 'zod';

/**
 * The EventBridge event Step Functions sends when an execution's status changes ("Step Functions
 * Execution Status Change", source aws.states), limited to the ends this function handles. `input`
 * and `output` may be absent or null (over 256 KiB, or withheld); the registration id is the
 * execution's name (functions/submit-birth starts it so), or `<registrationId>-retry-<n>` for an
 * execution an operator started again (README, Operations). The amendment workflow's executions
 * (functions/file-amendment) are named after their amendment, with the input `{ "amendmentId": ... }`.
 */
export const ExecutionEndedDetailSchema = z.object({
  executionArn: z.string().min(1),
  stateMachineArn: z.string().min(1),
  name: z.string().min(1),
  status: z.enum(['FAILED', 'TIMED_OUT', 'ABORTED']),
  input: z.string().nullish(),
  error: z.string().nullish(),
  cause: z.string().nullish(),
});

export const ExecutionEndedEventSchema = z.object({
  'detail-type': z.literal('Step Functions Execution Status Change'),
  source: z.literal('aws.states'),
  detail: ExecutionEndedDetailSchema,
});

export type ExecutionEndedEvent = z.infer<typeof ExecutionEndedEventSchema>;

/** The execution's input, parsed; undefined when absent or not a JSON object. */
function inputOf(detail: z.infer<typeof ExecutionEndedDetailSchema>): Record<string, unknown> | undefined {
  if (!detail.input) return undefined;
  try {
    const parsed: unknown = JSON.parse(detail.input);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which workflow an execution ran: the amendment workflow's input names its amendment (`amendment`),
 * the birth workflow's its registration (`registration`); `unknown` when the input is absent (the
 * name is then the amendment's or the registration's id, and the table says which).
 */
export function subjectOf(detail: z.infer<typeof ExecutionEndedDetailSchema>): 'amendment' | 'registration' | 'unknown' {
  const input = inputOf(detail);
  if (typeof input?.amendmentId === 'string' && input.amendmentId && typeof input.registrationId !== 'string') return 'amendment';
  if (typeof input?.registrationId === 'string' && input.registrationId) return 'registration';
  return 'unknown';
}

/** The amendment an amendment workflow's execution ran for: its input's amendmentId, else its name. */
export function amendmentIdOf(detail: z.infer<typeof ExecutionEndedDetailSchema>): string {
  const input = inputOf(detail);
  return typeof input?.amendmentId === 'string' && input.amendmentId ? input.amendmentId : detail.name;
}

const RETRY_SUFFIX = /-retry-\d+$/;

/** The registration an execution ran for: its input's registrationId, else its name (without a retry suffix). */
export function registrationIdOf(detail: z.infer<typeof ExecutionEndedDetailSchema>): string {
  if (detail.input) {
    try {
      const parsed = JSON.parse(detail.input) as { registrationId?: unknown };
      if (typeof parsed.registrationId === 'string' && parsed.registrationId) return parsed.registrationId;
    } catch {
      // not JSON: fall back to the name
    }
  }
  return detail.name.replace(RETRY_SUFFIX, '');
}
