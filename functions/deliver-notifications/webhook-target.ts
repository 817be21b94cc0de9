import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { webhookHostName } from '../../domain/webhook-url.js';

/**
 * Where a webhook POST may connect (issue 14, SSRF). The URL rule (domain/webhook-url.ts) judges the
 * host string only; here, at every delivery, the name is resolved once, every address it resolves to
 * must be public, and the request connects to the address that was checked (its own `lookup`
 * answers that address: no second resolution, so DNS rebinding between check and connect cannot
 * move it), with TLS still verifying the certificate against the host name (SNI + servername).
 */
export type Resolver = (hostname: string) => Promise<readonly { readonly address: string; readonly family: number }[]>;

/** The system resolver (getaddrinfo), every address. */
export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Addresses a webhook may never reach: loopback, private, link-local, ULA, CGNAT and the other special-purpose ranges (IANA registries). */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (shared address space)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata at 169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) forbidden.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: could reach any IPv4 address, private ones too
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds any IPv4 address
  ['fc00::', 7], // unique local (ULA)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) forbidden.addSubnet(network, prefix, 'ipv6');

/** IPv4-mapped (::ffff:0:0/96) and IPv4-compatible (::/96) IPv6 addresses, in any spelling. A list of its own, checked for IPv6 only:
 * BlockList matches IPv4 addresses against such rules, which would refuse them all. */
const embeddedIpv4 = new BlockList();
embeddedIpv4.addSubnet('::ffff:0:0', 96, 'ipv6');
embeddedIpv4.addSubnet('::', 96, 'ipv6');

/** True for an address a webhook may connect to (a public unicast address). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !forbidden.check(address, 'ipv4');
  if (family === 6) {
    // An IPv4-mapped or -compatible address is never needed to reach a public host: refused.
    if (embeddedIpv4.check(address, 'ipv6')) return false;
    return !forbidden.check(address, 'ipv6');
  }
  return false;
}

export interface WebhookTarget {
  readonly url: URL;
  /** The host name, without a trailing dot: for SNI and the certificate check. */
  readonly hostname: string;
  /** The checked address the request connects to. */
  readonly address: string;
  readonly family: 4 | 6;
}

/** Resolves the webhook's host once and checks every address; a problem (no addresses, a forbidden one) or the target. */
export async function resolveWebhookTarget(value: string, resolve: Resolver): Promise<{ target: WebhookTarget } | { problem: string }> {
  const url = new URL(value);
  const hostname = webhookHostName(url);
  if (isIP(hostname.replace(/^\[|\]$/g, ''))) return { problem: 'address literal' };
  let addresses: readonly { address: string; family: number }[];
  try {
    addresses = await resolve(hostname);
  } catch {
    return { problem: 'host name does not resolve' };
  }
  if (addresses.length === 0) return { problem: 'host name does not resolve' };
  // Every address: a name that also resolves to an internal one is refused, whichever would be picked.
  if (addresses.some((a) => !isPublicAddress(a.address))) return { problem: 'host resolves to a non-public address' };
  const [first] = addresses as [{ address: string; family: number }];
  return { target: { url, hostname, address: first.address, family: isIP(first.address) === 6 ? 6 : 4 } };
}

/** A `lookup` that answers the checked address whatever it is asked: the socket cannot connect anywhere else. */
export const pinnedLookup =
  (address: string, family: 4 | 6): LookupFunction =>
  (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };

/**
 * POSTs `body` to the target, connected to its checked address. Redirects are not followed (the
 * status is the answer). Resolves with the status; rejects on a network error or the timeout.
 */
export function postPinned(
  target: WebhookTarget,
  init: { readonly headers: Record<string, string>; readonly body: string; readonly timeoutMs: number },
): Promise<number> {
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const request = send(
      target.url,
      {
        method: 'POST',
        headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) },
        lookup: pinnedLookup(target.address, target.family),
        servername: target.hostname,
        // No pooled sockets: each delivery connects to the address it checked.
        agent: false,
        signal: AbortSignal.timeout(init.timeoutMs),
      },
      (response: IncomingMessage) => {
        response.resume(); // the body is not read
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}
