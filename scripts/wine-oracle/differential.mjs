#!/usr/bin/env node
// Development tool (not CI): the differential check of supcert against Wine's crypt32.
// Runs ../shared/tools/wine-oracle (built with MinGW-w64, run under wine) over certs-fixtures/sup,
// certs-fixtures/generated and the x509-limbo SERVER testcases, asks supcert the same question
// (verifyChain with requiredEku Server Authentication, as WinHTTP builds the chain, then
// sslPolicyErrors with the host name) and prints every case where the first error differs.
//
//   npm run build && node scripts/wine-oracle/differential.mjs ORACLE.exe [OUT.json]
//   (needs: apt-get install wine wine64 libwine gcc-mingw-w64-x86-64; WINEPREFIX of your choice)
//
// Wine's crypt32 is a reimplementation: a disagreement is a lead to settle from Windows-verified
// evidence (certs-fixtures/wine-crypt32, Microsoft's documentation), never a verdict by itself.
// The reviewed list is docs/wine-differences.md.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOracle, win } from './run-oracle.mjs';
import { matchHostname, readCertificates, sslPolicyErrors, verifyChain } from '../../dist/index.js';

const [oracle, outFile = 'wine-differences.json'] = process.argv.slice(2);
if (!oracle) {
  console.error('usage: node scripts/wine-oracle/differential.mjs oracle.exe [OUT.json]');
  process.exit(2);
}
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FX = path.join(ROOT, 'certs-fixtures');
const work = mkdtempSync(path.join(tmpdir(), 'wine-diff-'));
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/** jobs: { id, source, host, at (ISO), leafPem, intermediates: pem[], roots: pem[] } */
const jobs = [];
let n = 0;
const file = (pem) => {
  const p = path.join(work, `c${n++}.pem`);
  writeFileSync(p, pem);
  return p;
};

// ---- certs-fixtures/sup and generated: our PKI, both SUP names, a day after the leaf's notBefore ----
const supRoot = readFileSync(path.join(FX, 'sup/root.pem'), 'utf8');
const smsRoot = readFileSync(path.join(FX, 'sup/sms-root.pem'), 'utf8');
const issuing = readFileSync(path.join(FX, 'sup/issuing.pem'), 'utf8');
for (const dir of ['sup', 'generated']) {
  for (const name of readdirSync(path.join(FX, dir))
    .filter((f) => f.endsWith('.pem'))
    .sort()) {
    if (['root.pem', 'issuing.pem', 'chain.pem', 'sms-root.pem'].includes(name)) continue;
    const text = readFileSync(path.join(FX, dir, name), 'utf8');
    if (!text.includes('BEGIN CERTIFICATE')) continue;
    let leaf;
    try {
      leaf = (await readCertificates(text)).certificates[0];
    } catch {
      continue;
    }
    if (!leaf || leaf.isCA) continue;
    const at = new Date(leaf.notBefore.getTime() + 86_400_000)
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    const generatedRoot =
      dir === 'generated' ? [readFileSync(path.join(FX, dir, 'root-ca.pem'), 'utf8')] : [];
    const inter =
      dir === 'generated'
        ? [readFileSync(path.join(FX, dir, 'issuing-ca.pem'), 'utf8')]
        : [issuing];
    for (const host of ['sup01.corp.contoso.com', 'sup01.contoso.com']) {
      jobs.push({
        id: `${dir}/${name} ${host}`,
        source: dir,
        host,
        at,
        leafPem: text,
        intermediates: inter,
        roots: dir === 'sup' ? [supRoot, smsRoot] : generatedRoot,
      });
    }
  }
}

// ---- x509-limbo SERVER testcases (no CRL ones): trusted_certs as the exclusive roots ----
const limbo = [
  ...['limbo-regenerated-8a2e6f4.json', 'limbo-upstream-ddc40b4-2023-12-02.json'].flatMap((f) =>
    JSON.parse(readFileSync(path.join(FX, 'x509-limbo', f), 'utf8')).testcases.map((t) => ({
      ...t,
      file: f,
    })),
  ),
  ...readdirSync(path.join(FX, 'x509-limbo/online'))
    .filter((f) => f.endsWith('.limbo.json'))
    .map((f) => ({
      ...JSON.parse(readFileSync(path.join(FX, 'x509-limbo/online', f), 'utf8')),
      file: f,
    })),
];
for (const t of limbo) {
  if (
    t.validation_kind !== 'SERVER' ||
    (t.features ?? []).includes('has-crl') ||
    !t.trusted_certs?.length
  )
    continue;
  if (
    t.expected_peer_name &&
    t.expected_peer_name.kind !== 'DNS' &&
    t.expected_peer_name.kind !== 'IP'
  )
    continue;
  jobs.push({
    id: `limbo ${t.id} [${t.file}]`,
    source: 'x509-limbo',
    host: t.expected_peer_name?.value ?? null,
    at: (t.validation_time ?? '2024-01-01T00:00:00Z').replace(/\.\d+/, '').replace(/\+00:00$/, 'Z'),
    leafPem: t.peer_certificate,
    intermediates: t.untrusted_intermediates,
    roots: t.trusted_certs,
    limboExpected: t.expected_result,
  });
}

// ---- run the oracle once over every job ----
const lines = jobs.map((j, i) =>
  [
    `j${i}`,
    j.host ?? '-',
    j.at,
    win(file(j.leafPem)),
    j.intermediates.length ? j.intermediates.map((p) => win(file(p))).join(',') : '-',
    j.roots.length ? j.roots.map((p) => win(file(p))).join(',') : '-',
  ].join('\t'),
);
console.error(`${jobs.length} jobs; running the oracle under wine ...`);
// Wine's crypt32 crashes on some inputs (a page fault): the job it died on is recorded as such and
// the run goes on from the next one.
const answers = runOracle(oracle, lines, work);

// ---- supcert's answer to the same question ----
const hex = (s) =>
  `0x${(Number.parseInt(s, 16) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
const out = [];
let agree = 0;
for (const [i, j] of jobs.entries()) {
  const w = answers.get(`j${i}`);
  let supcert;
  try {
    const leafBundle = (await readCertificates(j.leafPem)).certificates;
    const read = async (pems) =>
      (await Promise.all(pems.map(async (p) => (await readCertificates(p)).certificates))).flat();
    const roots = await read(j.roots);
    const inter = [...leafBundle.slice(1), ...(await read(j.intermediates))];
    const chain = await verifyChain(leafBundle[0], {
      trustAnchors: roots,
      intermediates: inter,
      at: new Date(j.at),
      requiredEku: SERVER_AUTH,
    });
    const name = j.host ? matchHostname(leafBundle[0], j.host) : null;
    supcert = sslPolicyErrors(chain, name)[0]?.code ?? '0x00000000';
    supcert = { first: supcert, problems: chain.problems.map((p) => p.code) };
  } catch (error) {
    supcert = { first: `refused: ${error.code ?? error.message}`, problems: [] };
  }
  const wine = w?.error ? `oracle error: ${w.error}` : w ? hex(w.policy) : 'no answer';
  if (wine === supcert.first.toUpperCase().replace('0X', '0x')) {
    agree++;
    continue;
  }
  out.push({
    id: j.id,
    source: j.source,
    host: j.host,
    at: j.at,
    wine,
    wineChainError: w?.chainError,
    supcert: supcert.first,
    supcertProblems: supcert.problems,
    limboExpected: j.limboExpected,
  });
}
writeFileSync(
  outFile,
  `${JSON.stringify({ jobs: jobs.length, agree, disagreements: out }, null, 1)}\n`,
);
console.log(`${jobs.length} jobs: ${agree} agree, ${out.length} disagree -> ${outFile}`);
