/*
 * Red team, round 6: the outputs (CSV in a spreadsheet of a `;` locale, SARIF message text),
 * the library called with values of the wrong type, file names that are not UTF-8, and the
 * offline page's rendering of certificate fields.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { csvCell } from '../src/cli/output/clean.js';
vi.mock('../src/cli/version.js', () => ({ packageVersion: () => '0.0.0-test' }));
import { formatSarif } from '../src/cli/output/sarif.js';
import {
  SupCertError,
  describeRules,
  ekuLabel,
  pairedHttpPort,
  readCertificates,
  readCrls,
  readSnapshotFile,
  recogniseSnapshot,
  suggestRequest,
  type SupOptions,
  validateSupCertificate,
  validateSupDeployment,
  validateSupRequest,
} from '../src/index.js';
import { shown } from '../web/shown.js';
import { ROOT, SUP, assertBuilt, runCli, tempDir } from './cli-fixtures/run.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
beforeAll(() => assertBuilt());

/** A cell a spreadsheet runs as a formula: = + - @ first, after any spaces or quotes. */
const FORMULA = /^[ "]*[=+\-@\t\r]/;

/**
 * The cells a spreadsheet whose list separator is ";" (Excel and LibreOffice in German, French,
 * Dutch ... locales) reads from one CSV line: split at every ";", a field quoted only when its
 * first character is a quote.
 */
function semicolonFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (line[i] === '"') break;
        else cell += line[i++];
      }
      i++;
      const end = line.indexOf(';', i);
      out.push(cell + line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    } else {
      const end = line.indexOf(';', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

describe('CSV opened by a spreadsheet whose list separator is ";"', () => {
  it.each([
    ['a;=1+2', 'a'],
    ["CN=sup01;=cmd|' /C calc'!A0", 'CN=sup01'],
    ['x;+1', 'x'],
    ['x;-1', 'x'],
    ['x;@SUM(A1)', 'x'],
    ['x; =1+2', 'x'],
    ['x;;=1', 'x'],
    ['x;"=1+2', 'x'],
    ['x;""=1+2', 'x'],
    [' =1+2', ''],
  ])('%j: no ";"-separated field starts a formula', (value, first) => {
    const cell = csvCell(value);
    const fields = semicolonFields(cell);
    for (const f of fields) expect(f, cell).not.toMatch(FORMULA);
    expect(fields[0]!.replace(/^'/, '').trimStart().startsWith(first)).toBe(true);
  });

  it('a ";" not followed by a formula is left as it is (messages keep their wording)', () => {
    expect(csvCell('inputs 3; passed 3')).toBe('inputs 3; passed 3');
  });

  it('a file named "a;=1+2.pem" in a real run: no field of any line starts a formula', async () => {
    const dir = path.join(tmp.dir, 'csv');
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), path.join(dir, "a;=cmd|' -c calc'!A0.pem"));
    const r = await runCli(
      ['check', '.', '--skip-names', '--at', '2027-01-01', '--format', 'csv'],
      {
        cwd: dir,
      },
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\r\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(2);
    expect(r.stdout).toContain('cmd|');
    for (const line of lines)
      for (const f of semicolonFields(line)) expect(f, line).not.toMatch(FORMULA);
  });
});

describe('the library called with values of the wrong type: SupCertError INVALID_OPTION, never a TypeError', () => {
  const pem = readFileSync(path.join(ROOT, SUP, 'good-both.pem'));
  const pfx = readFileSync(path.join(ROOT, SUP, 'good-both-capi.pfx'));
  const cases: Array<[string, () => unknown, string]> = [
    ['readCertificates(pem, null)', () => readCertificates(pem, null as never), 'INVALID_OPTION'],
    ['readCertificates(pem, 5)', () => readCertificates(pem, 5 as never), 'INVALID_OPTION'],
    [
      'readCertificates(pfx, { password: ["…"] })',
      () => readCertificates(pfx, { password: ['Passw0rd!'] as never }),
      'INVALID_OPTION',
    ],
    [
      'readCertificates(pfx, { password: Object.create(null) })',
      () => readCertificates(pfx, { password: Object.create(null) as never }),
      'INVALID_OPTION',
    ],
    [
      'readCertificates(pfx, { password: 5 })',
      () => readCertificates(pfx, { password: 5 as never }),
      'INVALID_OPTION',
    ],
    [
      'readCertificates(pem, { format: Object.create(null) })',
      () => readCertificates(pem, { format: Object.create(null) as never }),
      'INVALID_OPTION',
    ],
    [
      'validateSupCertificate(pfx, { password: [] })',
      () => validateSupCertificate(pfx, { skipNames: true, password: [] as never }),
      'INVALID_OPTION',
    ],
    ['readCrls(pem, null)', () => readCrls(pem, null as never), 'INVALID_OPTION'],
    [
      'readCrls(pem, { budget: {} })',
      () => readCrls(pem, { budget: {} as never }),
      'UNKNOWN_FORMAT',
    ],
    ['readSnapshotFile("x", null)', () => readSnapshotFile('x', null as never), 'INVALID_OPTION'],
    ['readSnapshotFile("x", 5)', () => readSnapshotFile('x', 5 as never), 'INVALID_OPTION'],
    [
      'readSnapshotFile("x", "text")',
      () => readSnapshotFile('x', '<configuration/>' as never),
      'INVALID_OPTION',
    ],
    [
      'readSnapshotFile("x", bytes, null)',
      () => readSnapshotFile('x', pem, null as never),
      'INVALID_OPTION',
    ],
    ['readSnapshotFile(bytes, bytes)', () => readSnapshotFile(pem as never, pem), 'INVALID_OPTION'],
    ['recogniseSnapshot(null)', () => recogniseSnapshot(null as never), 'INVALID_OPTION'],
    ['recogniseSnapshot(5)', () => recogniseSnapshot(5 as never), 'INVALID_OPTION'],
    [
      'validateSupDeployment([pem], null)',
      () => validateSupDeployment([pem], null as never),
      'INVALID_OPTION',
    ],
  ];
  it.each(cases)('%s', async (_, call, code) => {
    let thrown: unknown;
    try {
      await call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SupCertError);
    expect((thrown as SupCertError).code).toBe(code);
  });

  it('ekuLabel and pairedHttpPort never throw, and read no inherited key ("constructor" is no EKU, no port)', () => {
    expect(ekuLabel('constructor')).toBe('constructor');
    expect(ekuLabel('toString')).toBe('toString');
    expect(ekuLabel(Object.create(null) as never)).toBe('');
    expect(ekuLabel('1.3.6.1.5.5.7.3.1')).toBe('Server Authentication (1.3.6.1.5.5.7.3.1)');
    expect(pairedHttpPort('constructor' as never)).toBeUndefined();
    expect(pairedHttpPort(Object.create(null) as never)).toBeUndefined();
    expect(pairedHttpPort(8531)).toBe(8530);
  });
});

describe('Object.prototype polluted before the call: no inherited key is read as an option', () => {
  const pem = readFileSync(path.join(ROOT, SUP, 'good-both.pem'));
  const root = readFileSync(path.join(ROOT, SUP, 'root.pem'));
  const options = (): SupOptions => ({
    names: 'sup01.corp.contoso.com&sup01.contoso.com',
    at: new Date('2027-01-01T00:00:00Z'),
  });
  const codes = (r: { ok: boolean; findings: Array<{ code: string }> }): string =>
    `${r.ok} ${r.findings.map((f) => f.code).join(',')}`;
  it.each<[string, unknown]>([
    ['trustAnchors', [root]],
    ['intermediates', [root]],
    ['skipNames', true],
    ['intranetName', 'evil.example'],
    ['configureSslName', 'evil.example'],
    ['expiryWarningDays', 1e9],
    ['replaces', pem],
    ['limits', { maxInputBytes: 1 }],
    ['format', 'der'],
    ['password', 'x'],
    ['issuerType', 'public'],
  ])('Object.prototype.%s', async (key, value) => {
    const expected = {
      certificate: codes(await validateSupCertificate(pem, options())),
      request: suggestRequest(options()).inf,
    };
    const proto = Object.prototype as Record<string, unknown>;
    proto[key] = value;
    try {
      expect(codes(await validateSupCertificate(pem, options()))).toBe(expected.certificate);
      expect(suggestRequest(options()).inf).toBe(expected.request);
      expect((await readCertificates(pem, {})).certificates).toHaveLength(1);
    } finally {
      delete proto[key];
    }
  });
});

describe('Object.prototype / Array.prototype given indexed keys or a length by another library: every answer unchanged', () => {
  const file = (relative: string): Buffer =>
    readFileSync(path.join(ROOT, 'certs-fixtures', relative));
  const password = 'Passw0rd!';
  const options = (): SupOptions => ({
    names: 'sup01.corp.contoso.com&sup01.contoso.com',
    at: new Date('2027-01-01T00:00:00Z'),
  });
  const snapshot = (dir: string, names: string[]) =>
    names.map((name) => ({ name, bytes: file(`deployment/${dir}/${name}`) }));
  // The public entry points on every reader: PEM (one, a chain, text around it, CRLF, base64),
  // DER, PKCS#7, PFX (each scheme), CSR, certreq INF, web enrollment, check-server's exports, CRL.
  const calls: Array<[string, () => unknown]> = [
    ['readCertificates PEM', () => readCertificates(file('sup/good-both.pem'))],
    ['readCertificates PEM chain', () => readCertificates(file('sup/chain.pem'))],
    ['readCertificates PEM with text', () => readCertificates(file('generated/leaf-rsa-text.pem'))],
    ['readCertificates PEM CRLF', () => readCertificates(file('generated/leaf-rsa-crlf.pem'))],
    [
      'readCertificates PEM with keys',
      () => readCertificates(file('generated/bundle-with-keys.pem')),
    ],
    ['readCertificates base64', () => readCertificates(file('generated/leaf-rsa-wrapped.b64'))],
    ['readCertificates DER', () => readCertificates(file('generated/leaf-rsa.der'))],
    ['readCertificates EC', () => readCertificates(file('generated/leaf-ec.pem'))],
    ['readCertificates P7B', () => readCertificates(file('generated/chain.p7b'))],
    ['readCertificates PFX (CNG)', () => readCertificates(file('sup/good-both.pfx'), { password })],
    [
      'readCertificates PFX (CAPI)',
      () => readCertificates(file('sup/good-both-capi.pfx'), { password }),
    ],
    [
      'readCertificates PFX (3DES)',
      () => readCertificates(file('generated/legacy.pfx'), { password }),
    ],
    [
      'readCertificates PFX (AES)',
      () => readCertificates(file('generated/aes128-sha512mac.pfx'), { password }),
    ],
    [
      'readCertificates PFX (BER, NSS)',
      () => readCertificates(file('generated-extra/nss-style-ber.pfx'), { password }),
    ],
    [
      'readCertificates PFX (RC2)',
      () => readCertificates(file('generated-extra/pbes2-rc2-sha256.pfx'), { password }),
    ],
    [
      'readCertificates PFX, wrong password',
      () => readCertificates(file('sup/good-both.pfx'), { password: 'no' }),
    ],
    ['readCertificates garbage', () => readCertificates(file('generated/garbage.bin'))],
    [
      'readCertificates truncated PFX',
      () => readCertificates(file('generated/truncated.pfx'), { password }),
    ],
    [
      'validateSupCertificate PEM',
      () => validateSupCertificate(file('sup/good-both.pem'), options()),
    ],
    [
      'validateSupCertificate PFX',
      () => validateSupCertificate(file('sup/good-both.pfx'), { ...options(), password }),
    ],
    [
      'validateSupCertificate many SANs',
      () => validateSupCertificate(file('sup/many-sans.pem'), options()),
    ],
    [
      'validateSupCertificate template',
      () => validateSupCertificate(file('sup/ms-template.pem'), options()),
    ],
    [
      'validateSupCertificate no SAN',
      () => validateSupCertificate(file('sup/no-san.pem'), options()),
    ],
    [
      'validateSupCertificate with chain',
      () =>
        validateSupCertificate(file('sup/good-both.pem'), {
          ...options(),
          trustAnchors: [file('sup/root.pem')],
          intermediates: [file('sup/issuing.pem')],
        }),
    ],
    [
      'validateSupCertificate self-signed',
      () =>
        validateSupCertificate(file('sup/self-signed.pem'), {
          ...options(),
          trustAnchors: [file('sup/root.pem')],
        }),
    ],
    ['validateSupRequest CSR', () => validateSupRequest(file('requests/good-both.csr'), options())],
    [
      'validateSupRequest CSR (DER)',
      () => validateSupRequest(file('requests/good-both.der.csr'), options()),
    ],
    [
      'validateSupRequest INF',
      () => validateSupRequest(file('requests/webserver-both.inf'), options()),
    ],
    [
      'validateSupRequest INF (UTF-16)',
      () => validateSupRequest(file('requests/webserver-both-utf16.inf'), options()),
    ],
    [
      'validateSupRequest INF [Strings]',
      () => validateSupRequest(file('requests/strings-oid-keys.inf'), options()),
    ],
    [
      'validateSupRequest web enrollment',
      () => validateSupRequest(file('requests/web-enrollment.txt'), options()),
    ],
    [
      'validateSupDeployment reg',
      () =>
        validateSupDeployment(
          snapshot('snapshots/good-wsus-admin', [
            'applicationHost.config',
            'my.reg',
            'setup.reg',
            'sslcert.txt',
          ]),
          options(),
        ),
    ],
    [
      'validateSupDeployment sst',
      () =>
        validateSupDeployment(
          snapshot('snapshots/good-default-site', [
            'applicationHost.config',
            'my.sst',
            'setup.reg',
            'sslcert.txt',
          ]),
          options(),
        ),
    ],
    [
      'validateSupDeployment PFX',
      () =>
        validateSupDeployment(
          snapshot('snapshots/with-pfx', [
            'applicationHost.config',
            'my.reg',
            'setup.reg',
            'sslcert.txt',
            'sup01.pfx',
          ]),
          { ...options(), password },
        ),
    ],
    [
      'validateSupDeployment broken',
      () =>
        validateSupDeployment(
          snapshot('snapshots/broken', [
            'applicationHost.config',
            'my.reg',
            'setup.reg',
            'sslcert.txt',
          ]),
          options(),
        ),
    ],
    [
      'readSnapshotFile sst',
      () => readSnapshotFile('my.sst', file('deployment/sst/my-good.sst'), {}),
    ],
    [
      'readSnapshotFile netsh (German)',
      () => readSnapshotFile('sslcert.txt', file('deployment/netsh/german.txt'), {}),
    ],
    ['readCrls', () => readCrls(file('nss-tools/libpkix__crlgood.crl'))],
    [
      'readCertificates DER with trailing bytes',
      () => readCertificates(Buffer.concat([file('generated/leaf-rsa.der'), Buffer.from('extra')])),
    ],
    [
      'readSnapshotFile netsh (Server 2025, SNI before the address entry)',
      () => readSnapshotFile('sslcert.txt', file('deployment/netsh/sni-every-name-ip-old.txt'), {}),
    ],
  ];
  const pollutions: Array<[string, Record<PropertyKey, unknown>, PropertyKey[], unknown]> = [
    ["Object.prototype[0] = 'x'", Object.prototype as never, [0], 'x'],
    ['Object.prototype[1…8] = 0x30', Object.prototype as never, [1, 2, 3, 4, 5, 6, 7, 8], 0x30],
    ['Object.prototype.length = 3', Object.prototype as never, ['length'], 3],
    ["Array.prototype[0] = 'x'", Array.prototype as never, [0], 'x'],
    ["Array.prototype[1…3] = '\"'", Array.prototype as never, [1, 2, 3], '"'],
  ];
  type Outcome = { value: unknown } | { error: unknown };
  const settle = async (call: () => unknown): Promise<Outcome> => {
    try {
      return { value: await call() };
    } catch (error) {
      return { error };
    }
  };
  /** The whole answer, a report or the error's name, code and message, as text (`der` left out). */
  const asText = (o: Outcome): string => {
    const e =
      'error' in o ? (o.error as { name?: string; code?: unknown; message?: string }) : null;
    const value = e
      ? { threw: e.name, code: e.code, message: e.message }
      : (o as { value: unknown }).value;
    return JSON.stringify(value, (key, v: unknown) => (key === 'der' ? undefined : v));
  };
  it.each(calls)('%s', async (_, call) => {
    const expected = asText(await settle(call));
    for (const [label, target, keys, value] of pollutions) {
      for (const key of keys) target[key] = value;
      let outcome: Outcome;
      try {
        outcome = await settle(call);
      } finally {
        for (const key of keys) delete target[key];
      }
      // Shown once the pollution is gone: JSON.stringify reads arrays by index too.
      expect(asText(outcome), label).toBe(expected);
    }
  });
});

describe('a directory holding a file whose name is not UTF-8 (a zip of Windows names extracted as Latin-1)', () => {
  it('is judged like any other file, not reported missing (ENOENT)', async () => {
    const dir = path.join(tmp.dir, 'latin1');
    mkdirSync(dir, { recursive: true });
    const pem = readFileSync(path.join(ROOT, SUP, 'good-both.pem'));
    // "Zertifikat-für-SUP.pem" in Latin-1: 0xfc is no UTF-8.
    const name = Buffer.concat([
      Buffer.from('Zertifikat-f'),
      Buffer.from([0xfc]),
      Buffer.from('r-SUP.pem'),
    ]);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), name]), pem);
    // Eight more: a run of 8 files or more is judged in worker threads (--jobs 2).
    for (let i = 0; i < 8; i++) writeFileSync(path.join(dir, `plain-${i}.pem`), pem);
    for (const jobs of ['1', '2']) {
      const r = await runCli(
        ['check', dir, '--skip-names', '--at', '2027-01-01', '--format', 'json', '--jobs', jobs],
        {},
      );
      const doc = JSON.parse(r.stdout) as { results: Array<{ input: string; verdict: string }> };
      expect(
        doc.results.map((x) => x.verdict),
        r.stdout,
      ).toEqual(Array(9).fill('pass'));
      expect(doc.results.some((x) => x.input.includes('Zertifikat-f\ufffdr-SUP.pem'))).toBe(true);
      expect(r.status).toBe(0);
    }
  });

  it('a file with a plain name inside a DIRECTORY whose name is not UTF-8 is judged too', async () => {
    const top = path.join(tmp.dir, 'latin1-dir');
    mkdirSync(top, { recursive: true });
    const sub = Buffer.concat([
      Buffer.from(`${top}/Zertifikate-f`),
      Buffer.from([0xfc]),
      Buffer.from('r'),
    ]);
    mkdirSync(sub);
    const pem = readFileSync(path.join(ROOT, SUP, 'good-both.pem'));
    writeFileSync(Buffer.concat([sub, Buffer.from('/sup.pem')]), pem);
    const r = await runCli([
      'check',
      top,
      '--skip-names',
      '--at',
      '2027-01-01',
      '--format',
      'json',
    ]);
    const doc = JSON.parse(r.stdout) as { results: Array<{ input: string; verdict: string }> };
    expect(
      doc.results.map((x) => [x.input.endsWith('Zertifikate-f\ufffdr/sup.pem'), x.verdict]),
    ).toEqual([[true, 'pass']]);
    expect(r.status).toBe(0);
  });

  it('a directory of plain names is listed as strings: no input carries rawPath', async () => {
    const { walk } = await import('../src/cli/walk.js');
    const dir = path.join(tmp.dir, 'plain-names');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'a.pem'), 'x');
    writeFileSync(path.join(dir, 'sub', 'b.pem'), 'x');
    const inputs = walk(dir, 1024);
    expect(inputs.map((i) => [path.relative(dir, i.file), 'rawPath' in i])).toEqual([
      ['a.pem', false],
      [path.join('sub', 'b.pem'), false],
    ]);
  });
});

describe('SARIF: a file name in a message is shown as the terminal shows it', () => {
  it.each([
    ['\u202eevil.pem', '\\u{202e}evil.pem'],
    ['a\u2028b.pem', 'a\\u{2028}b.pem'],
    ['x\u200by.pem', 'x\\u{200b}y.pem'],
  ])('%j', (file, shown) => {
    const log = formatSarif(
      [
        { kind: 'error', file, code: 'ENOENT', message: 'no such file or directory' },
        { kind: 'skipped', file, reason: 'a text file, not a certificate file' },
      ],
      2,
      describeRules(),
      '/tmp',
    );
    const notes = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    for (const n of notes) {
      expect(n.message.text).toContain(shown);
      expect(n.message.text).not.toContain(file);
    }
  });
});

describe('the offline page: certificate fields shown as the terminal shows them', () => {
  it.each([
    ['CN=\u202emoc.sotnoc.10pus', 'CN=\\u{202e}moc.sotnoc.10pus'],
    ['DNS:sup01.contoso.com\u200b', 'DNS:sup01.contoso.com\\u{200b}'],
    ['\u0455up01.contoso.com', '\u0455up01.contoso.com (not ASCII: \\u{455}up01.contoso.com)'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['sup01.corp.contoso.com', 'sup01.corp.contoso.com'],
  ])('%j', (value, expected) => {
    expect(shown(value)).toBe(expected);
  });

  it('page.ts shows every certificate row and every file name through shown()', () => {
    const page = readFileSync(path.join(ROOT, 'web/page.ts'), 'utf8');
    // facts() escapes each row with shown() unless told; the snapshot rows (check-server's, with
    // an arrow of ours in them) put each name from a file through shown() and the row through printable().
    expect(page).toContain("el('dd', undefined, escape(value))");
    expect(page).toContain('escape: (value: string) => string = shown,');
    expect(page).toContain('snapshotRows(report, shown)');
    expect(page.match(/\bfacts\(/g)).toHaveLength(4); // the definition and its three uses
    expect(page).toContain('      printable,\n    ),');
    expect(page).toContain("el('span', 'name mono', shown(entry.file.name))");
    // Everything from the library or a file goes in as text, never as HTML.
    expect(page).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});
