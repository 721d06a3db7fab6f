// Hostile inputs for the SUP gate (area src/sup + src/rules): each made at run time.
// run(lib, budget?) resolves to the typed outcome: a SupCertError code, 'pass' / 'fail' for a
// report (report.ok), or 'ok' for a verifyChain result. `bound` caps the work units spent.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const fixture = (f) =>
  readFileSync(fileURLToPath(new URL(`../../certs-fixtures/${f}`, import.meta.url)));
const codeOf = (e) => {
  if (e?.name === 'SupCertError') return e.code;
  throw e;
};
const judge = (lib, input, options, budget) =>
  lib
    .validateSupCertificate(input, {
      at: new Date('2027-06-01'),
      ...(budget ? { budget } : {}),
      ...options,
    })
    .then((r) => (r.ok ? 'pass' : 'fail'), codeOf);

/** @type {Array<{ id: string, kind: number, title: string, run: (lib: any, budget?: any) => Promise<string>, expect: string, bound?: Record<string, number> }>} */
export const cases = [
  {
    id: 'sup-names-list-x-10000-sans',
    kind: 2,
    title:
      'names: 5,000 host names against a certificate with 10,000 SAN entries (50 million comparisons)',
    run: (lib, budget) =>
      judge(
        lib,
        fixture('sup/many-sans.pem'),
        { names: Array.from({ length: 5_000 }, (_, i) => `h${i}.corp.contoso.com`).join('&') },
        budget,
      ),
    expect: 'LIMIT_EXCEEDED',
    bound: { maxNameComparisons: 1_000_000 },
  },
  {
    id: 'sup-intranet-name-1mb',
    kind: 2,
    title: 'intranetName: 1 MB of "a" and a space (the message quotes it cut)',
    run: async (lib, budget) => {
      const outcome = await judge(
        lib,
        fixture('sup/good-both.pem'),
        { intranetName: `${'a'.repeat(1 << 20)} b` },
        budget,
      );
      const message = await lib
        .validateSupCertificate(fixture('sup/good-both.pem'), {
          intranetName: `${'a'.repeat(1 << 20)} b`,
        })
        .catch((e) => e.message);
      return message.length < 400 ? outcome : `message of ${message.length} characters`;
    },
    expect: 'INVALID_OPTION',
    bound: { maxNameComparisons: 0 },
  },
  {
    id: 'sup-no-names-pass',
    kind: 1,
    title: 'no names at all: once PASS, now an error finding (SUP-NAME-018)',
    run: (lib, budget) => judge(lib, fixture('sup/good-both.pem'), {}, budget),
    expect: 'fail',
    bound: { maxNameComparisons: 0 },
  },
  {
    id: 'sup-ca-only-2000-roots',
    kind: 4,
    title:
      'a PEM of 2,000 CA certificates (a trust store): one SUP-FILE-002 finding with 5 subjects, no rule judges a root',
    run: async (lib, budget) => {
      const pem = fixture('sup/root.pem').toString('utf8').repeat(2_000);
      const report = await lib.validateSupCertificate(pem, {
        names: 'sup01.corp.contoso.com',
        budget,
      });
      const long = report.findings.some((f) => f.message.length > 1_200);
      return long ? 'unbounded message' : report.findings.map((f) => f.rule).join(',');
    },
    expect: 'SUP-FILE-002',
    bound: { maxNameComparisons: 0, maxSignatureChecks: 0 },
  },
  {
    id: 'sup-wildcard-backtracking',
    kind: 2,
    title:
      'a SAN dNSName "*a*a*a*a*a*a*a*a*a*a*a*a*c.corp.contoso.com" against a 60-character intranet label (a RegExp built from it backtracked for hours)',
    run: async (lib, budget) => {
      const bundle = await lib.readCertificates(fixture('sup/good-both.pem'));
      const entry = `${'*a'.repeat(12)}*c.corp.contoso.com`;
      const cert = {
        ...bundle.certificates[0],
        dnsNames: [entry],
        altNames: [{ type: 'dns', value: entry }],
      };
      return judge(
        lib,
        { ...bundle, certificates: [cert] },
        { intranetName: `${'a'.repeat(60)}b.corp.contoso.com` },
        budget,
      );
    },
    expect: 'fail',
    bound: { maxNameComparisons: 3 },
  },
  {
    id: 'verifychain-buffers',
    kind: 7,
    title: 'verifyChain given Buffers (once TypeError: cert.extensions is not iterable)',
    run: (lib) =>
      lib
        .verifyChain(fixture('sup/good-both.pem'), {
          trustAnchors: [fixture('sup/root.pem')],
          intermediates: [fixture('sup/issuing.pem')],
          at: new Date('2027-06-01'),
        })
        .then((r) => (r.valid ? 'ok' : r.problems.map((p) => p.code).join(',')), codeOf),
    expect: 'ok',
  },
  {
    id: 'verifychain-object-anchor',
    kind: 7,
    title: 'verifyChain with a trust anchor that is a plain object',
    run: (lib) =>
      lib
        .verifyChain(fixture('sup/good-both.pem'), {
          trustAnchors: [{ subject: 'CN=x', extensions: 'no' }],
        })
        .then(() => 'ok', codeOf),
    expect: 'INVALID_OPTION',
  },
];
