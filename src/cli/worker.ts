// A judging worker of the pool (./pool.ts) or of a chunked run (./chunkRun.ts), built as
// dist/cli-worker.js. It never writes to stdout or stderr: what it judges goes back to the main
// thread, which writes it. For the pool: the outcomes of a batch, the JSON text of json / jsonl made
// and escaped here (by output/write.ts's own function) and sent as UTF-8 in one transferred buffer.
// For a chunked run: the chunk's records as they are to be written (output/stream.ts
// ChunkRecorder), in transferred buffers, and their facts.
import { parentPort, workerData } from 'node:worker_threads';
import type { CertificateInfo, SupOptions } from '../index.js';
import type { Input } from './inputs.js';
import { type JudgeContext, type Outcome, judge } from './judge.js';
import { type ChunkedInit, READY, type WorkerInit } from './pool.js';
import { type Prerendered, ChunkRecorder, packRendered, prerender } from './output/stream.js';
import { transferOf } from './output/write.js';
import {
  AREA,
  CHUNKS_AHEAD,
  CLAIM,
  CLAIMING,
  CURRENT,
  FREED,
  ON,
  STOP,
  areaView,
  chunkCount,
  chunkRange,
  slotWord,
  unpackInput,
} from './chunks.js';
import { styleOf } from './style.js';

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
async function judged(input: Input): Promise<Outcome> {
  try {
    return await judge(input, ctx);
  } catch (error) {
    return {
      kind: 'error',
      file: input.file,
      code: (error as { code?: string }).code ?? 'INTERNAL_ERROR',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

/** One input's outcome for the pool: for json / jsonl with its record's text. */
async function outcome(input: Input): Promise<Prerendered> {
  const o = await judged(input);
  return init.render ? prerender(o, init.render.format, init.render.failOn) : o;
}

/**
 * A chunked run: takes the next chunk (chunks.ts) when one of its output areas is free, judges its inputs in order (the input it is on in its slot: the main thread
 * blames that one if this worker dies), and posts the chunk's records. Ends when no chunk is left
 * or the main thread says stop.
 */
async function runChunks(chunked: ChunkedInit): Promise<void> {
  const control = new Int32Array(chunked.control);
  const { slot, inputs, record, areas } = chunked;
  const freed = slotWord(slot, FREED);
  const total = inputs.count;
  const chunks = chunkCount(total);
  const run = {
    ...record,
    textOptions: {
      style: styleOf(record.colour),
      verbose: record.verbose,
      failOn: record.failOn,
      at: record.at,
      skipNames: record.skipNames,
    },
  };
  /** A free output area, or -1. */
  const freeArea = (): number => {
    for (let a = 0; a < CHUNKS_AHEAD; a++)
      if (Atomics.load(control, slotWord(slot, AREA + a)) === 0) return a;
    return -1;
  };
  for (;;) {
    let area: number;
    for (;;) {
      if (Atomics.load(control, STOP) !== 0) return;
      const seen = Atomics.load(control, freed);
      area = freeArea();
      if (area >= 0) break;
      // Woken when the main thread has written one (or says stop); the timeout only re-reads STOP.
      Atomics.wait(control, freed, seen, 1000);
    }
    Atomics.store(control, slotWord(slot, CURRENT), CLAIMING);
    const chunk = Atomics.add(control, CLAIM, 1);
    Atomics.store(control, slotWord(slot, CURRENT), chunk < chunks ? chunk : -1);
    if (chunk >= chunks) return;
    Atomics.store(control, slotWord(slot, AREA + area), 1);
    const recorder = new ChunkRecorder(run, areaView(areas, area));
    const [start, last] = chunkRange(chunk, total);
    let end = start;
    while (end < last) {
      const input = unpackInput(inputs, end);
      Atomics.store(control, slotWord(slot, ON), end);
      // Its record is written before the input is let go: a worker that dies writing it blames it.
      recorder.add(await judged(input), end);
      Atomics.store(control, slotWord(slot, ON), -1);
      end++;
      // Records of megabytes: the chunk ends here, the main thread judges the rest.
      if (recorder.size >= chunked.chunkBytes) break;
    }
    const rendered = recorder.take(chunk, area, start, end);
    parentPort!.postMessage(rendered, transferOf(rendered.runs));
    Atomics.store(control, slotWord(slot, CURRENT), -1);
  }
}

if (init.chunked) {
  parentPort!.postMessage(READY);
  void runChunks(init.chunked);
} else {
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
}
