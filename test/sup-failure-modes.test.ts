import { describe, expect, it } from 'vitest';
import type { SupOptions } from '../src/index.js';
import { fixture } from './fixtures.js';
import { BOTH, INTERNET, INTRANET, judge, problemRules } from './sup-fixtures.js';

/**
 * The real-world failure modes of docs/failure-modes.md, each as a certificate an administrator could
 * really be holding plus the options that describe the SUP, and exactly the rule ids (errors and
 * warnings) supcert must answer with.
 */
type Case = [
  item: string,
  file: string,
  options: SupOptions & { atOffsetDays?: number; atFrom?: 'notBefore' | 'notAfter' },
  expected: string[],
];

const cases: Case[] = [
  [
    'baseline: a correct certificate for both names',
    'good-both.pfx',
    { names: BOTH, configureSslName: INTRANET },
    [],
  ],
  [
    "baseline: Microsoft's example (empty subject, critical SAN)",
    'good-empty-subject.pem',
    { names: BOTH },
    [],
  ],
  [
    '1. name only in the CN while a SAN exists',
    'cn-only-while-san.pem',
    { names: BOTH },
    ['SUP-NAME-006'],
  ],
  [
    '2a. internet-only SUP without the intranet FQDN',
    'internet-name-only.pem',
    { names: BOTH, connections: 'internet' },
    ['SUP-NAME-003'],
  ],
  [
    '2b. both connections, internet FQDN missing',
    'good-intranet.pem',
    { names: BOTH },
    ['SUP-NAME-002'],
  ],
  [
    '3. configuressl name not in the certificate',
    'good-both.pem',
    { names: BOTH, configureSslName: 'wsus.contoso.com' },
    ['SUP-NAME-004'],
  ],
  [
    '4a. literal & typed into the CN',
    'amp-in-cn.pem',
    { names: BOTH },
    ['SUP-NAME-001', 'SUP-NAME-002', 'SUP-NAME-005', 'SUP-NAME-007'],
  ],
  // The CN still says the intranet name, but the SAN hides it (SUP-NAME-006) and holds only the literal "a&b".
  [
    '4b. literal & typed into one SAN entry',
    'amp-in-san.pem',
    { names: BOTH },
    ['SUP-NAME-002', 'SUP-NAME-005', 'SUP-NAME-006'],
  ],
  [
    '6a. expired certificate',
    'good-both.pem',
    { names: BOTH, atFrom: 'notAfter', atOffsetDays: 3 },
    ['SUP-VAL-001'],
  ],
  [
    '6b. renewal due',
    'good-both.pem',
    { names: BOTH, atFrom: 'notAfter', atOffsetDays: -7 },
    ['SUP-VAL-002'],
  ],
  [
    '7. Computer/Workstation template (Client Authentication only)',
    'eku-clientauth-only.pem',
    { names: BOTH },
    ['SUP-EKU-001'],
  ],
  [
    '9a. site system configured by NetBIOS name, certificate has only the FQDN',
    'good-intranet.pem',
    { intranetName: 'SUP01' },
    ['SUP-NAME-001', 'SUP-NAME-009'],
  ],
  [
    '9b. NetBIOS name in the certificate and the configuration',
    'short-name.pem',
    { intranetName: 'SUP01' },
    ['SUP-NAME-009'],
  ],
  [
    '10. public CA asked for an internal name',
    'short-name.pem',
    { intranetName: 'SUP01', issuerType: 'public' },
    ['SUP-NAME-009', 'SUP-NAME-013'],
  ],
  ['11a. RSA key under 1024 bits', 'rsa-768.pem', { names: BOTH }, ['SUP-KEY-001']],
  [
    '11b. SHA-1 signature from a public root',
    'sha1-signed.pem',
    { names: BOTH, issuerType: 'public' },
    ['SUP-HASH-001'],
  ],
  [
    '11c. CNG key on ConfigMgr 2012',
    'good-both-cng.pfx',
    { names: BOTH, generation: '2012' },
    ['SUP-CNG-001'],
  ],
  [
    '12a. PFX exported without the private key',
    'good-both-nokey.pfx',
    { names: BOTH },
    ['SUP-PK-001'],
  ],
  [
    '12b. PFX whose key belongs to another certificate',
    'key-mismatch.pfx',
    { names: BOTH },
    ['SUP-PK-001', 'SUP-PFX-001'],
  ], // its AES-256/SHA-256 MAC protection does not import on Server 2016 either
  // Issued by the site's own "SMS Issuing" root, without CDP or AIA: clients cannot build or check its chain either.
  [
    'enhanced-HTTP site certificate bound to WSUS',
    'sms-role.pem',
    { intranetName: INTRANET },
    ['SUP-CHAIN-002', 'SUP-CHAIN-003', 'SUP-CHAIN-004'],
  ],
  [
    "5. untrusted chain: the clients' root is another one",
    'good-both.pfx',
    { names: BOTH, trustAnchors: [fixture('sup/sms-root.pem')] },
    ['SUP-CHAIN-002'],
  ],
  [
    '5b. intermediate neither in the file nor given, no AIA to fetch it from',
    'no-revocation.pem',
    { names: BOTH, trustAnchors: [fixture('sup/root.pem')] },
    ['SUP-CHAIN-002', 'SUP-CHAIN-003'],
  ],
  [
    'baseline with the chain checked',
    'good-both.pfx',
    { names: BOTH, configureSslName: INTRANET, trustAnchors: [fixture('sup/root.pem')] },
    [],
  ],
  [
    '8. no revocation information at all',
    'no-revocation.pem',
    { names: BOTH },
    ['SUP-CHAIN-002', 'SUP-CHAIN-003'],
  ],
  ['self-signed certificate', 'self-signed.pem', { names: BOTH }, ['SUP-CHAIN-001']],
  ['wildcard certificate', 'wildcard.pem', { names: BOTH }, ['SUP-NAME-010']],
  [
    'the internet name alone, with NUL trickery in the SAN',
    'nul-in-dnsname.pem',
    { intranetName: INTRANET },
    ['SUP-NAME-001', 'SUP-NAME-012'],
  ],
];

describe('failure modes an administrator really meets (docs/failure-modes.md)', () => {
  it.each(cases)('%s: %s', async (_item, file, options, expected) => {
    const report = await judge(file, options);
    expect(problemRules(report)).toEqual([...expected].sort());
    expect(report.ok).toBe(!report.findings.some((f) => f.severity === 'error'));
  });

  it('the internet name alone is fine for intranet clients but not for an internet-facing SUP', async () => {
    expect(problemRules(await judge('internet-name-only.pem', { intranetName: INTERNET }))).toEqual(
      [],
    );
  });
});
