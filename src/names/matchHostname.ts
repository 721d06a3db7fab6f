import { SupCertError } from '../errors.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { type NormalizedHost, normalizeHost } from './hostname.js';
import {
  type PresentedId,
  type PresentedKind,
  dnsIdMatches,
  matchPresented,
  presentedId,
} from './presentedId.js';

/**
 * Host-name matching of a certificate, two profiles (docs/names.md, "Host-name matching"); how
 * one presented identifier compares with the host, wildcards included, is presentedId.ts's:
 * - `windows` (default): the model of CertVerifyCertificateChainPolicy(SSL) that WinHTTP and the
 *   Windows Update Agent use. Only SAN dNSName entries count once a SAN extension exists (even one
 *   without dNSName entries); without a SAN, every subject CN is compared. Case-insensitive, one
 *   trailing dot ignored, IDNs as A-labels. A wildcard counts only as the whole left-most label,
 *   stands for exactly one label, and never for a label directly under a single remaining one
 *   (`*.local`); partial-label wildcards (`sup*.contoso.com`) are literal text and match nothing.
 * - `strict`: RFC 9525. The same rules for DNS-IDs, no CN fallback at all.
 * IP hosts match iPAddress SAN entries in both profiles (and a CN's text under `windows` with no SAN).
 * A name with a NUL byte never matches; nor does a SAN dNSName or CN that ends in a dot or has
 * white space at either end, a SAN dNSName that holds raw non-ASCII, or a CN that is an IDN
 * (presentedId.ts `unusableDnsName`, `unusableCommonName`). The SAN is 2.5.29.17, or the obsolete 2.5.29.7 when it is absent
 * (CertificateInfo.sanExtension; Wine chain.c chain29, verified on Windows).
 */
export type MatchProfile = (typeof MATCH_PROFILES)[number];

/** The name matching profiles, the default ('windows') first. */
export const MATCH_PROFILES = ['windows', 'strict'] as const;

/** How a host matched: a SAN dNSName exactly or by wildcard, a SAN iPAddress, or a subject CN. */
export type MatchSource = 'san-dns' | 'san-wildcard' | 'san-ip' | 'cn' | 'cn-wildcard';

/** {@link explainHostMatch}'s answer: whether `host` matches, how, and through which identifier. */
export interface HostMatch {
  /** The host as compared (normalised). */
  host: NormalizedHost;
  matched: boolean;
  /** How it matched. */
  via?: MatchSource;
  /** The presented identifier that matched, as written in the certificate. */
  presented?: string;
  /** Whether the certificate has a SAN extension (CN then ignored). */
  hasSan: boolean;
}

interface PresentedNames {
  sanDns: PresentedId[];
  sanIp: PresentedId[];
  cn: PresentedId[];
}

const cache = new WeakMap<CertificateInfo, PresentedNames>();

/** The certificate's identifiers, normalised once per certificate (matching stays linear). */
function presentedNames(cert: CertificateInfo): PresentedNames {
  let names = cache.get(cert);
  if (!names) {
    names = {
      sanDns: (cert.dnsNames ?? []).map((raw) => presentedId('san-dns', raw)),
      sanIp: cert.ipAddresses.map((raw) => presentedId('san-ip', raw)),
      cn: cert.commonNames.map((raw) => presentedId('cn', raw)),
    };
    cache.set(cert, names);
  }
  return names;
}

/**
 * The SAN dNSName (or, without a SAN, the subject CN) that would name `host` but for
 * `unusableDnsName` or `unusableCommonName`, with the reason.
 */
export function unusableSanEntry(
  cert: CertificateInfo,
  host: string,
): { presented: string; reason: string; kind: 'san-dns' | 'cn' } | null {
  const h = normalizeHost(host);
  const names = presentedNames(cert);
  for (const p of cert.dnsNames === null ? names.cn : names.sanDns) {
    if (
      p.unusable &&
      !p.norm.hasNul &&
      p.norm.kind === 'dns' &&
      dnsIdMatches(p.norm.value, h.value)
    )
      return { presented: p.raw, reason: p.unusable, kind: p.kind === 'cn' ? 'cn' : 'san-dns' };
  }
  return null;
}

/** The first identifier of `list` that stands for `host`, and how. */
function findPresented(
  list: PresentedId[],
  host: NormalizedHost,
  profile: MatchProfile,
): { via: MatchSource; presented: string } | null {
  for (const p of list) {
    const m = matchPresented(p, host, profile);
    if (m) return { via: VIA[p.kind][m], presented: p.kind === 'san-ip' ? p.norm.value : p.raw };
  }
  return null;
}

const VIA: Record<PresentedKind, Record<'exact' | 'wildcard', MatchSource>> = {
  'san-dns': { exact: 'san-dns', wildcard: 'san-wildcard' },
  'san-ip': { exact: 'san-ip', wildcard: 'san-ip' },
  cn: { exact: 'cn', wildcard: 'cn-wildcard' },
};

const isStringArray = (v: unknown): boolean =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * Refuses what is not a certificate, a host name or a profile, in the library's words (a bare
 * `{}` once ended in a TypeError).
 * @throws SupCertError INVALID_OPTION
 */
function checkMatchInputs(cert: unknown, host: unknown, profile: unknown): void {
  const c = cert as Partial<Record<keyof CertificateInfo, unknown>> | null;
  if (
    typeof c !== 'object' ||
    c === null ||
    !isStringArray(c.commonNames) ||
    !isStringArray(c.ipAddresses) ||
    !(c.dnsNames === null || isStringArray(c.dnsNames))
  ) {
    throw new SupCertError(
      'INVALID_OPTION',
      'The certificate must be a CertificateInfo as readCertificates returns it (with commonNames, dnsNames and ipAddresses).',
    );
  }
  if (typeof host !== 'string')
    throw new SupCertError(
      'INVALID_OPTION',
      'The host must be a string, e.g. "sup01.corp.contoso.com".',
    );
  if (!(MATCH_PROFILES as readonly unknown[]).includes(profile))
    throw new SupCertError(
      'INVALID_OPTION',
      `The profile must be ${MATCH_PROFILES.map((p) => `"${p}"`).join(' or ')}.`,
    );
}

/**
 * The full answer: whether, how and through which identifier `host` matches.
 * @throws SupCertError INVALID_OPTION when `cert` is not a CertificateInfo, `host` not a string or `profile` unknown.
 */
export function explainHostMatch(
  cert: CertificateInfo,
  host: string,
  profile: MatchProfile = 'windows',
): HostMatch {
  checkMatchInputs(cert, host, profile);
  const h = normalizeHost(host);
  const names = presentedNames(cert);
  const hasSan = cert.dnsNames !== null;
  const result: HostMatch = { host: h, matched: false, hasSan };
  // A host is a name, never a pattern: a "*" in it matches nothing (matchPresented says so too;
  // this spares the loop).
  if (h.hasNul || h.value === '' || h.value.includes('*')) return result;
  // A SAN dNSName never names an IP host, and a SAN hides the CN (matchPresented keeps the CN
  // from the strict profile).
  const found =
    h.kind === 'ip'
      ? (findPresented(names.sanIp, h, profile) ??
        (hasSan ? null : findPresented(names.cn, h, profile)))
      : findPresented(hasSan ? names.sanDns : names.cn, h, profile);
  if (found) Object.assign(result, { matched: true, ...found });
  return result;
}

/**
 * docs/api.md: does `host` match the certificate under the profile (default `windows`)?
 * @throws SupCertError INVALID_OPTION when `cert` is not a CertificateInfo, `host` not a string, or the options are not an object with a known profile.
 */
export function matchHostname(
  cert: CertificateInfo,
  host: string,
  options: { profile?: MatchProfile } = {},
): boolean {
  if (typeof options !== 'object' || options === null)
    throw new SupCertError(
      'INVALID_OPTION',
      'The options of matchHostname must be an object, e.g. { profile: "windows" }.',
    );
  return explainHostMatch(cert, host, options.profile ?? 'windows').matched;
}
