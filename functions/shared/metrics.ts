import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business metrics (CloudWatch EMF through Powertools): the alarms in infra/stack.ts watch
 * ApprovalsEscalated and RegistrationsFailed. Namespace and service come from the environment.
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
