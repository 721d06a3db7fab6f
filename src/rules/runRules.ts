import { SOURCES, type SourceKey } from './sources.js';
import type { Finding, FindingExtra, Reporter, RuleContext, Severity, SupRule } from './SupRule.js';

/** How a rule came out: pass (nothing to say), a finding's severity, or not applicable. */
export type RuleStatus = 'pass' | 'error' | 'warning' | 'info' | 'not-applicable';

export interface RuleResult {
  rule: string;
  status: RuleStatus;
  /** Why the rule did not apply. */
  reason?: string;
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function citationOf(rule: SupRule, source?: SourceKey): Finding['citation'] {
  const key = source ?? rule.sources[0]!;
  const s: { title: string; url?: string } = SOURCES[key];
  const citation: Finding['citation'] = { title: s.title };
  if (rule.section && key === rule.sources[0]) citation.section = rule.section;
  if (s.url) citation.url = s.url;
  return citation;
}

/**
 * Runs every rule against the context. A rule that throws is a bug in supcert, never a pass:
 * it becomes an error finding naming the rule (zlint turns a panic into a fatal result the same way).
 */
export function runRules(
  rules: readonly SupRule[],
  ctx: RuleContext,
): { findings: Finding[]; results: RuleResult[] } {
  const findings: Finding[] = [];
  const results: RuleResult[] = [];
  for (const rule of rules) {
    const result: RuleResult = { rule: rule.id, status: 'pass' };
    if (rule.stage === 'issued' && ctx.request) {
      results.push({
        rule: rule.id,
        status: 'not-applicable',
        reason: 'decided when the CA issues the certificate',
      });
      continue;
    }
    if (ctx.noServerCertificate && !rule.id.startsWith('SUP-FILE-')) {
      results.push({
        rule: rule.id,
        status: 'not-applicable',
        reason: 'the file holds no server certificate (SUP-FILE-002)',
      });
      continue;
    }
    if (ctx.certificateMissing && !rule.id.startsWith('SUP-DEP-')) {
      results.push({ rule: rule.id, status: 'not-applicable', reason: ctx.certificateMissing });
      continue;
    }
    if (rule.stage === 'request' && !ctx.request) {
      results.push({
        rule: rule.id,
        status: 'not-applicable',
        reason: 'applies to certificate requests',
      });
      continue;
    }
    const add =
      (severity: Severity) =>
      (message: string, extra: FindingExtra = {}): void => {
        const finding: Finding = {
          rule: rule.id,
          severity,
          message,
          citation: citationOf(rule, extra.source),
        };
        if (extra.name !== undefined) finding.name = extra.name;
        if (extra.windowsError !== undefined) finding.windowsError = extra.windowsError;
        findings.push(finding);
        if (
          result.status === 'pass' ||
          result.status === 'not-applicable' ||
          RANK[severity] > RANK[result.status]
        )
          result.status = severity;
      };
    const reporter: Reporter = {
      error: add('error'),
      warning: add('warning'),
      info: add('info'),
      notApplicable(reason) {
        result.status = 'not-applicable';
        result.reason = reason;
      },
    };
    try {
      rule.check(ctx, reporter);
    } catch (error) {
      add('error')(
        `supcert could not evaluate this rule (${error instanceof Error ? error.message : String(error)}). This is a bug in supcert; the certificate is not judged on this point.`,
      );
    }
    results.push(result);
  }
  return { findings, results };
}
