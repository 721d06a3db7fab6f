import { describe, expect, it } from 'vitest';
import type { SupOptions } from '../src/index.js';
import { BOTH, INTERNET, INTRANET, judge, statusOf } from './sup-fixtures.js';

// One table per rule family: for every rule a certificate that passes, one that fails, and the
// not-applicable (or missing-input) case. Fixtures: certs-fixtures/sup (README says what each is).
type Row = [rule: string, file: string, options: SupOptions, expected: string];

const rows: Row[] = [
  ['SUP-NAME-001', 'good-intranet.pem', { intranetName: INTRANET }, 'pass'],
  ['SUP-NAME-001', 'internet-name-only.pem', { intranetName: INTRANET }, 'error'],
  ['SUP-NAME-001', 'good-both.pem', {}, 'not-applicable'], // SUP-NAME-018 reports the missing names
  [
    'SUP-NAME-001',
    'good-both.pem',
    { internetName: 'sup01.contoso.com', connections: 'both' },
    'error',
  ],
  ['SUP-NAME-001', 'good-both.pem', { names: BOTH, connections: 'internet' }, 'not-applicable'],
  ['SUP-NAME-001', 'good-both.pem', { names: `${BOTH}&wsus.contoso.com` }, 'error'],
  ['SUP-NAME-002', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-002', 'good-intranet.pem', { names: BOTH }, 'error'],
  ['SUP-NAME-002', 'good-intranet.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-002', 'good-both.pem', { intranetName: INTRANET, connections: 'both' }, 'error'],
  ['SUP-NAME-003', 'good-both.pem', { names: BOTH, connections: 'internet' }, 'pass'],
  ['SUP-NAME-003', 'internet-name-only.pem', { names: BOTH, connections: 'internet' }, 'error'],
  ['SUP-NAME-003', 'internet-name-only.pem', { internetName: INTERNET }, 'error'],
  ['SUP-NAME-003', 'good-both.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-004', 'good-both.pem', { intranetName: INTRANET, configureSslName: INTRANET }, 'pass'],
  [
    'SUP-NAME-004',
    'good-both.pem',
    { intranetName: INTRANET, configureSslName: 'wsus.contoso.com' },
    'error',
  ],
  ['SUP-NAME-004', 'good-both.pem', { intranetName: INTRANET }, 'info'],
  ['SUP-NAME-005', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-005', 'amp-in-cn.pem', { names: BOTH }, 'error'],
  ['SUP-NAME-005', 'amp-in-san.pem', { names: BOTH }, 'error'],
  ['SUP-NAME-005', 'dns-prefix-in-san.pem', { names: BOTH }, 'error'],
  ['SUP-NAME-005', 'good-both.pem', { names: `san:dns=${INTRANET}&ipaddress=10.0.0.5` }, 'warning'],
  ['SUP-NAME-006', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-006', 'cn-only-while-san.pem', { names: BOTH }, 'error'],
  ['SUP-NAME-007', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-007', 'no-san.pem', { intranetName: INTRANET }, 'warning'],
  ['SUP-NAME-007', 'no-san.pem', { intranetName: INTRANET, profile: 'strict' }, 'error'],
  ['SUP-NAME-008', 'good-empty-subject.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-008', 'empty-subject-noncritical-san.pem', { names: BOTH }, 'warning'],
  ['SUP-NAME-008', 'good-both.pem', { names: BOTH }, 'not-applicable'],
  ['SUP-NAME-009', 'good-intranet.pem', { intranetName: INTRANET }, 'pass'],
  ['SUP-NAME-009', 'short-name.pem', { intranetName: 'SUP01' }, 'warning'],
  ['SUP-NAME-010', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-010', 'wildcard.pem', { intranetName: INTRANET }, 'warning'],
  ['SUP-NAME-010', 'wildcard-cn-only.pem', { intranetName: INTRANET }, 'warning'],
  ['SUP-NAME-010', 'wildcard-partial.pem', { intranetName: INTRANET }, 'error'],
  ['SUP-NAME-010', 'wildcard-single-label.pem', { intranetName: 'sup01.corp' }, 'error'],
  ['SUP-NAME-011', 'good-both.pem', { intranetName: INTRANET }, 'pass'],
  ['SUP-NAME-011', 'good-both.pem', { intranetName: '10.0.0.5' }, 'warning'],
  ['SUP-NAME-011', 'ip-in-dnsname.pem', { intranetName: INTRANET }, 'warning'],
  ['SUP-NAME-012', 'good-both.pem', { intranetName: INTRANET }, 'pass'],
  ['SUP-NAME-012', 'good-both.pem', { intranetName: `${INTRANET}.` }, 'info'],
  ['SUP-NAME-012', 'nul-in-dnsname.pem', { intranetName: INTRANET }, 'error'],
  ['SUP-NAME-013', 'good-both.pem', { names: BOTH, issuerType: 'public' }, 'pass'],
  ['SUP-NAME-013', 'short-name.pem', { intranetName: 'SUP01', issuerType: 'public' }, 'error'],
  ['SUP-NAME-013', 'short-name.pem', { intranetName: 'SUP01' }, 'info'],
  ['SUP-NAME-013', 'short-name.pem', { intranetName: 'SUP01', issuerType: 'enterprise' }, 'pass'],
  ['SUP-NAME-014', 'good-both.pem', { names: BOTH }, 'info'],
  ['SUP-NAME-014', 'good-both.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-015', 'good-both.pem', { intranetName: INTRANET, configureSslName: INTRANET }, 'pass'],
  ['SUP-NAME-015', 'good-both.pem', { intranetName: INTRANET, configureSslName: INTERNET }, 'info'],
  ['SUP-NAME-015', 'good-both.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-016', 'good-intranet.pem', { intranetName: INTRANET, connections: 'cmg' }, 'info'],
  ['SUP-NAME-016', 'good-intranet.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-017', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-017', 'no-san.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-017', '../zlint/testdata/SANBareWildcard.pem', {}, 'warning'],
  ['SUP-NAME-017', '../zlint/testdata/SANDNSPeriod.pem', {}, 'warning'],
];

describe('name rules (SUP-NAME-*)', () => {
  it.each(rows)('%s on %s with %j → %s', async (rule, file, options, expected) => {
    expect(statusOf(await judge(file, options), rule)).toBe(expected);
  });

  it('every name rule has a row where it is silent (pass or not applicable) and one where it speaks', () => {
    const ids = new Set(rows.map(([rule]) => rule));
    expect(ids.size).toBe(17);
    for (const id of ids) {
      const outcomes = rows.filter(([rule]) => rule === id).map(([, , , e]) => e);
      expect(
        outcomes.some((o) => o === 'pass' || o === 'not-applicable'),
        id,
      ).toBe(true);
      expect(
        outcomes.some((o) => o === 'error' || o === 'warning' || o === 'info'),
        id,
      ).toBe(true);
    }
  });

  it('reports a name hidden by the SAN once, under SUP-NAME-006, not again as missing', async () => {
    const report = await judge('cn-only-while-san.pem', { names: BOTH });
    const about = report.findings.filter((f) => f.name === INTRANET && f.severity === 'error');
    expect(about.map((f) => f.rule)).toEqual(['SUP-NAME-006']);
    expect(about[0]!.message).toMatch(
      /only in the subject CN.*Windows never looks at the CN.*0x80072F06/,
    );
  });

  it('names the offending value and the fix in the & finding', async () => {
    const report = await judge('amp-in-cn.pem', { names: BOTH });
    const finding = report.findings.find((f) => f.rule === 'SUP-NAME-005')!;
    expect(finding.message).toContain(`"${INTRANET}&${INTERNET}"`);
    expect(finding.message).toContain(`DNS=${INTRANET}, DNS=${INTERNET}`);
  });
});
