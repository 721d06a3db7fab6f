#!/usr/bin/env node
// `npm run demo`: the SUP verdict on the bundled Windows PFX (a real AD CS server certificate,
// exported with "TripleDES-SHA1"), as the built package computes it. The certificate names only
// the intranet server, so it is judged twice: for that name (PASS), and for a SUP that internet
// clients also reach as updates.contoso.com (FAIL on purpose: SUP-NAME-002 shows what a failure
// looks like). The exit code says whether the demo ran as intended (0), not the verdict: if either
// verdict differs from the one announced, the demo says so and exits 1.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EKU_NAMES, validateSupCertificate } from '../dist/index.js';

const file = fileURLToPath(
  new URL('../certs-fixtures/securityfever-windows-pfx/cert-chain-des.pfx', import.meta.url),
);
const shown = file.replace(/.*certs-fixtures/, 'certs-fixtures');
const bytes = readFileSync(file);
// The certificate was valid from 2021-01-08 to 2023-01-08: judge it as of mid-2022.
const at = new Date('2022-06-01T00:00:00Z');
const judge = (names) => validateSupCertificate(bytes, { password: 'Passw0rd', names, at });
const verdict = (report) =>
  `${report.ok ? 'PASS' : 'FAIL'}: ${report.summary.errors} error(s), ${report.summary.warnings} warning(s), ${report.summary.infos} info`;
const errorsOf = (report) =>
  report.findings.filter((f) => f.severity === 'error').map((f) => f.rule);

const unexpected = [];

// 1. For the intranet name the certificate was issued for: expected PASS.
const intranet = 'server.lab.local';
const first = await judge(intranet);
console.log(
  `${shown} as the SUP certificate for "${intranet}" on ${at.toISOString().slice(0, 10)}`,
);
console.log(`  ${verdict(first)} (expected: PASS)\n`);
if (!first.ok) unexpected.push(`for "${intranet}": ${verdict(first)}, expected PASS`);

// 2. For a SUP that internet clients also reach by a name the certificate lacks: expected FAIL.
const names = `${intranet}&updates.contoso.com`;
const report = await judge(names);
const c = report.certificate;
console.log(
  `${shown} as the SUP certificate for "${names}" (intranet & internet name) on ${at.toISOString().slice(0, 10)}`,
);
console.log(
  '  The internet name is not in the certificate: this FAIL is expected, it shows how supcert reports one.',
);
console.log(
  `  subject  ${c.subject}\n  issuer   ${c.issuer}\n  SAN      ${(c.dnsNames ?? []).join(', ')}${c.ipAddresses.length ? ` (IP ${c.ipAddresses.join(', ')})` : ''}`,
);
console.log(
  `  EKU      ${(c.extendedKeyUsages ?? ['(none)']).map((oid) => EKU_NAMES[oid] ?? oid).join(', ')}\n  key      ${c.publicKey.algorithm} ${c.publicKey.bits ?? c.publicKey.curve}, ${c.signatureAlgorithm}\n  valid    ${c.notBefore.toISOString()} .. ${c.notAfter.toISOString()}\n`,
);
for (const severity of ['error', 'warning', 'info']) {
  for (const f of report.findings.filter((x) => x.severity === severity)) {
    console.log(`${severity.toUpperCase().padEnd(7)} ${f.rule}  ${f.message}`);
    console.log(`        ${f.citation.title}${f.citation.url ? ` <${f.citation.url}>` : ''}`);
  }
}
console.log(`\n${verdict(report)} (expected: FAIL, by SUP-NAME-002 only)`);
const errors = errorsOf(report);
if (report.ok || errors.length !== 1 || errors[0] !== 'SUP-NAME-002')
  unexpected.push(
    `for "${names}": ${verdict(report)} (errors: ${errors.join(', ') || 'none'}), expected FAIL by SUP-NAME-002 only`,
  );

if (unexpected.length > 0) {
  console.error(`\ndemo: a verdict is not the one the demo announces: ${unexpected.join('; ')}.`);
  process.exitCode = 1;
} else {
  console.log('\nDemo done: both verdicts are the expected ones (exit 0).');
}
