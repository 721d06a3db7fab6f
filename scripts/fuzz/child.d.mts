/** Types of child.mjs, for test/fuzz.test.ts. */
import type { ChildProcess } from 'node:child_process';
import type { DescribedError, FuzzAux } from './targets.mjs';

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}
export interface ReplayRun {
  target: string;
  aux?: FuzzAux;
}
export interface ReplayOutcome {
  results: Array<
    ReplayRun & { ms: number; violations: Array<{ stage: string; error: DescribedError }> }
  >;
  hang?: ReplayRun & { ms: number; why: string };
  crash?: ReplayRun & ChildExit & { stderr: string; signature: string };
  fatal?: DescribedError;
}

export declare const WORKER_PATH: URL;
export declare const CHILD_HEAP_MB: number;
export declare function forkWorker(
  data: unknown,
  options?: { heapMb?: number; echoStderr?: boolean },
): { child: ChildProcess; stderr(): string; exited: Promise<ChildExit> };
export declare function describeExit(exit: ChildExit): string;
export declare function crashSignature(stderr: string, exit: ChildExit): string;
export declare function replayInChild(options: {
  distUrl: string;
  /** The browser bundle: the replay process gives it the page's global `self` before loading it. */
  browser?: boolean;
  renderUrl?: string;
  checkOutput?: boolean;
  input: Uint8Array;
  runs: ReplayRun[];
  warmup?: Array<{ target: string; file: string }>;
  timeoutMs: number;
  startMs?: number;
  heapMb?: number;
}): Promise<ReplayOutcome>;
