import type { ExecutionStatusChangeEvent, LocalStepFunctions } from '../../local/stepfunctions/engine.js';

/**
 * The "Step Functions Execution Status Change" event EventBridge would deliver (again) for an
 * execution of `engine` that has ended: what RecordExecutionEnd receives, for replay tests.
 */
export async function executionEndEvent(engine: Pick<LocalStepFunctions, 'describeExecution'>, executionArn: string, stateMachineArn: string): Promise<ExecutionStatusChangeEvent> {
  const execution = await engine.describeExecution(executionArn);
  return {
    version: '0',
    id: 'replayed',
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: '000000000000',
    time: execution.stopDate ?? new Date().toISOString(),
    region: 'ap-southeast-3',
    resources: [execution.executionArn],
    detail: {
      executionArn: execution.executionArn,
      stateMachineArn,
      name: execution.name,
      status: execution.status as ExecutionStatusChangeEvent['detail']['status'],
      startDate: Date.parse(execution.startDate),
      stopDate: execution.stopDate ? Date.parse(execution.stopDate) : null,
      input: execution.input,
      output: null,
      error: execution.error ?? null,
      cause: execution.cause ?? null,
      redriveCount: 0,
    },
  };
}
