import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AREA,
  AREA_BYTES,
  CHUNKS_AHEAD,
  CHUNK_SIZE,
  CLAIM,
  CURRENT,
  FREED,
  ON,
  STOP,
  packInputs,
  slotWord,
  unpackInput,
} from '../src/cli/chunks.js';
import type { RenderedChunk } from '../src/cli/output/stream.js';
import { OVERFLOW_TEXT, OutputRuns } from '../src/cli/output/write.js';
import { Safe } from '../src/cli/output/clean.js';
import type { Input } from '../src/cli/inputTypes.js';
import { styleOf } from '../src/cli/style.js';
import { POOL_INIT, fakeChunkWorkerSource } from './cli-fixtures/pool.js';
import {
  AT,
  NAMES,
  PFX_PASSWORD,
  ROOT,
  SUP,
  assertBuilt,
  runCli,
  tempDir,
} from './cli-fixtures/run.js';

/*
 * Chunked parallel judging (check --jobs N on files in a streamed format: src/cli/chunks.ts,
 * chunkRun.ts): the same output as one thread, byte for byte; the chunks in order whatever
 * finishes first; a worker that dies or loses a chunk loses no input; memory bounded by the
 * output areas whatever the speed of stdout.
 */

const tmp = tempDir();
const rel = (...parts: string[]): string => path.join(tmp.dir, ...parts);
afterAll(tmp.remove);

const LAYOUT = {
  claim: CLAIM,
  stop: STOP,
  base: slotWord(0, 0),
  stride: slotWord(1, 0) - slotWord(0, 0),
  current: CURRENT,
  on: ON,
  freed: FREED,
  area: AREA,
  ahead: CHUNKS_AHEAD,
  size: CHUNK_SIZE,
  areaBytes: AREA_BYTES,
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const files = (n: number): Input[] =>
  Array.from({ length: n }, (_, i) => ({
    kind: 'file' as const,
    file: `f${i}`,
    fromDirectory: true,
  }));

const RUN = {
  format: 'jsonl' as const,
  jsonShape: 'v2' as const,
  failOn: 'error' as const,
  warningDays: 30,
};

/** A run of `inputs` with fake workers of `source`; this thread's judging waits `hereMs` first. */
async function chunkedRun(
  inputs: Input[],
  source: string,
  {
    workers = 2,
    hereMs = 0,
    writeMs = 0,
  }: { workers?: number; hereMs?: number; writeMs?: number } = {},
) {
  const { runChunked } = await import('../src/cli/chunkRun.js');
  const { retention } = await import('../src/cli/output/stream.js');
  retention.now = 0;
  retention.max = 0;
  const file = rel(`fake-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  const emitted: RenderedChunk[] = [];
  const text: string[] = [];
  let unwritten = 0;
  let maxUnwritten = 0;
  let first = true;
  const { started } = await runChunked({
    inputs,
    workers,
    file,
    init: POOL_INIT,
    record: { ...RUN, colour: false, verbose: false, skipNames: true, at: new Date(AT) },
    run: {
      ...RUN,
      textOptions: {
        style: styleOf(false),
        verbose: false,
        failOn: 'error',
        at: new Date(AT),
        skipNames: true,
      },
    },
    judgeHere: async (input) => {
      if (first && hereMs > 0) await sleep(hereMs);
      first = false;
      return { kind: 'skipped', file: input.file, reason: 'judged here' };
    },
    emit: (chunk, _next, written) => {
      emitted.push(chunk);
      // The bytes are read now: the area is used again once written() is called.
      for (const r of chunk.runs)
        if (r instanceof Uint8Array) text.push(Buffer.from(r).toString('utf8'));
      unwritten++;
      maxUnwritten = Math.max(maxUnwritten, unwritten);
      const done = (): void => {
        unwritten--;
        written();
      };
      if (writeMs > 0) setTimeout(done, writeMs);
      else done();
    },
  });
  return { emitted, text: text.join(''), started, maxUnwritten, retained: retention.max };
}

/** The input index of every record line written ("<i> <file>" by a fake, a JSON Lines record here). */
function indexes(text: string): number[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) =>
      line.startsWith('{')
        ? (JSON.parse(line) as { index: number }).index
        : Number(line.split(' ')[0]),
    );
}

describe('packed inputs (shared with the workers)', () => {
  it('come back as they were: a lone surrogate in a path, a raw path, per-line names, errors', () => {
    const inputs: Input[] = [
      { kind: 'file', file: 'a\ud800b.pem', fromDirectory: true },
      {
        kind: 'file',
        file: 'x\ufffd.pem',
        fromDirectory: true,
        rawPath: new Uint8Array([120, 0xff]),
      },
      { kind: 'file', file: 'n.pem', fromDirectory: false, names: 'sup01&sup01.example.com' },
      { kind: 'error', file: 'gone', code: 'ENOENT', message: 'no such file' },
      { kind: 'skipped', file: 'big', reason: 'too large' },
    ];
    const packed = packInputs(inputs);
    expect(inputs.map((_, i) => unpackInput(packed, i))).toEqual(inputs);
    expect(unpackInput(packed, 1)).toMatchObject({ rawPath: new Uint8Array([120, 0xff]) });
  });
});

describe('OutputRuns: the bytes of a chunk in a reused area, the rest in a buffer of its own', () => {
  it('keeps stdout and stderr in order, and writes what does not fit the area after what does', () => {
    const area = new Uint8Array(16);
    const out = new OutputRuns(area);
    out.text('stdout', Safe.of('0123456789\n'));
    out.text('stderr', Safe.of('note\n'));
    out.text('stdout', Safe.of('abcdef€ghij\n'));
    out.text('stdout', Safe.of('tail\n'));
    const runs = out.take();
    const shown = runs.map((r) =>
      r instanceof Uint8Array ? `out:${Buffer.from(r).toString('utf8')}` : `err:${r.stderr}`,
    );
    expect(shown.join('')).toBe('out:0123456789\nerr:note\nout:abcdeout:f€ghij\ntail\n');
    // The first runs are views of the area; the overflow is a buffer of its own (transferable).
    expect((runs[0] as Uint8Array).buffer).toBe(area.buffer);
    expect((runs[3] as Uint8Array).buffer).not.toBe(area.buffer);
  });
});

describe('OutputRuns: a chunk of large records', () => {
  it('holds at most OVERFLOW_TEXT characters as text: the rest is bytes already, in order', () => {
    const area = new Uint8Array(1000);
    const out = new OutputRuns(area);
    // 40 records of 100,000 characters (~4 MB): a worker's heap must not hold them as text.
    const record = (i: number): string => `${String(i).padStart(6, '0')}${'é'.repeat(99_993)}\n`;
    for (let i = 0; i < 40; i++) {
      out.text('stdout', Safe.of(record(i)));
      if (i === 20) out.text('stderr', Safe.of('note\n'));
    }
    const runs = out.take();
    const text = runs
      .map((r) => (r instanceof Uint8Array ? Buffer.from(r).toString('utf8') : `<${r.stderr}>`))
      .join('');
    const expected = Array.from({ length: 40 }, (_, i) => record(i) + (i === 20 ? '<note\n>' : ''));
    expect(text).toBe(expected.join(''));
    // Encoded as it came: no run holds much more than OVERFLOW_TEXT characters' worth.
    for (const r of runs)
      if (r instanceof Uint8Array)
        expect(r.byteLength).toBeLessThanOrEqual(3 * (OVERFLOW_TEXT + 100_000));
    expect(runs.filter((r) => r instanceof Uint8Array).length).toBeGreaterThan(2);
  });
});

describe('runChunked: this thread and the workers, chunks in order', () => {
  it('every input once, in order, over many chunks; the workers took some', async () => {
    const n = CHUNK_SIZE * 9 + 17;
    const r = await chunkedRun(files(n), fakeChunkWorkerSource({ layout: LAYOUT }), {
      hereMs: 300,
    });
    expect(indexes(r.text)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(r.emitted.map((c) => c.chunk)).toEqual(Array.from({ length: 10 }, (_, c) => c));
    expect(r.emitted.flatMap((c) => c.facts.map((f) => f.file))).toEqual(
      files(n).map((i) => i.file),
    );
    // Lines "<i> <file>" come from the fakes, JSON records from this thread: both judged.
    expect(r.text).toMatch(/^\d+ f\d+$/m);
    expect(r.text).toMatch(/^\{"type":"result"/m);
  }, 30_000);

  it('a worker that dies or throws: the input it was on is WORKER_FAILED, its chunk judged here, a worker started in its place', async () => {
    const n = CHUNK_SIZE * 5;
    const source = fakeChunkWorkerSource({
      layout: LAYOUT,
      onInput: `if (file === 'f300') process.exit(7);
        if (file === 'f450') throw new Error('boom in a worker');`,
    });
    // This thread holds chunk 0 for a while: the workers take chunks 1–4 (2 each) meanwhile.
    const r = await chunkedRun(files(n), source, { hereMs: 1500 });
    const lines = r.text.split('\n').filter(Boolean);
    expect(indexes(r.text)).toEqual(Array.from({ length: n }, (_, i) => i));
    const failed = lines
      .filter((l) => l.includes('WORKER_FAILED'))
      .map((l) => (JSON.parse(l) as { index: number; input: string }).input);
    expect(failed).toEqual(['f300', 'f450']);
    expect(lines.find((l) => l.includes('WORKER_FAILED') && l.includes('f300'))).toContain(
      'exit code 7',
    );
    expect(r.started).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it("a worker that dies on the chunk everything waits for, while both of this thread's output areas hold later chunks: that chunk is judged here anyway", async () => {
    const n = CHUNK_SIZE * 6;
    const source = fakeChunkWorkerSource({
      layout: LAYOUT,
      // The worker takes chunk 1 (this thread holds chunk 0), and dies on it once this thread
      // has judged chunks 2 and 3 (both its areas then wait for chunk 1 to be written).
      onInput: `if (i === L.size) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500); process.exit(9); }`,
    });
    const r = await chunkedRun(files(n), source, { workers: 1, hereMs: 300 });
    expect(indexes(r.text)).toEqual(Array.from({ length: n }, (_, i) => i));
    const failed = r.text
      .split('\n')
      .filter((l) => l.includes('WORKER_FAILED'))
      .map((l) => (JSON.parse(l) as { input: string }).input);
    expect(failed).toEqual([`f${CHUNK_SIZE}`]);
  }, 30_000);

  it('a chunk a worker took and never posted is found and judged here: nothing is lost', async () => {
    const n = CHUNK_SIZE * 4;
    const source = fakeChunkWorkerSource({
      layout: LAYOUT,
      // Chunk 2 is dropped silently (the slot says the worker holds nothing).
      beforePost: `if (chunk === 2) { Atomics.store(control, w(L.current), -1); continue; }`,
    });
    const r = await chunkedRun(files(n), source, { hereMs: 300 });
    expect(indexes(r.text)).toEqual(Array.from({ length: n }, (_, i) => i));
    // Chunk 2 was judged here (JSON records), not by a fake.
    const chunk2 = r.text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { index: number }).index)
      .filter((i) => i >= 2 * CHUNK_SIZE && i < 3 * CHUNK_SIZE);
    expect(chunk2).toHaveLength(CHUNK_SIZE);
  }, 30_000);

  it('a worker that posts a chunk with garbage in it: the run goes on, that chunk is judged here, nothing lost or counted twice', async () => {
    const n = CHUNK_SIZE * 4;
    const cases = [
      // A run that is neither bytes nor a stderr line.
      `if (chunk === 2) { parentPort.postMessage({ chunk, area: a, runs: [42, { stderr: 7 }], facts }); Atomics.store(control, w(L.current), -1); continue; }`,
      // Fewer facts than the chunk has inputs (the counts would be wrong).
      `if (chunk === 2) { parentPort.postMessage({ chunk, area: a, runs: [view.subarray(0, at)], facts: facts.slice(1) }); Atomics.store(control, w(L.current), -1); continue; }`,
    ];
    // A worker that goes on after it sent garbage (until it is stopped), taking its areas as soon
    // as they are free: the chunk it posted before (chunk 1, waiting for this thread's chunk 0) is
    // still to be written from one of them.
    cases.push(`if (chunk === 2) {
      parentPort.postMessage('garbage');
      for (;;) {
        let free = 0;
        for (let k = 0; k < L.ahead; k++) if (Atomics.load(control, w(L.area + k)) === 0) free++;
        if (free === L.ahead) {
          for (let k = 0; k < L.ahead; k++) new Uint8Array(areas, k * L.areaBytes, L.areaBytes).fill(0x58);
          break;
        }
      }
    }`);
    for (const beforePost of cases) {
      const r = await chunkedRun(files(n), fakeChunkWorkerSource({ layout: LAYOUT, beforePost }), {
        workers: 1,
        hereMs: 300,
      });
      expect(indexes(r.text)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(r.emitted.flatMap((c) => c.facts.map((f) => f.file))).toEqual(
        files(n).map((i) => i.file),
      );
    }
  }, 30_000);

  it('no more workers than chunks besides the one this thread takes: a worker with none to take is not started', async () => {
    for (const [n, expected] of [
      [CHUNK_SIZE, 0],
      [CHUNK_SIZE + 1, 1],
      [CHUNK_SIZE * 3, 2],
    ] as const) {
      const r = await chunkedRun(files(n), fakeChunkWorkerSource({ layout: LAYOUT }), {
        workers: 7,
      });
      expect(indexes(r.text)).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(r.started, `${n} inputs`).toBe(expected);
    }
  }, 30_000);

  it('workers that never start: a few replacements, then this thread judges every input', async () => {
    const r = await chunkedRun(files(CHUNK_SIZE * 3), 'process.exit(3);');
    expect(indexes(r.text)).toEqual(Array.from({ length: CHUNK_SIZE * 3 }, (_, i) => i));
    expect(r.text).not.toMatch(/^\d+ f/m);
    expect(r.started).toBeLessThanOrEqual(2 + 3);
  }, 30_000);

  it('a slow stdout: chunks waiting to be written stay within the output areas (CHUNKS_AHEAD each)', async () => {
    const n = CHUNK_SIZE * 20;
    const r = await chunkedRun(files(n), fakeChunkWorkerSource({ layout: LAYOUT }), {
      writeMs: 25,
    });
    expect(indexes(r.text)).toEqual(Array.from({ length: n }, (_, i) => i));
    const threads = 2 + 1;
    expect(r.maxUnwritten).toBeLessThanOrEqual(threads * CHUNKS_AHEAD);
    expect(r.retained).toBeLessThanOrEqual(threads * CHUNKS_AHEAD * CHUNK_SIZE);
  }, 60_000);
});

describe('check --jobs N on many files: the same output as one thread, byte for byte', () => {
  let dir: string;
  beforeAll(() => {
    assertBuilt();
    dir = rel('many');
    mkdirSync(dir);
    // Passes, failures, a PFX, errors (a damaged file), skips (a text note), in a pattern.
    const kinds = [
      ['good-both.pem', '.pem'],
      ['cn-only-while-san.pem', '.pem'],
      ['good-both.pfx', '.pfx'],
      ['eku-clientauth-only.pem', '.pem'],
    ] as const;
    for (let i = 0; i < 700; i++) {
      const name = `c${String(i).padStart(4, '0')}`;
      if (i % 97 === 5) writeFileSync(path.join(dir, `${name}.txt`), 'notes: renew the SUP\n');
      else if (i % 89 === 7)
        writeFileSync(
          path.join(dir, `${name}.cer`),
          readFileSync(path.join(ROOT, SUP, 'good-both.pem')).subarray(0, 300),
        );
      else {
        const [source, ext] = kinds[i % kinds.length]!;
        copyFileSync(path.join(ROOT, SUP, source), path.join(dir, `${name}${ext}`));
      }
    }
  });

  it('chunks that end early (their records passed CHUNK_BYTES; here 20 KB) write the same bytes: the rest of each is judged in this thread', async () => {
    const { runChunked } = await import('../src/cli/chunkRun.js');
    const { judge } = await import('../src/cli/judge.js');
    const { expandInputs } = await import('../src/cli/inputs.js');
    const { inputs } = await expandInputs([dir]);
    const options = { names: NAMES, at: new Date(AT) };
    const ctx = {
      options,
      namesGiven: true,
      passwords: { given: PFX_PASSWORD, origin: 'PFX', ask: async () => undefined },
      timeoutMs: 10_000,
      caCertificates: [],
    };
    const run = async (chunkBytes: number | undefined) => {
      const out: string[] = [];
      const pieces: Array<[number, number, number]> = [];
      await runChunked({
        inputs,
        workers: 2,
        file: path.join(ROOT, 'dist/cli-worker.js'),
        init: {
          options,
          namesGiven: true,
          password: PFX_PASSWORD,
          passwordOrigin: 'PFX',
          timeoutMs: 10_000,
          caCertificates: [],
        },
        record: { ...RUN, colour: false, verbose: false, skipNames: false, at: new Date(AT) },
        run: {
          ...RUN,
          textOptions: {
            style: styleOf(false),
            verbose: false,
            failOn: 'error',
            at: new Date(AT),
            skipNames: false,
          },
        },
        judgeHere: (input) => judge(input, ctx),
        emit: (chunk, _next, written) => {
          pieces.push([chunk.chunk, chunk.first, chunk.end]);
          for (const r of chunk.runs)
            out.push(r instanceof Uint8Array ? Buffer.from(r).toString('utf8') : `!${r.stderr}`);
          written();
        },
        ...(chunkBytes === undefined ? {} : { chunkBytes }),
      });
      return { text: out.join(''), pieces };
    };
    const whole = await run(undefined);
    const early = await run(20_000);
    expect(early.text).toBe(whole.text);
    expect(whole.pieces).toHaveLength(Math.ceil(inputs.length / CHUNK_SIZE));
    // Many more pieces, each starting where the one before ended, covering every input once.
    expect(early.pieces.length).toBeGreaterThan(3 * whole.pieces.length);
    let next = 0;
    for (const [chunk, first, end] of early.pieces) {
      expect([chunk, first]).toEqual([Math.floor(first / CHUNK_SIZE), next]);
      next = end;
    }
    expect(next).toBe(inputs.length);
  }, 120_000);

  it.each(['jsonl', 'json', 'csv', 'text'])(
    '%s: --jobs 2 and --jobs 3 write what --jobs 1 writes, stdout and stderr',
    async (format) => {
      const args = [
        'check',
        dir,
        '--names',
        NAMES,
        '--at',
        AT,
        '--password-env',
        'PFX',
        '--format',
        format,
      ];
      const env = { PFX: PFX_PASSWORD };
      const one = await runCli([...args, '--jobs', '1'], { env });
      expect(one.stdout.length).toBeGreaterThan(10_000);
      expect(one.stderr).toMatch(/skipped|MALFORMED|UNKNOWN_FORMAT/);
      for (const jobs of ['2', '3']) {
        const many = await runCli([...args, '--jobs', jobs], { env });
        expect(many.status, `${format} --jobs ${jobs}`).toBe(one.status);
        expect(many.stdout, `${format} --jobs ${jobs}`).toBe(one.stdout);
        expect(many.stderr, `${format} --jobs ${jobs}`).toBe(one.stderr);
      }
    },
    120_000,
  );
});
