import { afterEach, describe, expect, it, vi } from 'vitest';

// Counts what reaches punycode: a label's conversion is O(n²), so the bound is the characters given to it.
const idn = vi.hoisted(() => ({ calls: 0, longest: 0 }));
vi.mock('node:url', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:url')>();
  return {
    ...real,
    domainToASCII: (name: string) => {
      idn.calls++;
      idn.longest = Math.max(idn.longest, name.length);
      return real.domainToASCII(name);
    },
  };
});

import * as lib from '../src/index.js';
import { SupCertError, WorkBudget, readCertificates, validateSupRequest } from '../src/index.js';
import { ELEMENT_BLOCK, decodeOid, encodeOid } from '../src/asn1/ber.js';
import { normalizeHost } from '../src/names/hostname.js';
import { MAX_INF_GROWTH, MAX_INF_GROWTH_FLOOR, parseInf } from '../src/request/certreqInf.js';
import { readRequest } from '../src/request/readRequest.js';
import { fixture } from './fixtures.js';
import { globMatch } from '../src/rules/requiredNames.js';
import {
  cases,
  certificateWithHugeOid,
  hugeArcOid,
  infStringsBomb,
  longIdnLabel,
  nestedIndefinite,
  p7bNestedIndefinite,
} from '../scripts/hostile/decode.mjs';

const NAMES = { names: 'sup01.corp.contoso.com&sup01.contoso.com' };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof SupCertError) return error.code;
    throw error;
  }
}

/** Counts the elements that array spreads, for…of and Array.from step through while `fn` runs. */
async function arrayIteratorSteps(fn: () => Promise<unknown>): Promise<number> {
  const proto = Object.getPrototypeOf([][Symbol.iterator]()) as {
    next: (this: unknown) => unknown;
  };
  const original = proto.next;
  let steps = 0;
  proto.next = function next(this: unknown) {
    steps++;
    return original.call(this);
  };
  try {
    await fn();
  } finally {
    proto.next = original;
  }
  return steps;
}

afterEach(() => {
  idn.calls = 0;
  idn.longest = 0;
});

describe('hostile decoder inputs (scripts/hostile/decode.mjs)', () => {
  for (const c of cases) {
    it(`${c.id} (kind ${c.kind}): ${c.title} → ${c.expect}`, async () => {
      expect(await c.run(lib)).toBe(c.expect);
    });
  }
});

describe('kind 5: wildcard SAN entries are matched by a linear scan', () => {
  it('globMatch agrees with the regular expression it replaced', () => {
    const patterns = ['*', 'a*', '*a', 'a*b', '*a*', 'a**b', 'ab*ba', '*z', 'w*w*w', 'x*'];
    const texts = ['', 'a', 'ab', 'aab', 'abba', 'abab', 'wxw', 'wwww', 'z', 'xz', 'x'];
    for (const p of patterns) {
      const re = new RegExp(
        `^${p
          .split('*')
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^.]*')}$`,
      );
      for (const t of texts) expect(globMatch(p, t), `${p} vs ${t}`).toBe(re.test(t));
    }
  });

  it('explains "****************z" against a 40-letter label and still finds a real partial wildcard', async () => {
    const report = await validateSupRequest(
      `san:dns=${'*'.repeat(16)}z.contoso.com&dns=sup*.corp.contoso.com`,
      NAMES,
    );
    const rules = report.findings.map((f) => f.rule);
    expect(rules).toContain('SUP-NAME-002');
  });
});

describe('kind 6: OID arcs', () => {
  it('decodes a 128-bit arc (a UUID under 2.25) and refuses a wider one', () => {
    const max = (1n << 128n) - 1n;
    expect(decodeOid(encodeOid(`2.25.${max}`))).toBe(`2.25.${max}`);
    expect(decodeOid(encodeOid(`2.25.${max + 1n}`))).toBeNull();
    expect(decodeOid(encodeOid('1.3.6.1.4.1.311.21.7'))).toBe('1.3.6.1.4.1.311.21.7');
  });

  it('stops reading a 200 KB arc after its 20th base-128 digit', () => {
    const bytes = new Uint8Array(hugeArcOid(200_000).subarray(4));
    let reads = 0;
    const counted = new Proxy(bytes, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        const value = Reflect.get(target, key, target) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    expect(decodeOid(counted)).toBeNull();
    expect(reads).toBeLessThanOrEqual(25); // the last byte (validity check), then 1.2 and 20 digits
  });

  it('a certificate with that OID is MALFORMED, naming the arc bound', async () => {
    const budget = new WorkBudget();
    await expect(
      readCertificates(certificateWithHugeOid(200_000), { budget }),
    ).rejects.toMatchObject({ code: 'MALFORMED', message: expect.stringContaining('128 bits') });
    expect(budget.spent('maxElements')).toBeLessThanOrEqual(2 * ELEMENT_BLOCK);
  });
});

describe('kind 6: nested BER draws every element read from limits.maxElements', () => {
  it('counts the re-reads of a nested indefinite-length certificate, within the limit', async () => {
    const budget = new WorkBudget();
    const input = nestedIndefinite(60, 1_000);
    expect(await codeOf(readCertificates(input, { budget }))).toBe('MALFORMED');
    const spent = budget.spent('maxElements');
    // Reading it as a certificate scans the 1,061-element chain a few times (root, Certificate,
    // tbsCertificate), never once per level: linear in the input.
    expect(spent).toBeGreaterThan(1_000);
    expect(spent).toBeLessThanOrEqual(4 * 1_070 + ELEMENT_BLOCK);
  });

  it('stops at limits.maxElements with LIMIT_EXCEEDED naming it', async () => {
    const budget = new WorkBudget({ maxElements: 50_000 });
    await expect(readCertificates(nestedIndefinite(60, 60_000), { budget })).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringContaining('limits.maxElements'),
    });
    expect(budget.spent('maxElements')).toBe(50_000);
  });

  it('counts the elements the PKCS#7 reader reads', async () => {
    const budget = new WorkBudget({ maxElements: 20_000 });
    await expect(
      readCertificates(p7bNestedIndefinite(60, 60_000), { budget }),
    ).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/^PKCS#7: .*limits\.maxElements/),
    });
    expect(budget.spent('maxElements')).toBe(20_000);
  });

  it('counts exactly, and shares one budget across the certificates of a call (a PEM bundle)', async () => {
    const der = fixture('generated/leaf-rsa.der');
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
    // The fewest elements one certificate needs: the smallest maxElements that reads it.
    let need = 1;
    while (
      (await codeOf(readCertificates(der, { budget: new WorkBudget({ maxElements: need }) }))) ===
      'LIMIT_EXCEEDED'
    )
      need++;
    expect(need).toBeGreaterThan(20);
    expect(need).toBeLessThan(400);
    expect(
      await codeOf(
        readCertificates(pem + pem, { budget: new WorkBudget({ maxElements: 2 * need - 1 }) }),
      ),
    ).toBe('LIMIT_EXCEEDED');
    expect(
      await codeOf(
        readCertificates(pem + pem, { budget: new WorkBudget({ maxElements: 2 * need }) }),
      ),
    ).toBe('ok');
  });

  it('counts the elements of a CSR', async () => {
    const budget = new WorkBudget({ maxElements: 5 });
    const csr = Buffer.concat([
      Buffer.from([0x30, 0x80]),
      nestedIndefinite(10, 100),
      Buffer.from([0, 0]),
    ]);
    await expect(validateSupRequest(csr, { ...NAMES, budget })).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
  });
});

describe('kind 6: IDN labels are checked before punycode', () => {
  it('never hands a label over 63 characters (or a name over 253) to domainToASCII', async () => {
    const label = longIdnLabel(64_000);
    const host = normalizeHost(`${label}.contoso.com`);
    expect(host.value).toBe(`${label}.contoso.com`.toLowerCase());
    expect(host.changes.join(' ')).toContain('not converted');
    expect(normalizeHost(`${'ü'.repeat(30)}.`.repeat(10)).changes.join(' ')).toContain(
      'not converted',
    );
    expect(idn.calls).toBe(0);
    const report = await validateSupRequest(
      `san:dns=${label}.contoso.com&dns=bücher.contoso.com`,
      NAMES,
    );
    expect(report.findings.length).toBeGreaterThan(0);
    expect(idn.longest).toBeLessThanOrEqual(253);
    expect(normalizeHost('bücher.contoso.com').value).toBe('xn--bcher-kva.contoso.com');
  });
});

describe('kind 6: web-enrollment attributes are read in linear time', () => {
  it('3,000 "san:" lines step through O(lines) array elements, not O(lines²)', async () => {
    const text = Array.from({ length: 3_000 }, (_, i) => `san:dns=h${i}.contoso.com`).join('\n');
    let names = 0;
    const steps = await arrayIteratorSteps(async () => {
      names = readRequest(text).certificate.altNames.length;
    });
    expect(names).toBe(3_000);
    expect(steps).toBeLessThan(20 * 3_000); // the old copy-per-line: ~13,500,000
  });

  it('more SAN entries than limits.maxAltNames is LIMIT_EXCEEDED, as for a certificate', async () => {
    const text = Array.from({ length: 101 }, (_, i) => `san:dns=h${i}.contoso.com`).join('\n');
    await expect(
      validateSupRequest(text, { ...NAMES, limits: { maxAltNames: 100 } }),
    ).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
      message: expect.stringContaining('limits.maxAltNames'),
    });
  });

  it('30,000 untyped SAN tokens make at most 50 notes', () => {
    const text = `san:${Array.from({ length: 30_000 }, (_, i) => `h${i}.contoso.com`).join('&')}`;
    const notes = readRequest(text).request.notes;
    expect(notes.length).toBeLessThanOrEqual(50);
    expect(notes.at(-1)).toMatch(/and 29,95\d more notes/);
  });
});

describe('kind 10: certreq INF [Strings] expansion is bounded', () => {
  it('allows substitutions up to MAX_INF_GROWTH × the file + the floor, in characters, and refuses one more', () => {
    // One [Strings] value of S characters used R times; everything else is small.
    const S = 10_000;
    const file = (refs: number): string => infStringsBomb(S, refs);
    // The largest R whose substituted characters (R × S) stay within the bound of its own file.
    let refs = 1;
    while ((refs + 1) * S <= MAX_INF_GROWTH * file(refs + 1).length + MAX_INF_GROWTH_FLOOR) refs++;
    expect(parseInf(file(refs)).sections.get('newrequest')![0]!.value.length).toBe(3 + refs * S);
    expect(() => parseInf(file(refs + 1))).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it('a 10 GB expansion is MALFORMED (it was a RangeError, "internal error")', async () => {
    await expect(validateSupRequest(infStringsBomb(100_000, 100_000), NAMES)).rejects.toMatchObject(
      { code: 'MALFORMED', message: expect.stringContaining('[Strings]') },
    );
  });

  it('substitutes one level only: a [Strings] value that names another string stays as written', () => {
    const inf = parseInf('[Strings]\na = "%b%"\nb = "x"\n[NewRequest]\nSubject = "CN=%a%"\n');
    expect(inf.sections.get('newrequest')![0]!.value).toBe('CN=%b%');
  });

  it('100,000 lines that are not "key = value" make 21 notes', () => {
    const inf = parseInf(`[NewRequest]\n${'junk\n'.repeat(100_000)}`);
    expect(inf.notes).toHaveLength(21);
    expect(inf.notes[20]).toBe('… and 99,980 more lines that are not "key = value"');
  });
});
