import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { audit, officerActor, searchAuditPartition } from '../shared/audit.js';
import { dynamodb } from '../shared/aws.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { ValidationError } from '../shared/errors.js';
import { fieldIssues, httpHandler, json } from '../shared/http.js';
import { documentKey, motherIndexKey, personKey, registrationKey } from '../shared/keys.js';
import { civilBirthOf, type Registration } from '../shared/registration.js';
import { SearchQuerySchema } from '../../api/requests.js';
import type { SearchResult } from '../../api/schemas.js';
import { searchKeyOf, type SearchKey } from './search-key.js';
import { batchGetItems } from '../shared/batch-get.js';

const config = readConfig({ CIVIL_TIME_ZONE: CivilTimeZoneSchema });

/** A mother rarely has more than a handful of registrations; the cap keeps the answer bounded. */
const MAX_BY_MOTHER = 50;

type Match = { readonly registrationId: string; readonly matchedBy: SearchResult['items'][number]['matchedBy'] };

async function getItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamodb.send(new GetCommand({ TableName: config.TABLE_NAME, Key: key }));
  return Item;
}

/** Every lookup is a key read or one index query: no scans. */
async function matchesOf(key: SearchKey): Promise<Match[]> {
  switch (key.kind) {
    case 'REGISTRATION_ID':
      return [{ registrationId: key.value, matchedBy: 'REGISTRATION_ID' }];
    case 'AKTA_NUMBER': {
      // DOC#BIRTH_CERTIFICATE#<number>: the uniqueness record RegisterChild writes, with the registration id.
      const doc = await getItem(documentKey('BIRTH_CERTIFICATE', key.value));
      return typeof doc?.['registrationId'] === 'string' ? [{ registrationId: doc['registrationId'], matchedBy: 'AKTA_NUMBER' }] : [];
    }
    case 'NIK': {
      // A child registered here has a PERSON#<nik> record naming its registration (RegisterChild); a mother has births on gsi2.
      const [person, births] = await Promise.all([
        getItem(personKey(key.value)),
        dynamodb.send(
          new QueryCommand({
            TableName: config.TABLE_NAME,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :mother',
            ExpressionAttributeValues: { ':mother': motherIndexKey(key.value) },
            ScanIndexForward: false,
            Limit: MAX_BY_MOTHER,
          }),
        ),
      ]);
      const asChild: Match[] = typeof person?.['registrationId'] === 'string' ? [{ registrationId: person['registrationId'], matchedBy: 'CHILD_NIK' }] : [];
      const asMother: Match[] = (births.Items ?? []).map((item) => ({ registrationId: String(item['registrationId']), matchedBy: 'MOTHER_NIK' }));
      return [...asChild, ...asMother];
    }
  }
}

async function registrations(ids: string[]): Promise<Map<string, Registration>> {
  const found = new Map<string, Registration>();
  if (ids.length === 0) return found;
  const items = await batchGetItems(config.TABLE_NAME, ids.map(registrationKey), { attributes: ['registrationId', 'createdAt', 'status', 'notification.child'] });
  for (const item of items as (Registration | undefined)[]) if (item) found.set(item.registrationId, item);
  return found;
}

/**
 * GET /v1/search?q= (registrars): past registrations by registration id, NIK (the child's or the
 * mother's) or akta number. Each search is audited (by whom, the kind of key and the number of
 * results; never the NIK or number itself).
 */
export const handler = httpHandler(['registrar'], async (event, caller) => {
  const parsed = SearchQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error, 0, event.queryStringParameters ?? {}));
  const key = searchKeyOf(parsed.data.q);
  if (!key) throw new ValidationError([{ path: 'q', code: 'SEARCH_Q_UNKNOWN' }]);

  const matches = await matchesOf(key);
  const ids = [...new Set(matches.map((m) => m.registrationId))];
  const found = await registrations(ids);
  const items = ids.flatMap((id) => {
    const r = found.get(id);
    if (!r) return [];
    const child = r.notification.child;
    return [
      {
        registrationId: r.registrationId,
        status: r.status,
        childName: child.name,
        birthDate: civilBirthOf(r.notification, config.CIVIL_TIME_ZONE).isoDate,
        submittedAt: r.createdAt,
        matchedBy: matches.find((m) => m.registrationId === id)!.matchedBy,
      },
    ];
  });
  items.sort((a, b) => b.birthDate.localeCompare(a.birthDate));
  await audit(config.TABLE_NAME, searchAuditPartition(new Date()), {
    action: 'REGISTRATIONS_SEARCHED',
    actor: caller.kind === 'registrar' ? officerActor(caller) : { kind: 'registrar', id: 'unknown' },
    ...(event.requestContext?.http?.sourceIp ? { sourceIp: event.requestContext.http.sourceIp } : {}),
    outcome: 'ALLOWED',
    detail: { key: key.kind, results: items.length },
  });
  return json(200, { items } satisfies SearchResult);
});
