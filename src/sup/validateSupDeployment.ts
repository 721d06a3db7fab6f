import { optionsArgument } from '../x509/arguments.js';
import { port } from '#port';
import { toHex } from '../util/bytes.js';
import { quoteList, quoteValue } from '../util/quote.js';
import { SupCertError } from '../errors.js';
import { WorkBudget } from '../limits.js';
import type { DeploymentEvidence } from '../deploy/evidence.js';
import { type IisSite, siteBindings } from '../deploy/iisConfig.js';
import {
  type NetshSslCert,
  type SslCertBinding,
  sniHostForm,
  sniMightServe,
} from '../deploy/netshSslcert.js';
import { readSnapshotFile, type SnapshotFile } from '../deploy/snapshot.js';
import { type WsusSetup, sslPortFor } from '../deploy/wsusSetup.js';
import { type CertificateBundle, withoutCertificates } from '../read/CertificateBundle.js';
import type { TargetOs } from '../rules/optionValues.js';
import { blankCertificate } from '../x509/blankCertificate.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import type { SupOptions } from './SupOptions.js';
import { resolveOptions } from './resolveOptions.js';
import {
  type SupReport,
  holdsNoServerCertificate,
  judgeBundle,
  readReplaced,
  selectLeaf,
} from './validateSupCertificate.js';
import { ownOptions } from '../util/ownOptions.js';
import { item } from '../util/item.js';

/** An exported file: bytes, or bytes with the name to show in findings. */
export type DeploymentInput = Uint8Array | { name?: string; bytes: Uint8Array };

/** docs/api.md: SupOptions & { targetOs?, replaces? } (both are SupOptions extensions). */
export type DeploymentOptions = SupOptions & {
  targetOs?: TargetOs;
  replaces?: Uint8Array | string;
};

/** SupReport plus what each exported file said. */
export interface DeploymentReport extends SupReport {
  deployment: {
    /** Each input: its name and what it was recognised as. */
    files: Array<{ name: string; kind: SnapshotFile['kind'] }>;
    /** Upper-case SHA-1 thumbprint of the certificate judged, and whether it is the one HTTP.sys binds or a file given. */
    thumbprint: string;
    /**
     * Which certificate the certificate rules judged: `'bound'` the one HTTP.sys binds (found in a
     * store export or a certificate file given), `'file'` the certificate file given (no netsh
     * output), `'missing'` none: the bound certificate is in no file given, or no certificate was
     * given at all. With `'missing'`, only SUP-DEP-001…006 ran (every other rule is
     * `not-applicable` in `results`, with the reason), `certificate` is an empty placeholder
     * (`subject` and `sha256` are `''`, `notBefore`/`notAfter` the epoch) and `notes` says which
     * export would let it be judged; `ok` is then false (SUP-DEP-001 `sup.dep.certificate_not_judged`).
     */
    judged: 'bound' | 'file' | 'missing';
    sslPort: number;
    sslPortFrom: string;
    wsusSite: { name: string; id: number | null } | null;
    /**
     * HTTP.sys entries on the SSL port, in netsh's order; at most {@link MAX_REPORTED_BINDINGS}.
     * Over that, the entries a finding is about (another certificate, no certificate hash, client
     * certificates negotiated, TLS versions switched off) are kept first, then the others, and
     * `bindingsOmitted` counts the rest (they present the judged certificate, as the findings say).
     */
    bindings: Array<{
      endpoint: string;
      certificateHash?: string;
      negotiateClientCertificate: boolean | null;
    }>;
    /** HTTP.sys entries on the SSL port left out of `bindings` (0 unless over MAX_REPORTED_BINDINGS). */
    bindingsOmitted: number;
    notes: string[];
  };
}

/**
 * The most HTTP.sys entries listed in a report's `deployment.bindings`: a server with 180,000
 * entries on the port made a 20 MB JSON report of one line each; the findings already group the
 * entries by certificate.
 */
export const MAX_REPORTED_BINDINGS = 1000;

/** The entries to list: all up to the cap; over it, those a finding is about first, in netsh's order. */
function reportedBindings<
  B extends {
    certificateHash?: string;
    negotiateClientCertificate: boolean | null;
    disableLegacyTls?: true;
    disableTls12?: true;
  },
>(all: B[], thumbprint: string): B[] {
  if (all.length <= MAX_REPORTED_BINDINGS) return all;
  const notable = (b: B): boolean =>
    b.certificateHash === undefined ||
    b.certificateHash !== thumbprint ||
    b.negotiateClientCertificate === true ||
    b.disableLegacyTls === true ||
    b.disableTls12 === true;
  const keep = new Set<B>();
  for (const b of all) if (keep.size < MAX_REPORTED_BINDINGS && notable(b)) keep.add(b);
  for (const b of all) if (keep.size < MAX_REPORTED_BINDINGS) keep.add(b);
  return all.filter((b) => keep.has(b));
}

/** A value as canonical JSON (Maps as entry lists), to compare what two files say. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Map ? [...(v as Map<unknown, unknown>).entries()] : v,
  );
}

/**
 * One sentence when files of one kind say different things (each file named), none when they
 * agree or there is only one.
 */
function disagreeing(kind: string, files: Array<{ name: string; view: unknown }>): string[] {
  if (files.length < 2) return [];
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const key = canonical(f.view);
    groups.set(key, [...(groups.get(key) ?? []), f.name]);
  }
  if (groups.size < 2) return [];
  return [
    `the ${kind} files say different things: ${[...groups.values()].map((names) => names.join(' = ')).join(' versus ')}`,
  ];
}

/** The WSUS Setup values, with their registry names for messages. */
const SETUP_VALUES = [
  ['usingSsl', 'UsingSSL'],
  ['serverCertificateName', 'ServerCertificateName'],
  ['portNumber', 'PortNumber'],
  ['iisTargetWebSiteIndex', 'IISTargetWebSiteIndex'],
] as const;

/**
 * The WSUS Setup exports given, read as one: each value from the first file that has it (an
 * export may be split over two .reg files), the files named together. A value two files give
 * differently is a conflict (one sentence a value, naming the files); a value one file lacks is not.
 */
function mergedSetup(files: Array<{ name: string; setup: WsusSetup }>): {
  setup: { file: string; setup: WsusSetup } | null;
  conflicts: string[];
} {
  if (files.length === 0) return { setup: null, conflicts: [] };
  const setup = { ...files[0]!.setup };
  const conflicts: string[] = [];
  for (const [key, label] of SETUP_VALUES) {
    const having = files.filter((f) => f.setup[key] !== null);
    const first = item(having, 0);
    if (first) (setup as Record<string, unknown>)[key] = first.setup[key];
    // A host name differs only in case between two exports: the same name (DNS ignores case).
    const views = having.map((f) => {
      const value = f.setup[key];
      return { name: f.name, view: typeof value === 'string' ? value.toLowerCase() : value };
    });
    for (const conflict of disagreeing(`WSUS Setup (${label})`, views)) conflicts.push(conflict);
  }
  return {
    setup: { file: files.map((f) => f.name).join(' and '), setup },
    conflicts,
  };
}

/**
 * The netsh outputs given, read as one: every binding, each endpoint from the first file that
 * lists it (`netsh http show sslcert ipport=0.0.0.0:8531` lists one entry of the full output), the
 * files named together when more than one adds a binding. An endpoint two files show differently
 * is a conflict (one sentence an endpoint, naming the files); one a file does not list is not.
 */
function mergedNetsh(files: Array<{ name: string; netsh: NetshSslCert }>): {
  netsh: { file: string; netsh: NetshSslCert } | null;
  conflicts: string[];
} {
  if (files.length === 0) return { netsh: null, conflicts: [] };
  const byEndpoint = new Map<string, Array<{ name: string; view: SslCertBinding }>>();
  for (const f of files)
    for (const binding of f.netsh.bindings) {
      const key = binding.endpoint.toLowerCase();
      // Appended in place: a list copied per entry made one endpoint listed 40,000 times quadratic.
      const seen = byEndpoint.get(key);
      if (seen) seen.push({ name: f.name, view: binding });
      else byEndpoint.set(key, [{ name: f.name, view: binding }]);
    }
  const conflicts: string[] = [];
  const bindings: SslCertBinding[] = [];
  const adding = new Set<string>();
  for (const [, seen] of byEndpoint) {
    bindings.push(seen[0]!.view);
    adding.add(seen[0]!.name);
    // netsh lists an endpoint once (HTTP.sys keys its configuration by it): one file listing it
    // twice, differently, is two outputs joined, and which is the server's now cannot be told.
    const byFile = new Map<string, typeof seen>();
    for (const s of seen) {
      const list = byFile.get(s.name);
      if (list) list.push(s);
      else byFile.set(s.name, [s]);
    }
    for (const f of files) {
      const views = new Set(
        (byFile.get(f.name) ?? []).map((s) =>
          canonical({
            ...s.view,
            endpoint: s.view.endpoint.toLowerCase(),
            host: s.view.host.toLowerCase(),
          }),
        ),
      );
      if (views.size > 1)
        conflicts.push(
          `${f.name} lists "${quoteValue(seen[0]!.view.endpoint, 80)}" twice, differently (netsh lists each endpoint once: outputs of two runs joined?)`,
        );
    }
    // Each file's first view of the endpoint.
    const kept = [...byFile.values()].map((list) => list[0]!);
    for (const conflict of disagreeing(
      `netsh http show sslcert (${quoteValue(seen[0]!.view.endpoint, 80)})`,
      kept,
    ))
      conflicts.push(conflict);
  }
  const names = files.map((f) => f.name).filter((n) => adding.has(n));
  return {
    netsh: {
      file: names.length > 1 ? names.join(' and ') : files[0]!.name,
      netsh: { ...files[0]!.netsh, bindings },
    },
    conflicts,
  };
}

const thumbprintOf = (der: Uint8Array): string => toHex(port.digest('sha1', der)).toUpperCase();

function pickSite(files: DeploymentEvidence['config'], siteIndex: number | null): IisSite | null {
  if (!files) return null;
  const wsus = files.config.sites.filter((s) =>
    s.paths.some((p) => p.toLowerCase() === '/clientwebservice'),
  );
  const site = wsus.find((s) => siteIndex !== null && s.id === siteIndex) ?? item(wsus, 0) ?? null;
  // Its bindings as IIS merges them (<siteDefaults>, <clear />).
  return site && { ...site, bindings: siteBindings(files.config, site) };
}

/**
 * Judges a software update point's deployment from files exported on the server (any subset):
 * IIS applicationHost.config, `netsh http show sslcert` output, `reg export` of WSUS's Setup key
 * and of SystemCertificates\MY, an .sst store, and certificate files (a PFX with `password`).
 * Each file is recognised by content. The certificate judged is the one HTTP.sys binds on the
 * SSL port (found by thumbprint in a store export or among the certificate files); without
 * netsh output, the certificate file given. A certificate file of CA certificates only, given
 * with other files, is chain material: added to `intermediates` (never trusted as an anchor),
 * never the certificate judged or the one meant to be bound (a note says so). Every certificate
 * rule runs on the one judged; SUP-DEP-001…005 are verdicts from the files (info naming the
 * missing export where a file is missing).
 *
 * @throws SupCertError INVALID_OPTION (no inputs, bad options), EMPTY_INPUT, UNKNOWN_FORMAT,
 *   MALFORMED, LIMIT_EXCEEDED (from the file's reader; the message names the file),
 *   PASSWORD_REQUIRED / WRONG_PASSWORD (a PFX).
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { validateSupDeployment } from 'supcert';
 *
 * // Exported on the SUP: applicationHost.config, `netsh http show sslcert > sslcert.txt`,
 * // `reg export "HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup" setup.reg`, the MY store.
 * const files = ['applicationHost.config', 'sslcert.txt', 'setup.reg', 'my.reg'];
 * const report = await validateSupDeployment(
 *   files.map((name) => ({ name, bytes: readFileSync(name) })),
 *   { names: 'sup01.corp.contoso.com&sup01.contoso.com' },
 * );
 * // 'missing': the bound certificate is in no file given; only SUP-DEP-001…006 ran.
 * if (report.deployment.judged === 'missing') console.log(report.deployment.notes);
 * console.log(report.deployment.judged, report.deployment.thumbprint, report.ok); // 'bound' '17885EA0…' true
 * ```
 */
export async function validateSupDeployment(
  inputs: DeploymentInput[],
  options: DeploymentOptions = {},
): Promise<DeploymentReport> {
  // Own keys only, on an object without a prototype (src/util/ownOptions.ts).
  options = ownOptions(options);
  optionsArgument(options, 'validateSupDeployment');
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new SupCertError(
      'INVALID_OPTION',
      'validateSupDeployment needs at least one exported file (applicationHost.config, netsh http show sslcert output, reg export, .sst or a certificate file).',
    );
  const budget =
    options.budget instanceof WorkBudget ? options.budget : new WorkBudget(options.limits);
  const files: SnapshotFile[] = [];
  for (const [i, input] of inputs.entries()) {
    const bytes = input instanceof Uint8Array ? input : input?.bytes;
    if (!(bytes instanceof Uint8Array))
      throw new SupCertError(
        'INVALID_OPTION',
        `inputs[${i}] must be a Uint8Array or { name, bytes: Uint8Array }.`,
      );
    const name = input instanceof Uint8Array || !input.name ? `inputs[${i}]` : input.name;
    try {
      files.push(
        await readSnapshotFile(name, bytes, {
          ...(options.password !== undefined ? { password: options.password } : {}),
          budget,
        }),
      );
    } catch (error) {
      // Every message names the file it is about (the certificate readers do not know the name).
      if (error instanceof SupCertError && !error.message.startsWith(name))
        throw new SupCertError(error.code, `${name}: ${error.message}`);
      throw error;
    }
  }
  const pick = <K extends SnapshotFile['kind']>(kind: K) =>
    files.filter((f): f is Extract<SnapshotFile, { kind: K }> => f.kind === kind);
  const notes: string[] = [];
  const many = (kind: string, list: SnapshotFile[]): void => {
    if (list.length > 1)
      notes.push(
        `${list.length} ${kind} files were given (${list.map((f) => f.name).join(', ')}); the first is judged`,
      );
  };
  // IIS's config folder also holds administration.config and redirection.config (root
  // <configuration>, no sites): an admin who copies the folder gives all three. The file judged is
  // the one with the WSUS site, else one with sites, else the first.
  // redirection.config (IIS Shared Configuration) is never the file judged: with
  // enabled="true", IIS reads applicationHost.config from its path instead.
  // (One with it off is a configuration without sites, as administration.config is.)
  const redirections = pick('iis-config').filter((f) => f.config.redirection?.enabled);
  const allConfigs = pick('iis-config').filter((f) => !f.config.redirection?.enabled);
  const redirectionOn = item(redirections, 0);
  for (const f of redirections.slice(1))
    notes.push(
      `${f.name}: a second redirection.config turning on IIS Shared Configuration (${redirectionOn!.name} is used)`,
    );
  const hasWsus = (f: (typeof allConfigs)[number]): boolean =>
    f.config.sites.some((site) => site.paths.some((p) => p.toLowerCase() === '/clientwebservice'));
  const siteless = allConfigs.filter(
    (f) => f.config.sites.length === 0 && f.config.sitesConfigSource === undefined,
  );
  const movedSites = allConfigs.filter((f) => f.config.sitesConfigSource !== undefined);
  const configs = [
    ...allConfigs.filter(hasWsus),
    ...allConfigs.filter((f) => !hasWsus(f) && f.config.sites.length > 0),
    ...movedSites,
    ...siteless,
  ];
  if (siteless.length > 0 && siteless.length < configs.length)
    notes.push(
      `${siteless.map((f) => f.name).join(', ')}: IIS configuration without sites (administration.config or redirection.config?), not used`,
    );
  const netshes = pick('netsh-sslcert');
  const setups = pick('wsus-setup');
  many(
    'applicationHost.config',
    siteless.length < configs.length ? configs.filter((f) => f.config.sites.length > 0) : configs,
  );
  // So may netsh outputs (the whole list, and one entry of it): read as one.
  const mergedNetshes = mergedNetsh(netshes);
  // A Setup export may be split over files: read as one (each value from the first file with it).
  const merged = mergedSetup(setups);
  const conflicts = [
    ...mergedNetshes.conflicts,
    ...disagreeing(
      'applicationHost.config (sites and their bindings, virtual directories and SSL settings)',
      configs
        .filter((f) => f.config.sites.length > 0)
        .map((f) => ({ name: f.name, view: f.config })),
    ),
    ...merged.conflicts,
  ];
  const firstConfig = item(configs, 0);
  const config = firstConfig ? { file: firstConfig.name, config: firstConfig.config } : null;
  const netsh = mergedNetshes.netsh;
  const setup = merged.setup;
  // A .reg file may hold the Setup key and a store export joined together: both are read.
  // So may a .reg file of MY and WebHosting: each store is its own export.
  const stores = [
    ...pick('cert-store').flatMap((f) =>
      [f.store, ...(f.otherStores ?? [])].map((store) => ({ file: f.name, store })),
    ),
    ...setups.flatMap((f) =>
      [...(f.store ? [f.store] : []), ...(f.otherStores ?? [])].map((store) => ({
        file: f.name,
        store,
      })),
    ),
  ];
  // A certificate file without a certificate (a private key alone, an empty PFX) given with the
  // exports is left out with a note; given alone, it is refused as check refuses it.
  const withCertificates = pick('certificates').filter((f) => f.bundle.certificates.length > 0);
  const empty = pick('certificates').filter((f) => f.bundle.certificates.length === 0);
  if (empty.length > 0 && empty.length === files.length)
    throw new SupCertError(
      'UNKNOWN_FORMAT',
      `${empty[0]!.name}: the file holds no certificate to judge (${withoutCertificates(empty[0]!.bundle)}). Give the certificate (or the PFX with its key) with the exports.`,
    );
  for (const f of empty)
    notes.push(`${f.name} holds no certificate (${withoutCertificates(f.bundle)}): not used`);
  const bundles = withCertificates;
  for (const n of [...(netsh?.netsh.notes ?? []), ...stores.flatMap((s) => s.store.notes)])
    notes.push(n);

  const wsusSite = pickSite(config, setup?.setup.iisTargetWebSiteIndex ?? null);
  let sslPort: number;
  let sslPortFrom: string;
  const fromSetup = sslPortFor(setup?.setup.portNumber ?? null);
  const siteHttps =
    wsusSite?.bindings.find((b) => b.protocol === 'https' && b.port !== null)?.port ?? null;
  if (fromSetup !== null)
    [sslPort, sslPortFrom] = [
      fromSetup,
      `WSUS's PortNumber ${setup!.setup.portNumber} in ${setup!.file}`,
    ];
  else if (siteHttps !== null)
    [sslPort, sslPortFrom] = [
      siteHttps,
      `the https binding of "${wsusSite!.name}" in ${config!.file}`,
    ];
  else if (wsusSite?.name.toLowerCase() === 'default web site')
    [sslPort, sslPortFrom] = [443, 'WSUS on the Default Web Site'];
  else [sslPort, sslPortFrom] = [8531, 'the WSUS default'];
  const { password: _password, ...rest } = options;
  const replaced =
    options.replaces === undefined ? undefined : await readReplaced(options.replaces, budget);
  const resolved = resolveOptions(rest);

  // HTTP.sys entries on the SSL port. A hostname:port (SNI) entry serves only clients that ask for
  // its host name: one for another site sharing the port (an SSRS or intranet site on 443 next to
  // WSUS on the Default Web Site) is not the SUP's, unless its host is a name the SUP is reached by
  // (the names given, ServerCertificateName, the WSUS site's https host headers).
  const bare = (n: string): string => n.toLowerCase().replace(/\.$/, '');
  const supNames = new Set(
    [
      resolved.intranetName,
      resolved.internetName,
      ...resolved.extraNames,
      resolved.configureSslName,
      setup?.setup.serverCertificateName,
      ...(wsusSite?.bindings ?? [])
        .filter((b) => b.protocol === 'https' && b.port === sslPort)
        .map((b) => b.host),
    ]
      .filter((n): n is string => !!n)
      .map(bare),
  );
  const onPort = netsh?.netsh.bindings.filter((b) => b.port === sslPort) ?? [];
  // An SNI entry whose host ends with a dot or holds a wildcard: whether HTTP.sys uses it for a
  // client that sends the SUP's name is not documented (sniHostForm). One no SUP name could fall
  // under is another site's all the same; the others are set aside, NOT decided (SUP-DEP-002):
  // neither taken as the SUP's entries nor as serving nobody.
  const undocumented = (b: SslCertBinding): boolean =>
    b.kind === 'hostname' && sniHostForm(b.host) !== 'exact';
  const otherSites = onPort.filter(
    (b) =>
      b.kind === 'hostname' &&
      supNames.size > 0 &&
      (undocumented(b)
        ? ![...supNames].some((n) => sniMightServe(b.host, n))
        : !supNames.has(bare(b.host))),
  );
  const other = new Set(otherSites);
  const sniNotDecided = onPort.filter((b) => !other.has(b) && undocumented(b));
  const notDecided = new Set(sniNotDecided);
  const bindingsOnPort = onPort.filter((b) => !other.has(b) && !notDecided.has(b));
  if (otherSites.length > 0)
    notes.push(
      `HTTP.sys entries for other host names on port ${sslPort} (${quoteList(otherSites.map((b) => b.endpoint))}) serve other sites (SNI), not the SUP's clients: not judged`,
    );
  if (sniNotDecided.length > 0)
    notes.push(
      `HTTP.sys entries on port ${sslPort} whose use for the SUP's clients is not documented (${quoteList(sniNotDecided.map((b) => b.endpoint))}: a host name ending with a dot, or a wildcard): set aside, NOT decided (SUP-DEP-002)`,
    );
  // A certificate file of CA certificates only (SUP-FILE-002's notion: the chain .p7b, a CA
  // bundle) given with other files is chain material, not a candidate for the server's
  // certificate: its certificates are intermediates, never trust anchors (a root is not trusted
  // because it was exported with the snapshot). Given alone, it is judged (SUP-FILE-002).
  const caOnly = bundles.filter((f) => holdsNoServerCertificate(f.bundle, resolved));
  const chainFiles = caOnly.length < files.length ? caOnly : [];
  const candidates = bundles.filter((f) => !chainFiles.includes(f));
  for (const f of chainFiles)
    notes.push(
      // At most five subjects, each made printable: a 2,000-certificate bundle made a 42 KB note.
      `${f.name} holds only CA certificates (${quoteList(f.bundle.certificates.map((c) => c.subject || '(empty subject)'))}): used as intermediates for the chain, not as the server's certificate, and never as trust anchors (give the root the clients trust as trustAnchors, CLI --trust)`,
    );
  const extraCa = chainFiles.flatMap((f) => f.bundle.certificates.map((c) => c.der));
  const judgeOptions: SupOptions =
    extraCa.length > 0 && (rest.intermediates === undefined || Array.isArray(rest.intermediates))
      ? { ...rest, intermediates: [...(rest.intermediates ?? []), ...extraCa] }
      : rest;

  // Every certificate the snapshot holds, by thumbprint.
  const known = new Map<string, string>();
  const fromFiles = new Map<string, { cert: CertificateInfo; bundle: CertificateBundle }>();
  for (const f of bundles)
    for (const cert of f.bundle.certificates) {
      const t = thumbprintOf(cert.der);
      known.set(t, cert.subject);
      if (!fromFiles.has(t)) fromFiles.set(t, { cert, bundle: f.bundle });
    }
  for (const s of stores)
    for (const e of s.store.entries) known.set(e.thumbprint, e.certificate.subject);

  // The certificate to judge: the one bound on the SSL port (the 0.0.0.0 entry first), else a file's leaf.
  const boundHashes = [
    ...new Set(bindingsOnPort.map((b) => b.certificateHash).filter((h): h is string => !!h)),
  ];
  // HTTP.sys looks a connection up by the server name the client sends first (hostname:port, SNI;
  // Windows Update clients send the name they connect to), then by the address (IP:port): the
  // SUP's first name (the intranet name, else the internet name, else ServerCertificateName) with
  // its own SNI entry gets that entry's certificate. Otherwise 0.0.0.0 serves IPv4 and IPv6
  // clients, [::] IPv6 clients only (HTTP_SERVICE_CONFIG_SSL_KEY).
  const firstName =
    resolved.intranetName ?? resolved.internetName ?? setup?.setup.serverCertificateName;
  const sniFirst = firstName
    ? bindingsOnPort.find(
        (b) => b.kind === 'hostname' && b.certificateHash && bare(b.host) === bare(firstName),
      )?.certificateHash
    : undefined;
  const wildcard = (
    bindingsOnPort.find((b) => b.kind === 'ip' && b.host === '0.0.0.0') ??
    bindingsOnPort.find((b) => b.kind === 'ip' && b.host === '::')
  )?.certificateHash;
  // Entries set aside as not decided give the certificate to judge only when no other entry does.
  const bound =
    sniFirst ??
    wildcard ??
    item(boundHashes, 0) ??
    sniNotDecided.find((b) => b.certificateHash)?.certificateHash;
  let bundle: CertificateBundle | undefined;
  let judged: DeploymentReport['deployment']['judged'];
  let thumbprint: string;
  let missing: string | undefined;
  let leafIndex: number | undefined;
  if (bound) {
    thumbprint = bound;
    const file = fromFiles.get(bound);
    const entry = stores.flatMap((s) => s.store.entries).find((e) => e.thumbprint === bound);
    if (file) {
      bundle = file.bundle;
      leafIndex = file.bundle.certificates.indexOf(file.cert);
    } else if (entry)
      bundle = {
        format: 'der',
        certificates: [entry.certificate],
        keys: [],
        contains: 'certificate',
        notes: [],
      };
    judged = bundle ? 'bound' : 'missing';
    // The store netsh names for the entry (IIS 8+ binds from WebHosting too).
    const storeName = [...bindingsOnPort, ...sniNotDecided].find(
      (b) => b.certificateHash === bound,
    )?.storeName;
    const store = storeName !== undefined && /^webhosting$/i.test(storeName) ? 'WebHosting' : 'MY';
    if (!bundle)
      missing = `the certificate HTTP.sys binds on port ${sslPort} (${bound}) is not among the files given: export it (certlm.msc, or the ${store} store with reg export) to judge it`;
  } else if (item(candidates, 0)) {
    bundle = candidates[0]!.bundle;
    judged = 'file';
    thumbprint = '';
  } else {
    judged = 'missing';
    thumbprint = '';
    missing = netsh
      ? `HTTP.sys binds no certificate on port ${sslPort}, and no ${chainFiles.length > 0 ? 'server ' : ''}certificate file was given`
      : `no ${chainFiles.length > 0 ? 'server ' : ''}certificate file and no netsh http show sslcert output were given, so no certificate could be judged`;
  }
  // The certificate meant to be bound: the leaf of the first certificate file given (not a chain file).
  const intendedBundle = item(candidates, 0)?.bundle;
  const intended = intendedBundle
    ? thumbprintOf(intendedBundle.certificates[selectLeaf(intendedBundle)]!.der)
    : null;
  const evidenceFor = (cert: CertificateInfo | null): DeploymentEvidence => {
    const t = thumbprint || (cert ? thumbprintOf(cert.der) : '');
    const storeEntry =
      stores
        .map((s) => ({
          file: s.file,
          store: s.store,
          entry: s.store.entries.find((e) => e.thumbprint === t),
        }))
        .find((x) => x.entry) ?? null;
    return {
      files,
      config,
      netsh,
      setup,
      stores,
      wsusSite,
      sslPort,
      sslPortFrom,
      bindingsOnPort,
      sniNotDecided,
      thumbprint: t,
      intended,
      judged: judged === 'file' ? 'file' : 'bound',
      storeEntry: storeEntry
        ? { file: storeEntry.file, store: storeEntry.store, entry: storeEntry.entry! }
        : null,
      known,
      conflicts,
      ...(redirectionOn
        ? {
            redirection: {
              file: redirectionOn.name,
              path: redirectionOn.config.redirection!.path,
            },
          }
        : {}),
    };
  };
  const base = bundle
    ? await judgeBundle(
        bundle,
        judgeOptions,
        budget,
        (cert) => ({ deployment: evidenceFor(cert), ...(replaced ? { replaces: replaced } : {}) }),
        leafIndex,
        resolved,
      )
    : await judgeBundle(
        {
          format: 'der',
          certificates: [blankCertificate(new Uint8Array(0), '')],
          keys: [],
          contains: 'certificate',
          notes: [],
        },
        judgeOptions,
        budget,
        () => ({ deployment: evidenceFor(null), certificateMissing: missing! }),
        undefined,
        resolved,
      );
  if (missing && bundle === undefined) notes.push(missing);
  const listed = reportedBindings(bindingsOnPort, thumbprint);
  return {
    ...base,
    deployment: {
      files: files.map((f) => ({ name: f.name, kind: f.kind })),
      thumbprint: evidenceFor(bundle ? base.certificate : null).thumbprint,
      judged,
      sslPort,
      sslPortFrom,
      wsusSite: wsusSite ? { name: wsusSite.name, id: wsusSite.id } : null,
      bindings: listed.map((b) => ({
        endpoint: b.endpoint,
        ...(b.certificateHash ? { certificateHash: b.certificateHash } : {}),
        negotiateClientCertificate: b.negotiateClientCertificate,
      })),
      bindingsOmitted: bindingsOnPort.length - listed.length,
      notes,
    },
  };
}
