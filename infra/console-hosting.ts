import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { OfficeContact } from '../api/console-config.js';

/** What the console needs to know in AWS, written next to index.html as config.json (web/src/api.ts ConsoleConfig). */
export interface ConsoleRuntimeConfig {
  readonly apiUrl: string;
  readonly cognitoDomain: string;
  readonly clientId: string;
  /** The office's contact shown to parents (settings `officeContact`, api/console-config.ts). */
  readonly officeContact: OfficeContact;
}

/** config.json as the console reads it (web/src/api.ts ConsoleConfig): what deploy() uploads. */
export function consoleConfigJson(config: ConsoleRuntimeConfig) {
  return {
    signIn: 'cognito',
    apiUrl: config.apiUrl,
    cognito: { domain: config.cognitoDomain, clientId: config.clientId },
    officeContact: config.officeContact,
  } as const;
}

/**
 * The web console in AWS: web/dist (built by infra/console-build.ts before synth) in a private,
 * versioned, encrypted S3 bucket, served only through CloudFront with Origin Access Control, HTTPS
 * only, and security headers. The console calls the API and Cognito on their own domains (CORS on
 * the API allows exactly this distribution's origin).
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://<distribution domain>/ : the console's address and its Cognito callback URL. */
  readonly url: string;
  readonly origin: string;
  private readonly webDistDir: string;

  constructor(scope: Construct, id: string, props: { readonly webDistDir: string; readonly region: string }) {
    super(scope, id);
    if (!existsSync(join(props.webDistDir, 'index.html'))) {
      throw new Error(`${props.webDistDir} has no index.html: build the console first (npm run build:web; infra/app.ts does it before synth)`);
    }
    this.webDistDir = props.webDistDir;
    // The console bucket's S3 server access logs (S3 delivers them in the bucket's own region).
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // S3 server access logs are delivered with the log-delivery ACL (CDK grants it on this bucket).
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the console bucket; logging it into itself would loop.',
    });
    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3/',
    });

    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Lahir console: HSTS, CSP, nosniff, no framing',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: false, override: true },
        // Scripts, styles and images from this origin only; the API and Cognito are the only other hosts it talks to.
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            "frame-src 'self' blob:",
            `connect-src 'self' https://*.execute-api.${props.region}.amazonaws.com https://*.amazoncognito.com`,
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
          ].join('; '),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: 'no-referrer' as never, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Lahir Procot Pulang Bawa Akte: web console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_200, // includes Asia (Jakarta edge locations)
      // No CloudFront standard logs: CloudFront cannot deliver them to a bucket in an opt-in region such as
      // ap-southeast-3 (the distribution fails to create; infra/region-facts.ts fails such a synth), and
      // the alternatives (a us-east-1 bucket, standard logging v2 set up in us-east-1) need a second stack
      // in another region. README, Deploying: why, and what is logged instead.
      enableLogging: false,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // The console routes with #/… hashes, so every real path is a file: no SPA rewrite of 403/404 to index.html.
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'No geo restriction: registrars may work from anywhere (travel, remote offices); sign-in is Cognito with MFA.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'CloudFront cannot deliver standard logs to S3 in ap-southeast-3 (opt-in region). The distribution serves only the static console (no personal data, no API calls): every API request is in the API access log, sign-ins in Cognito, uploads in the console bucket\'s S3 access log.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'Static files only (no forms posted to this origin, no server code); the API has its own throttling. A WAF web ACL (us-east-1) can be attached when the office has one.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'The default *.cloudfront.net certificate: CloudFront then negotiates TLSv1 at minimum and the setting cannot be raised without a custom domain and ACM certificate (add them with the office domain).',
      },
    );
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/`;
  }

  /** Uploads web/dist and config.json (the API URL, the Cognito domain, the console client id and the office's contact) and invalidates the cache. */
  deploy(config: ConsoleRuntimeConfig): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [
        Source.asset(this.webDistDir),
        Source.jsonData('config.json', consoleConfigJson(config)),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
    });
    // The upload is done by CDK's own singleton custom resource (its code, runtime and role are CDK's).
    const handler = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      Validations.of(handler).acknowledge(
        { id: 'AwsSolutions-L1', reason: "CDK's BucketDeployment handler: its Python runtime is pinned by aws-cdk-lib and moves with CDK upgrades." },
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's BucketDeployment handler role: the basic execution policy only lets it write its own logs.",
        },
        ...[
          'Action::s3:Abort*',
          'Action::s3:DeleteObject*',
          'Action::s3:GetBucket*',
          'Action::s3:GetObject*',
          'Action::s3:List*',
          'Resource::*',
          `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
          `Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${Stack.of(this).region}/*`,
        ].map((finding) => ({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason:
            "CDK's BucketDeployment handler: S3 read/list/delete/abort on the CDK asset bucket's objects and this console bucket's objects (it syncs and prunes), and cloudfront:CreateInvalidation, which has no resource scoping.",
        })),
      );
    }
    return deployment;
  }
}
