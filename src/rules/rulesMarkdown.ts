import { describeRules } from './describeRules.js';

/**
 * docs/rules.md, generated from the catalogue (`npm run docs`; a test keeps the file in step):
 * the Markdown text of the rule table and the source list. Never throws.
 */
export function rulesMarkdown(): string {
  const rules = describeRules();
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    '# SUP rule catalogue',
    '',
    '<!-- Generated from src/rules/catalogue.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    `${rules.length} rules. Severity is the most severe finding a rule can give; many rules also give`,
    'lower ones (a warning instead of an error when the risk is smaller, an info when an input is',
    'missing). Every finding cites the first source listed.',
    '',
    '| id | severity | title | requirement | sources |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| ${r.id} | ${r.severity} | ${cell(r.title)} | ${cell(r.requirement)} | ${cell(r.sources.map((s) => s.split(':')[0]).join(', '))} |`,
    ),
    '',
    '## Sources',
    '',
    ...[...new Set(rules.flatMap((r) => r.sources))]
      .sort((a, b) => Number(a.slice(1).split(':')[0]) - Number(b.slice(1).split(':')[0]))
      .map((s) => `- ${s}`),
    '',
  ];
  return lines.join('\n');
}
