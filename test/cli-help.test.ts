import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECK_OPTIONS,
  CHECK_REQUEST_OPTIONS,
  NOT_FOR_REQUESTS,
  RULES_OPTIONS,
  SUGGEST_OPTIONS,
} from '../src/cli/args.js';
import {
  CHECK_HELP,
  CHECK_REQUEST_HELP,
  GENERAL_HELP,
  RULES_HELP,
  SUGGEST_HELP,
} from '../src/cli/usage.js';
import { ROOT } from './cli-fixtures/run.js';

/**
 * Every option a command accepts is in its --help: an error message that says "give
 * --skip-names" and then "run supcert check --help" must not send the reader to a text that
 * does not know the option. (-h/--help itself is the exception: it is how the text is reached.)
 */
describe('--help lists every option the command accepts', () => {
  const commands: Array<[string, Record<string, unknown>, string]> = [
    ['check', CHECK_OPTIONS, CHECK_HELP],
    ['check-request', CHECK_REQUEST_OPTIONS, CHECK_REQUEST_HELP],
    ['suggest', SUGGEST_OPTIONS, SUGGEST_HELP],
    ['rules', RULES_OPTIONS, RULES_HELP],
  ];
  it.each(commands)('%s', (_command, options, help) => {
    const missing = Object.keys(options).filter(
      (name) => name !== 'help' && !new RegExp(`--${name}(?![\\w-])`).test(help),
    );
    expect(missing).toEqual([]);
  });
});

describe('--help and the README agree on the exit codes', () => {
  it("every code of the README's exit-code table is in supcert --help and check --help", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf('Exit codes:'),
      readme.indexOf('### Before you submit'),
    );
    const codes = [...table.matchAll(/^\| (\d+) \|/gm)].map((m) => m[1]!);
    expect(codes).toEqual(['0', '1', '2', '130']);
    for (const help of [GENERAL_HELP, CHECK_HELP])
      for (const code of codes) expect(help, code).toMatch(new RegExp(`\\b${code} [a-z]`));
  });
});

describe('check-request --help names every check option it refuses', () => {
  it('"Not taken here" lists each option refused with a reason (--password is refused everywhere)', () => {
    const list = CHECK_REQUEST_HELP.slice(CHECK_REQUEST_HELP.indexOf('Not taken here'));
    const listed = [...list.matchAll(/--([a-z-]+)/g)].map((m) => m[1]!);
    const refused = Object.keys(NOT_FOR_REQUESTS).filter((name) => name !== 'password');
    expect(refused.filter((name) => !listed.includes(name))).toEqual([]);
  });
});

describe("supcert --help's usage lines and the README's agree on the inputs", () => {
  it('each command form the README lists for check and check-server is in supcert --help, with its inputs and --targets / --jobs', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = readme.slice(readme.indexOf('### Command line'), readme.indexOf('| option |'));
    const forms = [...block.matchAll(/^supcert (check(?:-server)? \S+)/gm)].map((m) => m[1]!);
    expect(forms).toEqual([
      'check FILE|DIRECTORY|https://HOST[:PORT]|-...',
      'check-server FILE|DIRECTORY...',
      'check-server https://HOST[:PORT]...',
    ]);
    for (const form of forms) expect(GENERAL_HELP).toContain(`supcert ${form} `);
    for (const help of [GENERAL_HELP, CHECK_HELP])
      expect(help).toMatch(/supcert check \S+ \[--targets FILE\] \[--jobs N\] \[options\]/);
  });
});

describe('supcert --help and the README agree on the usage lines', () => {
  it('the "Usage:" lines of supcert --help are the README\'s "### Command line" block', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf('### Command line');
    expect(at, 'README.md has a "### Command line" section').toBeGreaterThan(0);
    const block = /```text\n([\s\S]*?)\n```/.exec(readme.slice(at))![1]!.split('\n');
    const help = GENERAL_HELP.slice(
      GENERAL_HELP.indexOf('Usage:\n') + 7,
      GENERAL_HELP.indexOf('\n\nCommands:'),
    )
      .split('\n')
      .map((line) => line.trim());
    expect(help.length).toBeGreaterThan(5);
    expect(block).toEqual(help);
  });
});

describe('the README names every environment variable the code reads', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? sources(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : [],
    );
  const read = (text: string): string[] => [
    ...new Set([...text.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!)),
  ];
  it('each variable src/ reads (process.env.X, env.X) is in the README\'s "Environment variables"', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const at = readme.indexOf('Environment variables:');
    expect(at, 'README.md has an "Environment variables:" paragraph').toBeGreaterThan(0);
    const paragraph = readme.slice(at, readme.indexOf('\n\n', at));
    const used = sources(path.join(ROOT, 'src')).flatMap((f) => read(readFileSync(f, 'utf8')));
    expect(used).toEqual(expect.arrayContaining(['NO_COLOR', 'SUPCERT_NO_CODE_CACHE']));
    expect([...new Set(used)].filter((v) => !paragraph.includes(`\`${v}`))).toEqual([]);
  });
  it('finds a variable the README does not name (the test can fail)', () => {
    expect(read("process.env.SUPCERT_X && env['OTHER']")).toEqual(['SUPCERT_X', 'OTHER']);
  });
});
