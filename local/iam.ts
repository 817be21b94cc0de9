/**
 * Just enough IAM policy evaluation to check the local stack's recorded calls against the roles in
 * the synthesized template: Allow/Deny statements, Action and Resource with `*` and `?` wildcards
 * (actions case-insensitively, as IAM does). A statement with a Condition is not taken as allowing
 * anything (the calls checked here need none); NotAction/NotResource are not used by this app.
 */
export interface ResolvedStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  /** Each resource as the template writes it (`Registry4DB9CCA5.Arn/index/gsi1`), for reports. */
  readonly resourceLabels: readonly string[];
  readonly conditional: boolean;
}

/** The statement and resource that allowed a call, in the template's terms. */
export interface Grant {
  readonly actions: readonly string[];
  readonly resource: string;
}

const wildcard = (pattern: string, flags = ''): RegExp =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);

export const actionMatches = (pattern: string, action: string): boolean => wildcard(pattern, 'i').test(action);
export const resourceMatches = (pattern: string, resource: string): boolean => wildcard(pattern).test(resource);

/** The grant that allows `action` on `resource`, or undefined (none, or an explicit Deny wins). */
export function allowingGrant(statements: readonly ResolvedStatement[], action: string, resource: string): Grant | undefined {
  const matching = statements.filter(
    (s) => !s.conditional && s.actions.some((a) => actionMatches(a, action)) && s.resources.some((r) => resourceMatches(r, resource)),
  );
  if (matching.some((s) => s.effect === 'Deny')) return undefined;
  const allow = matching.find((s) => s.effect === 'Allow');
  if (!allow) return undefined;
  const index = allow.resources.findIndex((r) => resourceMatches(r, resource));
  return { actions: allow.actions.filter((a) => actionMatches(a, action)), resource: allow.resourceLabels[index] as string };
}

export const isAllowed = (statements: readonly ResolvedStatement[], action: string, resource: string): boolean =>
  allowingGrant(statements, action, resource) !== undefined;

/** A template value as a short label: Ref X -> X, Fn::GetAtt [X, A] -> X.A, Fn::Join -> the parts joined. */
export function templateLabel(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('Ref' in v) return String(v.Ref);
    if ('Fn::GetAtt' in v) return (v['Fn::GetAtt'] as string[]).join('.');
    if ('Fn::Join' in v) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(templateLabel).join(separator);
    }
    if ('Fn::Sub' in v) return String([v['Fn::Sub']].flat()[0]);
  }
  return JSON.stringify(value);
}
