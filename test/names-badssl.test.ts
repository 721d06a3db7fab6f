import { describe, expect, it } from 'vitest';
import {
  type CertificateInfo,
  explainHostMatch,
  matchHostname,
  readCertificates,
} from '../src/index.js';
import { fixture, fixtureJson } from './fixtures.js';

/**
 * Host-name matching on real CA-issued leaves: badssl.com's chains (certs-fixtures/badssl,
 * oracle: manifest.json hosts_that_match / hosts_that_do_not_match) and the Windows AD CS
 * export of SecurityFever (certs-fixtures/securityfever-windows-pfx/cert.cer).
 */

interface BadsslEntry {
  file: string;
  hosts_that_match: string[];
  hosts_that_do_not_match: string[];
  certificates: Array<{ subject_cn: string[]; san: { dns?: string[] } | null }>;
}

const manifest = fixtureJson<BadsslEntry[]>('badssl/manifest.json');
const leaves = new Map<string, Promise<CertificateInfo>>();
function leafOf(file: string): Promise<CertificateInfo> {
  let leaf = leaves.get(file);
  if (!leaf) {
    leaf = readCertificates(fixture(`badssl/${file}`)).then((b) => b.certificates[0]!);
    leaves.set(file, leaf);
  }
  return leaf;
}

const hostRows = manifest.flatMap((e) => [
  ...e.hosts_that_match.map((host) => ({ file: e.file, host, expected: true })),
  ...e.hosts_that_do_not_match.map((host) => ({ file: e.file, host, expected: false })),
]);

describe('badssl.com leaves (windows profile)', () => {
  it('the manifest has the 12 chains, each with hosts on both sides', () => {
    expect(manifest).toHaveLength(12);
    for (const e of manifest) {
      expect(e.hosts_that_match.length).toBeGreaterThan(0);
      expect(e.hosts_that_do_not_match.length).toBeGreaterThan(0);
    }
    expect(hostRows).toHaveLength(55);
  });

  it.each(manifest)(
    '$file: reads, certificates in file order, leaf names as the manifest decodes them',
    async (entry) => {
      const bundle = await readCertificates(fixture(`badssl/${entry.file}`));
      expect(bundle.certificates).toHaveLength(entry.certificates.length);
      const leaf = bundle.certificates[0]!;
      expect(leaf.commonNames).toEqual(entry.certificates[0]!.subject_cn);
      const dns = entry.certificates[0]!.san?.dns ?? null;
      // The manifest abbreviates the 1000-SAN list; checked in full below.
      if (entry.file !== 'subdomain-1000-sans.pem') expect(leaf.dnsNames).toEqual(dns);
    },
  );

  it.each(hostRows)('$file: $host matches = $expected', async ({ file, host, expected }) => {
    expect(matchHostname(await leafOf(file), host, { profile: 'windows' })).toBe(expected);
  });

  it('subdomain-1000-sans.pem: all 1000 SAN dNSNames are read and each one matches as a host', async () => {
    const leaf = await leafOf('subdomain-1000-sans.pem');
    expect(leaf.dnsNames).toHaveLength(1000);
    expect(leaf.dnsNames![0]).toBe('1000-sans.badssl.com');
    expect(leaf.dnsNames![999]).toBe('wowmoarsans1000.badssl.com');
    const expectedNames = [
      '1000-sans.badssl.com',
      ...Array.from({ length: 999 }, (_, i) => `wowmoarsans${i + 2}.badssl.com`),
    ];
    expect(leaf.dnsNames).toEqual(expectedNames);
    let checked = 0;
    for (const name of leaf.dnsNames!) {
      expect(matchHostname(leaf, name, { profile: 'windows' }), name).toBe(true);
      checked++;
    }
    expect(checked).toBe(1000);
    // The last entry is found too (the search does not stop early), and a near miss is not.
    expect(explainHostMatch(leaf, 'WOWMOARSANS1000.badssl.com.', 'windows')).toMatchObject({
      matched: true,
      via: 'san-dns',
      presented: 'wowmoarsans1000.badssl.com',
    });
    expect(matchHostname(leaf, 'wowmoarsans1001.badssl.com', { profile: 'windows' })).toBe(false);
  });

  it('subdomain-no-subject.pem: an empty subject, the name comes from the SAN alone', async () => {
    const leaf = await leafOf('subdomain-no-subject.pem');
    expect(leaf.commonNames).toEqual([]);
    expect(explainHostMatch(leaf, 'no-subject.badssl.com', 'windows')).toMatchObject({
      matched: true,
      via: 'san-dns',
      hasSan: true,
    });
    expect(explainHostMatch(leaf, 'no-subject.badssl.com', 'strict')).toMatchObject({
      matched: true,
      via: 'san-dns',
      hasSan: true,
    });
  });
});

describe('SecurityFever AD CS export: cert.cer (SAN DNS server.lab.local, IP 192.168.1.11)', () => {
  const leaf = readCertificates(fixture('securityfever-windows-pfx/cert.cer')).then(
    (b) => b.certificates[0]!,
  );

  it('is the server certificate with the expected names', async () => {
    const cert = await leaf;
    expect(cert.commonNames).toEqual(['server.lab.local']);
    expect(cert.dnsNames).toEqual(['server.lab.local']);
    expect(cert.ipAddresses).toEqual(['192.168.1.11']);
  });

  it.each([
    ['server.lab.local', 'windows', true, 'san-dns'],
    ['SERVER.LAB.LOCAL.', 'windows', true, 'san-dns'],
    ['server', 'windows', false, undefined],
    ['192.168.1.11', 'windows', true, 'san-ip'],
    ['server.lab.local', 'strict', true, 'san-dns'],
    ['SERVER.LAB.LOCAL.', 'strict', true, 'san-dns'],
    ['server', 'strict', false, undefined],
    ['192.168.1.11', 'strict', true, 'san-ip'],
  ] as const)('%s under %s: %s', async (host, profile, expected, via) => {
    const cert = await leaf;
    expect(matchHostname(cert, host, { profile })).toBe(expected);
    const explained = explainHostMatch(cert, host, profile);
    expect(explained.matched).toBe(expected);
    expect(explained.via).toBe(via);
    expect(explained.hasSan).toBe(true);
  });
});
