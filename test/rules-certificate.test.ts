import { describe, expect, it } from 'vitest';
import type { SupOptions } from '../src/index.js';
import { fixture } from './fixtures.js';
import { BOTH, INTRANET, judge, statusOf } from './sup-fixtures.js';

// EKU, Key Usage, basic constraints, keys, hash, provider, private key, validity, chain and the
// deployment checklist. Fixtures: certs-fixtures/sup.
type Row = [
  rule: string,
  file: string,
  options: SupOptions & { atOffsetDays?: number; atFrom?: 'notBefore' | 'notAfter' },
  expected: string,
];
const I = { intranetName: INTRANET };
const root = fixture('sup/root.pem');
const issuing = fixture('sup/issuing.pem');
const smsRoot = fixture('sup/sms-root.pem');

const rows: Row[] = [
  ['SUP-EKU-001', 'good-both.pem', I, 'pass'],
  ['SUP-EKU-001', 'eku-clientauth-only.pem', I, 'error'],
  ['SUP-EKU-001', 'eku-none.pem', I, 'warning'],
  ['SUP-EKU-002', 'good-both.pem', I, 'pass'],
  // Any Purpose alone does not "contain Server Authentication": SUP-EKU-001's error.
  ['SUP-EKU-001', 'eku-any-only.pem', I, 'error'],
  ['SUP-EKU-002', 'eku-any-only.pem', I, 'not-applicable'],
  ['SUP-EKU-003', 'good-both.pem', I, 'pass'],
  ['SUP-EKU-003', 'eku-server-client.pem', I, 'info'],
  ['SUP-EKU-003', 'eku-clientauth-only.pem', I, 'not-applicable'],
  ['SUP-KU-001', 'good-both.pem', I, 'pass'],
  ['SUP-KU-001', 'ec-p256.pem', I, 'pass'],
  ['SUP-KU-001', 'ku-certsign-only.pem', I, 'error'],
  ['SUP-KU-001', 'ku-digitalsignature-only.pem', I, 'warning'],
  ['SUP-KU-001', 'ku-none.pem', I, 'not-applicable'],
  ['SUP-BC-001', 'good-both.pem', I, 'pass'],
  ['SUP-BC-001', 'ca-leaf.pem', I, 'warning'],
  ['SUP-KEY-001', 'good-both.pem', I, 'pass'],
  ['SUP-KEY-001', 'rsa-768.pem', I, 'error'],
  ['SUP-KEY-001', 'ec-p256.pem', I, 'not-applicable'],
  ['SUP-KEY-002', 'good-both.pem', I, 'pass'],
  ['SUP-KEY-002', 'rsa-1024.pem', I, 'warning'],
  ['SUP-KEY-002', 'ec-p256.pem', I, 'not-applicable'],
  ['SUP-KEY-003', 'good-both.pem', I, 'pass'],
  ['SUP-KEY-003', 'rsa-4608.pem', I, 'info'],
  ['SUP-KEY-003', 'ec-p256.pem', I, 'not-applicable'],
  ['SUP-KEY-004', 'good-both.pem', I, 'pass'],
  ['SUP-KEY-004', 'ec-p256.pem', I, 'warning'],
  ['SUP-HASH-001', 'good-both.pem', I, 'pass'],
  ['SUP-HASH-001', 'sha1-signed.pem', I, 'warning'],
  ['SUP-HASH-001', 'sha1-signed.pem', { ...I, issuerType: 'public' }, 'error'],
  ['SUP-HASH-001', 'md5-signed.pem', I, 'error'],
  ['SUP-HASH-001', 'self-signed.pem', I, 'not-applicable'],
  ['SUP-CNG-001', 'good-both-capi.pfx', { ...I, generation: '2012' }, 'pass'],
  ['SUP-CNG-001', 'good-both-cng.pfx', { ...I, generation: 'current' }, 'pass'],
  ['SUP-CNG-001', 'good-both-cng.pfx', { ...I, generation: '2012' }, 'error'],
  ['SUP-CNG-001', 'good-both-cng.pfx', { ...I, generation: '2007' }, 'error'],
  ['SUP-CNG-001', 'ec-p256.pem', { ...I, generation: '2012' }, 'error'],
  ['SUP-CNG-001', 'good-both.pem', { ...I, generation: '2012' }, 'info'],
  ['SUP-PK-001', 'good-both.pfx', I, 'pass'],
  ['SUP-PK-001', 'good-both-nokey.pfx', I, 'error'],
  ['SUP-PK-001', 'key-mismatch.pfx', I, 'error'],
  ['SUP-PK-001', 'good-both.pem', I, 'info'],
  ['SUP-PK-002', 'good-both.pfx', I, 'info'],
  ['SUP-VAL-001', 'good-both.pem', I, 'pass'],
  ['SUP-VAL-001', 'good-both.pem', { ...I, atFrom: 'notAfter', atOffsetDays: 1 }, 'error'],
  ['SUP-VAL-001', 'good-both.pem', { ...I, atFrom: 'notBefore', atOffsetDays: -1 }, 'error'],
  ['SUP-VAL-002', 'good-both.pem', { ...I, atFrom: 'notAfter', atOffsetDays: -40 }, 'pass'],
  ['SUP-VAL-002', 'good-both.pem', { ...I, atFrom: 'notAfter', atOffsetDays: -10 }, 'warning'],
  [
    'SUP-VAL-002',
    'good-both.pem',
    { ...I, atFrom: 'notAfter', atOffsetDays: -40, expiryWarningDays: 60 },
    'warning',
  ],
  ['SUP-VAL-002', 'good-both.pem', { ...I, atFrom: 'notAfter', atOffsetDays: 1 }, 'not-applicable'],
  ['SUP-CHAIN-001', 'good-both.pem', I, 'pass'],
  ['SUP-CHAIN-001', 'self-signed.pem', I, 'warning'],
  [
    'SUP-CHAIN-002',
    'good-both.pem',
    { ...I, trustAnchors: [root], intermediates: [issuing] },
    'pass',
  ],
  ['SUP-CHAIN-002', 'good-both.pfx', { ...I, trustAnchors: [root] }, 'pass'],
  ['SUP-CHAIN-002', 'good-both.pem', { ...I, trustAnchors: [root] }, 'warning'],
  ['SUP-CHAIN-002', 'no-revocation.pem', { ...I, trustAnchors: [root] }, 'error'],
  [
    'SUP-CHAIN-002',
    'good-both.pem',
    { ...I, trustAnchors: [smsRoot], intermediates: [issuing] },
    'error',
  ],
  [
    'SUP-CHAIN-002',
    'no-revocation.pem',
    { ...I, trustAnchors: [root], intermediates: [issuing] },
    'warning',
  ],
  ['SUP-CHAIN-002', 'sms-role.pem', I, 'warning'],
  ['SUP-CHAIN-002', 'good-both.pem', I, 'info'],
  ['SUP-CHAIN-003', 'good-both.pem', I, 'pass'],
  ['SUP-CHAIN-003', 'no-revocation.pem', I, 'warning'],
  ['SUP-CHAIN-003', 'ldap-only-cdp.pem', { names: BOTH }, 'info'],
  ['SUP-CHAIN-003', 'ldap-only-cdp.pem', I, 'pass'],
  ['SUP-CHAIN-003', 'self-signed.pem', I, 'not-applicable'],
  ['SUP-CHAIN-004', 'good-both.pem', I, 'pass'],
  ['SUP-CHAIN-004', 'sms-role.pem', I, 'warning'],
  ...['001', '002', '003', '004', '005', '006'].map((n): Row => [
    `SUP-DEP-${n}`,
    'good-both.pem',
    I,
    'info',
  ]),
];

describe('certificate rules (usage, keys, validity, chain, deployment)', () => {
  it.each(rows)('%s on %s with %j → %s', async (rule, file, options, expected) => {
    expect(statusOf(await judge(file, options), rule)).toBe(expected);
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
