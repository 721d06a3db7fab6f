import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type CertificateBundle,
  matchHostname,
  readCertificates,
  validateSupCertificate,
} from '../src/index.js';
import { FIXTURES, fixtureJson } from './fixtures.js';
import { LIMBO_DEVIATIONS } from './limbo-deviations.js';
import { limboIndex } from './limbo-index.js';

/**
 * x509-limbo (C2SP, certs-fixtures/x509-limbo) against supcert's Windows name model and the
 * SUP EKU rule. limbo encodes Web-PKI policy; where Windows legitimately differs, the case is
 * listed in limbo-deviations.ts and must get the OPPOSITE verdict (so the list cannot go stale).
 *
 * Which testcases (decided from index.tsv, the fixture's own table of every testcase):
 * - validation_kind == SERVER, and
 * - category `name` (the SAN/CN matching cases: rfc5280::san::*, webpki::san::*, webpki::cn::*,
 *   *::ca-as-leaf), `eku` (rfc5280::eku::*, webpki::eku::*), or `name+chain (real-world)` (the 14
 *   online::* chains captured from real sites: a plain name match against a real leaf).
 * - Not taken: chain/profile (pathlen::*, aki/ski, basic constraints ...), validity,
 *   key/signature-algorithm, revocation (CRL), name-constraints and denial-of-service/chain. Their
 *   verdict is decided by path building, time or algorithms, which a name matcher cannot judge; in
 *   all of them the peer name matches by construction.
 *
 * Verdict:
 * - name cases: matchHostname(leaf, expected_peer_name.value, { profile: 'windows' }) (DNS and IP kinds).
 * - eku cases: no `error` finding of SUP-EKU-001 from validateSupCertificate(leaf bundle,
 *   { intranetName: peer name, at: validation_time }) AND the name matches. A SUP is a TLS server,
 *   so serverAuth is always the required purpose, also where limbo's extended_key_usage is empty.
 * - a leaf the reader rejects (SupCertError, e.g. an undecodable SAN) is a FAILURE verdict: a
 *   certificate that cannot be decoded presents no name.
 */

interface LimboTestcase {
  id: string;
  validation_kind: 'SERVER' | 'CLIENT';
  peer_certificate: string;
  validation_time: string | null;
  extended_key_usage: string[] | null;
  expected_peer_name: { kind: 'DNS' | 'IP' | 'RFC822'; value: string } | null;
  expected_result: 'SUCCESS' | 'FAILURE';
}

type Verdict = 'SUCCESS' | 'FAILURE';

const ROOT = 'x509-limbo';
const SELECTED_CATEGORIES = new Set(['name', 'eku', 'name+chain (real-world)']);

// ---- index.tsv ----
const { rows, COL } = limboIndex(ROOT);

// ---- testcase files ----
const byFile = new Map<string, Map<string, LimboTestcase>>();
function testcases(file: string): Map<string, LimboTestcase> {
  let map = byFile.get(file);
  if (!map) {
    let list: LimboTestcase[];
    if (file === 'online/<host>.limbo.json') {
      const dir = path.join(FIXTURES, ROOT, 'online');
      list = readdirSync(dir)
        .filter((f) => f.endsWith('.limbo.json'))
        .sort()
        .map((f) => fixtureJson<LimboTestcase>(`${ROOT}/online/${f}`));
    } else {
      list = fixtureJson<{ version: number; testcases: LimboTestcase[] }>(
        `${ROOT}/${file}`,
      ).testcases;
    }
    map = new Map(list.map((t) => [t.id, t]));
    byFile.set(file, map);
  }
  return map;
}

const allIds = new Set(rows.map((r) => r[COL.id]!));
const selected = rows
  .filter((r) => r[COL.kind] === 'SERVER' && SELECTED_CATEGORIES.has(r[COL.category]!))
  .map((r) => {
    const file = r[COL.file]!;
    const testcase = testcases(file).get(r[COL.id]!);
    if (!testcase)
      throw new Error(`index.tsv lists ${r[COL.id]} in ${file}, which does not hold it`);
    const short = file.startsWith('online/')
      ? 'online'
      : file.includes('regenerated')
        ? 'regenerated'
        : 'upstream-2023';
    return {
      name: `${testcase.id} [${short}]`,
      category: r[COL.category]!,
      tsvExpected: r[COL.expected]!,
      testcase,
    };
  });
const selectedIds = new Set(selected.map((s) => s.testcase.id));

async function verdictOf(t: LimboTestcase, category: string): Promise<Verdict> {
  const peer = t.expected_peer_name;
  if (!peer || (peer.kind !== 'DNS' && peer.kind !== 'IP'))
    throw new Error(`${t.id}: no DNS or IP peer name`);
  let bundle: CertificateBundle;
  try {
    bundle = await readCertificates(t.peer_certificate);
  } catch (error) {
    if ((error as Error).name !== 'SupCertError') throw error;
    return 'FAILURE';
  }
  expect(bundle.certificates).toHaveLength(1);
  const leaf = bundle.certificates[0]!;
  const nameMatches = matchHostname(leaf, peer.value, { profile: 'windows' });
  if (category !== 'eku') return nameMatches ? 'SUCCESS' : 'FAILURE';
  const report = await validateSupCertificate(bundle, {
    intranetName: peer.value,
    ...(t.validation_time ? { at: new Date(t.validation_time) } : {}),
  });
  const ekuError = report.findings.some((f) => f.rule === 'SUP-EKU-001' && f.severity === 'error');
  return nameMatches && !ekuError ? 'SUCCESS' : 'FAILURE';
}

const tally = { agree: 0, deviation: 0 };

describe('x509-limbo name and EKU testcases (windows profile)', () => {
  afterAll(() => {
    console.log(
      `x509-limbo: ${selected.length} testcases selected; ${tally.agree} agree with limbo, ${tally.deviation} are listed Windows deviations (opposite verdict checked); deviation list has ${Object.keys(LIMBO_DEVIATIONS).length} ids`,
    );
  });

  it('selects the expected set of testcases from index.tsv', () => {
    const count = (category: string): number =>
      selected.filter((s) => s.category === category).length;
    expect([count('name'), count('eku'), count('name+chain (real-world)')]).toEqual([31, 10, 14]);
  });

  it('lists only ids that are selected testcases', () => {
    const unknown = Object.keys(LIMBO_DEVIATIONS).filter((id) => !allIds.has(id));
    expect(unknown).toEqual([]);
    const notSelected = Object.keys(LIMBO_DEVIATIONS).filter((id) => !selectedIds.has(id));
    expect(notSelected).toEqual([]);
  });

  it('gives every deviation a one-line reason', () => {
    for (const reason of Object.values(LIMBO_DEVIATIONS)) {
      expect(reason).not.toMatch(/\n/);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it.each(selected)('$name', async ({ testcase, category, tsvExpected }) => {
    expect(testcase.validation_kind).toBe('SERVER');
    expect(testcase.expected_result).toBe(tsvExpected);
    const verdict = await verdictOf(testcase, category);
    if (testcase.id in LIMBO_DEVIATIONS) {
      const opposite: Verdict = testcase.expected_result === 'SUCCESS' ? 'FAILURE' : 'SUCCESS';
      expect(verdict, `deviation listed: ${LIMBO_DEVIATIONS[testcase.id]}`).toBe(opposite);
      tally.deviation++;
    } else {
      expect(verdict).toBe(testcase.expected_result);
      tally.agree++;
    }
  });
});
