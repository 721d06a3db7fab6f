import { port } from '#port';
import {
  type BerContext,
  type ElementBudget,
  Tag,
  TagClass,
  bitString,
  children,
  elementCounter,
  encoded,
  maxChildrenFor,
  oid,
  readWhole,
  sequence,
  smallInt,
} from '../asn1/ber.js';
import { Oid, SIGNATURE_ALGORITHMS } from '../asn1/oids.js';
import { decodeString, isStringNode } from '../asn1/strings.js';
import { malformed } from '../errors.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../limits.js';
import { type VerifyParams, verifyNow } from '../port/signatures.js';
import { toHex } from '../util/bytes.js';
import { attributeValues, decodeName, formatName } from '../x509/distinguishedName.js';
import { readExtensions } from '../x509/parseCertificate.js';
import { summarisePublicKey } from '../x509/publicKey.js';
import { type RequestedCertificate, blankCertificate } from './RequestedCertificate.js';
import { pssParameters } from '../chain/signature.js';
import { item } from '../util/item.js';

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const MS_EXTENSION_REQUEST = '1.3.6.1.4.1.311.2.1.14';
const MS_TEMPLATE_NAME_ATTRIBUTE = '1.3.6.1.4.1.311.13.2.1'; // enrollmentNameValuePair (CertificateTemplate:...)

/**
 * A PKCS#10 request (RFC 2986), read with the same decoders as certificates so that a request
 * and the certificate issued from it are judged by the same code. The self-signature is verified.
 */
export function readCsr(
  der: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
  budget?: ElementBudget,
): RequestedCertificate {
  const ctx: BerContext = {
    maxDepth: limits.maxDepth,
    what: 'certificate request',
    elements: budget && elementCounter(budget),
    maxChildren: maxChildrenFor(limits),
  };
  const [infoNode, algNode, sigNode] = sequence(readWhole(der, ctx), 'CertificationRequest', ctx);
  const [versionNode, subjectNode, spkiNode, attrsNode] = sequence(
    infoNode,
    'CertificationRequestInfo',
    ctx,
  );
  const version = smallInt(versionNode, 'version', ctx);
  if (version !== 0)
    throw malformed(
      `certificate request: version ${version + 1} is not defined (PKCS#10 has only version 1, encoded as 0); CAs refuse such a request. Older certbot (before 1.29), pyca/cryptography and Salt x509 wrote version 3: make the request again with certreq -new or a current OpenSSL/certbot.`,
    );
  const cert = blankCertificate(der, toHex(port.digest('sha256', der)));
  const subject = decodeName(subjectNode!, 'subject', ctx);
  cert.subject = formatName(subject);
  cert.commonNames = attributeValues(subject, Oid.commonName);
  cert.publicKey = summarisePublicKey(spkiNode!, ctx);
  const sigOid = oid(
    item(sequence(algNode, 'signatureAlgorithm', ctx), 0),
    'signature algorithm',
    ctx,
  );
  const sig = SIGNATURE_ALGORITHMS[sigOid];
  cert.signatureAlgorithm = sig?.name ?? sigOid;
  if (sig?.hash) cert.signatureHash = sig.hash;
  const notes: string[] = [];
  let template: string | undefined;
  if (attrsNode && attrsNode.cls === TagClass.Context && attrsNode.tag === 0) {
    for (const attr of children(attrsNode, ctx)) {
      const [typeNode, valuesNode] = sequence(attr, 'attribute', ctx);
      const type = oid(typeNode, 'attribute type', ctx);
      const values = valuesNode ? sequence(valuesNode, 'attribute values', ctx, Tag.Set) : [];
      const firstValue = item(values, 0);
      if ((type === EXTENSION_REQUEST || type === MS_EXTENSION_REQUEST) && firstValue) {
        readExtensions(firstValue, ctx, limits, cert, new Map());
      } else if (type === MS_TEMPLATE_NAME_ATTRIBUTE && firstValue) {
        // SEQUENCE { name BMPString, value BMPString }: "CertificateTemplate" = "WebServer".
        const [name, value] = sequence(firstValue, 'name-value pair', ctx);
        if (
          name &&
          value &&
          isStringNode(name) &&
          isStringNode(value) &&
          decodeString(name, ctx, 'name').toLowerCase() === 'certificatetemplate'
        ) {
          template = decodeString(value, ctx, 'template');
        }
      }
    }
  }
  if (cert.template?.name) template ??= cert.template.name;
  const facts: RequestedCertificate['request'] = {
    kind: 'csr',
    signatureValid: verifyCsr(
      encoded(infoNode!),
      sigOid,
      encoded(algNode!),
      bitString(sigNode, 'signature', ctx).bytes,
      encoded(spkiNode!),
    ),
    ekuSource: cert.extendedKeyUsages ? 'extension' : template ? 'template' : 'unknown',
    notes,
  };
  if (template) facts.template = template;
  return { certificate: cert, request: facts };
}

/**
 * Whether the request's self-signature verifies. RSASSA-PSS is verified with the parameters of
 * its AlgorithmIdentifier (hash, MGF1 hash, salt length; RFC 4055 §3.1), as certificates are in
 * src/chain/signature.ts: before, every PSS request was reported altered (SUP-REQ-001).
 */
function verifyCsr(
  signed: Uint8Array,
  sigOid: string,
  algDer: Uint8Array,
  signature: Uint8Array,
  spki: Uint8Array,
): boolean {
  try {
    const key = port.importPublicKey(spki);
    if (!key) return false;
    // In a browser, a signature this runtime cannot verify (DSA …) counts as not verified.
    const check = (params: VerifyParams): boolean =>
      verifyNow(key, params, signed, signature) === true;
    if (sigOid === Oid.rsassaPss) {
      const pss = pssParameters(algDer);
      if (pss.hash !== pss.mgfHash || pss.hash === 'unknown') return false;
      return check({ hash: pss.hash, padding: 'pss', saltLength: pss.saltLength });
    }
    const known = SIGNATURE_ALGORITHMS[sigOid];
    if (sigOid === Oid.ed25519 || sigOid === Oid.ed448) return check({ hash: null });
    if (!known?.hash) return false;
    return check(
      key.asymmetricKeyType === 'rsa'
        ? { hash: known.hash, padding: 'pkcs1' }
        : { hash: known.hash },
    );
  } catch {
    return false;
  }
}
