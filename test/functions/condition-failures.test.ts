import { describe, expect, it } from 'vitest';
import { conditionFailure, isTransient, transactionCancellation } from '../../functions/shared/errors.js';

const named = (name: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(name), { name }, fields);

describe('DynamoDB condition failures, recognised in one place', () => {
  it('reads the item a failed UpdateItem returned (ALL_OLD), unmarshalled', () => {
    const error = named('ConditionalCheckFailedException', { Item: { status: { S: 'COMPLETED' }, issued: { M: { nik: { S: '3510162011260001' } } } } });
    expect(conditionFailure(error)).toEqual({ item: { status: 'COMPLETED', issued: { nik: '3510162011260001' } } });
    expect(conditionFailure(named('ConditionalCheckFailedException'))).toEqual({ item: undefined });
    expect(conditionFailure(named('ValidationException'))).toBeUndefined();
    expect(conditionFailure('ConditionalCheckFailedException')).toBeUndefined();
  });

  it("reads each cancelled transaction item's reason and, for a failed condition, the item as it was", () => {
    const error = named('TransactionCanceledException', {
      CancellationReasons: [{ Code: 'ConditionalCheckFailed', Item: { decision: { M: { decision: { S: 'APPROVE' } } } } }, { Code: 'None' }],
    });
    expect(transactionCancellation(error)).toEqual([
      { code: 'ConditionalCheckFailed', conditionFailed: true, item: { decision: { decision: 'APPROVE' } } },
      { code: 'None', conditionFailed: false, item: undefined },
    ]);
    expect(transactionCancellation(named('ConditionalCheckFailedException'))).toBeUndefined();
  });

  it('treats a transaction cancelled by a conflict or throttling as transient, and by a condition as not', () => {
    expect(isTransient(named('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] }))).toBe(true);
    expect(isTransient(named('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] }))).toBe(false);
  });
});
