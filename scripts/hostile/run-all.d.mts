/** Types of run-all.mjs, for test/hostile-runner.test.ts and scripts/bench.mjs. */
export interface HostileResult {
  id: string;
  outcome: string;
  ms: number | null;
  maxRssMb: number | null;
  killed?: boolean;
  crashed?: boolean;
}
export interface HostileRow {
  id: string;
  kind: number | string;
  title: string;
  file: string;
  outcome: string;
  expect: string;
  matches: boolean;
  ms: number | null;
  maxRssMb: number | null;
  met: boolean;
}
export declare const TARGET_MS: number;
export declare const TARGET_MB: number;
export declare function caseFiles(dir?: string): string[];
export declare function runCaseInChild(
  file: string,
  id: string,
  options?: { timeoutMs?: number; dist?: string },
): Promise<HostileResult>;
export declare function runHostile(options?: {
  dir?: string;
  timeoutMs?: number;
  dist?: string;
  onRow?: (row: HostileRow) => void;
}): Promise<{ reference: HostileResult; rows: HostileRow[] }>;
export declare function hostileTable(result: {
  reference: HostileResult;
  rows: HostileRow[];
}): string[];
