import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringifyWithoutDer, withoutDer } from '../src/cli/output/stream.js';
import type { JsonResult } from '../src/cli/output/json.js';
import { validateSupCertificate } from '../src/index.js';

/*
 * stringifyWithoutDer is JSON.stringify(value, withoutDer, space) without the replacer function on
 * the common path: it must give exactly the replacer's text, whatever holds a `der`.
 */
const reference = (value: unknown, space?: number): string =>
  JSON.stringify(value, withoutDer, space);

describe('stringifyWithoutDer gives the replacer text', async () => {
  const report = await validateSupCertificate(readFileSync('certs-fixtures/sup/good-both.pem'), {
    intranetName: 'sup01.corp.contoso.com',
    at: new Date('2027-01-01'),
  });
  const pass = { input: 'a.pem', verdict: 'pass', report } as JsonResult;
  const cases: Array<[string, JsonResult]> = [
    ['a report (its certificate has der)', pass],
    [
      'a report with a der elsewhere too',
      {
        ...pass,
        report: { ...report, extra: { der: Buffer.from([1, 2]) } },
      } as unknown as JsonResult,
    ],
    [
      'an error',
      { input: 'b.pem', verdict: 'error', error: { code: 'X', message: '"der": in a message' } },
    ],
    [
      'a string holding "der": as text',
      { input: '"der":{"der":1}', verdict: 'skipped', skipped: { reason: 'x' } },
    ],
  ];
  it.each(cases)('%s', (_what, value) => {
    expect(reference(value)).not.toContain('"der":{"type"');
    expect(stringifyWithoutDer(value)).toBe(reference(value));
    expect(stringifyWithoutDer(value, 2)).toBe(reference(value, 2));
  });
  it('the report is not changed', () => {
    stringifyWithoutDer(pass);
    expect(report.certificate.der.length).toBeGreaterThan(0);
  });
});
