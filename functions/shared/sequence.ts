import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';

/**
 * Allocates the next serial of a counter with one atomic `ADD`: concurrent callers always get
 * different values, without read-modify-write races or transaction conflicts. A serial is only
 * lost (a gap, never a duplicate) if the caller dies between allocating and recording it.
 */
export async function nextSerial(tableName: string, key: { pk: string; sk: string }): Promise<number> {
  const { Attributes } = await dynamodb.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: 'ADD lastSerial :one SET updatedAt = :now',
      ExpressionAttributeValues: { ':one': 1, ':now': new Date().toISOString() },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.['lastSerial']);
}
