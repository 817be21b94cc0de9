import { validate } from '@readme/openapi-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderDocsPage } from '../../api/docs-page.js';
import { satusehatBundleExample } from '../../api/fhir/examples.js';
import { approveExample, birthNotificationExample, rejectExample, twinExample } from '../../api/examples.js';
import { buildOpenApiDocument, type OpenApiDocument, type OperationObject, type Reference, type ResponseObject } from '../../api/openapi.js';
import { requestOrigin } from '../../api/origin.js';
import { BirthNotificationSchema, DecisionSchema } from '../../api/requests.js';
import { httpFunctions } from '../../infra/catalog.js';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Method = 'get' | 'post' | 'put' | 'delete';

/** Routes the local HTTP API serves that are not part of the API (and so not in the document), with why. */
const LOCAL_ONLY_ROUTES: readonly { readonly routeKeys: RegExp; readonly why: string }[] = [
  {
    routeKeys: /^GET \/\.well-known\/jwks\.json$/,
    why: "the local token issuer's public keys, standing in for Cognito's JWKS endpoint; in AWS the API does not serve it",
  },
  {
    routeKeys: /^(GET|POST) \/console(\/.*)?$/,
    why: 'the web console: its static files (from S3 behind CloudFront in AWS) and its local-only sign-in, not API routes',
  },
];
const localOnly = (routeKey: string) => LOCAL_ONLY_ROUTES.some((route) => route.routeKeys.test(routeKey));

const document = buildOpenApiDocument();

function operation(doc: OpenApiDocument, method: Method, path: string): OperationObject {
  const op = doc.paths[path]?.[method];
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the document`);
  return op;
}

function response(doc: OpenApiDocument, method: Method, path: string, status: number): ResponseObject {
  const declared = operation(doc, method, path).responses[String(status)];
  if (!declared) throw new Error(`${method.toUpperCase()} ${path} does not declare ${status}`);
  if (!('$ref' in declared)) return declared;
  const resolved = doc.components.responses[(declared as Reference).$ref.replace('#/components/responses/', '')];
  if (!resolved) throw new Error(`Dangling ${(declared as Reference).$ref}`);
  return resolved;
}

/**
 * A JSON Schema 2020-12 validator for a body schema declared in the document: its component
 * references are resolved against the document's own components, so this checks the published
 * document, not the zod schemas it came from.
 */
function bodyValidator(doc: OpenApiDocument, schema: unknown): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  const rewrite = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/')) as Record<string, unknown>;
  return ajv.compile({ ...rewrite(schema), $defs: rewrite(doc.components.schemas) });
}

function responseValidator(doc: OpenApiDocument, method: Method, path: string, status: number): ValidateFunction {
  const schema = response(doc, method, path, status).content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method.toUpperCase()} ${path} ${status} declares no JSON body`);
  return bodyValidator(doc, schema);
}

function expectValid(validator: ValidateFunction, body: unknown): void {
  const valid = validator(body);
  expect(valid ? [] : validator.errors, JSON.stringify(body).slice(0, 400)).toEqual([]);
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (and the validator does reject a broken one)', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect('errors' in result ? result.errors : []).toEqual([]);
    expect(result.valid).toBe(true);

    // Negative controls: a path parameter the template does not have, a reference to nothing.
    const renamed = structuredClone(document) as unknown as { paths: Record<string, Record<string, { parameters: { name: string }[] }>> };
    renamed.paths['/v1/births/{registrationId}']!['get']!.parameters[0]!.name = 'id';
    expect((await validate(renamed as never)).valid).toBe(false);
    const dangling = JSON.parse(JSON.stringify(document).replace('"#/components/schemas/SubmitResponse"', '"#/components/schemas/Nope"')) as never;
    expect((await validate(dangling)).valid).toBe(false);
  });

  it('describes every catalog route with its method, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(httpFunctions.map((f) => `${f.route.method} ${f.route.path}`).sort());
    for (const spec of httpFunctions) {
      expect(operation(document, spec.route.method.toLowerCase() as Method, spec.route.path).operationId).toBe(spec.id);
    }
  });

  it('names each path parameter as its route template does, and requires it', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const op of Object.values(item)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
        expect(declared.map((p) => p.name).sort(), `${op.operationId} ${path}`).toEqual(inTemplate);
        for (const p of declared) expect(p.required).toBe(true);
      }
    }
  });

  it('secures each route as its catalog auth kind says', () => {
    for (const spec of httpFunctions) {
      const op = operation(document, spec.route.method.toLowerCase() as Method, spec.route.path);
      const schemes = op.security.flatMap((requirement) => Object.keys(requirement)).sort();
      expect(op['x-auth']).toBe(spec.route.auth);
      if (spec.route.auth === 'public') expect(op.security, spec.id).toEqual([]);
      if (spec.route.auth === 'jwt-or-access-code') expect(schemes, spec.id).toEqual(['accessCode', 'bearer']);
      if (spec.route.auth === 'jwt') {
        expect(schemes, spec.id).toContain('bearer');
        expect(schemes, spec.id).not.toContain('accessCode');
        expect(Object.keys(op.responses), spec.id).toEqual(expect.arrayContaining(['401', '403']));
      }
      for (const requirement of op.security) {
        for (const name of Object.keys(requirement)) expect(document.components.securitySchemes).toHaveProperty(name);
      }
    }
    expect(document.components.securitySchemes['accessCode']).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Access-Code' });
    expect(document.components.securitySchemes['hospitalClientCredentials']).toMatchObject({
      type: 'oauth2',
      flows: { clientCredentials: { scopes: { 'lahir-api/hospital': expect.any(String) } } },
    });
  });

  it('declares a 400 with field issues on every route that takes a body, and PDFs as application/pdf', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item) as [Method, OperationObject][]) {
        // The FHIR door answers its 400 as a FHIR OperationOutcome (issue[].expression: FHIRPaths), the others as field issues.
        if (op.requestBody?.content['application/fhir+json']) expect(response(document, method, path, 400).content?.['application/fhir+json']?.schema, op.operationId).toEqual({ $ref: '#/components/schemas/FhirOperationOutcome' });
        else if (op.requestBody) expect(response(document, method, path, 400).content?.['application/json']?.schema, op.operationId).toEqual({ $ref: '#/components/schemas/ValidationError' });
      }
    }
    for (const [path, id] of [['/v1/births/{registrationId}/documents/{type}', 'GetDocument'], ['/v1/births/{registrationId}/bundle', 'GetBundle'], ['/v1/approvals/{registrationId}/preview', 'PreviewDocuments']] as const) {
      expect(Object.keys(response(document, 'get', path, 200).content ?? {}), id).toEqual(['application/pdf']);
    }
    expect(Object.keys(response(document, 'get', '/v1/verify/{verificationId}', 200).content ?? {}).sort()).toEqual(['application/json', 'text/html']);
  });

  it('carries examples the real schemas accept, and that match the declared schemas', () => {
    expect(BirthNotificationSchema.safeParse(birthNotificationExample).success).toBe(true);
    expect(BirthNotificationSchema.safeParse(twinExample).success).toBe(true);
    expect(DecisionSchema.safeParse(approveExample).success).toBe(true);
    expect(DecisionSchema.safeParse(rejectExample).success).toBe(true);
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item) as [Method, OperationObject][]) {
        const body = op.requestBody?.content['application/json'];
        for (const example of Object.values(body?.examples ?? {})) {
          expectValid(bodyValidator(document, body?.schema), example.value);
          checked += 1;
        }
        for (const status of Object.keys(op.responses)) {
          const media = response(document, method, path, Number(status)).content?.['application/json'];
          for (const example of Object.values(media?.examples ?? {})) {
            expectValid(bodyValidator(document, media?.schema), example.value);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('carries the FHIR door’s example Bundle under application/fhir+json, valid against its declared schema', () => {
    const body = operation(document, 'post', '/fhir/Bundle').requestBody?.content['application/fhir+json'];
    const example = body?.examples?.['satusehat']?.value;
    expect(example).toEqual(satusehatBundleExample);
    const validator = bodyValidator(document, body?.schema);
    expectValid(validator, example);
    expect(validator({ ...satusehatBundleExample, type: 'document' })).toBe(false);
    expect(response(document, 'get', '/fhir/metadata', 200).content?.['application/fhir+json']?.schema).toEqual({ $ref: '#/components/schemas/FhirCapabilityStatement' });
  });

  it('says in its declared request schemas what the handlers refuse', () => {
    const validator = bodyValidator(document, operation(document, 'post', '/v1/births').requestBody?.content['application/json']?.schema);
    expect(validator(birthNotificationExample)).toBe(true);
    expect(validator({ ...birthNotificationExample, surprise: 1 })).toBe(false);
    expect(validator({ ...birthNotificationExample, child: { ...birthNotificationExample.child, weightGrams: 200 } })).toBe(false);
    expect(validator({ ...birthNotificationExample, mother: { nik: '12345' } })).toBe(false);
  });

  it('refuses to build when a catalog route has no entry in the operations table', async () => {
    vi.resetModules();
    vi.doMock('../../infra/catalog.js', async (importOriginal) => {
      const original = await importOriginal<typeof import('../../infra/catalog.js')>();
      const extra = { id: 'ForgottenRoute', dir: 'forgotten', description: 'x', table: 'read', route: { method: 'GET', path: '/v1/forgotten', auth: 'jwt' } } as const;
      return { ...original, httpFunctions: [...original.httpFunctions, extra] };
    });
    try {
      const { buildOpenApiDocument: build } = await import('../../api/openapi.js');
      expect(() => build()).toThrow(/GET \/v1\/forgotten \(ForgottenRoute\) has no entry/);
    } finally {
      vi.doUnmock('../../infra/catalog.js');
      vi.resetModules();
    }
  });

  it('takes the server URL from the request, and ignores a Host that is not a host name', () => {
    expect(requestOrigin({ headers: { host: 'abc.execute-api.ap-southeast-3.amazonaws.com', 'x-forwarded-proto': 'https' } })).toBe(
      'https://abc.execute-api.ap-southeast-3.amazonaws.com',
    );
    expect(requestOrigin({ headers: { host: '127.0.0.1:3000', 'x-forwarded-proto': 'http' } })).toBe('http://127.0.0.1:3000');
    expect(requestOrigin({ headers: {}, requestContext: { domainName: 'api.dukcapil.example.go.id' } })).toBe('https://api.dukcapil.example.go.id');
    expect(requestOrigin({ headers: { host: 'evil.example/"><script>' } })).toBeUndefined();
    expect(buildOpenApiDocument({ serverUrl: 'https://api.example' }).servers).toEqual([{ url: 'https://api.example', description: 'This deployment' }]);
  });
});

describe('the docs page', () => {
  const html = renderDocsPage(buildOpenApiDocument({ serverUrl: 'http://127.0.0.1:3000' }));

  it('shows every operation, grouped by tag, with the request example', () => {
    for (const item of [...Object.values(document.paths), ...Object.values(document.webhooks)]) {
      for (const op of Object.values(item)) expect(html).toContain(`id="op-${op.operationId}"`);
    }
    for (const tag of document.tags) expect(html).toContain(`<h2>${tag.name}</h2>`);
    expect(html).toContain('RSUD-BLB-2026-000123');
    expect(html).toContain('<code>child.birthDateTime</code>');
    for (const name of Object.keys(document.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
  });

  it('is self-contained: no scripts, nothing loaded from elsewhere', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b|@import|url\(/i);
  });
});

describe('served by the local stack', () => {
  let stack: LocalStack;
  let call: ReturnType<typeof apiClient>;
  let hospital: string;
  let registrar: string;

  beforeAll(async () => {
    stack = await startTestStack();
    call = apiClient(stack.url);
    hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
    registrar = await stack.issuer.signRegistrarToken('registrar.openapi');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('documents every route the HTTP API serves, with its method', () => {
    const documented = new Set(Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)));
    const served = stack.routeKeys.filter((key) => !localOnly(key));
    expect(served.length).toBe(httpFunctions.length);
    expect(served.filter((key) => !documented.has(key))).toEqual([]);
    expect(stack.routeKeys).toContain('GET /.well-known/jwks.json');
    // The exclusions cannot hide an API route.
    for (const key of documented) expect(localOnly(key), key).toBe(false);
  });

  it('serves /openapi.json without a token, with its own origin as the server', async () => {
    const res = await fetch(`${stack.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await res.json()) as OpenApiDocument;
    expect(served.servers[0]?.url).toBe(stack.url);
    expect(served.paths).toEqual(document.paths);
    expect((await validate(served as never)).valid).toBe(true);
  });

  it('serves /docs without a token as a page that runs no scripts', async () => {
    const res = await fetch(`${stack.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('Lahir Procot Pulang Bawa Akte API');
    expect(html).toContain(stack.url);
  });

  it('answers what the document declares: submit, status (hospital and parents), the queue, a decision, a 400', async () => {
    const body = notification({ notificationId: `RSUD-BLB-OPENAPI-${Date.now()}` });
    const submitted = await call<{ registrationId: string; accessCode: string }>('POST', '/v1/births', { token: hospital, body });
    expect(submitted.status).toBe(202);
    const submitValidator = responseValidator(document, 'post', '/v1/births', 202);
    expectValid(submitValidator, submitted.body);
    // The declared schemas are closed: a field a handler adds without documenting it fails here.
    expect(submitValidator({ ...submitted.body, undocumented: true })).toBe(false);
    const again = await call('POST', '/v1/births', { token: hospital, body });
    expect(again.status).toBe(200);
    expectValid(responseValidator(document, 'post', '/v1/births', 200), again.body);

    const { registrationId, accessCode } = submitted.body;
    const birthValidator = responseValidator(document, 'get', '/v1/births/{registrationId}', 200);
    const waiting = await waitFor(
      () => call<{ status: string }>('GET', `/v1/births/${registrationId}`, { token: hospital }),
      (r) => r.body.status === 'AWAITING_APPROVAL',
    );
    expect(waiting.status).toBe(200);
    expectValid(birthValidator, waiting.body);
    const asParent = await fetch(`${stack.url}/v1/births/${registrationId}`, { headers: { 'x-access-code': accessCode } });
    expect(asParent.status).toBe(200);
    expectValid(birthValidator, await asParent.json());

    const queue = await call<{ items: { registrationId: string }[] }>('GET', '/v1/approvals?limit=100', { token: registrar });
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i) => i.registrationId)).toContain(registrationId);
    expectValid(responseValidator(document, 'get', '/v1/approvals', 200), queue.body);

    const decided = await call('POST', `/v1/approvals/${registrationId}`, { token: registrar, body: { decision: 'APPROVE' } });
    expect(decided.status).toBe(200);
    expectValid(responseValidator(document, 'post', '/v1/approvals/{registrationId}', 200), decided.body);
    const completed = await waitFor(
      () => call<{ status: string }>('GET', `/v1/births/${registrationId}`, { token: hospital }),
      (r) => r.body.status === 'COMPLETED',
    );
    expectValid(birthValidator, completed.body);
    expect(completed.body).toHaveProperty('issued');

    const documents = await call<{ documents: { verificationId: string }[] }>('GET', `/v1/births/${registrationId}/documents`, { token: hospital });
    expect(documents.status).toBe(200);
    expectValid(responseValidator(document, 'get', '/v1/births/{registrationId}/documents', 200), documents.body);
    const verificationId = documents.body.documents[0]?.verificationId ?? '';
    const genuine = await call('GET', `/v1/verify/${verificationId}`);
    expect(genuine.status).toBe(200);
    expectValid(responseValidator(document, 'get', '/v1/verify/{verificationId}', 200), genuine.body);
    const forged = await call('GET', `/v1/verify/${'0'.repeat(26)}`);
    expect(forged.status).toBe(404);
    expectValid(responseValidator(document, 'get', '/v1/verify/{verificationId}', 404), forged.body);

    const invalid = await call('POST', '/v1/births', {
      token: hospital,
      body: notification({ child: { birthDateTime: '2026-02-30T08:00:00+07:00', weightGrams: 12 }, mother: { nik: '123' } }),
    });
    expect(invalid.status).toBe(400);
    expectValid(responseValidator(document, 'post', '/v1/births', 400), invalid.body);
    const wrongCode = await fetch(`${stack.url}/v1/births/${registrationId}`, { headers: { 'x-access-code': 'AAAA-BBBB-CCCC' } });
    expect(wrongCode.status).toBe(401);
    expectValid(responseValidator(document, 'get', '/v1/births/{registrationId}', 401), await wrongCode.json());
    const unauthorized = await call('GET', '/v1/approvals');
    expect(unauthorized.status).toBe(401);
    expectValid(responseValidator(document, 'get', '/v1/approvals', 401), unauthorized.body);
  });

  it('answers what the document declares for the webhook', async () => {
    const headers = { authorization: `Bearer ${hospital}`, 'content-type': 'application/json' };
    const put = await fetch(`${stack.url}/v1/webhook`, { method: 'PUT', headers, body: JSON.stringify({ url: 'https://his.example.co.id/lahir/events' }) });
    expect(put.status).toBe(200);
    expectValid(responseValidator(document, 'put', '/v1/webhook', 200), await put.json());
    const got = await fetch(`${stack.url}/v1/webhook`, { headers });
    expect(got.status).toBe(200);
    expectValid(responseValidator(document, 'get', '/v1/webhook', 200), await got.json());
    const bad = await fetch(`${stack.url}/v1/webhook`, { method: 'PUT', headers, body: JSON.stringify({ url: 'ftp://x' }) });
    expect(bad.status).toBe(400);
    expectValid(responseValidator(document, 'put', '/v1/webhook', 400), await bad.json());
    const deleted = await fetch(`${stack.url}/v1/webhook`, { method: 'DELETE', headers });
    expect(deleted.status).toBe(204);
    expect(Object.keys(operation(document, 'delete', '/v1/webhook').responses)).toContain('204');
  });
});
