import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';
import type { Check } from './registration.js';

/**
 * The registrars' work lists on gsi1: the queue of pending decisions (`APPROVAL#PENDING`, oldest
 * first) and the cases to follow up (`FOLLOW_UP`, REJECTED or FAILED, newest first). What their
 * filters need is written on the registration by the validation step, in the write it makes anyway
 * (no call of its own): the check codes, and the child's and the mother's names folded for search.
 */
export interface WorkListAttributes {
  /** The registry checks' codes, for `?check=` (`contains(checkCodes, :code)`). */
  readonly checkCodes: readonly string[];
  /** The child's and the mother's names, folded (searchableName) and joined with ` | `, for `?q=`. */
  readonly searchNames: string;
  /** The mother's name as the population registry has it, for the lists (the notification carries only her NIK). */
  readonly motherName?: string;
}

/**
 * A name as search compares it: letters only (diacritics dropped: "Ni Luh Putu Ayu" and "ni luh
 * putu ayu" are one, "Ma'ruf" is "ma ruf"), lower case, single spaces. Used for what is stored and
 * for the query, so both sides fold alike.
 */
export function searchableName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function workListAttributes(input: { readonly checks: readonly Check[]; readonly childName: string; readonly motherName?: string | undefined }): WorkListAttributes {
  return {
    checkCodes: input.checks.map((c) => c.code),
    searchNames: [input.childName, input.motherName ?? ''].map(searchableName).join(' | '),
    ...(input.motherName ? { motherName: input.motherName } : {}),
  };
}

/** The filters every work list takes, as DynamoDB expressions on the listed registration. */
export interface WorkListFilter {
  readonly facilityId?: string | undefined;
  readonly checkCode?: string | undefined;
  /** A name, as typed: folded here. */
  readonly name?: string | undefined;
  readonly statuses?: readonly string[] | undefined;
}

export interface WorkListQuery {
  readonly tableName: string;
  readonly partition: string;
  /** `gsi1sk` bounds (the queue's sort key starts with when the case began waiting). */
  readonly sortKeyBelow?: string | undefined;
  readonly sortKeyFrom?: string | undefined;
  readonly oldestFirst: boolean;
  readonly filter: WorkListFilter;
  readonly projection: readonly string[];
}

function expressionOf(query: WorkListQuery): Pick<QueryCommandInput, 'KeyConditionExpression' | 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':partition': query.partition };
  let key = 'gsi1pk = :partition';
  if (query.sortKeyBelow !== undefined && query.sortKeyFrom !== undefined) throw new Error('one sort-key bound at a time');
  if (query.sortKeyBelow !== undefined) {
    key += ' AND gsi1sk < :below';
    values[':below'] = query.sortKeyBelow;
  }
  if (query.sortKeyFrom !== undefined) {
    key += ' AND gsi1sk >= :from';
    values[':from'] = query.sortKeyFrom;
  }
  const filters: string[] = [];
  const { facilityId, checkCode, name, statuses } = query.filter;
  if (facilityId !== undefined) {
    filters.push('facilityId = :facility');
    values[':facility'] = facilityId;
  }
  if (checkCode !== undefined) {
    filters.push('contains(checkCodes, :check)');
    values[':check'] = checkCode;
  }
  const folded = name === undefined ? '' : searchableName(name);
  if (folded) {
    filters.push('contains(searchNames, :name)');
    values[':name'] = folded;
  }
  if (statuses?.length) {
    names['#status'] = 'status';
    filters.push(`#status IN (${statuses.map((status, i) => ((values[`:status${i}`] = status), `:status${i}`)).join(', ')})`);
  }
  return {
    KeyConditionExpression: key,
    ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: values,
  };
}

const filtered = (query: WorkListQuery) => expressionOf(query).FilterExpression !== undefined;

/**
 * One page of a work list: up to `limit` items after `start`, and whether more follow. Unfiltered, one
 * Query of `limit + 1` items; filtered, Query pages (up to 1 MB each) until `limit + 1` items matched
 * or the list ended. The next page starts after the last item answered (its own key, so a page is
 * never short because of a filter).
 */
export async function workListPage(
  query: WorkListQuery,
  limit: number,
  start: Record<string, string> | undefined,
): Promise<{ items: Record<string, unknown>[]; more: boolean; calls: number }> {
  // A cursor outside the sort-key bound (taken with other filters, or the bound moved with the clock):
  // past the end answers an empty page, before the start begins at the start. DynamoDB would refuse it (400 → 500).
  const startSortKey = start?.['gsi1sk'];
  if (startSortKey !== undefined && query.sortKeyBelow !== undefined && startSortKey >= query.sortKeyBelow) return { items: [], more: false, calls: 0 };
  if (startSortKey !== undefined && query.sortKeyFrom !== undefined && startSortKey < query.sortKeyFrom) start = undefined;
  const base = expressionOf(query);
  const keyAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
  const names: Record<string, string> = { ...base.ExpressionAttributeNames };
  const projection = [...new Set([...keyAttributes, ...query.projection])].map((path) =>
    path
      .split('.')
      .map((part) => ((names[`#p_${part}`] = part), `#p_${part}`))
      .join('.'),
  );
  const items: Record<string, unknown>[] = [];
  let exclusiveStartKey: Record<string, unknown> | undefined = start;
  let calls = 0;
  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: query.tableName,
        IndexName: 'gsi1',
        ...base,
        ExpressionAttributeNames: names,
        ProjectionExpression: projection.join(', '),
        ScanIndexForward: query.oldestFirst,
        ...(filtered(query) ? {} : { Limit: limit + 1 - items.length }),
        ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      }),
    );
    calls += 1;
    items.push(...(page.Items ?? []));
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey && items.length <= limit);
  // The loop ends with more than `limit` items (more follow) or at the end of the list.
  return { items: items.slice(0, limit), more: items.length > limit, calls };
}

/** How many items the work list holds with these filters: `Select: COUNT` on the index (nothing transferred), one call per 1 MB read. */
export async function workListCount(query: WorkListQuery): Promise<{ total: number; calls: number }> {
  const base = expressionOf(query);
  let total = 0;
  let calls = 0;
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(
      new QueryCommand({ TableName: query.tableName, IndexName: 'gsi1', ...base, Select: 'COUNT', ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}) }),
    );
    calls += 1;
    total += page.Count ?? 0;
    exclusiveStartKey = page.LastEvaluatedKey;
  } while (exclusiveStartKey);
  return { total, calls };
}

/** The cursor of the page after `item`: its table and index keys. */
export const keyAfter = (item: Record<string, unknown>): Record<string, unknown> => ({
  pk: item['pk'],
  sk: item['sk'],
  gsi1pk: item['gsi1pk'],
  gsi1sk: item['gsi1sk'],
});
