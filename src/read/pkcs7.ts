import {
  type BerContext,
  type ElementBudget,
  TagClass,
  elementCounter,
  encoded,
  maxChildrenFor,
  explicit,
  oid,
  readNode,
  sequence,
} from '../asn1/ber.js';
import { Oid } from '../asn1/oids.js';
import { malformed, unsupported } from '../errors.js';
import { checkLimit, type ReadLimits } from '../limits.js';

const CONTENT_NAMES: Record<string, string> = {
  [Oid.envelopedData]: 'EnvelopedData (an encrypted message)',
  [Oid.encryptedData]: 'EncryptedData',
  [Oid.data]: 'Data',
};

/**
 * Certificates of a PKCS#7 / CMS SignedData (.p7b), DER or BER (Apple Keychain writes
 * indefinite lengths). Any other content type is not a certificate bundle and is refused
 * with a message saying what it is. With `budget`, every element read draws from `maxElements`.
 * `trailing` holds the bytes after the end of the ContentInfo, unread: Windows reads past them
 * (its PKCS_CONTENT_INFO decoder stops at the end of the outer element) and its own PKCS#7 exports
 * end in zero padding; the caller decides what to say.
 */
export function readPkcs7(
  bytes: Uint8Array,
  limits: ReadLimits,
  budget?: ElementBudget,
): { certificates: Uint8Array[]; trailing: Uint8Array } {
  const ctx: BerContext = {
    maxDepth: limits.maxDepth,
    what: 'PKCS#7',
    elements: budget && elementCounter(budget),
    maxChildren: maxChildrenFor(limits),
  };
  const top = readNode(bytes, 0, bytes.length, 0, ctx);
  const trailing = bytes.subarray(top.end);
  const [typeNode, contentNode] = sequence(top, 'ContentInfo', ctx);
  const type = oid(typeNode, 'content type', ctx);
  if (type !== Oid.signedData) {
    throw unsupported(
      `PKCS#7: this is ${CONTENT_NAMES[type] ?? `content type ${type}`}, not a certificate bundle (SignedData). Export the certificates as a .p7b or .cer instead.`,
    );
  }
  if (!contentNode) throw malformed('PKCS#7: SignedData content is missing.');
  const fields = sequence(explicit(contentNode, 'SignedData', ctx), 'SignedData', ctx);
  // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo, certificates [0] IMPLICIT OPTIONAL, crls [1] OPTIONAL, signerInfos SET }
  const certsNode = fields.find((n, i) => i >= 3 && n.cls === TagClass.Context && n.tag === 0);
  if (!certsNode) return { certificates: [], trailing };
  const out: Uint8Array[] = [];
  for (const choice of sequence(
    { ...certsNode, cls: TagClass.Universal, tag: 17 },
    'certificates',
    ctx,
    17,
  )) {
    // CertificateChoices: a plain Certificate is a SEQUENCE; tagged alternatives (attribute certificates) are skipped.
    if (choice.cls !== TagClass.Universal) continue;
    checkLimit(limits, 'maxCertificates', out.length + 1, 'PKCS#7: number of certificates');
    out.push(encoded(choice));
  }
  return { certificates: out, trailing };
}
