import { latin1Decode } from '../util/bytes.js';
import {
  type BerContext,
  Tag,
  TagClass,
  children,
  content,
  elementCounter,
  explicit,
  maxChildrenFor,
  readWhole,
  sequence,
  tagName,
} from '../asn1/ber.js';
import { Oid } from '../asn1/oids.js';
import { nameWithinSubtree, normalisedRdns } from '../names/directoryName.js';
import { dnsNameSyntaxProblem } from '../names/dnsNameSyntax.js';
import { ipv6Bytes, isIpAddress } from '../names/hostname.js';
import { dnsNameInSubtree, parseWildcard, wildcardReachesSubtree } from '../names/presentedId.js';
import { DEFAULT_LIMITS, type WorkBudget } from '../limits.js';
import { SupCertError } from '../errors.js';
import { quoteList, quoteValue } from '../util/quote.js';
import type { AltNameType } from '../x509/CertificateInfo.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { decodeGeneralName } from '../x509/extensions.js';
import { certificateInternals } from '../x509/parseCertificate.js';

/**
 * RFC 5280 §4.2.1.10 name constraints for the name forms a TLS server certificate carries:
 * dNSName, iPAddress and the subject directoryName. Other forms (email, URI, otherName) are
 * not names a SUP is reached by and are not checked.
 */
export interface NameConstraints {
  permitted: Subtrees;
  excluded: Subtrees;
}

interface Subtrees {
  dns: string[];
  ip: Array<{ address: Uint8Array; mask: Uint8Array }>;
  dn: string[][];
  /** GeneralName types constrained here that supcert does not check (1 = rfc822Name, 6 = URI, 0 = otherName ...). */
  otherTypes: Set<number>;
}

/** Reads directoryNames (the constraint's, the subject's) outside the element budget, as before any budget existed. */
const nameCtx: BerContext = { maxDepth: 32, what: 'name constraints' };
const GENERAL_NAME_TAGS: Record<AltNameType, number> = {
  otherName: 0,
  email: 1,
  dns: 2,
  x400Address: 3,
  directoryName: 4,
  ediPartyName: 5,
  uri: 6,
  ip: 7,
  registeredId: 8,
};
const empty = (): Subtrees => ({ dns: [], ip: [], dn: [], otherTypes: new Set() });

/**
 * Parses the nameConstraints extension of a CA; null when it has none. Fails closed: throws
 * (an Error whose message says what is wrong) on anything RFC 5280 §4.2.1.10 does not allow, so
 * the caller reports NAME_CONSTRAINTS instead of skipping a constraint it cannot read: a field
 * other than [0] permittedSubtrees / [1] excludedSubtrees (or one of them twice), a
 * GeneralSubtree that is not a SEQUENCE, a base that is not a GeneralName, a minimum other than
 * 0 or any maximum (OpenSSL refuses both: X509_V_ERR_SUBTREE_MINMAX), an invalid dNSName or an
 * iPAddress that is not an address and mask.
 */
export function nameConstraintsOf(
  ca: CertificateInfo,
  budget?: WorkBudget,
): NameConstraints | null {
  // Read once per certificate (the result, or the error): a path search validates many paths
  // through the same CA, and re-reading a constraint list of 60,000 subtrees for each of them
  // multiplied the work. The first read draws its elements from `budget` (limits.maxElements).
  const known = parsedConstraints.get(ca);
  if (known !== undefined) {
    if (known instanceof Error) throw known;
    return known;
  }
  try {
    const parsed = readNameConstraints(ca, budget);
    parsedConstraints.set(ca, parsed);
    return parsed;
  } catch (error) {
    // A spent budget is the call's, not the certificate's: not cached.
    if (!(
      error instanceof SupCertError &&
      error.code === 'LIMIT_EXCEEDED' &&
      /limits\.maxElements/.test(error.message)
    ))
      parsedConstraints.set(ca, error as Error);
    throw error;
  }
}

const parsedConstraints = new WeakMap<CertificateInfo, NameConstraints | null | Error>();

function readNameConstraints(
  ca: CertificateInfo,
  budget: WorkBudget | undefined,
): NameConstraints | null {
  const ext = certificateInternals(ca).extensionValues.get(Oid.nameConstraints);
  if (!ext) return null;
  const ctx: BerContext = {
    maxDepth: 32,
    what: 'name constraints',
    elements: budget && elementCounter(budget),
    maxChildren: maxChildrenFor(budget?.limits ?? DEFAULT_LIMITS),
  };
  const out: NameConstraints = { permitted: empty(), excluded: empty() };
  const seen = new Set<number>();
  for (const part of sequence(readWhole(ext.value, ctx), 'NameConstraints', ctx)) {
    if (part.cls !== TagClass.Context || (part.tag !== 0 && part.tag !== 1) || !part.constructed)
      throw new Error(
        `NameConstraints holds a ${tagName(part)} field, where only [0] permittedSubtrees and [1] excludedSubtrees may be`,
      );
    if (seen.has(part.tag))
      throw new Error(
        `NameConstraints holds ${part.tag === 0 ? 'permittedSubtrees' : 'excludedSubtrees'} twice`,
      );
    seen.add(part.tag);
    const target = part.tag === 0 ? out.permitted : out.excluded;
    for (const subtree of children(part, ctx)) {
      if (
        subtree.cls !== TagClass.Universal ||
        subtree.tag !== Tag.Sequence ||
        !subtree.constructed
      )
        throw new Error(`a GeneralSubtree is a ${tagName(subtree)}, not a SEQUENCE`);
      const [base, ...bounds] = children(subtree, ctx);
      if (!base) throw new Error('a GeneralSubtree is empty (it has no base)');
      try {
        decodeGeneralName(base, 'GeneralSubtree base', ctx);
      } catch {
        throw new Error(
          `a GeneralSubtree base is a ${tagName(base)}, not a well-formed GeneralName`,
        );
      }
      for (const bound of bounds) {
        const isMinimum = bound.cls === TagClass.Context && bound.tag === 0 && !bound.constructed;
        const zero = isMinimum && content(bound).length === 1 && content(bound)[0] === 0;
        if (!zero)
          throw new Error(
            isMinimum || (bound.cls === TagClass.Context && bound.tag === 1)
              ? 'a GeneralSubtree has a minimum other than 0 or a maximum, which RFC 5280 forbids'
              : `a GeneralSubtree holds a ${tagName(bound)} after its base`,
          );
      }
      if (base.tag === 2) {
        const constraint = latin1Decode(content(base)).toLowerCase();
        // RFC 5280 names a subtree by a plain domain ("example.com"); a leading dot or an invalid
        // name is malformed, and a malformed constraint fails closed.
        if (constraint !== '' && dnsNameSyntaxProblem(constraint))
          throw new Error(
            `the dNSName constraint "${quoteValue(constraint)}" is not a valid domain name`,
          );
        target.dns.push(constraint);
      } else if (base.tag === 7) {
        const bytes = content(base);
        const half = bytes.length / 2;
        if (bytes.length === 8 || bytes.length === 32)
          target.ip.push({ address: bytes.subarray(0, half), mask: bytes.subarray(half) });
        else throw new Error(`an iPAddress constraint of ${bytes.length} bytes`);
      } else if (base.tag === 4)
        target.dn.push(normalisedRdns(explicit(base, 'directoryName', ctx), nameCtx));
      else target.otherTypes.add(base.tag);
    }
  }
  return out;
}

/** names × constraints above this is refused instead of computed (Go's crypto/x509 uses the same bound). */
const MAX_COMPARISONS = 250_000;

function ipBytes(text: string): Uint8Array | null {
  if (!isIpAddress(text)) return null;
  return text.includes(':') ? ipv6Bytes(text) : Uint8Array.from(text.split('.').map(Number));
}

function ipWithin(address: Uint8Array, c: { address: Uint8Array; mask: Uint8Array }): boolean {
  if (address.length !== c.address.length) return false;
  return address.every((b, i) => (b & c.mask[i]!) === (c.address[i]! & c.mask[i]!));
}

/** Subtrees named in one message before "… and N more". */
const SUBTREES_LISTED = 3;

/**
 * The names of `cert` that break the constraints, as messages (empty when it complies). The
 * caller skips self-issued intermediates entirely (RFC 5280 §6.1.3 (b)). Without a SAN, a
 * host-like subject CN is checked as a DNS name: Windows matches it.
 *
 * Work: (DNS names + IP addresses) × (DNS + IP subtrees), plus the directory subtrees, drawn
 * from `budget` as `maxNameComparisons` before comparing; more than the budget has left, or more
 * than 250,000 for one certificate, is one violation ("refused") instead: fail closed. Each
 * message quotes at most 200 characters of a value and names at most 3 subtrees.
 */
export function violations(
  cert: CertificateInfo,
  nc: NameConstraints,
  budget?: WorkBudget,
): string[] {
  const out: string[] = [];
  const dnsNames =
    cert.dnsNames ?? cert.commonNames.filter((cn) => /^[a-z0-9*_-]+(\.[a-z0-9_-]+)+\.?$/i.test(cn));
  const constraints =
    nc.permitted.dns.length +
    nc.excluded.dns.length +
    nc.permitted.ip.length +
    nc.excluded.ip.length;
  const names = dnsNames.length + cert.ipAddresses.length;
  if (names * constraints > MAX_COMPARISONS) {
    return [
      `${names} names against ${constraints} constraints is more than supcert checks (${MAX_COMPARISONS.toLocaleString('en-US')} comparisons): refused as a denial of service`,
    ];
  }
  const comparisons = names * constraints + nc.permitted.dn.length + nc.excluded.dn.length;
  if (budget && comparisons > 0 && !budget.tryCharge('maxNameComparisons', comparisons)) {
    return [
      `checking ${names} names against ${constraints + nc.permitted.dn.length + nc.excluded.dn.length} constraints would pass the ${budget.limits.maxNameComparisons.toLocaleString('en-US')} name comparisons allowed for this call (limits.maxNameComparisons): refused; if the certificates are genuine, raise limits.maxNameComparisons`,
    ];
  }
  const dnsConstrained = nc.permitted.dns.length + nc.excluded.dns.length > 0;
  const permittedText = quoteList(nc.permitted.dns, SUBTREES_LISTED);
  for (const name of dnsNames) {
    const syntax =
      dnsConstrained && name !== '' ? dnsNameSyntaxProblem(name.replace(/^\*\./, 'x.')) : null;
    if (syntax) {
      out.push(
        `DNS name "${quoteValue(name)}" cannot be checked against the name constraints: ${syntax}`,
      );
      continue;
    }
    if (nc.permitted.dns.length && !nc.permitted.dns.some((c) => dnsNameInSubtree(name, c)))
      out.push(
        `DNS name "${quoteValue(name)}" is outside the permitted subtrees (${permittedText})`,
      );
    const wildcard = parseWildcard(name.toLowerCase());
    const excluded = nc.excluded.dns.find(
      (c) =>
        dnsNameInSubtree(name, c) || (wildcard !== null && wildcardReachesSubtree(wildcard, c)),
    );
    if (excluded !== undefined)
      out.push(
        `DNS name "${quoteValue(name)}" is in${dnsNameInSubtree(name, excluded) ? '' : ' reach of'} the excluded subtree "${quoteValue(excluded)}"`,
      );
  }
  const ipConstrained = nc.permitted.ip.length + nc.excluded.ip.length > 0;
  for (const ip of cert.ipAddresses) {
    const bytes = ipBytes(ip);
    if (!bytes) {
      // An iPAddress entry of the wrong length: fail closed when addresses are constrained.
      if (ipConstrained)
        out.push(
          `IP address entry ${quoteValue(ip, 80)} is malformed and cannot be checked against the name constraints`,
        );
      continue;
    }
    if (
      nc.permitted.ip.some((c) => c.address.length === bytes.length) &&
      !nc.permitted.ip.some((c) => ipWithin(bytes, c))
    )
      out.push(`IP address ${ip} is outside the permitted subtrees`);
    if (nc.excluded.ip.some((c) => ipWithin(bytes, c)))
      out.push(`IP address ${ip} is in an excluded subtree`);
  }
  // Name forms constrained here that supcert does not check: fail closed when the certificate has them.
  for (const type of new Set([...nc.permitted.otherTypes, ...nc.excluded.otherTypes])) {
    const present = cert.altNames.filter((n) => GENERAL_NAME_TAGS[n.type] === type);
    if (present.length)
      out.push(
        `it has ${present.length} ${present[0]!.type} name${present.length > 1 ? 's' : ''}, and the CA constrains that name form, which supcert does not check: treated as a violation`,
      );
  }
  if (nc.permitted.dn.length || nc.excluded.dn.length) {
    const subject = normalisedRdns(
      readWhole(certificateInternals(cert).subjectDer, nameCtx),
      nameCtx,
    );
    if (subject.length > 0) {
      if (nc.permitted.dn.length && !nc.permitted.dn.some((b) => nameWithinSubtree(subject, b)))
        out.push(
          `subject "${quoteValue(cert.subject)}" is outside the permitted directory subtrees`,
        );
      if (nc.excluded.dn.some((b) => nameWithinSubtree(subject, b)))
        out.push(`subject "${quoteValue(cert.subject)}" is in an excluded directory subtree`);
    }
  }
  return out;
}
