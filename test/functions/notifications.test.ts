import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeFailure, retryDelayMs } from '../../functions/deliver-notifications/deliver.js';
import { ConsoleSmsSender } from '../../functions/deliver-notifications/sms.js';
import { webhookEventId } from '../../functions/shared/outbox.js';
import { webhookUrlProblem } from '../../domain/webhook-url.js';
import { newWebhookSecret, verifyWebhookSignature, webhookSignature } from '../../functions/shared/webhooks.js';

describe('webhook URLs', () => {
  const aws = { allowLocalHttp: false };
  const local = { allowLocalHttp: true };

  it('must be https to a public host name in AWS', () => {
    expect(webhookUrlProblem('https://his.rsud-blambangan.co.id/lahir/events', aws)).toBeUndefined();
    for (const url of [
      'http://his.rsud-blambangan.co.id/hook',
      'ftp://his.rsud-blambangan.co.id/hook',
      'https://127.0.0.1/hook',
      'https://10.0.0.8/hook',
      'https://[::1]/hook',
      'https://localhost/hook',
      'https://intranet/hook',
      'https://his.internal/hook',
      'https://user:secret@his.rsud-blambangan.co.id/hook',
      'not a url',
      'http://127.0.0.1:8080/hook',
    ]) {
      expect(webhookUrlProblem(url, aws), url).toBeDefined();
    }
  });

  it('may also be http on this machine in the local stack, and nowhere else', () => {
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook', local)).toBeUndefined();
    expect(webhookUrlProblem('http://localhost:8080/hook', local)).toBeUndefined();
    expect(webhookUrlProblem('http://his.rsud-blambangan.co.id/hook', local)).toBeDefined();
  });
});

describe('webhook signatures', () => {
  it('are HMAC-SHA256 over "<timestamp>.<body>", as the README tells receivers', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ id: 'evt_1', type: 'registration.completed' });
    const signature = webhookSignature(secret, '1795000000', body);
    expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(`1795000000.${body}`).digest('hex')}`);
    expect(verifyWebhookSignature(secret, '1795000000', body, signature)).toBe(true);
    expect(verifyWebhookSignature(secret, '1795000001', body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, '1795000000', `${body} `, signature)).toBe(false);
    expect(verifyWebhookSignature(newWebhookSecret(), '1795000000', body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, '1795000000', body, 'sha256=00')).toBe(false);
  });

  it('come with an event id that is the same whenever the same event is queued', () => {
    expect(webhookEventId('reg-1', 'registration.completed')).toBe(webhookEventId('reg-1', 'registration.completed'));
    expect(webhookEventId('reg-1', 'registration.completed')).not.toBe(webhookEventId('reg-1', 'registration.rejected'));
    expect(webhookEventId('reg-1', 'registration.completed')).toMatch(/^evt_[0-9a-f]{32}$/);
  });
});

describe('retries', () => {
  const policy = { backoffBaseMs: 30_000, backoffMaxMs: 3_600_000 };

  it('wait a random time up to 30 s × 2^attempts, never more than an hour', () => {
    expect(retryDelayMs(1, policy, () => 0.999999)).toBe(59_999);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(120_000);
    expect(retryDelayMs(7, policy, () => 0.999999)).toBe(3_599_996);
    expect(retryDelayMs(20, policy, () => 0.999999)).toBeLessThan(3_600_000);
    expect(retryDelayMs(2, policy, () => 0)).toBe(0);
  });

  it('record why an attempt failed without echoing error messages', () => {
    expect(describeFailure(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))).toBe('timeout');
    expect(describeFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) }))).toBe(
      'network error ECONNREFUSED',
    );
    const sns = Object.assign(new Error('Invalid parameter: PhoneNumber Reason: +6281234567890 is not valid'), { name: 'InvalidParameterException' });
    expect(describeFailure(sns)).toBe('InvalidParameterException');
  });
});

describe('the local SMS sender', () => {
  it('prints one line with the number masked', async () => {
    const lines: string[] = [];
    await new ConsoleSmsSender((line) => lines.push(line)).send('+6281234567890', 'Halo');
    expect(lines).toEqual(['[SMS → +62812****7890] Halo\n']);
  });
});
