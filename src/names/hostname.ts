import { formatIpAddress } from '../x509/ipAddress.js';
import { lastItem } from '../util/item.js';

// node:net's isIPv4 / isIPv6 (Node 20 lib/internal/net.js: two regular expressions), as linear
// scans in plain JavaScript so that the library runs in browsers; test/hostname-port.test.ts
// compares them with node:net.

/** A decimal octet as node:net writes its pattern: 0-255, no leading zero. */
function isV4Segment(s: string): boolean {
  if (s.length === 0 || s.length > 3) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return (s.length === 1 || s.charAt(0) !== '0') && Number(s) <= 255;
}

/** An IPv4 literal, as node:net's isIPv4 says (dotted decimal, no leading zeros). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every(isV4Segment);
}

const isHexGroup = (s: string): boolean =>
  s.length >= 1 && s.length <= 4 && /^[0-9a-fA-F]+$/.test(s);
const isZoneChar = (c: string): boolean => /^[0-9a-zA-Z.:-]$/.test(c);

/**
 * An IPv6 literal, as node:net's isIPv6 says: eight groups of 1-4 hex digits, the last two of
 * which may be a dotted IPv4 address; one "::" standing for one or more zero groups; then an
 * optional "%zone" of letters, digits, "-", "." and ":".
 */
export function isIPv6(text: string): boolean {
  const percent = text.indexOf('%');
  const address = percent < 0 ? text : text.slice(0, percent);
  if (percent >= 0) {
    const zone = text.slice(percent + 1);
    if (zone.length === 0 || ![...zone].every(isZoneChar)) return false;
  }
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const compressed = halves.length === 2;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (halves.some((h) => h !== '' && h.split(':').some((g) => g === ''))) return false;
  // A dotted IPv4 tail: only as the very last element, after a group or the "::".
  const last = lastItem(groups);
  const v4 =
    last !== undefined && last.includes('.') && (!compressed || halves[1] !== '') && isIPv4(last);
  const hexGroups = v4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every(isHexGroup)) return false;
  const count = hexGroups.length + (v4 ? 2 : 0);
  return compressed ? count <= 7 : count === 8;
}

/**
 * IDNA ToASCII as node:url's domainToASCII: the WHATWG URL host parser (Node's domainToASCII
 * sets the host of a "ws://x" URL the same way), '' when the host is refused. The setter keeps
 * the old host on failure, so two URLs with different hosts tell a refusal from a result.
 */
export function domainToASCII(input: string): string {
  if (input === '') return '';
  const a = new URL('ws://x');
  const b = new URL('ws://y');
  a.hostname = input;
  b.hostname = input;
  return a.hostname === b.hostname ? a.hostname : '';
}

/**
 * 4, 6 or 0 like node:net's isIP, but without compiling the IPv6 pattern for every name that has
 * no ":" (that first compile costs 8-25 ms of CLI start-up).
 */
function ipFamily(text: string): 0 | 4 | 6 {
  if (text.includes(':')) return isIPv6(text) ? 6 : 0;
  return isIPv4(text) ? 4 : 0;
}

/** The `changes` entry of a name normalizeHost converted to A-labels. */
export const IDN_CONVERTED = 'internationalised name compared as A-labels';

/** A host name or address after the normalisation both matching profiles share. */
export interface NormalizedHost {
  kind: 'dns' | 'ip';
  /** Lowercase, one trailing dot removed, IDN as A-labels; IPv6 without brackets. */
  value: string;
  /** What normalisation changed, for messages ("trailing dot removed", "IDN converted"). */
  changes: string[];
  /** Contains a NUL byte: never matches anything (SUP-NAME-012). */
  hasNul: boolean;
}

/**
 * Normalises a name the way SUP-NAME-012 says both sides are compared: case-insensitive, one
 * trailing dot ignored, internationalised names as A-labels (punycode). Used for the required
 * host and for every presented identifier.
 */
export function normalizeHost(raw: string): NormalizedHost {
  const changes: string[] = [];
  let value = raw.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  const family = ipFamily(value);
  // Addresses compare as addresses: "00ff::" and "ff:0:0:0:0:0:0:0" are the SAN's "ff::".
  if (family === 4) return { kind: 'ip', value, changes, hasNul: false };
  if (family === 6)
    return { kind: 'ip', value: formatIpAddress(ipv6Bytes(value)), changes, hasNul: false };
  const hasNul = value.includes('\0');
  if (value.endsWith('.') && !value.endsWith('..')) {
    value = value.slice(0, -1);
    changes.push('trailing dot removed');
  }
  if (/[^\x00-\x7f]/.test(value)) {
    // domainToASCII refuses a wildcard label; convert the rest and keep "*." as it is.
    const wildcard = value.startsWith('*.');
    const body = wildcard ? value.slice(2) : value;
    // Punycode costs O(n²) in a label's length. A label's A-label is never shorter than the label,
    // and DNS allows 63 octets per label and 253 per name (RFC 1035 §2.3.4), so a longer one can
    // name no host: it is left as it is (it matches nothing) instead of being converted.
    if (!fitsDns(body)) {
      changes.push(
        `internationalised name not converted: longer than DNS allows (${MAX_LABEL} characters per label, ${MAX_NAME} per name), so it names no host`,
      );
    } else {
      const ascii = domainToASCII(body);
      if (ascii) {
        value = wildcard ? `*.${ascii}` : ascii;
        changes.push(IDN_CONVERTED);
      }
    }
  }
  return { kind: 'dns', value: value.toLowerCase(), changes, hasNul };
}

/** Longest DNS label and name in octets (RFC 1035 §2.3.4; 253 without the trailing dot). */
const MAX_LABEL = 63;
const MAX_NAME = 253;

/** True when no label of `name` is longer than 63 characters and the name not longer than 253: checked before any IDN conversion. */
export function fitsDns(name: string): boolean {
  if (name.length > MAX_NAME) return false;
  let start = 0;
  for (;;) {
    const dot = name.indexOf('.', start);
    const end = dot < 0 ? name.length : dot;
    if (end - start > MAX_LABEL) return false;
    if (dot < 0) return true;
    start = dot + 1;
  }
}

/** A single-label name (NetBIOS computer name, "sup01"): no dot. */
export function isSingleLabel(host: string): boolean {
  return !host.includes('.') && ipFamily(host) === 0;
}

/** An IPv4 or IPv6 literal. */
export function isIpAddress(text: string): boolean {
  let t = text.trim();
  if (t.startsWith('[')) t = t.slice(1);
  if (t.endsWith(']')) t = t.slice(0, -1);
  return ipFamily(t) !== 0;
}

/** The 16 bytes of an IPv6 literal that node:net's isIPv6 accepted ("::" and a dotted IPv4 tail allowed). */
export function ipv6Bytes(text: string): Uint8Array {
  // Linear scans, no regular expressions: the text can come from a certificate.
  const zone = text.indexOf('%');
  let body = zone < 0 ? text : text.slice(0, zone);
  const lastColon = body.lastIndexOf(':');
  const quad = body.slice(lastColon + 1).split('.');
  if (quad.length === 4 && quad.every((q) => q !== '' && isDigits(q))) {
    const [a, b, c, d] = quad.map(Number) as [number, number, number, number];
    body = `${body.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = body.split('::') as [string, string | undefined];
  const parse = (part: string | undefined): number[] =>
    part ? part.split(':').map((g) => parseInt(g, 16)) : [];
  const left = parse(head);
  const right = parse(tail);
  const groups =
    tail === undefined
      ? left
      : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
