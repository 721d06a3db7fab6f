import type { SupReport } from '../index.js';
import type { EndpointInfo } from './endpoint.js';

/**
 * What the output writers (JSON, SARIF, the summary table, the exit code) need of one input's
 * outcome, for `check` and `check-request` alike. Types only: nothing here is loaded at run time.
 */
export interface Reported<R extends SupReport = SupReport> {
  kind: 'report';
  file: string;
  report: R;
  endpoint?: EndpointInfo;
}
export interface Failed {
  kind: 'error';
  file: string;
  code: string;
  message: string;
  /** Set when the error is a bug in supcert (INTERNAL_ERROR). */
  bug?: unknown;
}
export interface Skipped {
  kind: 'skipped';
  file: string;
  reason: string;
}
export type AnyOutcome = Reported | Failed | Skipped;
