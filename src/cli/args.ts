import { parseArgs } from 'node:util';
import {
  CONNECTIONS,
  GENERATIONS,
  ISSUER_TYPES,
  MATCH_PROFILES,
  SEVERITIES,
  type Severity,
  type SupOptions,
  TARGET_OS,
} from '../index.js';
import { oneOf as checkOneOf } from '../util/oneOf.js';
import {
  CHECK_FORMATS,
  COMMANDS,
  type CheckFormat,
  type HelpTopic,
  JSON_SHAPES,
  type JsonShape,
  OUTPUT_FORMATS,
  type OutputFormat,
  RULES_FORMATS,
  type RulesFormat,
  SUGGEST_FORMATS,
  type SuggestFormat,
} from './choices.js';
import { UsageError } from './errors.js';
import { withoutUserInfo } from './inputs.js';

/** `supcert check` after parsing: values checked, nothing read yet. */
export interface CheckArgs {
  inputs: string[];
  /** The SUP options the command line sets (no password, no trust files: those are read later). */
  options: Omit<SupOptions, 'password' | 'trustAnchors' | 'intermediates'>;
  /** True when --intranet, --internet or --names was given (an endpoint otherwise uses its host name). */
  namesGiven: boolean;
  trust: string[];
  intermediates: string[];
  password: { env?: string; file?: string };
  format: CheckFormat;
  /** --targets FILE ('-': stdin): one input per line, added after the FILE arguments. */
  targets?: string;
  /** --jobs N: threads judging files, this one and N - 1 workers (default: os.availableParallelism(), at most 8); 1 judges in this thread only. */
  jobs?: number;
  jsonShape: JsonShape;
  failOn: Severity;
  timeoutMs: number;
  /** For https:// inputs (the live probe), `--connect-to HOST:PORT` and `--http-port N`. */
  probe: { connectTo?: { host: string; port: number }; httpPort?: number };
  /** Revocation: `--crl FILE`... (offline CRLs) and `--online` (fetch the CRLs the certificates name; off by default). */
  crls: string[];
  online: boolean;
  verbose: boolean;
  noColor: boolean;
  /** --replaces FILE: the certificate this one replaces (renewal gate). */
  replaces?: string;
}

/** The SupOptions that describe the SUP itself (its names, clients, ConfigMgr generation, issuer). */
type SupDescription = Pick<
  SupOptions,
  | 'intranetName'
  | 'internetName'
  | 'names'
  | 'configureSslName'
  | 'generation'
  | 'connections'
  | 'issuerType'
>;

/** `supcert check-request` after parsing. */
export interface CheckRequestArgs {
  inputs: string[];
  options: SupDescription & Pick<SupOptions, 'profile' | 'skipNames'>;
  format: OutputFormat;
  jsonShape: JsonShape;
  failOn: Severity;
  verbose: boolean;
  noColor: boolean;
}

/** `supcert suggest` after parsing. */
export interface SuggestArgs {
  options: SupDescription;
  /** True when --intranet, --internet, --names or --configuressl was given. */
  namesGiven: boolean;
  format: SuggestFormat;
  noColor: boolean;
}

export type Command =
  | { command: 'help'; topic?: HelpTopic }
  | { command: 'version' }
  | { command: 'check'; args: CheckArgs }
  | { command: 'check-server'; args: CheckArgs }
  | { command: 'check-request'; args: CheckRequestArgs }
  | { command: 'rules'; format: RulesFormat; noColor: boolean }
  | { command: 'suggest'; args: SuggestArgs };

/** The SUP's description (and help, colour, format), shared by check, check-request and suggest. */
const SUP_OPTIONS = {
  intranet: { type: 'string' },
  internet: { type: 'string' },
  names: { type: 'string' },
  configuressl: { type: 'string' },
  generation: { type: 'string' },
  connections: { type: 'string' },
  'issuer-type': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'no-color': { type: 'boolean' },
  format: { type: 'string' },
} as const;

export const CHECK_OPTIONS = {
  ...SUP_OPTIONS,
  'skip-names': { type: 'boolean' },
  'json-shape': { type: 'string' },
  profile: { type: 'string' },
  at: { type: 'string' },
  'expiry-warning-days': { type: 'string' },
  trust: { type: 'string', multiple: true },
  intermediate: { type: 'string', multiple: true },
  'password-env': { type: 'string' },
  'password-file': { type: 'string' },
  timeout: { type: 'string' },
  'connect-to': { type: 'string' },
  'http-port': { type: 'string' },
  crl: { type: 'string', multiple: true },
  online: { type: 'boolean' },
  'fail-on': { type: 'string' },
  verbose: { type: 'boolean' },
  'target-os': { type: 'string' },
  replaces: { type: 'string' },
  targets: { type: 'string' },
  jobs: { type: 'string' },
} as const;

/** check's options without those that need an issued certificate, a PFX or a server (refused by name below). */
export const CHECK_REQUEST_OPTIONS = {
  ...SUP_OPTIONS,
  'skip-names': { type: 'boolean' },
  'json-shape': { type: 'string' },
  profile: { type: 'string' },
  'fail-on': { type: 'string' },
  verbose: { type: 'boolean' },
} as const;

/** Why each check option that is not a check-request option is refused there (rather than silently ignored). */
export const NOT_FOR_REQUESTS: Record<string, string> = {
  trust:
    'a request has no chain yet. Check the certificate the CA issues with "supcert check FILE --trust ROOT".',
  intermediate:
    'a request has no chain yet. Check the certificate the CA issues with "supcert check FILE --intermediate CA".',
  password: 'a certificate request has no password.',
  'password-env': 'a certificate request has no password (PFX files have one: supcert check).',
  'password-file': 'a certificate request has no password (PFX files have one: supcert check).',
  at: 'a request has no validity period yet. Check the certificate the CA issues with supcert check.',
  'expiry-warning-days':
    'a request has no validity period yet. Check the certificate the CA issues with supcert check.',
  timeout: 'check-request reads files only (--timeout is for https:// URLs: supcert check).',
  'target-os':
    'a request is not a PFX yet (--target-os judges whether a PFX imports: supcert check FILE.pfx --target-os 2016).',
  replaces:
    'a request is not a certificate yet (--replaces compares an issued certificate with the one it replaces: supcert check).',
  'connect-to':
    'check-request reads files only (--connect-to is for https:// URLs: supcert check).',
  'http-port': 'check-request reads files only (--http-port is for https:// URLs: supcert check).',
  crl: 'a request has not been issued, so nothing can revoke it. Check the certificate the CA issues with "supcert check FILE --crl CRL".',
  online:
    'a request names no CRL to fetch. Check the certificate the CA issues with "supcert check FILE --online".',
};

export const SUGGEST_OPTIONS = {
  ...SUP_OPTIONS,
} as const;

export const RULES_OPTIONS = {
  format: { type: 'string' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** An enum option (choices.ts, or the library's lists), refused with a UsageError. */
const oneOf = <T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined => checkOneOf(value, allowed, `--${flag}`, (message) => new UsageError(message));

function nonNegativeNumber(
  flag: string,
  value: string | undefined,
  integer: boolean,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(
      `--${flag} must be ${integer ? 'a whole number' : 'a number'}, 0 or more; got "${value}".`,
    );
  }
  return n;
}

/** ISO 8601 only: Date.parse alone accepts "March 7" and reads it in whatever way the platform likes. */
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

function isoDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value.replace(' ', 'T'));
  if (!ISO_8601.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(
      `--at must be an ISO 8601 date or time, e.g. 2027-01-01 or 2027-01-01T12:00:00Z; got "${value}".`,
    );
  }
  return date;
}

/**
 * A password on the command line is readable by every user of the machine (process list,
 * /proc/<pid>/cmdline, Windows process auditing) and stays in shell history, so there is no
 * --password flag, and the message says what to use instead. Checked before parseArgs so the
 * value never reaches its error message.
 */
function refusePasswordFlag(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') return;
    if (arg === '--password' || arg.startsWith('--password=')) {
      throw new UsageError(
        '--password is not accepted: a password on the command line is visible to other users in the process list and stays in the shell history. Put it in an environment variable and give its name with --password-env VAR, or give --password-file FILE; on a terminal, supcert asks for it.',
        'check',
      );
    }
  }
}

/**
 * The check options check-request does not take, refused with the reason. By name, before
 * parseArgs, so that a value (a password) never reaches a message and "--trust" without a value
 * gets the reason rather than "needs a value".
 */
function refuseCertificateOnlyFlags(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') return;
    const flag = /^--([a-z-]+)(?:=|$)/.exec(arg)?.[1];
    if (flag !== undefined && Object.hasOwn(NOT_FOR_REQUESTS, flag))
      throw new UsageError(
        `--${flag} is not a check-request option: ${NOT_FOR_REQUESTS[flag]}`,
        'check-request',
      );
  }
}

/**
 * "unknown option --X for …", with what the administrator most likely meant: an option and its
 * value quoted together ("--names a&b" as one argument: the option is known, the space is not)
 * or a near miss of a known option (--name, --intermediates, --trusted). The value is never
 * repeated (it may be a password typed in the wrong place).
 */
function unknownOptionMessage(
  argv: readonly string[],
  option: string | undefined,
  options: Record<string, unknown>,
  command: string,
): string {
  const unknown = `unknown option ${option ?? 'given'} for "supcert ${command}"`;
  if (option === undefined || !option.startsWith('--')) return `${unknown}.`;
  const name = option.slice(2);
  const joined = argv.find((a) => a.startsWith(`${option} `) || a.startsWith(`${option}\t`));
  if (joined !== undefined && Object.hasOwn(options, name))
    return `${unknown}: "${option}" and its value arrived as one argument (a space inside the quotes). Give them as two arguments, ${option} VALUE, with any quotes around the value only.`;
  const near = Object.keys(options).find((known) => editDistanceAtMost2(name, known));
  return near === undefined ? `${unknown}.` : `${unknown}; did you mean --${near}?`;
}

/** Whether two short option names are at most two single-character edits apart (Levenshtein). */
function editDistanceAtMost2(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2 || a.length > 40 || b.length > 40) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length]! <= 2;
}

/**
 * "--X needs a value", and when an argument follows that starts with "-" (`--expiry-warning-days
 * -5`), that it was read as an option: a value starting with "-" is joined with "=". The value is
 * never repeated (it may be a password typed in the wrong place).
 */
function valueMissingMessage(argv: readonly string[], option: string | undefined): string {
  if (option === undefined) return 'an option needs a value.';
  if (!option.startsWith('--')) return `${option} needs a value.`;
  const next = argv[argv.indexOf(option) + 1];
  if (argv.includes(option) && next !== undefined && next.startsWith('-'))
    return `${option} needs a value: the argument after it starts with "-", so it is read as an option. A value that starts with "-" is written ${option}=VALUE.`;
  return `${option} needs a value (${option} VALUE).`;
}

/** parseArgs' own messages suggest "--" tricks; say what the administrator got wrong. */
function parse<
  T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>,
>(options: T, argv: string[], command: string) {
  let parsed;
  try {
    parsed = parseArgs({ options, args: argv, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    const e = error as { code?: string; message: string };
    const option = /'(-[^' ]+)/.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(unknownOptionMessage(argv, option, options, command), command);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(valueMissingMessage(argv, option), command);
    if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError(`"supcert ${command}" takes no file arguments.`, command);
    throw new UsageError(e.message, command);
  }
  refuseRepeated(parsed.tokens, options, command);
  return parsed;
}

/**
 * A single-value option given twice (`--intranet A --intranet B`, `--format json --format text`)
 * is refused: parseArgs keeps the last, and a gate must not judge with a value the administrator
 * may not have meant. The values are not repeated (one may be a password typed in the wrong place).
 */
function refuseRepeated(
  tokens: ReadonlyArray<{ kind: string; name?: string }>,
  options: Record<string, { type: string; multiple?: boolean }>,
  command: string,
): void {
  const seen = new Map<string, number>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const spec = options[token.name];
    if (!spec || spec.type !== 'string' || spec.multiple) continue;
    seen.set(token.name, (seen.get(token.name) ?? 0) + 1);
  }
  for (const [name, count] of seen) {
    if (count > 1)
      throw new UsageError(
        `--${name} is given ${count} times: give it once (supcert never silently keeps the last value).`,
        command,
      );
  }
}

/** The SUP name options whose empty value (`--names "$UNSET"`) is refused rather than taken as "no name". */
const NAME_OPTIONS = ['intranet', 'internet', 'names', 'configuressl'] as const;

function refuseEmptyNames(
  v: Partial<Record<(typeof NAME_OPTIONS)[number], string>>,
  command: string,
): void {
  for (const name of NAME_OPTIONS) {
    const value = v[name];
    if (value !== undefined && value.trim() === '') {
      const what =
        name === 'names'
          ? "the SUP's names as 'intranet&internet'"
          : name === 'configuressl'
            ? 'the name given to WsusUtil.exe configuressl'
            : `the SUP's ${name} host name`;
      throw new UsageError(
        `--${name} is empty: give ${what}, or leave the option out (an unset variable?).`,
        command,
      );
    }
  }
}

/** The message when check or check-request is given no name (the gate's rule: README "What the gate cannot judge"). */
export function noNamesMessage(configureSslOnly: boolean): string {
  return `no names given: a certificate for a software update point can be judged only against the names clients connect to. Give --names 'intranet&internet', or --intranet NAME (and --internet NAME)${configureSslOnly ? ' (--configuressl alone is not enough)' : ''}; or give --skip-names to judge everything else, and the verdict says the names were not checked.`;
}

/**
 * The gate's rule for names, checked before anything is read: names, or --skip-names (not both).
 * `urlOnly`: every input is an https:// URL, whose host is then the intranet name.
 */
function requireNames(
  v: {
    intranet?: string;
    internet?: string;
    names?: string;
    configuressl?: string;
    'skip-names'?: boolean;
  },
  urlOnly: boolean,
  command: string,
): void {
  const given = v.intranet !== undefined || v.internet !== undefined || v.names !== undefined;
  if (v['skip-names'] && given)
    throw new UsageError(
      '--skip-names with names: give the names (they are checked) or --skip-names, not both.',
      command,
    );
  if (!given && !v['skip-names'] && !urlOnly)
    throw new UsageError(noNamesMessage(v.configuressl !== undefined), command);
}

/** The options that describe the SUP, shared by check, check-request and suggest. */
function supDescription(v: {
  intranet?: string;
  internet?: string;
  names?: string;
  configuressl?: string;
  generation?: string;
  connections?: string;
  'issuer-type'?: string;
}): SupDescription {
  const options: SupDescription = {};
  if (v.intranet !== undefined) options.intranetName = v.intranet;
  if (v.internet !== undefined) options.internetName = v.internet;
  if (v.names !== undefined) options.names = v.names;
  if (v.configuressl !== undefined) options.configureSslName = v.configuressl;
  const generation = oneOf('generation', v.generation, GENERATIONS);
  if (generation) options.generation = generation;
  const connections = oneOf('connections', v.connections, CONNECTIONS);
  if (connections) options.connections = connections;
  const issuerType = oneOf('issuer-type', v['issuer-type'], ISSUER_TYPES);
  if (issuerType) options.issuerType = issuerType;
  return options;
}

function parseCheck(argv: string[], command: 'check' | 'check-server' = 'check'): Command {
  refusePasswordFlag(argv);
  const { values: v, positionals } = parse(CHECK_OPTIONS, argv, command);
  if (v.help) return { command: 'help', topic: command };
  if (positionals.length === 0 && v.targets === undefined)
    throw new UsageError(
      command === 'check'
        ? 'give at least one certificate file, directory or https:// URL to check (or --targets FILE).'
        : 'give the files exported from the SUP (applicationHost.config, netsh http show sslcert output, reg export files, .sst, certificate files) or a directory of them.',
      command,
    );
  if (v.targets !== undefined && v.targets.trim() === '')
    throw new UsageError(
      '--targets is empty: give a file with one input per line (or - for stdin).',
      command,
    );
  if (v.targets === '-' && positionals.includes('-'))
    throw new UsageError(
      'stdin can be read once: give --targets - or the input -, not both.',
      command,
    );
  if (positionals.filter((p) => p === '-').length > 1)
    throw new UsageError('stdin can be read once: give - once.', command);
  // One message for every bad value ("abc" used to read "a whole number, 0 or more", and 0 is refused).
  const jobs =
    v.jobs === undefined || !/^\d{1,3}$/.test(v.jobs.trim()) ? undefined : Number(v.jobs);
  if (v.jobs !== undefined && (jobs === undefined || jobs < 1 || jobs > MAX_JOBS))
    throw new UsageError(
      `--jobs must be a whole number from 1 to ${MAX_JOBS}; got "${v.jobs}".`,
      command,
    );
  if (v['password-env'] !== undefined && v['password-file'] !== undefined) {
    throw new UsageError(
      'give the password one way: --password-env VAR or --password-file FILE, not both.',
      command,
    );
  }
  refuseEmptyNames(v, command);
  // With --targets, a line may give its own names (names=a&b): a line without any is that line's error.
  requireNames(v, v.targets !== undefined || positionals.every((p) => URL_LIKE.test(p)), command);
  const options: CheckArgs['options'] = supDescription(v);
  if (v['skip-names']) options.skipNames = true;
  const profile = oneOf('profile', v.profile, MATCH_PROFILES);
  if (profile) options.profile = profile;
  const at = isoDate(v.at);
  if (at) options.at = at;
  const days = nonNegativeNumber('expiry-warning-days', v['expiry-warning-days'], true);
  if (days !== undefined) options.expiryWarningDays = days;
  const targetOs = oneOf('target-os', v['target-os'], TARGET_OS);
  if (targetOs) options.targetOs = targetOs;
  const timeout = nonNegativeNumber('timeout', v.timeout, false);
  if (timeout === 0) throw new UsageError('--timeout must be more than 0 seconds.', 'check');
  // Node's timers hold a signed 32-bit count of milliseconds; a longer delay silently becomes 1 ms.
  if (timeout !== undefined && timeout > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(
      `--timeout must be at most ${MAX_TIMEOUT_SECONDS} seconds (about 24 days: the longest timer Node keeps); got "${v.timeout}".`,
      'check',
    );
  }
  const probe = probeOptions(v['connect-to'], v['http-port'], positionals, v.targets !== undefined);
  const password: CheckArgs['password'] = {};
  if (v['password-env'] !== undefined) password.env = v['password-env'];
  if (v['password-file'] !== undefined) password.file = v['password-file'];
  return {
    command,
    args: {
      ...(v.replaces !== undefined ? { replaces: v.replaces } : {}),
      inputs: positionals,
      options,
      namesGiven: v.intranet !== undefined || v.internet !== undefined || v.names !== undefined,
      trust: v.trust ?? [],
      intermediates: v.intermediate ?? [],
      password,
      format: oneOf('format', v.format, CHECK_FORMATS) ?? 'text',
      jsonShape: jsonShapeFor(v, command),
      ...(v.targets !== undefined ? { targets: v.targets } : {}),
      ...(jobs !== undefined ? { jobs } : {}),
      failOn: oneOf('fail-on', v['fail-on'], SEVERITIES) ?? 'error',
      timeoutMs: (timeout ?? 10) * 1000,
      probe,
      crls: v.crl ?? [],
      online: v.online ?? false,
      verbose: v.verbose ?? false,
      noColor: v['no-color'] ?? false,
    },
  };
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

function portNumber(flag: string, value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > 65535)
    throw new UsageError(
      `--${flag} needs a port number from 1 to 65535; got "${value.slice(0, 40)}".`,
      'check',
    );
  return Number(value);
}

/**
 * The live probe: `--connect-to HOST:PORT` (as curl's, without the names: the names are sent as
 * SNI) and `--http-port N`; only with https:// inputs. With --targets the URLs may be in the list,
 * which is read later: the options are taken, and apply to the list's https:// lines.
 */
function probeOptions(
  connectTo: string | undefined,
  httpPort: string | undefined,
  positionals: string[],
  targets: boolean,
): CheckArgs['probe'] {
  const probe: CheckArgs['probe'] = {};
  if (connectTo === undefined && httpPort === undefined) return probe;
  if (!targets && !positionals.some((p) => /^https:\/\//i.test(p)))
    throw new UsageError(
      `--${connectTo !== undefined ? 'connect-to' : 'http-port'} is for https:// inputs (a live server); no https:// URL was given.`,
      'check',
    );
  if (connectTo !== undefined) {
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^\s:[\]/]+)):(\d{1,5})$/.exec(connectTo);
    if (!m)
      throw new UsageError(
        `--connect-to needs HOST:PORT (e.g. 10.0.0.5:8531, [::1]:8531); got "${connectTo.slice(0, 80)}".`,
        'check',
      );
    probe.connectTo = { host: m[1] ?? m[2]!, port: portNumber('connect-to', m[3]!) };
  }
  if (httpPort !== undefined) probe.httpPort = portNumber('http-port', httpPort);
  return probe;
}

/** The longest --timeout: Node's setTimeout takes at most 2^31 - 1 ms (and makes anything longer 1 ms). */
/**
 * --json-shape: the shape of --format json (v2, or the deprecated v1). With another format it
 * would change nothing, so it is refused as the options without effect are (a silent no-op reads
 * as if the output were v1).
 */
function jsonShapeFor(
  v: { 'json-shape'?: string; format?: string },
  command: 'check' | 'check-server' | 'check-request',
): JsonShape {
  const shape = oneOf('json-shape', v['json-shape'], JSON_SHAPES) ?? 'v2';
  const format = v.format ?? 'text';
  if (v['json-shape'] !== undefined && format !== 'json')
    throw new UsageError(
      `--json-shape chooses the shape of --format json; with --format ${format} it changes nothing: give --format json, or leave --json-shape out.`,
      command,
    );
  return shape;
}

/** Most worker threads --jobs takes. */
export const MAX_JOBS = 64;

export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

function parseCheckRequest(argv: string[]): Command {
  refuseCertificateOnlyFlags(argv);
  const { values: v, positionals } = parse(CHECK_REQUEST_OPTIONS, argv, 'check-request');
  if (v.help) return { command: 'help', topic: 'check-request' };
  if (positionals.length === 0)
    throw new UsageError(
      'give at least one request file (CSR, certreq INF or web-enrollment attributes) or directory to check.',
      'check-request',
    );
  const url = positionals.find((p) => URL_LIKE.test(p));
  if (url !== undefined) {
    const shown = withoutUserInfo(url);
    throw new UsageError(
      `"${shown}": check-request reads request files; a server presents an issued certificate, which "supcert check ${shown}" judges.`,
      'check-request',
    );
  }
  if (positionals.filter((p) => p === '-').length > 1)
    throw new UsageError('stdin can be read once: give - once.', 'check-request');
  refuseEmptyNames(v, 'check-request');
  requireNames(v, false, 'check-request');
  const options: CheckRequestArgs['options'] = supDescription(v);
  if (v['skip-names']) options.skipNames = true;
  const profile = oneOf('profile', v.profile, MATCH_PROFILES);
  if (profile) options.profile = profile;
  return {
    command: 'check-request',
    args: {
      inputs: positionals,
      options,
      format: oneOf('format', v.format, OUTPUT_FORMATS) ?? 'text',
      jsonShape: jsonShapeFor(v, 'check-request'),
      failOn: oneOf('fail-on', v['fail-on'], SEVERITIES) ?? 'error',
      verbose: v.verbose ?? false,
      noColor: v['no-color'] ?? false,
    },
  };
}

function parseSuggest(argv: string[]): Command {
  const { values: v, positionals } = parse(SUGGEST_OPTIONS, argv, 'suggest');
  if (v.help) return { command: 'help', topic: 'suggest' };
  if (positionals.length > 0)
    throw new UsageError(
      '"supcert suggest" takes no file arguments: it writes a request from the names given (--names \'intranet&internet\').',
      'suggest',
    );
  refuseEmptyNames(v, 'suggest');
  return {
    command: 'suggest',
    args: {
      options: supDescription(v),
      namesGiven: [v.intranet, v.internet, v.names, v.configuressl].some(
        (n) => n !== undefined && n.trim() !== '',
      ),
      format: oneOf('format', v.format, SUGGEST_FORMATS) ?? 'text',
      noColor: v['no-color'] ?? false,
    },
  };
}

function parseRules(argv: string[]): Command {
  const { values: v, positionals } = parse(RULES_OPTIONS, argv, 'rules');
  if (v.help) return { command: 'help', topic: 'rules' };
  if (positionals.length > 0)
    throw new UsageError('"supcert rules" takes no file arguments.', 'rules');
  return {
    command: 'rules',
    format: oneOf('format', v.format, RULES_FORMATS) ?? 'text',
    noColor: v['no-color'] ?? false,
  };
}

/** Reads the command line (without `node` and the script). */
export function parseCommandLine(argv: string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('give a command.');
  if (first === '--help' || first === '-h' || first === 'help') return { command: 'help' };
  if (first === '--version') return { command: 'version' };
  if ((COMMANDS as readonly string[]).includes(first)) {
    try {
      if (first === 'check') return parseCheck(rest);
      if (first === 'check-request') return parseCheckRequest(rest);
      if (first === 'check-server') return parseCheck(rest, 'check-server');
      if (first === 'rules') return parseRules(rest);
      if (first === 'suggest') return parseSuggest(rest);
    } catch (error) {
      // A bad value (--format xml) points to the command's own help, where its options are.
      if (error instanceof UsageError && error.command === undefined)
        throw new UsageError(error.message, first);
      throw error;
    }
  }
  if (first.startsWith('-')) throw new UsageError(`${first} must come after a command.`);
  throw new UsageError(`unknown command "${first}". The commands are: ${COMMANDS.join(', ')}.`);
}
