/**
 * Server snapshots judged as IIS, HTTP.sys and regedit behave (docs/failure-modes.md, "Server
 * snapshots"). Each input is a committed fixture, changed only where the case says.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_REPORTED_BINDINGS,
  WorkBudget,
  readSnapshotFile,
  recogniseSnapshot,
  validateSupDeployment,
} from '../src/index.js';
import { fixture } from './fixtures.js';

const names = 'sup01.corp.contoso.com&sup01.contoso.com';
const at = new Date('2027-01-01T00:00:00Z');
const GOOD = '17885EA06B4ECB211827190E53CC57CBA2EE240A';
const OLD = 'A2BAA3345AB2D9EA449B17DF07F8BD4C9BE2B2CD';

const text = (f: string): string => fixture(`deployment/${f}`).toString('utf8');
/** A .reg fixture (UTF-16 LE with a BOM) as text, without the BOM. */
const regText = (f: string): string =>
  new TextDecoder('utf-16le').decode(fixture(`deployment/${f}`).subarray(2));
const utf16 = (s: string): Uint8Array => {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The first entry of netsh/current-good.txt, on another endpoint / certificate / store. */
const ENTRY = text('netsh/current-good.txt').split(/\n\s*\n/)[1]!;
function entry(endpoint: string, hash = GOOD, store = 'MY'): string {
  const label = /^\d|^\[/.test(endpoint) ? 'IP:port      ' : 'Hostname:port';
  return ENTRY.replace(/IP:port {6}/, label)
    .replace('0.0.0.0:8531', endpoint)
    .replace(/17885ea06b4ecb211827190e53cc57cba2ee240a/, hash.toLowerCase())
    .replace(/(Certificate Store Name\s+: )MY/, `$1${store}`);
}
const netsh = (...entries: string[]): string =>
  `\nSSL Certificate bindings:\n-------------------------\n\n${entries.join('\n\n')}\n`;

const CONFIG = text('iis/wsus-admin-good.config');
/** The good configuration with the sslFlags of one location changed. */
const withFlags = (dir: string, flags: string): string =>
  CONFIG.replace(
    new RegExp(`(<location path="WSUS Administration/${dir}">[\\s\\S]*?sslFlags=")[^"]*`),
    `$1${flags}`,
  );

type Files = { config?: string | null; netsh?: string | null; setup?: Uint8Array | null };
async function judge(files: Files, more: Array<{ name: string; bytes: Uint8Array }> = []) {
  const inputs = [
    ...(files.config === null
      ? []
      : [{ name: 'applicationHost.config', bytes: utf8(files.config ?? CONFIG) }]),
    ...(files.netsh === null
      ? []
      : [{ name: 'sslcert.txt', bytes: utf8(files.netsh ?? netsh(entry('0.0.0.0:8531'))) }]),
    ...(files.setup === null
      ? []
      : [{ name: 'setup.reg', bytes: files.setup ?? fixture('deployment/reg/setup-good.reg') }]),
    ...more,
  ];
  const report = await validateSupDeployment(inputs, { names, at });
  const status = (rule: string) => report.results.find((r) => r.rule === rule)!.status;
  const codes = (rule: string) => report.findings.filter((f) => f.rule === rule).map((f) => f.code);
  const message = (rule: string) =>
    report.findings
      .filter((f) => f.rule === rule)
      .map((f) => f.message)
      .join('\n');
  return { report, status, codes, message };
}
const MY = { name: 'my.reg', bytes: fixture('deployment/reg/my-good.reg') };

describe('sslFlags="Ssl128" without Ssl', () => {
  it('does not require SSL (Ssl is "Require SSL", Ssl128 only its 128-bit option), and the finding says so', async () => {
    const { status, codes, message } = await judge(
      { config: withFlags('ClientWebService', 'Ssl128') },
      [MY],
    );
    expect(status('SUP-DEP-003')).toBe('error');
    expect(codes('SUP-DEP-003')).toEqual(['sup.dep.require_ssl_missing']);
    expect(message('SUP-DEP-003')).toMatch(
      /"ClientWebService" does not require SSL.*Ssl128 without Ssl.*tick Require SSL/,
    );
  });

  it('"Ssl, Ssl128" and the number 264 require SSL', async () => {
    for (const flags of ['Ssl, Ssl128', '264'])
      expect(
        (await judge({ config: withFlags('ClientWebService', flags) }, [MY])).status('SUP-DEP-003'),
        flags,
      ).toBe('pass');
  });
});

describe('HTTP.sys entries for addresses (IP:port) and host names (SNI)', () => {
  it('0.0.0.0 alone serves IPv4 and IPv6 clients: pass', async () => {
    const { status } = await judge({}, [MY]);
    expect(status('SUP-DEP-002')).toBe('pass');
  });

  it('[::] without 0.0.0.0: IPv4 clients get no certificate (error)', async () => {
    const { status, codes, message } = await judge({ netsh: netsh(entry('[::]:8531')) }, [MY]);
    expect(status('SUP-DEP-002')).toBe('error');
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.ipv6_wildcard_only']);
    expect(message('SUP-DEP-002')).toMatch(
      /IPv4 get no certificate.*"All Unassigned".*ipport=0\.0\.0\.0:8531/,
    );
  });

  it('0.0.0.0 and [::] with the same certificate pass; [::] with another is an error for IPv6 clients', async () => {
    expect(
      (await judge({ netsh: netsh(entry('0.0.0.0:8531'), entry('[::]:8531')) }, [MY])).status(
        'SUP-DEP-002',
      ),
    ).toBe('pass');
    const other = await judge({ netsh: netsh(entry('[::]:8531', OLD), entry('0.0.0.0:8531')) }, [
      MY,
    ]);
    // The certificate judged is the 0.0.0.0 one, whatever order netsh lists them in.
    expect(other.report.deployment.thumbprint).toBe(GOOD);
    expect(other.codes('SUP-DEP-002')).toEqual(['sup.dep.binding_other_certificate']);
  });

  it('entries for single addresses only: a warning to check the names resolve there (the files do not say which addresses the server has)', async () => {
    const { status, codes, message } = await judge({ netsh: netsh(entry('10.0.0.5:8531')) }, [MY]);
    expect(status('SUP-DEP-002')).toBe('warning');
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.specific_addresses_only']);
    expect(message('SUP-DEP-002')).toMatch(/only for "10\.0\.0\.5:8531".*nslookup/);
  });

  it('SNI entries for every SUP name: an address entry beside them (one address, or [::]) takes nothing away (pass, as the SNI entries alone)', async () => {
    const sni = [entry('sup01.corp.contoso.com:8531'), entry('sup01.contoso.com:8531')];
    expect((await judge({ netsh: netsh(...sni) }, [MY])).status('SUP-DEP-002')).toBe('pass');
    for (const address of ['10.0.0.5:8531', '[::]:8531']) {
      const { status, codes } = await judge({ netsh: netsh(...sni, entry(address)) }, [MY]);
      expect(codes('SUP-DEP-002'), address).toEqual([]);
      expect(status('SUP-DEP-002'), address).toBe('pass');
    }
    // A name without its own SNI entry still depends on the address entries.
    const one = await judge(
      { netsh: netsh(entry('sup01.corp.contoso.com:8531'), entry('10.0.0.5:8531')) },
      [MY],
    );
    expect(one.codes('SUP-DEP-002')).toEqual(['sup.dep.specific_addresses_only']);
  });

  it('[::] and an SNI entry for one name only: IPv4 clients connecting as the other name get no certificate (error, naming it)', async () => {
    const { status, codes, message } = await judge(
      { netsh: netsh(entry('sup01.corp.contoso.com:8531'), entry('[::]:8531')) },
      [MY],
    );
    expect(status('SUP-DEP-002')).toBe('error');
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.ipv6_wildcard_only']);
    expect(message('SUP-DEP-002')).toMatch(
      /for no IPv4 address, only for "\[::\]:8531".*over IPv4 as "sup01\.contoso\.com" \(or without a server name\) get no certificate/,
    );
  });

  it('another certificate on an address besides 0.0.0.0: that address wins for its clients; the message offers deleting a stale entry', async () => {
    const { codes, message } = await judge(
      { netsh: netsh(entry('0.0.0.0:8531'), entry('10.0.0.5:8531', OLD)) },
      [MY],
    );
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.binding_other_certificate']);
    expect(message('SUP-DEP-002')).toMatch(
      /wins over 0\.0\.0\.0.*netsh http delete sslcert ipport=10\.0\.0\.5:8531/,
    );
  });

  it('an SNI entry next to 0.0.0.0 serves the other names through 0.0.0.0: pass', async () => {
    const { status } = await judge(
      { netsh: netsh(entry('sup01.corp.contoso.com:8531'), entry('0.0.0.0:8531')) },
      [MY],
    );
    expect(status('SUP-DEP-002')).toBe('pass');
  });
});

describe('the WebHosting store (IIS 8+: "works like the Personal store")', () => {
  const webHostingReg = {
    name: 'webhosting.reg',
    bytes: utf16(
      regText('reg/my-good.reg').replaceAll(
        'SystemCertificates\\MY',
        'SystemCertificates\\WebHosting',
      ),
    ),
  };

  it('a certificate HTTP.sys takes from WebHosting, found in a WebHosting export: SUP-DEP-001 passes', async () => {
    const { status } = await judge({ netsh: netsh(entry('0.0.0.0:8531', GOOD, 'WebHosting')) }, [
      webHostingReg,
    ]);
    expect(status('SUP-DEP-001')).toBe('pass');
  });

  it('HTTP.sys takes it from MY but it was found in WebHosting only: still "belongs in My"', async () => {
    const { codes } = await judge({}, [webHostingReg]);
    expect(codes('SUP-DEP-001')).toEqual(['sup.dep.other_store']);
  });

  it('HTTP.sys takes it from WebHosting and only MY (without it) was exported: the certificate is not judged, and both findings name the WebHosting export', async () => {
    const { status, codes, report } = await judge(
      { netsh: netsh(entry('0.0.0.0:8531', GOOD, 'WebHosting')) },
      [{ name: 'my.reg', bytes: fixture('deployment/reg/my-without-bound.reg') }],
    );
    expect(status('SUP-DEP-001')).toBe('error');
    expect(codes('SUP-DEP-001')).toEqual([
      'sup.dep.certificate_not_judged',
      'sup.dep.webhosting_store_not_given',
    ]);
    for (const f of report.findings.filter((f) => f.rule === 'SUP-DEP-001')) {
      expect(f.message).toMatch(/SystemCertificates\\WebHosting" webhosting\.reg/);
      expect(f.message).not.toMatch(/\bMY store\b/);
    }
  });

  it('the MY and WebHosting exports joined into one .reg file (copy /b my.reg+webhosting.reg): both stores are read, as when given apart', async () => {
    const netshWh = { netsh: netsh(entry('0.0.0.0:8531', GOOD, 'WebHosting')) };
    const my = fixture('deployment/reg/my-without-bound.reg');
    const apart = await judge(netshWh, [{ name: 'my.reg', bytes: my }, webHostingReg]);
    expect(apart.status('SUP-DEP-001')).toBe('pass');
    const joined = new Uint8Array([...my, ...webHostingReg.bytes]);
    const together = await judge(netshWh, [{ name: 'stores.reg', bytes: joined }]);
    expect(together.codes('SUP-DEP-001')).toEqual([]);
    expect(together.status('SUP-DEP-001')).toBe('pass');
    expect(together.report.deployment.judged).toBe('bound');
    // Given in the other order, the same.
    const reversed = new Uint8Array([...webHostingReg.bytes, ...my]);
    expect(
      (await judge(netshWh, [{ name: 'stores.reg', bytes: reversed }])).status('SUP-DEP-001'),
    ).toBe('pass');
  });
});

describe('<location inheritInChildApplications>, overrideMode', () => {
  // Require SSL set once on the site, as one <location>, instead of on each web service.
  const siteOnly = (attributes: string): string =>
    CONFIG.replace(
      /<location path="WSUS Administration\/(ApiRemoting30|ClientWebService|DssAuthWebService|ServerSyncWebService|SimpleAuthWebService)">[\s\S]*?<\/location>/g,
      '',
    ).replace(
      '<location path="WSUS Administration/Content">',
      `<location path="WSUS Administration"${attributes}><system.webServer><security><access sslFlags="Ssl" /></security></system.webServer></location>\n<location path="WSUS Administration/Content">`,
    );

  it('inheritInChildApplications="false" on the site: its applications (the five web services) do not inherit Require SSL', async () => {
    const { codes, message } = await judge(
      { config: siteOnly(' inheritInChildApplications="false"') },
      [MY],
    );
    expect(codes('SUP-DEP-003')).toContain('sup.dep.require_ssl_missing');
    expect(message('SUP-DEP-003')).toMatch(
      /"ApiRemoting30", "ClientWebService", "DssAuthWebService", "ServerSyncWebService", "SimpleAuthWebService" do not require SSL/,
    );
    // the site root itself still requires it
    expect(message('SUP-DEP-003')).toMatch(/the site root of WSUS Administration/);
  });

  it('without it (or with overrideMode / allowOverride, which only govern web.config files) the applications inherit it', async () => {
    for (const attributes of [
      '',
      ' overrideMode="Deny"',
      ' allowOverride="false"',
      ' inheritInChildApplications="true"',
    ]) {
      const { codes, message } = await judge({ config: siteOnly(attributes) }, [MY]);
      expect(codes('SUP-DEP-003'), attributes).toEqual(['sup.dep.require_ssl_extra']);
      expect(message('SUP-DEP-003'), attributes).not.toMatch(/do not require SSL/);
    }
  });

  it('inheritInChildApplications="false" on the service itself changes nothing for it', async () => {
    const config = CONFIG.replace(
      '<location path="WSUS Administration/ClientWebService">',
      '<location path="WSUS Administration/ClientWebService" inheritInChildApplications="false">',
    );
    expect((await judge({ config }, [MY])).status('SUP-DEP-003')).toBe('pass');
  });
});

describe('applicationHost.config recognised by its root element', () => {
  it('a self-closing <configuration/> is IIS configuration (without sites)', async () => {
    const bytes = utf8('<?xml version="1.0" encoding="UTF-8"?>\n<configuration/>\n');
    expect(recogniseSnapshot(bytes)).toBe('iis-config');
    const file = await readSnapshotFile('applicationHost.config', bytes, {
      budget: new WorkBudget(),
    });
    expect(file.kind === 'iis-config' && file.config.sites).toEqual([]);
  });

  it('a comment of more than 4 KB before <configuration> does not hide it', async () => {
    const config = CONFIG.replace(
      '<configuration>',
      `<!-- ${'x'.repeat(6000)} -->\n<configuration>`,
    );
    expect(recogniseSnapshot(utf8(config))).toBe('iis-config');
    expect((await judge({ config }, [MY])).status('SUP-DEP-003')).toBe('pass');
  });

  it('other XML is still not IIS configuration', () => {
    expect(recogniseSnapshot(utf8('<?xml version="1.0"?>\n<!-- x -->\n<root/>'))).toBe(
      'certificates',
    );
  });
});

describe('.reg files as regedit reads them', () => {
  const setup = regText('reg/setup-good.reg');

  it('\\n, \\r and \\0 in a quoted string, and a "; comment" after a value', async () => {
    const reg = setup
      .replace('"ContentDir"="D:\\\\WSUS"', '"ContentDir"="D:\\\\WSUS\\n\\r\\0x" ; moved in 2024')
      .replace('"UsingSSL"=dword:00000001', '"UsingSSL"=dword:00000001 ; WsusUtil configuressl');
    const file = await readSnapshotFile('setup.reg', utf16(reg), { budget: new WorkBudget() });
    expect(file.kind).toBe('wsus-setup');
    if (file.kind === 'wsus-setup') expect(file.setup.usingSsl).toBe(true);
    const { readRegFile } = await import('../src/deploy/registry.js');
    const keys = readRegFile(utf16(reg), 'setup.reg', new WorkBudget());
    expect(keys[0]!.values.get('contentdir')).toEqual({ type: 'sz', value: 'D:\\WSUS\n\r\0x' });
  });

  it('two exports joined into one file (copy /b setup.reg+my.reg): both parts are read', async () => {
    const joined = new Uint8Array([
      ...fixture('deployment/reg/setup-good.reg'),
      ...fixture('deployment/reg/my-good.reg'),
    ]);
    const file = await readSnapshotFile('both.reg', joined, { budget: new WorkBudget() });
    expect(file.kind).toBe('wsus-setup');
    if (file.kind === 'wsus-setup')
      expect(file.store?.entries.map((e) => e.thumbprint)).toContain(GOOD);
    const { status } = await judge({ setup: joined });
    expect(status('SUP-DEP-001')).toBe('pass');
    expect(status('SUP-DEP-005')).toBe('pass');
  });
});

describe('deployment.bindings is capped', () => {
  it(`keeps ${MAX_REPORTED_BINDINGS} entries, those a finding is about first, and counts the rest`, async () => {
    const many = Array.from({ length: 1499 }, (_, i) =>
      entry(`10.${(i >> 8) & 255}.${i & 255}.9:8531`),
    );
    const odd = entry('10.99.99.99:8531', OLD);
    const { report, codes } = await judge({ netsh: netsh(entry('0.0.0.0:8531'), ...many, odd) }, [
      MY,
    ]);
    expect(report.deployment.bindings).toHaveLength(MAX_REPORTED_BINDINGS);
    expect(report.deployment.bindingsOmitted).toBe(1501 - MAX_REPORTED_BINDINGS);
    expect(report.deployment.bindings.map((b) => b.endpoint)).toContain('10.99.99.99:8531');
    expect(report.deployment.bindings[0]!.endpoint).toBe('0.0.0.0:8531');
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.binding_other_certificate']);
  });

  it('under the cap nothing is omitted', async () => {
    const { report } = await judge({}, [MY]);
    expect(report.deployment.bindings).toHaveLength(1);
    expect(report.deployment.bindingsOmitted).toBe(0);
  });
});
