/**
 * supcert's offline page (`npm run build:web` → dist/web/supcert.html): the library's public API
 * run in the browser on the files the user picks. Nothing is sent anywhere (the page's
 * Content-Security-Policy forbids every connection); every text that comes from a file or from
 * the library is inserted with textContent, never as HTML.
 *
 * Two modes (`input[name=mode]`): "certificate" judges a certificate file with its chain files
 * (validateSupCertificate); "snapshot" judges the files exported on a SUP together
 * (validateSupDeployment, as `supcert check-server` does).
 *
 * Stable hooks (docs/api.md "Browser page"): `input[name=mode]` (`value="certificate"|"snapshot"`),
 * `input[type=file]`, `input[name=password]`, `input[name=names]`, `button[name=check]`; when a
 * check is done, `#verdict` carries `data-verdict="pass"|"fail"|"error"`, `data-mode` (the mode
 * checked) and `data-rules` (the non-info rule ids, space-separated) or `data-error` (the
 * SupCertError code).
 */
import {
  DEFAULT_LIMITS,
  EKU_NAMES,
  SupCertError,
  WorkBudget,
  readCertificates,
  validateSupCertificate,
  validateSupDeployment,
  type CertificateBundle,
  type CertificateInfo,
  type DeploymentReport,
  type Finding,
  type Severity,
  type SupOptions,
  type SupReport,
} from '../src/index.js';
import { type JsonOutcome, fails, jsonDocumentV2, jsonText } from '../src/report/json.js';
import { SNAPSHOT_KIND_LABEL, snapshotRows } from '../src/report/snapshotRows.js';
import { printable } from '../src/util/printable.js';
import { shown } from './shown.js';

/** The package version, set by scripts/build-web.mjs. */
declare const __SUPCERT_VERSION__: string;

/** What the page checks: a certificate file with its chain, or a server's exported files. */
type Mode = 'certificate' | 'snapshot';

/** What the user chose a file to be; 'auto' is decided from its content at check time. */
type Role = 'auto' | 'judge' | 'trust' | 'intermediate' | 'ignore';

interface Entry {
  file: File;
  role: Role;
  /** The role 'auto' came to at the last check, shown next to the file. */
  decided?: string;
}

/** The roles a file can have in each mode, with their labels. */
const ROLE_LABELS: Record<Mode, Partial<Record<Role, string>>> = {
  certificate: {
    auto: 'Role: decide from content',
    judge: 'The certificate to judge',
    trust: 'Trusted root(s)',
    intermediate: 'Intermediate(s)',
    ignore: 'Leave out',
  },
  snapshot: {
    // Every export and certificate file is read by content (readSnapshotFile), as check-server does.
    auto: 'Part of the snapshot',
    // The roots the clients trust: the snapshot never trusts a root by itself (check-server --trust).
    trust: 'Trusted root(s)',
    ignore: 'Leave out',
  },
};

/** The texts of the file section that differ between the modes. */
const MODE_TEXT: Record<
  Mode,
  { heading: string; drop: string; hint: string; accept: string; none: string; what: string }
> = {
  certificate: {
    heading: '1. Certificate files',
    drop: 'Drop the PFX (or PEM, CER, P7B) here, with its chain files if you have them, or ',
    hint: "The file with the private key (or else the first leaf certificate) is judged; self-signed certificates of the other files become trusted roots, the rest intermediates. Change a file's role below if needed.",
    accept:
      '.pfx,.p12,.pem,.cer,.crt,.der,.p7b,.p7c,.key,.txt,application/x-pkcs12,application/x-x509-ca-cert',
    none: 'No file to check: drop a certificate file (PFX, PEM, CER, P7B) on the page or choose one.',
    what: 'the server certificate or its chain',
  },
  snapshot: {
    heading: '1. Files exported on the server',
    drop: 'Drop what you exported on the software update point here (any of them), or ',
    hint: 'applicationHost.config (%windir%\\System32\\inetsrv\\config), the output of netsh http show sslcert saved to a file, reg export files of HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup and of HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\MY, an .sst of the store, and the PFX or .cer. Each file is recognised by its content and all are judged together, as supcert check-server does. Mark the root CA certificate your clients trust as "Trusted root(s)" to check the chain.',
    accept:
      '.config,.xml,.txt,.reg,.sst,.pfx,.p12,.pem,.cer,.crt,.der,.p7b,.p7c,application/x-pkcs12,application/x-x509-ca-cert',
    none: 'No exported file to check: drop applicationHost.config, the netsh http show sslcert output, the reg export files, the .sst or the PFX on the page, or choose them.',
    what: 'exported from the server',
  },
};

const $ = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
};

const form = $<HTMLFormElement>('form');
const modeInputs = Array.from(document.querySelectorAll<HTMLInputElement>('input[name=mode]'));
const filesHeading = $<HTMLHeadingElement>('files-heading');
const dropText = $<HTMLSpanElement>('drop-text');
const filesHint = $<HTMLParagraphElement>('files-hint');
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
/** The JSON document of the last check (the CLI's `--format json` document, src/report/json.ts). */
let lastJson: { name: string; text: string } | undefined;

/** The mode chosen (the checked `input[name=mode]`). */
function currentMode(): Mode {
  return modeInputs.find((i) => i.checked)?.value === 'snapshot' ? 'snapshot' : 'certificate';
}

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
    const labels = ROLE_LABELS[currentMode()];
    for (const role of Object.keys(labels) as Role[]) {
      const option = el('option', undefined, labels[role]);
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

// ---- mode ----------------------------------------------------------------------------------

/**
 * Shows the file section of the mode chosen. A file keeps its role when the new mode has it;
 * otherwise (the certificate to judge, intermediates: snapshot mode reads every file by content)
 * it goes back to 'auto'. What the last check decided is forgotten.
 */
function showMode(): void {
  const mode = currentMode();
  const text = MODE_TEXT[mode];
  filesHeading.textContent = text.heading;
  dropText.textContent = text.drop;
  filesHint.textContent = text.hint;
  fileInput.accept = text.accept;
  for (const entry of entries) {
    if (!(entry.role in ROLE_LABELS[mode])) entry.role = 'auto';
    delete entry.decided;
  }
  renderFiles();
}
for (const input of modeInputs) input.addEventListener('change', showMode);
// A browser may restore the radio buttons' state on reload: the file section follows it.
showMode();

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

function checkSizes(used: Entry[], mode: Mode): void {
  const remove = `Remove the files that are not ${MODE_TEXT[mode].what}.`;
  if (used.length > MAX_FILES)
    throw new FileError(
      'input',
      'LIMIT_EXCEEDED',
      `${used.length} files: a check takes at most ${MAX_FILES}. ${remove}`,
    );
  let total = 0;
  for (const { file } of used) {
    if (file.size > DEFAULT_LIMITS.maxInputBytes)
      throw new FileError(
        file.name,
        'LIMIT_EXCEEDED',
        mode === 'certificate'
          ? `${file.size} bytes: larger than any certificate file (at most ${DEFAULT_LIMITS.maxInputBytes} bytes). Choose the PFX, PEM, CER or P7B file itself.`
          : `${file.size} bytes: larger than any export supcert reads (at most ${DEFAULT_LIMITS.maxInputBytes} bytes). Choose the exported file itself.`,
      );
    total += file.size;
  }
  if (total > MAX_TOTAL_BYTES)
    throw new FileError(
      'input',
      'LIMIT_EXCEEDED',
      `The files hold ${total} bytes together: a check takes at most ${MAX_TOTAL_BYTES}. ${remove}`,
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
  const mode = currentMode();
  checkButton.disabled = true;
  saveButton.disabled = true;
  result.setAttribute('aria-busy', 'true');
  setVerdict({ state: 'busy' });
  reportBox.replaceChildren();
  // The files and roles as they are now: the check works on copies, so a mode switch or a role
  // changed while it runs (reading a PFX can take seconds) does not change what it judges. What
  // it decided is shown on the files afterwards, unless the mode has changed meanwhile.
  const copies = new Map<Entry, Entry>();
  for (const e of entries) if (e.role !== 'ignore') copies.set({ file: e.file, role: e.role }, e);
  const used = [...copies.keys()];
  try {
    if (used.length === 0 || (mode === 'snapshot' && used.every((e) => e.role === 'trust')))
      throw new FileError('input', 'EMPTY_INPUT', MODE_TEXT[mode].none);
    checkSizes(used, mode);
    const options = optionsFromForm();
    if (mode === 'snapshot') await checkSnapshot(used, pass, options);
    else await checkCertificate(used, pass, options);
  } catch (error) {
    showError(error, mode, inputLabel(used, mode));
  } finally {
    if (currentMode() === mode)
      for (const [copy, entry] of copies) {
        if (copy.decided !== undefined) entry.decided = copy.decided;
      }
    renderFiles();
    checkButton.disabled = false;
    result.setAttribute('aria-busy', 'false');
  }
}

/** What the JSON report calls the input: the file judged, or the snapshot's files (as check-server's command line). */
function inputLabel(used: Entry[], mode: Mode): string {
  if (mode === 'certificate') return used[0]?.file.name ?? 'input';
  return (
    used
      .filter((e) => e.role !== 'trust')
      .map((e) => e.file.name)
      .join(' ') || 'input'
  );
}

async function checkCertificate(
  used: Entry[],
  pass: string | undefined,
  options: SupOptions,
): Promise<void> {
  const budget = new WorkBudget();
  const read: Read[] = [];
  const started = performance.now();
  for (const entry of used) read.push(await readEntry(entry, pass, budget));
  // Timings for scripts/bench-web.mjs: opening the files (PFX decryption), then the whole check.
  timings.open = performance.now() - started;
  const { judged, trustAnchors, intermediates } = assignRoles(read);
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
}

/**
 * Snapshot mode: every file not left out or marked as a trusted root is one export of the same
 * server, judged together by validateSupDeployment with the password (for a PFX among them) and
 * one work budget, as `supcert check-server FILE...` does with the files named on its command
 * line; the files marked "Trusted root(s)" are its `--trust`.
 */
async function checkSnapshot(
  used: Entry[],
  pass: string | undefined,
  options: SupOptions,
): Promise<void> {
  const budget = new WorkBudget();
  const started = performance.now();
  const trusted = used.filter((e) => e.role === 'trust');
  const exported = used.filter((e) => e.role !== 'trust');
  const trustAnchors: Uint8Array[] = [];
  for (const entry of trusted) {
    const { bundle } = await readEntry(entry, pass, budget);
    for (const c of bundle.certificates) trustAnchors.push(c.der);
    entry.decided = plural(bundle.certificates.length, 'trusted root');
  }
  if (trustAnchors.length > 0) options.trustAnchors = trustAnchors;
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const entry of exported)
    files.push({ name: entry.file.name, bytes: new Uint8Array(await entry.file.arrayBuffer()) });
  const report = await validateSupDeployment(files, {
    ...options,
    ...(pass !== undefined ? { password: pass } : {}),
    budget,
  });
  timings.check = performance.now() - started;
  // What each file was read as (the report lists the files in the order given).
  exported.forEach((entry, i) => {
    const kind = report.deployment.files[i]?.kind;
    if (kind) entry.decided = SNAPSHOT_KIND_LABEL[kind] ?? kind;
  });
  await showSnapshotReport(report, options, inputLabel(used, 'snapshot'));
}

// ---- the result ----------------------------------------------------------------------------

type VerdictState =
  | { state: 'busy' }
  | { state: 'pass' | 'fail'; mode: Mode; rules: string[]; text: string }
  | { state: 'error'; mode: Mode; code: string; text: string };

function setVerdict(v: VerdictState): void {
  verdict.removeAttribute('data-rules');
  verdict.removeAttribute('data-error');
  verdict.removeAttribute('data-mode');
  verdict.removeAttribute('data-open-ms');
  verdict.removeAttribute('data-check-ms');
  if (v.state === 'busy') {
    verdict.dataset.verdict = '';
    verdict.textContent = 'Checking…';
    return;
  }
  verdict.dataset.verdict = v.state;
  verdict.dataset.mode = v.mode;
  if (timings.open !== undefined) verdict.dataset.openMs = timings.open.toFixed(1);
  if (timings.check !== undefined) verdict.dataset.checkMs = timings.check.toFixed(1);
  if (v.state === 'error') verdict.dataset.error = v.code;
  else verdict.dataset.rules = v.rules.join(' ');
  verdict.textContent = v.text;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The CLI's command for each mode: the JSON document's schema is `supcert/<command>/v2`. */
const COMMAND: Record<Mode, string> = { certificate: 'check', snapshot: 'check-server' };

/** Keeps the CLI's `--format json` document of one input (src/report/json.ts) for the save button. */
function keepJson(mode: Mode, name: string, outcome: JsonOutcome): void {
  const exitCode =
    outcome.kind === 'error'
      ? 2
      : outcome.kind === 'report' && fails(outcome.report, 'error')
        ? 1
        : 0;
  const json = jsonDocumentV2([outcome], {
    command: COMMAND[mode],
    version: __SUPCERT_VERSION__,
    failOn: 'error',
    exitCode,
  });
  lastJson = { name, text: jsonText(json.value, json.replacer) };
  saveButton.disabled = false;
}

function showError(error: unknown, mode: Mode, input: string): void {
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
  setVerdict({ state: 'error', mode, code: known.code, text: `ERROR  ${known.code}` });
  const box = el('div', 'finding error');
  box.append(el('p', undefined, printable(`${where}${known.message}`)));
  if (known.code === 'WRONG_PASSWORD')
    box.append(el('p', 'source', 'Type the PFX password again and press Check.'));
  if (known.code === 'PASSWORD_REQUIRED')
    box.append(
      el('p', 'source', 'Type the PFX password in the PFX password field and press Check.'),
    );
  reportBox.replaceChildren(box);
  keepJson(mode, 'supcert-report.json', {
    kind: 'error',
    file: where === '' ? input : known.file,
    code: known.code,
    message: `${where}${known.message}`,
  });
}

const SEVERITIES: Array<{ severity: Severity; title: string }> = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'Information' },
];

/**
 * A library message with its option names as this page's fields: the messages name SupOptions
 * (intranetName, names, skipNames, trustAnchors), which a reader of this page never types. The
 * page has no skip-names choice, so that way out is left unsaid. The saved JSON keeps the
 * library's words.
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
  [/ as trustAnchors, CLI --trust\)/g, ' as a file marked "Trusted root(s)")'],
  [/ as trustAnchors \(CLI --trust\)/g, ' as a file marked "Trusted root(s)"'],
  [/ \(trustAnchors, CLI --trust\)/g, ' (a file marked "Trusted root(s)")'],
];

/**
 * A library message as the page shows it: in the page's words, and every invisible, bidi or
 * control character escaped (`\u{202e}`), as the command line's last line of defence does: a
 * message quotes names from the files (site names, host names, file names).
 */
function inPageWords(message: string): string {
  let out = message;
  for (const [pattern, replacement] of PAGE_WORDS) out = out.replace(pattern, replacement);
  return printable(out);
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
  if (f.name) item.append(el('p', 'source', `About the name ${shown(f.name)}`));
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

/**
 * Rows of label and value; every value through `escape`, {@link shown} unless told: it holds
 * names from the file.
 */
function facts(
  rows: Array<[string, string]>,
  escape: (value: string) => string = shown,
): HTMLDListElement {
  const list = el('dl', 'facts');
  for (const [label, value] of rows)
    list.append(el('dt', undefined, label), el('dd', undefined, escape(value)));
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

/** Sets #verdict from a report (the gate of `--fail-on error`); true when it failed. */
function showVerdict(report: SupReport, mode: Mode): boolean {
  const failed = fails(report, 'error');
  const rules = [
    ...new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)),
  ];
  const { errors, warnings, infos } = report.summary;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info`;
  setVerdict({
    state: failed ? 'fail' : 'pass',
    mode,
    rules,
    text: `${failed ? 'FAIL' : 'PASS'}  ${counts}`,
  });
  return failed;
}

/** The Windows error clients show first, then the findings by severity (info folded). */
function findingsPart(report: SupReport): HTMLElement[] {
  const out: HTMLElement[] = [];
  const [first, next] = report.clientErrors ?? [];
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
  return out;
}

/** The Windows errors clients report, in order (none: nothing). */
function clientErrorsPart(report: SupReport): HTMLElement[] {
  if ((report.clientErrors ?? []).length === 0) return [];
  const windows = el('details', 'client-errors');
  const list = el('ol');
  for (const c of report.clientErrors)
    list.append(el('li', 'mono', `${c.name} ${c.code} (WinHTTP ${c.winhttpError}) — ${c.rule}`));
  windows.append(
    el('summary', undefined, 'Windows errors, in the order clients report them'),
    list,
  );
  return [windows];
}

/**
 * The rows about the certificate judged, in the order shown: `before` after the Issuer row
 * (which certificate of the file), `after` after the SHA-256 row (the private key).
 */
async function certificateRows(
  cert: CertificateInfo,
  report: SupReport,
  at: Date,
  before: Array<[string, string]>,
  after: Array<[string, string]>,
): Promise<Array<[string, string]>> {
  const k = cert.publicKey;
  const days = Math.floor((cert.notAfter.getTime() - at.getTime()) / 86_400_000);
  return [
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
    ...before,
    ['Thumbprint', await thumbprint(cert.der)],
    ['SHA-256', cert.sha256],
    ...after,
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
  ];
}

async function showReport(judged: Read, report: SupReport, options: SupOptions): Promise<void> {
  const at = options.at ?? new Date();
  showVerdict(report, 'certificate');
  const out = findingsPart(report);
  const cert = report.certificate;
  const key = judged.bundle.keys.find((k) => k.certificateIndex === report.certificateIndex);
  const stray = judged.bundle.keys.filter((k) => k.certificateIndex === null).length;
  const details = el('details', 'certificate');
  details.append(
    el('summary', undefined, 'Certificate details'),
    facts([
      ['File', judged.entry.file.name],
      ...(await certificateRows(
        cert,
        report,
        at,
        [
          [
            'Judged',
            judged.bundle.certificates.length === 1
              ? 'the only certificate in the file'
              : `certificate ${report.certificateIndex + 1} of ${judged.bundle.certificates.length} in the file (${key ? 'the one with the private key' : 'the first that is not a CA'})`,
          ],
        ],
        [
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
        ],
      )),
    ]),
  );
  out.push(details, ...clientErrorsPart(report));
  reportBox.replaceChildren(...out);
  keepJson('certificate', `${judged.entry.file.name.replace(/[^\w.-]+/g, '_')}.supcert.json`, {
    kind: 'report',
    file: judged.entry.file.name,
    report,
  });
}

/**
 * Snapshot mode's result: the verdict and findings as in certificate mode, then the snapshot's
 * rows (the block `supcert check-server` prints: each file and what it was read as, the SSL port,
 * the WSUS site, what HTTP.sys binds, the certificate judged, notes), then the certificate
 * judged (none when the bound certificate is in no file given).
 */
async function showSnapshotReport(
  report: DeploymentReport,
  options: SupOptions,
  label: string,
): Promise<void> {
  const at = options.at ?? new Date();
  showVerdict(report, 'snapshot');
  const out = findingsPart(report);
  const server = el('details', 'snapshot');
  server.open = true;
  server.append(
    el('summary', undefined, 'Server snapshot'),
    // Each name in a row through shown() (the not-ASCII note after the name itself), and the
    // whole row escaped (printable) as the command line's writer does.
    facts(
      snapshotRows(report, shown).map(({ label: row, value }): [string, string] => [
        row,
        row === 'Note' ? inPageWords(value) : value,
      ]),
      printable,
    ),
  );
  out.push(server);
  if (report.deployment.judged !== 'missing') {
    const details = el('details', 'certificate');
    details.append(
      el('summary', undefined, 'Certificate details'),
      facts(await certificateRows(report.certificate, report, at, [], [])),
    );
    out.push(details);
  }
  out.push(...clientErrorsPart(report));
  reportBox.replaceChildren(...out);
  keepJson('snapshot', 'supcert-check-server.json', { kind: 'report', file: label, report });
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
