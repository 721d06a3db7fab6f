import type { DeploymentEvidence } from '../../deploy/evidence.js';
import type { SourceKey } from '../sources.js';
import {
  type DeclaredFinding,
  type Reporter,
  type RuleContext,
  type SupRule,
  finding,
} from '../SupRule.js';
import { PROBE_BINDING, PROBE_CLIENT_CERTIFICATES, PROBE_REQUIRE_SSL } from './probeFindings.js';
import {
  BINDING,
  CLIENT_CERTIFICATES,
  REQUIRE_SSL,
  STORE,
  WSUS_SETUP,
  checkBinding,
  checkClientCertificates,
  checkRequireSsl,
  checkStore,
  checkWsusSetup,
} from './snapshotRules.js';

type Verdict = (ctx: RuleContext, d: DeploymentEvidence, report: Reporter) => void;

/**
 * SUP-DEP-001…006 — deployment facts no certificate file can show (docs/rules.md). Judging a
 * certificate file, each is an info finding: the checklist the administrator works through after
 * the certificate itself passes. Judging a deployment snapshot (validateSupDeployment),
 * SUP-DEP-001…005 are verdicts from the exported files: an error where the evidence shows the
 * fault, info naming the export that would decide it where the evidence is missing.
 */
const CHECKLIST: ReadonlyArray<{
  id: string;
  title: string;
  text: string;
  sources: SourceKey[];
  /** The code of the info finding that states the step when no evidence decides it. */
  checklist: string;
  verdict?: Verdict;
  /** The findings of the verdict (snapshot) and of the live probe. */
  findings?: Readonly<Record<string, DeclaredFinding<never>>>;
}> = [
  {
    id: 'SUP-DEP-001',
    title: "Certificate in the computer's Personal store",
    sources: ['S1', 'S6'],
    text: "Import the certificate with its private key into the Computer account's Personal (My) store of the SUP server (certlm.msc), not the user store. From a snapshot: the bound certificate is in the exported LocalMachine\\My store (reg export of SystemCertificates\\MY, or an .sst), linked to a private key (CERT_KEY_PROV_INFO_PROP_ID), not archived.",
    checklist: 'sup.dep.checklist_personal_store',
    verdict: checkStore,
    findings: STORE,
  },
  {
    id: 'SUP-DEP-002',
    title: "Bound to the WSUS site's HTTPS binding",
    sources: ['S6', 'S7', 'S41', 'S42', 'S43', 'S44', 'S46', 'S47', 'S50', 'S51'],
    text: 'Bind it to the https binding of the WSUS site ("WSUS Administration" on 8531, or "Default Web Site" on 443) and keep the HTTP binding (8530, or 80). From a snapshot: the site has an https binding on the SSL port (applicationHost.config) and HTTP.sys binds this certificate\'s thumbprint on every IP:port and hostname:port entry of that port (netsh http show sslcert), without the entry\'s TLS switches shutting clients out: TLS 1.0/1.1, 1.2 and 1.3 all disabled leaves no version (an error); TLS 1.2 and the legacy versions both disabled leaves TLS 1.3 only (Windows 11 / Server 2022 clients only: an error); TLS 1.0/1.1 or TLS 1.2 disabled is a warning (clients without TLS 1.2, or without TLS 1.3, fail; with TLS 1.3 also disabled, every client is left on TLS 1.0/1.1). The certificate judged is the one a client sending the SUP\'s first name gets: its hostname:port (SNI) entry, which HTTP.sys looks up first, else 0.0.0.0, else [::]; when every SUP name has its own SNI entry, an IP:port entry with another certificate serves only clients without a server name (an info). A hostname:port entry whose host ends with a dot or is a wildcard, which a SUP name could fall under, is NOT decided: clients send the name without a dot (RFC 6066) and Microsoft documents no wildcard matching for SNI entries, so it is set aside (a warning when it binds the certificate judged, an error when it binds another, or when no other entry binds a certificate on the port).',
    checklist: 'sup.dep.checklist_https_binding',
    verdict: checkBinding,
    findings: { ...BINDING, ...prefixed('probe', PROBE_BINDING) },
  },
  {
    id: 'SUP-DEP-003',
    title: 'Require SSL on the five WSUS virtual directories only',
    sources: ['S6', 'S7', 'S29'],
    text: "Require SSL on APIRemoting30, ClientWebService, DSSAuthWebService, ServerSyncWebService and SimpleAuthWebService only; leave Content, Inventory, ReportingWebService and SelfUpdate on HTTP; never on the whole site. From a snapshot: the sslFlags in force for each virtual directory (its <location>, else the site's, else the server level).",
    checklist: 'sup.dep.checklist_require_ssl',
    verdict: checkRequireSsl,
    findings: { ...REQUIRE_SSL, ...prefixed('probe', PROBE_REQUIRE_SSL) },
  },
  {
    id: 'SUP-DEP-004',
    title: 'Client certificates: Ignore',
    sources: ['S1', 'S5'],
    text: 'Set client certificates to Ignore on those virtual directories; Accept or Require gives 0x80072F0C on clients (the SUP does not use ConfigMgr client certificates). From a snapshot: no SslNegotiateCert / SslRequireCert in force, and HTTP.sys does not negotiate client certificates on the SSL port.',
    checklist: 'sup.dep.checklist_client_certificates',
    verdict: checkClientCertificates,
    findings: { ...CLIENT_CERTIFICATES, ...prefixed('probe', PROBE_CLIENT_CERTIFICATES) },
  },
  {
    id: 'SUP-DEP-005',
    title: 'Run WsusUtil configuressl and enable SSL on the SUP',
    sources: ['S6', 'S29'],
    text: 'Run "WsusUtil.exe configuressl <intranet FQDN>" and enable "Require SSL communication to the WSUS server" in the software update point properties. From a snapshot: UsingSSL = 1 and ServerCertificateName is a name the certificate holds (reg export of WSUS\'s Setup key).',
    checklist: 'sup.dep.checklist_configuressl',
    verdict: checkWsusSetup,
    findings: WSUS_SETUP,
  },
  {
    id: 'SUP-DEP-006',
    title: 'TLS pinning store',
    sources: ['S6', 'S15'],
    checklist: 'sup.dep.checklist_pinning_store',
    text: "With TLS pinning (current branch 2103+, Windows 10 January 2021 CU+), put this certificate (and, for CMG scanning, the CMG certificate) in the clients' WindowsServerUpdateServices store, or scans fail.",
  },
];

/** The same findings under keys that cannot clash with the snapshot's ("probeSeen"). */
function prefixed(
  prefix: string,
  findings: Readonly<Record<string, DeclaredFinding<never>>>,
): Record<string, DeclaredFinding<never>> {
  return Object.fromEntries(
    Object.entries(findings).map(([k, f]) => [prefix + k.charAt(0).toUpperCase() + k.slice(1), f]),
  );
}

export const deploymentChecklist: SupRule[] = CHECKLIST.map((item) => {
  // The step as the checklist states it: the text up to what a snapshot shows.
  const cut = item.text.indexOf(' From a snapshot: ');
  const step = finding(item.checklist, 'info', () =>
    cut >= 0 ? item.text.slice(0, cut) : item.text,
  );
  return {
    id: item.id,
    title: item.title,
    requirement: item.text,
    sources: item.sources,
    findings: { step, ...item.findings },
    check(ctx, report) {
      if (ctx.deployment && item.verdict) return item.verdict(ctx, ctx.deployment, report);
      report(step);
    },
  };
});
