/**
 * The one DynamoDB table of the registry, described as plain data so that the CDK app
 * (infra/stack.ts) and the local stack (local/dynamodb/tables.ts) create exactly the same
 * keys and indexes. Item shapes live in functions/shared/keys.ts.
 */
export const registryTableSchema = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    {
      /** Pending registrar decisions, oldest first (sparse: only undecided approvals carry gsi1pk). */
      indexName: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
    },
    {
      /** Look-ups by a person: registrations by mother's NIK (duplicates, search). */
      indexName: 'gsi2',
      partitionKey: 'gsi2pk',
      sortKey: 'gsi2sk',
    },
  ],
} as const;

export type RegistryTableSchema = typeof registryTableSchema;
