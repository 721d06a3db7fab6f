import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CertificateInfo,
  WorkBudget,
  matchHostname,
  readCertificates,
  verifyChain,
} from '../src/index.js';
import { type CrlInfo, checkRevocation, readCrls } from '../src/chain/crl.js';
import { FIXTURES, fixtureJson } from './fixtures.js';
import { LIMBO_CHAIN_DEVIATIONS } from './limbo-chain-deviations.js';
import { LIMBO_DEVIATIONS } from './limbo-deviations.js';
import { limboIndex } from './limbo-index.js';

/**
 * x509-limbo (C2SP, certs-fixtures/x509-limbo) through the whole Windows model: chain
 * (verifyChain) AND host name (matchHostname, windows profile).
 *
 * Which testcases: every `validation_kind == SERVER` testcase of the regenerated file, the
 * upstream 2023 file and online/*.limbo.json, the ones with CRLs (feature `has-crl`, index.tsv
 * category `revocation (CRL)`) included too: their `crls` go through readCrls and
 * checkRevocation on the path verifyChain found (revoked, or a CRL of the issuer that cannot be
 * used, is FAILURE; a certificate no CRL speaks for is not). index.tsv is
 * cross-checked against the JSON files (same ids, expected results and kinds).
 *
 * Verdict: verifyChain(peer, { trustAnchors: trusted_certs, intermediates:
 * untrusted_intermediates, at: validation_time, requiredEku, maxIntermediates }).valid AND the
 * peer name matches (when the testcase names one).
 * - validation_time null means "now" in limbo; the generated certificates are valid
 *   1970..2969 unless the case is about validity, so a fixed 2024-01-01 keeps the run
 *   reproducible.
 * - extended_key_usage (limbo-schema KnownEKUs) is mapped to the OID verifyChain requires;
 *   empty means no EKU policy.
 * - max_chain_depth (limbo-schema: "The maximum chain-building depth"; the max-chain-depth
 *   testcases: depth 0 = "there may not be any intermediates", depth 1 = "only one logical
 *   intermediate") is the most intermediates between leaf and trust anchor: maxIntermediates.
 * - a certificate that readCertificates rejects with a SupCertError is a FAILURE verdict.
 *
 * Deviations (limbo-deviations.ts for name/EKU, limbo-chain-deviations.ts for the chain) must
 * get the OPPOSITE verdict. Each testcase must also finish in under a second: no limbo case may
 * hang the validator (the pathological::* ones are built for that).
 */

interface LimboTestcase {
  id: string;
  description: string;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  extended_key_usage: string[] | null;
  expected_peer_name: { kind: 'DNS' | 'IP' | 'RFC822'; value: string } | null;
  max_chain_depth?: number | null;
  features?: string[] | null;
  crls?: string[];
  expected_result: 'SUCCESS' | 'FAILURE';
}

type Verdict = 'SUCCESS' | 'FAILURE';

const ROOT = 'x509-limbo';
const NULL_TIME = new Date('2024-01-01T00:00:00Z');
const TIME_LIMIT_MS = 1000;

/** limbo-schema.json KnownEKUs → OID. */
const EKU_OIDS: Record<string, string> = {
  anyExtendedKeyUsage: '2.5.29.37.0',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
};

// ---- testcases from the JSON files ----
const SOURCES: Array<{ short: string; file: string; testcases: LimboTestcase[] }> = [
  { short: 'regenerated', file: 'limbo-regenerated-8a2e6f4.json' },
  { short: 'upstream-2023', file: 'limbo-upstream-ddc40b4-2023-12-02.json' },
].map(({ short, file }) => ({
  short,
  file,
  testcases: fixtureJson<{ version: number; testcases: LimboTestcase[] }>(`${ROOT}/${file}`)
    .testcases,
}));
SOURCES.push({
  short: 'online',
  file: 'online/<host>.limbo.json',
  testcases: readdirSync(path.join(FIXTURES, ROOT, 'online'))
    .filter((f) => f.endsWith('.limbo.json'))
    .sort()
    .map((f) => fixtureJson<LimboTestcase>(`${ROOT}/online/${f}`)),
});

// ---- index.tsv (for the category column and a cross-check) ----
const { rows, COL } = limboIndex(ROOT);
const index = new Map(
  rows.map(
    (r) =>
      [
        `${r[COL.file]}\t${r[COL.id]}`,
        { expected: r[COL.expected]!, kind: r[COL.kind]!, category: r[COL.category]! },
      ] as const,
  ),
);

const server = SOURCES.flatMap(({ short, file, testcases }) =>
  testcases
    .filter((t) => t.validation_kind === 'SERVER')
    .map((t) => {
      const row = index.get(`${file}\t${t.id}`);
      if (!row) throw new Error(`index.tsv does not list ${t.id} of ${file}`);
      return { name: `${t.id} [${short}]`, copy: short, category: row.category, row, testcase: t };
    }),
);
const needsCrl = (s: (typeof server)[number]): boolean =>
  (s.testcase.features ?? []).includes('has-crl') || s.category === 'revocation (CRL)';
const selected = server;
const withCrl = server.filter(needsCrl);

// ---- deviations: limbo-deviations.ts (name/EKU) merged with limbo-chain-deviations.ts ----
const DEVIATIONS: Record<string, string> = { ...LIMBO_DEVIATIONS, ...LIMBO_CHAIN_DEVIATIONS };
function deviationOf(s: { name: string; testcase: LimboTestcase }): string | undefined {
  return DEVIATIONS[s.name] ?? DEVIATIONS[s.testcase.id];
}

async function readAll(pems: string[]): Promise<CertificateInfo[]> {
  const out: CertificateInfo[] = [];
  for (const pem of pems) out.push(...(await readCertificates(pem)).certificates);
  return out;
}

function requiredEkuOf(t: LimboTestcase): string | undefined {
  const ekus = t.extended_key_usage ?? [];
  for (const e of ekus) if (!(e in EKU_OIDS)) throw new Error(`${t.id}: unknown EKU ${e}`);
  if (ekus.includes('serverAuth')) return EKU_OIDS.serverAuth;
  if (ekus.length > 1)
    throw new Error(
      `${t.id}: verifyChain takes one required EKU, limbo asks for ${ekus.join(', ')}`,
    );
  return ekus.length ? EKU_OIDS[ekus[0]!] : undefined;
}

async function verdictOf(t: LimboTestcase): Promise<Verdict> {
  let leaf: CertificateInfo;
  let trustAnchors: CertificateInfo[];
  let intermediates: CertificateInfo[];
  try {
    const peer = await readAll([t.peer_certificate]);
    expect(peer).toHaveLength(1);
    leaf = peer[0]!;
    trustAnchors = await readAll(t.trusted_certs);
    intermediates = await readAll(t.untrusted_intermediates);
  } catch (error) {
    if ((error as Error).name !== 'SupCertError') throw error;
    return 'FAILURE';
  }
  const requiredEku = requiredEkuOf(t);
  const result = await verifyChain(leaf, {
    trustAnchors,
    intermediates,
    at: t.validation_time ? new Date(t.validation_time) : NULL_TIME,
    ...(requiredEku ? { requiredEku } : {}),
    ...(t.max_chain_depth !== undefined && t.max_chain_depth !== null
      ? { maxIntermediates: t.max_chain_depth }
      : {}),
  });
  expect(result.valid).toBe(result.problems.length === 0);
  if (result.valid && (t.crls ?? []).length > 0) {
    let crls: CrlInfo[];
    try {
      crls = t.crls!.flatMap((pem) => readCrls(pem));
    } catch (error) {
      if ((error as Error).name !== 'SupCertError') throw error;
      return 'FAILURE';
    }
    const budget = new WorkBudget();
    const statuses = checkRevocation(
      result.path,
      crls,
      t.validation_time ? new Date(t.validation_time) : NULL_TIME,
      budget,
    );
    // Bounded: at most one signature check per CRL and certificate.
    expect(budget.spent('maxSignatureChecks')).toBeLessThanOrEqual(crls.length * statuses.length);
    if (
      statuses.some(
        (x) => x.status === 'revoked' || (x.status === 'unknown' && x.rejected.length > 0),
      )
    )
      return 'FAILURE';
  }
  const peerName = t.expected_peer_name;
  if (peerName && peerName.kind !== 'DNS' && peerName.kind !== 'IP')
    throw new Error(`${t.id}: peer name of kind ${peerName.kind}`);
  const nameMatches = peerName ? matchHostname(leaf, peerName.value, { profile: 'windows' }) : true;
  return result.valid && nameMatches ? 'SUCCESS' : 'FAILURE';
}

const tally = { agree: 0, deviation: 0 };

describe('x509-limbo SERVER testcases: verifyChain + matchHostname (windows)', () => {
  afterAll(() => {
    console.log(
      `x509-limbo chain: ${selected.length} SERVER testcases selected; ${tally.agree} agree with limbo, ${tally.deviation} are listed deviations (opposite verdict checked); ${withCrl.length} of them with CRLs (revocation judged), none skipped`,
    );
  });

  it('selects every SERVER testcase, the CRL ones included, in line with index.tsv', () => {
    const count = (copy: string): number => selected.filter((s) => s.copy === copy).length;
    expect([
      count('regenerated'),
      count('upstream-2023'),
      count('online'),
      selected.length,
    ]).toEqual([162, 113, 14, 289]);
    expect(withCrl.map((s) => s.name)).toHaveLength(8);
    expect(
      withCrl.every(
        (s) => s.category === 'revocation (CRL)' && (s.testcase.features ?? []).includes('has-crl'),
      ),
    ).toBe(true);
    const serverRows = [...index.values()].filter((r) => r.kind === 'SERVER').length;
    expect(server).toHaveLength(serverRows);
    for (const s of server) {
      expect(s.row.kind).toBe('SERVER');
      expect(s.testcase.expected_result).toBe(s.row.expected);
    }
  });

  it('lists only deviations that are selected testcases, once, each with a one-line reason', () => {
    const names = new Set(selected.map((s) => s.name));
    const ids = new Set(selected.map((s) => s.testcase.id));
    const unknown = Object.keys(DEVIATIONS).filter((key) => !ids.has(key) && !names.has(key));
    expect(unknown).toEqual([]);
    // limbo-chain-deviations.ts does not repeat an id of limbo-deviations.ts.
    const chainIds = Object.keys(LIMBO_CHAIN_DEVIATIONS).map((key) =>
      key.replace(/ \[[a-z0-9-]+\]$/, ''),
    );
    expect(chainIds.filter((id) => id in LIMBO_DEVIATIONS)).toEqual([]);
    expect(new Set(chainIds).size).toBe(chainIds.length);
    for (const reason of Object.values(DEVIATIONS)) {
      expect(reason).not.toMatch(/\n/);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it.each(selected)('$name', async (s) => {
    const { testcase } = s;
    const start = performance.now();
    const verdict = await verdictOf(testcase);
    const elapsed = performance.now() - start;
    expect(elapsed, `${testcase.id} took ${elapsed.toFixed(0)} ms`).toBeLessThan(TIME_LIMIT_MS);
    const deviation = deviationOf(s);
    if (deviation !== undefined) {
      const opposite: Verdict = testcase.expected_result === 'SUCCESS' ? 'FAILURE' : 'SUCCESS';
      expect(verdict, `deviation listed: ${deviation}`).toBe(opposite);
      tally.deviation++;
    } else {
      expect(verdict).toBe(testcase.expected_result);
      tally.agree++;
    }
  });
});
