import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readCertificates, validateSupCertificate, validateSupRequest } from '../src/index.js';
import { fixture } from './fixtures.js';
import { runCli } from './cli-fixtures/run.js';

/**
 * The password and the private key never leave supcert: not in errors, findings, reports or
 * bundles, in any encoding a key is usually written in (hex, base64, base64url, PEM body lines).
 */
const PASSWORD = 'Passw0rd!';
const key = createPrivateKey(fixture('generated/leaf-rsa.key'));
const jwk = key.export({ format: 'jwk' }) as Record<string, string>;
const pkcs8 = key.export({ format: 'der', type: 'pkcs8' });
const secrets = [
  PASSWORD,
  ...['d', 'p', 'q', 'dp', 'dq', 'qi'].flatMap((k) => {
    const bytes = Buffer.from(jwk[k]!, 'base64url');
    return [bytes.toString('hex'), bytes.toString('base64').slice(0, 40), jwk[k]!.slice(0, 40)];
  }),
  pkcs8.toString('base64').slice(100, 164), // a line of the PEM body
];

function assertClean(text: string, where: string): void {
  for (const secret of secrets)
    expect(text.includes(secret), `${where} contains secret material`).toBe(false);
}

describe('secrets stay secret', () => {
  it('reading a PFX and a PEM with the key: the bundle holds no key material', async () => {
    for (const [file, password] of [
      ['generated/default.pfx', PASSWORD],
      ['generated/legacy.pfx', PASSWORD],
      ['generated/leaf-rsa-key-pkcs1.pem', undefined],
    ] as const) {
      const bundle = await readCertificates(fixture(file), { password });
      expect(bundle.keys.length).toBe(1);
      assertClean(
        JSON.stringify(bundle, (_k, v: unknown) =>
          v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
        ),
        `bundle of ${file}`,
      );
    }
  });

  it('the SUP report (every field, as JSON) holds neither the password nor the key', async () => {
    const report = await validateSupCertificate(fixture('generated/default.pfx'), {
      password: PASSWORD,
      names: 'sup01.corp.contoso.com&sup01.contoso.com',
    });
    assertClean(JSON.stringify(report), 'report');
    const request = await validateSupRequest(fixture('requests/good-both.csr'), {
      password: PASSWORD,
      intranetName: 'sup01.corp.contoso.com',
    });
    assertClean(JSON.stringify(request), 'request report');
  });

  it('no error message or JSON form of an error holds the password', async () => {
    const attempts = [
      () => readCertificates(fixture('generated/default.pfx'), { password: `${PASSWORD}x` }),
      () => readCertificates(fixture('generated/corrupt-mac.pfx'), { password: PASSWORD }),
      () => readCertificates(fixture('generated/truncated.pfx'), { password: PASSWORD }),
      () => validateSupCertificate(fixture('generated/nomac.pfx'), { password: `${PASSWORD}x` }),
      () =>
        readCertificates(
          `-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n`,
          { password: PASSWORD },
        ),
    ];
    for (const attempt of attempts) {
      const error = await attempt().then(
        () => null,
        (e: Error) => e,
      );
      expect(error).not.toBeNull();
      assertClean(`${error!.message}\n${JSON.stringify(error)}\n${String(error)}`, 'error');
    }
  });

  it('no output format of the command line holds the password or the key (text, JSON, SARIF; good and wrong password)', async () => {
    for (const format of ['text', 'json', 'sarif']) {
      for (const password of [PASSWORD, `${PASSWORD}x`]) {
        const r = await runCli(
          [
            'check',
            'certs-fixtures/generated/default.pfx',
            'certs-fixtures/generated/leaf-rsa-key-pkcs1.pem',
            '--password-env',
            'SUPCERT_TEST_PW',
            '--names',
            'sup01.corp.contoso.com&sup01.contoso.com',
            '--format',
            format,
            '--verbose',
            '--at',
            '2027-01-01T00:00:00Z',
          ],
          { env: { SUPCERT_TEST_PW: password } },
        );
        expect(r.stdout.length + r.stderr.length).toBeGreaterThan(0);
        assertClean(`${r.stdout}\n${r.stderr}`, `supcert check --format ${format}`);
        expect(r.stdout.includes(`${PASSWORD}x`) || r.stderr.includes(`${PASSWORD}x`)).toBe(false);
      }
    }
  });
});
