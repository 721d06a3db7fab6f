import {
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  children,
  content,
  elementCounter,
  maxChildrenFor,
  oid,
  readWhole,
  sequence,
  tagName,
} from '../asn1/ber.js';
import { Oid } from '../asn1/oids.js';
import { DEFAULT_LIMITS, type WorkBudget } from '../limits.js';
import { decodeGeneralNames } from '../x509/extensions.js';
import { item } from '../util/item.js';

const expectTag = (node: Asn1Node | undefined, tag: Tag, what: string): Asn1Node => {
  if (!node || node.cls !== TagClass.Universal || node.tag !== tag)
    throw new Error(`${what} is ${node ? `a ${tagName(node)}` : 'missing'}`);
  return node;
};
const nonNegativeInteger = (node: Asn1Node, what: string): void => {
  const bytes = content(node);
  if (bytes.length === 0 || (bytes[0]! & 0x80) !== 0)
    throw new Error(`${what} is not a non-negative INTEGER`);
};

/**
 * Syntax checks for the extensions path validation understands (KNOWN_EXTENSIONS in
 * verifyChain) that the certificate parser does not decode; the ones it decodes (keyUsage,
 * basicConstraints, SAN, EKU, AKI/SKI, CDP, AIA, certificatePolicies, the Microsoft template
 * extensions) are already refused as MALFORMED when broken. nameConstraints is checked by
 * nameConstraintsOf. Sources: RFC 5280 §4.2.1.5 (policyMappings), §4.2.1.7 (issuerAltName),
 * §4.2.1.11 (policyConstraints: "MUST NOT issue ... where requireExplicitPolicy and
 * inhibitPolicyMapping are both absent"), §4.2.1.14 (inhibitAnyPolicy), §4.2.1.15
 * (freshestCRL, the CRLDistributionPoints syntax); Microsoft 1.3.6.1.4.1.311.21.1 (CA version,
 * an INTEGER).
 */
const CHECKS: Record<string, (value: Asn1Node, ctx: BerContext, maxAltNames: number) => void> = {
  [Oid.policyMappings]: (v, ctx) => {
    const mappings = sequence(v, 'policyMappings', ctx);
    if (mappings.length === 0) throw new Error('policyMappings is empty');
    for (const m of mappings) {
      const pair = sequence(m, 'policy mapping', ctx);
      if (pair.length !== 2)
        throw new Error(`a policy mapping holds ${pair.length} elements instead of 2`);
      oid(item(pair, 0), 'issuerDomainPolicy', ctx);
      oid(item(pair, 1), 'subjectDomainPolicy', ctx);
    }
  },
  [Oid.policyConstraints]: (v, ctx) => {
    const fields = sequence(v, 'policyConstraints', ctx);
    if (fields.length === 0)
      throw new Error('policyConstraints is empty (RFC 5280 §4.2.1.11 forbids it)');
    let last = -1;
    for (const f of fields) {
      if (f.cls !== TagClass.Context || f.tag > 1 || f.tag <= last || f.constructed)
        throw new Error(`policyConstraints holds a ${tagName(f)} field`);
      nonNegativeInteger(f, f.tag === 0 ? 'requireExplicitPolicy' : 'inhibitPolicyMapping');
      last = f.tag;
    }
  },
  [Oid.inhibitAnyPolicy]: (v) =>
    nonNegativeInteger(expectTag(v, Tag.Integer, 'inhibitAnyPolicy'), 'inhibitAnyPolicy'),
  [Oid.issuerAltName]: (v, ctx, maxAltNames) => {
    if (decodeGeneralNames(v, 'issuerAltName', ctx, maxAltNames).length === 0)
      throw new Error('issuerAltName is empty');
  },
  '2.5.29.46': (v, ctx) => {
    for (const dp of sequence(v, 'freshestCRL', ctx)) {
      expectTag(dp, Tag.Sequence, 'a DistributionPoint');
      for (const field of children(dp, ctx))
        if (field.cls !== TagClass.Context || field.tag > 2)
          throw new Error(`a DistributionPoint holds a ${tagName(field)} field`);
    }
  },
  '1.3.6.1.4.1.311.21.1': (v) =>
    nonNegativeInteger(expectTag(v, Tag.Integer, 'the CA version'), 'the CA version'),
};

/**
 * Why the value of extension `id` is malformed, or null when it is well-formed or not one
 * checked here. Never throws. With `budget`, every element read draws from its
 * `limits.maxElements` (the call's element budget) and an issuerAltName is bounded by
 * `limits.maxAltNames`; a spent budget, or a single element with more children than
 * {@link maxChildrenFor} allows, is reported as the problem (fail closed), so a 28 MB critical
 * extension of 14 million empty entries costs at most one element budget, never a pass.
 */
export function extensionSyntaxProblem(
  id: string,
  value: Uint8Array,
  budget?: WorkBudget,
): string | null {
  const check = CHECKS[id];
  if (!check) return null;
  const limits = budget?.limits ?? DEFAULT_LIMITS;
  const ctx: BerContext = {
    maxDepth: 32,
    what: 'extension',
    elements: budget && elementCounter(budget),
    maxChildren: maxChildrenFor(limits),
  };
  try {
    check(readWhole(value, ctx), ctx, limits.maxAltNames);
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^extension: /, '');
  }
}
