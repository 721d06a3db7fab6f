import { type CertificateBundle, type CertificateInfo, DEFAULT_LIMITS, type KeyInfo, type SupOptions, type SupReport, WorkBudget, readCertificates, validateSupCertificate } from '../index.js';
import type { EndpointInfo } from './endpoint.js';
import { type ChainExpiry, chainExpiry } from './expiry.js';
import { InputError, UsageError, describeError } from './errors.js';
import type { Input } from './inputs.js';
import { cliMessage, inCliWords } from './optionNames.js';
import { isPlainText } from './textFile.js';
import type { Failed, Reported, Skipped } from './outcome.js';
import { Interrupted, type PasswordSource } from './password.js';
import { readFileCapped, readStdinCapped } from './readFile.js';

/** Which certificate of the file was judged, and what else the file held, for the text report. */
export interface Judged {
  index: number;
  count: number;
  /** The private key in the file that belongs to the judged certificate, if any. */
  key: KeyInfo | undefined;
  /** Keys that match no certificate in the file (a PFX assembled from the wrong parts). */
  strayKeys: number;
}

/** `expiry`: every element of the input's chain with its expiry (monitoring, issue 17). */
export type Outcome = (Reported & { judged: Judged; expiry: ChainExpiry[] }) | Failed | Skipped;

export interface JudgeContext {
  options: SupOptions;
  namesGiven: boolean;
  passwords: PasswordSource;
  timeoutMs: number;
  /** The certificates of --trust and --intermediate, to name the chain's elements in the expiry list. */
  caCertificates?: readonly CertificateInfo[];
}

/**
 * The options for one input: a --targets line's own names replace the command line's (and count as
 * names given, so an endpoint's host is then not the intranet name).
 */
function optionsFor(input: { names?: string }, ctx: JudgeContext): { options: SupOptions; namesGiven: boolean } {
  if (input.names === undefined) return { options: ctx.options, namesGiven: ctx.namesGiven };
  const { intranetName: _i, internetName: _n, names: _a, skipNames: _s, ...rest } = ctx.options;
  return { options: { ...rest, names: input.names }, namesGiven: true };
}

const atOf = (options: SupOptions): Date => options.at ?? new Date();

const PASSWORD_HINT = ' Use --password-env VAR or --password-file FILE (supcert takes no password on the command line).';

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/**
 * Opens the file with the password given; without one, a PFX that needs one gets the password
 * typed for an earlier file (a folder of exports usually shares one), then the prompt. A
 * password is never tried on a file that needs none: the library reports that as wrong.
 */
async function readWithPassword(file: string, bytes: Uint8Array, passwords: PasswordSource, budget: WorkBudget): Promise<CertificateBundle> {
  try {
    return await readCertificates(bytes, { password: passwords.given, budget });
  } catch (error) {
    if (codeOf(error) === 'WRONG_PASSWORD' && passwords.origin) throw new InputError(file, 'WRONG_PASSWORD', `${(error as Error).message} Tried ${passwords.origin}.`);
    if (passwords.given !== undefined || codeOf(error) !== 'PASSWORD_REQUIRED') throw error;
    if (passwords.typed !== undefined) {
      try {
        return await readCertificates(bytes, { password: passwords.typed, budget });
      } catch (retry) {
        if (codeOf(retry) !== 'WRONG_PASSWORD') throw retry;
      }
    }
    const answer = await passwords.ask(file);
    if (answer === undefined) throw new InputError(file, 'PASSWORD_REQUIRED', `${(error as Error).message}${PASSWORD_HINT}`);
    passwords.typed = answer;
    return readCertificates(bytes, { password: answer, budget });
  }
}

function judgedOf(bundle: CertificateBundle, report: SupReport): Judged {
  const index = report.certificateIndex;
  return {
    index,
    count: bundle.certificates.length,
    key: bundle.keys.find((k) => k.certificateIndex === index),
    strayKeys: bundle.keys.filter((k) => k.certificateIndex === null).length,
  };
}

async function judgeUrl(input: Extract<Input, { kind: 'url' }>, ctx: JudgeContext): Promise<Outcome> {
  const { fetchServerChain } = await import('./endpoint.js');
  const pem = await fetchServerChain(input.file, input.host, input.port, ctx.timeoutMs);
  // One work budget for everything done with this input: reading, the trust files, the chain search.
  const budget = new WorkBudget();
  const bundle = await readCertificates(pem, { budget });
  // The host clients connect to is the name to check, unless the names were given.
  const line = optionsFor(input, ctx);
  const options = { ...line.options, budget, ...(line.namesGiven ? {} : { intranetName: input.host }) };
  const report = await validateSupCertificate(bundle, options);
  const [leaf] = bundle.certificates;
  const endpoint: EndpointInfo = {
    url: input.file,
    host: input.host,
    port: input.port,
    presented: { subject: leaf!.subject, sha256: leaf!.sha256 },
    chain: bundle.certificates.map((c) => ({ subject: c.subject, sha256: c.sha256 })),
    hostAsIntranetName: !line.namesGiven,
  };
  const expiry = chainExpiry(report, bundle.certificates, ctx.caCertificates ?? [], atOf(options));
  return { kind: 'report', file: input.file, report: inCliWords(report), judged: judgedOf(bundle, report), endpoint, expiry };
}

async function judgeFile(input: Extract<Input, { kind: 'file' }>, ctx: JudgeContext): Promise<Outcome> {
  // Capped whatever stat says (a device or /proc file says 0). Sync on purpose: node:fs/promises
  // would load streams and readline at start-up (~2 ms) for one read.
  const bytes = input.stdin
    ? readStdinCapped(DEFAULT_LIMITS.maxInputBytes, 'a certificate file', 'limits.maxInputBytes')
    : readFileCapped(input.file, DEFAULT_LIMITS.maxInputBytes, 'a certificate file', 'limits.maxInputBytes');
  // One work budget for everything done with this input: reading (every password tried), the
  // trust and intermediate files, the chain search.
  const budget = new WorkBudget();
  let bundle: CertificateBundle;
  try {
    bundle = await readWithPassword(input.file, bytes, ctx.passwords, budget);
  } catch (error) {
    if (input.fromDirectory && codeOf(error) === 'MALFORMED' && isPlainText(bytes)) throw new SkippedText();
    throw error;
  }
  const { options } = optionsFor(input, ctx);
  const report = await validateSupCertificate(bundle, { ...options, budget });
  const expiry = chainExpiry(report, bundle.certificates, ctx.caCertificates ?? [], atOf(options));
  return { kind: 'report', file: input.file, report: inCliWords(report), judged: judgedOf(bundle, report), expiry };
}


/**
 * Reads and judges one input. Input problems become an 'error' outcome (the other inputs go
 * on); in a directory, files that are not certificate files are 'skipped'. A bad option value
 * is the whole command line's problem, so it is thrown as a usage error.
 */
export async function judge(input: Input, ctx: JudgeContext): Promise<Outcome> {
  if (input.kind === 'error' || input.kind === 'skipped') return input;
  try {
    return input.kind === 'url' ? await judgeUrl(input, ctx) : await judgeFile(input, ctx);
  } catch (error) {
    // Ctrl-C at the password prompt ends the run (exit 130), it is not this file's error.
    if (error instanceof Interrupted) throw error;
    if (error instanceof SkippedText) return { kind: 'skipped', file: input.file, reason: 'a text file, not a certificate file' };
    if (error instanceof InputError) return { kind: 'error', file: error.file, code: error.code, message: cliMessage(error.message) };
    const e = describeError(error);
    // A bug while judging one file (a library exception that is not a SupCertError) must not
    // stop the others: the file gets INTERNAL_ERROR, the run exits 2, and the line says it is a bug.
    if (!e) return { kind: 'error', file: input.file, code: 'INTERNAL_ERROR', message: `internal error: ${error instanceof Error ? error.message : String(error)}`, bug: error };
    // A --targets line's own names are that line's problem; the command line's stop the run.
    if (e.code === 'INVALID_OPTION' && input.names === undefined) throw new UsageError(cliMessage(e.message), 'check');
    if (input.kind === 'file' && input.fromDirectory && (e.code === 'UNKNOWN_FORMAT' || e.code === 'EMPTY_INPUT')) {
      return { kind: 'skipped', file: input.file, reason: `not a certificate file (${e.code})` };
    }
    return { kind: 'error', file: input.file, code: e.code, message: cliMessage(e.message) };
  }
}

/** A directory's text note: skipped, like keys and requests (judge turns it into a 'skipped' outcome). */
class SkippedText extends Error {
  override readonly name = 'SkippedText';
}
