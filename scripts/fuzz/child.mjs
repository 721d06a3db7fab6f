/**
 * Fuzz child processes: the fuzz loop and every replay run in a forked process
 * (scripts/fuzz/worker.mjs), so that a native crash (abort, SIGSEGV, an OOM kill) or a hang ends
 * that process, not the fuzzer or the test run. Shared by the supervisor (scripts/fuzz.mjs) and
 * the regression replay (test/fuzz.test.ts).
 */
import { fork } from 'node:child_process';

export const WORKER_PATH = new URL('./worker.mjs', import.meta.url);
/** Heap of each child (MB): an input that needs more is an OOM crash finding, not a machine stall. */
export const CHILD_HEAP_MB = 2048;
const STDERR_TAIL = 16 * 1024;

/**
 * Forks worker.mjs and sends it `data` (structured clone, so Uint8Array travel as such).
 * Returns { child, stderr(): the last 16 KB it wrote to stderr, exited: Promise<{ code, signal }> }.
 */
export function forkWorker(data, { heapMb = CHILD_HEAP_MB, echoStderr = false } = {}) {
  const child = fork(WORKER_PATH, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    execArgv: [`--max-old-space-size=${heapMb}`, '--enable-source-maps'],
  });
  let tail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    if (echoStderr) process.stderr.write(chunk);
    tail = (tail + chunk).slice(-STDERR_TAIL);
  });
  const exited = new Promise((resolve) => {
    // 'close' comes after stderr is drained, so the tail holds the native message.
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  child.on('error', () => {
    /* reported through 'close' */
  });
  child.send({ type: 'start', data });
  return { child, stderr: () => tail, exited };
}

/** How a child ended, for notes: "signal SIGABRT", "exit code 134". */
export function describeExit({ code, signal }) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/**
 * A stable identity for a native crash: the node/V8 fatal message of its stderr with process ids,
 * addresses and numbers of the stack removed (e.g. "GetEcKeyDetail(...) at
 * ../src/crypto/crypto_ec.cc:989 | Assertion failed: (ec) != nullptr"), else the signal / code.
 */
export function crashSignature(stderr, exit) {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const picked = [];
  for (const l of lines) {
    if (
      /node\[\d+\]:/.test(l) ||
      /Assertion failed|FATAL ERROR|Fatal error|Check failed|out of memory|Segmentation fault/i.test(
        l,
      )
    ) {
      picked.push(
        l
          .replace(/^#\s*/, '')
          .replace(/node\[\d+\]/, 'node')
          .replace(/0x[0-9a-f]+/gi, '0x'),
      );
    }
    if (picked.length >= 2) break;
  }
  return picked.length ? picked.join(' | ') : describeExit(exit);
}

/**
 * Replays `input` through `runs` ([{ target, aux }]) in a fresh child on the library at distUrl
 * (`browser`: the browser bundle, given the page's global `self`; and the CLI's writers at renderUrl, scripts/fuzz/render.mjs, when given),
 * each run within `timeoutMs` (the child is killed after it). Resolves to
 * { results: [{ target, aux, ms, violations: [{ stage, error }] }], hang?: { target, aux, ms },
 *   crash?: { target, aux, code, signal, stderr, signature } } — results of the runs that finished.
 */
export function replayInChild({
  distUrl,
  browser = false,
  renderUrl,
  checkOutput = false,
  input,
  runs,
  warmup = [],
  timeoutMs,
  startMs = 30000,
  heapMb,
}) {
  return new Promise((resolve) => {
    const w = forkWorker(
      { mode: 'replay', distUrl, browser, renderUrl, checkOutput, input, runs, warmup },
      { heapMb },
    );
    const results = [];
    let current = -1;
    let verdict = null;
    let timer = setTimeout(
      () =>
        stop({
          hang: {
            target: 'start',
            aux: {},
            ms: startMs,
            why: `the replay process did not start within ${startMs} ms`,
          },
        }),
      startMs,
    );
    function stop(v) {
      if (verdict) return;
      verdict = v;
      clearTimeout(timer);
      w.child.kill('SIGKILL');
    }
    w.child.on('message', (m) => {
      if (m.type === 'begin') {
        current = m.index;
        clearTimeout(timer);
        timer = setTimeout(
          () =>
            stop({
              hang: { ...runs[current], ms: timeoutMs, why: `no result within ${timeoutMs} ms` },
            }),
          timeoutMs,
        );
      } else if (m.type === 'replayed') {
        clearTimeout(timer);
        results.push({ ...runs[m.index], ms: m.ms, violations: m.violations });
        current = -1;
      } else if (m.type === 'done') {
        verdict = {};
        clearTimeout(timer);
      } else if (m.type === 'fatal') {
        stop({ fatal: m.error });
      }
    });
    w.exited.then((exit) => {
      clearTimeout(timer);
      if (!verdict) {
        const stderr = w.stderr();
        const run = current >= 0 ? runs[current] : { target: 'start', aux: {} };
        verdict = {
          crash: {
            ...run,
            code: exit.code,
            signal: exit.signal,
            stderr,
            signature: crashSignature(stderr, exit),
          },
        };
      }
      resolve({ results, ...verdict });
    });
  });
}
