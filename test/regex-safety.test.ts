import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegExpParser } from '@eslint-community/regexpp';
import { analyse, type Report } from 'scslre';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No regular expression in src/ may backtrack super-linearly (no ReDoS): every one runs,
 * sooner or later, on text from a file (names, PEM headers, INF lines, request attributes). The
 * TypeScript compiler finds every regex literal and every `RegExp(...)` / `new RegExp(...)`
 * (and refuses `.match()`, `.matchAll()`, `.search()` on a computed string, which compile it);
 * scslre (on regexpp's parse) looks for quantifiers that trade characters (nested or adjacent
 * unbounded quantifiers: /\s*=\s*(.*)$/, /(a+)+/) and for "Move" costs (the engine retrying an
 * unanchored pattern from every start position: /^\s*x/m is O(n²) on 100,000 newlines).
 *
 * Two passes:
 * 1. scslre's default analysis (it reports a quantifier only when a rejecting suffix can follow
 *    it): no report of any kind is allowed.
 * 2. With `assumeRejectingSuffix` (every quantifier assumed attackable): Trade and Self reports
 *    are not allowed either; a Move report must be reviewed below, with the reason it is linear.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');

/**
 * Move reports reviewed and accepted ("file: /source/flags" → why it is linear). Each is a
 * pattern that is one `X+` and nothing else: a match attempt either fails on its first character
 * (O(1), so trying every start position stays linear) or succeeds, and a success never backtracks.
 */
const MOVE_REVIEWED: Record<string, string> = {
  'src/names/directoryName.ts: /\\s+/g':
    'replace(/\\s+/g): the whole pattern is one quantifier; every attempt fails at once or succeeds',
  'src/read/pem.ts: /\\s+/g': 'replace(/\\s+/g): as above',
  'src/request/readRequest.ts: /\\s+/g': 'replace(/\\s+/g) on a template name: as above',
  'src/cli/output/sarif.ts: /[^A-Za-z0-9]+/': 'split on runs of separators: as above',
  'src/names/parseNameList.ts: /[\\s,;]+/': 'split on runs of separators: as above',
  'src/cli/output/clean.ts: / {2,}/g':
    'replace(/ {2,}/g): one quantifier over one character; an attempt fails at the first non-space or succeeds',
  'src/request/readRequest.ts: /(?:[^,"\\\\]|\\\\.|"[^"]*")+/g':
    'splits an X.500 subject at commas: the three alternatives start with different characters (plain, backslash, quote), so a match never backtracks between them; ' +
    'an attempt fails on its first character except at a quote with no closing quote after it, and only the last quote of the text can be that, so the scan past it happens once per match call, never per start position',
};

/** `new RegExp(x)` with a non-literal pattern ("file: expression" → why its input is safe). Reviewed: none is needed today. */
const NON_LITERAL_ALLOWED: Record<string, string> = {
  "src/util/printable.ts: new RegExp(UNSAFE_CHARACTER.source, 'gu')":
    'the global twin of the literal UNSAFE_CHARACTER one line above (a single character class, analysed as a literal by the tests above)',
};

interface FoundRegex {
  where: string;
  key: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.isFile() && e.name.endsWith('.ts') ? [full] : [];
  });
}

function collect(): { regexes: FoundRegex[]; nonLiteral: Array<{ where: string; key: string }> } {
  const regexes: FoundRegex[] = [];
  const nonLiteral: Array<{ where: string; key: string }> = [];
  for (const file of tsFiles(SRC)) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string =>
      `${rel}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const slash = text.lastIndexOf('/');
        const source = text.slice(1, slash);
        const flags = text.slice(slash + 1);
        regexes.push({ where: where(node), key: `${rel}: ${text}`, source, flags });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [pattern, flags] = node.arguments ?? [];
        const literalText = (n: ts.Expression | undefined): string | undefined =>
          n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))
            ? n.text
            : undefined;
        const source = literalText(pattern);
        const flagText = flags === undefined ? '' : literalText(flags);
        if (source === undefined || flagText === undefined)
          nonLiteral.push({ where: where(node), key: `${rel}: ${node.getText(sf).slice(0, 200)}` });
        else
          regexes.push({
            where: where(node),
            key: `${rel}: /${source}/${flagText}`,
            source,
            flags: flagText,
          });
      }
      // "text".match(x) / .matchAll(x) / .search(x) compile a string argument into a RegExp.
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        ['match', 'matchAll', 'search'].includes(node.expression.name.text)
      ) {
        const arg = node.arguments[0];
        if (
          arg &&
          !ts.isRegularExpressionLiteral(arg) &&
          !ts.isIdentifier(arg) &&
          !ts.isPropertyAccessExpression(arg)
        ) {
          nonLiteral.push({ where: where(node), key: `${rel}: ${node.getText(sf).slice(0, 200)}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { regexes, nonLiteral };
}

const parser = new RegExpParser();

function reports(source: string, flags: string, assumeRejectingSuffix: boolean): Report[] {
  const parsed = parser.parseLiteral(`/${source}/${flags}`);
  return analyse(parsed, { assumeRejectingSuffix }).reports;
}

const describeReport = (r: Report): string =>
  `${r.type}${r.exponential ? ' (exponential)' : ''} on repeated ${JSON.stringify(r.character.pick)}`;

describe('regular expressions in src/ (no super-linear backtracking on untrusted text)', () => {
  const { regexes, nonLiteral } = collect();

  it('finds the regular expressions (the walker works)', () => {
    expect(regexes.length).toBeGreaterThan(60);
    expect(regexes.some((r) => r.key.startsWith('src/read/pem.ts: /^-----BEGIN'))).toBe(true);
  });

  it('the analysis catches the patterns the hostile-input review found (the test can fail)', () => {
    const wildcard = `^${'*'
      .repeat(16)
      .split('*')
      .map(() => '')
      .join('[^.]*')}z$`;
    expect(reports(wildcard, '', false).length).toBeGreaterThan(0);
    expect(reports('^\\s*\\[(newrequest|version)\\]', 'im', false).map((r) => r.type)).toContain(
      'Move',
    );
    expect(reports('^([a-z]+)\\s*=\\s*(.*)$', 'i', false).map((r) => r.type)).toContain('Trade');
    expect(reports('(a+)+b', '', false).map((r) => r.type)).toContain('Self');
    expect(reports('%.*$', '', false).map((r) => r.type)).toContain('Move');
  });

  it('no regex can backtrack super-linearly (scslre, default analysis)', () => {
    const bad = regexes.flatMap((r) =>
      reports(r.source, r.flags, false).map(
        (rep) => `${r.where} /${r.source}/${r.flags}: ${describeReport(rep)}`,
      ),
    );
    expect(bad).toEqual([]);
  });

  it('assuming every quantifier attackable: no Trade or Self report, and every Move report reviewed', () => {
    const unreviewed: string[] = [];
    const used = new Set<string>();
    for (const r of regexes) {
      for (const rep of reports(r.source, r.flags, true)) {
        if (rep.type === 'Move' && MOVE_REVIEWED[r.key]) used.add(r.key);
        else unreviewed.push(`${r.where} /${r.source}/${r.flags}: ${describeReport(rep)}`);
      }
    }
    expect(unreviewed).toEqual([]);
    // A reviewed entry whose regex is gone (or no longer reported) is removed from the list.
    expect(Object.keys(MOVE_REVIEWED).filter((k) => !used.has(k))).toEqual([]);
  });

  it('every RegExp built at run time has a literal pattern, or is reviewed (also strings given to match/matchAll/search)', () => {
    expect(
      nonLiteral.filter((n) => !NON_LITERAL_ALLOWED[n.key]).map((n) => `${n.where}: ${n.key}`),
    ).toEqual([]);
    expect(
      Object.keys(NON_LITERAL_ALLOWED).filter((k) => !nonLiteral.some((n) => n.key === k)),
    ).toEqual([]);
  });
});
