import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business metrics (CloudWatch EMF through Powertools), on the dashboard and alarms of infra/stack.ts:
 * RegistrationsReceived (SubmitBirth), RegistrationsApproved and TimeToDecision (DecideApproval),
 * RegistrationsRejected (RecordRejection), RegistrationsCompleted and TimeToDocuments
 * (IssueDocuments), RegistrationsFailed (RecordFailure), ApprovalsEscalated, NotificationsDelivered
 * and NotificationsDead. Each is emitted once per registration: only by the write that took effect.
 * Namespace and service come from the environment.
 */
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'LahirProcot',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'birth-registration',
});

export { MetricUnit };

/** Emit one count now (task Lambdas are short; flushing per event keeps the code obvious). */
export function countEvent(name: string, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
  metrics.publishStoredMetrics();
}

/** Emit one duration in milliseconds since `sinceIso` (TimeToDecision, TimeToDocuments): percentiles on the dashboard. */
export function recordDurationSince(name: string, sinceIso: string, now = Date.now()): void {
  const since = Date.parse(sinceIso);
  if (!Number.isFinite(since)) return;
  metrics.addMetric(name, MetricUnit.Milliseconds, Math.max(0, now - since));
  metrics.publishStoredMetrics();
}
