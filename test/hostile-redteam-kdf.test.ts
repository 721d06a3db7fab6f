import { failure } from './failure.js';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkBudget, readCertificates } from '../src/index.js';
import { type ChainResult, verifyChain } from '../src/chain/verifyChain.js';
import { verificationUnits } from '../src/chain/signature.js';
import { KDF_WEIGHTS, kdfUnits } from '../src/read/pkcs12/kdfCost.js';
import { readPkcs12 } from '../src/read/pkcs12/readPkcs12.js';
import type { CertificateInfo } from '../src/x509/CertificateInfo.js';
import * as chain from '../scripts/hostile/chain.mjs';
import { GOOD_EC, pfx, shroudedBag } from '../scripts/hostile/read.mjs';
import { cases, macPfx, rsa16kIssuers, rsaSpkiExponent } from '../scripts/hostile/redteam-kdf.mjs';

/**
 * The red team's second round (F9, F10; F1 is in test/hostile-terminal.test.ts too): work limits
 * that counted raw iterations and raw verifications now count their cost, so they bound time.
 * Bounds are asserted in work units (KDF units, signature-check units), never in wall time.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (name: string): Buffer => readFileSync(path.join(ROOT, 'certs-fixtures', name));

describe('F9: KDF work is charged in weighted units (time), and every password form is priced up front', () => {
  it('the weight table says what was measured: SHA-384/512 in the PKCS#12 KDF cost over 5× SHA-1; PBKDF2-SHA1/SHA-256 cost 1', () => {
    expect(KDF_WEIGHTS.pkcs12.sha1).toBe(1);
    expect(KDF_WEIGHTS.pkcs12.sha512).toBeGreaterThanOrEqual(5);
    expect(KDF_WEIGHTS.pkcs12.sha384).toBeGreaterThanOrEqual(5);
    expect(KDF_WEIGHTS.pbkdf2.sha256).toBe(1);
    // a TripleDES bag (24-byte key + 8-byte IV over SHA-1) runs 3 chains
    expect(kdfUnits('pkcs12', 'sha1', 2000, 3)).toBe(6000);
  });

  it.each(['sha512', 'sha384'] as const)(
    'a %s MAC at 2,000,000 iterations: LIMIT_EXCEEDED (limits.maxIterations) before any derivation',
    async (hash) => {
      const budget = new WorkBudget();
      const error = await failure(
        readCertificates(macPfx(hash, 2_000_000), { password: 'wrong', budget }),
      );
      expect(error.code).toBe('LIMIT_EXCEEDED');
      expect(error.message).toMatch(/limits\.maxIterations/);
      expect(error.message).toMatch(/KDF work units/);
      expect(budget.spent('maxTotalIterations')).toBe(0);
    },
  );

  it('the right password opens a SHA-512 MAC, charged iterations × 5.3', async () => {
    const budget = new WorkBudget();
    const contents = await readPkcs12(macPfx('sha512', 1000, 'pw'), 'pw', budget);
    expect(contents.protection[0]).toMatch(/HMAC-SHA512, 1000 iterations/);
    expect(budget.spent('maxTotalIterations')).toBe(kdfUnits('pkcs12', 'sha512', 1000, 1));
  });

  it('a MAC that fits one derivation but not the file total fails at zero cost', async () => {
    // 300,000 × 5.3 = 1,590,000 units: under maxIterations, over a total of 1,000,000.
    const budget = new WorkBudget({ maxTotalIterations: 1_000_000 });
    const error = await failure(
      readCertificates(macPfx('sha512', 300_000), { password: 'wrong', budget }),
    );
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toMatch(/limits\.maxTotalIterations/);
    expect(budget.spent('maxTotalIterations')).toBe(0);
  });

  it('after a wrong password, the empty/absent forms are tried only when all three fit: else WRONG_PASSWORD after one derivation', async () => {
    // Before: given + empty (80,000) derived, then LIMIT_EXCEEDED on the absent form.
    const tight = new WorkBudget({ maxTotalIterations: 100_000 });
    const error = await failure(
      readCertificates(macPfx('sha1', 40_000), { password: 'wrong', budget: tight }),
    );
    expect(error.code).toBe('WRONG_PASSWORD');
    expect(tight.spent('maxTotalIterations')).toBe(40_000);
    // Nor when the three together cost more than one derivation may (maxIterations): 3 × 800,000 > 2,000,000.
    const big = new WorkBudget({ maxIterations: 2_000_000 });
    expect((await failure(readPkcs12(macPfx('sha1', 800_000), 'wrong', big))).code).toBe(
      'WRONG_PASSWORD',
    );
    expect(big.spent('maxTotalIterations')).toBe(800_000);
    // With room for all three, a file without a password is told apart: three MAC derivations.
    const roomy = new WorkBudget();
    const noPassword = await failure(
      readCertificates(macPfx('sha1', 2000, ''), { password: 'wrong', budget: roomy }),
    );
    expect(noPassword.code).toBe('WRONG_PASSWORD');
    expect(noPassword.message).toMatch(/this file has no password/);
    expect(roomy.spent('maxTotalIterations')).toBeLessThanOrEqual(3 * 2000);
  });

  it('real files still open with the default limits: Windows (SHA-256 MAC, 2,000), OpenSSL 3 (2,048), NSS-style PBKDF2 at 600,000', async () => {
    const windows = new WorkBudget();
    expect(
      (
        await readCertificates(fixture('securityfever-windows-pfx/cert-single-aes.pfx'), {
          password: 'Passw0rd',
          budget: windows,
        })
      ).keys,
    ).toHaveLength(1);
    expect(windows.spent('maxTotalIterations')).toBeLessThan(20_000);
    const openssl = new WorkBudget();
    expect(
      (
        await readCertificates(fixture('generated/default.pfx'), {
          password: 'Passw0rd!',
          budget: openssl,
        })
      ).keys,
    ).toHaveLength(1);
    expect(openssl.spent('maxTotalIterations')).toBe(
      kdfUnits('pkcs12', 'sha256', 2048, 1) + 2 * 2048,
    );
    const nss = new WorkBudget();
    const nssLike = pfx([[shroudedBag(GOOD_EC, 'pw', 600_000)]], 'pw', { iterations: 2048 });
    expect((await readCertificates(nssLike, { password: 'pw', budget: nss })).keys).toHaveLength(1);
    expect(nss.spent('maxTotalIterations')).toBe(kdfUnits('pkcs12', 'sha256', 2048, 1) + 600_000);
    // and OpenSSL's 600,000-iteration TripleDES file (MAC + two 3-chain parts) fits the default total
    expect(kdfUnits('pkcs12', 'sha1', 600_000, 1 + 3 + 3)).toBeLessThanOrEqual(
      nss.limits.maxTotalIterations,
    );
  });
});

const AT = new Date('2027-06-01T00:00:00Z');
const one = async (der: Buffer): Promise<CertificateInfo> =>
  (await readCertificates(der)).certificates[0]!;
async function search(
  input: chain.ChainInput,
  budget: WorkBudget,
): Promise<{ result: ChainResult; pool: CertificateInfo[] }> {
  const pool = await Promise.all(input.pool.map(one));
  const result = await verifyChain(await one(input.leaf), {
    trustAnchors: [await one(input.anchor)],
    intermediates: pool,
    at: AT,
    requiredEku: '1.3.6.1.5.5.7.3.1',
    budget,
  });
  return { result, pool };
}
const issuerWith = async (spki: Buffer): Promise<CertificateInfo> =>
  one(chain.bigKeyIssuer(spki).pool[0]!);

describe('F10: a signature check is charged by the cost of the verification', () => {
  it('1,999 issuers with 16,384-bit RSA keys and e = 2^32 - 1: SEARCH_LIMIT after at most 2,000 / 58 verifications', async () => {
    const budget = new WorkBudget();
    const { result, pool } = await search(rsa16kIssuers(1999), budget);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => p.code)).toContain('SEARCH_LIMIT');
    const units = verificationUnits(pool[0]!);
    expect(units).toBe(58);
    const spent = budget.spent('maxSignatureChecks');
    expect(spent).toBeLessThanOrEqual(2000);
    // Each verification drew `units` (the signed parts are under 16 KiB): at most 34 were run (before: 1,999).
    expect(spent % units).toBe(0);
    expect(spent / units).toBeLessThanOrEqual(34);
  });

  it('units follow the key: RSA by (bits / 4,096)² and the exponent, DSA by p and q, EC by curve', async () => {
    expect(verificationUnits(await issuerWith(rsaSpkiExponent(2048, 65537n)))).toBe(1);
    expect(verificationUnits(await issuerWith(rsaSpkiExponent(4096, 65537n)))).toBe(1);
    expect(verificationUnits(await issuerWith(rsaSpkiExponent(8192, 65537n)))).toBe(4);
    expect(verificationUnits(await issuerWith(rsaSpkiExponent(16_384, 65537n)))).toBe(16);
    expect(verificationUnits(await issuerWith(chain.dsaSpki(3072, 256)))).toBe(12);
    expect(verificationUnits(await issuerWith(chain.keyPair('units ed25519').spki))).toBe(1);
    const ec = (namedCurve: string): Buffer =>
      generateKeyPairSync('ec', { namedCurve }).publicKey.export({ type: 'spki', format: 'der' });
    expect(verificationUnits(await issuerWith(ec('P-256')))).toBe(1);
    expect(verificationUnits(await issuerWith(ec('P-384')))).toBe(10);
    expect(verificationUnits(await issuerWith(ec('P-521')))).toBe(21);
  });

  it('one 8,192-bit RSA issuer draws 4 units for its one verification', async () => {
    const budget = new WorkBudget();
    const { result } = await search(
      chain.bigKeyIssuer(rsaSpkiExponent(8192, 65537n), 1024),
      budget,
    );
    expect(result.problems.map((p) => p.code)).toEqual(['NO_PATH', 'BAD_SIGNATURE']);
    expect(budget.spent('maxSignatureChecks')).toBe(4);
  });
});

describe('scripts/hostile/redteam-kdf.mjs cases end as expected (against the source)', () => {
  it.each(cases.filter((c) => !c.id.startsWith('rt-braille')).map((c) => [c.id, c]))(
    '%s',
    async (_id, c) => {
      expect(await c.run(await import('../src/index.js'))).toBe(c.expect);
    },
  );
});
