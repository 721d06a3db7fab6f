// Held-out public corpora (scripts/corpus-scan.mjs): the files whose outcome was wrong or whose
// message did not say what to do, one row per file in each folder's manifest.json.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SupCertError,
  readCertificates,
  validateSupCertificate,
  validateSupRequest,
} from '../src/index.js';
import { fixture, fixtureJson } from './fixtures.js';

interface Row {
  file: string;
  origin: string;
  password: string | null;
  api: 'read' | 'check' | 'request';
  expect:
    | { outcome: 'read'; certificates: number; keys: number; leafSha256: string; note?: string }
    | { outcome: 'error'; code: string; message: string };
  why: string;
}

const NAMES = 'sup01.corp.contoso.com&sup01.contoso.com';
const FOLDERS = [
  'dotnet-runtime-assets',
  'nss-tools',
  'certbot',
  'mbedtls-framework',
  'openssl-pkcs12',
  'gnutls-pkcs12',
  'botan-pkcs12',
  'sslmate-go-pkcs12',
  'rustls-webpki',
  'cpython-certdata',
  'ct-go-x509',
  'bc-java-embedded',
];

async function run(api: Row['api'], bytes: Uint8Array, password?: string): Promise<unknown> {
  if (api === 'request') return validateSupRequest(bytes, { names: NAMES });
  if (api === 'check') return validateSupCertificate(bytes, { names: NAMES, password });
  return readCertificates(bytes, { password });
}

async function failure(promise: Promise<unknown>): Promise<SupCertError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SupCertError) return error;
    throw new Error(`rejected with a ${String((error as Error)?.name)}, not a SupCertError`, {
      cause: error,
    });
  }
  throw new Error('resolved, expected a SupCertError');
}

for (const folder of FOLDERS) {
  describe(`held-out corpus ${folder}`, () => {
    for (const row of fixtureJson<Row[]>(`${folder}/manifest.json`)) {
      const bytes = fixture(`${folder}/${row.file}`);
      const password = row.password ?? undefined;
      const want = row.expect;
      if (want.outcome === 'read') {
        it(`${row.file}: read, ${want.certificates} certificates and ${want.keys} keys`, async () => {
          const bundle = await readCertificates(bytes, { password });
          expect(bundle.certificates).toHaveLength(want.certificates);
          expect(bundle.keys).toHaveLength(want.keys);
          expect(bundle.certificates.map((c) => c.sha256)).toContain(want.leafSha256);
          if (want.note) expect(bundle.notes.some((n) => n.startsWith(want.note!))).toBe(true);
          else expect(bundle.notes.filter((n) => /zero byte/.test(n))).toEqual([]);
          // The whole check runs on it too (a report, not an error).
          const report = await validateSupCertificate(bytes, { names: NAMES, password });
          expect(report.certificate.sha256).toBe(want.leafSha256);
        });
      } else {
        it(`${row.file}: ${want.code} "${want.message.slice(0, 50)}..."`, async () => {
          const error = await failure(run(row.api, bytes, password));
          expect(error.code).toBe(want.code);
          expect(error.message).toContain(want.message);
        });
      }
    }
  });
}

describe('trailing bytes after a PKCS#12 or PKCS#7 file', () => {
  const pfx = fixture('dotnet-runtime-assets/testservereku.contoso.com.noRC2.pfx');
  const p7b = fixture('dotnet-runtime-assets/testservereku.contoso.com.p7b');

  it('a PFX whose padding has a non-zero byte is MALFORMED, and the message says what to do', async () => {
    const damaged = Buffer.from(pfx);
    damaged[damaged.length - 3] = 0x01;
    const error = await failure(readCertificates(damaged, { password: 'testcertificate' }));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/8 unexpected bytes after the end of the data .*export it again/);
  });

  it('one zero byte is named in the singular', async () => {
    const trimmed = pfx.subarray(0, pfx.length - 7);
    const bundle = await readCertificates(trimmed, { password: 'testcertificate' });
    expect(bundle.notes.some((n) => n.startsWith('ignored 1 zero byte after the end'))).toBe(true);
  });

  it('a P7B followed by the 4 zero bytes of a Windows PKCS#7 export reads (DER and PEM)', async () => {
    const padded = Buffer.concat([p7b, Buffer.alloc(4)]);
    const plain = await readCertificates(p7b);
    const der = await readCertificates(padded);
    expect(der.certificates.map((c) => c.sha256)).toEqual(plain.certificates.map((c) => c.sha256));
    const pem = `-----BEGIN PKCS7-----\n${padded.toString('base64')}\n-----END PKCS7-----\n`;
    const fromPem = await readCertificates(pem);
    expect(fromPem.certificates).toHaveLength(2);
  });

  it('a P7B followed by other bytes is read as Windows reads it, and trailingData names them (SUP-FILE-003)', async () => {
    const bundle = await readCertificates(Buffer.concat([p7b, Buffer.from([0, 0, 7])]));
    expect(bundle.certificates).toHaveLength(2);
    expect(bundle.trailingData).toEqual([
      expect.objectContaining({
        after: 'PKCS#7 bundle',
        bytes: 3,
        offset: p7b.length,
        zeros: false,
      }),
    ]);
  });
});

describe('certreq INF: [Strings] references in [Extensions] keys (certreq reference style)', () => {
  it('strings-oid-keys.inf: the SAN and EKU named through %szOID_...% are read; the request passes', async () => {
    const report = await validateSupRequest(fixture('requests/strings-oid-keys.inf'), {
      names: NAMES,
    });
    expect(report.certificate.dnsNames).toEqual(['sup01.corp.contoso.com', 'sup01.contoso.com']);
    expect(report.certificate.extendedKeyUsages).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('a %name% key without its [Strings] entry is reported, not silently dropped', async () => {
    const text = fixture('requests/strings-oid-keys.inf')
      .toString('utf8')
      .replace(/^szOID_SUBJECT_ALT_NAME2 = .*$/m, '');
    const report = await validateSupRequest(text, { names: NAMES });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.message).join('\n')).toContain(
      'extension %szOID_SUBJECT_ALT_NAME2% still holds a %name% after [Strings] is applied once (an entry the file does not have',
    );
    // An entry whose value is another %name%: [Strings] is applied once, and the note says so.
    const chained = fixture('requests/strings-oid-keys.inf')
      .toString('utf8')
      .replace(
        /^szOID_SUBJECT_ALT_NAME2 = .*$/m,
        'szOID_SUBJECT_ALT_NAME2 = "%SAN_OID%"\nSAN_OID = "2.5.29.17"',
      );
    const again = await validateSupRequest(chained, { names: NAMES });
    expect(again.findings.map((f) => f.message).join('\n')).toContain(
      'or one whose value is another %name%',
    );
  });
});

describe('DER keys given instead of a certificate are named, with a next step', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const cases: [string, Uint8Array, RegExp][] = [
    [
      'PKCS#1 RSA',
      rsa.privateKey.export({ type: 'pkcs1', format: 'der' }),
      /^This is a private key/,
    ],
    ['SEC1 EC', ec.privateKey.export({ type: 'sec1', format: 'der' }), /^This is a private key/],
    ['PKCS#8', ec.privateKey.export({ type: 'pkcs8', format: 'der' }), /^This is a private key/],
    ['SPKI', ec.publicKey.export({ type: 'spki', format: 'der' }), /^This is a public key/],
    // An AlgorithmIdentifier alone, and one followed by a third element: neither kind.
    ['AlgorithmIdentifier', Buffer.from('300d300b06092a864886f70d010101', 'hex'), /unknown kind/],
    [
      'three elements',
      Buffer.from('3013300b06092a864886f70d010101030100020100', 'hex'),
      /unknown kind/,
    ],
  ];
  it.each(cases)('%s', async (_name, der, message) => {
    const error = await failure(readCertificates(der));
    expect(error.code).toBe('UNKNOWN_FORMAT');
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/ (Export|Give) the certificate/);
  });
});

describe('text of base64 letters that is not the base64 of a certificate says what to give', () => {
  // "hello world" and "abcd" decode as base64, to bytes that are not DER: a note, not a
  // damaged certificate; the message ends with the next step, as for any other non-certificate.
  it.each(['hello world\n', 'abcd\n', 'QUJD\n'])('%j', async (text) => {
    for (const input of [text, Buffer.from(text)]) {
      const error = await failure(readCertificates(input));
      expect(error.code).toBe('UNKNOWN_FORMAT');
      expect(error.message).toMatch(/^The base64 text does not decode to a certificate/);
      expect(error.message).toMatch(/ Give the certificate as a \.cer, .*\.p12 file\.$/);
    }
  });
});
