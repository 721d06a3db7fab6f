import { createHash } from 'node:crypto';
import { EKU_NAMES, type SupReport } from '../../index.js';
import { daysLeft } from '../expiry.js';
import type { Judged, Outcome } from '../judge.js';
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

export { type TextOptions, formatSummary } from './textCommon.js';

const utc = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function validity(report: SupReport, at: Date): string {
  const { notBefore, notAfter } = report.certificate;
  const span = `${utc(notBefore)} to ${utc(notAfter)}`;
  if (at < notBefore) return `${span} (not valid yet)`;
  // Counted as the Expiry row, the expiry table and SUP-VAL-001's message count them (daysLeft:
  // whole days, rounded down, so an expired certificate's count is rounded up).
  const left = daysLeft(notAfter, at);
  if (at > notAfter) return `${span} (EXPIRED ${plural(-left, 'day')} ago)`;
  return `${span} (${plural(left, 'day')} left)`;
}

function keyText(report: SupReport): Safe {
  const { publicKey: k, signatureAlgorithm } = report.certificate;
  const key =
    k.algorithm === 'rsa'
      ? `RSA ${k.bits ?? '?'} bits`
      : k.algorithm === 'ec'
        ? `EC ${k.curve ?? ''}`.trim()
        : k.algorithm.toUpperCase();
  return t`${field(key)}, signed with ${field(signatureAlgorithm)}`;
}

function judgedText(j: Judged, endpoint: boolean, isCA: boolean): string {
  if (endpoint)
    return j.index === 0
      ? 'the certificate the server presented (the first it sent)'
      : `certificate ${j.index + 1} of the ${j.count} the server sent`;
  if (j.count === 1) return 'the only certificate in the file';
  // selectLeaf: the certificate with the key (of several, the first that matches a name given),
  // else the first that is not a CA, else the first.
  const why = j.key
    ? j.keyed > 1
      ? `${j.keyed} certificates have their private key in it: ${j.named ? 'the first that matches the names given' : 'none matches the names given, so the first'}`
      : 'the one with the private key'
    : isCA
      ? 'every certificate in it is a CA: the first'
      : 'the first that is not a CA';
  return `certificate ${j.index + 1} of ${j.count} in the file (${why})`;
}

function privateKeyText(j: Judged): Safe {
  // The CSP/KSP name comes from the PFX's key bag: any text at all.
  if (j.key)
    return j.key.providerName
      ? t`in the file, provider "${field(j.key.providerName)}"`
      : t`in the file`;
  return t`${j.strayKeys > 0 ? `the file has ${plural(j.strayKeys, 'key')}, but none matches this certificate` : 'not in the file'}`;
}

function chainText(report: SupReport): Safe {
  if (!report.chain) return t`not checked (give the root with --trust FILE)`;
  if (report.chain.valid)
    return t`trusted: ${list(report.chain.path.map(host), ' > ', MAX_LISTED)}`;
  // Not coloured: whether this fails is SUP-CHAIN-002's call (a missing intermediate that
  // clients can download is only a warning), and its finding is right below.
  return t`no trusted path from the certificates given: ${list([...new Set(report.chain.problems.map((p) => p.code))], ', ', MAX_LISTED)} (see SUP-CHAIN-002)`;
}

const orEmpty = (value: string, empty: string): Safe => (value === '' ? t`${empty}` : host(value));

type ReportOutcome = Extract<Outcome, { kind: 'report' }>;

/**
 * The block for one judged input: the certificate, the findings by severity, the verdict. Without
 * `judged` (check-server: the certificate came from a snapshot, whose own block says which one was
 * judged and from where), there is no "Judged" or "Private key" row: they describe one file.
 */
export function formatReport(
  outcome: Omit<ReportOutcome, 'judged'> & { judged?: Judged },
  o: TextOptions,
): Safe {
  const { report, endpoint } = outcome;
  const s = o.style;
  const rows: Array<[string, Safe]> = [];
  if (endpoint?.probe) for (const row of probeRows(endpoint.probe)) rows.push(row);
  if (endpoint)
    rows.push([
      'Server sent',
      t`${plural(endpoint.chain.length, 'certificate')}: ${list(
        endpoint.chain.map((c) => orEmpty(c.subject, '(empty subject)')),
        ' > ',
        MAX_LISTED,
      )}`,
    ]);
  // check-server without the bound certificate: there is no certificate to describe (the
  // snapshot block's Judged and Note rows say why), only the deployment rules' findings.
  if (!o.certificateNotJudged) certificateRows(rows, outcome, o);
  // No rows (a certificate not judged): no blank line for them either.
  const out =
    rows.length > 0
      ? [s.paint('bold', t`${outcome.file}`), ...rowLines(rows, s, 13), t``]
      : [s.paint('bold', t`${outcome.file}`)];
  for (const severity of ['error', 'warning'] as const) {
    for (const f of report.findings.filter((x) => x.severity === severity))
      out.push(...findingLines(f, s, true));
  }
  const infos = report.findings.filter((x) => x.severity === 'info');
  // With --fail-on info they are what closes the gate, so they are shown.
  if (o.verbose || o.failOn === 'info')
    for (const f of infos) out.push(...findingLines(f, s, true));
  else if (infos.length > 0)
    out.push(
      t`  ${s.paint('dim', t`${plural(infos.length, 'info finding')} not shown (--verbose shows them)`)}`,
    );
  if (report.findings.length > 0) out.push(t``);
  out.push(t`  ${verdictLine(report, o)}${clientErrorText(report)}`, t``);
  return lines(out);
}

/** The rows that describe the judged certificate: subject to revocation. */
function certificateRows(
  rows: Array<[string, Safe]>,
  outcome: Omit<ReportOutcome, 'judged'> & { judged?: Judged },
  o: TextOptions,
): void {
  const { report, judged, endpoint } = outcome;
  const cert = report.certificate;
  rows.push(
    ['Subject', orEmpty(cert.subject, '(empty)')],
    [
      'SAN',
      cert.dnsNames === null
        ? t`none (no SAN extension)`
        : cert.altNames.length === 0
          ? t`(empty)`
          : sanText(cert.altNames),
    ],
    [
      'EKU',
      cert.extendedKeyUsages === null
        ? t`none (no EKU extension: any purpose)`
        : list(
            cert.extendedKeyUsages.map((oid) => field(EKU_NAMES[oid] ?? oid)),
            ', ',
            MAX_LISTED,
          ),
    ],
    ['Valid', t`${validity(report, o.at)}`],
    ['Key', keyText(report)],
    ['Issuer', orEmpty(cert.issuer, '(empty)')],
  );
  if (judged) rows.push(['Judged', t`${judgedText(judged, endpoint !== undefined, cert.isCA)}`]);
  // PKCS#12 friendlyName: what certlm.msc, the IIS binding dialog and PowerShell's Cert: drive (FriendlyName) list the certificate by.
  if (cert.friendlyName !== undefined && cert.friendlyName !== '')
    rows.push(['FriendlyName', t`${field(cert.friendlyName)}`]);
  rows.push(
    // certlm.msc, IIS and netsh show the SHA-1 thumbprint; SHA-256 is what the JSON carries.
    ['Thumbprint', t`${createHash('sha1').update(cert.der).digest('hex').toUpperCase()}`],
    ['SHA-256', t`${cert.sha256}`],
  );
  // A server never sends its private key: the row would only say so.
  if (judged && !endpoint) rows.push(['Private key', privateKeyText(judged)]);
  rows.push(
    [
      'Names',
      namesText(report, o.style, {
        skipNames: o.skipNames,
        hostAsIntranetName: endpoint?.hostAsIntranetName ?? false,
      }),
    ],
    ['Chain', chainText(report)],
  );
  // Monitoring: when the chain has more than the leaf, when each element expires.
  if ((outcome.expiry?.length ?? 0) > 1) rows.push(['Expiry', expiryText(outcome.expiry)]);
  rows.push(['Revocation', revocationText(report)]);
}

function expiryText(chain: ReportOutcome['expiry']): Safe {
  const left = (d: number): string =>
    d < 0 ? `EXPIRED ${plural(-d, 'day')} ago` : `${plural(d, 'day')} left`;
  return list(
    chain.map((c) => t`${c.role} ${c.notAfter.toISOString().slice(0, 10)} (${left(c.daysLeft)})`),
    t`, `,
    MAX_LISTED,
  );
}

/** Revocation: what the CRLs said, or that nothing was checked (nothing is fetched unless asked). */
function revocationText(report: SupReport): Safe {
  const rev = report.revocation;
  if (!rev) return t`not checked (--online is off; --crl FILE gives CRLs you have)`;
  const from =
    rev.source === 'online'
      ? t`${plural(rev.crls, 'CRL')} fetched (--online)`
      : t`${plural(rev.crls, 'CRL')} given (--crl)`;
  if (rev.statuses.length === 0)
    return t`not judged: ${field(rev.notes[rev.notes.length - 1] ?? 'no path')} (${from})`;
  return t`${list(
    rev.statuses.map(
      (x) =>
        t`${host(x.subject)} ${x.status === 'good' ? t`good` : x.status === 'revoked' ? t`REVOKED` : t`unknown`}`,
    ),
    '; ',
    MAX_LISTED,
  )} (${from})`;
}

type Probe = NonNullable<NonNullable<Extract<Outcome, { kind: 'report' }>['endpoint']>['probe']>;

/** The live probe: what the client saw, per SNI name and per WSUS directory (the findings judge it). */
function probeRows(probe: Probe): Array<[string, Safe]> {
  const [first] = probe.handshakes;
  const leaf = first?.chain[0]?.sha256;
  const perName = probe.handshakes.map((h) => {
    const name = h.name ?? '(no SNI)';
    if (h.error) return t`${host(name)}: ${field(h.error.code)}`;
    const same =
      h === first
        ? t`${field(h.protocol ?? 'protocol unknown')}`
        : h.chain[0]?.sha256 === leaf
          ? t`same certificate`
          : t`ANOTHER certificate (${host(h.chain[0]?.subject ?? '(none)')})`;
    return t`${host(name)}: ${same}${h.clientCertificateRequested ? t`, asks for a client certificate` : t``}`;
  });
  const seen = (scheme: string, content: boolean): Safe[] => {
    const counts = new Map<string, number>();
    for (const r of probe.requests.filter(
      (x) => x.url.startsWith(`${scheme}:`) && (x.directory === 'Content') === content,
    )) {
      const what = r.notProbed
        ? 'not probed'
        : r.error
          ? r.error.code
          : (r.subStatus ?? String(r.status));
      counts.set(what, (counts.get(what) ?? 0) + 1);
    }
    return [...counts].map(([what, n]) =>
      n > 1 ? t`${field(what)} ×${String(n)}` : t`${field(what)}`,
    );
  };
  const rows: Array<[string, Safe]> = [['SNI', list(perName, '; ', MAX_LISTED)]];
  if (probe.connectTo) rows.push(['Connected to', t`${field(probe.connectTo)} (--connect-to)`]);
  const https = seen('https', false);
  const http = seen('http', false);
  const content = seen('http', true);
  rows.push([
    'Web services',
    t`HTTPS ${list(https, ', ', MAX_LISTED)}${probe.httpPort === null ? t`; HTTP not probed (--http-port)` : t`; HTTP ${String(probe.httpPort)} ${list(http, ', ', MAX_LISTED)}; Content over HTTP ${list(content, ', ', MAX_LISTED)}`}`,
  ]);
  return rows;
}

/** The Windows error a client shows first, and what it shows once that is fixed. */
function clientErrorText(report: SupReport): Safe {
  const [first, next] = report.clientErrors ?? [];
  if (!first) return t``;
  return t`; clients show ${first.name} (${first.code}, ${first.rule}) first${next ? t`, then ${next.name} (${next.rule})` : t``}`;
}
