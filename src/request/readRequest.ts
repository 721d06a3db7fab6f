import { hash } from 'node:crypto';
import { Eku, Oid } from '../asn1/oids.js';
import { SupCertError } from '../errors.js';
import { type ReadLimits, DEFAULT_LIMITS, checkLimit } from '../limits.js';
import { isIpAddress } from '../names/hostname.js';
import { parsePem } from '../read/pem.js';
import { asBuffer } from '../util/bytes.js';
import type { AltName, CertificateInfo } from '../x509/CertificateInfo.js';
import { parseInf, type InfFile, infValue } from './certreqInf.js';
import { readCsr } from './readCsr.js';
import { type RequestFacts, type RequestedCertificate, blankCertificate } from './RequestedCertificate.js';

/** EKUs the common AD CS templates put in the certificate (the CA applies them, not the request). */
export const TEMPLATE_EKUS: Readonly<Record<string, readonly string[]>> = {
  webserver: [Eku.serverAuth],
  machine: [Eku.clientAuth, Eku.serverAuth], // "Computer"
  computer: [Eku.clientAuth, Eku.serverAuth],
  workstation: [Eku.clientAuth], // "Workstation Authentication"
  workstationauthentication: [Eku.clientAuth],
  user: [Eku.clientAuth, Eku.emailProtection, '1.3.6.1.4.1.311.10.3.4'],
  domaincontroller: [Eku.clientAuth, Eku.serverAuth],
};

const KEY_USAGE_FLAGS: Record<string, number> = {
  CERT_DIGITAL_SIGNATURE_KEY_USAGE: 0x80, CERT_NON_REPUDIATION_KEY_USAGE: 0x40, CERT_KEY_ENCIPHERMENT_KEY_USAGE: 0x20,
  CERT_DATA_ENCIPHERMENT_KEY_USAGE: 0x10, CERT_KEY_AGREEMENT_KEY_USAGE: 0x08, CERT_KEY_CERT_SIGN_KEY_USAGE: 0x04,
  CERT_CRL_SIGN_KEY_USAGE: 0x02, CERT_ENCIPHER_ONLY_KEY_USAGE: 0x01,
};
const KEY_USAGE_NAMES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly'];

/**
 * Reads a certificate request in any of the forms an administrator writes one: a PKCS#10 CSR
 * (PEM or DER), a certreq INF (UTF-8, or UTF-16 LE with BOM as Notepad saves it), or a CA
 * web-enrollment attribute string ("CertificateTemplate:WebServer" / "san:dns=a&dns=b").
 */
export function readRequest(input: Uint8Array | string, limits: ReadLimits = DEFAULT_LIMITS): RequestedCertificate {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) throw new SupCertError('INVALID_OPTION', 'validateSupRequest expects the request file\'s contents (bytes or text).');
  checkLimit(limits, 'maxInputBytes', typeof input === 'string' ? input.length : input.byteLength, 'input size in bytes');
  if (typeof input !== 'string' && input[0] === 0x30) return readCsr(input, limits);
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decode(input);
  if (text.trim() === '') throw new SupCertError('EMPTY_INPUT', 'The request is empty. Give a CSR, a certreq INF or a web-enrollment attribute string.');
  if (text.includes('-----BEGIN ')) {
    const block = parsePem(text).find((b) => /CERTIFICATE REQUEST/.test(b.label));
    if (!block) throw new SupCertError('UNKNOWN_FORMAT', 'The PEM text holds no "CERTIFICATE REQUEST" block. For an issued certificate use validateSupCertificate (CLI: supcert check).');
    return readCsr(block.bytes, limits);
  }
  if (/^\s*\[(newrequest|version|extensions|requestattributes)\]/im.test(text)) return fromInf(parseInf(text), input);
  if (/^\s*(san|certificatetemplate)\s*:/im.test(text) || /dns\s*=/i.test(text)) return fromAttributes(text, input);
  throw new SupCertError('UNKNOWN_FORMAT', 'Not a certificate request: no PEM "CERTIFICATE REQUEST", no certreq INF section ([NewRequest]), no "san:dns=..." attributes.');
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return asBuffer(bytes.subarray(2)).toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return asBuffer(bytes.subarray(3)).toString('utf8');
  return asBuffer(bytes).toString('utf8');
}

function blank(input: Uint8Array | string): CertificateInfo {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  return blankCertificate(bytes, hash('sha256', bytes, 'hex'));
}

/** "dns=a&dns=b&ipaddress=10.0.0.5" (the {text} form of a SAN) → typed names, plus notes. */
export function parseSanText(text: string, notes: string[]): AltName[] {
  const names: AltName[] = [];
  for (const raw of text.split('&')) {
    const token = raw.trim();
    if (token === '') continue;
    const m = /^([a-z]+)\s*=\s*(.*)$/i.exec(token);
    if (!m) {
      notes.push(`"${token}" in the SAN has no type (dns=, ipaddress=, ...): each name needs its own prefix, as in dns=a&dns=b; certreq refuses or drops it`);
      continue;
    }
    const [, kind, value] = m as unknown as [string, string, string];
    switch (kind.toLowerCase()) {
      case 'dns': names.push({ type: 'dns', value }); break;
      case 'ipaddress': names.push({ type: 'ip', value }); break;
      case 'email': names.push({ type: 'email', value }); break;
      case 'url': names.push({ type: 'uri', value }); break;
      case 'upn': names.push({ type: 'otherName', value, typeId: '1.3.6.1.4.1.311.20.2.3' }); break;
      case 'dn': names.push({ type: 'directoryName', value }); break;
      default: notes.push(`SAN entry type "${kind}=" is not one certreq knows`);
    }
  }
  return names;
}

function applySan(cert: CertificateInfo, names: AltName[], critical: boolean): void {
  cert.altNames = [...cert.altNames, ...names];
  cert.dnsNames = [...(cert.dnsNames ?? []), ...names.filter((n) => n.type === 'dns').map((n) => n.value)];
  cert.ipAddresses = [...cert.ipAddresses, ...names.filter((n) => n.type === 'ip' && isIpAddress(n.value)).map((n) => n.value)];
  if (!cert.extensions.some((e) => e.oid === Oid.subjectAltName)) cert.extensions.push({ oid: Oid.subjectAltName, critical });
}

/** "CN=sup01.corp.contoso.com, O=Contoso" (X.500 text as certreq takes it). */
function applySubject(cert: CertificateInfo, subject: string): void {
  const parts = subject.match(/(?:[^,"\\]|\\.|"[^"]*")+/g) ?? [];
  const rdns = parts.map((p) => p.trim()).filter(Boolean).map((p) => {
    const eq = p.indexOf('=');
    return [p.slice(0, eq).trim().toUpperCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1')] as const;
  });
  cert.subject = rdns.map(([k, v]) => `${k}=${v}`).join(',');
  cert.commonNames = rdns.filter(([k]) => k === 'CN').map(([, v]) => v);
}

function applyTemplate(cert: CertificateInfo, facts: RequestFacts, template: string | undefined): void {
  if (!template) return;
  facts.template = template;
  cert.template = { name: template };
  const ekus = TEMPLATE_EKUS[template.replace(/\s+/g, '').toLowerCase()];
  if (!cert.extendedKeyUsages && ekus) {
    cert.extendedKeyUsages = [...ekus];
    facts.ekuSource = 'template';
  }
}

function fromInf(inf: InfFile, input: Uint8Array | string): RequestedCertificate {
  const cert = blank(input);
  const facts: RequestFacts = { kind: 'inf', ekuSource: 'unknown', notes: [...inf.notes] };
  const v = (key: string): string | undefined => infValue(inf, 'NewRequest', key);
  const subject = v('Subject');
  if (subject) applySubject(cert, subject);
  // Key: RSA unless KeyAlgorithm says otherwise; certreq's default length is 2048.
  const algorithm = (v('KeyAlgorithm') ?? 'RSA').toUpperCase();
  const ec = /^ECD(SA|H)_P(256|384|521)$/.exec(algorithm);
  if (ec) cert.publicKey = { algorithm: 'ec', curve: `P-${ec[2]}`, bits: Number(ec[2]) };
  else if (algorithm === 'RSA') {
    const length = v('KeyLength');
    cert.publicKey = { algorithm: 'rsa', bits: length ? Number(length) : 2048 };
    if (!length) facts.notes.push('KeyLength is not set: certreq then uses its default (2048 bits on current Windows)');
  } else cert.publicKey = { algorithm: algorithm.toLowerCase() };
  const provider = v('ProviderName');
  if (provider) facts.providerName = provider;
  const machine = v('MachineKeySet');
  facts.machineKeySet = machine !== undefined && /^(true|1|yes)$/i.test(machine);
  const exportable = v('Exportable');
  if (exportable !== undefined) facts.exportable = /^(true|1|yes)$/i.test(exportable);
  const keyUsage = v('KeyUsage');
  if (keyUsage) {
    const bits = /^(0x[0-9a-f]+|\d+)$/i.test(keyUsage.trim()) ? Number(keyUsage.trim()) : keyUsage.split('|').reduce((n, flag) => n | (KEY_USAGE_FLAGS[flag.trim().toUpperCase()] ?? 0), 0);
    cert.keyUsage = KEY_USAGE_NAMES.filter((_, i) => (bits & (0x80 >> i)) !== 0);
  }
  // EKU: [EnhancedKeyUsageExtension] OID=... lines, or [Extensions] 2.5.29.37 = "{text}oid,oid".
  const ekuLines = (inf.sections.get('enhancedkeyusageextension') ?? []).filter((e) => e.key.toLowerCase() === 'oid').map((e) => e.value.trim());
  const extensions = inf.sections.get('extensions') ?? [];
  const critical = new Set(extensions.filter((e) => e.key.toLowerCase() === 'critical').flatMap((e) => e.value.split(',').map((o) => o.trim())));
  for (const ext of extensions) {
    const body = ext.value.replace(/^\{critical\}/i, () => { critical.add(ext.key); return ''; });
    const textual = /^\{text\}/i.test(body) ? body.replace(/^\{text\}/i, '') : null;
    if (ext.key === Oid.subjectAltName && textual !== null) applySan(cert, parseSanText(textual, facts.notes), critical.has(Oid.subjectAltName));
    else if (ext.key === Oid.extKeyUsage && textual !== null) ekuLines.push(...textual.split(',').map((o) => o.trim()).filter(Boolean));
    else if (ext.key === Oid.basicConstraints && textual !== null) {
      cert.hasBasicConstraints = true;
      cert.isCA = /ca\s*=\s*(1|true)/i.test(textual);
    } else if (ext.key.toLowerCase() !== 'critical' && textual === null) facts.notes.push(`extension ${ext.key} is given in a form other than {text}; supcert does not decode it`);
  }
  if (ekuLines.length) {
    cert.extendedKeyUsages = ekuLines;
    facts.ekuSource = 'extension';
    cert.extensions.push({ oid: Oid.extKeyUsage, critical: critical.has(Oid.extKeyUsage) });
  }
  // [RequestAttributes]: the template, and the older SAN attribute (needs EDITF_ATTRIBUTESUBJECTALTNAME2 on the CA).
  const san = infValue(inf, 'RequestAttributes', 'SAN');
  if (san) {
    applySan(cert, parseSanText(san, facts.notes), false);
    facts.notes.push('the SAN is requested as an attribute (SAN = "dns=..."): the CA honours it only with EDITF_ATTRIBUTESUBJECTALTNAME2 set; the [Extensions] 2.5.29.17 form always works');
  }
  applyTemplate(cert, facts, infValue(inf, 'RequestAttributes', 'CertificateTemplate'));
  return { certificate: cert, request: facts };
}

function fromAttributes(text: string, input: Uint8Array | string): RequestedCertificate {
  const cert = blank(input);
  const facts: RequestFacts = { kind: 'attributes', ekuSource: 'unknown', notes: ['an attribute string names no key: the key rules wait for the request it is attached to'] };
  let template: string | undefined;
  for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : 'san';
    const value = colon > 0 ? line.slice(colon + 1).trim() : line;
    if (name === 'san') applySan(cert, parseSanText(value, facts.notes), false);
    else if (name === 'certificatetemplate') template = value;
    else facts.notes.push(`attribute "${line.slice(0, colon)}" is not one supcert reads`);
  }
  applyTemplate(cert, facts, template);
  return { certificate: cert, request: facts };
}
