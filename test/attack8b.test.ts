/**
 * Hostile server exports against the readers added for configSource, <siteDefaults> bindings,
 * <clear />, Shared Configuration and SNI entries: a file crafted so that what supcert reads is
 * not what IIS or HTTP.sys uses must not pass, and a large one must stay linear.
 */
import { describe, expect, it } from 'vitest';
import { SupCertError, readCertificates, validateSupDeployment } from '../src/index.js';
import { fixture } from './fixtures.js';

const names = 'sup01.corp.contoso.com&sup01.contoso.com';
const at = new Date('2027-01-01T00:00:00Z');
const good = (file: string): string => fixture(`deployment/${file}`).toString('utf8');

async function judge(files: Record<string, string>) {
  const inputs = Object.entries({
    'applicationHost.config': good('iis/wsus-admin-good.config'),
    'sslcert.txt': good('netsh/current-good.txt'),
    'setup.reg': fixture('deployment/reg/setup-good.reg').toString('latin1'),
    'my.reg': fixture('deployment/reg/my-good.reg').toString('latin1'),
    ...files,
  }).map(([name, text]) => ({
    name,
    bytes: name.endsWith('.reg') ? Buffer.from(text, 'latin1') : new TextEncoder().encode(text),
  }));
  const report = await validateSupDeployment(inputs, { names, at });
  const status = (rule: string) => report.results.find((r) => r.rule === rule)!.status;
  const codes = (rule: string) =>
    report.findings
      .filter((f) => f.rule === rule && !f.code.includes('checklist'))
      .map((f) => f.code);
  return { report, status, codes };
}

describe('<sites configSource> with sites written inside it anyway', () => {
  it('does not judge the inline sites: IIS reads the sites from the other file', async () => {
    const config = good('iis/wsus-admin-good.config').replace(
      '<sites>',
      '<sites configSource="sites.config">',
    );
    const { status, codes, report } = await judge({ 'applicationHost.config': config });
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.sites_config_source']);
    expect(status('SUP-DEP-002')).toBe('info');
    expect(codes('SUP-DEP-003')).toEqual(['sup.dep.require_ssl_unknown']);
    expect(report.deployment.wsusSite).toBeNull();
  });
});

describe('<siteDefaults><bindings> with a <clear />', () => {
  it('drops the default bindings before the <clear />: the WSUS site without its own https binding is an error', async () => {
    const config = good('iis/wsus-admin-good.config')
      .replace(
        /(<site name="WSUS Administration"[\s\S]*?<bindings>[\s\S]*?)<binding protocol="https"[^>]*\/>/,
        '$1',
      )
      .replace(
        '<sites>',
        '<sites><siteDefaults><bindings><binding protocol="https" bindingInformation="*:8531:" /><clear /></bindings></siteDefaults>',
      );
    expect((await judge({ 'applicationHost.config': config })).status('SUP-DEP-002')).toBe('error');
    // Without the <clear />, the default binding is the site's: judged as before.
    const kept = config.replace('<clear />', '');
    expect((await judge({ 'applicationHost.config': kept })).status('SUP-DEP-002')).toBe('pass');
  });
});

describe('netsh output listing one endpoint thousands of times', () => {
  const entry = (hash: string) => `
    Hostname:port                : sup01.corp.contoso.com.:8531
    Certificate Hash             : ${hash}
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : MY
    Negotiate Client Certificate : Disabled
`;
  it('is read in linear time (40,000 copies of a trailing-dot entry took 9 s: each copy re-copied the list)', async () => {
    const hashes = ['17885ea06b4ecb211827190e53cc57cba2ee240a', 'aa'.repeat(20)];
    const netsh =
      good('netsh/current-good.txt') +
      Array.from({ length: 40_000 }, (_, i) => entry(hashes[i % 2]!)).join('');
    const t0 = performance.now();
    const { report } = await judge({ 'sslcert.txt': netsh });
    const ms = performance.now() - t0;
    // Two different views of one endpoint in one file: reported once, not 40,000 times.
    const said = report.findings.map((f) => f.message).join('\n');
    expect(said.split('twice, differently')).toHaveLength(2);
    expect(ms).toBeLessThan(4000);
  }, 60_000);
});

describe('redirection.config with two <configurationRedirection> elements', () => {
  it('a second one with enabled="false" does not turn Shared Configuration off (IIS refuses a section twice)', async () => {
    const redirection = (second: string) =>
      `<?xml version="1.0" encoding="UTF-8"?>\r\n<configuration>\r\n<configurationRedirection enabled="true" path="\\\\srv\\iis" />\r\n${second}</configuration>\r\n`;
    const twice = await judge({
      'redirection.config': redirection('<configurationRedirection enabled="false" path="" />'),
    });
    expect(twice.codes('SUP-DEP-002')).toContain('sup.dep.shared_configuration');
    expect(twice.status('SUP-DEP-002')).toBe('info');
    const once = await judge({ 'redirection.config': redirection('') });
    expect(once.codes('SUP-DEP-002')).toContain('sup.dep.shared_configuration');
  });
});

describe('a PEM file of thousands of parameter blocks', () => {
  it('names each kind of block once in a short message (1,000 EC PARAMETERS blocks made 17 KB)', async () => {
    const block = '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n';
    const dh = '-----BEGIN DH PARAMETERS-----\nMAYCAQUCAQI=\n-----END DH PARAMETERS-----\n';
    const error = await readCertificates(new TextEncoder().encode(block.repeat(1000) + dh)).then(
      () => null,
      (e: unknown) => e as SupCertError,
    );
    expect(error?.code).toBe('UNKNOWN_FORMAT');
    expect(error?.message).toMatch(/"EC PARAMETERS"/);
    expect(error?.message).toMatch(/"DH PARAMETERS"/);
    expect(error?.message.length).toBeLessThan(400);
  });
});

describe('a chain file of thousands of CA certificates given with the snapshot', () => {
  it('its note names at most five subjects (2,000 made a 42 KB note)', async () => {
    const issuing = fixture('sup/issuing.pem').toString('utf8');
    const { report } = await judge({ 'chain.pem': issuing.repeat(2000) });
    const strings = (v: unknown): string[] =>
      typeof v === 'string'
        ? [v]
        : v && typeof v === 'object'
          ? Object.values(v as object).flatMap(strings)
          : [];
    const note = strings(report).find((s) => s.includes('holds only CA certificates'));
    expect(note).toMatch(/"CN=Contoso SUP Issuing CA" and 1,995 more\)/);
    expect(note!.length).toBeLessThan(600);
  });
});

describe('two netsh outputs disagreeing on an endpoint with a bidi override in its host', () => {
  it('quote the endpoint made printable in the conflict (the raw U+202E reached the finding)', async () => {
    const entry = (hash: string) => `
    Hostname:port                : h\u202eevil.example:8531
    Certificate Hash             : ${hash}
    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
    Certificate Store Name       : MY
`;
    const netsh = good('netsh/current-good.txt');
    const { report } = await judge({
      'sslcert.txt': netsh + entry('aa'.repeat(20)),
      'sslcert-2.txt': netsh + entry('bb'.repeat(20)),
    });
    const conflict = report.findings.find((f) => f.message.includes('say different things'));
    expect(conflict?.message).toContain('h\\u{202e}evil.example:8531');
    expect(conflict?.message).not.toContain('\u202e');
  });
});
