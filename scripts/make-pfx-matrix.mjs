#!/usr/bin/env node
// Writes certs-fixtures/pfx-matrix/: one PKCS#12 file per way an admin's tool writes one
// (OpenSSL 3 options, Windows-style exports, NSS pk12util, Java keytool, node-forge) and per
// hand-made ASN.1 variant (BER, several SafeContents, mixed bags, duplicate keys, localKeyId
// linking, two leaves, PBMAC1, ...). Each file's expected outcome is written to manifest.json
// from how the file was built, never from what supcert says.
//
// Needs: the openssl CLI (3.x), pk12util and certutil (Debian libnss3-tools), keytool (a JDK);
// node-forge (a devDependency) are needed too: the script stops when one is missing, since the
// files share one freshly made PKI. Tests read the committed files and run none of these tools.
// Run: node scripts/make-pfx-matrix.mjs
import {
  createHash,
  createHmac,
  createCipheriv,
  createPrivateKey,
  pbkdf2Sync,
  randomBytes,
} from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const OUT = fileURLToPath(new URL('../certs-fixtures/pfx-matrix/', import.meta.url));
const PW = 'Passw0rd!';
const tmp = mkdtempSync(join(tmpdir(), 'pfx-matrix-'));
const t = (f) => join(tmp, f);
const run = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], ...opts });
const ossl = (...args) => run('openssl', args);
const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

// --- the test PKI -------------------------------------------------------------------------
function pki() {
  ossl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    t('root.key'),
    '-out',
    t('root.pem'),
    '-subj',
    '/O=Contoso/CN=Contoso Matrix Root CA',
    '-days',
    '3650',
    '-sha256',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  ossl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    t('ca.key'),
    '-out',
    t('ca.csr'),
    '-subj',
    '/O=Contoso/CN=Contoso Matrix Issuing CA',
  );
  writeFileSync(
    t('ca.ext'),
    'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,digitalSignature,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  ossl(
    'x509',
    '-req',
    '-in',
    t('ca.csr'),
    '-CA',
    t('root.pem'),
    '-CAkey',
    t('root.key'),
    '-CAcreateserial',
    '-days',
    '1825',
    '-sha256',
    '-extfile',
    t('ca.ext'),
    '-out',
    t('ca.pem'),
  );
  const leaf = (name, keyArgs, host, ku, keyFile) => {
    if (!keyFile) {
      ossl('genpkey', ...keyArgs, '-out', t(`${name}.key`));
      keyFile = t(`${name}.key`);
    }
    ossl(
      'req',
      '-new',
      '-key',
      keyFile,
      '-out',
      t(`${name}.csr`),
      '-subj',
      `/O=Contoso/CN=${host}`,
    );
    writeFileSync(
      t(`${name}.ext`),
      `subjectAltName=DNS:${host}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,${ku}\nbasicConstraints=critical,CA:FALSE\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\ncrlDistributionPoints=URI:http://pki.corp.contoso.com/matrix.crl\n`,
    );
    ossl(
      'x509',
      '-req',
      '-in',
      t(`${name}.csr`),
      '-CA',
      t('ca.pem'),
      '-CAkey',
      t('ca.key'),
      '-CAcreateserial',
      '-days',
      '730',
      '-sha256',
      '-extfile',
      t(`${name}.ext`),
      '-out',
      t(`${name}.pem`),
    );
    if (keyFile !== t(`${name}.key`)) writeFileSync(t(`${name}.key`), readFileSync(keyFile));
  };
  const RSA = (bits) => ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`];
  const EC = (curve) => ['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`];
  leaf('rsa', RSA(2048), 'sup01.corp.contoso.com', 'digitalSignature,keyEncipherment');
  leaf('sup02', RSA(2048), 'sup02.corp.contoso.com', 'digitalSignature,keyEncipherment');
  leaf('renewed', [], 'sup01.corp.contoso.com', 'digitalSignature,keyEncipherment', t('rsa.key'));
  leaf('rsa4096', RSA(4096), 'sup01.corp.contoso.com', 'digitalSignature,keyEncipherment');
  leaf('p256', EC('P-256'), 'sup01.corp.contoso.com', 'digitalSignature');
  leaf('p384', EC('P-384'), 'sup01.corp.contoso.com', 'digitalSignature');
  leaf('p521', EC('P-521'), 'sup01.corp.contoso.com', 'digitalSignature');
  writeFileSync(
    t('chain.pem'),
    Buffer.concat([readFileSync(t('ca.pem')), readFileSync(t('root.pem'))]),
  );
}

const der = (name) => ossl('x509', '-in', t(`${name}.pem`), '-outform', 'DER');
const pkcs8 = (name) =>
  createPrivateKey(readFileSync(t(`${name}.key`))).export({ type: 'pkcs8', format: 'der' });

// --- DER / BER writer ---------------------------------------------------------------------
// A node is { tag, kids } (constructed) or { tag, bytes } (primitive); `ber` gives indefinite
// lengths and OCTET STRINGs in 64-byte pieces, the way NSS and Java write PKCS#12.
const len = (l) =>
  l < 128
    ? [l]
    : l < 256
      ? [0x81, l]
      : l < 65536
        ? [0x82, l >> 8, l & 255]
        : [0x83, l >> 16, (l >> 8) & 255, l & 255];
function enc(n, ber) {
  if (Buffer.isBuffer(n)) return n; // already encoded
  if (n.kids) {
    const body = Buffer.concat(n.kids.map((k) => enc(k, ber)));
    return ber
      ? Buffer.concat([Buffer.from([n.tag, 0x80]), body, Buffer.from([0, 0])])
      : Buffer.concat([Buffer.from([n.tag, ...len(body.length)]), body]);
  }
  if (ber && (n.tag === 0x04 || n.tag === 0x80) && n.bytes.length > 64) {
    const pieces = [];
    for (let i = 0; i < n.bytes.length; i += 64)
      pieces.push({ tag: 0x04, bytes: n.bytes.subarray(i, i + 64) });
    return enc({ tag: n.tag | 0x20, kids: pieces }, ber);
  }
  return Buffer.concat([Buffer.from([n.tag, ...len(n.bytes.length)]), n.bytes]);
}
const seq = (...kids) => ({ tag: 0x30, kids });
const set = (...kids) => ({ tag: 0x31, kids });
const ctx0 = (...kids) => ({ tag: 0xa0, kids });
const octet = (bytes) => ({ tag: 0x04, bytes: Buffer.from(bytes) });
const int = (n) => {
  const b = [];
  do {
    b.unshift(n & 255);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (b[0] & 0x80) b.unshift(0);
  return { tag: 0x02, bytes: Buffer.from(b) };
};
const NULL = { tag: 0x05, bytes: Buffer.alloc(0) };
const bmp = (s) => ({ tag: 0x1e, bytes: Buffer.from(s, 'utf16le').swap16() });
function oid(dotted) {
  const p = dotted.split('.').map(Number);
  const out = [40 * p[0] + p[1]];
  for (const v of p.slice(2)) {
    const b = [v & 127];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) b.unshift((x & 127) | 128);
    out.push(...b);
  }
  return { tag: 0x06, bytes: Buffer.from(out) };
}
const O = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shrouded: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  cspName: '1.3.6.1.4.1.311.17.1',
  localKeySet: '1.3.6.1.4.1.311.17.2',
  pbe3des: '1.2.840.113549.1.12.1.3',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbmac1: '1.2.840.113549.1.5.14',
  aes256: '2.16.840.1.101.3.4.1.42',
  aes128: '2.16.840.1.101.3.4.1.2',
  hmac: {
    sha1: '1.2.840.113549.2.7',
    sha256: '1.2.840.113549.2.9',
    sha384: '1.2.840.113549.2.10',
    sha512: '1.2.840.113549.2.11',
  },
  hash: {
    sha1: '1.3.14.3.2.26',
    sha256: '2.16.840.1.101.3.4.2.1',
    sha512: '2.16.840.1.101.3.4.2.3',
  },
};

// --- PKCS#12 crypto (RFC 7292 B.2; RFC 8018 PBES2; RFC 9579 PBMAC1) -------------------------
const bmpPassword = (pw) =>
  pw === null
    ? Buffer.alloc(0)
    : Buffer.concat([Buffer.from(pw, 'utf16le').swap16(), Buffer.alloc(2)]);
function p12kdf(pw, salt, id, iterations, n, hash) {
  const u = createHash(hash).digest().length;
  const v = hash === 'sha384' || hash === 'sha512' ? 128 : 64;
  const fill = (b) => {
    const l = v * Math.ceil(b.length / v);
    const o = Buffer.alloc(l);
    for (let i = 0; i < l; i++) o[i] = b[i % b.length];
    return o;
  };
  const I = Buffer.concat([fill(salt), fill(bmpPassword(pw))]);
  const out = [];
  for (let got = 0; got < n; got += u) {
    let a = Buffer.concat([Buffer.alloc(v, id), I]);
    for (let i = 0; i < iterations; i++) a = createHash(hash).update(a).digest();
    out.push(a);
    const B = fill(a);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const s = I[j + k] + B[k] + carry;
        I[j + k] = s & 255;
        carry = s >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, n);
}
/** Encrypts `plain` under `scheme`; returns { alg, data }. */
function encrypt(plain, pw, scheme) {
  const salt = randomBytes(scheme.saltLength ?? 8);
  const iter = scheme.iter ?? 2048;
  if (scheme.kind === '3des') {
    const key = p12kdf(pw, salt, 1, iter, 24, 'sha1');
    const iv = p12kdf(pw, salt, 2, iter, 8, 'sha1');
    const c = createCipheriv('des-ede3-cbc', key, iv);
    return {
      alg: seq(oid(O.pbe3des), seq(octet(salt), int(iter))),
      data: Buffer.concat([c.update(plain), c.final()]),
    };
  }
  const prf = scheme.prf ?? 'sha256';
  const bits = scheme.bits ?? 256;
  const key = pbkdf2Sync(Buffer.from(pw ?? '', 'utf8'), salt, iter, bits / 8, prf);
  const iv = randomBytes(16);
  const c = createCipheriv(`aes-${bits}-cbc`, key, iv);
  const kdfParams = [
    octet(salt),
    int(iter),
    ...(prf === 'sha1' ? [] : [seq(oid(O.hmac[prf]), NULL)]),
  ];
  const alg = seq(
    oid(O.pbes2),
    seq(
      seq(oid(O.pbkdf2), seq(...kdfParams)),
      seq(oid(bits === 256 ? O.aes256 : O.aes128), octet(iv)),
    ),
  );
  return { alg, data: Buffer.concat([c.update(plain), c.final()]) };
}
function macData(authSafe, pw, mac) {
  const salt = randomBytes(mac.saltLength ?? 8);
  const iter = mac.iter ?? 2048;
  if (mac.kind === 'pbmac1') {
    const key = pbkdf2Sync(Buffer.from(pw ?? '', 'utf8'), salt, iter, 32, mac.prf);
    const digest = createHmac(mac.hmac, key).update(authSafe).digest();
    const params = seq(
      seq(oid(O.pbkdf2), seq(octet(salt), int(iter), int(32), seq(oid(O.hmac[mac.prf]), NULL))),
      seq(oid(O.hmac[mac.hmac]), NULL),
    );
    return seq(
      seq(seq(oid(O.pbmac1), params), octet(digest)),
      octet(Buffer.from('NOT USED')),
      int(1),
    );
  }
  const hash = mac.hash ?? 'sha1';
  const key = p12kdf(pw, salt, 3, iter, createHash(hash).digest().length, hash);
  const digest = createHmac(hash, key).update(authSafe).digest();
  return seq(
    seq(seq(oid(O.hash[hash]), NULL), octet(digest)),
    octet(salt),
    ...(iter === 1 && mac.omitIter ? [] : [int(iter)]),
  );
}

// --- bags and the PFX ---------------------------------------------------------------------
function attrs(a = {}) {
  const list = [];
  if (a.localKeyId) list.push(seq(oid(O.localKeyId), set(octet(a.localKeyId))));
  if (a.name) list.push(seq(oid(O.friendlyName), set(bmp(a.name))));
  if (a.csp) list.push(seq(oid(O.cspName), set(bmp(a.csp))));
  if (a.localKeySet) list.push(seq(oid(O.localKeySet), set()));
  return list.length > 0 ? [set(...list)] : [];
}
const certBag = (certDer, a) =>
  seq(oid(O.certBag), ctx0(seq(oid(O.x509), ctx0(octet(certDer)))), ...attrs(a));
const keyBag = (p8, a) => seq(oid(O.keyBag), ctx0(Buffer.from(p8)), ...attrs(a));
function shroudedBag(p8, pw, scheme, a) {
  const { alg, data } = encrypt(Buffer.from(p8), pw, scheme);
  return seq(oid(O.shrouded), ctx0(seq(alg, octet(data))), ...attrs(a));
}
/** safes: [{ bags, encrypt?: scheme }]; mac: scheme or null. */
function pfx({ safes, pw = PW, mac = { hash: 'sha256' }, ber = false }) {
  const infos = safes.map((s) => {
    const contents = enc(seq(...s.bags), ber);
    if (!s.encrypt) return seq(oid(O.data), ctx0(octet(contents)));
    const { alg, data } = encrypt(contents, pw, s.encrypt);
    return seq(
      oid(O.encryptedData),
      ctx0(seq(int(0), seq(oid(O.data), alg, { tag: 0x80, bytes: data }))),
    );
  });
  const authSafe = enc(seq(...infos), ber);
  return enc(
    seq(
      int(3),
      seq(oid(O.data), ctx0(octet(authSafe))),
      ...(mac ? [macData(authSafe, pw, mac)] : []),
    ),
    ber,
  );
}

// --- the matrix -----------------------------------------------------------------------------
const rows = [];
/**
 * One row: `expect` is what a reader must do: { ok: true, judged: 'rsa' | ..., keyMatched,
 * importsFrom?: '2012r2' | '2019' | null } or { error: 'WRONG_PASSWORD' | ... , fragment }.
 */
function add(file, bytes, row) {
  writeFileSync(join(OUT, file), bytes);
  let opensslInfo;
  const pass = ['-passin', `pass:${row.password ?? ''}`];
  try {
    const out = run(
      'openssl',
      [
        'pkcs12',
        '-in',
        join(OUT, file),
        ...pass,
        '-info',
        '-noout',
        '-provider',
        'legacy',
        '-provider',
        'default',
      ],
      { encoding: 'utf8' },
    );
    void out;
    const err = String(
      run('sh', [
        '-c',
        `openssl pkcs12 -in "$1" -passin "pass:$2" -info -noout -provider legacy -provider default 2>&1 >/dev/null`,
        'sh',
        join(OUT, file),
        row.password ?? '',
      ]),
    );
    opensslInfo = `reads: ${[...new Set(err.split('\n').filter((l) => /^(MAC:|Shrouded Keybag|PKCS7 Encrypted data|Key bag)/.test(l)))].join('; ')}`;
  } catch (e) {
    const lines = String(e.stderr ?? e.message)
      .split('\n')
      .map((l) => l.replace(/^[0-9A-F]{8,}:error:[0-9A-F]+:/, '').trim());
    opensslInfo = `fails: ${lines.find((l) => /error|invalid|unsupported|verify|fail/i.test(l)) ?? lines[0] ?? 'error'}`;
  }
  if (row.expect.ok) {
    const { importsFrom, needs2019 = true } = row.expect;
    row.expect.pfxFinding =
      importsFrom === '2012r2'
        ? 'sup.pfx.imports_from'
        : importsFrom === '2019' || needs2019
          ? 'sup.pfx.not_importable_on_target'
          : 'sup.pfx.import_undocumented';
    delete row.expect.needs2019;
  }
  rows.push({ file, ...row, opensslInfo });
}
const AES = { kind: 'aes' };
const DES3 = { kind: '3des' };
const X = (name) => der(name);
const lk = (n) => Buffer.from([n, 0, 0, 0]); // Windows writes localKeyID 01 00 00 00

function opensslRows() {
  const exp = (file, args, row, extra = {}) => {
    const pass = extra.password === undefined ? PW : extra.password;
    const passArgs = ['-passout', `pass:${pass ?? ''}`];
    ossl('pkcs12', '-export', '-out', join(OUT, file), ...passArgs, ...args);
    add(file, readFileSync(join(OUT, file)), {
      tool: 'openssl',
      how: `openssl pkcs12 -export ${args.filter((a) => !a.startsWith(tmp)).join(' ')}`.replaceAll(
        tmp + '/',
        '',
      ),
      password: pass,
      ...row,
    });
  };
  const base = (leaf = 'rsa') => [
    '-in',
    t(`${leaf}.pem`),
    '-inkey',
    t(`${leaf}.key`),
    '-name',
    'sup01',
  ];
  const ok = (judged = 'rsa', importsFrom = '2019') => ({
    expect: { ok: true, judged, keyMatched: true, importsFrom },
  });
  exp('ossl-default.pfx', [...base(), '-certfile', t('chain.pem')], ok());
  exp('ossl-legacy.pfx', [...base(), '-certfile', t('chain.pem'), '-legacy'], ok('rsa', '2012r2'));
  exp(
    'ossl-3des-sha1.pfx',
    [...base(), '-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
    ok('rsa', '2012r2'),
  );
  exp(
    'ossl-aes128.pfx',
    [...base(), '-certpbe', 'AES-128-CBC', '-keypbe', 'AES-128-CBC'],
    ok('rsa', null),
  );
  exp('ossl-certpbe-none.pfx', [...base(), '-certpbe', 'NONE'], ok());
  exp(
    'ossl-keypbe-none.pfx',
    [...base(), '-keypbe', 'NONE', '-certpbe', 'NONE'],
    ok('rsa', '2019'),
  );
  exp('ossl-macalg-sha512.pfx', [...base(), '-macalg', 'sha512'], ok('rsa', null));
  exp('ossl-nomac.pfx', [...base(), '-nomac'], ok('rsa', null));
  exp('ossl-nomaciter.pfx', [...base(), '-nomaciter'], ok());
  exp('ossl-noiter.pfx', [...base(), '-noiter'], ok());
  exp('ossl-descert.pfx', [...base(), '-descert'], ok());
  exp('ossl-keyex.pfx', [...base(), '-keyex'], ok());
  exp('ossl-keysig.pfx', [...base(), '-keysig'], ok());
  exp('ossl-csp-ksp.pfx', [...base(), '-CSP', 'Microsoft Software Key Storage Provider'], ok());
  exp(
    'ossl-caname.pfx',
    [
      ...base(),
      '-certfile',
      t('chain.pem'),
      '-caname',
      'Contoso Matrix Issuing CA',
      '-caname',
      'Contoso Matrix Root CA',
    ],
    ok(),
  );
  exp('ossl-chain.pfx', [...base(), '-chain', '-CAfile', t('chain.pem')], ok());
  exp('ossl-empty-password.pfx', [...base()], ok(), { password: '' });
  exp(
    'ossl-no-password.pfx',
    [...base(), '-keypbe', 'NONE', '-certpbe', 'NONE', '-nomac'],
    { expect: { ...ok('rsa', null).expect, needs2019: false } },
    { password: null },
  );
  exp('ossl-rsa4096.pfx', [...base('rsa4096')], ok('rsa4096'));
  exp('ossl-p256.pfx', [...base('p256')], ok('p256'));
  exp('ossl-p384.pfx', [...base('p384')], ok('p384'));
  exp('ossl-p521.pfx', [...base('p521')], ok('p521'));
  exp('ossl-certs-only.pfx', ['-nokeys', '-in', t('rsa.pem'), '-certfile', t('chain.pem')], {
    expect: { ok: true, judged: 'rsa', keyMatched: false, importsFrom: '2019' },
  });
  exp('ossl-key-only.pfx', ['-nocerts', '-inkey', t('rsa.key')], {
    expect: { error: 'UNKNOWN_FORMAT', fragment: 'no certificate' },
  });
  // Windows' TripleDES-SHA1 as OpenSSL can imitate it (2000 iterations, 20-byte salts are Windows'; OpenSSL keeps 8).
  exp(
    'ossl-windows-like-3des.pfx',
    [
      ...base(),
      '-certfile',
      t('chain.pem'),
      '-certpbe',
      'PBE-SHA1-3DES',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
      '-iter',
      '2000',
      '-CSP',
      'Microsoft Enhanced RSA and AES Cryptographic Provider',
    ],
    ok('rsa', '2012r2'),
  );
}

function handRows() {
  const chainCerts = () => [certBag(X('ca')), certBag(X('root'))];
  const hand = (file, build, row) =>
    add(file, pfx(build), {
      tool: 'hand',
      password: build.pw === undefined ? PW : build.pw,
      ...row,
    });
  const ok = (judged = 'rsa', importsFrom = '2019', keyMatched = true) => ({
    expect: { ok: true, judged, keyMatched, importsFrom },
  });
  // Windows layouts: key SafeContents plain (shrouded key), certificates encrypted; localKeyID 01000000.
  const win = (scheme, csp, withChain) => ({
    mac: { hash: scheme === DES3 ? 'sha1' : 'sha256', iter: 2000, saltLength: 20 },
    safes: [
      {
        bags: [
          shroudedBag(
            pkcs8('rsa'),
            PW,
            { ...scheme, iter: 2000, saltLength: 20 },
            {
              localKeyId: lk(1),
              name: 'te-WebServer-6e1c8b0a-2f4e-4c7e-9a0e-3f1d2b7c9e11',
              csp,
              localKeySet: true,
            },
          ),
        ],
      },
      {
        encrypt: { ...scheme, iter: 2000, saltLength: 20 },
        bags: [certBag(X('rsa'), { localKeyId: lk(1) }), ...(withChain ? chainCerts() : [])],
      },
    ],
  });
  hand('win-3des-sha1.pfx', win(DES3, 'Microsoft RSA SChannel Cryptographic Provider', false), {
    how: 'Windows TripleDES-SHA1 layout (CSP, Local Key Set, localKeyID 01000000, 2000 iterations, 20-byte salts)',
    ...ok('rsa', '2012r2'),
  });
  hand(
    'win-3des-sha1-chain.pfx',
    win(DES3, 'Microsoft Enhanced RSA and AES Cryptographic Provider', true),
    {
      how: 'as win-3des-sha1 with the issuing CA and root (Export-PfxCertificate -ChainOption BuildChain)',
      ...ok('rsa', '2012r2'),
    },
  );
  hand('win-aes256-sha256.pfx', win(AES, 'Microsoft Software Key Storage Provider', false), {
    how: 'Windows AES256-SHA256 layout with a KSP (CNG) key',
    ...ok('rsa', '2019'),
  });
  hand('win-aes256-sha256-chain.pfx', win(AES, 'Microsoft Software Key Storage Provider', true), {
    how: 'as win-aes256-sha256 with the chain',
    ...ok('rsa', '2019'),
  });
  // BER (Java / NSS): indefinite lengths and chunked OCTET STRINGs everywhere.
  hand(
    'ber-indefinite-aes.pfx',
    {
      ber: true,
      safes: [
        { encrypt: AES, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        { bags: [shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) })] },
      ],
    },
    {
      how: 'indefinite-length BER, 64-byte OCTET STRING pieces, AES-256 PBES2, SHA-256 MAC',
      ...ok(),
    },
  );
  hand(
    'ber-indefinite-3des.pfx',
    {
      ber: true,
      mac: { hash: 'sha1' },
      safes: [
        { encrypt: DES3, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        { bags: [shroudedBag(pkcs8('rsa'), PW, DES3, { localKeyId: lk(1) })] },
      ],
    },
    { how: 'indefinite-length BER, 3DES, SHA-1 MAC', ...ok('rsa', '2012r2') },
  );
  hand(
    'several-safecontents.pfx',
    {
      safes: [
        { encrypt: AES, bags: [certBag(X('root'))] },
        { bags: [certBag(X('ca'))] },
        { encrypt: AES, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        { bags: [shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) })] },
      ],
    },
    {
      how: 'four SafeContents: root (encrypted), issuing CA (plain), leaf (encrypted), key (plain); the leaf is not first',
      ...ok(),
    },
  );
  hand(
    'mixed-bags-one-safe.pfx',
    {
      safes: [
        {
          bags: [
            certBag(X('ca')),
            shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) }),
            certBag(X('rsa'), { localKeyId: lk(1) }),
          ],
        },
      ],
    },
    {
      how: 'one plain SafeContents holding a plain cert bag and a shrouded key bag (the key is the only encrypted part)',
      ...ok(),
    },
  );
  hand(
    'shrouded-and-plain-same-key.pfx',
    {
      safes: [
        { encrypt: AES, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        {
          bags: [
            shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) }),
            keyBag(pkcs8('rsa'), { localKeyId: lk(1) }),
          ],
        },
      ],
    },
    { how: 'the same key twice: a shrouded key bag and a plain key bag', ...ok() },
  );
  hand(
    'no-localkeyid.pfx',
    {
      safes: [
        { encrypt: AES, bags: [certBag(X('ca')), certBag(X('rsa'))] },
        { bags: [shroudedBag(pkcs8('rsa'), PW, AES, {})] },
      ],
    },
    {
      how: 'no localKeyID anywhere; the key matches the leaf by its public key only; the CA comes first',
      ...ok(),
    },
  );
  hand(
    'renewed-linked-second.pfx',
    {
      safes: [
        {
          encrypt: AES,
          bags: [
            certBag(X('rsa'), { localKeyId: lk(1) }),
            certBag(X('renewed'), { localKeyId: lk(2) }),
          ],
        },
        { bags: [shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(2) })] },
      ],
    },
    {
      how: 'two certificates for one key (renewed with the same key); localKeyID links the key to the second',
      ...ok('renewed'),
    },
  );
  hand(
    'renewed-unlinked.pfx',
    {
      safes: [
        { encrypt: AES, bags: [certBag(X('rsa')), certBag(X('renewed'))] },
        { bags: [shroudedBag(pkcs8('rsa'), PW, AES, {})] },
      ],
    },
    {
      how: 'two certificates for one key, no localKeyID: the first in file order gets the key',
      ...ok('rsa'),
    },
  );
  hand(
    'two-keys-two-leaves.pfx',
    {
      safes: [
        {
          encrypt: AES,
          bags: [
            certBag(X('sup02'), { localKeyId: lk(2) }),
            certBag(X('rsa'), { localKeyId: lk(1) }),
          ],
        },
        {
          bags: [
            shroudedBag(pkcs8('sup02'), PW, AES, { localKeyId: lk(2) }),
            shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) }),
          ],
        },
      ],
    },
    {
      how: 'two leaves with their keys: sup02 first, then sup01 (the name the check is given)',
      ...ok('rsa'),
    },
  );
  hand(
    'wrong-key.pfx',
    {
      safes: [
        { encrypt: AES, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        { bags: [shroudedBag(pkcs8('sup02'), PW, AES, { localKeyId: lk(1) })] },
      ],
    },
    {
      how: "the leaf with another certificate's key (same localKeyID)",
      ...ok('rsa', '2019', false),
    },
  );
  hand(
    'ca-key-only-match.pfx',
    {
      safes: [
        { encrypt: AES, bags: [certBag(X('rsa')), certBag(X('ca'), { localKeyId: lk(1) })] },
        { bags: [shroudedBag(readFileSync(t('ca.key.p8')), PW, AES, { localKeyId: lk(1) })] },
      ],
    },
    {
      how: "the leaf without key, and the issuing CA's certificate with its key",
      ...ok('ca', '2019', true),
    },
  );
  hand(
    'pbmac1-sha256.pfx',
    {
      mac: { kind: 'pbmac1', hmac: 'sha256', prf: 'sha256' },
      safes: [
        { encrypt: AES, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        { bags: [shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) })] },
      ],
    },
    {
      how: 'PBMAC1 (RFC 9579) HMAC-SHA256 / PBKDF2-HMAC-SHA256, as OpenSSL 3.4+ -pbmac1_pbkdf2 writes it',
      ...ok('rsa', null),
    },
  );
  hand(
    'pbmac1-sha512.pfx',
    {
      mac: { kind: 'pbmac1', hmac: 'sha512', prf: 'sha512' },
      safes: [
        { encrypt: AES, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        { bags: [shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) })] },
      ],
    },
    { how: 'PBMAC1 HMAC-SHA512 / PBKDF2-HMAC-SHA512', ...ok('rsa', null) },
  );
  hand(
    'pbes2-sha1-prf.pfx',
    {
      mac: { hash: 'sha1' },
      safes: [
        { encrypt: { kind: 'aes', prf: 'sha1' }, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        {
          bags: [
            shroudedBag(pkcs8('rsa'), PW, { kind: 'aes', prf: 'sha1' }, { localKeyId: lk(1) }),
          ],
        },
      ],
    },
    {
      how: 'PBES2 AES-256 with the default PRF (hmacWithSHA1, parameter absent), SHA-1 MAC: what node-forge writes',
      expect: { ...ok('rsa', null).expect, needs2019: false },
    },
  );
  hand(
    'mac-iter-field-absent.pfx',
    {
      mac: { hash: 'sha1', iter: 1, omitIter: true },
      safes: [
        { encrypt: DES3, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
        { bags: [shroudedBag(pkcs8('rsa'), PW, DES3, { localKeyId: lk(1) })] },
      ],
    },
    { how: 'MacData without the iterations field (DEFAULT 1)', ...ok('rsa', '2012r2') },
  );
  hand(
    'nonascii-name.pfx',
    {
      safes: [
        {
          encrypt: AES,
          bags: [certBag(X('rsa'), { localKeyId: lk(1), name: 'Zertifikat für SUP – 2025' })],
        },
        {
          bags: [
            shroudedBag(pkcs8('rsa'), PW, AES, {
              localKeyId: lk(1),
              name: 'Zertifikat für SUP – 2025',
            }),
          ],
        },
      ],
    },
    { how: 'a non-ASCII friendlyName', ...ok() },
  );
  // Damage and wrong passwords.
  const good = pfx({
    safes: [
      { encrypt: AES, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
      { bags: [shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) })] },
    ],
  });
  add('wrong-password.pfx', good, {
    tool: 'hand',
    how: 'a good AES-256 file read with the wrong password',
    password: 'Passw0rd?',
    expect: { error: 'WRONG_PASSWORD', fragment: 'wrong password' },
  });
  const flipped = Buffer.from(good);
  flipped[flipped.length - 40] ^= 0x01; // inside the MAC digest (the MacData is the last ~60 bytes)
  add('damaged-mac.pfx', flipped, {
    tool: 'hand',
    how: 'one bit of the MAC digest flipped',
    password: PW,
    expect: { error: 'MALFORMED', fragment: 'damaged' },
  });
  add('truncated.pfx', good.subarray(0, Math.floor(good.length * 0.7)), {
    tool: 'hand',
    how: 'the first 70% of a good file (an interrupted copy)',
    password: PW,
    expect: { error: 'MALFORMED', fragment: 'truncated' },
  });
  const pbmacWrong = pfx({
    mac: { kind: 'pbmac1', hmac: 'sha256', prf: 'sha256' },
    safes: [
      { encrypt: AES, bags: [certBag(X('rsa'), { localKeyId: lk(1) })] },
      { bags: [shroudedBag(pkcs8('rsa'), PW, AES, { localKeyId: lk(1) })] },
    ],
  });
  add('pbmac1-wrong-password.pfx', pbmacWrong, {
    tool: 'hand',
    how: 'a PBMAC1 file read with the wrong password',
    password: 'Not-the-Passw0rd',
    expect: { error: 'WRONG_PASSWORD', fragment: 'wrong password' },
  });
}

/** The RSA leaf with its key and chain as an OpenSSL PFX, for NSS or keytool to import. */
function exportForImport(name) {
  ossl(
    'pkcs12',
    '-export',
    '-in',
    t('rsa.pem'),
    '-inkey',
    t('rsa.key'),
    '-certfile',
    t('chain.pem'),
    '-name',
    'sup01',
    '-passout',
    `pass:${PW}`,
    '-out',
    t(name),
  );
}

function nssRows() {
  if (!has('pk12util') || !has('certutil'))
    throw new Error('pk12util and certutil are needed (Debian: apt-get install libnss3-tools)');
  const db = t('nssdb');
  run('mkdir', ['-p', db]);
  run('certutil', ['-N', '-d', `sql:${db}`, '--empty-password']);
  exportForImport('nss-in.pfx');
  run('pk12util', ['-i', t('nss-in.pfx'), '-d', `sql:${db}`, '-W', PW, '-K', '']);
  const nss = (file, args, row) => {
    run('pk12util', [
      '-o',
      join(OUT, file),
      '-n',
      'sup01',
      '-d',
      `sql:${db}`,
      '-W',
      PW,
      '-K',
      '',
      ...args,
    ]);
    add(file, readFileSync(join(OUT, file)), {
      tool: 'pk12util',
      how: `pk12util -o ${file} -n sup01 ${args.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ')}`.trim(),
      password: PW,
      ...row,
    });
  };
  const version = String(
    run('sh', ['-c', "dpkg-query -W -f '${Version}' libnss3 2>/dev/null || true"]),
  ).trim();
  nss('nss-default.pfx', [], {
    expect: { ok: true, judged: 'rsa', keyMatched: true, importsFrom: null },
    toolVersion: `NSS ${version}`,
  });
  nss(
    'nss-3des-sha1.pfx',
    [
      '-c',
      'PKCS #12 V2 PBE With SHA-1 And 3KEY Triple DES-CBC',
      '-C',
      'PKCS #12 V2 PBE With SHA-1 And 3KEY Triple DES-CBC',
      '-M',
      'SHA-1',
    ],
    {
      expect: { ok: true, judged: 'rsa', keyMatched: true, importsFrom: '2012r2' },
      toolVersion: `NSS ${version}`,
    },
  );
  nss('nss-aes256-sha256.pfx', ['-c', 'AES-256-CBC', '-C', 'AES-256-CBC', '-M', 'SHA-256'], {
    expect: { ok: true, judged: 'rsa', keyMatched: true, importsFrom: null },
    toolVersion: `NSS ${version}`,
  });
}

function javaRows() {
  if (!has('keytool'))
    throw new Error('keytool is needed (a JDK, e.g. Debian openjdk-17-jdk-headless)');
  const version = String(run('sh', ['-c', 'java -version 2>&1 | head -1'])).trim();
  exportForImport('java-in.pfx');
  const imp = (file, extra, row) => {
    run('keytool', [
      '-importkeystore',
      '-srckeystore',
      t('java-in.pfx'),
      '-srcstoretype',
      'PKCS12',
      '-srcstorepass',
      PW,
      '-destkeystore',
      join(OUT, file),
      '-deststoretype',
      'PKCS12',
      '-deststorepass',
      PW,
      '-noprompt',
      ...extra,
    ]);
    add(file, readFileSync(join(OUT, file)), {
      tool: 'keytool',
      toolVersion: version,
      how: `keytool -importkeystore (from an OpenSSL PFX) -deststoretype PKCS12 ${extra.join(' ')}`.trim(),
      password: PW,
      ...row,
    });
  };
  imp('java-default.pfx', [], {
    expect: { ok: true, judged: 'rsa', keyMatched: true, importsFrom: null },
  });
  imp('java-legacy.pfx', ['-J-Dkeystore.pkcs12.legacy'], {
    expect: { ok: true, judged: 'rsa', keyMatched: true, importsFrom: '2012r2' },
  });
  // A truststore: certificate entries only (Java marks them with its trusted-key-usage attribute).
  const file = 'java-truststore.pfx';
  run('keytool', [
    '-importcert',
    '-alias',
    'root',
    '-file',
    t('root.pem'),
    '-keystore',
    join(OUT, file),
    '-storetype',
    'PKCS12',
    '-storepass',
    PW,
    '-noprompt',
  ]);
  run('keytool', [
    '-importcert',
    '-alias',
    'sup01',
    '-file',
    t('rsa.pem'),
    '-keystore',
    join(OUT, file),
    '-storetype',
    'PKCS12',
    '-storepass',
    PW,
    '-noprompt',
  ]);
  add(file, readFileSync(join(OUT, file)), {
    tool: 'keytool',
    toolVersion: version,
    how: 'keytool -importcert root and leaf into a new PKCS12 store (certificate entries only)',
    password: PW,
    expect: { ok: true, judged: 'rsa', keyMatched: false, importsFrom: null },
  });
}

function forgeRows() {
  let forge;
  try {
    forge = createRequire(import.meta.url)('node-forge');
  } catch {
    throw new Error('node-forge is needed (npm ci: it is a devDependency)');
  }
  const key = forge.pki.privateKeyFromPem(readFileSync(t('rsa.key'), 'utf8'));
  const certs = ['rsa', 'ca', 'root'].map((n) =>
    forge.pki.certificateFromPem(readFileSync(t(`${n}.pem`), 'utf8')),
  );
  const make = (file, options, row) => {
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, PW, { friendlyName: 'sup01', ...options });
    add(file, Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), {
      tool: 'node-forge',
      toolVersion: `node-forge ${createRequire(import.meta.url)('node-forge/package.json').version}`,
      how: `forge.pkcs12.toPkcs12Asn1(key, [leaf, ca, root], pw, ${JSON.stringify({ friendlyName: 'sup01', ...options })})`,
      password: PW,
      ...row,
    });
  };
  make(
    'forge-3des.pfx',
    { algorithm: '3des' },
    { expect: { ok: true, judged: 'rsa', keyMatched: true, importsFrom: '2012r2' } },
  );
  make(
    'forge-aes256.pfx',
    { algorithm: 'aes256' },
    { expect: { ok: true, judged: 'rsa', keyMatched: true, importsFrom: null, needs2019: false } },
  );
  make(
    'forge-nomac.pfx',
    { algorithm: '3des', useMac: false },
    { expect: { ok: true, judged: 'rsa', keyMatched: true, importsFrom: null, needs2019: false } },
  );
}

// --- run ------------------------------------------------------------------------------------
if (existsSync(OUT))
  for (const f of readdirSync(OUT))
    if (f.endsWith('.pfx') || f.endsWith('.pem')) rmSync(join(OUT, f));
pki();
writeFileSync(t('ca.key.p8'), pkcs8('ca'));
opensslRows();
handRows();
nssRows();
javaRows();
forgeRows();
for (const n of ['root', 'ca', 'rsa', 'sup02', 'renewed', 'rsa4096', 'p256', 'p384', 'p521'])
  writeFileSync(join(OUT, `${n}.pem`), readFileSync(t(`${n}.pem`)));
const certs = Object.fromEntries(
  ['root', 'ca', 'rsa', 'sup02', 'renewed', 'rsa4096', 'p256', 'p384', 'p521'].map((n) => [
    n,
    sha256(X(n)),
  ]),
);
const notBefore = new Date(
  String(ossl('x509', '-in', t('rsa.pem'), '-noout', '-startdate'))
    .trim()
    .replace('notBefore=', ''),
).toISOString();
const manifest = {
  made: { openssl: String(ossl('version')).trim(), notBefore, names: 'sup01.corp.contoso.com' },
  certificates: certs,
  rows,
};
writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
rmSync(tmp, { recursive: true, force: true });
console.log(`${rows.length} files in ${OUT}`);
