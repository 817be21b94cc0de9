import { appendFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loopbackHosts, ownHostGuard } from './http/server.js';
import { allowingGrant, type Grant, type ResolvedStatement } from './iam.js';

/**
 * Each function's AWS calls, seen and checked on their way. In bundle mode every function's SDK
 * endpoints (`AWS_ENDPOINT_URL_DYNAMODB`, `_SFN`, `_SECRETS_MANAGER`) point at this proxy under a
 * path of its own (`/<FunctionId>`), so each call is attributed to the function that made it. A call
 * is recorded (IAM action and resource ARN, as IAM authorizes it: a TransactWriteItems is a PutItem,
 * UpdateItem, ... per item), checked against that function's role in the synthesized template, and
 * then forwarded (DynamoDB Local, the local Step Functions endpoint) or answered here (Secrets
 * Manager: the local secret). A call the role does not allow answers AccessDeniedException, as AWS
 * would: a missing grant fails the test that needs it.
 */
export interface AwsCall {
  readonly functionId: string;
  readonly action: string;
  readonly resource: string;
  readonly allowed: boolean;
  /** What in the function's role allowed it (template terms). */
  readonly grant?: Grant;
}

export interface RecorderOptions {
  readonly region: string;
  readonly account: string;
  readonly dynamodbEndpoint: string;
  /** Known after the Step Functions endpoint listens. */
  readonly stepFunctionsEndpoint: () => string;
  /** Each function's statements, resolved to local ARNs. */
  readonly statements: (functionId: string) => readonly ResolvedStatement[] | undefined;
  /** Secrets Manager stand-in: secret ARN -> value. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Appends each distinct call as a JSON line (the run's permission report, test/setup/assembly.ts). */
  readonly logFile?: string;
}

/** How many times a function made one call (a transaction counts once per item, as IAM authorizes it). */
export interface AwsCallCount {
  readonly functionId: string;
  readonly action: string;
  readonly resource: string;
  readonly count: number;
}

/** How many requests of one API operation a function sent (a transaction is one TransactWriteItems). */
export interface AwsOperationCount {
  readonly functionId: string;
  /** As the SDK names it: `dynamodb:TransactWriteItems`, `states:SendTaskSuccess`. */
  readonly operation: string;
  readonly count: number;
}

export interface AwsRecorder {
  readonly url: string;
  /** Distinct calls so far. */
  calls(): AwsCall[];
  /** Every distinct call with how often it was made so far (tests count a step's DynamoDB calls with it). */
  counts(): AwsCallCount[];
  /** Requests per function and API operation so far: what a function costs in calls (README "Performance"). */
  operations(): AwsOperationCount[];
  close(): Promise<void>;
}

type Service = 'dynamodb' | 'states' | 'secretsmanager';

function dynamodbResources(region: string, account: string, operation: string, body: Record<string, any>): [string, string][] {
  const table = (name: string) => `arn:aws:dynamodb:${region}:${account}:table/${name}`;
  const itemActions: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };
  switch (operation) {
    case 'TransactWriteItems':
    case 'TransactGetItems':
      return (body.TransactItems ?? []).flatMap((item: Record<string, { TableName: string }>) =>
        Object.entries(item).map(([kind, request]) => [`dynamodb:${itemActions[kind] ?? kind}`, table(request.TableName)] as [string, string]),
      );
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys(body.RequestItems ?? {}).map((name) => [`dynamodb:${operation}`, table(name)]);
    default: {
      const arn = body.TableName ? table(String(body.TableName)) : '*';
      return [[`dynamodb:${operation}`, body.IndexName ? `${arn}/index/${body.IndexName}` : arn]];
    }
  }
}

function callsOf(region: string, account: string, service: Service, operation: string, body: Record<string, any>): [string, string][] {
  if (service === 'dynamodb') return dynamodbResources(region, account, operation, body);
  if (service === 'states') {
    const resource = body.stateMachineArn ?? body.executionArn ?? '*';
    return [[`states:${operation}`, String(resource)]];
  }
  return [[`secretsmanager:${operation}`, String(body.SecretId ?? '*')]];
}

const serviceOf = (target: string): Service | undefined =>
  target.startsWith('DynamoDB_') ? 'dynamodb' : target.startsWith('AWSStepFunctions.') ? 'states' : target.startsWith('secretsmanager.') ? 'secretsmanager' : undefined;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function answer(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': crypto.randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(JSON.stringify(body));
}

export async function startAwsRecorder(options: RecorderOptions): Promise<AwsRecorder> {
  const seen = new Map<string, AwsCall>();
  const made = new Map<string, number>();
  const requests = new Map<string, { functionId: string; operation: string; count: number }>();
  const record = (call: AwsCall) => {
    const key = `${call.functionId} ${call.action} ${call.resource}`;
    made.set(key, (made.get(key) ?? 0) + 1);
    if (seen.has(key)) return;
    seen.set(key, call);
    if (options.logFile) appendFileSync(options.logFile, `${JSON.stringify(call)}\n`);
  };

  // Kept-alive connections to the upstream endpoints, as the SDK keeps them to the service.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const forward = (target: string, path: string, request: IncomingMessage, body: Buffer, response: ServerResponse) => {
    const url = new URL(path, target);
    const { connection: _connection, ...incoming } = request.headers;
    const headers = { ...incoming, host: url.host, 'content-length': String(body.length) };
    const upstream = httpRequest(url, { method: request.method, headers, agent }, (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    });
    upstream.on('error', (error) => {
      response.writeHead(502);
      response.end(String(error.message));
    });
    upstream.end(body);
  };

  const hosts = ownHostGuard();
  const server = createServer((request, response) => {
    // Only the stack's own names (local/http/server.ts): no web page reads the secrets by DNS rebinding.
    if (!hosts.allows(request)) {
      request.resume();
      answer(response, 403, { __type: 'AccessDeniedException', message: 'Forbidden' }, 'AccessDeniedException');
      return;
    }
    void (async () => {
      const [, functionId = '', ...rest] = (request.url ?? '/').split('/');
      const path = `/${rest.join('/')}`;
      const target = String(request.headers['x-amz-target'] ?? '');
      const service = serviceOf(target);
      const body = await readBody(request);
      const statements = options.statements(functionId);
      if (!service || !statements) {
        answer(response, 400, { __type: 'UnknownOperationException', message: `The local recorder does not know ${target || '(no target)'} from ${functionId}` });
        return;
      }
      const operation = target.slice(target.indexOf('.') + 1);
      const requestKey = `${functionId} ${service}:${operation}`;
      const sent = requests.get(requestKey) ?? { functionId, operation: `${service}:${operation}`, count: 0 };
      sent.count += 1;
      requests.set(requestKey, sent);
      const parsed = (body.length ? JSON.parse(body.toString('utf8')) : {}) as Record<string, any>;
      const calls: AwsCall[] = callsOf(options.region, options.account, service, operation, parsed).map(([action, resource]) => {
        const grant = allowingGrant(statements, action, resource);
        return { functionId, action, resource, allowed: grant !== undefined, ...(grant ? { grant } : {}) };
      });
      for (const call of calls) record(call);
      const denied = calls.find((c) => !c.allowed);
      if (denied) {
        const message = `User: arn:aws:sts::${options.account}:assumed-role/${functionId}Role/${functionId} is not authorized to perform: ${denied.action} on resource: ${denied.resource} because no identity-based policy allows the ${denied.action} action`;
        process.stderr.write(`[local-iam] ${message}\n`);
        answer(response, 400, { __type: 'com.amazon.coral.service#AccessDeniedException', message }, 'AccessDeniedException');
        return;
      }
      if (service === 'dynamodb') forward(options.dynamodbEndpoint, path, request, body, response);
      else if (service === 'states') forward(options.stepFunctionsEndpoint(), path, request, body, response);
      else if (operation === 'GetSecretValue' || operation === 'DescribeSecret') {
        const arn = String(parsed.SecretId ?? '');
        const value = options.secrets.get(arn);
        if (value === undefined) answer(response, 400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }, 'ResourceNotFoundException');
        else
          answer(response, 200, {
            ARN: arn,
            Name: arn.split(':').pop(),
            ...(operation === 'GetSecretValue' ? { SecretString: value, VersionId: 'local', VersionStages: ['AWSCURRENT'], CreatedDate: 0 } : {}),
          });
      } else answer(response, 400, { __type: 'UnknownOperationException', message: `Secrets Manager ${operation} is not emulated locally` });
    })().catch((error: unknown) => {
      process.stderr.write(`[local-recorder] ${(error as Error).name}: ${(error as Error).message}\n`);
      if (!response.headersSent) answer(response, 500, { __type: 'InternalFailure', message: 'Internal failure' });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  hosts.listening(loopbackHosts('127.0.0.1', port));
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => [...seen.values()],
    operations: () => [...requests.values()].map((r) => ({ ...r })),
    counts: () => [...seen].map(([key, { functionId, action, resource }]) => ({ functionId, action, resource, count: made.get(key) ?? 0 })),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
