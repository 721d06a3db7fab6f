import type { Severity, SupReport } from '../index.js';
import { escapeJsonText } from '../util/printable.js';

/*
 * The v2 JSON document of `supcert check`, `check-request` and `check-server`, shared by the
 * command line (src/cli/output/json.ts) and the offline page (web/page.ts), so the page's saved
 * report is the document the CLI prints. Types only from the library: the page bundles the
 * library's browser build, and this module must not pull the library in a second time.
 */

/** One input's outcome as the JSON writers need it (src/cli/outcome.ts has the CLI's, wider types). */
export type JsonOutcome =
  | { kind: 'report'; file: string; report: SupReport; endpoint?: unknown }
  | { kind: 'error'; file: string; code: string; message: string }
  | { kind: 'skipped'; file: string; reason: string };

/** One input in the v2 document. */
export type JsonResult =
  | { input: string; verdict: 'pass' | 'fail'; report: SupReport }
  | { input: string; verdict: 'error'; error: { code: string; message: string } }
  | { input: string; verdict: 'skipped'; skipped: { reason: string } };

/** A value to serialise and the replacer to serialise it with. */
export type JsonValue = { value: unknown; replacer: (key: string, value: unknown) => unknown };

/**
 * True when a finding is at least as severe as `failOn` (the gate closes: verdict "fail", exit
 * code 1). Read from the report's counts, so a bounded report's omitted findings count too.
 */
export function fails(report: SupReport, failOn: Severity): boolean {
  const { errors, warnings, infos } = report.summary;
  if (failOn === 'error') return errors > 0;
  if (failOn === 'warning') return errors + warnings > 0;
  return errors + warnings + infos > 0;
}

/** Dates become ISO strings by themselves (Date#toJSON); `der` is bytes nobody reads as JSON. */
export const withoutDer = (key: string, value: unknown): unknown =>
  key === 'der' ? undefined : value;

/** The report as the library returns it; an endpoint's presented chain rides along as `endpoint`. */
export function reportOf(
  outcome: Extract<JsonOutcome, { kind: 'report' }>,
): SupReport & { endpoint?: unknown } {
  return outcome.endpoint ? { ...outcome.report, endpoint: outcome.endpoint } : outcome.report;
}

/**
 * The v2 document (README "JSON output"), the same shape for any number of inputs:
 *
 * ```
 * { schema: "supcert/check/v2" | "supcert/check-request/v2" | "supcert/check-server/v2",
 *   tool: { name: "supcert", version },
 *   results: [ { input, verdict: "pass"|"fail", report }            (SupReport, SupRequestReport or DeploymentReport)
 *            | { input, verdict: "error", error: { code, message } } (could not be judged: exit 2)
 *            | { input, verdict: "skipped", skipped: { reason } } ], (a directory's non-certificate file)
 *   summary: { inputs, passed, failed, errors, skipped, failOn, exitCode } }
 * ```
 *
 * `verdict` is the gate's (it depends on `failOn`); `report.ok` is the library's (errors only).
 * Dates are ISO 8601 strings; `der` is left out (`replacer`). Every input appears, in order.
 */
export function jsonDocumentV2(
  outcomes: readonly JsonOutcome[],
  run: { command: string; version: string; failOn: Severity; exitCode: number },
): JsonValue {
  const results = outcomes.map((o): JsonResult => {
    if (o.kind === 'report')
      return {
        input: o.file,
        verdict: fails(o.report, run.failOn) ? 'fail' : 'pass',
        report: reportOf(o),
      };
    if (o.kind === 'error')
      return { input: o.file, verdict: 'error', error: { code: o.code, message: o.message } };
    return { input: o.file, verdict: 'skipped', skipped: { reason: o.reason } };
  });
  const count = (verdict: JsonResult['verdict']): number =>
    results.filter((r) => r.verdict === verdict).length;
  return {
    value: {
      schema: `supcert/${run.command}/v2`,
      tool: { name: 'supcert', version: run.version },
      results,
      summary: {
        inputs: results.length,
        passed: count('pass'),
        failed: count('fail'),
        errors: count('error'),
        skipped: count('skipped'),
        failOn: run.failOn,
        exitCode: run.exitCode,
      },
    },
    replacer: withoutDer,
  };
}

/**
 * `value` as the CLI writes JSON: 2-space indentation, a final newline, and every unsafe
 * character in its strings (controls, bidi, zero-width …) as a `\uXXXX` escape; `JSON.parse`
 * gives back the same value.
 */
export function jsonText(
  value: unknown,
  replacer?: (key: string, value: unknown) => unknown,
): string {
  return `${escapeJsonText(JSON.stringify(value, replacer as never, 2))}\n`;
}
