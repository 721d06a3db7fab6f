/**
 * The red team's second round (findings F1, F9, F10): work that was bounded in raw counts but not
 * in time, and blank-rendering characters that forged a verdict line. Every input is built here,
 * deterministically.
 * - F9: a PFX whose MAC uses the PKCS#12 KDF over SHA-384/SHA-512 at 2,000,000 iterations (the
 *   per-derivation cap in raw iterations) cost 5–9 s, then the empty and absent password forms
 *   were tried too. Now KDF work is charged in weighted units (src/read/pkcs12/kdfCost.ts).
 * - F10: 1,999 same-named candidate issuers with 16,384-bit RSA moduli and e = 2^32 − 1 cost one
 *   ~1.9 ms verification each (4.5 s). Now a verification is charged by the key's cost
 *   (src/chain/signature.ts, verificationUnits).
 * - F1: U+2800 BRAILLE PATTERN BLANK (and ~3,800 other characters that render as nothing) passed
 *   the sanitiser: 142 of them before "PASS 0 errors…" in an issuer CN wrapped to a fake verdict
 *   line at 80 columns.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pkcs12Kdf } from '../fuzz/pfx.mjs';
import { certificate, keyPair, leafExtensions, caExtensions, pem as pemCerts } from './chain.mjs';
import { der, explicit, int, octet, oid, readOutcome, seq } from './read.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NULL = Buffer.from([5, 0]);

// ---------------------------------------------------------------- F9: PKCS#12 MAC over a slow hash
const HASHES = {
  sha1: { oid: '1.3.14.3.2.26', name: 'sha1', u: 20, v: 64 },
  sha256: { oid: '2.16.840.1.101.3.4.2.1', name: 'sha256', u: 32, v: 64 },
  sha384: { oid: '2.16.840.1.101.3.4.2.2', name: 'sha384', u: 48, v: 128 },
  sha512: { oid: '2.16.840.1.101.3.4.2.3', name: 'sha512', u: 64, v: 128 },
};
const MAC_SALT = Buffer.alloc(16, 2);
const bmp = (password) => {
  const b = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) b.writeUInt16BE(password.charCodeAt(i), i * 2);
  return b;
};

/**
 * A PFX holding one certificate bag (a placeholder), with a classic PKCS#12 MAC (RFC 7292 §5) over
 * `hash` at `iterations`. With `password`, the MAC is computed under it (keep `iterations` small:
 * the generator derives in plain JS); without, the MAC value is junk (every password is wrong).
 */
export function macPfx(hash, iterations, password) {
  const h = HASHES[hash];
  const certBag = seq(
    oid('1.2.840.113549.1.12.10.1.3'),
    explicit(0, seq(oid('1.2.840.113549.1.9.22.1'), explicit(0, octet(Buffer.from('x'))))),
  );
  const authSafe = seq(seq(oid('1.2.840.113549.1.7.1'), explicit(0, octet(seq(certBag)))));
  const digest =
    password === undefined
      ? Buffer.alloc(h.u, 1)
      : createHmacDigest(h, pkcs12Kdf(h, bmp(password), MAC_SALT, iterations, h.u), authSafe);
  return seq(
    int(3),
    seq(oid('1.2.840.113549.1.7.1'), explicit(0, octet(authSafe))),
    seq(seq(seq(oid(h.oid), NULL), octet(digest)), octet(MAC_SALT), int(iterations)),
  );
}
function createHmacDigest(h, key, data) {
  // HMAC (RFC 2104) over node's hash, to keep this file free of a second MAC helper.
  const block = h.v;
  const k = key.length > block ? createHash(h.name).update(key).digest() : key;
  const pad = (byte) => Buffer.from(Array.from({ length: block }, (_, i) => (k[i] ?? 0) ^ byte));
  return createHash(h.name)
    .update(pad(0x5c))
    .update(createHash(h.name).update(pad(0x36)).update(data).digest())
    .digest();
}

// ---------------------------------------------------------------- F10: 16,384-bit RSA issuers
const bitString = (bytes) => der(0x03, Buffer.from([0]), bytes);
const uint = (b) => der(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);

/** An RSA SubjectPublicKeyInfo with a `modulusBits` modulus (hash-filled, odd) and exponent `e` (not a usable key). */
export function rsaSpkiExponent(modulusBits, e, label = 'rt') {
  const n = Buffer.alloc(modulusBits / 8);
  for (let o = 0; o < n.length; o += 32)
    createHash('sha256').update(`${label}:${o}`).digest().copy(n, o);
  n[0] |= 0x80;
  n[n.length - 1] |= 1;
  let hex = e.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return seq(
    seq(oid('1.2.840.113549.1.1.1'), NULL),
    bitString(seq(uint(n), uint(Buffer.from(hex, 'hex')))),
  );
}

/**
 * `count` candidate issuers named like the leaf's issuer, each with a 16,384-bit RSA key and
 * e = 2^32 − 1 (the F10 shape). They share one modulus (only the key's size matters, and each
 * issuer is still a certificate of its own, verified once) and carry junk signatures (none is
 * reached), so making the input costs little next to judging it.
 */
export function rsa16kIssuers(count = 1999) {
  const spki = rsaSpkiExponent(16_384, 0xffffffffn, 'rt16k');
  const junk = Buffer.alloc(64, 0x22);
  const pool = Array.from({ length: count }, (_, i) =>
    certificate({
      serial: 9000 + i,
      subject: 'Test CA',
      issuer: 'Test Root',
      spki,
      extensions: caExtensions(),
      signature: junk,
    }),
  );
  const leaf = certificate({
    serial: 5,
    subject: 'sup01.contoso.com',
    issuer: 'Test CA',
    spki: keyPair('rt16k leaf').spki,
    extensions: leafExtensions(),
    signature: Buffer.alloc(2048, 0x11),
  });
  const rootKey = keyPair('rt16k root');
  const anchor = certificate({
    serial: 1,
    subject: 'Test Root',
    issuer: 'Test Root',
    spki: rootKey.spki,
    issuerKey: rootKey.privateKey,
    extensions: caExtensions(),
  });
  return { leaf, pool, anchor };
}

// ---------------------------------------------------------------- F1: blank-rendering characters
/** Characters that render as an empty cell or nothing, none of which printable() escaped before F1. */
export const BLANKS = [
  '\u2800',
  '\u3164',
  '\uffa0',
  '\u115f',
  '\u1160',
  '\u{1d159}',
  '\u{1d173}',
  '\u{1d17a}',
  '\u17b4',
  '\u17b5',
  '\u180b',
  '\u180e',
  '\u2065',
  '\ufff0',
  '\u{e0080}',
  '\u{f0000}',
  '\u0378',
];
/** The F1 issuer CN: `fill` × 142 + fill fill "PASS" fill fill "0 errors, 0 warnings, 12 info" + padding. */
export function fakeVerdictCn(fill = '\u2800') {
  return (
    fill.repeat(62 + 80) +
    fill +
    fill +
    'PASS' +
    fill +
    fill +
    '0 errors, 0 warnings, 12 info' +
    fill.repeat(80 - 37 + 80)
  );
}
/** A leaf (PEM) whose issuer CN is {@link fakeVerdictCn}. */
export function braillePem(fill = '\u2800') {
  const k = keyPair('rt braille');
  return pemCerts([
    certificate({
      serial: 11,
      subject: 'sup01.corp.contoso.com',
      issuer: fakeVerdictCn(fill),
      spki: k.spki,
      issuerKey: k.privateKey,
      extensions: leafExtensions(['nothere.contoso.com']),
    }),
  ]);
}

// ---------------------------------------------------------------- cases
const AT = new Date('2027-06-01T00:00:00Z');

/** @type {Array<{ id: string; kind: number; title: string; run: (lib: any) => Promise<string>; expect: string }>} */
export const cases = [
  {
    id: 'rt-pfx-mac-sha512-2m',
    kind: 3,
    title: 'PFX MAC: PKCS#12 KDF over SHA-512 at 2,000,000 iterations, wrong password',
    run: (lib) => readOutcome(lib, macPfx('sha512', 2_000_000), { password: 'wrong' }),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-pfx-mac-sha384-2m',
    kind: 3,
    title: 'PFX MAC: PKCS#12 KDF over SHA-384 at 2,000,000 iterations, wrong password',
    run: (lib) => readOutcome(lib, macPfx('sha384', 2_000_000), { password: 'wrong' }),
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'rt-pfx-mac-sha1-2m',
    kind: 3,
    title:
      'PFX MAC: PKCS#12 KDF over SHA-1 at 2,000,000 iterations, wrong password: one derivation (the empty/absent retries would cost 3 × 2,000,000 units, over maxIterations)',
    run: (lib) => readOutcome(lib, macPfx('sha1', 2_000_000), { password: 'wrong' }),
    expect: 'WRONG_PASSWORD',
  },
  {
    id: 'rt-chain-rsa16k-e32',
    kind: 4,
    title: '1,999 same-named issuers with 16,384-bit RSA keys and e = 2^32 - 1',
    run: async (lib) => {
      const { leaf, pool, anchor } = rsa16kIssuers();
      const report = await lib.validateSupCertificate(pemCerts([leaf, ...pool]), {
        names: 'sup01.contoso.com',
        trustAnchors: [pemCerts([anchor])],
        at: AT,
      });
      return report.chain?.valid
        ? 'valid'
        : report.chain?.problems.some((p) => p.code === 'SEARCH_LIMIT')
          ? 'SEARCH_LIMIT'
          : 'invalid';
    },
    expect: 'SEARCH_LIMIT',
  },
  {
    id: 'rt-braille-fake-verdict',
    kind: 9,
    title: 'issuer CN of U+2800 padding a fake "PASS 0 errors" line (check, 80 columns)',
    run: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'supcert-rt-'));
      try {
        writeFileSync(path.join(dir, 'braille.pem'), braillePem());
        const stdout = await new Promise((resolve) => {
          execFile(
            process.execPath,
            [
              path.join(HERE, '../../dist/cli.cjs'),
              'check',
              path.join(dir, 'braille.pem'),
              '--names',
              'sup01.corp.contoso.com',
              '--no-color',
            ],
            { env: { ...process.env, COLUMNS: '80' } },
            (_e, out) => resolve(out),
          );
        });
        return /\u2800/u.test(stdout) ? 'raw U+2800' : 'escaped';
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    expect: 'escaped',
  },
];
