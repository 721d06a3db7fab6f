import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { escapeJsonText, printable } from '../src/util/printable.js';
import { clean, host, t } from '../src/cli/output/clean.js';
import { outgoing } from '../src/cli/output/write.js';
import { sarifText } from '../src/cli/output/sarif.js';
// @ts-expect-error: a plain .mjs module (the hostile-case convention), no types
import * as hostileCli from '../scripts/hostile/cli.mjs';
const {
  AT,
  PIECES,
  ROOT,
  hostile,
  hostileFileName,
  runCli,
  writeHostileFiles,
  writeLargeFieldsCertificate,
} = hostileCli;
import { assertBuilt, onlyReport } from './cli-fixtures/run.js';
import { onTerminal } from './cli-fixtures/terminal.js';

/**
 * Hostile text in every printable field of every report type reaches the
 * terminal only as visible escapes. The files are crafted by scripts/hostile/cli.mjs (every field
 * gets every technique: CSI/OSC/SGR 8, C1 controls, bidi, zero-width, U+2028/U+2029, raw line
 * breaks, space padding, a SARIF link, a look-alike host name), and the real CLI runs on them in
 * text, json and sarif.
 */

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Every control but the line feed (C0, DEL, C1), and every bidi, zero-width and separator character. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;
const INVISIBLE =
  /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/u;
const VERDICT_LIKE = /^\s*(PASS|FAIL)\b/;
/** Characters that render as nothing or as an empty cell, but the ASCII space of our own layout (red-team F1: U+2800 …). */
const BLANK_RENDERING =
  /[\p{Default_Ignorable_Code_Point}\p{Cn}\p{Co}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u2800\u{1d159}\u{1d173}-\u{1d17a}]/u;
/** A terminal row (after wrapping) that begins, behind blanks, like a verdict. */
const WRAPPED_VERDICT =
  /^[\s\p{Default_Ignorable_Code_Point}\p{Cn}\p{Co}\u2800\u{1d159}]+(PASS|FAIL)\b/u;
/** The real verdict line of a text report (textCommon.ts verdictLine). */
// The verdict line may end with the Windows error a client shows first, in a fixed form made only
// of winerror.h names, HRESULTs and rule ids (never certificate text).
const REAL_VERDICT =
  /^ {2}(PASS|FAIL) {2}\d+ errors?, \d+ warnings?, \d+ info( \(failing on (warning|info) or worse\))?(; host names NOT checked \(--skip-names\))?(; the certificate NOT judged \(not among the files given\)|; NO certificate judged \(no binding names one, and no certificate file was given\))?(; SUP-DEP-\d{3}(, SUP-DEP-\d{3})* NOT decided \(the info findings name the export that decides each\))?(; chain NOT validated \(no --trust\))?(; clients show [A-Z_]+ \(0x[0-9A-F]{8}, SUP-[A-Z0-9]+-\d{3}\) first(, then [A-Z_]+ \(SUP-[A-Z0-9]+-\d{3}\))?)?$/;

/**
 * The terminal invariants: no escape, control or invisible character; no line that begins like a
 * verdict except `verdicts` real ones; and the output stays within `maxBytes` (padding collapsed).
 */
function assertSafe(
  r: Run,
  where: string,
  verdicts: number,
  maxBytes: number,
  report = true,
): void {
  const output = `${r.stdout}${r.stderr}`;
  const control = CONTROL.exec(output);
  expect(
    control,
    `${where}: control character U+${control?.[0].codePointAt(0)!.toString(16)} near ${JSON.stringify(output.slice(Math.max(0, (control?.index ?? 0) - 40), (control?.index ?? 0) + 10))}`,
  ).toBeNull();
  const invisible = INVISIBLE.exec(output);
  expect(
    invisible,
    `${where}: invisible character U+${invisible?.[0].codePointAt(0)!.toString(16)}`,
  ).toBeNull();
  const blank = BLANK_RENDERING.exec(output);
  expect(
    blank,
    `${where}: blank-rendering character U+${blank?.[0].codePointAt(0)!.toString(16)}`,
  ).toBeNull();
  // On an 80-column terminal a long line of a report wraps: no row may start, behind blanks, like a
  // verdict (JSON and SARIF keep values whole, spaces included: they are data, not a report).
  if (report)
    for (const line of output.split('\n')) {
      const cells = Array.from(line);
      for (let i = 80; i < cells.length; i += 80)
        expect(
          cells.slice(i, i + 80).join(''),
          `${where}: a wrapped row that begins like a verdict`,
        ).not.toMatch(WRAPPED_VERDICT);
    }
  const verdictLines = output.split('\n').filter((l) => VERDICT_LIKE.test(l));
  for (const line of verdictLines)
    expect(line, `${where}: a line that begins like a verdict`).toMatch(REAL_VERDICT);
  expect(verdictLines.length, `${where}: verdict lines`).toBe(verdicts);
  expect(Buffer.byteLength(output), `${where}: output bytes`).toBeLessThan(maxBytes);
}

/** Text, JSON and SARIF of one command line; `verdicts` real verdict lines in the text. */
async function allFormats(
  args: string[],
  verdicts: number,
  maxBytes: number,
  env?: Record<string, string>,
): Promise<{ text: Run; json: Run; sarif: Run }> {
  const text = (await runCli(args, { env })) as Run;
  assertSafe(text, `${args[0]} text`, verdicts, maxBytes);
  const json = (await runCli([...args, '--format', 'json'], { env })) as Run;
  assertSafe(json, `${args[0]} json`, 0, maxBytes * 2, false);
  const sarif = (await runCli([...args, '--format', 'sarif'], { env })) as Run;
  assertSafe(sarif, `${args[0]} sarif`, 0, maxBytes * 4, false);
  return { text, json, sarif };
}

/** SARIF message texts: no "[" or "]" that is not escaped, so no embedded link (SARIF 2.1.0 §3.11.6). */
function assertNoSarifLinks(sarif: string): void {
  const log = JSON.parse(sarif) as {
    runs: Array<{
      results: Array<{ message: { text: string } }>;
      invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
    }>;
  };
  const texts = [
    ...log.runs[0]!.results.map((r) => r.message.text),
    ...log.runs[0]!.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text),
  ];
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text).not.toMatch(/(^|[^\\])[[\]]/);
}

const NAMES = 'sup01.corp.contoso.com&sup01.contoso.com';
let dir: string;
let files: ReturnType<typeof writeHostileFiles>;

beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(path.join(os.tmpdir(), 'supcert-hostile-terminal-'));
  files = writeHostileFiles(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile text never reaches the terminal raw', () => {
  it('a certificate and its CA: subject, issuer, SAN, chain path; JSON and SARIF stay faithful, SARIF makes no link', async () => {
    const { text, json, sarif } = await allFormats(
      ['check', files.leaf, '--trust', files.root, '--names', NAMES, '--at', AT, '--verbose'],
      1,
      200_000,
    );
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^ {2}FAIL {2}/m);
    // The escapes are visible, the look-alike is spelled out, the padding is one space.
    expect(text.stdout).toContain('\\x1b[2J');
    expect(text.stdout).toContain('\\u{202e}');
    expect(text.stdout).toContain(
      'DNS:\u0455up01.c\u043entoso.com (not ASCII: \\u{455}up01.c\\u{43e}ntoso.com)',
    );
    expect(text.stdout).toContain('Chain        trusted: ');
    expect(text.stdout).not.toMatch(/ {3,}PASS/);
    // JSON: exactly the values of the certificate (escapes are JSON's own \u sequences).
    const [leaf] = (await readCertificates(readFileSync(files.leaf))).certificates;
    const report = onlyReport(json.stdout) as unknown as {
      certificate: { subject: string; issuer: string; altNames: Array<{ value: string }> };
    };
    expect(report.certificate.subject).toBe(leaf!.subject);
    expect(report.certificate.altNames.map((a) => a.value)).toEqual(
      leaf!.altNames.map((a) => a.value),
    );
    expect(report.certificate.subject).toContain('\u202e');
    assertNoSarifLinks(sarif.stdout);
    const log = JSON.parse(sarif.stdout) as {
      runs: Array<{
        results: Array<{
          message: { text: string };
          properties: { certificate: { subject: string } };
        }>;
      }>;
    };
    expect(log.runs[0]!.results[0]!.properties.certificate.subject).toBe(leaf!.subject);
  });

  it('a PFX: the key bag\'s CSP name and friendlyName (the "Private key" row) cannot draw a fake PASS', async () => {
    const { text } = await allFormats(
      ['check', files.pfx, '--names', NAMES, '--at', AT],
      1,
      200_000,
    );
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(
      /^ {2}Private key {2}in the file, provider "<pfx-csp:csi>\\x1b\[2J\\x1b\[H\\x1b\[32mPASS 0 errors, 0 warnings, 0 info\\x1b\[0m\\x1b\]52;c;ZXZpbA==\\x07\\x1b\[8m/m,
    );
    expect(text.stdout).toMatch(/^ {2}FAIL {2}\d+ errors?/m);
  });

  it('requests: CSR subject and SAN, INF subject, SAN, EKU OIDs, KeyAlgorithm, provider and template, web-enrollment attributes', async () => {
    const { text, sarif } = await allFormats(
      ['check-request', files.csr, files.inf, files.attributes, '--names', NAMES, '--verbose'],
      3,
      400_000,
    );
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Key            <INF-KEYALGORITHM:CSI>\\x1b[2J');
    expect(text.stdout).toContain('Provider       <inf-provider:csi>\\x1b[2J');
    expect(text.stdout).toMatch(/^ {2}EKU {12}<inf-eku:csi>\\x1b\[2J/m);
    assertNoSarifLinks(sarif.stdout);
  });

  it('file and directory names: report headings, notes on skipped files, errors, the summary table', async () => {
    const { text } = await allFormats(
      ['check', files.folder, '--skip-names', '--at', AT],
      1,
      100_000,
    );
    expect(text.status).toBe(2);
    expect(text.stderr).toContain('skipped, not a certificate file');
    expect(text.stderr).toContain('(MALFORMED)');
    // Names not checked (--skip-names); what matters is that the summary line is the real one.
    expect(text.stdout).toMatch(
      /^2 inputs: 1 passed, 0 failed, 1 could not be checked, 1 file skipped$/m,
    );
    // A name that is not there (as --trust): the usage-error path.
    const missing = (await runCli([
      'check',
      files.leaf,
      '--skip-names',
      '--trust',
      path.join(dir, hostileFileName('missing')),
    ])) as Run;
    expect(missing.status).toBe(2);
    assertSafe(missing, 'missing --trust', 0, 10_000);
    expect(missing.stderr).toContain('no such file or directory (ENOENT)');
  });

  it('names given on the command line, and what suggest writes from them', async () => {
    const names = ['--intranet', PIECES.lookalike, '--internet', hostile('cli').replace(/\n/g, '')];
    const r = (await runCli(['check', files.leaf, ...names, '--at', AT])) as Run;
    assertSafe(r, 'check with hostile --names', r.status === 2 ? 0 : 1, 200_000);
    // A usage error echoes the value it refuses: through the same escaping (red-team F1: U+2800 was raw).
    const usage = (await runCli(['check', files.leaf, '--intranet', PIECES.blank])) as Run;
    expect(usage.status).toBe(2);
    assertSafe(usage, 'usage error for a blank-padded --intranet', 0, 20_000);
    expect(usage.stderr).toContain('\\u{2800}');
    const suggest = (await runCli(['suggest', '--intranet', PIECES.lookalike])) as Run;
    expect(suggest.status).toBe(0);
    assertSafe(suggest, 'suggest', 0, 20_000);
    expect(suggest.stdout).toContain('(not ASCII: \\u{455}up01.c\\u{43e}ntoso.com)');
    const json = (await runCli([
      'suggest',
      '--intranet',
      PIECES.lookalike,
      '--format',
      'json',
    ])) as Run;
    assertSafe(json, 'suggest json', 0, 20_000);
    expect((JSON.parse(json.stdout) as { names: string[] }).names).toContain(PIECES.lookalike);
  });

  it('a 200,000-character subject and 5,000 SAN entries: every field cut, every list bounded (text output in bytes)', async () => {
    const file = writeLargeFieldsCertificate(path.join(dir, 'large.pem'));
    const input = readFileSync(file).length;
    const r = (await runCli(['check', file, '--names', NAMES, '--at', AT])) as Run;
    assertSafe(r, 'large fields', 1, 20_000);
    expect(input).toBeGreaterThan(200_000);
    expect(r.stdout).toContain('… (200,025 characters; --format json shows it whole)');
    expect(r.stdout).toContain('and 4,950 more (--format json lists them all)');
    const json = (await runCli([
      'check',
      file,
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'json',
    ])) as Run;
    const report = onlyReport(json.stdout) as unknown as {
      certificate: { subject: string; altNames: unknown[] };
    };
    expect(report.certificate.subject.length).toBe(200_025);
    expect(report.certificate.altNames).toHaveLength(5_000);
  });

  it('the password prompt shows a hostile file name escaped (on a terminal)', async () => {
    const pfx = path.join(dir, `prompt-${hostileFileName('prompt')}.pfx`);
    copyFileSync(path.join(ROOT, 'certs-fixtures/sup/good-both.pfx'), pfx);
    const output = (
      await onTerminal(['check', pfx, '--names', NAMES, '--at', AT, '--no-color'], {
        waitFor: 'Password for',
        answer: 'Passw0rd!\r',
      })
    ).output.replace(/\r\n/g, '\n');
    expect(output).toContain('Password for ');
    expect(output).toContain(
      '\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07\\u{202e}\\u{200b}\\u{2028}PASS 0 errors',
    );
    // The terminal echoes nothing typed; everything else supcert wrote is escaped.
    expect(output).not.toMatch(/\u001b/);
    expect(output).not.toMatch(INVISIBLE);
    expect(output).toMatch(/^ {2}PASS {2}0 errors/m);
  });
});

describe('the sanitiser', () => {
  it('is the only way out: no module of src/cli but output/write.ts writes to stdout or stderr, and only clean.ts and style.ts make Safe text', () => {
    const files = readdirSync(path.join(ROOT, 'src/cli'), {
      recursive: true,
      encoding: 'utf8',
    }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const source = readFileSync(path.join(ROOT, 'src/cli', file), 'utf8');
      if (file !== path.join('output', 'write.ts')) {
        expect(source, file).not.toMatch(/\.\s*write\s*\(|\bconsole\s*\.|\bwriteSync\s*\(/);
      }
      if (
        file !== path.join('output', 'clean.ts') &&
        file !== 'style.ts' &&
        file !== path.join('output', 'write.ts')
      )
        expect(source, file).not.toMatch(/Safe\.of\s*\(/);
    }
  });

  it('escapes every class of unsafe character, and leaves ordinary text alone', () => {
    const samples: Array<[string, string]> = [
      ['\u0000\u001b\u007f\u0085\u009b', '\\x00\\x1b\\x7f\\x85\\x9b'],
      [
        '\u200b\u200f\u202a\u202e\u2060\u2064\u2066\u2069\ufeff\u061c\u00ad',
        '\\u{200b}\\u{200f}\\u{202a}\\u{202e}\\u{2060}\\u{2064}\\u{2066}\\u{2069}\\u{feff}\\u{61c}\\xad',
      ],
      ['\u2028\u2029\u00a0\u3000', '\\u{2028}\\u{2029}\\xa0\\u{3000}'],
      ['\u{e0041}\u{e0100}\ufe0f\u3164', '\\u{e0041}\\u{e0100}\\u{fe0f}\\u{3164}'],
      ['\ud800x', '\\u{d800}x'],
      // Red-team F1: blank-rendering symbols, default-ignorables, reserved, private-use and unassigned code points.
      [
        '\u2800\u{1d159}\u{1d173}\u115f\uffa0\u17b4\u180b\u2065\ufff0\u{e0080}\ue000\u{f0000}\u0378',
        '\\u{2800}\\u{1d159}\\u{1d173}\\u{115f}\\u{ffa0}\\u{17b4}\\u{180b}\\u{2065}\\u{fff0}\\u{e0080}\\u{e000}\\u{f0000}\\u{378}',
      ],
      ['sup01.contoso.com Müller 日本', 'sup01.contoso.com Müller 日本'],
    ];
    for (const [input, output] of samples) expect(printable(input)).toBe(output);
  });

  it('clean collapses runs of spaces; host spells out look-alikes; t cleans values, not literals', () => {
    expect(clean(`a${' '.repeat(500)}PASS`)).toBe('a PASS');
    expect(host('\u0455up01.contoso.com').text).toBe(
      '\u0455up01.contoso.com (not ASCII: \\u{455}up01.contoso.com)',
    );
    expect(host('sup01.contoso.com').text).toBe('sup01.contoso.com');
    // The look-alike note does not depend on the value's length (red-team F1: none above 260 characters).
    expect(host(`\u0455up01.contoso.com ${'x'.repeat(400)}`).text).toMatch(
      / \(not ASCII: \\u\{455\}up01\.contoso\.com x{400}\)$/,
    );
    expect(host(`\u0455${'x'.repeat(5000)}`).text).toMatch(
      /… \(5,001 characters; --format json shows it whole\) \(not ASCII: \\u\{455\}x{999}…\)$/,
    );
    expect(t`  ${'\u001b[2J'}  \n`.text).toBe('  \\x1b[2J  \n');
    // Only a real template literal makes Safe text.
    const fake = Object.assign(['\u001b[2J'], {
      raw: ['\u001b[2J'],
    }) as unknown as TemplateStringsArray;
    expect(() => t(fake)).toThrow(TypeError);
  });

  it("the writer's last pass lets through only line feeds, CRLF and our SGR colours", () => {
    expect(outgoing('\u001b[31mred\u001b[39m\n')).toBe('\u001b[31mred\u001b[39m\n');
    expect(outgoing('a\r\nb')).toBe('a\r\nb');
    expect(outgoing('\u001b[8m\u001b[2J\u001b]52;c;x\u0007\rPASS\u2028')).toBe(
      '\\x1b[8m\\x1b[2J\\x1b]52;c;x\\x07\\x0dPASS\\u{2028}',
    );
  });

  it('JSON escaping is faithful; SARIF text escapes brackets', () => {
    const value = { s: `${hostile('json')}\u{e0041}` };
    const json = escapeJsonText(JSON.stringify(value, null, 2));
    expect(json).not.toMatch(CONTROL);
    expect(json).not.toMatch(INVISIBLE);
    expect(JSON.parse(json)).toEqual(value);
    expect(sarifText('see [x](https://e) and \\[y]')).toBe('see \\[x\\](https://e) and \\\\[y\\]');
  });
});
