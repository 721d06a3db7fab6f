import { effectiveSslFlags } from '../../deploy/iisConfig.js';
import {
  HTTP_DIRECTORIES,
  SSL_DIRECTORIES,
  type DeploymentEvidence,
} from '../../deploy/evidence.js';
import { matchHostname } from '../../names/matchHostname.js';
import { quoteList, quoteValue } from '../../util/quote.js';
import type { Reporter, RuleContext } from '../SupRule.js';

const q = (v: string): string => `"${quoteValue(v, 120)}"`;

/** What each rule needs, and the export that gives it (for the info finding when it is missing). */
export const EXPORTS = {
  store:
    'reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\MY" my.reg (or Get-ChildItem Cert:\\LocalMachine\\My | Export-Certificate -Type SST -FilePath my.sst)',
  netsh: 'netsh http show sslcert > sslcert.txt',
  config: '%windir%\\System32\\inetsrv\\config\\applicationHost.config',
  setup: 'reg export "HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup" setup.reg',
} as const;

function named(d: DeploymentEvidence, thumbprint: string): string {
  const subject = d.known.get(thumbprint);
  return subject ? `${thumbprint} (${q(subject)})` : thumbprint;
}

/** SUP-DEP-001: the bound certificate is in LocalMachine\My, linked to its private key, not archived. */
export function checkStore(ctx: RuleContext, d: DeploymentEvidence, report: Reporter): void {
  if (d.stores.length === 0) {
    report.info(
      `No certificate store export was given, so whether ${d.thumbprint} is in the computer's Personal store with its private key is not known. Give ${EXPORTS.store}.`,
    );
    return;
  }
  if (!d.thumbprint) {
    report.info(
      `No certificate is bound on port ${d.sslPort} and no certificate file was given, so there is nothing to look up in the exported store${d.stores.length > 1 ? 's' : ''}.`,
    );
    return;
  }
  const where = d.storeEntry;
  if (!where) {
    report.error(
      `The certificate ${named(d, d.thumbprint)} ${d.judged === 'bound' ? 'that HTTP.sys binds' : 'judged'} is not in the exported store${d.stores.length > 1 ? 's' : ''} (${quoteList(d.stores.map((s) => s.file))}): IIS cannot present a certificate that is not in LocalMachine\\My. Import the PFX into the Computer account's Personal store (certlm.msc, or Import-PfxCertificate -CertStoreLocation Cert:\\LocalMachine\\My), then bind it again.`,
    );
    return;
  }
  const { entry, store, file } = where;
  if (store.location === 'CurrentUser') {
    report.error(
      `${file} is the current user's ${store.store ?? ''} store, not the computer's: IIS reads LocalMachine\\My. Import the certificate into the Computer account's Personal store.`,
    );
  } else if (store.store !== null && store.store !== 'MY') {
    report.error(
      `${file} is the ${q(store.store)} store; the SUP's certificate belongs in LocalMachine\\My (Personal).`,
    );
  }
  if (!entry.hasPrivateKeyLink) {
    report.error(
      `The certificate ${entry.thumbprint} is in ${file} without a link to a private key (no CERT_KEY_PROV_INFO property): IIS cannot use it, and binding it fails with "A specified logon session does not exist" (0x80070520). Import the PFX with its private key (not the .cer), or repair the link with certutil -repairstore my ${entry.thumbprint}.`,
    );
  }
  if (entry.archived) {
    report.error(
      `The certificate ${entry.thumbprint} is archived in ${file} (CERT_ARCHIVED_PROP_ID): IIS and HTTP.sys no longer list it, so a binding to it breaks at the next change. Bind the current certificate, or un-archive it.`,
    );
  }
  if (ctx.cert && !entry.archived && entry.hasPrivateKeyLink && store.store === null) {
    report.info(
      `${file} is an .sst export, which does not name its store: make sure it is LocalMachine\\My.`,
    );
  }
}

/** SUP-DEP-002: the WSUS site has an https binding on the SSL port, and HTTP.sys binds this certificate there on every entry. */
export function checkBinding(_ctx: RuleContext, d: DeploymentEvidence, report: Reporter): void {
  if (d.config) {
    const site = d.wsusSite;
    if (!site) {
      report.error(
        `${d.config.file} has no IIS site with the WSUS virtual directory ClientWebService (sites: ${quoteList(d.config.config.sites.map((s) => s.name))}): WSUS is not installed in this IIS, or the file comes from another server.`,
      );
    } else {
      const https = site.bindings.filter((b) => b.protocol === 'https');
      const onPort = https.filter((b) => b.port === d.sslPort);
      if (onPort.length === 0) {
        report.error(
          `The WSUS site ${q(site.name)} has no https binding on port ${d.sslPort} (${d.sslPortFrom})${https.length ? `; its https bindings: ${quoteList(https.map((b) => b.bindingInformation))}` : ''}. Add the binding (IIS Manager > ${site.name} > Bindings > https, port ${d.sslPort}) and select the certificate.`,
        );
      }
    }
  } else {
    report.info(
      `No applicationHost.config was given, so the WSUS site's https binding is not checked. Give ${EXPORTS.config}.`,
    );
  }
  if (!d.netsh) {
    report.info(
      `No "netsh http show sslcert" output was given, so which certificate HTTP.sys presents on port ${d.sslPort} is not known. Give ${EXPORTS.netsh}.`,
    );
    return;
  }
  const entries = d.bindingsOnPort;
  if (d.intended && d.intended !== d.thumbprint && d.judged === 'bound') {
    report.error(
      `HTTP.sys presents ${named(d, d.thumbprint)} on port ${d.sslPort}, not the certificate file given, ${named(d, d.intended)}: the new certificate was imported but not bound (after a renewal, the old one stays bound until the binding is changed). Select it in the WSUS site's https binding (IIS Manager > Bindings > https > SSL certificate). The other rules judge the certificate actually bound.`,
    );
  }
  if (entries.length === 0) {
    const ports = [...new Set(d.netsh.netsh.bindings.map((b) => b.endpoint))];
    report.error(
      `HTTP.sys binds no certificate on port ${d.sslPort} (${d.netsh.file}${ports.length ? `: only ${quoteList(ports)}` : ': no bindings at all'}): clients get no TLS connection. Bind the certificate to the WSUS site's https binding on port ${d.sslPort}.`,
    );
    return;
  }
  for (const b of entries) {
    if (b.certificateHash === undefined) {
      report.error(
        `HTTP.sys's entry ${q(b.endpoint)} in ${d.netsh.file} has no certificate hash${b.kind === 'ccs' ? ' (Central Certificate Store)' : ''}: supcert cannot tell which certificate clients get there.`,
      );
    } else if (b.certificateHash !== d.thumbprint) {
      report.error(
        `HTTP.sys presents ${named(d, b.certificateHash)} on ${b.kind === 'hostname' ? 'hostname:port' : 'IP:port'} ${q(b.endpoint)}, not ${named(d, d.thumbprint)}: clients connecting there get the other certificate (the old one after a renewal?). Select the new certificate in the WSUS site's https binding${b.kind === 'hostname' ? ' for this host name' : ''}, or: netsh http update sslcert ${b.kind === 'hostname' ? 'hostnameport' : 'ipport'}=${b.endpoint} certhash=${d.thumbprint} appid=${b.applicationId ?? '{…}'} certstorename=MY.`,
      );
    }
  }
}

/** SUP-DEP-003: exactly the five virtual directories require SSL. */
export function checkRequireSsl(_ctx: RuleContext, d: DeploymentEvidence, report: Reporter): void {
  if (!d.config || !d.wsusSite) {
    report.info(
      `${d.config ? `${d.config.file} has no WSUS site, so` : 'No applicationHost.config was given, so'} which virtual directories require SSL is not known. Give ${EXPORTS.config}.`,
    );
    return;
  }
  const site = d.wsusSite.name;
  const ssl = (dir: string) => effectiveSslFlags(d.config!.config, site, dir);
  const requires = (flags: string[]) => flags.some((f) => f.toLowerCase() === 'ssl');
  const missing = SSL_DIRECTORIES.filter((dir) => !requires(ssl(dir).flags));
  const extra = [...HTTP_DIRECTORIES, ''].filter((dir) => requires(ssl(dir).flags));
  if (missing.length > 0) {
    report.error(
      `${quoteList(missing)} ${missing.length > 1 ? 'do' : 'does'} not require SSL on ${q(site)} (${ssl(missing[0]!).from}): with "Require SSL communication to the WSUS server" clients reach ${missing.length > 1 ? 'them' : 'it'} over HTTPS only in part. In IIS Manager, SSL Settings: tick Require SSL on ${missing.length > 1 ? 'each' : 'it'}.`,
    );
  }
  if (extra.length > 0) {
    const names = extra.map((dir) => (dir === '' ? `the site root of ${site}` : dir));
    report.error(
      `${quoteList(names)} require${extra.length > 1 ? '' : 's'} SSL on ${q(site)} (${ssl(extra[0]!).from}): clients download content and self-update over HTTP, so downloads fail. Require SSL on the five web services only (${SSL_DIRECTORIES.join(', ')}), never on the site or on Content.`,
    );
  }
}

/** SUP-DEP-004: client certificates are ignored. */
export function checkClientCertificates(
  _ctx: RuleContext,
  d: DeploymentEvidence,
  report: Reporter,
): void {
  let decided = false;
  if (d.config && d.wsusSite) {
    decided = true;
    const site = d.wsusSite.name;
    const asked = [...SSL_DIRECTORIES, ...HTTP_DIRECTORIES]
      .map((dir) => ({ dir, ...effectiveSslFlags(d.config!.config, site, dir) }))
      .filter((x) => x.flags.some((f) => /^sslnegotiatecert$|^sslrequirecert$/i.test(f)));
    if (asked.length > 0) {
      const require = asked.some((x) => x.flags.some((f) => /^sslrequirecert$/i.test(f)));
      report.error(
        `Client certificates are set to ${require ? 'Require' : 'Accept'} on ${quoteList(asked.map((x) => x.dir))} of ${q(site)} (${asked[0]!.from}): Windows Update clients present none and fail with 0x80072F0C. In SSL Settings, set Client certificates to Ignore.`,
        { windowsError: '0x80072F0C' },
      );
    }
  }
  if (d.netsh) {
    const negotiating = d.bindingsOnPort.filter((b) => b.negotiateClientCertificate === true);
    if (negotiating.length > 0) {
      decided = true;
      report.error(
        `HTTP.sys negotiates client certificates on ${quoteList(negotiating.map((b) => b.endpoint))} ("Negotiate Client Certificate: Enabled" in ${d.netsh.file}): clients fail with 0x80072F0C. Recreate the binding without clientcertnegotiation=enable.`,
        { windowsError: '0x80072F0C' },
      );
    } else if (d.bindingsOnPort.some((b) => b.negotiateClientCertificate === false)) {
      decided = true;
    }
  }
  if (!decided)
    report.info(
      `Whether client certificates are ignored is not known${d.netsh?.netsh.layout === 'localised' ? ' (the netsh output is localised, so its "Negotiate Client Certificate" line cannot be read)' : ''}. Give ${EXPORTS.config}.`,
    );
}

/** SUP-DEP-005: WSUS uses SSL, and ServerCertificateName is a name the certificate holds. */
export function checkWsusSetup(ctx: RuleContext, d: DeploymentEvidence, report: Reporter): void {
  if (!d.setup) {
    report.info(
      `No export of WSUS's Setup key was given, so whether "WsusUtil configuressl" was run is not known. Give ${EXPORTS.setup}.`,
    );
    return;
  }
  const { setup, file } = d.setup;
  if (setup.usingSsl !== true) {
    report.error(
      `WSUS does not use SSL: UsingSSL is ${setup.usingSsl === null ? 'not set' : '0'} in ${file}. Run "WsusUtil.exe configuressl ${ctx.options.intranetName ?? '<intranet FQDN>'}" on the SUP, and tick "Require SSL communication to the WSUS server" in the software update point's properties.`,
    );
  }
  const name = setup.serverCertificateName;
  if (!name) {
    if (setup.usingSsl === true)
      report.error(
        `ServerCertificateName is empty in ${file}: "WsusUtil configuressl" was not given a name. Run it again with the intranet FQDN.`,
      );
    return;
  }
  if (ctx.certificateMissing) return;
  if (!matchHostname(ctx.cert, name, { profile: ctx.options.profile })) {
    report.error(
      `WSUS was configured with ServerCertificateName ${q(name)} (WsusUtil configuressl, in ${file}), which the certificate does not hold (${ctx.cert.dnsNames ? `SAN: ${quoteList(ctx.cert.dnsNames)}` : `CN: ${quoteList(ctx.cert.commonNames)}`}): the WSUS console and downstream servers connect to that name and fail with 0x80072F06. Run "WsusUtil.exe configuressl <a name in the certificate>".`,
      { windowsError: '0x80072F06' },
    );
  } else if (
    ctx.options.configureSslName &&
    ctx.options.configureSslName.toLowerCase() !== name.toLowerCase()
  ) {
    report.warning(
      `configureSslName ${q(ctx.options.configureSslName)} was given, but WSUS was configured with ${q(name)} (${file}).`,
    );
  }
}
