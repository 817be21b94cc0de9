import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveValue, type DeployedApp, type DeployedFunction, type LocalResource, type Resolver } from './deployed-app.js';
import { nativeImport, withFunctionEnv } from './function-env.js';
import { templateLabel, type ResolvedStatement } from './iam.js';
import type { LambdaHandler } from './stepfunctions/engine.js';

/**
 * Bundle mode of the local stack: each function is the bundle the CDK app built (its cdk.out asset),
 * loaded in its own module instance, with exactly the environment its synthesized function has —
 * the template's `Environment.Variables` with references resolved to the local resources — plus what
 * the Lambda runtime sets and the local-only endpoints and knobs listed here. Nothing else: a
 * variable missing from the template is missing here.
 */
export interface LocalValues {
  readonly region: string;
  readonly account: string;
  readonly tableName: string;
  readonly stateMachineArn: string;
  readonly amendmentStateMachineArn: string;
  readonly functionArn: (id: string) => string;
  readonly apiUrl: string;
  /** The local stand-ins: issuer, signing key file, the access-code secret's value. */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly signingKeyFile: string;
  /** The local verification keys (`file:<pem>,…`): the current signing key and every retired one in the data folder. */
  readonly verificationKeys: string;
  readonly accessCodeSecret: string;
  /** Local client ids of the template's Cognito app clients, by ClientName (hospital: facility id). */
  readonly clientIdOf: (clientName: string) => string | undefined;
}

/** Local-only variables every function gets (not in the template): endpoints, credentials, test knobs. */
export interface LocalOnlyEnv {
  /** Base of the recording proxy (local/aws-recorder.ts): each function's endpoints are `<base>/<FunctionId>`. */
  readonly recorderUrl: string;
  /** Overrides the template's POWERTOOLS_LOG_LEVEL (the local stack's LOG_LEVEL). */
  readonly logLevel: string;
  readonly knobs: Readonly<Record<string, string>>;
}

const localSecretArn = (v: Pick<LocalValues, 'region' | 'account'>, logicalId: string) =>
  `arn:aws:secretsmanager:${v.region}:${v.account}:secret:${logicalId}-local`;

/** The local equivalent of every resource the template's functions, policies and definition refer to. */
export function localResolver(app: DeployedApp, values: LocalValues): Resolver {
  const resources = new Map<string, LocalResource>();
  const { region, account } = values;
  const tableArn = `arn:aws:dynamodb:${region}:${account}:table/${values.tableName}`;
  for (const [id, r] of app.template.Resources ? Object.entries(app.template.Resources) : []) {
    const props = (r.Properties ?? {}) as Record<string, unknown>;
    switch (r.Type) {
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table':
        resources.set(id, { ref: values.tableName, attributes: { Arn: tableArn } });
        break;
      case 'AWS::StepFunctions::StateMachine': {
        const arn = id === app.amendmentStateMachine.logicalId ? values.amendmentStateMachineArn : values.stateMachineArn;
        resources.set(id, { ref: arn, attributes: { Arn: arn, Name: arn.split(':').pop() as string } });
        break;
      }
      case 'AWS::SecretsManager::Secret':
        resources.set(id, { ref: localSecretArn(values, id) });
        break;
      case 'AWS::KMS::Key': {
        const arn = `arn:aws:kms:${region}:${account}:key/${id}`;
        resources.set(id, { ref: id, attributes: { Arn: arn, KeyId: id } });
        break;
      }
      case 'AWS::Cognito::UserPool':
        resources.set(id, { ref: `${region}_local`, attributes: { Arn: `arn:aws:cognito-idp:${region}:${account}:userpool/${region}_local` } });
        break;
      case 'AWS::Cognito::UserPoolClient': {
        const clientId = values.clientIdOf(String(props.ClientName ?? ''));
        if (clientId) resources.set(id, { ref: clientId });
        break;
      }
      case 'AWS::ApiGatewayV2::Api':
        resources.set(id, { ref: 'local', attributes: { ApiEndpoint: values.apiUrl } });
        break;
    }
  }
  for (const fn of app.functions.values()) resources.set(fn.logicalId, { ref: fn.id, attributes: { Arn: values.functionArn(fn.id) } });
  return { region, account, resources };
}

/** Secret ARN -> value: the Secrets Manager stand-in (the recorder answers GetSecretValue). */
export function localSecrets(app: DeployedApp, values: LocalValues): Map<string, string> {
  const secrets = app.resourcesOfType('AWS::SecretsManager::Secret');
  if (secrets.length > 1) throw new Error('The local stack knows one secret (the access-code secret); the template has more');
  return new Map(secrets.map(([id]) => [localSecretArn(values, id), values.accessCodeSecret]));
}

/**
 * Where a resolved value names an AWS service the local stack does not run, its local stand-in.
 * Each is listed in README "How the local stack mirrors the deployed app".
 */
function localEquivalent(name: string, value: string, fn: DeployedFunction, app: DeployedApp, values: LocalValues, resolver: Resolver): string {
  // Cognito's issuer -> the local issuer.
  if (/^https:\/\/cognito-idp\.[^/]+\.amazonaws\.com\/[^/]+$/.test(value)) return values.issuer;
  // The accepted verification keys (kms:<current arn>,kms:<retired arn>…) -> every local key file; KMS is not emulated.
  if (name === 'DOCUMENT_VERIFICATION_KEYS') return values.verificationKeys;
  // A KMS signing key (kms:<arn>) -> the local PEM key file; KMS is not emulated.
  const signingKeys = app.resourcesOfType('AWS::KMS::Key').filter(([, k]) => (k.Properties as Record<string, unknown> | undefined)?.KeyUsage === 'SIGN_VERIFY');
  for (const [id] of signingKeys) {
    if (value === `kms:${resolveValue({ 'Fn::GetAtt': [id, 'Arn'] }, resolver)}`) return `file:${values.signingKeyFile}`;
  }
  // Paths in the deployment package: /var/task is the asset folder.
  if (value === '/var/task' || value.startsWith('/var/task/')) return join(fn.codeDir, value.slice('/var/task'.length));
  // SMS through SNS -> printed on the terminal (number masked); SNS is not emulated.
  if (name === 'SMS_SENDER' && value === 'sns') return 'console';
  return value;
}

/** The environment one function gets in bundle mode. */
export function functionEnvironment(fn: DeployedFunction, app: DeployedApp, values: LocalValues, resolver: Resolver, local: LocalOnlyEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, raw] of Object.entries(fn.environment)) env[name] = localEquivalent(name, resolveValue(raw, resolver), fn, app, values, resolver);
  const endpoint = `${local.recorderUrl}/${fn.id}`;
  return {
    ...env,
    // What the Lambda runtime sets in every execution environment.
    AWS_REGION: values.region,
    AWS_DEFAULT_REGION: values.region,
    AWS_LAMBDA_FUNCTION_NAME: fn.id,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    LAMBDA_TASK_ROOT: fn.codeDir,
    _HANDLER: fn.handler,
    // Local only: credentials for the local endpoints, each function's calls through the recorder.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_SFN: endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    // The local issuer publishes its keys on the local API (Cognito: under the issuer URL).
    ...(env.JWT_ISSUER ? { JWT_JWKS_URL: values.jwksUrl } : {}),
    POWERTOOLS_LOG_LEVEL: local.logLevel,
    ...local.knobs,
  };
}

/** The function's statements with every reference resolved (unknown resources become `unresolved:<id>`). */
export function resolvedStatements(fn: DeployedFunction, resolver: Resolver): ResolvedStatement[] {
  const resolve = (value: unknown): string => {
    try {
      return resolveValue(value as never, resolver);
    } catch {
      return `unresolved:${JSON.stringify(value)}`;
    }
  };
  return fn.statements.map((s) => ({
    effect: s.Effect,
    actions: [s.Action].flat(),
    resources: [s.Resource].flat().map(resolve),
    resourceLabels: [s.Resource].flat().map(templateLabel),
    conditional: s.Condition !== undefined,
  }));
}

let instance = 0;

/**
 * Loads a function's bundle as its own module instance (a URL of its own: no module state shared
 * with any other function or stack), its top level run with its environment; every invocation runs
 * with that environment too.
 */
export async function loadBundle(fn: DeployedFunction, env: Record<string, string>): Promise<LambdaHandler> {
  const [file, exportName = 'handler'] = fn.handler.split('.') as [string, string?];
  const url = `${pathToFileURL(join(fn.codeDir, `${file}.mjs`)).href}?function=${fn.id}&instance=${++instance}`;
  const module = await withFunctionEnv(env, () => nativeImport(url));
  // Invocations (not the init) run many at once in this process, each in its own InvokeStore context
  // (local/lambda-runtime.ts), as on Lambda Managed Instances; Powertools keys its per-invocation state
  // on this variable. Set after the init: an init runs outside any invocation, as on Lambda.
  env.AWS_LAMBDA_MAX_CONCURRENCY = '1000';
  const handler = module[exportName] as LambdaHandler | undefined;
  if (typeof handler !== 'function') throw new Error(`${fn.id}: ${fn.handler} exports no handler`);
  return (event, context) => withFunctionEnv(env, () => handler(event, context));
}
