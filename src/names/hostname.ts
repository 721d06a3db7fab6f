import { domainToASCII } from 'node:url';
import { isIPv4, isIPv6 } from 'node:net';
import { formatIpAddress } from '../x509/ipAddress.js';

/**
 * 4, 6 or 0 like node:net's isIP, but without compiling the IPv6 pattern for every name that has
 * no ":" (that first compile costs 8-25 ms of CLI start-up).
 */
function ipFamily(text: string): 0 | 4 | 6 {
  if (text.includes(':')) return isIPv6(text) ? 6 : 0;
  return isIPv4(text) ? 4 : 0;
}

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
  if (family === 6) return { kind: 'ip', value: formatIpAddress(ipv6Bytes(value)), changes, hasNul: false };
  const hasNul = value.includes('\0');
  if (value.endsWith('.') && !value.endsWith('..')) {
    value = value.slice(0, -1);
    changes.push('trailing dot removed');
  }
  if (/[^\x00-\x7f]/.test(value)) {
    // domainToASCII refuses a wildcard label; convert the rest and keep "*." as it is.
    const wildcard = value.startsWith('*.');
    const ascii = domainToASCII(wildcard ? value.slice(2) : value);
    if (ascii) {
      value = wildcard ? `*.${ascii}` : ascii;
      changes.push('internationalised name compared as A-labels');
    }
  }
  return { kind: 'dns', value: value.toLowerCase(), changes, hasNul };
}

/** A single-label name (NetBIOS computer name, "sup01"): no dot. */
export function isSingleLabel(host: string): boolean {
  return !host.includes('.') && ipFamily(host) === 0;
}

/** An IPv4 or IPv6 literal. */
export function isIpAddress(text: string): boolean {
  const t = text.trim().replace(/^\[|\]$/g, '');
  return ipFamily(t) !== 0;
}

/** The 16 bytes of an IPv6 literal that node:net's isIPv6 accepted ("::" and a dotted IPv4 tail allowed). */
export function ipv6Bytes(text: string): Uint8Array {
  let body = text.replace(/%.*$/, '');
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(body);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    body = `${body.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = body.split('::') as [string, string | undefined];
  const parse = (part: string | undefined): number[] => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const groups = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => { bytes[2 * i] = g >> 8; bytes[2 * i + 1] = g & 0xff; });
  return bytes;
}
