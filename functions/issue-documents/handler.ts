import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { documentSigner } from '../shared/document-signer.js';
import {
  buildDocumentContents,
  canonicalContent,
  contentDigest,
  listDocumentRecords,
  loadDocumentFacts,
  newVerificationId,
  readIssuer,
  type DocumentRecord,
} from '../shared/documents.js';
import { RegistrationStateError } from '../shared/errors.js';
import { registrationDocumentKey, registrationKey, verificationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { loadRegistration, RegistrationStatus } from '../shared/registration.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();
const issuer = readIssuer();

/**
 * Step 4b: the akta, the KK print and the KIA become documents: content frozen, digested, signed
 * (KMS in AWS, a key file locally), each with an unguessable verification id for its QR code.
 * All three records, their verification pointers and the timeline mark are written in one
 * transaction, conditional on none existing: a retried or re-run step finds them and issues nothing.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  // The timeline mark is written in the same transaction as the records: present means all three exist.
  if (registration.steps.DOCUMENTS_ISSUED) return {};
  if (registration.status !== RegistrationStatus.ISSUING) {
    throw new RegistrationStateError(`Cannot issue documents in status ${registration.status}`);
  }
  const { nik, familyCardNumber, birthCertificateNumber, childIdCardNumber } = registration.issued;
  if (!nik || !familyCardNumber || !birthCertificateNumber || !childIdCardNumber) {
    throw new RegistrationStateError('Documents need the NIK, KK entry, akta and KIA numbers first');
  }
  const facts = await loadDocumentFacts(config.TABLE_NAME, registration);
  const contents = buildDocumentContents({ registration, facts, issuer });
  const signer = documentSigner();
  const issuedAt = new Date().toISOString();
  const records: DocumentRecord[] = await Promise.all(
    contents.map(async (content) => ({
      registrationId,
      type: content.type,
      number: content.number as string,
      verificationId: newVerificationId(),
      content,
      digest: contentDigest(content),
      signature: await signer.sign(canonicalContent(content)),
      signingKeyId: signer.keyId,
      issuedAt,
    })),
  );
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          ...records.flatMap((record) => [
            {
              Put: {
                TableName: config.TABLE_NAME,
                Item: { ...registrationDocumentKey(registrationId, record.type), ...record },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: config.TABLE_NAME,
                Item: { ...verificationKey(record.verificationId), registrationId, type: record.type },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ]),
          {
            Update: {
              TableName: config.TABLE_NAME,
              Key: registrationKey(registrationId),
              UpdateExpression: 'SET steps.DOCUMENTS_ISSUED = if_not_exists(steps.DOCUMENTS_ISSUED, :step), updatedAt = :now',
              ExpressionAttributeValues: { ':step': { at: issuedAt }, ':now': issuedAt },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'TransactionCanceledException')) throw error;
    // Another attempt got there first (or a condition failed): done only if all three now exist.
    if ((await listDocumentRecords(config.TABLE_NAME, registrationId)).length !== 3) throw error;
    logger.info('Documents already issued by an earlier attempt');
    return {};
  }
  logger.info('Documents issued and signed', { types: records.map((r) => r.type) });
  return {};
});
