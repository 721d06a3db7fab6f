/**
 * The fuzz targets, shared by the fuzzer (scripts/fuzz.mjs, against dist/) and the regression
 * test (test/fuzz.test.ts, against src/). The library module is passed in, so both run the
 * same calls. The invariant: every call resolves / returns, or rejects / throws an error whose
 * name is 'SupCertError' and whose `code` is a string.
 */

import { readFileSync } from 'node:fs';

export const AT = new Date('2025-01-01T00:00:00Z');
export const DEFAULT_NAMES = 'a.corp.contoso.com&b.contoso.com';
export const LIMITS = Object.freeze({ maxIterations: 20000 });
/** Per-exec time bound: an input that takes longer is a finding (hang). */
export const TIME_LIMIT_MS = 2000;
/** Certificates of one bundle that matchHostname is tried on. */
const MAX_MATCH_CERTS = 16;

/** Passwords of the fixture PFX files (certs-fixtures READMEs); ids are ASCII (file names of findings). */
export const PASSWORDS = [
  ['Passw0rd-bang', 'Passw0rd!'],
  ['password', 'password'],
  ['Passw0rd', 'Passw0rd'],
  ['cryptography', 'cryptography'],
  ['1234', '1234'],
  // The empty password (BMPString 00 00 in the MAC KDF) and a non-ASCII one (UTF-8 for PBKDF2,
  // BMPString for the PKCS#12 KDF): certs-fixtures/generated/README.md.
  ['empty', ''],
  ['nonascii', 'pässwörd€'],
];

/** Targets that read a file: id, readCertificates options, and whether the input is given as text. */
export const READ_TARGETS = [
  { id: 'read-auto', options: {} },
  { id: 'read-text', options: {}, text: true },
  ...['pem', 'der', 'base64', 'p7b', 'pfx'].map((format) => ({
    id: `read-${format}`,
    options: { format },
  })),
  ...PASSWORDS.map(([id, password]) => ({ id: `read-pw-${id}`, options: { password } })),
].map((t) => ({ ...t, options: { ...t.options, limits: LIMITS } }));

/**
 * Every target id. 'parse-name-list' takes the input as a name list text; 'request' and
 * 'request-text' give it to validateSupRequest (CSR, certreq INF, web-enrollment attributes)
 * as bytes / as a UTF-8 string, then suggestRequest is asked for the same names; 'snapshot'
 * gives it to readSnapshotFile and validateSupDeployment as one exported server file
 * (applicationHost.config, netsh output, reg export, .sst, or a certificate file).
 */
export const TARGET_IDS = [
  ...READ_TARGETS.map((t) => t.id),
  'parse-name-list',
  'request',
  'request-text',
  'snapshot',
];

/** Host strings for matchHostname and name lists for parseNameList / validate: the text seeds. */
export const TEXT_SEEDS = [
  'sup01.corp.contoso.com',
  'a.corp.contoso.com',
  'b.contoso.com',
  'SUP01',
  'sup01',
  '*.contoso.com',
  'x.contoso.com',
  '192.168.1.10',
  '10.0.0.1',
  '::1',
  '[::1]',
  'fe80::1%eth0',
  '2001:db8::1',
  'xn--bcher-kva.example',
  'bücher.example',
  'sup01.corp.contoso.com.',
  'localhost',
  '',
  '.',
  'a..b',
  '*',
  'foo.*.com',
  'f*o.example.com',
  'sup01.corp.contoso.com\0.evil.com',
  'ＳＵＰ01.contoso.com',
  'wsus.contoso.com:8531',
  'https://sup01.contoso.com:8531/',
  '127.0.0.1',
  '0x7f.1',
  '1.2.3.4.5',
  'a.corp.contoso.com&b.contoso.com',
  'san:dns=a.corp.contoso.com&dns=b.contoso.com',
  'dns=a&ip=10.0.0.1&upn=x@y',
  '"sup01.corp.contoso.com" & \'sup.contoso.com\'',
  'a b, c;d',
  '&&a&',
  'https://[::1]:8531/x',
  'SAN: DNS = A.B.C',
];

/** A real root and issuing CA (certs-fixtures/generated), for chains that reach past the input. */
let fixtureChain;
function fixtureAnchors() {
  fixtureChain ??= {
    trustAnchors: [
      new Uint8Array(
        readFileSync(new URL('../../certs-fixtures/generated/root-ca.der', import.meta.url)),
      ),
    ],
    intermediates: [
      new Uint8Array(
        readFileSync(new URL('../../certs-fixtures/generated/issuing-ca.der', import.meta.url)),
      ),
    ],
  };
  return fixtureChain;
}

/** Characters no terminal line of a report may hold raw: C0/C1 controls but \n, bidi, zero-width, line/paragraph separators. */
const UNSAFE_OUTPUT =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * With `--check-output` (lib.checkOutput): the colourless text report must hold no unsafe
 * character and only one line that starts like a verdict (no forged verdict line). Returns a problem or null.
 */
function outputProblem(text) {
  const bad = UNSAFE_OUTPUT.exec(text);
  if (bad)
    return `the text report holds U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} raw at offset ${bad.index}`;
  const verdicts = text.split('\n').filter((l) => /^\s*(PASS|FAIL)\b/.test(l));
  if (verdicts.length > 1)
    return `the text report has ${verdicts.length} lines that start like a verdict`;
  return null;
}

/** Renders a report through the CLI's writers (lib.render, scripts/fuzz/render.mjs), when loaded. */
function renderStage(lib, outcome, violations) {
  if (typeof lib.render !== 'function') return;
  const text = lib.render(outcome, AT);
  if (lib.checkOutput) {
    const problem = outputProblem(text);
    if (problem)
      violations.push({
        stage: 'render-output',
        error: { name: 'UnsafeOutput', message: problem, stack: '' },
      });
  }
}

/** Targets that call the same code (for telling findings apart): read, request, parse-name-list. */
export function family(targetId) {
  return targetId.startsWith('read')
    ? 'read'
    : targetId.startsWith('request')
      ? 'request'
      : targetId;
}

export function isContractError(error) {
  return (
    error !== null &&
    typeof error === 'object' &&
    error.name === 'SupCertError' &&
    typeof error.code === 'string'
  );
}

/** A serialisable description of a thrown value. */
export function describeError(error) {
  if (error instanceof Error || (error && typeof error === 'object')) {
    return {
      name: String(error.name),
      message: String(error.message),
      code: error.code === undefined ? undefined : String(error.code),
      stack: String(error.stack ?? ''),
    };
  }
  return { name: typeof error, message: String(error), stack: '' };
}

/**
 * Runs one target on one input and returns { resolved, violations: [{ stage, error }] }.
 * aux: { host (matchHostname), names (validate's `names`, or the parseNameList text),
 * anchors (also validate with the input itself as trust anchor) }.
 */
export async function runTarget(lib, targetId, input, aux = {}) {
  const violations = [];
  // One budget per call, as the library's own entry points make (WorkBudget is newer than some builds).
  const budget = () =>
    typeof lib.WorkBudget === 'function' ? { budget: new lib.WorkBudget(LIMITS) } : {};
  const guard = async (stage, fn) => {
    try {
      return { ok: true, value: await fn() };
    } catch (error) {
      if (!isContractError(error)) violations.push({ stage, error });
      return { ok: false };
    }
  };
  if (targetId === 'parse-name-list') {
    const text = aux.names ?? Buffer.from(input).toString('utf8');
    await guard('parse-name-list', () => lib.parseNameList(text));
    await guard('parse-name-list', () => lib.parseNameList(text, { lenient: true }));
    return { resolved: true, violations };
  }
  if (targetId === 'request' || targetId === 'request-text') {
    // Newer API: absent from older builds, then nothing to run.
    if (typeof lib.validateSupRequest !== 'function') return { resolved: false, violations };
    const data = targetId === 'request-text' ? Buffer.from(input).toString('utf8') : input;
    const names = aux.names ?? DEFAULT_NAMES;
    const report = await guard('request', () =>
      lib.validateSupRequest(data, { names, at: AT, limits: LIMITS }),
    );
    if (report.ok)
      await guard('render', () =>
        renderStage(
          lib,
          { kind: 'report', file: 'fuzz-input.req', report: report.value },
          violations,
        ),
      );
    if (typeof lib.suggestRequest === 'function')
      await guard('suggest-request', () => lib.suggestRequest({ names, at: AT }));
    return { resolved: report.ok, violations };
  }
  if (targetId === 'snapshot') {
    // Newer API: absent from older builds, then nothing to run.
    if (typeof lib.validateSupDeployment !== 'function') return { resolved: false, violations };
    await guard('snapshot-read', () =>
      lib.readSnapshotFile('fuzz-input', input, { password: 'Passw0rd!', ...budget() }),
    );
    const report = await guard('snapshot', () =>
      lib.validateSupDeployment([{ name: 'fuzz-input', bytes: input }], {
        names: aux.names ?? DEFAULT_NAMES,
        at: AT,
        limits: LIMITS,
      }),
    );
    return { resolved: report.ok, violations };
  }
  const target = READ_TARGETS.find((t) => t.id === targetId);
  if (!target) throw new Error(`unknown fuzz target ${targetId}`);
  const data = target.text ? Buffer.from(input).toString('utf8') : input;
  const read = await guard('read', () =>
    lib.readCertificates(data, { ...target.options, ...budget() }),
  );
  if (!read.ok) return { resolved: false, violations };
  const bundle = read.value;
  const names = aux.names ?? DEFAULT_NAMES;
  const validated = await guard('validate', () =>
    lib.validateSupCertificate(bundle, { names, at: AT, limits: LIMITS }),
  );
  if (validated.ok) {
    const index = validated.value.certificateIndex ?? 0; // as src/cli/judge.ts does
    const judged = {
      index,
      count: bundle.certificates.length,
      key: bundle.keys.find((k) => k.certificateIndex === index),
      strayKeys: bundle.keys.filter((k) => k.certificateIndex === null).length,
    };
    await guard('render', () =>
      renderStage(
        lib,
        { kind: 'report', file: 'fuzz-input.pfx', report: validated.value, judged },
        violations,
      ),
    );
  }
  if (aux.anchors) {
    // true: the input is its own anchor and intermediate; 'fixture': a real root and issuing CA.
    const chain =
      aux.anchors === 'fixture'
        ? fixtureAnchors()
        : { trustAnchors: [input], intermediates: [input] };
    const report = await guard('validate', () =>
      lib.validateSupCertificate(bundle, { names, at: AT, limits: LIMITS, ...chain }),
    );
    if (report.ok && aux.anchors === 'fixture')
      await guard('render', () =>
        renderStage(
          lib,
          {
            kind: 'report',
            file: 'fuzz-input.pfx',
            report: report.value,
            judged: { index: 0, count: 1, key: undefined, strayKeys: 0 },
          },
          violations,
        ),
      );
  }
  const certs = bundle.certificates;
  if (certs.length > 0) {
    await guard('verify-chain', () =>
      lib.verifyChain(certs[0], {
        trustAnchors: certs.slice(-1),
        intermediates: certs,
        at: AT,
        ...budget(),
      }),
    );
  }
  const host = aux.host ?? 'sup01.corp.contoso.com';
  for (const cert of certs.slice(0, MAX_MATCH_CERTS)) {
    await guard('match-hostname', () => lib.matchHostname(cert, host));
    await guard('match-hostname', () => lib.matchHostname(cert, host, { profile: 'strict' }));
    await guard('match-hostname', () => lib.explainHostMatch(cert, host));
  }
  return { resolved: true, violations };
}
