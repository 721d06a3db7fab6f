import {
  SupCertError,
  type CertificateBundle,
  type CertificateInfo,
  DEFAULT_LIMITS,
  type KeyInfo,
  type SupOptions,
  type SupReport,
  WorkBudget,
  readCertificates,
  validateSupCertificate,
} from '../index.js';
import type { EndpointInfo } from './endpoint.js';
import { type ChainExpiry, chainExpiry } from './expiry.js';
import { InputError, UsageError, describeError } from './errors.js';
import { failedInput } from './failedInput.js';
import type { Input } from './inputs.js';
import { tooLarge } from './inputTypes.js';
import { cliMessage, inCliWords } from './optionNames.js';
import { isPlainText } from './textFile.js';
import type { Failed, Reported, Skipped } from './outcome.js';
import { Interrupted, type PasswordSource } from './password.js';
import { readInputCapped } from './readFile.js';

/** Which certificate of the file was judged, and what else the file held, for the text report. */
export interface Judged {
  index: number;
  count: number;
  /** The private key in the file that belongs to the judged certificate, if any. */
  key: KeyInfo | undefined;
  /** Keys that match no certificate in the file (a PFX assembled from the wrong parts). */
  strayKeys: number;
  /** How many certificates of the file have their private key in it. */
  keyed: number;
  /** The judged certificate matches one of the names given. */
  named: boolean;
}

/** `expiry`: every element of the input's chain with its expiry (monitoring). */
export type Outcome = (Reported & { judged: Judged; expiry: ChainExpiry[] }) | Failed | Skipped;

export interface JudgeContext {
  options: SupOptions;
  namesGiven: boolean;
  passwords: PasswordSource;
  timeoutMs: number;
  /** The certificates of --trust and --intermediate, to name the chain's elements in the expiry list. */
  caCertificates?: readonly CertificateInfo[];
  /** The live probe: `--connect-to HOST:PORT` and `--http-port N` for https:// inputs. */
  probe?: { connectTo?: { host: string; port: number }; httpPort?: number };
  /** Revocation: --online (fetch the CRLs the certificates name). */
  online?: boolean;
}

/**
 * --online: fetches the CRLs named by the certificates of the input (and the
 * --intermediate files), and adds them to the options with what could not be fetched.
 */
export async function withOnlineCrls(
  options: SupOptions,
  bundle: CertificateBundle,
  ctx: Pick<JudgeContext, 'online' | 'timeoutMs'>,
  budget: WorkBudget,
): Promise<SupOptions> {
  if (!ctx.online) return options;
  const [{ fetchHttp }, { fetchCrls, fetchMissingIssuers, fetchOcsp }, { buildOcspRequest }] =
    await Promise.all([
      import('../net/nodeTransport.js'),
      import('../sup/online.js'),
      import('../chain/ocsp.js'),
    ]);
  const extra = [];
  for (const bytes of options.intermediates ?? [])
    for (const c of (await readCertificates(bytes, { budget })).certificates) extra.push(c);
  const anchors = [];
  for (const bytes of options.trustAnchors ?? [])
    for (const c of (await readCertificates(bytes, { budget })).certificates) anchors.push(c);
  // A missing intermediate is downloaded from AIA caIssuers first, as Windows does (and said).
  const aia = await fetchMissingIssuers([...bundle.certificates, ...extra], anchors, fetchHttp, {
    timeoutMs: ctx.timeoutMs,
  });
  const downloaded = [];
  for (const bytes of aia.certificates) {
    try {
      for (const c of (await readCertificates(bytes, { budget })).certificates) downloaded.push(c);
    } catch (error) {
      if (!describeError(error)) throw error;
      aia.notes.push(
        `a caIssuers download is not a certificate file (${describeError(error)!.code})`,
      );
    }
  }
  const got = await fetchCrls([...bundle.certificates, ...extra, ...downloaded], fetchHttp, {
    timeoutMs: ctx.timeoutMs,
  });
  const failed = got.fetched
    .filter((f) => f.error !== undefined || f.status !== 200)
    .map((f) => `${f.url}: ${f.error ?? `HTTP ${f.status}`}`);
  const ocsp = await fetchOcsp(
    [...bundle.certificates, ...extra, ...downloaded, ...anchors],
    (cert, issuer) => buildOcspRequest(cert, issuer, budget),
    fetchHttp,
    { timeoutMs: ctx.timeoutMs },
  );
  return {
    ...(ocsp.responses.length > 0 ? { ocspResponses: ocsp.responses } : {}),
    ...options,
    ...(downloaded.length > 0
      ? { intermediates: [...(options.intermediates ?? []), ...downloaded.map((c) => c.der)] }
      : {}),
    ...(aia.notes.length > 0 ? { aiaNotes: aia.notes } : {}),
    crls: [...(options.crls ?? []), ...got.crls],
    crlsFetchedOnline: true,
    revocationNotes: [...got.notes, ...failed.map((f) => `not fetched: ${f}`), ...ocsp.notes],
  };
}

/**
 * The options for one input: a --targets line's own names replace the command line's (and count as
 * names given, so an endpoint's host is then not the intranet name).
 */
function optionsFor(
  input: { names?: string },
  ctx: JudgeContext,
): { options: SupOptions; namesGiven: boolean } {
  if (input.names === undefined) return { options: ctx.options, namesGiven: ctx.namesGiven };
  const { intranetName: _i, internetName: _n, names: _a, skipNames: _s, ...rest } = ctx.options;
  return { options: { ...rest, names: input.names }, namesGiven: true };
}

const atOf = (options: SupOptions): Date => options.at ?? new Date();

const PASSWORD_HINT =
  ' Use --password-env VAR or --password-file FILE (supcert takes no password on the command line).';

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/**
 * Opens the file with the password given; without one, a PFX that needs one gets the password
 * typed for an earlier file (a folder of exports usually shares one), then the prompt. A
 * password is never tried on a file that needs none: the library reports that as wrong.
 */
async function readWithPassword(
  file: string,
  bytes: Uint8Array,
  passwords: PasswordSource,
  budget: WorkBudget,
): Promise<CertificateBundle> {
  try {
    return await readCertificates(bytes, { password: passwords.given, budget });
  } catch (error) {
    if (codeOf(error) === 'WRONG_PASSWORD' && passwords.origin)
      throw new InputError(
        file,
        'WRONG_PASSWORD',
        `${(error as Error).message} Tried ${passwords.origin}.`,
      );
    if (passwords.given !== undefined || codeOf(error) !== 'PASSWORD_REQUIRED') throw error;
    if (passwords.typed !== undefined) {
      try {
        return await readCertificates(bytes, { password: passwords.typed, budget });
      } catch (retry) {
        if (codeOf(retry) !== 'WRONG_PASSWORD') throw retry;
      }
    }
    const answer = await passwords.ask(file);
    if (answer === undefined)
      throw new InputError(
        file,
        'PASSWORD_REQUIRED',
        `${(error as Error).message}${PASSWORD_HINT}`,
      );
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
    keyed: new Set(bundle.keys.map((k) => k.certificateIndex).filter((i) => i !== null)).size,
    named: report.names.some((n) => n.matched),
  };
}

async function judgeUrl(
  input: Extract<Input, { kind: 'url' }>,
  ctx: JudgeContext,
): Promise<Outcome> {
  const [
    { handshakeError },
    { nodeTransport },
    { applyProbe, probeSupServer, pairedHttpPort },
    { resolveOptions },
  ] = await Promise.all([
    import('./endpoint.js'),
    import('../net/nodeTransport.js'),
    import('../sup/probe.js'),
    import('../sup/resolveOptions.js'),
  ]);
  // The live probe: every name clients use is sent as SNI, and the WSUS directories are asked for.
  const line = optionsFor(input, ctx);
  const resolved = line.namesGiven ? resolveOptions(line.options) : undefined;
  // The URL's host first (its certificate is the one judged, as before), then every name given.
  const given = resolved
    ? [resolved.intranetName, resolved.internetName, ...resolved.extraNames].filter(
        (n): n is string => n !== undefined,
      )
    : [];
  const names = [...new Set([input.host, ...given])];
  const httpPort = ctx.probe?.httpPort ?? pairedHttpPort(input.port);
  let probe;
  try {
    probe = await probeSupServer({
      host: input.host,
      port: input.port,
      names,
      transport: nodeTransport,
      timeoutMs: ctx.timeoutMs,
      limits: { timeBudgetMs: Math.max(ctx.timeoutMs * 3, 30_000) },
      ...(ctx.probe?.connectTo ? { connectTo: ctx.probe.connectTo } : {}),
      ...(httpPort !== undefined ? { httpPort } : {}),
    });
  } catch (error) {
    if (describeError(error)?.code === 'INVALID_OPTION' || error instanceof SupCertError)
      throw error;
    const failed = handshakeError(input.file, error, ctx.timeoutMs);
    const via = ctx.probe?.connectTo;
    // The URL's host:port was not where supcert connected: say where it did.
    if (!via) throw failed;
    throw new InputError(
      failed.file,
      failed.code,
      `connecting to ${via.host}:${via.port} (--connect-to): ${failed.message}`,
    );
  }
  if (probe.presented.length === 0)
    throw new InputError(input.file, 'NO_CERTIFICATE', 'the server sent no certificate.');
  // One work budget for everything done with this input: reading, the trust files, the chain search.
  const budget = new WorkBudget();
  const bundle = await readCertificates(probe.presented.map(toPem).join(''), { budget });
  // The host clients connect to is the name to check, unless the names were given.
  const options = await withOnlineCrls(
    { ...line.options, budget, ...(line.namesGiven ? {} : { intranetName: input.host }) },
    bundle,
    ctx,
    budget,
  );
  const report = applyProbe(await validateSupCertificate(bundle, options), probe);
  const [leaf] = bundle.certificates;
  const endpoint: EndpointInfo = {
    url: input.file,
    host: input.host,
    port: input.port,
    presented: { subject: leaf!.subject, sha256: leaf!.sha256 },
    chain: bundle.certificates.map((c) => ({ subject: c.subject, sha256: c.sha256 })),
    hostAsIntranetName: !line.namesGiven,
    probe: {
      ...(ctx.probe?.connectTo
        ? { connectTo: `${ctx.probe.connectTo.host}:${ctx.probe.connectTo.port}` }
        : {}),
      httpPort: httpPort ?? null,
      handshakes: probe.handshakes,
      requests: probe.requests,
      spent: probe.spent,
    },
  };
  return reportOutcome(input.file, report, bundle, ctx, options, endpoint);
}

/** A judged input's outcome: the report in the CLI's words, what was judged, the chain's expiry. */
function reportOutcome(
  file: string,
  report: SupReport,
  bundle: CertificateBundle,
  ctx: JudgeContext,
  options: SupOptions,
  endpoint?: EndpointInfo,
): Outcome {
  const expiry = chainExpiry(report, bundle.certificates, ctx.caCertificates ?? [], atOf(options));
  return {
    kind: 'report',
    file,
    report: inCliWords(report),
    judged: judgedOf(bundle, report),
    ...(endpoint ? { endpoint } : {}),
    expiry,
  };
}

function toPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

async function judgeFile(
  input: Extract<Input, { kind: 'file' }>,
  ctx: JudgeContext,
): Promise<Outcome> {
  // Capped whatever stat says (a device or /proc file says 0). Sync on purpose: node:fs/promises
  // would load streams and readline at start-up (~2 ms) for one read.
  let bytes: Buffer;
  try {
    bytes = readInputCapped(
      input,
      DEFAULT_LIMITS.maxInputBytes,
      'a certificate file',
      'limits.maxInputBytes',
    );
  } catch (error) {
    // A file in a directory is opened unchecked by the walk (walk.ts): one too large is no
    // certificate file, skipped as the walk skips a link to one.
    if (input.fromDirectory && error instanceof InputError && error.code === 'LIMIT_EXCEEDED')
      return tooLarge(input.file, DEFAULT_LIMITS.maxInputBytes);
    throw error;
  }
  // One work budget for everything done with this input: reading (every password tried), the
  // trust and intermediate files, the chain search.
  const budget = new WorkBudget();
  let bundle: CertificateBundle;
  try {
    bundle = await readWithPassword(input.file, bytes, ctx.passwords, budget);
  } catch (error) {
    if (input.fromDirectory && codeOf(error) === 'MALFORMED' && isPlainText(bytes))
      throw new SkippedText();
    throw error;
  }
  notAPfx(input.file, bundle);
  // For the code cache (start.ts PKCS12_RUN): this run compiled the PKCS #12 reader.
  if (bundle.contains === 'pkcs12')
    (globalThis as Record<symbol, unknown>)[Symbol.for('supcert.cli.pkcs12Run')] = true;
  const { options } = optionsFor(input, ctx);
  const report = await validateSupCertificate(
    bundle,
    await withOnlineCrls({ ...options, budget }, bundle, ctx, budget),
  );
  return reportOutcome(input.file, report, bundle, ctx, options);
}

/** What a file named like a PFX held instead, for {@link notAPfx}. */
const HELD: Record<Exclude<CertificateBundle['contains'], 'pkcs12'>, string> = {
  certificate:
    'a certificate without its private key (what "Copy to File…" writes with "No, do not export the private key")',
  pkcs7: 'a PKCS #7 bundle of certificates (.p7b) without a private key',
  'pem-blocks': 'PEM text without a private key',
};

/**
 * A file named .pfx or .p12 that holds certificates without any private key and no PKCS #12 (a
 * .cer or .p7b renamed), or PEM text with its key (a .pem renamed). Windows imports a PFX only from PKCS #12 (PFXImportCertStore, behind IIS
 * "Import" and certutil -importPFX), and without the key the certificate cannot be bound, so the
 * file is refused (UNKNOWN_FORMAT) rather than judged as the certificate it holds. Content decides
 * everything else: a base64 text of a PFX is still judged (SUP-FILE-001), any other name is not
 * looked at.
 *
 * @throws {SupCertError} UNKNOWN_FORMAT
 */
function notAPfx(file: string, bundle: CertificateBundle): void {
  if (!/\.(?:pfx|p12)$/i.test(file) || bundle.contains === 'pkcs12') return;
  // PEM text with the key (a .pem renamed): the key is there, but not in a form Windows imports.
  if (bundle.keys.length > 0) {
    if (bundle.contains !== 'pem-blocks') return;
    throw new NotWhatItsNameSays(
      'UNKNOWN_FORMAT',
      'The file is named like a PFX but holds PEM text (a certificate and its private key, as OpenSSL writes them), not a PKCS #12 (PFX) file: IIS "Import" and certutil -importPFX refuse it. Make a PFX of it (openssl pkcs12 -export -in cert.pem -inkey key.pem -out sup.pfx) and check that file. To judge the PEM text as it is, give it a .pem name.',
    );
  }
  throw new NotWhatItsNameSays(
    'UNKNOWN_FORMAT',
    `The file is named like a PFX but holds ${HELD[bundle.contains]}, not a PKCS #12 (PFX) file: IIS "Import" and certutil -importPFX refuse it, and without the key the certificate cannot be bound to the WSUS site. On the server that holds the key, export the certificate again with "Yes, export the private key" (Personal Information Exchange, .pfx). To judge the certificate alone, give it a .cer name.`,
  );
}

/** A file whose name says PFX but whose content is not one: its error, even in a directory walk. */
class NotWhatItsNameSays extends SupCertError {}

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
    if (error instanceof SkippedText)
      return { kind: 'skipped', file: input.file, reason: 'a text file, not a certificate file' };
    // A bug while judging one file (a library exception that is not a SupCertError) must not
    // stop the others: the file gets INTERNAL_ERROR, the run exits 2, and the line says it is a bug.
    const f = failedInput(error, input.file);
    if ('failed' in f) return f.failed;
    const e = f.described;
    // A --targets line's own names are that line's problem; the command line's stop the run.
    if (e.code === 'INVALID_OPTION' && input.names === undefined)
      throw new UsageError(cliMessage(e.message), 'check');
    if (
      input.kind === 'file' &&
      input.fromDirectory &&
      !(error instanceof NotWhatItsNameSays) &&
      (e.code === 'UNKNOWN_FORMAT' || e.code === 'EMPTY_INPUT')
    ) {
      return { kind: 'skipped', file: input.file, reason: `not a certificate file (${e.code})` };
    }
    return { kind: 'error', file: input.file, code: e.code, message: cliMessage(e.message) };
  }
}

/** A directory's text note: skipped, like keys and requests (judge turns it into a 'skipped' outcome). */
class SkippedText extends Error {
  override readonly name = 'SkippedText';
}
