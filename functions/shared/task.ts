import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { isTransient, TransientError } from './errors.js';
import { logger } from './logger.js';

/** Every workflow step receives at least the registration id; the state carries nothing personal. */
export const StepInputSchema = z.object({ registrationId: z.string().min(1) });
export type StepInput = z.infer<typeof StepInputSchema>;

/**
 * Rewrites throttling, conflicts and 5xx from dependencies as TransientError so the workflow's Retry
 * (matched on the error name) backs off and tries again; any other error goes to Catch.
 */
const transientErrors = (): middy.MiddlewareObj => ({
  onError: async (request) => {
    if (isTransient(request.error) && !(request.error instanceof TransientError)) {
      const original = request.error as Error;
      logger.warn('Transient failure, the workflow will retry', { error: original.name });
      request.error = new TransientError(`${original.name}: ${original.message}`, { cause: original });
    }
  },
});

/** A workflow task Lambda: validated input (Powertools parser), registration id as correlation id. */
export function taskHandler<S extends z.ZodType<StepInput>, R>(schema: S, run: (input: z.infer<S>) => Promise<R>) {
  return middy<z.infer<S>, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(transientErrors())
    .use(parser({ schema }))
    .handler(async (input) => {
      logger.appendKeys({ registrationId: input.registrationId });
      return run(input);
    });
}

/** Every step of the amendment workflow receives the amendment id (its record names the registration). */
export const AmendmentStepInputSchema = z.object({ amendmentId: z.string().min(1) });
export type AmendmentStepInput = z.infer<typeof AmendmentStepInputSchema>;

/** A task Lambda of the amendment workflow: as {@link taskHandler}, with the amendment id as correlation id. */
export function amendmentTaskHandler<S extends z.ZodType<AmendmentStepInput>, R>(schema: S, run: (input: z.infer<S>) => Promise<R>) {
  return middy<z.infer<S>, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(transientErrors())
    .use(parser({ schema }))
    .handler(async (input) => {
      logger.appendKeys({ amendmentId: input.amendmentId });
      return run(input);
    });
}
