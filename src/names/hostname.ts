import { domainToASCII } from 'node:url';
import { isIP } from 'node:net';

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
  if (isIP(value)) return { kind: 'ip', value: value.toLowerCase(), changes, hasNul: false };
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
  return !host.includes('.') && isIP(host) === 0;
}

/** An IPv4 or IPv6 literal. */
export function isIpAddress(text: string): boolean {
  const t = text.trim().replace(/^\[|\]$/g, '');
  return isIP(t) !== 0;
}
