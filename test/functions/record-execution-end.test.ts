import { describe, expect, it } from 'vitest';
import { amendmentIdOf, ExecutionEndedEventSchema, registrationIdOf, subjectOf } from '../../functions/record-execution-end/schema.js';

/** The EventBridge event as Step Functions sends it (trimmed to what the handler reads, plus a few fields it ignores). */
const event = (detail: Record<string, unknown>) => ({
  version: '0',
  id: '315c1398-40ff-a850-213b-158f73e60175',
  'detail-type': 'Step Functions Execution Status Change',
  source: 'aws.states',
  account: '111122223333',
  time: '2026-12-01T07:00:00Z',
  region: 'ap-southeast-3',
  resources: ['arn:aws:states:ap-southeast-3:111122223333:execution:BirthRegistration:reg-1'],
  detail: {
    executionArn: 'arn:aws:states:ap-southeast-3:111122223333:execution:BirthRegistration:reg-1',
    stateMachineArn: 'arn:aws:states:ap-southeast-3:111122223333:stateMachine:BirthRegistration',
    name: 'reg-1',
    status: 'FAILED',
    startDate: 1764572400000,
    stopDate: 1764572460000,
    input: '{"registrationId":"reg-1"}',
    output: null,
    error: 'States.Runtime',
    cause: 'An error occurred while executing the state',
    redriveCount: 0,
    ...detail,
  },
});

describe('the execution-ended event', () => {
  it('parses the ends the rule sends, and refuses other statuses', () => {
    for (const status of ['FAILED', 'TIMED_OUT', 'ABORTED']) expect(ExecutionEndedEventSchema.safeParse(event({ status })).success, status).toBe(true);
    expect(ExecutionEndedEventSchema.safeParse(event({ status: 'SUCCEEDED' })).success).toBe(false);
    expect(ExecutionEndedEventSchema.safeParse(event({ input: null, error: null, cause: null })).success).toBe(true);
  });

  it("names the registration by the execution's input, else by its name without a retry suffix", () => {
    const parse = (detail: Record<string, unknown>) => ExecutionEndedEventSchema.parse(event(detail)).detail;
    expect(registrationIdOf(parse({}))).toBe('reg-1');
    expect(registrationIdOf(parse({ name: 'reg-1-retry-2', input: null }))).toBe('reg-1');
    expect(registrationIdOf(parse({ name: 'reg-9', input: 'not json' }))).toBe('reg-9');
  });

  it("tells the amendment workflow's executions (input amendmentId) from the birth workflow's (input registrationId); without an input, the table decides", () => {
    const parse = (detail: Record<string, unknown>) => ExecutionEndedEventSchema.parse(event(detail)).detail;
    expect(subjectOf(parse({}))).toBe('registration');
    const amendment = parse({ name: 'amd-1', stateMachineArn: 'arn:aws:states:ap-southeast-3:111122223333:stateMachine:Amendment', input: '{"amendmentId":"amd-1"}' });
    expect(subjectOf(amendment)).toBe('amendment');
    expect(amendmentIdOf(amendment)).toBe('amd-1');
    expect(subjectOf(parse({ name: 'amd-2', input: null }))).toBe('unknown');
    expect(amendmentIdOf(parse({ name: 'amd-2', input: null }))).toBe('amd-2');
  });
});
