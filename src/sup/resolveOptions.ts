import { SupCertError } from '../errors.js';
import { parseNameList } from '../names/parseNameList.js';
import type { ResolvedOptions } from '../rules/SupRule.js';
import type { SupOptions } from './SupOptions.js';

const invalid = (message: string): SupCertError => new SupCertError('INVALID_OPTION', message);

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw invalid(`${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
  return value as T;
}

function optionalName(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be a string.`);
  const trimmed = value.trim();
  if (trimmed.includes('&')) throw invalid(`${name} "${trimmed}" contains "&": give both names as names: "intranet&internet", or each in its own option.`);
  if (trimmed.includes('*')) throw invalid(`${name} "${trimmed}" contains "*": give the host name clients connect to, not a pattern.`);
  return trimmed || undefined;
}

/** Checks the options and fills in the defaults the rules rely on. */
export function resolveOptions(options: SupOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw invalid('options must be an object.');
  let intranetName = optionalName(options.intranetName, 'intranetName');
  let internetName = optionalName(options.internetName, 'internetName');
  let extraNames: string[] = [];
  let nameListProblems: string[] = [];
  if (options.names !== undefined && options.names !== '') {
    if (typeof options.names !== 'string') throw invalid('names must be a string such as "sup01.corp.contoso.com&sup01.contoso.com".');
    const parsed = parseNameList(options.names);
    nameListProblems = parsed.problems;
    const [first, second, ...rest] = parsed.names;
    const same = (a: string | undefined, b: string | undefined): boolean => !a || !b || a.toLowerCase() === b.toLowerCase();
    if (!same(intranetName, first) || !same(internetName, second)) {
      throw invalid(`names "${options.names}" disagrees with intranetName/internetName; give the names one way only.`);
    }
    intranetName ??= first;
    internetName ??= second;
    extraNames = rest;
  }
  const connections = oneOf(options.connections, ['intranet', 'internet', 'both', 'cmg'] as const, 'connections',
    intranetName && internetName ? 'both' : internetName ? 'internet' : 'intranet');
  const at = options.at ?? new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw invalid('at must be a valid Date.');
  const expiryWarningDays = options.expiryWarningDays ?? 30;
  if (typeof expiryWarningDays !== 'number' || !Number.isFinite(expiryWarningDays) || expiryWarningDays < 0) throw invalid('expiryWarningDays must be a number of days, 0 or more.');
  const resolved: ResolvedOptions = {
    extraNames,
    connections,
    generation: oneOf(options.generation, ['2007', '2012', 'current'] as const, 'generation', 'current'),
    at,
    expiryWarningDays,
    profile: oneOf(options.profile, ['windows', 'strict'] as const, 'profile', 'windows'),
    nameListProblems,
  };
  if (intranetName) resolved.intranetName = intranetName;
  if (internetName) resolved.internetName = internetName;
  const configureSslName = optionalName(options.configureSslName, 'configureSslName');
  if (configureSslName) resolved.configureSslName = configureSslName;
  if (options.issuerType !== undefined) resolved.issuerType = oneOf(options.issuerType, ['enterprise', 'public', 'self-signed'] as const, 'issuerType', 'enterprise');
  return resolved;
}
