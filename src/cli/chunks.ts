import type { Input } from './inputTypes.js';

/*
 * Chunked parallel judging (check --jobs N on files, in a streamed format): the inputs are cut
 * into chunks of CHUNK_SIZE consecutive inputs; this thread and each worker take the next chunk
 * not yet taken (an atomic counter in shared memory: no message, nobody waits for this thread to
 * hand out work), judge it, write its records into one buffer (output/stream.ts ChunkRecorder)
 * and, in a worker, post the buffer (transferred, not copied) with the records' small facts. This
 * thread writes the chunks in order, each in a few writes. Against one message per few inputs
 * with their outcomes, ordered and written one by one here, this thread's share of the work is
 * one message and one write per chunk.
 *
 * The shared memory (an Int32Array) holds the counter of chunks taken, a stop flag, and for each
 * worker its slot: the chunk it is judging (-1: none), the input it is on (-1: between inputs) and
 * which of its CHUNKS_AHEAD output areas hold a chunk waiting to be written. A worker writes a
 * chunk's bytes into a free area of its own shared output memory (reused: no new memory a chunk)
 * and takes no chunk while none is free: the chunks held in memory are bounded whatever the
 * number of inputs (a slow reader of stdout slows the workers down, it does not fill memory).
 * When a worker dies, its slot says which chunk was lost and which input it was on: this thread
 * judges that chunk again, the input it was on reported as WORKER_FAILED.
 *
 * Imported by the worker (worker.ts) and by this thread (chunkRun.ts): no node:worker_threads here.
 */

/** Inputs a chunk: ~20 ms of PEM files; 128 JSON Lines records are ~1.4 MB. */
export const CHUNK_SIZE = 128;

/** Chunks of a worker that may wait to be written before it takes another (its output areas). */
export const CHUNKS_AHEAD = 2;

/**
 * Bytes of records after which a chunk ends early (the main thread judges the rest of it, writing
 * each record as it goes). Without it a thread held up to 3 chunks of 128 records whatever their
 * size: 300 files of 2 MB records peaked at 799 MB at --jobs 2 (168 MB at --jobs 1).
 */
export const CHUNK_BYTES = 16 * 1024 * 1024;

/** Bytes of one output area: a chunk's records are written there (~1.4 MB of JSON Lines). */
export const AREA_BYTES = 4 * 1024 * 1024;

/** Word of the shared memory: the next chunk to take (Atomics.add). */
export const CLAIM = 0;
/** Word of the shared memory: 1 once the run is over or stopped (workers take no more chunks). */
export const STOP = 1;
const SLOTS_AT = 2;
/** Offsets in a worker's slot: the chunk it judges, the input it is on (-1: none). */
export const CURRENT = 0;
export const ON = 1;
/**
 * CURRENT while a worker takes a chunk (before the counter's add, until it stores the chunk): this
 * thread's search for a chunk nobody holds waits for it rather than take the same chunk.
 */
export const CLAIMING = -2;
/** Offset in a worker's slot: counts the areas this thread has freed (a worker waits on it). */
export const FREED = 2;
/** Offset in a worker's slot of area a's word: 1 while a chunk in it waits to be written. */
export const AREA = 3;
const SLOT_WORDS = AREA + CHUNKS_AHEAD;

/** The shared memory for `slots` workers, every slot empty. */
export function controlFor(slots: number): Int32Array {
  const control = new Int32Array(new SharedArrayBuffer(4 * (SLOTS_AT + SLOT_WORDS * slots)));
  for (let k = 0; k < slots; k++) clearSlot(control, k);
  return control;
}

/** The index of word `word` of slot `k`. */
export const slotWord = (k: number, word: number): number => SLOTS_AT + SLOT_WORDS * k + word;

/** Empties slot `k` (before a new worker gets it). */
export function clearSlot(control: Int32Array, k: number): void {
  Atomics.store(control, slotWord(k, CURRENT), -1);
  Atomics.store(control, slotWord(k, ON), -1);
  for (let a = 0; a < CHUNKS_AHEAD; a++) Atomics.store(control, slotWord(k, AREA + a), 0);
}

/** The output areas of one worker: CHUNKS_AHEAD × AREA_BYTES of shared memory. */
export const areasMemory = (): SharedArrayBuffer =>
  new SharedArrayBuffer(CHUNKS_AHEAD * AREA_BYTES);

/** Area `a` of an areas memory. */
export const areaView = (memory: ArrayBufferLike, a: number): Uint8Array =>
  new Uint8Array(memory, a * AREA_BYTES, AREA_BYTES);

/** Chunks of a run of `total` inputs. */
export const chunkCount = (total: number): number => Math.ceil(total / CHUNK_SIZE);

/** The inputs of chunk `c`: [start, end). */
export const chunkRange = (c: number, total: number): [number, number] => [
  c * CHUNK_SIZE,
  Math.min(total, (c + 1) * CHUNK_SIZE),
];

/**
 * The run's inputs in shared memory, read by every worker without a copy each: each input's JSON
 * (UTF-8; JSON.stringify escapes a lone surrogate, so a path comes back as it was) and where it
 * starts. A path given as bytes (`rawPath`) is a list of numbers there.
 */
export interface PackedInputs {
  bytes: SharedArrayBuffer;
  /** Int32 offsets into `bytes`: input i is [offsets[i], offsets[i + 1]). */
  offsets: SharedArrayBuffer;
  count: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const toJson = (input: Input): string =>
  JSON.stringify(
    input.kind === 'file' && input.rawPath ? { ...input, rawPath: [...input.rawPath] } : input,
  );

/** Packs the inputs for {@link unpackInput}. */
export function packInputs(inputs: readonly Input[]): PackedInputs {
  const texts = inputs.map(toJson);
  let size = 0;
  for (const text of texts) size += Buffer.byteLength(text);
  const bytes = new SharedArrayBuffer(size);
  const view = new Uint8Array(bytes);
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (inputs.length + 1)));
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    offsets[i] = at;
    at += encoder.encodeInto(texts[i]!, view.subarray(at)).written;
  }
  offsets[inputs.length] = at;
  return { bytes, offsets: offsets.buffer, count: inputs.length };
}

/** Input `i` of packed inputs. */
export function unpackInput(packed: PackedInputs, i: number): Input {
  const offsets = new Int32Array(packed.offsets);
  // TextDecoder does not take a view of shared memory: the input's bytes are copied out first.
  const text = decoder.decode(
    new Uint8Array(packed.bytes, offsets[i], offsets[i + 1]! - offsets[i]!).slice(),
  );
  const input = JSON.parse(text) as Input & { rawPath?: number[] | Uint8Array };
  if (input.kind === 'file' && Array.isArray(input.rawPath))
    input.rawPath = Uint8Array.from(input.rawPath);
  return input;
}
