// A judging worker of the pool (./pool.ts), built as dist/cli-worker.js. It never writes to
// stdout or stderr: every outcome goes back to the main thread, which writes it.
import { parentPort, workerData } from 'node:worker_threads';
import type { CertificateInfo, SupOptions } from '../index.js';
import type { Input } from './inputs.js';
import { type JudgeContext, judge } from './judge.js';
import type { WorkerInit } from './pool.js';
import { prerender } from './output/stream.js';

const init = workerData as WorkerInit;
const ctx: JudgeContext = {
  options: init.options as SupOptions,
  namesGiven: init.namesGiven,
  // No prompt in a worker: the pool is used only when a password was given or none can be asked for.
  passwords: {
    given: init.password,
    origin: init.passwordOrigin,
    ask: () => Promise.resolve(undefined),
  },
  timeoutMs: init.timeoutMs,
  caCertificates: init.caCertificates as CertificateInfo[],
  ...(init.probe ? { probe: init.probe } : {}),
  ...(init.online ? { online: true } : {}),
};

// One input at a time, in the order sent: the pool blames the oldest unanswered input when a worker dies.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (input: Input) => {
  queue = queue
    .then(() => judge(input, ctx))
    .then(
      (outcome) =>
        parentPort!.postMessage(
          init.render ? prerender(outcome, init.render.format, init.render.failOn) : outcome,
        ),
      // A usage error (a bad --targets line's names) or a bug: this input's error, the run goes on.
      (error: unknown) =>
        parentPort!.postMessage({
          kind: 'error',
          file: input.file,
          code: (error as { code?: string }).code ?? 'INTERNAL_ERROR',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
});
