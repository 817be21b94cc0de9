import { Stack, Token, Validations, type IAspect } from 'aws-cdk-lib';
import { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * What a region lacks or restricts that this app could run into, checked at synth (infra/app.ts adds
 * {@link RegionFactsCheck} to the app): a restriction the app would hit fails the synth with the reason,
 * before CloudFormation creates half a stack and rolls back (leaving the retained keys, table, user
 * pool, secret, log groups and buckets behind). A fact not verified from AWS's documentation is marked
 * `unverified` and only warns. Each fact says where it comes from; re-check them when AWS changes.
 */
export interface Fact<T> {
  readonly value: T;
  /** The AWS documentation (or observation) the value comes from. */
  readonly source: string;
  /** `verified`: the source says so for this region; `unverified`: inferred, check before relying on it. */
  readonly status: 'verified' | 'unverified';
}

export interface RegionFacts {
  /** Opt-in region (disabled by default for an account): some global services treat it differently. */
  readonly optIn: Fact<boolean>;
  /** CloudFront standard logging (legacy) can deliver to an S3 bucket in this region. */
  readonly cloudFrontStandardLogsToS3: Fact<boolean>;
  /** Cognito user pool threat protection (Plus feature plan): `available`, `unavailable` or `unknown`. */
  readonly cognitoThreatProtection: Fact<'available' | 'unavailable' | 'unknown'>;
  /** New accounts send SMS (SNS / End User Messaging) only to verified numbers until they leave the sandbox. */
  readonly smsSandboxByDefault: Fact<boolean>;
}

export const regionFacts: Readonly<Record<string, RegionFacts>> = {
  'ap-southeast-3': {
    optIn: {
      value: true,
      source: 'AWS General Reference, "Managing AWS Regions" (Asia Pacific (Jakarta) is enabled per account)',
      status: 'verified',
    },
    cloudFrontStandardLogsToS3: {
      value: false,
      source:
        'Amazon CloudFront Developer Guide, "Choosing an Amazon S3 bucket for your standard logs" (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html#access-logs-choosing-s3-bucket): CloudFront does not deliver standard logs to buckets in opt-in regions; only standard logging v2 (CloudWatch Logs vended delivery, configured in us-east-1) reaches them',
      status: 'verified',
    },
    cognitoThreatProtection: {
      value: 'unknown',
      source:
        'Amazon Cognito Developer Guide, "Advanced security with threat protection" (Plus feature plan) lists no regional exception; AWS Config\'s managed rule cognito-user-pool-advanced-security-enabled is not offered in Asia Pacific (Jakarta). Not confirmed for Jakarta: the user pool starts in AUDIT mode (README, Deploying)',
      status: 'unverified',
    },
    smsSandboxByDefault: {
      value: true,
      source:
        'Amazon SNS Developer Guide, "Using the Amazon SNS SMS sandbox" (https://docs.aws.amazon.com/sns/latest/dg/sns-sms-sandbox.html): every account starts in the sandbox of each region, sending only to up to 10 verified numbers',
      status: 'verified',
    },
  },
};

/** Rule ids, as acknowledged with `Validations.of(construct).acknowledge({ id: 'annotation::<id>', reason })`. */
export const RegionRule = {
  cloudFrontLogs: 'RegionFacts-CloudFrontStandardLogs',
  cognitoThreatProtection: 'RegionFacts-CognitoThreatProtection',
  smsSandbox: 'RegionFacts-SmsSandbox',
} as const;

/**
 * Fails the synth (an error on the construct) when the app uses what its region lacks, and warns
 * where a fact is unverified or needs a step outside CloudFormation (the SMS sandbox).
 */
export class RegionFactsCheck implements IAspect {
  constructor(private readonly facts: Readonly<Record<string, RegionFacts>> = regionFacts) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnDistribution || node instanceof CfnUserPool || node instanceof CfnFunction)) return;
    const region = Stack.of(node).region;
    if (Token.isUnresolved(region)) return; // an environment-agnostic stack: nothing known
    const facts = this.facts[region];
    if (!facts) return;

    if (node instanceof CfnDistribution && !facts.cloudFrontStandardLogsToS3.value) {
      const config = Stack.of(node).resolve(node.distributionConfig) as { logging?: unknown; Logging?: unknown } | undefined;
      if (config?.logging ?? config?.Logging) {
        Validations.of(node).addError(
          RegionRule.cloudFrontLogs,
          `CloudFront cannot deliver standard logs to an S3 bucket in ${region} (the distribution would fail to create). ` +
            `Remove the distribution's logging, or log to a bucket in another region, or use standard logging v2. Source: ${facts.cloudFrontStandardLogsToS3.source}`,
        );
      }
    }

    if (node instanceof CfnUserPool) {
      const addOns = Stack.of(node).resolve(node.userPoolAddOns) as { advancedSecurityMode?: string; AdvancedSecurityMode?: string } | undefined;
      const mode = addOns?.advancedSecurityMode ?? addOns?.AdvancedSecurityMode;
      if (mode && mode !== 'OFF') {
        const { value, source } = facts.cognitoThreatProtection;
        if (value === 'unavailable') {
          Validations.of(node).addError(RegionRule.cognitoThreatProtection, `Cognito threat protection is not available in ${region}. Source: ${source}`);
        } else if (value === 'unknown') {
          Validations.of(node).addWarning(
            RegionRule.cognitoThreatProtection,
            `Cognito threat protection (${mode}) in ${region} is not confirmed: check the user pool's Threat protection page after the first deployment. Source: ${source}`,
          );
        }
      }
    }

    if (node instanceof CfnFunction && facts.smsSandboxByDefault.value) {
      const environment = Stack.of(node).resolve(node.environment) as { variables?: Record<string, unknown> } | undefined;
      if (environment?.variables?.['SMS_SENDER'] === 'sns') {
        Validations.of(node).addWarning(
          RegionRule.smsSandbox,
          `SMS from ${region} reach only verified numbers until the account leaves the SMS sandbox there (README, Deploying: SMS). Source: ${facts.smsSandboxByDefault.source}`,
        );
      }
    }
  }
}
