import { SUP_RULES } from './catalogue.js';
import { RUNNER_FINDINGS, citationOf } from './runRules.js';
import { severityOf } from './severity.js';
import { SOURCES } from './sources.js';
import type { Severity } from './SupRule.js';

/** One declared finding, as listings show it. */
export interface FindingDescription {
  /** Stable dotted code, `sup.<family>.<what>` (Finding.code). */
  code: string;
  severity: Severity;
}

/** The catalogue as plain data, for listings (`supcert rules`) and documentation. */
export interface RuleDescription {
  id: string;
  title: string;
  /** The most severe finding the rule can give (the most severe of `findings`). */
  severity: Severity;
  requirement: string;
  citation: { title: string; section?: string; url?: string };
  /** Every source, as "S1: title". */
  sources: string[];
  /** Every finding the rule declares, in declaration order. */
  findings: FindingDescription[];
}

/**
 * Every rule of the catalogue, in catalogue order, as plain data (what `supcert rules` and
 * docs/rules.md show). A new array of new objects on every call. Never throws.
 */
export function describeRules(): RuleDescription[] {
  return SUP_RULES.map((rule) => ({
    id: rule.id,
    title: rule.title,
    severity: severityOf(rule),
    requirement: rule.requirement,
    citation: citationOf(rule),
    sources: rule.sources.map((key) => `${key}: ${SOURCES[key].title}`),
    findings: Object.values(rule.findings).map((f) => ({ code: f.code, severity: f.severity })),
  }));
}

/**
 * The findings the rule runner raises for any rule (a rule that throws, a finding a rule does
 * not declare): bugs in supcert, reported as errors. A new array on every call. Never throws.
 */
export function describeRunnerFindings(): Array<FindingDescription & { when: string }> {
  const when: Record<keyof typeof RUNNER_FINDINGS, string> = {
    ruleFailed: 'the rule failed (threw) while judging the input',
    undeclared: 'the rule raised a finding it does not declare (its message is kept)',
  };
  return (Object.keys(RUNNER_FINDINGS) as Array<keyof typeof RUNNER_FINDINGS>).map((key) => ({
    code: RUNNER_FINDINGS[key].code,
    severity: RUNNER_FINDINGS[key].severity,
    when: when[key],
  }));
}
