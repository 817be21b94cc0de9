import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { familyKey, familyMemberKey, personKey } from '../functions/shared/keys.js';

/**
 * Writes a population export ({families: [{familyCardNumber, address, members: [...]}]}) into the
 * registry table. Every put is conditional on the item not existing, so loading the same file twice
 * writes nothing new. Validation of the records (NIK parts, region codes, duplicates across families)
 * belongs to the population import issue; this loader trusts its input (the bundled demo data).
 */
export interface PopulationMember {
  readonly nik: string;
  readonly name: string;
  readonly sex: 'MALE' | 'FEMALE';
  readonly birthDate: string;
  readonly birthPlace?: string;
  readonly relationship: 'HEAD' | 'SPOUSE' | 'CHILD' | 'OTHER';
}

export interface PopulationFamily {
  readonly familyCardNumber: string;
  readonly address: { readonly districtCode: string; readonly villageCode?: string; readonly street?: string };
  readonly members: readonly PopulationMember[];
}

export interface PopulationExport {
  readonly families: readonly PopulationFamily[];
}

export async function loadPopulation(
  client: DynamoDBDocumentClient,
  tableName: string,
  population: PopulationExport,
  options: { issuedAt?: string } = {},
): Promise<{ written: number; unchanged: number }> {
  const issuedAt = options.issuedAt ?? new Date().toISOString();
  const items = population.families.flatMap((family) => {
    const head = family.members.find((m) => m.relationship === 'HEAD');
    return [
      {
        ...familyKey(family.familyCardNumber),
        familyCardNumber: family.familyCardNumber,
        address: family.address,
        ...(head ? { headNik: head.nik } : {}),
        version: 1,
        issuedAt,
      },
      ...family.members.flatMap((m) => [
        { ...familyMemberKey(family.familyCardNumber, m.nik), ...m },
        { ...personKey(m.nik), ...m, familyCardNumber: family.familyCardNumber },
      ]),
    ];
  });
  let written = 0;
  let unchanged = 0;
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        await client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
        written += 1;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
        unchanged += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return { written, unchanged };
}
