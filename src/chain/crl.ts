import {
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  bitString,
  bool,
  children,
  content,
  elementCounter,
  encoded,
  expectUniversal,
  explicit,
  octetString,
  oid,
  readNode,
  sequence,
  smallInt,
} from '../asn1/ber.js';
import { decodeTime } from '../asn1/time.js';
import { SupCertError, malformed } from '../errors.js';
import { WorkBudget } from '../limits.js';
import { parsePem } from '../read/pem.js';
import { arrayArgument, budgetArgument, dateArgument, optionsArgument } from '../x509/arguments.js';
import { toHex } from '../util/bytes.js';
import { quoteValue } from '../util/quote.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateListArgument } from '../x509/certificateArgument.js';
import { decodeName, formatName } from '../x509/distinguishedName.js';
import { normaliseName, normalisedIssuer, normalisedSubject } from '../names/directoryName.js';
import { type SignedParts, checkSignedData } from './signature.js';
import { item } from '../util/item.js';

/** RFC 5280 §5.2 CRL extensions and §5.3 entry extensions supcert knows. */
const CRL_NUMBER = '2.5.29.20';
const DELTA_CRL_INDICATOR = '2.5.29.27';
const ISSUING_DISTRIBUTION_POINT = '2.5.29.28';
const AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';
const AUTHORITY_INFO_ACCESS = '1.3.6.1.5.5.7.1.1';
const KNOWN_CRL_EXTENSIONS = new Set([
  CRL_NUMBER,
  ISSUING_DISTRIBUTION_POINT,
  AUTHORITY_KEY_IDENTIFIER,
  AUTHORITY_INFO_ACCESS,
  DELTA_CRL_INDICATOR,
]);
const REASON_CODE = '2.5.29.21';
const INVALIDITY_DATE = '2.5.29.24';
const KNOWN_ENTRY_EXTENSIONS = new Set([REASON_CODE, INVALIDITY_DATE]);

/** A CRL (RFC 5280 §5) as read: what the revocation check needs. */
export interface CrlInfo {
  der: Uint8Array;
  /** The issuer's distinguished name, as text. */
  issuer: string;
  thisUpdate: Date;
  /** null: no nextUpdate (RFC 5280 requires one; such a CRL is never fresh). */
  nextUpdate: Date | null;
  /** Serial numbers listed (lowercase hex as in CertificateInfo.serialNumber) with their revocation dates. */
  revoked: Map<string, Date>;
  /** The CRLNumber extension: its value as hex, and whether it was marked critical; null when absent. */
  crlNumber: { value: string; critical: boolean } | null;
  /** A delta CRL (deltaCRLIndicator): supcert does not combine deltas, so it is never used. */
  delta: boolean;
  /** Critical extensions (of the CRL or of an entry) supcert does not know: the CRL must not be used (RFC 5280 §5.2). */
  unknownCritical: string[];
}

interface CrlInternals {
  signed: SignedParts;
  /** The CRL's issuer name, normalised (names/directoryName.ts). */
  normalisedIssuer: string;
}
const internals = new WeakMap<CrlInfo, CrlInternals>();

/**
 * Reads one or more CRLs: DER, or PEM text with "X509 CRL" blocks. Hostile input: every ASN.1
 * element is drawn from the call's `budget` (`limits.maxElements`), PEM blocks from
 * `maxPemBlocks`, and the nesting is bounded by `limits.maxDepth`.
 *
 * @throws SupCertError EMPTY_INPUT (nothing given), UNKNOWN_FORMAT (no CRL in a text),
 *   MALFORMED (a broken CRL), LIMIT_EXCEEDED (limits.maxElements, maxPemBlocks, maxDepth, maxInputBytes),
 *   INVALID_OPTION (input not bytes or text, options not an object)
 */
export function readCrls(
  input: Uint8Array | string,
  options: { budget?: WorkBudget } = {},
): CrlInfo[] {
  optionsArgument(options, 'readCrls');
  const budget = options.budget instanceof WorkBudget ? options.budget : new WorkBudget();
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (!(bytes instanceof Uint8Array))
    throw new SupCertError('INVALID_OPTION', 'a CRL must be bytes (DER) or PEM text.');
  if (bytes.length === 0)
    throw new SupCertError(
      'EMPTY_INPUT',
      'The CRL file is empty. Give a CRL in DER or PEM ("-----BEGIN X509 CRL-----").',
    );
  if (bytes.length > budget.limits.maxInputBytes) {
    throw new SupCertError(
      'LIMIT_EXCEEDED',
      `The CRL is ${bytes.length} bytes, more than the limit of ${budget.limits.maxInputBytes}. If it is genuine, raise limits.maxInputBytes.`,
    );
  }
  if (bytes[0] === 0x30) return [parseCrl(bytes, budget)];
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const blocks = parsePem(text, budget).filter((b) => b.label === 'X509 CRL');
  if (blocks.length === 0)
    throw new SupCertError(
      'UNKNOWN_FORMAT',
      'Not a CRL: neither DER nor PEM with a "-----BEGIN X509 CRL-----" block. Give the .crl file the CA publishes.',
    );
  return blocks.map((b) => parseCrl(b.bytes, budget));
}

function parseCrl(der: Uint8Array, budget: WorkBudget): CrlInfo {
  const ctx: BerContext = {
    maxDepth: budget.limits.maxDepth,
    what: 'CRL',
    elements: elementCounter(budget),
  };
  const root = readNode(der, 0, der.length, 0, ctx);
  if (root.end !== der.length)
    throw malformed(`CRL: ${der.length - root.end} unexpected bytes after its end.`);
  const [tbsNode, sigAlgNode, sigNode] = sequence(root, 'CertificateList', ctx);
  const fields = sequence(tbsNode, 'tbsCertList', ctx);
  let i = 0;
  if (item(fields, i)?.cls === TagClass.Universal && item(fields, i)!.tag === Tag.Integer) {
    const version = smallInt(item(fields, i++), 'version', ctx);
    if (version !== 1)
      throw malformed(
        `CRL: version ${version + 1} is not a CRL version (only v2 has a version field).`,
      );
  }
  const innerAlg = expectUniversal(item(fields, i++), Tag.Sequence, 'signature', ctx);
  const issuerNode = expectUniversal(item(fields, i++), Tag.Sequence, 'issuer', ctx);
  const thisUpdate = decodeTime(item(fields, i++), 'thisUpdate', ctx);
  let nextUpdate: Date | null = null;
  if (
    item(fields, i) &&
    item(fields, i)!.cls === TagClass.Universal &&
    (item(fields, i)!.tag === Tag.UtcTime || item(fields, i)!.tag === Tag.GeneralizedTime)
  )
    nextUpdate = decodeTime(item(fields, i++), 'nextUpdate', ctx);
  const revoked = new Map<string, Date>();
  const unknownCritical: string[] = [];
  if (
    item(fields, i) &&
    item(fields, i)!.cls === TagClass.Universal &&
    item(fields, i)!.tag === Tag.Sequence
  ) {
    for (const entry of children(item(fields, i++)!, ctx)) {
      const [serial, date, extensions] = sequence(entry, 'revoked certificate', ctx);
      const serialHex = toHex(
        content(expectUniversal(serial, Tag.Integer, 'userCertificate', ctx)),
      );
      revoked.set(serialHex, decodeTime(date, 'revocationDate', ctx));
      if (extensions) {
        for (const ext of readExtensions(extensions, ctx))
          if (ext.critical && !KNOWN_ENTRY_EXTENSIONS.has(ext.oid)) unknownCritical.push(ext.oid);
      }
    }
  }
  let crlNumber: CrlInfo['crlNumber'] = null;
  let delta = false;
  if (item(fields, i) && item(fields, i)!.cls === TagClass.Context && item(fields, i)!.tag === 0) {
    for (const ext of readExtensions(explicit(item(fields, i++)!, 'crlExtensions', ctx), ctx)) {
      if (ext.oid === CRL_NUMBER)
        crlNumber = {
          value: toHex(
            content(
              expectUniversal(
                readNode(ext.value, 0, ext.value.length, 0, ctx),
                Tag.Integer,
                'CRLNumber',
                ctx,
              ),
            ),
          ),
          critical: ext.critical,
        };
      if (ext.oid === DELTA_CRL_INDICATOR) delta = true;
      if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.oid)) unknownCritical.push(ext.oid);
    }
  }
  if (i !== fields.length) throw malformed('CRL: unexpected fields at the end of tbsCertList.');
  const outerAlg = encoded(expectUniversal(sigAlgNode, Tag.Sequence, 'signatureAlgorithm', ctx));
  if (toHex(outerAlg) !== toHex(encoded(innerAlg)))
    throw malformed(
      'CRL: the signature algorithm inside and outside tbsCertList differ (RFC 5280 §5.1.1.2).',
    );
  const issuerDer = encoded(issuerNode);
  const info: CrlInfo = {
    der,
    issuer: formatName(decodeName(issuerNode, 'issuer', ctx)),
    thisUpdate,
    nextUpdate,
    revoked,
    crlNumber,
    delta,
    unknownCritical,
  };
  internals.set(info, {
    signed: {
      tbs: encoded(tbsNode!),
      signatureAlgorithmOid: oid(
        item(sequence(sigAlgNode, 'signatureAlgorithm', ctx), 0),
        'signature algorithm',
        ctx,
      ),
      signatureAlgorithmDer: outerAlg,
      signature: bitString(sigNode, 'signature', ctx).bytes,
    },
    normalisedIssuer: normaliseName(issuerDer),
  });
  return info;
}

function readExtensions(
  node: Asn1Node,
  ctx: BerContext,
): Array<{ oid: string; critical: boolean; value: Uint8Array }> {
  return sequence(node, 'extensions', ctx).map((ext) => {
    const parts = sequence(ext, 'extension', ctx);
    const critical = parts.length === 3 ? bool(item(parts, 1), 'critical', ctx) : false;
    return {
      oid: oid(item(parts, 0), 'extension id', ctx),
      critical,
      value: octetString(item(parts, parts.length - 1), 'extension value', ctx),
    };
  });
}

/** What the CRLs say about one certificate of the path. */
export interface RevocationStatus {
  /** The certificate's subject and serial number (hex). */
  subject: string;
  serialNumber: string;
  /** revoked: a usable CRL of its issuer lists it; good: one does not; unknown: no usable CRL. */
  status: 'revoked' | 'good' | 'unknown';
  /** When it was revoked (status revoked). */
  revokedAt?: Date;
  /** Why each CRL of its issuer was not used (bad signature, expired, …). */
  rejected: string[];
  /** What an OCSP answer said (SupOptions.ocspResponses), when one was for this certificate. */
  ocsp?: 'good' | 'revoked' | 'unknown';
}

/**
 * Judges revocation for each certificate of a validated `path` (leaf first, the trust anchor
 * last and not judged) from the CRLs given, at `at`. A CRL is used only when its issuer name
 * equals the certificate's issuer, the issuer's keyUsage allows cRLSign (or it has no keyUsage),
 * its signature verifies with the issuer's key (one `maxSignatureChecks` unit each), it is a
 * complete (not delta) v2 CRL with a non-critical CRLNumber (RFC 5280 §5.2.3), no unknown
 * critical extension, and `at` lies between thisUpdate and nextUpdate. Source: RFC 5280 §6.3.
 *
 * @throws SupCertError LIMIT_EXCEEDED (limits.maxSignatureChecks) when the budget is spent;
 *   INVALID_OPTION when `path` is not an array of CertificateInfo, `crls` not an array (an
 *   element that is not a CrlInfo of readCrls is skipped), `at` not a valid Date or `budget` not
 *   a WorkBudget.
 */
export function checkRevocation(
  path: readonly CertificateInfo[],
  crls: readonly CrlInfo[],
  at: Date,
  budget?: WorkBudget,
): RevocationStatus[] {
  certificateListArgument(path, 'checkRevocation: path');
  arrayArgument(crls, 'checkRevocation: crls (CrlInfo[] from readCrls)');
  dateArgument(at, 'checkRevocation: at');
  const work = budgetArgument(budget, 'checkRevocation: budget');
  const out: RevocationStatus[] = [];
  for (let k = 0; k + 1 < path.length; k++) {
    const cert = path[k]!;
    const issuer = path[k + 1]!;
    const result: RevocationStatus = {
      subject: cert.subject,
      serialNumber: cert.serialNumber,
      status: 'unknown',
      rejected: [],
    };
    const wanted = normalisedIssuer(cert);
    for (const crl of crls) {
      const inner = typeof crl === 'object' && crl !== null ? internals.get(crl) : undefined;
      if (
        !inner ||
        inner.normalisedIssuer !== wanted ||
        inner.normalisedIssuer !== normalisedSubject(issuer)
      )
        continue;
      const reject = (why: string): void => {
        result.rejected.push(
          `CRL of "${quoteValue(crl.issuer, 200)}" (thisUpdate ${crl.thisUpdate.toISOString()}): ${why}`,
        );
      };
      if (issuer.keyUsage !== null && !issuer.keyUsage.includes('cRLSign')) {
        reject("its issuer's keyUsage lacks cRLSign, so it may not sign CRLs (RFC 5280 §4.2.1.3)");
        continue;
      }
      work.charge('maxSignatureChecks', 1, 'CRL signature checks');
      const signature = checkSignedData(inner.signed, issuer);
      if (signature !== 'valid') {
        reject(
          signature === 'invalid'
            ? "its signature does not verify with the issuer's key"
            : `its signature cannot be checked (${signature.unsupported})`,
        );
        continue;
      }
      if (crl.delta) {
        reject('a delta CRL (supcert uses complete CRLs only)');
        continue;
      }
      if (crl.crlNumber === null) {
        reject('no CRLNumber extension (RFC 5280 §5.2.3: conforming CRLs include it)');
        continue;
      }
      if (crl.crlNumber.critical) {
        reject('its CRLNumber extension is critical (RFC 5280 §5.2.3: it must not be)');
        continue;
      }
      if (crl.unknownCritical.length > 0) {
        reject(`an unknown critical extension (${crl.unknownCritical.slice(0, 3).join(', ')})`);
        continue;
      }
      if (crl.thisUpdate > at) {
        reject('not valid yet (thisUpdate is after the time judged)');
        continue;
      }
      if (crl.nextUpdate === null || crl.nextUpdate < at) {
        reject(
          crl.nextUpdate === null
            ? 'no nextUpdate: it is never fresh'
            : `expired: its nextUpdate ${crl.nextUpdate.toISOString()} has passed (Windows treats it as unavailable: 0x80092013 with revocation checking on)`,
        );
        continue;
      }
      const date = crl.revoked.get(cert.serialNumber);
      if (date) {
        result.status = 'revoked';
        result.revokedAt = date;
        break;
      }
      result.status = 'good';
    }
    out.push(result);
  }
  return out;
}
