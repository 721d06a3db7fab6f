import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = path.join(root, 'scripts/new-rule.mjs');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });

describe('npm run new-rule', () => {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'supcert-new-rule-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('--dry-run prints the new rule file and the lines it adds, and writes nothing', () => {
    const catalogue = readFileSync(path.join(root, 'src/rules/catalogue.ts'), 'utf8');
    const r = run('SUP-KEY-901', 'The key is not a known weak key', '--dry-run');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('--- src/rules/key/keyIsNotKnownWeakKey.ts (new)');
    expect(r.stdout).toContain("'sup.key.key_is_not_known_weak_key',");
    expect(r.stdout).toContain(
      "+ import { keyIsNotKnownWeakKey } from './key/keyIsNotKnownWeakKey.js';",
    );
    expect(r.stdout).toContain(
      "+   ['SUP-KEY-901', 'good-both.pem', I, 'error', ['sup.key.key_is_not_known_weak_key']],",
    );
    expect(existsSync(path.join(root, 'src/rules/key/keyIsNotKnownWeakKey.ts'))).toBe(false);
    expect(readFileSync(path.join(root, 'src/rules/catalogue.ts'), 'utf8')).toBe(catalogue);
  });

  it('--help prints the usage and what it writes, and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = run(flag);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^usage: npm run new-rule -- SUP-XXX-NNN "title"/);
      expect(r.stdout).toContain('src/rules/catalogue.ts');
    }
  });

  it('refuses an id that exists and one that is not an id', () => {
    const taken = run('SUP-KEY-001', 'RSA key of at least 1024 bits', '--dry-run');
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/SUP-KEY-001 exists already \(src\/rules\/key\/keyStrength\.ts\)/);
    const bad = run('KEY-5', 'Some title that is long enough', '--dry-run');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not a rule id/);
  });

  it('scaffolds into a copy of the repository a rule that type-checks with the catalogue and the rows', () => {
    for (const part of ['src', 'test/rule-rows.ts', 'test/sup-fixtures.ts', 'test/fixtures.ts'])
      cpSync(path.join(root, part), path.join(temp, part), { recursive: true });
    cpSync(path.join(root, '.prettierrc.json'), path.join(temp, '.prettierrc.json'));
    // package.json: its "imports" map (#port) resolves the runtime port for tsc.
    cpSync(path.join(root, 'package.json'), path.join(temp, 'package.json'));
    symlinkSync(path.join(root, 'node_modules'), path.join(temp, 'node_modules'));
    const r = run('SUP-WIDGET-001', 'The widget is wired the way WSUS reads it', '--root', temp);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote src/rules/widget/widgetIsWiredWayWsusReads.ts');
    const rule = readFileSync(
      path.join(temp, 'src/rules/widget/widgetIsWiredWayWsusReads.ts'),
      'utf8',
    );
    expect(rule).toContain("id: 'SUP-WIDGET-001'");
    expect(rule).toContain("'sup.widget.widget_is_wired_way_wsus_reads'");
    expect(readFileSync(path.join(temp, 'src/rules/catalogue.ts'), 'utf8')).toMatch(
      /widgetIsWiredWayWsusReads,\n\]\);/,
    );
    // The scaffold is what the repository's formatter writes (npm run lint stays clean).
    const prettier = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', 'src', 'test'],
      { cwd: temp, encoding: 'utf8' },
    );
    expect(prettier.status, prettier.stdout + prettier.stderr).toBe(0);
    // It type-checks with the library and the rule tables (tsc, the repository's settings).
    const base = JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: object;
    };
    writeFileSync(
      path.join(temp, 'tsconfig.json'),
      JSON.stringify({ ...base, include: ['src', 'test/rule-rows.ts'] }),
    );
    const tsc = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', temp],
      { cwd: temp, encoding: 'utf8' },
    );
    expect(tsc.status, tsc.stdout + tsc.stderr).toBe(0);
  }, 180_000);
});
