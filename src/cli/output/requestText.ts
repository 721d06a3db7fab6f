import type { SupRequestReport } from '../../index.js';
import type { Reported } from '../outcome.js';
import { type Safe, field, host, list, t } from './clean.js';
import {
  MAX_LISTED,
  type TextOptions,
  findingLines,
  lines,
  namesText,
  plural,
  rowLines,
  sanText,
  verdictLine,
} from './textCommon.js';

/** Names of the common EKUs (the library's EKU_NAMES, passed in). */
type EkuNames = Readonly<Record<string, string>>;

/** The finding that lists the rules waiting for the issued certificate: always shown, as its own line. */
const WAITING = 'SUP-REQ-004';

const KIND: Record<SupRequestReport['request']['kind'], string> = {
  csr: 'PKCS#10 CSR',
  inf: 'certreq INF',
  attributes: 'CA web-enrollment attributes',
};

function requestText(report: SupRequestReport, o: TextOptions): Safe {
  const r = report.request;
  if (r.kind !== 'csr') return t`${KIND[r.kind]}`;
  return r.signatureValid
    ? t`${KIND.csr}, signature verified`
    : t`${KIND.csr}, ${o.style.paint('red', t`SIGNATURE DOES NOT VERIFY`)} (see SUP-REQ-001)`;
}

function ekuText(report: SupRequestReport, ekuNames: EkuNames): Safe {
  const ekus = report.certificate.extendedKeyUsages;
  const { ekuSource, template } = report.request;
  if (ekus === null) {
    return ekuSource === 'template'
      ? t`none (the ${field(template ?? '')} template adds none: any purpose)`
      : t`not stated: no EKU extension in the request, and no template whose EKUs supcert knows${template ? t` ("${field(template)}")` : t``}`;
  }
  // An INF's EKU OIDs are any text the file holds.
  const names =
    ekus.length === 0
      ? t`(empty)`
      : list(
          ekus.map((oid) => field(ekuNames[oid] ?? oid)),
          ', ',
          MAX_LISTED,
        );
  if (ekuSource === 'extension') return t`${names} (the request's EKU extension)`;
  if (ekuSource === 'template')
    return t`${names} (from the ${field(template ?? '')} template: the CA adds them)`;
  return names;
}

function keyText(report: SupRequestReport): Safe {
  const k = report.certificate.publicKey;
  if (k.algorithm === 'rsa') return t`RSA ${k.bits ?? '?'} bits`;
  if (k.algorithm === 'ec') return t`${`EC ${k.curve ?? ''}`.trim()}`;
  if (k.algorithm === 'unknown')
    return report.request.kind === 'attributes'
      ? t`not part of an attribute string (it goes with the request it is attached to)`
      : t`not stated`;
  // An INF's KeyAlgorithm is any text the file holds.
  return field(k.algorithm.toUpperCase());
}

/** "MachineKeySet" and two spaces, so that every request's values line up. */
const LABEL_WIDTH = 15;

const yesNo = (value: boolean | undefined, yes: Safe, no: Safe, unset: Safe): Safe =>
  value === undefined ? unset : value ? yes : no;

/** The block for one request: what it asks for, the findings by severity, what waits, the verdict. */
export function formatRequestReport(
  outcome: Reported<SupRequestReport>,
  o: TextOptions,
  ekuNames: EkuNames,
): Safe {
  const { report } = outcome;
  const s = o.style;
  const cert = report.certificate;
  const r = report.request;
  const rows: Array<[string, Safe]> = [
    ['Request', requestText(report, o)],
    [
      'Template',
      r.template
        ? field(r.template)
        : r.kind === 'csr'
          ? t`not named in the CSR (chosen when it is submitted)`
          : t`not named`,
    ],
    ['Subject', cert.subject === '' ? t`(empty)` : host(cert.subject)],
    [
      'SAN',
      cert.dnsNames === null
        ? t`none (no SAN asked for)`
        : cert.altNames.length === 0
          ? t`(empty)`
          : sanText(cert.altNames),
    ],
    ['EKU', ekuText(report, ekuNames)],
    ['Key', keyText(report)],
  ];
  // Only an INF says where the key is made and by which provider; a CSR's key already exists.
  if (r.kind === 'inf') {
    rows.push(
      ['Provider', r.providerName ? field(r.providerName) : t`not named (certreq's default)`],
      [
        'MachineKeySet',
        yesNo(
          r.machineKeySet,
          t`TRUE (the computer's store)`,
          s.paint('yellow', t`FALSE (the user's store; see SUP-REQ-002)`),
          s.paint('yellow', t`not set (the user's store; see SUP-REQ-002)`),
        ),
      ],
      ['Exportable', yesNo(r.exportable, t`TRUE`, t`FALSE`, t`not set (FALSE)`)],
    );
  }
  rows.push(['Names', namesText(report, s, o)]);
  const out = [s.paint('bold', t`${outcome.file}`), ...rowLines(rows, s, LABEL_WIDTH), t``];
  for (const severity of ['error', 'warning'] as const) {
    for (const f of report.findings.filter((x) => x.severity === severity))
      out.push(...findingLines(f, s, true));
  }
  const showInfos = o.verbose || o.failOn === 'info';
  const infos = report.findings.filter(
    (x) => x.severity === 'info' && (showInfos || x.rule !== WAITING),
  );
  if (showInfos) for (const f of infos) out.push(...findingLines(f, s, true));
  else {
    for (const f of report.findings.filter((x) => x.rule === WAITING))
      out.push(...findingLines(f, s, false));
    if (infos.length > 0)
      out.push(
        t`  ${s.paint('dim', t`${plural(infos.length, 'other info finding')} not shown (--verbose shows them)`)}`,
      );
  }
  if (report.findings.length > 0) out.push(t``);
  out.push(t`  ${verdictLine(report, o)}`, t``);
  return lines(out);
}
