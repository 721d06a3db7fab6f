// Types only: node:worker_threads is imported when a pool is made (WorkerPool.create). A static
// import here would be hoisted by esbuild to the top of dist/cli.cjs and load worker_threads in
// every run (~1 ms), pool or not.
import type { Worker } from 'node:worker_threads';
import type { Severity } from '../index.js';
import type { Input } from './inputs.js';
import type { Outcome } from './judge.js';

/*
 * Parallel judging (check --jobs N): a pool of node:worker_threads workers, each running
 * ./worker.ts (dist/cli-worker.js), for the files of directories and file lists. A worker gets a
 * batch of inputs in one message (the paths: it reads the files itself) and answers with their
 * outcomes in one message, the JSON text of json / jsonl already written and escaped
 * (output/stream.ts prerender): the main thread only orders and writes. A worker that throws
 * outside judge() or dies (process.exit, out of memory, a native crash) is reported for the input
 * it was on, as WORKER_FAILED, and replaced; the run goes on.
 */

type Job = { input: Extract<Input, { kind: 'file' }>; resolve: (outcome: Outcome) => void };
/**
 * `jobs`: sent and not answered, oldest first; the worker judges them one after the other, in
 * order. `progress[0]`: how many inputs the worker has started (it counts them in shared memory,
 * no message), against `answered`: so the input it was on when it died is known.
 */
type Slot = {
  worker: Worker;
  jobs: Job[];
  batches: number[];
  progress: Int32Array;
  answered: number;
};

/**
 * Inputs in one message to a worker: one postMessage and one answer per batch, not per input.
 * Bigger batches ran JSON Lines up to ~9 % faster on 2 cores (32 a batch, 3 ahead) but hold more
 * outcomes in flight: 100,000 files peaked at 353 MB (text) with 32 and 3, and at 309 MB once
 * (JSON Lines) with 16 and 2, over the 300 MB bound; 8 and 2 stay near 250 MB.
 */
export const BATCH = 8;

/**
 * Batches sent ahead to each worker: it starts the next as soon as it posts one, without waiting
 * for the main thread (with one input at a time the workers sat idle ~45% of a run).
 */
export const AHEAD = 2;

/** Old-generation heap of each worker, in MB (see spawn). */
export const WORKER_HEAP_MB = 96;

/** What the worker is started with: the judging context, cloned (the password included, never printed). */
type JudgeProbe = { connectTo?: { host: string; port: number }; httpPort?: number };

export interface WorkerInit {
  options: unknown;
  namesGiven: boolean;
  password: string | undefined;
  passwordOrigin: string | undefined;
  timeoutMs: number;
  caCertificates: unknown;
  /** --connect-to / --http-port (https:// inputs) and --online: as in the main thread's JudgeContext. */
  probe?: JudgeProbe;
  online?: boolean;
  /** json / jsonl: the worker also writes the record's JSON text (the main thread only writes it out). */
  render?: { format: 'json' | 'jsonl'; failOn: Severity };
  /** Set by the pool for each worker: an Int32Array(1) over it counts the inputs it has started. */
  progress?: SharedArrayBuffer;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;
  private pumping = false;
  /** Workers started over the run (replacements included), for tests. */
  started = 0;

  private constructor(
    private readonly Worker: typeof import('node:worker_threads').Worker,
    private readonly file: URL | string,
    private readonly size: number,
    private readonly init: WorkerInit,
  ) {}

  /** A pool of at most `size` workers running `file` (started on demand). */
  static async create(file: URL | string, size: number, init: WorkerInit): Promise<WorkerPool> {
    const { Worker } = await import('node:worker_threads');
    return new WorkerPool(Worker, file, size, init);
  }

  /** Inputs the pool judges at once (sent to its workers): a caller keeps at least this many going. */
  get capacity(): number {
    return this.size * AHEAD * BATCH;
  }

  /**
   * Whether an input given to {@link run} now would go to a worker without waiting: the inputs
   * queued so far fill less than the batches the workers (and the workers not started yet) can
   * still take, {@link AHEAD} each. When it is false, a caller that can judge in its own thread
   * does so (check's judgeAll: the main thread is one of the judges).
   */
  get hasRoom(): boolean {
    if (this.closed) return false;
    let batches = (this.size - this.slots.length) * AHEAD;
    for (const s of this.slots) batches += AHEAD - s.batches.length;
    return this.queue.length < batches * BATCH;
  }

  /** Judges `input` in a worker; never rejects (a worker's failure is the input's error outcome). */
  run(input: Job['input']): Promise<Outcome> {
    return new Promise((resolve) => {
      this.queue.push({ input, resolve });
      // Sent once the caller's synchronous loop has queued what it has: full batches, not one by one.
      if (!this.pumping) {
        this.pumping = true;
        queueMicrotask(() => {
          this.pumping = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      // The least busy worker, or a new one while the pool is not full.
      let slot = this.slots.reduce<Slot | undefined>(
        (best, s) =>
          s.batches.length < AHEAD && (!best || s.jobs.length < best.jobs.length) ? s : best,
        undefined,
      );
      if ((!slot || slot.jobs.length > 0) && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      // A short queue is shared out between the workers rather than sent to the first one.
      const n = Math.min(BATCH, Math.ceil(this.queue.length / this.size));
      const batch = this.queue.splice(0, n);
      for (const job of batch) slot.jobs.push(job);
      slot.batches.push(batch.length);
      slot.worker.postMessage(batch.map((j) => j.input));
    }
  }

  private spawn(): Slot {
    const progress = new SharedArrayBuffer(4);
    // A bounded heap per worker: V8 otherwise lets each grow (lazy GC) until a run of 100,000 files
    // on 8 cores passes 300 MB; 96 MB holds the largest input (limits.maxInputBytes, 32 MB) judged.
    const worker = new this.Worker(this.file, {
      workerData: { ...this.init, progress },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.started++;
    const slot: Slot = {
      worker,
      jobs: [],
      batches: [],
      progress: new Int32Array(progress),
      answered: 0,
    };
    // The worker judges its inputs in the order sent: of those not answered, the ones before the
    // input it was on were judged (their answers lost with it) and the ones after were not; both
    // go back to the queue, for the next worker.
    const fail = (why: string): void => {
      // Stopped by close(): not a failure, and nobody waits for these inputs any more.
      if (this.closed) return;
      const on = Math.max(0, Atomics.load(slot.progress, 0) - slot.answered - 1);
      const job = slot.jobs[on];
      const others = slot.jobs.filter((_, k) => k !== on);
      slot.jobs = [];
      slot.batches = [];
      for (let k = others.length - 1; k >= 0; k--) this.queue.unshift(others[k]!);
      if (job) {
        job.resolve({
          kind: 'error',
          file: job.input.file,
          code: 'WORKER_FAILED',
          message: `the worker judging this file stopped (${why}); this is a bug in supcert, and the other inputs were judged. Run this file alone (--jobs 1) to see it.`,
        });
      }
    };
    worker.on('message', (outcomes: Outcome[]) => {
      slot.batches.shift();
      slot.answered += outcomes.length;
      for (const outcome of outcomes) slot.jobs.shift()?.resolve(outcome);
      this.pump();
    });
    const retire = (why: string): void => {
      fail(why);
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      // Replaced on demand by pump(): a new worker for the inputs still waiting.
      this.pump();
    };
    // An uncaught exception ends the worker ('error', then 'exit'); process.exit or a crash only 'exit'.
    worker.on('error', (error: Error) => retire(`${error.name}: ${error.message}`));
    worker.on('exit', (code) => retire(`exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  /** Stops every worker (after the last outcome: nothing is lost). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
