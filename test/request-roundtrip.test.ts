import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SupOptions,
  readCertificates,
  suggestRequest,
  validateSupCertificate,
  validateSupRequest,
} from '../src/index.js';

/**
 * suggestRequest round trip: for each option set of the failure-mode table, the suggested
 * OpenSSL config makes a key and a CSR with the OpenSSL CLI, a throwaway test CA signs it
 * (copying the requested extensions), and supcert finds no error in the issued certificate;
 * the suggested INF and web-enrollment attributes, read back by validateSupRequest, have none either.
 */
const OPTION_SETS: Array<[string, SupOptions]> = [
  ['both names', { names: 'sup01.corp.contoso.com&sup01.contoso.com' }],
  [
    'both names, configuressl',
    {
      names: 'sup01.corp.contoso.com&sup01.contoso.com',
      configureSslName: 'sup01.corp.contoso.com',
    },
  ],
  [
    'internet-only SUP',
    { names: 'sup01.corp.contoso.com&sup01.contoso.com', connections: 'internet' },
  ],
  ['intranet only', { intranetName: 'sup01.corp.contoso.com' }],
  [
    'configuressl by alias',
    { intranetName: 'sup01.corp.contoso.com', configureSslName: 'wsus.contoso.com' },
  ],
  ['NetBIOS name', { intranetName: 'SUP01' }],
  ['ConfigMgr 2012', { names: 'sup01.corp.contoso.com&sup01.contoso.com', generation: '2012' }],
  ['CMG-routed internet clients', { intranetName: 'sup01.corp.contoso.com', connections: 'cmg' }],
  ['three names', { names: 'sup01.corp.contoso.com&sup01.contoso.com&updates.contoso.com' }],
];

let dir = '';
const openssl = (...args: string[]): string =>
  execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'supcert-rt-'));
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    '[req]\ndistinguished_name=dn\nprompt=no\nx509_extensions=ca\n[dn]\nCN=supcert round-trip test CA\n[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n',
  );
  openssl(
    'req',
    '-x509',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-config',
    'ca.cnf',
    '-days',
    '30',
    '-out',
    'ca.pem',
  );
  writeFileSync(
    path.join(dir, 'issue.cnf'),
    '[leaf]\nauthorityKeyIdentifier=keyid\ncrlDistributionPoints=URI:http://pki.contoso.com/crl/test.crl\nauthorityInfoAccess=caIssuers;URI:http://pki.contoso.com/aia/test.crt\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('suggestRequest round trip through the OpenSSL CLI and a test CA', () => {
  it.each(OPTION_SETS)('%s', async (label, options) => {
    const suggestion = suggestRequest(options);
    const stem = label.replace(/\W+/g, '-');
    writeFileSync(path.join(dir, `${stem}.cnf`), suggestion.opensslConfig);
    openssl(
      'req',
      '-new',
      '-config',
      `${stem}.cnf`,
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${stem}.key`,
      '-out',
      `${stem}.csr`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      `${stem}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '30',
      '-copy_extensions',
      'copy',
      '-extfile',
      'issue.cnf',
      '-extensions',
      'leaf',
      '-sha256',
      '-out',
      `${stem}.pem`,
    );
    const issued = await readCertificates(readFileSync(path.join(dir, `${stem}.pem`)));
    const report = await validateSupCertificate(issued, {
      ...options,
      trustAnchors: [readFileSync(path.join(dir, 'ca.pem'))],
    });
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(errors, errors.map((e) => e.message).join('\n')).toEqual([]);
    // The same names come back, each its own SAN entry, in the suggested order.
    expect(issued.certificates[0]!.dnsNames).toEqual(suggestion.names);
    for (const form of [suggestion.inf, suggestion.webEnrollmentAttributes]) {
      const fromRequest = await validateSupRequest(form, options);
      expect(fromRequest.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
    // The CSR OpenSSL made from the suggestion passes too.
    const csr = await validateSupRequest(readFileSync(path.join(dir, `${stem}.csr`)), options);
    expect(csr.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('warns when the options cannot give a certificate without findings', () => {
    expect(suggestRequest({ intranetName: 'SUP01', issuerType: 'public' }).warnings.join()).toMatch(
      /single-label.*public CA cannot issue it/,
    );
    expect(
      suggestRequest({
        internetName: 'sup01.contoso.com',
        connections: 'internet',
      }).warnings.join(),
    ).toMatch(/internet-only SUP still needs its intranet FQDN/);
    expect(() => suggestRequest({})).toThrow(/needs the SUP's names/);
  });

  it('suggests a legacy CSP for 2007/2012 and a CNG KSP for current branch', () => {
    expect(suggestRequest({ intranetName: 'a.corp.contoso.com', generation: '2012' }).inf).toMatch(
      /ProviderName = "Microsoft RSA SChannel Cryptographic Provider"/,
    );
    expect(suggestRequest({ intranetName: 'a.corp.contoso.com' }).inf).toMatch(
      /ProviderName = "Microsoft Software Key Storage Provider"/,
    );
  });

  it('writes an INF in ASCII: certreq reads a file without a BOM in the ANSI code page', () => {
    const { inf } = suggestRequest({ names: 'sup01.corp.contoso.com&sup01.contoso.com' });
    expect(inf).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/);
  });
});
