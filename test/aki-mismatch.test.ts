import { describe, expect, it } from 'vitest';
import * as hostile from '../scripts/hostile/chain.mjs';
import { readCertificates, verifyChain } from '../src/index.js';
import type { CertificateInfo } from '../src/index.js';
import { der, oid, seq } from './der.js';

/*
 * A leaf whose authority key identifier names no certificate (its keyIdentifier is not the
 * issuer's subject key identifier) while its issuer name is the CA's subject, byte for byte.
 *
 * Windows-verified: dotnet/runtime's DynamicChainTests.MismatchKeyIdentifiers
 * (src/libraries/System.Security.Cryptography/tests/X509Certificates/DynamicChainTests.cs,
 * commit 046576b3bb7dd8be56819cc6d354aa5db25d7d7f) builds root → intermediate (SKI
 * C7AC28EFB300F46F9406ED155628A123633E556F) → leaf (AKI keyIdentifier
 * A84A6A63047DDDBAE6D139B7A64565EFF3A8ECA1) and asserts, on every platform but Linux and so on
 * Windows' CryptoAPI chain engine, `Assert.True(chain.Build(endEntityCert))` with
 * `chain.ChainElements.Count == 3`: the key match finds nothing and the name match links the
 * intermediate. Wine's crypt32 (chain.c CRYPT_GetIssuer) looks such a leaf's issuer up by key
 * identifier only and gives a partial chain: Wine-only (docs/wine-differences.md). OpenSSL
 * (the Linux row of that test) refuses it too.
 */

const AT = new Date('2027-06-01T00:00:00Z');
const SKI = Buffer.from('C7AC28EFB300F46F9406ED155628A123633E556F', 'hex');
const AKI = Buffer.from('A84A6A63047DDDBAE6D139B7A64565EFF3A8ECA1', 'hex');
const ski = (id: Buffer) => seq(oid('551d0e'), der(0x04, der(0x04, id)));
const aki = (id: Buffer) => seq(oid('551d23'), der(0x04, seq(der(0x80, id))));
const one = async (bytes: Buffer): Promise<CertificateInfo> =>
  (await readCertificates(bytes)).certificates[0]!;

/** root → intermediate (SKI `SKI`) → leaf (AKI `leafAki`), each signed by its issuer. */
async function chain(leafAki: Buffer, intermediateKey = hostile.keyPair('aki mismatch mid')) {
  const rootKey = hostile.keyPair('aki mismatch root');
  const leafKey = hostile.keyPair('aki mismatch leaf');
  const rootInfo = await one(
    hostile.certificate({
      subject: 'AKI Mismatch Root',
      issuer: 'AKI Mismatch Root',
      spki: rootKey.spki,
      issuerKey: rootKey.privateKey,
      extensions: hostile.caExtensions(),
    }),
  );
  const intermediate = await one(
    hostile.certificate({
      serial: 2,
      subject: 'AKI Mismatch Intermediate',
      issuer: 'AKI Mismatch Root',
      spki: intermediateKey.spki,
      issuerKey: rootKey.privateKey,
      extensions: [...hostile.caExtensions(), ski(SKI)],
    }),
  );
  const leaf = await one(
    hostile.certificate({
      serial: 3,
      subject: 'sup01.contoso.com',
      issuer: 'AKI Mismatch Intermediate',
      spki: leafKey.spki,
      issuerKey: hostile.keyPair('aki mismatch mid').privateKey,
      extensions: [...hostile.leafExtensions(), aki(leafAki)],
    }),
  );
  return { root: rootInfo, intermediate, leaf };
}

describe('path building when the authority key identifier names no certificate but the name matches', () => {
  it('chains by name, as Windows does (dotnet/runtime MismatchKeyIdentifiers): 3 elements, valid', async () => {
    const { root, intermediate, leaf } = await chain(AKI);
    expect(leaf.authorityKeyIdentifier).not.toBe(intermediate.subjectKeyIdentifier);
    const result = await verifyChain(leaf, {
      trustAnchors: [root],
      intermediates: [intermediate],
      at: AT,
    });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.path.map((c) => c.subject)).toEqual([
      leaf.subject,
      intermediate.subject,
      root.subject,
    ]);
  });

  it('the control: with the matching key identifier it chains the same way', async () => {
    const { root, intermediate, leaf } = await chain(SKI);
    const result = await verifyChain(leaf, {
      trustAnchors: [root],
      intermediates: [intermediate],
      at: AT,
    });
    expect(result.valid).toBe(true);
    expect(result.path).toHaveLength(3);
  });

  it('the name match still needs the signature: an intermediate of that name with another key does not link', async () => {
    // The leaf is signed by the "aki mismatch mid" key; this intermediate holds another one.
    const { root, intermediate, leaf } = await chain(AKI, hostile.keyPair('aki mismatch other'));
    const result = await verifyChain(leaf, {
      trustAnchors: [root],
      intermediates: [intermediate],
      at: AT,
    });
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.code)).toContain('BAD_SIGNATURE');
  });
});
