import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalStepFunctions } from './engine.js';
import { StepFunctionsApiError } from './errors.js';
import { loopbackHosts, ownHostGuard } from '../http/server.js';

/**
 * The Step Functions API (AWS JSON 1.0 protocol, `X-Amz-Target: AWSStepFunctions.<Operation>`) on
 * localhost, so handlers use @aws-sdk/client-sfn unchanged: the local stack only sets
 * AWS_ENDPOINT_URL_SFN. Signatures are not checked (loopback only); the operations this system
 * calls are implemented, others answer UnknownOperationException.
 */
const epochSeconds = (iso: string | undefined) => (iso ? Date.parse(iso) / 1000 : undefined);

type Operation = (engine: LocalStepFunctions, body: Record<string, unknown>) => Promise<unknown>;

/**
 * The engine an operation is for: by state machine (StartExecution), execution (Describe/Stop) or task
 * token (SendTask*). One endpoint serves every state machine of the app, as the service's does.
 */
function engineFor(engines: readonly LocalStepFunctions[], body: Record<string, unknown>): LocalStepFunctions {
  const [first] = engines;
  if (!first) throw new StepFunctionsApiError('StateMachineDoesNotExist', 'State machine does not exist');
  const { stateMachineArn, executionArn, taskToken } = body;
  if (typeof stateMachineArn === 'string') return engines.find((e) => e.stateMachineArn === stateMachineArn) ?? first;
  if (typeof executionArn === 'string') return engines.find((e) => e.ownsExecution(executionArn)) ?? first;
  if (typeof taskToken === 'string') return engines.find((e) => e.ownsToken(taskToken)) ?? first;
  return first;
}

const str = (body: Record<string, unknown>, field: string): string => {
  const value = body[field];
  if (typeof value !== 'string' || value.length === 0) throw new StepFunctionsApiError('ValidationException', `${field} is required`);
  return value;
};
const optionalStr = (body: Record<string, unknown>, field: string): string | undefined =>
  typeof body[field] === 'string' ? (body[field] as string) : undefined;

const operations: Record<string, Operation> = {
  StartExecution: async (engine, body) => {
    const name = optionalStr(body, 'name');
    const input = optionalStr(body, 'input');
    const started = await engine.startExecution({
      stateMachineArn: str(body, 'stateMachineArn'),
      ...(name ? { name } : {}),
      ...(input ? { input } : {}),
    });
    return { executionArn: started.executionArn, startDate: started.startDate.getTime() / 1000 };
  },
  DescribeExecution: async (engine, body) => {
    const e = await engine.describeExecution(str(body, 'executionArn'));
    return {
      executionArn: e.executionArn,
      stateMachineArn: engine.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: epochSeconds(e.startDate),
      stopDate: epochSeconds(e.stopDate),
      input: e.input,
      output: e.output ?? undefined,
      error: e.error ?? undefined,
      cause: e.cause ?? undefined,
    };
  },
  SendTaskSuccess: async (engine, body) => {
    await engine.sendTaskSuccess(str(body, 'taskToken'), str(body, 'output'));
    return {};
  },
  SendTaskFailure: async (engine, body) => {
    await engine.sendTaskFailure(str(body, 'taskToken'), optionalStr(body, 'error'), optionalStr(body, 'cause'));
    return {};
  },
  StopExecution: async (engine, body) => {
    const stopped = await engine.stopExecution(str(body, 'executionArn'), optionalStr(body, 'error'), optionalStr(body, 'cause'));
    return { stopDate: stopped.stopDate.getTime() / 1000 };
  },
  SendTaskHeartbeat: async () => ({}),
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 1_048_576) throw new StepFunctionsApiError('ValidationException', 'Request too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': crypto.randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  response.end(JSON.stringify(body));
}

export async function startStepFunctionsEndpoint(
  engine: LocalStepFunctions | readonly LocalStepFunctions[],
  options: { port?: number; host?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const engines: readonly LocalStepFunctions[] = Array.isArray(engine) ? engine : [engine as LocalStepFunctions];
  const hosts = ownHostGuard();
  const server = createServer((request, response) => {
    // Only the stack's own names (local/http/server.ts): no web page drives the engine by DNS rebinding.
    if (!hosts.allows(request)) {
      request.resume();
      send(response, 403, { __type: 'AccessDeniedException', message: 'Forbidden' }, 'AccessDeniedException');
      return;
    }
    void (async () => {
      try {
        const target = String(request.headers['x-amz-target'] ?? '');
        const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
        if (request.method !== 'POST' || !operation) {
          throw new StepFunctionsApiError('UnknownOperationException', `Unsupported operation ${target || '(none)'}`);
        }
        const raw = await readBody(request);
        const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
        send(response, 200, await operation(engineFor(engines, body), body));
      } catch (error) {
        if (error instanceof StepFunctionsApiError) {
          send(response, 400, { __type: error.type, message: error.message }, error.type);
        } else if (error instanceof SyntaxError) {
          send(response, 400, { __type: 'ValidationException', message: 'Malformed JSON' }, 'ValidationException');
        } else {
          process.stderr.write(`[local-sfn] ${(error as Error).name}: ${(error as Error).message}\n`);
          send(response, 500, { __type: 'InternalFailure', message: 'Internal failure' }, 'InternalFailure');
        }
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  hosts.listening(loopbackHosts(options.host ?? '127.0.0.1', port));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
