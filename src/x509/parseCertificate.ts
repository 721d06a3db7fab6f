import { port } from '#port';
import {
  type Asn1Node,
  type BerContext,
  type ElementBudget,
  type ElementCounter,
  Tag,
  TagClass,
  elementCounter,
  bitString,
  bool,
  maxChildrenFor,
  content,
  encoded,
  explicit,
  expectUniversal,
  is,
  oid,
  readNode,
  sequence,
  smallInt,
  octetString,
} from '../asn1/ber.js';
import { HASH_ALGORITHMS, Oid, SIGNATURE_ALGORITHMS } from '../asn1/oids.js';
import { decodeTime } from '../asn1/time.js';
import { SupCertError, malformed } from '../errors.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../limits.js';
import { bytesEqual, plainBytes, toHex } from '../util/bytes.js';
import type { AltName, CertificateInfo, ExtensionSummary } from './CertificateInfo.js';
import { attributeValues, decodeName, formatName } from './distinguishedName.js';
import { blankCertificate } from './blankCertificate.js';
import * as ext from './extensions.js';
import { summarisePublicKey } from './publicKey.js';
import { item } from '../util/item.js';

/**
 * Internals of a parsed certificate that the chain code needs and the public model does not
 * carry (raw names, the signed bytes, the key). Kept off CertificateInfo so that it stays plain,
 * serialisable data; looked up through {@link certificateInternals}.
 */
export interface CertificateInternals {
  tbs: Uint8Array;
  signatureAlgorithmOid: string;
  /** The outer signatureAlgorithm (with its parameters) and the one inside tbsCertificate: they must be equal. */
  signatureAlgorithmDer: Uint8Array;
  tbsSignatureAlgorithmDer: Uint8Array;
  signature: Uint8Array;
  subjectDer: Uint8Array;
  issuerDer: Uint8Array;
  spkiDer: Uint8Array;
  /** Raw extension values by OID (first occurrence), for rules that need more than the model. */
  extensionValues: Map<string, { critical: boolean; value: Uint8Array }>;
}

const internals = new WeakMap<CertificateInfo, CertificateInternals>();

/** The internals of a certificate parsed by this library (reparsed when the object came from elsewhere). */
export function certificateInternals(cert: CertificateInfo): CertificateInternals {
  let found = internals.get(cert);
  if (!found) {
    found = parseCertificateDetailed(cert.der).internals;
    internals.set(cert, found);
  }
  return found;
}

/**
 * Parses one DER certificate. `der` must hold exactly the certificate; trailing bytes are the
 * caller's business (PEM "TRUSTED CERTIFICATE" blocks carry trust data after it).
 * `budget`: the call's work budget; every ASN.1 element read is drawn from `maxElements`
 * (pass the same one for every certificate of a file). Without it, elements are not counted.
 * @throws SupCertError MALFORMED (broken encoding), LIMIT_EXCEEDED (limits.maxDepth, maxAltNames, maxElements)
 */
export function parseCertificate(
  der: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
  budget?: ElementBudget,
): CertificateInfo {
  const { info, internals: inner } = parseCertificateDetailed(
    der,
    limits,
    budget ? elementCounter(budget) : undefined,
  );
  internals.set(info, inner);
  return info;
}

function parseCertificateDetailed(
  der: Uint8Array,
  limits: ReadLimits = DEFAULT_LIMITS,
  elements?: ElementCounter,
): { info: CertificateInfo; internals: CertificateInternals } {
  const ctx: BerContext = {
    maxDepth: limits.maxDepth,
    what: 'certificate',
    elements,
    maxChildren: maxChildrenFor(limits),
  };
  // Every element below is a view of these bytes; the certificate keeps `der` as given.
  const root = readNode(plainBytes(der), 0, der.length, 0, ctx);
  if (root.end !== der.length)
    throw malformed(
      `certificate: ${der.length - root.end} unexpected bytes after the end of the certificate.`,
    );
  const [tbsNode, sigAlgNode, sigNode, ...extra] = sequence(root, 'Certificate', ctx);
  if (extra.length > 0 || !sigNode)
    throw malformed(
      'certificate: the outer SEQUENCE should hold exactly tbsCertificate, signatureAlgorithm and signature.',
    );
  const fields = sequence(tbsNode, 'tbsCertificate', ctx);
  let i = 0;
  let version = 1;
  if (is(item(fields, 0), TagClass.Context, 0)) {
    const v = smallInt(explicit(fields[i++]!, 'version', ctx), 'version', ctx);
    if (v < 0 || v > 2)
      throw malformed(
        `certificate: X.509 version field ${v} is not defined (only v1, v2 and v3 exist: 0, 1, 2).`,
      );
    version = v + 1;
  }
  const serialNode = expectUniversal(item(fields, i++), Tag.Integer, 'serialNumber', ctx);
  const innerSigAlg = item(fields, i++);
  const issuerNode = item(fields, i++)!;
  const validity = sequence(item(fields, i++), 'validity', ctx);
  const subjectNode = item(fields, i++)!;
  const spkiNode = expectUniversal(item(fields, i++), Tag.Sequence, 'subjectPublicKeyInfo', ctx);
  if (!innerSigAlg) throw malformed('certificate: tbsCertificate is missing fields.');

  const issuer = decodeName(issuerNode, 'issuer', ctx);
  const subject = decodeName(subjectNode, 'subject', ctx);
  const sigAlgOid = oid(
    item(sequence(sigAlgNode, 'signatureAlgorithm', ctx), 0),
    'signature algorithm',
    ctx,
  );
  const sigInfo = SIGNATURE_ALGORITHMS[sigAlgOid];

  const info: CertificateInfo = {
    ...blankCertificate(der, toHex(port.digest('sha256', der))),
    subject: formatName(subject),
    issuer: formatName(issuer),
    commonNames: attributeValues(subject, Oid.commonName),
    notBefore: decodeTime(item(validity, 0), 'notBefore', ctx),
    notAfter: decodeTime(item(validity, 1), 'notAfter', ctx),
    publicKey: summarisePublicKey(spkiNode, ctx),
    signatureAlgorithm: sigInfo?.name ?? sigAlgOid,
    version,
    serialNumber: toHex(content(serialNode)),
    selfIssued: bytesEqual(encoded(issuerNode), encoded(subjectNode)),
  };

  const signatureHash =
    sigInfo?.hash ??
    (sigAlgOid === Oid.rsassaPss
      ? pssHash(item(sequence(sigAlgNode, 'signatureAlgorithm', ctx), 1), ctx)
      : undefined);
  if (signatureHash) info.signatureHash = signatureHash;

  const extensionValues = new Map<string, { critical: boolean; value: Uint8Array }>();
  for (; i < fields.length; i++) {
    const field = fields[i]!;
    // [1] issuerUniqueID and [2] subjectUniqueID are skipped; [3] holds the extensions.
    if (field.cls !== TagClass.Context || field.tag !== 3) continue;
    if (version !== 3)
      throw malformed(`certificate: a version ${version} certificate must not carry extensions.`);
    readExtensions(explicit(field, 'extensions', ctx), ctx, limits, info, extensionValues);
  }

  return {
    info,
    internals: {
      tbs: encoded(tbsNode!),
      signatureAlgorithmOid: sigAlgOid,
      signatureAlgorithmDer: encoded(sigAlgNode!),
      tbsSignatureAlgorithmDer: encoded(innerSigAlg),
      signature: bitString(sigNode, 'signature', ctx).bytes,
      subjectDer: encoded(subjectNode),
      issuerDer: encoded(issuerNode),
      spkiDer: encoded(spkiNode),
      extensionValues,
    },
  };
}

/** RSASSA-PSS-params hashAlgorithm [0]; absent means SHA-1 (RFC 4055). */
function pssHash(params: Asn1Node | undefined, ctx: BerContext): string {
  if (!params || params.tag !== Tag.Sequence) return 'sha1';
  const hashField = sequence(params, 'RSASSA-PSS-params', ctx).find(
    (n) => n.cls === TagClass.Context && n.tag === 0,
  );
  if (!hashField) return 'sha1';
  const hashOid = oid(
    item(sequence(explicit(hashField, 'PSS hashAlgorithm', ctx), 'PSS hashAlgorithm', ctx), 0),
    'PSS hash',
    ctx,
  );
  return HASH_ALGORITHMS[hashOid] ?? hashOid;
}

/** Reads an Extensions SEQUENCE into the model (shared with certificate requests). */
export function readExtensions(
  list: Asn1Node,
  ctx: BerContext,
  limits: ReadLimits,
  info: CertificateInfo,
  values: Map<string, { critical: boolean; value: Uint8Array }>,
): void {
  const seen = new Set<string>();
  for (const e of sequence(list, 'extensions', ctx)) {
    const parts = sequence(e, 'extension', ctx);
    const id = oid(item(parts, 0), 'extension id', ctx);
    let critical = false;
    let valueNode = item(parts, 1);
    if (is(valueNode, TagClass.Universal, Tag.Boolean)) {
      critical = bool(valueNode, `extension ${id} critical flag`, ctx);
      valueNode = item(parts, 2);
    }
    const extnValue = octetString(valueNode, `extension ${id} value`, ctx);
    const summary: ExtensionSummary = { oid: id, critical };
    info.extensions.push(summary);
    if (seen.has(id)) {
      // RFC 5280 §4.2 forbids duplicates; Windows uses the first (CertFindExtension), so do we.
      if (!info.duplicateExtensions.includes(id)) info.duplicateExtensions.push(id);
      continue;
    }
    seen.add(id);
    values.set(id, { critical, value: extnValue });
    decodeKnownExtension(id, extnValue, ctx, limits, info);
  }
  // Windows (CertFindExtension of szOID_SUBJECT_ALT_NAME2, then szOID_SUBJECT_ALT_NAME) takes the
  // obsolete 2.5.29.7 as the SAN when 2.5.29.17 is absent: host matching and name constraints.
  const obsolete = values.get(Oid.subjectAltNameObsolete);
  if (values.has(Oid.subjectAltName)) info.sanExtension = Oid.subjectAltName;
  else if (obsolete) {
    decodeKnownExtension(
      Oid.subjectAltName,
      obsolete.value,
      ctx,
      limits,
      info,
      'subjectAltName (obsolete 2.5.29.7)',
    );
    info.sanExtension = Oid.subjectAltNameObsolete;
  } else info.sanExtension = null;
}

function decodeKnownExtension(
  id: string,
  extnValue: Uint8Array,
  parentCtx: BerContext,
  limits: ReadLimits,
  info: CertificateInfo,
  name?: string,
): void {
  const handler = EXTENSION_DECODERS[id];
  if (!handler) return;
  const ctx: BerContext = {
    maxDepth: parentCtx.maxDepth,
    what: `certificate extension ${name ?? EXTENSION_NAMES[id] ?? id}`,
    elements: parentCtx.elements,
    maxChildren: parentCtx.maxChildren,
  };
  try {
    const node = readNode(extnValue, 0, extnValue.length, 0, ctx);
    if (node.end !== extnValue.length)
      throw malformed(`${ctx.what}: unexpected bytes after the value.`);
    handler(node, ctx, limits, info);
  } catch (error) {
    if (!(error instanceof SupCertError))
      throw malformed(`${ctx.what}: could not be decoded.${CA_BROKE_IT}`);
    if (error.code !== 'MALFORMED') throw error; // limits name their own next step
    // The reader's "the file is truncated" means the extension value here: the file is whole, the
    // CA wrote a broken extension, and only a new certificate helps.
    throw malformed(
      `${error.message.replace(/; the file is truncated( or corrupted)?\.$/, ': the extension value is empty or cut short.')}${CA_BROKE_IT}`,
    );
  }
}

const CA_BROKE_IT =
  ' The certificate itself is malformed (its CA wrote a broken extension): request a new certificate from the CA.';

type ExtensionDecoder = (
  value: Asn1Node,
  ctx: BerContext,
  limits: ReadLimits,
  info: CertificateInfo,
) => void;

const EXTENSION_NAMES: Record<string, string> = {
  [Oid.keyUsage]: 'keyUsage',
  [Oid.extKeyUsage]: 'extKeyUsage',
  [Oid.basicConstraints]: 'basicConstraints',
  [Oid.subjectAltName]: 'subjectAltName',
  [Oid.subjectKeyIdentifier]: 'subjectKeyIdentifier',
  [Oid.authorityKeyIdentifier]: 'authorityKeyIdentifier',
  [Oid.crlDistributionPoints]: 'cRLDistributionPoints',
  [Oid.authorityInfoAccess]: 'authorityInfoAccess',
  [Oid.certificatePolicies]: 'certificatePolicies',
  [Oid.msCertificateTemplateName]: 'Microsoft certificate template name',
  [Oid.msCertificateTemplate]: 'Microsoft certificate template',
  [Oid.msApplicationPolicies]: 'Microsoft application policies',
};

/** One decoder per extension the model exposes; everything else stays in `extensions` only. */
const EXTENSION_DECODERS: Record<string, ExtensionDecoder> = {
  [Oid.keyUsage]: (v, ctx, _l, info) => {
    info.keyUsage = ext.decodeKeyUsage(v, ctx);
  },
  [Oid.extKeyUsage]: (v, ctx, _l, info) => {
    info.extendedKeyUsages = ext.decodeExtendedKeyUsage(v, ctx);
  },
  [Oid.basicConstraints]: (v, ctx, _l, info) => {
    const bc = ext.decodeBasicConstraints(v, ctx);
    info.hasBasicConstraints = true;
    info.isCA = bc.cA;
    info.pathLength = bc.cA ? bc.pathLength : null;
  },
  [Oid.subjectAltName]: (v, ctx, limits, info) => {
    const names: AltName[] = ext.decodeGeneralNames(v, 'subjectAltName', ctx, limits.maxAltNames);
    info.altNames = names;
    info.dnsNames = names.filter((n) => n.type === 'dns').map((n) => n.value);
    info.ipAddresses = names.filter((n) => n.type === 'ip').map((n) => n.value);
  },
  [Oid.subjectKeyIdentifier]: (v, ctx, _l, info) => {
    info.subjectKeyIdentifier = ext.decodeKeyIdentifier(v, ctx);
  },
  [Oid.authorityKeyIdentifier]: (v, ctx, _l, info) => {
    info.authorityKeyIdentifier = ext.decodeAuthorityKeyIdentifier(v, ctx);
  },
  [Oid.crlDistributionPoints]: (v, ctx, limits, info) => {
    info.crlDistributionPoints = ext.decodeCrlDistributionPoints(v, ctx, limits.maxAltNames);
  },
  [Oid.authorityInfoAccess]: (v, ctx, _l, info) => {
    const aia = ext.decodeAuthorityInfoAccess(v, ctx);
    info.ocspUrls = aia.ocsp;
    info.caIssuerUrls = aia.caIssuers;
  },
  [Oid.certificatePolicies]: (v, ctx, _l, info) => {
    info.certificatePolicies = ext.decodeCertificatePolicies(v, ctx);
  },
  [Oid.msCertificateTemplateName]: (v, ctx, _l, info) => {
    info.template = { ...info.template, name: ext.decodeTemplateName(v, ctx) };
  },
  [Oid.msCertificateTemplate]: (v, ctx, _l, info) => {
    info.template = { ...info.template, ...ext.decodeTemplateInfo(v, ctx) };
  },
  [Oid.msApplicationPolicies]: (v, ctx, _l, info) => {
    info.applicationPolicies = ext.decodeApplicationPolicies(v, ctx);
  },
};
