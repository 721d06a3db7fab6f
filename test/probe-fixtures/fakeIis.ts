import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { ROOT, SUP } from '../cli-fixtures/run.js';

/**
 * A fake IIS on 127.0.0.1 (ephemeral ports) answering like the WSUS web site: node:https for the
 * HTTPS binding (TLS 1.2 at most, as IIS before Windows Server 2022), node:http for the paired
 * HTTP binding. `mistake` makes it answer like one classic misconfiguration.
 */
export type Mistake = 'none' | 'http-allowed' | 'content-ssl' | 'client-certificate' | 'other-sni-certificate' | 'no-intermediate' | 'tls-1.0-only';

export const INTERNET = 'sup01.contoso.com';
const file = (name: string): Buffer => readFileSync(path.join(ROOT, SUP, name));
const WEB_SERVICES = ['/ApiRemoting30/', '/ClientWebService/', '/DssAuthWebService/', '/ServerSyncWebService/', '/SimpleAuthWebService/'];

export interface FakeIis {
  httpsPort: number;
  httpPort: number;
  /** Requests each server answered, for the bounds. */
  seen: { https: string[]; http: string[]; sni: Array<string | false>; hosts: string[] };
  close(): Promise<void>;
}

const page = (res: http.ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

export async function startFakeIis(mistake: Mistake): Promise<FakeIis> {
  const seen: FakeIis['seen'] = { https: [], http: [], sni: [], hosts: [] };
  const chain = mistake === 'no-intermediate' ? file('good-both.pem') : Buffer.concat([file('good-both.pem'), file('chain.pem')]);
  const other = tls.createSecureContext({ key: file('cn-only-while-san.key'), cert: Buffer.concat([file('cn-only-while-san.pem'), file('chain.pem')]) });
  const sockets = new Set<net.Socket>();
  const track = (server: net.Server): void => {
    server.on('connection', (s: net.Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  };
  const secure = https.createServer({
    key: file('good-both.key'),
    cert: chain,
    // TLS 1.0 needs OpenSSL's security level 0 (it signs with MD5+SHA-1).
    ...(mistake === 'tls-1.0-only'
      ? { minVersion: 'TLSv1' as const, maxVersion: 'TLSv1' as const, ciphers: 'DEFAULT:@SECLEVEL=0' }
      : { maxVersion: 'TLSv1.2' as const }),
    requestCert: mistake === 'client-certificate',
    rejectUnauthorized: false,
    SNICallback: (name, done) => {
      seen.sni.push(name);
      done(null, mistake === 'other-sni-certificate' && name === INTERNET ? other : undefined);
    },
  }, (req, res) => {
    seen.https.push(req.url ?? '');
    seen.hosts.push(req.headers.host ?? '');
    // GET on an .asmx: ASP.NET's "request format is unrecognized" page.
    if (WEB_SERVICES.some((p) => req.url?.startsWith(p))) page(res, 500, 'Request format is unrecognized for URL unexpectedly ending in /client.asmx.');
    else page(res, 404, 'Not Found');
  });
  secure.on('tlsClientError', () => {});
  const plain = http.createServer((req, res) => {
    seen.http.push(req.url ?? '');
    seen.hosts.push(req.headers.host ?? '');
    const url = req.url ?? '';
    if (WEB_SERVICES.some((p) => url.startsWith(p))) {
      if (mistake === 'http-allowed' && url.startsWith('/ClientWebService/')) page(res, 500, 'Request format is unrecognized.');
      else page(res, 403, '<h3>HTTP Error 403.4 - Forbidden</h3><p>The page you are trying to access is secured with Secure Sockets Layer (SSL).</p>');
    } else if (url.startsWith('/Content/')) {
      if (mistake === 'content-ssl') page(res, 403, '<h3>HTTP Error 403.4 - Forbidden</h3>');
      else page(res, 404, 'Not Found');
    } else page(res, 404, 'Not Found');
  });
  track(secure);
  track(plain);
  const listen = (server: net.Server): Promise<number> => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
  const httpsPort = await listen(secure);
  const httpPort = await listen(plain);
  return {
    httpsPort,
    httpPort,
    seen,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([secure, plain].map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}
