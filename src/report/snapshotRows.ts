import type { DeploymentReport } from '../index.js';

/*
 * What `supcert check-server` prints above the certificate report (src/cli/commands/checkServer.ts)
 * and the offline page shows under "Server snapshot" (web/page.ts): the same rows, in the same
 * words. Values are plain text holding names from the files (site names, host names, file
 * names): each writer escapes the whole row its own way (the CLI's `t` tag, the page's
 * `printable`), and both mark each name that is not plain ASCII (`name`: the CLI's `host`, the
 * page's `shown`).
 */

/** What each kind of exported file is called (DeploymentReport `deployment.files[].kind`). */
export const SNAPSHOT_KIND_LABEL: Readonly<Record<string, string>> = {
  'iis-config': 'IIS applicationHost.config',
  'netsh-sslcert': 'netsh http show sslcert',
  'wsus-setup': 'reg export of WSUS Setup',
  'cert-store': 'certificate store',
  certificates: 'certificate file',
};

/** The labels of the rows, in the order they come. */
export type SnapshotRowLabel = 'File' | 'SSL port' | 'WSUS site' | 'Bound' | 'Judged' | 'Note';

/** Entries shown on the "Bound" row; the rest are counted (a hosting server may have thousands). */
const BOUND_SHOWN = 10;

function boundText(
  bindings: DeploymentReport['deployment']['bindings'],
  omitted: number,
  name: (value: string) => string,
): string {
  const shown = bindings
    .slice(0, BOUND_SHOWN)
    .map(
      (b) => `${name(b.endpoint)} → ${b.certificateHash ? name(b.certificateHash) : '(no hash)'}`,
    )
    .join('; ');
  const rest = bindings.length + omitted - BOUND_SHOWN;
  return rest > 0 ? `${shown}; and ${rest.toLocaleString('en-US')} more entries` : shown;
}

/** The library's own words for a port no file gave (validateSupDeployment): no name in them. */
const PORT_DEFAULTS = new Set(['WSUS on the Default Web Site', 'the WSUS default']);

/**
 * Where the SSL port came from (`sslPortFrom`), with `name` applied to each name the phrase
 * quotes: the IIS site and the file ("the https binding of "WSUS Administration" in
 * applicationHost.config", "WSUS's PortNumber 8530 in setup.reg"), read back from the report's
 * `wsusSite` and `files`. A phrase of any other shape goes through `name` whole: a name in it is
 * marked and cut all the same, never shown raw.
 */
function portSource(d: DeploymentReport['deployment'], name: (value: string) => string): string {
  const from = d.sslPortFrom;
  if (PORT_DEFAULTS.has(from)) return from;
  const setup = /^WSUS's PortNumber (\d{1,10}) in /.exec(from);
  for (const f of d.files) {
    if (f.kind === 'wsus-setup' && setup && from === `${setup[0]}${f.name}`)
      return `${setup[0]}${name(f.name)}`;
    if (
      f.kind === 'iis-config' &&
      d.wsusSite &&
      from === `the https binding of "${d.wsusSite.name}" in ${f.name}`
    )
      return `the https binding of "${name(d.wsusSite.name)}" in ${name(f.name)}`;
  }
  return name(from);
}

/**
 * The snapshot's rows: one "File" row per file given (its name and what it was recognised as),
 * the SSL port and where it came from, the WSUS site, what HTTP.sys binds on that port, which
 * certificate was judged, and one "Note" row per note. `name` is applied to each name taken from
 * a file (a file name, the site name, an HTTP.sys endpoint, a certificate hash; those the SSL
 * port's source quotes too), alone: the offline page writes the not-ASCII note after a name, not
 * after a row with an arrow in it.
 */
export function snapshotRows(
  report: DeploymentReport,
  name: (value: string) => string = (value) => value,
): Array<{ label: SnapshotRowLabel; value: string }> {
  const d = report.deployment;
  const row = (label: SnapshotRowLabel, value: string) => ({ label, value });
  return [
    ...d.files.map((f) => row('File', `${name(f.name)}: ${SNAPSHOT_KIND_LABEL[f.kind] ?? f.kind}`)),
    row('SSL port', `${d.sslPort} (${portSource(d, name)})`),
    row(
      'WSUS site',
      d.wsusSite
        ? `${name(d.wsusSite.name)}${d.wsusSite.id !== null ? ` (id ${d.wsusSite.id})` : ''}`
        : 'not known (no applicationHost.config, or no site with ClientWebService)',
    ),
    row(
      'Bound',
      d.bindings.length
        ? boundText(d.bindings, d.bindingsOmitted, name)
        : 'not known or nothing bound on the SSL port',
    ),
    row(
      'Judged',
      d.judged === 'bound'
        ? `the bound certificate ${d.thumbprint}`
        : d.judged === 'file'
          ? 'the certificate file given (no netsh output names the bound one)'
          : 'no certificate (see SUP-DEP-001/002)',
    ),
    ...d.notes.map((n) => row('Note', n)),
  ];
}
