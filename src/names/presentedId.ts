import { IDN_CONVERTED, type NormalizedHost, normalizeHost } from './hostname.js';
import { item } from '../util/item.js';

/**
 * Presented identifier versus reference identifier: the one place that decides whether a name
 * a certificate presents (a SAN dNSName or iPAddress, a subject CN) stands for the host a client
 * connects to, and what a wildcard in it means. Certificate-level questions (does a SAN hide the
 * CN, which entry is reported) are explainHostMatch's (matchHostname.ts); the name rules
 * (SUP-NAME-010, requiredNames) and the name-constraint check (src/chain/nameConstraints.ts) ask
 * their wildcard questions here.
 *
 * Profiles:
 * - `windows` (the default everywhere): CertVerifyCertificateChainPolicy(SSL) as WinHTTP and the
 *   Windows Update Agent call it. A wildcard counts only as the whole left-most label, stands for
 *   exactly one non-empty label, and never for a label directly under a single remaining one
 *   (`*.local`); a partial-label wildcard (`sup*.contoso.com`) is literal text and matches nothing
 *   (Wine crypt32 tests chain.c chain29/chain31, asserted on Windows).
 * - `strict`: RFC 9525 §6.3. The same wildcard rule; the subject CN is never an identifier.
 * - `lax`: RFC 2818 §3.1 read loosely, used only to explain a failure ("this entry would match in
 *   a browser, not on Windows"): every `*` stands for any run of characters inside one label, the
 *   labels are compared one for one. No client supcert models accepts this; nothing passes on it.
 *
 * Both sides are compared after normalizeHost (lowercase, one trailing dot ignored, IDN as
 * A-labels); name constraints compare the text as written, lowercased (`subtreeForm`).
 */
export type IdProfile = 'windows' | 'strict' | 'lax';

/** Where the `*` of a presented DNS identifier stands. */
export type WildcardShape =
  /** `*.corp.contoso.com`: one `*`, the whole left-most label. */
  | 'left-most-label'
  /** `sup*.contoso.com`, `*sup.contoso.com`: one `*` inside the left-most label, with other characters. */
  | 'partial-label'
  /** `sup.*.contoso.com`: one `*`, in a label other than the left-most. */
  | 'inner-label'
  /** `*.*.contoso.com`, `s*p*.contoso.com`: more than one `*`. */
  | 'several'
  /** `*` alone: no domain at all. */
  | 'alone';

/** A presented DNS identifier that holds a `*`, parsed once: every wildcard question reads this. */
export interface Wildcard {
  /** The identifier as parsed (the caller's normal form: normalizeHost's value, or `subtreeForm`). */
  text: string;
  /** Its labels, left to right (`text` split at every dot; empty labels kept). */
  labels: string[];
  /** How many `*` characters it holds (1 or more). */
  stars: number;
  shape: WildcardShape;
  /**
   * What the left-most label `*` stands in front of ("corp.contoso.com" for
   * "*.corp.contoso.com"; "" for "*."), whatever else the name holds; null when the left-most
   * label is not exactly `*` or nothing follows it.
   */
  base: string | null;
  /** Windows honours it: shape `left-most-label` over at least two more labels. */
  windows: boolean;
  /** RFC 9525 (the strict profile) honours it: the same rule as Windows. */
  strict: boolean;
}

/** The wildcard model of `text` (already in the caller's normal form), or null when it holds no `*`. */
export function parseWildcard(text: string): Wildcard | null {
  if (!text.includes('*')) return null;
  const labels = text.split('.');
  let stars = 0;
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) stars++;
  const first = labels[0]!;
  const shape: WildcardShape =
    stars > 1
      ? 'several'
      : first === '*'
        ? labels.length === 1
          ? 'alone'
          : 'left-most-label'
        : first.includes('*')
          ? 'partial-label'
          : 'inner-label';
  const base = first === '*' && labels.length > 1 ? text.slice(2) : null;
  // "*.local" (one label after the "*") is no wildcard: it would stand for every host of a
  // top-level name. Wine's reading and RFC 9525's; no Windows-verified result says otherwise.
  const honoured = shape === 'left-most-label' && labels.length >= 3;
  return { text, labels, stars, shape, base, windows: honoured, strict: honoured };
}

/**
 * Whether the wildcard stands for `host` (normalised like the wildcard) under `profile`:
 * - `windows` / `strict`: honoured, and `host` is one non-empty label followed by its base;
 * - `lax`: as many labels as `host`, each equal to the host's or, where it holds `*`, a
 *   `globMatch` of it.
 */
export function wildcardMatches(w: Wildcard, host: string, profile: IdProfile): boolean {
  if (profile === 'lax') {
    const hostLabels = host.split('.');
    if (w.labels.length !== hostLabels.length) return false;
    return w.labels.every((label, i) =>
      label.includes('*') ? globMatch(label, hostLabels[i]!) : label === item(hostLabels, i),
    );
  }
  if (!w[profile]) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === w.base;
}

/**
 * Whether the presented DNS identifier `pattern` stands for `host`, both normalised
 * (normalizeHost's value): 'exact' when the texts are equal, 'wildcard' when a wildcard in
 * `pattern` stands for it under `profile`, false otherwise.
 */
export function dnsIdMatches(
  pattern: string,
  host: string,
  profile: IdProfile = 'windows',
): 'exact' | 'wildcard' | false {
  if (pattern === host) return 'exact';
  const w = parseWildcard(pattern);
  return w !== null && wildcardMatches(w, host, profile) ? 'wildcard' : false;
}

/**
 * Does `text` match `pattern`, where each '*' stands for any run of characters (labels hold no
 * '.', so this is RFC 2818's "*" within one label)? A linear scan, never a regular expression:
 * the pattern comes from the certificate, and a regex built from "****…z" backtracks
 * exponentially. The literal parts must appear in order; taking each at its leftmost place is
 * optimal, so no backtracking is needed.
 */
export function globMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (parts.length === 1) return pattern === text;
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last))
    return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const at = text.indexOf(part, pos);
    if (at < 0 || at + part.length > end) return false;
    pos = at + part.length;
  }
  return true;
}

/**
 * Why a SAN dNSName never matches, whatever its text after normalisation (both profiles):
 * - it has white space at its start or end ("sup01.corp.contoso.com "): compared as part of the
 *   name by CryptoAPI (Wine's crypt32 does not match it), and no DNS name has it;
 * - it ends in a dot ("sup01.corp.contoso.com."): a dNSName is in the preferred name syntax,
 *   without the root's dot (RFC 5280 §4.2.1.6); Wine's crypt32 compares the text and does not match
 *   it, and no Windows-verified result says Windows does, so a gate must not count on it;
 * - it holds raw non-ASCII (UTF-8 bytes in the IA5String, an emoji label): RFC 5280 §7.2 requires
 *   A-labels in a dNSName, so it is never converted into a match for a punycode host.
 */
export function unusableDnsName(raw: string): string | undefined {
  if (raw !== raw.trim())
    return 'it has white space at its start or end, which Windows compares as part of the name (no DNS name has it), so it matches no host';
  if (raw.endsWith('.'))
    return "it ends in a dot, and a SAN dNSName is written without it (RFC 5280 §4.2.1.6); Windows' matching is not documented to drop it (Wine's crypt32 does not), so it is not counted";
  if (/[^\x00-\x7f]/.test(raw))
    return 'it holds non-ASCII characters, and a SAN dNSName must hold an internationalised name as A-labels ("xn--…", RFC 5280 §7.2), so it matches no host';
  return undefined;
}

/**
 * Why a subject CN never matches, whatever its text after normalisation (windows profile; the
 * strict one never reads the CN). CryptoAPI compares the CN's text, case aside, as it is: Wine's
 * crypt32 matches none of these (scripts/wine-oracle/names-corpus.mjs; docs/wine-differences.md,
 * "Names and chain names") and no Windows-verified result says Windows does, so a gate does not
 * count on them, as for the SAN dNSName (`unusableDnsName`):
 * - white space at its start or end (" sup01.corp.contoso.com");
 * - a trailing dot ("sup01.corp.contoso.com."): one more, empty, label than the host;
 * - an internationalised name, one that normalizeHost would convert to A-labels: Windows compares
 *   it as it is, never as A-labels, so "bücher.contoso.com" does not name
 *   "xn--bcher-kva.contoso.com", and a Kelvin sign or a dotted capital I is no "k" or "i". (A
 *   U-label CN would still name the same U-label host on Windows; no SUP is reached by one, and a
 *   gate does not count on it.) Non-ASCII text that is no host name ("We heart UTF8!™") stays
 *   compared as text, case aside, as before.
 */
export function unusableCommonName(raw: string): string | undefined {
  if (raw !== raw.trim())
    return 'it has white space at its start or end, which Windows compares as part of the name, so it matches no host';
  if (raw.endsWith('.'))
    return 'it ends in a dot, which Windows compares as one more (empty) label, so it matches no host';
  if (normalizeHost(raw).changes.includes(IDN_CONVERTED))
    return 'it holds non-ASCII characters that would have to be converted to A-labels ("xn--…") to name a host, and Windows compares the CN as it is, so it is not counted for any host';
  return undefined;
}

/** Where a presented identifier comes from: a SAN dNSName, a SAN iPAddress, or a subject CN. */
export type PresentedKind = 'san-dns' | 'san-ip' | 'cn';

/** One identifier a certificate presents, normalised once. */
export interface PresentedId {
  kind: PresentedKind;
  /** As written in the certificate (an iPAddress as CertificateInfo.ipAddresses writes it). */
  raw: string;
  norm: NormalizedHost;
  /** The wildcard model of `norm.value` (null for an iPAddress or a name without `*`). */
  wildcard: Wildcard | null;
  /** Why this SAN dNSName or CN never matches although its normalised text might (`unusableDnsName`, `unusableCommonName`). */
  unusable?: string;
}

/** Parses one presented identifier. */
export function presentedId(kind: PresentedKind, raw: string): PresentedId {
  const norm = normalizeHost(raw);
  const id: PresentedId = {
    kind,
    raw,
    norm,
    wildcard: kind === 'san-ip' ? null : parseWildcard(norm.value),
  };
  if (kind !== 'san-ip') {
    const why = kind === 'san-dns' ? unusableDnsName(raw) : unusableCommonName(raw);
    if (why) id.unusable = why;
  }
  return id;
}

/**
 * Whether one presented identifier stands for the reference identifier (the host, as
 * normalizeHost returns it) under `profile`, taken alone: whether a SAN hides the CN is the
 * certificate's question (explainHostMatch). 'exact' or 'wildcard' when it does, false otherwise.
 * - The host is a name, never a pattern: a host with a `*`, a NUL or nothing in it matches nothing.
 * - An IP host matches a SAN iPAddress of the same address and, under `windows` only, a CN whose
 *   text is that address; never a dNSName (an address written there is text).
 * - A DNS host matches a SAN dNSName (unless it has a NUL or is `unusable`) and, under `windows`
 *   only, a CN, by `dnsIdMatches`.
 * - `lax` asks only the explanation's question: does a `*` in the SAN dNSName or CN reach the host
 *   under RFC 2818's loose reading (no NUL, usability or CN checks: it never makes a name pass).
 */
export function matchPresented(
  p: PresentedId,
  host: NormalizedHost,
  profile: IdProfile,
): 'exact' | 'wildcard' | false {
  if (profile === 'lax') {
    const w = p.wildcard;
    return w !== null && wildcardMatches(w, host.value, 'lax') ? 'wildcard' : false;
  }
  if (host.hasNul || host.value === '' || host.value.includes('*')) return false;
  if (p.kind === 'cn' && profile !== 'windows') return false;
  if (host.kind === 'ip') {
    if (p.kind === 'san-dns') return false;
    if (p.kind === 'cn' && (p.norm.hasNul || p.unusable)) return false;
    return p.norm.value === host.value ? 'exact' : false;
  }
  if (p.kind === 'san-ip' || p.norm.hasNul || p.norm.kind !== 'dns' || p.unusable) return false;
  if (p.norm.value === host.value) return 'exact';
  return p.wildcard !== null && wildcardMatches(p.wildcard, host.value, profile)
    ? 'wildcard'
    : false;
}

/**
 * A dNSName as name constraints compare it: the text as written, lowercased, one trailing dot
 * dropped. No IDN conversion: a dNSName that is not in the preferred name syntax fails the
 * constraint check before it is compared (src/chain/nameConstraints.ts).
 */
export function subtreeForm(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** RFC 5280 §4.2.1.10: the subtree "example.com" (lowercase) covers itself and every name made by adding labels on the left; "" covers every name. */
export function dnsNameInSubtree(name: string, constraint: string): boolean {
  const n = subtreeForm(name);
  return constraint === '' || n === constraint || n.endsWith(`.${constraint}`);
}

/**
 * Whether a wildcard could stand for a host inside the subtree `excluded` although its own text
 * is outside: "*.contoso.com" reaches the excluded "secret.contoso.com", whose hosts it names.
 * `w` is parsed from the lowercased name; its `*` is one label, so it reaches a subtree one label
 * under its base, and every subtree its base is in. Asked of every name whose left-most label is
 * `*`, honoured or not: an excluded subtree is closed to any name that might reach it.
 */
export function wildcardReachesSubtree(w: Wildcard, excluded: string): boolean {
  if (w.base === null) return false;
  const domain = w.base.replace(/\.$/, '');
  return (
    dnsNameInSubtree(domain, excluded) ||
    (excluded.endsWith(`.${domain}`) && !excluded.slice(0, -domain.length - 1).includes('.'))
  );
}
