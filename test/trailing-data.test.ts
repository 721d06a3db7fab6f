import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCertificates, validateSupCertificate } from '../src/index.js';
import { fixture } from './fixtures.js';
import { DAY, INTRANET } from './sup-fixtures.js';

/*
 * Bytes after the end of a certificate (or of a PKCS#7 bundle) are read past, as Windows reads
 * them, and SUP-FILE-003 warns. The evidence (docs/wine-differences.md, "Reading files"):
 * CryptDecodeObjectEx decodes an element followed by extra bytes (Wine's crypt32 tests, asserted
 * on Windows: X509_INTEGER, X509_NAME, X509_ALTERNATE_NAME and PKCS_CONTENT_INFO, the last one
 * with non-zero garbage), CertCreateCertificateContext decodes the buffer it is given with it, and
 * .NET's maintainers relaxed their managed reader because the Windows one permits trailing data.
 */

const pemBody = (pem: string): Buffer =>
  Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
const leafPem = fixture('sup/good-both.pem').toString('utf8');
const leafDer = pemBody(
  leafPem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/)![0],
);
const pem = (label: string, bytes: Buffer): string =>
  `-----BEGIN ${label}-----\n${bytes.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
const p7b = fixture('dotnet-runtime-assets/testservereku.contoso.com.p7b');
const JUNK = Buffer.from([0x01, 0x02, 0x03]);

async function judged(input: string | Buffer) {
  const bundle = await readCertificates(input);
  const leaf = bundle.certificates.find((c) => !c.isCA) ?? bundle.certificates[0]!;
  const report = await validateSupCertificate(bundle, {
    intranetName: INTRANET,
    at: new Date(leaf.notBefore.getTime() + DAY),
  });
  return { bundle, report, findings: report.findings.filter((f) => f.rule === 'SUP-FILE-003') };
}

describe('bytes after the end of a certificate: read as Windows reads them, with a warning', () => {
  const plain = async () => (await readCertificates(leafDer)).certificates[0]!;

  it.each([
    ['a DER file', Buffer.concat([leafDer, JUNK])],
    ['a PEM block whose base64 holds them', pem('CERTIFICATE', Buffer.concat([leafDer, JUNK]))],
    ['bare base64', Buffer.concat([leafDer, JUNK]).toString('base64')],
  ])('%s: the certificate is read, its thumbprint is its own', async (_what, input) => {
    const { bundle, findings } = await judged(input);
    expect(bundle.certificates).toHaveLength(1);
    const want = await plain();
    expect(bundle.certificates[0]!.sha256).toBe(want.sha256);
    // The Windows thumbprint (SHA-1 of the certificate's DER) is the certificate's, not the file's.
    const thumbprint = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
    expect(thumbprint(bundle.certificates[0]!.der)).toBe(thumbprint(leafDer));
    expect(bundle.certificates[0]!.der).toEqual(want.der);
    expect(bundle.trailingData).toEqual([
      expect.objectContaining({ after: 'certificate', bytes: 3, offset: leafDer.length }),
    ]);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([
      ['sup.file.trailing_data', 'warning'],
    ]);
    expect(findings[0]!.message).toMatch(/3 bytes after the end of the certificate/);
    expect(findings[0]!.message).toMatch(/export the certificate again/i);
  });

  it('zero bytes after a certificate are named as such', async () => {
    const { findings } = await judged(Buffer.concat([leafDer, Buffer.alloc(4)]));
    expect(findings[0]!.message).toMatch(/4 zero bytes after the end of the certificate/);
  });

  it('a second certificate appended to a .cer is named: Windows reads only the first', async () => {
    const root = pemBody(fixture('sup/root.pem').toString('utf8'));
    const { bundle, findings } = await judged(Buffer.concat([leafDer, root]));
    expect(bundle.certificates).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/another certificate/);
  });

  it('a certificate without trailing bytes gets no SUP-FILE-003 finding', async () => {
    const { report, findings } = await judged(leafDer);
    expect(findings).toEqual([]);
    expect(report.results.find((r) => r.rule === 'SUP-FILE-003')?.status).toBe('pass');
  });

  it('the bytes after the certificate are never parsed beyond a peek (hostile tail)', async () => {
    // A length field of 2^31 in the tail: the certificate is still read.
    const tail = Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 1, 2]);
    const { bundle, findings } = await judged(Buffer.concat([leafDer, tail]));
    expect(bundle.certificates).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/8 bytes after the end of the certificate/);
  });
});

describe('bytes after the end of a PKCS#7 bundle', () => {
  it('non-zero bytes: the bundle is read and SUP-FILE-003 warns (DER and PEM)', async () => {
    const plain = await readCertificates(p7b);
    for (const input of [Buffer.concat([p7b, JUNK]), pem('PKCS7', Buffer.concat([p7b, JUNK]))]) {
      const { bundle, findings } = await judged(input);
      expect(bundle.certificates.map((c) => c.sha256)).toEqual(
        plain.certificates.map((c) => c.sha256),
      );
      expect(findings.map((f) => f.code)).toEqual(['sup.file.trailing_data']);
      expect(findings[0]!.message).toMatch(/3 bytes after the end of the PKCS#7 bundle/);
    }
  });

  it('the zero padding of a Windows PKCS#7 export stays silent', async () => {
    const { bundle, findings } = await judged(Buffer.concat([p7b, Buffer.alloc(4)]));
    expect(bundle.trailingData ?? []).toEqual([]);
    expect(findings).toEqual([]);
  });
});
