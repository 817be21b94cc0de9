import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, Metric, TextWidget, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StandardThreatProtectionMode,
  UserPool,
  ClientAttributes,
  LambdaVersion,
  StringAttribute,
  UserPoolGroup,
  UserPoolOperation,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing, type IDestination, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { BUNDLE_ALIASES, BUNDLE_BANNER, BUNDLE_MAIN_FIELDS, BUNDLE_TARGET } from './bundling.js';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import {
  CustomerManagedEncryptionConfiguration,
  DefinitionBody,
  LogLevel,
  StateMachine,
  StateMachineType,
} from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { FACILITY_ATTRIBUTE, HEAD_OF_OFFICE_GROUP, HOSPITAL_SCOPE, HOSPITAL_STAFF_GROUP, REGISTRARS_GROUP } from '../api/identity-claims.js';
import {
  allFunctions,
  amendmentDefinitionPath,
  amendmentTaskFunctions,
  birthRegistrationDefinitionPath,
  executionEventFunctions,
  httpFunctions,
  identityFunctions,
  substitutionKey,
  taskFunctions,
  timeoutSecondsOf,
  type FunctionSpec,
} from './catalog.js';
import type { Route } from '../api/routes.js';
import { ConsoleHosting } from './console-hosting.js';
import { civilTimeZoneOf, documentIssuerOf, type Settings } from './settings.js';
import { registryTableSchema } from './table-schema.js';
import { documentFontFiles } from '../documents/fonts.js';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const fromRoot = (relative: string): string => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/** Where a bundled Lambda finds the PDF fonts (documents/fonts.ts reads DOCUMENT_FONTS_DIR). */
const LAMBDA_FONTS_DIR = '/var/task/fonts';

/** Business metrics emitted by the functions through Powertools (functions/shared/metrics.ts). */
const METRICS_NAMESPACE = 'LahirProcot';
const SERVICE_NAME = 'birth-registration';

/** DynamoDB actions per access level in the catalog: named one by one, no wildcards. */
const tableActions = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  // TransactWriteItems is authorized per item as PutItem, UpdateItem and ConditionCheckItem. No function
  // batch-writes; only DeleteWebhook deletes (catalog `deletesItems`).
  readWrite: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
} as const;

/** What a caller needs of the table's customer-managed key (DynamoDB generates data keys and decrypts on its behalf; it never calls Encrypt). */
const tableKeyActions = ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey'];

/**
 * Step Functions encrypts an execution's input (StartExecution) and a task's output (SendTask*) with a
 * data key of the state machine's key, in the caller's name: GenerateDataKey, and Decrypt for a reused
 * data key (the same pair the service grants the workflow role), bound to this state machine.
 */
const workflowKeyActions = ['kms:Decrypt', 'kms:GenerateDataKey'];
/** The encryption context Step Functions binds each data key to. */
const STATE_MACHINE_ARN_CONTEXT = 'kms:EncryptionContext:aws:states:stateMachineArn';

/** The Lambda runtime of every function; npm scripts run the same Node major (the `node` dev dependency). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

export interface BirthRegistrationStackProps extends StackProps {
  readonly settings: Settings;
}

/**
 * Everything the registry office runs in AWS: the table, the workflow, one Lambda per catalog entry
 * with exactly the permissions it lists, the HTTP API behind Cognito, and alarms.
 */
export class BirthRegistrationStack extends Stack {
  readonly table: TableV2;
  readonly stateMachine: StateMachine;
  /** Corrections and revocations after the akta (workflows/amendment.asl.json). */
  readonly amendmentStateMachine: StateMachine;
  readonly functions: ReadonlyMap<string, NodejsFunction>;

  constructor(scope: Construct, id: string, props: BirthRegistrationStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const retention = settings.logRetentionDays as RetentionDays;

    // ── Data: one table, encrypted with our own key, recoverable to any second of the last 35 days ──
    const dataKey = new Key(this, 'DataKey', {
      description: 'Birth registry: table, access-code secret, workflow history, alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const { partitionKey, sortKey, timeToLiveAttribute, globalSecondaryIndexes } = registryTableSchema;
    this.table = new TableV2(this, 'Registry', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      timeToLiveAttribute,
      globalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(dataKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const accessCodeSecret = new Secret(this, 'AccessCodeSecret', {
      description: "Server secret the parents' access codes are derived from (stored only as hashes)",
      encryptionKey: dataKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessCodeSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Access codes handed to parents are derived from this secret; rotating it would invalidate codes already on printed slips. Rotation needs a versioned code scheme (tracked in the issue notes).',
    });

    // ── Functions: one per catalog entry, each with its own role ──
    const functions = new Map<string, NodejsFunction>();
    for (const spec of allFunctions) {
      const fn = this.createFunction(spec, retention);
      if (spec.table) this.grantTable(fn, spec, dataKey);
      functions.set(spec.id, fn);
    }
    this.functions = functions;

    // ── Workflow: the ASL file, with the task functions' ARNs substituted and nothing else ──
    const taskFns = taskFunctions.map((spec) => ({ spec, fn: functions.get(spec.id) as NodejsFunction }));
    // A physical name, so the key's encryption context (the state machine's ARN) is known to the policies
    // before the state machine exists: without one, the role's kms:EncryptionContext condition ends in
    // `:stateMachine:` and no execution could read its own data.
    const stateMachineName = `${this.stackName}-BirthRegistration`;
    const stateMachineArn = this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    // Under /aws/vendedlogs/: the prefix CloudWatch Logs' resource policy for vended log delivery covers (no per-group policy to grow past its limit).
    const workflowLogs = new LogGroup(this, 'BirthRegistrationLogs', {
      logGroupName: `/aws/vendedlogs/states/${stateMachineName}`,
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new StateMachine(this, 'BirthRegistration', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(birthRegistrationDefinitionPath, 'utf8')),
      definitionSubstitutions: Object.fromEntries(taskFns.map(({ spec, fn }) => [substitutionKey(spec.id), fn.functionArn])),
      tracingEnabled: true,
      // Execution data holds NIKs and names: events are logged without it.
      logs: { destination: workflowLogs, level: LogLevel.ALL, includeExecutionData: false },
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(dataKey, Duration.minutes(5)),
    });
    // Invoke exactly the task functions, unqualified as the ASL names them (grantInvoke would add `:*`).
    this.stateMachine.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: taskFns.map(({ fn }) => fn.functionArn) }),
    );
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing and CloudWatch Logs log delivery (logs:CreateLogDelivery and friends) support no resource scoping.',
    });

    // ── The amendment workflow: its own state machine, built the same way (named, encrypted, logged without data) ──
    const amendmentTaskFns = amendmentTaskFunctions.map((spec) => ({ spec, fn: functions.get(spec.id) as NodejsFunction }));
    const amendmentStateMachineName = `${this.stackName}-Amendment`;
    const amendmentStateMachineArn = this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: amendmentStateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const amendmentLogs = new LogGroup(this, 'AmendmentLogs', {
      logGroupName: `/aws/vendedlogs/states/${amendmentStateMachineName}`,
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.amendmentStateMachine = new StateMachine(this, 'Amendment', {
      stateMachineName: amendmentStateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(readFileSync(amendmentDefinitionPath, 'utf8')),
      definitionSubstitutions: Object.fromEntries(amendmentTaskFns.map(({ spec, fn }) => [substitutionKey(spec.id), fn.functionArn])),
      tracingEnabled: true,
      logs: { destination: amendmentLogs, level: LogLevel.ALL, includeExecutionData: false },
      encryptionConfiguration: new CustomerManagedEncryptionConfiguration(dataKey, Duration.minutes(5)),
    });
    this.amendmentStateMachine.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: amendmentTaskFns.map(({ fn }) => fn.functionArn) }),
    );
    Validations.of(this.amendmentStateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing and CloudWatch Logs log delivery (logs:CreateLogDelivery and friends) support no resource scoping.',
    });
    const workflowArnOf = (spec: FunctionSpec) => (spec.workflow === 'amendment' ? amendmentStateMachineArn : stateMachineArn);

    // ── Document signatures (TTE): an asymmetric key whose private half never leaves KMS ──
    const signingKey = new Key(this, 'DocumentSigningKey', {
      description: 'Signs issued akta, KK and KIA (ECDSA P-256); public key used by the verification route',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(signingKey).acknowledge({
      id: 'AwsSolutions-KMS5',
      reason:
        'KMS cannot rotate asymmetric keys automatically; documents already issued must stay verifiable with this key. Rotate by adding a key and keeping the old one for verification (README: retiredDocumentSigningKeyArns).',
    });

    // ── Identity: registrars are users in a group, hospitals are machine clients with a scope ──
    const users = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Set by an administrator only: the hospital (its app client id) a console user works for.
      customAttributes: { [FACILITY_ATTRIBUTE]: new StringAttribute({ mutable: true, minLen: 1, maxLen: 128 }) },
      featurePlan: FeaturePlan.PLUS,
      // Audit first: risks are scored and published as metrics, nothing is blocked. After the audit period
      // (README, Deploying: threat protection) switch to FULL_FUNCTION (ENFORCED).
      standardThreatProtectionMode: StandardThreatProtectionMode.AUDIT_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new UserPoolGroup(this, 'Registrars', { userPool: users, groupName: REGISTRARS_GROUP, description: 'Civil registry staff who decide births' });
    new UserPoolGroup(this, 'HeadsOfOffice', {
      userPool: users,
      groupName: HEAD_OF_OFFICE_GROUP,
      description: 'Kepala Dinas and delegated Pejabat: everything a registrar may, plus late registrations and amendments (four-eyes)',
    });
    new UserPoolGroup(this, 'HospitalStaff', {
      userPool: users,
      groupName: HOSPITAL_STAFF_GROUP,
      description: `Staff of a clinic without its own system: set custom:${FACILITY_ATTRIBUTE} to the hospital's app client id`,
    });
    // Staff tokens get the hospital scope and their facility (functions/pre-token-generation).
    for (const spec of identityFunctions) {
      users.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, functions.get(spec.id) as NodejsFunction, LambdaVersion.V2_0);
    }
    const [resourceServerId, scopeName] = HOSPITAL_SCOPE.split('/') as [string, string];
    const hospitalScope = new ResourceServerScope({ scopeName, scopeDescription: 'Submit birth notifications and follow them' });
    const resourceServer = users.addResourceServer('Api', { identifier: resourceServerId, scopes: [hospitalScope] });
    users.addDomain('Domain', { cognitoDomain: { domainPrefix: `lahir-${settings.issuingRegencyCode.replace('.', '')}-${this.account}` } });

    const issuerUrl = `https://cognito-idp.${this.region}.amazonaws.com/${users.userPoolId}`;
    const clients: UserPoolClient[] = settings.hospitals.map((hospital) =>
      users.addClient(`Hospital-${hospital.facilityId}`, {
        userPoolClientName: `${hospital.facilityId} ${hospital.name}`.replace(/[^\w\s+=,.@-]/g, ' '),
        generateSecret: true,
        oAuth: { flows: { clientCredentials: true }, scopes: [OAuthScope.resourceServer(resourceServer, hospitalScope)] },
        accessTokenValidity: Duration.hours(1),
        preventUserExistenceErrors: true,
      }),
    );
    // The web console: S3 + CloudFront (infra/console-hosting.ts); its address is a sign-in callback and the API's CORS origin.
    const consoleHosting = new ConsoleHosting(this, 'Console', { webDistDir: fromRoot('web/dist'), region: settings.region });
    const consoleClient = users.addClient('Console', {
      userPoolClientName: 'registrar console',
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        // Exactly what the console sends as redirect_uri (web/src/pages/sign-in.ts: origin + path), at
        // both addresses CloudFront serves it from; plus any custom domain from the settings. No localhost.
        callbackUrls: [consoleHosting.url, `${consoleHosting.url}index.html`, ...settings.consoleCallbackUrls],
      },
      // Users cannot change their own facility.
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }).withCustomAttributes(FACILITY_ATTRIBUTE),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      accessTokenValidity: Duration.hours(1),
      preventUserExistenceErrors: true,
    });
    clients.push(consoleClient);

    // ── HTTP API: every route behind the Cognito JWT authorizer; handlers check the role ──
    const authorizer = new HttpJwtAuthorizer('Cognito', issuerUrl, {
      // Cognito access tokens carry client_id, not aud: API Gateway matches it against this list.
      jwtAudience: clients.map((client) => client.userPoolClientId),
    });
    const api = new HttpApi(this, 'Api', {
      description: 'Lahir Procot Pulang Bawa Akte',
      defaultAuthorizer: authorizer,
      createDefaultStage: false,
      // The console (another origin) calls the API from the browser; preflights are answered by the gateway.
      corsPreflight: {
        allowOrigins: [consoleHosting.origin],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'x-access-code'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention, removalPolicy: RemovalPolicy.RETAIN });
    new HttpStage(this, 'ApiStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Ids and outcomes only: no query strings, no bodies, no caller addresses beyond the source IP.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            clientId: '$context.authorizer.claims.client_id',
          }),
        ),
      },
    });
    // ── Configuration: each setting is granted and set in one place (bind*), so they cannot drift ──
    for (const spec of allFunctions) {
      const fn = functions.get(spec.id) as NodejsFunction;
      for (const key of spec.env ?? []) {
        switch (key) {
          case 'STATE_MACHINE_ARN':
            this.stateMachine.grantStartExecution(fn);
            this.grantWorkflowKey(fn, dataKey, stateMachineArn);
            fn.addEnvironment(key, this.stateMachine.stateMachineArn);
            break;
          case 'AMENDMENT_STATE_MACHINE_ARN':
            this.amendmentStateMachine.grantStartExecution(fn);
            this.grantWorkflowKey(fn, dataKey, amendmentStateMachineArn);
            fn.addEnvironment(key, this.amendmentStateMachine.stateMachineArn);
            break;
          case 'ACCESS_CODE_SECRET':
            accessCodeSecret.grantRead(fn);
            fn.addEnvironment('ACCESS_CODE_SECRET_ARN', accessCodeSecret.secretArn);
            break;
          case 'ISSUING_REGENCY_CODE':
            fn.addEnvironment(key, settings.issuingRegencyCode);
            break;
          case 'ISSUING_OFFICE_NAME':
            fn.addEnvironment(key, settings.issuingOfficeName);
            break;
          case 'DOCUMENT_ISSUER':
            fn.addEnvironment(key, JSON.stringify(documentIssuerOf(settings)));
            break;
          case 'DOCUMENT_SIGNING_KEY':
            // Signing needs only Sign (functions/shared/document-signer.ts); the public key is VerifyDocument's.
            fn.addToRolePolicy(new PolicyStatement({ actions: ['kms:Sign'], resources: [signingKey.keyArn] }));
            fn.addEnvironment(key, `kms:${signingKey.keyArn}`);
            break;
          case 'DOCUMENT_VERIFICATION_KEYS': {
            // The current key and every retired one: documents keep verifying after a rotation.
            const accepted = [signingKey.keyArn, ...settings.retiredDocumentSigningKeyArns];
            fn.addToRolePolicy(new PolicyStatement({ actions: ['kms:GetPublicKey'], resources: accepted }));
            fn.addEnvironment(key, accepted.map((arn) => `kms:${arn}`).join(','));
            break;
          }
          case 'DOCUMENT_FONTS_DIR':
            fn.addEnvironment(key, LAMBDA_FONTS_DIR); // copied there by createFunction's bundling hook
            break;
          case 'JWT_ISSUER':
            fn.addEnvironment(key, issuerUrl);
            fn.addEnvironment('JWT_CLIENT_IDS', clients.map((client) => client.userPoolClientId).join(','));
            break;
          case 'PUBLIC_BASE_URL':
            fn.addEnvironment(key, settings.publicBaseUrl ?? api.apiEndpoint);
            break;
          case 'AKTA_NUMBER_FORMAT':
            fn.addEnvironment(key, settings.aktaNumberFormat);
            break;
          case 'SERVED_REGENCIES':
            fn.addEnvironment(key, settings.servedRegencies.join(','));
            break;
          case 'CIVIL_TIME_ZONE':
            fn.addEnvironment(key, civilTimeZoneOf(settings));
            break;
          case 'SMS_SENDER':
            // SMS straight to a phone number: Publish has no resource to name then (no topic), so IAM takes only "*".
            fn.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
            Validations.of(fn.role as Role).acknowledge({
              id: 'AwsSolutions-IAM5[Resource::*]',
              reason: 'sns:Publish to a phone number (SMS to parents) has no resource ARN to scope to; the role may only Publish, and only this function has it.',
            });
            fn.addEnvironment(key, 'sns');
            break;
        }
      }
      if (this.grantTaskResponses(fn, spec)) this.grantWorkflowKey(fn, dataKey, workflowArnOf(spec));
      // Background functions run on a schedule (DeliverNotifications: every minute, see functions/deliver-notifications).
      if (spec.schedule) {
        new Rule(this, `${spec.id}Schedule`, {
          description: `Runs ${spec.id} every ${spec.schedule.everyMinutes} minute(s)`,
          schedule: Schedule.rate(Duration.minutes(spec.schedule.everyMinutes)),
          targets: [new LambdaFunction(fn)],
        });
      }
    }

    for (const spec of httpFunctions) {
      const route: Route = spec.route;
      const [httpRoute] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${spec.id}Integration`, functions.get(spec.id) as IFunction),
        // `jwt` routes: the Cognito authorizer. The others let parents and the public through to the
        // handler, which verifies a Bearer token or the access code itself (functions/shared/registration-access.ts).
        ...(route.auth === 'jwt'
          ? route.scopes
            ? { authorizationScopes: [...route.scopes] }
            : {}
          : { authorizer: new HttpNoneAuthorizer() }),
      });
      if (route.auth !== 'jwt' && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            route.auth === 'public'
              ? 'Public by design (document verification, API description): rate-limited and audited in the handler.'
              : "Parents hold an access code, not a token: the handler verifies a Bearer token against Cognito's JWKS or the access code (hashed, throttled, audited).",
        });
      }
    }

    // ── Alarms: to one encrypted topic ──
    const alarmTopic = new Topic(this, 'Alarms', { displayName: 'Lahir Procot alarms', masterKey: dataKey, enforceSSL: true });
    dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    alarmTopic.addSubscription(new EmailSubscription(settings.alarmEmail));
    if (isPlaceholderEmail(settings.alarmEmail)) {
      Validations.of(alarmTopic).addWarning(
        'AlarmEmailPlaceholder',
        `alarmEmail ${settings.alarmEmail} is on a reserved example domain: alarms would reach nobody. Set the operations mailbox (cdk.json or -c alarmEmail=...).`,
      );
    }
    const alarm = (id: string, description: string, metric: IMetric): void => {
      new Alarm(this, id, {
        alarmDescription: description,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(new SnsAction(alarmTopic));
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    alarm('ExecutionsFailed', 'A birth registration ended FAILED: its record says why (RecordFailure)', this.stateMachine.metricFailed(fiveMinutes));
    alarm('ExecutionsTimedOut', 'A birth registration execution timed out', this.stateMachine.metricTimedOut(fiveMinutes));
    alarm('ExecutionsAborted', 'A birth registration execution was stopped (StopExecution)', this.stateMachine.metricAborted(fiveMinutes));
    // The amendment workflow ends FAILED through its Catch (CloseAmendment records why), or outside it:
    // either way its registration's open amendment may block the next request, so someone must look.
    alarm(
      'AmendmentExecutionsFailed',
      'An amendment (correction or revocation) ended FAILED: its amendment says why, or the execution history does',
      this.amendmentStateMachine.metricFailed(fiveMinutes),
    );
    alarm('AmendmentExecutionsTimedOut', 'An amendment execution timed out', this.amendmentStateMachine.metricTimedOut(fiveMinutes));
    alarm('AmendmentExecutionsAborted', 'An amendment execution was stopped (StopExecution)', this.amendmentStateMachine.metricAborted(fiveMinutes));

    // ── The registration follows its execution's end: FAILED, TIMED_OUT or ABORTED outside any Catch ──
    for (const spec of executionEventFunctions) {
      const fn = functions.get(spec.id) as NodejsFunction;
      // Events EventBridge could not deliver and invocations that failed after Lambda's own retries.
      const deadLetters = new Queue(this, `${spec.id}DeadLetters`, {
        encryption: QueueEncryption.KMS,
        encryptionMasterKey: dataKey,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the execution-end rule and of its function (alarmed; README, Operations).',
      });
      new Rule(this, `${spec.id}Rule`, {
        description: `Runs ${spec.id} when a birth registration or amendment execution ends ${spec.executionEnded.join(', ')}`,
        eventPattern: {
          source: ['aws.states'],
          detailType: ['Step Functions Execution Status Change'],
          detail: { stateMachineArn: [this.stateMachine.stateMachineArn, this.amendmentStateMachine.stateMachineArn], status: [...spec.executionEnded] },
        },
        targets: [new LambdaFunction(fn, { deadLetterQueue: deadLetters, maxEventAge: Duration.hours(24), retryAttempts: 185 })],
      });
      // The same queue for invocations that failed after Lambda's retries. Granted here, exactly (a
      // destination's own grant adds KMS wildcards; the function has the data key through its table grant).
      const onFailure: IDestination = { bind: () => ({ destination: deadLetters.queueArn }) };
      fn.configureAsyncInvoke({ onFailure, retryAttempts: 2, maxEventAge: Duration.hours(6) });
      fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [deadLetters.queueArn] }));
      alarm(
        `${spec.id}Undelivered`,
        `An execution end was not recorded on its registration (${spec.id} dead letters): the registration may be stuck, see README Operations`,
        deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      );
      alarm(
        'RegistrationsFailedOutsideCatch',
        "A registration failed because its execution ended outside the workflow's Catch (RecordExecutionEnd): find the cause, then redrive (README, Operations)",
        new Metric({ namespace: METRICS_NAMESPACE, metricName: 'RegistrationsFailedOutsideCatch', dimensionsMap: { service: SERVICE_NAME }, ...fiveMinutes }),
      );
      alarm(
        'AmendmentsFailedOutsideCatch',
        "An amendment failed because its execution ended outside the workflow's Catch (stopped, timed out, or RecordAmendmentFailure never ran): RecordExecutionEnd closed it, the registration accepts new amendments (README, Operations)",
        new Metric({ namespace: METRICS_NAMESPACE, metricName: 'AmendmentsFailedOutsideCatch', dimensionsMap: { service: SERVICE_NAME }, ...fiveMinutes }),
      );
    }
    // EventBridge puts undeliverable events into the encrypted dead-letter queue.
    dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeDeadLettersToEncryptedQueue',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    alarm(
      'ApprovalsEscalated',
      'A birth waited more than 4 hours for a registrar decision and was escalated',
      new Metric({ namespace: METRICS_NAMESPACE, metricName: 'ApprovalsEscalated', dimensionsMap: { service: SERVICE_NAME }, ...fiveMinutes }),
    );
    alarm(
      'NotificationsDead',
      'An SMS or webhook event could not be delivered after its last attempt (outbox item DEAD)',
      new Metric({ namespace: METRICS_NAMESPACE, metricName: 'NotificationsDead', dimensionsMap: { service: SERVICE_NAME }, ...fiveMinutes }),
    );
    alarm(
      'AccessCodeLockouts',
      'Parents\' access codes were locked out (5 wrong codes for one registration in a minute, or 30 from one network in 15 minutes): guessing, or someone keeping a family out',
      new Metric({ namespace: METRICS_NAMESPACE, metricName: 'AccessCodeLockouts', dimensionsMap: { service: SERVICE_NAME }, ...fiveMinutes }),
    );
    alarm('ApiServerErrors', 'The HTTP API answered 5xx', api.metricServerError(fiveMinutes));
    for (const [fnId, fn] of functions) alarm(`${fnId}Errors`, `Function ${fnId} failed (after its own retries)`, fn.metricErrors(fiveMinutes));
    this.createDashboard(api);

    consoleHosting.deploy({
      apiUrl: api.apiEndpoint,
      cognitoDomain: `lahir-${settings.issuingRegencyCode.replace('.', '')}-${this.account}.auth.${this.region}.amazoncognito.com`,
      clientId: consoleClient.userPoolClientId,
      officeContact: settings.officeContact,
    });
    new CfnOutput(this, 'ConsoleUrl', { value: consoleHosting.url });
    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: users.userPoolId });
    new CfnOutput(this, 'TokenUrl', { value: `https://lahir-${settings.issuingRegencyCode.replace('.', '')}-${this.account}.auth.${this.region}.amazoncognito.com/oauth2/token` });
    new CfnOutput(this, 'StateMachineArn', { value: this.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AmendmentStateMachineArn', { value: this.amendmentStateMachine.stateMachineArn });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
  }

  /**
   * One CloudWatch dashboard for the office's operators (README "Operations"): the workflow's
   * executions, the business metrics the functions emit (functions/shared/metrics.ts) with the two
   * promises (time to decision, time to documents), the API, every function, and table throttling.
   */
  private createDashboard(api: HttpApi): Dashboard {
    const business = (metricName: string, statistic = 'Sum', period = Duration.minutes(5)) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, statistic, period });
    const sum = { statistic: 'Sum', period: Duration.minutes(5) };
    const hour = Duration.hours(1);
    const fns = [...this.functions.entries()];
    const throttles = (metricName: string) =>
      new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: this.table.tableName }, ...sum });
    const dashboard = new Dashboard(this, 'Operations', { defaultInterval: Duration.days(1) });
    dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Lahir Procot: birth registration\nAlarms and what to do: README, section *Operations*. ' +
          'Promises: a decision within 4 hours (escalated after), documents the same day.',
        width: 24,
        height: 2,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Workflow executions',
        left: [
          this.stateMachine.metricStarted(sum),
          this.stateMachine.metricSucceeded(sum),
          this.stateMachine.metricFailed(sum),
          this.stateMachine.metricTimedOut(sum),
        ],
        width: 8,
      }),
      new GraphWidget({
        title: 'Registrations',
        left: ['RegistrationsReceived', 'RegistrationsApproved', 'RegistrationsRejected', 'RegistrationsCompleted', 'RegistrationsFailed'].map((name) =>
          business(name),
        ),
        width: 8,
      }),
      new GraphWidget({
        title: 'Escalations and notifications',
        left: [business('ApprovalsEscalated'), business('NotificationsDelivered'), business('NotificationsDead')],
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'Time to decision (ms from notification; promise 4 h)',
        left: [business('TimeToDecision', 'p50', hour), business('TimeToDecision', 'p90', hour), business('TimeToDecision', 'Maximum', hour)],
        width: 12,
      }),
      new GraphWidget({
        title: 'Time from notification to documents (ms)',
        left: [business('TimeToDocuments', 'p50', hour), business('TimeToDocuments', 'p90', hour), business('TimeToDocuments', 'Maximum', hour)],
        width: 12,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({
        title: 'HTTP API latency (ms)',
        left: [api.metricLatency({ statistic: 'p50' }), api.metricLatency({ statistic: 'p99' }), api.metricIntegrationLatency({ statistic: 'p99' })],
        width: 8,
      }),
      new GraphWidget({
        title: 'HTTP API requests and errors',
        left: [api.metricCount(sum)],
        right: [api.metricClientError(sum), api.metricServerError(sum)],
        width: 8,
      }),
      new GraphWidget({
        title: 'DynamoDB throttled requests',
        left: [throttles('ReadThrottleEvents'), throttles('WriteThrottleEvents')],
        width: 8,
      }),
    );
    dashboard.addWidgets(
      new GraphWidget({ title: 'Function errors', left: fns.map(([id, fn]) => fn.metricErrors({ ...sum, label: id })), width: 12 }),
      new GraphWidget({
        title: 'Function duration p90 (ms)',
        left: fns.map(([id, fn]) => fn.metricDuration({ statistic: 'p90', period: Duration.minutes(5), label: id })),
        width: 12,
      }),
    );
    return dashboard;
  }

  /** A function with its own role (no managed policies), log group with retention, tracing, ESM bundle. */
  private createFunction(spec: FunctionSpec, retention: RetentionDays): NodejsFunction {
    const logGroup = new LogGroup(this, `${spec.id}Logs`, { retention, removalPolicy: RemovalPolicy.RETAIN });
    const role = new Role(this, `${spec.id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${spec.id}`,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray (xray:PutTraceSegments, xray:PutTelemetryRecords) supports no resource scoping; SendTask* likewise where granted.',
    });
    const fn = new NodejsFunction(this, spec.id, {
      entry: fromRoot(`functions/${spec.dir}/handler.ts`),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: fromRoot('package-lock.json'),
      description: spec.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      timeout: Duration.seconds(timeoutSecondsOf(spec)),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        platform: 'node',
        minify: true,
        mainFields: [...BUNDLE_MAIN_FIELDS],
        // The SDK is bundled too: the version that was tested is the version that runs.
        externalModules: [],
        banner: BUNDLE_BANNER,
        esbuildArgs: { '--alias': Object.entries(BUNDLE_ALIASES).map(([name, file]) => `${name}=${file}`) },
        forceDockerBundling: false,
        // Functions that render PDFs get the embedded fonts (and their licence) next to the bundle.
        ...(spec.env?.includes('DOCUMENT_FONTS_DIR')
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) => [
                  `mkdir -p "${outputDir}/fonts"`,
                  ...documentFontFiles().map((file) => `cp "${file}" "${outputDir}/fonts/"`),
                ],
              },
            }
          : {}),
      },
    });
    return fn;
  }

  /** Table access exactly as the catalog states it: the table and its two indexes, named actions only. */
  private grantTable(fn: NodejsFunction, spec: FunctionSpec, dataKey: Key): void {
    const indexArns = registryTableSchema.globalSecondaryIndexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`);
    const actions = [...tableActions[spec.table!], ...(spec.deletesItems ? ['dynamodb:DeleteItem'] : [])];
    fn.addToRolePolicy(new PolicyStatement({ actions, resources: [this.table.tableArn, ...indexArns] }));
    fn.addToRolePolicy(new PolicyStatement({ actions: tableKeyActions, resources: [dataKey.keyArn] }));
    fn.addEnvironment('TABLE_NAME', this.table.tableName);
  }

  /**
   * SendTaskSuccess/Failure resume a callback step by its token. These actions support no resource
   * scoping (IAM allows only "*"); the token itself is the capability, and it is held in the table.
   */
  private grantTaskResponses(fn: NodejsFunction, spec: FunctionSpec): boolean {
    const actions = (spec.stepFunctions ?? []).filter((a) => a !== 'states:StartExecution');
    if (actions.length === 0) return false;
    fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: ['*'] }));
    return true;
  }

  /**
   * The workflow's data is encrypted with the customer-managed key in the name of whoever hands it
   * data: StartExecution (the input) and SendTask* (the output) callers need GenerateDataKey (and
   * Decrypt) on the key, for this state machine's encryption context only. Explicit, not through the
   * table's grant.
   */
  private grantWorkflowKey(fn: NodejsFunction, dataKey: Key, stateMachineArn: string): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: workflowKeyActions,
        resources: [dataKey.keyArn],
        conditions: { StringEquals: { [STATE_MACHINE_ARN_CONTEXT]: stateMachineArn } },
      }),
    );
  }
}

/** Addresses on the domains reserved for documentation (RFC 2606/6761): nobody reads them. */
export function isPlaceholderEmail(email: string): boolean {
  const domain = email.split('@').pop()!.toLowerCase();
  return /(^|\.)(example\.(com|net|org)|example|invalid|test|localhost)$/.test(domain);
}
