import { TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  RegistrationStatus,
  transitionRule,
  type StepName,
  type TransitionName,
} from '../../domain/registration-lifecycle.js';
import { dynamodb } from './aws.js';
import { conditionFailure, transactionCancellation } from './errors.js';
import { approvalQueueSortKey, FOLLOW_UP, followUpSortKey, PENDING_APPROVALS, registrationKey } from './keys.js';
import type { Check, Issued, Registration, StepRecord, ValidationOutcome } from './registration.js';
import type { WorkListAttributes } from './work-lists.js';

/**
 * The only code that changes a registration's status or timeline. Each named transition is one
 * conditional write of the `REG#` item (alone, or as the first item of a transaction), built from
 * the lifecycle table (domain/registration-lifecycle.ts): the status condition is the table's
 * `from`, the status written its `to`, the steps its `steps`. A transition the table does not
 * declare throws before anything is written. Conflicts are answered from the item as it was
 * (`ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`), never by reading it again:
 *  - `applied`: this call made the change;
 *  - `already-applied`: an earlier call did (a retried or re-run step); nothing changed now;
 *  - `refused`: the registration is missing or in a state the transition does not start from.
 */
export type Transitioned =
  | { readonly outcome: 'applied' }
  | { readonly outcome: 'already-applied'; readonly current: Registration | undefined }
  | { readonly outcome: 'refused'; readonly current: Registration | undefined };

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type UpdateItem = NonNullable<TransactItem['Update']> & { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' };

interface WriteSpec {
  readonly transition: TransitionName;
  readonly registrationId: string;
  readonly at: string;
  /** Who took the step (a registrar), recorded on the timeline. */
  readonly by?: string | undefined;
  /** Attributes set (a dotted name sets a nested one: `approval.escalatedAt`). */
  readonly set?: Readonly<Record<string, unknown>>;
  /** Attributes set only if absent: the first value stands. */
  readonly setOnce?: Readonly<Record<string, unknown>>;
  /** Attributes set to another attribute's value before this write (`statusBeforeFailure` ← `status`). */
  readonly copy?: Readonly<Record<string, string>>;
  /** The transition's own guard, besides the status: e.g. `attribute_not_exists(validationOutcome)`. */
  readonly guard?: string;
  /** Values the guard names (`:amendment`). */
  readonly guardValues?: Readonly<Record<string, unknown>>;
  /** Attributes removed (`openAmendmentId` once an amendment is applied). */
  readonly remove?: readonly string[];
  /** Lists appended to (created if absent): `appliedAmendmentIds`. */
  readonly append?: Readonly<Record<string, readonly unknown[]>>;
  /** Steps of the rule's `optionalSteps` this write leaves out; any other step throws. */
  readonly omitSteps?: readonly StepName[];
}

/** The `REG#` update of one transition, ready for UpdateItem or a transaction. */
export function transitionUpdate(tableName: string, spec: WriteSpec): UpdateItem {
  const rule = transitionRule(spec.transition);
  if (rule.from.length === 0) throw new Error(`"${spec.transition}" creates the registration; use receiveItem`);
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': rule.to, ':at': spec.at, ':step': { at: spec.at, ...(spec.by ? { by: spec.by } : {}) } satisfies StepRecord };
  const path = (attribute: string, prefix: string) =>
    attribute
      .split('.')
      .map((part, i) => {
        names[`#${prefix}${i}`] = part;
        return `#${prefix}${i}`;
      })
      .join('.');
  const sets = ['#status = :to', 'updatedAt = :at'];
  // SET evaluates every right-hand side on the item as it was, so a copy of `status` is the old one.
  Object.entries(spec.copy ?? {}).forEach(([attribute, source], i) => {
    sets.push(`${path(attribute, `copy${i}_`)} = ${path(source, `copied${i}_`)}`);
  });
  for (const step of spec.omitSteps ?? []) {
    if (!(rule.optionalSteps ?? []).includes(step)) throw new Error(`"${spec.transition}" cannot leave out the step ${step}`);
  }
  rule.steps.filter((step) => !(spec.omitSteps ?? []).includes(step)).forEach((step: StepName, i) => {
    names[`#step${i}`] = step;
    sets.push(rule.stepWrite === 'first' ? `steps.#step${i} = if_not_exists(steps.#step${i}, :step)` : `steps.#step${i} = :step`);
  });
  Object.entries(spec.set ?? {}).forEach(([attribute, value], i) => {
    values[`:set${i}`] = value;
    sets.push(`${path(attribute, `set${i}_`)} = :set${i}`);
  });
  Object.entries(spec.setOnce ?? {}).forEach(([attribute, value], i) => {
    const target = path(attribute, `once${i}_`);
    values[`:once${i}`] = value;
    sets.push(`${target} = if_not_exists(${target}, :once${i})`);
  });
  Object.entries(spec.append ?? {}).forEach(([attribute, items], i) => {
    const target = path(attribute, `append${i}_`);
    values[`:append${i}`] = items;
    values[':emptyList'] = [];
    sets.push(`${target} = list_append(if_not_exists(${target}, :emptyList), :append${i})`);
  });
  Object.assign(values, spec.guardValues ?? {});
  const removes = [...(rule.leavesQueue && !rule.entersFollowUp ? ['gsi1pk', 'gsi1sk'] : []), ...(spec.remove ?? []).map((attribute, i) => path(attribute, `remove${i}_`))];
  if (rule.entersFollowUp) {
    // Out of the queue and into the follow-up list in the same write (one index entry replaces the other).
    values[':followUp'] = FOLLOW_UP;
    values[':followUpSk'] = followUpSortKey(spec.at, spec.registrationId);
    sets.push('gsi1pk = :followUp', 'gsi1sk = :followUpSk');
  }
  const from = rule.from.map((status, i) => {
    values[`:from${i}`] = status;
    return `:from${i}`;
  });
  return {
    TableName: tableName,
    Key: registrationKey(spec.registrationId),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: `attribute_exists(pk) AND #status IN (${from.join(', ')})${spec.guard ? ` AND ${spec.guard}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

/** The answer to a failed condition, from the item as it was. */
function classify(item: Record<string, unknown> | undefined, applied: (current: Registration) => boolean): Transitioned {
  const current = item as Registration | undefined;
  if (current && applied(current)) return { outcome: 'already-applied', current };
  return { outcome: 'refused', current };
}

async function update(tableName: string, spec: WriteSpec, applied: (current: Registration) => boolean): Promise<Transitioned> {
  try {
    await dynamodb.send(new UpdateCommand(transitionUpdate(tableName, spec)));
    return { outcome: 'applied' };
  } catch (error) {
    const failed = conditionFailure(error);
    if (!failed) throw error;
    return classify(failed.item, applied);
  }
}

/**
 * The transition as the first item of a transaction with `others`. If only some of `others` fail
 * their conditions, `othersFailed` says what that means for this transition (an outbox already
 * queued by an earlier run: already applied; documents that exist while the registration is still
 * ISSUING: refused); by default the error propagates.
 */
async function transact(
  tableName: string,
  spec: WriteSpec,
  others: readonly TransactItem[],
  applied: (current: Registration) => boolean,
  othersFailed?: 'already-applied' | 'refused',
): Promise<Transitioned> {
  try {
    await dynamodb.send(new TransactWriteCommand({ TransactItems: [{ Update: transitionUpdate(tableName, spec) }, ...others] }));
    return { outcome: 'applied' };
  } catch (error) {
    const reasons = transactionCancellation(error);
    if (!reasons) throw error;
    const [own, ...rest] = reasons;
    if (own?.conditionFailed) return classify(own.item, applied);
    const onlyConditions = rest.some((r) => r.conditionFailed) && rest.every((r) => r.conditionFailed || r.code === 'None' || r.code === undefined);
    if (othersFailed && onlyConditions) return { outcome: othersFailed, current: undefined };
    throw error;
  }
}

/** The named transitions of one table's registrations. */
export function registrationRepository(tableName: string) {
  return {
    /** receive: the new registration's Put for SubmitBirth's intake transaction (RECEIVED, its first step). */
    receiveItem(registration: Omit<Registration, 'status' | 'steps'> & Record<string, unknown>): TransactItem {
      const rule = transitionRule('receive');
      const item = {
        ...registration,
        ...registrationKey(registration.registrationId),
        status: rule.to,
        steps: Object.fromEntries(rule.steps.map((step) => [step, { at: registration.createdAt }])),
      };
      return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
    },

    /** validate: the registry checks' verdict, once; a replay finds the first verdict (already-applied). */
    validate(
      registrationId: string,
      at: string,
      verdict: {
        readonly checks: readonly Check[];
        readonly outcome: ValidationOutcome;
        readonly family?: Registration['family'];
        readonly rejection?: Registration['rejection'];
        /** What the registrars' work lists filter and search on (functions/shared/work-lists.ts). */
        readonly workList?: WorkListAttributes;
      },
    ): Promise<Transitioned> {
      return update(
        tableName,
        {
          transition: 'validate',
          registrationId,
          at,
          set: {
            checks: verdict.checks,
            validationOutcome: verdict.outcome,
            ...(verdict.family ? { family: verdict.family } : {}),
            ...(verdict.rejection ? { rejection: verdict.rejection } : {}),
            ...verdict.workList,
          },
          guard: 'attribute_not_exists(validationOutcome)',
        },
        (current) => current.validationOutcome !== undefined,
      );
    },

    /**
     * park: into the registrars' queue with the task token that resumes the workflow, unless a
     * decision is recorded (refused; `current.decision` is it). With `first`, only a registration
     * never parked before (no `approval`): the first request writes without reading the item, and
     * any other (a replay, an escalation, a decision meanwhile) is refused with the item as it was.
     */
    park(registrationId: string, at: string, approval: NonNullable<Registration['approval']>, options: { readonly first?: boolean } = {}): Promise<Transitioned> {
      return update(
        tableName,
        {
          transition: 'park',
          registrationId,
          at,
          set: { approval, gsi1pk: PENDING_APPROVALS, gsi1sk: approvalQueueSortKey(approval.requestedAt, registrationId) },
          guard: options.first ? 'attribute_not_exists(decision) AND attribute_not_exists(approval)' : 'attribute_not_exists(decision)',
        },
        () => false,
      );
    },

    /** escalate: a still-undecided approval, once; already-applied if escalated before, refused if decided meanwhile. */
    escalate(registrationId: string, at: string): Promise<Transitioned> {
      return update(
        tableName,
        {
          transition: 'escalate',
          registrationId,
          at,
          // The queue shows it escalated from this moment (approval.escalatedAt), not only once the next wait starts.
          set: { 'approval.escalatedAt': at },
          guard: 'attribute_not_exists(decision) AND attribute_not_exists(steps.ESCALATED)',
        },
        (current) => current.steps?.ESCALATED !== undefined,
      );
    },

    /**
     * decide (approve or decline): the registrar's decision, once, in one transaction with `others`
     * (its audit event and the dashboard's fact). On a conflict `current` is the registration as it
     * was: already-applied when it carries a decision.
     */
    decide(registrationId: string, decision: NonNullable<Registration['decision']>, others: readonly TransactItem[]): Promise<Transitioned> {
      const approve = decision.decision === 'APPROVE';
      return transact(
        tableName,
        {
          transition: approve ? 'approve' : 'decline',
          registrationId,
          at: decision.at,
          by: decision.by,
          set: {
            decision,
            ...(approve ? {} : { rejection: { source: 'REGISTRAR', reason: decision.reason, ...(decision.reasonCode ? { reasonCode: decision.reasonCode } : {}) } }),
          },
          guard: 'attribute_not_exists(decision)',
        },
        others,
        (current) => current.decision !== undefined,
      );
    },

    /** issue: the child's numbers, once, in one transaction with the registry items `others` (person, KK member, number guards). */
    issue(
      registrationId: string,
      at: string,
      issued: Issued & { readonly nik: string },
      others: readonly TransactItem[],
      options: { readonly omitSteps?: readonly StepName[] } = {},
    ): Promise<Transitioned> {
      return transact(
        tableName,
        { transition: 'issue', registrationId, at, set: { issued }, guard: 'attribute_not_exists(issued.nik)', ...(options.omitSteps ? { omitSteps: options.omitSteps } : {}) },
        others,
        (current) => current.issued?.nik !== undefined,
      );
    },

    /**
   * complete: COMPLETED with the documents, the outbox and the fact (`others`), once. Refused (with
   * no `current`) if only `others` exist already: a state no workflow reaches.
   */
    complete(registrationId: string, at: string, others: readonly TransactItem[]): Promise<Transitioned> {
      return transact(
        tableName,
        { transition: 'complete', registrationId, at, set: { notificationsQueuedAt: at } },
        others,
        (current) => current.status === RegistrationStatus.COMPLETED,
        'refused',
      );
    },

    /**
     * reject: REJECTED, out of the queue, with the parents' and hospital's notifications (`outbox`).
     * An earlier run queued them already when only the outbox conditions fail.
     */
    reject(registrationId: string, at: string, by: string | undefined, outbox: readonly TransactItem[]): Promise<Transitioned> {
      return transact(
        tableName,
        { transition: 'reject', registrationId, at, by, setOnce: { notificationsQueuedAt: at } },
        outbox,
        (current) => current.status === RegistrationStatus.REJECTED && current.notificationsQueuedAt !== undefined,
        'already-applied',
      );
    },

    /**
     * fail: FAILED with why, out of the queue; the first failure recorded stands, and the status it
     * had (`statusBeforeFailure`) is kept for a redrive. Refused for a completed, rejected (or
     * missing) registration, already-applied for a failed one. The single place that
     * marks a registration failed: RecordFailure's Catch path and an execution that ended outside
     * any Catch both come here.
     */
    fail(registrationId: string, at: string, failure: NonNullable<Registration['failure']>): Promise<Transitioned> {
      return update(
        tableName,
        { transition: 'fail', registrationId, at, setOnce: { failure }, copy: { statusBeforeFailure: 'status' } },
        (current) => current.status === RegistrationStatus.FAILED,
      );
    },

    /**
     * correct / revoke: an approved amendment applied, once, in one transaction with `others` (the new
     * document versions, the superseded or revoked ones, the registry's records, the amendment's own
     * APPLIED, the outbox, the audit). Guarded by the registration's open amendment being this one:
     * a replay finds it among `appliedAmendmentIds` (already-applied); anything else is refused.
     */
    applyAmendment(
      registrationId: string,
      amendment: { readonly amendmentId: string; readonly kind: 'CORRECTION' | 'REVOCATION'; readonly at: string; readonly by: string },
      set: Readonly<Record<string, unknown>>,
      others: readonly TransactItem[],
    ): Promise<Transitioned> {
      return transact(
        tableName,
        {
          transition: amendment.kind === 'CORRECTION' ? 'correct' : 'revoke',
          registrationId,
          at: amendment.at,
          by: amendment.by,
          set,
          remove: ['openAmendmentId'],
          append: { appliedAmendmentIds: [amendment.amendmentId] },
          guard: 'openAmendmentId = :amendment',
          guardValues: { ':amendment': amendment.amendmentId },
        },
        others,
        (current) => (current.appliedAmendmentIds ?? []).includes(amendment.amendmentId),
      );
    },

    /**
     * revoke: REVOKED, once, in one transaction with `others` (the amendment's decision, the audit
     * event, the person record's deactivation, the new KK version, the outbox). Every document of a
     * revoked registration answers REVOKED (domain/document-state.ts), from `steps.REVOKED.at`.
     * Already-applied for a revoked registration, refused for any other status.
     */
    revoke(registrationId: string, at: string, by: string, revocation: Readonly<Record<string, unknown>>, others: readonly TransactItem[]): Promise<Transitioned> {
      return transact(
        tableName,
        { transition: 'revoke', registrationId, at, by, set: { revocation } },
        others,
        (current) => current.status === RegistrationStatus.REVOKED,
      );
    },
  };
}

/**
 * An amendment filed against a COMPLETED registration (not a lifecycle transition: status and timeline
 * stay): the registration holds one open amendment at a time, so two corrections never race to re-issue
 * the same documents. In one transaction with `others` (the amendment item, its audit event). Refused
 * when the registration is not COMPLETED or has another open amendment; `current` says which.
 */
export async function openAmendment(
  tableName: string,
  registrationId: string,
  amendmentId: string,
  others: readonly TransactItem[],
): Promise<Transitioned> {
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: registrationKey(registrationId),
              UpdateExpression: 'SET openAmendmentId = :id, amendmentIds = list_append(if_not_exists(amendmentIds, :empty), :ids)',
              ConditionExpression: 'attribute_exists(pk) AND #status = :completed AND attribute_not_exists(openAmendmentId)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':id': amendmentId, ':ids': [amendmentId], ':empty': [], ':completed': RegistrationStatus.COMPLETED },
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
    return { outcome: 'refused', current: reasons[0].item as Registration | undefined };
  }
}

/** The open amendment closed without being applied (rejected, or failed), in one transaction with `others`; already-applied when it is not open any more. */
export async function closeAmendment(tableName: string, registrationId: string, amendmentId: string, others: readonly TransactItem[]): Promise<Transitioned> {
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: registrationKey(registrationId),
              UpdateExpression: 'REMOVE openAmendmentId',
              ConditionExpression: 'openAmendmentId = :id',
              ExpressionAttributeValues: { ':id': amendmentId },
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
    if (!reasons) throw error;
    if (reasons[0]?.conditionFailed) return { outcome: 'already-applied', current: reasons[0].item as Registration | undefined };
    if (reasons.every((r) => r.conditionFailed || r.code === 'None' || r.code === undefined)) return { outcome: 'already-applied', current: undefined };
    throw error;
  }
}

export type RegistrationRepository = ReturnType<typeof registrationRepository>;

/**
 * The parents' access code replaced by the next generation's (not a lifecycle transition: status and
 * timeline stay), in one transaction with `others` (its audit item). Refused when another re-issue
 * won the race (the generation moved) or the registration is missing.
 */
export async function replaceAccessCode(
  tableName: string,
  registrationId: string,
  code: { readonly hash: string; readonly generation: number; readonly previous: number },
  others: readonly TransactItem[],
): Promise<'applied' | 'refused'> {
  const first = code.previous === 0;
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: registrationKey(registrationId),
              UpdateExpression: 'SET accessCodeHash = :hash, accessCodeGeneration = :generation',
              ConditionExpression: first ? 'attribute_exists(pk) AND attribute_not_exists(accessCodeGeneration)' : 'accessCodeGeneration = :previous',
              ExpressionAttributeValues: { ':hash': code.hash, ':generation': code.generation, ...(first ? {} : { ':previous': code.previous }) },
            },
          },
          ...others,
        ],
      }),
    );
    return 'applied';
  } catch (error) {
    if (transactionCancellation(error)?.[0]?.conditionFailed) return 'refused';
    throw error;
  }
}
