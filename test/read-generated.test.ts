import { describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { fixture, fixtureJson, rejectionCode } from './fixtures.js';

// certs-fixtures/generated: files made by make.sh with the OpenSSL 3 CLI for what no external
// vector covers. The manifest's values were computed by the script from the files with openssl.
interface Generated {
  file: string;
  format: string;
  password?: string;
  certCount: number;
  keyCount: number;
  keyAlgorithms: string[];
  friendlyNames: string[];
  providerName?: string;
  leafSha256?: string;
  certSha256s?: string[];
  expectedError?: string;
  wrongPasswordRejected?: boolean;
  note?: string;
}

const manifest = fixtureJson<Generated[]>('generated/manifest.json');

describe('generated fixtures (OpenSSL 3 CLI)', () => {
  for (const m of manifest) {
    const input = (): Buffer => fixture(`generated/${m.file}`);
    if (m.expectedError) {
      it(`${m.file} is refused with ${m.expectedError}`, async () => {
        expect(await rejectionCode(readCertificates(input(), { password: m.password }))).toBe(
          m.expectedError,
        );
      });
      continue;
    }
    it(`${m.file}: ${m.certCount} certificate(s), ${m.keyCount} key(s)`, async () => {
      const bundle = await readCertificates(input(), { password: m.password });
      expect(bundle.format).toBe(m.format);
      expect(bundle.certificates).toHaveLength(m.certCount);
      if (m.certSha256s) expect(bundle.certificates.map((c) => c.sha256)).toEqual(m.certSha256s);
      expect(bundle.keys.map((k) => k.algorithm)).toEqual(m.keyAlgorithms);
      for (const name of m.friendlyNames)
        expect(bundle.keys.map((k) => k.friendlyName)).toContain(name);
      if (m.providerName) expect(bundle.keys[0]!.providerName).toBe(m.providerName);
      // Every key that has its certificate in the file is matched to it (by public key).
      for (const key of bundle.keys) {
        if (m.certCount === 0) expect(key.certificateIndex).toBeNull();
        else expect(bundle.certificates[key.certificateIndex!]).toBeDefined();
      }
      if (m.format === 'pfx' && m.keyCount > 0 && m.certCount > 0) {
        expect(bundle.certificates[bundle.keys[0]!.certificateIndex!]!.sha256).toBe(m.leafSha256);
      }
    });
    if (m.format === 'pfx' && m.wrongPasswordRejected) {
      it(`${m.file} refuses a wrong password with WRONG_PASSWORD`, async () => {
        expect(await rejectionCode(readCertificates(input(), { password: 'wrong-password' }))).toBe(
          'WRONG_PASSWORD',
        );
      });
    }
  }

  it('an empty password and no password are the same request', async () => {
    for (const password of [undefined, '']) {
      expect(
        (await readCertificates(fixture('generated/empty-password.pfx'), { password })).keys,
      ).toHaveLength(1);
    }
  });

  it('a password given for a file without one is refused, with a hint', async () => {
    await expect(
      readCertificates(fixture('generated/empty-password.pfx'), { password: 'x' }),
    ).rejects.toThrow(/has no password/);
  });

  it('reports how the PFX was protected', async () => {
    const legacy = await readCertificates(fixture('generated/legacy.pfx'), {
      password: 'Passw0rd!',
    });
    expect(legacy.protection).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^MAC HMAC-SHA1/),
        expect.stringMatching(/pbeWithSHAAnd40BitRC2-CBC/),
        expect.stringMatching(/pbeWithSHAAnd3-KeyTripleDES-CBC/),
      ]),
    );
    const nomac = await readCertificates(fixture('generated/nomac.pfx'), { password: 'Passw0rd!' });
    expect(nomac.protection?.[0]).toMatch(/no integrity MAC/);
  });

  it('refuses a PFX whose iteration count is above the limit, and reads it once the limit is raised', async () => {
    const file = fixture('generated/iter200k.pfx');
    expect(
      await rejectionCode(
        readCertificates(file, { password: 'Passw0rd!', limits: { maxIterations: 100_000 } }),
      ),
    ).toBe('LIMIT_EXCEEDED');
    // maxIterations counts KDF work units: its SHA-256 MAC costs 200,000 × 1.9 (src/read/pkcs12/kdfCost.ts)
    expect(
      (await readCertificates(file, { password: 'Passw0rd!', limits: { maxIterations: 380_000 } }))
        .keys,
    ).toHaveLength(1);
  });

  it('never puts the password in an error message', async () => {
    const secret = 'S3cret-Pa55word';
    for (const f of [
      'default.pfx',
      'legacy.pfx',
      'nomac.pfx',
      'truncated.pfx',
      'corrupt-mac.pfx',
    ]) {
      const error = await readCertificates(fixture(`generated/${f}`), { password: secret }).catch(
        (e: Error) => e,
      );
      expect(String((error as Error).message)).not.toContain(secret);
      expect(JSON.stringify(error)).not.toContain(secret);
    }
  });
});

interface ExtraEntry {
  file: string;
  kind: 'ber' | 'pbes2';
  cipher?: string;
  prf?: string;
  password: string;
  certCount: number;
  keyCount: number;
  leafSha256: string;
}

describe('assembled PKCS#12: NSS-style BER, PBES2 with every PRF and cipher', () => {
  for (const m of fixtureJson<ExtraEntry[]>('generated-extra/manifest.json')) {
    it(`${m.file} gives the same leaf as OpenSSL, with its key`, async () => {
      const bundle = await readCertificates(fixture(`generated-extra/${m.file}`), {
        password: m.password,
      });
      expect(bundle.certificates.map((c) => c.sha256)).toEqual([m.leafSha256]);
      expect(bundle.keys).toHaveLength(m.keyCount);
      expect(bundle.keys[0]!.certificateIndex).toBe(0);
    });
    it(`${m.file} refuses a wrong password`, async () => {
      expect(
        await rejectionCode(
          readCertificates(fixture(`generated-extra/${m.file}`), { password: 'nope' }),
        ),
      ).toBe('WRONG_PASSWORD');
    });
  }
});
