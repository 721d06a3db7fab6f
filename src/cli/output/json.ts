import type { SupReport } from '../../index.js';
import type { AnyOutcome, Reported } from '../outcome.js';

/** The report as the library returns it; an endpoint's presented chain rides along as `endpoint`. */
function reportOf(outcome: Reported): SupReport & { endpoint?: unknown } {
  return outcome.endpoint ? { ...outcome.report, endpoint: outcome.endpoint } : outcome.report;
}

/** Dates become ISO strings by themselves (Date#toJSON); `der` is bytes nobody reads as JSON. */
const withoutDer = (key: string, value: unknown): unknown => (key === 'der' ? undefined : value);

/**
 * api.md: one FILE gives its SupReport (check-request: its SupRequestReport), several an array
 * of `{ file, report }` or `{ file, error: { code, message } }`. Skipped files are not in it (stderr notes them).
 * Returns what to serialise (the writer escapes it, ./write.ts), or null when a single input could
 * not be read: stdout then stays empty.
 */
export function formatJson(outcomes: readonly AnyOutcome[], single: boolean): { value: unknown; replacer: (key: string, value: unknown) => unknown } | null {
  if (single) {
    const [only] = outcomes;
    return only?.kind === 'report' ? { value: reportOf(only), replacer: withoutDer } : null;
  }
  type Item = { file: string; report: SupReport } | { file: string; error: { code: string; message: string } };
  const items = outcomes.flatMap((o): Item[] => {
    if (o.kind === 'report') return [{ file: o.file, report: reportOf(o) }];
    if (o.kind === 'error') return [{ file: o.file, error: { code: o.code, message: o.message } }];
    return [];
  });
  return { value: items, replacer: withoutDer };
}
