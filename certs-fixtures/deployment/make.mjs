// Generates certs-fixtures/deployment/: node certs-fixtures/deployment/make.mjs
// Text exports (applicationHost.config, netsh output) are written from the documented formats;
// .reg files are written by Wine's reg.exe (`wine reg add` + `wine reg export`) when Wine is
// installed (REQUIRE_WINE=1 makes its absence an error); the .sst files and the MY "Blob" values
// are serialized here following [MS-GPEF] §2.2.1.1.1 / wincrypt (property elements, then the
// certificate element). See README.md.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const sup = path.join(here, '..', 'sup');
const der = (file) => Buffer.from(new X509Certificate(readFileSync(path.join(sup, file))).raw);
const thumb = (d) => createHash('sha1').update(d).digest('hex').toUpperCase();
const GOOD = der('good-both.pem');
const OLD = der('good-intranet.pem');
const GOOD_T = thumb(GOOD);
const OLD_T = thumb(OLD);

const out = (rel, data) => {
  const file = path.join(here, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
};

// ---- IIS applicationHost.config (IIS configuration reference: sites, bindings, location/access) ----
const APPS = ['ApiRemoting30', 'ClientWebService', 'DssAuthWebService', 'Inventory', 'ReportingWebService', 'ServerSyncWebService', 'SimpleAuthWebService'];
const FIVE = ['ApiRemoting30', 'ClientWebService', 'DssAuthWebService', 'ServerSyncWebService', 'SimpleAuthWebService'];
function iisConfig({ site = 'WSUS Administration', id = 1234, http = 8530, https = 8531, httpsBinding = true, httpsHost = '', sni = false, ssl = FIVE, siteLevel = null, clientCert = 'ignore' } = {}) {
  const flags = (base) => (clientCert === 'accept' ? `${base}, SslNegotiateCert` : clientCert === 'require' ? `${base}, SslNegotiateCert, SslRequireCert` : base);
  const apps = APPS.map((a) => `                <application path="/${a}" applicationPool="WsusPool">\n                    <virtualDirectory path="/" physicalPath="C:\\Program Files\\Update Services\\WebServices\\${a}" />\n                </application>`).join('\n');
  const wsusRoot = `                <application path="/" applicationPool="WsusPool">
                    <virtualDirectory path="/" physicalPath="C:\\Program Files\\Update Services\\WebServices\\Root" />
                    <virtualDirectory path="/Content" physicalPath="D:\\WSUS\\WsusContent" />
                    <virtualDirectory path="/Selfupdate" physicalPath="C:\\Program Files\\Update Services\\Selfupdate" />
                </application>`;
  const bindings = (h, s) => `                <bindings>
                    <binding protocol="http" bindingInformation="*:${h}:" />${httpsBinding ? `\n                    <binding protocol="https" bindingInformation="*:${s}:${httpsHost}" sslFlags="${sni ? 1 : 0}" />` : ''}
                </bindings>`;
  const defaultSite = site === 'Default Web Site';
  const sites = defaultSite
    ? `            <site name="Default Web Site" id="1">\n${wsusRoot}\n${apps}\n${bindings(http, https)}\n            </site>`
    : `            <site name="Default Web Site" id="1">
                <application path="/">
                    <virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="*:80:" />
                </bindings>
            </site>
            <site name="${site}" id="${id}">\n${wsusRoot}\n${apps}\n${bindings(http, https)}\n            </site>`;
  const location = (p, f) => `    <location path="${p}">
        <system.webServer>
            <security>
                <access sslFlags="${f}" />
            </security>
        </system.webServer>
    </location>`;
  const locations = [
    ...(siteLevel ? [location(site, flags(siteLevel))] : []),
    ...['Content', ...APPS, 'Selfupdate'].map((a) => location(`${site}/${a}`, ssl.includes(a) ? flags('Ssl') : siteLevel ? flags(siteLevel) : 'None')),
  ].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by certs-fixtures/deployment/make.mjs from the IIS configuration reference; not exported from a server. -->
<configuration>
    <system.applicationHost>
        <applicationPools>
            <add name="WsusPool" managedRuntimeVersion="v4.0" />
        </applicationPools>
        <sites>
${sites}
        </sites>
    </system.applicationHost>
    <system.webServer>
        <security>
            <access sslFlags="None" />
        </security>
    </system.webServer>
${locations}
</configuration>
`.replace(/\n/g, '\r\n');
}

// ---- netsh http show sslcert (both layouts; German labels for the localised case) ----
const APP_ID = '{4dc3e181-e14b-4a21-b022-59fc669b0914}';
function netshEntry({ endpoint = '0.0.0.0:8531', hostname = false, hash = GOOD_T, negotiate = false, layout = 'current' }) {
  const label = hostname ? 'Hostname:port' : 'IP:port';
  const lines = [
    [label, endpoint], ['Certificate Hash', hash.toLowerCase()], ['Application ID', APP_ID], ['Certificate Store Name', 'MY'],
    ['Verify Client Certificate Revocation', 'Enabled'], ['Verify Revocation Using Cached Client Certificate Only', 'Disabled'], ['Usage Check', 'Enabled'],
    ['Revocation Freshness Time', '0'], ['URL Retrieval Timeout', '0'], ['Ctl Identifier', '(null)'], ['Ctl Store Name', '(null)'],
    ['DS Mapper Usage', 'Disabled'], ['Negotiate Client Certificate', negotiate ? 'Enabled' : 'Disabled'],
  ];
  if (layout === 'current') {
    lines.push(['Reject Connections', 'Disabled'], ['Disable HTTP2', 'Not Set'], ['Disable QUIC', 'Not Set'], ['Disable TLS1.2', 'Not Set'],
      ['Disable TLS1.3', 'Not Set'], ['Disable OCSP Stapling', 'Not Set'], ['Enable Token Binding', 'Not Set'], ['Log Extended Events', 'Not Set'],
      ['Disable Legacy TLS Versions', 'Not Set'], ['Enable Session Ticket', 'Not Set'], ['Extended Properties:', ''], ['PropertyId', '0'],
      ['Receive Window', '1048576'], ['Extended Properties:', ''], ['PropertyId', '1'], ['Max Settings Per Frame', '2796202'], ['Max Settings Per Minute', '4294967295']);
    return lines.map(([l, v]) => (l === 'Extended Properties:' ? `    ${l}` : `    ${pad(l, 29)}: ${v}`)).join('\r\n');
  }
  return lines.map(([l, v]) => `    ${pad(l, 24)}: ${v}`).join('\r\n');
}
// Windows Server 2025's layout (as published netsh output of 2025-era hosts shows it): two more
// switches after "Enable Session Ticket" ("Disable Session ID", "Enable Caching Client Hello"),
// "Extended Properties:" indented by one space, and properties 2 to 4 without values. `off` names
// the TLS switches set: '1.2', '1.3', 'legacy'.
function netshEntry2025({ endpoint = '0.0.0.0:8531', hostname = false, hash = GOOD_T, off = [] }) {
  const set = (v) => (off.includes(v) ? 'Set' : 'Not Set');
  const lines = [
    [hostname ? 'Hostname:port' : 'IP:port', endpoint], ['Certificate Hash', hash.toLowerCase()], ['Application ID', APP_ID], ['Certificate Store Name', 'My'],
    ['Verify Client Certificate Revocation', 'Enabled'], ['Verify Revocation Using Cached Client Certificate Only', 'Disabled'], ['Usage Check', 'Enabled'],
    ['Revocation Freshness Time', '0'], ['URL Retrieval Timeout', '0'], ['Ctl Identifier', '(null)'], ['Ctl Store Name', '(null)'],
    ['DS Mapper Usage', 'Disabled'], ['Negotiate Client Certificate', 'Disabled'], ['Reject Connections', 'Disabled'], ['Disable HTTP2', 'Not Set'],
    ['Disable QUIC', 'Not Set'], ['Disable TLS1.2', set('1.2')], ['Disable TLS1.3', set('1.3')], ['Disable OCSP Stapling', 'Not Set'],
    ['Enable Token Binding', 'Not Set'], ['Log Extended Events', 'Not Set'], ['Disable Legacy TLS Versions', set('legacy')], ['Enable Session Ticket', 'Not Set'],
    ['Disable Session ID', 'Not Set'], ['Enable Caching Client Hello', 'Not Set'],
  ].map(([l, v]) => `    ${pad(l, 29)}: ${v}`);
  const props = [['0', ['Receive Window', '1048576']], ['1', ['Max Settings Per Frame', '2796202'], ['Max Settings Per Minute', '4294967295']], ['2'], ['3'], ['4']];
  for (const [id, ...values] of props)
    lines.push(' Extended Properties:', `    ${pad('PropertyId', 29)}: ${id}`, ...values.map(([l, v]) => `    ${pad(l, 29)}: ${v}`));
  return lines.join('\r\n');
}
// Labels are padded to a column; a longer label is followed by one space.
const pad = (label, column) => (label.length < column ? label.padEnd(column) : `${label} `);
const netsh = (entries) => `\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n${entries.join('\r\n\r\n')}\r\n\r\n`;
const GERMAN = ['IP:Port', 'Zertifikathash', 'Anwendungs-ID', 'Zertifikatspeichername', 'Überprüfung der Clientzertifikatsperre', 'Sperrüberprüfung nur mit zwischengespeichertem Clientzertifikat', 'Verwendungsüberprüfung', 'Sperraktualitätszeit', 'URL-Abruftimeout', 'CTL-Bezeichner', 'CTL-Speichername', 'DS-Zuordnungsverwendung', 'Clientzertifikat aushandeln'];
const netshGerman = (hash) => `\r\nSSL-Zertifikatbindungen:\r\n------------------------\r\n\r\n${GERMAN.map((l, i) => `    ${pad(l, 24)}: ${['0.0.0.0:8531', hash.toLowerCase(), APP_ID, 'MY', 'Aktiviert', 'Deaktiviert', 'Aktiviert', '0', '0', '(null)', '(null)', 'Deaktiviert', 'Aktiviert'][i]}`).join('\r\n')}\r\n\r\n`;

// ---- serialized certificate elements ([MS-GPEF] §2.2.1.1.1; wincrypt CERT_*_PROP_ID) ----
const element = (id, data) => {
  const h = Buffer.alloc(12);
  h.writeUInt32LE(id, 0);
  h.writeUInt32LE(1, 4);
  h.writeUInt32LE(data.length, 8);
  return Buffer.concat([h, data]);
};
const utf16z = (s) => Buffer.from(`${s}\0`, 'utf16le');
function keyProvInfo(container, provider) {
  const c = utf16z(container);
  const p = utf16z(provider);
  const h = Buffer.alloc(28);
  h.writeUInt32LE(28, 0); // container name offset
  h.writeUInt32LE(28 + c.length, 4); // provider name offset
  h.writeUInt32LE(0, 8); // provider type 0: CNG (KSP)
  h.writeUInt32LE(0x20, 12); // CRYPT_MACHINE_KEYSET
  h.writeUInt32LE(0, 16);
  h.writeUInt32LE(0, 20);
  h.writeUInt32LE(0, 24); // key spec 0: CNG
  return Buffer.concat([h, c, p]);
}
function serializedCert(certDer, { key = true, archived = false, name = 'sup01' } = {}) {
  return Buffer.concat([
    ...(key ? [element(2, keyProvInfo('te-WebServer-0b5a7f0c-1d2e-4f3a-9b8c-7d6e5f4a3b2c', 'Microsoft Software Key Storage Provider'))] : []),
    element(11, utf16z(name)),
    ...(archived ? [element(19, Buffer.alloc(0))] : []),
    element(32, certDer),
  ]);
}
const sst = (items) => Buffer.concat([Buffer.from([0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54]), ...items, Buffer.alloc(12)]);

// ---- .reg files: Wine's reg.exe when present ----
const haveWine = (() => {
  try {
    execFileSync('wine', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.REQUIRE_WINE) throw new Error('REQUIRE_WINE is set but wine is not installed');
    return false;
  }
})();
const made = [];
function regFile(rel, keys) {
  // keys: [{ path, values: [[name, type, data]] }] with type REG_SZ | REG_DWORD | REG_BINARY
  if (haveWine) {
    const prefix = mkdtempSync(path.join(tmpdir(), 'supcert-wine-'));
    const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all' };
    try {
      for (const k of keys) {
        execFileSync('wine', ['reg', 'add', k.path, '/f'], { env, stdio: 'ignore' });
        for (const [name, type, data] of k.values) execFileSync('wine', ['reg', 'add', k.path, '/v', name, '/t', type, '/d', String(data), '/f'], { env, stdio: 'ignore' });
      }
      const target = path.join(prefix, 'export.reg');
      execFileSync('wine', ['reg', 'export', keys[0].root ?? keys[0].path, target, '/y'], { env, stdio: 'ignore' });
      out(rel, readFileSync(target));
      made.push(`${rel}: wine reg export`);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
    return;
  }
  // Fallback: REGEDIT5 as reg.exe writes it (UTF-16 LE with BOM, hex lists wrapped at 80 columns).
  const lines = ['Windows Registry Editor Version 5.00', ''];
  for (const k of keys) {
    lines.push(`[${k.path.replace(/^HKLM\\/, 'HKEY_LOCAL_MACHINE\\')}]`);
    for (const [name, type, data] of k.values) {
      if (type === 'REG_SZ') lines.push(`"${name}"="${String(data).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
      else if (type === 'REG_DWORD') lines.push(`"${name}"=dword:${Number(data).toString(16).padStart(8, '0')}`);
      else {
        const bytes = String(data).match(/../g).join(',');
        let line = `"${name}"=hex:`;
        const parts = bytes.split(',');
        const wrapped = [];
        for (const [i, b] of parts.entries()) {
          const piece = b + (i < parts.length - 1 ? ',' : '');
          if (line.length + piece.length > 77) {
            wrapped.push(`${line}\\`);
            line = '  ';
          }
          line += piece;
        }
        wrapped.push(line);
        lines.push(...wrapped);
      }
    }
    lines.push('');
  }
  out(rel, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf16le')]));
  made.push(`${rel}: written by make.mjs (Wine not installed)`);
}
const SETUP = 'HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup';
const setupReg = (rel, { ssl = 1, name = 'sup01.corp.contoso.com', port = 8530, site = 1234 } = {}) => regFile(rel, [{ path: SETUP, values: [
  ['UsingSSL', 'REG_DWORD', ssl], ['ServerCertificateName', 'REG_SZ', name], ['PortNumber', 'REG_DWORD', port], ['IISTargetWebSiteIndex', 'REG_DWORD', site],
  ['ContentDir', 'REG_SZ', 'D:\\WSUS'], ['SqlServerName', 'REG_SZ', 'MICROSOFT##WID'],
] }]);
const MY = 'HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\MY';
const myReg = (rel, certs) => regFile(rel, [
  { path: MY, values: [] },
  ...certs.map(([d, opts]) => ({ root: MY, path: `${MY}\\Certificates\\${thumb(d)}`, values: [['Blob', 'REG_BINARY', serializedCert(d, opts).toString('hex').toUpperCase()]] })),
].map((k, _i, all) => ({ ...k, root: MY })));

// ---- the files ----
rmSync(path.join(here, 'iis'), { recursive: true, force: true });
rmSync(path.join(here, 'netsh'), { recursive: true, force: true });
rmSync(path.join(here, 'reg'), { recursive: true, force: true });
rmSync(path.join(here, 'sst'), { recursive: true, force: true });
rmSync(path.join(here, 'snapshots'), { recursive: true, force: true });

out('iis/wsus-admin-good.config', iisConfig());
out('iis/default-site-good.config', iisConfig({ site: 'Default Web Site', id: 1, http: 80, https: 443 }));
out('iis/no-https-binding.config', iisConfig({ httpsBinding: false }));
out('iis/content-requires-ssl.config', iisConfig({ ssl: [...FIVE, 'Content'] }));
out('iis/missing-simpleauth.config', iisConfig({ ssl: FIVE.filter((a) => a !== 'SimpleAuthWebService') }));
out('iis/site-level-ssl.config', iisConfig({ ssl: FIVE, siteLevel: 'Ssl' }));
out('iis/client-cert-accept.config', iisConfig({ clientCert: 'accept' }));
out('iis/client-cert-require.config', iisConfig({ clientCert: 'require' }));
out('iis/sni-hostname.config', iisConfig({ httpsHost: 'sup01.corp.contoso.com', sni: true }));

out('netsh/current-good.txt', netsh([netshEntry({})]));
out('netsh/older-good.txt', netsh([netshEntry({ layout: 'older' })]));
out('netsh/default-site-443.txt', netsh([netshEntry({ endpoint: '0.0.0.0:443', layout: 'older' })]));
out('netsh/old-certificate.txt', netsh([netshEntry({ hash: OLD_T })]));
out('netsh/negotiate-client-cert.txt', netsh([netshEntry({ negotiate: true })]));
out('netsh/hostname-port.txt', netsh([netshEntry({ endpoint: 'sup01.corp.contoso.com:8531', hostname: true })]));
out('netsh/two-entries-one-old.txt', netsh([netshEntry({}), netshEntry({ endpoint: '10.0.0.5:8531', hash: OLD_T })]));
out('netsh/no-bindings.txt', '\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n');
out('netsh/german.txt', Buffer.from(netshGerman(GOOD_T), 'latin1'));
out('netsh/server2025-good.txt', netsh([netshEntry2025({}), netshEntry2025({ endpoint: '[::]:8531' })]));
out('netsh/server2025-no-tls-version.txt', netsh([netshEntry2025({ off: ['1.2', '1.3', 'legacy'] })]));
out('netsh/server2025-legacy-tls-only.txt', netsh([netshEntry2025({ off: ['1.2', '1.3'] })]));
out('netsh/server2025-tls13-off.txt', netsh([netshEntry2025({ off: ['1.3', 'legacy'] })]));
out(
  'netsh/sni-every-name-ip-old.txt',
  netsh([
    netshEntry2025({ endpoint: 'sup01.corp.contoso.com:8531', hostname: true }),
    netshEntry2025({ endpoint: 'sup01.contoso.com:8531', hostname: true }),
    netshEntry2025({ hash: OLD_T }),
  ]),
);
out('netsh/sni-intranet-ip-old.txt', netsh([netshEntry2025({ endpoint: 'sup01.corp.contoso.com:8531', hostname: true }), netshEntry2025({ hash: OLD_T })]));

setupReg('reg/setup-good.reg');
setupReg('reg/setup-default-site.reg', { port: 80, site: 1 });
setupReg('reg/setup-not-ssl.reg', { ssl: 0 });
setupReg('reg/setup-wrong-name.reg', { name: 'sup01' });
myReg('reg/my-good.reg', [[GOOD, {}], [OLD, { name: 'sup01 (2024)' }]]);
myReg('reg/my-without-bound.reg', [[OLD, {}]]);
myReg('reg/my-no-key.reg', [[GOOD, { key: false }]]);
myReg('reg/my-archived.reg', [[GOOD, { archived: true }]]);
out('sst/my-good.sst', sst([serializedCert(GOOD), serializedCert(OLD, { name: 'sup01 (2024)' })]));
out('sst/my-no-key.sst', sst([serializedCert(GOOD, { key: false })]));
out('sst/truncated.sst', sst([serializedCert(GOOD)]).subarray(0, 200));

// Whole snapshot folders, as an admin would collect them from one SUP.
const snap = (dir, files) => {
  mkdirSync(path.join(here, 'snapshots', dir), { recursive: true });
  for (const [name, from] of Object.entries(files)) copyFileSync(path.join(here, from), path.join(here, 'snapshots', dir, name));
};
snap('good-wsus-admin', { 'applicationHost.config': 'iis/wsus-admin-good.config', 'sslcert.txt': 'netsh/current-good.txt', 'setup.reg': 'reg/setup-good.reg', 'my.reg': 'reg/my-good.reg' });
snap('good-default-site', { 'applicationHost.config': 'iis/default-site-good.config', 'sslcert.txt': 'netsh/default-site-443.txt', 'setup.reg': 'reg/setup-default-site.reg', 'my.sst': 'sst/my-good.sst' });
snap('broken', { 'applicationHost.config': 'iis/content-requires-ssl.config', 'sslcert.txt': 'netsh/old-certificate.txt', 'setup.reg': 'reg/setup-not-ssl.reg', 'my.reg': 'reg/my-good.reg' });
snap('hostname-binding', { 'applicationHost.config': 'iis/sni-hostname.config', 'sslcert.txt': 'netsh/hostname-port.txt', 'setup.reg': 'reg/setup-good.reg', 'my.reg': 'reg/my-good.reg' });
snap('localised', { 'sslcert.txt': 'netsh/german.txt', 'my.reg': 'reg/my-good.reg' });
snap('store-without-bound', { 'sslcert.txt': 'netsh/current-good.txt', 'my.reg': 'reg/my-without-bound.reg' });
snap('with-pfx', { 'applicationHost.config': 'iis/wsus-admin-good.config', 'sslcert.txt': 'netsh/current-good.txt', 'setup.reg': 'reg/setup-good.reg', 'my.reg': 'reg/my-good.reg' });
copyFileSync(path.join(sup, 'good-both.pfx'), path.join(here, 'snapshots', 'with-pfx', 'sup01.pfx'));
snap('renewal-not-bound', { 'applicationHost.config': 'iis/wsus-admin-good.config', 'sslcert.txt': 'netsh/old-certificate.txt', 'setup.reg': 'reg/setup-good.reg', 'my.reg': 'reg/my-good.reg' });
copyFileSync(path.join(sup, 'good-both.pfx'), path.join(here, 'snapshots', 'renewal-not-bound', 'sup01-new.pfx'));

writeFileSync(path.join(here, 'made.txt'), `${made.join('\n')}\nbound certificate (good-both.pem) thumbprint ${GOOD_T}; previous certificate (good-intranet.pem) ${OLD_T}\n`);
console.log(made.join('\n'));
