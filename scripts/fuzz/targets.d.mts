/** Types of targets.mjs, for test/fuzz.test.ts. */
import type * as Library from '../../src/index.js';

/** Anything shaped like the library's public API: src/index.ts (tests) or dist/index.js (the fuzzer). */
export type FuzzLibrary = typeof Library & {
  /** The CLI's report writers (scripts/fuzz/render.mjs): returns the colourless text report. */
  render?: (outcome: unknown, at: Date) => string;
  /** Also check the text report for raw control / bidi characters and forged verdict lines. */
  checkOutput?: boolean;
};

export interface ReadTarget {
  id: string;
  options: {
    format?: 'pem' | 'der' | 'base64' | 'p7b' | 'pfx';
    password?: string;
    limits: { maxIterations: number };
  };
  /** The input is given to readCertificates as a UTF-8 string. */
  text?: boolean;
}

export interface FuzzAux {
  /** Host for matchHostname / explainHostMatch. */
  host?: string;
  /** validateSupCertificate's `names`; for 'parse-name-list', the text itself. */
  names?: string;
  /** Also validate with the input itself (true) or a real root and issuing CA ('fixture') as trust anchor and intermediate. */
  anchors?: boolean | 'fixture';
}

export interface Violation {
  stage: string;
  error: unknown;
}

export interface DescribedError {
  name: string;
  message: string;
  code?: string;
  stack: string;
}

export declare const AT: Date;
export declare const DEFAULT_NAMES: string;
export declare const LIMITS: Readonly<{ maxIterations: number }>;
export declare const TIME_LIMIT_MS: number;
export declare const PASSWORDS: Array<[string, string]>;
export declare const READ_TARGETS: ReadTarget[];
export declare const TARGET_IDS: string[];
export declare const TEXT_SEEDS: string[];
export declare function family(targetId: string): string;
export declare function isContractError(error: unknown): boolean;
export declare function describeError(error: unknown): DescribedError;
export declare function runTarget(
  lib: FuzzLibrary,
  targetId: string,
  input: Uint8Array,
  aux?: FuzzAux,
): Promise<{ resolved: boolean; violations: Violation[] }>;
