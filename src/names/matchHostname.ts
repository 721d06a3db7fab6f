import { SupCertError } from '../errors.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { type NormalizedHost, normalizeHost } from './hostname.js';

/**
 * Host-name matching, two profiles (docs/names.md, "Host-name matching"):
 * - `windows` (default): the model of CertVerifyCertificateChainPolicy(SSL) that WinHTTP and the
 *   Windows Update Agent use. Only SAN dNSName entries count once a SAN extension exists (even one
 *   without dNSName entries); without a SAN, every subject CN is compared. Case-insensitive, one
 *   trailing dot ignored, IDNs as A-labels. A wildcard counts only as the whole left-most label,
 *   stands for exactly one label, and never for a label directly under a single remaining one
 *   (`*.local`); partial-label wildcards (`sup*.contoso.com`) are literal text and match nothing.
 * - `strict`: RFC 9525. The same rules for DNS-IDs, no CN fallback at all.
 * IP hosts match iPAddress SAN entries in both profiles (and a CN's text under `windows` with no SAN).
 * A name with a NUL byte never matches; nor does a SAN dNSName that ends in a dot or holds raw
 * non-ASCII (`unusableDnsName`). The SAN is 2.5.29.17, or the obsolete 2.5.29.7 when it is absent
 * (CertificateInfo.sanExtension; Wine chain.c chain29, verified on Windows).
 */
export type MatchProfile = 'windows' | 'strict';

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

interface Presented {
  raw: string;
  norm: NormalizedHost;
  /** Why this SAN dNSName never matches although its normalised text might (the Windows model: no Windows-verified result matches it). */
  unusable?: string;
}

interface PresentedNames {
  sanDns: Presented[];
  sanIp: string[];
  cn: Presented[];
}

const cache = new WeakMap<CertificateInfo, PresentedNames>();

/** The certificate's identifiers, normalised once per certificate (matching stays linear). */
function presentedNames(cert: CertificateInfo): PresentedNames {
  let names = cache.get(cert);
  if (!names) {
    const toPresented = (raw: string): Presented => ({ raw, norm: normalizeHost(raw) });
    const toSanDns = (raw: string): Presented => {
      const p = toPresented(raw);
      const why = unusableDnsName(raw);
      return why ? { ...p, unusable: why } : p;
    };
    names = {
      sanDns: (cert.dnsNames ?? []).map(toSanDns),
      sanIp: cert.ipAddresses.map((ip) => normalizeHost(ip).value),
      cn: cert.commonNames.map(toPresented),
    };
    cache.set(cert, names);
  }
  return names;
}

/**
 * Whether `pattern` (a normalised presented DNS identifier) matches `host` under the rules both
 * profiles share. Exposed for the wildcard rule, which explains why an entry does not count.
 */
export function dnsIdMatches(pattern: string, host: string): 'exact' | 'wildcard' | false {
  if (pattern === host) return 'exact';
  if (!pattern.startsWith('*.')) return false;
  const rest = pattern.slice(2);
  // One more '*' anywhere, or a single remaining label ("*.local"), and it is not a wildcard.
  if (rest.includes('*') || !rest.includes('.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === rest ? 'wildcard' : false;
}

/**
 * Why a SAN dNSName never matches, whatever its text after normalisation (both profiles):
 * - it ends in a dot ("sup01.corp.contoso.com."): a dNSName is in the preferred name syntax,
 *   without the root's dot (RFC 5280 §4.2.1.6); Wine's crypt32 compares the text and does not match
 *   it, and no Windows-verified result says Windows does, so a gate must not count on it;
 * - it holds raw non-ASCII (UTF-8 bytes in the IA5String, an emoji label): RFC 5280 §7.2 requires
 *   A-labels in a dNSName, so it is never converted into a match for a punycode host.
 */
export function unusableDnsName(raw: string): string | undefined {
  if (raw.endsWith('.'))
    return "it ends in a dot, and a SAN dNSName is written without it (RFC 5280 §4.2.1.6); Windows' matching is not documented to drop it (Wine's crypt32 does not), so it is not counted";
  if (/[^\x00-\x7f]/.test(raw))
    return 'it holds non-ASCII characters, and a SAN dNSName must hold an internationalised name as A-labels ("xn--…", RFC 5280 §7.2), so it matches no host';
  return undefined;
}

/** The SAN dNSName that would name `host` but for `unusableDnsName`, with the reason. */
export function unusableSanEntry(
  cert: CertificateInfo,
  host: string,
): { presented: string; reason: string } | null {
  const h = normalizeHost(host);
  for (const p of presentedNames(cert).sanDns) {
    if (
      p.unusable &&
      !p.norm.hasNul &&
      p.norm.kind === 'dns' &&
      dnsIdMatches(p.norm.value, h.value)
    )
      return { presented: p.raw, reason: p.unusable };
  }
  return null;
}

function findDns(
  list: Presented[],
  host: string,
  wildcardVia: MatchSource,
  exactVia: MatchSource,
): { via: MatchSource; presented: string } | null {
  for (const p of list) {
    if (p.norm.hasNul || p.norm.kind !== 'dns' || p.unusable) continue;
    const m = dnsIdMatches(p.norm.value, host);
    if (m) return { via: m === 'exact' ? exactVia : wildcardVia, presented: p.raw };
  }
  return null;
}

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
  if (profile !== 'windows' && profile !== 'strict')
    throw new SupCertError('INVALID_OPTION', 'The profile must be "windows" or "strict".');
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
  // A host is a name, never a pattern: a "*" in it matches nothing (not even a wildcard entry).
  if (h.hasNul || h.value === '' || h.value.includes('*')) return result;
  let found: { via: MatchSource; presented: string } | null = null;
  if (h.kind === 'ip') {
    const ip = names.sanIp.find((v) => v === h.value);
    if (ip) found = { via: 'san-ip', presented: ip };
    else if (profile === 'windows' && !hasSan) {
      // Without a SAN, Windows compares the CN as text: an address written there matches.
      const cn = names.cn.find((p) => !p.norm.hasNul && p.norm.value === h.value);
      if (cn) found = { via: 'cn', presented: cn.raw };
    }
  } else if (hasSan) {
    found = findDns(names.sanDns, h.value, 'san-wildcard', 'san-dns');
  } else if (profile === 'windows') {
    found = findDns(names.cn, h.value, 'cn-wildcard', 'cn');
  }
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
