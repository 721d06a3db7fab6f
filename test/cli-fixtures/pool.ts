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
