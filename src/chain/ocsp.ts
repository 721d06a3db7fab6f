import { concatList, fromHex, toHex } from '../util/bytes.js';
import { port } from '#port';
import {
  type Asn1Node,
  type BerContext,
  TagClass,
  bitString,
  children,
  content,
  derTlv,
  elementCounter,
  encoded,
  explicit,
  octetString,
  oid,
  readNode,
  sequence,
} from '../asn1/ber.js';
import { decodeTime } from '../asn1/time.js';
import { SupCertError, malformed } from '../errors.js';
import type { WorkBudget } from '../limits.js';
import { budgetArgument, dateArgument, invalidArgument } from '../x509/arguments.js';
import { certificateArgument } from '../x509/certificateArgument.js';
import { parseCertificate } from '../x509/parseCertificate.js';
import { certificateInternals } from '../x509/parseCertificate.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { checkSignature, checkSignedData } from './signature.js';
import { item } from '../util/item.js';

/** OCSP (RFC 6960): the request supcert sends and the check of the answer. */

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const SHA1_ALGORITHM = fromHex('300906052b0e03021a0500');

const seq = (...parts: Uint8Array[]): Uint8Array => derTlv(0x30, concatList(parts));
const sha1 = (bytes: Uint8Array): Uint8Array => port.digest('sha1', bytes);

const ctxFor = (budget: WorkBudget): BerContext => ({
  maxDepth: budget.limits.maxDepth,
  what: 'OCSP',
  elements: elementCounter(budget),
});

/** The issuer's public key bits (the BIT STRING of its SubjectPublicKeyInfo): what issuerKeyHash hashes. */
function issuerKeyBits(issuer: CertificateInfo, ctx: BerContext): Uint8Array {
  const spki = certificateInternals(issuer).spkiDer;
  return bitString(
    item(sequence(readNode(spki, 0, spki.length, 0, ctx), 'subjectPublicKeyInfo', ctx), 1),
    'subjectPublicKey',
    ctx,
  ).bytes;
}

/** RFC 6960 §4.1.1 CertID with SHA-1 (what Windows and every responder accept). */
function certId(cert: CertificateInfo, issuer: CertificateInfo, ctx: BerContext): Uint8Array {
  const serial = fromHex(cert.serialNumber);
  return seq(
    SHA1_ALGORITHM,
    derTlv(0x04, sha1(certificateInternals(issuer).subjectDer)),
    derTlv(0x04, sha1(issuerKeyBits(issuer, ctx))),
    derTlv(0x02, serial),
  );
}

/**
 * An OCSPRequest for one certificate (no nonce, unsigned: as CryptoAPI sends it), DER; the CertID
 * uses SHA-1 (RFC 6960 §4.1.1). `issuer` must be the certificate's issuer.
 *
 * @throws SupCertError MALFORMED / LIMIT_EXCEEDED (limits.maxElements, maxDepth) when the
 *   issuer's DER cannot be read again for its public key; INVALID_OPTION when `cert` or `issuer`
 *   is not a CertificateInfo or `budget` not a WorkBudget.
 */
export function buildOcspRequest(
  cert: CertificateInfo,
  issuer: CertificateInfo,
  budget?: WorkBudget,
): Uint8Array {
  certificateArgument(cert, 'buildOcspRequest: cert');
  certificateArgument(issuer, 'buildOcspRequest: issuer');
  const ctx = ctxFor(budgetArgument(budget, 'buildOcspRequest: budget'));
  return seq(seq(seq(seq(certId(cert, issuer, ctx))))); // OCSPRequest { TBSRequest { requestList { Request { reqCert } } } }
}

/** What an OCSP answer says about one certificate. */
export interface OcspStatus {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  /** Set when the answer could not be used (why), and then status is 'unknown'. */
  rejected?: string;
}

/**
 * Checks an OCSPResponse for `cert`: successful, basic, signed by `issuer` or by a responder
 * certificate it issued with the OCSPSigning EKU (RFC 6960 §4.2.2.2), the SingleResponse whose
 * CertID matches, fresh at `at` (thisUpdate ≤ at ≤ nextUpdate when given). Hostile input:
 * elements from `budget.maxElements`, each signature check from `maxSignatureChecks`.
 *
 * @throws SupCertError LIMIT_EXCEEDED when the budget is spent; INVALID_OPTION when `der` is not
 *   bytes, `cert` or `issuer` not a CertificateInfo, `at` not a valid Date or `budget` not a
 *   WorkBudget. A malformed answer is not thrown: it is `rejected`.
 */
export function checkOcspResponse(
  der: Uint8Array,
  cert: CertificateInfo,
  issuer: CertificateInfo,
  at: Date,
  budget?: WorkBudget,
): OcspStatus {
  if (!(der instanceof Uint8Array))
    throw invalidArgument('checkOcspResponse: der', 'the OCSPResponse as bytes (Uint8Array)', der);
  certificateArgument(cert, 'checkOcspResponse: cert');
  certificateArgument(issuer, 'checkOcspResponse: issuer');
  dateArgument(at, 'checkOcspResponse: at');
  const work = budgetArgument(budget, 'checkOcspResponse: budget');
  const ctx = ctxFor(work);
  try {
    return judge(der, cert, issuer, at, work, ctx);
  } catch (error) {
    if (error instanceof SupCertError && error.code !== 'LIMIT_EXCEEDED')
      return {
        status: 'unknown',
        rejected: `the OCSP answer is not readable (${error.code}: ${error.message.slice(0, 160)})`,
      };
    throw error;
  }
}

function judge(
  der: Uint8Array,
  cert: CertificateInfo,
  issuer: CertificateInfo,
  at: Date,
  budget: WorkBudget,
  ctx: BerContext,
): OcspStatus {
  const root = readNode(der, 0, der.length, 0, ctx);
  if (root.end !== der.length) throw malformed('OCSP: bytes after the response.');
  const [statusNode, bytesNode] = sequence(root, 'OCSPResponse', ctx);
  if (!statusNode || statusNode.tag !== 10) throw malformed('OCSP: no responseStatus.');
  const code = content(statusNode)[0];
  if (code !== 0)
    return {
      status: 'unknown',
      rejected: `the responder answered status ${code} (not successful)`,
    };
  const [typeNode, responseNode] = sequence(
    explicit(bytesNode!, 'responseBytes', ctx),
    'ResponseBytes',
    ctx,
  );
  if (oid(typeNode, 'responseType', ctx) !== OCSP_BASIC)
    return { status: 'unknown', rejected: 'not a basic OCSP response' };
  const basicDer = octetString(responseNode, 'response', ctx);
  const basic = readNode(basicDer, 0, basicDer.length, 0, ctx);
  const [tbsNode, algNode, sigNode, certsNode] = sequence(basic, 'BasicOCSPResponse', ctx);
  const signed = {
    tbs: encoded(tbsNode!),
    signatureAlgorithmOid: oid(
      item(sequence(algNode, 'signatureAlgorithm', ctx), 0),
      'signature algorithm',
      ctx,
    ),
    signatureAlgorithmDer: encoded(algNode!),
    signature: bitString(sigNode, 'signature', ctx).bytes,
  };
  // The signer: the issuer itself, or a delegated responder it issued (OCSPSigning EKU).
  const signers: CertificateInfo[] = [issuer];
  if (certsNode && certsNode.cls === TagClass.Context && certsNode.tag === 0) {
    for (const c of sequence(explicit(certsNode, 'certs', ctx), 'certs', ctx).slice(0, 4)) {
      const responder = parseCertificate(encoded(c), budget.limits, budget);
      if (!(responder.extendedKeyUsages ?? []).includes(OCSP_SIGNING)) continue;
      budget.charge('maxSignatureChecks', 1, 'OCSP responder certificate checks');
      if (checkSignature(responder, issuer) === 'valid') signers.push(responder);
    }
  }
  let verified = false;
  for (const signer of signers) {
    budget.charge('maxSignatureChecks', 1, 'OCSP signature checks');
    if (checkSignedData(signed, signer) === 'valid') {
      verified = true;
      break;
    }
  }
  if (!verified)
    return {
      status: 'unknown',
      rejected:
        "its signature verifies neither with the issuer's key nor with a responder certificate the issuer gave the OCSPSigning EKU",
    };
  const fields = sequence(tbsNode, 'ResponseData', ctx);
  let i = 0;
  if (item(fields, i)?.cls === TagClass.Context && item(fields, i)!.tag === 0) i++; // version
  i++; // responderID
  i++; // producedAt
  const wanted = toHex(certId(cert, issuer, ctx));
  for (const single of children(item(fields, i)!, ctx)) {
    const parts = sequence(single, 'SingleResponse', ctx);
    if (toHex(encoded(item(parts, 0)!)) !== wanted) continue;
    const statusPart = item(parts, 1)!;
    const thisUpdate = decodeTime(item(parts, 2), 'thisUpdate', ctx);
    const next = parts.slice(3).find((p: Asn1Node) => p.cls === TagClass.Context && p.tag === 0);
    const nextUpdate = next
      ? decodeTime(explicit(next, 'nextUpdate', ctx), 'nextUpdate', ctx)
      : null;
    if (thisUpdate > at)
      return {
        status: 'unknown',
        rejected: 'the answer is not valid yet (thisUpdate after the time judged)',
      };
    if (nextUpdate && nextUpdate < at)
      return {
        status: 'unknown',
        rejected: `the answer expired (nextUpdate ${nextUpdate.toISOString()})`,
      };
    if (statusPart.cls !== TagClass.Context)
      throw malformed('OCSP: certStatus is not [0], [1] or [2].');
    if (statusPart.tag === 0) return { status: 'good' };
    if (statusPart.tag === 1) {
      const [time] = children(statusPart, ctx);
      return { status: 'revoked', revokedAt: decodeTime(time, 'revocationTime', ctx) };
    }
    return { status: 'unknown', rejected: 'the responder does not know the certificate' };
  }
  return { status: 'unknown', rejected: 'the answer has no response for this certificate' };
}
