#!/usr/bin/env node
// What this machine gives two threads, for the scale benchmark (scripts/bench-scale.mjs):
//   node scripts/scale-ceiling.mjs THREADS [UNITS]
// runs UNITS units of pure-JS work (objects built, JSON.stringify and JSON.parse: allocation and
// garbage like judging a certificate, no I/O, no messages but one at the end) split evenly over
// THREADS worker threads, and prints the wall milliseconds. One thread pinned to one CPU against
// two threads shows the ceiling of any two-thread speed-up on this machine (shared caches, memory
// bandwidth, a host's hyper-threads, V8's own threads).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

function work(units) {
  let sum = 0;
  for (let u = 0; u < units; u++) {
    const o = { list: [], name: `${'x'.repeat(50)}${u}` };
    for (let i = 0; i < 200; i++)
      o.list.push({ i, text: `v${i}-${u}`, at: new Date(i * 1000).toISOString() });
    const json = JSON.stringify(o);
    sum = (sum + json.length + JSON.parse(json).list.length) | 0;
  }
  return sum;
}

if (!isMainThread) {
  parentPort.postMessage(work(workerData));
} else {
  const threads = Number(process.argv[2] ?? 1);
  const units = Number(process.argv[3] ?? 16000);
  const t0 = performance.now();
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: units / threads });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  console.log(Math.round(performance.now() - t0));
}
