import { SOURCES, type SourceKey } from './sources.js';
import { SEVERITY_RANK } from './severity.js';
import {
  type DeclaredFinding,
  type Finding,
  type FindingExtra,
  type Reporter,
  type RuleContext,
  type SupRule,
  finding,
} from './SupRule.js';
import { ownOptions } from '../util/ownOptions.js';
import { item } from '../util/item.js';

/** How a rule came out: pass (nothing to say), a finding's severity, or not applicable. */
export type RuleStatus = 'pass' | 'error' | 'warning' | 'info' | 'not-applicable';

export interface RuleResult {
  rule: string;
  status: RuleStatus;
  /** Why the rule did not apply. */
  reason?: string;
}

/**
 * The findings the runner itself raises, for any rule; docs/rules.md lists them after the rules.
 * Both are bugs in supcert, so both are errors: a rule that could not be judged never passes.
 */
export const RUNNER_FINDINGS = Object.freeze({
  ruleFailed: finding(
    'sup.internal.rule_failed',
    'error',
    (a: { error: string }) =>
      `supcert could not evaluate this rule (${a.error}). This is a bug in supcert; the certificate is not judged on this point.`,
  ),
  undeclared: finding(
    'sup.internal.undeclared_finding',
    'error',
    (a: { code: string; message: string }) =>
      `${a.message} (This is a bug in supcert: the rule raised "${a.code}", a finding it does not declare, so it is reported as an error.)`,
  ),
});

/**
 * Thrown when a rule raises a finding it does not declare and SUPCERT_STRICT_FINDINGS=1 (the
 * test suite sets it): the bug surfaces as a failing test instead of a report.
 */
export class UndeclaredFindingError extends Error {
  constructor(rule: string, code: string) {
    super(`rule ${rule} raised the finding "${code}", which it does not declare`);
    this.name = 'UndeclaredFindingError';
  }
}

export function citationOf(
  rule: Pick<SupRule, 'sources' | 'section'>,
  source?: SourceKey,
): Finding['citation'] {
  const key = source ?? rule.sources[0]!;
  const s: { title: string; url?: string } = SOURCES[key];
  const citation: Finding['citation'] = { title: s.title };
  if (rule.section && key === item(rule.sources, 0)) citation.section = rule.section;
  if (s.url) citation.url = s.url;
  return citation;
}

/**
 * The finding one report of a declared finding makes: the declaration's code and severity, its
 * template filled with `args`, the extras (a run-time Windows error or source overrides the
 * declared one). Shared by the runner and the live probe (src/sup/probe.ts).
 */
export function findingOf<A>(
  rule: Pick<SupRule, 'id' | 'sources' | 'section'>,
  declared: DeclaredFinding<A>,
  args: A,
  extra: FindingExtra = {},
): Finding {
  const out: Finding = {
    rule: rule.id,
    code: declared.code,
    severity: declared.severity,
    message: declared.message(args),
    citation: citationOf(rule, extra.source ?? declared.source),
  };
  if (extra.name !== undefined) out.name = extra.name;
  const windowsError = extra.windowsError ?? declared.windowsError;
  if (windowsError !== undefined) out.windowsError = windowsError;
  return out;
}

/** Whether `declared` is one of the rule's own declarations (the same object, under its code). */
export function declares(
  rule: Pick<SupRule, 'findings'>,
  declared: DeclaredFinding<never>,
): boolean {
  return Object.values(rule.findings).some((f) => f === declared);
}

// `typeof` first: the browser build defines `process` as undefined (tsup.config.ts), and a
// TypeError here would turn an undeclared finding into sup.internal.rule_failed, losing its message.
const strictFindings = (): boolean =>
  typeof process !== 'undefined' && process.env.SUPCERT_STRICT_FINDINGS === '1';

/** Why `rule` does not run on this context at all (a request, no server certificate, none judged). */
function notApplicableReason(rule: SupRule, ctx: RuleContext): string | undefined {
  if (rule.stage === 'issued' && ctx.request) return 'decided when the CA issues the certificate';
  if (ctx.noServerCertificate && !rule.id.startsWith('SUP-FILE-'))
    return 'the file holds no server certificate (SUP-FILE-002)';
  if (ctx.certificateMissing && !rule.id.startsWith('SUP-DEP-')) return ctx.certificateMissing;
  return undefined;
}

/**
 * Runs every rule against the context. A rule that throws is a bug in supcert, never a pass:
 * it becomes an error finding naming the rule (zlint turns a panic into a fatal result the same
 * way). A rule that raises a finding it does not declare is a bug too: the finding is kept, as an
 * error with the code sup.internal.undeclared_finding (its message kept, the code it used named),
 * so a report never carries an undeclared code and the bug cannot pass; with
 * SUPCERT_STRICT_FINDINGS=1 (set by the test suite) the runner throws UndeclaredFindingError
 * instead.
 */
export function runRules(
  rules: readonly SupRule[],
  callerCtx: RuleContext,
): { findings: Finding[]; results: RuleResult[] } {
  // The rules read optional fields (ctx.chain, ctx.replaces, ctx.options.configureSslName ...):
  // on objects without a prototype, so a key set on Object.prototype (prototype pollution
  // elsewhere in the process) is never read as one.
  const ctx: RuleContext = Object.assign(Object.create(null) as RuleContext, callerCtx, {
    options: ownOptions(callerCtx.options),
  });
  const findings: Finding[] = [];
  const results: RuleResult[] = [];
  for (const rule of rules) {
    const result: RuleResult = { rule: rule.id, status: 'pass' };
    const skipped = notApplicableReason(rule, ctx);
    if (skipped !== undefined) {
      results.push({ rule: rule.id, status: 'not-applicable', reason: skipped });
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
    const add = (f: Finding): void => {
      findings.push(f);
      if (
        result.status === 'pass' ||
        result.status === 'not-applicable' ||
        SEVERITY_RANK[f.severity] > SEVERITY_RANK[result.status]
      )
        result.status = f.severity;
    };
    const report = (<A>(declared: DeclaredFinding<A>, args?: A, extra?: FindingExtra): void => {
      const made = findingOf(rule, declared, args as A, extra);
      if (declares(rule, declared)) return add(made);
      if (strictFindings()) throw new UndeclaredFindingError(rule.id, declared.code);
      add(
        findingOf(
          rule,
          RUNNER_FINDINGS.undeclared,
          { code: declared.code, message: made.message },
          extra,
        ),
      );
    }) as Reporter;
    report.notApplicable = (reason: string): void => {
      result.status = 'not-applicable';
      result.reason = reason;
    };
    try {
      rule.check(ctx, report);
    } catch (error) {
      if (error instanceof UndeclaredFindingError) throw error;
      add(
        findingOf(rule, RUNNER_FINDINGS.ruleFailed, {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    }
    results.push(result);
  }
  return { findings, results };
}
