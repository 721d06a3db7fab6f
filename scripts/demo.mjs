#!/usr/bin/env node
// `npm run demo`: reads the bundled Windows PFX (a real AD CS server certificate exported with
// "TripleDES-SHA1") with the built package and prints what it found.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCertificates } from '../dist/index.js';

const file = fileURLToPath(new URL('../certs-fixtures/securityfever-windows-pfx/cert-chain-des.pfx', import.meta.url));
const bundle = await readCertificates(readFileSync(file), { password: 'Passw0rd' });
console.log(`${file.replace(/.*certs-fixtures/, 'certs-fixtures')}: ${bundle.format}, ${bundle.certificates.length} certificate(s), ${bundle.keys.length} key(s)`);
for (const p of bundle.protection ?? []) console.log(`  protection: ${p}`);
bundle.certificates.forEach((c, i) => {
  console.log(`\n[${i}] ${c.subject}`);
  console.log(`    issuer     ${c.issuer}`);
  console.log(`    DNS names  ${c.dnsNames === null ? '(no SAN extension)' : c.dnsNames.join(', ') || '(none)'}${c.ipAddresses.length ? `; IP ${c.ipAddresses.join(', ')}` : ''}`);
  console.log(`    EKU        ${c.extendedKeyUsages === null ? '(none: any purpose)' : c.extendedKeyUsages.join(', ')}`);
  console.log(`    key        ${c.publicKey.algorithm}${c.publicKey.bits ? ` ${c.publicKey.bits}` : ''}${c.publicKey.curve ? ` ${c.publicKey.curve}` : ''}, signed ${c.signatureAlgorithm}`);
  console.log(`    valid      ${c.notBefore.toISOString()} .. ${c.notAfter.toISOString()}${c.isCA ? ' (CA)' : ''}`);
  if (c.friendlyName) console.log(`    name       ${c.friendlyName}`);
});
for (const k of bundle.keys) {
  console.log(`\nprivate key: ${k.algorithm}${k.bits ? ` ${k.bits}` : ''}, matches certificate [${k.certificateIndex ?? 'none'}]${k.providerName ? `, provider "${k.providerName}"` : ''}`);
}
