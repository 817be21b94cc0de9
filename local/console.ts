import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildWeb, type WebFile } from '../infra/console-build.js';
import type { LocalIssuer } from './auth/issuer.js';
import type { ExtraRoute } from './http/server.js';

/**
 * The web console in the local stack: built from web/ in memory at start (esbuild, well under a
 * second; every start serves the current source) and served under /console/. In AWS the same files
 * come from S3 behind CloudFront.
 *
 * `POST /console/local-sign-in` exists ONLY here: it hands out local-issuer tokens for the demo
 * registrar and the hospitals of cdk.json, the stand-in for Cognito's hosted UI. The local stack
 * listens on 127.0.0.1 only.
 */
let built: Promise<Map<string, WebFile>> | undefined;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // The console talks only to its own origin; draft PDFs are shown from blob: URLs.
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
} as const;

export interface ConsoleOptions {
  readonly issuer: LocalIssuer;
  readonly hospitals: readonly { readonly facilityId: string; readonly name: string }[];
  readonly registrarUsername?: string;
}

export async function consoleRoutes(options: ConsoleOptions): Promise<ExtraRoute[]> {
  const files = await (built ??= buildWeb());
  const serve = (file: WebFile) => (_req: IncomingMessage, res: ServerResponse) => {
    // no-cache: revalidated on every load, so a rebuilt console is never served stale.
    res.writeHead(200, { 'content-type': file.contentType, 'cache-control': 'no-cache', 'content-length': file.contents.byteLength, ...SECURITY_HEADERS });
    res.end(file.contents);
  };
  const index = files.get('index.html');
  if (!index) throw new Error('The console build has no index.html');
  const config = {
    signIn: 'local',
    apiUrl: '',
    hospitals: options.hospitals.map(({ facilityId, name }) => ({ facilityId, name })),
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
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        let body: { role?: unknown; facilityId?: unknown } = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof body;
        } catch {
          // answered below
        }
        const hospital = options.hospitals.find((h) => h.facilityId === body.facilityId);
        const answer = (status: number, payload: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify(payload));
        };
        if (body.role === 'registrar') return answer(200, { token: await options.issuer.signRegistrarToken(registrar), name: registrar });
        if (body.role === 'hospital' && hospital) return answer(200, { token: await options.issuer.signHospitalToken(hospital.facilityId), name: hospital.name });
        return answer(400, { error: 'role must be registrar, or hospital with a facilityId from cdk.json' });
      },
    },
  ];
  return routes;
}
