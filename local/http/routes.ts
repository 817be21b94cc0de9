/**
 * Route templates as API Gateway HTTP APIs read them: `/v1/births/{registrationId}` matches one
 * segment per `{name}`, `{name+}` (last segment only) matches the rest of the path, and when several
 * routes match, the most specific wins (literal over `{name}` over `{name+}`, left to right).
 */
type Segment = { readonly kind: 'literal'; readonly value: string } | { readonly kind: 'param' | 'greedy'; readonly name: string };

export interface CompiledRoute<R> {
  readonly method: string;
  readonly path: string;
  readonly routeKey: string;
  readonly segments: readonly Segment[];
  readonly route: R;
}

export type RouteMatch<R> =
  | { readonly kind: 'matched'; readonly route: CompiledRoute<R>; readonly pathParameters: Record<string, string> | undefined }
  | { readonly kind: 'not-found' }
  /** The path had a `%` escape that does not decode (API Gateway answers 400). */
  | { readonly kind: 'bad-request' };

export class RouteDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RouteDefinitionError';
  }
}

const PARAM = /^\{([A-Za-z0-9_.:-]+)(\+)?\}$/;

export function compileRoute<R>(method: string, path: string, route: R): CompiledRoute<R> {
  if (!path.startsWith('/')) throw new RouteDefinitionError(`Route path must start with "/": ${path}`);
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const names = new Set<string>();
  const segments = parts.map((part, index): Segment => {
    const param = PARAM.exec(part);
    if (!param) {
      if (part === '' || part.includes('{') || part.includes('}')) throw new RouteDefinitionError(`Bad segment "${part}" in ${path}`);
      return { kind: 'literal', value: part };
    }
    const name = param[1] ?? '';
    if (names.has(name)) throw new RouteDefinitionError(`Duplicate parameter {${name}} in ${path}`);
    names.add(name);
    if (param[2] && index !== parts.length - 1) throw new RouteDefinitionError(`{${name}+} must be the last segment of ${path}`);
    return { kind: param[2] ? 'greedy' : 'param', name };
  });
  return { method, path, routeKey: `${method} ${path}`, segments, route };
}

/** The segment shapes of two templates are the same route to API Gateway, whatever the names. */
const shapeOf = (route: CompiledRoute<unknown>) =>
  `${route.method} ${route.segments.map((s) => (s.kind === 'literal' ? `/${s.value}` : s.kind === 'param' ? '/{}' : '/{+}')).join('')}`;

export class RouteTable<R> {
  private readonly routes: CompiledRoute<R>[] = [];

  add(method: string, path: string, route: R): void {
    const compiled = compileRoute(method, path, route);
    const clash = this.routes.find((r) => shapeOf(r) === shapeOf(compiled));
    if (clash) throw new RouteDefinitionError(`Route ${compiled.routeKey} clashes with ${clash.routeKey}`);
    this.routes.push(compiled);
  }

  /** `rawPath` is the path as sent (still percent-encoded), without the query string. */
  match(method: string, rawPath: string): RouteMatch<R> {
    const parts = rawPath === '/' ? [] : rawPath.slice(1).split('/');
    let best: { route: CompiledRoute<R>; rank: number[] } | undefined;
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const rank = rankMatch(route.segments, parts);
      if (rank && (!best || compareRanks(rank, best.rank) > 0)) best = { route, rank };
    }
    if (!best) return { kind: 'not-found' };
    try {
      return { kind: 'matched', route: best.route, pathParameters: extractParameters(best.route.segments, parts) };
    } catch {
      return { kind: 'bad-request' };
    }
  }
}

/** Per-segment specificity (2 literal, 1 param, 0 greedy) when the template matches, else undefined. */
function rankMatch(segments: readonly Segment[], parts: readonly string[]): number[] | undefined {
  const rank: number[] = [];
  for (const [index, segment] of segments.entries()) {
    const part = parts[index];
    if (segment.kind === 'greedy') {
      // One or more further segments, none of them empty.
      const rest = parts.slice(index);
      if (rest.length === 0 || rest.some((p) => p === '')) return undefined;
      rank.push(0);
      return rank;
    }
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'literal') {
      if (part !== segment.value) return undefined;
      rank.push(2);
    } else {
      rank.push(1);
    }
  }
  return parts.length === segments.length ? rank : undefined;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Throws URIError on a malformed escape. */
function extractParameters(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  let any = false;
  for (const [index, segment] of segments.entries()) {
    if (segment.kind === 'literal') continue;
    any = true;
    const raw = segment.kind === 'greedy' ? parts.slice(index).join('/') : (parts[index] ?? '');
    parameters[segment.name] = decodeURIComponent(raw);
  }
  // API Gateway leaves pathParameters out of the event when the route has none.
  return any ? parameters : undefined;
}
