#!/usr/bin/env node
// Held-out corpus scan: runs the built CLI (dist/cli.cjs) and the built library (dist/index.js)
// over every file of a directory tree (a public corpus extracted somewhere outside the
// repository) and records, per file and per run: exit code, signal, time-out, error code and
// message, the judged certificate, wall time and peak memory (GNU time's maximum RSS). With
// --oracle it also asks the OpenSSL CLI what the file is (x509 / req / pkcs7 / pkcs12 / crl /
// key, PEM or DER) about every file supcert did not report on (--oracle-all: every file), so
// that a file OpenSSL reads but supcert calls UNKNOWN_FORMAT or MALFORMED stands out.
//
//   npm run build
//   node scripts/corpus-scan.mjs --root /tmp/corpus/mbedtls --out /tmp/mbedtls.jsonl \
//     [--passwords passwords.json] [--oracle] [--timeout 20] [--jobs 2] [--no-library] [--dist DIR]
//   node scripts/corpus-scan.mjs --summarize /tmp/mbedtls.jsonl [more.jsonl ...] [--expect FILE]
//
// --embedded: test suites that keep their vectors in source (Go's pkcs12_test.go, Java and Python
// tests) are scanned too: every base64 literal of 200+ characters in a .go/.java/.py/.rs/.c/.h
// file (a backquoted string, or "..." pieces joined with +) that decodes to a DER SEQUENCE, and
// every PEM block written out in one, is written to a temporary folder and scanned as
// `<source path>#L<line>` (passwords and expect globs match that name).
//
// passwords.json maps a path relative to --root (or a glob with * matching within a path
// segment) to the PFX password the corpus documents; the password reaches the CLI through
// --password-env and the library through ReadOptions.password, never a command line.
// --expect expect.json maps a path relative to --root (or a glob, as above) to what the source
// project's own tests say the file is: "read" (its tests open it), "refuse" (they require an
// error), or a supcert error code ("MALFORMED" ...). The summary flags every file whose outcome
// differs ("wrong verdict"), and every error message with no next step for the administrator.
// Nothing is written into the repository; no network is used.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const argDist = process.argv.indexOf('--dist');
// --dist DIR: scan with another build (e.g. a copy of dist/ made before a fix) for before/after counts.
const DIST = argDist < 0 ? join(repo, 'dist') : resolve(process.argv[argDist + 1]);
const CLI = join(DIST, 'cli.cjs');
const NAMES = 'sup01.corp.contoso.com&sup01.contoso.com';
const PW_ENV = 'SUPCERT_CORPUS_PASSWORD';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : args[i + 1];
};
const flag = (name) => args.includes(name);

const expectFile = opt('--expect');
const expectations = expectFile ? JSON.parse(readFileSync(expectFile, 'utf8')) : {};

if (flag('--summarize')) {
  summarize(args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--expect'));
  process.exit(0);
}

const root = resolve(opt('--root', '.'));
const out = opt('--out', 'corpus-scan.jsonl');
const timeoutMs = Number(opt('--timeout', '20')) * 1000;
const jobs = Number(opt('--jobs', '2'));
const pwFile = opt('--passwords');
const passwords = pwFile ? JSON.parse(readFileSync(pwFile, 'utf8')) : {};
const oracle = flag('--oracle');
const library = !flag('--no-library');
const SKIP_EXT = new Set([
  '.c',
  '.h',
  '.py',
  '.sh',
  '.md',
  '.mk',
  '.csproj',
  '.go',
  '.java',
  '.rs',
]);
const SOURCE_EXT = new Set(['.go', '.java', '.py', '.rs', '.c', '.h']);
/** Scanned path -> name in the records (an embedded vector's `<source>#L<line>`). */
const names = new Map();

/** The base64 DER literals of a source file: [{ line, bytes }]. */
function embeddedVectors(source) {
  const found = [];
  const add = (index, text) => {
    const b64 = text.replace(/\s/g, '');
    if (b64.length < 200 || !/^[A-Za-z0-9+/]+=*$/.test(b64)) return;
    const bytes = Buffer.from(b64, 'base64');
    if (bytes[0] !== 0x30) return;
    found.push({ line: source.slice(0, index).split('\n').length, bytes });
  };
  // PEM blocks written out in the source (Go's verify_test.go keeps its chains as consts).
  for (const m of source.matchAll(
    /-----BEGIN ([A-Z0-9 ]+)-----[A-Za-z0-9+/=\s:,-]*?-----END \1-----/g,
  ))
    found.push({ line: source.slice(0, m.index).split('\n').length, bytes: Buffer.from(m[0]) });
  for (const m of source.matchAll(/`([A-Za-z0-9+/=\s]{200,})`/g)) add(m.index, m[1]);
  // Pieces may end their lines with a \n escape (Bouncy Castle's PBMAC1 vectors do).
  const piece = String.raw`"(?:[A-Za-z0-9+/=]|\\[nr])+"`;
  const pieces = new RegExp(String.raw`(?:${piece}\s*\+?\s*){2,}|"[A-Za-z0-9+/=]{200,}"`, 'g');
  for (const m of source.matchAll(pieces))
    add(
      m.index,
      [...m[0].matchAll(new RegExp(piece, 'g'))]
        .map((p) => p[0].slice(1, -1).replace(/\\[nr]/g, ''))
        .join(''),
    );
  return found;
}

/** Writes the embedded vectors of the source files under root into a temporary folder. */
function extractEmbedded(dir, into) {
  const files = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...extractEmbedded(p, into));
    else if (e.isFile() && SOURCE_EXT.has(extname(e.name).toLowerCase())) {
      for (const v of embeddedVectors(readFileSync(p, 'utf8'))) {
        const name = `${relative(root, p)}#L${v.line}`;
        const out = join(into, `${files.length}-${name.replace(/[^A-Za-z0-9.#-]/g, '_')}`);
        writeFileSync(out, v.bytes);
        names.set(out, name);
        files.push(out);
      }
    }
  }
  return files;
}

function walk(dir) {
  const files = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files.push(...walk(p));
    else if (e.isFile() && !SKIP_EXT.has(extname(e.name).toLowerCase())) files.push(p);
  }
  return files.sort();
}

function globToRegExp(g) {
  const esc = g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${esc}$`);
}
function lookup(map, rel) {
  if (Object.hasOwn(map, rel)) return map[rel];
  for (const [k, v] of Object.entries(map)) if (globToRegExp(k).test(rel)) return v;
  return undefined;
}
const passwordFor = (rel) => lookup(passwords, rel);

/** A message that names no next step: no verb an administrator can act on. */
function noNextStep(message) {
  // An imperative: the verb opens a sentence or a clause ("... file. Export it again", "Repair or
  // re-export"), so that "would let a forged file pass the check" does not count as one.
  const nextStep =
    /(?:^|[.:;!?(,]\s*|\b(?:or|then|and)\s+)(?:re-?export|repair|export|give|check|use|copy|request|ask|make|re-?issue|issue|add|remove|raise|run|convert|save|try|install|import|replace|renew|enable|set|open|pass|send|split|get|do not|don't)\b/i;
  return typeof message === 'string' && !nextStep.test(message);
}

/** Compares an outcome with what the corpus says the file is; returns a reason or null. */
function verdictMismatch(want, cli) {
  if (want === undefined || !cli) return null;
  const got = cli.outcome === 'report' ? 'read' : (cli.errorCode ?? cli.outcome);
  if (want === 'read') return got === 'read' ? null : `expected read, got ${got}`;
  if (want === 'refuse') return got === 'read' ? 'expected an error, got a report' : null;
  return got === want ? null : `expected ${want}, got ${got}`;
}

/** A file is a request (check-request runs too) by extension or by its PEM label. */
function isRequestLike(path, bytes) {
  const ext = extname(path).toLowerCase();
  if (['.csr', '.req', '.inf', '.p10'].includes(ext)) return true;
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(head);
}

/** Runs a command under GNU time; resolves with exit, signal, time-out, stdout, stderr, ms, KB. */
function run(argv, env, timeout) {
  return new Promise((resolveRun) => {
    const started = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '@@TIME %e %M', ...argv], {
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const outChunks = [];
    const errChunks = [];
    child.stdout.on('data', (d) => outChunks.push(d));
    child.stderr.on('data', (d) => errChunks.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeout);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      let stderr = Buffer.concat(errChunks).toString('utf8');
      let maxRssKb = null;
      const m = /@@TIME ([\d.]+) (\d+)\s*$/.exec(stderr);
      if (m) {
        maxRssKb = Number(m[2]);
        stderr = stderr.slice(0, m.index);
      }
      // GNU time reports a child killed by a signal as "Command terminated by signal N".
      const sig = /Command terminated by signal (\d+)/.exec(stderr);
      stderr = stderr.replace(
        /Command (terminated by signal|exited with non-zero status) \d+\n?/g,
        '',
      );
      resolveRun({
        code,
        signal: signal ?? (sig ? Number(sig[1]) : null),
        timedOut,
        stdout: Buffer.concat(outChunks),
        stderr,
        ms: Math.round(ms),
        maxRssKb,
      });
    });
  });
}

/** Control characters other than tab / LF / CR, or invalid UTF-8, in text meant for a terminal. */
function rawBytes(buf) {
  const s = Buffer.isBuffer(buf) ? buf.toString('utf8') : buf;
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/.test(s);
}

function digestCli(kind, r) {
  const rec = {
    kind,
    exit: r.code,
    signal: r.signal,
    timedOut: r.timedOut,
    ms: r.ms,
    maxRssKb: r.maxRssKb,
    rawBytes: rawBytes(r.stdout) || rawBytes(r.stderr),
  };
  let doc;
  try {
    doc = JSON.parse(r.stdout.toString('utf8'));
  } catch {
    rec.outcome = 'no-json';
    rec.stdoutHead = r.stdout.toString('utf8').slice(0, 300);
    rec.stderrHead = r.stderr.slice(0, 600);
    return rec;
  }
  const res = doc.results ?? [];
  const first = res[0] ?? {};
  rec.results = res.length;
  rec.verdict = first.verdict;
  if (first.error) {
    rec.outcome = 'error';
    rec.errorCode = first.error.code;
    rec.errorMessage = first.error.message;
  } else if (first.report) {
    rec.outcome = 'report';
    const c = first.report.certificate ?? first.report.request ?? {};
    rec.subject = c.subject;
    rec.sha256 = c.sha256;
    rec.ok = first.report.ok;
    rec.findings = (first.report.findings ?? [])
      .filter((f) => f.severity !== 'info')
      .map((f) => `${f.severity[0]}:${f.rule}`);
  } else if (first.verdict === 'skipped') {
    rec.outcome = 'skipped';
    rec.note = first.reason ?? first.note ?? first.message;
  } else rec.outcome = `other:${first.verdict}`;
  // Anything on stderr beyond the one-line error echo is worth a look.
  const extra = r.stderr
    .split('\n')
    .filter((l) => l && !l.startsWith('supcert: '))
    .join('\n');
  if (extra) rec.stderrExtra = extra.slice(0, 600);
  return rec;
}

const LIB_HARNESS = `
const [, lib, file, mode] = process.argv;
const { readFileSync } = require('node:fs');
const t0 = process.hrtime.bigint();
import(lib).then(async (m) => {
  const bytes = readFileSync(file);
  const password = process.env.${PW_ENV};
  const out = {};
  try {
    if (mode === 'request') {
      const r = await m.validateSupRequest(bytes, { names: '${NAMES}' });
      out.outcome = 'report'; out.ok = r.ok;
    } else {
      const b = await m.readCertificates(bytes, { password });
      out.certs = b.certificates.length; out.keys = b.keys.length; out.format = b.format;
      const r = await m.validateSupCertificate(b, { names: '${NAMES}' });
      out.outcome = 'report'; out.ok = r.ok; out.subject = r.certificate?.subject;
    }
  } catch (e) {
    out.outcome = 'error';
    out.typed = e instanceof m.SupCertError;
    out.errorCode = e?.code; out.errorName = e?.name;
    out.errorMessage = String(e?.message).slice(0, 400);
    if (!out.typed) out.stack = String(e?.stack).slice(0, 800);
  }
  out.ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify(out));
});
`;

async function libraryRun(file, mode, env) {
  const r = await run(
    [process.execPath, '-e', LIB_HARNESS, join(DIST, 'index.js'), file, mode],
    env,
    timeoutMs,
  );
  let rec;
  try {
    rec = JSON.parse(r.stdout.toString('utf8'));
  } catch {
    rec = { outcome: 'no-json', stderrHead: r.stderr.slice(0, 600) };
  }
  return { ...rec, exit: r.code, signal: r.signal, timedOut: r.timedOut, maxRssKb: r.maxRssKb };
}

/** What OpenSSL makes of the file (the first reading that works). */
async function openssl(file, password) {
  const pass = `pass:${password ?? ''}`;
  const tries = [
    ['x509', ['x509', '-noout', '-subject', '-in', file]],
    ['x509-der', ['x509', '-noout', '-subject', '-inform', 'DER', '-in', file]],
    ['req', ['req', '-noout', '-subject', '-in', file]],
    ['req-der', ['req', '-noout', '-subject', '-inform', 'DER', '-in', file]],
    ['pkcs7', ['pkcs7', '-print_certs', '-noout', '-in', file]],
    ['pkcs7-der', ['pkcs7', '-print_certs', '-noout', '-inform', 'DER', '-in', file]],
    ['pkcs12', ['pkcs12', '-legacy', '-info', '-noout', '-passin', pass, '-in', file]],
    ['crl', ['crl', '-noout', '-in', file]],
    ['crl-der', ['crl', '-noout', '-inform', 'DER', '-in', file]],
    ['key', ['pkey', '-noout', '-passin', 'pass:', '-in', file]],
    ['key-der', ['pkey', '-noout', '-inform', 'DER', '-passin', 'pass:', '-in', file]],
  ];
  for (const [name, argv] of tries) {
    const r = await run(['openssl', ...argv], {}, 10000);
    if (r.code === 0)
      return { kind: name, subject: r.stdout.toString('utf8').trim().slice(0, 200) };
  }
  return { kind: 'none' };
}

async function scanFile(file) {
  const rel = names.get(file) ?? relative(root, file);
  const bytes = readFileSync(file);
  const password = passwordFor(rel);
  const env = password === undefined ? {} : { [PW_ENV]: password };
  const pwArgs = password === undefined ? [] : ['--password-env', PW_ENV];
  const rec = { file: rel, size: bytes.length, password: password === undefined ? null : 'given' };
  const expected = lookup(expectations, rel);
  if (expected !== undefined) rec.expect = expected;
  const check = await run(
    [process.execPath, CLI, 'check', file, '--names', NAMES, '--format', 'json', ...pwArgs],
    env,
    timeoutMs,
  );
  rec.check = digestCli('check', check);
  // A request by name or PEM label, or one the CLI itself points at check-request (DER CSR).
  const request = isRequestLike(file, bytes) || /check-request/.test(rec.check.errorMessage ?? '');
  if (request) {
    const cr = await run(
      [process.execPath, CLI, 'check-request', file, '--names', NAMES, '--format', 'json'],
      env,
      timeoutMs,
    );
    rec.checkRequest = digestCli('check-request', cr);
  }
  if (library) rec.library = await libraryRun(file, request ? 'request' : 'check', env);
  // The oracle triages failures: it runs where supcert did not report (or with --oracle-all).
  const failed = [rec.check, rec.checkRequest].every((c) => !c || c.outcome !== 'report');
  if (oracle && (failed || flag('--oracle-all'))) rec.openssl = await openssl(file, password);
  return rec;
}

async function main() {
  if (!existsSync(CLI)) throw new Error('run npm run build first');
  const embeddedDir = flag('--embedded') ? mkdtempSync(join(tmpdir(), 'corpus-scan-')) : null;
  const files = [...walk(root), ...(embeddedDir ? extractEmbedded(root, embeddedDir) : [])];
  const results = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      results[i] = await scanFile(files[i]);
      if (++done % 50 === 0) process.stderr.write(`${done}/${files.length}\n`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  writeFileSync(out, results.map((r) => JSON.stringify(r)).join('\n') + '\n');
  if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  process.stderr.write(`${files.length} files -> ${out}\n`);
  summarize([out]);
}

function summarize(paths) {
  for (const p of paths) {
    const recs = readFileSync(p, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const count = {};
    const bump = (k) => (count[k] = (count[k] ?? 0) + 1);
    const flagged = [];
    for (const r of recs) {
      for (const c of [r.check, r.checkRequest].filter(Boolean)) {
        bump(`${c.kind} ${c.outcome}${c.errorCode ? ` ${c.errorCode}` : ''}`);
        const why = [];
        if (c.timedOut) why.push('timeout');
        if (c.signal) why.push(`signal ${c.signal}`);
        if (c.outcome === 'no-json') why.push('no JSON');
        if (c.rawBytes) why.push('raw bytes');
        if (c.stderrExtra) why.push('stderr');
        if (c.ms > 1000) why.push(`${c.ms} ms`);
        if (c.maxRssKb > 256 * 1024) why.push(`${c.maxRssKb} KB`);
        if (c.errorCode && !/^[A-Z_]+$/.test(c.errorCode)) why.push(`code ${c.errorCode}`);
        if (c.outcome === 'error' && noNextStep(c.errorMessage))
          why.push(`no next step: ${c.errorMessage}`);
        if (why.length) flagged.push(`${r.file} [${c.kind}]: ${why.join(', ')}`);
      }
      const wrong = verdictMismatch(
        r.expect ?? lookup(expectations, r.file),
        r.checkRequest ?? r.check,
      );
      if (wrong) flagged.push(`${r.file} [verdict]: ${wrong}`);
      if (r.library) {
        const l = r.library;
        if (l.outcome === 'error' && !l.typed)
          flagged.push(`${r.file} [library]: untyped ${l.errorName}: ${l.errorMessage}`);
        if (l.outcome === 'no-json' || l.timedOut || l.signal)
          flagged.push(
            `${r.file} [library]: ${l.outcome} ${l.timedOut ? 'timeout' : ''} ${l.stderrHead ?? ''}`,
          );
        const cli = r.checkRequest ?? r.check;
        if (l.outcome !== cli?.outcome || l.errorCode !== cli?.errorCode)
          flagged.push(
            `${r.file} [library]: ${l.outcome} ${l.errorCode ?? ''}, CLI ${cli?.outcome} ${cli?.errorCode ?? ''}`,
          );
      }
      if (r.openssl && r.openssl.kind !== 'none' && r.check?.outcome === 'error') {
        const k = r.openssl.kind.replace('-der', '');
        if (
          ['x509', 'pkcs7', 'pkcs12'].includes(k)
            ? true
            : k === 'req' && r.checkRequest?.outcome !== 'report'
        )
          flagged.push(
            `${r.file} [oracle]: OpenSSL reads ${r.openssl.kind}, supcert ${r.check.errorCode}: ${r.check.errorMessage}`,
          );
      }
    }
    console.log(`== ${p}: ${recs.length} files`);
    for (const [k, v] of Object.entries(count).sort())
      console.log(`  ${String(v).padStart(5)} ${k}`);
    for (const f of flagged) console.log(`  ! ${f.replace(/\s+/g, ' ').slice(0, 400)}`);
  }
}

if (!flag('--summarize')) await main();
