import type { WorkerInit } from '../../src/cli/pool.js';

/** What a WorkerPool hands its workers, for tests whose (fake) workers read none of it. */
export const POOL_INIT: WorkerInit = {
  options: {},
  namesGiven: true,
  password: undefined,
  passwordOrigin: undefined,
  timeoutMs: 1000,
  caCertificates: [],
};

/**
 * The source of a fake pool worker that speaks src/cli/worker.ts's protocol: "ready" first; then,
 * for each batch, every input counted in workerData.progress as it starts and one outcome per
 * input ('skipped', with `reason`) in one answer. `prelude` runs first (imports allowed: it is
 * placed before the protocol's own); `onInput` runs for each `input` before its outcome and may
 * throw or exit.
 */
export function fakeWorkerSource({
  prelude = '',
  onInput = '',
  reason = 'fake',
}: {
  prelude?: string;
  onInput?: string;
  reason?: string;
}): string {
  return `${prelude}
import { parentPort, workerData } from 'node:worker_threads';
const progress = new Int32Array(workerData.progress);
parentPort.postMessage('ready');
parentPort.on('message', (batch) => {
  const out = [];
  for (const input of batch) {
    Atomics.add(progress, 0, 1);
    ${onInput}
    out.push({ kind: 'skipped', file: input.file, reason: ${JSON.stringify(reason)} });
  }
  parentPort.postMessage(out);
});
`;
}

/**
 * The source of a fake worker of a chunked run (src/cli/chunkRun.ts) that speaks
 * src/cli/worker.ts's chunk protocol (src/cli/chunks.ts): "ready"; then, while an output area of
 * its own is free, it takes the next chunk, marks the area used, records each input it starts in
 * its slot and posts the chunk: for each input the line "<index> <file>\n" in the area and a
 * 'skipped' fact. `onInput` runs for each `input` (index `i`) before its line and may throw or
 * exit; `beforePost` runs before the chunk is posted and may `continue` (drop it) or return.
 * `layout` is chunks.ts's, computed by the caller (the fake cannot import TypeScript).
 */
export function fakeChunkWorkerSource({
  layout,
  onInput = '',
  beforePost = '',
}: {
  layout: {
    claim: number;
    stop: number;
    /** slotWord(slot, word) = base + stride × slot + word. */
    base: number;
    stride: number;
    current: number;
    on: number;
    freed: number;
    area: number;
    ahead: number;
    size: number;
    areaBytes: number;
  };
  onInput?: string;
  beforePost?: string;
}): string {
  return `import { parentPort, workerData } from 'node:worker_threads';
const L = ${JSON.stringify(layout)};
const { control: sab, slot, inputs, areas } = workerData.chunked;
const control = new Int32Array(sab);
const w = (word) => L.base + L.stride * slot + word;
const offsets = new Int32Array(inputs.offsets);
const input = (i) => JSON.parse(new TextDecoder().decode(new Uint8Array(inputs.bytes, offsets[i], offsets[i + 1] - offsets[i]).slice()));
const chunks = Math.ceil(inputs.count / L.size);
const encoder = new TextEncoder();
parentPort.postMessage('ready');
for (;;) {
  let a = -1;
  for (;;) {
    if (Atomics.load(control, L.stop) !== 0) process.exit(0);
    const seen = Atomics.load(control, w(L.freed));
    for (let k = 0; k < L.ahead && a < 0; k++) if (Atomics.load(control, w(L.area + k)) === 0) a = k;
    if (a >= 0) break;
    Atomics.wait(control, w(L.freed), seen, 1000);
  }
  const chunk = Atomics.add(control, L.claim, 1);
  if (chunk >= chunks) break;
  Atomics.store(control, w(L.current), chunk);
  Atomics.store(control, w(L.area + a), 1);
  const view = new Uint8Array(areas, a * L.areaBytes, L.areaBytes);
  let at = 0;
  const facts = [];
  for (let i = chunk * L.size; i < Math.min(inputs.count, (chunk + 1) * L.size); i++) {
    const { file } = input(i);
    Atomics.store(control, w(L.on), i);
    ${onInput}
    Atomics.store(control, w(L.on), -1);
    at += encoder.encodeInto(i + ' ' + file + '\\n', view.subarray(at)).written;
    facts.push({ kind: 'skipped', file, exitCode: 0 });
  }
  ${beforePost}
  const first = chunk * L.size;
  parentPort.postMessage({ chunk, first, end: first + facts.length, area: a, runs: [view.subarray(0, at)], facts });
  Atomics.store(control, w(L.current), -1);
}
`;
}
