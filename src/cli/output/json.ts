import type { Severity, SupReport } from '../../index.js';
import type { AnyOutcome, Reported } from '../outcome.js';
import { exitCodeOf } from '../exitCode.js';

/** The report as the library returns it; an endpoint's presented chain rides along as `endpoint`. */
function reportOf(outcome: Reported): SupReport & { endpoint?: unknown } {
  return outcome.endpoint ? { ...outcome.report, endpoint: outcome.endpoint } : outcome.report;
}

/** Dates become ISO strings by themselves (Date#toJSON); `der` is bytes nobody reads as JSON. */
const withoutDer = (key: string, value: unknown): unknown => (key === 'der' ? undefined : value);

export type JsonValue = { value: unknown; replacer: (key: string, value: unknown) => unknown };

/** One input in the v2 document. */
export type JsonResult =
  | { input: string; verdict: 'pass' | 'fail'; report: SupReport }
  | { input: string; verdict: 'error'; error: { code: string; message: string } }
  | { input: string; verdict: 'skipped'; skipped: { reason: string } };

/**
 * The JSON of `check` and `check-request` (README "JSON output"), the same shape for any number
 * of inputs:
 *
 * ```
 * { schema: "supcert/check/v2" | "supcert/check-request/v2",
 *   tool: { name: "supcert", version },
 *   results: [ { input, verdict: "pass"|"fail", report }            (SupReport / SupRequestReport)
 *            | { input, verdict: "error", error: { code, message } } (could not be judged: exit 2)
 *            | { input, verdict: "skipped", skipped: { reason } } ], (a directory's non-certificate file)
 *   summary: { inputs, passed, failed, errors, skipped, failOn, exitCode } }
 * ```
 *
 * `verdict` is the gate's (it depends on --fail-on); `report.ok` is the library's (errors only).
 * Dates are ISO 8601 strings; `der` is left out. Every input appears, in order.
 */
export function formatJsonV2(
  outcomes: readonly AnyOutcome[],
  run: { command: string; version: string; failOn: Severity; exitCode: number },
): JsonValue {
  const results = outcomes.map((o): JsonResult => {
    if (o.kind === 'report')
      return {
        input: o.file,
        verdict: exitCodeOf(o, run.failOn) === 0 ? 'pass' : 'fail',
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
 * `--json-shape v1` (deprecated, the 0.1 shape): one FILE gives its SupReport (check-request: its
 * SupRequestReport) or, when it could not be read, `{ file, error: { code, message } }`; several
 * an array of `{ file, report }` or `{ file, error: { code, message } }`. Skipped files are not
 * in it (stderr notes them).
 */
export function formatJsonV1(outcomes: readonly AnyOutcome[], single: boolean): JsonValue {
  type Item =
    | { file: string; report: SupReport }
    | { file: string; error: { code: string; message: string } };
  const items = outcomes.flatMap((o): Item[] => {
    if (o.kind === 'report') return [{ file: o.file, report: reportOf(o) }];
    if (o.kind === 'error') return [{ file: o.file, error: { code: o.code, message: o.message } }];
    return [];
  });
  if (single) {
    const [only] = outcomes;
    // 0.1 printed nothing for an unreadable single file; a script reading stdout gets the error now.
    return {
      value:
        only?.kind === 'report'
          ? reportOf(only)
          : (items[0] ?? {
              file: only?.file ?? '',
              error: { code: 'NOTHING_FOUND', message: 'nothing to judge' },
            }),
      replacer: withoutDer,
    };
  }
  return { value: items, replacer: withoutDer };
}
