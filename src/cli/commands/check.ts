import { DEFAULT_LIMITS, type SupOptions, describeRules } from '../../index.js';
import { resolveOptions } from '../../sup/resolveOptions.js';
import type { CheckArgs } from '../args.js';
import { InputError, describeError } from '../errors.js';
import { cliMessage } from '../optionNames.js';
import { readOptionFiles } from '../optionFiles.js';
import { checkNamesWith } from '../names.js';
import { expandInputs } from '../inputs.js';
import { type JudgeContext, type Outcome, judge } from '../judge.js';
import type { Input } from '../inputs.js';
import type { WorkerInit, WorkerPool } from '../pool.js';
import { type Safe, cut, t } from '../output/clean.js';
import { clearProgress, drained, writeProgress } from '../output/write.js';
import { OutputSink, holdOutcomes, streams } from '../output/stream.js';
import { passwordSource } from '../password.js';
import { styleFor } from '../style.js';

/** "[3/12] file" on stderr while many inputs are judged; only on a terminal, cleared before anything else is written. */
function progressBar(total: number): { show(i: number, file: string): void; clear(): void } {
  const on = total > 5 && process.stderr.isTTY === true;
  let shown = false;
  return {
    show(i, file) {
      if (!on) return;
      const columns = process.stderr.columns || 80;
      const line: Safe = t`[${i + 1}/${total}] ${file}`;
      writeProgress(cut(line, columns - 1));
      shown = true;
    },
    clear() {
      if (shown) clearProgress();
      shown = false;
    },
  };
}

/** Inputs judged at once beyond the next one to be written (endpoints connecting, files in workers). */
export const ENDPOINT_CONCURRENCY = 32;

/**
 * Inputs this thread may judge beyond what the workers hold and the next one to be written
 * (~15 ms of files): room to go on while a worker collects garbage.
 */
const THREAD_AHEAD = 96;

/** Files below this many are judged in this thread: starting a worker costs more than it saves. */
const POOL_THRESHOLD = 8;

/**
 * Workers for this run besides this thread (--jobs N: N - 1; default os.availableParallelism(),
 * at most 8), or 0: --jobs 1, fewer than {@link POOL_THRESHOLD} files, or a PFX password that may
 * have to be typed (the prompt lives in this thread).
 */
async function workersFor(
  args: CheckArgs,
  inputs: readonly Input[],
  ctx: JudgeContext,
): Promise<number> {
  const files = inputs.filter((i) => i.kind === 'file' && !i.stdin).length;
  // Checked first: the common one-file run loads nothing more.
  if (files < POOL_THRESHOLD || args.jobs === 1) return 0;
  const { availableParallelism } = await import('node:os');
  const jobs = args.jobs ?? Math.min(8, availableParallelism());
  if (jobs < 2) return 0;
  if (ctx.passwords.given === undefined && process.stdin.isTTY === true) return 0;
  return Math.min(jobs - 1, files);
}

/** What every worker is started with: the judging context, cloned (the password included, never printed). */
function workerInit(ctx: JudgeContext): WorkerInit {
  return {
    options: ctx.options,
    namesGiven: ctx.namesGiven,
    password: ctx.passwords.given,
    passwordOrigin: ctx.passwords.origin,
    timeoutMs: ctx.timeoutMs,
    caCertificates: ctx.caCertificates,
    ...(ctx.probe ? { probe: ctx.probe } : {}),
    ...(ctx.online ? { online: true } : {}),
  };
}

/** The worker's code, next to this bundle. */
const WORKER_FILE = (): URL => new URL('./cli-worker.js', import.meta.url);

/** The worker pool for a run that is not chunked (see {@link runCheck}). */
async function poolFor(args: CheckArgs, workers: number, ctx: JudgeContext): Promise<WorkerPool> {
  const { WorkerPool } = await import('../pool.js');
  return WorkerPool.create(WORKER_FILE(), workers, {
    ...workerInit(ctx),
    ...((args.format === 'json' && args.jsonShape === 'v2') || args.format === 'jsonl'
      ? { render: { format: args.format, failOn: args.failOn } }
      : {}),
  });
}

/**
 * Judges every input and hands each outcome to `emit` in INPUT ORDER (`i`: its index), whatever
 * order they finish in. Files go to the pool when there is one, else are judged here one at a
 * time; endpoints connect concurrently. At most `window` inputs are in flight or waiting for an
 * earlier one, and no input starts while stdout or stderr is full (back-pressure of a slow pipe),
 * so memory is bounded by the window, not by the number of inputs.
 *
 * @throws the first UsageError or Interrupted from judging (the run stops, as before).
 */
export async function judgeAll(
  inputs: readonly Input[],
  ctx: JudgeContext,
  pool: (Pick<WorkerPool, 'run'> & { readonly hasRoom?: boolean }) | undefined,
  emit: (outcome: Outcome, i: number) => void,
  window = ENDPOINT_CONCURRENCY,
): Promise<void> {
  const waiting = new Map<number, Outcome>();
  let next = 0;
  let fatal: { error: unknown } | undefined;
  let wake: () => void = () => {};
  const done = (i: number, outcome: Outcome): void => {
    // After a fatal error nothing more is written: the run has stopped (a worker may answer, or
    // be stopped by close(), after it).
    if (fatal) return;
    waiting.set(i, outcome);
    holdOutcomes(1);
    while (waiting.has(next)) {
      const o = waiting.get(next)!;
      waiting.delete(next);
      holdOutcomes(-1);
      emit(o, next++);
    }
    wake();
  };
  const settled = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
  /** Judges an input in this thread; a UsageError or Interrupted stops the run. */
  const judgeHere = async (i: number, input: Input): Promise<void> => {
    try {
      done(i, await judge(input, ctx));
    } catch (error) {
      fatal ??= { error };
    }
  };
  for (const [i, input] of inputs.entries()) {
    while (i - next >= window && !fatal) await settled();
    // A slow reader of stdout: no new input until what is written has gone out (write.ts drained).
    const full = drained();
    if (full) await full;
    if (fatal) break;
    if (input.kind === 'file' && pool && !input.stdin) {
      if (pool.hasRoom !== false) {
        void pool.run(input).then((o) => done(i, o));
        continue;
      }
      // The workers have all they can take: this thread judges the file (no prompt: a pool is
      // made only when none can be asked for), then lets their answers in (a macrotask: a
      // worker's message is not handled while this loop runs from microtasks).
      await judgeHere(i, input);
      await new Promise<void>((resolve) => setImmediate(resolve));
    } else if (input.kind === 'url') {
      void judge(input, ctx).then(
        (o) => done(i, o),
        (error: unknown) => ((fatal ??= { error }), wake()),
      );
    } else {
      // A file here may ask for a password: one at a time, in order.
      while (next < i && !fatal) await settled();
      if (fatal) break;
      await judgeHere(i, input);
    }
  }
  while (next < inputs.length && !fatal) await settled();
  if (fatal) throw fatal.error;
}

/** The names check of a --targets line: the library's own (resolveOptions), its message in the CLI's words. */
function lineNamesProblem(names: string): string | undefined {
  try {
    resolveOptions({ names });
    return undefined;
  } catch (error) {
    const e = describeError(error);
    if (!e) throw error;
    return cliMessage(e.message);
  }
}

export async function runCheck(args: CheckArgs): Promise<number> {
  checkNamesWith(args.options, 'check', resolveOptions);
  let bar = progressBar(0);
  const passwords = passwordSource(args.password, process.env, () => bar.clear());
  const { options: fromFiles, caCertificates } = await readOptionFiles(args);
  // One evaluation time for every input, and the text report's "days left" agrees with it.
  const at = args.options.at ?? new Date();
  const options: SupOptions = { ...args.options, at, ...fromFiles };
  const namesGiven = args.namesGiven || args.options.skipNames === true;
  const ctx: JudgeContext = {
    options,
    namesGiven,
    passwords,
    timeoutMs: args.timeoutMs,
    caCertificates,
    probe: args.probe,
    online: args.online,
  };

  const { inputs, single } = await expandInputs(args.inputs);
  if (args.targets !== undefined) {
    const { readTargets } = await import('../targets.js');
    try {
      for (const target of await readTargets(
        args.targets,
        lineNamesProblem,
        namesGiven,
        DEFAULT_LIMITS.maxInputBytes,
      ))
        inputs.push(target);
    } catch (error) {
      if (error instanceof InputError) throw error;
      const e = describeError(error);
      if (!e) throw error;
      throw new InputError(args.targets, e.code, e.message);
    }
  }

  const textOptions = {
    style: styleFor(process.stdout, args.noColor),
    verbose: args.verbose,
    failOn: args.failOn,
    skipNames: args.options.skipNames === true,
    at,
  };
  // The version is read from package.json only for the formats that print it.
  const version =
    args.format === 'json' || args.format === 'jsonl'
      ? (await import('../version.js')).packageVersion()
      : '';
  const sink = new OutputSink({
    format: args.format,
    jsonShape: args.jsonShape,
    failOn: args.failOn,
    single: single && args.targets === undefined,
    textOptions,
    warningDays: args.options.expiryWarningDays ?? 30 /* the library's default (resolveOptions) */,
    version,
    inputs: args.targets === undefined ? args.inputs : [...args.inputs, args.targets],
  });
  bar = progressBar(inputs.length);
  const workers = await workersFor(args, inputs, ctx);
  if (inputs.length > 0) bar.show(0, inputs[0]!.file);
  // Chunked (chunkRun.ts): the workers write the records too, this thread only puts the chunks in
  // order. For the streamed formats on files only: an https:// input is judged here (its
  // connections overlap), and sarif and json v1 are one document made of every outcome.
  if (
    workers > 0 &&
    streams(sink.run) &&
    inputs.every((i) => i.kind !== 'url' && !(i.kind === 'file' && i.stdin))
  ) {
    const { runChunked } = await import('../chunkRun.js');
    try {
      await runChunked({
        inputs,
        workers,
        file: WORKER_FILE(),
        init: workerInit(ctx),
        record: {
          format: args.format,
          jsonShape: args.jsonShape,
          failOn: args.failOn,
          warningDays: sink.run.warningDays,
          colour: textOptions.style.enabled,
          verbose: textOptions.verbose,
          skipNames: textOptions.skipNames,
          at,
        },
        run: sink.run,
        judgeHere: (input) => judge(input, ctx),
        emit: (chunk, next, written) => {
          bar.clear();
          sink.addChunk(chunk, written);
          if (next < inputs.length) bar.show(next, inputs[next]!.file);
        },
        drained,
      });
    } finally {
      bar.clear();
    }
  } else {
    const pool = workers > 0 ? await poolFor(args, workers, ctx) : undefined;
    try {
      await judgeAll(
        inputs,
        ctx,
        pool,
        (outcome, i) => {
          bar.clear();
          sink.add(outcome, i);
          if (i + 1 < inputs.length) bar.show(i + 1, inputs[i + 1]!.file);
        },
        // Twice what the workers hold (one that is ahead does not wait for a slower one's batch),
        // and THREAD_AHEAD more for this thread, which judges too: it goes on while a worker is in
        // a garbage collection pause (with 32 in all at --jobs 2 it waited, ~1.7 of 2 cores busy).
        pool ? 2 * pool.capacity + THREAD_AHEAD : ENDPOINT_CONCURRENCY,
      );
    } finally {
      bar.clear();
      await pool?.close();
    }
  }
  const { formatSarif } =
    args.format === 'sarif' ? await import('../output/sarif.js') : { formatSarif: undefined };
  return sink.finish(describeRules, formatSarif);
}
