/**
 * supcert's offline page (`npm run build:web` → dist/web/supcert.html): the library's public API
 * run in the browser on the files the user picks. Nothing is sent anywhere (the page's
 * Content-Security-Policy forbids every connection); every text that comes from a file or from
 * the library is inserted with textContent, never as HTML.
 *
 * Stable hooks (docs/api.md "Browser page"): `input[type=file]`, `input[name=password]`,
 * `input[name=names]`, `button[name=check]`; when a check is done, `#verdict` carries
 * `data-verdict="pass"|"fail"|"error"` and `data-rules` (the non-info rule ids, space-separated)
 * or `data-error` (the SupCertError code).
 */
import {
  DEFAULT_LIMITS,
  EKU_NAMES,
  SupCertError,
  WorkBudget,
  readCertificates,
  validateSupCertificate,
  type CertificateBundle,
  type Finding,
  type Severity,
  type SupOptions,
  type SupReport,
} from '../src/index.js';
import { shown } from './shown.js';

/** The package version, set by scripts/build-web.mjs. */
declare const __SUPCERT_VERSION__: string;

/** What the user chose a file to be; 'auto' is decided from its content at check time. */
type Role = 'auto' | 'judge' | 'trust' | 'intermediate' | 'ignore';

interface Entry {
  file: File;
  role: Role;
  /** The role 'auto' came to at the last check, shown next to the file. */
  decided?: string;
}

const ROLE_LABELS: Record<Role, string> = {
  auto: 'Role: decide from content',
  judge: 'The certificate to judge',
  trust: 'Trusted root(s)',
  intermediate: 'Intermediate(s)',
  ignore: 'Leave out',
};

const $ = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
};

const form = $<HTMLFormElement>('form');
const drop = $<HTMLDivElement>('drop');
const fileInput = $<HTMLInputElement>('files');
const fileList = $<HTMLUListElement>('file-list');
const password = $<HTMLInputElement>('password');
const names = $<HTMLInputElement>('names');
const intranet = $<HTMLInputElement>('intranet');
const internet = $<HTMLInputElement>('internet');
const generation = $<HTMLSelectElement>('generation');
const profile = $<HTMLSelectElement>('profile');
const atInput = $<HTMLInputElement>('at');
const checkButton = $<HTMLButtonElement>('check');
const result = $<HTMLElement>('result');
const verdict = $<HTMLElement>('verdict');
const reportBox = $<HTMLDivElement>('report');
const saveButton = $<HTMLButtonElement>('save');

const entries: Entry[] = [];
/** The JSON document of the last check (the CLI's `--format json` shape for one input). */
let lastJson: { name: string; text: string } | undefined;

/** An element with its text set through textContent (never parsed as HTML). */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- files ---------------------------------------------------------------------------------

function addFiles(files: FileList | null): void {
  for (const file of Array.from(files ?? [])) {
    const same = entries.find(
      (e) =>
        e.file.name === file.name &&
        e.file.size === file.size &&
        e.file.lastModified === file.lastModified,
    );
    if (!same) entries.push({ file, role: 'auto' });
  }
  renderFiles();
}

function renderFiles(): void {
  fileList.replaceChildren();
  entries.forEach((entry, i) => {
    const item = el('li');
    const name = el('span', 'name mono', shown(entry.file.name));
    const size = el(
      'span',
      'hint',
      `${entry.file.size} bytes${entry.decided ? `, ${entry.decided}` : ''}`,
    );
    const select = el('select');
    select.setAttribute('aria-label', `Role of ${entry.file.name}`);
    for (const role of Object.keys(ROLE_LABELS) as Role[]) {
      const option = el('option', undefined, ROLE_LABELS[role]);
      option.value = role;
      option.selected = role === entry.role;
      select.append(option);
    }
    select.addEventListener('change', () => {
      entry.role = select.value as Role;
    });
    const remove = el('button', 'secondary', 'Remove');
    remove.type = 'button';
    remove.setAttribute('aria-label', `Remove ${entry.file.name}`);
    remove.addEventListener('click', () => {
      entries.splice(i, 1);
      renderFiles();
      fileInput.focus();
    });
    const left = el('span');
    left.append(name, document.createTextNode(' '), size);
    const right = el('span');
    right.append(select, document.createTextNode(' '), remove);
    item.append(left, right);
    fileList.append(item);
  });
}

fileInput.addEventListener('change', () => {
  addFiles(fileInput.files);
  // The list holds the files; the input is emptied so the same file can be picked again.
  fileInput.value = '';
});
for (const type of ['dragenter', 'dragover'] as const)
  drop.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  addFiles(event.dataTransfer?.files ?? null);
});
// A file dropped anywhere else must not make the browser open it (and leave the page).
for (const type of ['dragover', 'drop'] as const)
  window.addEventListener(type, (event) => event.preventDefault());

// ---- names ---------------------------------------------------------------------------------

/** The two fields write the ConfigMgr notation into `names` (`intranet&internet`). */
function namesFromPair(): void {
  const a = intranet.value.trim();
  const b = internet.value.trim();
  names.value = a && b ? `${a}&${b}` : a || (b ? `&${b}` : '');
}
intranet.addEventListener('input', namesFromPair);
internet.addEventListener('input', namesFromPair);

/**
 * And back: notation typed into `names` fills the two fields when it is a plain pair (`a&b`, `a`,
 * `&b`), and empties them otherwise (`san:`/`dns=` prefixes, three names), so they never show
 * names the check will not use.
 */
function pairFromNames(): void {
  const pair = /^\s*([^&\s=:]*)\s*(?:&\s*([^&\s=:]*)\s*)?$/.exec(names.value);
  intranet.value = pair?.[1] ?? '';
  internet.value = pair?.[2] ?? '';
}
names.addEventListener('input', pairFromNames);

// ---- the check -----------------------------------------------------------------------------

interface Read {
  entry: Entry;
  bundle: CertificateBundle;
}

/** An input problem of one file: the library's error, with the file it came from. */
class FileError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What one check may take in: at most MAX_FILES files, each at most the library's
 * maxInputBytes (32 MiB), together at most MAX_TOTAL_BYTES. Checked from File.size before a byte
 * is loaded, so a huge or numerous drop is refused, not read into memory.
 */
const MAX_FILES = 50;
const MAX_TOTAL_BYTES = 64 * 1024 * 1024;

function checkSizes(used: Entry[]): void {
  if (used.length > MAX_FILES)
    throw new FileError(
      'input',
      'LIMIT_EXCEEDED',
      `${used.length} files: a check takes at most ${MAX_FILES}. Remove the files that are not the server certificate or its chain.`,
    );
  let total = 0;
  for (const { file } of used) {
    if (file.size > DEFAULT_LIMITS.maxInputBytes)
      throw new FileError(
        file.name,
        'LIMIT_EXCEEDED',
        `${file.size} bytes: larger than any certificate file (at most ${DEFAULT_LIMITS.maxInputBytes} bytes). Choose the PFX, PEM, CER or P7B file itself.`,
      );
    total += file.size;
  }
  if (total > MAX_TOTAL_BYTES)
    throw new FileError(
      'input',
      'LIMIT_EXCEEDED',
      `The files hold ${total} bytes together: a check takes at most ${MAX_TOTAL_BYTES}. Remove the files that are not the server certificate or its chain.`,
    );
}

/**
 * Reads one file with the check's work budget: one budget for every file and the verdict, so
 * many hostile files (say, PFX files with huge iteration counts) cannot add up past the limits
 * one call has (limits.maxTotalIterations and the rest).
 */
async function readEntry(
  entry: Entry,
  pass: string | undefined,
  budget: WorkBudget,
): Promise<Read> {
  const bytes = new Uint8Array(await entry.file.arrayBuffer());
  try {
    return { entry, bundle: await readCertificates(bytes, { password: pass, budget }) };
  } catch (error) {
    if (error instanceof SupCertError)
      throw new FileError(entry.file.name, error.code, error.message);
    throw error;
  }
}

/**
 * Which file is judged and what the others are: a file marked "judge", else the first holding a
 * private key, else the first holding a certificate that is not a CA. Of the other files (role
 * 'auto'), self-signed certificates become trust anchors and the rest intermediates.
 */
function assignRoles(read: Read[]): {
  judged: Read | undefined;
  trustAnchors: Uint8Array[];
  intermediates: Uint8Array[];
} {
  const judged =
    read.find((r) => r.entry.role === 'judge') ??
    read.find((r) => r.entry.role === 'auto' && r.bundle.keys.length > 0) ??
    read.find((r) => r.entry.role === 'auto' && r.bundle.certificates.some((c) => !c.isCA));
  const trustAnchors: Uint8Array[] = [];
  const intermediates: Uint8Array[] = [];
  for (const r of read) {
    if (r === judged) {
      r.entry.decided = 'judged';
      continue;
    }
    if (r.entry.role === 'judge') {
      r.entry.decided = 'not used: only one file is judged at a time';
      continue;
    }
    let anchors = 0;
    let others = 0;
    for (const c of r.bundle.certificates) {
      const anchor = r.entry.role === 'trust' || (r.entry.role === 'auto' && c.selfIssued);
      (anchor ? trustAnchors : intermediates).push(c.der);
      if (anchor) anchors++;
      else others++;
    }
    const parts = [];
    if (anchors > 0) parts.push(`${anchors} trusted root${anchors === 1 ? '' : 's'}`);
    if (others > 0) parts.push(`${others} intermediate${others === 1 ? '' : 's'}`);
    r.entry.decided = parts.length > 0 ? parts.join(', ') : 'no certificate';
  }
  return { judged, trustAnchors, intermediates };
}

function optionsFromForm(): SupOptions {
  const options: SupOptions = {
    generation: generation.value as SupOptions['generation'],
    profile: profile.value as SupOptions['profile'],
  };
  if (names.value.trim() !== '') options.names = names.value;
  const at = atInput.value.trim();
  if (at !== '') {
    const when = new Date(at);
    if (Number.isNaN(when.getTime()))
      throw new FileError(
        'options',
        'INVALID_OPTION',
        `"${at}" is not a date: give an ISO 8601 date or time such as 2026-01-31T12:00:00Z, or leave the field empty for now.`,
      );
    options.at = when;
  }
  return options;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void runCheck();
});

/** Milliseconds of the last check, put on #verdict as data-open-ms and data-check-ms. */
const timings: { open?: number; check?: number } = {};

async function runCheck(): Promise<void> {
  delete timings.open;
  delete timings.check;
  // The password is read once and the field emptied at once: it lives only in this call.
  const pass = password.value === '' ? undefined : password.value;
  password.value = '';
  checkButton.disabled = true;
  saveButton.disabled = true;
  result.setAttribute('aria-busy', 'true');
  setVerdict({ state: 'busy' });
  reportBox.replaceChildren();
  const used = entries.filter((e) => e.role !== 'ignore');
  try {
    if (used.length === 0)
      throw new FileError(
        'input',
        'EMPTY_INPUT',
        'No file to check: drop a certificate file (PFX, PEM, CER, P7B) on the page or choose one.',
      );
    checkSizes(used);
    const options = optionsFromForm();
    const budget = new WorkBudget();
    const read: Read[] = [];
    const started = performance.now();
    for (const entry of used) read.push(await readEntry(entry, pass, budget));
    // Timings for scripts/bench-web.mjs: opening the files (PFX decryption), then the whole check.
    timings.open = performance.now() - started;
    const { judged, trustAnchors, intermediates } = assignRoles(read);
    renderFiles();
    if (!judged)
      throw new FileError(
        'input',
        'UNKNOWN_FORMAT',
        'None of the files holds a certificate to judge (only CA certificates, or nothing): add the server certificate, or mark a file as "The certificate to judge".',
      );
    if (trustAnchors.length > 0) options.trustAnchors = trustAnchors;
    if (intermediates.length > 0) options.intermediates = intermediates;
    const report = await validateSupCertificate(judged.bundle, { ...options, budget });
    timings.check = performance.now() - started;
    await showReport(judged, report, options);
  } catch (error) {
    showError(error, used[0]?.file.name ?? 'input');
  } finally {
    checkButton.disabled = false;
    result.setAttribute('aria-busy', 'false');
  }
}

// ---- the result ----------------------------------------------------------------------------

type VerdictState =
  | { state: 'busy' }
  | { state: 'pass' | 'fail'; rules: string[]; text: string }
  | { state: 'error'; code: string; text: string };

function setVerdict(v: VerdictState): void {
  verdict.removeAttribute('data-rules');
  verdict.removeAttribute('data-error');
  verdict.removeAttribute('data-open-ms');
  verdict.removeAttribute('data-check-ms');
  if (v.state === 'busy') {
    verdict.dataset.verdict = '';
    verdict.textContent = 'Checking…';
    return;
  }
  verdict.dataset.verdict = v.state;
  if (timings.open !== undefined) verdict.dataset.openMs = timings.open.toFixed(1);
  if (timings.check !== undefined) verdict.dataset.checkMs = timings.check.toFixed(1);
  if (v.state === 'error') verdict.dataset.error = v.code;
  else verdict.dataset.rules = v.rules.join(' ');
  verdict.textContent = v.text;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The CLI's `--format json` document for one input (v2), `der` left out, Dates as ISO strings. */
function jsonDocument(
  input: string,
  outcome:
    | { verdict: 'pass' | 'fail'; report: SupReport }
    | { verdict: 'error'; error: { code: string; message: string } },
): string {
  const exitCode = outcome.verdict === 'pass' ? 0 : outcome.verdict === 'fail' ? 1 : 2;
  const doc = {
    schema: 'supcert/check/v2',
    tool: { name: 'supcert', version: __SUPCERT_VERSION__ },
    results: [{ input, ...outcome }],
    summary: {
      inputs: 1,
      passed: outcome.verdict === 'pass' ? 1 : 0,
      failed: outcome.verdict === 'fail' ? 1 : 0,
      errors: outcome.verdict === 'error' ? 1 : 0,
      skipped: 0,
      failOn: 'error',
      exitCode,
    },
  };
  return `${JSON.stringify(doc, (key, value: unknown) => (key === 'der' ? undefined : value), 2)}\n`;
}

function showError(error: unknown, input: string): void {
  const known =
    error instanceof FileError
      ? error
      : error instanceof SupCertError
        ? new FileError('input', error.code, error.message)
        : new FileError(
            'input',
            'INTERNAL_ERROR',
            `internal error (a bug in supcert, please report it): ${error instanceof Error ? error.message : String(error)}`,
          );
  const where = known.file === 'input' || known.file === 'options' ? '' : `${known.file}: `;
  setVerdict({ state: 'error', code: known.code, text: `ERROR  ${known.code}` });
  const box = el('div', 'finding error');
  box.append(el('p', undefined, `${where}${known.message}`));
  if (known.code === 'WRONG_PASSWORD')
    box.append(el('p', 'source', 'Type the PFX password again and press Check.'));
  if (known.code === 'PASSWORD_REQUIRED')
    box.append(
      el('p', 'source', 'Type the PFX password in the PFX password field and press Check.'),
    );
  reportBox.replaceChildren(box);
  lastJson = {
    name: 'supcert-report.json',
    text: jsonDocument(where === '' ? input : known.file, {
      verdict: 'error',
      error: { code: known.code, message: `${where}${known.message}` },
    }),
  };
  saveButton.disabled = false;
}

const SEVERITIES: Array<{ severity: Severity; title: string }> = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'Information' },
];

/**
 * A library message with its option names as this page's fields: the messages name SupOptions
 * (intranetName, names, skipNames), which a reader of this page never types. The page has no
 * skip-names choice, so that way out is left unsaid. The saved JSON keeps the library's words.
 */
const PAGE_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/, or set skipNames: true to judge everything else and say so\./g, '.'],
  [/; configureSslName alone is not enough/g, ''],
  [
    /\((?:intranetName, internetName, or names "intranet&internet"|intranetName, or names "intranet&internet"|internetName, or names "intranet&internet")\)/g,
    '(the host names field as "intranet&internet", or the Intranet FQDN and Internet FQDN fields)',
  ],
  [
    /Give intranetName as well \(or names "intranet&internet"\)/g,
    'Fill in the Intranet FQDN field as well',
  ],
];

function inPageWords(message: string): string {
  let out = message;
  for (const [pattern, replacement] of PAGE_WORDS) out = out.replace(pattern, replacement);
  return out;
}

function findingItem(f: Finding & { code?: string }): HTMLLIElement {
  const item = el('li', `finding ${f.severity}`);
  item.dataset.rule = f.rule;
  item.dataset.severity = f.severity;
  if (f.code) item.dataset.code = f.code;
  const head = el('p');
  head.append(el('span', 'severity', f.severity), el('span', 'rule mono', f.rule));
  if (f.code) head.append(document.createTextNode(' '), el('span', 'mono hint', f.code));
  if (f.windowsError)
    head.append(
      document.createTextNode(' '),
      el('span', 'mono', `Windows error ${f.windowsError}`),
    );
  item.append(head, el('p', 'message', inPageWords(f.message)));
  if (f.name) item.append(el('p', 'source', `About the name ${f.name}`));
  const c = f.citation;
  const source = el('p', 'source', `Source: ${c.title}${c.section ? `, ${c.section}` : ''}`);
  if (c.url) {
    source.append(document.createTextNode(' '));
    if (/^https?:\/\//i.test(c.url)) {
      const link = el('a', undefined, c.url);
      link.href = c.url;
      link.rel = 'noreferrer noopener';
      link.target = '_blank';
      source.append(link);
    } else source.append(el('span', 'mono', c.url));
  }
  item.append(source);
  return item;
}

/** The certificate's rows; every value through {@link shown}: it holds names from the file. */
function facts(rows: Array<[string, string]>): HTMLDListElement {
  const list = el('dl', 'facts');
  for (const [label, value] of rows)
    list.append(el('dt', undefined, label), el('dd', undefined, shown(value)));
  return list;
}

const utc = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

async function thumbprint(der: Uint8Array): Promise<string> {
  // certlm.msc, IIS and netsh show the SHA-1 thumbprint (a name, not a security check).
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', new Uint8Array(der)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

async function showReport(judged: Read, report: SupReport, options: SupOptions): Promise<void> {
  const at = options.at ?? new Date();
  const failed = report.findings.some((f) => f.severity === 'error');
  const rules = [
    ...new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)),
  ];
  const { errors, warnings, infos } = report.summary;
  const [first, next] = report.clientErrors ?? [];
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info`;
  setVerdict({
    state: failed ? 'fail' : 'pass',
    rules,
    text: `${failed ? 'FAIL' : 'PASS'}  ${counts}`,
  });
  const out: HTMLElement[] = [];
  if (first)
    out.push(
      el(
        'p',
        'client-error',
        `Clients show ${first.name} (${first.code}, WinHTTP ${first.winhttpError}, ${first.rule}) first${next ? `, then ${next.name} (${next.rule})` : ''}.`,
      ),
    );
  for (const { severity, title } of SEVERITIES) {
    const found = report.findings.filter((f) => f.severity === severity);
    if (found.length === 0) continue;
    const list = el('ul', 'findings');
    for (const f of found) list.append(findingItem(f));
    if (severity === 'info') {
      const more = el('details', 'infos');
      more.append(el('summary', undefined, `${title} (${found.length})`), list);
      out.push(more);
    } else {
      const section = el('section');
      section.append(el('h3', undefined, `${title} (${found.length})`), list);
      out.push(section);
    }
  }
  if (report.omittedFindings)
    out.push(
      el('p', 'hint', `${plural(report.omittedFindings, 'finding')} left out of the report.`),
    );
  const cert = report.certificate;
  const key = judged.bundle.keys.find((k) => k.certificateIndex === report.certificateIndex);
  const stray = judged.bundle.keys.filter((k) => k.certificateIndex === null).length;
  const k = cert.publicKey;
  const days = Math.floor((cert.notAfter.getTime() - at.getTime()) / 86_400_000);
  const details = el('details', 'certificate');
  details.append(
    el('summary', undefined, 'Certificate details'),
    facts([
      ['File', judged.entry.file.name],
      ['Subject', cert.subject || '(empty)'],
      [
        'SAN',
        cert.dnsNames === null
          ? 'none (no SAN extension)'
          : cert.altNames.length === 0
            ? '(empty)'
            : cert.altNames
                .map(
                  (a) => `${a.type === 'dns' ? 'DNS' : a.type === 'ip' ? 'IP' : a.type}:${a.value}`,
                )
                .join(', '),
      ],
      [
        'EKU',
        cert.extendedKeyUsages === null
          ? 'none (no EKU extension: any purpose)'
          : cert.extendedKeyUsages.map((oid) => EKU_NAMES[oid] ?? oid).join(', '),
      ],
      [
        'Valid',
        `${utc(cert.notBefore)} to ${utc(cert.notAfter)} (${
          at < cert.notBefore
            ? 'not valid yet'
            : days < 0
              ? `EXPIRED ${plural(-days, 'day')} ago`
              : `${plural(days, 'day')} left`
        })`,
      ],
      [
        'Key',
        `${k.algorithm === 'rsa' ? `RSA ${k.bits ?? '?'} bits` : k.algorithm === 'ec' ? `EC ${k.curve ?? ''}`.trim() : k.algorithm.toUpperCase()}, signed with ${cert.signatureAlgorithm}`,
      ],
      ['Issuer', cert.issuer || '(empty)'],
      [
        'Judged',
        judged.bundle.certificates.length === 1
          ? 'the only certificate in the file'
          : `certificate ${report.certificateIndex + 1} of ${judged.bundle.certificates.length} in the file (${key ? 'the one with the private key' : 'the first that is not a CA'})`,
      ],
      ['Thumbprint', await thumbprint(cert.der)],
      ['SHA-256', cert.sha256],
      [
        'Private key',
        key
          ? key.providerName
            ? `in the file, provider "${key.providerName}"`
            : 'in the file'
          : stray > 0
            ? `the file has ${plural(stray, 'key')}, but none matches this certificate`
            : 'not in the file',
      ],
      [
        'Names',
        report.names.length === 0
          ? 'none given (fill the names field)'
          : report.names
              .map(
                (n) => `${n.name} (${n.role}): ${n.matched ? (n.via ?? 'matched') : 'NOT MATCHED'}`,
              )
              .join('; '),
      ],
      [
        'Chain',
        !report.chain
          ? 'not checked (add the root CA certificate file to check the chain)'
          : report.chain.valid
            ? `trusted: ${report.chain.path.join(' > ')}`
            : `no trusted path from the certificates given: ${[...new Set(report.chain.problems.map((p) => p.code))].join(', ')} (see SUP-CHAIN-002)`,
      ],
      ['Rules evaluated', report.rules.join(' ')],
    ]),
  );
  out.push(details);
  if ((report.clientErrors ?? []).length > 0) {
    const windows = el('details', 'client-errors');
    const list = el('ol');
    for (const c of report.clientErrors)
      list.append(el('li', 'mono', `${c.name} ${c.code} (WinHTTP ${c.winhttpError}) — ${c.rule}`));
    windows.append(
      el('summary', undefined, 'Windows errors, in the order clients report them'),
      list,
    );
    out.push(windows);
  }
  reportBox.replaceChildren(...out);
  lastJson = {
    name: `${judged.entry.file.name.replace(/[^\w.-]+/g, '_')}.supcert.json`,
    text: jsonDocument(judged.entry.file.name, { verdict: failed ? 'fail' : 'pass', report }),
  };
  saveButton.disabled = false;
}

saveButton.addEventListener('click', () => {
  if (!lastJson) return;
  // A Blob URL: the report is saved from memory, nothing is fetched.
  const url = URL.createObjectURL(new Blob([lastJson.text], { type: 'application/json' }));
  const link = el('a');
  link.href = url;
  link.download = lastJson.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
});
