import { type Asn1Node, type BerContext, TagClass, children, content, explicit, readWhole, sequence } from '../asn1/ber.js';
import { Oid } from '../asn1/oids.js';
import { ipv6Bytes, isIpAddress } from '../names/hostname.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { decodeName } from '../x509/distinguishedName.js';
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
}

const ctx: BerContext = { maxDepth: 32, what: 'name constraints' };
const empty = (): Subtrees => ({ dns: [], ip: [], dn: [] });

function rdnKeys(node: Asn1Node): string[] {
  return decodeName(node, 'name', ctx).map((rdn) => rdn.map((a) => `${a.type}=${a.value.toLowerCase().trim().replace(/\s+/g, ' ')}`).sort().join('+'));
}

/** Parses the nameConstraints extension of a CA; null when it has none. Throws on a malformed one. */
export function nameConstraintsOf(ca: CertificateInfo): NameConstraints | null {
  const ext = certificateInternals(ca).extensionValues.get(Oid.nameConstraints);
  if (!ext) return null;
  const out: NameConstraints = { permitted: empty(), excluded: empty() };
  for (const part of sequence(readWhole(ext.value, ctx), 'NameConstraints', ctx)) {
    if (part.cls !== TagClass.Context || (part.tag !== 0 && part.tag !== 1)) continue;
    const target = part.tag === 0 ? out.permitted : out.excluded;
    for (const subtree of children(part, ctx)) {
      const base = children(subtree, ctx)[0];
      if (!base || base.cls !== TagClass.Context) continue;
      if (base.tag === 2) target.dns.push(Buffer.from(content(base)).toString('latin1').toLowerCase());
      else if (base.tag === 7) {
        const bytes = content(base);
        const half = bytes.length / 2;
        if (bytes.length === 8 || bytes.length === 32) target.ip.push({ address: bytes.subarray(0, half), mask: bytes.subarray(half) });
        else throw new Error(`an iPAddress constraint of ${bytes.length} bytes`);
      } else if (base.tag === 4) target.dn.push(rdnKeys(explicit(base, 'directoryName', ctx)));
    }
  }
  return out;
}

/** RFC 5280: "example.com" covers itself and every name under it; ".example.com" only names under it. */
function dnsWithin(name: string, constraint: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (constraint === '') return true;
  if (constraint.startsWith('.')) return n.endsWith(constraint);
  return n === constraint || n.endsWith(`.${constraint}`);
}

function ipBytes(text: string): Uint8Array | null {
  if (!isIpAddress(text)) return null;
  return text.includes(':') ? ipv6Bytes(text) : Uint8Array.from(text.split('.').map(Number));
}

function ipWithin(address: Uint8Array, c: { address: Uint8Array; mask: Uint8Array }): boolean {
  if (address.length !== c.address.length) return false;
  return address.every((b, i) => (b & c.mask[i]!) === (c.address[i]! & c.mask[i]!));
}

function dnWithin(subject: string[], base: string[]): boolean {
  return base.length <= subject.length && base.every((rdn, i) => subject[i] === rdn);
}

/**
 * The names of `cert` that break the constraints, as messages (empty when it complies). The
 * subject DN is checked unless `skipSubject` (self-issued intermediates, RFC 5280 §6.1.3 (b)).
 * Without a SAN, a host-like subject CN is checked as a DNS name: Windows matches it.
 */
export function violations(cert: CertificateInfo, nc: NameConstraints, skipSubject: boolean): string[] {
  const out: string[] = [];
  const dnsNames = cert.dnsNames ?? cert.commonNames.filter((cn) => /^[a-z0-9*_-]+(\.[a-z0-9_-]+)+\.?$/i.test(cn));
  for (const name of dnsNames) {
    if (nc.permitted.dns.length && !nc.permitted.dns.some((c) => dnsWithin(name, c))) out.push(`DNS name "${name}" is outside the permitted subtrees (${nc.permitted.dns.join(', ')})`);
    const excluded = nc.excluded.dns.find((c) => dnsWithin(name, c) || (name.startsWith('*.') && dnsWithin(`x${name.slice(1)}`, c)));
    if (excluded !== undefined) out.push(`DNS name "${name}" is in the excluded subtree "${excluded}"`);
  }
  for (const ip of cert.ipAddresses) {
    const bytes = ipBytes(ip);
    if (!bytes) continue;
    if (nc.permitted.ip.some((c) => c.address.length === bytes.length) && !nc.permitted.ip.some((c) => ipWithin(bytes, c))) out.push(`IP address ${ip} is outside the permitted subtrees`);
    if (nc.excluded.ip.some((c) => ipWithin(bytes, c))) out.push(`IP address ${ip} is in an excluded subtree`);
  }
  if (!skipSubject && (nc.permitted.dn.length || nc.excluded.dn.length)) {
    const subject = rdnKeys(readWhole(certificateInternals(cert).subjectDer, ctx));
    if (subject.length > 0) {
      if (nc.permitted.dn.length && !nc.permitted.dn.some((b) => dnWithin(subject, b))) out.push(`subject "${cert.subject}" is outside the permitted directory subtrees`);
      if (nc.excluded.dn.some((b) => dnWithin(subject, b))) out.push(`subject "${cert.subject}" is in an excluded directory subtree`);
    }
  }
  return out;
}
