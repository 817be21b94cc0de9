import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RegistryAdditions } from '../../api/fhir/bundle-mapping.js';
import { birthOrderFromFamily, type FamilyMemberFact } from '../../domain/birth-order.js';
import { dynamodb } from '../shared/aws.js';
import { familyKey, personKey } from '../shared/keys.js';

/**
 * What a FHIR Bundle does not carry and the registry knows: the birth order (the mother's children
 * on her family card + 1, domain/birth-order.ts), read from the card the Bundle names or else her
 * PERSON record's. One GetItem (only without a KK in the Bundle) and one Query of the card's
 * members. The KK itself is not added to the notification: an omitted KK is the workflow's to
 * resolve (and to report). Nothing here answers whether a NIK exists: a mother the registry does
 * not hold gets birth order 1 and the workflow's registry checks, as for a JSON notification.
 */
export async function registryAdditions(
  tableName: string,
  query: { readonly motherNik: string; readonly familyCardNumber?: string },
  birth: { readonly birthDateTime: string; readonly orderInDelivery?: number | undefined },
): Promise<RegistryAdditions> {
  let familyCardNumber = query.familyCardNumber;
  if (!familyCardNumber) {
    const { Item } = await dynamodb.send(new GetCommand({ TableName: tableName, Key: personKey(query.motherNik), ProjectionExpression: 'familyCardNumber' }));
    familyCardNumber = typeof Item?.['familyCardNumber'] === 'string' ? Item['familyCardNumber'] : undefined;
  }
  if (!familyCardNumber) return { birthOrder: birthOrderFromFamily({ members: [], motherNik: query.motherNik, ...birth }) };
  const { Items } = await dynamodb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
      ExpressionAttributeValues: { ':pk': familyKey(familyCardNumber).pk, ':member': 'MEMBER#' },
      ProjectionExpression: 'nik, relationship, birthDate',
    }),
  );
  const members = (Items ?? []) as FamilyMemberFact[];
  return { birthOrder: birthOrderFromFamily({ members, motherNik: query.motherNik, ...birth }) };
}
