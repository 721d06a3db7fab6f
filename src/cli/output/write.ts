import { escapeCharacter, escapeJsonText } from '../../util/printable.js';
import { Safe } from './clean.js';
import { jsonText } from '../../report/json.js';

/*
 * The only code that writes to stdout and stderr (the tests check that no other module calls
 * process.stdout.write / process.stderr.write). Text goes out as `Safe` (./clean.ts), and is
 * cleaned once more here: every C0/C1 control, bidi, zero-width, default-ignorable, unassigned,
 * private-use and separator character and the blank-rendering U+2800 / U+1D159 is escaped, except a line feed, a CR directly before it (the certreq INF of `suggest`), and the
 * few SGR colour codes node:util styleText writes for our `Style`. Even a value that reached a
 * writer uncleaned could colour text, never move the cursor, clear the screen, hide text
 * (SGR 8) or write the clipboard (OSC 52).
 */

/** What {@link outgoing} escapes (a line feed aside): the characters listed above. */
const OUTGOING_CHARACTER =
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800\u{1d159}]/u;

/**
 * The SGR codes of the styles we use (bold 1, dim 2, their reset 22, red 31, green 32, yellow 33,
 * cyan 36, colour reset 39) and a CR before a line feed, both kept; else one character outside printable ASCII
 * and the line feed: only those can be escaped, and they are few, so each is tested against
 * {@link OUTGOING_CHARACTER} alone (~10× faster on long text than one scan with that class).
 */
const CANDIDATE = /\x1b\[(?:1|2|22|31|32|33|36|39)m|\r\n|[^\n\x20-\x7e]/gu;

/** The last line of defence: `text` with nothing a terminal acts on but newlines and our colours. */
export function outgoing(text: string): string {
  return text.replace(CANDIDATE, (m) =>
    m.length > 1 || !OUTGOING_CHARACTER.test(m) ? m : escapeCharacter(m),
  );
}

export type Stream = 'stdout' | 'stderr';

function streamOf(stream: Stream): NodeJS.WriteStream {
  return stream === 'stdout' ? process.stdout : process.stderr;
}

/**
 * Back-pressure: undefined while stdout and stderr take more text at once, else a promise that
 * settles when each one that is full (its buffer past the high-water mark: a pipe whose reader is
 * slower than we write) has drained. A run of many inputs waits on it before it judges the next
 * one, so the text waiting in memory stays bounded (100,000 JSON records into a slow
 * pipe once held 1.8 GB). A closed stream ends the wait too (EPIPE ends the process, main.ts).
 */
export function drained(): Promise<void> | undefined {
  const full = [process.stdout, process.stderr].filter((s) => s.writableNeedDrain);
  if (full.length === 0) return undefined;
  return Promise.all(
    full.map(
      (s) =>
        new Promise<void>((resolve) => {
          const done = (): void => {
            s.off('drain', done);
            s.off('close', done);
            resolve();
          };
          s.once('drain', done);
          s.once('close', done);
        }),
    ),
  ).then(() => undefined);
}

/**
 * Calls `then` once nothing written to stdout or stderr is left buffered in this process (at once
 * where those writes are synchronous: files, and pipes and terminals on Linux), in the same step
 * as it finds so: nothing can be written in between. A closed or failed stream counts as written.
 */
export function whenWritten(then: () => void): void {
  const pending = [process.stdout, process.stderr].find(
    (s) => s.writableLength > 0 && !s.destroyed && !s.writableEnded,
  );
  if (pending) pending.write('', () => whenWritten(then));
  else then();
}

/** Writes `text` to stdout or stderr. */
export function write(stream: Stream, text: Safe): void {
  streamOf(stream).write(outgoing(text.text));
}

/**
 * Writes `value` as JSON (2-space indentation, a final newline) with every unsafe character in
 * its strings as a \uXXXX escape: JSON.parse gives back the same value, a terminal sees no
 * control, bidi or separator character.
 */
export function writeJson(
  stream: Stream,
  value: unknown,
  replacer?: (key: string, value: unknown) => unknown,
): void {
  streamOf(stream).write(jsonText(value, replacer));
}

/**
 * Writes a piece of JSON text (a streamed document or one JSON Lines record, made by
 * JSON.stringify) with every unsafe character as a \uXXXX escape, as {@link writeJson} does.
 */
export function writeJsonText(stream: Stream, json: string): void {
  streamOf(stream).write(escapeJsonText(json));
}

/**
 * A piece of JSON text already escaped as {@link writeJsonText} escapes it, ready to be written as
 * is: made by {@link prepareJsonText} alone, in this thread or in a worker of the pool (so the
 * main thread does not scan it again).
 */
export type PreparedJson = string & { readonly __preparedJson: true };

/** `json` (JSON.stringify's text) escaped for {@link writePrepared}. */
export function prepareJsonText(json: string): PreparedJson {
  return escapeJsonText(json) as PreparedJson;
}

/**
 * {@link PreparedJson} as UTF-8 bytes: how a worker of the pool sends it (one transferred buffer
 * a batch, see output/stream.ts packRendered), so the main thread neither copies nor encodes it.
 */
export type PreparedBytes = Uint8Array & { readonly __preparedJson: true };

/** Writes `head` (ASCII JSON structure: brackets, a key, a number) and then `body`, in one write. */
export function writePrepared(
  stream: Stream,
  head: string,
  body: PreparedJson | PreparedBytes,
): void {
  const out = streamOf(stream);
  out.cork();
  out.write(escapeJsonText(head));
  out.write(body);
  out.uncork();
}

/** The progress line on a terminal: return, erase the line (CSI K), the text. */
export function writeProgress(text: Safe): void {
  process.stderr.write(`\r\x1b[K${outgoing(text.text)}`);
}

/** Erases the progress line. */
export function clearProgress(): void {
  process.stderr.write('\r\x1b[K');
}

/**
 * A piece of output made away from the streams (a chunk of records judged in a worker, or by this
 * thread for the same run), in the order it is to be written: UTF-8 bytes for stdout, already
 * cleaned and escaped as the writers above clean and escape them, or a cleaned line for stderr.
 */
export type OutputRun = Uint8Array | { readonly stderr: string };

const utf8 = new TextEncoder();

/** Characters of overflow text (see {@link OutputRuns}) held before they are encoded. */
export const OVERFLOW_TEXT = 1 << 20;

/**
 * Collects what {@link write} and {@link writePrepared} would write, cleaned the same way, as
 * {@link OutputRun}s: consecutive stdout text is one run of bytes (one write), a stderr line its
 * own run, so the two keep their order. The bytes are encoded into `area` (reused from chunk to
 * chunk: a chunked run's shared output memory, see chunks.ts) at once, as far as it holds them;
 * what does not fit goes into a buffer of its own. At once: a record's text held until the chunk
 * ends outlives two scavenges and is promoted to the old generation (4–5× the promoted bytes of a
 * one-thread run, and with them most of --jobs 2's extra CPU); a fresh buffer of ~1 MB a chunk
 * cost ~700 page faults.
 */
export class OutputRuns {
  private readonly runs: OutputRun[] = [];
  /** Where the current stdout run starts in `area`, and where the next byte goes. */
  private start = 0;
  private at = 0;
  /** The area is full: the rest of the chunk's stdout text, held for a buffer of its own. */
  private full = false;
  private overflow: string[] = [];
  /** Characters in `overflow`. */
  private held = 0;
  /** Bytes of the overflow runs encoded so far. */
  private encoded = 0;

  constructor(private readonly area?: Uint8Array) {
    if (!area) this.full = true;
  }

  private stdout(text: string): void {
    if (!this.full) {
      const { read, written } = utf8.encodeInto(text, this.area!.subarray(this.at));
      this.at += written;
      if (read === text.length) return;
      this.full = true;
      text = text.slice(read);
    }
    this.overflow.push(text);
    this.held += text.length;
    // Encoded as it comes (bytes outside the JS heap): a chunk of large records held as text
    // until the chunk ends (128 records of 2 MB) ended a worker at its heap limit, and the input
    // it was on was reported as WORKER_FAILED.
    if (this.held >= OVERFLOW_TEXT) this.flush();
  }

  /** As {@link write}. */
  text(stream: Stream, text: Safe): void {
    if (stream === 'stdout') {
      this.stdout(outgoing(text.text));
      return;
    }
    this.flush();
    this.runs.push({ stderr: outgoing(text.text) });
  }

  /** As {@link writePrepared} to stdout. */
  json(head: string, body: PreparedJson | PreparedBytes): void {
    this.stdout(escapeJsonText(head));
    if (typeof body === 'string') this.stdout(body);
    else {
      this.flush();
      this.runs.push(body);
    }
  }

  /** Ends the current stdout run. */
  private flush(): void {
    if (this.at > this.start) this.runs.push(this.area!.subarray(this.start, this.at));
    this.start = this.at;
    this.encodeOverflow();
  }

  /** The overflow text so far as a run of its own. */
  private encodeOverflow(): void {
    if (this.overflow.length === 0) return;
    const text = this.overflow.join('');
    this.overflow = [];
    this.held = 0;
    // Not from Buffer's shared pool: a pooled buffer cannot be transferred to another thread.
    const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
    utf8.encodeInto(text, bytes);
    this.encoded += bytes.length;
    this.runs.push(bytes);
  }

  /** About how many bytes the runs hold so far (text not yet encoded counted a byte a character). */
  get size(): number {
    return this.at + this.encoded + this.held;
  }

  /** The runs, in order. */
  take(): OutputRun[] {
    this.flush();
    return this.runs.splice(0);
  }
}

/**
 * The buffers of `runs` that may be transferred to another thread (moved, not copied): those
 * of their own. A view of shared memory is not transferred: it is shared as it is.
 */
export function transferOf(runs: readonly OutputRun[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const r of runs)
    if (
      r instanceof Uint8Array &&
      r.buffer instanceof ArrayBuffer &&
      r.byteOffset === 0 &&
      r.byteLength === r.buffer.byteLength
    )
      out.push(r.buffer);
  return out;
}

/**
 * Writes {@link OutputRun}s made by {@link OutputRuns}, in order: each run is one write.
 * `written` is called once stdout has taken every byte (then the memory of the runs may be
 * used again).
 */
export function writeRuns(runs: readonly OutputRun[], written?: () => void): void {
  let last = -1;
  for (let k = 0; k < runs.length; k++) if (runs[k] instanceof Uint8Array) last = k;
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    if (!(r instanceof Uint8Array)) process.stderr.write(r.stderr);
    else if (k === last && written) process.stdout.write(r, () => written());
    else process.stdout.write(r);
  }
  if (last < 0) written?.();
}
