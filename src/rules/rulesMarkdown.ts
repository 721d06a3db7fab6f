import { describeRules, describeRunnerFindings } from './describeRules.js';

/**
 * docs/rules.md, generated from the catalogue (`npm run docs`; a test keeps the file in step):
 * the Markdown text of the rule table and the source list. Never throws.
 */
export function rulesMarkdown(): string {
  const rules = describeRules();
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const count = rules.reduce((n, r) => n + r.findings.length, 0);
  const lines = [
    '# SUP rule catalogue',
    '',
    '<!-- Generated from src/rules/catalogue.ts by `npm run docs`. Do not edit by hand. -->',
    '',
    `${rules.length} rules. Severity is the most severe finding a rule can give; many rules also give`,
    'lower ones (a warning instead of an error when the risk is smaller, an info when an input is',
    'missing). Every finding cites the first source listed.',
    '',
    'A new rule: `npm run new-rule -- SUP-XXX-NNN "title"` writes its file in its family folder of',
    '`src/rules/`, its line in `src/rules/catalogue.ts` and a passing and a failing row in',
    '`test/rule-rows.ts`; then `npm run docs` rewrites this page.',
    '',
    '| id | severity | title | requirement | sources |',
    '|---|---|---|---|---|',
    ...rules.map(
      (r) =>
        `| ${r.id} | ${r.severity} | ${cell(r.title)} | ${cell(r.requirement)} | ${cell(r.sources.map((s) => s.split(':')[0]).join(', '))} |`,
    ),
    '',
    '## Findings',
    '',
    `Every finding a rule can raise is declared with the rule (${count} in all), with a stable code`,
    '(`Finding.code`; SARIF `result.properties.code`, while `ruleId` is the rule) and a fixed',
    'severity. A code is `sup.<family>.<what>`: lower case, dotted, the family being the middle of',
    'the rule id (SUP-NAME-010 → `name`). Codes never change with the message wording; a rule may',
    'raise one code several times (once per name or entry it is about).',
    '',
    '| rule | code | severity |',
    '|---|---|---|',
    ...rules.flatMap((r) => r.findings.map((f) => `| ${r.id} | \`${f.code}\` | ${f.severity} |`)),
    '',
    'The rule runner itself raises these, under the rule concerned: bugs in supcert, never a pass.',
    '',
    '| code | severity | when |',
    '|---|---|---|',
    ...describeRunnerFindings().map((f) => `| \`${f.code}\` | ${f.severity} | ${f.when} |`),
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
