import type { SupReport } from '../index.js';

/**
 * The one translation from the library's option names (SupOptions: `intranetName`, `trustAnchors`,
 * `limits.maxIterations` …) to what a `supcert` user types (`--intranet`, `--trust` …), applied to
 * every library message the CLI prints: usage errors from INVALID_OPTION, input errors
 * (LIMIT_EXCEEDED), and the messages of findings (text, JSON and SARIF alike).
 *
 * Types and plain data only.
 */

/** SupOptions name → the CLI option that sets it. */
export const CLI_OPTION_OF: Readonly<Record<string, string>> = {
  intranetName: '--intranet',
  internetName: '--internet',
  configureSslName: '--configuressl',
  trustAnchors: '--trust',
  intermediates: '--intermediate',
  skipNames: '--skip-names',
  connections: '--connections',
  generation: '--generation',
  profile: '--profile',
  issuerType: '--issuer-type',
  expiryWarningDays: '--expiry-warning-days',
  names: '--names',
  crls: '--crl',
};

/**
 * What raises each library limit from the command line: no supcert option does today (the
 * defaults fit every genuine file, README "Limits"); a genuine file over a limit is judged with
 * the library (`limits: { … }`).
 */
export const CLI_LIMIT_HINT = 'a library option; no supcert option raises it';

/** Whole phrases first: "skipNames: true" reads "--skip-names", "X (CLI --y)" reads "--y". */
const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\bset skipNames: true\b/g, 'give --skip-names'],
  [/\bskipNames: true\b/g, '--skip-names'],
  [/\(skipNames\)/g, '(--skip-names)'],
  // "as trustAnchors (CLI --trust)" → "as --trust": the library already named the CLI option;
  // likewise "trustAnchors / intermediates (CLI --trust / --intermediate)" and "(trustAnchors, CLI --trust)".
  [
    /\b(?:trustAnchors|intermediates)(?: \/ (?:trustAnchors|intermediates))? \(CLI (--[a-z-]+(?: \/ --[a-z-]+)?)\)/g,
    '$1',
  ],
  [/\b(?:[a-z]+[A-Z][A-Za-z]*|intermediates|names|crls), CLI (--[a-z-]+)/g, '$1'],
  // "Check it with validateSupRequest (CLI: supcert check-request)" → "Check it with supcert check-request".
  [/\bvalidateSup[A-Za-z]+ \(CLI: (supcert [a-z-]+)\)/g, '$1'],
];

/**
 * Library option names as words; "names" only where it is the option (before a value, "is empty",
 * "(name N)", ": "), and not as prose ("the host names "a:8531"": SUP-DEP-002's SNI entries).
 */
const OPTION_WORD =
  /(?<![-\w.])(intranetName|internetName|configureSslName|trustAnchors|skipNames|issuerType|expiryWarningDays)\b|(?<![-\w.])(?<!\bhost )names(?= "| is empty| \(name \d| holds no| has an empty| has a non-DNS|: ")/g;

/** "raise limits.maxIterations." → "raise limits.maxIterations (a library option; no supcert option raises it)." */
const LIMIT = /(\()?\blimits\.([A-Za-z]+)(\))?/g;

/**
 * A library message with every option name in the CLI's words.
 *
 * @example cliMessage('intranetName is empty: …') === '--intranet is empty: …'
 */
export function cliMessage(message: string): string {
  const known = IN_CLI_WORDS.get(message);
  if (known !== undefined) return known;
  const out = rewordMessage(message);
  // Bounded: emptied when full (a directory of certificates repeats a few hundred messages).
  if (IN_CLI_WORDS.size >= IN_CLI_WORDS_MAX) IN_CLI_WORDS.clear();
  IN_CLI_WORDS.set(message, out);
  return out;
}

/**
 * Messages already put in the CLI's words: the same few hundred messages come back for every
 * certificate of a directory, and the three passes of regular expressions cost ~10 µs a report.
 */
const IN_CLI_WORDS = new Map<string, string>();
const IN_CLI_WORDS_MAX = 4096;

function rewordMessage(message: string): string {
  let out = message;
  for (const [pattern, replacement] of PHRASES) out = out.replace(pattern, replacement);
  out = out.replace(
    OPTION_WORD,
    (word: string, name: string | undefined) => CLI_OPTION_OF[name ?? word] ?? word,
  );
  return out.replace(
    LIMIT,
    (_m, open: string | undefined, key: string, close: string | undefined) =>
      open && close
        ? `(limits.${key}: ${CLI_LIMIT_HINT})`
        : `${open ?? ''}limits.${key} (${CLI_LIMIT_HINT})${close ?? ''}`,
  );
}

/** The report with every finding's message and every rule's reason in the CLI's option names (optionNames.ts). */
export function inCliWords<
  R extends Pick<SupReport, 'findings' | 'results'> & { revocation?: SupReport['revocation'] },
>(report: R): R {
  return {
    ...report,
    ...(report.revocation
      ? { revocation: { ...report.revocation, notes: report.revocation.notes.map(cliMessage) } }
      : {}),
    findings: report.findings.map((f) => ({ ...f, message: cliMessage(f.message) })),
    results: report.results.map((r) =>
      r.reason === undefined ? r : { ...r, reason: cliMessage(r.reason) },
    ),
  };
}
