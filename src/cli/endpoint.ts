import type { DetailedPeerCertificate } from 'node:tls';
import type { HandshakeSeen, RequestSeen } from '../index.js';
import { InputError, describeError } from './errors.js';

/** What the server presented, for the report: the leaf and the chain as sent. */
export interface EndpointInfo {
  url: string;
  host: string;
  port: number;
  presented: { subject: string; sha256: string };
  chain: Array<{ subject: string; sha256: string }>;
  /** True when no names were given and the URL's host was judged as the intranet name. */
  hostAsIntranetName: boolean;
  /** What the live probe saw (each name's handshake, each web service's answer). */
  probe?: {
    connectTo?: string;
    httpPort: number | null;
    handshakes: HandshakeSeen[];
    requests: RequestSeen[];
    spent: { requests: number; responseBytes: number };
  };
}

/**
 * The words for an OpenSSL handshake failure (`code` ERR_SSL_…, `reason` its short text). Most
 * mean the port does not speak TLS; a handshake message over OpenSSL's limit (ERR_SSL_EXCESSIVE_
 * MESSAGE_SIZE) comes from a TLS server whose certificate chain is far too large, and says so.
 */
function tlsFailureText(code: string, reason: string): string {
  if (code === 'ERR_SSL_EXCESSIVE_MESSAGE_SIZE')
    return `the TLS handshake failed: ${reason}. The server sent a handshake message larger than TLS clients accept, usually a certificate chain of too many or too large certificates: have the WSUS site send only its certificate and the intermediate CA certificates of its chain.`;
  return `the TLS handshake failed: ${reason}. Is this an HTTPS port? WSUS listens for HTTPS on 8531 (or 443).`;
}

/**
 * The input error for a first handshake that failed: the words of `fetchServerChain`, so a
 * timeout, a refused connection and a port that is not HTTPS read the same with the probe.
 */
export function handshakeError(file: string, error: unknown, timeoutMs: number): InputError {
  const e = error as Error & { code?: string; reason?: string };
  if (e?.code === 'ETIMEDOUT' && /no answer within/.test(e.message))
    return new InputError(
      file,
      'ETIMEDOUT',
      `no TLS handshake within ${timeoutMs / 1000} s (--timeout SECONDS).`,
    );
  if (e?.code?.startsWith('ERR_SSL')) {
    return new InputError(file, e.code, tlsFailureText(e.code, e.reason ?? e.message));
  }
  const known = describeError(error);
  return new InputError(
    file,
    known?.code ?? e?.code ?? 'ECONNECTION',
    known?.message ?? String(e?.message ?? error),
  );
}

function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/**
 * Connects and returns the certificates the server sent, leaf first, as PEM. node:tls is
 * loaded here, not at start-up: only URL inputs need it.
 */
export async function fetchServerChain(
  file: string,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<string> {
  const tls = await import('node:tls');
  const { isIP } = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      // SNI carries host names only (RFC 6066); for an IP the server picks its default binding.
      ...(isIP(host) ? {} : { servername: host }),
      // We judge the certificate ourselves, so OpenSSL must not refuse the handshake for it.
      rejectUnauthorized: false,
      // An empty trust store: getPeerCertificate(true) otherwise appends a root from Node's own
      // store, and the report must show only what the server sent.
      ca: [],
      // Old or misconfigured servers (TLS 1.0, 1024-bit keys, SHA-1) are exactly the ones to
      // inspect; nothing secret is sent on this connection.
      minVersion: 'TLSv1',
      ciphers: 'ALL:@SECLEVEL=0',
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new InputError(
          file,
          'ETIMEDOUT',
          `no TLS handshake within ${timeoutMs / 1000} s (--timeout SECONDS).`,
        ),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      // Walk the chain as sent; a self-signed last certificate is its own issuer, so stop on repeats.
      const ders: Buffer[] = [];
      const seen = new Set<string>();
      let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      while (cert?.raw && !seen.has(cert.fingerprint256)) {
        seen.add(cert.fingerprint256);
        ders.push(cert.raw);
        cert = cert.issuerCertificate;
      }
      socket.destroy();
      if (ders.length === 0)
        reject(new InputError(file, 'NO_CERTIFICATE', 'the server sent no certificate.'));
      else resolve(ders.map(toPem).join(''));
    });
    socket.once('error', (error: Error & { code?: string; reason?: string }) => {
      clearTimeout(timer);
      socket.destroy();
      // OpenSSL's message is a library trace; its `reason` ("wrong version number") is the news.
      // Whatever the network does is the input's problem, never a bug of ours.
      if (error.code?.startsWith('ERR_SSL')) {
        reject(
          new InputError(
            file,
            error.code,
            tlsFailureText(error.code, error.reason ?? error.message),
          ),
        );
      } else {
        const known = describeError(error);
        reject(
          new InputError(
            file,
            known?.code ?? error.code ?? 'ECONNECTION',
            known?.message ?? error.message,
          ),
        );
      }
    });
  });
}
