import type { JsonSchema, MediaType, OpenApiDocument, OperationObject, ParameterObject, Reference, ResponseObject, SecurityScheme } from './openapi.js';

/**
 * GET /docs: the OpenAPI document as one readable HTML page, rendered on the server from the
 * document itself (so the page and /openapi.json cannot disagree). Self-contained: inline CSS, no
 * scripts, no fonts or images from anywhere; it prints well and works offline once saved.
 */

const METHODS = ['get', 'post', 'put', 'delete'] as const;

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** `code` and **bold** inside already escaped text. */
const inline = (escaped: string): string =>
  escaped.replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');

/** The small Markdown the document's descriptions use: paragraphs, ### headings, numbered and bulleted lists. */
export function markdown(text: string, headingLevel = 3): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split('\n');
      if (block.startsWith('### ')) return `<h${headingLevel}>${inline(escape(block.slice(4)))}</h${headingLevel}>`;
      if (lines.every((l) => /^\d+\. /.test(l))) return `<ol>${lines.map((l) => `<li>${inline(escape(l.replace(/^\d+\. /, '')))}</li>`).join('')}</ol>`;
      if (lines.every((l) => l.startsWith('- '))) return `<ul>${lines.map((l) => `<li>${inline(escape(l.slice(2)))}</li>`).join('')}</ul>`;
      return `<p>${inline(escape(block))}</p>`;
    })
    .join('\n');
}

const refName = (ref: string): string => ref.replace('#/components/schemas/', '');
const isRef = (value: unknown): value is Reference => typeof value === 'object' && value !== null && '$ref' in value;
const schemaLink = (ref: string): string => `<a href="#schema-${escape(refName(ref))}">${escape(refName(ref))}</a>`;
const anchor = (text: string): string => text.replace(/[^A-Za-z0-9_-]/g, '-');

function typeLabel(schema: JsonSchema | undefined): string {
  if (!schema) return 'any';
  if (isRef(schema)) return schemaLink(schema.$ref);
  const variants = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (variants) return variants.map(typeLabel).join(' | ');
  if (schema['const'] !== undefined) return `<code>${escape(JSON.stringify(schema['const']))}</code>`;
  if (schema['type'] === 'array') return `array of ${typeLabel(schema['items'] as JsonSchema | undefined)}`;
  const type = schema['type'];
  return escape(Array.isArray(type) ? type.join(' | ') : typeof type === 'string' ? type : 'any');
}

/** Constraints in words: what a client must send, or may expect. */
function constraints(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const enumValues = schema['enum'] as unknown[] | undefined;
  if (enumValues) notes.push(`one of ${enumValues.map((v) => `<code>${escape(String(v))}</code>`).join(', ')}`);
  if (typeof schema['format'] === 'string') notes.push(`format ${escape(schema['format'])}`);
  const min = schema['minLength'] as number | undefined;
  const max = schema['maxLength'] as number | undefined;
  if (min !== undefined || max !== undefined) notes.push(min !== undefined && max !== undefined ? `${min}–${max} characters` : min !== undefined ? `at least ${min} characters` : `at most ${max} characters`);
  const minimum = schema['minimum'] as number | undefined;
  const rawMaximum = schema['maximum'] as number | undefined;
  const maximum = rawMaximum !== undefined && rawMaximum < Number.MAX_SAFE_INTEGER ? rawMaximum : undefined;
  if (minimum !== undefined || maximum !== undefined) notes.push(minimum !== undefined && maximum !== undefined ? `${minimum} to ${maximum}` : minimum !== undefined ? `≥ ${minimum}` : `≤ ${maximum}`);
  if (typeof schema['minItems'] === 'number') notes.push(`at least ${schema['minItems']} item(s)`);
  // Date-time and UUID patterns restate their format; show only patterns that say something more.
  if (typeof schema['pattern'] === 'string' && schema['format'] === undefined) notes.push(`pattern <code>${escape(schema['pattern'])}</code>`);
  if (schema['default'] !== undefined) notes.push(`default <code>${escape(JSON.stringify(schema['default']))}</code>`);
  const examples = schema['examples'] as unknown[] | undefined;
  if (examples?.length) notes.push(`e.g. <code>${escape(String(examples[0]))}</code>`);
  return notes;
}

interface Row {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly notes: string;
  readonly description: string;
}

/** The fields of an object schema, nested objects and arrays of objects flattened with dotted names. */
function rowsOf(schema: JsonSchema, prefix = ''): Row[] {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema['required'] ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    const row: Row = {
      name: path,
      type: typeLabel(property),
      required: required.has(name),
      notes: isRef(property) ? '' : constraints(property).join('; '),
      description: typeof property['description'] === 'string' ? property['description'] : '',
    };
    if (isRef(property)) return [row];
    if (property['properties']) return [row, ...rowsOf(property, `${path}.`)];
    const items = property['items'] as JsonSchema | undefined;
    if (property['type'] === 'array' && items && !isRef(items) && items['properties']) return [row, ...rowsOf(items, `${path}[].`)];
    return [row];
  });
}

function fieldTable(schema: JsonSchema): string {
  const rows = rowsOf(schema);
  if (rows.length === 0) return '';
  const closed = schema['additionalProperties'] === false ? '<p class="note">No other fields.</p>' : '';
  return `<table class="fields"><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>${rows
    .map(
      (row) =>
        `<tr><td><code>${escape(row.name)}</code></td><td>${row.type}</td><td>${row.required ? 'yes' : ''}</td><td>${inline(escape(row.description))}${
          row.notes ? `<div class="constraints">${row.notes}</div>` : ''
        }</td></tr>`,
    )
    .join('')}</tbody></table>${closed}`;
}

/** A schema in full: its description, its fields, or its variants (one of) each with theirs. */
function schemaBlock(schema: JsonSchema): string {
  const description = typeof schema['description'] === 'string' ? `<p>${inline(escape(schema['description']))}</p>` : '';
  const variants = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (variants) {
    return `${description}<p>One of:</p><ol class="variants">${variants
      .map((variant) => `<li>${isRef(variant) ? schemaLink(variant.$ref) : schemaBlock(variant)}</li>`)
      .join('')}</ol>`;
  }
  if (schema['properties']) return description + fieldTable(schema);
  const notes = constraints(schema);
  return `${description}<p>${typeLabel(schema)}${notes.length ? ` — ${notes.join('; ')}` : ''}</p>`;
}

const pretty = (value: unknown): string => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

function examplesBlock(media: MediaType | undefined, label = 'Example'): string {
  const examples = Object.values(media?.examples ?? {});
  return examples.map((example) => `<details open><summary>${escape(label)}: ${escape(example.summary)}</summary>${pretty(example.value)}</details>`).join('');
}

function authText(operation: OperationObject, schemes: Readonly<Record<string, SecurityScheme>>): string {
  if (operation.security.length === 0) return 'none (public)';
  // A scoped route lists the scheme twice (a bearer token, and the OAuth flow that gets it): say it once.
  const [bearer, oauth] = operation.security;
  if (operation.security.length === 2 && bearer?.['bearer']?.length && oauth?.['hospitalClientCredentials']) {
    return `Bearer JWT with scope <code>${bearer['bearer'].map(escape).join(' ')}</code> (a hospital's client-credentials token)`;
  }
  return operation.security
    .map((requirement) =>
      Object.entries(requirement)
        .map(([name, scopes]) => {
          const scheme = schemes[name];
          const what = scheme?.type === 'apiKey' ? `header <code>${escape(String(scheme['name']))}</code>` : scheme?.type === 'oauth2' ? 'OAuth 2.0 client credentials' : 'Bearer JWT';
          return `${what}${scopes.length ? ` (scope <code>${scopes.map(escape).join(' ')}</code>)` : ''}`;
        })
        .join(' and '),
    )
    .join(' <em>or</em> ');
}

function parametersTable(parameters: readonly ParameterObject[]): string {
  return `<table class="fields"><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>${parameters
    .map((p) => {
      const notes = isRef(p.schema) ? [] : constraints(p.schema);
      return `<tr><td><code>${escape(p.name)}</code></td><td>${p.in}</td><td>${typeLabel(p.schema as JsonSchema)}</td><td>${p.required ? 'yes' : ''}</td><td>${inline(
        escape(p.description ?? ''),
      )}${notes.length ? `<div class="constraints">${notes.join('; ')}</div>` : ''}</td></tr>`;
    })
    .join('')}</tbody></table>`;
}

function resolveResponse(response: ResponseObject | Reference, document: OpenApiDocument): { description: string; response: ResponseObject } {
  if (!isRef(response)) return { description: response.description, response };
  const resolved = document.components.responses[response.$ref.replace('#/components/responses/', '')];
  if (!resolved) throw new Error(`Unknown response ${response.$ref}`);
  return { description: response.description ?? resolved.description, response: resolved };
}

function contentSummary(response: ResponseObject): string {
  return Object.entries(response.content ?? {})
    .map(([type, media]) => {
      const schema = media.schema;
      const label = !schema ? '' : isRef(schema) ? ` ${schemaLink(schema.$ref)}` : schema['oneOf'] ? ` ${typeLabel(schema)}` : '';
      return `<code>${escape(type)}</code>${label}`;
    })
    .join('<br>');
}

/** A request the reader can paste: curl with the credentials the route takes and the first example body. */
function curlExample(method: string, path: string, operation: OperationObject, serverUrl: string): string {
  const lines = [`curl -X ${method.toUpperCase()} '${serverUrl.replace(/\/$/, '')}${path}'`];
  const first = operation.security[0];
  if (first && ('bearer' in first || 'hospitalClientCredentials' in first)) lines.push(`  -H "authorization: Bearer $TOKEN"`);
  else if (first && 'accessCode' in first) lines.push(`  -H "x-access-code: $ACCESS_CODE"`);
  const [mediaType = 'application/json', media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  const example = Object.values(media?.examples ?? {})[0];
  if (example) lines.push(`  -H 'content-type: ${mediaType}'`, `  -d '${JSON.stringify(example.value).replace(/'/g, "'\\''")}'`);
  return `<details><summary>curl</summary><pre>${escape(lines.join(' \\\n'))}</pre></details>`;
}

function operationBlock(method: string, path: string, operation: OperationObject, document: OpenApiDocument, webhook = false): string {
  const serverUrl = document.servers[0]?.url ?? '';
  const parameters = operation.parameters ?? [];
  const body = operation.requestBody;
  // The body's one media type: application/json, or application/fhir+json for the FHIR door.
  const [bodyMediaType = 'application/json', bodyMedia] = Object.entries(body?.content ?? {})[0] ?? [];
  const bodySchema = bodyMedia?.schema;
  const bodySchemaFull = bodySchema && isRef(bodySchema) ? document.components.schemas[refName(bodySchema.$ref)] : bodySchema;
  const responses = Object.entries(operation.responses).map(([status, raw]) => ({ status, ...resolveResponse(raw, document) }));
  return `<article class="operation" id="op-${anchor(operation.operationId)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> ${webhook ? `<em>${escape(path)}</em>` : `<code>${escape(path)}</code>`} <span class="summary">${escape(operation.summary)}</span></h3>
<dl class="facts"><dt>Auth</dt><dd>${webhook ? 'signed with your webhook secret (<code>x-lahir-signature</code>)' : authText(operation, document.components.securitySchemes)}</dd><dt>Callers</dt><dd>${escape(operation['x-callers'])}</dd><dt>Operation</dt><dd><code>${escape(operation.operationId)}</code></dd></dl>
${markdown(operation.description, 4)}
${parameters.length ? `<h4>Parameters</h4>${parametersTable(parameters)}` : ''}
${
  body && bodySchema
    ? `<h4>Request body <small>${escape(bodyMediaType)}${isRef(bodySchema) ? `, ${schemaLink(bodySchema.$ref)}` : ''}</small></h4>${markdown(body.description, 5)}${bodySchemaFull ? fieldTable(bodySchemaFull) : ''}${examplesBlock(bodyMedia)}`
    : ''
}
<h4>Responses</h4>
<table class="responses"><thead><tr><th>Status</th><th>Meaning</th><th>Body</th></tr></thead><tbody>${responses
    .map(({ status, description, response }) => `<tr><td class="status s${status[0]}">${status}</td><td>${inline(escape(description))}</td><td>${contentSummary(response)}</td></tr>`)
    .join('')}</tbody></table>
${responses.map(({ status, response }) => examplesBlock(response.content?.['application/json'], `Example ${status}`)).join('')}
${webhook ? '' : curlExample(method, path, operation, serverUrl)}
</article>`;
}

function securitySection(document: OpenApiDocument): string {
  return `<section id="auth"><h2>Authentication <small>Autentikasi</small></h2><table class="fields"><thead><tr><th>Scheme</th><th>Kind</th><th>How</th></tr></thead><tbody>${Object.entries(
    document.components.securitySchemes,
  )
    .map(([name, scheme]) => {
      const flows = scheme['flows'] as { clientCredentials?: { tokenUrl: string; scopes: Record<string, string> } } | undefined;
      const kind =
        scheme.type === 'http'
          ? `HTTP ${escape(String(scheme['scheme']))} (${escape(String(scheme['bearerFormat'] ?? ''))})`
          : scheme.type === 'apiKey'
            ? `header <code>${escape(String(scheme['name']))}</code>`
            : 'OAuth 2.0 client credentials';
      const token = flows?.clientCredentials
        ? `<div class="constraints">token URL <code>${escape(flows.clientCredentials.tokenUrl)}</code>; scopes ${Object.entries(flows.clientCredentials.scopes)
            .map(([scope, what]) => `<code>${escape(scope)}</code> (${escape(what)})`)
            .join(', ')}</div>`
        : '';
      return `<tr><td><code>${escape(name)}</code></td><td>${kind}</td><td>${inline(escape(scheme.description))}${token}</td></tr>`;
    })
    .join('')}</tbody></table></section>`;
}

const STYLE = `
:root{--fg:#1d2327;--muted:#5f6b73;--line:#d9dee2;--bg:#fff;--soft:#f5f7f8;--accent:#0b6e4f}
*{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
.layout{display:grid;grid-template-columns:330px minmax(0,1fr);min-height:100vh}
nav{position:sticky;top:0;align-self:start;height:100vh;overflow:auto;padding:20px;background:var(--soft);border-right:1px solid var(--line);font-size:13px}
nav h2{font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);margin:18px 0 6px}
nav ul{list-style:none;margin:0;padding:0}nav li{margin:3px 0}nav a{display:flex;gap:6px;align-items:baseline;color:var(--fg);text-decoration:none;overflow-wrap:anywhere}nav .method{flex:none}nav a:hover{text-decoration:underline}
main{padding:28px 40px;max-width:1100px;min-width:0}
header h1{margin:0 0 4px;font-size:28px}header p{margin:4px 0;color:var(--muted)}
h2{margin-top:40px;padding-bottom:6px;border-bottom:2px solid var(--line)}h2 small,h4 small{font-weight:normal;color:var(--muted)}
.operation{border:1px solid var(--line);border-radius:8px;padding:4px 20px 14px;margin:22px 0}
.operation h3{display:flex;flex-wrap:wrap;gap:10px;align-items:center;font-size:18px}
.summary{font-weight:normal;color:var(--muted)}
.method{display:inline-block;min-width:64px;text-align:center;border-radius:4px;padding:2px 8px;color:#fff;font:bold 13px ui-monospace,monospace}
.method.get{background:#1f6feb}.method.post{background:#0b6e4f}.method.put{background:#9a6700}.method.delete{background:#b42318}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
code{background:var(--soft);padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}
pre{background:#0f1720;color:#e6edf3;padding:12px 14px;border-radius:6px;overflow:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:8px 0}
.fields td:first-child code,.fields td:nth-child(2),.responses td:first-child{white-space:nowrap}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-size:13px}
.constraints{color:var(--muted);font-size:13px;margin-top:2px}.note{color:var(--muted);font-size:13px;margin:2px 0 10px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}.facts dt{color:var(--muted)}.facts dd{margin:0}
.status{font:bold 14px ui-monospace,monospace}.s2{color:#0b6e4f}.s4{color:#9a6700}.s5{color:#b42318}
details{margin:8px 0}summary{cursor:pointer;color:var(--accent)}
.variants>li{margin-bottom:10px}
@media (max-width:900px){.layout{display:block}nav{position:static;height:auto}main{padding:18px}}
@media print{nav{display:none}.layout{display:block}pre{white-space:pre-wrap}}
`;

export function renderDocsPage(document: OpenApiDocument): string {
  const operationsOf = (items: Readonly<Record<string, Partial<Record<(typeof METHODS)[number], OperationObject>>>>, webhook: boolean) =>
    Object.entries(items).flatMap(([name, item]) =>
      METHODS.flatMap((method) => {
        const operation = item[method];
        return operation ? [{ path: webhook ? 'your webhook URL' : name, method, operation, webhook }] : [];
      }),
    );
  const operations = [...operationsOf(document.paths, false), ...operationsOf(document.webhooks, true)];
  const byTag = document.tags.map((tag) => ({ tag, operations: operations.filter((o) => o.operation.tags.includes(tag.name)) })).filter((g) => g.operations.length > 0);
  const untagged = operations.filter((o) => !document.tags.some((t) => o.operation.tags.includes(t.name)));
  if (untagged.length > 0) throw new Error(`Operations without a known tag: ${untagged.map((o) => o.operation.operationId).join(', ')}`);

  const { info } = document;
  const nav = `<nav><strong>${escape(info.title)}</strong><h2>Overview</h2><ul><li><a href="#intro">Introduction · Pengantar</a></li><li><a href="#auth">Authentication</a></li><li><a href="#schemas">Schemas</a></li><li><a href="openapi.json">openapi.json</a></li></ul>${byTag
    .map(
      ({ tag, operations: ops }) =>
        `<h2>${escape(tag.name)}</h2><ul>${ops
          .map(({ path, method, operation }) => `<li><a href="#op-${anchor(operation.operationId)}"><span class="method ${method}" style="min-width:52px;font-size:11px">${method.toUpperCase()}</span> ${escape(path)}</a></li>`)
          .join('')}</ul>`,
    )
    .join('')}</nav>`;

  const servers = document.servers.map((s) => `<code>${escape(s.url)}</code> ${escape(s.description)}`).join('<br>');
  const main = `<main>
<header><h1>${escape(info.title)}</h1><p>${escape(info.summary)}</p><p>Version ${escape(info.version)} · OpenAPI ${escape(document.openapi)} · <a href="openapi.json">openapi.json</a> · Server: ${servers}</p></header>
<section id="intro">${markdown(info.description)}</section>
${securitySection(document)}
${byTag
  .map(
    ({ tag, operations: ops }) =>
      `<section id="tag-${anchor(tag.name)}"><h2>${escape(tag.name)}</h2><p>${inline(escape(tag.description))}</p>${ops.map(({ path, method, operation, webhook }) => operationBlock(method, path, operation, document, webhook)).join('\n')}</section>`,
  )
  .join('\n')}
<section id="schemas"><h2>Schemas <small>Skema</small></h2>${Object.entries(document.components.schemas)
    .map(([name, schema]) => `<div class="schema" id="schema-${anchor(name)}"><h3>${escape(name)}</h3>${schemaBlock(schema)}</div>`)
    .join('\n')}</section>
</main>`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(info.title)} ${escape(info.version)}</title>
<style>${STYLE}</style>
</head>
<body><div class="layout">${nav}${main}</div></body>
</html>
`;
}
