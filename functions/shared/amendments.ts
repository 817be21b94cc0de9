import { GetCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AmendmentStatus, type AmendmentKind, type AmendmentRequester, type CorrectionChanges } from '../../domain/amendment.js';
import type { Verdict } from '../../domain/verdict.js';
import { dynamodb } from './aws.js';
import { conditionFailure, transactionCancellation } from './errors.js';
import { amendmentKey, approvalQueueSortKey, PENDING_AMENDMENTS } from './keys.js';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/**
 * An amendment of a completed registration: a correction or a revocation, filed by a registrar, a
 * head of office or the parents (corrections only), decided by a head of office who did not file it
 * (four-eyes), applied by the amendment workflow (workflows/amendment.asl.json). One item per
 * amendment (`AMENDMENT#<id>`), in the heads' queue (gsi1 `AMENDMENT#PENDING`) while it waits.
 * Its status moves PENDING -> APPROVED -> APPLIED | FAILED, or PENDING -> REJECTED, each move one
 * conditional write answered from the item as it was (the registration repository's model).
 */
export interface Amendment {
  readonly amendmentId: string;
  readonly registrationId: string;
  readonly kind: AmendmentKind;
  readonly status: AmendmentStatus;
  readonly changes?: CorrectionChanges;
  /** The registration's values at the corrected paths when the request was filed (the queue shows both). */
  readonly currentValues?: Record<string, unknown>;
  readonly reason: string;
  readonly evidence?: readonly { readonly type: string; readonly reference: string }[];
  readonly requestedBy: { readonly kind: AmendmentRequester; readonly id?: string };
  readonly requestedAt: string;
  readonly decision?: { readonly decision: Verdict; readonly reason?: string; readonly by: string; readonly at: string };
  /** The workflow's task token while it waits for the decision. */
  readonly taskToken?: string;
  readonly appliedAt?: string;
  /** The documents a correction re-issued, with their new versions. */
  readonly reissued?: readonly { readonly type: string; readonly version: number }[];
  readonly failure?: { readonly error: string; readonly at: string };
  readonly updatedAt: string;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type AmendmentWrite =
  | { readonly outcome: 'applied' }
  | { readonly outcome: 'already-applied'; readonly current: Amendment | undefined }
  | { readonly outcome: 'refused'; readonly current: Amendment | undefined };

export async function getAmendment(tableName: string, amendmentId: string): Promise<Amendment | undefined> {
  const { Item } = await dynamodb.send(new GetCommand({ TableName: tableName, Key: amendmentKey(amendmentId), ConsistentRead: true }));
  return Item as Amendment | undefined;
}

export function amendmentRepository(tableName: string) {
  return {
    /** The new amendment, PENDING and in the queue, for the filing transaction (with the registration's openAmendment). */
    fileItem(amendment: Omit<Amendment, 'status' | 'updatedAt'>): TransactItem {
      return {
        Put: {
          TableName: tableName,
          Item: {
            ...amendmentKey(amendment.amendmentId),
            ...amendment,
            status: AmendmentStatus.PENDING,
            updatedAt: amendment.requestedAt,
            gsi1pk: PENDING_AMENDMENTS,
            gsi1sk: approvalQueueSortKey(amendment.requestedAt, amendment.amendmentId),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    },

    /** The workflow's task token stored, unless a decision is recorded (refused: `current.decision` is it). */
    async park(amendmentId: string, taskToken: string, at: string): Promise<AmendmentWrite> {
      try {
        await dynamodb.send(
          new UpdateCommand({
            TableName: tableName,
            Key: amendmentKey(amendmentId),
            UpdateExpression: 'SET taskToken = :token, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND #status = :pending AND attribute_not_exists(decision)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':token': taskToken, ':at': at, ':pending': AmendmentStatus.PENDING },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { outcome: 'applied' };
      } catch (error) {
        const failed = conditionFailure(error);
        if (!failed) throw error;
        return { outcome: 'refused', current: failed.item as Amendment | undefined };
      }
    },

    /**
     * The head of office's decision, once (conditional on PENDING and no decision), out of the queue,
     * in one transaction with `others` (its audit event). A conflict answers from the item as it was.
     */
    async decide(amendmentId: string, decision: NonNullable<Amendment['decision']>, others: readonly TransactItem[]): Promise<AmendmentWrite> {
      try {
        await dynamodb.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: amendmentKey(amendmentId),
                  UpdateExpression: 'SET #status = :to, decision = :decision, updatedAt = :at REMOVE gsi1pk, gsi1sk',
                  ConditionExpression: 'attribute_exists(pk) AND #status = :pending AND attribute_not_exists(decision)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':to': decision.decision === 'APPROVE' ? AmendmentStatus.APPROVED : AmendmentStatus.REJECTED,
                    ':decision': decision,
                    ':at': decision.at,
                    ':pending': AmendmentStatus.PENDING,
                  },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              ...others,
            ],
          }),
        );
        return { outcome: 'applied' };
      } catch (error) {
        const reasons = transactionCancellation(error);
        if (!reasons?.[0]?.conditionFailed) throw error;
        const current = reasons[0].item as Amendment | undefined;
        return current?.decision ? { outcome: 'already-applied', current } : { outcome: 'refused', current };
      }
    },

    /** The Update that marks an approved amendment APPLIED, for the transaction that applies it. */
    appliedItem(amendmentId: string, at: string, reissued: NonNullable<Amendment['reissued']>): TransactItem {
      return {
        Update: {
          TableName: tableName,
          Key: amendmentKey(amendmentId),
          UpdateExpression: 'SET #status = :applied, appliedAt = :at, updatedAt = :at, reissued = :reissued REMOVE taskToken',
          ConditionExpression: '#status = :approved',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':applied': AmendmentStatus.APPLIED, ':approved': AmendmentStatus.APPROVED, ':at': at, ':reissued': reissued },
        },
      };
    },

    /** The Update that ends an amendment the workflow could not apply (or whose wait expired), for the closing transaction. */
    failedItem(amendmentId: string, failure: NonNullable<Amendment['failure']>): TransactItem {
      return {
        Update: {
          TableName: tableName,
          Key: amendmentKey(amendmentId),
          UpdateExpression: 'SET #status = :failed, failure = :failure, updatedAt = :at REMOVE gsi1pk, gsi1sk, taskToken',
          ConditionExpression: '#status IN (:pending, :approved)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':failed': AmendmentStatus.FAILED,
            ':failure': failure,
            ':at': failure.at,
            ':pending': AmendmentStatus.PENDING,
            ':approved': AmendmentStatus.APPROVED,
          },
        },
      };
    },
  };
}
