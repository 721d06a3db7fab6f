import type { Severity, SupReport } from '../../index.js';
import type { AnyOutcome } from '../outcome.js';
import { type JsonValue, jsonDocumentV2, reportOf, withoutDer } from '../../report/json.js';

export type { JsonResult, JsonValue } from '../../report/json.js';

/**
 * The JSON of `check`, `check-request` and `check-server` (README "JSON output"): the v2 document
 * of src/report/json.ts (the offline page saves the same document), the same shape for any
 * number of inputs:
 *
 * ```
 * { schema: "supcert/check/v2" | "supcert/check-request/v2" | "supcert/check-server/v2",
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
  return jsonDocumentV2(outcomes, run);
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
