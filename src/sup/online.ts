import { base64Encode } from '../util/bytes.js';
import { SupCertError } from '../errors.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateListArgument } from '../x509/certificateArgument.js';
import { invalidArgument } from '../x509/arguments.js';
import { item } from '../util/item.js';

/**
 * `--online`: the CRLs named by the certificates' CRL distribution points, fetched
 * through a fetcher the caller passes (the library holds no network code). Nothing is fetched
 * unless the caller calls this.
 */

/** Bounds of every fetch, passed to the fetcher (which enforces them) and counted here. */
export interface OnlineLimits {
  /** Time for one fetch, redirects included, in milliseconds (default 10,000). */
  timeoutMs: number;
  /** Largest CRL accepted, in bytes (default 10 MiB; a large enterprise CRL is a few MB). */
  maxBytes: number;
  /** Most redirects followed per fetch (default 3). */
  maxRedirects: number;
  /** Most fetches in one call (default 8: leaf and intermediates, two URLs each). */
  maxFetches: number;
}

/** The defaults of {@link OnlineLimits} (frozen): 10,000 ms per fetch, 10 MiB, 3 redirects, 8 fetches. */
export const DEFAULT_ONLINE_LIMITS: Readonly<OnlineLimits> = Object.freeze({
  timeoutMs: 10_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 3,
  maxFetches: 8,
});

/** GETs one http:// URL within the limits; rejects with an Error whose `code` says why. */
export type HttpFetcher = (
  url: string,
  limits: Pick<OnlineLimits, 'timeoutMs' | 'maxBytes' | 'maxRedirects'>,
) => Promise<{ status: number; body: Uint8Array }>;

/** What fetchCrls fetched: the CRLs, each fetch with its outcome, and notes for the report. */
export interface FetchedCrls {
  /** The bodies fetched with status 200, to pass as SupOptions.crls. */
  crls: Uint8Array[];
  /** Each fetch: URL, and its status and size or its error. */
  fetched: Array<{ url: string; subject: string; status?: number; bytes?: number; error?: string }>;
  /** What could not be fetched and why (LDAP-only CDP, no CDP, limit reached). */
  notes: string[];
}

/** @throws SupCertError INVALID_OPTION when `fetcher` is not a function. */
function checkFetcher(fetcher: unknown): void {
  if (typeof fetcher !== 'function')
    throw new SupCertError(
      'INVALID_OPTION',
      'fetcher must be a function (url, limits) => Promise<{ status, body }>.',
    );
}

/**
 * The limits of one call: `base` with the caller's overrides (own properties only).
 * @throws SupCertError INVALID_OPTION when `overrides` is not an object, names an unknown limit,
 *   or gives a value that is not a non-negative integer.
 */
function onlineLimits(overrides: unknown, base: Readonly<OnlineLimits>): OnlineLimits {
  if (overrides === undefined) return { ...base };
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides))
    throw invalidArgument(
      'The online limits (overrides)',
      'an object such as { timeoutMs: 5000 }, or left out',
      overrides,
    );
  const limits: OnlineLimits = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(DEFAULT_ONLINE_LIMITS, key))
      throw new SupCertError(
        'INVALID_OPTION',
        `Unknown online limit "${key.slice(0, 40)}": the limits are ${Object.keys(DEFAULT_ONLINE_LIMITS).join(', ')}.`,
      );
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      throw new SupCertError(
        'INVALID_OPTION',
        `online limit ${key} must be a non-negative integer.`,
      );
    limits[key as keyof OnlineLimits] = value;
  }
  return limits;
}

/**
 * Counts fetches against `limits.maxFetches`: true while one more may be made; false, with a
 * note ("<what>: URL (limit of N fetches reached)"), once the limit is reached.
 */
function fetchCounter(
  limits: OnlineLimits,
  notes: string[],
  what: string,
): (url: string) => boolean {
  let fetches = 0;
  return (url) => {
    if (fetches >= limits.maxFetches) {
      notes.push(`${what}: ${url} (limit of ${limits.maxFetches} fetches reached)`);
      return false;
    }
    fetches++;
    return true;
  };
}

/** The `code` of a failed fetch (ECONNREFUSED ...), or EFETCH when it has none. */
function fetchErrorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : 'EFETCH';
}

/**
 * Fetches, for each certificate that is not self-issued, the first http:// CRL distribution
 * point that answers 200. An LDAP-only CDP is not fetched and noted (internet clients cannot
 * reach it either). Source: RFC 5280 §4.2.1.13; S13 (ConfigMgr checks CRLs of site systems).
 *
 * @throws SupCertError INVALID_OPTION for a bad fetcher or limit, or certificates that are not
 *   an array of CertificateInfo.
 */
export async function fetchCrls(
  certificates: readonly CertificateInfo[],
  fetcher: HttpFetcher,
  overrides: Partial<OnlineLimits> = {},
): Promise<FetchedCrls> {
  const certs = certificateListArgument(certificates, 'fetchCrls: certificates');
  checkFetcher(fetcher);
  const limits = onlineLimits(overrides, DEFAULT_ONLINE_LIMITS);
  const out: FetchedCrls = { crls: [], fetched: [], notes: [] };
  const seen = new Set<string>();
  const mayFetch = fetchCounter(limits, out.notes, 'not fetched');
  for (const cert of certs) {
    if (cert.selfIssued || seen.has(cert.sha256)) continue;
    seen.add(cert.sha256);
    const urls = cert.crlDistributionPoints.filter((u) => /^http:\/\//i.test(u));
    if (urls.length === 0) {
      out.notes.push(
        cert.crlDistributionPoints.some((u) => /^ldap:/i.test(u))
          ? `"${cert.subject}": its CRL is published over LDAP only (${item(cert.crlDistributionPoints, 0)}), which internet clients cannot reach; not fetched`
          : `"${cert.subject}": no http:// CRL distribution point to fetch`,
      );
      continue;
    }
    for (const url of urls.slice(0, 4)) {
      if (!mayFetch(url)) break;
      try {
        const { status, body } = await fetcher(url, limits);
        out.fetched.push({ url, subject: cert.subject, status, bytes: body.byteLength });
        if (status === 200 && body.byteLength <= limits.maxBytes) {
          out.crls.push(body);
          break;
        }
      } catch (error) {
        const e = error as { message?: unknown };
        out.fetched.push({
          url,
          subject: cert.subject,
          error: `${fetchErrorCode(error)}: ${String(e?.message ?? error).slice(0, 200)}`,
        });
      }
    }
  }
  return out;
}

/** What fetchMissingIssuers found: certificates to add as intermediates, and notes for the report. */
export interface FetchedIssuers {
  /** Certificate files fetched (DER, or PKCS#7 .p7c as CAs publish them), to pass as SupOptions.intermediates. */
  certificates: Uint8Array[];
  notes: string[];
}

/**
 * As Windows does when a server omits an intermediate: for a certificate whose issuer is not
 * among `known` (by subject name), fetches its AIA caIssuers http:// URL. Each download is
 * noted ("was needed"): the server should send it. At most `limits.maxFetches` fetches.
 * Source: RFC 5280 §4.2.2.1; S21 (CryptoAPI's AIA retrieval).
 *
 * @throws SupCertError INVALID_OPTION for a bad fetcher or limit, or certificates / known that
 *   are not arrays of CertificateInfo.
 */
export async function fetchMissingIssuers(
  certificates: readonly CertificateInfo[],
  known: readonly CertificateInfo[],
  fetcher: HttpFetcher,
  overrides: Partial<OnlineLimits> = {},
): Promise<FetchedIssuers> {
  const certs = certificateListArgument(certificates, 'fetchMissingIssuers: certificates');
  const others = certificateListArgument(known, 'fetchMissingIssuers: known');
  checkFetcher(fetcher);
  const limits = onlineLimits(overrides, { ...DEFAULT_ONLINE_LIMITS, maxBytes: 1024 * 1024 });
  const subjects = new Set([...certs, ...others].map((c) => c.subject));
  const out: FetchedIssuers = { certificates: [], notes: [] };
  const mayFetch = fetchCounter(limits, out.notes, 'not fetched');
  for (const cert of certs) {
    if (cert.selfIssued || subjects.has(cert.issuer)) continue;
    const url = cert.caIssuerUrls.find((u: string) => /^http:\/\//i.test(u));
    if (!url) continue;
    if (!mayFetch(url)) break;
    try {
      const { status, body } = await fetcher(url, limits);
      if (status === 200 && body.byteLength <= limits.maxBytes) {
        out.certificates.push(body);
        out.notes.push(
          `the issuer "${cert.issuer}" of "${cert.subject}" was not sent, so it was downloaded from the AIA caIssuers URL ${url}, as Windows does: it was needed (send it with the certificate, or clients that cannot reach the URL fail)`,
        );
      } else
        out.notes.push(
          `the issuer "${cert.issuer}" of "${cert.subject}" is missing and its AIA caIssuers URL ${url} answered HTTP ${status}`,
        );
    } catch (error) {
      out.notes.push(
        `the issuer "${cert.issuer}" of "${cert.subject}" is missing and ${url} could not be fetched (${fetchErrorCode(error)})`,
      );
    }
  }
  return out;
}

/** OCSP answers fetched by fetchOcsp, to pass as SupOptions.ocspResponses. */
export interface FetchedOcsp {
  responses: Uint8Array[];
  notes: string[];
}

/**
 * For each certificate whose issuer is among `certificates` (by subject name) and whose AIA
 * names an http:// OCSP responder, sends an OCSP request (RFC 6960 Appendix A.1: GET with the
 * base64 request in the path). `buildRequest` is the library's buildOcspRequest. A fetch that
 * fails or answers another status than 200 is a note, never a rejection.
 *
 * @throws SupCertError INVALID_OPTION for a bad fetcher, buildRequest or limit, or certificates
 *   that are not an array of CertificateInfo, or a request that is not bytes; what `buildRequest`
 *   throws (buildOcspRequest: SupCertError MALFORMED, LIMIT_EXCEEDED).
 */
export async function fetchOcsp(
  certificates: readonly CertificateInfo[],
  buildRequest: (cert: CertificateInfo, issuer: CertificateInfo) => Uint8Array,
  fetcher: HttpFetcher,
  overrides: Partial<OnlineLimits> = {},
): Promise<FetchedOcsp> {
  const certs = certificateListArgument(certificates, 'fetchOcsp: certificates');
  if (typeof buildRequest !== 'function')
    throw invalidArgument(
      'fetchOcsp: buildRequest',
      "a function (cert, issuer) => Uint8Array: pass the library's buildOcspRequest",
      buildRequest,
    );
  checkFetcher(fetcher);
  const limits = onlineLimits(overrides, { ...DEFAULT_ONLINE_LIMITS, maxBytes: 1024 * 1024 });
  const out: FetchedOcsp = { responses: [], notes: [] };
  const mayFetch = fetchCounter(limits, out.notes, 'OCSP not asked');
  for (const cert of certs) {
    if (cert.selfIssued) continue;
    const url = cert.ocspUrls.find((u: string) => /^http:\/\//i.test(u));
    const issuer = certs.find((c) => c.subject === cert.issuer && c !== cert);
    if (!url || !issuer) continue;
    if (!mayFetch(url)) break;
    const built: unknown = buildRequest(cert, issuer);
    if (!(built instanceof Uint8Array))
      throw invalidArgument(
        'fetchOcsp: what buildRequest returned',
        'the request as bytes (Uint8Array)',
        built,
      );
    const request = base64Encode(built);
    try {
      // RFC 6960 A.1: the base64 request appended to the URL with one "/" (a scan, no regex on the URL).
      let base = url;
      while (base.endsWith('/')) base = base.slice(0, -1);
      const { status, body } = await fetcher(`${base}/${encodeURIComponent(request)}`, limits);
      if (status === 200 && body instanceof Uint8Array) out.responses.push(body);
      else if (status === 200)
        out.notes.push(
          `the OCSP responder ${url} answered for "${cert.subject}", but the fetcher gave no body bytes (Uint8Array)`,
        );
      else
        out.notes.push(`the OCSP responder ${url} answered HTTP ${status} for "${cert.subject}"`);
    } catch (error) {
      out.notes.push(
        `the OCSP responder ${url} could not be reached for "${cert.subject}" (${fetchErrorCode(error)})`,
      );
    }
  }
  return out;
}
