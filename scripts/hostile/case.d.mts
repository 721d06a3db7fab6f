/** The shape of one hostile case (README.md in this folder), for the generators' .d.mts files. */
import type * as Library from '../../src/index.js';

export interface HostileCase {
  id: string;
  kind: number;
  title: string;
  /** Runs the case against the built package; resolves to its outcome (a SupCertError code, 'ok' ...). */
  run: (lib: typeof Library) => Promise<string>;
  expect: string;
}
