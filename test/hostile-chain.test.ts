import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import { type ChainResult, verifyChain } from '../src/chain/verifyChain.js';
import { WorkBudget } from '../src/limits.js';
import { readCertificates } from '../src/read/readCertificates.js';
import { requiredNames } from '../src/rules/requiredNames.js';
import { resolveOptions } from '../src/sup/resolveOptions.js';
import {
  REPORT_BOUNDS,
  buildReport,
  validateSupCertificate,
} from '../src/sup/validateSupCertificate.js';
import type { CertificateInfo } from '../src/x509/CertificateInfo.js';
import * as hostile from '../scripts/hostile/chain.mjs';

/**
 * Hostile chain inputs (scripts/hostile/chain.mjs, kinds 4, 7 and 10): the chain search is bounded
 * by its own work (path nodes, signature checks, name comparisons) drawn from the call's
 * WorkBudget, keys Windows cannot use are refused before verification, messages and reports stay
 * small whatever the input repeats, and malformed critical extensions fail closed. Bounds are
 * asserted in work units.
 */

const AT = new Date('2027-06-01T00:00:00Z');
const one = async (der: Buffer): Promise<CertificateInfo> =>
  (await readCertificates(der)).certificates[0]!;
const loaded = async (input: hostile.ChainInput) => ({
  leaf: await one(input.leaf),
  pool: await Promise.all(input.pool.map(one)),
  anchor: await one(input.anchor),
});
async function chain(
  input: hostile.ChainInput,
  options: { budget?: WorkBudget; maxSignatureChecks?: number } = {},
): Promise<ChainResult> {
  const { leaf, pool, anchor } = await loaded(input);
  return verifyChain(leaf, {
    trustAnchors: [anchor],
    intermediates: pool,
    at: AT,
    requiredEku: '1.3.6.1.5.5.7.3.1',
    ...options,
  });
}
const codes = (r: ChainResult): string[] => r.problems.map((p) => p.code);

describe('item 4: the path search draws maxPathNodes and maxSignatureChecks', () => {
  it('12 cross-certified CA names (132 certificates), no anchor reachable: NO_PATH in polynomial work', async () => {
    const budget = new WorkBudget();
    const result = await chain(hostile.crossCertifiedMesh(12), { budget });
    expect(result.valid).toBe(false);
    expect(codes(result)[0]).toBe('NO_PATH');
    expect(codes(result)).not.toContain('SEARCH_LIMIT');
    // Memoised dead ends: each (certificate, remaining depth) is explored once: 132 × 9 states × 11 candidates at most.
    expect(budget.spent('maxPathNodes')).toBeGreaterThan(0);
    expect(budget.spent('maxPathNodes')).toBeLessThanOrEqual(132 * 9 * 12);
    // Every signature at most once: (132 CA certificates + the leaf) × 11 candidate issuers.
    expect(budget.spent('maxSignatureChecks')).toBeLessThanOrEqual(133 * 11);
  });

  it('10 cross-certified names that all reach the root, leaf expired (no path can be valid): SEARCH_LIMIT within maxPathNodes', async () => {
    const budget = new WorkBudget();
    const result = await chain(hostile.crossCertifiedMesh(10, { reachable: true }), { budget });
    expect(result.valid).toBe(false);
    expect(codes(result)[0]).toBe('SEARCH_LIMIT');
    expect(result.problems[0]!.message).toContain('limits.maxPathNodes');
    expect(codes(result)).toContain('EXPIRED'); // the best path found is still reported
    expect(budget.spent('maxPathNodes')).toBeLessThanOrEqual(budget.limits.maxPathNodes);
    expect(budget.spent('maxPathNodes')).toBeGreaterThan(budget.limits.maxPathNodes - 50);
  });

  it('a lower limits.maxPathNodes ends the search sooner, and the same budget is shared by validateSupCertificate', async () => {
    const budget = new WorkBudget({ maxPathNodes: 500 });
    const mesh = hostile.crossCertifiedMesh(10);
    const report = await validateSupCertificate(hostile.pem([mesh.leaf, ...mesh.pool]), {
      names: 'sup01.contoso.com',
      trustAnchors: [hostile.pem([mesh.anchor])],
      at: AT,
      budget,
    });
    expect(report.ok).toBe(false);
    expect(report.chain!.valid).toBe(false);
    expect(report.chain!.problems[0]!.code).toBe('SEARCH_LIMIT');
    expect(
      report.findings.some(
        (f) =>
          f.rule === 'SUP-CHAIN-002' &&
          f.severity === 'error' &&
          f.message.includes('limits.maxPathNodes'),
      ),
    ).toBe(true);
    expect(budget.spent('maxPathNodes')).toBeLessThanOrEqual(500);
  });

  it('self-issued (key rollover) certificates are free in the depth but counted apart: 5 pass, 40 end the path at 8', async () => {
    expect((await chain(hostile.selfIssuedRun(5))).valid).toBe(true);
    const budget = new WorkBudget();
    const result = await chain(hostile.selfIssuedRun(40), { budget });
    expect(result.valid).toBe(false);
    expect(codes(result)).toContain('NO_PATH');
    // No path, recursion or memo grows with the run: at most 8 self-issued certificates follow the leaf.
    expect(result.path.length).toBeLessThanOrEqual(9);
    // Each of the 41 certificates is checked against the 40 same-named candidates at most once.
    // Only the 9 certificates the path can hold are ever expanded: 9 × 40 checks, and about 9 × (1 + 40) steps.
    expect(budget.spent('maxSignatureChecks')).toBeLessThanOrEqual(9 * 40);
    expect(budget.spent('maxPathNodes')).toBeLessThanOrEqual(2 * 9 * 41);
  });

  it('the maxSignatureChecks option still overrides the budget for one search', async () => {
    const budget = new WorkBudget();
    const result = await chain(hostile.crossCertifiedMesh(8), { budget, maxSignatureChecks: 5 });
    expect(codes(result)[0]).toBe('SEARCH_LIMIT');
    expect(result.problems[0]!.message).toContain('maxSignatureChecks option');
    expect(budget.spent('maxSignatureChecks')).toBe(0);
  });

  it('a genuine path through a cross-certified mesh is still found (pruning is sound)', async () => {
    const budget = new WorkBudget();
    const result = await chain(hostile.crossCertifiedMesh(8, { reachable: true, expired: false }), {
      budget,
    });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.path[0]!.subject).toBe('CN=sup01.contoso.com');
    expect(result.path.at(-1)!.subject).toBe('CN=CA 7');
    // At most about one visit per certificate and one try per edge of the graph (57 certificates × 7 candidates).
    expect(budget.spent('maxPathNodes')).toBeLessThan(2 * 57 * 8);
  });

  it('2,000 same-named issuers with a 3,070-bit RSA exponent: refused before any verification, one aggregated problem', async () => {
    const budget = new WorkBudget();
    const result = await chain(hostile.hugeExponentIssuers(2000), { budget });
    expect(result.valid).toBe(false);
    expect(codes(result)).toEqual(['NO_PATH', 'UNSUPPORTED_SIGNATURE']);
    const message = result.problems[1]!.message;
    expect(message).toContain('RSA public exponent has 3,070 bits');
    expect(message).toContain('32-bit exponent');
    expect(message).toContain('… and 1,997 more candidate issuers with keys that cannot be used');
    expect(message.length).toBeLessThan(1000);
    expect(budget.spent('maxSignatureChecks')).toBe(0);
    expect(budget.spent('maxPathNodes')).toBeLessThanOrEqual(2 * 2000 + 10);
  });

  it.each([
    ['RSA exponent of 33 bits', () => hostile.rsaSpki(2048, 33), '33 bits', 256],
    ['RSA modulus of 16,392 bits', () => hostile.rsaSpki(16_392, 17), '16,392 bits', 2049],
    ['DSA with a 4,096-bit p', () => hostile.dsaSpki(4096, 256), '4,096-bit p', 64],
    ['DSA with a 512-bit q', () => hostile.dsaSpki(2048, 512), '512-bit q', 64],
  ])('%s: UNSUPPORTED_SIGNATURE without verifying', async (_title, spki, text, signatureBytes) => {
    const budget = new WorkBudget();
    const result = await chain(hostile.bigKeyIssuer(spki(), signatureBytes), { budget });
    expect(codes(result)).toEqual(['NO_PATH', 'UNSUPPORTED_SIGNATURE']);
    expect(result.problems[1]!.message).toContain(text);
    expect(budget.spent('maxSignatureChecks')).toBe(0);
  });

  it('an RSA key with a 32-bit exponent is still verified (it is within what Windows holds)', async () => {
    const budget = new WorkBudget();
    const result = await chain(hostile.bigKeyIssuer(hostile.rsaSpki(2048, 32)), { budget });
    expect(codes(result)).toEqual(['NO_PATH', 'BAD_SIGNATURE']);
    expect(budget.spent('maxSignatureChecks')).toBe(1);
  });

  it('a leaf whose own RSA exponent has 40 bits: WEAK_KEY on an otherwise valid path', async () => {
    const result = await chain(hostile.weakLeafKey(hostile.rsaSpki(2048, 40)));
    expect(codes(result)).toEqual(['WEAK_KEY']);
    expect(result.problems[0]!.message).toContain('its RSA public exponent has 40 bits');
  });
});

describe('item 7: bounded messages and reports', () => {
  it('a 1 MB subject and 2,000 bogus same-named issuers: one aggregated BAD_SIGNATURE, short messages, a bounded report', async () => {
    const input = hostile.bigSubjectBogusIssuers(2000, 1_000_000);
    const budget = new WorkBudget();
    const report = await validateSupCertificate(hostile.pem([input.leaf, ...input.pool]), {
      names: 'sup01.contoso.com',
      trustAnchors: [hostile.pem([input.anchor])],
      at: AT,
      budget,
    });
    expect(report.chain!.valid).toBe(false);
    const problems = report.chain!.problems;
    // A 1 MB signed part costs 62 units a verification: the bytes hashed are bounded, and the search says so.
    expect(problems[0]!.code).toBe('SEARCH_LIMIT');
    expect(budget.spent('maxSignatureChecks')).toBeLessThanOrEqual(2000);
    expect(problems.filter((p) => p.code === 'BAD_SIGNATURE')).toHaveLength(1);
    expect(problems.find((p) => p.code === 'BAD_SIGNATURE')!.message).toMatch(
      /… and [\d,]+ more candidate issuers with bad signatures/,
    );
    for (const p of problems) {
      expect(p.message.length).toBeLessThan(1500);
      expect(p.certificate?.length ?? 0).toBeLessThan(300);
    }
    for (const f of report.findings)
      expect(f.message.length).toBeLessThanOrEqual(REPORT_BOUNDS.message + 30);
    expect(JSON.stringify({ findings: report.findings, problems }).length).toBeLessThan(50_000);
  });

  it('2,000 bogus issuers of a small leaf: every signature checked once, one BAD_SIGNATURE naming 1,997 more', async () => {
    const budget = new WorkBudget();
    const result = await chain(hostile.bigSubjectBogusIssuers(2000, 100), { budget });
    expect(codes(result)).toEqual(['NO_PATH', 'BAD_SIGNATURE']);
    expect(result.problems[1]!.message).toContain(
      'Nor with the other 1,999 candidate issuers of that name',
    );
    expect(result.problems[1]!.message).toContain(
      '… and 1,997 more candidate issuers with bad signatures',
    );
    expect(budget.spent('maxSignatureChecks')).toBe(2000);
  });

  it('500 permitted subtrees × 500 SAN names on two constrained CAs: summarised violations, comparisons drawn from the budget', async () => {
    const input = hostile.constrainedMany(500, 500, { twoConstrained: true });
    const budget = new WorkBudget();
    const report = await validateSupCertificate(hostile.pem([input.leaf, ...input.pool]), {
      names: 'sup01.contoso.com',
      trustAnchors: [hostile.pem([input.anchor])],
      at: AT,
      budget,
    });
    expect(report.chain!.valid).toBe(false);
    const problems = report.chain!.problems;
    expect(problems.every((p) => p.code === 'NAME_CONSTRAINTS')).toBe(true);
    // Per constraining CA: 3 violations spelled out, then one "… and 497 more".
    expect(problems).toHaveLength(8);
    expect(
      problems.filter((p) =>
        p.message.includes('… and 497 more of its names break the name constraints'),
      ),
    ).toHaveLength(2);
    expect(problems[0]!.message).toContain('and 497 more'); // the subtree list is cut too
    for (const p of problems) expect(p.message.length).toBeLessThan(1500);
    // Name constraints: names × subtrees on each constraining CA; host-name matching: the one
    // required name against every identifier of the leaf, plus one (src/rules/requiredNames.ts).
    const leaf = report.certificate;
    const matching =
      1 + (leaf.dnsNames?.length ?? 0) + leaf.ipAddresses.length + leaf.commonNames.length;
    expect(budget.spent('maxNameComparisons')).toBe(2 * 500 * 500 + matching);
    expect(JSON.stringify({ ...report, certificate: undefined }).length).toBeLessThan(100_000);
  });

  it('name comparisons past limits.maxNameComparisons: NAME_CONSTRAINTS and SEARCH_LIMIT, never a pass', async () => {
    const budget = new WorkBudget({ maxNameComparisons: 300_000 });
    const result = await chain(hostile.constrainedMany(500, 500, { twoConstrained: true }), {
      budget,
    });
    expect(result.valid).toBe(false);
    expect(codes(result)[0]).toBe('SEARCH_LIMIT');
    expect(result.problems[0]!.message).toContain('limits.maxNameComparisons');
    expect(codes(result)).toContain('NAME_CONSTRAINTS');
    expect(budget.spent('maxNameComparisons')).toBeLessThanOrEqual(300_000);
  });

  it('buildReport keeps at most REPORT_BOUNDS.chainProblems chain problems and cuts long messages', async () => {
    const input = hostile.constrainedMany(1, 1);
    const { leaf } = await loaded(input);
    const problems = Array.from({ length: 300 }, (_, i) => ({
      code: 'EXPIRED' as const,
      message: `problem ${i} ${'x'.repeat(i === 0 ? 10_000 : 10)}`,
      certificate: 'CN=other',
    }));
    const bundle = {
      certificates: [leaf],
      keys: [],
      notes: [],
    } as unknown as lib.CertificateBundle;
    const options = resolveOptions({ names: 'sup01.contoso.com', at: AT });
    const report = buildReport(
      {
        cert: leaf,
        chain: { valid: false, path: [leaf], problems },
        bundle,
        key: undefined,
        options,
        names: requiredNames(leaf, options),
      },
      0,
      { valid: false, path: [leaf], problems },
    );
    expect(report.chain!.problems).toHaveLength(REPORT_BOUNDS.chainProblems);
    expect(report.chain!.omittedProblems).toBe(300 - REPORT_BOUNDS.chainProblems);
    expect(report.chain!.problems[0]!.message).toMatch(/… \(10,010 characters\)$/);
    // SUP-CHAIN-002: 20 findings spelled out, then one that counts the other 280.
    const chainFindings = report.findings.filter((f) => f.rule === 'SUP-CHAIN-002');
    expect(chainFindings).toHaveLength(21);
    expect(chainFindings[20]!.message).toContain('… and 280 more chain problems');
    for (const f of report.findings)
      expect(f.message.length).toBeLessThanOrEqual(REPORT_BOUNDS.message + 30);
  });
});

describe('item 10: malformed critical extensions in the path fail closed', () => {
  it('the control: a well-formed nameConstraints permitting contoso.com gives a valid chain', async () => {
    expect((await chain(hostile.malformedNameConstraints('well-formed'))).problems).toEqual([]);
    expect((await chain(hostile.malformedCriticalExtension('well-formed'))).problems).toEqual([]);
  });

  it.each(['not-general-name', 'not-sequence', 'minimum', 'unknown-tag'] as const)(
    'nameConstraints with a %s subtree: NAME_CONSTRAINTS',
    async (kind) => {
      const result = await chain(hostile.malformedNameConstraints(kind));
      expect(result.valid).toBe(false);
      expect(codes(result)).toEqual(['NAME_CONSTRAINTS']);
      expect(result.problems[0]!.message).toContain('cannot read');
    },
  );

  it('a malformed critical nameConstraints in the leaf itself: INVALID_EXTENSION (Windows ignores it in an end-entity certificate only when it can read it)', async () => {
    const base = hostile.malformedNameConstraints('well-formed');
    const midKey = hostile.keyPair('mnc mid');
    const leaf = hostile.certificate({
      serial: 9,
      subject: 'sup01.contoso.com',
      issuer: 'MNC Issuing',
      spki: hostile.keyPair('mnc leaf').spki,
      issuerKey: midKey.privateKey,
      extensions: [
        ...hostile.leafExtensions(),
        hostile.nameConstraints([], {
          rawSubtrees: [Buffer.from('300d0c0b636f6e746f736f2e636f6d', 'hex')],
        }),
      ],
    });
    const result = await chain({ ...base, leaf });
    expect(result.valid).toBe(false);
    expect(codes(result)).toEqual(['INVALID_EXTENSION']);
  });

  it.each(['policyConstraints', 'inhibitAnyPolicy', 'policyMappings', 'issuerAltName'] as const)(
    'a malformed critical %s: INVALID_EXTENSION',
    async (which) => {
      const result = await chain(hostile.malformedCriticalExtension(which));
      expect(result.valid).toBe(false);
      expect(codes(result)).toEqual(['INVALID_EXTENSION']);
      expect(result.problems[0]!.message).toContain('malformed');
    },
  );
});

describe('scripts/hostile/chain.mjs cases', () => {
  it.each(hostile.cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    expect(await c.run(lib)).toBe(c.expect);
  });
});
