#!/usr/bin/env node
// `npm run demo`: the SUP verdict on the bundled Windows PFX (a real AD CS server certificate,
// exported with "TripleDES-SHA1"), as the built package computes it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EKU_NAMES, validateSupCertificate } from '../dist/index.js';

const file = fileURLToPath(
  new URL('../certs-fixtures/securityfever-windows-pfx/cert-chain-des.pfx', import.meta.url),
);
// The certificate was valid from 2021-01-08 to 2023-01-08: judge it as of mid-2022.
const options = {
  password: 'Passw0rd',
  names: 'server.lab.local&updates.contoso.com',
  at: new Date('2022-06-01T00:00:00Z'),
};
const report = await validateSupCertificate(readFileSync(file), options);
const c = report.certificate;
console.log(
  `${file.replace(/.*certs-fixtures/, 'certs-fixtures')} as the SUP certificate for "${options.names}" on ${options.at.toISOString().slice(0, 10)}`,
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
console.log(
  `\n${report.ok ? 'PASS' : 'FAIL'}: ${report.summary.errors} error(s), ${report.summary.warnings} warning(s), ${report.summary.infos} info`,
);
