import { Eku, Oid } from '../asn1/oids.js';
import { SupCertError } from '../errors.js';
import { type BudgetKey, WorkBudget } from '../limits.js';
import { quoteValue } from '../util/quote.js';
import { bytesEqual, toHex } from '../util/bytes.js';
import {
  type BerContext,
  TagClass,
  children,
  content,
  encoded,
  explicit,
  readWhole,
  sequence,
} from '../asn1/ber.js';
import { runWithSignatures } from '../port/signatures.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateInternals } from '../x509/parseCertificate.js';
import {
  type CertificateInput,
  type VerifyChainInputOptions,
  type VerifyChainOptions,
  normaliseChainInputs,
} from './chainInputs.js';
import { extensionSyntaxProblem } from './extensionSyntax.js';
import { invalidSanReason } from './altNameValidity.js';
import { nameConstraintsOf, unsupportedConstraint, violations } from './nameConstraints.js';
import { normalisedIssuer, normalisedSubject } from '../names/directoryName.js';
import { type SignatureCheck, checkSignature, keyRefusal, verificationUnits } from './signature.js';
import { ownOptions } from '../util/ownOptions.js';
import { item } from '../util/item.js';

/** Declared with the inputs it is normalised from (chainInputs.ts), which this module imports. */
export type { VerifyChainOptions };

/** Stable problem codes (docs/api.md, "Chains": problems[].code). */
export type ChainProblemCode =
  | 'NO_PATH'
  | 'BAD_SIGNATURE'
  | 'UNSUPPORTED_SIGNATURE'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NOT_CA'
  | 'PATH_LENGTH'
  | 'KEY_USAGE'
  | 'EKU_NOT_ALLOWED'
  | 'UNKNOWN_CRITICAL_EXTENSION'
  | 'INVALID_EXTENSION'
  | 'NAME_CONSTRAINTS'
  | 'WEAK_KEY'
  | 'WEAK_SIGNATURE'
  | 'SIGNATURE_ALGORITHM_MISMATCH'
  | 'EMPTY_NAME'
  | 'DEPTH_EXCEEDED'
  | 'SEARCH_LIMIT';

/** Why a chain is not valid (or what else the search found): a stable code and a message. */
export interface ChainProblem {
  code: ChainProblemCode;
  message: string;
  /** Subject of the certificate the problem is about, when there is one, cut to 200 characters ({@link describeCertificate}). */
  certificate?: string;
}

/** verifyChain's answer: valid or not, the path (leaf first) and every problem found. */
export interface ChainResult {
  valid: boolean;
  /** Leaf first, trust anchor last; for a failure, the best path found (possibly incomplete). */
  path: CertificateInfo[];
  problems: ChainProblem[];
}

/** Extensions Windows and RFC 5280 path validation understand; any other critical one fails. */
const KNOWN_EXTENSIONS = new Set<string>([
  Oid.keyUsage,
  Oid.extKeyUsage,
  Oid.basicConstraints,
  Oid.subjectAltName,
  Oid.issuerAltName,
  Oid.nameConstraints,
  Oid.certificatePolicies,
  Oid.policyMappings,
  Oid.policyConstraints,
  Oid.inhibitAnyPolicy,
  Oid.subjectKeyIdentifier,
  Oid.authorityKeyIdentifier,
  Oid.crlDistributionPoints,
  Oid.authorityInfoAccess,
  '2.5.29.46' /* freshestCRL */,
  Oid.msCertificateTemplate,
  Oid.msCertificateTemplateName,
  Oid.msApplicationPolicies,
  '1.3.6.1.4.1.311.21.1' /* CA version */,
  Oid.subjectAltNameObsolete, // Windows reads it as a SAN (Wine chain.c chain5: critical, accepted)
]);
const WINDOWS_CURVES = new Set(['P-256', 'P-384', 'P-521']);

/**
 * How a certificate is named in messages and in `ChainProblem.certificate`: its subject, cut to
 * 200 characters with its length (quoteValue), or the serial number when the subject is empty.
 */
export const describeCertificate = (c: CertificateInfo): string =>
  c.subject ? quoteValue(c.subject) : `(empty subject, serial ${quoteValue(c.serialNumber, 64)})`;
const describe = describeCertificate;

/** Candidate issuers named in a message about failed links, before "… and N more". */
const LINKS_LISTED = 3; // the first, and two serial numbers of the others

/**
 * Builds and validates the chain a Windows client would build for `leaf`: every candidate issuer
 * is tried (linked as CryptoAPI links an issuer: its subject encoded byte for byte as the
 * certificate's issuer name, or its key named by the authority key identifier), and the first fully
 * valid path wins (at most `maxIntermediates` intermediates that are not self-issued, and as many
 * self-issued key-rollover certificates besides). Per link: signature, validity at `at`, CA flag, pathLenConstraint,
 * keyCertSign, unknown and malformed critical extensions, the EKU of CA certificates (Windows
 * intersects it along the path), name constraints, weak keys and MD2/MD5 signatures.
 *
 * Work is bounded per call, not per structure: every certificate visited and every candidate
 * issuer tried draws one unit of `limits.maxPathNodes` from `options.budget`, every verification
 * its cost in `maxSignatureChecks` units (by the issuer's key and the size of the signed data: {@link signatureUnits}; public keys larger than Windows can use are refused before any
 * verification: see KEY_SIZE_BOUNDS in signature.ts), and name constraints draw
 * `maxNameComparisons`. A candidate from which no trust anchor can be reached within the
 * remaining depth is pruned, and the answer remembered per certificate and remaining depth, so the
 * search is polynomial in the pool for paths that lead nowhere; only paths that reach an anchor
 * are enumerated. When a budget runs out the search ends with a SEARCH_LIMIT problem and
 * `valid: false`: never a pass.
 *
 * Messages quote certificate names cut to 200 characters, and failed links are aggregated per
 * certificate ("… and 1,998 more candidate issuers with bad signatures").
 *
 * `leaf`, `trustAnchors` and `intermediates` take read certificates or the files' bytes / PEM text
 * (the leaf file's further certificates join the intermediates). `requiredEku` is one OID, or
 * `{ oids, match }`: 'and' = valid only when the chain allows every OID (the result for the first
 * OID it refuses, else the first result), 'or' = valid when it allows one (the first valid result,
 * else the first that allows an OID, else the first) — CertGetCertificateChain's RequestedUsage
 * with USAGE_MATCH_TYPE_AND / _OR (Wine chain.c testGetCertChain, Windows-verified).
 *
 * @throws never for hostile certificates: every problem is a ChainProblem. SupCertError
 *   INVALID_OPTION for options of the wrong shape (trustAnchors not an array, a
 *   maxIntermediates or maxSignatureChecks that is not a non-negative integer, an EKU that is not an OID);
 *   MALFORMED / UNKNOWN_FORMAT / LIMIT_EXCEEDED ... for certificate bytes that cannot be read.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { Eku, verifyChain } from 'supcert';
 *
 * const result = await verifyChain(readFileSync('sup01.pem'), {
 *   trustAnchors: [readFileSync('root.pem')],
 *   intermediates: [readFileSync('issuing.pem')],
 *   requiredEku: Eku.serverAuth,
 *   at: new Date('2027-06-01T00:00:00Z'),
 * });
 * if (result.valid) console.log(result.path.map((c) => c.subject)); // leaf, issuing CA, root
 * else for (const p of result.problems) console.log(p.code, p.message);
 * ```
 */
export async function verifyChain(
  leaf: CertificateInput,
  options: VerifyChainInputOptions,
): Promise<ChainResult> {
  // Bytes / PEM as well as read certificates; requiredEku one OID or { oids, match }.
  const n = await normaliseChainInputs(leaf, ownOptions(options));
  // Several EKUs: the usage verdict decides, not an unrelated failure of the first OID's run — AND: the
  // first result that refuses an OID (EKU_NOT_ALLOWED), OR: the first that allows one (Wine chain.c
  // testGetCertChain, RequestedUsage AND/OR over { serverAuth, 1.2.3 }, asserted on Windows).
  const results: ChainResult[] = [];
  for (const requiredEku of n.ekus) {
    // In a browser, signatures verify asynchronously: see src/port/signatures.ts.
    const result = await runWithSignatures(
      () =>
        verifyChainSync(n.leaf, {
          ...n.options,
          ...(requiredEku ? { requiredEku } : {}),
        }),
      [n.options.budget],
    );
    results.push(result);
    if (n.match === 'or' && result.valid) return result;
    if (n.match === 'and' && refusesUsage(result)) return result;
  }
  return (n.match === 'or' ? results.find((r) => !refusesUsage(r)) : undefined) ?? results[0]!;
}

const refusesUsage = (r: ChainResult): boolean =>
  r.problems.some((p) => p.code === 'EKU_NOT_ALLOWED');

/** A failed link, or the same failure for many candidate issuers of one certificate. */
interface LinkFailure {
  code: 'BAD_SIGNATURE' | 'UNSUPPORTED_SIGNATURE';
  cert: CertificateInfo;
  issuers: CertificateInfo[];
  reasons: string[];
  count: number;
}

class SearchExhausted extends Error {
  constructor(readonly key: BudgetKey) {
    super(key);
  }
}

export function verifyChainSync(leaf: CertificateInfo, options: VerifyChainOptions): ChainResult {
  if (!Array.isArray(options?.trustAnchors))
    throw new SupCertError(
      'INVALID_OPTION',
      'verifyChain: trustAnchors must be an array of certificates (from readCertificates).',
    );
  if (options.intermediates !== undefined && !Array.isArray(options.intermediates))
    throw new SupCertError(
      'INVALID_OPTION',
      'verifyChain: intermediates must be an array of certificates (from readCertificates).',
    );
  for (const key of ['maxIntermediates', 'maxSignatureChecks'] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0))
      throw new SupCertError(
        'INVALID_OPTION',
        `verifyChain: ${key} must be a non-negative integer.`,
      );
  }
  const at = options.at ?? new Date();
  const anchors = options.trustAnchors;
  const anchorHashes = new Set(anchors.map((a) => a.sha256));
  const pool = (options.intermediates ?? []).filter((c) => !anchorHashes.has(c.sha256));
  const maxIntermediates = options.maxIntermediates ?? 8;
  const budget = options.budget instanceof WorkBudget ? options.budget : new WorkBudget();
  const signatureOverride = options.maxSignatureChecks;
  let localSignatureChecks = 0;
  const signatures = new Map<string, SignatureCheck>();
  const linkFailures = new Map<string, LinkFailure>();
  let depthExceeded: CertificateInfo | null = null;
  let best: { path: CertificateInfo[]; problems: ChainProblem[] } | null = null;
  let exhausted: BudgetKey | null = null;

  // Candidates by normalised subject name, computed once (not one scan of the pool per step).
  const index = (certs: CertificateInfo[]): Map<string, CertificateInfo[]> => {
    const map = new Map<string, CertificateInfo[]>();
    for (const c of certs) {
      const key = normalisedSubject(c);
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    }
    return map;
  };
  const anchorsByName = index(anchors);
  const poolByName = index(pool);

  const step = (): void => {
    if (!budget.tryCharge('maxPathNodes', 1)) throw new SearchExhausted('maxPathNodes');
  };
  // A verification costs by the issuer's key (a 16,384-bit RSA key 58 units) and the signed part's size (one more per 16 KiB).
  const chargeSignature = (
    cert: CertificateInfo,
    issuer: CertificateInfo,
    params?: CertificateInfo,
  ): void => {
    const units = signatureUnits(cert, issuer, params);
    if (signatureOverride !== undefined) {
      if (localSignatureChecks + units > signatureOverride)
        throw new SearchExhausted('maxSignatureChecks');
      localSignatureChecks += units;
    } else if (!budget.tryCharge('maxSignatureChecks', units))
      throw new SearchExhausted('maxSignatureChecks');
  };

  const signed = (
    cert: CertificateInfo,
    issuer: CertificateInfo,
    params?: CertificateInfo,
  ): SignatureCheck => {
    const key = `${cert.sha256}>${issuer.sha256}`;
    let result = signatures.get(key);
    if (result === undefined) {
      const refusal = keyRefusal(issuer, params);
      if (refusal) result = { unsupported: refusal };
      else {
        chargeSignature(cert, issuer, params);
        result = checkSignature(cert, issuer, params);
      }
      signatures.set(key, result);
      if (result !== 'valid') recordLinkFailure(cert, issuer, result);
    }
    return result;
  };

  const recordLinkFailure = (
    cert: CertificateInfo,
    issuer: CertificateInfo,
    sig: Exclude<SignatureCheck, 'valid'>,
  ): void => {
    const code = sig === 'invalid' ? 'BAD_SIGNATURE' : 'UNSUPPORTED_SIGNATURE';
    const key = `${code}:${cert.sha256}`;
    const failure =
      linkFailures.get(key) ??
      ({ code, cert, issuers: [], reasons: [], count: 0 } satisfies LinkFailure);
    linkFailures.set(key, failure);
    failure.count++;
    if (failure.issuers.length < LINKS_LISTED) {
      failure.issuers.push(issuer);
      failure.reasons.push(sig === 'invalid' ? '' : sig.unsupported);
    }
  };

  const parametersFor = (candidate: CertificateInfo): CertificateInfo | undefined => {
    const wanted = normalisedIssuer(candidate);
    return poolByName.get(wanted)?.[0] ?? anchorsByName.get(wanted)?.[0];
  };
  const byHint =
    (current: CertificateInfo) =>
    (a: CertificateInfo, b: CertificateInfo): number =>
      hintScore(current, b, at) - hintScore(current, a, at);
  // Certificates whose subject is the issuer name only after case, white-space and string-type
  // folding, and that no key identifier links: named in NO_PATH's message.
  const encodedAlike = new Map<CertificateInfo, CertificateInfo>();
  const sortedCandidates = new Map<
    CertificateInfo,
    { anchors: CertificateInfo[]; pool: CertificateInfo[] }
  >();
  const candidatesOf = (
    current: CertificateInfo,
  ): { anchors: CertificateInfo[]; pool: CertificateInfo[] } => {
    let found = sortedCandidates.get(current);
    if (!found) {
      const wanted = normalisedIssuer(current);
      const linkable = (c: CertificateInfo): boolean => issuerLinks(current, c);
      const alike = [...(anchorsByName.get(wanted) ?? []), ...(poolByName.get(wanted) ?? [])];
      if (alike.some((c) => !linkable(c)))
        encodedAlike.set(
          current,
          alike.find((c) => !linkable(c))!,
        );
      found = {
        anchors: (anchorsByName.get(wanted) ?? []).filter(linkable).sort(byHint(current)),
        pool: (poolByName.get(wanted) ?? []).filter(linkable).sort(byHint(current)),
      };
      sortedCandidates.set(current, found);
    }
    return found;
  };
  // The depth counts CA certificates that are not self-issued (key rollover certificates are free), as pathLen does;
  // self-issued ones are counted apart (at most maxIntermediates of them), so every step shrinks one allowance and
  // no path, recursion or memo key can grow with the pool.
  interface Allowance {
    depth: number;
    selfIssued: number;
  }
  const after = (a: Allowance, c: CertificateInfo): Allowance | null =>
    a.depth === 0
      ? null
      : c.selfIssued
        ? a.selfIssued === 0
          ? null
          : { depth: a.depth, selfIssued: a.selfIssued - 1 }
        : { depth: a.depth - 1, selfIssued: a.selfIssued };

  /**
   * Whether a trust anchor can be reached from `cert` within allowance `a`, by links whose
   * signatures verify (ignoring every other check, and repetitions). Every link shrinks the
   * allowance, so the answer for each (certificate, allowance) is computed once and remembered.
   */
  const reachable = new Map<string, boolean>();
  const reach = (cert: CertificateInfo, a: Allowance): boolean => {
    const key = `${cert.sha256}:${a.depth}:${a.selfIssued}`;
    const known = reachable.get(key);
    if (known !== undefined) return known;
    step();
    const { anchors: anchorCandidates, pool: poolCandidates } = candidatesOf(cert);
    let found = false;
    for (const anchor of anchorCandidates) {
      step();
      if (signed(cert, anchor, anchor) === 'valid') {
        found = true;
        break;
      }
    }
    if (!found && a.depth === 0 && poolCandidates.length > 0) depthExceeded ??= cert;
    for (const candidate of found ? [] : poolCandidates) {
      step();
      const next = after(a, candidate);
      if (!next || candidate === cert) continue;
      if (signed(cert, candidate, parametersFor(candidate)) !== 'valid') continue;
      if (reach(candidate, next)) {
        found = true;
        break;
      }
    }
    reachable.set(key, found);
    return found;
  };

  const consider = (path: CertificateInfo[]): boolean => {
    const problems = validatePath(path, at, options.requiredEku, budget);
    // Name constraints that would pass the budget are a violation (fail closed) and end the search.
    if (
      problems.some(
        (p) => p.code === 'NAME_CONSTRAINTS' && p.message.includes('(limits.maxNameComparisons)'),
      )
    ) {
      best ??= { path, problems };
      throw new SearchExhausted('maxNameComparisons');
    }
    if (problems.length === 0) {
      best = { path, problems };
      return true;
    }
    if (!best || problems.length < best.problems.length) best = { path, problems };
    return false;
  };

  const onPath = (path: CertificateInfo[], c: CertificateInfo): boolean =>
    path.some(
      (p) =>
        p.sha256 === c.sha256 ||
        (normalisedSubject(p) === normalisedSubject(c) &&
          bytesEqual(certificateInternals(p).spkiDer, certificateInternals(c).spkiDer)),
    );

  /** Enumerates paths that can reach an anchor, in hint order, until one is fully valid. */
  const search = (path: CertificateInfo[], a: Allowance): boolean => {
    step();
    const current = path[path.length - 1]!;
    const { anchors: anchorCandidates, pool: poolCandidates } = candidatesOf(current);
    for (const anchor of anchorCandidates) {
      step();
      if (signed(current, anchor, anchor) === 'valid' && consider([...path, anchor])) return true;
    }
    if (a.depth === 0) {
      if (poolCandidates.length > 0) depthExceeded ??= current;
      return false;
    }
    for (const candidate of poolCandidates) {
      step();
      const next = after(a, candidate);
      if (!next || onPath(path, candidate)) continue;
      if (signed(current, candidate, parametersFor(candidate)) !== 'valid') continue;
      if (!reach(candidate, next)) continue;
      if (search([...path, candidate], next)) return true;
    }
    return false;
  };

  try {
    // The leaf may itself be trusted (a self-signed certificate in the trust store).
    if (anchorHashes.has(leaf.sha256) && consider([leaf])) return done();
    search([leaf], { depth: maxIntermediates, selfIssued: maxIntermediates });
  } catch (error) {
    if (!(error instanceof SearchExhausted)) throw error;
    exhausted = error.key;
  }
  return done();

  /** With no complete path: the longest chain of verified links from the leaf, greedily, for the NO_PATH message. */
  function deepestPath(): CertificateInfo[] {
    const path = [leaf];
    let allowance: Allowance | null = { depth: maxIntermediates, selfIssued: maxIntermediates };
    try {
      while (allowance) {
        const current = path[path.length - 1]!;
        const a: Allowance = allowance;
        const next = candidatesOf(current).pool.find((c) => {
          step();
          return (
            after(a, c) !== null &&
            !onPath(path, c) &&
            signed(current, c, parametersFor(c)) === 'valid'
          );
        });
        if (!next) break;
        path.push(next);
        allowance = after(a, next);
      }
    } catch (error) {
      if (!(error instanceof SearchExhausted)) throw error;
      exhausted ??= error.key;
    }
    return path;
  }

  function searchLimitProblem(key: BudgetKey): ChainProblem {
    const limit =
      key === 'maxSignatureChecks' && signatureOverride !== undefined
        ? signatureOverride
        : budget.limits[key];
    const what =
      key === 'maxPathNodes'
        ? 'certificates visited and candidate issuers tried'
        : key === 'maxSignatureChecks'
          ? 'signature-check units (a verification with a key bigger than RSA-4096 or P-256, or of a certificate over 16 KiB, counts more than one)'
          : 'name comparisons for name constraints';
    const raise =
      key === 'maxSignatureChecks' && signatureOverride !== undefined
        ? 'the maxSignatureChecks option'
        : `limits.${key}`;
    return {
      code: 'SEARCH_LIMIT',
      message: `Gave up after ${limit.toLocaleString('en-US')} ${what} (${raise}): the intermediate pool looks hostile or far too large, so the chain is not trusted. If the certificates are genuine, raise ${raise}.`,
    };
  }

  function alikeHint(cert: CertificateInfo): string {
    const alike = encodedAlike.get(cert);
    return alike
      ? ` "${describe(alike)}" has that name only when case, spacing or string type are ignored: Windows finds an issuer by its encoded name, byte for byte, unless the certificate's authority key identifier names the issuer's key, so it does not chain there either. Reissue the certificate with the issuer name exactly as the CA's subject is encoded (or with an authority key identifier).`
      : '';
  }

  function done(): ChainResult {
    const found = best;
    if (found) {
      if (found.problems.length === 0) return { valid: true, path: found.path, problems: [] };
      return {
        valid: false,
        path: found.path,
        problems: exhausted ? [searchLimitProblem(exhausted), ...found.problems] : found.problems,
      };
    }
    const deepest = exhausted ? [leaf] : deepestPath();
    const last = deepest[deepest.length - 1]!;
    const problems: ChainProblem[] = [];
    if (exhausted) problems.push(searchLimitProblem(exhausted));
    const aia = item(last.caIssuerUrls, 0);
    problems.push({
      code: 'NO_PATH',
      message: exhausted
        ? `No chain from "${describe(leaf)}" to a trusted root was found before the search gave up.`
        : depthExceeded
          ? `No chain from "${describe(leaf)}" to a trusted root within ${maxIntermediates} intermediate certificate${maxIntermediates === 1 ? '' : 's'}.`
          : `No chain from "${describe(leaf)}" to a trusted root: the issuer "${last.issuer ? quoteValue(last.issuer) : '(empty)'}" of "${describe(last)}" is not among the trust anchors${pool.length ? ' or the intermediates' : ''} given${aia ? ` (its AIA points to ${quoteValue(aia)})` : ''}.${alikeHint(last)}`,
      certificate: describe(last),
    });
    for (const failure of linkFailures.values()) problems.push(linkProblem(failure));
    if (depthExceeded)
      problems.push({
        code: 'DEPTH_EXCEEDED',
        message: `The chain would need more than ${maxIntermediates} intermediate certificates.`,
        certificate: describe(depthExceeded),
      });
    return { valid: false, path: deepest, problems };
  }
}

/**
 * What one verification of `cert`'s signature with `issuer`'s key draws from `maxSignatureChecks`:
 * the public-key operation's cost ({@link verificationUnits}: 1 for P-256, Ed25519 and RSA up to
 * 4,096 bits, 58 for a 16,384-bit RSA modulus with a 32-bit exponent), plus 1 per 16 KiB of signed
 * data (a 1 MB certificate costs 62 more; one with 10,000 SAN names, ~300 KB, 19), so the bytes
 * hashed in one search stay below maxSignatureChecks × 16 KiB (32 MiB with the default 2,000),
 * and the public-key work below 2,000 P-256 verifications (~0.1 s). Without `issuer`, the
 * public-key part counts 1.
 */
export function signatureUnits(
  cert: CertificateInfo,
  issuer?: CertificateInfo,
  parametersFrom?: CertificateInfo,
): number {
  return (
    (issuer ? verificationUnits(issuer, parametersFrom) : 1) +
    Math.floor(certificateInternals(cert).tbs.length / 16_384)
  );
}

/**
 * Whether Windows would take `candidate` (whose subject is `cert`'s issuer name after
 * normaliseName's folding) as an issuer of `cert` at all. CryptoAPI looks an issuer up by the
 * certificate the authority key identifier names ("exact match": its authorityCertIssuer and
 * authorityCertSerialNumber, see exactMatchId), by key ("key match": the authority key
 * identifier's keyIdentifier equals the candidate's subject key identifier) or else by name ("name match": CertCompareCertificateName, the encoded names
 * identical byte for byte; the name match is case sensitive, Microsoft Press, "Windows Server 2003
 * PKI and Certificate Security", ch. 9). So a name that differs only in case, white space or string
 * type (PrintableString against UTF8String) links only through the authority key identifier; Wine's crypt32
 * does the same (scripts/wine-oracle/names-corpus.mjs, group chain-issuer, in
 * docs/wine-differences.md). A key match whose names differ beyond that folding is not taken: the
 * stricter reading, as no Windows-verified case shows Windows ignoring the name there.
 * An authority key identifier that names no certificate does not stop the name match: Windows
 * links the CA of that name (Windows-verified: dotnet/runtime's X509 DynamicChainTests,
 * MismatchKeyIdentifiers, a 3-element chain on Windows; test/aki-mismatch.test.ts), where Wine's
 * crypt32 and OpenSSL look such a certificate's issuer up by key identifier only and stop.
 */
function issuerLinks(cert: CertificateInfo, candidate: CertificateInfo): boolean {
  if (bytesEqual(certificateInternals(cert).issuerDer, certificateInternals(candidate).subjectDer))
    return true;
  if (
    cert.authorityKeyIdentifier !== null &&
    cert.authorityKeyIdentifier === candidate.subjectKeyIdentifier
  )
    return true;
  const exact = exactMatchId(cert);
  return (
    exact !== null &&
    exact.serial === unpaddedSerial(candidate.serialNumber) &&
    bytesEqual(exact.issuerDer, certificateInternals(candidate).issuerDer)
  );
}

/** A serial number's hex digits without leading zero bytes (CertCompareIntegerBlob's reading). */
const unpaddedSerial = (hex: string): string => hex.replace(/^(?:00)+/, '').toLowerCase();

const exactMatchIds = new WeakMap<
  CertificateInfo,
  { issuerDer: Uint8Array; serial: string } | null
>();

/**
 * The certificate an authority key identifier names by authorityCertIssuer (its first
 * directoryName) and authorityCertSerialNumber, or null. CryptoAPI's "exact match": the issuer is
 * the certificate whose own issuer name is that directoryName, byte for byte, and whose serial
 * number is that number (Microsoft Press, "Windows Server 2003 PKI and Certificate Security",
 * ch. 9; Wine's crypt32 marks such a link CERT_TRUST_HAS_EXACT_MATCH_ISSUER). Only ever widens
 * issuerLinks: a certificate whose issuer name and the CA's subject differ in string type, case or
 * spacing still chains through it, as it does on Windows. The extension was read when the
 * certificate was parsed, so its syntax is known good; anything unexpected counts as no exact id.
 */
function exactMatchId(cert: CertificateInfo): { issuerDer: Uint8Array; serial: string } | null {
  let found = exactMatchIds.get(cert);
  if (found !== undefined) return found;
  found = null;
  const raw = certificateInternals(cert).extensionValues.get(Oid.authorityKeyIdentifier);
  if (raw) {
    try {
      const ctx: BerContext = { maxDepth: 32, what: 'authorityKeyIdentifier' };
      const fields = sequence(readWhole(raw.value, ctx), 'authorityKeyIdentifier', ctx);
      const names = fields.find((n) => n.cls === TagClass.Context && n.tag === 1);
      const serial = fields.find((n) => n.cls === TagClass.Context && n.tag === 2);
      const directoryName =
        names && serial
          ? children(names, ctx).find((n) => n.cls === TagClass.Context && n.tag === 4)
          : undefined;
      if (directoryName && serial)
        found = {
          issuerDer: encoded(explicit(directoryName, 'directoryName', ctx)),
          serial: unpaddedSerial(toHex(content(serial))),
        };
    } catch {
      found = null;
    }
  }
  exactMatchIds.set(cert, found);
  return found;
}

/** Candidates whose SKI matches the AKI, and that are valid now, are tried first. */
function hintScore(cert: CertificateInfo, candidate: CertificateInfo, at: Date): number {
  let score = 0;
  if (cert.authorityKeyIdentifier && cert.authorityKeyIdentifier === candidate.subjectKeyIdentifier)
    score += 2;
  if (candidate.notBefore <= at && at <= candidate.notAfter) score += 1;
  return score;
}

/** One problem per certificate and kind of failed link: the first issuer named, the others counted. */
function linkProblem(f: LinkFailure): ChainProblem {
  const certificate = describe(f.cert);
  const more = f.count - 1;
  const serials = f.issuers.slice(1).map((i) => quoteValue(i.serialNumber, 40));
  const others =
    more === 0
      ? ''
      : ` ${more === 1 ? 'Nor with the other candidate issuer of that name' : `Nor with the other ${more.toLocaleString('en-US')} candidate issuers of that name`} (serial${more === 1 ? '' : 's'} ${serials.join(', ')}${more > serials.length ? ` … and ${(more - serials.length).toLocaleString('en-US')} more candidate issuers with ${f.code === 'BAD_SIGNATURE' ? 'bad signatures' : 'keys that cannot be used'}` : ''}).`;
  if (f.code === 'BAD_SIGNATURE') {
    return {
      code: f.code,
      certificate,
      message: `The signature on "${certificate}" does not verify with the key of "${describe(f.issuers[0]!)}", whose name matches its issuer: the certificate was altered or a different CA of the same name issued it.${others}`,
    };
  }
  const otherReason = f.reasons.slice(1).find((r) => r !== item(f.reasons, 0));
  return {
    code: f.code,
    certificate,
    message: `The signature on "${certificate}" cannot be checked: ${f.reasons[0]}.${others}${otherReason ? ` (Another reason: ${otherReason}.)` : ''}`,
  };
}

/** OIDs (or other short values) listed in a message: at most 5, each cut to 64 characters, then "and N more". */
function listOf(items: readonly string[]): string {
  const shown = items.slice(0, 5).map((i) => quoteValue(i, 64));
  return items.length > 5
    ? `${shown.join(', ')} and ${(items.length - 5).toLocaleString('en-US')} more`
    : shown.join(', ');
}

/**
 * The EKU list of `cert` when it lacks `requiredEku` (and anyExtendedKeyUsage); null when there is
 * no purpose to require, the certificate has no EKU extension (any purpose) or it allows the one.
 */
function ekusWithout(
  cert: CertificateInfo,
  requiredEku: string | undefined,
): readonly string[] | null {
  const ekus = cert.extendedKeyUsages;
  return requiredEku &&
    ekus &&
    !ekus.includes(requiredEku) &&
    !ekus.includes(Eku.anyExtendedKeyUsage)
    ? ekus
    : null;
}

/** Name-constraint violations reported one by one for a certificate and a CA; the rest are counted in one more problem. */
const VIOLATIONS_LISTED = 3;

/**
 * Every check of a complete path (leaf first, trust anchor last). Name constraints draw
 * `maxNameComparisons` from `budget` when given. At most a constant number of problems per
 * certificate and per (certificate, constraining CA) pair, each message bounded (values cut to
 * 200 characters, lists to 5 items), so the result is bounded by the path length, not the input.
 */
export function validatePath(
  path: CertificateInfo[],
  at: Date,
  requiredEku?: string,
  budget?: WorkBudget,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const add = (code: ChainProblemCode, cert: CertificateInfo, message: string): void => {
    problems.push({ code, message, certificate: describe(cert) });
  };
  const last = path.length - 1;
  path.forEach((cert, i) => {
    const role = i === 0 ? 'the certificate' : i === last ? 'the trust anchor' : 'the intermediate';
    if (at < cert.notBefore)
      add(
        'NOT_YET_VALID',
        cert,
        `${role} "${describe(cert)}" is not valid before ${cert.notBefore.toISOString()}.`,
      );
    if (at > cert.notAfter)
      add(
        'EXPIRED',
        cert,
        `${role} "${describe(cert)}" expired on ${cert.notAfter.toISOString()}.`,
      );
    const unknownCritical: string[] = [];
    const inner = certificateInternals(cert);
    for (const ext of cert.extensions) {
      if (ext.critical && !KNOWN_EXTENSIONS.has(ext.oid)) unknownCritical.push(ext.oid);
      if (
        ext.critical &&
        (ext.oid === Oid.authorityKeyIdentifier || ext.oid === Oid.subjectKeyIdentifier)
      )
        add(
          'INVALID_EXTENSION',
          cert,
          `${role} "${describe(cert)}" marks its ${ext.oid === Oid.authorityKeyIdentifier ? 'authority' : 'subject'} key identifier critical, which RFC 5280 forbids.`,
        );
    }
    if (unknownCritical.length <= 3) {
      for (const id of unknownCritical)
        add(
          'UNKNOWN_CRITICAL_EXTENSION',
          cert,
          `${role} "${describe(cert)}" has a critical extension ${quoteValue(id, 64)} that Windows does not understand: it must reject the certificate.`,
        );
    } else
      add(
        'UNKNOWN_CRITICAL_EXTENSION',
        cert,
        `${role} "${describe(cert)}" has ${unknownCritical.length.toLocaleString('en-US')} critical extensions that Windows does not understand (${listOf(unknownCritical)}): it must reject the certificate.`,
      );
    // Fail closed on a malformed critical extension that path validation understands (the parser
    // already refuses the ones it decodes). nameConstraints of a CA is read below.
    for (const [id, ext] of inner.extensionValues) {
      if (!ext.critical) continue;
      if (id === Oid.nameConstraints) {
        if (i > 0) continue;
        try {
          nameConstraintsOf(cert, budget);
        } catch (error) {
          add(
            'INVALID_EXTENSION',
            cert,
            `${role} "${describe(cert)}" has a critical nameConstraints extension that is malformed (${(error as Error).message}).`,
          );
        }
        continue;
      }
      const syntax = extensionSyntaxProblem(id, ext.value, budget);
      if (syntax)
        add(
          'INVALID_EXTENSION',
          cert,
          `${role} "${describe(cert)}" has a critical extension ${id} that is malformed (${syntax}): Windows and OpenSSL reject the certificate.`,
        );
    }
    if (cert.duplicateExtensions.length)
      add(
        'INVALID_EXTENSION',
        cert,
        `${role} "${describe(cert)}" has the extension${cert.duplicateExtensions.length > 1 ? 's' : ''} ${listOf(cert.duplicateExtensions)} more than once.`,
      );
    const badSan = invalidSanReason(cert); // a NUL in a dNSName (Wine chain.c chain27)
    if (badSan) add('INVALID_EXTENSION', cert, `${role} "${describe(cert)}" ${badSan}.`);
    if (
      (cert.publicKey.algorithm === 'rsa' || cert.publicKey.algorithm === 'rsa-pss') &&
      (cert.publicKey.bits ?? 0) < 1024
    )
      add(
        'WEAK_KEY',
        cert,
        `${role} "${describe(cert)}" has a ${cert.publicKey.bits}-bit RSA key; Windows rejects RSA keys under 1024 bits.`,
      );
    // Explicit parameters are accepted when they are a named curve's (Windows 10+ does the same since
    // CVE-2020-0601); anything else is a curve Windows does not support.
    if (cert.publicKey.algorithm === 'ec' && !WINDOWS_CURVES.has(cert.publicKey.curve ?? ''))
      add(
        'WEAK_KEY',
        cert,
        `${role} "${describe(cert)}" has an EC key on ${quoteValue(cert.publicKey.curve ?? 'an unnamed curve', 64)}; Windows supports P-256, P-384 and P-521 given by name.`,
      );
    // The issuers' keys were refused before verification already (no path goes through them); the leaf's is judged here.
    if (i === 0) {
      const refusal = keyRefusal(cert);
      if (refusal)
        add(
          'WEAK_KEY',
          cert,
          `${role} "${describe(cert)}" has a key Windows cannot use: ${refusal.replace("the issuer's", 'its')}.`,
        );
    }
    if (i === last) return;
    // The anchor's own signature is not checked: it is trusted as it is.
    if (!bytesEqual(inner.signatureAlgorithmDer, inner.tbsSignatureAlgorithmDer))
      add(
        'SIGNATURE_ALGORITHM_MISMATCH',
        cert,
        `${role} "${describe(cert)}" names a different signature algorithm inside and outside the signed part.`,
      );
    if (/^md[245]$/.test(cert.signatureHash ?? ''))
      add(
        'WEAK_SIGNATURE',
        cert,
        `${role} "${describe(cert)}" is signed with ${cert.signatureHash!.toUpperCase()}, which Windows refuses.`,
      );
    if (cert.issuer === '')
      add('EMPTY_NAME', cert, `${role} "${describe(cert)}" has an empty issuer name.`);
  });
  // Issuers: CA flag, keyCertSign, pathLenConstraint, EKU, name constraints.
  for (let i = 1; i <= last; i++) {
    const ca = path[i]!;
    const role = i === last ? 'The trust anchor' : 'The intermediate';
    if (ca.subject === '')
      problems.push({
        code: 'EMPTY_NAME',
        message: `${role} has an empty subject name and cannot be an issuer.`,
        certificate: describe(ca),
      });
    const v1Anchor = i === last && ca.version < 3 && !ca.hasBasicConstraints;
    if (!ca.isCA && !v1Anchor)
      problems.push({
        code: 'NOT_CA',
        message: `${role} "${describe(ca)}" is not a CA certificate (${ca.hasBasicConstraints ? 'basicConstraints cA is FALSE' : 'no basicConstraints extension'}), so it may not issue certificates.`,
        certificate: describe(ca),
      });
    if (ca.keyUsage && !ca.keyUsage.includes('keyCertSign'))
      problems.push({
        code: 'KEY_USAGE',
        message: `${role} "${describe(ca)}" has a Key Usage without keyCertSign, so it may not sign certificates.`,
        certificate: describe(ca),
      });
    if (ca.pathLength !== null) {
      const below = path.slice(1, i).filter((c) => !c.selfIssued).length;
      if (below > ca.pathLength)
        problems.push({
          code: 'PATH_LENGTH',
          message: `${role} "${describe(ca)}" allows ${ca.pathLength} intermediate CA certificate${ca.pathLength === 1 ? '' : 's'} below it (pathLenConstraint) but the chain has ${below}.`,
          certificate: describe(ca),
        });
    }
    const caEkus = ekusWithout(ca, requiredEku);
    if (caEkus) {
      problems.push({
        code: 'EKU_NOT_ALLOWED',
        message: `${role} "${describe(ca)}" restricts the purposes of the certificates below it to ${listOf(caEkus)}, without ${requiredEku}: Windows intersects the EKUs along the chain.`,
        certificate: describe(ca),
      });
    }
    let nc;
    try {
      nc = nameConstraintsOf(ca, budget);
    } catch (error) {
      problems.push({
        code: 'NAME_CONSTRAINTS',
        message: `${role} "${describe(ca)}" has name constraints supcert cannot read (${(error as Error).message}): the chain is not trusted.`,
        certificate: describe(ca),
      });
      continue;
    }
    if (nc) {
      const unsupported = unsupportedConstraint(nc);
      if (unsupported)
        problems.push({
          code: 'NAME_CONSTRAINTS',
          message: `${role} "${describe(ca)}" ${unsupported}.`,
          certificate: describe(ca),
        });
      for (let j = 0; j < i; j++) {
        const sub = path[j]!;
        if (j > 0 && sub.selfIssued) continue; // RFC 5280 §6.1.3 (b): self-issued intermediates are exempt
        const found = violations(sub, nc, budget);
        const who = j === 0 ? 'The certificate' : 'An intermediate';
        for (const v of found.slice(0, VIOLATIONS_LISTED))
          problems.push({
            code: 'NAME_CONSTRAINTS',
            message: `${who}: ${v}, set by "${describe(ca)}".`,
            certificate: describe(sub),
          });
        const more = found.length - VIOLATIONS_LISTED;
        if (more > 0)
          problems.push({
            code: 'NAME_CONSTRAINTS',
            message: `${who} "${describe(sub)}": … and ${more.toLocaleString('en-US')} more of its names break the name constraints set by "${describe(ca)}".`,
            certificate: describe(sub),
          });
      }
    }
  }
  // The leaf: the required purpose, and no certificate signing without being a CA.
  const leaf = path[0]!;
  const leafEkus = ekusWithout(leaf, requiredEku);
  if (leafEkus) {
    problems.push({
      code: 'EKU_NOT_ALLOWED',
      message: `The certificate "${describe(leaf)}" is not valid for ${requiredEku} (its EKU lists ${listOf(leafEkus) || 'nothing'}).`,
      certificate: describe(leaf),
    });
  }
  if (last > 0 && leaf.keyUsage?.includes('keyCertSign') && !leaf.isCA) {
    problems.push({
      code: 'KEY_USAGE',
      message: `The certificate "${describe(leaf)}" asserts keyCertSign without being a CA (RFC 5280 §4.2.1.3).`,
      certificate: describe(leaf),
    });
  }
  return problems;
}
