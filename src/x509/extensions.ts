import {
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  bitString,
  bool,
  children,
  content,
  explicit,
  is,
  oid,
  sequence,
  smallInt,
  octetString,
} from '../asn1/ber.js';
import { decodeBmp, decodeString, decodeUtf8Lenient, isStringNode } from '../asn1/strings.js';
import { KEY_USAGE_BITS, Oid } from '../asn1/oids.js';
import { limitExceeded, malformed } from '../errors.js';
import { toHex } from '../util/bytes.js';
import type { AltName, CertificateTemplate } from './CertificateInfo.js';
import { decodeName, formatName } from './distinguishedName.js';
import { formatIpAddress } from './ipAddress.js';
import { item } from '../util/item.js';

/** Decoders for the extension values the rules read. Each takes the extnValue contents. */

export function decodeKeyUsage(value: Asn1Node, ctx: BerContext): string[] {
  const { bytes, unusedBits } = bitString(value, 'keyUsage', ctx);
  const names: string[] = [];
  const bitCount = bytes.length * 8 - unusedBits;
  KEY_USAGE_BITS.forEach((name, bit) => {
    if (bit < bitCount && (bytes[bit >> 3]! & (0x80 >> (bit & 7))) !== 0) names.push(name);
  });
  return names;
}

export function decodeExtendedKeyUsage(value: Asn1Node, ctx: BerContext): string[] {
  return sequence(value, 'extKeyUsage', ctx).map((n) => oid(n, 'extKeyUsage purpose', ctx));
}

export function decodeBasicConstraints(
  value: Asn1Node,
  ctx: BerContext,
): { cA: boolean; pathLength: number | null } {
  const items = sequence(value, 'basicConstraints', ctx);
  let i = 0;
  let cA = false;
  if (is(item(items, i), TagClass.Universal, Tag.Boolean))
    cA = bool(items[i++], 'basicConstraints cA', ctx);
  let pathLength: number | null = null;
  const pathLenNode = item(items, i);
  if (pathLenNode) {
    pathLength = smallInt(pathLenNode, 'basicConstraints pathLenConstraint', ctx);
    if (pathLength < 0)
      throw malformed(`${ctx.what}: basicConstraints pathLenConstraint is negative.`);
  }
  return { cA, pathLength };
}

const GENERAL_NAME_TYPES = [
  'otherName',
  'email',
  'dns',
  'x400Address',
  'directoryName',
  'ediPartyName',
  'uri',
  'ip',
  'registeredId',
] as const;

/** GeneralNames (SAN, and reused for CRL distribution point names). */
export function decodeGeneralNames(
  value: Asn1Node,
  what: string,
  ctx: BerContext,
  maxNames: number,
): AltName[] {
  const entries = sequence(value, what, ctx);
  if (entries.length > maxNames)
    throw limitExceeded(
      `${ctx.what}: ${what} has ${entries.length} entries, more than the limit of ${maxNames}. If the certificate is genuine, raise limits.maxAltNames.`,
    );
  return entries.map((n) => decodeGeneralName(n, what, ctx));
}

export function decodeGeneralName(n: Asn1Node, what: string, ctx: BerContext): AltName {
  const type = item(GENERAL_NAME_TYPES, n.tag);
  if (n.cls !== TagClass.Context || !type)
    throw malformed(`${ctx.what}: ${what} has an entry that is not a GeneralName.`);
  switch (type) {
    case 'email':
    case 'dns':
    case 'uri':
      // IA5String by definition; a non-ASCII byte is the issuer's mistake but must stay visible.
      return { type, value: decodeUtf8Lenient(content(n)) };
    case 'ip':
      return { type, value: formatIpAddress(content(n)) };
    case 'directoryName':
      return {
        type,
        value: formatName(
          decodeName(explicit(n, `${what} directoryName`, ctx), `${what} directoryName`, ctx),
        ),
      };
    case 'registeredId':
      return { type, value: oidOfImplicit(n, ctx) };
    case 'otherName': {
      const [typeIdNode, valueNode] = children(n, ctx);
      const typeId = oid(typeIdNode, `${what} otherName type-id`, ctx);
      let text = '';
      if (valueNode && valueNode.cls === TagClass.Context) {
        const inner = explicit(valueNode, `${what} otherName value`, ctx);
        text = isStringNode(inner)
          ? decodeString(inner, ctx, `${what} otherName`)
          : `#${toHex(content(inner))}`;
      }
      return { type, value: text, typeId };
    }
    default:
      return { type, value: `#${toHex(content(n))}` };
  }
}

function oidOfImplicit(n: Asn1Node, ctx: BerContext): string {
  return oid({ ...n, cls: TagClass.Universal, tag: Tag.Oid }, 'registeredID', ctx);
}

export function decodeKeyIdentifier(value: Asn1Node, ctx: BerContext): string {
  return toHex(octetString(value, 'subjectKeyIdentifier', ctx));
}

export function decodeAuthorityKeyIdentifier(value: Asn1Node, ctx: BerContext): string | null {
  const first = sequence(value, 'authorityKeyIdentifier', ctx).find(
    (n) => n.cls === TagClass.Context && n.tag === 0,
  );
  return first ? toHex(content(first)) : null;
}

/** URIs of every distributionPoint fullName (relative names and reasons are not needed). */
export function decodeCrlDistributionPoints(
  value: Asn1Node,
  ctx: BerContext,
  maxNames: number,
): string[] {
  const uris: string[] = [];
  for (const dp of sequence(value, 'cRLDistributionPoints', ctx)) {
    const dpName = children(dp, ctx).find((n) => n.cls === TagClass.Context && n.tag === 0);
    if (!dpName) continue;
    const fullName = children(dpName, ctx).find((n) => n.cls === TagClass.Context && n.tag === 0);
    if (!fullName) continue;
    for (const gn of decodeGeneralNames(
      { ...fullName, cls: TagClass.Universal, tag: Tag.Sequence },
      'CRL distribution point',
      ctx,
      maxNames,
    )) {
      if (gn.type === 'uri') uris.push(gn.value);
    }
  }
  return uris;
}

export function decodeAuthorityInfoAccess(
  value: Asn1Node,
  ctx: BerContext,
): { ocsp: string[]; caIssuers: string[] } {
  const out = { ocsp: [] as string[], caIssuers: [] as string[] };
  for (const ad of sequence(value, 'authorityInfoAccess', ctx)) {
    const [methodNode, locationNode] = sequence(ad, 'accessDescription', ctx);
    const method = oid(methodNode, 'accessMethod', ctx);
    if (!locationNode) continue;
    const location = decodeGeneralName(locationNode, 'accessLocation', ctx);
    if (location.type !== 'uri') continue;
    if (method === Oid.ocsp) out.ocsp.push(location.value);
    else if (method === Oid.caIssuers) out.caIssuers.push(location.value);
  }
  return out;
}

export function decodeCertificatePolicies(value: Asn1Node, ctx: BerContext): string[] {
  return sequence(value, 'certificatePolicies', ctx).map((pi) =>
    oid(item(sequence(pi, 'policyInformation', ctx), 0), 'policyIdentifier', ctx),
  );
}

/** Microsoft 1.3.6.1.4.1.311.20.2: the v1 template name, a BMPString (sometimes another string type). */
export function decodeTemplateName(value: Asn1Node, ctx: BerContext): string {
  if (value.cls === TagClass.Universal && value.tag === Tag.BmpString) {
    const text = decodeBmp(content(value));
    if (text === null)
      throw malformed(`${ctx.what}: certificate template name is not valid UTF-16.`);
    return text;
  }
  return decodeString(value, ctx, 'certificate template name');
}

/** Microsoft 1.3.6.1.4.1.311.21.7: SEQUENCE { templateID OID, major INTEGER, minor INTEGER OPTIONAL }. */
export function decodeTemplateInfo(value: Asn1Node, ctx: BerContext): CertificateTemplate {
  const [idNode, majorNode, minorNode] = sequence(value, 'certificate template', ctx);
  const info: CertificateTemplate = { oid: oid(idNode, 'certificate template id', ctx) };
  if (majorNode) info.majorVersion = smallInt(majorNode, 'template major version', ctx);
  if (minorNode) info.minorVersion = smallInt(minorNode, 'template minor version', ctx);
  return info;
}

/** Microsoft 1.3.6.1.4.1.311.21.10: SEQUENCE OF SEQUENCE { policyIdentifier, ... }. */
export function decodeApplicationPolicies(value: Asn1Node, ctx: BerContext): string[] {
  return sequence(value, 'application policies', ctx).map((p) =>
    oid(item(sequence(p, 'application policy', ctx), 0), 'application policy id', ctx),
  );
}
