import { beforeAll, describe, expect, it } from 'vitest';
import { SupCertError, validateSupCertificate } from '../src/index.js';
import { assertBuilt, runCli } from './cli-fixtures/run.js';
import { fixture, fixtureJson } from './fixtures.js';

/**
 * certs-fixtures/pfx-matrix: one PKCS#12 file per tool and option an admin uses, and per
 * hand-made ASN.1 variant. scripts/make-pfx-matrix.mjs wrote each row's expectation from how the
 * file was built (which certificate has its key, which protection it got), never from supcert.
 */
interface Row {
  file: string;
  tool: string;
  how: string;
  password: string | null;
  expect:
    | {
        ok: true;
        judged: string;
        keyMatched: boolean;
        importsFrom: '2012r2' | '2019' | null;
        pfxFinding: string;
      }
    | { error: string; fragment: string };
}
interface Manifest {
  made: { notBefore: string; names: string };
  certificates: Record<string, string>;
  rows: Row[];
}

const manifest = fixtureJson<Manifest>('pfx-matrix/manifest.json');
const at = new Date(Date.parse(manifest.made.notBefore) + 86_400_000);
const names = manifest.made.names;

describe('PFX matrix: every tool and variant reads, picks the right certificate, and judges it', () => {
  it('has one row per file of every tool', () => {
    expect(new Set(manifest.rows.map((r) => r.tool))).toEqual(
      new Set(['openssl', 'hand', 'pk12util', 'keytool', 'node-forge']),
    );
    expect(manifest.rows.length).toBeGreaterThanOrEqual(50);
  });
  for (const row of manifest.rows) {
    it(`${row.file} (${row.tool}: ${row.how})`, async () => {
      const result = validateSupCertificate(fixture(`pfx-matrix/${row.file}`), {
        password: row.password ?? undefined,
        names,
        at,
      });
      const e = row.expect;
      if ('error' in e) {
        const error: unknown = await result.then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(error).toBeInstanceOf(SupCertError);
        expect((error as SupCertError).code).toBe(e.error);
        expect((error as SupCertError).message).toContain(e.fragment);
        // Never the password in a message.
        if (row.password) expect((error as SupCertError).message).not.toContain(row.password);
        return;
      }
      const report = await result;
      expect(report.certificate.sha256).toBe(manifest.certificates[e.judged]);
      const pk = report.results.find((r) => r.rule === 'SUP-PK-001')!;
      expect(pk.status).toBe(e.keyMatched ? 'pass' : 'error');
      const pfx = report.findings.filter((f) => f.rule === 'SUP-PFX-001').map((f) => f.code);
      expect(pfx).toContain(e.pfxFinding);
    });
  }
});

describe('PFX matrix: the target Windows release decides SUP-PFX-001', () => {
  for (const row of manifest.rows) {
    const e = row.expect;
    if (!('ok' in e) || e.importsFrom !== '2019') continue;
    it(`${row.file} imports on Windows Server 2019`, async () => {
      const report = await validateSupCertificate(fixture(`pfx-matrix/${row.file}`), {
        password: row.password ?? undefined,
        names,
        at,
        targetOs: '2019',
      });
      expect(report.findings.filter((f) => f.rule === 'SUP-PFX-001').map((f) => f.code)).toContain(
        'sup.pfx.imports_from',
      );
    });
  }
});

describe('supcert check on two leaves with their keys', () => {
  beforeAll(assertBuilt);
  const check = (more: string[]) =>
    runCli(
      [
        'check',
        'certs-fixtures/pfx-matrix/two-keys-two-leaves.pfx',
        '--password-env',
        'PFX',
        '--at',
        at.toISOString(),
        '--target-os',
        '2019',
        ...more,
      ],
      { env: { PFX: 'Passw0rd!' } },
    );
  it('judges the one that matches the names given, and says why', async () => {
    const out = await check(['--names', 'sup01.corp.contoso.com']);
    expect(out.stdout).toContain('CN=sup01.corp.contoso.com');
    expect(out.stdout).toContain(
      'certificate 2 of 2 in the file (2 certificates have their private key in it: the first that matches the names given)',
    );
  });
  it('judges the other when the names are the other server', async () => {
    const out = await check(['--names', 'sup02.corp.contoso.com']);
    expect(out.stdout).toContain('CN=sup02.corp.contoso.com');
    expect(out.stdout).toContain('certificate 1 of 2 in the file');
  });
  it('judges the first with a key when no name matches, and says so', async () => {
    const out = await check(['--names', 'sup03.corp.contoso.com']);
    expect(out.stdout).toContain('CN=sup02.corp.contoso.com');
    expect(out.stdout).toContain('none matches the names given, so the first');
  });
});
