import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-fixtures/run.js';

/**
 * docs/dependencies.md says why each package is used: every package of package.json
 * (`dependencies` and `devDependencies`) is named there with its pinned version ("sax 1.6.1"),
 * and the runtime ones also in the README's "Runtime dependencies" table.
 */

interface PackageJson {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const DEPENDENCIES_MD = readFileSync(path.join(ROOT, 'docs/dependencies.md'), 'utf8');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The packages `markdown` does not name with their version (`name version`, as a word). */
function unnamed(markdown: string, packages: Record<string, string>): string[] {
  return Object.entries(packages)
    .filter(
      ([name, version]) =>
        !new RegExp(`(?:^|[\\s|(,])${escape(name)} ${escape(version)}\\b`).test(markdown),
    )
    .map(([name, version]) => `${name} ${version}`);
}

describe('docs/dependencies.md names every package with its pinned version', () => {
  it('every dependency and devDependency of package.json', () => {
    expect(unnamed(DEPENDENCIES_MD, { ...PKG.dependencies, ...PKG.devDependencies })).toEqual([]);
  });

  it('the runtime dependencies in the README table too', () => {
    const table = Object.keys(PKG.dependencies).filter(
      (name) =>
        !new RegExp(`^\\| ${escape(name)} \\| ${escape(PKG.dependencies[name]!)} \\|`, 'm').test(
          README,
        ),
    );
    expect(table).toEqual([]);
  });

  it('finds a package left out or named with another version (the test can fail)', () => {
    const altered = DEPENDENCIES_MD.replace('sax 1.6.1', 'sax 1.5.0').replace(
      /playwright-core/g,
      'browser driver',
    );
    expect(unnamed(altered, { ...PKG.dependencies, ...PKG.devDependencies })).toEqual([
      'sax 1.6.1',
      `playwright-core ${PKG.devDependencies['playwright-core']}`,
    ]);
    expect(unnamed('vitest 4.1.120', { vitest: '4.1.12' })).toEqual(['vitest 4.1.12']);
  });
});
