import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCrls } from '../src/chain/crl.js';
import { SupCertError, WorkBudget, validateSupCertificate } from '../src/index.js';
import { fetchHttp } from '../src/net/nodeTransport.js';
import { fetchCrls, fetchOcsp } from '../src/sup/online.js';
import { buildOcspRequest, checkOcspResponse } from '../src/chain/ocsp.js';
import { assertBuilt, runCli } from './cli-fixtures/run.js';

/**
 * Revocation: OpenSSL-made CRLs (openssl ca -gencrl) for a test CA whose leaf names a
 * CRL distribution point on a loopback HTTP server started here: one CRL listing the leaf, one
 * expired at the time judged, one with a bad signature, and a good one.
 */
let dir = '';
let ocspPort = 0;
let server: http.Server;
let port = 0;
const served: string[] = [];
let serve: Buffer = Buffer.alloc(0);
const files: Record<string, string> = {};
const AT_FRESH = new Date(Date.now() + 2 * 86_400_000);
const AT_STALE = new Date(Date.now() + 10 * 86_400_000);

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

beforeAll(async () => {
  assertBuilt();
  server = http.createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url === '/loop') {
      res.writeHead(302, { location: '/loop' });
      res.end();
      return;
    }
    // `openssl ocsp` as the responder, behind this 127.0.0.1 server (its own -port binds every interface):
    // the GET request (RFC 6960 A.1) is answered with -reqin/-respout against the CA's index.txt.
    if (req.url?.startsWith('/ocsp/')) {
      writeFileSync(
        path.join(dir, 'req.der'),
        Buffer.from(decodeURIComponent(req.url.slice(6)), 'base64'),
      );
      openssl([
        'ocsp',
        '-index',
        'index.txt',
        '-CA',
        'ca.pem',
        '-rsigner',
        'ca.pem',
        '-rkey',
        'ca.key',
        '-ndays',
        '5',
        '-reqin',
        'req.der',
        '-respout',
        'resp.der',
      ]);
      res.writeHead(200, { 'content-type': 'application/ocsp-response' });
      res.end(readFileSync(path.join(dir, 'resp.der')));
      return;
    }
    if (req.url === '/int.cer') {
      res.writeHead(200);
      res.end(readFileSync(path.join(dir, 'int.der')));
      return;
    }
    if (req.url === '/big') {
      res.writeHead(200);
      res.end(Buffer.alloc(1_000_000));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/pkix-crl' });
    res.end(serve);
  });
  port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
  dir = mkdtempSync(path.join(os.tmpdir(), 'supcert-crl-'));
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    [
      '[ ca ]',
      'default_ca = CA_default',
      '[ CA_default ]',
      'dir = .',
      'database = ./index.txt',
      'new_certs_dir = .',
      'certificate = ./ca.pem',
      'private_key = ./ca.key',
      'serial = ./serial',
      'crlnumber = ./crlnumber',
      'default_md = sha256',
      'default_crl_days = 5',
      'policy = policy_any',
      '[ policy_any ]',
      'commonName = supplied',
      '[ crl_ext ]',
      'authorityKeyIdentifier = keyid:always',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'crlnumber'), '1000\n');
  writeFileSync(
    path.join(dir, 'leaf.ext'),
    `subjectAltName=DNS:sup01.corp.contoso.com\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\ncrlDistributionPoints=URI:http://127.0.0.1:${port}/ca.crl\n`,
  );
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-subj',
    '/CN=Test CRL CA',
    '-days',
    '3650',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-subj',
    '/CN=sup01.corp.contoso.com',
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    'leaf.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-set_serial',
    '0x1234',
    '-days',
    '365',
    '-extfile',
    'leaf.ext',
    '-out',
    'leaf.pem',
  ]);
  openssl(['ca', '-config', 'ca.cnf', '-gencrl', '-crlexts', 'crl_ext', '-out', 'good.crl']);
  openssl([
    'ca',
    '-config',
    'ca.cnf',
    '-gencrl',
    '-crlexts',
    'crl_ext',
    '-crldays',
    '1',
    '-out',
    'expired.crl',
  ]);
  openssl(['ca', '-config', 'ca.cnf', '-valid', 'leaf.pem', '-batch']);
  openssl(['ca', '-config', 'ca.cnf', '-revoke', 'leaf.pem']);
  openssl(['ca', '-config', 'ca.cnf', '-gencrl', '-crlexts', 'crl_ext', '-out', 'revoked.crl']);
  // An intermediate the server (here: the file) does not send, published at an AIA caIssuers URL.
  writeFileSync(
    path.join(dir, 'int.ext'),
    'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n',
  );
  writeFileSync(
    path.join(dir, 'leaf2.ext'),
    `subjectAltName=DNS:sup01.corp.contoso.com\nextendedKeyUsage=serverAuth\nauthorityInfoAccess=caIssuers;URI:http://127.0.0.1:${port}/int.cer\n`,
  );
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'int.key',
    '-out',
    'int.csr',
    '-subj',
    '/CN=Test Issuing CA',
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    'int.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-set_serial',
    '0x77',
    '-days',
    '3000',
    '-extfile',
    'int.ext',
    '-outform',
    'DER',
    '-out',
    'int.der',
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'leaf2.key',
    '-out',
    'leaf2.csr',
    '-subj',
    '/CN=sup01.corp.contoso.com',
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    'leaf2.csr',
    '-CA',
    'int.der',
    '-CAform',
    'DER',
    '-CAkey',
    'int.key',
    '-set_serial',
    '0x99',
    '-days',
    '365',
    '-extfile',
    'leaf2.ext',
    '-out',
    'leaf2.pem',
  ]);
  files['leaf2.pem'] = path.join(dir, 'leaf2.pem');
  // OCSP: leaves whose AIA names the `openssl ocsp` responder started below.
  ocspPort = port;
  writeFileSync(
    path.join(dir, 'ocsp.ext'),
    `subjectAltName=DNS:sup01.corp.contoso.com\nextendedKeyUsage=serverAuth\nauthorityInfoAccess=OCSP;URI:http://127.0.0.1:${ocspPort}/ocsp\n`,
  );
  for (const [stem, serial] of [
    ['good', '0x55'],
    ['unknown', '0x66'],
  ] as const) {
    openssl([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `ocsp-${stem}.key`,
      '-out',
      `ocsp-${stem}.csr`,
      '-subj',
      '/CN=sup01.corp.contoso.com',
    ]);
    openssl([
      'x509',
      '-req',
      '-in',
      `ocsp-${stem}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-set_serial',
      serial,
      '-days',
      '365',
      '-extfile',
      'ocsp.ext',
      '-out',
      `ocsp-${stem}.pem`,
    ]);
    files[`ocsp-${stem}.pem`] = path.join(dir, `ocsp-${stem}.pem`);
  }
  openssl(['ca', '-config', 'ca.cnf', '-valid', 'ocsp-good.pem', '-batch']);

  openssl(['crl', '-in', 'good.crl', '-outform', 'DER', '-out', 'good.der']);
  const bad = readFileSync(path.join(dir, 'good.der'));
  bad[bad.length - 1] = bad[bad.length - 1]! ^ 0x01;
  writeFileSync(path.join(dir, 'bad-signature.crl'), bad);
  for (const f of [
    'ca.pem',
    'leaf.pem',
    'good.crl',
    'expired.crl',
    'revoked.crl',
    'bad-signature.crl',
  ])
    files[f] = path.join(dir, f);
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const read = (f: string): Buffer => readFileSync(files[f]!);
async function judge(crl: string, at = AT_FRESH, budget = new WorkBudget()) {
  return validateSupCertificate(read('leaf.pem'), {
    skipNames: true,
    at,
    trustAnchors: [read('ca.pem')],
    crls: [read(crl)],
    budget,
  });
}
const chain003 = (r: Awaited<ReturnType<typeof judge>>): string[] =>
  r.findings
    .filter((f) => f.rule === 'SUP-CHAIN-003')
    .map((f) => `${f.severity}:${f.windowsError ?? ''}`);

describe('revocation from CRLs (SupOptions.crls, --crl)', () => {
  it('a CRL listing the leaf: revoked, SUP-CHAIN-003 error 0x80092010; one signature check', async () => {
    const budget = new WorkBudget();
    const r = await judge('revoked.crl', AT_FRESH, budget);
    expect(r.revocation!.statuses.map((s) => s.status)).toEqual(['revoked']);
    expect(chain003(r)).toEqual(['error:0x80092010']);
    expect(r.ok).toBe(false);
    // The chain search checks the leaf's signature; the CRL adds exactly one.
    const without = new WorkBudget();
    await validateSupCertificate(read('leaf.pem'), {
      skipNames: true,
      at: AT_FRESH,
      trustAnchors: [read('ca.pem')],
      budget: without,
    });
    expect(budget.spent('maxSignatureChecks') - without.spent('maxSignatureChecks')).toBe(1);
  });

  it('a good CRL: good (info); an expired one and one with a bad signature: unknown, warning 0x80092013 saying why', async () => {
    const good = await judge('good.crl');
    expect(good.revocation!.statuses.map((s) => s.status)).toEqual(['good']);
    expect(chain003(good)).toEqual(['info:']);
    const expired = await judge('expired.crl', AT_STALE);
    expect(expired.revocation!.statuses[0]!.rejected[0]).toMatch(
      /expired: its nextUpdate .* has passed/,
    );
    expect(chain003(expired)).toEqual(['warning:0x80092013']);
    const bad = await judge('bad-signature.crl');
    expect(bad.revocation!.statuses[0]!.rejected[0]).toContain('its signature does not verify');
    expect(chain003(bad)).toEqual(['warning:0x80092013']);
  });

  it("hostile CRL input ends in SupCertError, bounded by the call's budget", async () => {
    expect(() => readCrls(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'EMPTY_INPUT' }),
    );
    expect(() => readCrls('hello')).toThrow(expect.objectContaining({ code: 'UNKNOWN_FORMAT' }));
    expect(() => readCrls(new Uint8Array([0x30, 0x03, 0x02, 0x01]))).toThrow(SupCertError);
    // A CRL with 5,000 entries against a budget of 1,000 elements: LIMIT_EXCEEDED, never more drawn.
    const entry = Buffer.from('3013020201ff170d3236303130313030303030305a', 'hex');
    const entries = Buffer.concat(Array(5000).fill(entry));
    const len = (n: number): Buffer =>
      n < 128
        ? Buffer.from([n])
        : n < 256
          ? Buffer.from([0x81, n])
          : n < 65536
            ? Buffer.from([0x82, n >> 8, n & 255])
            : Buffer.from([0x83, n >> 16, (n >> 8) & 255, n & 255]);
    const seq = (body: Buffer): Buffer =>
      Buffer.concat([Buffer.from([0x30]), len(body.length), body]);
    const alg = Buffer.from('300d06092a864886f70d01010b0500', 'hex');
    const name = seq(Buffer.from('310a300806035504030c0143', 'hex'));
    const time = Buffer.from('170d3236303130313030303030305a', 'hex');
    const tbs = seq(
      Buffer.concat([Buffer.from('020101', 'hex'), alg, name, time, time, seq(entries)]),
    );
    const crl = seq(Buffer.concat([tbs, alg, Buffer.from('03020000', 'hex')]));
    const budget = new WorkBudget({ maxElements: 1000 });
    expect(() => readCrls(crl, { budget })).toThrow(
      expect.objectContaining({
        code: 'LIMIT_EXCEEDED',
        message: expect.stringContaining('limits.maxElements'),
      }),
    );
    expect(budget.spent('maxElements')).toBeLessThanOrEqual(1000);
    // With the default budget it reads, and every entry is counted.
    expect(readCrls(crl)[0]!.revoked.size).toBe(1);
  });
});

describe("--online (fetchCrls through the CLI's fetcher) and --crl", () => {
  it('nothing is fetched unless asked; the text says revocation was not checked', async () => {
    served.length = 0;
    const r = await runCli([
      'check',
      files['leaf.pem']!,
      '--skip-names',
      '--trust',
      files['ca.pem']!,
      '--at',
      AT_FRESH.toISOString(),
    ]);
    expect(r.stdout).toContain(
      'Revocation   not checked (--online is off; --crl FILE gives CRLs you have)',
    );
    expect(served).toEqual([]);
  });

  it("--online fetches the leaf's CRL over HTTP (one request) and finds it revoked; --crl does the same offline", async () => {
    serve = read('revoked.crl');
    served.length = 0;
    const online = await runCli([
      'check',
      files['leaf.pem']!,
      '--skip-names',
      '--trust',
      files['ca.pem']!,
      '--at',
      AT_FRESH.toISOString(),
      '--online',
    ]);
    expect(online.status).toBe(1);
    expect(served).toEqual(['/ca.crl']);
    expect(online.stdout).toContain(
      'Revocation   CN=sup01.corp.contoso.com REVOKED (1 CRL fetched (--online))',
    );
    expect(online.stdout).toMatch(/ERROR {4}SUP-CHAIN-003 \(0x80092010\)/);
    const offline = await runCli([
      'check',
      files['leaf.pem']!,
      '--skip-names',
      '--trust',
      files['ca.pem']!,
      '--at',
      AT_FRESH.toISOString(),
      '--crl',
      files['good.crl']!,
    ]);
    expect(offline.status).toBe(0);
    expect(offline.stdout).toContain(
      'Revocation   CN=sup01.corp.contoso.com good (1 CRL given (--crl))',
    );
  });

  it('check-server --online fetches the CRL of the certificate judged from the snapshot, and --crl is read as with check', async () => {
    serve = read('revoked.crl');
    served.length = 0;
    const args = [
      'check-server',
      files['leaf.pem']!,
      '--skip-names',
      '--trust',
      files['ca.pem']!,
      '--at',
      AT_FRESH.toISOString(),
    ];
    const offline = await runCli(args);
    expect(offline.stdout).toContain('Revocation   not checked (--online is off');
    expect(served).toEqual([]);
    const online = await runCli([...args, '--online']);
    expect(online.status).toBe(1);
    expect(served).toEqual(['/ca.crl']);
    expect(online.stdout).toContain(
      'Revocation   CN=sup01.corp.contoso.com REVOKED (1 CRL fetched (--online))',
    );
    const given = await runCli([...args, '--crl', files['good.crl']!]);
    expect(given.status).toBe(0);
    expect(given.stdout).toContain(
      'Revocation   CN=sup01.corp.contoso.com good (1 CRL given (--crl))',
    );
  });

  it('a --crl file that is no CRL is a command-line error naming it (exit 2); without --trust the row says why nothing was judged', async () => {
    const bad = await runCli([
      'check',
      files['leaf.pem']!,
      '--skip-names',
      '--crl',
      files['ca.pem']!,
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      `supcert: ${files['ca.pem']}: Not a CRL: neither DER nor PEM with a "-----BEGIN X509 CRL-----" block. Give the .crl file the CA publishes. (UNKNOWN_FORMAT)\n`,
    );
    const noTrust = await runCli([
      'check',
      files['leaf.pem']!,
      '--skip-names',
      '--crl',
      files['good.crl']!,
      '--at',
      AT_FRESH.toISOString(),
    ]);
    expect(noTrust.stdout).toContain(
      'Revocation   not judged: the chain was not validated (give --trust)',
    );
  });

  it('every fetch is bounded: redirects, size, and the number of fetches', async () => {
    served.length = 0;
    await expect(
      fetchHttp(`http://127.0.0.1:${port}/loop`, {
        timeoutMs: 5000,
        maxBytes: 1000,
        maxRedirects: 3,
      }),
    ).rejects.toMatchObject({ code: 'EREDIRECTS' });
    expect(served).toHaveLength(4);
    await expect(
      fetchHttp(`http://127.0.0.1:${port}/big`, {
        timeoutMs: 5000,
        maxBytes: 1000,
        maxRedirects: 3,
      }),
    ).rejects.toMatchObject({ code: 'ETOOBIG' });
    const leaf = (await import('../src/index.js')).readCertificates(read('leaf.pem'));
    let calls = 0;
    const got = await fetchCrls(
      (await leaf).certificates,
      async () => {
        calls++;
        throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
      },
      { maxFetches: 0 },
    );
    expect(calls).toBe(0);
    expect(got.notes[0]).toContain('limit of 0 fetches reached');
  });

  it('--online downloads a missing intermediate from AIA caIssuers, as Windows does, and says it was needed', async () => {
    served.length = 0;
    const args = [
      'check',
      files['leaf2.pem']!,
      '--skip-names',
      '--trust',
      files['ca.pem']!,
      '--at',
      AT_FRESH.toISOString(),
      '--format',
      'json',
    ];
    const offline = JSON.parse((await runCli(args)).stdout) as {
      results: Array<{ report: { chain: { valid: boolean } } }>;
    };
    expect(offline.results[0]!.report.chain.valid).toBe(false);
    expect(served).toEqual([]);
    const online = JSON.parse((await runCli([...args, '--online'])).stdout) as {
      results: Array<{
        report: {
          chain: { valid: boolean; path: string[] };
          findings: Array<{ rule: string; message: string }>;
        };
      }>;
    };
    const report = online.results[0]!.report;
    expect(served).toEqual(['/int.cer']);
    expect(report.chain.valid).toBe(true);
    expect(report.chain.path).toEqual([
      'CN=sup01.corp.contoso.com',
      'CN=Test Issuing CA',
      'CN=Test CRL CA',
    ]);
    expect(report.findings.find((f) => f.rule === 'SUP-CHAIN-002')!.message).toMatch(
      /downloaded from the AIA caIssuers URL .* it was needed/,
    );
  });

  it("OCSP with `openssl ocsp` as the responder (-reqin/-respout behind a 127.0.0.1 server): good, revoked, unknown; the answer's signature verified", async () => {
    const { readCertificates } = await import('../src/index.js');
    const one = async (f: string) => (await readCertificates(read(f))).certificates[0]!;
    const ca = await one('ca.pem');
    const statusOf = async (f: string) => {
      const cert = await one(f);
      const budget = new WorkBudget();
      const got = await fetchOcsp(
        [cert, ca],
        (c, i) => buildOcspRequest(c, i, budget),
        (url, limits) => fetchHttp(url, limits),
      );
      // leaf.pem names no responder: ask the one the OCSP leaves name, with its request.
      const responses =
        got.responses.length > 0
          ? got.responses
          : [
              (
                await fetchHttp(
                  `http://127.0.0.1:${ocspPort}/ocsp/${encodeURIComponent(Buffer.from(buildOcspRequest(cert, ca, budget)).toString('base64'))}`,
                  { timeoutMs: 5000, maxBytes: 100_000, maxRedirects: 0 },
                )
              ).body,
            ];
      const answer = checkOcspResponse(responses[0]!, cert, ca, AT_FRESH, budget);
      expect(budget.spent('maxSignatureChecks')).toBeLessThanOrEqual(2);
      return answer;
    };
    expect(await statusOf('ocsp-good.pem')).toEqual({ status: 'good' });
    expect(await statusOf('leaf.pem')).toMatchObject({
      status: 'revoked',
      revokedAt: expect.any(Date),
    });
    expect((await statusOf('ocsp-unknown.pem')).status).toBe('unknown');
    // The answer for one certificate says nothing about another; a flipped byte breaks the signature.
    const good = await one('ocsp-good.pem');
    const body = (
      await fetchHttp(
        `http://127.0.0.1:${ocspPort}/ocsp/${encodeURIComponent(Buffer.from(buildOcspRequest(good, ca)).toString('base64'))}`,
        { timeoutMs: 5000, maxBytes: 100_000, maxRedirects: 0 },
      )
    ).body;
    expect(checkOcspResponse(body, await one('leaf.pem'), ca, AT_FRESH).rejected).toBe(
      'the answer has no response for this certificate',
    );
    const broken = Buffer.from(body);
    // One digit of producedAt (the first GeneralizedTime, inside the signed ResponseData).
    const at = broken.indexOf(Buffer.from([0x18, 0x0f])) + 2 + 3;
    broken[at] = broken[at]! ^ 1;
    expect(checkOcspResponse(broken, good, ca, AT_FRESH).rejected).toMatch(
      /signature verifies neither/,
    );
    expect(checkOcspResponse(Buffer.from('garbage'), good, ca, AT_FRESH).rejected).toMatch(
      /not readable/,
    );
  });

  it('--online asks the OCSP responder the certificate names (the CLI)', async () => {
    const r = await runCli([
      'check',
      files['ocsp-good.pem']!,
      '--skip-names',
      '--trust',
      files['ca.pem']!,
      '--at',
      AT_FRESH.toISOString(),
      '--online',
      '--verbose',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('the OCSP responder says good');
  });

  it('an LDAP-only CDP is noted as unreachable for internet clients and not fetched', async () => {
    const ldap = (
      await (
        await import('../src/index.js')
      ).readCertificates(readFileSync('certs-fixtures/sup/ldap-only-cdp.pem'))
    ).certificates;
    let calls = 0;
    const got = await fetchCrls(ldap, async () => {
      calls++;
      return { status: 200, body: new Uint8Array() };
    });
    expect(calls).toBe(0);
    expect(got.notes[0]).toMatch(
      /over LDAP only \(ldap:.*\), which internet clients cannot reach; not fetched/,
    );
  });
});
