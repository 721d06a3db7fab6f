import { describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { fixture, fixtureJson, rejectionCode } from './fixtures.js';

// pyca/cryptography 48's decoding of each certificate is the oracle (an independent parser).
interface Observed {
  subject_cn?: string[];
  san?: { dns?: string[]; ip?: string[] } | null;
  eku?: string[] | null;
  key?: string;
  sig_alg?: string;
  not_before?: string;
  not_after?: string;
  parse_error_pyca48?: string;
  extensions_error?: string;
}
interface Entry {
  file: string;
  documented: string;
  certificates_observed_pyca48: Observed[];
}

const EKU_NAMES: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
};

/** pyca's key text ("RSA-2048", "EC-secp384r1", "Ed25519", "DSA-2048") in our vocabulary. */
function keyOf(text: string): { algorithm: string; bits?: number; curve?: string } {
  const [kind, size] = text.split('-');
  if (kind === 'RSA')
    return {
      algorithm: expect.stringMatching(/^rsa(-pss)?$/) as unknown as string,
      bits: Number(size),
    };
  if (kind === 'DSA') return { algorithm: 'dsa', bits: Number(size) };
  if (kind === 'EC')
    return {
      algorithm: 'ec',
      curve:
        ({ secp256r1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' } as Record<string, string>)[
          size!
        ] ?? size!,
    };
  return { algorithm: kind!.toLowerCase() };
}

const manifest = fixtureJson<Entry[]>('pyca-x509/manifest.json');

describe('pyca X.509 vectors', () => {
  for (const entry of manifest) {
    const wants = entry.certificates_observed_pyca48;
    const pycaFailed = wants.some((w) => 'parse_error_pyca48' in w);
    it(`${entry.file}: ${entry.documented}`, async () => {
      const input = fixture(`pyca-x509/${entry.file}`);
      if (pycaFailed) {
        // pyca could not parse it either: a typed rejection or a parse are both acceptable,
        // but never an untyped error.
        const outcome = await readCertificates(input).then(
          () => 'parsed',
          (e: unknown) => (e as Error).name,
        );
        expect(['parsed', 'SupCertError']).toContain(outcome);
        return;
      }
      const bundle = await readCertificates(input);
      expect(bundle.certificates).toHaveLength(wants.length);
      wants.forEach((want, i) => {
        const cert = bundle.certificates[i]!;
        if (want.subject_cn) expect(cert.commonNames).toEqual(want.subject_cn);
        if (want.not_before)
          expect(cert.notBefore.toISOString()).toBe(new Date(want.not_before).toISOString());
        if (want.not_after)
          expect(cert.notAfter.toISOString()).toBe(new Date(want.not_after).toISOString());
        if (want.key) expect(cert.publicKey).toMatchObject(keyOf(want.key));
        if (want.sig_alg) {
          // pyca prints an OID where it has no name; we name a few of those (md2, the alternate SHA-1 OID).
          const named: Record<string, string> = {
            rsassaPss: 'rsassaPss',
            '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
            '1.3.14.3.2.29': 'sha1WithRSA',
            ed25519: 'ED25519',
            'dsa-with-sha1': 'dsaWithSHA1',
          };
          expect(cert.signatureAlgorithm).toBe(named[want.sig_alg] ?? want.sig_alg);
        }
        if (want.extensions_error) return;
        expect(cert.dnsNames).toEqual(want.san ? (want.san.dns ?? []) : null);
        expect(cert.ipAddresses).toEqual(want.san?.ip ?? []);
        expect(cert.extendedKeyUsages).toEqual(
          want.eku
            ? want.eku.filter((e) => !e.startsWith('(')).map((e) => EKU_NAMES[e] ?? e)
            : null,
        );
      });
    });
  }

  it('rejects the version-7 certificate with MALFORMED, naming the version', async () => {
    expect(
      await rejectionCode(readCertificates(fixture('pyca-x509/custom__invalid_version.pem'))),
    ).toBe('MALFORMED');
  });

  it('keeps the first of two basicConstraints and reports the duplicate', async () => {
    const [cert] = (await readCertificates(fixture('pyca-x509/custom__two_basic_constraints.pem')))
      .certificates;
    expect(cert!.duplicateExtensions).toEqual(['2.5.29.19']);
  });

  it('decodes every KeyUsage bit', async () => {
    const [cert] = (await readCertificates(fixture('pyca-x509/custom__all_key_usages.pem')))
      .certificates;
    expect(cert!.keyUsage).toEqual([
      'digitalSignature',
      'nonRepudiation',
      'keyEncipherment',
      'dataEncipherment',
      'keyAgreement',
      'keyCertSign',
      'cRLSign',
      'encipherOnly',
      'decipherOnly',
    ]);
  });

  it('reads the typed SAN entries of the mixed-SAN certificate', async () => {
    const [cert] = (
      await readCertificates(fixture('pyca-x509/custom__san_email_dns_ip_dirname_uri.pem'))
    ).certificates;
    expect(cert!.altNames.map((n) => n.type).sort()).toEqual([
      'directoryName',
      'dns',
      'email',
      'ip',
      'ip',
      'uri',
    ]);
  });

  it('marks the unknown critical extension as critical', async () => {
    const [cert] = (
      await readCertificates(fixture('pyca-x509/custom__unsupported_extension_critical.pem'))
    ).certificates;
    expect(cert!.extensions).toContainEqual({ oid: '1.2.3.4', critical: true });
  });

  it('tells an RSA-PSS key (id-RSASSA-PSS) from a plain RSA key', async () => {
    const [cert] = (await readCertificates(fixture('pyca-x509/custom__rsa_pss.pem'))).certificates;
    expect(cert!.publicKey).toEqual({ algorithm: 'rsa-pss', bits: 2048 });
    expect(cert!.signatureHash).toBe('sha1'); // absent PSS parameters mean SHA-1 (RFC 4055); openssl -text agrees
  });

  it('reads the certificate next to a damaged private-key block, and notes the damage', async () => {
    const bundle = await readCertificates(fixture('pyca-x509/cryptography.io.with_garbage.pem'));
    expect(bundle.certificates).toHaveLength(1);
    expect(bundle.notes.join()).toMatch(/damaged private key/);
  });

  it('reads the legacy "X509 CERTIFICATE" header that pyca refuses', async () => {
    const legacy = await readCertificates(fixture('pyca-x509/cryptography.io.old_header.pem'));
    const modern = await readCertificates(fixture('pyca-x509/cryptography.io.pem'));
    expect(legacy.certificates[0]!.sha256).toBe(modern.certificates[0]!.sha256);
  });
});
