#!/usr/bin/env node
// Extracts Windows-verified test vectors from Wine's dlls/crypt32/tests/chain.c (LGPL-2.1-or-later):
// the certificates (as DER files) and the SSL-policy, chain-status (name constraints, usage, critical
// extensions) and requested-usage cases, each with its source line and the result the test asserts
// OUTSIDE todo_wine / broken(): Wine runs these tests on real Windows, so that is Windows' answer.
// A broken(...) alternative is recorded separately (old Windows versions), never as the expected value.
//
// Usage: node scripts/wine-vectors/extract.mjs PATH/TO/wine/dlls/crypt32/tests/chain.c "WINE-REVISION"
//   (the revision text is recorded as given: a git commit, or a release tag and where the file came from)
// Writes certs-fixtures/wine-crypt32/{certs/*.der,cases.json}. CI never runs this: it reads the
// committed output. Plain string scanning (no eval of the C source).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [source, revision] = process.argv.slice(2);
if (!source || !revision) {
  console.error(
    'usage: node scripts/wine-vectors/extract.mjs .../dlls/crypt32/tests/chain.c "wine-8.0 (git tag)"',
  );
  process.exit(2);
}
const text = readFileSync(source, 'latin1');
const out = join(dirname(fileURLToPath(import.meta.url)), '../../certs-fixtures/wine-crypt32');
const lineAt = (offset) => text.slice(0, offset).split('\n').length;
const fail = (message) => {
  throw new Error(`extract: ${message}`);
};

// ---- constants (values from Wine's include/winerror.h and include/wincrypt.h) ----
const HRESULT = {
  CERT_TRUST_NO_ERROR: 0,
  NO_ERROR: 0,
  0: 0,
  TRUST_E_CERT_SIGNATURE: 0x80096004,
  CERT_E_UNTRUSTEDROOT: 0x800b0109,
  CERT_E_CHAINING: 0x800b010a,
  CERT_E_EXPIRED: 0x800b0101,
  CERT_E_VALIDITYPERIODNESTING: 0x800b0102,
  CERT_E_CRITICAL: 0x800b0105,
  CERT_E_CN_NO_MATCH: 0x800b010f,
  CERT_E_WRONG_USAGE: 0x800b0110,
  TRUST_E_BASIC_CONSTRAINTS: 0x80096019,
  CERT_E_INVALID_NAME: 0x800b0114,
  CERT_E_REVOKED: 0x800b010c,
};
const TRUST_BITS = {
  0: 0,
  CERT_TRUST_NO_ERROR: 0,
  CERT_TRUST_IS_NOT_TIME_VALID: 0x1,
  CERT_TRUST_IS_NOT_TIME_NESTED: 0x2,
  CERT_TRUST_IS_REVOKED: 0x4,
  CERT_TRUST_IS_NOT_SIGNATURE_VALID: 0x8,
  CERT_TRUST_IS_NOT_VALID_FOR_USAGE: 0x10,
  CERT_TRUST_IS_UNTRUSTED_ROOT: 0x20,
  CERT_TRUST_REVOCATION_STATUS_UNKNOWN: 0x40,
  CERT_TRUST_IS_CYCLIC: 0x80,
  CERT_TRUST_INVALID_EXTENSION: 0x100,
  CERT_TRUST_INVALID_POLICY_CONSTRAINTS: 0x200,
  CERT_TRUST_INVALID_BASIC_CONSTRAINTS: 0x400,
  CERT_TRUST_INVALID_NAME_CONSTRAINTS: 0x800,
  CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT: 0x1000,
  CERT_TRUST_HAS_NOT_DEFINED_NAME_CONSTRAINT: 0x2000,
  CERT_TRUST_HAS_NOT_PERMITTED_NAME_CONSTRAINT: 0x4000,
  CERT_TRUST_HAS_EXCLUDED_NAME_CONSTRAINT: 0x8000,
  CERT_TRUST_IS_PARTIAL_CHAIN: 0x10000,
  CERT_TRUST_CTL_IS_NOT_TIME_VALID: 0x20000,
  CERT_TRUST_HAS_NOT_SUPPORTED_CRITICAL_EXT: 0x8000000,
  // info bits (only to parse the tables)
  CERT_TRUST_HAS_EXACT_MATCH_ISSUER: 0x1,
  CERT_TRUST_HAS_KEY_MATCH_ISSUER: 0x2,
  CERT_TRUST_HAS_NAME_MATCH_ISSUER: 0x4,
  CERT_TRUST_IS_SELF_SIGNED: 0x8,
  CERT_TRUST_HAS_PREFERRED_ISSUER: 0x100,
  CERT_TRUST_HAS_VALID_NAME_CONSTRAINTS: 0x400,
};
const FLAGS = {
  0: 0,
  SECURITY_FLAG_IGNORE_UNKNOWN_CA: 0x100,
  SECURITY_FLAG_IGNORE_CERT_DATE_INVALID: 0x2000,
  SECURITY_FLAG_IGNORE_CERT_CN_INVALID: 0x1000,
  SECURITY_FLAG_IGNORE_WRONG_USAGE: 0x200,
  CERT_CHAIN_POLICY_ALLOW_UNKNOWN_CA_FLAG: 0x10,
  CERT_CHAIN_POLICY_IGNORE_NOT_TIME_VALID_FLAG: 0x1,
};
const AUTHTYPE = { AUTHTYPE_CLIENT: 'client', AUTHTYPE_SERVER: 'server' };
const hex = (n) => `0x${(n >>> 0).toString(16).padStart(8, '0').toUpperCase()}`;
function value(expr, table, what) {
  return expr
    .split('|')
    .map((t) => t.trim())
    .filter(Boolean)
    .reduce((acc, t) => {
      if (!(t in table)) fail(`unknown ${what} "${t}"`);
      return (acc | table[t]) >>> 0;
    }, 0);
}
const bitNames = (n) =>
  Object.entries(TRUST_BITS)
    .filter(
      ([k, v]) =>
        v && n & v && !/HAS_(EXACT|KEY|NAME)_MATCH|SELF_SIGNED|PREFERRED|HAS_VALID_NAME/.test(k),
    )
    .map(([k]) => k);

// ---- certificates ----
const blobs = new Map();
for (const m of text.matchAll(/static const BYTE (\w+)\[\]\s*=\s*\{([^}]*)\};/g)) {
  const bytes = Buffer.from(
    m[2]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => Number.parseInt(s, 16)),
  );
  if (bytes.some(Number.isNaN)) fail(`bad byte in ${m[1]}`);
  blobs.set(m[1], { bytes, line: lineAt(m.index) });
}
const chains = new Map();
for (const m of text.matchAll(/static CONST_DATA_BLOB (\w+)\[\]\s*=\s*\{([\s\S]*?)\n\};/g)) {
  const certs = [...m[2].matchAll(/\{\s*sizeof\((\w+)\),\s*(\w+)\s*\}/g)].map((e) => e[2]);
  for (const c of certs) if (!blobs.has(c)) fail(`chain ${m[1]} names unknown blob ${c}`);
  chains.set(m[1], { certs, line: lineAt(m.index) });
}
const times = new Map();
for (const m of text.matchAll(
  /static SYSTEMTIME (\w+)\s*=\s*\{\s*(\d+),\s*(\d+),\s*\d+,\s*(\d+),\s*(\d+),\s*(\d+),\s*(\d+),\s*\d+\s*\};/g,
)) {
  const [, name, y, mo, d, h, mi, s] = m;
  times.set(name, new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s)).toISOString());
}
const policyStatus = new Map();
for (const m of text.matchAll(
  /static const CERT_CHAIN_POLICY_STATUS (\w+)\s*=\s*\{\s*0,\s*(\w+),/g,
))
  policyStatus.set(m[1], hex(value(m[2], HRESULT, 'error')));

// ---- ChainPolicyCheck tables ----
const policyChecks = new Map();
const ENTRY =
  /\{\s*ARRAY_SIZE\((\w+)\),\s*\w+\s*\},\s*\{\s*0,\s*(\w+),\s*(-?\d+),\s*(-?\d+),\s*NULL\s*\},\s*(&?\w+),\s*([\w| ]+?)(?=\s*[},]|\s*$)/g;
for (const m of text.matchAll(
  /static const ChainPolicyCheck (\w+)(\[\])?\s*=\s*\{([\s\S]*?)\n\};/g,
)) {
  const base = m.index + m[0].indexOf('{');
  const entries = [...m[3].matchAll(ENTRY)].map((e) => ({
    chain: e[1],
    expected: hex(value(e[2], HRESULT, 'error')),
    brokenAlso:
      e[5] === 'NULL'
        ? null
        : (policyStatus.get(e[5].slice(1)) ?? fail(`unknown broken status ${e[5]}`)),
    todo: e[6].trim() === '0' ? [] : e[6].split('|').map((t) => t.trim()),
    line: lineAt(base + 1 + e.index),
  }));
  if (!entries.length) fail(`no entries parsed in ${m[1]}`);
  policyChecks.set(m[1], { array: Boolean(m[2]), entries });
}

// ---- check_ssl_policy: a small interpreter over its statements ----
const fnStart = text.indexOf('static void check_ssl_policy(void)');
const fnEnd = text.indexOf('\n}\n', fnStart);
if (fnStart < 0 || fnEnd < 0) fail('check_ssl_policy not found');
const body = text
  .slice(text.indexOf('{', fnStart) + 1, fnEnd)
  .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
const state = {
  para: 'NULL',
  extra: false,
  sslCbSize: 0,
  paraCbSize: 0,
  authType: null,
  serverName: null,
  fdwChecks: 0,
  dwFlags: 0,
  exclusiveRoot: null,
  pendingRoot: [],
};
const sslCases = [];
let pos = 0;
for (const raw of body.split(';')) {
  const stmtOffset = text.indexOf('{', fnStart) + 1 + pos + (raw.length - raw.trimStart().length);
  pos += raw.length + 1;
  const s = raw.trim().replace(/\s+/g, ' ').replace(/^\} ?/, '');
  if (!s) continue;
  const line = lineAt(stmtOffset);
  let m;
  if (
    /^(CERT_CHAIN_POLICY_PARA|SSL_EXTRA_CERT_CHAIN_POLICY_PARA|HCERTSTORE|CERT_CHAIN_ENGINE_CONFIG|HCERTCHAINENGINE) /.test(
      s,
    )
  )
    continue;
  if (s === 'policyPara.pvExtraPolicyPara = &sslPolicyPara') state.extra = true;
  else if ((m = /^sslPolicyPara\.dwAuthType = (\w+)$/.exec(s)))
    state.authType = AUTHTYPE[m[1]] ?? fail(`auth type ${m[1]}`);
  else if (/^U\(sslPolicyPara\)\.cbSize = sizeof\(\w+\)$/.test(s)) state.sslCbSize = 1;
  else if (s === 'policyPara.cbSize = sizeof(policyPara)') state.paraCbSize = 1;
  else if ((m = /^sslPolicyPara\.pwszServerName = (?:\(WCHAR \*\)L"([^"]*)"|NULL)$/.exec(s)))
    state.serverName = m[1] ?? null;
  else if ((m = /^sslPolicyPara\.fdwChecks (\|?)= ([\w| ]+)$/.exec(s)))
    state.fdwChecks = ((m[1] ? state.fdwChecks : 0) | value(m[2], FLAGS, 'flag')) >>> 0;
  else if ((m = /^policyPara\.dwFlags = ([\w| ]+)$/.exec(s)))
    state.dwFlags = value(m[1], FLAGS, 'flag');
  else if ((m = /^testRoot = CertOpenStore/.exec(s))) state.pendingRoot = [];
  else if ((m = /^CertAddEncodedCertificateToStore\(testRoot, X509_ASN_ENCODING, (\w+),/.exec(s)))
    state.pendingRoot.push(m[1]);
  else if (s === 'engineConfig.hExclusiveRoot = testRoot')
    state.exclusiveRoot = [...state.pendingRoot];
  else if (
    s.startsWith('if (!CertCreateCertificateChainEngine') ||
    s.startsWith('skip(') ||
    s === 'return'
  )
    continue;
  else if (s === 'CertFreeCertificateChainEngine(engine)') state.exclusiveRoot = null;
  else if (s === 'CertCloseStore(testRoot, 0)') continue;
  else if (
    (m =
      /^CHECK_CHAIN_POLICY_STATUS(_ARRAY)?\(CERT_CHAIN_POLICY_SSL, (NULL|engine), (\w+), &(\w+), (NULL|&policyPara)\)$/.exec(
        s,
      ))
  ) {
    const table = policyChecks.get(m[3]) ?? fail(`unknown policy check ${m[3]}`);
    if (Boolean(m[1]) !== table.array) fail(`${m[3]}: array/single mismatch at line ${line}`);
    if ((m[2] === 'engine') !== Boolean(state.exclusiveRoot)) fail(`engine state at line ${line}`);
    const at = times.get(m[4]) ?? fail(`unknown time ${m[4]}`);
    const para =
      m[5] === 'NULL'
        ? null
        : {
            cbSizeSet: Boolean(state.paraCbSize),
            dwFlags: hex(state.dwFlags),
            ssl: state.extra
              ? {
                  cbSizeSet: Boolean(state.sslCbSize),
                  authType: state.authType,
                  serverName: state.serverName,
                  fdwChecks: hex(state.fdwChecks),
                }
              : null,
          };
    table.entries.forEach((e, index) =>
      sslCases.push({
        id: `ssl:${line}:${m[3]}${table.array ? `[${index}]` : ''}`,
        kind: 'ssl-policy',
        callLine: line,
        entryLine: e.line,
        check: m[3],
        index: table.array ? index : undefined,
        chain: e.chain,
        certs: chains.get(e.chain)?.certs ?? fail(`unknown chain ${e.chain}`),
        exclusiveRoot: state.exclusiveRoot,
        at,
        para,
        expected: e.expected,
        windowsMayAlsoReturn: ['0x00000000', ...(e.brokenAlso ? [e.brokenAlso] : [])],
        todoWine: e.todo,
      }),
    );
  } else fail(`check_ssl_policy: statement not understood at line ${line}: ${s}`);
}

// ---- chainCheck (chain building: per-chain TrustStatus.dwErrorStatus) ----
const chainCases = [];
const CHAIN_ENTRY =
  /\{\s*\{\s*ARRAY_SIZE\((\w+)\),\s*\w+\s*\},\s*\{\s*\{\s*([\w| \n]+?),\s*([\w| \n]+?)\s*\},\s*\{\s*([\w| \n]+?),\s*([\w| \n]+?)\s*\},\s*(\d+),\s*\w+\s*\},\s*([\w| ]+),\s*&(\w+)\s*\}/g;
const tableStart = text.indexOf('static ChainCheck chainCheck[] = {');
const tableEnd = text.indexOf('\n};', tableStart);
for (const e of text.slice(tableStart, tableEnd).matchAll(CHAIN_ENTRY)) {
  const expected = value(e[4], TRUST_BITS, 'trust bit');
  chainCases.push({
    id: `chain:${lineAt(tableStart + e.index)}:${e[1]}`,
    kind: 'chain-status',
    entryLine: lineAt(tableStart + e.index),
    chain: e[1],
    certs: chains.get(e[1]).certs,
    at: times.get(e[8]) ?? fail(`time ${e[8]}`),
    expectedError: hex(expected),
    expectedErrorBits: bitNames(expected),
    brokenIgnores: bitNames(value(e[2], TRUST_BITS, 'trust bit')),
    todoWine: e[7].trim() === '0' ? [] : e[7].split('|').map((t) => t.trim()),
  });
}
if (chainCases.length < 20) fail(`only ${chainCases.length} chainCheck entries parsed`);
{
  // chain27: a SAN with an embedded NUL; the non-broken expectation is the newer crypt32's.
  const m =
    /static ChainCheck chainCheckEmbeddedNull = \{\s*\{\s*ARRAY_SIZE\((\w+)\),\s*\w+\s*\},\s*\{\s*\{\s*([\w| \n]+?),\s*([\w| \n]+?)\s*\},\s*\{\s*([\w| \n]+?),\s*([\w| \n]+?)\s*\}/.exec(
      text,
    ) ?? fail('chainCheckEmbeddedNull');
  const call =
    /getChain\(NULL, &chainCheckEmbeddedNull\.certs, 0, TRUE, &(\w+),/.exec(text) ??
    fail('chainCheckEmbeddedNull call');
  const expected = value(m[4], TRUST_BITS, 'trust bit');
  chainCases.push({
    id: `chain:${lineAt(m.index)}:chainCheckEmbeddedNull`,
    kind: 'chain-status',
    entryLine: lineAt(m.index),
    callLine: lineAt(call.index),
    chain: m[1],
    certs: chains.get(m[1]).certs,
    at: times.get(call[1]),
    expectedError: hex(expected),
    expectedErrorBits: bitNames(expected),
    brokenIgnores: ['(older crypt32: chainCheckEmbeddedNullBroken)'],
    todoWine: [],
  });
}

// ---- requested usage (testGetCertChain, the Google chain): anchored on the source text ----
const usageCases = [];
{
  const start = text.indexOf("/* Test usage match with Google's cert */");
  if (start < 0) fail('usage block not found');
  const block = text.slice(start, text.indexOf('CertCloseStore(store, 0);', start));
  const oidValues = { one_two_three: '1.2.3', oid_server_auth: '1.3.6.1.5.5.7.3.1' };
  const time = /SystemTimeToFileTime\(&(\w+), &fileTime\)/.exec(block)?.[1] ?? fail('usage time');
  const storeCerts = [
    ...block.matchAll(/CertAddEncodedCertificateToStore\(store, X509_ASN_ENCODING,\s*(\w+),/g),
  ].map((x) => x[1]);
  const leaf =
    /CertCreateCertificateContext\(X509_ASN_ENCODING,\s*(\w+),/.exec(block)?.[1] ??
    fail('usage leaf');
  const oids = [];
  let count = 1;
  let match = 'and';
  for (const st of block.matchAll(
    /oids\[(\d)\] = (\w+);|cUsageIdentifier = (\d);|dwType = USAGE_MATCH_TYPE_(AND|OR);|ok\((!?)\(?chain->TrustStatus\.dwErrorStatus\s*&\s*CERT_TRUST_IS_NOT_VALID_FOR_USAGE\)?/g,
  )) {
    if (st[1] !== undefined) oids[+st[1]] = oidValues[st[2]] ?? fail(`oid ${st[2]}`);
    else if (st[3] !== undefined) count = +st[3];
    else if (st[4] !== undefined) match = st[4].toLowerCase();
    else
      usageCases.push({
        id: `usage:${lineAt(start + st.index)}`,
        kind: 'requested-usage',
        line: lineAt(start + st.index),
        certs: [...storeCerts, leaf],
        at: times.get(time),
        requestedUsage: { oids: oids.slice(0, count), match },
        expectedNotValidForUsage: st[5] !== '!',
      });
  }
  if (usageCases.length !== 4) fail(`expected 4 usage assertions, got ${usageCases.length}`);
}

// ---- write ----
const cases = [...sslCases, ...chainCases, ...usageCases];
const used = new Set(cases.flatMap((c) => [...c.certs, ...(c.exclusiveRoot ?? [])]));
rmSync(join(out, 'certs'), { recursive: true, force: true });
mkdirSync(join(out, 'certs'), { recursive: true });
const certIndex = {};
for (const name of [...used].sort()) {
  const b = blobs.get(name);
  writeFileSync(join(out, 'certs', `${name}.der`), b.bytes);
  certIndex[name] = { line: b.line, sha256: createHash('sha256').update(b.bytes).digest('hex') };
}
const doc = {
  source: 'dlls/crypt32/tests/chain.c',
  revision,
  sourceSha256: createHash('sha256').update(readFileSync(source)).digest('hex'),
  licence: 'LGPL-2.1-or-later (Wine); used as test vectors, see README.md and COPYING.LIB',
  note: "expected = what the test asserts outside todo_wine/broken(): Windows' answer. windowsMayAlsoReturn / brokenIgnores = what broken() also lets pass (older Windows versions).",
  certificates: certIndex,
  cases,
};
writeFileSync(join(out, 'cases.json'), `${JSON.stringify(doc, null, 1)}\n`);
console.log(
  `${cases.length} cases (${sslCases.length} ssl-policy, ${chainCases.length} chain-status, ${usageCases.length} requested-usage), ${used.size} certificates`,
);
