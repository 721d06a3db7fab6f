import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type {
  HttpObservation,
  HttpTarget,
  ProbeTransport,
  TlsObservation,
  TlsTarget,
} from '../sup/probe.js';

/**
 * The CLI's network for the live probe (the library holds none; this module is not exported by
 * src/index.ts, only the CLI loads it): node:net and node:tls, with
 * every connection bounded by the target's time limit and every body by its byte limit.
 *
 * Whether the server asks for a client certificate is read off the wire: the bytes the server
 * sends pass through a sniffer that parses the TLS records of the handshake while they are still
 * plaintext (up to ChangeCipherSpec) and looks for a CertificateRequest (handshake type 13).
 * TLS 1.3 encrypts it: then the answer is null ("not visible").
 */

/**
 * node:net, node:tls and node:stream, loaded on first use: a static import would be hoisted by the
 * bundler into every run of the CLI (a one-file check must not load node:tls: test/cli-stream).
 */
interface NodeModules {
  net: typeof import('node:net');
  tls: typeof import('node:tls');
  Duplex: typeof import('node:stream').Duplex;
}
let modules: NodeModules | undefined;
async function load(): Promise<NodeModules> {
  modules ??= {
    net: await import('node:net'),
    tls: await import('node:tls'),
    Duplex: (await import('node:stream')).Duplex,
  };
  return modules;
}

/** Most handshake bytes the sniffer buffers (a server's certificate flight is ~10 KB). */
const SNIFF_MAX_BYTES = 256 * 1024;

/** Most certificates read from a Certificate message (as chainOf walks at most). */
const SENT_MAX_CERTIFICATES = 20;

/**
 * The certificate_list of a TLS 1.0-1.2 Certificate message body (RFC 5246 §7.4.2), in the order
 * sent, at most SENT_MAX_CERTIFICATES; null when it does not parse.
 */
function certificateList(body: Buffer): Uint8Array[] | null {
  if (body.length < 3) return null;
  const total = body.readUIntBE(0, 3);
  if (total + 3 !== body.length) return null;
  const out: Uint8Array[] = [];
  for (let at = 3; at < body.length;) {
    if (at + 3 > body.length) return null;
    const length = body.readUIntBE(at, 3);
    if (length === 0 || at + 3 + length > body.length) return null;
    if (out.length < SENT_MAX_CERTIFICATES)
      out.push(new Uint8Array(body.subarray(at + 3, at + 3 + length)));
    at += 3 + length;
  }
  return out;
}

function sniffer(): {
  feed(chunk: Buffer): void;
  certificateRequest: () => boolean;
  plaintextDone: () => boolean;
  /** The certificates as the server sent them (TLS 1.0-1.2: in plaintext); null when not seen. */
  sentCertificates: () => Uint8Array[] | null;
} {
  let records = Buffer.alloc(0);
  let handshake = Buffer.alloc(0);
  let request = false;
  let done = false;
  let sent: Uint8Array[] | null = null;
  return {
    feed(chunk) {
      if (done) return;
      records = Buffer.concat([records, chunk]);
      if (records.length > SNIFF_MAX_BYTES) {
        done = true;
        return;
      }
      while (records.length >= 5) {
        const type = records[0]!;
        const length = records.readUInt16BE(3);
        if (records.length < 5 + length) break;
        const fragment = records.subarray(5, 5 + length);
        records = records.subarray(5 + length);
        if (type === 20 || type === 23 || type === 21) {
          done = true;
          return;
        } // ChangeCipherSpec, data, alert: no more plaintext handshake
        if (type !== 22) continue;
        handshake = Buffer.concat([handshake, fragment]);
        while (handshake.length >= 4) {
          const len = handshake.readUIntBE(1, 3);
          if (handshake.length < 4 + len) break;
          if (handshake[0] === 13) request = true;
          if (handshake[0] === 11 && sent === null)
            sent = certificateList(handshake.subarray(4, 4 + len));
          if (handshake[0] === 14) done = true; // ServerHelloDone
          handshake = handshake.subarray(4 + len);
        }
        if (done) return;
      }
    },
    certificateRequest: () => request,
    plaintextDone: () => done,
    sentCertificates: () => sent,
  };
}

interface Opened {
  socket: TLSSocket;
  sniff: ReturnType<typeof sniffer>;
  raw: Socket;
}

const failure = (code: string, message: string): Error =>
  Object.assign(new Error(message), { code });

/** TCP to host:port, TLS over it with the SNI name; resolves at secureConnect. */
function openTls(target: TlsTarget, cleanup: (fn: () => void) => void): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const raw = modules!.net.connect({ host: target.host, port: target.port });
    cleanup(() => raw.destroy());
    const sniff = sniffer();
    const proxy = new modules!.Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        raw.write(chunk, callback);
      },
      final(callback) {
        raw.end();
        callback();
      },
      destroy(error, callback) {
        raw.destroy();
        callback(error);
      },
    });
    raw.on('data', (chunk: Buffer) => {
      sniff.feed(chunk);
      proxy.push(chunk);
    });
    raw.on('end', () => proxy.push(null));
    raw.on('error', (error) => {
      reject(error);
      proxy.destroy();
    });
    const socket = modules!.tls.connect({
      socket: proxy,
      ...(target.servername ? { servername: target.servername } : {}),
      rejectUnauthorized: false,
      ca: [],
      minVersion: 'TLSv1',
      ciphers: 'ALL:@SECLEVEL=0',
    });
    socket.once('secureConnect', () => resolve({ socket, sniff, raw }));
    socket.once('error', (error: Error) => {
      raw.destroy();
      reject(error);
    });
  });
}

function withTimeout<T>(
  ms: number,
  run: (cleanup: (fn: () => void) => void) => Promise<T>,
): Promise<T> {
  const cleanups: Array<() => void> = [];
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      for (const fn of cleanups) fn();
      reject(failure('ETIMEDOUT', `no answer within ${ms / 1000} s`));
    }, ms);
    run((fn) => cleanups.push(fn)).then(
      (value) => {
        clearTimeout(timer);
        for (const fn of cleanups) fn();
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        for (const fn of cleanups) fn();
        reject(error);
      },
    );
  });
}

function chainOf(socket: TLSSocket): Uint8Array[] {
  const ders: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && !seen.has(cert.fingerprint256) && ders.length < 20) {
    seen.add(cert.fingerprint256);
    ders.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return ders;
}

const requestSeen = (opened: Opened): boolean | null => {
  if (opened.sniff.certificateRequest()) return true;
  return opened.socket.getProtocol() === 'TLSv1.3' ? null : false;
};

/** Reads an HTTP/1.1 response off a stream: status line, headers, then at most maxBytes of body. */
function readResponse(
  stream: Duplex,
  maxBytes: number,
): Promise<{ status: number; body: Uint8Array }> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    let status = 0;
    const body: Buffer[] = [];
    let bodyBytes = 0;
    let headerDone = false;
    const finish = (): void => {
      stream.removeAllListeners('data');
      stream.destroy();
      if (!headerDone) reject(failure('EPROTO', 'the connection closed before an HTTP response'));
      else resolve({ status, body: new Uint8Array(Buffer.concat(body).subarray(0, maxBytes)) });
    };
    stream.on('data', (chunk: Buffer) => {
      if (!headerDone) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (head.length > 16 * 1024) {
            stream.destroy();
            reject(failure('EPROTO', 'the HTTP response headers are longer than 16 KiB'));
          }
          return;
        }
        const m = /^HTTP\/1\.[01] (\d{3})/.exec(
          head.subarray(0, Math.min(end, 64)).toString('latin1'),
        );
        if (!m) {
          stream.destroy();
          reject(failure('EPROTO', 'not an HTTP response'));
          return;
        }
        status = Number(m[1]);
        headerDone = true;
        chunk = head.subarray(end + 4);
      }
      body.push(chunk);
      bodyBytes += chunk.length;
      if (bodyBytes >= maxBytes) finish();
    });
    stream.once('end', finish);
    stream.once('close', () => {
      if (!headerDone) finish();
    });
    stream.once('error', (error) => {
      if (headerDone) finish();
      else reject(error);
    });
  });
}

/** HTTP/1.0 for fetches: the answer then ends with the connection, never chunked (RFC 9112 §7.1). */
function requestText(target: HttpTarget, version: '1.0' | '1.1' = '1.1'): string {
  const host = target.servername ?? target.host;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `GET ${target.path} HTTP/${version}\r\nHost: ${target.authority ?? `${shownHost}:${target.port}`}\r\nUser-Agent: supcert (live probe)\r\nAccept: */*\r\nConnection: close\r\n\r\n`;
}

/** The node:tls / node:net transport of `supcert check https://…`. */
export const nodeTransport: ProbeTransport = {
  handshake(target: TlsTarget): Promise<TlsObservation> {
    return withTimeout(target.timeoutMs, async (cleanup) => {
      await load();
      const opened = await openTls(target, cleanup);
      // As sent (order, duplicates and strays kept) where the handshake showed it in plaintext
      // (TLS 1.2 and below); TLS 1.3 encrypts it, and node:tls gives the chain it rebuilt from
      // issuer links instead.
      const sent = opened.sniff.sentCertificates();
      const certificates = sent && sent.length > 0 ? sent : chainOf(opened.socket);
      const observation: TlsObservation = {
        certificates,
        protocol: opened.socket.getProtocol() ?? null,
        clientCertificateRequested: requestSeen(opened),
      };
      opened.socket.destroy();
      return observation;
    });
  },
  request(target: HttpTarget): Promise<HttpObservation> {
    return withTimeout(target.timeoutMs, async (cleanup) => {
      await load();
      if (target.scheme === 'http') {
        const raw = modules!.net.connect({ host: target.host, port: target.port });
        cleanup(() => raw.destroy());
        await new Promise<void>((resolve, reject) => {
          raw.once('connect', resolve);
          raw.once('error', reject);
        });
        raw.write(requestText(target));
        return readResponse(raw, target.maxBytes);
      }
      const opened = await openTls(target, cleanup);
      opened.socket.write(requestText(target));
      const response = await readResponse(opened.socket, target.maxBytes);
      return {
        ...response,
        protocol: opened.socket.getProtocol() ?? null,
        clientCertificateRequested: requestSeen(opened),
      };
    });
  },
};

/** One bounded GET over plain HTTP (CRLs and AIA are published over HTTP: RFC 5280 §4.2.1.13). */
export interface FetchedBody {
  url: string;
  status: number;
  body: Uint8Array;
  redirects: number;
}

/**
 * GETs an http:// URL: at most `maxBytes` of body (more is an error, never a cut CRL), at most
 * `maxRedirects` redirects (http:// only), everything within `timeoutMs`.
 */
export async function fetchHttp(
  url: string,
  limits: { timeoutMs: number; maxBytes: number; maxRedirects: number },
): Promise<FetchedBody> {
  await load();
  const deadline = Date.now() + limits.timeoutMs;
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const u = new URL(current);
    if (u.protocol !== 'http:')
      throw failure('EPROTOCOL', `only http:// is fetched (got ${u.protocol}//)`);
    const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
    const target: HttpTarget = {
      scheme: 'http',
      host,
      port: u.port === '' ? 80 : Number(u.port),
      path: `${u.pathname}${u.search}`,
      maxBytes: limits.maxBytes + 1,
      timeoutMs: Math.max(1, deadline - Date.now()),
      servername: host,
    };
    const { status, body, location } = await withTimeout(target.timeoutMs, async (cleanup) => {
      const raw = modules!.net.connect({ host: target.host, port: target.port });
      cleanup(() => raw.destroy());
      await new Promise<void>((resolve, reject) => {
        raw.once('connect', resolve);
        raw.once('error', reject);
      });
      raw.write(requestText(target, '1.0'));
      return readResponseWithLocation(raw, target.maxBytes);
    });
    if (status >= 300 && status < 400 && location) {
      if (redirects >= limits.maxRedirects)
        throw failure('EREDIRECTS', `more than ${limits.maxRedirects} redirects`);
      current = new URL(location, current).toString();
      continue;
    }
    if (body.length > limits.maxBytes)
      throw failure('ETOOBIG', `the answer is larger than ${limits.maxBytes} bytes`);
    return { url: current, status, body, redirects };
  }
}

async function readResponseWithLocation(
  stream: Duplex,
  maxBytes: number,
): Promise<{ status: number; body: Uint8Array; location?: string }> {
  let head = '';
  const onData = (chunk: Buffer): void => {
    if (head.length < 16 * 1024) head += chunk.toString('latin1');
  };
  stream.on('data', onData);
  const response = await readResponse(stream, maxBytes);
  const headers = head.slice(0, head.indexOf('\r\n\r\n') >>> 0);
  const line = headers.split('\r\n').find((l) => l.toLowerCase().startsWith('location:'));
  return { ...response, ...(line ? { location: line.slice(9).trim() } : {}) };
}
