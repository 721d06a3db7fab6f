import { describe, expect, it } from 'vitest';
import {
  type CertificateInfo,
  type ChainProblemCode,
  readCertificates,
  verifyChain,
} from '../src/index.js';
import { fixture, fixtureJson } from './fixtures.js';

/**
 * NIST PKITS (certs-fixtures/pyca-pkits, sections 4.1 Signature Verification, 4.2 Validity
 * Periods, 4.6 Verifying Basic Constraints) through verifyChain: trust the PKITS trust anchor,
 * give the manifest's intermediates, validate the end entity at 2020-01-01 (inside the
 * 2010..2030 validity of the ordinary PKITS certificates). The verdict must be PKITS's
 * (`Valid...` / `Invalid...`), and an INVALID path must fail for the reason its section tests,
 * derived from the test name below.
 */

interface PkitsTest {
  test: string;
  section: string;
  end_entity: string;
  intermediates: string[];
  trust_anchor: string;
  expected: 'VALID' | 'INVALID';
}

const ROOT = 'pyca-pkits';
const AT = new Date('2020-01-01T00:00:00Z');
const manifest = fixtureJson<{ tests: PkitsTest[] }>(`${ROOT}/manifest.json`);

/**
 * The problem an INVALID test must report, from its section and name:
 * - 4.1: a signature that does not verify (BAD_SIGNATURE; no other path exists, so NO_PATH too).
 * - 4.2: notAfter in the past → EXPIRED, notBefore in the future → NOT_YET_VALID.
 * - 4.6: a CA without cA=TRUE (missing basicConstraints, cA FALSE) → NOT_CA; a broken
 *   pathLenConstraint → PATH_LENGTH.
 */
function expectedCodes(t: PkitsTest): ChainProblemCode[] {
  const section = t.section.split(' ')[0];
  switch (section) {
    case '4.1':
      return ['NO_PATH', 'BAD_SIGNATURE'];
    case '4.2':
      if (/notAfter/.test(t.test)) return ['EXPIRED'];
      if (/notBefore/.test(t.test)) return ['NOT_YET_VALID'];
      break;
    case '4.6':
      if (/MissingbasicConstraints|cAFalse/.test(t.test)) return ['NOT_CA'];
      if (/pathLenConstraint/.test(t.test)) return ['PATH_LENGTH'];
      break;
  }
  throw new Error(`no expected problem for ${t.section} ${t.test}`);
}

async function read(file: string): Promise<CertificateInfo> {
  const bundle = await readCertificates(fixture(`${ROOT}/${file}`));
  expect(bundle.certificates).toHaveLength(1);
  return bundle.certificates[0]!;
}

const rows = manifest.tests.map((t) => ({ ...t, name: `${t.section.split(' ')[0]} ${t.test}` }));

describe('NIST PKITS 4.1, 4.2, 4.6 through verifyChain', () => {
  it('the manifest has the 31 selected tests of the three sections', () => {
    const count = (prefix: string): number =>
      rows.filter((r) => r.section.startsWith(prefix)).length;
    expect([count('4.1 '), count('4.2 '), count('4.6 '), rows.length]).toEqual([6, 8, 17, 31]);
    // Every name says its verdict (PKITS convention).
    for (const r of rows) expect(r.expected).toBe(r.test.startsWith('Valid') ? 'VALID' : 'INVALID');
    // Every INVALID test has an expected problem code.
    for (const r of rows.filter((x) => x.expected === 'INVALID'))
      expect(expectedCodes(r).length).toBeGreaterThan(0);
  });

  it.each(rows)('$name → $expected', async (t) => {
    const leaf = await read(t.end_entity);
    const anchor = await read(t.trust_anchor);
    const intermediates = await Promise.all(t.intermediates.map(read));
    const result = await verifyChain(leaf, { trustAnchors: [anchor], intermediates, at: AT });
    const codes = result.problems.map((p) => p.code);
    if (t.expected === 'VALID') {
      expect(codes).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.path[0]!.sha256).toBe(leaf.sha256);
      expect(result.path[result.path.length - 1]!.sha256).toBe(anchor.sha256);
    } else {
      expect(result.valid).toBe(false);
      expect([...new Set(codes)].sort()).toEqual([...expectedCodes(t)].sort());
    }
  });
});
