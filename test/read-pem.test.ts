import { describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { fixture, rejectionCode } from './fixtures.js';

const leafDer = fixture('securityfever-windows-pfx/cert.cer');
const leafPem = fixture('securityfever-windows-pfx/cert.pem').toString('utf8');
const base64 = leafDer.toString('base64');

describe('format detection by content', () => {
  it('reads DER, PEM, one-line and wrapped base64 to the same certificate', async () => {
    const der = await readCertificates(leafDer);
    const forms: Array<[Uint8Array | string, string]> = [
      [leafPem, 'pem'],
      [Buffer.from(leafPem), 'pem'],
      [base64, 'base64'],
      [base64.replace(/.{64}/g, '$&\n'), 'base64'],
      [base64.replace(/.{76}/g, '$&\r\n'), 'base64'],
    ];
    for (const [input, format] of forms) {
      const bundle = await readCertificates(input);
      expect(bundle.format).toBe(format);
      expect(bundle.certificates[0]!.sha256).toBe(der.certificates[0]!.sha256);
    }
  });

  it('reads a PEM saved as UTF-16 LE with BOM (PowerShell 5 redirection) and UTF-8 with BOM', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(leafPem, 'utf16le')]);
    expect((await readCertificates(utf16)).certificates).toHaveLength(1);
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(leafPem)]);
    expect((await readCertificates(bom8)).certificates).toHaveLength(1);
  });

  it('reads UTF-16 BE with BOM, and refuses one cut to an odd length as MALFORMED', async () => {
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(leafPem, 'utf16le').swap16()]);
    expect((await readCertificates(be)).certificates).toHaveLength(1);
    expect(await rejectionCode(readCertificates(be.subarray(0, be.length - 1)))).toBe('MALFORMED');
  });

  it('reads CRLF, indented lines and text between blocks', async () => {
    const body = leafPem.trim().split('\n');
    const text = [
      'Bag Attributes',
      '    friendlyName: sup',
      'subject=CN = server.lab.local',
      ...body.map((l) => `  ${l}`),
      'some trailing words',
    ].join('\r\n');
    expect((await readCertificates(text)).certificates[0]!.commonNames).toEqual([
      'server.lab.local',
    ]);
  });

  it('reads a PKCS#7 chain that AD CS labels "CERTIFICATE"', async () => {
    const p7b = fixture('securityfever-windows-pfx/cert-chain.p7b');
    const text = `-----BEGIN CERTIFICATE-----\n${p7b.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
    expect((await readCertificates(text)).certificates).toHaveLength(2);
  });

  it('honours a forced format and says what the input really is', async () => {
    expect((await readCertificates(leafDer, { format: 'der' })).certificates).toHaveLength(1);
    const error = await readCertificates(leafDer, { format: 'pfx' }).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'UNKNOWN_FORMAT' });
    expect((error as Error).message).toMatch(/X\.509 certificate/);
  });
});

describe('bad input', () => {
  it.each([
    ['zero bytes', new Uint8Array(0), 'EMPTY_INPUT'],
    ['whitespace', ' \n\t ', 'EMPTY_INPUT'],
    ['prose', 'hello, this is not a certificate', 'UNKNOWN_FORMAT'],
    ['a path instead of contents', 'C:\\certs\\sup.pfx', 'UNKNOWN_FORMAT'],
    ['binary junk', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]), 'UNKNOWN_FORMAT'],
    ['a PEM block with no END', '-----BEGIN CERTIFICATE-----\nMIIB\n', 'MALFORMED'],
    [
      'mismatched END label',
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END PKCS7-----\n',
      'MALFORMED',
    ],
    [
      'damaged base64 in a block',
      '-----BEGIN CERTIFICATE-----\nMII*B\n-----END CERTIFICATE-----\n',
      'MALFORMED',
    ],
    ['truncated DER', leafDer.subarray(0, 400), 'MALFORMED'],
    [
      'only a CSR block',
      '-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n',
      'UNKNOWN_FORMAT',
    ],
  ])('%s → %s', async (_name, input, code) => {
    expect(await rejectionCode(readCertificates(input))).toBe(code);
  });

  it('a path gets a message that says to pass the contents', async () => {
    await expect(readCertificates('/etc/ssl/sup.pem')).rejects.toThrow(/file contents/);
  });

  it('refuses an input larger than the limit, and the limit can be raised', async () => {
    expect(await rejectionCode(readCertificates(leafDer, { limits: { maxInputBytes: 100 } }))).toBe(
      'LIMIT_EXCEEDED',
    );
    expect(await rejectionCode(readCertificates(leafDer, { limits: { maxInputBytes: -1 } }))).toBe(
      'INVALID_OPTION',
    );
  });

  it('notes what it skipped instead of losing it silently', async () => {
    const text = `${leafPem}\n-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n`;
    const bundle = await readCertificates(text);
    expect(bundle.notes.join('\n')).toMatch(/a CRL, not read/);
  });
});
