import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as hostile from '../scripts/hostile/chain.mjs';
import { readCertificates } from '../src/index.js';
import { ctx, der, int, octet, oid, seq } from './der.js';
import { rejectionCode } from './fixtures.js';

/*
 * SEC 1 v2 §C.4 / RFC 5915 §3 write the private scalar of an ECPrivateKey as an octet string of
 * exactly ceiling(log2(n)/8) octets. Writers differ: GnuTLS (certtool) wrote it as the signed
 * INTEGER's bytes, 33 octets for a P-256 scalar whose top bit is set, and older OpenSSL dropped
 * leading zero octets (a 31-octet P-256 scalar one time in 256). OpenSSL reads both. What
 * Windows' PFX import (CNG) does with them is not documented nor Windows-verified
 * (docs/wine-differences.md, "Reading files"): supcert reads the key when the value is a valid
 * scalar, checks that it belongs to the certificate, and says the encoding is unusual.
 */

const P256 = '2a8648ce3d030107';
const EC_PUBLIC_KEY = '2a8648ce3d0201';
const ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** The P-256 key of scalar `d` (32 octets) and its public point, from node:crypto. */
function p256Key(d: Buffer): { point: Buffer; spki: Buffer } {
  const sec1 = seq(int(1), octet(d), ctx(0, oid(P256)));
  const key = createPrivateKey({ key: sec1, format: 'der', type: 'sec1' });
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return { spki, point: spki.subarray(spki.length - 65) };
}

/** An ECPrivateKey whose privateKey octet string is `scalar` as written, with or without the point. */
const ecPrivateKey = (scalar: Buffer, point?: Buffer): Buffer =>
  seq(
    int(1),
    octet(scalar),
    ctx(0, oid(P256)),
    ...(point ? [ctx(1, der(0x03, Buffer.from([0]), point))] : []),
  );
const pkcs8 = (sec1: Buffer): Buffer =>
  seq(int(0), seq(oid(EC_PUBLIC_KEY), oid(P256)), octet(sec1));
const pemOf = (label: string, bytes: Buffer): string =>
  `-----BEGIN ${label}-----\n${bytes.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;

/** An unencrypted PKCS#12 (no MAC) with a key bag and a certificate bag. */
function pfx(keyInfo: Buffer, cert: Buffer): Buffer {
  const data = (content: Buffer) => seq(oid('2a864886f70d010701'), ctx(0, octet(content)));
  const keyBag = seq(oid('2a864886f70d010c0a0101'), ctx(0, keyInfo));
  const certBag = seq(
    oid('2a864886f70d010c0a0103'),
    ctx(0, seq(oid('2a864886f70d01091601'), ctx(0, octet(cert)))),
  );
  return seq(int(3), data(seq(data(seq(keyBag, certBag)))));
}

const issuer = hostile.keyPair('ec scalar issuer');
const certificateFor = (spki: Buffer): Buffer =>
  hostile.certificate({
    subject: 'sup01.contoso.com',
    issuer: 'EC scalar test CA',
    spki,
    issuerKey: issuer.privateKey,
    extensions: hostile.leafExtensions(),
  });

// A scalar with its top bit set (GnuTLS writes 33 octets) and one whose first octet is zero
// (written in 31 octets once the leading zero is dropped); both fixed, both below the order.
const HIGH = Buffer.from('c1'.repeat(32), 'hex');
const LOW = Buffer.concat([Buffer.from([0]), Buffer.from('5a'.repeat(31), 'hex')]);
const OTHER = Buffer.from('3c'.repeat(32), 'hex');

describe('EC private keys whose scalar is not written in exactly the field size', () => {
  const cases = [
    ['33 octets, a leading zero (GnuTLS)', HIGH, Buffer.concat([Buffer.from([0]), HIGH])],
    ['31 octets, leading zero dropped', LOW, LOW.subarray(1)],
  ] as const;

  for (const [what, d, written] of cases) {
    const { spki, point } = p256Key(d);
    const cert = certificateFor(spki);
    for (const withPoint of [true, false]) {
      const sec1 = ecPrivateKey(written, withPoint ? point : undefined);
      const label = `${what}, ${withPoint ? 'with' : 'without'} the public point`;
      it.each([
        ['PEM "EC PRIVATE KEY"', () => pemOf('CERTIFICATE', cert) + pemOf('EC PRIVATE KEY', sec1)],
        ['PEM "PRIVATE KEY"', () => pemOf('CERTIFICATE', cert) + pemOf('PRIVATE KEY', pkcs8(sec1))],
        ['a PFX key bag', () => pfx(pkcs8(sec1), cert)],
      ])(`${label}: %s is read and matched to its certificate`, async (_kind, input) => {
        const bundle = await readCertificates(input());
        expect(bundle.keys).toHaveLength(1);
        expect(bundle.keys[0]).toMatchObject({ algorithm: 'ec', curve: 'P-256' });
        expect(bundle.keys[0]!.certificateIndex).toBe(0);
        expect(bundle.notes.join('\n')).toMatch(
          new RegExp(`P-256 private scalar is written in ${written.length} octets, not 32`),
        );
      });
    }
  }

  it('a 33-octet scalar names the key of another certificate: read, and matched to none', async () => {
    const { point } = p256Key(OTHER);
    const sec1 = ecPrivateKey(Buffer.concat([Buffer.from([0]), HIGH]), point);
    const bundle = await readCertificates(
      pemOf('CERTIFICATE', certificateFor(p256Key(HIGH).spki)) + pemOf('EC PRIVATE KEY', sec1),
    );
    // The stored point is not the scalar's: the key is damaged, and says so.
    expect(bundle.keys).toHaveLength(0);
    expect(bundle.notes.join('\n')).toMatch(/public point .* is not the one of its private scalar/);
  });

  it.each([
    ['33 octets whose first is not zero', Buffer.concat([Buffer.from([1]), HIGH])],
    [
      'the order itself in 33 octets',
      Buffer.concat([Buffer.from([0]), Buffer.from(ORDER.toString(16), 'hex')]),
    ],
    ['zero', Buffer.alloc(32)],
    ['64 octets of leading zeros and a one', Buffer.concat([Buffer.alloc(63), Buffer.from([1])])],
  ])('%s: refused as damaged (MALFORMED), never a crash', async (_what, scalar) => {
    const key = pemOf('EC PRIVATE KEY', ecPrivateKey(scalar));
    expect(await rejectionCode(readCertificates(key))).toBe('MALFORMED');
  });
});
