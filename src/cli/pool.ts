// Types only: node:worker_threads is imported when a pool is made (WorkerPool.create). A static
// import here would be hoisted by esbuild to the top of dist/cli.cjs and load worker_threads in
// every run (~1 ms), pool or not.
import type { Worker } from 'node:worker_threads';
import type { Severity } from '../index.js';
import type { Input } from './inputs.js';
import type { Outcome } from './judge.js';
import type { PackedInputs } from './chunks.js';
import type { RecordRun } from './output/stream.js';

/*
 * Parallel judging (check --jobs N): a pool of node:worker_threads workers, each running
 * ./worker.ts (dist/cli-worker.js), for the files of directories and file lists. The workers are
 * started with the pool and say when they are ready (READY, their first message); none is given
 * an input before, so the caller, which judges too, never waits for one to start. A worker gets a
 * batch of inputs in one message (the paths: it reads the files itself) and answers with their
 * outcomes in one message, the JSON text of json / jsonl already written and escaped
 * (output/stream.ts prerender): the main thread only orders and writes. A worker that throws
 * outside judge() or dies (process.exit, out of memory, a native crash) is reported for the input
 * it was on, as WORKER_FAILED, and replaced; the run goes on. Workers that die before they are
 * ready are replaced {@link MAX_START_FAILURES} times in all, then no more: the caller judges
 * everything itself.
 */

type Job = { input: Extract<Input, { kind: 'file' }>; resolve: (outcome: Outcome) => void };
/**
 * `jobs`: sent and not answered, oldest first; the worker judges them one after the other, in
 * order. `progress[0]`: how many inputs the worker has started (it counts them in shared memory,
 * no message), against `answered`: so the input it was on when it died is known.
 */
type Slot = {
  worker: Worker;
  /** The worker has said READY: it may be given inputs. */
  ready: boolean;
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
 * for the main thread (with one input at a time the workers sat idle ~45% of a run). With 2
 * (16 files, ~3 ms of work) the worker at --jobs 2 still waited ~25% of a 100,000-file run on a
 * busy machine: this thread, judging too, answers it only between its own files and garbage
 * collections (gaps of 5–20 ms); with 4 it waited ~10% and the run took ~15% less wall time.
 */
export const AHEAD = 4;

/** A worker's first message: it has loaded and listens (worker.ts). */
export const READY = 'ready';

/** Workers of a pool that may die before they are ready before it stops starting more. */
export const MAX_START_FAILURES = 3;

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
  /** A worker of a chunked run (chunkRun.ts): it takes chunks itself and posts their records. */
  chunked?: ChunkedInit;
}

/** What a worker of a chunked run is given besides the judging context (see chunks.ts). */
export interface ChunkedInit {
  /** The shared memory of chunks.ts (controlFor). */
  control: SharedArrayBuffer;
  /** This worker's slot in it. */
  slot: number;
  /** This worker's output areas (chunks.ts areasMemory). */
  areas: SharedArrayBuffer;
  /** chunks.ts CHUNK_BYTES (a test sets less). */
  chunkBytes: number;
  inputs: PackedInputs;
  /** How records are written: the run's settings, the colour decided by this thread. */
  record: Omit<RecordRun, 'textOptions'> & {
    colour: boolean;
    verbose: boolean;
    skipNames: boolean;
    at: Date;
  };
}

/**
 * Young generation of each worker, in MB, when a run has more than one worker. V8's default
 * (~32 MB on this machine) made each worker ~70 MB: 100,000 files at --jobs 8 peaked at 689 MB;
 * with 16 MB, 550 MB, at the same speed (measured on 2 cores, 3 runs each). With one worker the
 * default stays: the --jobs 2 speed-up is what the bench holds to 1.7×.
 */
export const WORKER_YOUNG_MB = 16;

/**
 * Starts a worker of `file` with `workerData`. Its heap is bounded: V8 otherwise lets each grow
 * (lazy GC) until a run of 100,000 files on 8 cores passes 300 MB; {@link WORKER_HEAP_MB} holds the
 * largest input (limits.maxInputBytes, 32 MB) judged. `workers`: how many the run has (more than
 * one: a smaller young generation each, {@link WORKER_YOUNG_MB}).
 */
export function startWorker(
  Worker: typeof import('node:worker_threads').Worker,
  file: URL | string,
  workerData: unknown,
  workers = 1,
): Worker {
  return new Worker(file, {
    workerData,
    resourceLimits: {
      maxOldGenerationSizeMb: WORKER_HEAP_MB,
      ...(workers > 1 ? { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } : {}),
    },
  });
}

/** The outcome of the input a worker was judging when it stopped (`why`: how it stopped). */
export function workerFailed(file: string, why: string): Outcome {
  return {
    kind: 'error',
    file,
    code: 'WORKER_FAILED',
    message: `the worker judging this file stopped (${why}); this is a bug in supcert, and the other inputs were judged. Run this file alone (--jobs 1) to see it.`,
  };
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;
  private pumping = false;
  private startFailures = 0;
  private readyWaiters: Array<() => void> = [];
  /** Workers started over the run (replacements included), for tests. */
  started = 0;

  private constructor(
    private readonly Worker: typeof import('node:worker_threads').Worker,
    private readonly file: URL | string,
    private readonly size: number,
    private readonly init: WorkerInit,
  ) {}

  /** A pool of `size` workers running `file`, started now (each is given inputs once ready). */
  static async create(file: URL | string, size: number, init: WorkerInit): Promise<WorkerPool> {
    const { Worker } = await import('node:worker_threads');
    const pool = new WorkerPool(Worker, file, size, init);
    for (let k = 0; k < size; k++) pool.spawn();
    return pool;
  }

  /** Resolves once a worker is ready, or the pool has stopped starting them (or is closed). */
  ready(): Promise<void> {
    if (this.closed || this.gaveUp || this.slots.some((s) => s.ready)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Workers died before they were ready MAX_START_FAILURES times: none is started any more. */
  private get gaveUp(): boolean {
    return this.startFailures >= MAX_START_FAILURES;
  }

  private wakeReadyWaiters(): void {
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  /** Inputs the pool judges at once (sent to its workers): a caller keeps at least this many going. */
  get capacity(): number {
    return this.size * AHEAD * BATCH;
  }

  /**
   * How many inputs given to {@link run} now would go to a worker without waiting: what the
   * READY workers can still take, {@link AHEAD} batches each (a worker still starting takes
   * none), less the inputs queued so far.
   */
  get room(): number {
    if (this.closed) return 0;
    let batches = 0;
    for (const s of this.slots) if (s.ready) batches += AHEAD - s.batches.length;
    return Math.max(0, batches * BATCH - this.queue.length);
  }

  /**
   * Whether {@link room} is left. When it is not, a caller that can judge in its own thread does
   * so (check's judgeAll: the main thread is one of the judges).
   */
  get hasRoom(): boolean {
    return this.room > 0;
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
    // A worker that died is replaced (not beyond MAX_START_FAILURES deaths before ready).
    while (!this.closed && !this.gaveUp && this.slots.length < this.size) this.spawn();
    while (this.queue.length > 0 && !this.closed) {
      // The least busy ready worker.
      const slot = this.slots.reduce<Slot | undefined>(
        (best, s) =>
          s.ready && s.batches.length < AHEAD && (!best || s.jobs.length < best.jobs.length)
            ? s
            : best,
        undefined,
      );
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
    const worker = startWorker(this.Worker, this.file, { ...this.init, progress }, this.size);
    this.started++;
    const slot: Slot = {
      worker,
      ready: false,
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
      if (job) job.resolve(workerFailed(job.input.file, why));
    };
    worker.on('message', (outcomes: unknown) => {
      if (outcomes === READY) {
        // A second READY changes nothing.
        if (slot.ready) return;
        slot.ready = true;
        this.wakeReadyWaiters();
        this.pump();
        return;
      }
      // Anything but one outcome per input of the batch sent first (none sent: nothing is
      // expected) is a bug of the worker: outcomes are matched to inputs by position, so a
      // miscounted answer would give one file's verdict to another. The worker is retired.
      if (!Array.isArray(outcomes) || outcomes.length !== slot.batches[0]) {
        retire(
          Array.isArray(outcomes)
            ? `it answered ${outcomes.length} outcomes for a batch of ${slot.batches[0] ?? 0}`
            : 'it sent a message that is not a batch of outcomes',
        );
        void worker.terminate();
        return;
      }
      slot.batches.shift();
      slot.answered += outcomes.length;
      for (const outcome of outcomes as Outcome[]) slot.jobs.shift()?.resolve(outcome);
      this.pump();
    });
    const retire = (why: string): void => {
      fail(why);
      const at = this.slots.indexOf(slot);
      // 'error' then 'exit': retired once.
      if (at < 0) return;
      this.slots.splice(at, 1);
      if (!slot.ready && !this.closed) {
        this.startFailures++;
        // No more workers will come: the caller is told (ready()) and judges the rest itself.
        if (this.gaveUp) this.wakeReadyWaiters();
      }
      // Replaced by pump(): a new worker for the inputs still waiting.
      this.pump();
      // What is queued stays queued only while a worker is left to take it (one ready, or one
      // still starting); once the last one is gone and none is started any more, it is answered
      // (a ready worker that died after the pool gave up left its other inputs here).
      if (this.gaveUp && !this.closed && this.slots.length === 0) this.giveUp(why);
    };
    // An uncaught exception ends the worker ('error', then 'exit'); process.exit or a crash only 'exit'.
    worker.on('error', (error: Error) => retire(`${error.name}: ${error.message}`));
    worker.on('exit', (code) => retire(`exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  /**
   * No worker could start: every input still queued (given to run() before the pool knew) is
   * answered WORKER_FAILED, and hasRoom stays false, so the caller judges the rest itself.
   */
  private giveUp(why: string): void {
    for (const job of this.queue.splice(0))
      job.resolve({
        kind: 'error',
        file: job.input.file,
        code: 'WORKER_FAILED',
        message: `no worker could start (${why}); this is a bug in supcert. Run with --jobs 1.`,
      });
    this.wakeReadyWaiters();
  }

  /** Stops every worker (after the last outcome: nothing is lost). */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeReadyWaiters();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
