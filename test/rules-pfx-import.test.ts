import { describe, expect, it } from 'vitest';
import { validateSupCertificate, WorkBudget, type TargetOs } from '../src/index.js';
import { fixture, rejectionCode } from './fixtures.js';

const names = 'sup01.corp.contoso.com&sup01.contoso.com';
const at = new Date('2026-12-01T00:00:00Z');

async function pfxFindings(
  file: string,
  targetOs: TargetOs | undefined,
  password = 'Passw0rd!',
  extra: Record<string, unknown> = {},
) {
  const budget = new WorkBudget();
  const report = await validateSupCertificate(fixture(file), {
    password,
    names,
    at,
    budget,
    ...(targetOs ? { targetOs } : {}),
    ...extra,
  });
  return {
    findings: report.findings.filter((f) => f.rule === 'SUP-PFX-001'),
    result: report.results.find((r) => r.rule === 'SUP-PFX-001')!,
    budget,
  };
}

describe('SUP-PFX-001: the PFX imports on the target Windows release', () => {
  // file, target, expected status of the rule, text the first finding must hold
  const table: Array<[string, TargetOs | undefined, string, RegExp, string?]> = [
    // OpenSSL 3 default (AES-256, SHA-256 MAC): refused by 2016 (the default target), imported by 2019+
    [
      'generated/default.pfx',
      undefined,
      'error',
      /will not import on Windows Server 2016.*PBES2 AES-256-CBC.*Windows Server 2019.*-legacy.*TripleDES_SHA1/s,
    ],
    ['generated/default.pfx', '2012r2', 'error', /will not import on Windows Server 2012 R2/],
    ['generated/default.pfx', '2019', 'info', /imports on Windows Server 2019 and later/],
    ['generated/default.pfx', '2025', 'info', /imports on Windows Server 2019 and later/],
    // OpenSSL -legacy (RC2-40 certificates, 3DES key, SHA-1 MAC) and Windows' TripleDES-SHA1 export: everywhere
    ['generated/legacy.pfx', '2012r2', 'info', /imports on Windows Server 2012 R2 and later/],
    ['generated/des3-sha1.pfx', '2016', 'info', /imports on Windows Server 2012 R2 and later/],
    [
      'securityfever-windows-pfx/cert-single-des.pfx',
      '2016',
      'info',
      /imports on Windows Server 2012 R2/,
      'Passw0rd',
    ],
    // Windows' own AES256-SHA256 export: 2019+
    [
      'securityfever-windows-pfx/cert-single-aes.pfx',
      '2016',
      'error',
      /will not import on Windows Server 2016/,
      'Passw0rd',
    ],
    [
      'securityfever-windows-pfx/cert-single-aes.pfx',
      '2022',
      'info',
      /Windows Server 2019 and later/,
      'Passw0rd',
    ],
    // a SHA-256 MAC alone needs 2019 (RC2-128 is not documented at all)
    ['generated/rc2-128.pfx', '2016', 'error', /HMAC-SHA256 MAC/],
    [
      'generated/rc2-128.pfx',
      '2019',
      'warning',
      /No Windows release is documented.*pbeWithSHAAnd128BitRC2-CBC/,
    ],
    // no MAC, SHA-384 MAC: not documented for any release
    ['generated/nomac.pfx', '2022', 'warning', /no integrity MAC/],
    ['generated/mac-sha384.pfx', '2019', 'warning', /HMAC-SHA384 MAC/],
  ];
  // The first finding's code follows from the verdict.
  const CODE: Record<string, string> = {
    error: 'sup.pfx.not_importable_on_target',
    warning: 'sup.pfx.import_undocumented',
    info: 'sup.pfx.imports_from',
  };
  it.each(table)('%s on %s: %s', async (file, target, status, text, password) => {
    const { findings, result, budget } = await pfxFindings(file, target, password);
    expect(result.status).toBe(status);
    expect(findings[0]!.code).toBe(CODE[status]);
    expect(findings[0]!.message).toMatch(text);
    if (status === 'error') expect(findings[0]!.windowsError).toBe('0x80070056');
    // the verdict costs no key derivation beyond reading the file (MAC + each encrypted part once),
    // in KDF work units (src/read/pkcs12/kdfCost.ts): at most 7 SHA-1 chains of 2,048 iterations
    // (TripleDES MAC + certificates + key: 1 + 3 + 3), or a SHA-384 MAC (× 5.2) and two PBES2 parts
    expect(budget.spent('maxTotalIterations')).toBeLessThanOrEqual(8 * 2048);
  });

  it('PBMAC1 (RFC 9579) is not documented for any Windows release: named on every target', async () => {
    const judge = async (targetOs: TargetOs) =>
      (
        await validateSupCertificate(fixture('go-pkcs12/pbmac1/rfc9579-a1.txt').toString(), {
          password: '1234',
          skipNames: true,
          targetOs,
        })
      ).findings.find((x) => x.rule === 'SUP-PFX-001' && x.severity !== 'info')!;
    // its parts are AES-256 (2019+): an error on 2016 that also names the PBMAC1 MAC
    const old = await judge('2016');
    expect(old.severity).toBe('error');
    expect(old.message).toMatch(/AES-256.*PBMAC1.*no Windows release is documented/s);
    const current = await judge('2025');
    expect(current.severity).toBe('warning');
    expect(current.message).toMatch(/PBMAC1/);
    expect(current.citation.url).toBe('https://www.rfc-editor.org/rfc/rfc9579');
  });

  it('does not apply to a file that is not a PFX', async () => {
    const report = await validateSupCertificate(fixture('generated/leaf-rsa.pem'), { names, at });
    expect(report.results.find((r) => r.rule === 'SUP-PFX-001')).toEqual({
      rule: 'SUP-PFX-001',
      status: 'not-applicable',
      reason: 'the input is not a PFX',
    });
  });

  it('says when the PFX lacks the intermediate its chain needs, and not when it carries it', async () => {
    const trust = {
      trustAnchors: [fixture('generated/root-ca.pem')],
      intermediates: [fixture('generated/issuing-ca.pem')],
    };
    const leafOnly = await pfxFindings('generated/legacy.pfx', '2016', 'Passw0rd!', trust);
    const missing = leafOnly.findings.find((f) => f.code === 'sup.pfx.intermediates_missing')!;
    expect(missing.message).toMatch(
      /does not carry the intermediate CA certificate "CN=Contoso Test Issuing CA,O=Contoso"/,
    );
    const whole = await pfxFindings('generated/chain.pfx', '2019', 'Passw0rd!', {
      trustAnchors: trust.trustAnchors,
    });
    expect(whole.findings.map((f) => f.code)).toEqual(['sup.pfx.imports_from']);
    // without trust anchors the question stays open, said as info
    const open = await pfxFindings('generated/legacy.pfx', '2016');
    expect(open.findings.map((f) => f.code)).toEqual([
      'sup.pfx.imports_from',
      'sup.pfx.issuer_not_carried',
    ]);
  });

  it('refuses an unknown target with INVALID_OPTION', async () => {
    expect(
      await rejectionCode(
        validateSupCertificate(fixture('generated/leaf-rsa.pem'), {
          names,
          targetOs: '2008' as TargetOs,
        }),
      ),
    ).toBe('INVALID_OPTION');
  });
});
