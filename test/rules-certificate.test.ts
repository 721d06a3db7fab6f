import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures.js';
import { CERTIFICATE_ROWS, checkRow } from './rule-rows.js';
import { BOTH, INTRANET, judge } from './sup-fixtures.js';

const I = { intranetName: INTRANET };
const root = fixture('sup/root.pem');

describe('certificate rules (usage, keys, validity, chain)', () => {
  it.each(CERTIFICATE_ROWS)('%s on %j with %j → %s %j', async (...row) => {
    const { status, codes } = await checkRow(row);
    expect(status).toBe(row[3]);
    if (row[4]) expect(codes).toEqual(row[4]);
  });

  it('a chain failure names the missing issuer and the Windows error', async () => {
    const report = await judge('no-revocation.pem', { ...I, trustAnchors: [root] });
    const finding = report.findings.find((f) => f.rule === 'SUP-CHAIN-002')!;
    expect(finding.message).toMatch(
      /issuer "CN=Contoso SUP Issuing CA[^"]*" .* is not among the trust anchors/,
    );
    // The root was given, an intermediate is missing: CERT_E_CHAINING, not an untrusted root.
    expect(finding.windowsError).toBe('0x800B010A');
    expect(finding.message).toMatch(/Intermediate Certification Authorities store/);
    expect(finding.message).not.toMatch(/deploy th(e|at) root/);
    expect(report.chain).toMatchObject({
      valid: false,
      problems: [expect.objectContaining({ code: 'NO_PATH' })],
    });
  });

  it('a missing intermediate with an AIA URL is a warning: Windows clients download it', async () => {
    const report = await judge('good-both.pem', { ...I, trustAnchors: [root] });
    const finding = report.findings.find((f) => f.rule === 'SUP-CHAIN-002')!;
    expect(finding).toMatchObject({
      severity: 'warning',
      windowsError: '0x800B010A',
      message: expect.stringMatching(
        /download it from http:\/\/pki\.contoso\.com\/aia\/issuing\.crt/,
      ),
    });
  });

  it('the EKU finding names the EKUs found and the template to use', async () => {
    const report = await judge('eku-clientauth-only.pem', { names: BOTH });
    const finding = report.findings.find((f) => f.rule === 'SUP-EKU-001')!;
    expect(finding.message).toMatch(
      /Client Authentication \(1\.3\.6\.1\.5\.5\.7\.3\.2\).*Web Server template/,
    );
    expect(finding.windowsError).toBe('0x80072F93');
    expect(finding.citation.url).toMatch(/pki-certificate-requirements/);
  });
});
