/**
 * What the console sends and receives: the API's own schemas (api/), as types only. `import type`
 * is erased by esbuild, so none of api/ (nor zod) reaches the bundle; a field the API renames is a
 * type error here.
 */
export type {
  ApprovalList,
  Dashboard,
  DecisionResponse,
  ErrorBody,
  DocumentList,
  History,
  HistoryEvent,
  ParentRegistrationView,
  RegistrationView,
  SearchResult,
  SubmissionList,
  SubmitResponse,
} from '../../api/schemas.js';
export type { BirthNotification, Decision } from '../../api/requests.js';
// config.json's office contact (parents' next steps, web/src/pages/parents-next-steps.ts).
export type { OfficeContact } from '../../api/console-config.js';
// After the akta: corrections, revocations and the head of office's queue (web/src/pages/amendments.ts, head-queue.ts).
export type { AmendmentDecisionResponse, AmendmentFiled, AmendmentList, AmendmentSummary } from '../../api/schemas.js';
export type { AmendmentDecision, AmendmentRequest } from '../../api/requests.js';

import type { Decision } from '../../api/requests.js';
import type { RegistrationView } from '../../api/schemas.js';

/** Why a registrar rejects, as a code (api/requests.ts REJECTION_REASON_CODES). */
export type RejectionReasonCode = NonNullable<Decision['reasonCode']>;
export type Check = RegistrationView['checks'][number];
