import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Prerendered,
  packRendered,
  stringifyWithoutDer,
  withoutDer,
} from '../src/cli/output/stream.js';
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
      'keys ending in der, and a key holding an escaped quote before der',
      {
        ...pass,
        report: { ...report, extra: { provider: 'p', 'x"der': 1, order: { der: [1] } } },
      } as unknown as JsonResult,
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

describe('packRendered: a batch of records as one transferable UTF-8 buffer', () => {
  const outcome = (file: string, rendered?: string): Prerendered =>
    ({
      kind: 'error',
      file,
      code: 'X',
      message: 'm',
      ...(rendered === undefined ? {} : { rendered }),
    }) as Prerendered;

  it('gives each record its own bytes, in one buffer that is not from the shared pool', () => {
    const texts = ['{"a":1}\n', '{"name":"Zürich — 東京 🔐"}\n', '', '{"b":2}\n'];
    const batch = texts.map((text, i) => outcome(`f${i}`, text));
    batch.splice(2, 0, outcome('no-render'));
    const transfer = packRendered(batch);
    expect(transfer).toHaveLength(1);
    const [buffer] = transfer;
    expect(buffer!.byteLength).toBe(texts.reduce((n, s) => n + Buffer.byteLength(s), 0));
    const decoded = batch.map((o) =>
      o.rendered === undefined ? undefined : Buffer.from(o.rendered as Uint8Array).toString('utf8'),
    );
    expect(decoded).toEqual([texts[0], texts[1], undefined, texts[2], texts[3]]);
    for (const o of batch)
      if (o.rendered !== undefined) expect((o.rendered as Uint8Array).buffer).toBe(buffer);
    // Transferable: structuredClone with a transfer list detaches it (a pooled Buffer would not be).
    structuredClone(batch, { transfer });
    expect(buffer!.byteLength).toBe(0);
  });

  it('gives nothing to transfer when no record is rendered', () => {
    const batch = [outcome('a'), outcome('b')];
    expect(packRendered(batch)).toEqual([]);
    expect(batch.every((o) => o.rendered === undefined)).toBe(true);
  });
});
