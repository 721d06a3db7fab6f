import { latin1Decode } from '../util/bytes.js';
import { SupCertError } from '../errors.js';
import { WorkBudget } from '../limits.js';
import { readCertificates } from '../read/readCertificates.js';
import { findingOf } from '../rules/runRules.js';
import { deploymentChecklist } from '../rules/deployment/checklist.js';
import {
  PROBE_BINDING,
  PROBE_CLIENT_CERTIFICATES,
  PROBE_REQUIRE_SSL,
} from '../rules/deployment/probeFindings.js';
import { SEVERITIES, type DeclaredFinding, type Finding, type Severity } from '../rules/SupRule.js';
import type { RuleResult } from '../rules/runRules.js';
import { worseSeverity } from '../rules/severity.js';
import type { SupReport } from './validateSupCertificate.js';
import { ownOptions } from '../util/ownOptions.js';
import { invalidArgument } from '../x509/arguments.js';
import { item } from '../util/item.js';

/**
 * The live probe of a running software update point: what a Windows client sees when
 * it connects to the WSUS web site. The library holds no network code: the caller passes a
 * {@link ProbeTransport} (the CLI's uses node:tls / node:https; tests pass fakes).
 */

/** Where to connect, and which name to send as SNI (none for an IP address). */
export interface TlsTarget {
  /** Host or address to connect to (`--connect-to` sends the name to another address). */
  host: string;
  port: number;
  /** The SNI host name; undefined sends none (RFC 6066 forbids an IP address there). */
  servername?: string;
  /** Time the transport may spend on this call, in milliseconds. */
  timeoutMs: number;
}

/** What one TLS handshake showed. */
export interface TlsObservation {
  /** The certificates the server sent, DER, leaf first, in its order. */
  certificates: Uint8Array[];
  /** The negotiated protocol ("TLSv1.2"), null when unknown. */
  protocol: string | null;
  /**
   * Whether the server sent a CertificateRequest in the handshake; null when the transport
   * could not see it (TLS 1.3 encrypts it).
   */
  clientCertificateRequested: boolean | null;
}

/** One GET request. `Host` is `servername:port` (or host:port); redirects are never followed. */
export interface HttpTarget extends TlsTarget {
  scheme: 'http' | 'https';
  /** Absolute path, e.g. "/ClientWebService/client.asmx". */
  path: string;
  /** The most response-body bytes the transport may read; it stops reading there. */
  maxBytes: number;
  /** The Host header ("name:port" of the URL clients use; with connectTo the connection goes elsewhere). */
  authority?: string;
}

/** What one request showed. */
export interface HttpObservation {
  status: number;
  /** The body as read: at most `maxBytes` bytes (the probe cuts anything longer). */
  body: Uint8Array;
  /** HTTPS only: whether a CertificateRequest was seen (null: not visible). */
  clientCertificateRequested?: boolean | null;
  protocol?: string | null;
}

/**
 * The network, injected. Each method rejects with an Error whose `code` says what happened
 * (ECONNREFUSED, ETIMEDOUT, ERR_SSL_…); the probe records it as what the client saw.
 */
export interface ProbeTransport {
  handshake(target: TlsTarget): Promise<TlsObservation>;
  request(target: HttpTarget): Promise<HttpObservation>;
}

/** Bounds of one probe (README limits table). */
export interface ProbeLimits {
  /** Total time for every connection of the probe, in milliseconds (default 30,000). */
  timeBudgetMs: number;
  /** Most handshakes plus requests (default 32: 3 names + 5 × 2 directories + Content, with room). */
  maxRequests: number;
  /** Most response-body bytes read over the whole probe (default 262,144); each request reads at most 16 KiB. */
  maxResponseBytes: number;
}

/** The defaults of {@link ProbeLimits} (frozen): 30,000 ms in all, 32 requests, 262,144 bytes. */
export const DEFAULT_PROBE_LIMITS: Readonly<ProbeLimits> = Object.freeze({
  timeBudgetMs: 30_000,
  maxRequests: 32,
  maxResponseBytes: 256 * 1024,
});
const PER_RESPONSE_BYTES = 16 * 1024;

/** What {@link probeSupServer} probes, with what, and within which bounds. */
export interface ProbeOptions {
  /** The host of the URL checked, and its HTTPS port (8531 by default for WSUS). */
  host: string;
  port: number;
  /** The names clients use, each sent as SNI (intranet first); empty: the host alone. */
  names: string[];
  /** Connect here instead, sending the names as SNI (curl's --connect-to). */
  connectTo?: { host: string; port: number };
  /** The HTTP port paired with `port` (8531 → 8530, 443 → 80); required for any other port. */
  httpPort?: number;
  /** Per-connection time limit in milliseconds (default 10,000), within `limits.timeBudgetMs`. */
  timeoutMs?: number;
  limits?: Partial<ProbeLimits>;
  transport: ProbeTransport;
  /** Clock for the time budget (milliseconds); Date.now by default. */
  now?: () => number;
}

/** A certificate as the report shows it. */
export interface SeenCertificate {
  subject: string;
  sha256: string;
}

/** One handshake, as the client saw it. */
export interface HandshakeSeen {
  /** The SNI name sent (null: none, for an IP address). */
  name: string | null;
  address: string;
  /** The certificates sent, leaf first; empty on failure. */
  chain: SeenCertificate[];
  protocol: string | null;
  clientCertificateRequested: boolean | null;
  /** Set when the handshake failed: the transport's code and message. */
  error?: { code: string; message: string };
}

/** One request, as the client saw it. */
export interface RequestSeen {
  url: string;
  /** Which WSUS directory and why it was asked for. */
  directory: string;
  status?: number;
  /** IIS's sub-status when the body names one ("403.4"). */
  subStatus?: string;
  bytesRead: number;
  clientCertificateRequested?: boolean | null;
  error?: { code: string; message: string };
  /** Not asked: a probe limit was reached first (names the limit). */
  notProbed?: string;
}

/** What {@link probeSupServer} saw, and the SUP-DEP findings judged from it. */
export interface ProbeResult {
  handshakes: HandshakeSeen[];
  requests: RequestSeen[];
  /** The certificates sent for the first name (DER, leaf first): what the report judges. */
  presented: Uint8Array[];
  /** Findings of SUP-DEP-002, SUP-DEP-003 and SUP-DEP-004, judged from what the server did. */
  findings: Finding[];
  /** Work done, for the limits: handshakes + requests made, response bytes read. */
  spent: { requests: number; responseBytes: number };
}

/** The five virtual directories that must require SSL (SUP-DEP-003), with a page each answers. */
export const WSUS_WEB_SERVICES: ReadonlyArray<{ directory: string; path: string }> = [
  { directory: 'ApiRemoting30', path: '/ApiRemoting30/WebService.asmx' },
  { directory: 'ClientWebService', path: '/ClientWebService/client.asmx' },
  { directory: 'DssAuthWebService', path: '/DssAuthWebService/DssAuthWebService.asmx' },
  { directory: 'ServerSyncWebService', path: '/ServerSyncWebService/ServerSyncWebService.asmx' },
  { directory: 'SimpleAuthWebService', path: '/SimpleAuthWebService/SimpleAuth.asmx' },
];
/** A file that does not exist: a served Content answers 404, one that requires SSL 403. */
export const CONTENT_PROBE_PATH = '/Content/supcert-probe.txt';

const PAIRED_HTTP_PORT: Record<number, number> = { 8531: 8530, 443: 80 };

/** The HTTP port paired with an HTTPS port: 8531 → 8530, 443 → 80; undefined for any other (S5, S7). Never throws. */
export function pairedHttpPort(port: number): number | undefined {
  // An own key only, and only for a number: "constructor" or an object is no port.
  return typeof port === 'number' && Object.hasOwn(PAIRED_HTTP_PORT, port)
    ? PAIRED_HTTP_PORT[port]
    : undefined;
}

function positiveInteger(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    throw new SupCertError('INVALID_OPTION', `${what} must be a positive integer.`);
  return value;
}

function port(value: unknown, what: string): number {
  const p = positiveInteger(value, what);
  if (p > 65535)
    throw new SupCertError('INVALID_OPTION', `${what} must be a port number (1 to 65535).`);
  return p;
}

const errorOf = (error: unknown): { code: string; message: string } => {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code.slice(0, 60) : 'ECONNECTION';
  const message =
    typeof e?.message === 'string' ? e.message.slice(0, 300) : String(error).slice(0, 300);
  return { code, message };
};

/** A handshake that did not happen or failed: no chain, nothing known of the protocol. */
function failedHandshake(
  servername: string | undefined,
  address: string,
  error: { code: string; message: string },
): HandshakeSeen {
  return {
    name: servername ?? null,
    address,
    chain: [],
    protocol: null,
    clientCertificateRequested: null,
    error,
  };
}

/** "403.4" from an IIS error page ("HTTP Error 403.4 - Forbidden"), when the body says it. */
function subStatusOf(status: number, body: Uint8Array): string | undefined {
  const text = latin1Decode(body.subarray(0, Math.min(body.byteLength, PER_RESPONSE_BYTES)));
  for (const m of text.matchAll(/\b(\d{3})\.(\d{1,2})\b/g))
    if (Number(m[1]) === status) return `${status}.${m[2]}`;
  return undefined;
}

const SSL_REQUIRED = /\b(?:403\.4|SSL is required|secure channel|must be viewed over a secure)/i;
const CERT_REQUIRED = /\b(?:403\.7|403\.16|client certificate)/i;

/**
 * Probes a running SUP as its clients do: one TLS handshake per name (SNI), the five WSUS web
 * services over HTTPS and over HTTP on the paired port, and Content over HTTP, then judges
 * SUP-DEP-002 (the HTTPS binding presents one certificate for every name; the HTTP binding is
 * kept), SUP-DEP-003 (the web services require SSL, Content does not) and SUP-DEP-004 (no client
 * certificate asked for: WinHTTP fails with 0x80072F0C). Sources: S6, S7, S29, S1, S5
 * (src/rules/sources.ts).
 *
 * Bounded by `limits` (time budget, requests, response bytes); what a limit stopped is listed
 * as `notProbed`. Redirects are not followed (a client calling a web service does not either).
 *
 * @throws SupCertError INVALID_OPTION for a bad port, name list, limit or transport;
 *   MALFORMED / LIMIT_EXCEEDED when the certificate the server sent for the first name cannot be
 *   read (it is judged afterwards). A handshake that fails for the first name rejects with that
 *   transport error (the server cannot be judged at all).
 */
export async function probeSupServer(options: ProbeOptions): Promise<ProbeResult> {
  // Own keys only, on an object without a prototype (src/util/ownOptions.ts).
  options = ownOptions(options);
  if (!options || typeof options !== 'object')
    throw new SupCertError(
      'INVALID_OPTION',
      'probeSupServer needs an options object: { host, port, names, transport }.',
    );
  const { transport } = options;
  if (
    !transport ||
    typeof transport.handshake !== 'function' ||
    typeof transport.request !== 'function'
  ) {
    throw new SupCertError(
      'INVALID_OPTION',
      'transport must have handshake() and request() (the CLI passes its node:tls one).',
    );
  }
  if (typeof options.host !== 'string' || options.host === '')
    throw new SupCertError('INVALID_OPTION', "host must be the server's host name or address.");
  const httpsPort = port(options.port, 'port');
  const httpPort =
    options.httpPort === undefined ? pairedHttpPort(httpsPort) : port(options.httpPort, 'httpPort');
  const limits: ProbeLimits = { ...DEFAULT_PROBE_LIMITS };
  for (const [key, value] of Object.entries(options.limits ?? {})) {
    if (!(key in DEFAULT_PROBE_LIMITS))
      throw new SupCertError(
        'INVALID_OPTION',
        `Unknown probe limit "${key.slice(0, 40)}". Known: ${Object.keys(DEFAULT_PROBE_LIMITS).join(', ')}.`,
      );
    if (value !== undefined)
      limits[key as keyof ProbeLimits] = positiveInteger(value, `limits.${key}`);
  }
  const perCall =
    options.timeoutMs === undefined ? 10_000 : positiveInteger(options.timeoutMs, 'timeoutMs');
  if (!Array.isArray(options.names) || options.names.some((n) => typeof n !== 'string' || n === ''))
    throw new SupCertError('INVALID_OPTION', 'names must be an array of host names.');
  const isIp = (n: string): boolean => /^[\d.]+$/.test(n) || n.includes(':');
  const names = [...new Set(options.names.length > 0 ? options.names : [options.host])];
  const address = options.connectTo
    ? { host: options.connectTo.host, port: port(options.connectTo.port, 'connectTo.port') }
    : { host: options.host, port: httpsPort };
  const now = options.now ?? Date.now;
  const deadline = now() + limits.timeBudgetMs;
  const spent = { requests: 0, responseBytes: 0 };

  /** The limit that stops the next call, or null. */
  const stopped = (): string | null => {
    if (spent.requests >= limits.maxRequests) return `limits.maxRequests (${limits.maxRequests})`;
    if (now() >= deadline) return `limits.timeBudgetMs (${limits.timeBudgetMs} ms)`;
    return null;
  };
  const timeLeft = (): number => Math.max(1, Math.min(perCall, deadline - now()));

  const handshakes: HandshakeSeen[] = [];
  let presented: Uint8Array[] = [];
  const budget = new WorkBudget();
  const describe = async (ders: Uint8Array[]): Promise<SeenCertificate[]> => {
    const out: SeenCertificate[] = [];
    for (const der of ders.slice(0, 20)) {
      try {
        const [c] = (await readCertificates(der, { budget })).certificates;
        out.push({ subject: c!.subject, sha256: c!.sha256 });
      } catch (error) {
        if (!(error instanceof SupCertError)) throw error;
        out.push({ subject: `(unreadable: ${error.code})`, sha256: '' });
      }
    }
    return out;
  };

  for (const [i, name] of names.entries()) {
    const servername = isIp(name) ? undefined : name;
    const where = `${address.host}:${address.port}`;
    const limit = stopped();
    if (limit) {
      handshakes.push(
        failedHandshake(servername, where, {
          code: 'NOT_PROBED',
          message: `not probed: ${limit} reached`,
        }),
      );
      continue;
    }
    spent.requests++;
    try {
      const seen = await transport.handshake({
        host: address.host,
        port: address.port,
        ...(servername ? { servername } : {}),
        timeoutMs: timeLeft(),
      });
      const ders = Array.isArray(seen?.certificates)
        ? seen.certificates.filter((d) => d instanceof Uint8Array)
        : [];
      if (i === 0) presented = ders;
      handshakes.push({
        name: servername ?? null,
        address: where,
        chain: await describe(ders),
        protocol: typeof seen.protocol === 'string' ? seen.protocol : null,
        clientCertificateRequested:
          typeof seen.clientCertificateRequested === 'boolean'
            ? seen.clientCertificateRequested
            : null,
      });
    } catch (error) {
      if (error instanceof SupCertError) throw error;
      // Without the first name's certificate there is nothing to judge: the caller reports the error.
      if (i === 0) throw error;
      handshakes.push(failedHandshake(servername, where, errorOf(error)));
    }
  }

  const requests: RequestSeen[] = [];
  const first = names.find((n) => !isIp(n));
  const hostHeader = first ?? options.host;
  const ask = async (
    scheme: 'http' | 'https',
    path: string,
    directory: string,
  ): Promise<RequestSeen> => {
    const p =
      scheme === 'https'
        ? address.port
        : options.connectTo && httpPort !== undefined
          ? httpPort
          : httpPort!;
    const shownPort = scheme === 'https' ? httpsPort : httpPort!;
    const url = `${scheme}://${hostHeader.includes(':') ? `[${hostHeader}]` : hostHeader}:${shownPort}${path}`;
    const limit =
      stopped() ??
      (spent.responseBytes >= limits.maxResponseBytes
        ? `limits.maxResponseBytes (${limits.maxResponseBytes})`
        : null);
    if (limit) return { url, directory, bytesRead: 0, notProbed: `not probed: ${limit} reached` };
    spent.requests++;
    const maxBytes = Math.min(PER_RESPONSE_BYTES, limits.maxResponseBytes - spent.responseBytes);
    try {
      const authority = `${hostHeader.includes(':') ? `[${hostHeader}]` : hostHeader}:${shownPort}`;
      const seen = await transport.request({
        scheme,
        host: address.host,
        port: p,
        ...(first ? { servername: first } : {}),
        path,
        maxBytes,
        timeoutMs: timeLeft(),
        authority,
      });
      const body =
        seen.body instanceof Uint8Array ? seen.body.subarray(0, maxBytes) : new Uint8Array(0);
      spent.responseBytes += body.byteLength;
      const status = Number.isInteger(seen.status) ? seen.status : 0;
      const sub = subStatusOf(status, body);
      const text = latin1Decode(body);
      const r: RequestSeen = { url, directory, status, bytesRead: body.byteLength };
      if (sub) r.subStatus = sub;
      else if (status === 403 && SSL_REQUIRED.test(text)) r.subStatus = '403.4';
      else if (status === 403 && CERT_REQUIRED.test(text)) r.subStatus = '403.7';
      if (scheme === 'https')
        r.clientCertificateRequested =
          typeof seen.clientCertificateRequested === 'boolean'
            ? seen.clientCertificateRequested
            : null;
      return r;
    } catch (error) {
      if (error instanceof SupCertError) throw error;
      return { url, directory, bytesRead: 0, error: errorOf(error) };
    }
  };
  for (const s of WSUS_WEB_SERVICES) requests.push(await ask('https', s.path, s.directory));
  if (httpPort !== undefined) {
    for (const s of WSUS_WEB_SERVICES) requests.push(await ask('http', s.path, s.directory));
    requests.push(await ask('http', CONTENT_PROBE_PATH, 'Content'));
  }

  return {
    handshakes,
    requests,
    presented,
    findings: judgeProbe(handshakes, requests, httpsPort, httpPort),
    spent,
  };
}

const RULE = new Map(deploymentChecklist.map((r) => [r.id, r]));

/** One of the rule's declared probe findings (src/rules/deployment/probeFindings.ts). */
function finding<A>(rule: string, declared: DeclaredFinding<A>, args: A): Finding {
  return findingOf(RULE.get(rule)!, declared, args);
}

/** Protocols below TLS 1.2, as Node names them (TLSSocket#getProtocol). */
const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

const seenText = (r: RequestSeen): string =>
  r.notProbed ? r.notProbed : r.error ? `${r.error.code}` : `${r.subStatus ?? r.status}`;

/** SUP-DEP-002/003/004 from what the client saw. */
function judgeProbe(
  handshakes: HandshakeSeen[],
  requests: RequestSeen[],
  httpsPort: number,
  httpPort: number | undefined,
): Finding[] {
  const out: Finding[] = [];
  // SUP-DEP-002: every name gets the same certificate and chain; the HTTP binding is kept.
  const [first] = handshakes;
  const leafOf = (h: HandshakeSeen): SeenCertificate | undefined => item(h.chain, 0);
  for (const h of handshakes.slice(1)) {
    const name = h.name ?? '(no SNI)';
    if (h.error?.code === 'NOT_PROBED')
      out.push(finding('SUP-DEP-002', PROBE_BINDING.notProbed, { name, why: h.error.message }));
    else if (h.error)
      out.push(
        finding('SUP-DEP-002', PROBE_BINDING.handshakeFailed, {
          name,
          code: h.error.code,
          message: h.error.message,
          httpsPort,
        }),
      );
    else if (leafOf(h)?.sha256 !== leafOf(first!)?.sha256) {
      out.push(
        finding('SUP-DEP-002', PROBE_BINDING.otherCertificate, {
          name,
          leaf: { subject: leafOf(h)?.subject, sha256: leafOf(h)?.sha256 },
          firstName: first!.name ?? '(no SNI)',
          firstLeaf: { subject: leafOf(first!)?.subject, sha256: leafOf(first!)?.sha256 },
        }),
      );
    } else if (h.chain.map((c) => c.sha256).join() !== first!.chain.map((c) => c.sha256).join()) {
      out.push(
        finding('SUP-DEP-002', PROBE_BINDING.otherChain, {
          name,
          length: h.chain.length,
          firstLength: first!.chain.length,
          firstName: first!.name ?? '(no SNI)',
        }),
      );
    }
  }
  // Below TLS 1.2 on a handshake that offered TLS 1.0 to 1.3 (the transport's range): said once,
  // for the first name that got it.
  const old = handshakes.find((h) => !h.error && h.protocol && OLD_PROTOCOLS.has(h.protocol));
  if (old)
    out.push(
      finding('SUP-DEP-002', PROBE_BINDING.oldProtocol, {
        name: old.name ?? '(no SNI)',
        protocol: old.protocol!,
      }),
    );
  const overHttp = requests.filter((r) => r.url.startsWith('http:'));
  if (httpPort === undefined) {
    out.push(finding('SUP-DEP-002', PROBE_BINDING.httpPortUnknown, { httpsPort }));
  } else if (
    overHttp.length > 0 &&
    overHttp.every((r) => r.error && r.error.code !== 'ETIMEDOUT')
  ) {
    out.push(
      finding('SUP-DEP-002', PROBE_BINDING.httpNotAnswering, {
        httpPort,
        code: overHttp[0]!.error!.code,
      }),
    );
  }
  // SUP-DEP-003: the five web services answer over HTTPS and refuse HTTP; Content answers over HTTP.
  const byDir = (scheme: string): RequestSeen[] =>
    requests.filter((r) => r.url.startsWith(`${scheme}:`) && r.directory !== 'Content');
  const certRequired = (e?: { code: string }): boolean =>
    e !== undefined && /CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|403\.7/i.test(e.code);
  for (const r of byDir('https')) {
    if (r.error && !certRequired(r.error))
      out.push(
        finding('SUP-DEP-003', PROBE_REQUIRE_SSL.httpsNoAnswer, {
          url: r.url,
          code: r.error.code,
          message: r.error.message,
          directory: r.directory,
        }),
      );
    if (r.notProbed || r.error || r.status === undefined) continue;
    if (r.status === 404)
      out.push(
        finding('SUP-DEP-003', PROBE_REQUIRE_SSL.directoryMissing, {
          url: r.url,
          directory: r.directory,
          httpsPort,
        }),
      );
    else if (r.status === 403 && r.subStatus !== '403.7' && r.subStatus !== '403.16')
      out.push(
        finding('SUP-DEP-003', PROBE_REQUIRE_SSL.httpsRefused, {
          url: r.url,
          status: r.subStatus ?? 403,
          directory: r.directory,
        }),
      );
  }
  const httpAllowed = byDir('http').filter(
    (r) =>
      r.status !== undefined &&
      r.status !== 403 &&
      r.status !== 404 &&
      !(r.status >= 300 && r.status < 400),
  );
  if (httpAllowed.length > 0) {
    out.push(
      finding('SUP-DEP-003', PROBE_REQUIRE_SSL.httpAllowed, {
        answers: httpAllowed.map((r) => ({ directory: r.directory, status: r.status! })),
        httpPort,
      }),
    );
  }
  const content = requests.find((r) => r.directory === 'Content');
  if (content?.status === 403) {
    out.push(
      finding('SUP-DEP-003', PROBE_REQUIRE_SSL.contentRequiresSsl, {
        url: content.url,
        status: content.subStatus ?? 403,
        httpPort,
      }),
    );
  } else if (content?.status !== undefined && content.status >= 500) {
    out.push(
      finding('SUP-DEP-003', PROBE_REQUIRE_SSL.contentError, {
        url: content.url,
        status: content.status,
      }),
    );
  }
  // SUP-DEP-004: no client certificate asked for, in the handshake or by the directories.
  const asked = [
    ...handshakes
      .filter((h) => h.clientCertificateRequested === true)
      .map((h) => `the TLS handshake for "${h.name ?? '(no SNI)'}"`),
    ...handshakes
      .filter((h) => certRequired(h.error))
      .map((h) => `the TLS handshake for "${h.name ?? '(no SNI)'}" (${h.error!.code})`),
    ...byDir('https')
      .filter(
        (r) =>
          r.clientCertificateRequested === true ||
          r.subStatus === '403.7' ||
          r.subStatus === '403.16' ||
          certRequired(r.error),
      )
      .map((r) => `${r.directory} (${r.subStatus ?? r.error?.code ?? 'CertificateRequest'})`),
  ];
  if (asked.length > 0) {
    out.push(finding('SUP-DEP-004', PROBE_CLIENT_CERTIFICATES.asked, { asked }));
  }
  const notSeen =
    handshakes.every((h) => h.clientCertificateRequested === null) &&
    byDir('https').every((r) => r.clientCertificateRequested !== true);
  const seenLine = (
    rule: string,
    declared: DeclaredFinding<{ what: string }>,
    what: string,
  ): void => {
    if (!out.some((f) => f.rule === rule && f.severity !== 'info'))
      out.push(finding(rule, declared, { what }));
  };
  seenLine(
    'SUP-DEP-002',
    PROBE_BINDING.seen,
    `${handshakes.map((h) => `"${h.name ?? '(no SNI)'}" → ${h.error ? h.error.code : `${item(h.chain, 0)?.subject ?? '(no certificate)'} (${h.protocol ?? 'protocol unknown'})`}`).join('; ')}${httpPort !== undefined ? `; HTTP on ${httpPort} answers` : ''}.`,
  );
  seenLine(
    'SUP-DEP-003',
    PROBE_REQUIRE_SSL.seen,
    `over HTTPS ${byDir('https')
      .map((r) => `${r.directory} ${seenText(r)}`)
      .join(', ')}${
      httpPort !== undefined
        ? `; over HTTP ${byDir('http')
            .map((r) => `${r.directory} ${seenText(r)}`)
            .join(', ')}; Content ${content ? seenText(content) : '-'}`
        : ''
    }.`,
  );
  seenLine(
    'SUP-DEP-004',
    PROBE_CLIENT_CERTIFICATES.seen,
    notSeen
      ? 'no client certificate was asked for where it could be seen (TLS 1.3 encrypts the request: a server that required one would have failed the requests).'
      : 'no client certificate was asked for.',
  );
  return out;
}

const isFindingList = (value: unknown): value is Finding[] =>
  Array.isArray(value) &&
  value.every((f: unknown) => {
    const x = f as Partial<Record<keyof Finding, unknown>> | null;
    return (
      typeof x === 'object' &&
      x !== null &&
      typeof x.rule === 'string' &&
      (SEVERITIES as readonly unknown[]).includes(x.severity)
    );
  });

/** @throws SupCertError INVALID_OPTION (see applyProbe). */
function checkApplyProbeArguments(report: unknown, probe: unknown): void {
  const r = report as Partial<Record<keyof SupReport, unknown>> | null;
  const summary = r?.summary as Partial<Record<keyof SupReport['summary'], unknown>> | undefined;
  if (
    typeof r !== 'object' ||
    r === null ||
    !isFindingList(r.findings) ||
    !Array.isArray(r.results) ||
    !r.results.every((x: unknown) => typeof (x as { rule?: unknown } | null)?.rule === 'string') ||
    typeof summary !== 'object' ||
    summary === null ||
    ![summary.errors, summary.warnings, summary.infos].every((n) => typeof n === 'number')
  )
    throw invalidArgument('applyProbe: report', 'the SupReport of validateSupCertificate', report);
  if (!isFindingList((probe as { findings?: unknown } | null)?.findings))
    throw invalidArgument(
      'applyProbe: probe',
      'the ProbeResult of probeSupServer (an object with a findings array)',
      probe,
    );
}

/**
 * The report with the probe's SUP-DEP-002/003/004 findings in place of the checklist's info
 * findings for those rules; `ok`, `summary` and `results` recounted. `clientError` is kept (it
 * is the certificate's). A new report; `report` is not changed.
 *
 * @throws SupCertError INVALID_OPTION when `report` is not a SupReport (findings, results,
 *   summary) or `probe` has no `findings` array of findings (each with a rule and a severity);
 *   never for what validateSupCertificate and probeSupServer return.
 */
export function applyProbe(report: SupReport, probe: Pick<ProbeResult, 'findings'>): SupReport {
  checkApplyProbeArguments(report, probe);
  const judged = new Set(['SUP-DEP-002', 'SUP-DEP-003', 'SUP-DEP-004']);
  const findings = [...report.findings.filter((f) => !judged.has(f.rule)), ...probe.findings];
  const results: RuleResult[] = report.results.map((r) => {
    if (!judged.has(r.rule)) return r;
    const mine = probe.findings.filter((f) => f.rule === r.rule);
    const worst = mine.reduce<Severity | null>(
      (w, f) => (w === null ? f.severity : worseSeverity(w, f.severity)),
      null,
    );
    return { rule: r.rule, status: worst === null || worst === 'info' ? 'pass' : worst };
  });
  const count = (s: Severity): number =>
    report.summary[s === 'error' ? 'errors' : s === 'warning' ? 'warnings' : 'infos'] -
    report.findings.filter((f) => judged.has(f.rule) && f.severity === s).length +
    probe.findings.filter((f) => f.severity === s).length;
  const summary = { errors: count('error'), warnings: count('warning'), infos: count('info') };
  return { ...report, ok: summary.errors === 0, findings, results, summary };
}
