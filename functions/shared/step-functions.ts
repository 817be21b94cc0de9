import { SFNClient } from '@aws-sdk/client-sfn';

/**
 * The Step Functions client, created once per container, for the functions that start or resume
 * executions (its own module, so the others do not bundle or load it). The endpoint comes from the
 * standard SDK environment (AWS_ENDPOINT_URL_SFN): the local stack points it at its own endpoint.
 */
export const stepFunctions = new SFNClient({});
