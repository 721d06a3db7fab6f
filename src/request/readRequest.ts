import { port } from '#port';
import type { ElementBudget } from '../asn1/ber.js';
import { Eku, KEY_USAGE_BITS, Oid } from '../asn1/oids.js';
import { SupCertError } from '../errors.js';
import { type ReadLimits, DEFAULT_LIMITS, checkLimit } from '../limits.js';
import { isIpAddress } from '../names/hostname.js';
import { parsePem } from '../read/pem.js';
import { toHex, utf16Decode, utf8Decode, utf8Encode } from '../util/bytes.js';
import { quoteValue } from '../util/quote.js';
import type { AltName, CertificateInfo } from '../x509/CertificateInfo.js';
import { parseInf, type InfFile, infValue } from './certreqInf.js';
import { readCsr } from './readCsr.js';
import {
  type RequestFacts,
  type RequestedCertificate,
  blankCertificate,
} from './RequestedCertificate.js';

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
  CERT_DIGITAL_SIGNATURE_KEY_USAGE: 0x80,
  CERT_NON_REPUDIATION_KEY_USAGE: 0x40,
  CERT_KEY_ENCIPHERMENT_KEY_USAGE: 0x20,
  CERT_DATA_ENCIPHERMENT_KEY_USAGE: 0x10,
  CERT_KEY_AGREEMENT_KEY_USAGE: 0x08,
  CERT_KEY_CERT_SIGN_KEY_USAGE: 0x04,
  CERT_CRL_SIGN_KEY_USAGE: 0x02,
  CERT_ENCIPHER_ONLY_KEY_USAGE: 0x01,
};
/**
 * Longest certreq INF or web-enrollment attribute text read, in characters (UTF-16 code units):
 * 1 MiB. Real ones are under 64 KiB (a few [Sections] and host names); without this bound a 30 MB
 * INF of 1.3 million `OID=` or `_continue_` lines took 3–5 s and 0.5 GB. A fixed bound (not a
 * `limits` option): PKCS#10 CSRs are not affected (they are bounded by limits.maxInputBytes and
 * limits.maxElements).
 */
export const MAX_REQUEST_TEXT = 1024 * 1024;

/** What a multiline `^` starts after (ECMA-262 LineTerminator). */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;

/**
 * Reads a certificate request in any of the forms an administrator writes one: a PKCS#10 CSR
 * (PEM or DER), a certreq INF (UTF-8, or UTF-16 LE with BOM as Notepad saves it), or a CA
 * web-enrollment attribute string ("CertificateTemplate:WebServer" / "san:dns=a&dns=b").
 */
export function readRequest(
  input: Uint8Array | string,
  limits: ReadLimits = DEFAULT_LIMITS,
  budget?: ElementBudget,
): RequestedCertificate {
  if (typeof input !== 'string' && !(input instanceof Uint8Array))
    throw new SupCertError(
      'INVALID_OPTION',
      "validateSupRequest expects the request file's contents (bytes or text).",
    );
  checkLimit(
    limits,
    'maxInputBytes',
    typeof input === 'string' ? input.length : input.byteLength,
    'input size in bytes',
  );
  if (typeof input !== 'string' && input[0] === 0x30) return readCsr(input, limits, budget);
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decode(input);
  if (text.trim() === '')
    throw new SupCertError(
      'EMPTY_INPUT',
      'The request is empty. Give a CSR, a certreq INF or a web-enrollment attribute string.',
    );
  if (text.includes('-----BEGIN ')) {
    const block = parsePem(text).find((b) => /CERTIFICATE REQUEST/.test(b.label));
    if (!block)
      throw new SupCertError(
        'UNKNOWN_FORMAT',
        'The PEM text holds no "CERTIFICATE REQUEST" block. For an issued certificate use validateSupCertificate (CLI: supcert check).',
      );
    return readCsr(block.bytes, limits, budget);
  }
  if (text.length > MAX_REQUEST_TEXT) {
    throw new SupCertError(
      'LIMIT_EXCEEDED',
      `The request text is ${text.length.toLocaleString('en-US')} characters long; a certreq INF or web-enrollment attribute text is read only up to ${MAX_REQUEST_TEXT.toLocaleString('en-US')} characters (1 MiB; real ones are under 64 KiB). This is a fixed bound of supcert: shorten the file (one line per extension, no repeated entries).`,
    );
  }
  // One pass over the lines, each tested with an anchored pattern: a multiline /^\s*…/m pattern
  // retries from every line start and is quadratic in the number of blank lines.
  const lines = text.split(LINE_BREAK).map((l) => l.trimStart());
  if (lines.some((l) => /^\[(newrequest|version|extensions|requestattributes)\]/i.test(l)))
    return fromInf(parseInf(text), input, limits);
  // Attributes: a "san:" or "CertificateTemplate:" line, or a line that is a bare SAN text
  // ("dns=a&dns=b", "upn=…&dns=…"). A "dns=" elsewhere (a note or README next to the requests
  // that mentions the syntax) does not make a text a request.
  if (
    lines.some((l) =>
      /^(?:san|certificatetemplate)\s*:|^(?:dns|ipaddress|email|url|upn|dn)\s*=/i.test(l),
    )
  )
    return fromAttributes(text, input, limits);
  throw new SupCertError(
    'UNKNOWN_FORMAT',
    'Not a certificate request: no PEM "CERTIFICATE REQUEST", no certreq INF section ([NewRequest]), no "san:dns=..." attributes.',
  );
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16Decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return utf8Decode(bytes.subarray(3));
  return utf8Decode(bytes);
}

function blank(input: Uint8Array | string): CertificateInfo {
  const bytes = typeof input === 'string' ? utf8Encode(input) : input;
  return blankCertificate(bytes, toHex(port.digest('sha256', bytes)));
}

/** An otherName's type-id written as the name's type in the {text} form ("1.2.3.4.6.1={utf8}String"). */
const OID_KIND = /^\d+(?:\.\d+)+$/;

/**
 * "dns=a&dns=b&ipaddress=10.0.0.5" (the {text} form of a SAN) → typed names, plus notes. The types
 * are the certreq reference's (S10): DNS, IPAddress, EMail, URL, UPN, DirectoryName (DN is read
 * too), RegisteredId and an OID (an otherName), in any case; spaces and tabs around each name, its "="
 * and the "&" between names are not part of it.
 */
export function parseSanText(text: string, notes: string[]): AltName[] {
  const names: AltName[] = [];
  for (const raw of text.split('&')) {
    const token = raw.trim();
    if (token === '') continue;
    const m = typedName(token);
    if (!m) {
      notes.push(
        `"${quoteValue(token)}" in the SAN has no type (dns=, ipaddress=, ...): each name needs its own prefix, as in dns=a&dns=b; certreq refuses or drops it`,
      );
      continue;
    }
    const { kind, value } = m;
    switch (kind.toLowerCase()) {
      case 'dns':
        names.push({ type: 'dns', value });
        break;
      case 'ipaddress':
        names.push({ type: 'ip', value });
        break;
      case 'email':
        names.push({ type: 'email', value });
        break;
      case 'url':
        names.push({ type: 'uri', value });
        break;
      case 'upn':
        names.push({ type: 'otherName', value, typeId: '1.3.6.1.4.1.311.20.2.3' });
        break;
      case 'dn':
      case 'directoryname':
        names.push({ type: 'directoryName', value });
        break;
      case 'registeredid':
        names.push({ type: 'registeredId', value });
        break;
      default:
        // "1.2.3.4.6.1={utf8}String": an otherName of that type-id ({octet}, {asn} and {hex}
        // values are kept as written).
        if (OID_KIND.test(kind))
          names.push({ type: 'otherName', value: value.replace(/^\{utf8\}/i, ''), typeId: kind });
        else notes.push(`SAN entry type "${quoteValue(kind, 40)}=" is not one certreq knows`);
    }
  }
  return names;
}

/**
 * "dns = value" → { kind: 'dns', value } (what /^([a-z]+)\s*=\s*(.*)$/i matched), by a linear
 * scan: that pattern's \s* and .* trade spaces and backtrack quadratically on a long run of them.
 */
function typedName(token: string): { kind: string; value: string } | null {
  const eq = token.indexOf('=');
  if (eq < 1) return null;
  const kind = token.slice(0, eq).trimEnd();
  if (!/^[a-z]+$/i.test(kind) && !OID_KIND.test(kind)) return null;
  const value = token.slice(eq + 1).trimStart();
  if (/[\n\r\u2028\u2029]/.test(value)) return null; // "." stops at a line terminator
  return { kind, value };
}

/**
 * Adds SAN entries to the request's certificate in place: linear in the entries added (a file with
 * 30,000 "san:" lines once copied the whole list per line). At most `limits.maxAltNames` in all,
 * as for a certificate.
 * @throws SupCertError LIMIT_EXCEEDED (limits.maxAltNames)
 */
function applySan(
  cert: CertificateInfo,
  names: AltName[],
  critical: boolean,
  limits: ReadLimits,
): void {
  checkLimit(
    limits,
    'maxAltNames',
    cert.altNames.length + names.length,
    'subjectAltName entries in the request',
  );
  const dnsNames = (cert.dnsNames ??= []);
  for (const n of names) {
    cert.altNames.push(n);
    if (n.type === 'dns') dnsNames.push(n.value);
    else if (n.type === 'ip' && isIpAddress(n.value)) cert.ipAddresses.push(n.value);
  }
  if (!cert.extensions.some((e) => e.oid === Oid.subjectAltName))
    cert.extensions.push({ oid: Oid.subjectAltName, critical });
}

/** "CN=sup01.corp.contoso.com, O=Contoso" (X.500 text as certreq takes it). */
function applySubject(cert: CertificateInfo, subject: string): void {
  const parts = subject.match(/(?:[^,"\\]|\\.|"[^"]*")+/g) ?? [];
  const rdns = parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return [
        p.slice(0, eq).trim().toUpperCase(),
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      ] as const;
    });
  cert.subject = rdns.map(([k, v]) => `${k}=${v}`).join(',');
  cert.commonNames = rdns.filter(([k]) => k === 'CN').map(([, v]) => v);
}

function applyTemplate(
  cert: CertificateInfo,
  facts: RequestFacts,
  template: string | undefined,
): void {
  if (!template) return;
  facts.template = template;
  cert.template = { name: template };
  const ekus = TEMPLATE_EKUS[template.replace(/\s+/g, '').toLowerCase()];
  if (!cert.extendedKeyUsages && ekus) {
    cert.extendedKeyUsages = [...ekus];
    facts.ekuSource = 'template';
  }
}

function fromInf(
  inf: InfFile,
  input: Uint8Array | string,
  limits: ReadLimits,
): RequestedCertificate {
  const cert = blank(input);
  const facts: RequestFacts = { kind: 'inf', ekuSource: 'unknown', notes: [...inf.notes] };
  const v = (key: string): string | undefined => infValue(inf, 'NewRequest', key);
  const subject = v('Subject');
  if (subject) applySubject(cert, subject);
  // Key: RSA unless KeyAlgorithm says otherwise; certreq's default length is 2048.
  const keyAlgorithm = v('KeyAlgorithm')?.trim();
  if (keyAlgorithm) facts.keyAlgorithm = keyAlgorithm;
  const algorithm = (keyAlgorithm ?? 'RSA').toUpperCase();
  const ec = /^ECD(SA|H)_P(256|384|521)$/.exec(algorithm);
  if (ec) cert.publicKey = { algorithm: 'ec', curve: `P-${ec[2]}`, bits: Number(ec[2]) };
  else if (algorithm === 'RSA') {
    const length = v('KeyLength');
    cert.publicKey = { algorithm: 'rsa', bits: length ? Number(length) : 2048 };
    if (!length)
      facts.notes.push(
        'KeyLength is not set: certreq then uses its default (2048 bits on current Windows)',
      );
  } else cert.publicKey = { algorithm: algorithm.toLowerCase() };
  const provider = v('ProviderName');
  if (provider) facts.providerName = provider;
  const machine = v('MachineKeySet');
  facts.machineKeySet = machine !== undefined && /^(true|1|yes)$/i.test(machine);
  const exportable = v('Exportable');
  if (exportable !== undefined) facts.exportable = /^(true|1|yes)$/i.test(exportable);
  const requestType = v('RequestType');
  if (requestType !== undefined) facts.requestType = requestType.trim();
  const keyUsage = v('KeyUsage');
  if (keyUsage) {
    const bits = /^(0x[0-9a-f]+|\d+)$/i.test(keyUsage.trim())
      ? Number(keyUsage.trim())
      : keyUsage
          .split('|')
          .reduce((n, flag) => n | (KEY_USAGE_FLAGS[flag.trim().toUpperCase()] ?? 0), 0);
    // The flags are the first byte of the KeyUsage bit string (bit 0 = 0x80; decipherOnly, bit 8,
    // has no flag here).
    cert.keyUsage = KEY_USAGE_BITS.slice(0, 8).filter((_, i) => (bits & (0x80 >> i)) !== 0);
  }
  // EKU: [EnhancedKeyUsageExtension] OID=... lines, or [Extensions] 2.5.29.37 = "{text}oid,oid".
  const ekuLines = (inf.sections.get('enhancedkeyusageextension') ?? [])
    .filter((e) => e.key.toLowerCase() === 'oid')
    .map((e) => e.value.trim());
  const extensions = inf.sections.get('extensions') ?? [];
  const critical = new Set(
    extensions
      .filter((e) => e.key.toLowerCase() === 'critical')
      .flatMap((e) => e.value.split(',').map((o) => o.trim())),
  );
  for (const ext of extensions) {
    const body = ext.value.replace(/^\{critical\}/i, () => {
      critical.add(ext.key);
      return '';
    });
    const textual = /^\{text\}/i.test(body) ? body.replace(/^\{text\}/i, '') : null;
    if (ext.key === Oid.subjectAltName && textual !== null)
      applySan(cert, parseSanText(textual, facts.notes), critical.has(Oid.subjectAltName), limits);
    else if (ext.key === Oid.extKeyUsage && textual !== null) {
      // One push per OID (a spread of 200,000 OIDs once overflowed the stack).
      for (const o of textual.split(',')) if (o.trim()) ekuLines.push(o.trim());
    } else if (ext.key === Oid.basicConstraints && textual !== null) {
      cert.hasBasicConstraints = true;
      cert.isCA = /ca\s*=\s*(1|true)/i.test(textual);
    } else if (ext.key.toLowerCase() !== 'critical' && !/^\d+(\.\d+)+$/.test(ext.key))
      facts.notes.push(
        ext.key.includes('%')
          ? `extension ${quoteValue(ext.key, 80)} still holds a %name% after [Strings] is applied once (an entry the file does not have, or one whose value is another %name%), so it is not an OID and supcert ignores it (certreq cannot add it either). Give the entry in [Strings] with the OID as its value, or write the OID`
          : `extension ${quoteValue(ext.key, 80)} is not an OID, so supcert ignores it (certreq cannot add it either). Write the extension's OID (2.5.29.17 for the SAN, 2.5.29.37 for the EKU)`,
      );
    else if (ext.key.toLowerCase() !== 'critical' && /^\s+\{(?:text|critical)\}/i.test(ext.value))
      facts.notes.push(
        `extension ${quoteValue(ext.key, 80)} has a space before {text} inside its quotes, so supcert does not read it as the {text} form (the certreq reference always writes {text} first, right after the opening quote): remove the space`,
      );
    else if (ext.key.toLowerCase() !== 'critical' && textual === null)
      facts.notes.push(
        `extension ${quoteValue(ext.key, 80)} is given in a form other than {text}; supcert does not decode it`,
      );
  }
  if (ekuLines.length) {
    cert.extendedKeyUsages = ekuLines;
    facts.ekuSource = 'extension';
    cert.extensions.push({ oid: Oid.extKeyUsage, critical: critical.has(Oid.extKeyUsage) });
  }
  // [RequestAttributes]: the template, and the older SAN attribute (needs EDITF_ATTRIBUTESUBJECTALTNAME2 on the CA).
  const san = infValue(inf, 'RequestAttributes', 'SAN');
  if (san) {
    applySan(cert, parseSanText(san, facts.notes), false, limits);
    facts.notes.push(
      'the SAN is requested as an attribute (SAN = "dns=..."): the CA honours it only with EDITF_ATTRIBUTESUBJECTALTNAME2 set; the [Extensions] 2.5.29.17 form always works',
    );
  }
  applyTemplate(cert, facts, infValue(inf, 'RequestAttributes', 'CertificateTemplate'));
  capNotes(facts);
  return { certificate: cert, request: facts };
}

/** Notes kept word for word; more are counted in one last note (a file of 30,000 bad lines makes one). */
const MAX_NOTES = 50;

function capNotes(facts: RequestFacts): void {
  if (facts.notes.length <= MAX_NOTES) return;
  const more = facts.notes.length - (MAX_NOTES - 1);
  facts.notes.length = MAX_NOTES - 1;
  facts.notes.push(`… and ${more.toLocaleString('en-US')} more notes like these`);
}

function fromAttributes(
  text: string,
  input: Uint8Array | string,
  limits: ReadLimits,
): RequestedCertificate {
  const cert = blank(input);
  const facts: RequestFacts = {
    kind: 'attributes',
    ekuSource: 'unknown',
    notes: [
      'an attribute string names no key: the key rules wait for the request it is attached to',
    ],
  };
  let template: string | undefined;
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : 'san';
    const value = colon > 0 ? line.slice(colon + 1).trim() : line;
    if (name === 'san') applySan(cert, parseSanText(value, facts.notes), false, limits);
    else if (name === 'certificatetemplate') template = value;
    else
      facts.notes.push(
        `attribute "${quoteValue(line.slice(0, colon), 80)}" is not one supcert reads`,
      );
  }
  applyTemplate(cert, facts, template);
  capNotes(facts);
  return { certificate: cert, request: facts };
}
