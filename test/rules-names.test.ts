import { describe, expect, it } from 'vitest';
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

  it('names the offending value and the fix in the & finding', async () => {
    const report = await judge('amp-in-cn.pem', { names: BOTH });
    const finding = report.findings.find((f) => f.rule === 'SUP-NAME-005')!;
    expect(finding.message).toContain(`"${INTRANET}&${INTERNET}"`);
    expect(finding.message).toContain(`DNS=${INTRANET}, DNS=${INTERNET}`);
  });
});
