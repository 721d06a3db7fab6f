import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-fixtures/run.js';

/**
 * The repository explains itself: no file of src/, test/ or scripts/ sends the reader to a
 * document that is not in the repository (the team's research notes once lived next to it as
 * sup-rules.md, libraries.md and api.md), and none names a work item by number instead of saying
 * what the behaviour is. A document meant is one of docs/ (api.md, rules.md, names.md,
 * failure-modes.md, dependencies.md, wine-differences.md), named with its folder.
 */

const DIRS = ['src', 'test', 'scripts'];
const TEXT = /\.(?:[cm]?[jt]s|md|json|txt|sh)$/;
/** This file names what it forbids. */
const SELF = 'test/self-contained.test.ts';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...files(rel));
    else if (TEXT.test(name) && rel !== SELF) out.push(rel);
  }
  return out;
}

const ALL = DIRS.flatMap(files);

/** Every `file:line: text` of the tree where `pattern` matches. */
function hits(pattern: RegExp): string[] {
  const out: string[] = [];
  for (const rel of ALL) {
    readFileSync(path.join(ROOT, rel), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (pattern.test(line)) out.push(`${rel}:${i + 1}: ${line.trim().slice(0, 160)}`);
      });
  }
  return out;
}

/** A document outside the repository: sup-rules.md, libraries.md, or api.md not as docs/api.md. */
const OUTSIDE_DOC = /sup-rules\.md|libraries\.md|(?<!docs\/)\bapi\.md/;
/** A work item by number ("issue 11", "Issue 13:", "issues 7–14"); "issue #15149" of another project is a citation. */
const WORK_ITEM = /\b[Ii]ssues? \d+/;

describe('the repository is self-contained', () => {
  it('reads the whole tree (src, test, scripts)', () => {
    expect(ALL).toContain('src/index.ts');
    expect(ALL).toContain('scripts/hostile/README.md');
    expect(ALL.length).toBeGreaterThan(200);
  });

  it('no file points to a document outside the repository', () => {
    expect(hits(OUTSIDE_DOC)).toEqual([]);
  });

  it('no file names a work item by number', () => {
    expect(hits(WORK_ITEM)).toEqual([]);
  });

  it('every docs/ document a file names exists', () => {
    const named = new Set<string>();
    for (const rel of ALL)
      for (const m of readFileSync(path.join(ROOT, rel), 'utf8').matchAll(/\bdocs\/[\w.-]+\.md\b/g))
        named.add(m[0]);
    expect(named.size).toBeGreaterThanOrEqual(4);
    const missing = [...named].filter((doc) => {
      try {
        return !statSync(path.join(ROOT, doc)).isFile();
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });

  it('the patterns find what they forbid (the test can fail)', () => {
    for (const bad of [
      'see sup-rules.md §3',
      '(libraries.md §5.13)',
      'the contract (api.md)',
      ' * api.md: does host match',
    ])
      expect(OUTSIDE_DOC.test(bad), bad).toBe(true);
    for (const good of ['docs/api.md', 'docs/rules.md', 'docs/names.md'])
      expect(OUTSIDE_DOC.test(good), good).toBe(false);
    for (const bad of ['issue 11', 'Issue 13: the order', 'issues 7–14', '(issue 16, item 4)'])
      expect(WORK_ITEM.test(bad), bad).toBe(true);
    for (const good of ['curl issue #15149', 'tissue 4', 'the issuer 12'])
      expect(WORK_ITEM.test(good), good).toBe(false);
  });
});
