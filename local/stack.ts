import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { DeliverySummary } from '../functions/deliver-notifications/deliver.js';
import type { Route } from '../api/routes.js';
import {
  allFunctions,
  amendmentDefinitionPath,
  amendmentTaskFunctions,
  backgroundFunctions,
  birthRegistrationDefinitionPath,
  executionEventFunctions,
  httpFunctions,
  substitutionKey,
  taskFunctions,
  timeoutSecondsOf,
  type FunctionSpec,
} from '../infra/catalog.js';
import { civilTimeZoneOf, documentIssuerOf } from '../infra/settings.js';
import { importPopulation } from '../population/import.js';
import { loadRegionCodes } from '../population/regions.js';
import { CONSOLE_CLIENT_ID, createLocalIssuer } from './auth/issuer.js';
import { startAwsRecorder, type AwsCall, type AwsCallCount, type AwsOperationCount } from './aws-recorder.js';
import { functionEnvironment, loadBundle, localResolver, localSecrets, resolvedStatements, type LocalValues } from './bundle-mode.js';
import { readDeployedApp, resolvedDefinition, type DeployedApp } from './deployed-app.js';
import type { ResolvedStatement } from './iam.js';
import { synthesizeApp } from './synth.js';
import { consoleRoutes } from './console.js';
import { startBackgroundFunctions } from './background.js';
import { loadHandler } from './handlers.js';
import { enableConcurrentInvocations, invokeInContext, lambdaContext } from './lambda-runtime.js';
import { startDynamoDbLocal } from './dynamodb/server.js';
import { ensureRegistryTable } from './dynamodb/tables.js';
import { startHttpApi, type PublicRoute } from './http/server.js';
import { LocalStepFunctions, type ExecutionStatusChangeEvent, type LambdaHandler } from './stepfunctions/engine.js';
import { startStepFunctionsEndpoint } from './stepfunctions/server.js';
import { projectRoot, readSettings } from './settings.js';

/**
 * The whole system on one machine: DynamoDB Local, the real ASL run by the local engine, the HTTP
 * API with JWT verification, and the same handler modules that are deployed to Lambda. Only
 * configuration differs from AWS: endpoints, table names, secrets.
 */
export interface LocalStackOptions {
  /** HTTP API port; 0 picks a free one. */
  readonly port?: number;
  /** Step Functions endpoint port; 0 picks a free one (fix it to restart in the same process). */
  readonly stepFunctionsPort?: number;
  /** Where data, keys and credentials live between runs. Default <project>/.local */
  readonly dataDir?: string;
  /** Use an already running DynamoDB Local (tests share one) instead of starting one. */
  readonly dynamodbEndpoint?: string;
  /** Keep DynamoDB data in memory only (ignored with dynamodbEndpoint). */
  readonly inMemory?: boolean;
  /** Distinct table names per stack (tests). */
  readonly tablePrefix?: string;
  /** Load the demo population (default true). */
  readonly seed?: boolean;
  /**
   * The document signing key's file in the data folder (made on first use), default
   * `document-signing-key.pem`. Every `document-signing-key*.pem` there stays a verification key:
   * starting with a new name is a key rotation (documents signed before stay valid).
   */
  readonly documentSigningKey?: string;
  /** Scales callback timeouts: 1 = as written in the ASL (4 h, 7 days). */
  readonly timeoutScale?: number;
  /** Retry back-off override in ms (tests: 0 to retry at once). */
  readonly retryIntervalMs?: number;
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /**
   * Notification delivery: DeliverNotifications runs every `pollIntervalMs` (default 1000; 0: only
   * on `deliverNow()`); retries back off from `backoffBaseMs` (default 30 s) up to `backoffMaxMs` (1 h).
   */
  readonly notifications?: { readonly pollIntervalMs?: number; readonly backoffBaseMs?: number; readonly backoffMaxMs?: number };
  /** The per-hospital intake quota (default: AWS's, functions/shared/intake-quota.ts); tests that drive hundreds of births raise it. */
  readonly intakeQuota?: { readonly perMinute?: number; readonly perDay?: number };
  readonly onStateEntered?: (stateName: string) => void;
  /**
   * `bundle`: run what AWS runs (README "How the local stack mirrors the deployed app"): each
   * function's bundle from the synthesized cloud assembly in its own module instance with its own
   * synthesized environment, the synthesized workflow definition, every AWS call checked against the
   * function's role. `source` (default): the handler modules and the ASL file, one shared
   * environment; fast to start, for development.
   */
  readonly mode?: 'source' | 'bundle';
  /** Bundle mode: the cloud assembly (cdk.out) to run; default: synthesize into <dataDir>/cdk.out. */
  readonly assemblyDir?: string;
  /** Bundle mode: append each distinct AWS call (function, action, resource, allowed) to this JSON-lines file. */
  readonly awsCallLog?: string;
  /**
   * Fault injection for reliability tests: task invocations fail with a TransientError at
   * `taskErrorRate` (before or after the handler runs); DynamoDB calls of the handlers' shared clients
   * are throttled at `dynamoThrottleRate` (functions/shared/fault-injection.ts). `seed` for the draws;
   * `maxTaskErrorsPerStep` caps the injected failures of one step of one execution (default none).
   */
  readonly faults?: {
    readonly taskErrorRate?: number;
    readonly dynamoThrottleRate?: number;
    readonly seed?: number;
    readonly maxTaskErrorsPerStep?: number;
    /** State name -> error name every invocation of that state fails with (see the engine's `faults.stateErrors`). */
    readonly stateErrors?: Readonly<Record<string, string>>;
    /** The error names injected task failures carry (default `TransientError`; see the engine's `faults.errorNames`). */
    readonly taskErrorNames?: readonly string[];
  };
}

export interface LocalStack {
  readonly url: string;
  /** The route keys the HTTP API serves (the catalog's routes and the issuer's JWKS). */
  readonly routeKeys: readonly string[];
  readonly tableName: string;
  readonly stateMachineArn: string;
  readonly dynamodbEndpoint: string;
  /** The local Step Functions endpoint (the SDK's AWS_ENDPOINT_URL_SFN). */
  readonly stepFunctionsUrl: string;
  readonly documentClient: DynamoDBDocumentClient;
  readonly engine: LocalStepFunctions;
  /** The definition the engine runs: the synthesized one (bundle mode) or workflows/ (source mode). */
  readonly definition: StateMachineDefinition;
  /** The amendment workflow (corrections and revocations): its own state machine, engine and definition. */
  readonly amendmentStateMachineArn: string;
  readonly amendmentEngine: LocalStepFunctions;
  readonly amendmentDefinition: StateMachineDefinition;
  readonly issuer: Awaited<ReturnType<typeof createLocalIssuer>>;
  readonly dataDir: string;
  readonly mode: 'source' | 'bundle';
  /** Bundle mode: the synthesized app being run. */
  readonly deployedApp?: DeployedApp;
  /** Bundle mode: each function's environment, as it was given to it. */
  readonly functionEnvironments: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** The loaded function (bundle or handler module) by catalog id: tests invoke steps directly with it. */
  functionHandler(id: string): LambdaHandler;
  /** Bundle mode: every distinct AWS call the functions made so far (empty in source mode). */
  awsCalls(): AwsCall[];
  /** Bundle mode: every distinct AWS call with how often the functions made it so far (empty in source mode). */
  awsCallCounts(): AwsCallCount[];
  /** Bundle mode: requests per function and API operation so far (a transaction is one request). */
  awsOperationCounts(): AwsOperationCount[];
  /** Runs DeliverNotifications now (after a run in progress): SMS are printed, webhooks are POSTed. */
  deliverNow(): Promise<DeliverySummary>;
  stop(): Promise<void>;
}

const REGION = 'ap-southeast-3';
const ACCOUNT = '000000000000';
export const functionArn = (id: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${id}`;

/** Reads the ASL and fills its `${...}` placeholders, failing on any left unfilled. */
export function loadDefinition(substitutions: Record<string, string>, path = birthRegistrationDefinitionPath): StateMachineDefinition {
  let text = readFileSync(path, 'utf8');
  for (const [key, value] of Object.entries(substitutions)) text = text.replaceAll(`\${${key}}`, value);
  const left = text.match(/\$\{[A-Za-z0-9]+\}/g);
  if (left) throw new Error(`Unsubstituted placeholders in the ASL: ${[...new Set(left)].join(', ')}`);
  return JSON.parse(text) as StateMachineDefinition;
}

/** The documents' signing key (ECDSA P-256, PEM), made on first start; KMS holds it in AWS. */
function localSigningKey(dataDir: string, name = 'document-signing-key.pem'): string {
  if (!/^document-signing-key[\w.-]*\.pem$/.test(name)) throw new Error(`A signing key file is named document-signing-key*.pem, not ${name}`);
  const file = join(dataDir, name);
  if (!existsSync(file)) {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return file;
}

/** Every signing key the data folder holds, current and retired: the keys documents are verified with. */
function localVerificationKeys(dataDir: string): string {
  const files = readdirSync(dataDir).filter((name) => /^document-signing-key[\w.-]*\.pem$/.test(name)).sort();
  return files.map((name) => `file:${join(dataDir, name)}`).join(',');
}

const LOCAL_ISSUER = 'http://127.0.0.1/local-issuer';

/**
 * In place of the EventBridge rule on the workflows' execution status changes (infra/stack.ts, both state machines): the
 * functions the rule targets (RecordExecutionEnd) get the event EventBridge delivers, each invoked as
 * Lambda invokes an asynchronous target: retried twice on failure.
 */
function executionEndListener(handlerOf: (id: string) => LambdaHandler): (event: ExecutionStatusChangeEvent) => Promise<void> {
  return async (event) => {
    for (const spec of executionEventFunctions) {
      if (!(spec.executionEnded as readonly string[]).includes(event.detail.status)) continue;
      const handler = handlerOf(spec.id);
      for (let attempt = 1; ; attempt++) {
        const context = lambdaContext(spec.id, timeoutSecondsOf(spec) * 1000);
        try {
          await invokeInContext(context, () => handler(JSON.parse(JSON.stringify(event)), context));
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    }
  };
}

/**
 * The data folder holds personal data (DynamoDB Local's files, the journal), the secrets and keys and
 * the dev tokens: owner-only, the folder 0700 and what it holds 0600 (a folder made by an older version,
 * or by a umask that let others in, is tightened on every start). Sub-folders are 0700; their contents
 * are out of others' reach through them.
 */
export function ownerOnly(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    chmodSync(join(dataDir, entry.name), entry.isDirectory() ? 0o700 : 0o600);
  }
}

/** A secret kept in the data folder, created on first use (local stand-in for Secrets Manager). */
function localSecret(dataDir: string, name: string): string {
  const file = join(dataDir, `${name}.secret`);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = randomBytes(32).toString('base64url');
  writeFileSync(file, value, { mode: 0o600 });
  return value;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  // First of all, before any AWS SDK call in this process (the SDK asks for a store on every request):
  // each invocation gets its own logger context (local/lambda-runtime.ts).
  await enableConcurrentInvocations();
  const settings = readSettings();
  const dataDir = options.dataDir ?? join(projectRoot, '.local');
  ownerOnly(dataDir);
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn();
  };

  const startOwnDynamoDb = async () => {
    const dynamo = await startDynamoDbLocal(options.inMemory ? {} : { dbPath: join(dataDir, 'dynamodb') });
    stops.push(() => dynamo.stop());
    return dynamo.endpoint;
  };

  try {
    const dynamodbEndpoint = options.dynamodbEndpoint ?? (await startOwnDynamoDb());
    const prefix = options.tablePrefix ?? '';
    const tableName = `${prefix}Registry`;
    // The engine's executions and task tokens: on disk next to DynamoDB's data, or as ephemeral as it is.
    const journalFile = options.inMemory ? undefined : join(dataDir, `${prefix}stepfunctions-journal.jsonl`);
    const stateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${prefix}BirthRegistration`;
    const amendmentStateMachineArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${prefix}Amendment`;
    const amendmentJournalFile = options.inMemory ? undefined : join(dataDir, `${prefix}stepfunctions-amendment-journal.jsonl`);

    const mode = options.mode ?? 'source';
    const logLevel = options.logLevel ?? process.env.LOG_LEVEL ?? 'INFO';
    // Local-only settings of the functions (not in the template): notification back-off, fault injection, metrics off.
    const knobs = {
      // No CloudWatch here: metrics are counted by the benchmarks instead of printed as EMF.
      POWERTOOLS_METRICS_DISABLED: 'true',
      // Webhooks may go to http://127.0.0.1 receivers.
      WEBHOOK_ALLOW_LOCAL_HTTP: 'true',
      NOTIFY_BACKOFF_BASE_MS: String(options.notifications?.backoffBaseMs ?? 30_000),
      NOTIFY_BACKOFF_MAX_MS: String(options.notifications?.backoffMaxMs ?? 3_600_000),
      // The per-hospital intake quota (functions/shared/intake-quota.ts): AWS's numbers unless a test floods on purpose.
      ...(options.intakeQuota?.perMinute ? { INTAKE_QUOTA_PER_MINUTE: String(options.intakeQuota.perMinute) } : {}),
      ...(options.intakeQuota?.perDay ? { INTAKE_QUOTA_PER_DAY: String(options.intakeQuota.perDay) } : {}),
      // Read by functions/shared/aws.ts when the handlers load: 0 (the default) injects nothing.
      LOCAL_FAULT_DYNAMODB_THROTTLE_RATE: String(options.faults?.dynamoThrottleRate ?? 0),
      LOCAL_FAULT_SEED: String(options.faults?.seed ?? 1),
    };
    const accessCodeSecret = localSecret(dataDir, 'access-code');
    const signingKeyFile = localSigningKey(dataDir, options.documentSigningKey);
    const verificationKeys = localVerificationKeys(dataDir);

    if (mode === 'source') {
      // Source mode: one environment shared by every handler, every variable set for every function.
      Object.assign(process.env, {
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint,
        TABLE_NAME: tableName,
        STATE_MACHINE_ARN: stateMachineArn,
        AMENDMENT_STATE_MACHINE_ARN: amendmentStateMachineArn,
        ACCESS_CODE_SECRET: accessCodeSecret,
        DOCUMENT_ISSUER: JSON.stringify(documentIssuerOf(settings)),
        DOCUMENT_SIGNING_KEY: `file:${signingKeyFile}`,
        DOCUMENT_VERIFICATION_KEYS: verificationKeys,
        JWT_ISSUER: LOCAL_ISSUER,
        ISSUING_REGENCY_CODE: settings.issuingRegencyCode,
        ISSUING_OFFICE_NAME: settings.issuingOfficeName,
        AKTA_NUMBER_FORMAT: settings.aktaNumberFormat,
        SERVED_REGENCIES: settings.servedRegencies.join(','),
        CIVIL_TIME_ZONE: civilTimeZoneOf(settings),
        POWERTOOLS_SERVICE_NAME: 'birth-registration',
        POWERTOOLS_LOG_LEVEL: logLevel,
        // Notifications: SMS are printed (number masked).
        SMS_SENDER: 'console',
        ...knobs,
      });
    }

    const client = new DynamoDBClient({ endpoint: dynamodbEndpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const documentClient = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    stops.push(() => client.destroy());
    await ensureRegistryTable(client, tableName);

    // Bundle mode: the synthesized app (synthesized here unless the caller did it once for many stacks).
    let deployedApp: DeployedApp | undefined;
    if (mode === 'bundle') {
      let assemblyDir = options.assemblyDir;
      if (!assemblyDir) {
        assemblyDir = join(dataDir, 'cdk.out');
        await synthesizeApp(assemblyDir);
      }
      deployedApp = readDeployedApp(assemblyDir);
      const missing = allFunctions.filter((f) => !deployedApp?.functions.has(f.id)).map((f) => f.id);
      if (missing.length > 0) throw new Error(`The cloud assembly has no bundle for ${missing.join(', ')}`);
    }

    // Filled once every function is loaded (after the HTTP API listens: PUBLIC_BASE_URL is its URL).
    const functions = new Map<string, LambdaHandler>();
    const sourceDefinition = () => loadDefinition(Object.fromEntries(taskFunctions.map((f) => [substitutionKey(f.id), functionArn(f.id)])));
    // In bundle mode the definition is the template's, resolved with the local function ARNs (known already).
    let resolverValues: Omit<LocalValues, 'apiUrl' | 'jwksUrl'> | undefined;
    if (deployedApp) {
      const hospitalIds = settings.hospitals.map((h) => h.facilityId);
      resolverValues = {
        region: REGION,
        account: ACCOUNT,
        tableName,
        stateMachineArn,
        amendmentStateMachineArn,
        functionArn,
        issuer: LOCAL_ISSUER,
        signingKeyFile,
        verificationKeys,
        accessCodeSecret,
        // App clients: one per hospital ("<facilityId> <name>"; local tokens carry the facility id) and the console.
        clientIdOf: (name) => (name === 'registrar console' ? CONSOLE_CLIENT_ID : hospitalIds.find((id) => name.startsWith(`${id} `))),
      };
    }
    const definitionResolver = deployedApp
      ? localResolver(deployedApp, { ...(resolverValues as Omit<LocalValues, 'apiUrl' | 'jwksUrl'>), apiUrl: 'http://unresolved', jwksUrl: '' })
      : undefined;
    const definition = deployedApp && definitionResolver ? (resolvedDefinition(deployedApp, definitionResolver) as StateMachineDefinition) : sourceDefinition();
    const amendmentDefinition =
      deployedApp && definitionResolver
        ? (resolvedDefinition(deployedApp, definitionResolver, deployedApp.amendmentStateMachine) as StateMachineDefinition)
        : loadDefinition(Object.fromEntries(amendmentTaskFunctions.map((f) => [substitutionKey(f.id), functionArn(f.id)])), amendmentDefinitionPath);
    const handlerOf = (id: string): LambdaHandler => {
      const handler = functions.get(functionArn(id));
      if (!handler) throw new Error(`Function ${id} is not loaded`);
      return handler;
    };
    // Task faults (reliability tests) strike both workflows alike.
    const engineFaults =
      options.faults?.taskErrorRate || options.faults?.stateErrors
        ? {
            taskErrorRate: options.faults.taskErrorRate ?? 0,
            seed: options.faults.seed ?? 1,
            ...(options.faults.maxTaskErrorsPerStep !== undefined ? { maxPerStep: options.faults.maxTaskErrorsPerStep } : {}),
            ...(options.faults.stateErrors ? { stateErrors: options.faults.stateErrors } : {}),
            ...(options.faults.taskErrorNames ? { errorNames: options.faults.taskErrorNames } : {}),
          }
        : undefined;
    const engine = new LocalStepFunctions({
      definition,
      stateMachineArn,
      functions,
      functionTimeoutsSeconds: new Map(taskFunctions.map((spec) => [functionArn(spec.id), timeoutSecondsOf(spec)])),
      onExecutionEnded: executionEndListener(handlerOf),
      ...(journalFile ? { journalFile } : {}),
      ...(options.timeoutScale !== undefined ? { timeoutScale: options.timeoutScale } : {}),
      ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
      ...(options.onStateEntered ? { onStateEntered: options.onStateEntered } : {}),
      ...(engineFaults ? { faults: engineFaults } : {}),
    });
    stops.push(() => engine.stop());
    // The amendment workflow: its own state machine, under the same execution-end rule (an end outside its Catch closes the amendment).
    const amendmentEngine = new LocalStepFunctions({
      definition: amendmentDefinition,
      stateMachineArn: amendmentStateMachineArn,
      functions,
      functionTimeoutsSeconds: new Map(amendmentTaskFunctions.map((spec) => [functionArn(spec.id), timeoutSecondsOf(spec)])),
      onExecutionEnded: executionEndListener(handlerOf),
      ...(amendmentJournalFile ? { journalFile: amendmentJournalFile } : {}),
      ...(options.timeoutScale !== undefined ? { timeoutScale: options.timeoutScale } : {}),
      ...(options.retryIntervalMs !== undefined ? { retryIntervalMs: options.retryIntervalMs } : {}),
      ...(options.onStateEntered ? { onStateEntered: options.onStateEntered } : {}),
      ...(engineFaults ? { faults: engineFaults } : {}),
    });
    stops.push(() => amendmentEngine.stop());
    const sfnEndpoint = await startStepFunctionsEndpoint([engine, amendmentEngine], { port: options.stepFunctionsPort ?? 0 });
    stops.push(() => sfnEndpoint.close());
    if (mode === 'source') process.env.AWS_ENDPOINT_URL_SFN = sfnEndpoint.url;

    const issuer = await createLocalIssuer({ keyFile: join(dataDir, 'jwt-signing-key.json'), issuer: LOCAL_ISSUER });
    type HttpLambda = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;
    const routes = [];
    for (const spec of httpFunctions) {
      const route: Route = spec.route;
      const handler: HttpLambda = (event, context) => handlerOf(spec.id)(event, context);
      const base = { method: route.method, path: route.path, functionName: spec.id };
      // As in AWS: `jwt` routes sit behind the authorizer; the others reach the handler, which authenticates.
      routes.push(
        route.auth === 'jwt'
          ? { ...base, handler, ...(route.scopes ? { authorizationScopes: route.scopes } : {}) }
          : { ...base, public: true as const, handler: handler as PublicRoute['handler'] },
      );
    }
    const api = await startHttpApi({
      port: options.port ?? 3000,
      routes,
      verify: (token: string) => issuer.verify(token),
      extraRoutes: [
        {
          method: 'GET',
          path: '/.well-known/jwks.json',
          handler: (_request, response) => {
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end(JSON.stringify(issuer.jwks()));
          },
        },
        // The web console (web/) and its local-only sign-in (local/console.ts).
        ...(await consoleRoutes({ issuer, hospitals: settings.hospitals, officeContact: settings.officeContact })),
      ],
    });
    stops.push(() => api.close());
    const jwksUrl = `${api.url}/.well-known/jwks.json`;

    const functionEnvironments = new Map<string, Readonly<Record<string, string>>>();
    let recorder: Awaited<ReturnType<typeof startAwsRecorder>> | undefined;
    let loadFunction: (spec: FunctionSpec) => Promise<LambdaHandler>;
    if (deployedApp && resolverValues) {
      const app = deployedApp;
      const values: LocalValues = { ...resolverValues, apiUrl: api.url, jwksUrl };
      const resolver = localResolver(app, values);
      const statements = new Map<string, ResolvedStatement[]>([...app.functions.values()].map((fn) => [fn.id, resolvedStatements(fn, resolver)]));
      recorder = await startAwsRecorder({
        region: REGION,
        account: ACCOUNT,
        dynamodbEndpoint,
        stepFunctionsEndpoint: () => sfnEndpoint.url,
        statements: (id) => statements.get(id),
        secrets: localSecrets(app, values),
        ...(options.awsCallLog ? { logFile: options.awsCallLog } : {}),
      });
      stops.push(() => recorder?.close());
      const local = { recorderUrl: recorder.url, logLevel, knobs };
      loadFunction = (spec) => {
        const fn = app.functions.get(spec.id);
        if (!fn) throw new Error(`No bundle for ${spec.id}`);
        const env = functionEnvironment(fn, app, values, resolver, local);
        functionEnvironments.set(spec.id, Object.freeze({ ...env })); // as given: the function may write its own (the SDK user agent)
        return loadBundle(fn, env);
      };
    } else {
      // Handlers that verify tokens themselves fetch the issuer's keys where a user pool publishes them.
      process.env.JWT_JWKS_URL = jwksUrl;
      process.env.PUBLIC_BASE_URL = settings.publicBaseUrl ?? api.url;
      loadFunction = (spec) => loadHandler<LambdaHandler>(spec.dir);
    }
    const loadedSpecs: readonly FunctionSpec[] = [...taskFunctions, ...amendmentTaskFunctions, ...httpFunctions, ...backgroundFunctions, ...executionEventFunctions];
    const loaded = await Promise.all(loadedSpecs.map(async (spec) => [spec.id, await loadFunction(spec)] as const));
    for (const [id, handler] of loaded) functions.set(functionArn(id), handler);

    if (options.seed ?? true) {
      // The demo population goes through the same import an office uses for its registry export.
      const demo = JSON.parse(readFileSync(join(projectRoot, 'local', 'seed', 'demo-population.json'), 'utf8')) as unknown;
      const report = await importPopulation(documentClient, tableName, demo, { regions: await loadRegionCodes() });
      if (report.problems.length > 0) throw new Error(`Demo population has problems: ${JSON.stringify(report.problems)}`);
    }
    await engine.resumeRunning();
    await amendmentEngine.resumeRunning();

    const background = await startBackgroundFunctions(backgroundFunctions, { intervalMs: options.notifications?.pollIntervalMs ?? 1_000, load: async (spec) => handlerOf(spec.id) });
    stops.push(() => background.stop());
    const deliverNow = () => background.run('DeliverNotifications') as Promise<DeliverySummary>;

    return {
      url: api.url,
      routeKeys: api.routeKeys,
      tableName,
      stateMachineArn,
      dynamodbEndpoint,
      stepFunctionsUrl: sfnEndpoint.url,
      documentClient,
      engine,
      definition,
      amendmentStateMachineArn,
      amendmentEngine,
      amendmentDefinition,
      issuer,
      dataDir,
      mode,
      ...(deployedApp ? { deployedApp } : {}),
      functionEnvironments,
      awsCalls: () => recorder?.calls() ?? [],
      awsCallCounts: () => recorder?.counts() ?? [],
      awsOperationCounts: () => recorder?.operations() ?? [],
      functionHandler: (id) => {
        const handler = handlerOf(id);
        return (event, context) => invokeInContext(context, () => handler(event, context));
      },
      deliverNow,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
