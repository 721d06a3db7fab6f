import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, assertBuilt, tempDir } from './cli-fixtures/run.js';

/**
 * The README cannot drift: every ```text block that begins with "$ supcert …" is run (with the
 * built command) and its printed output compared line by line with the README, and so is the
 * library example whose output the README shows after "prints". A README line with "…" stands
 * for any text at that place (thumbprints, a message cut for reading): the real line must begin
 * with what comes before the "…" and end with what comes after it.
 */

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

interface Block {
  lang: string;
  body: string;
  /** The line of the README just before the block (for "prints"). */
  before: string;
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end++;
    let before = i - 1;
    while (before >= 0 && lines[before]!.trim() === '') before--;
    out.push({
      lang: open[1]!,
      body: lines.slice(start, end).join('\n'),
      before: before >= 0 ? lines[before]! : '',
    });
    i = end;
  }
  return out;
}

/** True when `actual` is what the README line shows, "…" standing for any text. */
function lineMatches(shown: string, actual: string): boolean {
  if (!shown.includes('…')) return shown === actual;
  const parts = shown.split('…');
  if (!actual.startsWith(parts[0]!)) return false;
  let at = parts[0]!.length;
  for (const part of parts.slice(1, -1)) {
    const found = actual.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  const last = parts[parts.length - 1]!;
  return actual.length - last.length >= at && actual.endsWith(last);
}

function expectShown(shown: string, actual: string, where: string): void {
  const want = shown.replace(/\n+$/, '').split('\n');
  const got = actual.replace(/\n+$/, '').split('\n');
  const mismatches = want.flatMap((line, i) =>
    lineMatches(line, got[i] ?? '(no line)')
      ? []
      : [`line ${i + 1}\n  README: ${line}\n  actual: ${got[i] ?? '(no line)'}`],
  );
  expect(mismatches, `${where}\n${mismatches.join('\n')}`).toEqual([]);
  expect(got.length, `${where}: line count\n${actual}`).toBe(want.length);
}

const all = blocks(README);
const shell = all.filter((b) => b.lang === 'text' && b.body.startsWith('$ supcert '));
const printsAt = all.findIndex((b) => b.lang === 'text' && /^prints\b/.test(b.before));

const tmp = tempDir();
beforeAll(assertBuilt);
afterAll(tmp.remove);

describe('README examples print what the README shows', () => {
  it('has shell examples with output, and the library example', () => {
    expect(shell.length).toBeGreaterThanOrEqual(3);
    expect(printsAt).toBeGreaterThan(0);
  });

  it.each(shell.map((b) => [b.body.split('\n')[0]!, b] as const))('%s', (_first, block) => {
    const [command, ...output] = block.body.split('\n');
    // The README's line, run by sh with `supcert` as the built command.
    const script = command!
      .slice(2)
      .replace(/^supcert /, `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} `);
    const r = spawnSync('sh', ['-c', `${script} 2>&1`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.error).toBeUndefined();
    expectShown(output.join('\n'), r.stdout, command!);
  });

  it('the library example prints what the README shows', () => {
    const code = all[printsAt - 1]!;
    expect(code.lang).toBe('ts');
    const file = path.join(tmp.dir, 'example.mjs');
    writeFileSync(
      file,
      code.body.replace(
        /from 'supcert'/g,
        `from ${JSON.stringify(path.join(ROOT, 'dist/index.js'))}`,
      ),
    );
    const r = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expectShown(all[printsAt]!.body, r.stdout, 'library example');
  });

  it('the JSON example has the shape the command prints (every key of it at the same place in a real document)', () => {
    const example = all.find(
      (b) => b.lang === 'json' && b.body.includes('"schema": "supcert/check/v2"'),
    );
    expect(example).toBeDefined();
    const shown = JSON.parse(example!.body) as Record<string, unknown>;
    const r = spawnSync(
      process.execPath,
      [
        CLI,
        'check',
        'certs-fixtures/sup/cn-only-while-san.pem',
        'certs-fixtures/sup/good-both.pfx',
        '--names',
        'sup01.corp.contoso.com&sup01.contoso.com',
        '--at',
        '2027-01-01',
        '--format',
        'json',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const real = JSON.parse(r.stdout) as Record<string, unknown>;
    // Top level, summary and each kind of result: the same keys; inside a report, the example's keys exist.
    expect(Object.keys(shown)).toEqual(Object.keys(real));
    expect(Object.keys(shown.summary as object)).toEqual(Object.keys(real.summary as object));
    expect(Object.keys(shown.tool as object)).toEqual(Object.keys(real.tool as object));
    const results = real.results as Array<Record<string, unknown>>;
    for (const item of shown.results as Array<Record<string, unknown>>) {
      if (item.verdict === 'skipped') {
        expect(Object.keys(item)).toEqual(['input', 'verdict', 'skipped']);
        continue;
      }
      const same = results.find((x) => (x.verdict === 'error') === (item.verdict === 'error'))!;
      expect(Object.keys(item)).toEqual(Object.keys(same));
      const inner = (item.report ?? item.error) as Record<string, unknown>;
      const realInner = (same.report ?? same.error) as Record<string, unknown>;
      for (const key of Object.keys(inner)) expect(realInner, key).toHaveProperty(key);
    }
  });

  it('lineMatches: "…" stands for any text, nothing else does', () => {
    expect(lineMatches('  Thumbprint   …', '  Thumbprint   C1EE4E')).toBe(true);
    expect(lineMatches('  Thumbprint   …', '  SHA-256      C1EE4E')).toBe(false);
    expect(lineMatches('a … b', 'a x b')).toBe(true);
    expect(lineMatches('a … b', 'a x c')).toBe(false);
    expect(lineMatches('abc', 'abcd')).toBe(false);
  });
});
