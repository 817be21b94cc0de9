import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OfficeContact } from '../api/console-config.js';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { buildWeb, type WebFile } from '../infra/console-build.js';
import type { LocalIssuer } from './auth/issuer.js';
import type { ExtraRoute } from './http/server.js';

/**
 * The web console in the local stack: built from web/ in memory at start (esbuild, well under a
 * second; every start serves the current source) and served under /console/. In AWS the same files
 * come from S3 behind CloudFront.
 *
 * `POST /console/local-sign-in` exists ONLY here: it hands out local-issuer tokens for the demo
 * registrar, the demo heads of office and the hospitals of cdk.json, the stand-in for Cognito's hosted UI. The local stack
 * listens on 127.0.0.1 only.
 */
/** The sign-in body is `{ role, facilityId }`: a few dozen bytes. */
export const MAX_SIGN_IN_BYTES = 4 * 1024;

/** The body, or undefined past `limit` bytes (the rest is drained, never kept). */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

let built: Promise<Map<string, WebFile>> | undefined;

/**
 * Compressed as CloudFront compresses the console (infra/console-hosting.ts `compress: true`): text
 * types from 1,000 bytes to 10 MB, brotli when the browser takes it, else gzip, by `Accept-Encoding`,
 * with `Vary: Accept-Encoding`. Without it the phone benchmark measured a download no user gets.
 */
export const COMPRESSIBLE = { minBytes: 1_000, maxBytes: 10_000_000, types: /^(text\/|application\/(json|javascript))/ } as const;
type Encoding = 'br' | 'gzip';
interface Served {
  readonly file: WebFile;
  readonly encoded?: Readonly<Record<Encoding, Uint8Array>>;
}

/** Compressed once per process (the build is too): a test run starts many stacks. */
const prepared = new WeakMap<WebFile, Served>();
function prepare(file: WebFile): Served {
  const known = prepared.get(file);
  if (known) return known;
  const size = file.contents.byteLength;
  const served: Served =
    !COMPRESSIBLE.types.test(file.contentType) || size < COMPRESSIBLE.minBytes || size > COMPRESSIBLE.maxBytes
      ? { file }
      : {
          file,
          encoded: {
            br: brotliCompressSync(file.contents, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: size } }),
            gzip: gzipSync(file.contents, { level: 9 }),
          },
        };
  prepared.set(file, served);
  return served;
}

/** The encoding to answer with: brotli before gzip (as CloudFront), none that the header refuses with `q=0`. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const takes = (name: Encoding) => (accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0)) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : undefined;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The console talks only to its own origin; draft PDFs are shown from blob: URLs.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
} as const;

/** The demo heads of office (two, so four-eyes can be shown: one files, the other decides); `npm start` writes their tokens too. */
export const DEMO_HEADS_OF_OFFICE = ['kepala.dinas.demo', 'pejabat.demo'] as const;

export interface ConsoleOptions {
  readonly issuer: LocalIssuer;
  readonly hospitals: readonly { readonly facilityId: string; readonly name: string }[];
  readonly registrarUsername?: string;
  readonly headOfOfficeUsernames?: readonly string[];
  /** The office's contact for parents (settings `officeContact`), as in AWS's config.json. */
  readonly officeContact: OfficeContact;
}

export async function consoleRoutes(options: ConsoleOptions): Promise<ExtraRoute[]> {
  const files = await (built ??= buildWeb());
  const serve = (file: WebFile) => {
    const { encoded } = prepare(file);
    return (req: IncomingMessage, res: ServerResponse) => {
      const encoding = encoded ? pickEncoding(req.headers['accept-encoding']) : undefined;
      const body = encoding && encoded ? encoded[encoding] : file.contents;
      // no-cache: revalidated on every load, so a rebuilt console is never served stale.
      res.writeHead(200, {
        'content-type': file.contentType,
        'cache-control': 'no-cache',
        'content-length': body.byteLength,
        ...(encoded ? { vary: 'Accept-Encoding' } : {}),
        ...(encoding ? { 'content-encoding': encoding } : {}),
        ...SECURITY_HEADERS,
      });
      res.end(body);
    };
  };
  const heads = options.headOfOfficeUsernames ?? DEMO_HEADS_OF_OFFICE;
  const index = files.get('index.html');
  if (!index) throw new Error('The console build has no index.html');
  const config = {
    signIn: 'local',
    apiUrl: '',
    hospitals: options.hospitals.map(({ facilityId, name }) => ({ facilityId, name })),
    headsOfOffice: [...heads],
    officeContact: options.officeContact,
  };
  const configFile: WebFile = { contents: Buffer.from(JSON.stringify(config)), contentType: 'application/json' };
  const registrar = options.registrarUsername ?? 'registrar.demo';

  const routes: ExtraRoute[] = [
    {
      method: 'GET',
      path: '/console',
      handler: (_req, res) => {
        res.writeHead(301, { location: '/console/' });
        res.end();
      },
    },
    { method: 'GET', path: '/console/', handler: serve(index) },
    { method: 'GET', path: '/console/config.json', handler: serve(configFile) },
    ...[...files].map(([name, file]) => ({ method: 'GET' as const, path: `/console/${name}`, handler: serve(file) })),
    {
      method: 'POST',
      path: '/console/local-sign-in',
      handler: async (req, res) => {
        const answer = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
          res.end(JSON.stringify(payload));
        };
        // Only the console's own page may sign in: a page of another origin is refused even where its
        // browser sends the request (the Host check of local/http/server.ts stops DNS rebinding), and
        // JSON only, so a cross-origin form or `no-cors` fetch (text/plain) never gets a token minted.
        const origin = req.headers.origin;
        if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
          req.resume();
          return answer(403, { error: 'sign-in is for the console at this address only' });
        }
        if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
          req.resume();
          return answer(415, { error: 'content-type must be application/json' });
        }
        const raw = await readLimited(req, MAX_SIGN_IN_BYTES);
        if (raw === undefined) return answer(413, { error: `the body is limited to ${MAX_SIGN_IN_BYTES} bytes` });
        let body: { role?: unknown; facilityId?: unknown; username?: unknown } = {};
        try {
          body = JSON.parse(raw.toString('utf8') || '{}') as typeof body;
        } catch {
          // answered below
        }
        if (typeof body !== 'object' || body === null) body = {};
        const hospital = options.hospitals.find((h) => h.facilityId === body.facilityId);
        if (body.role === 'registrar') return answer(200, { token: await options.issuer.signRegistrarToken(registrar), name: registrar });
        const head = heads.find((name) => name === body.username);
        if (body.role === 'head-of-office' && head) return answer(200, { token: await options.issuer.signHeadOfOfficeToken(head), name: head });
        if (body.role === 'hospital' && hospital) return answer(200, { token: await options.issuer.signHospitalToken(hospital.facilityId), name: hospital.name });
        return answer(400, { error: 'role must be registrar, hospital with a facilityId from cdk.json, or head-of-office with a demo username' });
      },
    },
  ];
  return routes;
}
