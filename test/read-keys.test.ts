import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { matchKeysToCertificates } from '../src/read/privateKey.js';
import { certificateInternals } from '../src/x509/parseCertificate.js';
import { publicKeyIdFromSpki } from '../src/x509/publicKey.js';
import { fixture, rejectionCode } from './fixtures.js';

const text = (f: string): string => fixture(`generated/${f}`).toString('utf8');

describe('private keys in PEM files', () => {
  it('matches each key to its certificate by public key, whatever the order', async () => {
    const bundle = await readCertificates(text('bundle-with-keys.pem'));
    for (const key of bundle.keys) {
      const cert = bundle.certificates[key.certificateIndex!]!;
      expect(cert.publicKey.algorithm).toBe(key.algorithm);
    }
    expect(bundle.keys.map((k) => [k.algorithm, k.curve ?? k.bits])).toEqual([
      ['rsa', 2048],
      ['ec', 'P-256'],
    ]);
  });

  it('a key whose certificate is not in the file has certificateIndex null', async () => {
    const bundle = await readCertificates(`${text('leaf-rsa.pem')}\n${text('leaf-ec.key')}`);
    expect(bundle.keys).toEqual([
      expect.objectContaining({ algorithm: 'ec', curve: 'P-256', certificateIndex: null }),
    ]);
  });

  it('reads PKCS#1 "RSA PRIVATE KEY" and SEC1 "EC PRIVATE KEY" blocks', async () => {
    const rsa = await readCertificates(text('leaf-rsa-key-pkcs1.pem'));
    expect(rsa.keys[0]).toMatchObject({
      algorithm: 'rsa',
      bits: 2048,
      certificateIndex: 0,
      source: 'pem',
    });
  });

  it('describes keys node:crypto must load itself (Ed25519 carries no public key in PKCS#8 v1)', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const bundle = await readCertificates(pem);
    expect(bundle.keys).toEqual([
      expect.objectContaining({ algorithm: 'ed25519', certificateIndex: null }),
    ]);
  });

  it('opens an encrypted PKCS#8 key with the password and asks for it without one', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const pem = privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'k3y-pass' })
      .toString();
    expect((await readCertificates(pem, { password: 'k3y-pass' })).keys[0]).toMatchObject({
      algorithm: 'ec',
      curve: 'P-384',
    });
    expect(await rejectionCode(readCertificates(pem, { password: 'wrong' }))).toBe(
      'WRONG_PASSWORD',
    );
    // PASSWORD_REQUIRED as for a PFX, not a note and "Private key: not in the file".
    expect(await rejectionCode(readCertificates(`${text('leaf-rsa.pem')}\n${pem}`))).toBe(
      'PASSWORD_REQUIRED',
    );
  });

  it('opens a legacy OpenSSL "Proc-Type: 4,ENCRYPTED" RSA key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey
      .export({ type: 'pkcs1', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'k3y-pass' })
      .toString();
    expect(pem).toMatch(/Proc-Type: 4,ENCRYPTED/);
    expect((await readCertificates(pem, { password: 'k3y-pass' })).keys[0]).toMatchObject({
      algorithm: 'rsa',
      bits: 1024,
    });
  });

  it('never returns key material', async () => {
    const bundle = await readCertificates(fixture('generated/default.pfx'), {
      password: 'Passw0rd!',
    });
    const json = JSON.stringify(bundle.keys);
    expect(json).not.toMatch(/[0-9a-f]{64}/);
    expect(Object.keys(bundle.keys[0]!).sort()).toEqual(
      ['algorithm', 'bits', 'certificateIndex', 'friendlyName', 'localKeyId', 'source'].sort(),
    );
  });
});

describe('matchKeysToCertificates', () => {
  it('a key goes to the certificate with its public key: the one with its localKeyId among equals, else the first; no identity or no such certificate is null', async () => {
    const [leaf, ca] = (await readCertificates(text('fullchain.pem'))).certificates;
    const id = (c: typeof leaf) => publicKeyIdFromSpki(certificateInternals(c!).spkiDer);
    expect(id(leaf)).not.toBe(id(ca));
    const certificates = [
      { info: ca! },
      { info: leaf!, localKeyId: '01' },
      { info: leaf!, localKeyId: '02' },
    ];
    const keys = [
      { publicKeyId: id(leaf), localKeyId: '02' },
      { publicKeyId: id(leaf), localKeyId: '99' },
      { publicKeyId: id(leaf) },
      { publicKeyId: id(ca) },
      { publicKeyId: null },
      { publicKeyId: 'rsa:00c3:010001' },
    ];
    expect(matchKeysToCertificates(keys, certificates)).toEqual([2, 1, 1, 0, null, null]);
    expect(matchKeysToCertificates([], certificates)).toEqual([]);
    expect(matchKeysToCertificates([{ publicKeyId: null }], certificates)).toEqual([null]);
  });
});
