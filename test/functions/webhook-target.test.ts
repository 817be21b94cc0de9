import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from '../../domain/webhook-url.js';
import { isPublicAddress, postPinned, resolveWebhookTarget, type Resolver } from '../../functions/deliver-notifications/webhook-target.js';
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret, webhookSecretKey } from '../../functions/shared/webhooks.js';

/**
 * Issue 14, item 7 (webhook SSRF), scripted without any real DNS: every resolver here is a fake, and the
 * only connection made goes to 127.0.0.1.
 */
const aws = { allowLocalHttp: false };

/** A fake DNS: name -> addresses, and a record of what was asked. */
function fakeDns(records: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const addresses = records[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

describe('the webhook URL rule (PUT /v1/webhook and every delivery)', () => {
  it('refuses a trailing dot on an internal name and any port but 443', () => {
    for (const url of [
      'https://localhost./hook',
      'https://metadata.google.internal./computeMetadata/v1/',
      'https://intranet./hook',
      'https://127.0.0.1./hook',
      'https://his.rsud-blambangan.co.id:8443/hook',
      'https://his.rsud-blambangan.co.id:80/hook',
      'https://his.rsud-blambangan.co.id:22/hook',
    ]) {
      expect(webhookUrlProblem(url, aws), url).toBeDefined();
    }
    expect(webhookUrlProblem('https://his.rsud-blambangan.co.id:443/hook', aws)).toBeUndefined();
    expect(webhookUrlProblem('https://his.rsud-blambangan.co.id./hook', aws)).toBeUndefined();
  });
});

describe('addresses a webhook may connect to', () => {
  it('refuses loopback, private, link-local, ULA, CGNAT and the other special ranges; accepts public unicast', () => {
    for (const address of [
      '127.0.0.1', '127.255.255.254', '0.0.0.0', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1',
      '169.254.169.254', '100.64.0.1', '100.127.255.255', '192.0.0.8', '192.0.2.1', '198.18.0.1', '198.51.100.7',
      '203.0.113.9', '224.0.0.1', '239.255.255.250', '240.0.0.1', '255.255.255.255',
      '::', '::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:7f00:1', '::127.0.0.1', '0:0:0:0:0:ffff:a9fe:a9fe', '64:ff9b::a00:1', 'fc00::1', 'fd12:3456::1',
      'fe80::1', 'fec0::1', 'ff02::1', '2001:db8::1', '2002:a00:1::1', '2001::1', '100::1',
      'not-an-address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '36.86.63.182', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2404:6800:4003::200e']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe('resolving a webhook at delivery', () => {
  it('refuses public names that resolve to internal addresses (127.0.0.1.nip.io, 169.254.169.254.nip.io)', async () => {
    const dns = fakeDns({
      '127.0.0.1.nip.io': ['127.0.0.1'],
      '169.254.169.254.nip.io': ['169.254.169.254'],
      'metadata.example.co.id': ['fd00:ec2::254'],
      'cgnat.example.co.id': ['100.100.100.200'],
      'mixed.example.co.id': ['93.184.216.34', '10.0.0.5'],
      'mapped.example.co.id': ['::ffff:127.0.0.1'],
    });
    for (const name of ['127.0.0.1.nip.io', '169.254.169.254.nip.io', 'metadata.example.co.id', 'cgnat.example.co.id', 'mixed.example.co.id', 'mapped.example.co.id']) {
      const resolved = await resolveWebhookTarget(`https://${name}/hook`, dns);
      expect(resolved, name).toEqual({ problem: 'host resolves to a non-public address' });
    }
  });

  it('resolves the name without its trailing dot, once, and targets the checked public address', async () => {
    const dns = fakeDns({ 'his.rsud-blambangan.co.id': ['93.184.216.34'] });
    const resolved = await resolveWebhookTarget('https://his.rsud-blambangan.co.id./lahir/events', dns);
    expect(resolved).toMatchObject({ target: { hostname: 'his.rsud-blambangan.co.id', address: '93.184.216.34', family: 4 } });
    expect(dns.asked).toEqual(['his.rsud-blambangan.co.id']);
  });

  it('refuses a name that does not resolve, and address literals', async () => {
    const dns = fakeDns({});
    expect(await resolveWebhookTarget('https://nowhere.example.co.id/hook', dns)).toEqual({ problem: 'host name does not resolve' });
    expect(await resolveWebhookTarget('https://[::1]/hook', dns)).toEqual({ problem: 'address literal' });
    expect(await resolveWebhookTarget('https://10.0.0.1/hook', dns)).toEqual({ problem: 'address literal' });
    expect(dns.asked).toEqual(['nowhere.example.co.id']);
  });

  it('connects to the address it checked, never resolving again (DNS rebinding between check and connect cannot move it)', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      // `.invalid` never resolves (RFC 6761): the request can only arrive if no second lookup is made.
      const url = new URL(`http://rebind.invalid:${port}/hook`);
      const status = await postPinned(
        { url, hostname: 'rebind.invalid', address: '127.0.0.1', family: 4 },
        { headers: { 'content-type': 'application/json' }, body: '{"id":"evt_1"}', timeoutMs: 5_000 },
      );
      expect(status).toBe(204);
      expect(received).toEqual([{ headers: expect.objectContaining({ host: `rebind.invalid:${port}` }), body: '{"id":"evt_1"}' }]);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('webhook secrets at rest', () => {
  it('are sealed for one facility under a key derived from the access-code secret; altered or moved, they do not open', () => {
    const key = webhookSecretKey('a-local-access-code-secret-of-32-chars-or-more');
    const secret = newWebhookSecret();
    const sealed = sealWebhookSecret(key, 'rs-a', secret);
    expect(sealed).not.toContain(secret.slice('whsec_'.length, 20));
    expect(sealWebhookSecret(key, 'rs-a', secret)).not.toBe(sealed); // a fresh IV each time
    expect(openWebhookSecret(key, { facilityId: 'rs-a', secretCiphertext: sealed })).toBe(secret);
    expect(() => openWebhookSecret(key, { facilityId: 'rs-b', secretCiphertext: sealed })).toThrow();
    expect(() => openWebhookSecret(webhookSecretKey('another-access-code-secret-of-32-chars-or-more'), { facilityId: 'rs-a', secretCiphertext: sealed })).toThrow();
    const [v, iv, data] = sealed.split('.') as [string, string, string];
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => openWebhookSecret(key, { facilityId: 'rs-a', secretCiphertext: `${v}.${iv}.${flipped.toString('base64url')}` })).toThrow();
  });
});
