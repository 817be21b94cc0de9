import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';
import { TransientError } from './errors.js';

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export interface BatchGetOptions {
  readonly consistentRead?: boolean;
  /** The attributes to read (dotted paths allowed); the key attributes are always read too, to match answers to keys. */
  readonly attributes?: readonly string[];
}

/**
 * One BatchGetItem (at most 100 keys), answered in the order of `keys`: the item, or undefined where
 * there is none. Unprocessed keys (throttling) are not waited for here: they throw a TransientError,
 * so the caller's own retry reads again (the workflow's Retry for a task, a 503 with Retry-After for
 * an HTTP request) and no invocation sits in a back-off loop.
 */
export async function batchGetItems(tableName: string, keys: readonly ItemKey[], options: BatchGetOptions = {}): Promise<(Record<string, unknown> | undefined)[]> {
  if (keys.length === 0) return [];
  const names: Record<string, string> = {};
  const alias = (segment: string) => {
    const name = `#a${Object.keys(names).length}`;
    names[name] = segment;
    return name;
  };
  const projection = options.attributes
    ? { ProjectionExpression: ['pk', 'sk', ...options.attributes].map((path) => path.split('.').map(alias).join('.')).join(', '), ExpressionAttributeNames: names }
    : {};
  // BatchGetItem refuses a request naming one key twice (ValidationException): a notification whose
  // mother and father carry the same NIK must get its registry answer, not fail the step.
  const distinct = [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, { pk: key.pk, sk: key.sk }])).values()];
  const result = await dynamodb.send(
    new BatchGetCommand({ RequestItems: { [tableName]: { Keys: distinct, ...(options.consistentRead ? { ConsistentRead: true } : {}), ...projection } } }),
  );
  if (Object.keys(result.UnprocessedKeys ?? {}).length > 0) throw new TransientError('Registry read was throttled');
  const items = result.Responses?.[tableName] ?? [];
  return keys.map((key) => items.find((item) => item['pk'] === key.pk && item['sk'] === key.sk));
}
