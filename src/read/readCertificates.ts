import { optionsArgument } from '../x509/arguments.js';
import { type BerContext, Tag, TagClass, children, readNode } from '../asn1/ber.js';
import { SupCertError, malformed } from '../errors.js';
import { type ReadLimits, WorkBudget, checkLimit } from '../limits.js';
import { oneOf } from '../util/oneOf.js';
import { indexOfBytes, latin1Encode, utf16Decode, utf8Decode } from '../util/bytes.js';
import { quoteList, quoteValue } from '../util/quote.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { parseCertificate } from '../x509/parseCertificate.js';
import type {
  BundleFormat,
  CertificateBundle,
  PfxProtection,
  TrailingData,
} from './CertificateBundle.js';
import { type PemBlock, decodeBase64Strict, parsePem } from './pem.js';
import { readPkcs7 } from './pkcs7.js';
import { readPkcs12 } from './pkcs12/readPkcs12.js';
import {
  type KeyInfo,
  type LoadedKey,
  loadPrivateKey,
  matchKeysToCertificates,
} from './privateKey.js';
import { loadEncryptedPemKey } from './pemKey.js';
import { ownOptions } from '../util/ownOptions.js';
import { item } from '../util/item.js';

/** Options of {@link readCertificates}. */
export interface ReadOptions {
  /** PKCS#12 (and encrypted PEM key) password; '' and undefined both mean "no password". */
  password?: string;
  /** Default 'auto': sniffed from the content, never from a file name. */
  format?: 'auto' | BundleFormat;
  /** Safety limits; see {@link ReadLimits}. Ignored when `budget` is given (its limits apply). */
  limits?: Partial<ReadLimits>;
  /** Extension: the work budget of the enclosing call, shared with its other steps (a chain search). Default: a new one from `limits`. */
  budget?: WorkBudget;
}

const FORMATS = ['auto', 'pem', 'der', 'base64', 'p7b', 'pfx'] as const;

type DerKind =
  'certificate' | 'pkcs7' | 'pkcs12' | 'csr' | 'crl' | 'private-key' | 'public-key' | 'unknown';

/** A certificate, key or note collected while reading, before keys are matched. */
interface Collected {
  certificates: Array<{ info: CertificateInfo; localKeyId?: string }>;
  keys: Array<
    LoadedKey & {
      localKeyId?: string;
      friendlyName?: string;
      providerName?: string;
      source: KeyInfo['source'];
    }
  >;
  notes: string[];
  trailing: TrailingData[];
  protection?: string[];
  pfx?: PfxProtection;
}

/**
 * Reads every certificate and private key of a certificate file: PEM (bundles, text around
 * blocks), DER, bare base64, PKCS#7 (.p7b, DER/BER/PEM) and PKCS#12 (.pfx/.p12, every
 * encryption Windows, OpenSSL and NSS write). Rejects with SupCertError on bad input.
 *
 * Work is bounded per call by `options.budget` (or a new {@link WorkBudget} from `limits`):
 * KDF iterations of the PKCS#12 MAC, of every encrypted part and shrouded key and of every
 * encrypted PEM key are summed against `maxTotalIterations` (`maxIterations` caps one
 * derivation); PEM blocks count against `maxPemBlocks`, private keys (PEM and PKCS#12) against
 * `maxKeys`. Private keys are checked for shape (EC scalar and point against the curve, EdDSA/XDH
 * lengths, DSA and RSA sizes) before node:crypto sees them, and matched to certificates by a map
 * of public-key identities.
 * Sources: RFC 7468 (PEM), RFC 5652 (PKCS#7 SignedData), RFC 7292 (PKCS#12), RFC 8018 (PBES2),
 * RFC 9579 (PBMAC1), RFC 5280 (the certificate).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { SupCertError, readCertificates } from 'supcert';
 *
 * try {
 *   const bundle = await readCertificates(readFileSync('sup01.pfx'), { password: 'Passw0rd!' });
 *   for (const cert of bundle.certificates)
 *     console.log(cert.subject, cert.dnsNames, cert.notAfter.toISOString());
 *   console.log(bundle.keys.map((k) => k.certificateIndex)); // which certificate each key belongs to
 * } catch (e) {
 *   if (e instanceof SupCertError && e.code === 'WRONG_PASSWORD') console.error(e.message);
 *   else throw e;
 * }
 * ```
 * @throws SupCertError EMPTY_INPUT, UNKNOWN_FORMAT, MALFORMED, PASSWORD_REQUIRED, WRONG_PASSWORD,
 *   UNSUPPORTED_ALGORITHM, LIMIT_EXCEEDED (the message names `limits.<option>`), INVALID_OPTION.
 */
export async function readCertificates(
  input: Uint8Array | string,
  options: ReadOptions = {},
): Promise<CertificateBundle> {
  // Own keys only, on an object without a prototype (src/util/ownOptions.ts).
  options = ownOptions(options);
  optionsArgument(options, 'readCertificates');
  const budget =
    options.budget instanceof WorkBudget ? options.budget : new WorkBudget(options.limits);
  const limits = budget.limits;
  const requested =
    oneOf(
      options.format,
      FORMATS,
      'format',
      (message) => new SupCertError('INVALID_OPTION', message),
    ) ?? 'auto';
  // A password is text (null, like undefined, is none); a number or an array is refused rather
  // than tried as some other password.
  if (options.password != null && typeof options.password !== 'string')
    throw new SupCertError(
      'INVALID_OPTION',
      `password must be a string; got ${Array.isArray(options.password) ? 'an array' : typeof options.password}.`,
    );
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new SupCertError(
      'INVALID_OPTION',
      'readCertificates expects the file contents (a Uint8Array/Buffer, or the text of a PEM/base64 file).',
    );
  }
  const size = typeof input === 'string' ? input.length : input.byteLength;
  checkLimit(limits, 'maxInputBytes', size, 'input size in bytes');

  const binary = typeof input === 'string' ? null : stripUtf8Bom(input);
  const c: Collected = { certificates: [], keys: [], notes: [], trailing: [] };
  let format: BundleFormat;
  let contains: CertificateBundle['contains'];
  if (binary && binary.length > 0 && binary[0] === 0x30) {
    contains = await readDer(
      binary,
      c,
      options.password,
      budget,
      requested === 'p7b' || requested === 'pfx' ? requested : undefined,
    );
    format = contains === 'pkcs7' ? 'p7b' : contains === 'pkcs12' ? 'pfx' : 'der';
  } else {
    const text = typeof input === 'string' ? input : decodeText(binary!);
    if (text.trim() === '')
      throw new SupCertError(
        'EMPTY_INPUT',
        'The input is empty. Give the contents of a .cer, .crt, .pem, .p7b or .pfx file.',
      );
    if (text.includes('-----BEGIN ')) {
      await readPemText(text, c, options.password, budget);
      format = 'pem';
      contains = 'pem-blocks';
    } else if (/^[A-Za-z0-9+/=\s]+$/.test(text)) {
      // Bare base64 of DER (a SEQUENCE) begins with "M". Other text of base64 letters that does
      // not decode ("Hello", an OpenSSL index.txt) is not a damaged certificate: say what it is.
      const der = /^\s*M/.test(text)
        ? decodeBase64Strict(text, 'base64 input')
        : decodeOrExplain(text);
      if (der[0] !== 0x30)
        throw new SupCertError(
          'UNKNOWN_FORMAT',
          `The base64 text does not decode to a certificate, PKCS#7 or PKCS#12 file. ${GIVE_CERTIFICATE}`,
        );
      contains = await readDer(der, c, options.password, budget);
      format = 'base64';
    } else {
      throw new SupCertError('UNKNOWN_FORMAT', unknownTextMessage(text));
    }
  }
  checkRequestedFormat(requested, format, contains);
  checkLimit(limits, 'maxCertificates', c.certificates.length, 'number of certificates');
  return assemble(format, contains, c);
}

function decodeOrExplain(text: string): Uint8Array {
  try {
    return decodeBase64Strict(text, 'base64 input');
  } catch (error) {
    if (!(error instanceof SupCertError)) throw error;
    throw malformed(
      `Not a certificate file: text that is not PEM ("-----BEGIN ...") and not the base64 of a certificate, PKCS#7 or PKCS#12 file (which begins with "M"). Its first line is "${quoteValue(text.trim().split(/\r?\n/)[0]!, 40)}". Give the .cer, .crt, .pem, .p7b or .pfx file itself.`,
    );
  }
}

function stripUtf8Bom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** Text files from Windows may be UTF-16 (PowerShell 5 `>` redirection writes UTF-16 LE with BOM). */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16Decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2);
    if (body.length % 2 !== 0)
      throw new SupCertError(
        'MALFORMED',
        'The text starts with a UTF-16 (big-endian) byte-order mark but has an odd number of bytes: it is cut short. Copy the file again.',
      );
    return utf16Decode(body, true);
  }
  if (bytes.length === 0) return '';
  // Control bytes other than whitespace mean binary data that is not DER, unless a PEM block is
  // in there (`openssl x509 -text` dumps print a NUL inside a name as a raw byte).
  if (hasControlByte(bytes, 4096) && indexOfBytes(bytes, PEM_BEGIN) < 0) {
    throw new SupCertError(
      'UNKNOWN_FORMAT',
      `This is binary data but not a DER certificate, PKCS#7 or PKCS#12 file. ${GIVE_CERTIFICATE}`,
    );
  }
  return utf8Decode(bytes);
}
const PEM_BEGIN = latin1Encode('-----BEGIN ');
/** The next step of every "this is not a certificate file" message. */
const GIVE_CERTIFICATE = 'Give the certificate as a .cer, .crt, .pem, .p7b, .pfx or .p12 file.';

/** Whether the first `limit` bytes hold a C0 control other than tab, LF, VT, FF and CR (a loop: TypedArray#some with a callback cost ~1 % of a run over many files). */
function hasControlByte(bytes: Uint8Array, limit: number): boolean {
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) return true;
  }
  return false;
}

/** A certreq INF's request section, on a line of its own. */
const INF_SECTION = /^[ \t]*\[NewRequest\][ \t]*$/im;
/** A web-enrollment attribute line ("CertificateTemplate:WebServer", "san:dns=..."). */
const WEB_ENROLLMENT = /^[ \t]*(?:CertificateTemplate|san)[ \t]*:/im;

function unknownTextMessage(text: string): string {
  const t = text.trim();
  if (t.length < 300 && /^([A-Za-z]:\\|\/|\.{1,2}[\\/]|~\/)/.test(t) && !t.includes('\n')) {
    return 'The input looks like a file path. readCertificates takes the file contents: pass fs.readFileSync(path).';
  }
  // A request given where a certificate is expected: say which command judges it.
  if (INF_SECTION.test(t))
    return 'This is a certreq INF (it has a [NewRequest] section): a request, not a certificate file. Check it with validateSupRequest (CLI: supcert check-request); once the CA has issued the certificate, check that.';
  if (WEB_ENROLLMENT.test(t))
    return 'This looks like CA web-enrollment attributes ("CertificateTemplate:" / "san:"), not a certificate file. Check them with validateSupRequest (CLI: supcert check-request); once the CA has issued the certificate, check that.';
  return `Not a certificate file: no PEM block ("-----BEGIN ..."), not base64, not DER. ${GIVE_CERTIFICATE}`;
}

/** Tells certificate, PKCS#7, PKCS#12, CSR and bare keys apart by their ASN.1 shape. */
function classifyDer(bytes: Uint8Array, limits: ReadLimits): DerKind {
  const ctx: BerContext = { maxDepth: limits.maxDepth, what: 'DER' }; // a peek at the first few elements: not counted
  const root = readNode(bytes, 0, bytes.length, 0, ctx);
  if (!root.constructed || root.tag !== Tag.Sequence) return 'unknown';
  const first = readNode(bytes, root.contentStart, root.contentEnd, 1, ctx);
  if (first.cls === TagClass.Universal && first.tag === Tag.Oid) return 'pkcs7';
  if (first.cls === TagClass.Universal && first.tag === Tag.Integer) {
    const second = readNode(bytes, first.end, root.contentEnd, 1, ctx);
    if (second.cls === TagClass.Universal && second.tag === Tag.Sequence) {
      // PFX: INTEGER 3, ContentInfo (starts with an OID); PKCS#8: INTEGER 0, AlgorithmIdentifier.
      const inner = readNode(bytes, second.contentStart, second.contentEnd, 2, ctx);
      const third =
        second.end < root.contentEnd
          ? readNode(bytes, second.end, root.contentEnd, 1, ctx)
          : undefined;
      if (third?.tag === Tag.OctetString) return 'private-key';
      if (inner.tag === Tag.Oid) return 'pkcs12';
    }
    // PKCS#1 RSAPrivateKey (version, then eight INTEGERs) and SEC1 ECPrivateKey (version 1, then
    // the scalar in an OCTET STRING): a key without its certificate, in DER.
    if (second.cls === TagClass.Universal) {
      if (second.tag === Tag.OctetString) return 'private-key';
      if (
        second.tag === Tag.Integer &&
        integersFrom(bytes, root.contentStart, root.contentEnd, 9, ctx)
      )
        return 'private-key';
    }
    return 'unknown';
  }
  if (first.cls === TagClass.Universal && first.tag === Tag.Sequence && first.constructed) {
    // Certificate: tbsCertificate has 6+ fields; CertificationRequestInfo has 4 ending in [0].
    // TBSCertList (a CRL): [version INTEGER,] signature, issuer, then thisUpdate, a time, where a
    // certificate has its validity SEQUENCE; it too can have 6 fields.
    const fields = children(first, ctx);
    const update = item(fields, item(fields, 0)?.tag === Tag.Integer ? 3 : 2);
    if (
      update?.cls === TagClass.Universal &&
      (update.tag === Tag.UtcTime || update.tag === Tag.GeneralizedTime)
    )
      return 'crl';
    if (fields.length >= 6) return 'certificate';
    // An AlgorithmIdentifier (starts with its OID), then one more element: the key BIT STRING of a
    // SubjectPublicKeyInfo, or the OCTET STRING of an EncryptedPrivateKeyInfo (PKCS#8).
    const key =
      first.end < root.contentEnd ? readNode(bytes, first.end, root.contentEnd, 1, ctx) : undefined;
    if (
      key?.cls === TagClass.Universal &&
      key.end === root.contentEnd &&
      item(fields, 0)?.tag === Tag.Oid
    ) {
      if (key.tag === Tag.BitString) return 'public-key';
      if (key.tag === Tag.OctetString) return 'private-key';
    }
    const last = item(fields, fields.length - 1);
    if (fields.length === 4 && last?.cls === TagClass.Context && last.tag === 0) return 'csr';
  }
  return 'unknown';
}

/** Whether `count` INTEGERs follow each other from `start` (reads no further than that). */
function integersFrom(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  ctx: BerContext,
): boolean {
  let pos = start;
  for (let i = 0; i < count; i++) {
    if (pos >= end) return false;
    const node = readNode(bytes, pos, end, 1, ctx);
    if (node.cls !== TagClass.Universal || node.tag !== Tag.Integer) return false;
    pos = node.end;
  }
  return true;
}

async function readDer(
  bytes: Uint8Array,
  c: Collected,
  password: string | undefined,
  budget: WorkBudget,
  expected?: 'p7b' | 'pfx',
  where = 'the file',
): Promise<CertificateBundle['contains']> {
  const limits = budget.limits;
  const kind = classifyDer(bytes, limits);
  if (expected === 'p7b' && kind !== 'pkcs7')
    throw new SupCertError(
      'UNKNOWN_FORMAT',
      `format "p7b" was requested but this is ${describeKind(kind)}.`,
    );
  if (expected === 'pfx' && kind !== 'pkcs12')
    throw new SupCertError(
      'UNKNOWN_FORMAT',
      `format "pfx" was requested but this is ${describeKind(kind)}.`,
    );
  switch (kind) {
    case 'certificate': {
      // Bytes after the certificate are read past, as CertCreateCertificateContext does (its
      // decoder stops at the end of the outer SEQUENCE); SUP-FILE-003 warns about them.
      const end = readNode(bytes, 0, bytes.length, 0, {
        maxDepth: limits.maxDepth,
        what: 'DER',
      }).end;
      const der = bytes.subarray(0, end);
      c.certificates.push({ info: parseCertificate(der, limits, budget) });
      noteTrailing(c, 'certificate', where, bytes, end, limits);
      return 'certificate';
    }
    case 'pkcs7':
      readPkcs7Into(bytes, c, where, budget);
      return 'pkcs7';
    case 'pkcs12': {
      const p12 = await readPkcs12(bytes, password, budget);
      for (const cert of p12.certificates) {
        const info = parseCertificate(cert.der, limits, budget);
        if (cert.friendlyName !== undefined) info.friendlyName = cert.friendlyName;
        c.certificates.push({ info, ...(cert.localKeyId ? { localKeyId: cert.localKeyId } : {}) });
      }
      for (const key of p12.keys) {
        const { pkcs8, ...attrs } = key;
        const { note, ...loaded } = await loadPrivateKey(
          pkcs8,
          'pkcs8',
          'PKCS#12 private key',
          budget,
        );
        if (note) c.notes.push(note);
        c.keys.push({ ...loaded, ...attrs, source: 'pkcs12' });
      }
      for (const note of p12.notes) c.notes.push(note);
      c.protection = p12.protection;
      c.pfx = p12.pfx;
      return 'pkcs12';
    }
    default:
      throw new SupCertError(
        'UNKNOWN_FORMAT',
        `This is ${describeKind(kind)}, not a certificate, PKCS#7 or PKCS#12 file. ${
          kind === 'csr'
            ? 'Check it with validateSupRequest (CLI: supcert check-request).'
            : kind === 'crl'
              ? 'Give it as a CRL (crls, CLI --crl) together with the certificate it covers.'
              : kind === 'public-key'
                ? 'Give the certificate that holds the key (.cer, .crt, .pem, .p7b or .pfx).'
                : kind === 'private-key'
                  ? 'Export the certificate together with its key, as a .pfx.'
                  : GIVE_CERTIFICATE
        }`,
      );
  }
}

/** The certificates of a PKCS#7 bundle, and what follows it unless that is zero padding. */
function readPkcs7Into(bytes: Uint8Array, c: Collected, where: string, budget: WorkBudget): void {
  const limits = budget.limits;
  const { certificates, trailing } = readPkcs7(bytes, limits, budget);
  for (const der of certificates)
    c.certificates.push({ info: parseCertificate(der, limits, budget) });
  // Windows' own PKCS#7 exports (CertSaveStore) end in zero padding: not worth a word.
  if (trailing.some((b) => b !== 0))
    noteTrailing(c, 'PKCS#7 bundle', where, bytes, bytes.length - trailing.length, limits);
}

/**
 * Records the bytes after `end` (none: nothing to record). Whether they begin with another
 * certificate is a peek at the first elements (classifyDer), never a parse: a damaged tail
 * counts as plain bytes.
 */
function noteTrailing(
  c: Collected,
  after: TrailingData['after'],
  where: string,
  bytes: Uint8Array,
  end: number,
  limits: ReadLimits,
): void {
  if (end >= bytes.length) return;
  const tail = bytes.subarray(end);
  let certificate = false;
  try {
    certificate = tail[0] === 0x30 && classifyDer(tail, limits) === 'certificate';
  } catch (error) {
    if (!(error instanceof SupCertError)) throw error;
  }
  const zeros = tail.every((b) => b === 0);
  c.trailing.push({ after, where, offset: end, bytes: tail.length, zeros, certificate });
  c.notes.push(
    `${where}: ignored ${tail.length} ${zeros ? 'zero ' : ''}byte${tail.length === 1 ? '' : 's'} after the end of the ${after} (offset ${end})${certificate ? ', beginning with another certificate' : ''}`,
  );
}

function describeKind(kind: DerKind): string {
  return {
    certificate: 'an X.509 certificate',
    pkcs7: 'a PKCS#7 bundle',
    pkcs12: 'a PKCS#12 (PFX) file',
    csr: 'a certificate request (PKCS#10 CSR)',
    crl: 'a certificate revocation list (CRL)',
    'private-key': 'a private key without a certificate',
    'public-key': 'a public key (SubjectPublicKeyInfo) without its certificate',
    unknown: 'DER data of an unknown kind',
  }[kind];
}

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const KEY_TYPES: Record<string, 'pkcs8' | 'pkcs1' | 'sec1'> = {
  'PRIVATE KEY': 'pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
};
const IGNORED_LABELS: Record<string, string> = {
  'CERTIFICATE REQUEST': 'a certificate request (check it with supcert check-request)',
  'NEW CERTIFICATE REQUEST': 'a certificate request (check it with supcert check-request)',
  'X509 CRL': 'a CRL',
  'PUBLIC KEY': 'a public key',
  'EC PARAMETERS': 'EC parameters',
};

async function readPemText(
  text: string,
  c: Collected,
  password: string | undefined,
  budget: WorkBudget,
): Promise<void> {
  const limits = budget.limits;
  const blocks = parsePem(text, budget);
  const ignored: string[] = [];
  let keyFailure: SupCertError | undefined;
  for (const block of blocks) {
    const where = `PEM block "${block.label}" on line ${block.line}`;
    if (CERT_LABELS.has(block.label)) {
      await readPemCertificate(block, c, password, budget);
    } else if (block.label === 'PKCS7' || block.label === 'CERTIFICATE CHAIN') {
      readPkcs7Into(block.bytes, c, where, budget);
    } else if (block.label === 'ENCRYPTED PRIVATE KEY' || KEY_TYPES[block.label]) {
      // A damaged key next to good certificates must not hide them: note it, fail only if
      // nothing else was readable. (A damaged certificate block always fails: it is the subject.)
      budget.charge('maxKeys', 1, 'number of private keys (PEM key blocks)');
      try {
        const encrypted =
          block.label === 'ENCRYPTED PRIVATE KEY' ||
          block.headers['Proc-Type']?.includes('ENCRYPTED');
        const type = KEY_TYPES[block.label] ?? 'pkcs8';
        const loaded = encrypted
          ? await loadEncryptedPemKey(block, type, password, where, budget)
          : await loadPrivateKey(block.bytes, type, where, budget);
        if (loaded) {
          const { note, ...key } = loaded;
          if (note) c.notes.push(note);
          c.keys.push({ ...key, source: 'pem' });
        }
        // Like a PFX, an encrypted key asks for its password; it is never "not in the file".
        else
          throw new SupCertError(
            'PASSWORD_REQUIRED',
            `${where}: the private key is encrypted with a password. Give the password it was saved with (as for a PFX), so supcert can check that it belongs to the certificate.`,
          );
      } catch (error) {
        if (!(error instanceof SupCertError) || error.code !== 'MALFORMED') throw error;
        c.notes.push(`${where}: a damaged private key, not read (${error.message})`);
        keyFailure ??= error;
      }
    } else {
      const what = IGNORED_LABELS[block.label] ?? 'not a certificate';
      c.notes.push(`${where}: ${what}, not read`);
      ignored.push(what);
    }
    checkLimit(limits, 'maxCertificates', c.certificates.length, 'number of certificates');
  }
  if (c.certificates.length === 0 && c.keys.length === 0) {
    if (keyFailure) throw keyFailure;
    // Each label once, at most five of them: 20,000 parameter blocks made a 340 KB message.
    const labels = [...new Set(blocks.map((b) => b.label))];
    const found =
      blocks.length === 0
        ? 'no complete PEM block'
        : `only ${quoteList(labels)}${blocks.length > labels.length ? ` (${blocks.length.toLocaleString('en-US')} blocks)` : ''}`;
    const csr = ignored.some((w) => w.startsWith('a certificate request'));
    const emptyBundle = blocks.some((b) => b.label === 'PKCS7' || b.label === 'CERTIFICATE CHAIN');
    throw new SupCertError(
      'UNKNOWN_FORMAT',
      `The PEM text holds ${found}: no certificate or private key.${emptyBundle ? ' Its PKCS#7 bundle lists no certificate: export the certificate again, as a .cer or as a .p7b that includes it.' : ''}${csr ? ' Check a request with validateSupRequest (CLI: supcert check-request).' : ''}${ignored.includes('a CRL') ? ' Give a CRL as such (crls, CLI --crl) together with the certificate it covers.' : ''}${emptyBundle || csr || ignored.includes('a CRL') ? '' : ` ${GIVE_CERTIFICATE}`}`,
    );
  }
}

async function readPemCertificate(
  block: PemBlock,
  c: Collected,
  password: string | undefined,
  budget: WorkBudget,
): Promise<void> {
  const limits = budget.limits;
  let bytes = block.bytes;
  if (bytes[0] !== 0x30)
    throw malformed(`PEM block "${block.label}" on line ${block.line} does not hold DER data.`);
  if (block.label === 'TRUSTED CERTIFICATE') {
    // OpenSSL's trusted form appends trust settings after the certificate: keep the certificate.
    bytes = bytes.subarray(
      0,
      readNode(bytes, 0, bytes.length, 0, { maxDepth: limits.maxDepth, what: 'certificate' }).end,
    );
  }
  // AD CS web enrollment and certutil label a PKCS#7 chain "CERTIFICATE" too: read it by content.
  await readDer(
    bytes,
    c,
    password,
    budget,
    undefined,
    `PEM block "${block.label}" on line ${block.line}`,
  );
}

function checkRequestedFormat(
  requested: string,
  format: BundleFormat,
  contains: CertificateBundle['contains'],
): void {
  if (requested === 'auto' || requested === format) return;
  if (requested === 'p7b' && contains === 'pkcs7') return;
  if (requested === 'pfx' && contains === 'pkcs12') return;
  throw new SupCertError(
    'UNKNOWN_FORMAT',
    `format "${requested}" was requested but the input is ${format}${contains !== 'pem-blocks' ? ` (${contains})` : ''}. Use format "auto" to let supcert detect it.`,
  );
}

function assemble(
  format: BundleFormat,
  contains: CertificateBundle['contains'],
  c: Collected,
): CertificateBundle {
  const matches = matchKeysToCertificates(c.keys, c.certificates);
  const keys: KeyInfo[] = c.keys.map((k, i) => {
    const key: KeyInfo = {
      ...k.info,
      certificateIndex: item(matches, i) ?? null,
      source: k.source,
    };
    if (k.friendlyName !== undefined) key.friendlyName = k.friendlyName;
    if (k.providerName !== undefined) key.providerName = k.providerName;
    if (k.localKeyId !== undefined) key.localKeyId = k.localKeyId;
    return key;
  });
  const bundle: CertificateBundle = {
    format,
    certificates: c.certificates.map((x) => x.info),
    keys,
    contains,
    notes: c.notes,
  };
  if (c.trailing.length > 0) bundle.trailingData = c.trailing;
  if (c.protection) bundle.protection = c.protection;
  if (c.pfx) bundle.pfx = c.pfx;
  return bundle;
}
