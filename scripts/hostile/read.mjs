/**
 * Hostile inputs for src/read (kinds 1, 2, 3, 6 and 11, in the order named here): crafted private
 * keys that made node:crypto abort the process, lengths taken from a PFX without bounds, KDF work
 * per structure instead of per file, keys x certificates matching, and an unknown PBES2 cipher
 * reported as a wrong password. Every input is built here, deterministically (fixed bytes, no
 * randomness).
 */
import { createCipheriv, createECDH, createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pkcs12Kdf } from '../fuzz/pfx.mjs';
import { der, seq } from './der.mjs';

// ---------------------------------------------------------------- DER writer (./der.mjs)
export { der, seq };
export const octet = (bytes) => der(0x04, Buffer.from(bytes));
export const explicit = (n, ...parts) => der(0xa0 + n, ...parts);
const NULL = Buffer.from([5, 0]);
/** INTEGER from a number or bigint (two's complement, minimal). */
export function int(value) {
  let v = BigInt(value);
  const bytes = [];
  for (;;) {
    bytes.unshift(Number(BigInt.asUintN(8, v)));
    const rest = v >> 8n;
    if ((rest === 0n && (bytes[0] & 0x80) === 0) || (rest === -1n && (bytes[0] & 0x80) !== 0))
      break;
    v = rest;
  }
  return der(0x02, Buffer.from(bytes));
}
/** INTEGER from unsigned big-endian bytes. */
export const uint = (bytes) =>
  der(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : Buffer.from(bytes));
export function oid(text) {
  const arcs = text.split('.').map(BigInt);
  const out = [];
  const push = (v) => {
    const d = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) d.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...d);
  };
  push(arcs[0] * 40n + arcs[1]);
  for (const a of arcs.slice(2)) push(a);
  return der(0x06, Buffer.from(out));
}
export const pem = (label, bytes, headers = '') =>
  `-----BEGIN ${label}-----\n${headers}${Buffer.from(bytes)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

export const O = {
  ecPublicKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  p384: '1.3.132.0.34',
  p521: '1.3.132.0.35',
  secp256k1: '1.3.132.0.10',
  brainpoolP256r1: '1.3.36.3.3.2.8.1.1.7',
  secp112r1: '1.3.132.0.6',
  rsa: '1.2.840.113549.1.1.1',
  dsa: '1.2.840.10040.4.1',
  ed25519: '1.3.101.112',
  ed448: '1.3.101.113',
  x25519: '1.3.101.110',
  x448: '1.3.101.111',
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbmac1: '1.2.840.113549.1.5.14',
  hmacSha256: '1.2.840.113549.2.9',
  sha256: '2.16.840.1.101.3.4.2.1',
  aes256cbc: '2.16.840.1.101.3.4.1.42',
  rc2cbc: '1.2.840.113549.3.2',
};
const P256_ORDER = Buffer.from(
  'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  'hex',
);

// ---------------------------------------------------------------- private keys
/** ECPrivateKey (RFC 5915) inside PKCS#8, optionally with the public point. */
export function ecPkcs8(scalar, { curve = O.p256, point } = {}) {
  const inner = seq(
    int(1),
    octet(scalar),
    ...(point ? [der(0xa1, der(0x03, Buffer.concat([Buffer.from([0]), point])))] : []),
  );
  return seq(int(0), seq(oid(O.ecPublicKey), oid(curve)), octet(inner));
}
export const ecSec1 = (scalar, curve = O.p256) =>
  seq(int(1), octet(scalar), explicit(0, oid(curve)));
export const okpPkcs8 = (algorithm, length) =>
  seq(int(0), seq(oid(algorithm)), octet(octet(Buffer.alloc(length, 7))));
export function dsaPkcs8({ p, q, g, x }) {
  return seq(int(0), seq(oid(O.dsa), seq(uint(p), uint(q), uint(g))), octet(uint(x)));
}
/** RSAPrivateKey with only the fields supcert reads filled in meaningfully. */
export function rsaPkcs1(modulus, exponent = Buffer.from([1, 0, 1])) {
  return seq(int(0), uint(modulus), uint(exponent), int(1), int(1), int(1), int(1), int(1), int(1));
}
export const rsaPkcs8 = (modulus, exponent) =>
  seq(int(0), seq(oid(O.rsa), NULL), octet(rsaPkcs1(modulus, exponent)));

/** A 45-byte scalar on P-256 (order: 32 bytes) and no public point: node:crypto aborted on it. */
export const EC_45 = Buffer.alloc(45, 0x7f);

// ---------------------------------------------------------------- encryption
const SALT = Buffer.from('0123456789abcdef');
const IV = Buffer.from('fedcba9876543210');
/**
 * EncryptedPrivateKeyInfo with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), as OpenSSL 3 writes it.
 * `cipherOid` replaces the cipher (the bytes are still AES-256-CBC); `rc2Version`/`keyLength`
 * craft the RC2 parameters and PBKDF2 key length; `salt` the salt.
 */
export function pbes2(
  plain,
  password,
  iterations,
  { cipherOid = O.aes256cbc, salt = SALT, keyLength, rc2Version } = {},
) {
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const c = createCipheriv('aes-256-cbc', key, IV);
  const data = Buffer.concat([c.update(plain), c.final()]);
  const kdfParams = seq(
    octet(salt),
    int(iterations),
    ...(keyLength !== undefined ? [int(keyLength)] : []),
    seq(oid(O.hmacSha256), NULL),
  );
  const cipherParams =
    rc2Version !== undefined
      ? seq(int(rc2Version), octet(IV.subarray(0, 8)))
      : octet(cipherOid === O.rc2cbc ? IV.subarray(0, 8) : IV);
  const alg = seq(
    oid(O.pbes2),
    seq(seq(oid(O.pbkdf2), kdfParams), seq(oid(cipherOid), cipherParams)),
  );
  return { alg, data, epki: seq(alg, octet(data)) };
}

/** OpenSSL's legacy PEM encryption: AES-256-CBC, key = EVP_BytesToKey(MD5, salt = IV[0..8], 1 iteration). */
export function legacyPem(label, plain, password) {
  const parts = [];
  let previous = Buffer.alloc(0);
  while (Buffer.concat(parts).length < 32) {
    previous = createHash('md5')
      .update(previous)
      .update(password)
      .update(IV.subarray(0, 8))
      .digest();
    parts.push(previous);
  }
  const c = createCipheriv('aes-256-cbc', Buffer.concat(parts).subarray(0, 32), IV);
  return pem(
    label,
    Buffer.concat([c.update(plain), c.final()]),
    `Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,${IV.toString('hex').toUpperCase()}\n\n`,
  );
}

// ---------------------------------------------------------------- PKCS#12
const bag = (type, value) => seq(oid(type), explicit(0, value));
export const keyBag = (pkcs8) => bag(O.keyBag, pkcs8);
export const shroudedBag = (pkcs8, password, iterations, options) =>
  bag(O.shroudedKeyBag, pbes2(pkcs8, password, iterations, options).epki);
const dataInfo = (bytes) => seq(oid(O.data), explicit(0, octet(bytes)));
/** ContentInfo encryptedData holding SafeContents (PBES2 as above). */
export function encryptedSafe(bags, password, iterations, options) {
  const { alg, data } = pbes2(seq(...bags), password, iterations, options);
  return seq(
    oid(O.encryptedData),
    explicit(0, seq(int(0), seq(oid(O.data), alg, der(0x80, data)))),
  );
}
const BMP = (password) => {
  const b = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) b.writeUInt16BE(password.charCodeAt(i), i * 2);
  return b;
};

/**
 * A PFX: `parts` are SafeContents bag lists (plain) or ready ContentInfos (Buffer from
 * encryptedSafe). `mac`: { iterations } (HMAC-SHA256, PKCS#12 KDF), { pbmac1: { keyLength,
 * iterations } }, or null for none. The MAC is computed under `password` (when it can be).
 */
export function pfx(parts, password, mac = { iterations: 2048 }) {
  const infos = parts.map((p) => (Buffer.isBuffer(p) ? p : dataInfo(seq(...p))));
  const authSafe = seq(...infos);
  const pieces = [int(3), dataInfo(authSafe)];
  if (mac?.pbmac1) {
    const { keyLength, iterations = 2048, digestLength = 32 } = mac.pbmac1;
    const sane = keyLength >= 1 && keyLength <= 4096;
    const digest = sane
      ? createHmac(
          'sha256',
          pbkdf2Sync(Buffer.from(password, 'utf8'), SALT, iterations, keyLength, 'sha256'),
        )
          .update(authSafe)
          .digest()
          .subarray(0, digestLength)
      : Buffer.alloc(digestLength);
    const params = seq(
      seq(
        oid(O.pbkdf2),
        seq(octet(SALT), int(iterations), int(keyLength), seq(oid(O.hmacSha256), NULL)),
      ),
      seq(oid(O.hmacSha256), NULL),
    );
    pieces.push(
      seq(seq(seq(oid(O.pbmac1), params), octet(digest)), octet(Buffer.from('NOT USED')), int(1)),
    );
  } else if (mac) {
    const { iterations, salt = SALT, digestLength = 32 } = mac;
    const key = pkcs12Kdf({ name: 'sha256', u: 32, v: 64 }, BMP(password), salt, iterations, 32);
    const digest = createHmac('sha256', key).update(authSafe).digest().subarray(0, digestLength);
    pieces.push(seq(seq(seq(oid(O.sha256), NULL), octet(digest)), octet(salt), int(iterations)));
  }
  return seq(...pieces);
}

export const PASSWORD = 'Hostile-11';

/** A valid P-256 key with its point (the scalar's: a stored point of another key is damaged). */
export const GOOD_EC = ecPkcs8(Buffer.alloc(32, 0x11), {
  point: (() => {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.alloc(32, 0x11));
    return ecdh.getPublicKey();
  })(),
});

/** Runs readCertificates and returns the SupCertError code, or 'ok'; anything else is returned as 'CRASH <name>'. */
export async function readOutcome(lib, input, options = {}) {
  try {
    await lib.readCertificates(input, options);
    return 'ok';
  } catch (error) {
    return error instanceof lib.SupCertError
      ? error.code
      : `CRASH ${error?.name}: ${error?.message}`;
  }
}

/** Key inputs that must never reach node:crypto unchecked (kind 1): [id, title, input, options, expect]. */
export const KEY_CASES = [
  [
    'ec-p256-scalar45-pkcs8-pem',
    'P-256 PKCS#8 key, 45-byte scalar, no public point',
    () => pem('PRIVATE KEY', ecPkcs8(EC_45)),
    {},
    'MALFORMED',
  ],
  [
    'ec-p256-scalar45-sec1-pem',
    'P-256 SEC1 "EC PRIVATE KEY", 45-byte scalar',
    () => pem('EC PRIVATE KEY', ecSec1(EC_45)),
    {},
    'MALFORMED',
  ],
  [
    'ec-p256-scalar45-pfx-keybag',
    'PFX (no MAC) whose key bag holds the 45-byte P-256 scalar',
    () => pfx([[keyBag(ecPkcs8(EC_45))]], '', null),
    {},
    'MALFORMED',
  ],
  [
    'ec-p256-scalar45-pfx-shrouded',
    'PFX with MAC, shrouded key bag holding the 45-byte scalar',
    () => pfx([[shroudedBag(ecPkcs8(EC_45), PASSWORD, 2048)]], PASSWORD),
    { password: PASSWORD },
    'MALFORMED',
  ],
  [
    'ec-p256-scalar45-encrypted-pem',
    '"ENCRYPTED PRIVATE KEY" (PBES2) holding the 45-byte scalar',
    () => pem('ENCRYPTED PRIVATE KEY', pbes2(ecPkcs8(EC_45), PASSWORD, 2048).epki),
    { password: PASSWORD },
    'MALFORMED',
  ],
  [
    'ec-p256-scalar45-pfx-encrypted-safe',
    'PFX with MAC, key bag inside an encrypted SafeContents, 45-byte scalar',
    () => pfx([encryptedSafe([keyBag(ecPkcs8(EC_45))], PASSWORD, 2048)], PASSWORD),
    { password: PASSWORD },
    'MALFORMED',
  ],
  [
    'ec-p256-scalar45-legacy-encrypted-pem',
    'OpenSSL "Proc-Type: 4,ENCRYPTED" SEC1 key (AES-256-CBC) with the 45-byte scalar',
    () => legacyPem('EC PRIVATE KEY', ecSec1(EC_45), PASSWORD),
    { password: PASSWORD },
    'MALFORMED',
  ],
  [
    'ec-p256-scalar33-leading-zero',
    'P-256 scalar of 33 bytes with a leading zero (the INTEGER form): a valid scalar, read; node:crypto gets it in 32',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.concat([Buffer.from([0]), Buffer.alloc(32, 1)]))),
    {},
    'ok',
  ],
  [
    'ec-p256-scalar33-nonzero-first',
    'P-256 scalar of 33 bytes whose first is not zero (longer than the order)',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.concat([Buffer.from([1]), Buffer.alloc(32, 1)]))),
    {},
    'MALFORMED',
  ],
  [
    'ec-p256-scalar33-order',
    'P-256 scalar of 33 bytes: a leading zero, then the order itself',
    () =>
      pem(
        'PRIVATE KEY',
        ecPkcs8(
          Buffer.from('00ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551', 'hex'),
        ),
      ),
    {},
    'MALFORMED',
  ],
  [
    'ec-p521-scalar67',
    'P-521 scalar of 67 bytes (order: 66)',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.alloc(67, 3), { curve: O.p521 })),
    {},
    'MALFORMED',
  ],
  [
    'ec-p384-scalar50',
    'P-384 scalar of 50 bytes',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.alloc(50, 3), { curve: O.p384 })),
    {},
    'MALFORMED',
  ],
  [
    'ec-secp256k1-scalar45',
    'secp256k1 scalar of 45 bytes',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.alloc(45, 3), { curve: O.secp256k1 })),
    {},
    'MALFORMED',
  ],
  [
    'ec-brainpool-scalar45',
    'brainpoolP256r1 scalar of 45 bytes',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.alloc(45, 3), { curve: O.brainpoolP256r1 })),
    {},
    'MALFORMED',
  ],
  [
    'ec-unknown-curve-scalar32',
    'secp112r1 (order 14 bytes) with a 32-byte scalar: described, never given to node:crypto',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.alloc(32, 3), { curve: O.secp112r1 })),
    {},
    'ok',
  ],
  [
    'ec-p256-inner-curve-secp112r1',
    'PKCS#8 says P-256, the ECPrivateKey inside says secp112r1 (order 14 bytes), 32-byte scalar',
    () =>
      pem(
        'PRIVATE KEY',
        seq(
          int(0),
          seq(oid(O.ecPublicKey), oid(O.p256)),
          octet(ecSec1(Buffer.alloc(32, 3), O.secp112r1)),
        ),
      ),
    {},
    'MALFORMED',
  ],
  [
    'ec-p256-scalar-zero',
    'P-256 scalar 0',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.alloc(32, 0))),
    {},
    'MALFORMED',
  ],
  [
    'ec-p256-scalar-order',
    'P-256 scalar equal to the order n',
    () => pem('PRIVATE KEY', ecPkcs8(P256_ORDER)),
    {},
    'MALFORMED',
  ],
  [
    'ec-p256-bad-point',
    'P-256 key whose public point is 4 bytes',
    () => pem('PRIVATE KEY', ecPkcs8(Buffer.alloc(32, 3), { point: Buffer.from([4, 1, 2, 3]) })),
    {},
    'MALFORMED',
  ],
  [
    'ed25519-31',
    'Ed25519 key of 31 bytes',
    () => pem('PRIVATE KEY', okpPkcs8(O.ed25519, 31)),
    {},
    'MALFORMED',
  ],
  [
    'x25519-33',
    'X25519 key of 33 bytes',
    () => pem('PRIVATE KEY', okpPkcs8(O.x25519, 33)),
    {},
    'MALFORMED',
  ],
  [
    'ed448-56',
    'Ed448 key of 56 bytes',
    () => pem('PRIVATE KEY', okpPkcs8(O.ed448, 56)),
    {},
    'MALFORMED',
  ],
  [
    'x448-55',
    'X448 key of 55 bytes',
    () => pem('PRIVATE KEY', okpPkcs8(O.x448, 55)),
    {},
    'MALFORMED',
  ],
  [
    'dsa-x-above-q',
    'DSA key whose private value is larger than q',
    () =>
      pem(
        'PRIVATE KEY',
        dsaPkcs8({
          p: Buffer.alloc(128, 0xc5),
          q: Buffer.alloc(20, 0xc1),
          g: Buffer.from([2]),
          x: Buffer.alloc(200, 0xfe),
        }),
      ),
    {},
    'MALFORMED',
  ],
  [
    'dsa-p-32000-bits',
    'DSA key with a 32,000-bit p',
    () =>
      pem(
        'PRIVATE KEY',
        dsaPkcs8({
          p: Buffer.alloc(4000, 0xc5),
          q: Buffer.alloc(20, 0xc1),
          g: Buffer.from([2]),
          x: Buffer.alloc(20, 0x11),
        }),
      ),
    {},
    'UNSUPPORTED_ALGORITHM',
  ],
  [
    'dsa-p-10000-bits',
    'DSA key with a 10,000-bit p (OpenSSL would compute g^x mod p for each of 1,000 such keys)',
    () =>
      pem(
        'PRIVATE KEY',
        dsaPkcs8({
          p: Buffer.alloc(1250, 0xc5),
          q: Buffer.alloc(32, 0xc1),
          g: Buffer.from([2]),
          x: Buffer.alloc(32, 0x11),
        }),
      ),
    {},
    'UNSUPPORTED_ALGORITHM',
  ],
  [
    'rsa-modulus-40000-bits',
    'RSA key with a 40,000-bit modulus',
    () => pem('RSA PRIVATE KEY', rsaPkcs1(Buffer.alloc(5000, 0xc7))),
    {},
    'UNSUPPORTED_ALGORITHM',
  ],
  [
    'rsa-exponent-longer-than-modulus',
    'RSA key whose exponent is longer than its modulus',
    () => pem('PRIVATE KEY', rsaPkcs8(Buffer.alloc(64, 0xc7), Buffer.alloc(65, 0x03))),
    {},
    'MALFORMED',
  ],
];

/** Inputs for kinds 2, 3 and 11, built lazily (some are large): id -> { input, options, expect }. */
export const FILE_CASES = {
  'pbmac1-key-length-2^31': {
    kind: 2,
    title: 'PBMAC1 keyLength 2^31-1 in a small PFX',
    input: () => pfx([[keyBag(GOOD_EC)]], PASSWORD, { pbmac1: { keyLength: 2 ** 31 - 1 } }),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'pbmac1-key-length-1': {
    kind: 2,
    title: 'PBMAC1 keyLength 1 (a forged file could pass the MAC)',
    input: () => pfx([[keyBag(GOOD_EC)]], PASSWORD, { pbmac1: { keyLength: 1 } }),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'pbmac1-key-length-19': {
    kind: 2,
    title: 'PBMAC1 keyLength 19',
    input: () => pfx([[keyBag(GOOD_EC)]], PASSWORD, { pbmac1: { keyLength: 19 } }),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'pbmac1-key-length-1025': {
    kind: 2,
    title: 'PBMAC1 keyLength 1025 (over the bound; Bouncy Castle JSSE writes 256)',
    input: () => pfx([[keyBag(GOOD_EC)]], PASSWORD, { pbmac1: { keyLength: 1025 } }),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'rc2-version-negative': {
    kind: 2,
    title: 'PBES2 RC2 with rc2ParameterVersion -1',
    input: () =>
      pfx(
        [
          encryptedSafe([keyBag(GOOD_EC)], PASSWORD, 2048, {
            cipherOid: O.rc2cbc,
            rc2Version: -1,
            keyLength: 16,
          }),
        ],
        PASSWORD,
      ),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'rc2-version-2^40': {
    kind: 2,
    title: 'PBES2 RC2 with rc2ParameterVersion 2^40',
    input: () =>
      pfx(
        [
          encryptedSafe([keyBag(GOOD_EC)], PASSWORD, 2048, {
            cipherOid: O.rc2cbc,
            rc2Version: 2 ** 40,
            keyLength: 16,
          }),
        ],
        PASSWORD,
      ),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'rc2-key-length-2^31': {
    kind: 2,
    title: 'PBES2 RC2 with a PBKDF2 keyLength of 2^31-1',
    input: () =>
      pfx(
        [
          encryptedSafe([keyBag(GOOD_EC)], PASSWORD, 2048, {
            cipherOid: O.rc2cbc,
            rc2Version: 58,
            keyLength: 2 ** 31 - 1,
          }),
        ],
        PASSWORD,
      ),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'pbkdf2-salt-1mb': {
    kind: 2,
    title: 'shrouded key bag with a 1 MB PBKDF2 salt',
    input: () =>
      pfx([[shroudedBag(GOOD_EC, PASSWORD, 1, { salt: Buffer.alloc(1 << 20, 1) })]], PASSWORD),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'mac-salt-1mb': {
    kind: 2,
    title: 'MAC with a 1 MB salt',
    input: () =>
      pfx([[keyBag(GOOD_EC)]], PASSWORD, { iterations: 1, salt: Buffer.alloc(1 << 20, 1) }),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'mac-iterations-0': {
    kind: 2,
    title: 'MAC iteration count 0',
    input: () => pfx([[keyBag(GOOD_EC)]], PASSWORD, { iterations: 0 }),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'pbkdf2-iterations-0': {
    kind: 2,
    title: 'shrouded key bag with PBKDF2 iteration count 0',
    input: () =>
      pfx([[bag(O.shroudedKeyBag, seq(pbes2Alg(0), octet(Buffer.alloc(64))))]], PASSWORD),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'mac-digest-short': {
    kind: 2,
    title: 'HMAC-SHA256 MAC value of 1 byte',
    input: () => pfx([[keyBag(GOOD_EC)]], PASSWORD, { iterations: 2048, digestLength: 1 }),
    options: { password: PASSWORD },
    expect: 'MALFORMED',
  },
  'pfx-64-bags-max-iterations': {
    kind: 3,
    title: '64 shrouded key bags at 2,000,000 iterations each (17 KB)',
    input: () =>
      pfx(
        [
          Array.from({ length: 64 }, () =>
            bag(O.shroudedKeyBag, seq(pbes2Alg(2_000_000), octet(Buffer.alloc(64)))),
          ),
        ],
        PASSWORD,
      ),
    options: { password: PASSWORD },
    expect: 'LIMIT_EXCEEDED',
  },
  'pfx-64-bags-wrong-password': {
    kind: 3,
    title: '64 shrouded key bags (50,000 iterations each), wrong password',
    input: () =>
      pfx(
        [
          Array.from({ length: 64 }, () =>
            bag(O.shroudedKeyBag, seq(pbes2Alg(50_000), octet(Buffer.alloc(64)))),
          ),
        ],
        PASSWORD,
      ),
    options: { password: 'not-the-password' },
    expect: 'WRONG_PASSWORD',
  },
  'pem-key-50m-iterations': {
    kind: 3,
    title: '"ENCRYPTED PRIVATE KEY" with 50,000,000 PBKDF2 iterations',
    input: () => pem('ENCRYPTED PRIVATE KEY', seq(pbes2Alg(50_000_000), octet(Buffer.alloc(64)))),
    options: { password: PASSWORD },
    expect: 'LIMIT_EXCEEDED',
  },
  'pem-keys-over-total-iterations': {
    kind: 3,
    title: 'three encrypted PEM keys of 40,000 iterations under maxTotalIterations 100,000',
    input: () => pem('ENCRYPTED PRIVATE KEY', pbes2(GOOD_EC, PASSWORD, 40_000).epki).repeat(3),
    options: { password: PASSWORD, limits: { maxTotalIterations: 100_000 } },
    expect: 'LIMIT_EXCEEDED',
  },
  'pem-1001-keys': {
    kind: 3,
    title: '1,001 PEM private-key blocks',
    input: () => pem('PRIVATE KEY', GOOD_EC).repeat(1001),
    options: {},
    expect: 'LIMIT_EXCEEDED',
  },
  'pem-20001-blocks': {
    kind: 3,
    title: '20,001 empty PEM blocks',
    input: () => '-----BEGIN X509 CRL-----\n-----END X509 CRL-----\n'.repeat(20_001),
    options: {},
    expect: 'LIMIT_EXCEEDED',
  },
  'match-10000-certs-1000-keys': {
    kind: 6,
    title: '10,000 certificates and 1,000 RSA keys in one PEM (keys x certificates matching)',
    input: () => manyCertsAndKeys(10_000, 1_000),
    options: {},
    expect: 'ok',
  },
  'pem-key-unknown-pbes2-cipher': {
    kind: 11,
    title: '"ENCRYPTED PRIVATE KEY" whose PBES2 cipher OID is unknown',
    input: () =>
      pem('ENCRYPTED PRIVATE KEY', pbes2(GOOD_EC, PASSWORD, 2048, { cipherOid: '1.2.3.4.5' }).epki),
    options: { password: PASSWORD },
    expect: 'UNSUPPORTED_ALGORITHM',
  },
};

/**
 * `certificates` copies of the committed leaf-rsa.pem, then its own key, then `keys - 1` RSA keys
 * that match nothing (distinct 2048-bit moduli): the key matching used to compare every key with
 * every certificate.
 */
export function manyCertsAndKeys(certificates, keys) {
  const dir = new URL('../../certs-fixtures/generated/', import.meta.url);
  const cert = readFileSync(new URL('leaf-rsa.pem', dir), 'utf8');
  const withCert = readFileSync(new URL('leaf-rsa-key-pkcs1.pem', dir), 'utf8');
  const own = withCert.slice(withCert.indexOf('-----BEGIN RSA PRIVATE KEY-----'));
  const others = Array.from({ length: keys - 1 }, (_, i) => {
    const modulus = Buffer.alloc(256, 0xc3);
    modulus.writeUInt32BE(i, 100);
    return pem('RSA PRIVATE KEY', rsaPkcs1(modulus));
  });
  return cert.repeat(certificates) + own + others.join('');
}

/** PBES2 AlgorithmIdentifier (PBKDF2-HMAC-SHA256, AES-256-CBC) with the given iteration count. */
export function pbes2Alg(iterations) {
  return seq(
    oid(O.pbes2),
    seq(
      seq(oid(O.pbkdf2), seq(octet(SALT), int(iterations), seq(oid(O.hmacSha256), NULL))),
      seq(oid(O.aes256cbc), octet(IV)),
    ),
  );
}

/** @type {Array<{ id: string; kind: number; title: string; run: (lib: any) => Promise<string>; expect: string }>} */
export const cases = [
  ...KEY_CASES.map(([id, title, input, options, expect]) => ({
    id,
    kind: 1,
    title,
    run: (lib) => readOutcome(lib, input(), options),
    expect,
  })),
  ...Object.entries(FILE_CASES).map(([id, c]) => ({
    id,
    kind: c.kind,
    title: c.title,
    run: (lib) => readOutcome(lib, c.input(), c.options),
    expect: c.expect,
  })),
];
