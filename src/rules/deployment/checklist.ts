import type { SourceKey } from '../sources.js';
import type { SupRule } from '../SupRule.js';

/**
 * SUP-DEP-001…006 — deployment facts no certificate file can show (sup-rules.md §2.5). They are
 * data: each becomes an info finding, the checklist the administrator works through after the
 * certificate itself passes.
 */
const CHECKLIST: ReadonlyArray<{ id: string; title: string; text: string; sources: SourceKey[] }> = [
  { id: 'SUP-DEP-001', title: 'Certificate in the computer\'s Personal store', sources: ['S1', 'S6'],
    text: 'Import the certificate with its private key into the Computer account\'s Personal (My) store of the SUP server (certlm.msc), not the user store.' },
  { id: 'SUP-DEP-002', title: 'Bound to the WSUS site\'s HTTPS binding', sources: ['S6', 'S7'],
    text: 'Bind it to the https binding of the WSUS site ("WSUS Administration" on 8531, or "Default Web Site" on 443) and keep the HTTP binding (8530, or 80).' },
  { id: 'SUP-DEP-003', title: 'Require SSL on the five WSUS virtual directories only', sources: ['S6', 'S7', 'S29'],
    text: 'Require SSL on APIRemoting30, ClientWebService, DSSAuthWebService, ServerSyncWebService and SimpleAuthWebService only; leave Content, Inventory, ReportingWebService and SelfUpdate on HTTP; never on the whole site.' },
  { id: 'SUP-DEP-004', title: 'Client certificates: Ignore', sources: ['S1', 'S5'],
    text: 'Set client certificates to Ignore on those virtual directories; Accept or Require gives 0x80072F0C on clients (the SUP does not use ConfigMgr client certificates).' },
  { id: 'SUP-DEP-005', title: 'Run WsusUtil configuressl and enable SSL on the SUP', sources: ['S6', 'S29'],
    text: 'Run "WsusUtil.exe configuressl <intranet FQDN>" and enable "Require SSL communication to the WSUS server" in the software update point properties.' },
  { id: 'SUP-DEP-006', title: 'TLS pinning store', sources: ['S6', 'S15'],
    text: 'With TLS pinning (current branch 2103+, Windows 10 January 2021 CU+), put this certificate (and, for CMG scanning, the CMG certificate) in the clients\' WindowsServerUpdateServices store, or scans fail.' },
];

export const deploymentChecklist: SupRule[] = CHECKLIST.map((item) => ({
  id: item.id,
  title: item.title,
  severity: 'info',
  requirement: item.text,
  sources: item.sources,
  check(_ctx, report) {
    report.info(item.text);
  },
}));
