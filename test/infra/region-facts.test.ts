import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { FeaturePlan, StandardThreatProtectionMode, UserPool } from 'aws-cdk-lib/aws-cognito';
import { Bucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { RegionFactsCheck, regionFacts, type RegionFacts } from '../../infra/region-facts.js';

/**
 * A bare stack in `region` with the region check, built by `build`, synthesized; `error` joins the
 * error annotations, which make `cdk synth` (and deploy) fail.
 */
function synthIn(region: string, build: (stack: Stack) => void, facts?: Record<string, RegionFacts>): { stack: Stack; error?: string } {
  const app = new App();
  const stack = new Stack(app, 'Probe', { env: { region, account: '123456789012' } });
  build(stack);
  Aspects.of(app).add(new RegionFactsCheck(facts));
  app.synth();
  const errors = Annotations.fromStack(stack).findError('*', Match.anyValue()).map((e) => String(e.entry.data));
  return { stack, ...(errors.length > 0 ? { error: errors.join('\n') } : {}) };
}

const distributionLoggingToABucket = (stack: Stack): void => {
  const logs = new Bucket(stack, 'Logs', { objectOwnership: ObjectOwnership.OBJECT_WRITER });
  new Distribution(stack, 'Site', { defaultBehavior: { origin: new HttpOrigin('example.org') }, enableLogging: true, logBucket: logs });
};

describe('region facts checked at synth', () => {
  it('cites a source for every fact of every region', () => {
    for (const [region, facts] of Object.entries(regionFacts)) {
      for (const [name, fact] of Object.entries(facts)) {
        expect(fact.source.length, `${region} ${name}`).toBeGreaterThan(20);
        expect(['verified', 'unverified'], `${region} ${name}`).toContain(fact.status);
      }
    }
    expect(regionFacts['ap-southeast-3']!.cloudFrontStandardLogsToS3.value).toBe(false);
  });

  it('fails the synth of a Jakarta stack whose distribution logs to an S3 bucket (CloudFront cannot deliver there)', () => {
    const { error } = synthIn('ap-southeast-3', distributionLoggingToABucket);
    expect(String(error)).toMatch(/CloudFront cannot deliver standard logs to an S3 bucket in ap-southeast-3/);
  });

  it('lets the same distribution synthesize in a region CloudFront delivers logs to, and a Jakarta distribution without logs', () => {
    expect(synthIn('ap-southeast-1', distributionLoggingToABucket).error).toBeUndefined();
    const withoutLogs = synthIn('ap-southeast-3', (stack) => new Distribution(stack, 'Site', { defaultBehavior: { origin: new HttpOrigin('example.org') } }));
    expect(withoutLogs.error).toBeUndefined();
  });

  it('fails threat protection where Cognito has none, and warns where it is not confirmed', () => {
    const pool = (stack: Stack): void => {
      new UserPool(stack, 'Users', { featurePlan: FeaturePlan.PLUS, standardThreatProtectionMode: StandardThreatProtectionMode.AUDIT_ONLY });
    };
    const jakarta = regionFacts['ap-southeast-3']!;
    const without: Record<string, RegionFacts> = {
      'xx-test-1': { ...jakarta, cognitoThreatProtection: { value: 'unavailable', source: 'a test region without threat protection', status: 'verified' } },
    };
    expect(String(synthIn('xx-test-1', pool, without).error)).toMatch(/Cognito threat protection is not available in xx-test-1/);
    const { stack, error } = synthIn('ap-southeast-3', pool);
    expect(error).toBeUndefined();
    const warnings = Annotations.fromStack(stack).findWarning('/Probe/Users/Resource', Match.anyValue()).map((w) => String(w.entry.data));
    expect(warnings.join('\n')).toMatch(/threat protection \(AUDIT\) in ap-southeast-3 is not confirmed/);
  });
});
