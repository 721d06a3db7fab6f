// Types only: node:worker_threads is imported when a run starts (see pool.ts).
import type { Worker } from 'node:worker_threads';
import type { Input } from './inputTypes.js';
import type { Outcome } from './judge.js';
import {
  AREA,
  AREA_BYTES,
  CHUNKS_AHEAD,
  CHUNK_BYTES,
  CLAIM,
  CLAIMING,
  CURRENT,
  FREED,
  ON,
  STOP,
  areasMemory,
  chunkCount,
  chunkRange,
  clearSlot,
  controlFor,
  packInputs,
  slotWord,
} from './chunks.js';
import {
  type ChunkedInit,
  MAX_START_FAILURES,
  READY,
  type WorkerInit,
  startWorker,
  workerFailed,
} from './pool.js';
import {
  ChunkRecorder,
  type RecordRun,
  type RenderedChunk,
  holdOutcomes,
} from './output/stream.js';

/*
 * This thread's side of a chunked run (see chunks.ts): it starts the workers, judges chunks
 * itself like one of them, and hands every chunk, its own and the workers', to `emit` in chunk
 * order. A worker that dies is replaced (at most MAX_START_FAILURES times before it was ready,
 * as in the pool); the chunk it was judging is judged here again, the input it was on reported as
 * WORKER_FAILED (a file that ended a worker is not judged in this thread: it could end the run).
 */

export interface ChunkRunOptions {
  inputs: readonly Input[];
  /** Workers besides this thread (--jobs N: N - 1). */
  workers: number;
  /** The worker's code (dist/cli-worker.js; a test's fake). */
  file: URL | string;
  /** The judging context for the workers (as the pool's). */
  init: WorkerInit;
  /** How the workers write records: the run's settings, the colour decided here. */
  record: ChunkedInit['record'];
  /** How this thread writes records. */
  run: RecordRun;
  /** Judges one input in this thread. @throws what stops the run (a usage error). */
  judgeHere: (input: Input) => Promise<Outcome>;
  /**
   * Each chunk, in order; `next`: the index of the input after it. `written` is to be called
   * once stdout has taken its bytes (their memory is then used again).
   */
  emit: (chunk: RenderedChunk, next: number, written: () => void) => void;
  /** Back-pressure: a promise while stdout cannot take more (output/write.ts drained). */
  drained?: () => Promise<void> | undefined;
  /** chunks.ts CHUNK_BYTES (a test sets less). */
  chunkBytes?: number;
}

/** How long this thread waits for a chunk before it looks for one nobody will deliver (ms). */
const STALL_MS = 200;

type Slot = { k: number; worker: Worker; ready: boolean };

/**
 * Judges every input, this thread and `workers` workers, and emits the chunks in order.
 * @returns how many workers were started (replacements included).
 * @throws what `judgeHere` throws (the run stops; the workers are stopped).
 */
export async function runChunked(o: ChunkRunOptions): Promise<{ started: number }> {
  const { Worker } = await import('node:worker_threads');
  const total = o.inputs.length;
  const chunks = chunkCount(total);
  // A worker beyond the chunks this thread does not take would start (~30 ms of CPU, ~10 MB) and
  // find nothing to judge: --jobs 8 on 100 files started 7 for one chunk.
  const workers = Math.max(0, Math.min(o.workers, chunks - 1));
  const control = controlFor(workers);
  const chunkBytes = o.chunkBytes ?? CHUNK_BYTES;
  /**
   * Of the chunk being written (the turn), the first input not written yet, once a part of it
   * was: a chunk that ended early (CHUNK_BYTES) is judged on from there, in this thread.
   */
  const resume = new Map<number, number>();
  const firstOf = (chunk: number): number => resume.get(chunk) ?? chunkRange(chunk, total)[0];
  const packed = packInputs(o.inputs);
  const slots: Array<Slot | undefined> = [];
  /** Chunks judged, waiting for an earlier one; `slot`: the worker that posted it. */
  const waiting = new Map<number, { chunk: RenderedChunk; slot: Slot | undefined }>();
  /** Chunks to judge here first: lost with a worker, or delivered by nobody. */
  const adopted: number[] = [];
  /** Inputs a worker was on when it died. */
  const failed = new Map<number, string>();
  let turn = 0;
  let started = 0;
  let startFailures = 0;
  let closed = false;
  let wake: () => void = () => {};

  const settled = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** This thread's output areas, and which hold a chunk not written yet. */
  const areas = Array.from({ length: CHUNKS_AHEAD }, () => Buffer.allocUnsafeSlow(AREA_BYTES));
  const busy = areas.map(() => false);

  /** The area of `chunk` may be used again: its bytes were written (or not needed). */
  const free = (chunk: RenderedChunk, slot: Slot | undefined): void => {
    if (chunk.area < 0) return;
    if (!slot) {
      busy[chunk.area] = false;
      wake();
      return;
    }
    // A worker that died: its replacement has areas of its own.
    if (slots[slot.k] !== slot) return;
    Atomics.store(control, slotWord(slot.k, AREA + chunk.area), 0);
    Atomics.add(control, slotWord(slot.k, FREED), 1);
    Atomics.notify(control, slotWord(slot.k, FREED));
  };

  const deliver = (chunk: RenderedChunk, slot: Slot | undefined): void => {
    // Judged twice (a worker died after posting it; a chunk thought lost): the first is kept.
    if (chunk.chunk < turn || waiting.has(chunk.chunk) || chunk.first !== firstOf(chunk.chunk)) {
      free(chunk, slot);
      return;
    }
    waiting.set(chunk.chunk, { chunk, slot });
    holdOutcomes(chunk.facts.length);
    while (waiting.has(turn)) {
      const next = waiting.get(turn)!;
      waiting.delete(turn);
      holdOutcomes(-next.chunk.facts.length);
      if (next.chunk.end < chunkRange(turn, total)[1]) {
        // Ended early: the rest is judged here, from where it ended (the turn stays).
        resume.set(turn, next.chunk.end);
        adopt(turn);
      } else {
        resume.delete(turn);
        turn++;
      }
      o.emit(next.chunk, next.chunk.end, () => free(next.chunk, next.slot));
    }
    wake();
  };

  const adopt = (chunk: number): void => {
    if (
      chunk >= 0 &&
      chunk < chunks &&
      chunk >= turn &&
      !waiting.has(chunk) &&
      !adopted.includes(chunk)
    )
      adopted.push(chunk);
  };

  const spawn = (k: number): void => {
    clearSlot(control, k);
    const chunked: ChunkedInit = {
      control: control.buffer as SharedArrayBuffer,
      slot: k,
      // New memory for each worker: a chunk of a worker that died may still wait in the old.
      areas: areasMemory(),
      chunkBytes,
      inputs: packed,
      record: o.record,
    };
    const worker = startWorker(Worker, o.file, { ...o.init, chunked }, workers);
    started++;
    const slot: Slot = { k, worker, ready: false };
    slots[k] = slot;
    const lost = (why: string): void => {
      if (closed || slots[k] !== slot) return;
      slots[k] = undefined;
      const chunk = Atomics.load(control, slotWord(k, CURRENT));
      const on = Atomics.load(control, slotWord(k, ON));
      if (on >= 0) failed.set(on, why);
      adopt(chunk);
      if (!slot.ready) startFailures++;
      if (startFailures < MAX_START_FAILURES && Atomics.load(control, CLAIM) < chunks) spawn(k);
      wake();
    };
    /** Set when the worker sent garbage: it is being stopped. */
    let garbage = false;
    worker.on('message', (message: unknown) => {
      if (garbage) return;
      if (message === READY) {
        slot.ready = true;
        return;
      }
      if (isChunk(message, total)) {
        deliver(message, slot);
        return;
      }
      // A bug of the worker: it is stopped, and what it held is judged here. Its slot is given
      // to another worker only once it has stopped (its 'exit'): until then it runs, and would
      // take the slot's areas, emptied for the new worker, over chunks it posted and that wait
      // to be written.
      garbage = true;
      void worker.terminate();
    });
    // An uncaught exception ends the worker ('error', then 'exit'); process.exit or a crash only 'exit'.
    worker.on('error', (error: Error) => lost(`${error.name}: ${error.message}`));
    worker.on('exit', (code) =>
      lost(garbage ? 'it sent a message that is not a chunk of records' : `exit code ${code}`),
    );
  };

  /** A chunk nobody has and nobody will deliver: the next to write, held by no live worker. */
  const orphan = (): void => {
    if (turn >= chunks || waiting.has(turn) || Atomics.load(control, CLAIM) <= turn) return;
    for (const slot of slots) {
      const held = slot ? Atomics.load(control, slotWord(slot.k, CURRENT)) : -1;
      // A worker taking a chunk right now may be taking this one: looked at again later.
      if (held === turn || held === CLAIMING) return;
    }
    adopt(turn);
  };

  for (let k = 0; k < workers; k++) spawn(k);
  try {
    while (turn < chunks) {
      let chunk = adopted.shift();
      const area = busy.indexOf(false);
      if (chunk === undefined && area >= 0 && Atomics.load(control, CLAIM) < chunks) {
        const taken = Atomics.add(control, CLAIM, 1);
        if (taken < chunks) chunk = taken;
      }
      if (chunk === undefined) {
        await settled(STALL_MS);
        orphan();
        continue;
      }
      if (chunk < turn || waiting.has(chunk)) continue;
      // A chunk taken over from a worker is judged even when both areas hold chunks waiting to be
      // written: those may be waiting for this very chunk. Its bytes then get a buffer of their own.
      if (area >= 0) busy[area] = true;
      const recorder = new ChunkRecorder(o.run, area >= 0 ? areas[area] : undefined);
      const first = firstOf(chunk);
      const last = chunkRange(chunk, total)[1];
      let i = first;
      while (i < last) {
        // A slow reader of stdout: no new input until what is written has gone out.
        const full = o.drained?.();
        if (full) await full;
        const input = o.inputs[i]!;
        const why = failed.get(i);
        recorder.add(
          why === undefined ? await o.judgeHere(input) : workerFailed(input.file, why),
          i,
        );
        i++;
        // Records of megabytes: the chunk ends here, and is judged on from i (see deliver).
        if (recorder.size >= chunkBytes) break;
        // Lets the workers' chunks (and deaths) in: a message is a macrotask.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      deliver(recorder.take(chunk, area, first, i), undefined);
    }
  } finally {
    closed = true;
    Atomics.store(control, STOP, 1);
    for (const slot of slots) if (slot) Atomics.notify(control, slotWord(slot.k, FREED));
    await Promise.all(slots.flatMap((slot) => (slot ? [slot.worker.terminate()] : [])));
  }
  return { started };
}

/**
 * A worker's message is a chunk of this run of `total` inputs: its runs bytes or stderr lines, one
 * facts object an input (anything else is a bug of the worker: written, a run that is neither
 * ended the process; fewer facts, the counts were wrong).
 */
function isChunk(message: unknown, total: number): message is RenderedChunk {
  const m = message as Partial<RenderedChunk> | null;
  if (
    typeof m !== 'object' ||
    m === null ||
    !Number.isInteger(m.chunk) ||
    m.chunk! < 0 ||
    m.chunk! >= chunkCount(total) ||
    !Number.isInteger(m.area) ||
    m.area! < -1 ||
    m.area! >= CHUNKS_AHEAD ||
    !Array.isArray(m.runs) ||
    !Array.isArray(m.facts)
  )
    return false;
  const [start, last] = chunkRange(m.chunk!, total);
  // A worker's chunk starts at the chunk's first input and may end early (CHUNK_BYTES).
  return (
    m.first === start &&
    Number.isInteger(m.end) &&
    m.end! > start &&
    m.end! <= last &&
    m.facts.length === m.end! - start &&
    m.facts.every((f: unknown) => typeof f === 'object' && f !== null) &&
    m.runs.every(
      (r: unknown) =>
        r instanceof Uint8Array ||
        (typeof r === 'object' &&
          r !== null &&
          typeof (r as { stderr?: unknown }).stderr === 'string'),
    )
  );
}
