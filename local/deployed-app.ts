import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The deployed app as the CDK app synthesizes it (a cloud assembly, `cdk.out`): each function's
 * bundle (its asset folder with index.mjs, exactly what is zipped and uploaded), its environment,
 * its role's policies and the state machine's definition, with the CloudFormation references
 * resolved to local values. The local stack runs this in bundle mode (README "How the local stack
 * mirrors the deployed app"). Reading only: synthesis is in ./synth.ts.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, Json>;
}
interface Template {
  readonly Resources: Record<string, CfnResource>;
}

export interface PolicyStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: Json;
  readonly Condition?: Json;
}

export interface DeployedFunction {
  /** The catalog id (the construct id under the stack). */
  readonly id: string;
  readonly logicalId: string;
  /** The asset folder: /var/task in Lambda. */
  readonly codeDir: string;
  /** `index.handler`: module file and export. */
  readonly handler: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** `Environment.Variables` as synthesized (CloudFormation references unresolved). */
  readonly environment: Readonly<Record<string, Json>>;
  /** Every statement of every policy attached to the function's role. */
  readonly statements: readonly PolicyStatement[];
}

/** A state machine of the template: its definition and the substitutions CloudFormation fills in. */
export interface DeployedStateMachine {
  readonly logicalId: string;
  readonly definitionString: Json;
  readonly substitutions: Readonly<Record<string, Json>>;
}

export interface DeployedApp {
  readonly assemblyDir: string;
  readonly stackName: string;
  readonly template: Template;
  readonly functions: ReadonlyMap<string, DeployedFunction>;
  readonly stateMachine: DeployedStateMachine;
  /** The amendment workflow (workflows/amendment.asl.json). */
  readonly amendmentStateMachine: DeployedStateMachine;
  /** Logical ids by resource type. */
  resourcesOfType(type: string): [string, CfnResource][];
}

const asRecord = (value: unknown): Record<string, Json> => (value && typeof value === 'object' ? (value as Record<string, Json>) : {});

/** Reads the one stack of a cloud assembly directory. */
export function readDeployedApp(assemblyDir: string): DeployedApp {
  const templates = readdirSync(assemblyDir).filter((f) => f.endsWith('.template.json'));
  if (templates.length !== 1) throw new Error(`Expected one stack template in ${assemblyDir}, found ${templates.length}`);
  const templateFile = templates[0] as string;
  const stackName = templateFile.replace(/\.template\.json$/, '');
  const template = JSON.parse(readFileSync(join(assemblyDir, templateFile), 'utf8')) as Template;
  const assets = JSON.parse(readFileSync(join(assemblyDir, `${stackName}.assets.json`), 'utf8')) as {
    files: Record<string, { displayName?: string; source: { path: string; packaging?: string } }>;
  };
  const entries = Object.entries(template.Resources);
  const resourcesOfType = (type: string) => entries.filter(([, r]) => r.Type === type);

  // Statements per role logical id, from every AWS::IAM::Policy attached to it.
  const statementsByRole = new Map<string, PolicyStatement[]>();
  for (const [, policy] of resourcesOfType('AWS::IAM::Policy')) {
    const props = asRecord(policy.Properties);
    const statements = (asRecord(props.PolicyDocument).Statement ?? []) as unknown as PolicyStatement[];
    for (const role of (props.Roles ?? []) as { Ref?: string }[]) {
      if (!role.Ref) continue;
      statementsByRole.set(role.Ref, [...(statementsByRole.get(role.Ref) ?? []), ...statements]);
    }
  }

  // The asset of each function, found by its S3 key (`<hash>.zip`) in the assets manifest.
  const assetByKey = new Map(Object.entries(assets.files).map(([hash, file]) => [`${hash}.zip`, file]));
  const functions = new Map<string, DeployedFunction>();
  for (const [logicalId, resource] of resourcesOfType('AWS::Lambda::Function')) {
    const props = asRecord(resource.Properties);
    const s3Key = asRecord(props.Code).S3Key;
    const asset = typeof s3Key === 'string' ? assetByKey.get(s3Key) : undefined;
    const id = asset?.displayName?.replace(/\/Code$/, '');
    // CDK's own helper functions (custom resources) have display names with slashes; they are not ours.
    if (!asset || !id || id.includes('/')) continue;
    const codeDir = join(assemblyDir, asset.source.path);
    const handler = String(props.Handler ?? 'index.handler');
    if (!existsSync(join(codeDir, `${handler.split('.')[0]}.mjs`))) continue;
    const role = asRecord(props.Role)['Fn::GetAtt'];
    const roleLogicalId = Array.isArray(role) ? String(role[0]) : '';
    functions.set(id, {
      id,
      logicalId,
      codeDir,
      handler,
      timeoutSeconds: Number(props.Timeout ?? 3),
      memoryMb: Number(props.MemorySize ?? 128),
      environment: asRecord(asRecord(props.Environment).Variables),
      statements: statementsByRole.get(roleLogicalId) ?? [],
    });
  }

  const machines = resourcesOfType('AWS::StepFunctions::StateMachine');
  if (machines.length !== 2) throw new Error(`Expected two state machines in the template (birth registration, amendment), found ${machines.length}`);
  const machine = (logicalIdPrefix: string): DeployedStateMachine => {
    const found = machines.find(([id]) => id.startsWith(logicalIdPrefix));
    if (!found) throw new Error(`No state machine ${logicalIdPrefix} in the template`);
    const [machineId, resource] = found as [string, CfnResource];
    const machineProps = asRecord(resource.Properties);
    return { logicalId: machineId, definitionString: machineProps.DefinitionString ?? null, substitutions: asRecord(machineProps.DefinitionSubstitutions) };
  };
  return {
    assemblyDir,
    stackName,
    template,
    functions,
    stateMachine: machine('BirthRegistration'),
    amendmentStateMachine: machine('Amendment'),
    resourcesOfType,
  };
}

/** What a reference resolves to locally: `Ref` and each `Fn::GetAtt` attribute of one resource. */
export interface LocalResource {
  readonly ref?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface Resolver {
  readonly region: string;
  readonly account: string;
  /** Logical id -> local value; a reference to a resource without one is an error (nothing is guessed). */
  readonly resources: ReadonlyMap<string, LocalResource>;
}

/** Resolves Ref, Fn::GetAtt, Fn::Join, Fn::Sub (and pseudo parameters) to strings. */
export function resolveValue(value: Json, resolver: Resolver): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || Array.isArray(value)) throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
  const pseudo: Record<string, string> = {
    'AWS::Region': resolver.region,
    'AWS::AccountId': resolver.account,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': 'local',
  };
  const resource = (id: string): LocalResource => {
    const found = resolver.resources.get(id);
    if (!found) throw new Error(`No local equivalent of the template's resource ${id}`);
    return found;
  };
  if ('Ref' in value) {
    const id = String(value.Ref);
    if (id in pseudo) return pseudo[id] as string;
    const ref = resource(id).ref;
    if (ref === undefined) throw new Error(`No local value for Ref ${id}`);
    return ref;
  }
  if ('Fn::GetAtt' in value) {
    const [id, attribute] = value['Fn::GetAtt'] as [string, string];
    const resolved = resource(id).attributes?.[attribute];
    if (resolved === undefined) throw new Error(`No local value for Fn::GetAtt ${id}.${attribute}`);
    return resolved;
  }
  if ('Fn::Join' in value) {
    const [separator, parts] = value['Fn::Join'] as [string, Json[]];
    return parts.map((part) => resolveValue(part, resolver)).join(separator);
  }
  if ('Fn::Sub' in value) {
    const sub = value['Fn::Sub'];
    const [text, vars] = Array.isArray(sub) ? (sub as [string, Record<string, Json>]) : [String(sub), {}];
    return text.replace(/\$\{([^}]+)\}/g, (_m, name: string) => {
      if (name in vars) return resolveValue(vars[name] as Json, resolver);
      if (name in pseudo) return pseudo[name] as string;
      const [id, attribute] = name.split('.');
      return attribute ? resolveValue({ 'Fn::GetAtt': [id as string, attribute] }, resolver) : resolveValue({ Ref: name }, resolver);
    });
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
}

/** The state machine's definition as deployed: DefinitionString with DefinitionSubstitutions filled in. */
export function resolvedDefinition(app: DeployedApp, resolver: Resolver, machine: DeployedStateMachine = app.stateMachine): unknown {
  let text = resolveValue(machine.definitionString, resolver);
  for (const [key, value] of Object.entries(machine.substitutions)) text = text.replaceAll(`\${${key}}`, resolveValue(value, resolver));
  const left = text.match(/\$\{[A-Za-z0-9]+\}/g);
  if (left) throw new Error(`Unsubstituted placeholders in the synthesized definition: ${[...new Set(left)].join(', ')}`);
  return JSON.parse(text) as unknown;
}
