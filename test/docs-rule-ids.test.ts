import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRules, describeRunnerFindings } from '../src/index.js';
import { ROOT } from './cli-fixtures/run.js';

/**
 * docs/rules.md is generated from the catalogue (test/rules-catalogue.test.ts keeps it current);
 * the other documents name rules and finding codes by hand. Every rule id (SUP-NAME-006) and
 * finding code (sup.name.cn_only) that README.md, docs/*.md, the command's help texts
 * (src/cli/usage.ts) or the offline page (web/) name must exist in the catalogue.
 */

const IDS = new Set(describeRules().map((r) => r.id));
const CODES = new Set([
  ...describeRules().flatMap((r) => r.findings.map((f) => f.code)),
  ...describeRunnerFindings().map((f) => f.code),
]);

const DOCUMENTS = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md') && f !== 'rules.md')
    .map((f) => `docs/${f}`),
  'src/cli/usage.ts',
  ...readdirSync(path.join(ROOT, 'web'))
    .filter((f) => /\.(?:html|ts)$/.test(f))
    .map((f) => `web/${f}`),
];

/** The rule ids and finding codes `text` names that the catalogue does not have. */
function unknownNames(text: string): string[] {
  const ids = [...text.matchAll(/\bSUP-[A-Z]+-\d{3}\b/g)].map((m) => m[0]);
  const codes = [...text.matchAll(/\bsup\.[a-z]+\.[a-z0-9_]+\b/g)].map((m) => m[0]);
  return [...new Set([...ids.filter((id) => !IDS.has(id)), ...codes.filter((c) => !CODES.has(c))])];
}

describe('the rule ids and finding codes the documents name exist', () => {
  it.each(DOCUMENTS)('%s', (file) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    expect(unknownNames(text)).toEqual([]);
  });

  it('reads the documents that name rules (the test can fail)', () => {
    expect(DOCUMENTS).toEqual(expect.arrayContaining(['README.md', 'docs/failure-modes.md']));
    // An id the catalogue does not have (a fixed one would break when `npm run new-rule` adds it).
    const unused = Array.from({ length: 1000 }, (_, i) => `SUP-NAME-${String(i).padStart(3, '0')}`)
      .reverse()
      .find((id) => !IDS.has(id))!;
    expect(unknownNames(`SUP-NAME-006 sup.name.cn_only ${unused} sup.name.gone`)).toEqual([
      unused,
      'sup.name.gone',
    ]);
  });
});
