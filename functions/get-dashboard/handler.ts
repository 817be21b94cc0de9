import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { ValidationError } from '../shared/errors.js';
import { fieldIssues, httpHandler, json } from '../shared/http.js';
import { PENDING_APPROVALS } from '../shared/keys.js';
import { statsPartition, StatsKind, type DecisionFact, type RegistrationFact } from '../shared/stats.js';
import { figures, windowOf } from './figures.js';
import { DashboardQuerySchema } from '../../api/requests.js';
import type { Dashboard } from '../../api/schemas.js';

const config = readConfig();

async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The UTC months (yyyy-mm) from `fromInstant` to `now`: at most four for a 90-day window. */
function monthsBetween(fromInstant: string, now: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(`${fromInstant.slice(0, 7)}-01T00:00:00Z`);
  while (cursor.toISOString().slice(0, 7) <= now.toISOString().slice(0, 7)) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

async function facts<T>(kind: StatsKind, fromInstant: string, now: Date): Promise<T[]> {
  const pages = await Promise.all(
    monthsBetween(fromInstant, now).map((month) =>
      queryAll({
        TableName: config.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk AND sk >= :from',
        ExpressionAttributeValues: { ':pk': statsPartition(kind, month), ':from': fromInstant },
      }),
    ),
  );
  return pages.flat() as T[];
}

/**
 * GET /v1/dashboard?days= (registrars): births registered per day, the median time from notification
 * to documents, the share of decisions within 4 hours, the share registered within 60 days of birth,
 * and the queue by waiting time. Read from the per-month fact partitions written with each decision
 * and each registration (functions/shared/stats.ts) and from the queue index: range queries only.
 */
export const handler = httpHandler(['registrar'], async (event) => {
  const parsed = DashboardQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error, 0, event.queryStringParameters ?? {}));
  const now = new Date();
  const { fromInstant } = windowOf(parsed.data.days, now);
  const [registered, decided, pending] = await Promise.all([
    facts<RegistrationFact>(StatsKind.REGISTERED, fromInstant, now),
    facts<DecisionFact>(StatsKind.DECIDED, fromInstant, now),
    queryAll({
      TableName: config.TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pending',
      ExpressionAttributeValues: { ':pending': PENDING_APPROVALS },
      ProjectionExpression: 'gsi1sk',
    }),
  ]);
  // gsi1sk = <requestedAt>#<registrationId>
  const pendingSince = pending.map((item) => String(item['gsi1sk']).split('#')[0]!);
  return json(200, figures({ days: parsed.data.days, now, registered, decided, pendingSince }) satisfies Dashboard);
});
