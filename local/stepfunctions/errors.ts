/**
 * Errors of the Step Functions API, named as the service names them: the local endpoint sends the
 * name as `__type`, and @aws-sdk/client-sfn turns it back into its own exception class
 * (ExecutionAlreadyExists, TaskTimedOut, ...), so handler code catches the same classes in both places.
 */
export class StepFunctionsApiError extends Error {
  constructor(
    readonly type: 'ExecutionAlreadyExists' | 'ExecutionDoesNotExist' | 'TaskTimedOut' | 'InvalidToken' | 'TaskDoesNotExist' | 'InvalidArn' | 'StateMachineDoesNotExist' | 'ValidationException' | 'UnknownOperationException',
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/** The error a callback state fails with when no answer came in time (matched by Catch on `States.Timeout`). */
export class StatesTimeoutError extends Error {
  constructor() {
    super('Task timed out waiting for a callback');
    this.name = 'States.Timeout';
  }
}
