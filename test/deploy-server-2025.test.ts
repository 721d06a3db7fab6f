/**
 * `netsh http show sslcert` as Windows Server 2022 and 2025 print it (certs-fixtures/deployment
 * README, "netsh/server2025-*.txt", "netsh/sni-*.txt"): the per-binding TLS switches, the lines
 * that follow them, and which entry HTTP.sys uses for a client that sends the SUP's name.
 */
import { describe, expect, it } from 'vitest';
import { WorkBudget, readSnapshotFile, validateSupDeployment } from '../src/index.js';
import { readNetshSslCert } from '../src/deploy/netshSslcert.js';
import { fixture } from './fixtures.js';

const names = 'sup01.corp.contoso.com&sup01.contoso.com';
const at = new Date('2027-01-01T00:00:00Z');
const GOOD = '17885EA06B4ECB211827190E53CC57CBA2EE240A';
const OLD = 'A2BAA3345AB2D9EA449B17DF07F8BD4C9BE2B2CD';

async function judge(netsh: string, supNames = names) {
  const inputs = [
    ['applicationHost.config', 'iis/wsus-admin-good.config'],
    ['sslcert.txt', `netsh/${netsh}`],
    ['setup.reg', 'reg/setup-good.reg'],
    ['my.reg', 'reg/my-good.reg'],
  ].map(([name, file]) => ({ name: name!, bytes: fixture(`deployment/${file!}`) }));
  const report = await validateSupDeployment(inputs, { names: supNames, at });
  const status = (rule: string) => report.results.find((r) => r.rule === rule)!.status;
  const codes = (rule: string) => report.findings.filter((f) => f.rule === rule).map((f) => f.code);
  const finding = (code: string) => report.findings.find((f) => f.code === code);
  return { report, status, codes, finding };
}

const read = (file: string) =>
  readNetshSslCert(fixture(`deployment/netsh/${file}`), file, new WorkBudget());

describe('netsh output of Windows Server 2025 (Disable Session ID, Enable Caching Client Hello, Extended Properties 0-4)', () => {
  it('reads both entries, each with its own endpoint and hash; the lines after the TLS switches start no entry', async () => {
    const netsh = read('server2025-good.txt');
    expect(netsh.layout).toBe('current');
    expect(netsh.bindings.map((b) => [b.endpoint, b.kind, b.certificateHash])).toEqual([
      ['0.0.0.0:8531', 'ip', GOOD],
      ['[::]:8531', 'ip', GOOD],
    ]);
    for (const b of netsh.bindings) {
      expect(b.negotiateClientCertificate).toBe(false);
      expect(b.storeName).toBe('My');
      expect(b).not.toHaveProperty('disableTls12');
      expect(b).not.toHaveProperty('disableTls13');
      expect(b).not.toHaveProperty('disableLegacyTls');
    }
    const file = await readSnapshotFile(
      'sslcert.txt',
      fixture('deployment/netsh/server2025-good.txt'),
    );
    expect(file.kind).toBe('netsh-sslcert');
    const { report, status } = await judge('server2025-good.txt');
    expect(status('SUP-DEP-002')).toBe('pass');
    expect(report.ok).toBe(true);
  });

  it('reads "Disable TLS1.3: Set"', () => {
    expect(read('server2025-no-tls-version.txt').bindings[0]).toMatchObject({
      disableTls12: true,
      disableTls13: true,
      disableLegacyTls: true,
    });
    expect(read('server2025-tls13-off.txt').bindings[0]).toMatchObject({
      disableTls13: true,
      disableLegacyTls: true,
    });
  });
});

describe('TLS 1.3 switched off on the binding as well', () => {
  it('TLS 1.0/1.1, 1.2 and 1.3 all off: no TLS version is left, every client fails (error, not "TLS 1.3 only")', async () => {
    const { status, codes, finding } = await judge('server2025-no-tls-version.txt');
    expect(status('SUP-DEP-002')).toBe('error');
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.binding_no_tls_version']);
    expect(finding('sup.dep.binding_no_tls_version')!.message).toMatch(
      /no TLS version.*"0\.0\.0\.0:8531".*every client.*disabletls12=disable/,
    );
  });

  it('TLS 1.2 and 1.3 off: only TLS 1.0 and 1.1 are offered (the TLS 1.2 warning, saying so; no "fall back from TLS 1.3")', async () => {
    const { status, codes, finding } = await judge('server2025-legacy-tls-only.txt');
    expect(status('SUP-DEP-002')).toBe('warning');
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.binding_tls12_disabled']);
    const message = finding('sup.dep.binding_tls12_disabled')!.message;
    expect(message).toMatch(/only TLS 1\.0 and TLS 1\.1/);
    expect(message).not.toMatch(/clients without TLS 1\.3/);
  });

  it('TLS 1.3 and the legacy versions off: TLS 1.2 is still offered, so only the legacy-TLS warning', async () => {
    const { codes } = await judge('server2025-tls13-off.txt');
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.binding_legacy_tls_disabled']);
  });
});

describe('hostname:port (SNI) entries first: the certificate a client that sends the SUP name gets', () => {
  it('SNI entries for every SUP name bind the new certificate, 0.0.0.0 the old one: the new one is judged, and the 0.0.0.0 entry is an info', async () => {
    const { report, status, codes, finding } = await judge('sni-every-name-ip-old.txt');
    expect(report.deployment.thumbprint).toBe(GOOD);
    expect(status('SUP-NAME-002')).toBe('pass');
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.address_entry_behind_sni']);
    expect(status('SUP-DEP-002')).toBe('info');
    expect(finding('sup.dep.address_entry_behind_sni')!.message).toMatch(
      new RegExp(`"0\\.0\\.0\\.0:8531".*${OLD}.*without a server name`),
    );
    expect(report.ok).toBe(true);
  });

  it('an SNI entry for the intranet name only: its certificate is judged; 0.0.0.0 with another serves the internet name (error)', async () => {
    const { report, codes, finding } = await judge('sni-intranet-ip-old.txt');
    expect(report.deployment.thumbprint).toBe(GOOD);
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.binding_other_certificate']);
    expect(finding('sup.dep.binding_other_certificate')!.message).toMatch(
      new RegExp(`presents ${OLD}.*"0\\.0\\.0\\.0:8531"`),
    );
    expect(report.ok).toBe(false);
  });

  it('the intranet name only given (every SUP name has its SNI entry then): 0.0.0.0 with the old certificate is the same info', async () => {
    const { report, codes } = await judge('sni-intranet-ip-old.txt', 'sup01.corp.contoso.com');
    expect(report.deployment.thumbprint).toBe(GOOD);
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.address_entry_behind_sni']);
  });
});

describe('hostname:port entries HTTP.sys documents no use for: a trailing dot, a wildcard', () => {
  /** One netsh entry (the older layout's fields); IP:port for an address, else Hostname:port. */
  const entry = (endpoint: string, hash: string): string =>
    [
      `    ${/^(?:[\d.]+|\[.*\]):\d+$/.test(endpoint) ? 'IP:port' : 'Hostname:port'}${' '.repeat(16)}: ${endpoint}`,
      `    Certificate Hash             : ${hash.toLowerCase()}`,
      '    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}',
      '    Certificate Store Name       : My',
      '    Negotiate Client Certificate : Disabled',
      '',
    ].join('\r\n');
  async function judgeEntries(entries: Array<[string, string]>) {
    const netsh = ['', 'SSL Certificate bindings:', '-------------------------', '']
      .concat(entries.map(([endpoint, hash]) => entry(endpoint, hash)))
      .join('\r\n');
    const inputs = [
      { name: 'applicationHost.config', bytes: fixture('deployment/iis/wsus-admin-good.config') },
      { name: 'sslcert.txt', bytes: new TextEncoder().encode(netsh) },
      { name: 'setup.reg', bytes: fixture('deployment/reg/setup-good.reg') },
      { name: 'my.reg', bytes: fixture('deployment/reg/my-good.reg') },
    ];
    const report = await validateSupDeployment(inputs, { names, at });
    return report;
  }
  const cases: Array<{
    title: string;
    entries: Array<[string, string]>;
    judged: string;
    /** SUP-DEP-002's finding codes. */
    codes: string[];
    ok: boolean;
    /** In the message of the not-decided finding, or in the notes when there is none. */
    says?: RegExp;
  }> = [
    {
      title:
        'exact SNI entries for both names, 0.0.0.0 with the old certificate (documented: as before)',
      entries: [
        ['sup01.corp.contoso.com:8531', GOOD],
        ['sup01.contoso.com:8531', GOOD],
        ['0.0.0.0:8531', OLD],
      ],
      judged: GOOD,
      codes: ['sup.dep.address_entry_behind_sni'],
      ok: true,
    },
    {
      title:
        "the same SNI entries with a trailing dot: not taken as the SUP names' entries; another certificate there is an error that says NOT decided",
      entries: [
        ['sup01.corp.contoso.com.:8531', GOOD],
        ['sup01.contoso.com.:8531', GOOD],
        ['0.0.0.0:8531', OLD],
      ],
      judged: OLD,
      codes: ['sup.dep.sni_entry_other_certificate_not_decided'],
      ok: false,
      says: /"sup01\.corp\.contoso\.com\.:8531", "sup01\.contoso\.com\.:8531".*ends? with a dot.*RFC 6066.*NOT decide/,
    },
    {
      title:
        'a wildcard SNI entry with the judged certificate beside 0.0.0.0: a warning that says NOT decided',
      entries: [
        ['*.contoso.com:8531', GOOD],
        ['0.0.0.0:8531', GOOD],
      ],
      judged: GOOD,
      codes: ['sup.dep.sni_entry_not_decided'],
      ok: true,
      says: /"\*\.contoso\.com:8531".*wildcard.*HTTP_SERVICE_CONFIG_SSL_SNI_KEY.*NOT decide/,
    },
    {
      title:
        "only trailing-dot SNI entries: whether clients get a certificate at all is NOT decided (error), the entries' certificate judged",
      entries: [
        ['sup01.corp.contoso.com.:8531', GOOD],
        ['sup01.contoso.com.:8531', GOOD],
      ],
      judged: GOOD,
      codes: ['sup.dep.sni_only_not_decided'],
      ok: false,
      says: /only on .*"sup01\.corp\.contoso\.com\.:8531".*NOT decide.*certificate at all/,
    },
    {
      title: 'a wildcard entry no SUP name falls under: another site, not judged (as before)',
      entries: [
        ['*.fabrikam.com:8531', OLD],
        ['0.0.0.0:8531', GOOD],
      ],
      judged: GOOD,
      codes: [],
      ok: true,
      says: /"\*\.fabrikam\.com:8531"\) serve other sites/,
    },
    {
      title: 'a trailing-dot entry for another host: another site, not judged (as before)',
      entries: [
        ['intranet.fabrikam.com.:8531', OLD],
        ['0.0.0.0:8531', GOOD],
      ],
      judged: GOOD,
      codes: [],
      ok: true,
      says: /"intranet\.fabrikam\.com\.:8531"\) serve other sites/,
    },
  ];
  it.each(cases)('$title', async (c) => {
    const report = await judgeEntries(c.entries);
    expect(report.deployment.thumbprint).toBe(c.judged);
    expect(report.findings.filter((f) => f.rule === 'SUP-DEP-002').map((f) => f.code)).toEqual(
      c.codes,
    );
    expect(report.ok).toBe(c.ok);
    if (c.says) {
      const notDecided = report.findings.find((f) => /not_decided$/.test(f.code));
      expect(notDecided?.message ?? report.deployment.notes.join('\n')).toMatch(c.says);
    }
  });
});

describe('applicationHost.config of IIS 10: the sslFlags of an https binding', () => {
  const config = fixture('deployment/iis/sni-hostname.config').toString('utf8');
  const flagsOf = async (flags: string) => {
    const file = await readSnapshotFile(
      'applicationHost.config',
      new TextEncoder().encode(config.replace('sslFlags="1"', `sslFlags="${flags}"`)),
    );
    if (file.kind !== 'iis-config') throw new Error(file.kind);
    return file.config.sites.flatMap((s) => s.bindings).find((b) => b.protocol === 'https')!
      .sslFlags;
  };

  it('reads the number as written (3: SNI and Central Certificate Store; 97: SNI with the Windows Server 2022 bits)', async () => {
    expect(await flagsOf('3')).toBe(3);
    expect(await flagsOf('97')).toBe(97);
  });

  it('reads the names of the SslFlags enum as their bits ("Sni" is 1, not 0)', async () => {
    expect(await flagsOf('Sni')).toBe(1);
    expect(await flagsOf('Sni, CentralCertStore')).toBe(3);
    expect(await flagsOf('None')).toBe(0);
  });
});

describe('the whole WSUS Setup key as regedit and reg export write it on Windows Server 2022', () => {
  // Values WSUS keeps there besides the four read (ContentDir, SqlServerName, TargetDir,
  // wYukonInstalled ...), a REG_EXPAND_SZ and a binary value wrapped over lines, and a subkey.
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup]',
    '"wYukonInstalled"=dword:00000001',
    '"SqlServerName"="MICROSOFT##WID"',
    '"SqlDatabaseName"="SUSDB"',
    '"ContentDir"="D:\\\\WSUS"',
    '"TargetDir"="C:\\\\Program Files\\\\Update Services\\\\"',
    '"VersionString"="10.0.20348.1"',
    '"IISTargetWebSiteIndex"=dword:000004d2',
    '"PortNumber"=dword:00002152',
    '"UsingSSL"=dword:00000001',
    '"ServerCertificateName"="sup01.corp.contoso.com"',
    '"LogFilePath"=hex(2):25,00,50,00,72,00,6f,00,67,00,72,00,61,00,6d,00,46,00,69,00,\\',
    '  6c,00,65,00,73,00,25,00,00,00',
    '"WsusAdministratorsSid"=hex:01,05,00,00,00,00,00,05,15,00,00,00,d4,7a,1c,63,2a,\\',
    '  6e,4b,a1,0b,35,38,33,e9,03,00,00',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\\Installed Role Services]',
    '"UpdateServices-Services"="2"',
    '"UpdateServices-WidDatabase"="2"',
    '',
    '',
  ];
  const utf16 = (text: string) => new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));

  it.each([
    // regedit's File > Export and reg.exe's export write the same format.
    ['regedit / reg export (UTF-16 LE with a BOM, CRLF)', utf16(lines.join('\r\n'))],
    ['a copy saved as UTF-8 with LF line ends', new TextEncoder().encode(lines.join('\n'))],
  ])('%s: the four values are read, the rest ignored', async (_how, bytes) => {
    const file = await readSnapshotFile('setup.reg', bytes);
    expect(file).toMatchObject({
      kind: 'wsus-setup',
      setup: {
        usingSsl: true,
        serverCertificateName: 'sup01.corp.contoso.com',
        portNumber: 8530,
        iisTargetWebSiteIndex: 1234,
      },
    });
  });
});
