import type { AwsCall } from '../../local/aws-recorder.js';
import { readDeployedApp } from '../../local/deployed-app.js';
import { actionMatches, templateLabel } from '../../local/iam.js';

/**
 * Every grant of every function's role in the synthesized template, against the calls the functions
 * made in the tests (local/aws-recorder.ts). A grant is `used` when some call was allowed by it.
 * Grants of services the local stack does not call are classified instead of being counted unused:
 * the Lambda runtime's own (logs, X-Ray), the table key (used by DynamoDB on the caller's behalf), and
 * services not emulated locally (KMS signing, SNS): those are checked statically (test/integration/
 * deployed-app.test.ts).
 */
export type GrantUse = 'used' | 'unused' | 'runtime' | 'onBehalf' | 'notEmulated';

export interface PermissionReport {
  readonly summary: { readonly calls: number; readonly denied: number; readonly unusedGrants: number };
  readonly denied: readonly AwsCall[];
  readonly functions: Record<string, { action: string; resources: string[]; use: GrantUse }[]>;
}

export function permissionReport(assemblyDir: string, calls: readonly AwsCall[]): PermissionReport {
  const app = readDeployedApp(assemblyDir);
  const tableKeys = new Set(
    app.resourcesOfType('AWS::KMS::Key').filter(([, k]) => (k.Properties as Record<string, unknown> | undefined)?.KeyUsage !== 'SIGN_VERIFY').map(([id]) => id),
  );
  const functions: PermissionReport['functions'] = {};
  for (const fn of [...app.functions.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const own = calls.filter((c) => c.functionId === fn.id && c.grant);
    const rows: PermissionReport['functions'][string] = [];
    for (const statement of fn.statements) {
      if (statement.Effect !== 'Allow') continue;
      const resources = [statement.Resource].flat().map(templateLabel);
      for (const action of [statement.Action].flat()) {
        const service = action.split(':')[0] as string;
        const used = own.some((c) => resources.includes(c.grant?.resource as string) && actionMatches(action, c.action));
        const use: GrantUse = used
          ? 'used'
          : service === 'logs' || service === 'xray'
            ? 'runtime'
            : service === 'kms' && resources.every((r) => tableKeys.has(r.split('.')[0] as string))
              ? 'onBehalf'
              : service === 'kms' || service === 'sns'
                ? 'notEmulated'
                : 'unused';
        rows.push({ action, resources, use });
      }
    }
    functions[fn.id] = rows;
  }
  const denied = calls.filter((c) => !c.allowed);
  const unusedGrants = Object.values(functions).flat().filter((r) => r.use === 'unused').length;
  return { summary: { calls: calls.length, denied: denied.length, unusedGrants }, denied, functions };
}
