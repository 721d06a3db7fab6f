// Hostile inputs for the command line (kinds 8, 9 and 11, in that order): files that are not files,
// text that tries to take over the terminal or a report viewer, password options given the
// password itself. Every case runs dist/cli.cjs in a child process; its outcome is the exit code
// as text. The generators are deterministic (fixed keys from certs-fixtures, fixed dates and
// serials; RSA PKCS#1 v1.5 signatures are deterministic), and the tests import them.
import { execFileSync, spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  ftruncateSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';
import { der, seq } from './der.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/cli.cjs');
/** Inside the validity of the certificates made here. */
export const AT = '2027-01-01T00:00:00Z';
/** The most the CLI reads of one input (DEFAULT_LIMITS.maxInputBytes). */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/**
 * Text that attacks a terminal or a viewer, one piece per technique. Each field of a crafted file
 * gets all of them (`hostile(tag)`), so every printable field is tried with every technique.
 */
export const PIECES = {
  // Clear the screen, home the cursor, draw a green verdict, write the clipboard (OSC 52), conceal what follows (SGR 8).
  csi: '\u001b[2J\u001b[H\u001b[32mPASS  0 errors, 0 warnings, 0 info\u001b[0m\u001b]52;c;ZXZpbA==\u0007\u001b[8m',
  // 8-bit CSI and NEL (C1 controls), DEL, BEL, backspaces over the text before.
  c1: '\u009b2J\u0085\u007f\u0007\b\b\b\b',
  // Bidi overrides and isolates, the Arabic letter mark.
  bidi: '\u202eLIAF\u202c\u2066x\u2069\u061c\u200f',
  // Zero-width characters and the BOM.
  zeroWidth: 'a\u200bb\u200cc\u200dd\u2060e\u2064f\ufeffg',
  // Line and paragraph separators, a fake verdict behind each, and raw line breaks.
  separators: '\u2028PASS  0 errors\u2029FAIL\nPASS  0 errors, 0 warnings, 0 info\r\nPASS\rPASS',
  // Spaces that wrap a fake verdict onto a line of its own on an 80- or 120-column terminal.
  padding: `${' '.repeat(300)}PASS  0 errors, 0 warnings, 0 info${'\u00a0'.repeat(100)}`,
  // A link in a SARIF viewer (SARIF 2.1.0 §3.11.6).
  link: '[Click to approve](https://evil.example/approve)',
  // Characters that render as an empty cell or nothing but are no space, control or format
  // character: 142 U+2800 BRAILLE PATTERN BLANK wrap a fake verdict onto its own 80-column line
  // (red-team F1); then Hangul fillers, a null notehead, Khmer/Mongolian default-ignorables,
  // reserved default-ignorables, a private-use and an unassigned code point.
  blank: `${'\u2800'.repeat(142)}\u2800\u2800PASS\u2800\u28000 errors, 0 warnings, 0 info${'\u2800'.repeat(123)}\u3164\uffa0\u115f\u1160\u{1d159}\u{1d173}\u{1d17a}\u17b4\u17b5\u180b\u2065\ufff0\u{e0080}\u{f0000}\u0378`,
  // A look-alike: Cyrillic dze (U+0455) for "s", Cyrillic o (U+043E) for "o".
  lookalike: '\u0455up01.c\u043entoso.com',
};

/** Every piece, labelled, in one string. */
export const hostile = (tag) =>
  Object.entries(PIECES)
    .map(([k, v]) => `<${tag}:${k}>${v}`)
    .join('');

/** A name for a file or directory: the pieces a file system accepts (no "/" and no NUL), short enough for NAME_MAX. */
export const hostileFileName = (tag) =>
  `${tag}\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u202e\u200b\u2028PASS  0 errors\u0085\u009b8m\u0455`;

const utf8 = (s) => forge.util.encodeUtf8(s);
const forgeKey = (file) => forge.pki.privateKeyFromPem(readFileSync(path.join(ROOT, file), 'utf8'));
const forgePublic = (key) => forge.pki.setRsaPublicKey(key.n, key.e);

/** A subject or issuer with every RDN a report might show, all hostile (UTF8String, so any text; forge encodes it). */
function dn(tag) {
  const U = forge.asn1.Type.UTF8;
  return [
    { shortName: 'CN', value: hostile(`${tag}-cn`), valueTagClass: U },
    { shortName: 'O', value: hostile(`${tag}-o`), valueTagClass: U },
    { shortName: 'OU', value: PIECES.lookalike, valueTagClass: U },
  ];
}

function certificate({ subject, issuer, publicKey, signingKey, serial, ca, altNames }) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date('2026-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2028-01-01T00:00:00Z');
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  const extensions = [
    { name: 'basicConstraints', cA: ca, critical: true },
    {
      name: 'keyUsage',
      critical: true,
      ...(ca
        ? { keyCertSign: true, cRLSign: true }
        : { digitalSignature: true, keyEncipherment: true }),
    },
  ];
  if (!ca) extensions.push({ name: 'extKeyUsage', serverAuth: true });
  // dNSName is an IA5String; the bytes are UTF-8 here, which readers show leniently.
  if (altNames)
    extensions.push({
      name: 'subjectAltName',
      altNames: altNames.map((v) => ({ type: 2, value: utf8(v) })),
    });
  cert.setExtensions(extensions);
  cert.sign(signingKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

const pem = (label, der) =>
  `-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${label}-----\n`;

// The DER writer (./der.mjs) builds the PKCS#12 structure (bag attributes forge does not write).
const set = (...p) => der(0x31, ...p);
const ctx0 = (...p) => der(0xa0, ...p);
const octet = (b) => der(0x04, b);
const oid = (dotted) =>
  Buffer.from(
    forge.asn1
      .toDer(
        forge.asn1.create(
          forge.asn1.Class.UNIVERSAL,
          forge.asn1.Type.OID,
          false,
          forge.asn1.oidToDer(dotted).getBytes(),
        ),
      )
      .getBytes(),
    'binary',
  );
const bmp = (s) => der(0x1e, Buffer.from(s, 'utf16le').swap16());
const data = (content) => seq(oid('1.2.840.113549.1.7.1'), ctx0(octet(content)));

/**
 * A PFX without MAC or encryption (as `openssl pkcs12 -export -nomac -keypbe NONE -certpbe NONE`
 * writes), whose key bag carries a hostile friendlyName and Microsoft CSP name
 * (1.3.6.1.4.1.311.17.1: the "Private key" row prints it), and whose certificate bag a hostile
 * friendlyName.
 */
function pfx(certDer, keyFile, tag) {
  const pkcs8 = createPrivateKey(readFileSync(path.join(ROOT, keyFile))).export({
    format: 'der',
    type: 'pkcs8',
  });
  // BMPString holds the Basic Multilingual Plane: the pieces are all in it.
  const friendly = (t) => seq(oid('1.2.840.113549.1.9.20'), set(bmp(hostile(t))));
  const keyBag = seq(
    oid('1.2.840.113549.1.12.10.1.1'),
    ctx0(pkcs8),
    set(
      friendly(`${tag}-key-friendlyName`),
      seq(oid('1.3.6.1.4.1.311.17.1'), set(bmp(hostile(`${tag}-csp`)))),
    ),
  );
  const certBag = seq(
    oid('1.2.840.113549.1.12.10.1.3'),
    ctx0(seq(oid('1.2.840.113549.1.9.22.1'), ctx0(octet(certDer)))),
    set(friendly(`${tag}-cert-friendlyName`)),
  );
  return seq(der(0x02, Buffer.from([3])), data(seq(data(seq(keyBag, certBag)))));
}

/** A PKCS#10 request with a hostile subject and SAN. */
function csr(keyFile, tag) {
  const key = forgeKey(keyFile);
  const request = forge.pki.createCertificationRequest();
  request.publicKey = forgePublic(key);
  request.setSubject(dn(`${tag}-subject`));
  request.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [hostile(`${tag}-san`), PIECES.lookalike].map((v) => ({
            type: 2,
            value: utf8(v),
          })),
        },
        { name: 'extKeyUsage', serverAuth: true },
      ],
    },
  ]);
  request.sign(key, forge.md.sha256.create());
  return pem(
    'CERTIFICATE REQUEST',
    Buffer.from(
      forge.asn1.toDer(forge.pki.certificationRequestToAsn1(request)).getBytes(),
      'binary',
    ),
  );
}

/** An INF value: quoted, with "" for a quote. The INF is read line by line, so raw line breaks cannot be in one value. */
const infValue = (s) => `"${s.replace(/[\r\n]/g, '').replace(/"/g, '""')}"`;

/** A certreq INF with every field the request report prints hostile: subject, SAN, EKU OIDs, KeyAlgorithm, provider, template. */
function inf(tag) {
  return [
    '[NewRequest]',
    `Subject = ${infValue(`CN=${hostile(`${tag}-subject`)}`)}`,
    `KeyAlgorithm = ${infValue(hostile(`${tag}-KeyAlgorithm`))}`,
    `ProviderName = ${infValue(hostile(`${tag}-provider`))}`,
    'MachineKeySet = TRUE',
    '[Extensions]',
    `2.5.29.17 = ${infValue(`{text}dns=${hostile(`${tag}-san`)}&dns=${PIECES.lookalike}`)}`,
    '[EnhancedKeyUsageExtension]',
    `OID = ${hostile(`${tag}-eku`).replace(/[\r\n;]/g, '')}`,
    '[RequestAttributes]',
    `CertificateTemplate = ${infValue(hostile(`${tag}-template`))}`,
    '',
  ].join('\r\n');
}

/** CA web-enrollment attributes with a hostile template and SAN (one line each, as the format is). */
const attributes = (tag) =>
  `CertificateTemplate:${hostile(`${tag}-template`).replace(/[\r\n]/g, '')}\nsan:dns=${hostile(`${tag}-san`).replace(/[\r\n&]/g, '')}\n`;

/**
 * Writes every hostile file under `dir`: a root CA and a leaf it signed (both with hostile
 * subject, issuer and SAN), the leaf in a hostile PFX, a CSR, an INF and web-enrollment
 * attributes, and a directory whose own name and file names are hostile (holding a certificate,
 * a file that is not one, and a damaged one). Returns the paths.
 */
export function writeHostileFiles(dir) {
  const rootKey = forgeKey('certs-fixtures/sup/good-intranet.key');
  const leafKey = forgeKey('certs-fixtures/sup/good-both.key');
  const rootName = dn('root');
  const rootDer = certificate({
    subject: rootName,
    issuer: rootName,
    publicKey: forgePublic(rootKey),
    signingKey: rootKey,
    serial: '01',
    ca: true,
  });
  const leafDer = certificate({
    subject: dn('leaf'),
    issuer: rootName,
    publicKey: forgePublic(leafKey),
    signingKey: rootKey,
    serial: '02',
    ca: false,
    altNames: [
      ...Object.entries(PIECES).map(([k, v]) => `<san:${k}>${v}`),
      PIECES.lookalike,
      hostile('san-all'),
    ],
  });
  const files = {
    root: path.join(dir, 'root.pem'),
    leaf: path.join(dir, 'leaf.pem'),
    pfx: path.join(dir, 'leaf.pfx'),
    csr: path.join(dir, 'request.csr'),
    inf: path.join(dir, 'request.inf'),
    attributes: path.join(dir, 'attributes.txt'),
    folder: path.join(dir, `folder-${hostileFileName('dir')}`),
  };
  writeFileSync(files.root, pem('CERTIFICATE', rootDer));
  writeFileSync(files.leaf, pem('CERTIFICATE', leafDer));
  writeFileSync(files.pfx, pfx(leafDer, 'certs-fixtures/sup/good-both.key', 'pfx'));
  writeFileSync(files.csr, csr('certs-fixtures/sup/good-both.key', 'csr'));
  writeFileSync(files.inf, inf('inf'));
  writeFileSync(files.attributes, attributes('attr'));
  mkdirSync(files.folder);
  writeFileSync(
    path.join(files.folder, `a-${hostileFileName('cert')}.pem`),
    pem('CERTIFICATE', leafDer),
  );
  writeFileSync(
    path.join(files.folder, `b-${hostileFileName('notes')}.txt`),
    'not a certificate\n',
  );
  writeFileSync(
    path.join(files.folder, `c-${hostileFileName('damaged')}.cer`),
    rootDer.subarray(0, 200),
  );
  return files;
}

/**
 * A self-signed leaf with a 200,000-character subject CN and 5,000 SAN entries (valid names, so no
 * finding repeats them): the terminal report must stay small (each field cut, each list bounded).
 */
export function writeLargeFieldsCertificate(file) {
  const key = forgeKey('certs-fixtures/sup/good-both.key');
  const name = [
    {
      shortName: 'CN',
      value: `sup01.corp.contoso.com${'x'.repeat(200_000)}`,
      valueTagClass: forge.asn1.Type.UTF8,
    },
  ];
  const altNames = [
    'sup01.corp.contoso.com',
    ...Array.from({ length: 4_999 }, (_, i) => `host${i}.contoso.com`),
  ];
  writeFileSync(
    file,
    pem(
      'CERTIFICATE',
      certificate({
        subject: name,
        issuer: name,
        publicKey: forgePublic(key),
        signingKey: key,
        serial: '03',
        ca: false,
        altNames,
      }),
    ),
  );
  return file;
}

/** Runs `node dist/cli.cjs ARGS`; resolves to { status, stdout, stderr }. */
export function runCli(args, { env = {}, nodeArgs = [], cwd = ROOT } = {}) {
  const childEnv = { ...process.env, ...env };
  delete childEnv.NO_COLOR;
  delete childEnv.FORCE_COLOR;
  delete childEnv.SUPCERT_DEBUG;
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], {
      cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A --import preload that counts the bytes the CLI reads with fs.readSync and writes
 * "supcert-test: read N bytes" to stderr on exit: the bound the tests assert. The code cache
 * (src/cli/start.ts, ~0.5 MB of supcert's own, read before the command line is looked at) is
 * turned off, so that what is counted is what the command reads of its inputs.
 */
export const COUNT_READS = [
  '--import',
  `data:text/javascript,${encodeURIComponent(
    [
      "process.env.SUPCERT_NO_CODE_CACHE = '1';",
      "import fs from 'node:fs'; import { syncBuiltinESMExports } from 'node:module';",
      'let total = 0; const read = fs.readSync;',
      'fs.readSync = function (...args) { const n = read.apply(this, args); total += n; return n; };',
      'syncBuiltinESMExports();',
      "process.on('exit', () => { fs.writeSync(2, `supcert-test: read ${total} bytes\\n`); });",
    ].join(' '),
  )}`,
];

/** The byte count COUNT_READS reported. */
export const bytesRead = (stderr) =>
  Number(/supcert-test: read (\d+) bytes/.exec(stderr)?.[1] ?? NaN);

/** A temporary directory for one case, removed after `fn`. */
async function inTemp(fn) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'supcert-hostile-cli-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const exitCode = async (args, options) => String((await runCli(args, options)).status);

/** A FIFO with no writer (opening it to read would wait forever). */
export function makeFifo(file) {
  execFileSync('mkfifo', [file]);
  return file;
}

/** A sparse regular file one byte over the input cap (stat says its real size; reading it all would cost 32 MiB). */
export function makeOversized(file, size = MAX_INPUT_BYTES + 1) {
  const fd = openSync(file, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return file;
}

const PFX_PASSWORD = 'Passw0rd!';
const GOOD_PFX = 'certs-fixtures/sup/good-both.pfx';
const GOOD_PEM = 'certs-fixtures/sup/good-both.pem';

/** @type {Array<{ id: string, kind: number, title: string, run: (lib?: unknown) => Promise<string>, expect: string }>} */
export const cases = [
  {
    id: 'cli-dev-zero-input',
    kind: 8,
    title: '/dev/zero as the file to check (stat says 0 bytes)',
    run: () => exitCode(['check', '/dev/zero', '--skip-names']),
    expect: '2',
  },
  {
    id: 'cli-dev-zero-trust',
    kind: 8,
    title: '/dev/zero as --trust',
    run: () => exitCode(['check', GOOD_PEM, '--skip-names', '--trust', '/dev/zero']),
    expect: '2',
  },
  {
    id: 'cli-dev-zero-intermediate',
    kind: 8,
    title: '/dev/zero as --intermediate',
    run: () => exitCode(['check', GOOD_PEM, '--skip-names', '--intermediate', '/dev/zero']),
    expect: '2',
  },
  {
    id: 'cli-dev-zero-password-file',
    kind: 8,
    title: '/dev/zero as --password-file',
    run: () => exitCode(['check', GOOD_PFX, '--skip-names', '--password-file', '/dev/zero']),
    expect: '2',
  },
  {
    id: 'cli-dev-zero-request',
    kind: 8,
    title: '/dev/zero as the request to check',
    run: () => exitCode(['check-request', '/dev/zero', '--skip-names']),
    expect: '2',
  },
  {
    id: 'cli-fifo-input',
    kind: 8,
    title: 'a FIFO without a writer as the file to check',
    run: () => inTemp((d) => exitCode(['check', makeFifo(path.join(d, 'in.pem')), '--skip-names'])),
    expect: '2',
  },
  {
    id: 'cli-fifo-password-file',
    kind: 8,
    title: 'a FIFO without a writer as --password-file',
    run: () =>
      inTemp((d) =>
        exitCode([
          'check',
          GOOD_PFX,
          '--skip-names',
          '--password-file',
          makeFifo(path.join(d, 'pw')),
        ]),
      ),
    expect: '2',
  },
  {
    id: 'cli-oversized-input',
    kind: 8,
    title: 'a file one byte over maxInputBytes (read stops at the cap)',
    run: () =>
      inTemp((d) => exitCode(['check', makeOversized(path.join(d, 'big.pem')), '--skip-names'])),
    expect: '2',
  },
  {
    id: 'cli-hostile-pfx-csp-name',
    kind: 9,
    title: 'PFX whose CSP name and friendlyName draw a fake PASS (the real verdict: FAIL)',
    run: () =>
      inTemp(async (d) =>
        exitCode([
          'check',
          writeHostileFiles(d).pfx,
          '--names',
          'sup01.corp.contoso.com&sup01.contoso.com',
          '--at',
          AT,
        ]),
      ),
    expect: '1',
  },
  {
    id: 'cli-hostile-request-inf',
    kind: 9,
    title: 'certreq INF with escape sequences in every field, check-request',
    run: () =>
      inTemp(async (d) =>
        exitCode([
          'check-request',
          writeHostileFiles(d).inf,
          '--names',
          'sup01.corp.contoso.com&sup01.contoso.com',
        ]),
      ),
    expect: '1',
  },
  {
    id: 'cli-timeout-overflow',
    kind: 11,
    title: '--timeout 2147484 (Node would make it 1 ms)',
    run: () => exitCode(['check', GOOD_PEM, '--skip-names', '--timeout', '2147484']),
    expect: '2',
  },
  {
    id: 'cli-password-env-value',
    kind: 11,
    title: '--password-env given the password instead of a variable name',
    run: () => exitCode(['check', GOOD_PFX, '--skip-names', '--password-env', PFX_PASSWORD]),
    expect: '2',
  },
  {
    id: 'cli-password-file-value',
    kind: 11,
    title: '--password-file given the password instead of a file name',
    run: () => exitCode(['check', GOOD_PFX, '--skip-names', '--password-file', PFX_PASSWORD]),
    expect: '2',
  },
  {
    id: 'cli-password-file-empty',
    kind: 11,
    title: 'an empty --password-file (said so, not PASSWORD_REQUIRED)',
    run: () =>
      inTemp((d) => {
        const f = path.join(d, 'pw');
        writeFileSync(f, '');
        return exitCode(['check', GOOD_PFX, '--skip-names', '--password-file', f]);
      }),
    expect: '2',
  },
  // The gate on the command line never passes what it did not check (kind 1: a name missing or
  // empty; kind 2: a name given twice or malformed; kind 4: a text note among certificates).
  {
    id: 'cli-no-names',
    kind: 1,
    title: 'gate: check without any name, even with --fail-on warning (was PASS, exit 0)',
    run: () => exitCode(['check', GOOD_PEM, '--fail-on', 'warning']),
    expect: '2',
  },
  {
    id: 'cli-empty-names',
    kind: 1,
    title: 'gate: --names "$UNSET" (an empty value)',
    run: () => exitCode(['check', GOOD_PEM, '--names', '']),
    expect: '2',
  },
  {
    id: 'cli-repeated-intranet',
    kind: 2,
    title: 'gate: --intranet A --intranet B (was: B kept silently)',
    run: () =>
      exitCode([
        'check',
        GOOD_PEM,
        '--intranet',
        'a.contoso.com',
        '--intranet',
        'sup01.corp.contoso.com',
      ]),
    expect: '2',
  },
  {
    id: 'cli-intranet-backslash',
    kind: 2,
    title: 'gate: --intranet with a trailing backslash',
    run: () => exitCode(['check', GOOD_PEM, '--intranet', 'sup01.corp.contoso.com\\']),
    expect: '2',
  },
  {
    id: 'cli-text-note-in-directory',
    kind: 4,
    title:
      'gate: a readme.txt the reader takes for damaged base64, in a directory (was: exit 2 for the whole scan)',
    run: () =>
      inTemp((d) => {
        writeFileSync(path.join(d, 'sup.pem'), readFileSync(path.join(ROOT, GOOD_PEM)));
        writeFileSync(path.join(d, 'readme.txt'), 'hello world this is text with lines\n');
        return exitCode([
          'check',
          d,
          '--names',
          'sup01.corp.contoso.com&sup01.contoso.com',
          '--at',
          AT,
        ]);
      }),
    expect: '0',
  },
];
