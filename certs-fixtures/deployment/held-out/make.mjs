// Writes the files of this folder from ../iis/wsus-admin-good.config and ../reg/setup-good.reg
// (`node certs-fixtures/deployment/held-out/make.mjs`); each shape's source is in ../README.md.
import { readFileSync, writeFileSync } from 'node:fs';

const here = new URL('./', import.meta.url);
const good = readFileSync(new URL('../iis/wsus-admin-good.config', here), 'utf8');
const out = (name, text) => writeFileSync(new URL(name, here), text);
const must = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`not found: ${from}`);
  return text.replace(from, to);
};
const serverAccess =
  '<system.webServer>\r\n        <security>\r\n            <access sslFlags="None" />';

// <sites configSource>: the sites section in another file.
out(
  'sites-config-source.config',
  good.replace(/<sites>[\s\S]*<\/sites>/, '<sites configSource="sites.config" />'),
);

// The server-level access section in another file, and ClientWebService's as well.
let access = must(
  good,
  serverAccess,
  '<system.webServer>\r\n        <security>\r\n            <access configSource="access.config" />',
);
access = access.replace(
  /(<location path="WSUS Administration\/ClientWebService">[\s\S]*?)<access sslFlags="Ssl" \/>/,
  '$1<access configSource="ClientWebService.access.config" />',
);
out('access-config-source.config', access);

// The https binding only in <siteDefaults>, which the WSUS site's <clear /> drops.
let defaults = must(
  good,
  '                    <binding protocol="http" bindingInformation="*:8530:" />\r\n                    <binding protocol="https" bindingInformation="*:8531:" sslFlags="0" />',
  '                    <clear />\r\n                    <binding protocol="http" bindingInformation="*:8530:" />',
);
defaults = must(
  defaults,
  '        </sites>',
  '            <siteDefaults>\r\n                <bindings>\r\n                    <binding protocol="https" bindingInformation="*:8531:" />\r\n                </bindings>\r\n            </siteDefaults>\r\n        </sites>',
);
out('site-defaults-cleared.config', defaults);
// The same without the <clear />: the site inherits the https binding.
out(
  'site-defaults-inherited.config',
  must(defaults, '                    <clear />\r\n', ''),
);

// redirection.config with Shared Configuration on.
out(
  'redirection.config',
  '\uFEFF<configuration>\r\n' +
    '    <configSections>\r\n' +
    '        <section name="configurationRedirection" />\r\n' +
    '    </configSections>\r\n' +
    '    <configProtectedData>\r\n' +
    '        <providers>\r\n' +
    '            <add name="IISRsaProvider" type="" description="Uses RsaCryptoServiceProvider to encrypt and decrypt" keyContainerName="iisConfigurationKey" cspProviderName="" useMachineContainer="true" useOAEP="false" />\r\n' +
    '        </providers>\r\n' +
    '    </configProtectedData>\r\n' +
    '    <configurationRedirection enabled="true" path="\\\\fs01\\iisconfig$" userName="CONTOSO\\svc-iisconfig" password="[enc:IISRsaProvider:cmVtb3ZlZA==:enc]" />\r\n' +
    '</configuration>\r\n',
);

// The Setup key with UsingSSL as REG_SZ "1" (reg.exe's UTF-16 LE layout).
const setup = readFileSync(new URL('../reg/setup-good.reg', here));
const text = new TextDecoder('utf-16le').decode(setup);
const sz = must(text, '"UsingSSL"=dword:00000001', '"UsingSSL"="1"');
out('setup-using-ssl-string.reg', Buffer.from(`\uFEFF${sz}`, 'utf16le'));
