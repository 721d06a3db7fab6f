import type { Severity, SupRule } from './SupRule.js';

/** Severity order: info < warning < error. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({
  info: 1,
  warning: 2,
  error: 3,
});

/** The more severe of two severities. */
export function worseSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a;
}

/** The rule's severity: the most severe finding it declares. */
export function severityOf(rule: Pick<SupRule, 'findings'>): Severity {
  return Object.values(rule.findings).reduce<Severity>(
    (w, f) => worseSeverity(w, f.severity),
    'info',
  );
}
