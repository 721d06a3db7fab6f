import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeRules, rulesMarkdown } from '../src/index.js';
import { SUP_RULES } from '../src/rules/catalogue.js';

describe('the rule catalogue', () => {
  it('has every rule of the first catalogue (SUP-NAME-001…016 and the rest below) and each later addition, each once', () => {
    const ids = SUP_RULES.map((r) => r.id);
    const expected = [
      ...Array.from({ length: 16 }, (_, i) => `SUP-NAME-${String(i + 1).padStart(3, '0')}`),
      'SUP-NAME-017', // beyond the ConfigMgr documents: dNSName syntax (RFC 5280 §4.2.1.6)
      'SUP-NAME-018', // the names were given (the gate never passes what it did not check)
      'SUP-FILE-001',
      'SUP-FILE-002', // with SUP-FILE-001: a PFX as base64 text; a file of CA certificates only
      'SUP-PFX-001', // the PFX imports on the target Windows release
      'SUP-EKU-001',
      'SUP-EKU-002',
      'SUP-EKU-003',
      'SUP-KU-001',
      'SUP-BC-001',
      'SUP-KEY-001',
      'SUP-KEY-002',
      'SUP-KEY-003',
      'SUP-KEY-004',
      'SUP-HASH-001',
      'SUP-CNG-001',
      'SUP-PK-001',
      'SUP-PK-002',
      'SUP-VAL-001',
      'SUP-VAL-002',
      'SUP-CHAIN-001',
      'SUP-CHAIN-002',
      'SUP-CHAIN-003',
      'SUP-CHAIN-004',
      ...Array.from({ length: 6 }, (_, i) => `SUP-DEP-00${i + 1}`),
      'SUP-DEP-007', // the renewal gate (replaces)
      'SUP-REQ-001',
      'SUP-REQ-002',
      'SUP-REQ-003',
      'SUP-REQ-004', // SUP-REQ-*: requests, judged before the CA issues the certificate
    ];
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every rule a title, a requirement and a citation with a title', () => {
    for (const rule of describeRules()) {
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.requirement.length, rule.id).toBeGreaterThan(30);
      expect(rule.citation.title.length, rule.id).toBeGreaterThan(5);
    }
  });

  it('docs/rules.md is generated from the catalogue and up to date (npm run docs)', () => {
    expect(readFileSync(new URL('../docs/rules.md', import.meta.url), 'utf8')).toBe(
      rulesMarkdown(),
    );
  });
});
