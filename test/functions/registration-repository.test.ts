import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { RegistrationRepository } from '../../functions/shared/registration-repository.js';
import { notification } from '../support/fixtures.js';
import { startTestStack } from '../support/local-stack.js';

/**
 * The repository against DynamoDB Local (no workflow): conflicts are answered from the item the
 * failed condition returns (ALL_OLD, also inside transactions), and the status condition is the table's.
 */
let stack: LocalStack;
let repository: RegistrationRepository;

beforeAll(async () => {
  // Source mode: this test imports the repository module itself, whose client reads its endpoint from
  // the one environment a source-mode stack sets (a bundle-mode stack gives each bundle its own).
  stack = await startTestStack({ seed: false, mode: 'source' });
  repository = (await import('../../functions/shared/registration-repository.js')).registrationRepository(stack.tableName);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
async function received(): Promise<string> {
  const registrationId = `repo-test-${++counter}`;
  const at = new Date().toISOString();
  const item = repository.receiveItem({
    registrationId,
    facilityId: 'rsud-blambangan',
    notificationId: registrationId,
    bodyHash: 'h',
    accessCodeHash: 'a',
    createdAt: at,
    updatedAt: at,
    notification: notification() as never,
    issued: {},
  });
  await stack.documentClient.send(new TransactWriteCommand({ TransactItems: [item] }));
  return registrationId;
}

const load = async (registrationId: string) =>
  (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `REG#${registrationId}`, sk: 'REG' }, ConsistentRead: true })))
    .Item as Record<string, any>;

const at = () => new Date().toISOString();
const approval = { taskToken: 't1', requestedAt: '2026-11-20T01:00:00.000Z' };

describe('the registration repository', () => {
  it('creates RECEIVED with its first step, and validates once: a replay gets the first verdict back', async () => {
    const id = await received();
    expect(await load(id)).toMatchObject({ status: 'RECEIVED', steps: { RECEIVED: {} } });
    expect(await repository.validate(id, at(), { checks: [], outcome: 'NEEDS_APPROVAL' })).toEqual({ outcome: 'applied' });
    const again = await repository.validate(id, at(), { checks: [], outcome: 'REJECTED' });
    expect(again.outcome).toBe('already-applied');
    expect(again.outcome === 'already-applied' && again.current?.validationOutcome).toBe('NEEDS_APPROVAL');
  });

  it('records the first of two decisions; the second sees it in the cancelled transaction, without a read', async () => {
    const id = await received();
    expect((await repository.park(id, at(), approval)).outcome).toBe('applied');
    const decision = (verdict: 'APPROVE' | 'REJECT') => ({ decision: verdict, by: 'registrar.a', at: at(), ...(verdict === 'REJECT' ? { reason: 'x' } : {}) });
    expect((await repository.decide(id, decision('APPROVE'), [])).outcome).toBe('applied');
    const second = await repository.decide(id, decision('REJECT'), []);
    expect(second.outcome).toBe('already-applied');
    const stored = await load(id);
    expect(second.outcome === 'already-applied' && second.current?.decision).toEqual(stored['decision']);
    expect(stored).toMatchObject({ status: 'ISSUING', decision: { decision: 'APPROVE' }, steps: { APPROVED: { by: 'registrar.a' } } });
    expect(stored['gsi1pk']).toBeUndefined(); // left the queue
  });

  it('does not park a decided case: refused, with the decision to resume', async () => {
    const id = await received();
    await repository.park(id, at(), approval);
    await repository.decide(id, { decision: 'APPROVE', by: 'registrar.a', at: at() }, []);
    const parked = await repository.park(id, at(), { ...approval, taskToken: 't2' });
    expect(parked.outcome).toBe('refused');
    expect(parked.outcome === 'refused' && parked.current?.decision?.decision).toBe('APPROVE');
  });

  it('never fails a completed registration, and fails a failed one only once', async () => {
    const id = await received();
    await repository.park(id, at(), approval);
    await repository.decide(id, { decision: 'APPROVE', by: 'registrar.a', at: at() }, []);
    const issued = {
      nik: '3510162011260001',
      familyCardNumber: '3510160101200001',
      familyCardVersion: 2,
      birthCertificateNumber: '3510-LT-20112026-0001',
      birthCertificateIssuedOn: '2026-11-20',
      childIdCardNumber: '3510162011260001',
      childIdCardKind: 'KIA_0_5',
      childIdCardValidThrough: '2031-11-19',
    };
    expect((await repository.issue(id, at(), issued, [])).outcome).toBe('applied');
    expect((await repository.issue(id, at(), issued, [])).outcome).toBe('already-applied');
    expect((await repository.complete(id, at(), [])).outcome).toBe('applied');
    expect((await repository.complete(id, at(), [])).outcome).toBe('already-applied');
    const failed = await repository.fail(id, at(), { error: 'Boom', at: at() });
    expect(failed.outcome).toBe('refused');
    expect(failed.outcome === 'refused' && failed.current?.status).toBe('COMPLETED');

    const other = await received();
    expect((await repository.fail(other, at(), { error: 'First', at: at() })).outcome).toBe('applied');
    expect((await repository.fail(other, at(), { error: 'Second', at: at() })).outcome).toBe('already-applied');
    expect((await load(other))['failure']).toMatchObject({ error: 'First' });
  });

  it('refuses a transition on a missing registration, and a transition the table does not declare before writing', async () => {
    expect(await repository.escalate('no-such-registration', at())).toEqual({ outcome: 'refused', current: undefined });
    const id = await received();
    // RECEIVED cannot complete: refused by the status condition, and the item is unchanged.
    const completed = await repository.complete(id, at(), []);
    expect(completed.outcome).toBe('refused');
    expect((await load(id))['status']).toBe('RECEIVED');
  });
});
