import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RegistryAdditions } from '../../api/fhir/bundle-mapping.js';
import { birthOrderFromFamily, type FamilyMemberFact } from '../../domain/birth-order.js';
import { dynamodb } from '../shared/aws.js';
import { familyKey, personKey } from '../shared/keys.js';

/**
 * What a FHIR Bundle does not carry and the registry knows: the mother's family card (when the
 * Bundle names none: her PERSON record's KK) and the birth order (her children on that card + 1,
 * domain/birth-order.ts). One GetItem (only without a KK in the Bundle) and one Query of the card's
 * members. Nothing here answers whether a NIK exists: a mother the registry does not hold gets no
 * KK, and the workflow's registry checks say so to the registrar, as for a JSON notification.
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
  return {
    ...(query.familyCardNumber ? {} : { familyCardNumber }),
    birthOrder: birthOrderFromFamily({ members, motherNik: query.motherNik, ...birth }),
  };
}
