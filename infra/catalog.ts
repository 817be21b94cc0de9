/**
 * Every Lambda of the system, once. The CDK app builds one NodejsFunction per entry and grants
 * exactly what the entry says; the local stack loads the same handler modules and substitutes the
 * same `${<id>FunctionArn}` placeholders in the ASL. Plain data: no aws-cdk-lib import here.
 */
export type StepFunctionsAction = 'states:StartExecution' | 'states:SendTaskSuccess' | 'states:SendTaskFailure';

export interface FunctionSpec {
  /** PascalCase id: construct id, and `${<id>FunctionArn}` in workflows/*.asl.json for task functions. */
  readonly id: string;
  /** Folder under functions/ holding handler.ts. */
  readonly dir: string;
  readonly description: string;
  readonly table: 'read' | 'readWrite';
  readonly stepFunctions?: readonly StepFunctionsAction[];
  /** Extra environment variable names the function's config reads (see functions/shared/config.ts). */
  readonly env?: readonly ConfigKey[];
  /** HTTP route served by the function (API Gateway HTTP API in AWS, local/http in the local stack). */
  readonly route?: { readonly method: 'GET' | 'POST'; readonly path: string };
  readonly memoryMb?: number;
  readonly timeoutSeconds?: number;
}

/** Deployment settings a function may need beyond the table name (set by infra/stack.ts or local/). */
export type ConfigKey =
  | 'STATE_MACHINE_ARN'
  | 'ACCESS_CODE_SECRET'
  | 'ISSUING_REGENCY_CODE'
  | 'AKTA_NUMBER_FORMAT'
  | 'ISSUING_OFFICE_NAME'
  | 'SERVED_REGENCIES';

export const httpFunctions = [
  {
    id: 'SubmitBirth',
    dir: 'submit-birth',
    description: 'POST /v1/births: a hospital files a birth notification',
    table: 'readWrite',
    stepFunctions: ['states:StartExecution'],
    env: ['STATE_MACHINE_ARN', 'ACCESS_CODE_SECRET'],
    route: { method: 'POST', path: '/v1/births' },
  },
  {
    id: 'GetBirth',
    dir: 'get-birth',
    description: 'GET /v1/births/{registrationId}: status, timeline and issued numbers',
    table: 'read',
    route: { method: 'GET', path: '/v1/births/{registrationId}' },
  },
  {
    id: 'ListApprovals',
    dir: 'list-approvals',
    description: 'GET /v1/approvals: pending registrar decisions, oldest first',
    table: 'read',
    route: { method: 'GET', path: '/v1/approvals' },
  },
  {
    id: 'DecideApproval',
    dir: 'decide-approval',
    description: 'POST /v1/approvals/{registrationId}: a registrar approves or rejects',
    table: 'readWrite',
    stepFunctions: ['states:SendTaskSuccess'],
    route: { method: 'POST', path: '/v1/approvals/{registrationId}' },
  },
] as const satisfies readonly FunctionSpec[];

export const taskFunctions = [
  {
    id: 'ValidateNotification',
    dir: 'validate-notification',
    description: 'Workflow: checks the notification against the population registry',
    table: 'readWrite',
    env: ['SERVED_REGENCIES'],
  },
  {
    id: 'RequestApproval',
    dir: 'request-approval',
    description: 'Workflow callback: stores the task token with the pending approval',
    table: 'readWrite',
    stepFunctions: ['states:SendTaskSuccess'],
  },
  {
    id: 'EscalateApproval',
    dir: 'escalate-approval',
    description: 'Workflow: a decision pending past the promise is escalated',
    table: 'readWrite',
  },
  {
    id: 'IssueNik',
    dir: 'issue-nik',
    description: "Workflow: allocates the child's NIK",
    table: 'readWrite',
  },
  {
    id: 'AddToFamilyCard',
    dir: 'add-to-family-card',
    description: 'Workflow: adds the child to the family card (KK) once',
    table: 'readWrite',
  },
  {
    id: 'IssueBirthCertificate',
    dir: 'issue-birth-certificate',
    description: 'Workflow: issues the akta kelahiran number',
    table: 'readWrite',
    env: ['ISSUING_REGENCY_CODE', 'AKTA_NUMBER_FORMAT'],
  },
  {
    id: 'IssueChildIdCard',
    dir: 'issue-child-id-card',
    description: 'Workflow: issues the KIA (0-5 years kind)',
    table: 'readWrite',
  },
  {
    id: 'CompleteRegistration',
    dir: 'complete-registration',
    description: 'Workflow: marks the registration COMPLETED',
    table: 'readWrite',
  },
  {
    id: 'RecordRejection',
    dir: 'record-rejection',
    description: 'Workflow: records a rejection and its reasons',
    table: 'readWrite',
  },
  {
    id: 'RecordFailure',
    dir: 'record-failure',
    description: 'Workflow: records why a registration failed (caught errors, expired approval)',
    table: 'readWrite',
  },
] as const satisfies readonly FunctionSpec[];

export const allFunctions: readonly FunctionSpec[] = [...httpFunctions, ...taskFunctions];

export type TaskFunctionId = (typeof taskFunctions)[number]['id'];

/** The ASL placeholder for a task function's ARN. */
export const substitutionKey = (id: string): string => `${id}FunctionArn`;

/** The one workflow definition: deployed by infra/stack.ts, executed by the local stack (absolute path). */
export const birthRegistrationDefinitionPath = new URL('../workflows/birth-registration.asl.json', import.meta.url).pathname;
