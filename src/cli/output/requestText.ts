import type { SupRequestReport } from '../../index.js';
import type { Reported } from '../outcome.js';
import { clean } from './clean.js';
import { type TextOptions, findingLines, namesText, plural, verdictLine } from './textCommon.js';

// Loaded lazily with check-request: imports nothing from the library at run time (see ../library.ts).

/** Names of the common EKUs (the library's EKU_NAMES, passed in). */
type EkuNames = Readonly<Record<string, string>>;

/** The finding that lists the rules waiting for the issued certificate: always shown, as its own line. */
const WAITING = 'SUP-REQ-004';

const KIND: Record<SupRequestReport['request']['kind'], string> = {
  csr: 'PKCS#10 CSR',
  inf: 'certreq INF',
  attributes: 'CA web-enrollment attributes',
};

function requestText(report: SupRequestReport, o: TextOptions): string {
  const r = report.request;
  if (r.kind !== 'csr') return KIND[r.kind];
  return r.signatureValid ? `${KIND.csr}, signature verified` : `${KIND.csr}, ${o.style.paint('red', 'SIGNATURE DOES NOT VERIFY')} (see SUP-REQ-001)`;
}

function ekuText(report: SupRequestReport, ekuNames: EkuNames): string {
  const ekus = report.certificate.extendedKeyUsages;
  const { ekuSource, template } = report.request;
  if (ekus === null) {
    return ekuSource === 'template'
      ? `none (the ${clean(template ?? '')} template adds none: any purpose)`
      : `not stated: no EKU extension in the request, and no template whose EKUs supcert knows${template ? ` ("${clean(template)}")` : ''}`;
  }
  const list = ekus.length === 0 ? '(empty)' : ekus.map((oid) => ekuNames[oid] ?? oid).join(', ');
  if (ekuSource === 'extension') return `${list} (the request's EKU extension)`;
  if (ekuSource === 'template') return `${list} (from the ${clean(template ?? '')} template: the CA adds them)`;
  return list;
}

function keyText(report: SupRequestReport): string {
  const k = report.certificate.publicKey;
  if (k.algorithm === 'rsa') return `RSA ${k.bits ?? '?'} bits`;
  if (k.algorithm === 'ec') return `EC ${k.curve ?? ''}`.trim();
  if (k.algorithm === 'unknown') return report.request.kind === 'attributes' ? 'not part of an attribute string (it goes with the request it is attached to)' : 'not stated';
  return k.algorithm.toUpperCase();
}

/** "MachineKeySet" and two spaces, so that every request's values line up. */
const LABEL_WIDTH = 15;

const yesNo = (value: boolean | undefined, yes: string, no: string, unset: string): string => (value === undefined ? unset : value ? yes : no);

/** The block for one request: what it asks for, the findings by severity, what waits, the verdict. */
export function formatRequestReport(outcome: Reported<SupRequestReport>, o: TextOptions, ekuNames: EkuNames): string {
  const { report } = outcome;
  const s = o.style;
  const cert = report.certificate;
  const r = report.request;
  const rows: Array<[string, string]> = [
    ['Request', requestText(report, o)],
    ['Template', r.template ? clean(r.template) : r.kind === 'csr' ? 'not named in the CSR (chosen when it is submitted)' : 'not named'],
    ['Subject', clean(cert.subject) || '(empty)'],
    ['SAN', cert.dnsNames === null ? 'none (no SAN asked for)' : cert.altNames.length === 0 ? '(empty)' : cert.altNames.map((a) => `${a.type === 'dns' ? 'DNS' : a.type === 'ip' ? 'IP' : a.type}:${clean(a.value)}`).join(', ')],
    ['EKU', ekuText(report, ekuNames)],
    ['Key', keyText(report)],
  ];
  // Only an INF says where the key is made and by which provider; a CSR's key already exists.
  if (r.kind === 'inf') {
    rows.push(
      ['Provider', r.providerName ? clean(r.providerName) : 'not named (certreq\'s default)'],
      ['MachineKeySet', yesNo(r.machineKeySet, 'TRUE (the computer\'s store)', s.paint('yellow', 'FALSE (the user\'s store; see SUP-REQ-002)'), s.paint('yellow', 'not set (the user\'s store; see SUP-REQ-002)'))],
      ['Exportable', yesNo(r.exportable, 'TRUE', 'FALSE', 'not set (FALSE)')],
    );
  }
  rows.push(['Names', namesText(report, s)]);
  const lines = [s.paint('bold', clean(outcome.file))];
  for (const [label, value] of rows) lines.push(`  ${s.paint('dim', label)}${' '.repeat(LABEL_WIDTH - label.length)}${value}`);
  lines.push('');
  for (const severity of ['error', 'warning'] as const) {
    for (const f of report.findings.filter((x) => x.severity === severity)) lines.push(...findingLines(f, s, true));
  }
  const showInfos = o.verbose || o.failOn === 'info';
  const infos = report.findings.filter((x) => x.severity === 'info' && (showInfos || x.rule !== WAITING));
  if (showInfos) for (const f of infos) lines.push(...findingLines(f, s, true));
  else {
    for (const f of report.findings.filter((x) => x.rule === WAITING)) lines.push(...findingLines(f, s, false));
    if (infos.length > 0) lines.push(`  ${s.paint('dim', `${plural(infos.length, 'other info finding')} not shown (--verbose shows them)`)}`);
  }
  if (report.findings.length > 0) lines.push('');
  lines.push(`  ${verdictLine(report, o)}`, '');
  return `${lines.join('\n')}\n`;
}
