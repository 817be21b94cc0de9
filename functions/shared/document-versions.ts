import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';
import type { DocumentRecord } from './documents.js';
import { registrationDocumentKey, registrationDocumentVersionKey, verificationKey } from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Document versions: how a registration's document is replaced by a newer one (a corrected akta,
 * a re-issued KIA) while the old print keeps answering its QR code, as SUPERSEDED.
 *
 *   REG#<id> / DOC#<type>           the current version (what downloads and bundles render)
 *   REG#<id> / DOCV#<type>#<nnnn>   each previous version, frozen as issued, plus `supersededAt`
 *   VERIFY#<vid>                    { registrationId, type } for the current one; { ..., version,
 *                                   supersededAt } once superseded: the pointer leads to the archive
 *
 * `supersedeDocumentItems` is the whole change, for one transaction (with the amendment's own
 * writes): it is conditional on the current record still being the version that was read (its
 * verification id), so two concurrent re-issues (a retried step, a replay) make exactly one new
 * version; the loser's transaction is cancelled and finds the new version on its next read.
 *
 * A KK print is also superseded without any write here: by the family card's next version (another
 * birth, a child leaving the card), which the card itself records (functions/verify-document).
 */
export function supersedeDocumentItems(
  tableName: string,
  current: DocumentRecord,
  next: Omit<DocumentRecord, 'version' | 'supersededAt' | 'registrationId' | 'type'>,
  at: string,
): TransactItem[] {
  const version = current.version ?? 1;
  const { registrationId, type } = current;
  const { supersededAt: _never, ...frozen } = current;
  return [
    {
      Put: {
        TableName: tableName,
        Item: { ...frozen, ...registrationDocumentVersionKey(registrationId, type, version), version, supersededAt: at },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...next, registrationId, type, version: version + 1, ...registrationDocumentKey(registrationId, type) },
        ConditionExpression: 'verificationId = :read',
        ExpressionAttributeValues: { ':read': current.verificationId },
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: verificationKey(current.verificationId),
        UpdateExpression: 'SET version = :version, supersededAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(supersededAt)',
        ExpressionAttributeValues: { ':version': version, ':at': at },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...verificationKey(next.verificationId), registrationId, type },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** What a verification id points at. */
export interface VerificationPointer {
  readonly registrationId: string;
  readonly type: DocumentRecord['type'];
  /** Set once superseded: the archived version to read. */
  readonly version?: number;
  readonly supersededAt?: string;
}

/** The document record a verification id names (current or archived), if its id matches; undefined otherwise. */
export async function documentRecordOf(tableName: string, verificationId: string): Promise<DocumentRecord | undefined> {
  const pointer = (await dynamodb.send(new GetCommand({ TableName: tableName, Key: verificationKey(verificationId) }))).Item as VerificationPointer | undefined;
  if (!pointer) return undefined;
  const key =
    pointer.version !== undefined
      ? registrationDocumentVersionKey(pointer.registrationId, pointer.type, pointer.version)
      : registrationDocumentKey(pointer.registrationId, pointer.type);
  const record = (await dynamodb.send(new GetCommand({ TableName: tableName, Key: key }))).Item as DocumentRecord | undefined;
  return record && record.verificationId === verificationId ? record : undefined;
}
