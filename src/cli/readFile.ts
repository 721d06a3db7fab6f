import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors.js';

/*
 * The one function that reads a file for the command line: inputs, directory entries, --trust,
 * --intermediate, --password-file, package.json. Library-free (lazily loaded modules use it).
 *
 * stat() cannot be trusted for a size: /dev/zero, a FIFO, a socket and /proc files all say 0. So:
 * - the file is opened without blocking (O_NONBLOCK: opening a FIFO with no writer would wait
 *   forever) and fstat'ed on the open descriptor (no race with a rename);
 * - anything but a regular file (character or block device, FIFO, socket) is refused by name;
 * - a regular file whose size is over `maxBytes` is refused unread; any other is read in chunks,
 *   whatever its size says, and reading stops at `maxBytes + 1`: more than `maxBytes` is
 *   LIMIT_EXCEEDED, without the rest ever being read.
 */

/** Read size per call; a certificate file is usually one chunk. */
const CHUNK = 64 * 1024;
/** Read size where the file should end (or has not said its size). */
const PROBE = 4096;

/** What a stat says the file is, for the refusal. */
function kindOf(stat: {
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

export interface ReadMeter {
  /** Bytes read so far, over every call that was given this meter. */
  bytes: number;
}

/**
 * The bytes of `file`, at most `maxBytes` of them.
 *
 * @param what what the file is for the message ("a certificate file", "the --password-file").
 * @param limitName the option or limit that sets `maxBytes`, named in the LIMIT_EXCEEDED message.
 * @param meter counts the bytes read (tests assert the bound: never more than maxBytes + 1).
 * @param rawPath the path as bytes when a name in it is not UTF-8 (`file`, shown in messages,
 *   then holds U+FFFD and names no file): opened instead of `file`.
 * @throws InputError NOT_A_FILE for a device, FIFO, socket or directory; LIMIT_EXCEEDED past
 *   `maxBytes`; the system code (ENOENT, EACCES …) when the file cannot be opened or read.
 */
export function readFileCapped(
  file: string,
  maxBytes: number,
  what: string,
  limitName: string,
  meter?: ReadMeter,
  rawPath?: Uint8Array,
): Buffer {
  // O_NONBLOCK does not exist on Windows (0 there: FIFOs are not files there).
  let fd: number;
  try {
    fd = openSync(
      rawPath ? Buffer.from(rawPath) : file,
      constants.O_RDONLY | (constants.O_NONBLOCK ?? 0),
    );
  } catch (error) {
    // A Unix socket cannot be opened at all (ENXIO); the message says what it is.
    if ((error as { code?: string }).code === 'ENXIO')
      throw new InputError(
        file,
        'NOT_A_FILE',
        `a socket or a device, not a regular file: supcert reads ${what} only from a regular file. Save it to a file first.`,
      );
    throw error;
  }
  try {
    const stat = fstatSync(fd);
    // Inputs that are directories are walked before: this is an option's file (--trust …).
    if (stat.isDirectory())
      throw new InputError(file, 'EISDIR', `is a directory, not ${what}: give the file itself.`);
    if (!stat.isFile()) {
      throw new InputError(
        file,
        'NOT_A_FILE',
        `${kindOf(stat)}, not a regular file: supcert reads ${what} only from a regular file (a device, pipe or socket could send data without end or never answer). Save it to a file first.`,
      );
    }
    const tooBig = (): InputError =>
      new InputError(
        file,
        'LIMIT_EXCEEDED',
        `more than ${maxBytes.toLocaleString('en-US')} bytes, the most supcert reads for ${what} (${limitName}); this is not ${what}.`,
      );
    // A regular file that says it is bigger is refused unread; one that says less (a /proc file
    // says 0) or grows meanwhile is stopped by the cap below.
    if (stat.size > maxBytes) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    const cap = maxBytes + 1;
    // The size is only a hint for the buffer sizes: /proc files say 0 and have content.
    let next = stat.size > 0 ? Math.min(stat.size, CHUNK) : PROBE;
    while (total < cap) {
      const buffer = Buffer.allocUnsafe(Math.min(next, cap - total));
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (meter) meter.bytes += n;
      if (n === 0) break;
      chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
      total += n;
      // Past what stat said: more may come (CHUNK); at it: one small read to see the end (PROBE).
      next = total > stat.size ? CHUNK : total === stat.size ? PROBE : CHUNK;
    }
    if (total > maxBytes) throw tooBig();
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** How long to wait before reading stdin again when it has nothing yet (a non-blocking pipe). */
const STDIN_RETRY_MS = 5;

/**
 * The bytes of standard input (the `-` input), at most `maxBytes` of them: read in chunks, and
 * reading stops at `maxBytes + 1` (LIMIT_EXCEEDED) without the rest being read, whatever sends it.
 *
 * @param fd the descriptor to read (tests give a file's); 0, stdin, by default.
 * @throws InputError LIMIT_EXCEEDED past `maxBytes`; the system code when stdin cannot be read.
 */
export function readStdinCapped(
  maxBytes: number,
  what: string,
  limitName: string,
  meter?: ReadMeter,
  fd = 0,
): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const cap = maxBytes + 1;
  while (total < cap) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, cap - total));
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // A pipe opened non-blocking has no data yet: wait a little (synchronously: nothing else runs meanwhile).
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, STDIN_RETRY_MS);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (meter) meter.bytes += n;
    if (n === 0) break;
    chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
    total += n;
  }
  if (total > maxBytes)
    throw new InputError(
      '-',
      'LIMIT_EXCEEDED',
      `more than ${maxBytes.toLocaleString('en-US')} bytes on standard input, the most supcert reads for ${what} (${limitName}); this is not ${what}.`,
    );
  return Buffer.concat(chunks, total);
}

/**
 * The bytes of a command-line input, at most `maxBytes` of them: standard input for `-`
 * (`stdin`), else the file (opened by `rawPath` when a name in it is not UTF-8).
 *
 * @throws as {@link readFileCapped} / {@link readStdinCapped}.
 */
export function readInputCapped(
  input: { file: string; stdin?: boolean; rawPath?: Uint8Array },
  maxBytes: number,
  what: string,
  limitName: string,
): Buffer {
  return input.stdin
    ? readStdinCapped(maxBytes, what, limitName)
    : readFileCapped(input.file, maxBytes, what, limitName, undefined, input.rawPath);
}
