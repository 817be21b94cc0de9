import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { allFunctions, amendmentTaskFunctions, backgroundFunctions, executionEventFunctions, httpFunctions, substitutionKey, taskFunctions } from '../../infra/catalog.js';
import { localResolver, resolvedStatements } from '../../local/bundle-mode.js';
import { resolvedDefinition } from '../../local/deployed-app.js';
import { isAllowed } from '../../local/iam.js';
import { functionArn, loadDefinition, type LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * The local stack runs what AWS runs (README "How the local stack mirrors the deployed app"): the
 * bundles of the synthesized cloud assembly, each with exactly its synthesized environment, the
 * template's workflow definition, and every AWS call checked against the function's role. Some tests
 * run a copy of the assembly with one thing changed in its template, to show that the change is what
 * runs (the bundles are the same files, linked).
 */
const bundleMode = inject('localMode') === 'bundle';

/** Variables every function gets beside its template's: what Lambda sets, and the local endpoints and knobs. */
const RUNTIME_AND_LOCAL = new Set([
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_MAX_CONCURRENCY',
  'LAMBDA_TASK_ROOT',
  '_HANDLER',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ENDPOINT_URL_SFN',
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  'JWT_JWKS_URL',
  'POWERTOOLS_METRICS_DISABLED',
  'WEBHOOK_ALLOW_LOCAL_HTTP',
  'NOTIFY_BACKOFF_BASE_MS',
  'NOTIFY_BACKOFF_MAX_MS',
  'INTAKE_QUOTA_PER_MINUTE',
  'INTAKE_QUOTA_PER_DAY',
  'LOCAL_FAULT_DYNAMODB_THROTTLE_RATE',
  'LOCAL_FAULT_SEED',
]);

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };

/** A copy of the run's cloud assembly with its template edited (assets linked, not copied). */
function assemblyWith(edit: (template: Template) => void): string {
  const source = inject('assemblyDir');
  const copy = mkdtempSync(join(tmpdir(), 'lahir-assembly-copy-'));
  for (const entry of readdirSync(source)) {
    if (entry.endsWith('.template.json')) {
      const template = JSON.parse(readFileSync(join(source, entry), 'utf8')) as Template;
      edit(template);
      writeFileSync(join(copy, entry), JSON.stringify(template));
    } else symlinkSync(join(source, entry), join(copy, entry));
  }
  copies.push(copy);
  return copy;
}
const copies: string[] = [];

const resourceOf = (template: Template, type: string, id: string) => {
  const found = Object.entries(template.Resources).find(([logicalId, r]) => r.Type === type && logicalId.startsWith(id));
  if (!found) throw new Error(`No ${type} ${id}`);
  return found[1];
};

describe.runIf(bundleMode)('the local stack runs the synthesized app', () => {
  let stack: LocalStack;
  let call: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    stack = await startTestStack();
    call = apiClient(stack.url);
  });
  afterAll(async () => {
    await stack?.stop();
    for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  });

  it('gives each function exactly the environment its synthesized function has, with references resolved to the local resources', () => {
    const app = stack.deployedApp!;
    const loaded = [...taskFunctions, ...amendmentTaskFunctions, ...httpFunctions, ...backgroundFunctions, ...executionEventFunctions].map((f) => f.id);
    expect([...stack.functionEnvironments.keys()].sort()).toEqual([...loaded].sort());
    for (const [id, env] of stack.functionEnvironments) {
      const synthesized = Object.keys(app.functions.get(id)!.environment).sort();
      expect(Object.keys(env).filter((key) => !RUNTIME_AND_LOCAL.has(key)).sort(), id).toEqual(synthesized);
      if (synthesized.includes('TABLE_NAME')) expect(env.TABLE_NAME, id).toBe(stack.tableName);
      if (synthesized.includes('STATE_MACHINE_ARN')) expect(env.STATE_MACHINE_ARN, id).toBe(stack.stateMachineArn);
      if (synthesized.includes('AMENDMENT_STATE_MACHINE_ARN')) expect(env.AMENDMENT_STATE_MACHINE_ARN, id).toBe(stack.amendmentStateMachineArn);
      if (synthesized.includes('PUBLIC_BASE_URL')) expect(env.PUBLIC_BASE_URL, id).toMatch(/^https?:\/\//);
      // The local stand-ins: the signing key file for KMS, the console for SNS; nothing of AWS is left.
      for (const value of Object.values(env)) expect(value, id).not.toMatch(/amazonaws\.com|^kms:|arn:aws:kms/);
    }
    // Only the functions the template gives the settings have them (no shared process.env).
    expect(stack.functionEnvironments.get('ListApprovals')).not.toHaveProperty('STATE_MACHINE_ARN');
    expect(stack.functionEnvironments.get('ApiDocs')).not.toHaveProperty('TABLE_NAME');
  });

  it('runs the workflow definition of the synthesized template, with the local function ARNs substituted', () => {
    const app = stack.deployedApp!;
    const values = { region: 'ap-southeast-3', account: '000000000000', tableName: stack.tableName, stateMachineArn: stack.stateMachineArn, amendmentStateMachineArn: stack.amendmentStateMachineArn, functionArn };
    const expected = resolvedDefinition(app, localResolver(app, { ...values, apiUrl: stack.url, jwksUrl: '', issuer: '', signingKeyFile: '', verificationKeys: '', accessCodeSecret: '', clientIdOf: () => undefined }));
    expect(stack.definition).toEqual(expected);
    // Today the CDK app deploys workflows/ unchanged: the source file and the template agree.
    expect(stack.definition).toEqual(loadDefinition(Object.fromEntries(taskFunctions.map((f) => [substitutionKey(f.id), functionArn(f.id)]))));
  });

  it('sends every AWS call of every function through its role: a birth to COMPLETED makes only granted calls', async () => {
    const hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
    const registrar = await stack.issuer.signRegistrarToken('registrar.test');
    const created = await call<{ registrationId: string; accessCode: string }>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: 'deployed-app-1', mother: { nik: DEMO.banyuwangi.motherNik } }),
    });
    expect(created.status).toBe(202);
    const id = created.body.registrationId;
    const status = () => call<{ status: string }>('GET', `/v1/births/${id}`, { token: registrar }).then((r) => r.body.status);
    await waitFor(status, (s) => s === 'AWAITING_APPROVAL');
    expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
    await waitFor(status, (s) => s === 'COMPLETED');
    const documents = await call('GET', `/v1/births/${id}/documents`, { token: registrar });
    expect(documents.status).toBe(200);

    const calls = stack.awsCalls();
    expect(calls.filter((c) => !c.allowed)).toEqual([]);
    const made = (fn: string, action: string) => calls.some((c) => c.functionId === fn && c.action === action);
    expect(made('SubmitBirth', 'states:StartExecution')).toBe(true);
    expect(made('SubmitBirth', 'secretsmanager:GetSecretValue')).toBe(true); // the access-code secret, from the local stand-in
    expect(made('DecideApproval', 'states:SendTaskSuccess')).toBe(true);
    expect(made('RegisterChild', 'dynamodb:PutItem')).toBe(true); // a TransactWriteItems Put, authorized as PutItem
    expect(calls.find((c) => c.functionId === 'SubmitBirth' && c.action === 'states:StartExecution')?.resource).toBe(stack.stateMachineArn);
  });

  it('grants what the services the local stack does not call need (KMS signing, SNS), checked in the template', () => {
    // Not called locally: documents are signed with a key file, SMS are printed. Their grants are checked here instead.
    const app = stack.deployedApp!;
    const values = { region: 'ap-southeast-3', account: '000000000000', tableName: stack.tableName, stateMachineArn: stack.stateMachineArn, amendmentStateMachineArn: stack.amendmentStateMachineArn, functionArn };
    const resolver = localResolver(app, { ...values, apiUrl: stack.url, jwksUrl: '', issuer: '', signingKeyFile: '', verificationKeys: '', accessCodeSecret: '', clientIdOf: () => undefined });
    const [signingKeyId] = app.resourcesOfType('AWS::KMS::Key').find(([, k]) => (k.Properties as any)?.KeyUsage === 'SIGN_VERIFY')!;
    const signingKeyArn = `arn:aws:kms:ap-southeast-3:000000000000:key/${signingKeyId}`;
    const allows = (fn: string, action: string, resource: string) => isAllowed(resolvedStatements(app.functions.get(fn)!, resolver), action, resource);
    for (const spec of allFunctions) {
      // DOCUMENT_SIGNING_KEY signs (kms:Sign), DOCUMENT_VERIFICATION_KEYS verifies (kms:GetPublicKey), SMS_SENDER publishes.
      if (spec.env?.includes('DOCUMENT_SIGNING_KEY')) expect(allows(spec.id, 'kms:Sign', signingKeyArn), spec.id).toBe(true);
      if (spec.env?.includes('DOCUMENT_VERIFICATION_KEYS')) expect(allows(spec.id, 'kms:GetPublicKey', signingKeyArn), spec.id).toBe(true);
      if (spec.env?.includes('SMS_SENDER')) expect(allows(spec.id, 'sns:Publish', 'arn:aws:sns:ap-southeast-3:000000000000:+6281200000000'), spec.id).toBe(true);
      // Nobody else may sign documents.
      if (!spec.env?.includes('DOCUMENT_SIGNING_KEY')) expect(allows(spec.id, 'kms:Sign', signingKeyArn), spec.id).toBe(false);
    }
  });

  it('fails a function at init, as in AWS, when its synthesized environment lacks a variable its code reads', async () => {
    const copy = assemblyWith((template) => {
      delete resourceOf(template, 'AWS::Lambda::Function', 'ListDocuments').Properties.Environment.Variables.TABLE_NAME;
    });
    // The test process's own environment has it: a function must not see it.
    process.env.TABLE_NAME = 'SharedTable';
    try {
      await expect(startTestStack({ assemblyDir: copy, awsCallLog: join(copy, 'calls.jsonl') })).rejects.toThrow(/Invalid configuration: TABLE_NAME/);
    } finally {
      delete process.env.TABLE_NAME;
    }
  });

  it('refuses a call the role does not grant, as AWS does (AccessDeniedException), and records it', async () => {
    const copy = assemblyWith((template) => {
      for (const [id, resource] of Object.entries(template.Resources)) {
        if (resource.Type !== 'AWS::IAM::Policy' || !id.startsWith('SubmitBirthRole')) continue;
        for (const statement of resource.Properties.PolicyDocument.Statement) {
          if (Array.isArray(statement.Action)) statement.Action = statement.Action.filter((a: string) => a !== 'dynamodb:PutItem');
        }
      }
    });
    // Its calls stay out of the run's permission report (this denial is the test's own doing).
    const denied = await startTestStack({ assemblyDir: copy, awsCallLog: join(copy, 'calls.jsonl') });
    try {
      const hospital = await denied.issuer.signHospitalToken('rsud-blambangan');
      const response = await apiClient(denied.url)('POST', '/v1/births', { token: hospital, body: notification({ notificationId: 'deployed-app-denied' }) });
      expect(response.status).toBe(500);
      expect(denied.awsCalls()).toContainEqual(expect.objectContaining({ functionId: 'SubmitBirth', action: 'dynamodb:PutItem', allowed: false }));
    } finally {
      await denied.stop();
    }
  });

  it('executes the definition in the template, not the workflows/ file', async () => {
    const copy = assemblyWith((template) => {
      resourceOf(template, 'AWS::StepFunctions::StateMachine', 'BirthRegistration').Properties.DefinitionString = JSON.stringify({
        StartAt: 'OnlyInTheTemplate',
        States: { OnlyInTheTemplate: { Type: 'Fail', Error: 'SynthesizedDefinition', Cause: 'the template was run' } },
      });
    });
    const other = await startTestStack({ assemblyDir: copy, awsCallLog: join(copy, 'calls.jsonl') });
    try {
      const { executionArn } = await other.engine.startExecution({ stateMachineArn: other.stateMachineArn, name: 'synthesized', input: '{}' });
      const ended = await waitFor(() => other.engine.describeExecution(executionArn), (e) => e.status !== 'RUNNING');
      expect(ended).toMatchObject({ status: 'FAILED', error: 'SynthesizedDefinition' });
    } finally {
      await other.stop();
    }
  });
});
