import { SupCertError } from '../errors.js';
import { WorkBudget } from '../limits.js';
import { withoutCertificates } from '../read/CertificateBundle.js';
import { readCertificates } from '../read/readCertificates.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';

/** verifyChainSync's options: the certificates read already, one EKU OID (verifyChain normalises its inputs to these). */
export interface VerifyChainOptions {
  trustAnchors: CertificateInfo[];
  intermediates?: CertificateInfo[];
  /** Default now. */
  at?: Date;
  /** EKU the leaf must allow, e.g. "1.3.6.1.5.5.7.3.1"; CA EKUs along the path must allow it too. */
  requiredEku?: string;
  /** Extension: most intermediates in a path (default 8). */
  maxIntermediates?: number;
  /**
   * Extension: most signature-check units in this search (one per verification with a key of the
   * usual sizes, more for bigger keys and signed parts: see signatureUnits). When given it replaces
   * the budget's `limits.maxSignatureChecks` (default 2,000) for this call, and signature checks
   * are then not drawn from `budget`.
   */
  maxSignatureChecks?: number;
  /**
   * Extension: the work budget of the enclosing call. The search draws `maxPathNodes` (one unit per
   * certificate visited and per candidate issuer tried), `maxSignatureChecks` (the cost of each
   * verification, see signatureUnits) and `maxNameComparisons` (names × subtrees when applying name constraints).
   * Default: a new one with the default limits.
   */
  budget?: WorkBudget;
}

/** A certificate as verifyChain takes it: read already, or a file's bytes (DER, PEM, PKCS#7 ...) or PEM text. */
export type CertificateInput = CertificateInfo | Uint8Array | string;

/** One EKU OID, or several with how they combine: 'and' = the chain allows all, 'or' = at least one. */
export type RequiredEku = string | { oids: string[]; match: 'and' | 'or' };

/** docs/api.md verifyChain options: certificates as read or as bytes / PEM; requiredEku one OID or a set. */
export interface VerifyChainInputOptions extends Omit<
  VerifyChainOptions,
  'trustAnchors' | 'intermediates' | 'requiredEku'
> {
  trustAnchors: CertificateInput[];
  intermediates?: CertificateInput[];
  requiredEku?: RequiredEku;
}

/** The inputs of verifyChain after normalisation: read certificates, and the EKU OIDs to check one by one. */
export interface NormalisedChainInputs {
  leaf: CertificateInfo;
  options: VerifyChainOptions & { budget: WorkBudget };
  ekus: Array<string | undefined>;
  match: 'and' | 'or';
}

const invalid = (message: string): SupCertError => new SupCertError('INVALID_OPTION', message);
const OID = /^[0-2](\.(0|[1-9]\d{0,9})){1,40}$/;
const ACCEPTED =
  "a CertificateInfo from readCertificates, or the certificate file's bytes (Uint8Array/Buffer) or PEM text";

function isCertificateInfo(value: unknown): value is CertificateInfo {
  const c = value as CertificateInfo;
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    c.der instanceof Uint8Array &&
    typeof c.sha256 === 'string' &&
    Array.isArray(c.extensions) &&
    typeof c.subject === 'string'
  );
}

async function readOne(
  value: unknown,
  what: string,
  budget: WorkBudget,
): Promise<CertificateInfo[]> {
  if (isCertificateInfo(value)) return [value];
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw invalid(`${what} must be ${ACCEPTED}; got ${kind}.`);
  }
  try {
    const bundle = await readCertificates(value, { budget });
    const { certificates } = bundle;
    if (certificates.length === 0)
      throw invalid(
        `${what} holds no certificate (${withoutCertificates(bundle)}): give ${ACCEPTED}.`,
      );
    return certificates;
  } catch (error) {
    if (error instanceof SupCertError && !error.message.startsWith(what))
      throw new SupCertError(error.code, `${what}: ${error.message}`);
    throw error;
  }
}

async function readList(
  value: unknown,
  what: string,
  budget: WorkBudget,
): Promise<CertificateInfo[]> {
  if (!Array.isArray(value))
    throw invalid(`${what} must be an array of certificates (${ACCEPTED}).`);
  const out: CertificateInfo[] = [];
  for (const [i, item] of value.entries())
    for (const cert of await readOne(item, `${what}[${i}]`, budget)) out.push(cert); // no spread: a file may hold 10,000 certificates
  return out;
}

function normaliseEku(value: unknown): { ekus: Array<string | undefined>; match: 'and' | 'or' } {
  if (value === undefined) return { ekus: [undefined], match: 'and' };
  if (typeof value === 'string') {
    if (!OID.test(value))
      throw invalid(
        `requiredEku "${value.slice(0, 80)}" is not an OID such as "1.3.6.1.5.5.7.3.1".`,
      );
    return { ekus: [value], match: 'and' };
  }
  const set = value as { oids?: unknown; match?: unknown };
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray(set.oids) ||
    set.oids.length === 0 ||
    (set.match !== 'and' && set.match !== 'or')
  ) {
    throw invalid(
      'requiredEku must be one OID ("1.3.6.1.5.5.7.3.1") or { oids: ["1.3.6.1.5.5.7.3.1", ...], match: "and" | "or" }.',
    );
  }
  if (set.oids.length > 64) throw invalid(`requiredEku lists ${set.oids.length} OIDs; at most 64.`);
  for (const o of set.oids) {
    if (typeof o !== 'string' || !OID.test(o))
      throw invalid(
        `requiredEku.oids: ${typeof o === 'string' ? `"${o.slice(0, 80)}"` : typeof o} is not an OID such as "1.3.6.1.5.5.7.3.1".`,
      );
  }
  return { ekus: [...new Set(set.oids as string[])], match: set.match };
}

/**
 * Reads and checks verifyChain's inputs at the public entry. The leaf input's first certificate
 * is the leaf; any further certificates in it (a fullchain.pem) join the intermediates.
 *
 * @throws SupCertError INVALID_OPTION for a value of the wrong type, an options object missing,
 *   trustAnchors not an array, a file with no certificate or a requiredEku that is not an OID;
 *   the reading codes (MALFORMED, UNKNOWN_FORMAT, LIMIT_EXCEEDED ...) prefixed with the input's
 *   place ("trustAnchors[1]: ...").
 */
export async function normaliseChainInputs(
  leafInput: unknown,
  input: unknown,
): Promise<NormalisedChainInputs> {
  if (typeof input !== 'object' || input === null)
    throw invalid(
      'verifyChain needs options with trustAnchors: verifyChain(leaf, { trustAnchors: [root] }).',
    );
  const options = input as VerifyChainInputOptions;
  const budget = options.budget instanceof WorkBudget ? options.budget : new WorkBudget();
  if (
    options.at !== undefined &&
    (!(options.at instanceof Date) || Number.isNaN(options.at.getTime()))
  )
    throw invalid('at must be a valid Date.');
  const [leaf, ...rest] = await readOne(leafInput, 'leaf', budget);
  const trustAnchors = await readList(options.trustAnchors, 'trustAnchors', budget);
  const intermediates = [
    ...rest,
    ...(options.intermediates === undefined
      ? []
      : await readList(options.intermediates, 'intermediates', budget)),
  ];
  const { ekus, match } = normaliseEku(options.requiredEku);
  const { requiredEku: _eku, ...others } = options;
  return { leaf: leaf!, options: { ...others, trustAnchors, intermediates, budget }, ekus, match };
}
