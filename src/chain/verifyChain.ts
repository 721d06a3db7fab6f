import { Eku, Oid } from '../asn1/oids.js';
import { WorkBudget } from '../limits.js';
import { bytesEqual } from '../util/bytes.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateInternals } from '../x509/parseCertificate.js';
import { type CertificateInput, type VerifyChainInputOptions, normaliseChainInputs } from './chainInputs.js';
import { invalidSanReason } from './altNameValidity.js';
import { nameConstraintsOf, violations } from './nameConstraints.js';
import { issuerKey, subjectKey } from './nameKey.js';
import { type SignatureCheck, checkSignature } from './signature.js';

/** Stable problem codes (api.md: problems[].code). */
export type ChainProblemCode =
  | 'NO_PATH' | 'BAD_SIGNATURE' | 'UNSUPPORTED_SIGNATURE' | 'EXPIRED' | 'NOT_YET_VALID' | 'NOT_CA' | 'PATH_LENGTH'
  | 'KEY_USAGE' | 'EKU_NOT_ALLOWED' | 'UNKNOWN_CRITICAL_EXTENSION' | 'INVALID_EXTENSION' | 'NAME_CONSTRAINTS'
  | 'WEAK_KEY' | 'WEAK_SIGNATURE' | 'SIGNATURE_ALGORITHM_MISMATCH' | 'EMPTY_NAME' | 'DEPTH_EXCEEDED' | 'SEARCH_LIMIT';

export interface ChainProblem {
  code: ChainProblemCode;
  message: string;
  /** Subject of the certificate the problem is about, when there is one. */
  certificate?: string;
}

export interface VerifyChainOptions {
  trustAnchors: CertificateInfo[];
  intermediates?: CertificateInfo[];
  /** Default now. */
  at?: Date;
  /** EKU the leaf must allow, e.g. "1.3.6.1.5.5.7.3.1"; CA EKUs along the path must allow it too. */
  requiredEku?: string;
  /** Extension: most intermediates in a path (default 8). */
  maxIntermediates?: number;
  /** Extension: most signature checks in the search (default limits.maxSignatureChecks, 2,000): bounds hostile pools. */
  maxSignatureChecks?: number;
  /** Extension: the work budget of the enclosing call (signature checks, path nodes, name comparisons). Default: a new one with the default limits. */
  budget?: WorkBudget;
}

export interface ChainResult {
  valid: boolean;
  /** Leaf first, trust anchor last; for a failure, the best path found (possibly incomplete). */
  path: CertificateInfo[];
  problems: ChainProblem[];
}

/** Extensions Windows and RFC 5280 path validation understand; any other critical one fails. */
const KNOWN_EXTENSIONS = new Set<string>([
  Oid.keyUsage, Oid.extKeyUsage, Oid.basicConstraints, Oid.subjectAltName, Oid.issuerAltName, Oid.nameConstraints,
  Oid.certificatePolicies, Oid.policyMappings, Oid.policyConstraints, Oid.inhibitAnyPolicy, Oid.subjectKeyIdentifier,
  Oid.authorityKeyIdentifier, Oid.crlDistributionPoints, Oid.authorityInfoAccess, '2.5.29.46' /* freshestCRL */,
  Oid.msCertificateTemplate, Oid.msCertificateTemplateName, Oid.msApplicationPolicies, '1.3.6.1.4.1.311.21.1' /* CA version */,
  Oid.subjectAltNameObsolete, // issue 13: Windows reads it as a SAN (Wine chain.c chain5: critical, accepted)
]);
const WINDOWS_CURVES = new Set(['P-256', 'P-384', 'P-521']);
const describe = (c: CertificateInfo): string => c.subject || `(empty subject, serial ${c.serialNumber})`;

/**
 * Builds and validates the chain a Windows client would build for `leaf`: every candidate issuer
 * is tried (names compared per RFC 5280, AKI/SKI only to order candidates), the search is bounded
 * in depth and in signature checks, and the first fully valid path wins. Per link: signature,
 * validity at `at`, CA flag, pathLenConstraint, keyCertSign, unknown critical extensions, the EKU
 * of CA certificates (Windows intersects it along the path), name constraints, weak keys and
 * MD2/MD5 signatures.
 *
 * `leaf`, `trustAnchors` and `intermediates` take read certificates or the files' bytes / PEM text
 * (the leaf file's further certificates join the intermediates). `requiredEku` is one OID, or
 * `{ oids, match }`: 'and' = valid only when the chain allows every OID (the result for the first
 * OID it refuses, else the first result), 'or' = valid when it allows one (the first valid result,
 * else the first that allows an OID, else the first) — CertGetCertificateChain's RequestedUsage
 * with USAGE_MATCH_TYPE_AND / _OR (Wine chain.c testGetCertChain, Windows-verified).
 *
 * @throws SupCertError INVALID_OPTION for inputs of the wrong type or an EKU that is not an OID;
 *   MALFORMED / UNKNOWN_FORMAT / LIMIT_EXCEEDED ... for certificate bytes that cannot be read.
 */
export async function verifyChain(leaf: CertificateInput, options: VerifyChainInputOptions): Promise<ChainResult> {
  // Issue 12: bytes / PEM as well as read certificates; requiredEku one OID or { oids, match }.
  const n = await normaliseChainInputs(leaf, options);
  // Issue 13: the usage verdict decides, not an unrelated failure of the first OID's run — AND: the
  // first result that refuses an OID (EKU_NOT_ALLOWED), OR: the first that allows one (Wine chain.c
  // testGetCertChain, RequestedUsage AND/OR over { serverAuth, 1.2.3 }, asserted on Windows).
  const results: ChainResult[] = [];
  for (const requiredEku of n.ekus) {
    const result = verifyChainSync(n.leaf, { ...n.options, ...(requiredEku ? { requiredEku } : {}) });
    results.push(result);
    if (n.match === 'or' && result.valid) return result;
    if (n.match === 'and' && refusesUsage(result)) return result;
  }
  return (n.match === 'or' ? results.find((r) => !refusesUsage(r)) : undefined) ?? results[0]!;
}

const refusesUsage = (r: ChainResult): boolean => r.problems.some((p) => p.code === 'EKU_NOT_ALLOWED');

export function verifyChainSync(leaf: CertificateInfo, options: VerifyChainOptions): ChainResult {
  const at = options.at ?? new Date();
  const anchors = options.trustAnchors;
  const pool = (options.intermediates ?? []).filter((c) => !anchors.some((a) => a.sha256 === c.sha256));
  const maxIntermediates = options.maxIntermediates ?? 8;
  let budget = options.maxSignatureChecks ?? 2000;
  const signatures = new Map<string, SignatureCheck>();
  const searchProblems: ChainProblem[] = [];
  let best: { path: CertificateInfo[]; problems: ChainProblem[] } | null = null;
  let deepest: CertificateInfo[] = [leaf];
  let exhausted = false;

  const signed = (cert: CertificateInfo, issuer: CertificateInfo, params?: CertificateInfo): SignatureCheck => {
    const key = `${cert.sha256}>${issuer.sha256}`;
    let result = signatures.get(key);
    if (result === undefined) {
      budget--;
      result = checkSignature(cert, issuer, params);
      signatures.set(key, result);
    }
    return result;
  };

  const consider = (path: CertificateInfo[]): boolean => {
    const problems = validatePath(path, at, options.requiredEku);
    if (problems.length === 0) {
      best = { path, problems };
      return true;
    }
    if (!best || problems.length < best.problems.length) best = { path, problems };
    return false;
  };

  // The leaf may itself be trusted (a self-signed certificate in the trust store).
  if (anchors.some((a) => a.sha256 === leaf.sha256) && consider([leaf])) return done();

  const search = (path: CertificateInfo[]): boolean => {
    const current = path[path.length - 1]!;
    if (path.length > deepest.length) deepest = path;
    const wanted = issuerKey(current);
    const byHint = (a: CertificateInfo, b: CertificateInfo): number => hintScore(current, b, at) - hintScore(current, a, at);
    for (const anchor of anchors.filter((a) => subjectKey(a) === wanted).sort(byHint)) {
      if (budget <= 0) return (exhausted = true), false;
      const sig = signed(current, anchor, anchor);
      if (sig === 'valid') {
        if (consider([...path, anchor])) return true;
      } else recordSignature(searchProblems, current, anchor, sig);
    }
    // The depth counts CA certificates that are not self-issued (key rollover certificates are free), as pathLen does.
    if (path.slice(1).filter((c) => !c.selfIssued).length >= maxIntermediates) {
      if (pool.some((c) => subjectKey(c) === wanted)) searchProblems.push({ code: 'DEPTH_EXCEEDED', message: `The chain would need more than ${maxIntermediates} intermediate certificates.`, certificate: describe(current) });
      return false;
    }
    for (const candidate of pool.filter((c) => subjectKey(c) === wanted && !path.some((p) => p.sha256 === c.sha256 || bytesEqual(certificateInternals(p).spkiDer, certificateInternals(c).spkiDer) && subjectKey(p) === subjectKey(c))).sort(byHint)) {
      if (budget <= 0) return (exhausted = true), false;
      const parametersFrom = pool.concat(anchors).find((c) => subjectKey(c) === issuerKey(candidate));
      const sig = signed(current, candidate, parametersFrom);
      if (sig !== 'valid') {
        recordSignature(searchProblems, current, candidate, sig);
        continue;
      }
      if (search([...path, candidate])) return true;
    }
    return false;
  };
  search([leaf]);
  return done();

  function done(): ChainResult {
    const found = best as { path: CertificateInfo[]; problems: ChainProblem[] } | null;
    if (found) return { valid: found.problems.length === 0, path: found.path, problems: found.problems };
    const last = deepest[deepest.length - 1]!;
    const problems: ChainProblem[] = [];
    if (exhausted) problems.push({ code: 'SEARCH_LIMIT', message: `Gave up after ${options.maxSignatureChecks ?? 2000} signature checks: the intermediate pool looks hostile or far too large.` });
    const tooDeep = searchProblems.some((p) => p.code === 'DEPTH_EXCEEDED');
    problems.push({
      code: 'NO_PATH',
      message: tooDeep
        ? `No chain from "${describe(leaf)}" to a trusted root within ${maxIntermediates} intermediate certificate${maxIntermediates === 1 ? '' : 's'}.`
        : `No chain from "${describe(leaf)}" to a trusted root: the issuer "${last.issuer || '(empty)'}" of "${describe(last)}" is not among the trust anchors${pool.length ? ' or the intermediates' : ''} given${last.caIssuerUrls.length ? ` (its AIA points to ${last.caIssuerUrls[0]})` : ''}.`,
      certificate: describe(last),
    });
    return { valid: false, path: deepest, problems: [...problems, ...dedupe(searchProblems)] };
  }
}

/** Candidates whose SKI matches the AKI, and that are valid now, are tried first. */
function hintScore(cert: CertificateInfo, candidate: CertificateInfo, at: Date): number {
  let score = 0;
  if (cert.authorityKeyIdentifier && cert.authorityKeyIdentifier === candidate.subjectKeyIdentifier) score += 2;
  if (candidate.notBefore <= at && at <= candidate.notAfter) score += 1;
  return score;
}

function recordSignature(problems: ChainProblem[], cert: CertificateInfo, issuer: CertificateInfo, sig: SignatureCheck): void {
  if (sig === 'valid') return;
  problems.push(sig === 'invalid'
    ? { code: 'BAD_SIGNATURE', message: `The signature on "${describe(cert)}" does not verify with the key of "${describe(issuer)}", whose name matches its issuer: the certificate was altered or a different CA of the same name issued it.`, certificate: describe(cert) }
    : { code: 'UNSUPPORTED_SIGNATURE', message: `The signature on "${describe(cert)}" cannot be checked: ${sig.unsupported}.`, certificate: describe(cert) });
}

function dedupe(problems: ChainProblem[]): ChainProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true)));
}

/** Every check of a complete path (leaf first, trust anchor last). */
export function validatePath(path: CertificateInfo[], at: Date, requiredEku?: string): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const add = (code: ChainProblemCode, cert: CertificateInfo, message: string): void => { problems.push({ code, message, certificate: describe(cert) }); };
  const last = path.length - 1;
  path.forEach((cert, i) => {
    const role = i === 0 ? 'the certificate' : i === last ? 'the trust anchor' : 'the intermediate';
    if (at < cert.notBefore) add('NOT_YET_VALID', cert, `${role} "${describe(cert)}" is not valid before ${cert.notBefore.toISOString()}.`);
    if (at > cert.notAfter) add('EXPIRED', cert, `${role} "${describe(cert)}" expired on ${cert.notAfter.toISOString()}.`);
    for (const ext of cert.extensions) {
      if (ext.critical && !KNOWN_EXTENSIONS.has(ext.oid)) add('UNKNOWN_CRITICAL_EXTENSION', cert, `${role} "${describe(cert)}" has a critical extension ${ext.oid} that Windows does not understand: it must reject the certificate.`);
      if (ext.critical && (ext.oid === Oid.authorityKeyIdentifier || ext.oid === Oid.subjectKeyIdentifier)) add('INVALID_EXTENSION', cert, `${role} "${describe(cert)}" marks its ${ext.oid === Oid.authorityKeyIdentifier ? 'authority' : 'subject'} key identifier critical, which RFC 5280 forbids.`);
    }
    const badSan = invalidSanReason(cert); // issue 13: a NUL in a dNSName (Wine chain.c chain27)
    if (badSan) add('INVALID_EXTENSION', cert, `${role} "${describe(cert)}" ${badSan}.`);
    if (cert.duplicateExtensions.length) add('INVALID_EXTENSION', cert, `${role} "${describe(cert)}" has the extension${cert.duplicateExtensions.length > 1 ? 's' : ''} ${cert.duplicateExtensions.join(', ')} more than once.`);
    if ((cert.publicKey.algorithm === 'rsa' || cert.publicKey.algorithm === 'rsa-pss') && (cert.publicKey.bits ?? 0) < 1024) add('WEAK_KEY', cert, `${role} "${describe(cert)}" has a ${cert.publicKey.bits}-bit RSA key; Windows rejects RSA keys under 1024 bits.`);
    // Explicit parameters are accepted when they are a named curve's (Windows 10+ does the same since
    // CVE-2020-0601); anything else is a curve Windows does not support.
    if (cert.publicKey.algorithm === 'ec' && !WINDOWS_CURVES.has(cert.publicKey.curve ?? '')) add('WEAK_KEY', cert, `${role} "${describe(cert)}" has an EC key on ${cert.publicKey.curve ?? 'an unnamed curve'}; Windows supports P-256, P-384 and P-521 given by name.`);
    if (i === last) return;
    // The anchor's own signature is not checked: it is trusted as it is.
    const inner = certificateInternals(cert);
    if (!bytesEqual(inner.signatureAlgorithmDer, inner.tbsSignatureAlgorithmDer)) add('SIGNATURE_ALGORITHM_MISMATCH', cert, `${role} "${describe(cert)}" names a different signature algorithm inside and outside the signed part.`);
    if (/^md[245]$/.test(cert.signatureHash ?? '')) add('WEAK_SIGNATURE', cert, `${role} "${describe(cert)}" is signed with ${cert.signatureHash!.toUpperCase()}, which Windows refuses.`);
    if (cert.issuer === '') add('EMPTY_NAME', cert, `${role} "${describe(cert)}" has an empty issuer name.`);
  });
  // Issuers: CA flag, keyCertSign, pathLenConstraint, EKU, name constraints.
  for (let i = 1; i <= last; i++) {
    const ca = path[i]!;
    const role = i === last ? 'The trust anchor' : 'The intermediate';
    if (ca.subject === '') problems.push({ code: 'EMPTY_NAME', message: `${role} has an empty subject name and cannot be an issuer.`, certificate: describe(ca) });
    const v1Anchor = i === last && ca.version < 3 && !ca.hasBasicConstraints;
    if (!ca.isCA && !v1Anchor) problems.push({ code: 'NOT_CA', message: `${role} "${describe(ca)}" is not a CA certificate (${ca.hasBasicConstraints ? 'basicConstraints cA is FALSE' : 'no basicConstraints extension'}), so it may not issue certificates.`, certificate: describe(ca) });
    if (ca.keyUsage && !ca.keyUsage.includes('keyCertSign')) problems.push({ code: 'KEY_USAGE', message: `${role} "${describe(ca)}" has a Key Usage without keyCertSign, so it may not sign certificates.`, certificate: describe(ca) });
    if (ca.pathLength !== null) {
      const below = path.slice(1, i).filter((c) => !c.selfIssued).length;
      if (below > ca.pathLength) problems.push({ code: 'PATH_LENGTH', message: `${role} "${describe(ca)}" allows ${ca.pathLength} intermediate CA certificate${ca.pathLength === 1 ? '' : 's'} below it (pathLenConstraint) but the chain has ${below}.`, certificate: describe(ca) });
    }
    if (requiredEku && ca.extendedKeyUsages && !ca.extendedKeyUsages.includes(requiredEku) && !ca.extendedKeyUsages.includes(Eku.anyExtendedKeyUsage)) {
      problems.push({ code: 'EKU_NOT_ALLOWED', message: `${role} "${describe(ca)}" restricts the purposes of the certificates below it to ${ca.extendedKeyUsages.join(', ')}, without ${requiredEku}: Windows intersects the EKUs along the chain.`, certificate: describe(ca) });
    }
    let nc;
    try {
      nc = nameConstraintsOf(ca);
    } catch (error) {
      problems.push({ code: 'NAME_CONSTRAINTS', message: `${role} "${describe(ca)}" has name constraints supcert cannot read (${(error as Error).message}).`, certificate: describe(ca) });
      continue;
    }
    if (nc) {
      for (let j = 0; j < i; j++) {
        const sub = path[j]!;
        if (j > 0 && sub.selfIssued) continue; // RFC 5280 §6.1.3 (b): self-issued intermediates are exempt
        for (const v of violations(sub, nc)) problems.push({ code: 'NAME_CONSTRAINTS', message: `${j === 0 ? 'The certificate' : 'An intermediate'}: ${v}, set by "${describe(ca)}".`, certificate: describe(sub) });
      }
    }
  }
  // The leaf: the required purpose, and no certificate signing without being a CA.
  const leaf = path[0]!;
  if (requiredEku && leaf.extendedKeyUsages && !leaf.extendedKeyUsages.includes(requiredEku) && !leaf.extendedKeyUsages.includes(Eku.anyExtendedKeyUsage)) {
    problems.push({ code: 'EKU_NOT_ALLOWED', message: `The certificate "${describe(leaf)}" is not valid for ${requiredEku} (its EKU lists ${leaf.extendedKeyUsages.join(', ') || 'nothing'}).`, certificate: describe(leaf) });
  }
  if (last > 0 && leaf.keyUsage?.includes('keyCertSign') && !leaf.isCA) {
    problems.push({ code: 'KEY_USAGE', message: `The certificate "${describe(leaf)}" asserts keyCertSign without being a CA (RFC 5280 §4.2.1.3).`, certificate: describe(leaf) });
  }
  return problems;
}
