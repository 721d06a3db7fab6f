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
import type { AltName, CertificateInfo } from '../x509/CertificateInfo.js';
import { attributeValues, decodeName } from '../x509/distinguishedName.js';
import { decodeGeneralName } from '../x509/extensions.js';
import { certificateInternals } from '../x509/parseCertificate.js';

/**
 * RFC 5280 §4.2.1.10 name constraints, checked as Windows' CryptoAPI checks them: dNSName,
 * iPAddress, the subject directoryName, rfc822Name (SAN entries and the subject's emailAddress
 * attributes) and uniformResourceIdentifier (the URI's host). The forms Windows does not support
 * (Microsoft, CERT_TRUST_STATUS: CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT — x400Address,
 * ediPartyName, registeredID, an otherName other than the UPN) fail every chain through the CA;
 * a UPN otherName is checked by Windows with rules it does not document, so a UPN under a UPN
 * constraint fails closed. docs/wine-differences.md gives the evidence per form.
 */
export interface NameConstraints {
  permitted: Subtrees;
  excluded: Subtrees;
}

interface Subtrees {
  dns: string[];
  ip: Array<{ address: Uint8Array; mask: Uint8Array }>;
  dn: string[][];
  /** rfc822Name bases as written: a mailbox ("a@example.com"), a host ("example.com") or a domain (".example.com"). */
  email: string[];
  /** uniformResourceIdentifier bases: a host ("example.com") or a domain (".example.com"). */
  uri: string[];
  /** The values of otherName bases of type UPN (1.3.6.1.4.1.311.20.2.3). */
  upn: string[];
  /**
   * GeneralName forms constrained here that Windows does not support, by name ('x400Address',
   * 'ediPartyName', 'registeredId', 'otherName 1.2.3'): CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT.
   */
  unsupported: Set<string>;
}

/** Reads directoryNames (the constraint's, the subject's) outside the element budget, as before any budget existed. */
const nameCtx: BerContext = { maxDepth: 32, what: 'name constraints' };
const empty = (): Subtrees => ({
  dns: [],
  ip: [],
  dn: [],
  email: [],
  uri: [],
  upn: [],
  unsupported: new Set(),
});
/** The Microsoft User Principal Name otherName, the one otherName Windows constrains. */
const UPN = '1.3.6.1.4.1.311.20.2.3';
const EMAIL_ADDRESS = '1.2.840.113549.1.9.1';

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
      let general: AltName;
      try {
        general = decodeGeneralName(base, 'GeneralSubtree base', ctx);
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
      else if (general.type === 'email') target.email.push(general.value);
      else if (general.type === 'uri') target.uri.push(general.value);
      else if (general.type === 'otherName' && general.typeId === UPN)
        target.upn.push(general.value);
      else
        target.unsupported.add(
          general.type === 'otherName'
            ? `otherName ${general.typeId ?? ''}`
            : general.type === 'registeredId'
              ? 'registeredID'
              : general.type,
        );
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

/** A character an IA5String (rfc822Name, URI) cannot hold. */
const NOT_IA5 = /[^\x00-\x7f]/;
const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * A mail host or URI host against an rfc822Name / URI constraint (RFC 5280 §4.2.1.10): ".example.com"
 * is any host below example.com (not example.com itself), "example.com" is that host only; ASCII
 * case is ignored (the names are IA5String: a name with other characters is refused before). This
 * is Wine crypt32's `domain_name_matches`, the rule its rfc822Name and URL checks share.
 */
export function hostInSubtree(host: string, constraint: string): boolean {
  const h = asciiLower(host);
  const c = asciiLower(constraint);
  if (c.startsWith('.')) return h.length > c.length && h.endsWith(c);
  return h === c;
}

/**
 * Why an rfc822Name (or a subject emailAddress) cannot be checked against rfc822Name constraints,
 * or null: it must be a mailbox "local@host" with one "@" and neither part empty. Fail closed: an
 * address the comparison could read two ways is a violation.
 */
export function emailSyntaxProblem(name: string): string | null {
  if (NOT_IA5.test(name)) return 'it has characters outside IA5String (ASCII)';
  const at = name.indexOf('@');
  if (at < 0) return 'it has no "@"';
  if (name.indexOf('@', at + 1) >= 0) return 'it has more than one "@"';
  if (at === 0) return 'its local part is empty';
  if (at === name.length - 1) return 'its host is empty';
  return null;
}

/**
 * An rfc822Name within an rfc822Name constraint, as CryptoAPI compares them (Wine crypt32
 * `rfc822_name_matches`): a constraint with "@" is one mailbox, compared whole ignoring case; any
 * other constraint is a host or a domain matched against the part after "@" (`hostInSubtree`).
 * The name must be well formed (`emailSyntaxProblem`). RFC 5280 §4.2.1.10 and OpenSSL compare the
 * local part case-sensitively; CryptoAPI (as Wine models it) does not.
 */
export function emailInSubtree(name: string, constraint: string): boolean {
  if (constraint.includes('@')) return asciiLower(name) === asciiLower(constraint);
  return hostInSubtree(name.slice(name.indexOf('@') + 1), constraint);
}

/**
 * The host of a URI for URI name constraints, or why there is none. RFC 5280 §4.2.1.10: the
 * constraint applies to the host, and a URI without an authority whose host is a domain name
 * (no "//", an empty host, an IP literal) MUST be rejected. RFC 3986 §3.2: the user information
 * (up to the last "@") and the port are not part of the host.
 */
export function uriHost(uri: string): { host: string } | { problem: string } {
  if (NOT_IA5.test(uri)) return { problem: 'it has characters outside IA5String (ASCII)' };
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(uri);
  if (!m) return { problem: 'it has no "scheme://" authority' };
  const authority = m[1]!.slice(m[1]!.lastIndexOf('@') + 1);
  if (authority.startsWith('[')) return { problem: 'its host is an IP literal, not a domain name' };
  const host = authority.replace(/:[0-9]*$/, '');
  if (host === '') return { problem: 'its host is empty' };
  if (isIpAddress(host)) return { problem: 'its host is an IP address, not a domain name' };
  return { host };
}

/** Subtrees named in one message before "… and N more". */
const SUBTREES_LISTED = 3;

/**
 * The names of `cert` that break the constraints, as messages (empty when it complies). The
 * caller skips self-issued intermediates entirely (RFC 5280 §6.1.3 (b)). Without a SAN, a
 * host-like subject CN is checked as a DNS name: Windows matches it.
 *
 * rfc822Name constraints apply to the SAN's rfc822Names and to the subject's emailAddress
 * attributes (Wine crypt32 and OpenSSL check both, SAN or not); URI constraints to the host of
 * each SAN URI. A name of a constrained form that cannot be read that way fails closed.
 *
 * Work: (DNS names + IP addresses) × (DNS + IP subtrees), plus email addresses × rfc822Name
 * subtrees and URIs × URI subtrees, plus the directory subtrees, drawn from `budget` as
 * `maxNameComparisons` before comparing; more than the budget has left, or more than 250,000 for
 * one certificate, is one violation ("refused") instead: fail closed. Each message quotes at most
 * 200 characters of a value and names at most 3 subtrees.
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
  const emailConstraints = nc.permitted.email.length + nc.excluded.email.length;
  const uriConstraints = nc.permitted.uri.length + nc.excluded.uri.length;
  const emails = emailConstraints ? emailNames(cert) : [];
  const uris = uriConstraints ? cert.altNames.filter((n) => n.type === 'uri') : [];
  const names = dnsNames.length + cert.ipAddresses.length;
  const pairs =
    names * constraints + emails.length * emailConstraints + uris.length * uriConstraints;
  if (pairs > MAX_COMPARISONS) {
    return [
      `${names + emails.length + uris.length} names against ${constraints + emailConstraints + uriConstraints} constraints is more than supcert checks (${MAX_COMPARISONS.toLocaleString('en-US')} comparisons): refused as a denial of service`,
    ];
  }
  const comparisons = pairs + nc.permitted.dn.length + nc.excluded.dn.length;
  if (budget && comparisons > 0 && !budget.tryCharge('maxNameComparisons', comparisons)) {
    return [
      `checking ${names + emails.length + uris.length} names against ${constraints + emailConstraints + uriConstraints + nc.permitted.dn.length + nc.excluded.dn.length} constraints would pass the ${budget.limits.maxNameComparisons.toLocaleString('en-US')} name comparisons allowed for this call (limits.maxNameComparisons): refused; if the certificates are genuine, raise limits.maxNameComparisons`,
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
  for (const { value, what } of emails)
    checkForm(
      out,
      what,
      value,
      emailSyntaxProblem(value),
      nc.permitted.email,
      nc.excluded.email,
      (c) => emailInSubtree(value, c),
    );
  for (const { value } of uris) {
    const parsed = uriHost(value);
    const host = 'host' in parsed ? parsed.host : '';
    checkForm(
      out,
      'URI',
      value,
      'problem' in parsed ? parsed.problem : null,
      nc.permitted.uri,
      nc.excluded.uri,
      (c) => hostInSubtree(host, c),
    );
  }
  // UPN: Windows supports the form but does not document its matching; fail closed when both
  // the CA and the certificate have one (an otherName of another type cannot be compared either).
  if (nc.permitted.upn.length + nc.excluded.upn.length) {
    const others = cert.altNames.filter((n) => n.type === 'otherName');
    if (others.length)
      out.push(
        `it has ${others.length} otherName ${others.length > 1 ? 'entries' : 'entry'} (${quoteValue(others[0]!.typeId === UPN ? `UPN ${others[0]!.value}` : (others[0]!.typeId ?? ''))}${others.length > 1 ? ', …' : ''}) and the CA constrains UPN names, whose matching Windows does not document: treated as a violation`,
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

/** The rfc822Names of the SAN, then the subject's emailAddress attributes, each with where it is. */
function emailNames(cert: CertificateInfo): Array<{ value: string; what: string }> {
  const out = cert.altNames
    .filter((n) => n.type === 'email')
    .map((n) => ({ value: n.value, what: 'email address' }));
  const subject = decodeName(
    readWhole(certificateInternals(cert).subjectDer, nameCtx),
    'subject',
    nameCtx,
  );
  for (const value of attributeValues(subject, EMAIL_ADDRESS))
    out.push({ value, what: 'subject emailAddress' });
  return out;
}

/** One name of a form with string constraints: malformed, outside the permitted, in an excluded subtree. */
function checkForm(
  out: string[],
  what: string,
  name: string,
  syntax: string | null,
  permitted: string[],
  excluded: string[],
  within: (constraint: string) => boolean,
): void {
  if (syntax) {
    out.push(
      `${what} "${quoteValue(name)}" cannot be checked against the name constraints: ${syntax}`,
    );
    return;
  }
  if (permitted.length && !permitted.some(within))
    out.push(
      `${what} "${quoteValue(name)}" is outside the permitted subtrees (${quoteList(permitted, SUBTREES_LISTED)})`,
    );
  const hit = excluded.find(within);
  if (hit !== undefined)
    out.push(`${what} "${quoteValue(name)}" is in the excluded subtree "${quoteValue(hit)}"`);
}

/**
 * The name forms `nc` constrains that Windows does not support, as one message, or null. Microsoft
 * (CERT_TRUST_STATUS, CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT): "Only UPN is supported for an
 * Other Name. The following alternative name choices are not supported: X400 Address, EDI Party
 * Name, Registered Id" — a property of the CA's extension, whatever names the certificates below
 * it have; the SSL policy answers CERT_E_INVALID_NAME.
 */
export function unsupportedConstraint(nc: NameConstraints): string | null {
  const forms = [...new Set([...nc.permitted.unsupported, ...nc.excluded.unsupported])];
  if (!forms.length) return null;
  return `constrains ${quoteList(forms, SUBTREES_LISTED)} names, a form Windows does not support (CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT, whatever names the certificates below it have): treated as a violation`;
}
