import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WorkBudget, readCertificates } from '../src/index.js';

/*
 * A small PFX with a MAC derives its parts' keys for the given password alongside the MAC
 * (readPkcs12.ts, SPECULATE_UNITS = 60,000 KDF work units): as fast as before the MAC-first rule,
 * while a wrong password wastes at most that much. A larger file derives nothing before the MAC.
 * Units: ./src/read/pkcs12/kdfCost.ts (PKCS#12 KDF over SHA-256 weighs 1.9 per iteration).
 */
const pfx = (name: string): Buffer => readFileSync(`certs-fixtures/generated/${name}`);
const MAC_UNITS = (iterations: number): number => Math.ceil(iterations * 1.9);

describe('PKCS#12: keys derived alongside the MAC only for small files', () => {
  it('a wrong password on an OpenSSL 3 default file (2,048 iterations) costs the three MAC forms plus at most 60,000 units', async () => {
    const budget = new WorkBudget();
    await expect(
      readCertificates(pfx('default.pfx'), { password: 'wrong', budget }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    const spent = budget.spent('maxTotalIterations');
    expect(spent).toBeGreaterThan(3 * MAC_UNITS(2048));
    expect(spent).toBeLessThanOrEqual(3 * MAC_UNITS(2048) + 60_000);
  });

  it('the right password costs each derivation once (the early ones are reused, not repeated)', async () => {
    const wrong = new WorkBudget();
    await readCertificates(pfx('default.pfx'), { password: 'wrong', budget: wrong }).catch(
      () => undefined,
    );
    const right = new WorkBudget();
    const bundle = await readCertificates(pfx('default.pfx'), {
      password: 'Passw0rd!',
      budget: right,
    });
    expect(bundle.keys.length).toBe(1);
    // wrong = 3 MAC forms + the parts once; right = 1 MAC form + the parts once.
    expect(wrong.spent('maxTotalIterations') - right.spent('maxTotalIterations')).toBe(
      2 * MAC_UNITS(2048),
    );
  });

  it('a 200,000-iteration file derives nothing before the MAC: a wrong password costs the MAC forms alone', async () => {
    const budget = new WorkBudget();
    await expect(
      readCertificates(pfx('iter200k.pfx'), { password: 'wrong', budget }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(budget.spent('maxTotalIterations')).toBe(3 * MAC_UNITS(200_000));
  });
});
