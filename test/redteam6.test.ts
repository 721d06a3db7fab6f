/*
 * Red team, round 6: the outputs (CSV in a spreadsheet of a `;` locale, SARIF message text),
 * the library called with values of the wrong type, file names that are not UTF-8, and the
 * offline page's rendering of certificate fields.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../src/cli/output/clean.js';
import { ROOT, SUP, assertBuilt, runCli, tempDir } from './cli-fixtures/run.js';

const tmp = tempDir();
afterAll(() => tmp.remove());
beforeAll(() => assertBuilt());

/** A cell a spreadsheet runs as a formula: = + - @ first, after any spaces or quotes. */
const FORMULA = /^[ "]*[=+\-@\t\r]/;

/**
 * The cells a spreadsheet whose list separator is ";" (Excel and LibreOffice in German, French,
 * Dutch ... locales) reads from one CSV line: split at every ";", a field quoted only when its
 * first character is a quote.
 */
function semicolonFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let cell = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (line[i] === '"') break;
        else cell += line[i++];
      }
      i++;
      const end = line.indexOf(';', i);
      out.push(cell + line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    } else {
      const end = line.indexOf(';', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

describe('CSV opened by a spreadsheet whose list separator is ";"', () => {
  it.each([
    ['a;=1+2', 'a'],
    ["CN=sup01;=cmd|' /C calc'!A0", 'CN=sup01'],
    ['x;+1', 'x'],
    ['x;-1', 'x'],
    ['x;@SUM(A1)', 'x'],
    ['x; =1+2', 'x'],
    ['x;;=1', 'x'],
    ['x;"=1+2', 'x'],
    ['x;""=1+2', 'x'],
    [' =1+2', ''],
  ])('%j: no ";"-separated field starts a formula', (value, first) => {
    const cell = csvCell(value);
    const fields = semicolonFields(cell);
    for (const f of fields) expect(f, cell).not.toMatch(FORMULA);
    expect(fields[0]!.replace(/^'/, '').trimStart().startsWith(first)).toBe(true);
  });

  it('a ";" not followed by a formula is left as it is (messages keep their wording)', () => {
    expect(csvCell('inputs 3; passed 3')).toBe('inputs 3; passed 3');
  });

  it('a file named "a;=1+2.pem" in a real run: no field of any line starts a formula', async () => {
    const dir = path.join(tmp.dir, 'csv');
    mkdirSync(dir, { recursive: true });
    copyFileSync(path.join(ROOT, SUP, 'good-both.pem'), path.join(dir, "a;=cmd|' -c calc'!A0.pem"));
    const r = await runCli(
      ['check', '.', '--skip-names', '--at', '2027-01-01', '--format', 'csv'],
      {
        cwd: dir,
      },
    );
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\r\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(2);
    expect(r.stdout).toContain('cmd|');
    for (const line of lines)
      for (const f of semicolonFields(line)) expect(f, line).not.toMatch(FORMULA);
  });
});
