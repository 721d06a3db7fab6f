/**
 * Server exports in less common layouts (certs-fixtures/deployment/README, "held-out/"): a
 * section moved to another file with configSource, bindings inherited from <siteDefaults> and
 * dropped by <clear />, IIS Shared Configuration (redirection.config), a WSUS Setup value of
 * another registry type. Where what decides is in no file given, the verdict is NOT decided (an
 * info naming that file), never a pass or an error guessed.
 */
import { describe, expect, it } from 'vitest';
import { WorkBudget, validateSupDeployment } from '../src/index.js';
import { readIisConfig } from '../src/deploy/iisConfig.js';
import { fixture } from './fixtures.js';

const names = 'sup01.corp.contoso.com&sup01.contoso.com';
const at = new Date('2027-01-01T00:00:00Z');

async function judge(files: Record<string, string>) {
  const inputs = Object.entries({
    'applicationHost.config': 'iis/wsus-admin-good.config',
    'sslcert.txt': 'netsh/current-good.txt',
    'setup.reg': 'reg/setup-good.reg',
    'my.reg': 'reg/my-good.reg',
    ...files,
  })
    .filter(([, file]) => file !== '')
    .map(([name, file]) => ({ name, bytes: fixture(`deployment/${file}`) }));
  const report = await validateSupDeployment(inputs, { names, at });
  const status = (rule: string) => report.results.find((r) => r.rule === rule)!.status;
  const codes = (rule: string) =>
    report.findings
      .filter((f) => f.rule === rule && !f.code.includes('checklist'))
      .map((f) => f.code);
  const message = (code: string) => report.findings.find((f) => f.code === code)?.message ?? '';
  return { report, status, codes, message };
}

describe('configSource: a section IIS reads from another file', () => {
  it('<sites configSource>: the WSUS site is NOT decided (info naming the file), not "WSUS is not installed"', async () => {
    const { report, status, codes, message } = await judge({
      'applicationHost.config': 'held-out/sites-config-source.config',
    });
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.sites_config_source']);
    expect(status('SUP-DEP-002')).toBe('info');
    expect(message('sup.dep.sites_config_source')).toMatch(/"sites\.config".*NOT decided/);
    expect(codes('SUP-DEP-003')).toEqual(['sup.dep.require_ssl_unknown']);
    expect(message('sup.dep.require_ssl_unknown')).toMatch(
      /moves the sites section to "sites\.config"/,
    );
    expect(report.findings.some((f) => f.code === 'sup.dep.no_wsus_site')).toBe(false);
    expect(report.deployment.wsusSite).toBeNull();
  });

  it('<access configSource> at the server level and for ClientWebService: those directories NOT decided; the others judged', async () => {
    const { status, codes, message } = await judge({
      'applicationHost.config': 'held-out/access-config-source.config',
    });
    expect(codes('SUP-DEP-003')).toEqual(['sup.dep.ssl_settings_config_source']);
    expect(status('SUP-DEP-003')).toBe('info');
    const moved = message('sup.dep.ssl_settings_config_source');
    // ClientWebService has its own moved section; the site root inherits the server level's.
    expect(moved).toMatch(/"ClientWebService", "the site root of WSUS Administration"/);
    expect(moved).toMatch(/"ClientWebService\.access\.config", "access\.config"/);
    expect(moved).not.toMatch(/SimpleAuthWebService|Content/);
    expect(codes('SUP-DEP-004')).toEqual(['sup.dep.client_certificates_config_source']);
    expect(message('sup.dep.client_certificates_config_source')).toMatch(/"ClientWebService"/);
  });

  it('reads configSource as no sslFlags: a moved section next to one that requires SSL on Content is still an error for Content', async () => {
    const text = new TextDecoder()
      .decode(fixture('deployment/held-out/access-config-source.config'))
      .replace(
        /(<location path="WSUS Administration\/Content">[\s\S]*?)<access sslFlags="None" \/>/,
        '$1<access sslFlags="Ssl" />',
      );
    const config = await readIisConfig(new TextEncoder().encode(text), 'x', new WorkBudget());
    expect(config.access[0]).toEqual({ path: '', sslFlags: [], configSource: 'access.config' });
    const report = await validateSupDeployment(
      [
        { name: 'applicationHost.config', bytes: new TextEncoder().encode(text) },
        { name: 'sslcert.txt', bytes: fixture('deployment/netsh/current-good.txt') },
      ],
      { names, at },
    );
    expect(report.findings.find((f) => f.code === 'sup.dep.require_ssl_extra')?.message).toMatch(
      /"Content"/,
    );
  });
});

describe('<siteDefaults> bindings and <clear />', () => {
  it('the https binding only in <siteDefaults>: the WSUS site inherits it', async () => {
    const { report, status } = await judge({
      'applicationHost.config': 'held-out/site-defaults-inherited.config',
    });
    expect(status('SUP-DEP-002')).toBe('pass');
    expect(report.ok).toBe(true);
  });

  it('the site <clear />s its bindings: the inherited https binding is gone (error), as is any binding before the <clear />', async () => {
    const { codes } = await judge({
      'applicationHost.config': 'held-out/site-defaults-cleared.config',
    });
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.no_https_binding']);
    const text = new TextDecoder()
      .decode(fixture('deployment/iis/wsus-admin-good.config'))
      .replace('sslFlags="0" />', 'sslFlags="0" /><clear />');
    const config = await readIisConfig(new TextEncoder().encode(text), 'x', new WorkBudget());
    expect(config.sites.find((s) => s.id === 1234)!.bindings).toEqual([]);
  });
});

describe('IIS Shared Configuration (redirection.config)', () => {
  it('enabled, with an applicationHost.config: judged as given, with an info that whether it is the shared one is NOT decided', async () => {
    const { report, codes, message } = await judge({
      'redirection.config': 'held-out/redirection.config',
    });
    expect(codes('SUP-DEP-002')).toEqual(['sup.dep.shared_configuration']);
    expect(message('sup.dep.shared_configuration')).toMatch(
      /"\\\\fs01\\iisconfig\$".*Whether applicationHost\.config is that file is NOT decided/,
    );
    expect(report.deployment.wsusSite?.name).toBe('WSUS Administration');
    expect(report.deployment.notes.join('\n')).not.toMatch(/redirection\.config.*not used/);
  });

  it('redirection.config alone: not taken for an applicationHost.config without the WSUS site', async () => {
    const { codes } = await judge({
      'applicationHost.config': '',
      'redirection.config': 'held-out/redirection.config',
    });
    expect(codes('SUP-DEP-002')).toEqual([
      'sup.dep.shared_configuration',
      'sup.dep.binding_config_not_given',
    ]);
  });

  it('given before applicationHost.config, it is still not the file judged', async () => {
    const report = await validateSupDeployment(
      ['held-out/redirection.config', 'iis/wsus-admin-good.config', 'netsh/current-good.txt'].map(
        (f) => ({ name: f, bytes: fixture(`deployment/${f}`) }),
      ),
      { names, at },
    );
    expect(report.deployment.wsusSite?.name).toBe('WSUS Administration');
  });
});

describe('WSUS Setup values of another registry type', () => {
  it('UsingSSL as REG_SZ "1": NOT decided (info), not "UsingSSL is not set"', async () => {
    const { status, codes, message } = await judge({
      'setup.reg': 'held-out/setup-using-ssl-string.reg',
    });
    expect(codes('SUP-DEP-005')).toEqual(['sup.dep.setup_value_type_not_decided']);
    expect(status('SUP-DEP-005')).toBe('info');
    expect(message('sup.dep.setup_value_type_not_decided')).toMatch(
      /"UsingSSL \(REG_SZ "1"\)".*NOT decide/,
    );
  });

  it('UsingSSL as REG_DWORD 0 is still an error', async () => {
    const { codes } = await judge({ 'setup.reg': 'reg/setup-not-ssl.reg' });
    expect(codes('SUP-DEP-005')).toEqual(['sup.dep.ssl_not_used']);
  });
});
