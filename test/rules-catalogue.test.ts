import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRules, describeRunnerFindings, rulesMarkdown } from '../src/index.js';
import { SUP_RULES } from '../src/rules/catalogue.js';
import { SEVERITY_RANK, severityOf } from '../src/rules/severity.js';
import { ALL_ROWS, reportFor } from './rule-rows.js';

const ID = /^SUP-[A-Z]+-\d{3}$/;
const CODE = /^sup\.[a-z]+\.[a-z][a-z0-9_]*$/;
const family = (id: string): string => id.split('-')[1]!.toLowerCase();
const silent = (status: string): boolean => status === 'pass' || status === 'not-applicable';

describe('the rule catalogue', () => {
  it('has well-formed rule ids, each once', () => {
    const ids = SUP_RULES.map((r) => r.id);
    expect(ids.filter((id) => !ID.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids.length).toBeGreaterThan(40);
  });

  it('declares at least one finding per rule; codes are sup.<family>.<what>, of the rule family, unique across the catalogue', () => {
    const codes: string[] = [];
    for (const rule of SUP_RULES) {
      const declared = Object.values(rule.findings);
      expect(declared.length, rule.id).toBeGreaterThan(0);
      for (const f of declared) {
        expect(f.code, rule.id).toMatch(CODE);
        expect(f.code.split('.')[1], `${f.code} in ${rule.id}`).toBe(family(rule.id));
        codes.push(f.code);
      }
    }
    for (const f of describeRunnerFindings()) {
      expect(f.code).toMatch(/^sup\.internal\.[a-z_]+$/);
      codes.push(f.code);
    }
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it('gives every rule a title, a requirement and a citation with a title', () => {
    for (const rule of describeRules()) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.requirement.length, rule.id).toBeGreaterThan(30);
      expect(rule.citation.title.length, rule.id).toBeGreaterThan(5);
    }
  });

  it('every rule has a fixture row where it is silent and one where it speaks, with the codes it raises', () => {
    for (const rule of SUP_RULES) {
      const rows = ALL_ROWS.filter(([id]) => id === rule.id);
      expect(
        rows.some(([, , , status]) => silent(status)),
        `${rule.id} has no passing (or not-applicable) row in test/rule-rows.ts`,
      ).toBe(true);
      const speaking = rows.filter(([, , , status]) => !silent(status));
      expect(speaking.length, `${rule.id} has no failing row in test/rule-rows.ts`).toBeGreaterThan(
        0,
      );
      for (const row of speaking) expect(row[4], `${rule.id} row without codes`).toBeDefined();
    }
    expect(ALL_ROWS.filter(([id]) => !SUP_RULES.some((r) => r.id === id))).toEqual([]);
  });

  it('reports no finding more severe than declared, nor one its rule does not declare (every row)', async () => {
    const byId = new Map(SUP_RULES.map((r) => [r.id, r]));
    for (const [, input, options] of ALL_ROWS) {
      const report = await reportFor(input, options);
      for (const f of report.findings) {
        const rule = byId.get(f.rule)!;
        const declared = Object.values(rule.findings).find((d) => d.code === f.code);
        expect(declared, `${f.rule} raised ${f.code}`).toBeDefined();
        expect(f.severity, f.code).toBe(declared!.severity);
        expect(SEVERITY_RANK[f.severity], f.code).toBeLessThanOrEqual(
          SEVERITY_RANK[severityOf(rule)],
        );
      }
    }
  });

  it('docs/rules.md is generated from the catalogue and up to date (npm run docs)', () => {
    expect(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8')).toBe(
      rulesMarkdown(),
    );
  });
});
