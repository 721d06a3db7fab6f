import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSupRequest } from '../src/index.js';
import { NAME_ROWS, checkRow } from './rule-rows.js';
import { BOTH, INTERNET, INTRANET, judge } from './sup-fixtures.js';

describe('name rules (SUP-NAME-*)', () => {
  it.each(NAME_ROWS)('%s on %j with %j → %s %j', async (...row) => {
    const { status, codes } = await checkRow(row);
    expect(status).toBe(row[3]);
    if (row[4]) expect(codes).toEqual(row[4]);
  });

  it('reports a name hidden by the SAN once, under SUP-NAME-006, not again as missing', async () => {
    const report = await judge('cn-only-while-san.pem', { names: BOTH });
    const about = report.findings.filter((f) => f.name === INTRANET && f.severity === 'error');
    expect(about.map((f) => [f.rule, f.code])).toEqual([['SUP-NAME-006', 'sup.name.cn_only']]);
    expect(about[0]!.message).toMatch(
      /only in the subject CN.*Windows never looks at the CN.*0x80072F06/,
    );
  });

  it('a missing name: the fix is a SAN entry of its type (an IP address is an iPAddress entry), in a new request for a request', async () => {
    const dns = await judge('good-intranet.pem', { names: BOTH });
    expect(dns.findings.find((f) => f.rule === 'SUP-NAME-002')!.message).toMatch(
      /Reissue the certificate with "sup01\.contoso\.com" as a SAN DNS entry\.$/,
    );
    const ip = await judge('good-both.pem', { intranetName: '10.0.0.5' });
    const ipMessage = ip.findings.find((f) => f.rule === 'SUP-NAME-001')!.message;
    expect(ipMessage).toMatch(
      /Reissue the certificate with "10\.0\.0\.5" as a SAN IP address entry\.$/,
    );
    expect(ipMessage).not.toContain('DNS entry');
    const csr = readFileSync(
      path.join(import.meta.dirname, '../certs-fixtures/requests/no-san.csr'),
    );
    const request = await validateSupRequest(csr, { names: BOTH });
    const missing = request.findings.filter((f) => f.code.endsWith('_name_missing'));
    expect(missing.length).toBeGreaterThan(0);
    for (const f of missing) {
      expect(f.message).toMatch(
        /Make the request again with "[^"]+" as a SAN DNS entry \(dns=[^)]+\)\.$/,
      );
      expect(f.message).not.toContain('Reissue');
    }
  });

  it('names the offending value and the fix in the & finding', async () => {
    const report = await judge('amp-in-cn.pem', { names: BOTH });
    const finding = report.findings.find((f) => f.rule === 'SUP-NAME-005')!;
    expect(finding.message).toContain(`"${INTRANET}&${INTERNET}"`);
    expect(finding.message).toContain(`DNS=${INTRANET}, DNS=${INTERNET}`);
  });
});
