import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { fixture, fixtureJson, rejectionCode } from './fixtures.js';

interface PycaEntry {
  file: string;
  verified_password: string | null;
  expected_cert_count: number;
  expected_private_key: boolean;
  observed_pyca_48: {
    main_cert_friendly_name: string | null;
    additional_cert_friendly_names: string[];
    main_cert_present: boolean;
  };
}

describe('pyca PKCS#12 vectors', () => {
  const reference = readCertificates(fixture('pyca-pkcs12/reference/ca.pem'));
  for (const m of fixtureJson<PycaEntry[]>('pyca-pkcs12/manifest.json')) {
    it(`${m.file} opens with ${m.verified_password === null ? 'no password' : 'its verified password'}`, async () => {
      const bundle = await readCertificates(fixture(`pyca-pkcs12/${m.file}`), {
        password: m.verified_password ?? undefined,
      });
      expect(bundle.format).toBe('pfx');
      expect(bundle.certificates).toHaveLength(m.expected_cert_count);
      expect(bundle.keys.length > 0).toBe(m.expected_private_key);
      const names = [
        m.observed_pyca_48.main_cert_friendly_name,
        ...m.observed_pyca_48.additional_cert_friendly_names,
      ].filter((n): n is string => !!n);
      for (const name of names) {
        expect([
          ...bundle.certificates.map((c) => c.friendlyName),
          ...bundle.keys.map((k) => k.friendlyName),
        ]).toContain(name);
      }
      // The key of every bundle is the "cryptography CA" key: it matches reference/ca.pem.
      const ca = (await reference).certificates[0]!;
      for (const key of bundle.keys) {
        expect(key.algorithm).toBe('ec');
        if (m.observed_pyca_48.main_cert_present)
          expect(bundle.certificates[key.certificateIndex!]!.sha256).toBe(ca.sha256);
        else expect(key.certificateIndex).toBeNull();
      }
    });
    if (m.verified_password) {
      it(`${m.file} refuses a wrong password with WRONG_PASSWORD`, async () => {
        expect(
          await rejectionCode(
            readCertificates(fixture(`pyca-pkcs12/${m.file}`), {
              password: `not-${m.verified_password}`,
            }),
          ),
        ).toBe('WRONG_PASSWORD');
      });
      it(`${m.file} asks for the password when none is given`, async () => {
        expect(await rejectionCode(readCertificates(fixture(`pyca-pkcs12/${m.file}`)))).toBe(
          'PASSWORD_REQUIRED',
        );
      });
    }
  }
});

interface GoEntry {
  file: string;
  password?: string;
  expected_cert_count?: number;
  expected_private_key?: boolean;
  expected?: string;
}

describe('go-pkcs12 vectors', () => {
  const manifest = fixtureJson<GoEntry[]>('go-pkcs12/manifest.json');
  for (const m of manifest.filter((e) => e.file.endsWith('.p12'))) {
    it(`${m.file}: ${m.expected_cert_count} certificates, keys matched`, async () => {
      const bundle = await readCertificates(fixture(`go-pkcs12/${m.file}`), {
        password: m.password,
      });
      expect(bundle.certificates).toHaveLength(m.expected_cert_count!);
      expect(bundle.keys.length > 0).toBe(m.expected_private_key);
      for (const key of bundle.keys) expect(key.certificateIndex).not.toBeNull();
    });
  }

  it('example_signed_certificates_chain.p12: each of the three keys matches a different certificate', async () => {
    const bundle = await readCertificates(
      fixture('go-pkcs12/example_signed_certificates_chain.p12'),
      { password: 'password' },
    );
    expect(bundle.keys).toHaveLength(3);
    const subjects = bundle.keys.map(
      (k) => bundle.certificates[k.certificateIndex!]!.commonNames[0],
    );
    expect(new Set(subjects)).toEqual(
      new Set(['example-server', 'example-intermediate-ca', 'example-ca']),
    );
  });

  for (const m of manifest.filter((e) => e.file.endsWith('.txt'))) {
    const bytes = Buffer.from(
      fixture(`go-pkcs12/${m.file}`)
        .toString('utf8')
        .split('\n')
        .filter((l) => /^[A-Za-z0-9+/=]+$/.test(l.trim()))
        .join(''),
      'base64',
    );
    if (m.expected === 'open') {
      it(`RFC 9579 ${m.file} (PBMAC1) opens`, async () => {
        const bundle = await readCertificates(bytes, { password: m.password });
        expect(bundle.certificates.length).toBeGreaterThan(0);
        expect(bundle.protection?.[0]).toMatch(/^MAC PBMAC1/);
      });
    } else {
      it(`RFC 9579 ${m.file} is rejected (${m.expected}), never as an unsupported algorithm`, async () => {
        const code = await rejectionCode(readCertificates(bytes, { password: m.password }));
        expect(['WRONG_PASSWORD', 'MALFORMED']).toContain(code);
      });
    }
  }
});

interface WindowsEntry {
  file: string;
  password?: string;
  expected_cert_count?: number;
  expected_private_key?: boolean;
  certificates_observed_pyca48?: unknown[];
}

describe('SecurityFever: one real AD CS server certificate in every Windows format', () => {
  const manifest = fixtureJson<WindowsEntry[]>('securityfever-windows-pfx/manifest.json');
  const leafSha = createHash('sha256')
    .update(fixture('securityfever-windows-pfx/cert.cer'))
    .digest('hex');

  for (const m of manifest) {
    it(`${m.file}`, async () => {
      const bundle = await readCertificates(fixture(`securityfever-windows-pfx/${m.file}`), {
        password: m.password,
      });
      const count = m.expected_cert_count ?? (m.file.includes('chain') ? 2 : 1);
      expect(bundle.certificates).toHaveLength(count);
      expect(bundle.keys.length > 0).toBe(!!m.expected_private_key);
      for (const key of bundle.keys) {
        expect(key.certificateIndex).not.toBeNull();
        // The server key lives in the SChannel CSP, the CA key in the software KSP (CNG).
        expect(key.providerName).toBe(
          m.file.startsWith('ca')
            ? 'Microsoft Software Key Storage Provider'
            : 'Microsoft RSA SChannel Cryptographic Provider',
        );
        expect(key.friendlyName).toMatch(
          m.file.startsWith('ca') ? /^Lab Root CA 1$/ : /^te-LabWebServer-/,
        );
      }
      if (m.file.startsWith('cert')) {
        expect(bundle.certificates.some((c) => c.sha256 === leafSha)).toBe(true);
        if (bundle.keys.length > 0)
          expect(bundle.certificates[bundle.keys[0]!.certificateIndex!]!.sha256).toBe(leafSha);
      }
    });
  }

  it('the leaf reads as the README says', async () => {
    const [leaf] = (await readCertificates(fixture('securityfever-windows-pfx/cert.cer')))
      .certificates;
    expect(leaf).toMatchObject({
      subject: 'CN=server.lab.local',
      issuer: 'CN=Lab Root CA 1,DC=lab,DC=local',
      dnsNames: ['server.lab.local'],
      ipAddresses: ['192.168.1.11'],
      extendedKeyUsages: ['1.3.6.1.5.5.7.3.1'],
      publicKey: { algorithm: 'rsa', bits: 2048 },
      signatureAlgorithm: 'sha256WithRSAEncryption',
    });
    expect(leaf!.notBefore.toISOString()).toBe('2021-01-08T20:00:34.000Z');
    expect(leaf!.notAfter.toISOString()).toBe('2023-01-08T20:10:34.000Z');
  });

  it('both Windows exports refuse a wrong password', async () => {
    for (const f of ['cert-single-aes.pfx', 'cert-single-des.pfx']) {
      expect(
        await rejectionCode(
          readCertificates(fixture(`securityfever-windows-pfx/${f}`), { password: 'Passw0rd!' }),
        ),
      ).toBe('WRONG_PASSWORD');
    }
  });
});

describe('pyca PKCS#7 vectors', () => {
  it.each([
    ['amazon-roots.p7b', 'p7b', ['Amazon Root CA 2', 'Amazon Root CA 3']],
    ['amazon-roots.der', 'p7b', ['Amazon Root CA 2', 'Amazon Root CA 3']],
    ['isrg.pem', 'pem', ['ISRG Root X1']],
  ])('%s lists its certificates', async (file, format, names) => {
    const bundle = await readCertificates(fixture(`pyca-pkcs7/${file}`));
    expect(bundle.format).toBe(format);
    expect(bundle.contains === 'pkcs7' || bundle.contains === 'pem-blocks').toBe(true);
    expect(bundle.certificates.map((c) => c.commonNames[0]).sort()).toEqual(names);
  });

  it('the BER (Keychain) and DER encodings give the same certificates', async () => {
    const ber = await readCertificates(fixture('pyca-pkcs7/amazon-roots.p7b'));
    const der = await readCertificates(fixture('pyca-pkcs7/amazon-roots.der'));
    expect(ber.certificates.map((c) => c.sha256)).toEqual(der.certificates.map((c) => c.sha256));
  });

  it('EnvelopedData is a clear error, not an empty bundle', async () => {
    const error = await readCertificates(fixture('pyca-pkcs7/enveloped.pem')).catch(
      (e: Error) => e,
    );
    expect(error).toMatchObject({ name: 'SupCertError', code: 'UNSUPPORTED_ALGORITHM' });
    expect((error as Error).message).toMatch(/EnvelopedData.*not a certificate bundle/);
  });
});
