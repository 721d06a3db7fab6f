// A judging worker of the pool (./pool.ts), built as dist/cli-worker.js. It never writes to
// stdout or stderr: every outcome goes back to the main thread, which writes it (the JSON text
// of json / jsonl made and escaped here, by output/write.ts's own function, and sent as UTF-8 in
// one transferred buffer a batch).
import { parentPort, workerData } from 'node:worker_threads';
import type { CertificateInfo, SupOptions } from '../index.js';
import type { Input } from './inputs.js';
import { type JudgeContext, judge } from './judge.js';
import { READY, type WorkerInit } from './pool.js';
import { type Prerendered, packRendered, prerender } from './output/stream.js';

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

const progress = new Int32Array(init.progress ?? new SharedArrayBuffer(4));

/** One input's outcome; a usage error (a bad --targets line's names) or a bug is this input's error. */
async function outcome(input: Input): Promise<Prerendered> {
  try {
    const o = await judge(input, ctx);
    return init.render ? prerender(o, init.render.format, init.render.failOn) : o;
  } catch (error) {
    return {
      kind: 'error',
      file: input.file,
      code: (error as { code?: string }).code ?? 'INTERNAL_ERROR',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

// A batch at a time, each input in the order sent, counted in `progress` as it starts: the pool
// blames the input a worker was on when it died. One answer per batch.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (batch: Input[]) => {
  queue = queue.then(async () => {
    const out: Prerendered[] = [];
    for (const input of batch) {
      Atomics.add(progress, 0, 1);
      out.push(await outcome(input));
    }
    parentPort!.postMessage(out, packRendered(out));
  });
});

// Listening: the pool may send inputs now (before this, it judges them in its own thread).
parentPort!.postMessage(READY);
