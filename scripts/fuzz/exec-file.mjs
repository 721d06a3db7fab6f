/**
 * The file a fuzz child process writes each exec into before running it, for the supervisor to
 * read after the child died (abort, SIGSEGV, OOM kill) or while it hangs. One positioned write
 * per exec (header + input + aux at offset 0) and one 4-byte write after it: the page cache keeps
 * them when the process is killed, so no exec is lost to a native crash.
 *
 * Layout: Int32 little-endian header of HEADER_BYTES (SEQ, RUNNING, TARGET, INPUT_LEN, AUX_LEN),
 * then INPUT_LEN bytes of input, then AUX_LEN bytes of UTF-8 JSON (the exec's aux).
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export const FIELD = { SEQ: 0, RUNNING: 1, TARGET: 2, INPUT_LEN: 3, AUX_LEN: 4 };
export const HEADER_BYTES = 64;
const MAX_AUX_BYTES = 65536;

/** Child side: records the exec about to run. */
export class ExecWriter {
  constructor(file) {
    this.fd = openSync(file, 'w+');
    this.seq = 0;
    this.zero = Buffer.alloc(4);
  }

  begin(targetIndex, input, auxJson) {
    const aux = Buffer.from(auxJson, 'utf8').subarray(0, MAX_AUX_BYTES);
    const buf = Buffer.allocUnsafe(HEADER_BYTES + input.length + aux.length);
    buf.fill(0, 0, HEADER_BYTES);
    this.seq = (this.seq + 1) | 0;
    buf.writeInt32LE(this.seq, FIELD.SEQ * 4);
    buf.writeInt32LE(1, FIELD.RUNNING * 4);
    buf.writeInt32LE(targetIndex, FIELD.TARGET * 4);
    buf.writeInt32LE(input.length, FIELD.INPUT_LEN * 4);
    buf.writeInt32LE(aux.length, FIELD.AUX_LEN * 4);
    buf.set(input, HEADER_BYTES);
    buf.set(aux, HEADER_BYTES + input.length);
    writeSync(this.fd, buf, 0, buf.length, 0);
  }

  end() {
    writeSync(this.fd, this.zero, 0, 4, FIELD.RUNNING * 4);
  }

  close() {
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
  }
}

/** Supervisor side: { seq, running } from the header (cheap: 8 bytes), or null if unreadable. */
export function readExecState(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
    const b = Buffer.alloc(8);
    if (readSync(fd, b, 0, 8, 0) < 8) return null;
    return { seq: b.readInt32LE(FIELD.SEQ * 4), running: b.readInt32LE(FIELD.RUNNING * 4) === 1 };
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Supervisor side: the whole last exec, { targetIndex, input, aux, running, seq }, or null. */
export function readExec(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
    const h = Buffer.alloc(HEADER_BYTES);
    if (readSync(fd, h, 0, HEADER_BYTES, 0) < HEADER_BYTES) return null;
    const inputLen = h.readInt32LE(FIELD.INPUT_LEN * 4);
    const auxLen = h.readInt32LE(FIELD.AUX_LEN * 4);
    if (inputLen < 0 || auxLen < 0 || auxLen > MAX_AUX_BYTES) return null;
    const body = Buffer.alloc(inputLen + auxLen);
    readSync(fd, body, 0, body.length, HEADER_BYTES);
    let aux = {};
    try {
      aux = JSON.parse(body.subarray(inputLen).toString('utf8'));
    } catch {
      /* keep {} */
    }
    return {
      seq: h.readInt32LE(FIELD.SEQ * 4),
      running: h.readInt32LE(FIELD.RUNNING * 4) === 1,
      targetIndex: h.readInt32LE(FIELD.TARGET * 4),
      input: new Uint8Array(body.subarray(0, inputLen)),
      aux,
    };
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
