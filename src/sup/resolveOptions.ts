import { SupCertError } from '../errors.js';
import { isIPv6 } from '../names/hostname.js';
import { MATCH_PROFILES } from '../names/matchHostname.js';
import { parseNameList } from '../names/parseNameList.js';
import {
  CONNECTIONS,
  DEFAULT_TARGET_OS,
  GENERATIONS,
  ISSUER_TYPES,
  TARGET_OS,
} from '../rules/optionValues.js';
import type { ResolvedOptions } from '../rules/SupRule.js';
import { oneOf as checkOneOf } from '../util/oneOf.js';
import { quoteValue } from '../util/quote.js';
import type { SupOptions } from './SupOptions.js';

const invalid = (message: string): SupCertError => new SupCertError('INVALID_OPTION', message);

/** Longest DNS name (RFC 1035: 253 characters written out, one trailing dot allowed). */
const MAX_HOST = 254;
/** Longest option value quoted in a message. */
const QUOTE_MAX = 100;
const q = (value: string): string => `"${quoteValue(value, QUOTE_MAX)}"`;

/** An enum option (rules/optionValues.ts), or `fallback` when it is not given. */
const oneOf = <T extends string>(
  value: unknown,
  allowed: readonly T[],
  name: string,
  fallback: T,
): T => checkOneOf(value, allowed, name, invalid) ?? fallback;

/** scheme://[userinfo@]host[:port][/path?query#fragment] */
const URL_FORM =
  /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/:?#]*)(?::[^/?#]*)?([/?#].*)?$/is;
/** What a host name (FQDN, NetBIOS name, IDN U-labels) or an IPv4 literal may contain. */
const HOST_CHARS = /^[\p{L}\p{N}\p{M}_.-]+$/u;

const CHAR_NAMES: Record<string, string> = {
  ' ': 'a space',
  ',': 'a comma',
  ';': 'a semicolon',
  '\\': 'a backslash',
  '/': 'a "/"',
  ':': 'a ":"',
  '"': 'a double quote',
  "'": 'a quote',
  '`': 'a backquote',
  '@': 'an "@"',
  '?': 'a "?"',
  '#': 'a "#"',
  '%': 'a "%"',
  '&': 'an "&"',
  '*': 'a "*"',
};

function describeChar(c: string): string {
  if (CHAR_NAMES[c]) return CHAR_NAMES[c];
  const code = c.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f)
    return `a control character (\\x${code.toString(16).padStart(2, '0')})`;
  if (/\s/u.test(c))
    return `a whitespace character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `"${c}" (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * Checks one host name as given by the administrator and returns the host to judge. A URL
 * (`https://sup01.corp.contoso.com:8531/`) gives its host, with a note saying so (in `notes`,
 * reported as info by SUP-NAME-005). Anything no host name has (spaces, commas, backslashes,
 * quotes, "/", ":" outside an IPv6 address, control characters, empty labels) is refused.
 *
 * @throws SupCertError INVALID_OPTION naming the option and the value (cut to 100 characters).
 */
export function checkHostName(raw: string, option: string, notes: string[]): string {
  let host = raw.trim();
  if (host === '')
    throw invalid(
      `${option} is empty: give the host name clients connect to, or leave the option out (an unset variable?).`,
    );
  const url = URL_FORM.exec(host);
  if (url) {
    const shown = host.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1');
    host = url[2]!;
    if (host === '')
      throw invalid(
        `${option} ${q(shown)} is a URL without a host name. Give the host name clients connect to.`,
      );
    notes.push(
      `${option} ${q(shown)} is a URL; judged its host name "${quoteValue(host, QUOTE_MAX)}" (a certificate holds host names, never URLs, ports or paths)`,
    );
  }
  const bracketed = host.startsWith('[') && host.endsWith(']');
  const inner = bracketed ? host.slice(1, -1) : host;
  if (bracketed || inner.includes(':')) {
    if (isIPv6(inner)) return inner;
    const port = /^[^:]+:\d+$/.test(host);
    throw invalid(
      `${option} ${q(raw.trim())} contains ${describeChar(':')}${port ? ' (a port?)' : ''}, which no host name has, and is not an IPv6 address. Give the host name alone, e.g. "sup01.corp.contoso.com".`,
    );
  }
  if (!HOST_CHARS.test(host)) {
    const bad = [...host].find((c) => !HOST_CHARS.test(c))!;
    throw invalid(
      `${option} ${q(raw.trim())} contains ${describeChar(bad)}, which no host name has. Give one host name, e.g. "sup01.corp.contoso.com"${bad === ',' || bad === ' ' || bad === ';' ? ' (several names: names "intranet&internet")' : ''}.`,
    );
  }
  if (host.length > MAX_HOST) {
    throw invalid(
      `${option} ${q(raw.trim())} is longer than ${MAX_HOST} characters, the most a DNS name has: it is not a host name.`,
    );
  }
  if (host.startsWith('.') || host.includes('..') || host.startsWith('-')) {
    throw invalid(
      `${option} ${q(raw.trim())} has an empty label or starts with "${host.charAt(0)}": it is not a host name.`,
    );
  }
  return host;
}

function optionalName(value: unknown, option: string, notes: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${option} must be a string (a host name).`);
  const trimmed = value.trim();
  if (trimmed.includes('&'))
    throw invalid(
      `${option} ${q(trimmed)} contains "&": give both names as names: "intranet&internet", or each in its own option.`,
    );
  if (trimmed.includes('*'))
    throw invalid(
      `${option} ${q(trimmed)} contains "*": give the host name clients connect to, not a pattern.`,
    );
  return checkHostName(value, option, notes);
}

/** The `names` list: positions matter (first intranet, second internet), so no empty position may shift them. */
function nameList(value: unknown, notes: string[]): string[] {
  if (typeof value !== 'string')
    throw invalid('names must be a string such as "sup01.corp.contoso.com&sup01.contoso.com".');
  if (value.trim() === '')
    throw invalid(
      'names is empty: give "intranet&internet" (e.g. "sup01.corp.contoso.com&sup01.contoso.com"), or leave the option out (an unset variable?).',
    );
  const body = value.trim().replace(/^san\s*:\s*/i, '');
  const tokens = body.split('&');
  if (tokens.every((t) => t.trim().replace(/^(["'])\1$/, '') === '')) {
    throw invalid(
      `names ${q(value)} holds no name: give "intranet&internet" (e.g. "sup01.corp.contoso.com&sup01.contoso.com").`,
    );
  }
  const emptyAt = tokens.findIndex(
    (t, i) => t.trim().replace(/^(["'])\1$/, '') === '' && !(i > 0 && i === tokens.length - 1),
  );
  if (emptyAt >= 0) {
    const role =
      emptyAt === 0
        ? " (the intranet name's place)"
        : emptyAt === 1
          ? " (the internet name's place)"
          : '';
    throw invalid(
      `names ${q(value)} has an empty name at position ${emptyAt + 1}${role}: the names after it would shift to the wrong role. Give "intranet&internet", or intranetName / internetName on their own.`,
    );
  }
  // A non-DNS identity (ipaddress=, email= ...) is dropped by parseNameList: in the intranet or
  // internet place it would shift the names after it to the wrong role.
  const shifted = tokens.findIndex((t, i) => i < 2 && i < tokens.length - 1 && isNonDnsIdentity(t));
  if (shifted >= 0) {
    throw invalid(
      `names ${q(value)} has a non-DNS identity (${q(tokens[shifted]!.trim())}) in the ${shifted === 0 ? 'intranet' : 'internet'} name's place: it is ignored, so the names after it would shift to the wrong role. A software update point is reached by DNS names: give "intranet&internet".`,
    );
  }
  const parsed = parseNameList(value);
  for (const p of parsed.problems) if (!/contains spaces or commas/.test(p)) notes.push(p);
  return parsed.names.map((name, i) => checkHostName(name, `names (name ${i + 1})`, notes));
}

/**
 * Checks the options and fills in the defaults the rules rely on: SupOptions (the caller's, sup's
 * type) in, the rules' ResolvedOptions (rules/SupRule.ts) out.
 *
 * @throws SupCertError INVALID_OPTION for a bad value: an empty or malformed host name, `names`
 *   that disagree with intranetName/internetName, an unknown enum value, `skipNames` with names.
 */
export function resolveOptions(options: SupOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw invalid('options must be an object.');
  const notes: string[] = [];
  let intranetName = optionalName(options.intranetName, 'intranetName', notes);
  let internetName = optionalName(options.internetName, 'internetName', notes);
  let extraNames: string[] = [];
  if (options.names !== undefined && options.names !== null) {
    const [first, second, ...rest] = nameList(options.names, notes);
    const same = (a: string | undefined, b: string | undefined): boolean =>
      !a || !b || a.toLowerCase() === b.toLowerCase();
    if (!same(intranetName, first) || !same(internetName, second)) {
      throw invalid(
        `names ${q(options.names)} disagrees with intranetName/internetName; give the names one way only.`,
      );
    }
    intranetName ??= first;
    internetName ??= second;
    extraNames = rest;
  }
  const skipNames = options.skipNames ?? false;
  if (typeof skipNames !== 'boolean') throw invalid('skipNames must be true or false.');
  if (skipNames && (intranetName || internetName))
    throw invalid(
      'skipNames is true but names were given: give the names (they will be checked) or skipNames, not both.',
    );
  const connections = oneOf(
    options.connections,
    CONNECTIONS,
    'connections',
    intranetName && internetName ? 'both' : internetName ? 'internet' : 'intranet',
  );
  const at = options.at ?? new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw invalid('at must be a valid Date.');
  const expiryWarningDays = options.expiryWarningDays ?? 30;
  if (
    typeof expiryWarningDays !== 'number' ||
    !Number.isFinite(expiryWarningDays) ||
    expiryWarningDays < 0
  )
    throw invalid('expiryWarningDays must be a number of days, 0 or more.');
  // Without a prototype: its optional names are read everywhere (`options.configureSslName`),
  // and a key set on Object.prototype must not be read as one.
  const resolved: ResolvedOptions = Object.assign(Object.create(null) as ResolvedOptions, {
    extraNames,
    connections,
    generation: oneOf(options.generation, GENERATIONS, 'generation', 'current'),
    at,
    expiryWarningDays,
    profile: oneOf(options.profile, MATCH_PROFILES, 'profile', 'windows'),
    nameListProblems: notes,
    skipNames,
    targetOs: oneOf(options.targetOs, TARGET_OS, 'targetOs', DEFAULT_TARGET_OS),
  });
  if (intranetName) resolved.intranetName = intranetName;
  if (internetName) resolved.internetName = internetName;
  const configureSslName = optionalName(options.configureSslName, 'configureSslName', notes);
  if (configureSslName) resolved.configureSslName = configureSslName;
  if (options.issuerType !== undefined)
    resolved.issuerType = oneOf(options.issuerType, ISSUER_TYPES, 'issuerType', 'enterprise');
  return resolved;
}

/**
 * Is `token` a typed identity other than dns= ("ipaddress=10.0.0.5", "email=x", "upn=…"), as the
 * Windows CA's SAN attribute syntax writes it? A linear scan (token text comes from the user):
 * optional spaces and one quote, a letter, letters or digits, optional spaces, then "=".
 */
function isNonDnsIdentity(token: string): boolean {
  let i = 0;
  const skipSpaces = (): void => {
    while (i < token.length && /\s/.test(token[i]!)) i++;
  };
  skipSpaces();
  if (token[i] === '"' || token[i] === "'") i++;
  skipSpaces();
  const start = i;
  if (!/[a-z]/i.test(token.charAt(i))) return false;
  while (i < token.length && /[a-z0-9]/i.test(token[i]!)) i++;
  const type = token.slice(start, i).toLowerCase();
  skipSpaces();
  return token[i] === '=' && type !== 'dns';
}
