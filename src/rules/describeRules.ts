import { SUP_RULES } from './catalogue.js';
import { citationOf } from './runRules.js';
import { SOURCES } from './sources.js';
import type { SupRule } from './SupRule.js';

/** The catalogue as plain data, for listings (`supcert rules`) and documentation. */
export interface RuleDescription {
  id: string;
  title: string;
  /** The most severe finding the rule can give. */
  severity: SupRule['severity'];
  requirement: string;
  citation: { title: string; section?: string; url?: string };
  /** Every source, as "S1: title". */
  sources: string[];
}

/**
 * Every rule of the catalogue, in catalogue order, as plain data (what `supcert rules` and
 * docs/rules.md show). A new array of new objects on every call. Never throws.
 */
export function describeRules(): RuleDescription[] {
  return SUP_RULES.map((rule) => ({
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    requirement: rule.requirement,
    citation: citationOf(rule),
    sources: rule.sources.map((key) => `${key}: ${SOURCES[key].title}`),
  }));
}
