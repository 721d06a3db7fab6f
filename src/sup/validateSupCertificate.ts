import { Eku } from '../asn1/oids.js';
import { type ChainResult, verifyChain } from '../chain/verifyChain.js';
import { type CrlInfo, checkRevocation, readCrls } from '../chain/crl.js';
import { checkOcspResponse } from '../chain/ocsp.js';
import { SupCertError } from '../errors.js';
import { explainHostMatch } from '../names/matchHostname.js';
import { runWithSignatures } from '../port/signatures.js';
import { WorkBudget } from '../limits.js';
import { type CertificateBundle, withoutCertificates } from '../read/CertificateBundle.js';
import { readCertificates } from '../read/readCertificates.js';
import { SUP_RULES } from '../rules/catalogue.js';
import { holdsOnlyCaCertificates } from '../rules/file/fileShape.js';
import { requiredNames } from '../rules/requiredNames.js';
import { type RuleResult, runRules } from '../rules/runRules.js';
import type { Finding, NameRole, RevocationReport, RuleContext } from '../rules/SupRule.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { type ClientError, clientErrors } from './clientError.js';
import { resolveOptions } from './resolveOptions.js';
import type { SupOptions } from './SupOptions.js';
import { ownOptions } from '../util/ownOptions.js';
import { item } from '../util/item.js';

/** docs/api.md SupReport, plus extensions (marked). */
export interface SupReport {
  /**
   * True when no finding has severity 'error'. A required rule that could not run is an error
   * (no names: SUP-NAME-018; a required name missing: SUP-NAME-001/002/003; no server
   * certificate: SUP-FILE-002), so `ok` is never true for what was not checked, except what the
   * caller opted out of (skipNames) or did not ask for (trustAnchors), each stated as info.
   */
  ok: boolean;
  /** The certificate judged (the leaf). */
  certificate: CertificateInfo;
  findings: Finding[];
  /** Ids of every rule evaluated. */
  rules: string[];
  // ---- beyond the contract ----
  /** Each rule's outcome, including the ones that did not apply and why. */
  results: RuleResult[];
  /** Each required name and how the certificate answers it. */
  names: Array<{
    name: string;
    role: NameRole;
    matched: boolean;
    via?: string;
    presented?: string;
  }>;
  /** Index of the judged certificate in the file's certificates. */
  certificateIndex: number;
  /**
   * The chain as validated, when trust anchors were given: subjects leaf first, and the problems
   * (at most {@link REPORT_BOUNDS}.chainProblems; `omittedProblems` counts the rest).
   */
  chain?: {
    valid: boolean;
    path: string[];
    problems: ChainResult['problems'];
    omittedProblems?: number;
  };
  /** Findings left out to bound the report (see {@link REPORT_BOUNDS}); `summary` and `ok` count them all. */
  omittedFindings?: number;
  /** Counts of findings by severity. */
  summary: { errors: number; warnings: number; infos: number };
  /**
   * The Windows error a client shows FIRST for this certificate (CertVerifyCertificateChainPolicy
   * returns one, chain before name), with the finding's rule; null when clients accept it (as far
   * as supcert judged: without trustAnchors the chain is not part of it). One case sets it while
   * `ok` stays true: an issuing CA that is not given but that clients download from the
   * certificate's AIA caIssuers URL (warning `sup.chain.issuer_download_needed`): then it is the
   * error clients show when that download fails (0x800B010A, CERT_E_CHAINING).
   */
  clientError: ClientError | null;
  /** Every such error in the order a client reports them as each is fixed: clientErrors[0] === clientError. */
  clientErrors: ClientError[];
  /** Revocation judged from the CRLs given (SupOptions.crls), with where they came from; absent when none were given. */
  revocation?: RevocationReport;
}

/** Reads trust anchors and extra intermediates (each a file's bytes or text; PEM bundles allowed). */
async function readAll(
  inputs: Array<Uint8Array | string>,
  what: string,
  budget: WorkBudget,
): Promise<CertificateInfo[]> {
  if (!Array.isArray(inputs))
    throw new SupCertError(
      'INVALID_OPTION',
      `${what} must be an array of certificate files (bytes or PEM text).`,
    );
  const out: CertificateInfo[] = [];
  for (const [i, input] of inputs.entries()) {
    try {
      for (const cert of (await readCertificates(input, { budget })).certificates) out.push(cert); // no spread: a file may hold 10,000 certificates
    } catch (error) {
      if (error instanceof SupCertError)
        throw new SupCertError(error.code, `${what}[${i}]: ${error.message}`);
      throw error;
    }
  }
  return out;
}

async function validateChain(
  cert: CertificateInfo,
  bundle: CertificateBundle,
  options: SupOptions,
  at: Date,
  budget: WorkBudget,
): Promise<{ chain: ChainResult; trustAnchors: CertificateInfo[]; rootTrusted?: ChainResult }> {
  const trustAnchors = await readAll(options.trustAnchors ?? [], 'trustAnchors', budget);
  const extra = await readAll(options.intermediates ?? [], 'intermediates', budget);
  const intermediates = [...bundle.certificates.filter((c) => c !== cert), ...extra];
  const chain = await verifyChain(cert, {
    trustAnchors,
    intermediates,
    at,
    requiredEku: Eku.serverAuth,
    budget,
  });
  // What the client says once the root it does not trust is deployed (one more search).
  const stuck = chain.path[chain.path.length - 1]!;
  const untrustedRoot =
    !chain.valid &&
    chain.problems.some((p) => p.code === 'NO_PATH') &&
    stuck.selfIssued &&
    !trustAnchors.some((a) => a.sha256 === stuck.sha256);
  const rootTrusted = untrustedRoot
    ? await verifyChain(cert, {
        trustAnchors: [...trustAnchors, stuck],
        intermediates,
        at,
        requiredEku: Eku.serverAuth,
        budget,
      })
    : undefined;
  return { chain, trustAnchors, ...(rootTrusted ? { rootTrusted } : {}) };
}

/** Revocation: reads `crls` (drawing from the call's budget) and judges the validated path with them. */
function judgeRevocation(
  options: SupOptions,
  chain: ChainResult | undefined,
  at: Date,
  budget: WorkBudget,
): RevocationReport {
  if (options.crls !== undefined && !Array.isArray(options.crls))
    throw new SupCertError(
      'INVALID_OPTION',
      'crls must be an array of CRL files (bytes or PEM text).',
    );
  const crls: CrlInfo[] = [];
  for (const [i, input] of (options.crls ?? []).entries()) {
    try {
      for (const crl of readCrls(input, { budget })) crls.push(crl);
    } catch (error) {
      if (error instanceof SupCertError)
        throw new SupCertError(error.code, `crls[${i}]: ${error.message}`);
      throw error;
    }
  }
  const source = options.crlsFetchedOnline ? 'online' : 'offline';
  const given = Array.isArray(options.revocationNotes)
    ? options.revocationNotes.filter((n) => typeof n === 'string').slice(0, 20)
    : [];
  if (!chain)
    return {
      source,
      crls: crls.length,
      statuses: [],
      notes: [
        ...given,
        'the chain was not validated (give trustAnchors): revocation is judged along the validated path',
      ],
    };
  if (!chain.valid)
    return {
      source,
      crls: crls.length,
      statuses: [],
      notes: [...given, 'no valid chain: revocation is judged along a validated path only'],
    };
  const statuses = checkRevocation(chain.path, crls, at, budget);
  // OCSP answers: a verified one for the certificate decides when the CRLs did not (revoked always wins).
  for (const [k, st] of statuses.entries()) {
    for (const der of Array.isArray(options.ocspResponses)
      ? options.ocspResponses.slice(0, 16)
      : []) {
      if (!(der instanceof Uint8Array)) continue;
      const answer = checkOcspResponse(der, chain.path[k]!, chain.path[k + 1]!, at, budget);
      if (answer.rejected === 'the answer has no response for this certificate') continue;
      st.ocsp = answer.status;
      if (answer.rejected) st.rejected.push(`OCSP: ${answer.rejected}`);
      if (answer.status === 'revoked') {
        st.status = 'revoked';
        st.revokedAt = answer.revokedAt!;
      } else if (answer.status === 'good' && st.status === 'unknown') st.status = 'good';
      break;
    }
  }
  return { source, crls: crls.length, statuses, notes: given };
}

function isBundle(input: unknown): input is CertificateBundle {
  return (
    typeof input === 'object' &&
    input !== null &&
    !(input instanceof Uint8Array) &&
    Array.isArray((input as CertificateBundle).certificates)
  );
}

/**
 * The certificate the SUP would present: the one whose private key is in the file; otherwise
 * the first end-entity certificate; otherwise the first. When the file has private keys for
 * several certificates (two servers' certificates exported together), the first of those that
 * matches one of `names` (the host names the SUP answers to, matched as Windows does) is the
 * one the admin means to bind; when none matches, the first with a key.
 */
export function selectLeaf(bundle: CertificateBundle, names: readonly string[] = []): number {
  const keyed = keyedCertificates(bundle);
  if (keyed.length > 1 && names.length > 0) {
    const named = keyed.find((i) => names.some((n) => nameMatches(bundle.certificates[i]!, n)));
    if (named !== undefined) return named;
  }
  if (keyed.length > 0) return keyed[0]!;
  const endEntity = bundle.certificates.findIndex((c) => !c.isCA);
  return endEntity >= 0 ? endEntity : 0;
}

/** The indexes of the certificates whose private key the bundle holds, in key order, each once. */
export function keyedCertificates(bundle: CertificateBundle): number[] {
  const out: number[] = [];
  for (const k of bundle.keys)
    if (k.certificateIndex !== null && !out.includes(k.certificateIndex))
      out.push(k.certificateIndex);
  return out;
}

function nameMatches(cert: CertificateInfo, name: string): boolean {
  try {
    return explainHostMatch(cert, name, 'windows').matched;
  } catch {
    return false;
  }
}

/**
 * Judges a certificate as the TLS certificate of a ConfigMgr software update point. Input
 * problems (wrong password, malformed file, bad options) reject with SupCertError; they never
 * become a passing report. The rules are the catalogue (docs/rules.md), each citing its source.
 *
 * @throws SupCertError INVALID_OPTION (bad option value: an empty or malformed host name, names
 *   that disagree, skipNames with names ...), EMPTY_INPUT, UNKNOWN_FORMAT, MALFORMED,
 *   PASSWORD_REQUIRED (a PFX or an encrypted PEM key without password), WRONG_PASSWORD,
 *   UNSUPPORTED_ALGORITHM, LIMIT_EXCEEDED (names the limit, e.g. limits.maxNameComparisons).
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { validateSupCertificate } from 'supcert';
 *
 * const report = await validateSupCertificate(readFileSync('sup01.pfx'), {
 *   password: 'Passw0rd!',
 *   names: 'sup01.corp.contoso.com&sup01.contoso.com', // intranet & internet FQDN
 *   configureSslName: 'sup01.corp.contoso.com',
 *   trustAnchors: [readFileSync('root.pem')], // enables the chain rules
 * });
 * console.log(report.ok ? 'PASS' : 'FAIL', report.summary);
 * for (const f of report.findings.filter((f) => f.severity !== 'info'))
 *   console.log(f.rule, f.severity, f.message);
 * console.log(report.clientError?.name ?? 'clients accept it'); // e.g. CERT_E_CN_NO_MATCH
 * ```
 */
export async function validateSupCertificate(
  input: Uint8Array | string | CertificateBundle,
  options: SupOptions = {},
): Promise<SupReport> {
  // Own keys only, on an object without a prototype (src/util/ownOptions.ts).
  options = ownOptions(options);
  const resolved = resolveOptions(options);
  const budget =
    options.budget instanceof WorkBudget ? options.budget : new WorkBudget(options.limits);
  const bundle = isBundle(input)
    ? input
    : await readCertificates(input, { password: options.password, budget });
  const replaces =
    options.replaces === undefined ? undefined : await readReplaced(options.replaces, budget);
  return judgeBundle(
    bundle,
    options,
    budget,
    () => (replaces ? { replaces } : {}),
    undefined,
    resolved,
  );
}

/** Reads the certificate a renewal replaces (options.replaces): its leaf. */
export async function readReplaced(
  input: Uint8Array | string,
  budget: WorkBudget,
): Promise<CertificateInfo> {
  try {
    const old = await readCertificates(input, { budget });
    return old.certificates[selectLeaf(old)]!;
  } catch (error) {
    if (error instanceof SupCertError)
      throw new SupCertError(error.code, `replaces: ${error.message}`);
    throw error;
  }
}

/**
 * True when no certificate of the bundle can be the server's (a chain .p7b, a CA bundle: the
 * SUP-FILE-002 notion), a CA:TRUE certificate counting as the server's when its CN is one of the
 * names given.
 */
export function holdsNoServerCertificate(
  bundle: CertificateBundle,
  resolved: ReturnType<typeof resolveOptions>,
): boolean {
  const given = [
    resolved.intranetName,
    resolved.internetName,
    ...resolved.extraNames,
    resolved.configureSslName,
  ].filter((n): n is string => !!n);
  return holdsOnlyCaCertificates(bundle, given);
}

/**
 * Judges one certificate of a read bundle (the leaf, or `index`): the chain when trust anchors
 * are given, then the catalogue. `extra` adds to the rule context (a deployment snapshot, the
 * certificate replaced).
 */
export async function judgeBundle(
  bundle: CertificateBundle,
  options: SupOptions,
  budget: WorkBudget,
  extra: (cert: CertificateInfo) => Partial<RuleContext> = () => ({}),
  index?: number,
  resolvedOptions?: ReturnType<typeof resolveOptions>,
): Promise<SupReport> {
  const resolved = resolvedOptions ?? resolveOptions(options);
  if (bundle.certificates.length === 0) {
    throw new SupCertError(
      'UNKNOWN_FORMAT',
      `The file holds no certificate to judge (${withoutCertificates(bundle)}).${bundle.keys.length > 0 ? ' Export the certificate together with its key.' : bundle.contains === 'pkcs7' ? ' Export the certificate again, as a .cer or as a .p7b that includes it.' : bundle.contains === 'pkcs12' ? ' Export the certificate again, with its private key, as a PFX that includes it.' : ''}`,
    );
  }
  index ??= selectLeaf(
    bundle,
    [resolved.intranetName, resolved.internetName, resolved.configureSslName].filter(
      (n): n is string => !!n,
    ),
  );
  const cert = bundle.certificates[index]!;
  const more = extra(cert);
  // A file of CA certificates only gets its own verdict (SUP-FILE-002); its root is not judged as the leaf.
  const noServerCertificate =
    !more.certificateMissing && holdsNoServerCertificate(bundle, resolved);
  const validated =
    options.trustAnchors && !noServerCertificate && !more.certificateMissing
      ? await validateChain(cert, bundle, options, resolved.at, budget)
      : undefined;
  const chain = validated?.chain;
  const revocation =
    (options.crls !== undefined || options.ocspResponses !== undefined) && !noServerCertificate
      ? await runWithSignatures(
          () => judgeRevocation(options, chain, resolved.at, budget),
          [budget],
        )
      : undefined;
  const ctx: RuleContext = {
    cert,
    ...(validated ? { chain: validated.chain, trustAnchors: validated.trustAnchors } : {}),
    ...(revocation ? { revocation } : {}),
    ...(Array.isArray(options.aiaNotes) && options.aiaNotes.length > 0
      ? { aiaNotes: options.aiaNotes.filter((n) => typeof n === 'string').slice(0, 20) }
      : {}),
    ...(noServerCertificate ? { noServerCertificate } : {}),
    bundle,
    key: bundle.keys.find((k) => k.certificateIndex === index),
    options: resolved,
    names:
      noServerCertificate || more.certificateMissing ? [] : requiredNames(cert, resolved, budget),
    ...more,
  };
  // The root's self-signature is checked in buildReport (clientErrors): see src/port/signatures.ts.
  return runWithSignatures(() => buildReport(ctx, index, chain, validated?.rootTrusted));
}

/**
 * Bounds on what a report repeats from hostile input, so that its size does not grow with the
 * number of candidate issuers, subtrees or names: each finding's and chain problem's message is
 * cut to `message` characters (with "… (N characters)"), at most `findings` findings are kept
 * (errors first, then warnings, then info, each in rule order; `summary` and `ok` still count
 * every finding, and `omittedFindings` says how many were left out), and at most `chainProblems`
 * chain problems (`chain.omittedProblems`). A report is then at most about
 * findings × message + chainProblems × message characters (≈ 500 KB) on top of the certificate
 * model, the required names and the chain path, which hold each input value once.
 */
export const REPORT_BOUNDS = Object.freeze({ message: 2_000, findings: 200, chainProblems: 50 });

function cutMessage(message: string): string {
  return message.length <= REPORT_BOUNDS.message
    ? message
    : `${message.slice(0, REPORT_BOUNDS.message)}… (${message.length.toLocaleString('en-US')} characters)`;
}

function boundFindings(findings: Finding[]): { kept: Finding[]; omitted: number } {
  const cut = findings.map((f) =>
    f.message.length > REPORT_BOUNDS.message ? { ...f, message: cutMessage(f.message) } : f,
  );
  if (cut.length <= REPORT_BOUNDS.findings) return { kept: cut, omitted: 0 };
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const chosen = new Set(
    cut
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i)
      .slice(0, REPORT_BOUNDS.findings)
      .map((x) => x.f),
  );
  return { kept: cut.filter((f) => chosen.has(f)), omitted: cut.length - chosen.size };
}

/**
 * Runs the catalogue on a prepared context and shapes the report (shared with
 * validateSupRequest). The report is bounded as {@link REPORT_BOUNDS} says.
 */
export function buildReport(
  ctx: RuleContext,
  index: number,
  chain?: ChainResult,
  rootTrusted?: ChainResult,
): SupReport {
  const { findings: all, results } = runRules(SUP_RULES, ctx);
  const count = (s: Finding['severity']): number => all.filter((f) => f.severity === s).length;
  const { kept: findings, omitted } = boundFindings(all);
  const chainProblems = chain?.problems
    .slice(0, REPORT_BOUNDS.chainProblems)
    .map((p) =>
      p.message.length > REPORT_BOUNDS.message ? { ...p, message: cutMessage(p.message) } : p,
    );
  const omittedProblems = chain ? chain.problems.length - chainProblems!.length : 0;
  const client = clientErrors(all, chain, rootTrusted);
  return {
    ok: count('error') === 0,
    certificate: ctx.cert,
    findings,
    rules: results.map((r) => r.rule),
    results,
    names: ctx.names.map((n) => {
      const entry: SupReport['names'][number] = {
        name: n.name,
        role: n.role,
        matched: n.match.matched,
      };
      if (n.match.via) entry.via = n.match.via;
      if (n.match.presented) entry.presented = n.match.presented;
      return entry;
    }),
    certificateIndex: index,
    ...(chain
      ? {
          chain: {
            valid: chain.valid,
            path: chain.path.map((c) => c.subject),
            problems: chainProblems!,
            ...(omittedProblems > 0 ? { omittedProblems } : {}),
          },
        }
      : {}),
    ...(omitted > 0 ? { omittedFindings: omitted } : {}),
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    clientError: item(client, 0) ?? null,
    clientErrors: client,
    ...(ctx.revocation ? { revocation: ctx.revocation } : {}),
  };
}
