import { effectiveSslFlags } from '../../deploy/iisConfig.js';
import { sniHostForm, sniMightServe } from '../../deploy/netshSslcert.js';
import {
  HTTP_DIRECTORIES,
  SSL_DIRECTORIES,
  type DeploymentEvidence,
} from '../../deploy/evidence.js';
import { Eku } from '../../asn1/oids.js';
import type { StoreEntry } from '../../deploy/certStore.js';
import { matchHostname } from '../../names/matchHostname.js';
import { quoteList, quoteValue } from '../../util/quote.js';
import { requiredNames } from '../requiredNames.js';
import { type Reporter, type RuleContext, finding } from '../SupRule.js';
import type { CertificateInfo } from '../../x509/CertificateInfo.js';

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

type D = DeploymentEvidence;
type Where = NonNullable<D['storeEntry']>;

/** SUP-DEP-001's findings from a snapshot. */
export const STORE = {
  certificateNotJudged: finding(
    'sup.dep.certificate_not_judged',
    'error',
    ({ why, store }: { why: string; store: 'MY' | 'WebHosting' }) =>
      `No certificate was judged: ${why}. The certificate rules (names, EKU, key, validity, chain) did not run, so the snapshot cannot pass. Give the bound certificate with the other files: the PFX, or reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\${store}" ${store.toLowerCase()}.reg (or an .sst of that store).`,
  ),
  conflictingFiles: finding(
    'sup.dep.conflicting_files',
    'error',
    ({ conflict }: { conflict: string }) =>
      `The files given disagree: ${conflict}. They are not one snapshot of one server, so the deployment cannot be judged from them: export them again on the SUP at the same time, and give each export once.`,
  ),
  notGiven: finding(
    'sup.dep.store_not_given',
    'info',
    ({ d }: { d: D }) =>
      `No certificate store export was given, so whether ${d.thumbprint} is in the computer's Personal store with its private key is not known. Give ${EXPORTS.store}.`,
  ),
  nothingBound: finding(
    'sup.dep.store_nothing_to_look_up',
    'info',
    ({ d }: { d: D }) =>
      `No certificate is bound on port ${d.sslPort} and no certificate file was given, so there is nothing to look up in the exported store${d.stores.length > 1 ? 's' : ''}.`,
  ),
  notInStore: finding(
    'sup.dep.not_in_store',
    'error',
    ({ d }: { d: D }) =>
      `The certificate ${named(d, d.thumbprint)} ${d.judged === 'bound' ? 'that HTTP.sys binds' : 'judged'} is not in the exported store${d.stores.length > 1 ? 's' : ''} (${quoteList(d.stores.map((s) => s.file))}): IIS cannot present a certificate that is not in LocalMachine\\My. Import the PFX into the Computer account's Personal store (certlm.msc, or Import-PfxCertificate -CertStoreLocation Cert:\\LocalMachine\\My), then bind it again.`,
  ),
  userStore: finding(
    'sup.dep.user_store',
    'error',
    ({ file, store }: { file: string; store: Where['store'] }) =>
      `${file} is the current user's ${store.store ?? ''} store, not the computer's: IIS reads LocalMachine\\My. Import the certificate into the Computer account's Personal store.`,
  ),
  webHostingNotGiven: finding(
    'sup.dep.webhosting_store_not_given',
    'info',
    ({ d }: { d: D }) =>
      `HTTP.sys takes ${named(d, d.thumbprint)} from the computer's Web Hosting store (Certificate Store Name: WebHosting), which works like the Personal store, and no export of it was given (${quoteList(d.stores.map((s) => s.file))}). Give reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\WebHosting" webhosting.reg.`,
  ),
  otherStore: finding(
    'sup.dep.other_store',
    'error',
    ({ file, store }: { file: string; store: string }) =>
      `${file} is the ${q(store)} store; the SUP's certificate belongs in LocalMachine\\My (Personal).`,
  ),
  noKeyLink: finding(
    'sup.dep.no_private_key_link',
    'error',
    ({ thumbprint, file }: { thumbprint: string; file: string }) =>
      `The certificate ${thumbprint} is in ${file} without a link to a private key (no CERT_KEY_PROV_INFO property): IIS cannot use it, and binding it fails with "A specified logon session does not exist" (0x80070520). Import the PFX with its private key (not the .cer), or repair the link with certutil -repairstore my ${thumbprint}.`,
  ),
  archived: finding(
    'sup.dep.archived',
    'error',
    ({ thumbprint, file }: { thumbprint: string; file: string }) =>
      `The certificate ${thumbprint} is archived in ${file} (CERT_ARCHIVED_PROP_ID): IIS and HTTP.sys no longer list it, so a binding to it breaks at the next change. Bind the current certificate, or un-archive it.`,
  ),
  sstStore: finding(
    'sup.dep.sst_store_unnamed',
    'info',
    ({ file }: { file: string }) =>
      `${file} is an .sst export, which does not name its store: make sure it is LocalMachine\\My.`,
  ),
} as const;

/** netsh says HTTP.sys takes the judged certificate from the WebHosting store. */
function boundFromWebHosting(d: DeploymentEvidence): boolean {
  const b = d.bindingsOnPort.find((x) => x.certificateHash === d.thumbprint);
  return b?.storeName !== undefined && /^webhosting$/i.test(b.storeName);
}

/** SUP-DEP-001: the bound certificate is in LocalMachine\My, linked to its private key, not archived. */
export function checkStore(ctx: RuleContext, d: DeploymentEvidence, report: Reporter): void {
  // A gate never passes what it did not check: no certificate in the files is an error here.
  if (ctx.certificateMissing)
    report(STORE.certificateNotJudged, {
      why: ctx.certificateMissing,
      store: boundFromWebHosting(d) ? 'WebHosting' : 'MY',
    });
  // Files that contradict each other: whichever one is read, the verdict would be a guess.
  for (const conflict of d.conflicts ?? []) report(STORE.conflictingFiles, { conflict });
  if (d.stores.length === 0) {
    report(STORE.notGiven, { d });
    return;
  }
  if (!d.thumbprint) {
    report(STORE.nothingBound, { d });
    return;
  }
  // IIS 8+ binds from LocalMachine\My or LocalMachine\WebHosting ("works like the Personal
  // store"); netsh names the store of each entry.
  const webHosting = boundFromWebHosting(d);
  const where = d.storeEntry;
  if (!where) {
    if (webHosting && !d.stores.some((s) => s.store.store === 'WEBHOSTING'))
      report(STORE.webHostingNotGiven, { d });
    else report(STORE.notInStore, { d });
    return;
  }
  const { entry, store, file } = where;
  if (store.location === 'CurrentUser') {
    report(STORE.userStore, { file, store });
  } else if (
    store.store !== null &&
    store.store !== 'MY' &&
    !(store.store === 'WEBHOSTING' && webHosting)
  ) {
    report(STORE.otherStore, { file, store: store.store });
  }
  if (!entry.hasPrivateKeyLink) {
    report(STORE.noKeyLink, { thumbprint: entry.thumbprint, file });
  }
  if (entry.archived) {
    report(STORE.archived, { thumbprint: entry.thumbprint, file });
  }
  if (ctx.cert && !entry.archived && entry.hasPrivateKeyLink && store.store === null) {
    report(STORE.sstStore, { file });
  }
}

type Binding = D['bindingsOnPort'][number];

/** SUP-DEP-002's findings from a snapshot. */
/**
 * The netsh command that clears one of HTTP.sys's per-binding TLS switches for an entry (netsh
 * http update sslcert takes the entry's certificate and application ID again).
 */
function tlsSwitchCommand(b: Binding, option: 'disablelegacytls' | 'disabletls12'): string {
  const key = b.kind === 'hostname' ? 'hostnameport' : 'ipport';
  return `netsh http update sslcert ${key}=${b.endpoint} certhash=${b.certificateHash ?? '<thumbprint>'} appid=${b.applicationId ?? '{…}'} ${option}=disable`;
}

/** "hostname:port entry" or "hostname:port entries". */
const entriesOf = (bs: Binding[]): string => `hostname:port ${bs.length > 1 ? 'entries' : 'entry'}`;

/**
 * Why HTTP.sys's use of these SNI entries for the SUP's clients is not documented (sniHostForm):
 * a host name ending with a dot, which no client sends; a wildcard, which Microsoft does not say
 * HTTP.sys matches.
 */
function undocumentedWhy(bs: Binding[], names: string[]): string {
  const forms = new Set(bs.map((b) => sniHostForm(b.host)));
  const why = [
    ...(forms.has('trailing-dot')
      ? [
          'a host name that ends with a dot, while clients send the server name without one, RFC 6066 §3',
        ]
      : []),
    ...(forms.has('wildcard')
      ? [
          "a wildcard host name, while Microsoft documents an SNI entry's host as one host name, HTTP_SERVICE_CONFIG_SSL_SNI_KEY, and no wildcard matching for it",
        ]
      : []),
  ].join('; ');
  return `whether HTTP.sys uses ${bs.length > 1 ? 'them' : 'it'} for clients connecting as ${names.length ? quoteList(names) : "the SUP's names"} is not documented (${why})`;
}

/** The way out: an entry for each name exactly as clients send it (or 0.0.0.0), and the odd ones deleted. */
function exactEntryFix(bs: Binding[], d: D, names: string[]): string {
  return `Give ${names.length > 1 ? 'each name' : 'the name'}${names.length ? ` (${quoteList(names)})` : ''} its own entry, spelled as clients send it (an https binding of the WSUS site with that host name and "Require Server Name Indication" on port ${d.sslPort}), or bind the certificate for IP address "All Unassigned" (0.0.0.0); then delete the ${bs.length > 1 ? 'entries' : 'entry'} set aside (netsh http delete sslcert hostnameport=${bs[0]!.endpoint}${bs.length > 1 ? ', and so on' : ''}).`;
}

/** The certificates some entries bind, each once, named; "no certificate hash" for an entry without. */
const certificatesOf = (d: D, bs: Binding[]): string =>
  [
    ...new Set(
      bs.map((b) => (b.certificateHash ? named(d, b.certificateHash) : 'no certificate hash')),
    ),
  ].join(', ');

export const BINDING = {
  noWsusSite: finding(
    'sup.dep.no_wsus_site',
    'error',
    ({ file, sites }: { file: string; sites: string[] }) =>
      `${file} has no IIS site with the WSUS virtual directory ClientWebService (sites: ${quoteList(sites)}): WSUS is not installed in this IIS, or the file comes from another server.`,
  ),
  noHttpsBinding: finding(
    'sup.dep.no_https_binding',
    'error',
    ({ site, d, https }: { site: string; d: D; https: string[] }) =>
      `The WSUS site ${q(site)} has no https binding on port ${d.sslPort} (${d.sslPortFrom})${https.length ? `; its https bindings: ${quoteList(https)}` : ''}. Add the binding (IIS Manager > ${site} > Bindings > https, port ${d.sslPort}) and select the certificate.`,
  ),
  sitesMoved: finding(
    'sup.dep.sites_config_source',
    'info',
    ({ file, source }: { file: string; source: string }) =>
      `${file} moves the sites section to ${q(source)} (<sites configSource>): IIS reads the sites, their bindings and virtual directories from that file, which supcert does not read. The WSUS site and its https binding are NOT decided. Put the sites back into applicationHost.config (or copy that file's <sites> element into the one given) to have them judged.`,
  ),
  sharedConfiguration: finding(
    'sup.dep.shared_configuration',
    'info',
    ({ d, redirection }: { d: D; redirection: NonNullable<D['redirection']> }) =>
      `${redirection.file} turns on IIS Shared Configuration (<configurationRedirection enabled="true">): IIS reads applicationHost.config from ${q(redirection.path)}, not from %windir%\\System32\\inetsrv\\config. ${d.config ? `Whether ${d.config.file} is that file is NOT decided: its sites, bindings and SSL settings are judged as given.` : 'No applicationHost.config was given.'} Give the applicationHost.config from ${q(redirection.path)}.`,
  ),
  configNotGiven: finding(
    'sup.dep.binding_config_not_given',
    'info',
    () =>
      `No applicationHost.config was given, so the WSUS site's https binding is not checked. Give ${EXPORTS.config}.`,
  ),
  netshNotGiven: finding(
    'sup.dep.netsh_not_given',
    'info',
    ({ d }: { d: D }) =>
      `No "netsh http show sslcert" output was given, so which certificate HTTP.sys presents on port ${d.sslPort} is not known. Give ${EXPORTS.netsh}.`,
  ),
  otherBound: finding(
    'sup.dep.given_certificate_not_bound',
    'error',
    ({ d }: { d: D }) =>
      `HTTP.sys presents ${named(d, d.thumbprint)} on port ${d.sslPort}, not the certificate file given, ${named(d, d.intended!)}: the new certificate was imported but not bound (after a renewal, the old one stays bound until the binding is changed). Select it in the WSUS site's https binding (IIS Manager > Bindings > https > SSL certificate). The other rules judge the certificate actually bound.`,
  ),
  nothingBound: finding(
    'sup.dep.no_certificate_bound',
    'error',
    ({ d, file, ports }: { d: D; file: string; ports: string[] }) =>
      `HTTP.sys binds no certificate on port ${d.sslPort} (${file}${ports.length ? `: only ${quoteList(ports)}` : ': no bindings at all'}): clients get no TLS connection. Bind the certificate to the WSUS site's https binding on port ${d.sslPort}.`,
  ),
  noHash: finding(
    'sup.dep.binding_without_hash',
    'error',
    ({ bs, file }: { bs: Binding[]; file: string }) =>
      `HTTP.sys's ${bs.length > 1 ? 'entries' : 'entry'} ${quoteList(bs.map((b) => b.endpoint))} in ${file} ${bs.length > 1 ? 'have' : 'has'} no certificate hash${bs.every((b) => b.kind === 'ccs') ? ' (Central Certificate Store)' : ''}: supcert cannot tell which certificate clients get there.`,
  ),
  otherCertificate: finding(
    'sup.dep.binding_other_certificate',
    'error',
    ({ bs, d }: { bs: Binding[]; d: D }) => {
      const b = bs[0]!;
      const kind = b.kind === 'hostname' ? 'hostname:port' : 'IP:port';
      const each = bs.length > 1 ? ' (for each entry)' : '';
      const specific = bs.filter((x) => x.kind === 'ip' && !isWildcard(x));
      const stale = specific.length
        ? ` An entry for one address wins over 0.0.0.0 for every client that reaches the SUP at that address; if ${quoteList(specific.map((x) => x.host))} ${specific.length > 1 ? 'are' : 'is'} no longer an address of this server, delete the stale entry instead (netsh http delete sslcert ipport=${specific[0]!.endpoint}).`
        : '';
      return `HTTP.sys presents ${named(d, b.certificateHash!)} on ${kind} ${quoteList(bs.map((x) => x.endpoint))}, not ${named(d, d.thumbprint)}: clients connecting there get the other certificate (the old one after a renewal?). Select the new certificate in the WSUS site's https binding${b.kind === 'hostname' ? ' for this host name' : ''}, or${each}: netsh http update sslcert ${b.kind === 'hostname' ? 'hostnameport' : 'ipport'}=${b.endpoint} certhash=${d.thumbprint} appid=${b.applicationId ?? '{…}'} certstorename=${b.storeName && /^webhosting$/i.test(b.storeName) ? 'WebHosting' : 'MY'}.${stale}`;
    },
  ),
  legacyTlsDisabled: finding(
    'sup.dep.binding_legacy_tls_disabled',
    'warning',
    ({ bs, file }: { bs: Binding[]; file: string }) =>
      `HTTP.sys accepts only TLS 1.2 and later on ${quoteList(bs.map((x) => x.endpoint))} ("Disable Legacy TLS Versions: Set" in ${file}): clients that cannot use TLS 1.2 fail the TLS handshake and cannot scan. Windows 8.1, Windows Server 2012 R2 and later use TLS 1.2 natively; Windows 7 SP1, Windows Server 2008 R2 SP1 and Windows Server 2012 need KB 3140245 and WinHTTP's DefaultSecureProtocols registry value set (0xA80 or 0xAA0). Microsoft's order is clients first, then the site systems, then test, then turn the old versions off: make sure every client, downstream WSUS server and the site server use TLS 1.2, or clear the switch (IIS Manager: untick "Disable Legacy TLS" on the https binding; or ${tlsSwitchCommand(bs[0]!, 'disablelegacytls')}).`,
  ),
  tls12Disabled: finding(
    'sup.dep.binding_tls12_disabled',
    'warning',
    ({ bs, file, tls13Off = false }: { bs: Binding[]; file: string; tls13Off?: boolean }) =>
      tls13Off
        ? `HTTP.sys offers only TLS 1.0 and TLS 1.1 on ${quoteList(bs.map((x) => x.endpoint))} ("Disable TLS1.2: Set" and "Disable TLS1.3: Set" in ${file}): every client connects with a deprecated version, and fails wherever TLS 1.0 and 1.1 are turned off in SChannel on the client or the server (registry settings no snapshot shows; Windows 11 turns them off in its newer releases). Clear the switch: ${tlsSwitchCommand(bs[0]!, 'disabletls12')}.`
        : `HTTP.sys does not offer TLS 1.2 on ${quoteList(bs.map((x) => x.endpoint))} ("Disable TLS1.2: Set" in ${file}): clients without TLS 1.3 (WinHTTP has it from Windows 11 and Windows Server 2022 on) fall back to TLS 1.1 or 1.0, and fail wherever those are turned off in SChannel on the client or the server (registry settings no snapshot shows). Clear the switch: ${tlsSwitchCommand(bs[0]!, 'disabletls12')}.`,
  ),
  tls13Only: finding(
    'sup.dep.binding_tls13_only',
    'error',
    ({ bs, file }: { bs: Binding[]; file: string }) =>
      `HTTP.sys offers only TLS 1.3 on ${quoteList(bs.map((x) => x.endpoint))} ("Disable TLS1.2: Set" and "Disable Legacy TLS Versions: Set" in ${file}): WinHTTP has TLS 1.3 from Windows 11 and Windows Server 2022 on only, so Windows 10, Windows Server 2019 and older clients (and a site server or downstream WSUS server on them) fail the TLS handshake and cannot scan or synchronise. Turn TLS 1.2 back on: ${tlsSwitchCommand(bs[0]!, 'disabletls12')}.`,
  ),
  noTlsVersion: finding(
    'sup.dep.binding_no_tls_version',
    'error',
    ({ bs, file }: { bs: Binding[]; file: string }) =>
      `HTTP.sys offers no TLS version on ${quoteList(bs.map((x) => x.endpoint))} ("Disable Legacy TLS Versions", "Disable TLS1.2" and "Disable TLS1.3" all Set in ${file}): TLS 1.0 and 1.1, TLS 1.2 and TLS 1.3 are all switched off for the entry, so the TLS handshake fails for every client, site server and downstream WSUS server. Turn TLS 1.2 back on: ${tlsSwitchCommand(bs[0]!, 'disabletls12')}.`,
  ),
  addressEntryBehindSni: finding(
    'sup.dep.address_entry_behind_sni',
    'info',
    ({ bs, d, hosts }: { bs: Binding[]; d: D; hosts: string[] }) =>
      `HTTP.sys's ${bs.length > 1 ? 'entries' : 'entry'} ${quoteList(bs.map((x) => x.endpoint))} ${bs.length > 1 ? 'bind' : 'binds'} ${named(d, bs[0]!.certificateHash!)}, not ${named(d, d.thumbprint)}; every name of the SUP has its own hostname:port entry (${quoteList(hosts)}), which HTTP.sys uses first for a client that sends that server name, as Windows Update clients do. Only a client that connects by address or without a server name gets the other certificate there. Bind the SUP's certificate there too, or delete the entry if nothing else uses it (netsh http delete sslcert ipport=${bs[0]!.endpoint}).`,
  ),
  ipv6Only: finding(
    'sup.dep.ipv6_wildcard_only',
    'error',
    ({ d, file, endpoints, names }: { d: D; file: string; endpoints: string[]; names: string[] }) =>
      `HTTP.sys binds a certificate on port ${d.sslPort} ${names.length ? 'for no IPv4 address, only' : 'only'} for ${quoteList(endpoints)} (${file}): [::] serves IPv6 clients only, so clients that reach the SUP over IPv4${names.length ? ` as ${quoteList(names)} (or without a server name)` : ''} get no certificate and the TLS handshake fails (0.0.0.0 serves IPv4 and IPv6 clients). Set the IP address of the WSUS site's https binding to "All Unassigned" and select the certificate again, or: netsh http add sslcert ipport=0.0.0.0:${d.sslPort} certhash=${d.thumbprint || '<thumbprint>'} appid={…} certstorename=MY.`,
  ),
  specificOnly: finding(
    'sup.dep.specific_addresses_only',
    'warning',
    ({ d, file, endpoints }: { d: D; file: string; endpoints: string[] }) =>
      `HTTP.sys binds a certificate on port ${d.sslPort} only for ${quoteList(endpoints)} (${file}), with no 0.0.0.0 entry: a client gets it only if the name it uses resolves to ${endpoints.length > 1 ? 'one of these addresses' : 'this address'}, which the exported files cannot show. Check that every name of the SUP resolves there (nslookup), or set the IP address of the WSUS site's https binding to "All Unassigned".`,
  ),
  namesWithoutBinding: finding(
    'sup.dep.names_without_binding',
    'error',
    ({ d, file, names, hosts }: { d: D; file: string; names: string[]; hosts: string[] }) =>
      `HTTP.sys binds a certificate on port ${d.sslPort} only for the host names ${quoteList(hosts)} (SNI, ${file}) and for no address: clients that connect as ${quoteList(names)} (or send no server name) get no certificate and the TLS handshake fails. Add an https binding for ${names.length > 1 ? 'each of these names' : 'this name'} to the WSUS site, or one for IP address "All Unassigned" without "Require Server Name Indication".`,
  ),
  sniNotDecided: finding(
    'sup.dep.sni_entry_not_decided',
    'warning',
    ({ bs, d, names }: { bs: Binding[]; d: D; names: string[] }) =>
      `HTTP.sys's ${entriesOf(bs)} ${quoteList(bs.map((b) => b.endpoint))} in ${d.netsh!.file} ${bs.length > 1 ? 'bind' : 'binds'} the certificate judged, ${named(d, d.thumbprint)}, but ${undocumentedWhy(bs, names)}: supcert did NOT decide it, and judged the other entries on port ${d.sslPort} without ${bs.length > 1 ? 'them' : 'it'} (a client ${bs.length > 1 ? 'they serve' : 'it serves'} would get the same certificate, with the entry's own TLS settings). ${exactEntryFix(bs, d, names)}`,
  ),
  sniOtherNotDecided: finding(
    'sup.dep.sni_entry_other_certificate_not_decided',
    'error',
    ({ bs, d, names }: { bs: Binding[]; d: D; names: string[] }) =>
      `HTTP.sys's ${entriesOf(bs)} ${quoteList(bs.map((b) => b.endpoint))} in ${d.netsh!.file} ${bs.length > 1 ? 'bind' : 'binds'} ${certificatesOf(d, bs)}, not the certificate judged, ${named(d, d.thumbprint)}, and ${undocumentedWhy(bs, names)}: supcert did NOT decide whether those clients get that instead, so the deployment cannot pass. ${exactEntryFix(bs, d, names)}`,
  ),
  sniOnlyNotDecided: finding(
    'sup.dep.sni_only_not_decided',
    'error',
    ({ bs, d, names }: { bs: Binding[]; d: D; names: string[] }) =>
      `HTTP.sys binds a certificate on port ${d.sslPort} only on ${entriesOf(bs)} ${quoteList(bs.map((b) => b.endpoint))} (${d.netsh!.file}), and ${undocumentedWhy(bs, names)}: supcert did NOT decide whether those clients get a certificate at all, so the deployment cannot pass. ${exactEntryFix(bs, d, names)}`,
  ),
  replacementNotBound: finding(
    'sup.dep.replacement_not_bound',
    'error',
    ({
      d,
      why,
      entry,
      file,
      b,
      elsewhere,
    }: {
      d: D;
      why: string;
      entry: StoreEntry;
      file: string;
      b: Binding | undefined;
      elsewhere: string[];
    }) =>
      `HTTP.sys presents ${named(d, d.thumbprint)} on port ${d.sslPort}, which ${why}, while ${file} holds ${named(d, entry.thumbprint)}: linked to its private key, valid until ${entry.certificate.notAfter.toISOString().slice(0, 10)}, with Server Authentication and every required name, and ${elsewhere.length > 0 ? `bound only on ${quoteList(elsewhere)}, not on the WSUS site's port ${d.sslPort} (selected in another site's https binding?)` : 'bound nowhere (after a renewal the old certificate stays bound until the binding is changed)'}. Select ${entry.thumbprint} in the WSUS site's https binding (IIS Manager > Bindings > https > SSL certificate)${b ? `, or: netsh http update sslcert ${b.kind === 'hostname' ? 'hostnameport' : 'ipport'}=${b.endpoint} certhash=${entry.thumbprint} appid=${b.applicationId ?? '{…}'} certstorename=MY` : ''}.`,
  ),
} as const;

/**
 * What is wrong with the bound certificate that a binding change would fix: a required name it
 * lacks, or the time outside its validity. Null when it has neither problem.
 */
function boundCertificateProblem(ctx: RuleContext): string | null {
  const at = ctx.options.at;
  if (ctx.cert.notAfter.getTime() < at.getTime())
    return `expired on ${ctx.cert.notAfter.toISOString().slice(0, 10)}`;
  if (ctx.cert.notBefore.getTime() > at.getTime())
    return `is not valid before ${ctx.cert.notBefore.toISOString().slice(0, 10)}`;
  const missing = ctx.names.filter((n) => !n.match.matched).map((n) => n.name);
  if (missing.length > 0) return `lacks ${quoteList(missing)}`;
  return null;
}

/**
 * A certificate of the exported LocalMachine\My store that would serve the SUP where the bound one
 * fails (linked to a private key, not archived, an end-entity certificate valid at the time,
 * Server Authentication or no EKU, every required name), bound on no entry; the one valid longest.
 */
function replacementInStore(
  ctx: RuleContext,
  d: DeploymentEvidence,
): { entry: StoreEntry; file: string; elsewhere: string[] } | null {
  // Bound on the WSUS site's SSL port already: not the one to select. A certificate bound only on
  // another port (the Default Web Site's 443 when WSUS listens on 8531) still is: selecting the
  // renewal in the wrong site's binding leaves WSUS's port with the old one.
  const bindings = d.netsh?.netsh.bindings ?? [];
  const bound = new Set(bindings.filter((b) => b.port === d.sslPort).map((b) => b.certificateHash));
  const at = ctx.options.at.getTime();
  let best: { entry: StoreEntry; file: string; elsewhere: string[] } | null = null;
  for (const { file, store } of d.stores) {
    if (
      store.location === 'CurrentUser' ||
      (store.store !== null && store.store !== 'MY' && store.store !== 'WEBHOSTING')
    )
      continue;
    for (const entry of store.entries) {
      const c = entry.certificate;
      if (
        entry.thumbprint === d.thumbprint ||
        bound.has(entry.thumbprint) ||
        !entry.hasPrivateKeyLink ||
        entry.archived ||
        c.isCA ||
        c.notBefore.getTime() > at ||
        c.notAfter.getTime() < at ||
        (c.extendedKeyUsages !== null && !c.extendedKeyUsages.includes(Eku.serverAuth))
      )
        continue;
      const names = requiredNames(c, ctx.options);
      if (names.length === 0 || !names.every((n) => n.match.matched)) continue;
      if (!best || c.notAfter.getTime() > best.entry.certificate.notAfter.getTime()) {
        const elsewhere = bindings
          .filter((b) => b.certificateHash === entry.thumbprint)
          .map((b) => b.endpoint);
        best = { entry, file, elsewhere };
      }
    }
  }
  return best;
}

/** 0.0.0.0 or [::]: an entry for every address (of all families, or of IPv6). */
const isWildcard = (b: Binding): boolean => b.host === '0.0.0.0' || b.host === '::';

const bareName = (n: string): string => n.toLowerCase().replace(/\.$/, '');

/**
 * Which clients get a certificate at all. HTTP.sys looks a connection up by the server name the
 * client sent (hostname:port, SNI), then by the address it reached (IP:port: an address first,
 * then [::] for IPv6, then 0.0.0.0 for every address: HTTP_SERVICE_CONFIG_SSL_KEY). Without a
 * 0.0.0.0 entry, an address no entry names gets no certificate; the exported files do not say
 * which addresses the server has, so entries for single addresses only are a warning to check.
 * When every name of the SUP has an SNI entry, every client gets a certificate whatever the
 * address entries (WinHTTP sends the name it connects to), so they are not judged here.
 * A Central Certificate Store entry serves any name it has a file for: not judged here.
 */
function checkAddresses(
  ctx: RuleContext,
  d: DeploymentEvidence,
  entries: Binding[],
  report: Reporter,
): void {
  const file = d.netsh!.file;
  if (entries.some((b) => b.kind === 'ccs')) return;
  const ips = entries.filter((b) => b.kind === 'ip');
  if (ips.some((b) => b.host === '0.0.0.0')) return;
  const hosts = entries.filter((b) => b.kind === 'hostname');
  const bound = new Set(hosts.map((b) => bareName(b.host)));
  const sup = [...new Set(ctx.names.map((n) => bareName(n.name)))].filter((n) => n !== '');
  const names = sup.filter((n) => !bound.has(n));
  // Every name of the SUP has its own SNI entry: a client that an address entry does not serve is
  // served by the entry for the name it sends, so address entries beside them take no client's
  // certificate away (the SNI entries alone pass; another certificate there is its own finding).
  if (hosts.length > 0 && sup.length > 0 && names.length === 0) return;
  if (ips.length === 0) {
    if (hosts.length === 0) return;
    if (names.length > 0)
      report(BINDING.namesWithoutBinding, {
        d,
        file,
        names,
        hosts: hosts.map((b) => b.endpoint),
      });
    return;
  }
  const endpoints = ips.map((b) => b.endpoint);
  // Without SNI entries for the SUP's names, [::] alone leaves every IPv4 client without a certificate.
  // With SNI entries for some of the names, IPv4 clients connecting as one of the others get nothing.
  if (
    (hosts.length === 0 || names.length > 0) &&
    ips.every((b) => b.host.includes(':')) &&
    ips.some(isWildcard)
  )
    report(BINDING.ipv6Only, { d, file, endpoints, names: hosts.length > 0 ? names : [] });
  else report(BINDING.specificOnly, { d, file, endpoints });
}

/** SUP-DEP-002: the WSUS site has an https binding on the SSL port, and HTTP.sys binds this certificate there on every entry. */
export function checkBinding(ctx: RuleContext, d: DeploymentEvidence, report: Reporter): void {
  if (d.redirection) report(BINDING.sharedConfiguration, { d, redirection: d.redirection });
  if (d.config) {
    const site = d.wsusSite;
    const moved = d.config.config.sitesConfigSource;
    if (!site && moved !== undefined) {
      report(BINDING.sitesMoved, { file: d.config.file, source: moved });
    } else if (!site) {
      report(BINDING.noWsusSite, {
        file: d.config.file,
        sites: d.config.config.sites.map((s) => s.name),
      });
    } else {
      const https = site.bindings.filter((b) => b.protocol === 'https');
      const onPort = https.filter((b) => b.port === d.sslPort);
      if (onPort.length === 0) {
        report(BINDING.noHttpsBinding, {
          site: site.name,
          d,
          https: https.map((b) => b.bindingInformation),
        });
      }
    }
  } else {
    report(BINDING.configNotGiven);
  }
  if (!d.netsh) {
    report(BINDING.netshNotGiven, { d });
    return;
  }
  const entries = d.bindingsOnPort;
  if (d.intended && d.intended !== d.thumbprint && d.judged === 'bound') {
    report(BINDING.otherBound, { d });
  }
  // SNI entries set aside as not decided (a trailing dot, a wildcard): each SUP name one of them
  // might serve is named.
  const notDecided = d.sniNotDecided ?? [];
  const supNameList = [...new Set(ctx.names.map((n) => bareName(n.name)))].filter((n) => n !== '');
  const namesFor = (bs: Binding[]): string[] =>
    supNameList.filter((n) => bs.some((b) => sniMightServe(b.host, n)));
  if (entries.length === 0 && notDecided.length > 0) {
    report(BINDING.sniOnlyNotDecided, { bs: notDecided, d, names: namesFor(notDecided) });
    return;
  }
  if (notDecided.length > 0) {
    const same = notDecided.filter((b) => b.certificateHash === d.thumbprint);
    const other = notDecided.filter((b) => b.certificateHash !== d.thumbprint);
    if (same.length > 0) report(BINDING.sniNotDecided, { bs: same, d, names: namesFor(same) });
    if (other.length > 0)
      report(BINDING.sniOtherNotDecided, { bs: other, d, names: namesFor(other) });
  }
  if (entries.length === 0) {
    const ports = [...new Set(d.netsh.netsh.bindings.map((b) => b.endpoint))];
    report(BINDING.nothingBound, { d, file: d.netsh.file, ports });
    return;
  }
  // One finding per certificate presented instead (and kind of entry), listing its entries: a
  // server with 100,000 bindings gets a few findings, not 100,000.
  const noHash = entries.filter((b) => b.certificateHash === undefined);
  if (noHash.length > 0) report(BINDING.noHash, { bs: noHash, file: d.netsh.file });
  // HTTP.sys looks a connection up by the server name the client sends first (hostname:port),
  // then by the address it reached (IP:port). When every name of the SUP has its own SNI entry, an
  // address entry serves only clients that connect by address or send no name: another
  // certificate there is an info, not the SUP's clients' certificate.
  const hosts = entries.filter((b) => b.kind === 'hostname');
  const sniNames = new Set(hosts.map((b) => bareName(b.host)));
  const supNames = [...new Set(ctx.names.map((n) => bareName(n.name)))].filter((n) => n !== '');
  const sniForEveryName = supNames.length > 0 && supNames.every((n) => sniNames.has(n));
  const behindSni = sniForEveryName
    ? entries.filter(
        (b) =>
          b.kind === 'ip' && b.certificateHash !== undefined && b.certificateHash !== d.thumbprint,
      )
    : [];
  if (behindSni.length > 0)
    report(BINDING.addressEntryBehindSni, {
      bs: behindSni,
      d,
      hosts: hosts.map((b) => b.endpoint),
    });
  const other = new Map<string, Binding[]>();
  for (const b of entries) {
    if (b.certificateHash === undefined || b.certificateHash === d.thumbprint) continue;
    if (behindSni.includes(b)) continue;
    const key = `${b.kind === 'hostname' ? 'h' : 'i'}${b.certificateHash}`;
    const list = other.get(key);
    if (list) list.push(b);
    else other.set(key, [b]);
  }
  for (const bs of other.values()) report(BINDING.otherCertificate, { bs, d });
  checkTlsSwitches(entries, d.netsh.file, report);
  checkAddresses(ctx, d, entries, report);
  // The renewal bound nowhere: the bound certificate fails on a name or its dates, and the store
  // holds one that would not (field reports: "renewed, but the binding still has the old one").
  if (d.judged === 'bound' && !d.intended) {
    const why = boundCertificateProblem(ctx);
    const replacement = why ? replacementInStore(ctx, d) : null;
    const b = entries.find((e) => e.certificateHash === d.thumbprint);
    if (why && replacement) report(BINDING.replacementNotBound, { d, why, b, ...replacement });
  }
}

/**
 * HTTP.sys's per-binding TLS switches (netsh's current layout, Windows Server 2019+; netsh http
 * add sslcert disablelegacytls, disabletls12, disabletls13): TLS 1.0/1.1 off
 * (HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_LEGACY_TLS), TLS 1.2 off
 * (HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS12), TLS 1.3 off
 * (HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS13). All three off leaves no version (error); TLS 1.2
 * and the legacy versions off leave TLS 1.3 only (error); TLS 1.2 off alone, or with TLS 1.3,
 * leaves the deprecated versions to some or all clients (warning); the legacy versions off is a
 * warning. TLS 1.3 off alone (or with the legacy versions) still offers TLS 1.2: nothing to say.
 * SChannel's own protocol settings (the registry) are not in any snapshot and are not judged.
 */
function checkTlsSwitches(entries: Binding[], file: string, report: Reporter): void {
  const none = entries.filter(
    (b) => b.disableTls12 === true && b.disableLegacyTls === true && b.disableTls13 === true,
  );
  const tls13Only = entries.filter(
    (b) => b.disableTls12 === true && b.disableLegacyTls === true && b.disableTls13 !== true,
  );
  const legacyOff = entries.filter((b) => b.disableLegacyTls === true && b.disableTls12 !== true);
  const tls12Off = entries.filter(
    (b) => b.disableTls12 === true && b.disableLegacyTls !== true && b.disableTls13 !== true,
  );
  const legacyOnly = entries.filter(
    (b) => b.disableTls12 === true && b.disableLegacyTls !== true && b.disableTls13 === true,
  );
  if (none.length > 0) report(BINDING.noTlsVersion, { bs: none, file });
  if (tls13Only.length > 0) report(BINDING.tls13Only, { bs: tls13Only, file });
  if (legacyOff.length > 0) report(BINDING.legacyTlsDisabled, { bs: legacyOff, file });
  if (tls12Off.length > 0) report(BINDING.tls12Disabled, { bs: tls12Off, file });
  if (legacyOnly.length > 0)
    report(BINDING.tls12Disabled, { bs: legacyOnly, file, tls13Off: true });
}

/** SUP-DEP-003's findings from a snapshot. */
export const REQUIRE_SSL = {
  notKnown: finding(
    'sup.dep.require_ssl_unknown',
    'info',
    ({ d }: { d: D }) =>
      `${d.config ? (d.config.config.sitesConfigSource !== undefined ? `${d.config.file} moves the sites section to ${q(d.config.config.sitesConfigSource)} (configSource), so` : `${d.config.file} has no WSUS site, so`) : 'No applicationHost.config was given, so'} which virtual directories require SSL is not known. Give ${EXPORTS.config}${d.config?.config.sitesConfigSource !== undefined ? ' with its <sites> in it' : ''}.`,
  ),
  movedNotDecided: finding(
    'sup.dep.ssl_settings_config_source',
    'info',
    ({ dirs, file, sources }: { dirs: string[]; file: string; sources: string[] }) =>
      `The SSL settings of ${quoteList(dirs)} come from a system.webServer/security/access section that ${file} moves to ${quoteList(sources)} (configSource), which supcert does not read: whether ${dirs.length > 1 ? 'they require' : 'it requires'} SSL is NOT decided. Put the section back into applicationHost.config (or give its sslFlags there) to have ${dirs.length > 1 ? 'them' : 'it'} judged.`,
  ),
  missing: finding(
    'sup.dep.require_ssl_missing',
    'error',
    ({
      missing,
      site,
      from,
      ssl128Only = [],
    }: {
      missing: string[];
      site: string;
      from: string;
      ssl128Only?: string[];
    }) =>
      `${quoteList(missing)} ${missing.length > 1 ? 'do' : 'does'} not require SSL on ${q(site)} (${from}): with "Require SSL communication to the WSUS server" clients reach ${missing.length > 1 ? 'them' : 'it'} over HTTPS only in part.${ssl128Only.length ? ` (${quoteList(ssl128Only)} ${ssl128Only.length > 1 ? 'have' : 'has'} sslFlags Ssl128 without Ssl: that is "Require 128-bit SSL" without "Require SSL", which IIS Manager shows as Require SSL unticked.)` : ''} In IIS Manager, SSL Settings: tick Require SSL on ${missing.length > 1 ? 'each' : 'it'}.`,
  ),
  extra: finding(
    'sup.dep.require_ssl_extra',
    'error',
    ({ names, site, from }: { names: string[]; site: string; from: string }) =>
      `${quoteList(names)} require${names.length > 1 ? '' : 's'} SSL on ${q(site)} (${from}): clients download content and self-update over HTTP, so downloads fail. Require SSL on the five web services only (${SSL_DIRECTORIES.join(', ')}), never on the site or on Content.`,
  ),
} as const;

/** SUP-DEP-003: exactly the five virtual directories require SSL. */
export function checkRequireSsl(_ctx: RuleContext, d: DeploymentEvidence, report: Reporter): void {
  if (!d.config || !d.wsusSite) {
    report(REQUIRE_SSL.notKnown, { d });
    return;
  }
  const site = d.wsusSite.name;
  const ssl = (dir: string) => effectiveSslFlags(d.config!.config, site, dir);
  const requires = (flags: string[]) => flags.some((f) => f.toLowerCase() === 'ssl');
  // A setting moved to another file (configSource) decides nothing either way.
  const moved = [...SSL_DIRECTORIES, ...HTTP_DIRECTORIES, ''].filter(
    (dir) => ssl(dir).configSource !== undefined,
  );
  if (moved.length > 0)
    report(REQUIRE_SSL.movedNotDecided, {
      dirs: moved.map((dir) => (dir === '' ? `the site root of ${site}` : dir)),
      file: d.config.file,
      sources: [...new Set(moved.map((dir) => ssl(dir).configSource!))],
    });
  const known = (dir: string) => !moved.includes(dir);
  const missing = SSL_DIRECTORIES.filter((dir) => known(dir) && !requires(ssl(dir).flags));
  const extra = [...HTTP_DIRECTORIES, ''].filter((dir) => known(dir) && requires(ssl(dir).flags));
  if (missing.length > 0) {
    // sslFlags="Ssl128" alone: IIS's configuration reference lists Ssl ("Require SSL") and
    // Ssl128 ("Require 128-bit SSL") as separate flags, and IIS Manager offers the second only
    // with the first; the missing Ssl is what the finding asks to set.
    const ssl128Only = missing.filter((dir) =>
      ssl(dir).flags.some((f) => f.toLowerCase() === 'ssl128'),
    );
    report(REQUIRE_SSL.missing, { missing, site, from: ssl(missing[0]!).from, ssl128Only });
  }
  if (extra.length > 0) {
    const names = extra.map((dir) => (dir === '' ? `the site root of ${site}` : dir));
    report(REQUIRE_SSL.extra, { names, site, from: ssl(extra[0]!).from });
  }
}

/** SUP-DEP-004's findings from a snapshot. */
export const CLIENT_CERTIFICATES = {
  iisAsks: finding(
    'sup.dep.client_certificates_asked',
    'error',
    ({
      require,
      dirs,
      site,
      from,
    }: {
      require: boolean;
      dirs: string[];
      site: string;
      from: string;
    }) =>
      `Client certificates are set to ${require ? 'Require' : 'Accept'} on ${quoteList(dirs)} of ${q(site)} (${from}): Windows Update clients present none and fail with 0x80072F0C. In SSL Settings, set Client certificates to Ignore.`,
    { windowsError: '0x80072F0C' },
  ),
  negotiated: finding(
    'sup.dep.client_certificates_negotiated',
    'error',
    ({ endpoints, file }: { endpoints: string[]; file: string }) =>
      `HTTP.sys negotiates client certificates on ${quoteList(endpoints)} ("Negotiate Client Certificate: Enabled" in ${file}): clients fail with 0x80072F0C. Recreate the binding without clientcertnegotiation=enable.`,
    { windowsError: '0x80072F0C' },
  ),
  movedNotDecided: finding(
    'sup.dep.client_certificates_config_source',
    'info',
    ({ dirs, file, sources }: { dirs: string[]; file: string; sources: string[] }) =>
      `Whether IIS asks for client certificates on ${quoteList(dirs)} is NOT decided: the system.webServer/security/access section in force there is in ${quoteList(sources)} (configSource in ${file}), which supcert does not read. Put the section back into applicationHost.config to have it judged.`,
  ),
  unknown: finding(
    'sup.dep.client_certificates_unknown',
    'info',
    ({ localised }: { localised: boolean }) =>
      `Whether client certificates are ignored is not known${localised ? ' (the netsh output is localised, so its "Negotiate Client Certificate" line cannot be read)' : ''}. Give ${EXPORTS.config}.`,
  ),
} as const;

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
    const settings = [...SSL_DIRECTORIES, ...HTTP_DIRECTORIES].map((dir) => ({
      dir,
      ...effectiveSslFlags(d.config!.config, site, dir),
    }));
    // Settings moved to another file (configSource) leave those directories open.
    const moved = settings.filter((x) => x.configSource !== undefined);
    if (moved.length > 0)
      report(CLIENT_CERTIFICATES.movedNotDecided, {
        dirs: moved.map((x) => x.dir),
        file: d.config.file,
        sources: [...new Set(moved.map((x) => x.configSource!))],
      });
    const asked = settings.filter((x) =>
      x.flags.some((f) => /^sslnegotiatecert$|^sslrequirecert$/i.test(f)),
    );
    if (asked.length > 0) {
      const require = asked.some((x) => x.flags.some((f) => /^sslrequirecert$/i.test(f)));
      report(CLIENT_CERTIFICATES.iisAsks, {
        require,
        dirs: asked.map((x) => x.dir),
        site,
        from: asked[0]!.from,
      });
    }
  }
  if (d.netsh) {
    const negotiating = d.bindingsOnPort.filter((b) => b.negotiateClientCertificate === true);
    if (negotiating.length > 0) {
      decided = true;
      report(CLIENT_CERTIFICATES.negotiated, {
        endpoints: negotiating.map((b) => b.endpoint),
        file: d.netsh.file,
      });
    } else if (d.bindingsOnPort.some((b) => b.negotiateClientCertificate === false)) {
      decided = true;
    }
  }
  if (!decided)
    report(CLIENT_CERTIFICATES.unknown, { localised: d.netsh?.netsh.layout === 'localised' });
}

/** SUP-DEP-005's findings from a snapshot. */
export const WSUS_SETUP = {
  notGiven: finding(
    'sup.dep.setup_not_given',
    'info',
    () =>
      `No export of WSUS's Setup key was given, so whether "WsusUtil configuressl" was run is not known. Give ${EXPORTS.setup}.`,
  ),
  noSsl: finding(
    'sup.dep.ssl_not_used',
    'error',
    ({
      usingSsl,
      file,
      intranetName,
    }: {
      usingSsl: boolean | null;
      file: string;
      intranetName: string | undefined;
    }) =>
      `WSUS does not use SSL: UsingSSL is ${usingSsl === null ? 'not set' : '0'} in ${file}, so the WSUS console, the UpdateServices PowerShell cmdlets (Get-WsusServer) and other WSUS API tools on the server connect to it over HTTP, which web services that require SSL refuse (HTTP 403 Forbidden, or 400 Bad Request on the SSL port). Run "WsusUtil.exe configuressl ${intranetName ?? '<intranet FQDN>'}" on the SUP, and tick "Require SSL communication to the WSUS server" in the software update point's properties.`,
  ),
  otherType: finding(
    'sup.dep.setup_value_type_not_decided',
    'info',
    ({ values, file }: { values: string[]; file: string }) =>
      `${file} has ${quoteList(values.map((v) => v))} with another registry type than WSUS writes (UsingSSL, PortNumber and IISTargetWebSiteIndex are REG_DWORD, ServerCertificateName REG_SZ): how WSUS reads ${values.length > 1 ? 'them' : 'it'} is not documented, so supcert read ${values.length > 1 ? 'them' : 'it'} as not set and did NOT decide what ${values.length > 1 ? 'they say' : 'it says'}. Run "WsusUtil.exe configuressl <intranet FQDN>" again, then export the key again.`,
  ),
  nameEmpty: finding(
    'sup.dep.server_certificate_name_empty',
    'error',
    ({ file }: { file: string }) =>
      `ServerCertificateName is empty in ${file}: "WsusUtil configuressl" was not given a name. Run it again with the intranet FQDN.`,
  ),
  nameNotInCertificate: finding(
    'sup.dep.server_certificate_name_not_in_certificate',
    'error',
    ({ name, file, cert }: { name: string; file: string; cert: CertificateInfo }) =>
      `WSUS was configured with ServerCertificateName ${q(name)} (WsusUtil configuressl, in ${file}), which the certificate does not hold (${cert.dnsNames ? `SAN: ${quoteList(cert.dnsNames)}` : `CN: ${quoteList(cert.commonNames)}`}): the WSUS console and downstream servers connect to that name and fail with 0x80072F06. Run "WsusUtil.exe configuressl <a name in the certificate>".`,
    { windowsError: '0x80072F06' },
  ),
  nameDiffers: finding(
    'sup.dep.configuressl_name_differs',
    'warning',
    ({ given, name, file }: { given: string; name: string; file: string }) =>
      `configureSslName ${q(given)} was given, but WSUS was configured with ${q(name)} (${file}).`,
  ),
} as const;

/** SUP-DEP-005: WSUS uses SSL, and ServerCertificateName is a name the certificate holds. */
export function checkWsusSetup(ctx: RuleContext, d: DeploymentEvidence, report: Reporter): void {
  if (!d.setup) {
    report(WSUS_SETUP.notGiven);
    return;
  }
  const { setup, file } = d.setup;
  const otherType = setup.otherType ?? [];
  const mistyped = (name: string): boolean => otherType.some((v) => v.startsWith(`${name} (`));
  if (otherType.length > 0) report(WSUS_SETUP.otherType, { values: otherType, file });
  if (setup.usingSsl !== true && !(setup.usingSsl === null && mistyped('UsingSSL'))) {
    report(WSUS_SETUP.noSsl, {
      usingSsl: setup.usingSsl,
      file,
      intranetName: ctx.options.intranetName,
    });
  }
  const name = setup.serverCertificateName;
  if (!name) {
    if (setup.usingSsl === true && !mistyped('ServerCertificateName'))
      report(WSUS_SETUP.nameEmpty, { file });
    return;
  }
  if (ctx.certificateMissing) return;
  if (!matchHostname(ctx.cert, name, { profile: ctx.options.profile })) {
    report(WSUS_SETUP.nameNotInCertificate, { name, file, cert: ctx.cert });
  } else if (
    ctx.options.configureSslName &&
    ctx.options.configureSslName.toLowerCase() !== name.toLowerCase()
  ) {
    report(WSUS_SETUP.nameDiffers, { given: ctx.options.configureSslName, name, file });
  }
}
