import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, CfnResource, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/app.js';
import { writeWeb } from '../../infra/console-build.js';
import {
  allFunctions,
  backgroundFunctions,
  birthRegistrationDefinitionPath,
  executionEventFunctions,
  httpFunctions,
  substitutionKey,
  taskFunctions,
  amendmentTaskFunctions,
  amendmentDefinitionPath,
} from '../../infra/catalog.js';
import { isPlaceholderEmail, type BirthRegistrationStack } from '../../infra/stack.js';
import { registryTableSchema } from '../../infra/table-schema.js';
import { readDeployedApp } from '../../local/deployed-app.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

let outdir: string;
let stack: BirthRegistrationStack;
let template: Template;
let synthError: unknown;

/** The logical id of a construct's CloudFormation resource. */
const logicalIdOfConstruct = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
/** The logical id of the construct at `path` under the stack (e.g. "SubmitBirth"). */
const logicalIdOf = (path: string): string => logicalIdOfConstruct(stack.node.findChild(path));

/** Every IAM statement attached to a function's role. */
function statementsOf(functionId: string): { Action: string | string[]; Resource: unknown }[] {
  const roleId = logicalIdOfConstruct(stack.functions.get(functionId)!.role!);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  return policies
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}
const actionsOf = (functionId: string): string[] => statementsOf(functionId).flatMap((s) => [s.Action].flat());

/** A CloudFormation value as text: Fn::Join joined, Ref and GetAtt shown as <Name> (enough to compare ARNs' shapes). */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(flatten).join(separator);
  }
  if ('Ref' in object) return `<${String(object.Ref)}>`;
  if ('Fn::GetAtt' in object) return `<${(object['Fn::GetAtt'] as string[]).join('.')}>`;
  return JSON.stringify(value);
}

/** Every statement of every IAM policy and key policy in the template. */
const allStatements = (): { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> }[] => [
  ...(Object.values(template.findResources('AWS::IAM::Policy')) as Resource[]).flatMap((p) => p.Properties.PolicyDocument.Statement),
  ...(Object.values(template.findResources('AWS::KMS::Key')) as Resource[]).flatMap((k) => k.Properties.KeyPolicy.Statement),
];
const STATE_MACHINE_ARN_CONTEXT = 'kms:EncryptionContext:aws:states:stateMachineArn';

beforeAll(async () => {
  // The console is uploaded from web/dist (infra/app.ts builds it before synth).
  await writeWeb();
  outdir = mkdtempSync(join(tmpdir(), 'lahir-cdk-'));
  const created = createApp(new App({ context: cdkJson.context, outdir }));
  stack = created.stack;
  try {
    // Synthesis runs cdk-nag (AwsSolutions): an unacknowledged finding makes it throw.
    created.app.synth();
  } catch (error) {
    synthError = error;
  }
  template = Template.fromStack(stack);
}, 300_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the CDK app', () => {
  it('synthesizes offline with every cdk-nag AwsSolutions finding fixed or acknowledged with a reason', () => {
    expect(synthError).toBeUndefined();
  });

  it('keeps the registry in one on-demand table with a customer-managed key, PITR, deletion protection, retained', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        TimeToLiveSpecification: { AttributeName: registryTableSchema.timeToLiveAttribute, Enabled: true },
        GlobalSecondaryIndexes: registryTableSchema.globalSecondaryIndexes.map((index) =>
          Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
          }),
        ),
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { KMSMasterKeyId: Match.anyValue() },
          }),
        ],
      }),
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
  });

  it('builds one traced ARM Lambda per catalog entry on the latest Node.js runtime, configured with the table when it has access', () => {
    // Plus CDK's own BucketDeployment handler, which uploads the console.
    const functions = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => !id.startsWith('CustomCDKBucketDeployment'));
    expect(functions).toHaveLength(allFunctions.length);
    for (const spec of allFunctions) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Description: spec.description,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
        Environment: {
          Variables: Match.objectLike({
            TABLE_NAME: spec.table ? { Ref: Match.stringLikeRegexp('^Registry') } : Match.absent(),
            POWERTOOLS_SERVICE_NAME: 'birth-registration',
            POWERTOOLS_METRICS_NAMESPACE: 'LahirProcot',
          }),
        },
      });
    }
  });

  it('sets each deployment setting only on the functions that read it', () => {
    const environmentOf = (id: string): Record<string, unknown> =>
      (template.toJSON().Resources[logicalIdOf(id)] as Resource).Properties.Environment.Variables;
    expect(environmentOf('SubmitBirth')).toMatchObject({
      STATE_MACHINE_ARN: { Ref: logicalIdOf('BirthRegistration') },
      ACCESS_CODE_SECRET_ARN: { Ref: logicalIdOf('AccessCodeSecret') },
    });
    expect(environmentOf('RegisterChild')).toMatchObject({
      ISSUING_REGENCY_CODE: cdkJson.context.issuingRegencyCode,
      AKTA_NUMBER_FORMAT: cdkJson.context.aktaNumberFormat,
    });
    expect(environmentOf('ValidateNotification').SERVED_REGENCIES).toBe((cdkJson.context.servedRegencies as string[]).join(','));
    expect(environmentOf('GetBirth')).not.toHaveProperty('STATE_MACHINE_ARN');
    expect(environmentOf('GetBirth')).not.toHaveProperty('ACCESS_CODE_SECRET_ARN');
  });

  it("grants each function exactly the table access, workflow actions and secret its catalog entry lists", () => {
    for (const spec of allFunctions) {
      const actions = actionsOf(spec.id);
      expect(actions.includes('dynamodb:GetItem'), `${spec.id} reads`).toBe(spec.table !== undefined);
      expect(actions.includes('dynamodb:PutItem'), `${spec.id} writes`).toBe(spec.table === 'readWrite');
      // DeleteWebhook; ApplyAmendment removes a revoked child's KK member record.
      expect(actions.includes('dynamodb:DeleteItem'), `${spec.id} deletes`).toBe(spec.id === 'DeleteWebhook' || spec.id === 'ApplyAmendment');
      if (!spec.table) expect(actions.filter((a) => a.startsWith('dynamodb:') || a.startsWith('kms:')), `${spec.id} without table`).toEqual([]);
      for (const action of ['states:StartExecution', 'states:SendTaskSuccess'] as const) {
        const listed = ((spec as { stepFunctions?: readonly string[] }).stepFunctions ?? []).includes(action);
        expect(actions.includes(action), `${spec.id} ${action}`).toBe(listed);
      }
      expect(actions.includes('secretsmanager:GetSecretValue'), `${spec.id} reads the secret`).toBe(((spec as { env?: readonly string[] }).env ?? []).includes('ACCESS_CODE_SECRET'));
      expect(actions.filter((a) => a.endsWith('*')), `${spec.id} wildcard actions`).toEqual([]);
    }
    // Table statements name the table and its two indexes, never `index/*`.
    const tableStatement = statementsOf('GetBirth').find((s) => [s.Action].flat().includes('dynamodb:Query'))!;
    expect(JSON.stringify(tableStatement.Resource)).not.toContain('index/*');
    expect(JSON.stringify(tableStatement.Resource)).toContain('/index/gsi1');
  });

  it('deploys the ASL file as a Standard state machine invoking exactly the task functions, without logging execution data', () => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as Resource[];
    expect(machine!.Properties.StateMachineType).toBe('STANDARD');
    expect(machine!.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine!.Properties.LoggingConfiguration).toMatchObject({ IncludeExecutionData: false, Level: 'ALL' });
    expect(machine!.Properties.EncryptionConfiguration).toMatchObject({ Type: 'CUSTOMER_MANAGED_KMS_KEY' });
    const substitutions = machine!.Properties.DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual(taskFunctions.map((f) => substitutionKey(f.id)).sort());
    for (const spec of taskFunctions) {
      expect(substitutions[substitutionKey(spec.id)]).toEqual({ 'Fn::GetAtt': [logicalIdOf(spec.id), 'Arn'] });
    }
    // The deployed definition is the ASL file itself, placeholders and all (the local stack runs the same file).
    const asl = JSON.parse(readFileSync(birthRegistrationDefinitionPath, 'utf8')) as unknown;
    expect(JSON.parse(machine!.Properties.DefinitionString as string)).toEqual(asl);

    const roleId = logicalIdOfConstruct(stack.stateMachine.role);
    const invoke = (Object.values(template.findResources('AWS::IAM::Policy')) as Resource[])
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown[] }[])
      .filter((s) => s.Action === 'lambda:InvokeFunction');
    expect(invoke).toHaveLength(1);
    expect(invoke[0]!.Resource).toHaveLength(taskFunctions.length);
  });

  it('serves the jwt routes through the Cognito JWT authorizer with their scopes, the others straight to the handler', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: Match.objectLike({ Issuer: Match.anyValue(), Audience: Match.arrayWith([{ Ref: Match.anyValue() }]) }),
    });
    for (const spec of httpFunctions) {
      const { route } = spec as { route: { method: string; path: string; auth: string; scopes?: readonly string[] } };
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: `${route.method} ${route.path}`,
        AuthorizationType: route.auth === 'jwt' ? 'JWT' : 'NONE',
        AuthorizationScopes: route.scopes ? [...route.scopes] : Match.absent(),
      });
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /v1/births', AuthorizationScopes: ['lahir-api/hospital'] });
    expect(Object.keys(template.findResources('AWS::ApiGatewayV2::Route'))).toHaveLength(httpFunctions.length);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: Match.anyValue() }),
    });
  });

  it('gives each hospital a client-credentials client with the hospital scope, and registrars a group', () => {
    const hospitals = cdkJson.context.hospitals as { facilityId: string }[];
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as Resource[];
    const machineClients = clients.filter((c) => (c.Properties.AllowedOAuthFlows as string[]).includes('client_credentials'));
    expect(machineClients).toHaveLength(hospitals.length);
    for (const client of machineClients) expect(client.Properties.GenerateSecret).toBe(true);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'registrars' });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'head-of-office' });
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
  });

  it('lets clinic staff sign in to the console as their hospital: staff group, an admin-set facility, the token trigger', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'hospital-staff' });
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([Match.objectLike({ Name: 'facility_id', AttributeDataType: 'String', Mutable: true })]),
      LambdaConfig: {
        PreTokenGenerationConfig: {
          LambdaArn: { 'Fn::GetAtt': [logicalIdOf('PreTokenGeneration'), 'Arn'] },
          LambdaVersion: 'V2_0',
        },
      },
    });
    // Users cannot write their own facility through the console client.
    const console = (Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as Resource[]).find((c) =>
      (c.Properties.AllowedOAuthFlows as string[]).includes('code'),
    )!;
    expect(console.Properties.WriteAttributes).not.toContain('custom:facility_id');
    expect(console.Properties.ReadAttributes).toContain('custom:facility_id');
    // The trigger touches nothing else: no table, no secrets.
    expect(actionsOf('PreTokenGeneration').filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))).toEqual([]);
  });

  it('alarms on failed and timed-out executions, escalated approvals, API 5xx and every function error', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const byMetric = (name: string) => alarms.filter((a) => a.Properties.MetricName === name);
    // Both state machines, the birth chain and the amendments, alarm on every way an execution can end badly.
    for (const machine of ['BirthRegistration', 'Amendment']) {
      const machineId = logicalIdOf(machine);
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) {
        const onMachine = byMetric(metric).filter((a) => JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'StateMachineArn', Value: { Ref: machineId } }]));
        expect(onMachine, `${metric} on ${machine}`).toHaveLength(1);
        expect(onMachine[0]!.Properties, `${metric} on ${machine}`).toMatchObject({ Namespace: 'AWS/States', Statistic: 'Sum', Period: 300, Threshold: 1 });
      }
    }
    expect(byMetric('ExecutionsFailed')).toHaveLength(2);
    expect(byMetric('ExecutionsTimedOut')).toHaveLength(2);
    expect(byMetric('ApprovalsEscalated')[0]!.Properties).toMatchObject({
      Namespace: 'LahirProcot',
      Dimensions: [{ Name: 'service', Value: 'birth-registration' }],
    });
    expect(byMetric('5xx')).toHaveLength(1);
    expect(byMetric('Errors')).toHaveLength(allFunctions.length);
    const topicId = logicalIdOf('Alarms');
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  it('allows "*" as a resource only for actions IAM cannot scope (X-Ray, SendTask*, SMS publish)', () => {
    const unscopable = new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'states:SendTaskSuccess', 'states:SendTaskFailure', 'sns:Publish']);
    for (const spec of allFunctions) {
      for (const statement of statementsOf(spec.id)) {
        if ([statement.Resource].flat().includes('*')) {
          expect([statement.Action].flat().filter((a) => !unscopable.has(a)), `${spec.id} actions on "*"`).toEqual([]);
        }
      }
    }
  });

  it('names the three operational alarms (failed executions, decisions pending past 4 hours, dead notifications) and explains every alarm in the README', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    const topicId = logicalIdOf('Alarms');
    const expectations = [
      { metric: 'ExecutionsFailed', namespace: 'AWS/States', machine: 'BirthRegistration' },
      { metric: 'ExecutionsFailed', namespace: 'AWS/States', machine: 'Amendment' },
      { metric: 'ApprovalsEscalated', namespace: 'LahirProcot' },
      { metric: 'NotificationsDead', namespace: 'LahirProcot' },
    ];
    for (const { metric, namespace, machine } of expectations) {
      const onMachine = (a: Resource) => machine === undefined || JSON.stringify(a.Properties.Dimensions).includes(JSON.stringify({ Ref: logicalIdOf(machine) }));
      const [alarm, ...others] = alarms.filter((a) => a.Properties.MetricName === metric && onMachine(a));
      expect(others, metric).toEqual([]);
      expect(alarm?.Properties, metric).toMatchObject({
        Namespace: namespace,
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: topicId }],
        AlarmDescription: expect.any(String),
      });
    }
    // README, section Operations: each alarm (by construct id; function alarms as <Function>Errors) with what to do.
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const operations = readme.slice(readme.indexOf('## Operations'), readme.indexOf('\n## ', readme.indexOf('## Operations') + 1));
    expect(operations.length).toBeGreaterThan(200);
    const alarmIds = stack.node.children
      .filter((c) => c.node.defaultChild instanceof CfnResource && c.node.defaultChild.cfnResourceType === 'AWS::CloudWatch::Alarm')
      .map((c) => c.node.id);
    expect(alarmIds.length).toBe(alarms.length);
    for (const id of alarmIds) expect(operations, `README Operations explains ${id}`).toContain(stack.functions.has(id.replace(/Errors$/, '')) ? '<Function>Errors' : `\`${id}\``);
  });

  it('builds an operations dashboard: executions, registrations, the two promised times, API, functions, DynamoDB throttles', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const metric of [
      'ExecutionsStarted',
      'ExecutionsSucceeded',
      'ExecutionsFailed',
      'ExecutionsTimedOut',
      'RegistrationsReceived',
      'RegistrationsApproved',
      'RegistrationsRejected',
      'RegistrationsCompleted',
      'RegistrationsFailed',
      'ApprovalsEscalated',
      'NotificationsDead',
      'TimeToDecision',
      'TimeToDocuments',
      'Latency',
      '5xx',
      '4xx',
      'ReadThrottleEvents',
      'WriteThrottleEvents',
    ]) {
      expect(body, metric).toContain(`\\"${metric}\\"`);
    }
    // Every function's errors and duration.
    expect(body.match(/\\"Errors\\"/g)?.length).toBe(allFunctions.length);
    expect(body.match(/\\"Duration\\"/g)?.length).toBe(allFunctions.length);
  });

  it('runs DeliverNotifications every minute, lets only it publish SMS, and alarms on dead notifications', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [logicalIdOf('DeliverNotifications'), 'Arn'] } })],
    });
    expect(Object.keys(template.findResources('AWS::Events::Rule'))).toHaveLength(backgroundFunctions.length + executionEventFunctions.length);
    for (const spec of allFunctions) expect(actionsOf(spec.id).includes('sns:Publish'), `${spec.id} sns:Publish`).toBe(spec.id === 'DeliverNotifications');
    const variables = (template.toJSON().Resources[logicalIdOf('DeliverNotifications')] as Resource).Properties.Environment.Variables;
    expect(variables.SMS_SENDER).toBe('sns');
    for (const id of ['IssueDocuments', 'RecordRejection']) {
      const env = (template.toJSON().Resources[logicalIdOf(id)] as Resource).Properties.Environment.Variables;
      expect(env, id).toHaveProperty('ISSUING_OFFICE_NAME');
      expect(env, id).toHaveProperty('PUBLIC_BASE_URL');
    }
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    expect(alarms.filter((a) => a.Properties.MetricName === 'NotificationsDead')[0]?.Properties).toMatchObject({
      Namespace: 'LahirProcot',
      Dimensions: [{ Name: 'service', Value: 'birth-registration' }],
    });
  });

  it("sends both workflows' FAILED, TIMED_OUT and ABORTED executions to RecordExecutionEnd, with a dead-letter queue and alarms", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: { stateMachineArn: [{ Ref: logicalIdOf('BirthRegistration') }, { Ref: logicalIdOf('Amendment') }], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalIdOf('RecordExecutionEnd'), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf('RecordExecutionEndDeadLetters'), 'Arn'] } },
        }),
      ],
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf('RecordExecutionEnd') },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf('RecordExecutionEndDeadLetters'), 'Arn'] } } },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[];
    expect(alarms.filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    expect(alarms.filter((a) => a.Properties.MetricName === 'RegistrationsFailedOutsideCatch')).toHaveLength(1);
    expect(alarms.filter((a) => a.Properties.MetricName === 'AmendmentsFailedOutsideCatch')).toHaveLength(1);
    expect(alarms.filter((a) => a.Properties.MetricName === 'ExecutionsAborted')).toHaveLength(2); // birth chain and amendments
  });

  it('verifies documents with every accepted signing key (current and retired), and signs only with the current one', () => {
    const environmentOf = (id: string): Record<string, unknown> =>
      (template.toJSON().Resources[logicalIdOf(id)] as Resource).Properties.Environment.Variables;
    const keyArn = { 'Fn::GetAtt': [logicalIdOf('DocumentSigningKey'), 'Arn'] };
    expect(JSON.stringify(environmentOf('VerifyDocument').DOCUMENT_VERIFICATION_KEYS)).toContain(JSON.stringify(keyArn));
    expect(environmentOf('VerifyDocument')).not.toHaveProperty('DOCUMENT_SIGNING_KEY');
    expect(actionsOf('VerifyDocument')).toContain('kms:GetPublicKey');
    expect(actionsOf('VerifyDocument')).not.toContain('kms:Sign');
  });

  it('keeps every log group for the configured retention', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as Resource[];
    // One per function, the API's access logs, and one per state machine (birth registration, amendment).
    expect(groups.length).toBe(allFunctions.length + 3);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(cdkJson.context.logRetentionDays);
  });

  it('hosts the console in a private, versioned, encrypted bucket behind CloudFront (OAC, HTTPS only, security headers) with its config', () => {
    const buckets = template.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2); // the console and its access logs
    for (const bucket of Object.values(buckets) as Resource[]) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption).toBeDefined();
      expect((bucket as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
    }
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
    // enforceSSL on both: deny any request without TLS.
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')) as Resource[];
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: { OriginAccessIdentity: '' } })],
      }),
    });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000 }),
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("^default-src 'self'.*frame-ancestors 'none'") }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
        }),
      }),
    });
    // web/dist plus config.json (API URL, Cognito domain, console client) uploaded, and the cache invalidated.
    template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'], SourceMarkers: Match.arrayWith([Match.objectLike({})]) });
    // The API answers the console's origin (CORS), and the console's address is a sign-in callback.
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.objectLike({ AllowOrigins: [Match.anyValue()] }) });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { CallbackURLs: Match.arrayWith([Match.objectLike({ 'Fn::Join': Match.anyValue() })]) });
  });
  it("uploads a config.json that carries the office's contact from the settings (parents' next steps)", () => {
    // Source.jsonData stages config.json as an asset of the cloud assembly (tokens as markers the upload fills in).
    const staged = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('config.json'));
    expect(staged).toHaveLength(1);
    const config = JSON.parse(readFileSync(join(outdir, staged[0]!), 'utf8')) as Record<string, unknown>;
    expect(config).toMatchObject({ signIn: 'cognito', officeContact: cdkJson.context['officeContact'] });
    expect(config['officeContact']).toMatchObject({ name: expect.stringContaining('Banyuwangi'), email: expect.stringContaining('@') });
    // The deployment uploads that asset.
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment')) as Resource[];
    const keys = JSON.stringify(deployment!.Properties['SourceObjectKeys']);
    expect(keys).toContain(staged[0]!.split('/')[0]!.replace(/^asset\./, ''));
  });

  it('names the state machine from the stack, so the KMS condition on its execution data names the real ARN', () => {
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as Resource[];
    const name = machine!.Properties.StateMachineName as unknown;
    expect(typeof name, 'StateMachineName is a literal').toBe('string');
    expect(name).toBe(`${stack.stackName}-BirthRegistration`);
    const conditioned = allStatements().filter((statement) => statement.Condition?.StringEquals?.[STATE_MACHINE_ARN_CONTEXT] !== undefined);
    expect(conditioned.length).toBeGreaterThan(0);
    // The amendment workflow's callers (FileAmendment, DecideAmendment, RequestAmendmentDecision) name its own machine.
    const amendmentName = `${stack.stackName}-Amendment`;
    for (const statement of conditioned) {
      expect(flatten(statement.Condition!.StringEquals![STATE_MACHINE_ARN_CONTEXT])).toMatch(
        new RegExp(`^arn:aws:states:ap-southeast-3:<AWS::AccountId>:stateMachine:(${name}|${amendmentName})$`),
      );
    }
  });

  it('deploys the amendment workflow as a state machine of its own: named, encrypted, logged without data, invoking exactly its task functions', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as Resource[];
    expect(machines).toHaveLength(2);
    const machine = machines.find((m) => m.Properties.StateMachineName === `${stack.stackName}-Amendment`)!;
    expect(machine.Properties.LoggingConfiguration).toMatchObject({ IncludeExecutionData: false, Level: 'ALL' });
    expect(machine.Properties.EncryptionConfiguration).toMatchObject({ Type: 'CUSTOMER_MANAGED_KMS_KEY' });
    const substitutions = machine.Properties.DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual(amendmentTaskFunctions.map((f) => substitutionKey(f.id)).sort());
    expect(JSON.parse(machine.Properties.DefinitionString as string)).toEqual(JSON.parse(readFileSync(amendmentDefinitionPath, 'utf8')));
    // Only FileAmendment may start it; the grant names the amendment machine, not the birth chain.
    const starts = statementsOf('FileAmendment').filter((s) => [s.Action].flat().includes('states:StartExecution'));
    expect(starts).toHaveLength(1);
    expect(JSON.stringify(starts[0]!.Resource)).toContain(logicalIdOfConstruct(stack.amendmentStateMachine));
  });

  it("grants every caller of the workflow (StartExecution, SendTask*) the state machine key's GenerateDataKey and Decrypt for that state machine only", () => {
    const callers = allFunctions.filter((spec) => (spec.stepFunctions ?? []).length > 0);
    expect(callers.map((spec) => spec.id).sort()).toEqual(['DecideAmendment', 'DecideApproval', 'FhirSubmitBundle', 'FileAmendment', 'RequestAmendmentDecision', 'RequestApproval', 'SubmitBirth']);
    const keyId = logicalIdOf('DataKey');
    for (const spec of callers) {
      const grant = statementsOf(spec.id).find(
        (statement) => [statement.Action].flat().includes('kms:GenerateDataKey') && (statement as { Condition?: unknown }).Condition !== undefined,
      ) as { Resource: unknown; Condition: Record<string, Record<string, unknown>> } | undefined;
      expect(grant, `${spec.id} has the workflow key grant`).toBeDefined();
      expect(grant!.Resource).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      expect([(grant as unknown as { Action: string[] }).Action].flat().sort(), spec.id).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      const machine = spec.workflow === 'amendment' ? 'Amendment' : 'BirthRegistration';
      expect(flatten(grant!.Condition.StringEquals![STATE_MACHINE_ARN_CONTEXT]), spec.id).toMatch(new RegExp(`:stateMachine:LahirProcotPulangBawaAkte-${machine}$`));
    }
  });

  it('grants nothing no function calls: no BatchWriteItem, no kms:Encrypt, Sign only to IssueDocuments, GetPublicKey only to VerifyDocument', () => {
    for (const spec of allFunctions) {
      const actions = actionsOf(spec.id);
      expect(actions, spec.id).not.toContain('dynamodb:BatchWriteItem');
      expect(actions, spec.id).not.toContain('kms:Encrypt');
      // IssueDocuments, and ApplyAmendment for the re-issued versions of a correction.
      expect(actions.includes('kms:Sign'), `${spec.id} kms:Sign`).toBe(spec.id === 'IssueDocuments' || spec.id === 'ApplyAmendment');
      expect(actions.includes('kms:GetPublicKey'), `${spec.id} kms:GetPublicKey`).toBe(spec.id === 'VerifyDocument');
    }
  });

  it('bundles every function under 1 MiB with only what its code uses: no message table in the workflow tasks, no unused request schema, no standard PDF fonts or PNG decoder', () => {
    // The bundle the CDK app built and will upload, found as the local stack's bundle mode finds it.
    const deployed = readDeployedApp(outdir);
    const bundleOf = (id: string): string => readFileSync(join(deployed.functions.get(id)!.codeDir, 'index.mjs'), 'utf8');
    const bundles = new Map(allFunctions.map((spec) => [spec.id, bundleOf(spec.id)]));
    for (const [id, code] of bundles) expect(Buffer.byteLength(code), id).toBeLessThan(1024 * 1024);
    // The message table (api/messages.ts; REQUIRED's Indonesian text) only where an HTTP error is answered
    // (DeliverNotifications throws TooManyRequestsError, an HttpError).
    const withMessages = [...bundles].filter(([, code]) => code.includes('Wajib diisi')).map(([id]) => id);
    expect(withMessages.sort()).toEqual([...httpFunctions.map((spec) => spec.id), 'DeliverNotifications'].sort());
    // Request schemas (api/requests.ts) only where they are used: the birth notification's (its notificationId
    // pattern) in the two intakes, in corrections (the same rules) and in the OpenAPI document.
    const withNotificationSchema = [...bundles].filter(([, code]) => code.includes('[A-Za-z0-9._:/-]')).map(([id]) => id);
    expect(withNotificationSchema.sort()).toEqual(['ApiDocs', 'FhirSubmitBundle', 'FileAmendment', 'OpenApiDocument', 'SubmitBirth']);
    // pdf-lib's standard fonts and PNG decoder are replaced by the stubs of infra/bundling.ts.
    const pdfFunctions = allFunctions.filter((spec) => (spec.env ?? []).includes('DOCUMENT_FONTS_DIR')).map((spec) => spec.id);
    expect(pdfFunctions.length).toBe(3);
    for (const id of pdfFunctions) {
      const code = bundles.get(id)!;
      expect(code, id).toContain('The standard PDF fonts are not in this bundle');
      expect(code, id).toContain('PNG decoding is not in this bundle');
      expect(code, id).not.toContain(' cannot encode ');
    }
  });

  it('gives every function each deployment setting its code reads (its bundle, as esbuild tree-shakes it for Lambda)', async () => {
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const environmentOf = (id: string): Record<string, unknown> => resources[logicalIdOf(id)]!.Properties.Environment.Variables;
    // The settings the stack hands out: every variable some function gets (Powertools' are on all of them).
    const settingNames = [...new Set(allFunctions.flatMap((spec) => Object.keys(environmentOf(spec.id))))].filter((name) => !name.startsWith('POWERTOOLS_'));
    const root = new URL('../../', import.meta.url).pathname;
    const missing: string[] = [];
    for (const spec of allFunctions) {
      // The function's own code (dependencies external), without what it never calls, comments or types.
      const { outputFiles } = await build({
        entryPoints: [join(root, `functions/${spec.dir}/handler.ts`)],
        bundle: true,
        write: false,
        packages: 'external',
        format: 'esm',
        platform: 'node',
        logLevel: 'silent',
      });
      const code = outputFiles[0]!.text;
      const environment = environmentOf(spec.id);
      for (const name of settingNames) {
        // How the code reads a setting: process.env.X / env['X'], or X as a key of the zod schema parsed from process.env (readConfig).
        const reads = new RegExp(`\\benv(\\.${name}\\b|\\[['"]${name}['"]\\])|\\b${name}\\s*:\\s*(z|zod)\\.`).test(code);
        if (reads && !(name in environment)) missing.push(`${spec.id} reads ${name}`);
      }
    }
    expect(missing).toEqual([]);
  }, 60_000);

  it('sizes each function timeout to its work: 30 s for IssueDocuments (three KMS signatures), more than 10 s to render PDFs, within API Gateway\'s 30 s for routes', () => {
    const resources = template.toJSON().Resources as Record<string, Resource>;
    const timeoutOf = (id: string): number => resources[logicalIdOf(id)]!.Properties.Timeout as number;
    expect(timeoutOf('IssueDocuments')).toBeGreaterThanOrEqual(30);
    for (const spec of allFunctions.filter((f) => (f.env ?? []).includes('DOCUMENT_FONTS_DIR'))) expect(timeoutOf(spec.id), spec.id).toBeGreaterThan(10);
    for (const spec of httpFunctions) expect(timeoutOf(spec.id), spec.id).toBeLessThanOrEqual(30);
  });

  it("signs the console in only at the console's own address: no localhost callback, exactly the URLs the console sends as redirect_uri", () => {
    const console = (Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as Resource[]).find((c) =>
      (c.Properties.AllowedOAuthFlows as string[]).includes('code'),
    )!;
    const callbacks = (console.Properties.CallbackURLs as unknown[]).map(flatten);
    const distribution = `<${logicalIdOfConstruct(stack.node.findChild('Console').node.findChild('Distribution'))}.DomainName>`;
    // web/src/pages/sign-in.ts: redirect_uri = location.origin + location.pathname; CloudFront serves index.html at / and /index.html.
    expect(callbacks.sort()).toEqual([`https://${distribution}/`, `https://${distribution}/index.html`]);
    for (const url of callbacks) expect(url).not.toMatch(/localhost|127\.0\.0\.1|^http:/);
  });

  it('runs Cognito threat protection in audit mode first (README: audit period, then ENFORCED)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' } });
  });

  it('sends the alarms to the operations mailbox: alarmEmail is required and subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: cdkJson.context.alarmEmail });
    const { alarmEmail: _, ...withoutEmail } = cdkJson.context;
    expect(() => createApp(new App({ context: withoutEmail }))).toThrow(/context\.alarmEmail: required/);
    // The shipped placeholder is on a reserved domain: every synth warns until the real mailbox is set.
    expect(isPlaceholderEmail(cdkJson.context.alarmEmail as string)).toBe(true);
    expect(isPlaceholderEmail('dukcapil@banyuwangikab.go.id')).toBe(false);
  });

  it('logs the workflow under /aws/vendedlogs/states/ (the prefix CloudWatch Logs resource policies expect for vended logs)', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup')) as Resource[];
    expect(groups.map((g) => g.Properties.LogGroupName)).toContain(`/aws/vendedlogs/states/${stack.stackName}-BirthRegistration`);
  });

  it('delivers no CloudFront standard logs to a bucket in the stack region (CloudFront cannot write to opt-in regions such as Jakarta)', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution')) as Resource[];
    expect(distribution!.Properties.DistributionConfig.Logging).toBeUndefined();
  });
});
