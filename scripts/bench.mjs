#!/usr/bin/env node
// `npm run bench`: measures the speed targets of the issues side by side with the baselines
// (OpenSSL's C reader, node-forge, node:crypto, @peculiar/x509) in the same run, and rewrites
// BENCHMARKS.md. Every figure is a median of several runs; targets are ratios, so a slow or busy
// machine moves both sides together. Usage: node scripts/bench.mjs [--quick]
import { readFileSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import os from 'node:os';
import tls from 'node:tls';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  readCertificates,
  validateSupCertificate,
  validateSupDeployment,
  verifyChain,
} from '../dist/index.js';

const require = createRequire(import.meta.url);
const forge = require('node-forge');
const quick = process.argv.includes('--quick');
const root = fileURLToPath(new URL('..', import.meta.url));
const fixture = (p) => readFileSync(`${root}certs-fixtures/${p}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** Median milliseconds per call: `runs` timed batches of `batch` calls each, after a warm-up. */
async function time(fn, { runs = 7, batch = 1, warm = 2 } = {}) {
  for (let i = 0; i < warm; i++) await fn();
  const xs = [];
  for (let r = 0; r < (quick ? Math.min(runs, 3) : runs); r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await fn();
    xs.push((performance.now() - t0) / batch);
  }
  return median(xs);
}

const rows = [];
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
function record(section, what, ours, baselines, target) {
  rows.push({ section, what, ours, baselines, target });
  const base = baselines.map(([n, v]) => `${n} ${v === null ? 'n/a' : ms(v)}`).join(', ');
  console.log(
    `${section} | ${what}: ours ${ms(ours)} ms | ${base}${target ? ` | ${target.text}: ${target.met ? 'met' : 'MISSED'}` : ''}`,
  );
}

// ---- PKCS#12: this reader vs OpenSSL's C PKCS12_parse, node-forge and pkijs ----
const forgeRead = (bytes, pw) =>
  forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(bytes.toString('binary')), pw);
// pkijs: the whole job as its documentation shows it (MAC, authenticated safe, shrouded keys). It
// has no PKCS#12 PBE, so 3DES and RC2 files are "cannot read" (n/a).
const pkijs = await import('pkijs');
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: globalThis.crypto }));
async function pkijsRead(bytes, pw) {
  const password = new TextEncoder().encode(pw).buffer;
  const pfx = pkijs.PFX.fromBER(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
  await pfx.parseInternalValues({ password, checkIntegrity: true });
  const authSafe = pfx.parsedValue.authenticatedSafe;
  await authSafe.parseInternalValues({
    safeContents: authSafe.safeContents.map(() => ({ password })),
  });
  for (const sc of authSafe.parsedValue.safeContents) {
    for (const bag of sc.value.safeBags)
      if (bag.bagId === '1.2.840.113549.1.12.10.1.2')
        await bag.bagValue.parseInternalValues({ password });
  }
}
async function pkijsTime(bytes, pw, opts) {
  try {
    await pkijsRead(bytes, pw);
  } catch {
    return null;
  }
  return time(() => pkijsRead(bytes, pw), opts);
}
const pfxCases = [
  [
    'OpenSSL 3 default (AES-256, PBKDF2-SHA256, SHA-256 MAC, 2048 it.)',
    'generated/default.pfx',
    'Passw0rd!',
    {},
  ],
  [
    '3DES / SHA-1 (Windows "TripleDES-SHA1" algorithm set, 2048 it.)',
    'generated/des3-sha1.pfx',
    'Passw0rd!',
    {},
  ],
  ['200,000 iterations (PBES2 + MAC)', 'generated/iter200k.pfx', 'Passw0rd!', { runs: 5, warm: 1 }],
  [
    'Windows export AES256-SHA256 (real AD CS file, 2000 it.)',
    'securityfever-windows-pfx/cert-chain-aes.pfx',
    'Passw0rd',
    {},
  ],
  [
    'Windows export TripleDES-SHA1 (real AD CS file, 2000 it.)',
    'securityfever-windows-pfx/cert-chain-des.pfx',
    'Passw0rd',
    {},
  ],
];
for (const [name, file, pw, opts] of pfxCases) {
  const bytes = fixture(file);
  const heavy = opts.runs !== undefined;
  const batch = heavy ? 1 : 20;
  const ours = await time(() => readCertificates(bytes, { password: pw }), { batch, ...opts });
  const openssl = await time(() => tls.createSecureContext({ pfx: bytes, passphrase: pw }), {
    batch,
    ...opts,
  });
  const forgeMs = await time(() => forgeRead(bytes, pw), {
    batch: heavy ? 1 : 5,
    runs: heavy ? 3 : 7,
    warm: 1,
  });
  const pkijsMs = await pkijsTime(bytes, pw, {
    batch: heavy ? 1 : 5,
    runs: heavy ? 3 : 7,
    warm: 1,
  });
  const ratio = ours / openssl;
  record(
    'PFX open',
    `${name} — \`${file}\``,
    ours,
    [
      ['OpenSSL C', openssl],
      ['node-forge', forgeMs],
      ['pkijs', pkijsMs],
    ],
    {
      text: `≤ 1.5× OpenSSL (is ${ratio.toFixed(2)}×; forge ${(forgeMs / openssl).toFixed(1)}×${pkijsMs === null ? '; pkijs cannot read it' : `; pkijs ${(pkijsMs / openssl).toFixed(1)}×`})`,
      met: ratio <= 1.5,
    },
  );
}

// ---- The first PFX of a fresh process (a CLI run): JIT and module loading not warmed up ----
import { spawnSync } from 'node:child_process';
function coldOnce(code) {
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return Number(out.stdout.trim());
}
for (const [name, file, pw] of [pfxCases[0], pfxCases[4]]) {
  const path = JSON.stringify(`${root}certs-fixtures/${file}`);
  const dist = JSON.stringify(`${root}dist/index.js`);
  const oursCode = `import { readFileSync } from 'node:fs'; const { readCertificates } = await import(${dist}); const b = readFileSync(${path}); const t = performance.now(); await readCertificates(b, { password: ${JSON.stringify(pw)} }); console.log(performance.now() - t);`;
  const sslCode = `import { readFileSync } from 'node:fs'; import tls from 'node:tls'; const b = readFileSync(${path}); const t = performance.now(); tls.createSecureContext({ pfx: b, passphrase: ${JSON.stringify(pw)} }); console.log(performance.now() - t);`;
  const runs = quick ? 3 : 7;
  const ours = median(Array.from({ length: runs }, () => coldOnce(oursCode)));
  const openssl = median(Array.from({ length: runs }, () => coldOnce(sslCode)));
  record(
    'PFX open, first file of a fresh process',
    `${name} — \`${file}\``,
    ours,
    [['OpenSSL C', openssl]],
    null,
  );
}

// ---- PEM certificates: parse throughput on one core ----
const pemOne = fixture('generated/leaf-rsa.pem').toString('utf8');
const bundle = fixture('pyca-x509/cryptography.io.chain.pem').toString('utf8');
const perCert = await time(() => readCertificates(pemOne), { batch: 500 });
const nodeCert = await time(
  () => {
    const x = new X509Certificate(pemOne);
    void x.subjectAltName;
    void x.keyUsage;
    void x.validTo;
  },
  { batch: 500 },
);
let peculiar = null;
try {
  require('reflect-metadata');
  const px = require('@peculiar/x509');
  peculiar = await time(
    () => {
      const c = new px.X509Certificate(pemOne);
      void c.getExtension('2.5.29.17');
      void c.getExtension('2.5.29.37');
      void c.notAfter;
    },
    { batch: 200 },
  );
} catch {
  /* devDependency absent: baseline skipped */
}
const perSecond = 1000 / perCert;
record(
  'PEM parse',
  'one RSA-2048 leaf, full model (names, SAN, EKU, KU, key, SHA-256)',
  perCert,
  [
    ['node:crypto X509Certificate', nodeCert],
    ['@peculiar/x509', peculiar],
  ],
  {
    text: `≥ 5,000 certificates/s (is ${Math.round(perSecond).toLocaleString('en-US')}/s)`,
    met: perSecond >= 5000,
  },
);
const perBundle = await time(() => readCertificates(bundle), { batch: 200 });
record('PEM parse', 'two-certificate chain PEM (4096 + 2048)', perBundle, [], null);

// ---- SUP validation of an already-read certificate ----
{
  const windowsLeaf = await readCertificates(fixture('securityfever-windows-pfx/cert.cer'));
  const opts = {
    names: 'server.lab.local&updates.contoso.com',
    configureSslName: 'server.lab.local',
    at: new Date('2022-06-01T00:00:00Z'),
  };
  const perCert = await time(() => validateSupCertificate(windowsLeaf, opts), { batch: 200 });
  record(
    'SUP validation',
    'full `validateSupCertificate` (every rule) on a read certificate',
    perCert,
    [],
    { text: `median ≤ 0.5 ms (is ${ms(perCert)} ms)`, met: perCert <= 0.5 },
  );
  const many = await readCertificates(fixture('sup/many-sans.pem'));
  const sans = many.certificates[0].dnsNames.length;
  // The names are looked for in a fresh bundle object each time, so no per-certificate cache helps.
  const manyMs = await time(
    async () =>
      validateSupCertificate(
        { ...many, certificates: many.certificates.map((c) => ({ ...c })) },
        {
          names: 'host9990.corp.contoso.com&missing.contoso.com',
          at: many.certificates[0].notBefore,
        },
      ),
    { batch: 5 },
  );
  record(
    'SUP validation',
    `certificate with ${sans.toLocaleString('en-US')} SAN entries (one name found last, one missing)`,
    manyMs,
    [],
    { text: `≤ 50 ms (is ${ms(manyMs)} ms)`, met: manyMs <= 50 },
  );
}

// ---- Deployment snapshot: config, netsh, two .reg exports and the PFX, judged together ----
{
  const dir = 'deployment/snapshots/with-pfx';
  const files = ['applicationHost.config', 'sslcert.txt', 'setup.reg', 'my.reg', 'sup01.pfx'].map(
    (name) => ({ name, bytes: fixture(`${dir}/${name}`) }),
  );
  const opts = {
    names: 'sup01.corp.contoso.com&sup01.contoso.com',
    password: 'Passw0rd!',
    at: new Date('2027-01-01T00:00:00Z'),
  };
  const snapMs = await time(() => validateSupDeployment(files, opts), { runs: 9, warm: 3 });
  record(
    'Deployment snapshot',
    'full snapshot (applicationHost.config, netsh http show sslcert, two reg exports, a PFX) through `validateSupDeployment`, after start-up',
    snapMs,
    [],
    { text: `≤ 50 ms (is ${ms(snapMs)} ms)`, met: snapMs <= 50 },
  );
}

// ---- Chain validation (RSA-2048 leaf → issuing CA → root) ----
{
  const [leaf, issuing, root] = (
    await readCertificates(fixture('sup/good-both.pfx'), { password: 'Passw0rd!' })
  ).certificates;
  const at = new Date(leaf.notBefore.getTime() + 86_400_000);
  // Fresh objects each time: keys and name keys are derived again, as for a newly read file.
  const fresh = (c) => ({ ...c });
  const cold = await time(
    () =>
      verifyChain(fresh(leaf), {
        trustAnchors: [fresh(root)],
        intermediates: [fresh(issuing)],
        at,
        requiredEku: '1.3.6.1.5.5.7.3.1',
      }),
    { batch: 200 },
  );
  const warm = await time(
    () =>
      verifyChain(leaf, {
        trustAnchors: [root],
        intermediates: [issuing],
        at,
        requiredEku: '1.3.6.1.5.5.7.3.1',
      }),
    { batch: 200 },
  );
  record(
    'Chain validation',
    '3-certificate RSA-2048 chain, certificates just read (keys and names derived in the call)',
    cold,
    [['same objects again (derived data cached)', warm]],
    { text: `median ≤ 1 ms (is ${ms(cold)} ms)`, met: cold <= 1 },
  );
}

// ---- The command line, cold: `supcert check one.pem` against an empty Node process ----
{
  // Each run is a fresh process (what CI or an admin's shell does); the two commands alternate
  // so that machine load moves both medians alike.
  const cli = [
    // The package's bin (what `supcert` runs): CommonJS, see tsup.config.ts.
    `${root}dist/cli.cjs`,
    'check',
    `${root}certs-fixtures/sup/good-both.pem`,
    '--names',
    'sup01.corp.contoso.com&sup01.contoso.com',
    '--at',
    '2027-01-01',
  ];
  const spawnMs = (args) => {
    const t0 = performance.now();
    const out = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const elapsed = performance.now() - t0;
    if (out.status !== 0) throw new Error(`${args.join(' ')} exited ${out.status}: ${out.stderr}`);
    return elapsed;
  };
  spawnMs(['-e', '0']);
  spawnMs(cli);
  const base = [];
  const ours = [];
  for (let i = 0; i < (quick ? 15 : 31); i++) {
    base.push(spawnMs(['-e', '0']));
    ours.push(spawnMs(cli));
  }
  const ratio = median(ours) / median(base);
  record(
    'CLI cold start',
    '`supcert check good-both.pem --names … --at …` (read, judge every rule, print the text report), whole process',
    median(ours),
    [['`node -e 0`', median(base)]],
    { text: `≤ 1.6× \`node -e 0\` (is ${ratio.toFixed(2)}×)`, met: ratio <= 1.6 },
  );
}

// ---- Hostile inputs (scripts/hostile/*.mjs): each case in its own process, capped at 30 s ----
// Before the scale rows: on Linux a child's maxRSS starts at its parent's RSS at fork time (the
// high-water mark survives fork and exec), and the scale section grows this process to ~200 MB.
const { runHostile, hostileTable } = await import('./hostile/run-all.mjs');
const hostile = await runHostile({
  onRow: (r) =>
    console.log(
      `Hostile | ${r.id}: ${r.outcome} (expected ${r.expect}${r.matches ? '' : ': MISMATCH'}) ${r.ms === null ? '—' : ms(r.ms)} ms, ${r.maxRssMb === null ? '—' : r.maxRssMb.toFixed(0)} MB${r.met ? '' : ' | target MISSED'}`,
    ),
});

// ---- Scale: 100,000 files in every format, --jobs 1 vs 2, 1,000 endpoints, cold PEM and PFX ----
{
  const { runScale } = await import('./bench-scale.mjs');
  await runScale({
    files: quick ? 20_000 : 100_000,
    endpoints: quick ? 200 : 1000,
    coldRuns: quick ? 15 : 31,
    record,
  });
}

// ---- The offline page: PFX open in headless Chromium against Node, and the page's size ----
const { runWeb } = await import('./bench-web.mjs');
const web = await runWeb({ runs: quick ? 3 : 7 });
{
  for (const [label, inPage, inNode] of web.rows)
    record(
      'Offline page',
      `${label}: PFX open in dist/web/supcert.html (headless Chromium, file://) against Node on the same bytes (page/Node ${(inPage / inNode).toFixed(1)}×)`,
      inPage,
      [['Node', inNode]],
      null,
    );
}
const webSize = `${web.bytes.toLocaleString('en-US')} bytes, ${web.gzipBytes.toLocaleString('en-US')} bytes gzip`;

console.log(
  `Hostile | reference: ordinary Windows PFX ${hostile.reference.ms === null ? '—' : ms(hostile.reference.ms)} ms, ${hostile.reference.maxRssMb?.toFixed(0) ?? '—'} MB`,
);

// ---- BENCHMARKS.md ----
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# Benchmarks',
  '',
  `Regenerated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.versions.openssl ? `OpenSSL ${process.versions.openssl}` : ''}.`,
  'Each figure is the median of several timed runs in one process; every target is a ratio to a baseline measured in the same run, so machine load moves both sides.',
  '',
];
for (const section of [...new Set(rows.map((r) => r.section))]) {
  const sectionRows = rows.filter((r) => r.section === section);
  const names = [...new Set(sectionRows.flatMap((r) => r.baselines.map(([n]) => n)))];
  lines.push(
    `## ${section}`,
    '',
    `| case | supcert (ms) | ${names.map((n) => `${n} (ms)`).join(' | ')} | target |`,
    `|---|---|${names.map(() => '---|').join('')}---|`,
  );
  for (const r of sectionRows) {
    const cells = names.map((n) => {
      const b = r.baselines.find(([m]) => m === n);
      return b && b[1] !== null ? ms(b[1]) : '—';
    });
    lines.push(
      `| ${r.what} | ${ms(r.ours)} | ${cells.join(' | ')} | ${r.target ? `${r.target.met ? '✅' : '❌'} ${r.target.text}` : ''} |`,
    );
  }
  lines.push('');
}
lines.push(
  '## Hostile inputs',
  '',
  "Every case of scripts/hostile/*.mjs (crafted files that once crashed, hung, amplified output or forged a verdict), each run once in its own Node process with a 30 s cap (`npm run bench:hostile` prints this table alone). Time is the case's call alone after a warm-up; peak memory is the process's maxRSS, Node itself included (~50 MB). The reference row opens an ordinary Windows PFX the same way, in the same run.",
  '',
  ...hostileTable(hostile),
  '',
);
lines.push(
  'Notes:',
  '',
  '- "PFX open" is the whole job: MAC check, decryption of every bag, certificate parsing, key description and key-to-certificate matching. OpenSSL\'s figure is `tls.createSecureContext({ pfx })` (C `PKCS12_parse` plus context set-up); node-forge\'s is `pkcs12FromAsn1` alone, without certificate parsing.',
  '- "CLI cold start" is wall time from spawn to exit of `node dist/cli.cjs` (the bin; CommonJS, since an ES module entry costs the ESM loader at every start) and of `node -e 0`, median of 31 alternating runs (15 with --quick). The CLI loads node:tls, the SARIF writer and the directory walker only when a command line needs them.',
  "- \"Scale\" (scripts/bench-scale.mjs, runnable alone with a reduced size): the certificate files are copies of five fixtures generated in a temp directory at bench time; peak RSS is the CLI process's high-water mark (VmHWM of /proc/PID/status, polled), its worker threads included; the CLI's stdout goes to /dev/null; the one-core figure is `--jobs 1` pinned to one CPU with `taskset -c` (the unpinned `--jobs 1` run, shown beside it, also gets the second core for V8's compiler and garbage-collector threads); the endpoints are TLS servers in the bench process, one per loopback port; cold starts alternate `node -e 0`, the PEM and the PFX run. The CLI runs from its V8 code cache (src/cli/start.ts), written by the first run of a build; `SUPCERT_NO_CODE_CACHE=1` turns it off.",
  `- "Offline page" (scripts/bench-web.mjs, \`npm run bench:web\` alone): the page's own timing of opening the file (readCertificates with the password, \`#verdict[data-open-ms]\`), median after a discarded first run, against readCertificates in this Node process on the same bytes. The page's CSP refuses WebAssembly, so the KDF runs on its JavaScript kernels there; PBKDF2 and AES go through WebCrypto. Page size (dist/web/supcert.html, everything inlined): ${webSize}.`,
  '- The PKCS#12 KDF starts on `crypto.hash` in a fresh process and moves to its JavaScript kernels once V8 has compiled them (src/read/pkcs12/pkcs12Kdf.ts explains why), so the first-file row is slower than the steady-state rows; it has no target of its own.',
  '',
);
writeFileSync(`${root}BENCHMARKS.md`, `${lines.join('\n')}\n`);
console.log('wrote BENCHMARKS.md');
