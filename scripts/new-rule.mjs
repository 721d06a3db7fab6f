#!/usr/bin/env node
// `npm run new-rule -- SUP-XXX-NNN "title" [--dry-run] [--root DIR]`: scaffolds a catalogue rule.
//
// Writes (or, with --dry-run, prints without writing):
// - src/rules/<folder>/<name>.ts, a new file holding the rule (one rule per new file; the folder
//   is its family's, e.g. SUP-KEY → key, SUP-EKU → usage, an unknown family gets its own folder):
//   its metadata, one declared finding (code sup.<family>.<name in snake case>, severity error,
//   a message template to write) and a check() that raises nothing yet;
// - its line in src/rules/catalogue.ts (an import, and the rule at the end of SUP_RULES: move it
//   next to its family if the report order should say so);
// - two rows in test/rule-rows.ts (OTHER_ROWS): one where the rule passes and one where it must
//   raise its finding. The second fails until the check is written: that is the to-do list.
// Then: write the check and the requirement, pick the fixture of the failing row, `npm run docs`.
// --root DIR works on another copy of the repository (the test of this script uses a temp copy).
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of each existing rule family under src/rules. */
const FOLDERS = {
  NAME: 'name',
  EKU: 'usage',
  KU: 'usage',
  BC: 'usage',
  KEY: 'key',
  HASH: 'key',
  CNG: 'key',
  PK: 'key',
  VAL: 'validity',
  CHAIN: 'chain',
  DEP: 'deployment',
  REQ: 'request',
  FILE: 'file',
  PFX: 'file',
};

const USAGE = 'usage: npm run new-rule -- SUP-XXX-NNN "title" [--dry-run] [--root DIR]';

const HELP = `Writes src/rules/<family folder>/<name>.ts (the rule, its finding declared, a check to
write), its line in src/rules/catalogue.ts and two rows in test/rule-rows.ts (the second fails
until the check raises the finding). Then: write the check, pick the failing row's fixture,
npm test, npm run docs. --dry-run prints all of it and writes nothing.
`;

function fail(message) {
  process.stderr.write(`new-rule: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const out = { dryRun: false, root: fileURLToPath(new URL('..', import.meta.url)), words: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n${HELP}`);
      process.exit(0);
    } else if (a === '--dry-run') out.dryRun = true;
    else if (a === '--root') out.root = path.resolve(argv[++i] ?? fail('--root needs a directory'));
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else out.words.push(a);
  }
  if (out.words.length !== 2) fail('give the rule id and its title');
  return out;
}

/** "The PFX names its key provider" → ["the", "pfx", "names", "its", "key", "provider"]. */
const words = (title) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w && !['the', 'a', 'an'].includes(w));

/** Every src/rules file, to refuse an id that exists. */
function ruleSources(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? ruleSources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The files to write: [{ file, text, before }] (`before`: the text of a file it changes). */
export function scaffold(root, id, title) {
  if (!/^SUP-[A-Z]+-\d{3}$/.test(id)) fail(`"${id}" is not a rule id like SUP-KEY-005`);
  if (title.trim().length <= 10)
    fail('the title must say what the rule checks (over 10 characters)');
  const rules = path.join(root, 'src/rules');
  const taken = ruleSources(rules).find((f) => readFileSync(f, 'utf8').includes(`'${id}'`));
  if (taken) fail(`${id} exists already (${path.relative(root, taken)})`);

  const family = id.split('-')[1];
  const folder = FOLDERS[family] ?? family.toLowerCase();
  const w = words(title).slice(0, 6);
  if (w.length === 0) fail('the title has no letters or digits');
  const name = w.map((x, i) => (i === 0 ? x : x[0].toUpperCase() + x.slice(1))).join('');
  const exportName = /^[a-z]/.test(name) ? name : `rule${name[0].toUpperCase()}${name.slice(1)}`;
  const code = `sup.${family.toLowerCase()}.${w.join('_')}`.replace(/\.(\d)/g, '.n$1');
  const ruleFile = path.join(rules, folder, `${exportName}.ts`);
  if (existsSync(ruleFile)) fail(`${path.relative(root, ruleFile)} exists already`);
  const quoted = JSON.stringify(title).slice(1, -1).replace(/'/g, "\\'");

  const ruleText = `import { type SupRule, finding } from '../SupRule.js';

const F = {
  failed: finding(
    '${code}',
    'error',
    // TODO: the values the message names, e.g. (a: { value: string }) => \`… "\${a.value}" …\`.
    () => 'TODO: say what is wrong, what a client shows, and what to do instead.',
  ),
} as const;

/** ${id} — TODO: the requirement in one line, with its sources. */
export const ${exportName}: SupRule = {
  id: '${id}',
  title: '${quoted}',
  requirement: 'TODO: quote or paraphrase the source of the rule (docs/rules.md shows it).',
  // TODO: the sources (src/rules/sources.ts); the first is cited by every finding.
  sources: ['S1'],
  findings: F,
  check(_ctx, _report) {
    // TODO: judge ctx (src/rules/SupRule.ts RuleContext) and report(F.failed, …) when it fails;
    // report.notApplicable(reason) when the rule does not apply.
  },
};
`;

  const cataloguePath = path.join(rules, 'catalogue.ts');
  let catalogue = readFileSync(cataloguePath, 'utf8');
  const importLine = `import { ${exportName} } from './${folder}/${exportName}.js';\n`;
  const anchor = "import type { SupRule } from './SupRule.js';";
  if (!catalogue.includes(anchor) || !catalogue.includes('\n]);'))
    fail('src/rules/catalogue.ts does not have the shape this script knows');
  catalogue = catalogue.replace(anchor, importLine + anchor);
  const end = catalogue.lastIndexOf('\n]);');
  catalogue = `${catalogue.slice(0, end)}\n  ${exportName},${catalogue.slice(end)}`;

  const rowsPath = path.join(root, 'test/rule-rows.ts');
  let rows = readFileSync(rowsPath, 'utf8');
  const rowsAnchor = 'export const OTHER_ROWS: Row[] = [\n';
  if (!rows.includes(rowsAnchor)) fail('test/rule-rows.ts has no OTHER_ROWS table');
  rows = rows.replace(
    rowsAnchor,
    `${rowsAnchor}  // ${id} (npm run new-rule): TODO pick the fixtures where it passes and where it fails.
  ['${id}', 'good-both.pem', I, 'pass'],
  ['${id}', 'good-both.pem', I, 'error', ['${code}']],
`,
  );

  return [
    { file: ruleFile, text: ruleText },
    { file: cataloguePath, text: catalogue, before: readFileSync(cataloguePath, 'utf8') },
    { file: rowsPath, text: rows, before: readFileSync(rowsPath, 'utf8') },
  ];
}

/** The lines `after` adds to `before` (the script only inserts), each as "+ line". */
function added(before, after) {
  const a = before.split('\n');
  const out = [];
  let i = 0;
  for (const line of after.split('\n')) {
    if (i < a.length && a[i] === line) i++;
    else out.push(`+ ${line}`);
  }
  return out.join('\n');
}

/** Formats with the repository's Prettier settings, as `npm run lint` checks them. */
async function formatted(root, files) {
  const prettier = await import(path.join(root, 'node_modules/prettier/index.mjs'));
  for (const f of files) {
    const options = (await prettier.resolveConfig(f.file)) ?? {};
    f.text = await prettier.format(f.text, { ...options, filepath: f.file });
  }
  return files;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  const [id, title] = args.words;
  const files = await formatted(args.root, scaffold(args.root, id, title));
  for (const f of files) {
    const where = path.relative(args.root, f.file);
    if (args.dryRun) {
      process.stdout.write(
        f.before === undefined
          ? `--- ${where} (new)\n${f.text}\n`
          : `--- ${where} (lines added)\n${added(f.before, f.text)}\n\n`,
      );
      continue;
    }
    mkdirSync(path.dirname(f.file), { recursive: true });
    writeFileSync(f.file, f.text);
    process.stdout.write(`${f.before === undefined ? 'wrote' : 'updated'} ${where}\n`);
  }
  if (!args.dryRun)
    process.stdout.write(
      'Next: write the check and the requirement, make the failing row fail for the right reason, then npm run docs.\n',
    );
}
