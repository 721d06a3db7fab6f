import { malformed } from '../errors.js';
import type { WorkBudget } from '../limits.js';
import { latin1Decode, unitsDecode } from '../util/bytes.js';
import { quoteValue } from '../util/quote.js';
import { decodeText, lineCursor } from './text.js';

/**
 * One registry value from a `reg export` file. `type` follows the REGEDIT5 syntax: a quoted
 * string is 'sz'; `dword:` 'dword'; `hex:` 'binary'; `hex(N):` the registry type N (2
 * REG_EXPAND_SZ, 7 REG_MULTI_SZ, b REG_QWORD, 0 REG_NONE ...); `-` a deletion.
 */
export type RegistryValue =
  | { type: 'sz'; value: string }
  | { type: 'dword'; value: number }
  | { type: 'qword'; value: bigint }
  | { type: 'multi_sz'; value: string[] }
  | { type: 'expand_sz'; value: string }
  | { type: 'binary'; value: Uint8Array; regType: number }
  | { type: 'delete' };

export interface RegistryKey {
  /** As written between the brackets, e.g. "HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Update Services\Server\Setup". */
  path: string;
  /**
   * Value names in lower case ('' is the default value "@"); Windows compares them
   * case-insensitively. Keys without values share one empty map (280,000 empty maps took 30 MB).
   */
  values: ReadonlyMap<string, RegistryValue>;
}

const NO_VALUES: ReadonlyMap<string, RegistryValue> = new Map();

export const REGEDIT5 = 'Windows Registry Editor Version 5.00';
export const REGEDIT4 = 'REGEDIT4';

/**
 * Reads a `reg export` / regedit export file (REGEDIT5: "Windows Registry Editor Version 5.00",
 * UTF-16 LE with a BOM; REGEDIT4 in ANSI is read the same way). Syntax, as regedit and reg.exe
 * write it (Microsoft: "How to add, modify, or delete registry subkeys and values by using a .reg
 * file", KB 310516; Wine programs/reg/export.c and import.c):
 * - `[KEY]` starts a key, `[-KEY]` deletes one; `;` starts a comment line;
 * - `"name"=value` or `@=value` (the default value); in a quoted string `\\` is a backslash,
 *   `\"` a quote, `\n` a line feed, `\r` a carriage return and `\0` a NUL (any other `\x` is
 *   `x`), and a quoted value may be followed by white space and a `; comment` (Wine
 *   programs/reg/import.c unescape_string and string_data_state, which follow regedit);
 * - a second header line (two exports joined into one file, `copy /b a.reg+b.reg`, with the
 *   second file's byte order mark) is skipped: both parts are read;
 * - values: `"text"`, `dword:8 hex digits`, `hex:bytes`, `hex(N):bytes` (N the registry type in
 *   hex), `-` (delete); byte lists are comma-separated two-digit hex and continue on the next line
 *   after a trailing `\` (reg.exe wraps at 80 columns and indents the continuation by two spaces).
 *
 * Work: one maxElements unit per physical line; everything else is linear in the text.
 * @throws SupCertError EMPTY_INPUT, MALFORMED (no header, a broken line: the message names the
 *   line number), LIMIT_EXCEEDED (maxInputBytes, maxElements).
 */
export function readRegFile(bytes: Uint8Array, what: string, budget: WorkBudget): RegistryKey[] {
  const text = decodeText(bytes, what, budget);
  const cursor = lineCursor(text, what, budget);
  const header = cursor.next()?.trim();
  if (header !== REGEDIT5 && header !== REGEDIT4) {
    throw malformed(
      `${what}: not a registry export (the first line is "${quoteValue(header ?? '', 80)}", expected "${REGEDIT5}"). Export the key with reg export "HKLM\\...\\KEY" file.reg.`,
    );
  }
  const keys: RegistryKey[] = [];
  let current: RegistryKey | null = null;
  // The values of `current`, made on its first value.
  let values: Map<string, RegistryValue> | null = null;
  let physical = 1;
  for (let raw = cursor.next(); raw !== undefined; raw = cursor.next()) {
    let line = raw;
    const lineNo = ++physical;
    // Joins continuation lines (a trailing backslash outside a quoted string only occurs in hex lists).
    if (continues(line)) {
      // Parts joined once: a hex list of N lines costs O(N), not O(N²).
      const parts = [line.trimEnd().slice(0, -1)];
      for (let more = cursor.next(); more !== undefined; more = cursor.next()) {
        physical++;
        const next = more.trim();
        if (!next.endsWith('\\')) {
          parts.push(next);
          break;
        }
        parts.push(next.slice(0, -1));
      }
      line = parts.join('');
    }
    // A byte order mark inside the text is where a second export was appended.
    const trimmed = line.replace(/^\uFEFF/, '').trim();
    if (trimmed === '' || trimmed.startsWith(';')) continue;
    if (trimmed === REGEDIT5 || trimmed === REGEDIT4) continue;
    if (trimmed.startsWith('[')) {
      if (!trimmed.endsWith(']'))
        throw malformed(`${what}: line ${lineNo}: a key line without its closing "]".`);
      const path = trimmed.slice(1, -1);
      if (path.startsWith('-')) {
        current = null;
        continue;
      }
      current = { path, values: NO_VALUES };
      values = null;
      keys.push(current);
      continue;
    }
    if (!current) throw malformed(`${what}: line ${lineNo}: a value before any [KEY] line.`);
    const [name, rest] = splitName(trimmed, what, lineNo);
    if (!values) current.values = values = new Map();
    values.set(name.toLowerCase(), parseValue(rest, what, lineNo, header === REGEDIT4));
  }
  return keys;
}

/** A hex list line that goes on on the next line (ends with a backslash). */
function continues(line: string): boolean {
  if (!line.trimEnd().endsWith('\\')) return false;
  const eq = line.indexOf('=hex');
  return eq >= 0 && !line.slice(0, eq).includes('"=');
}

/** `"name"=…` or `@=…`: the name (unescaped) and the text after "=". */
function splitName(line: string, what: string, lineNo: number): [string, string] {
  if (line.startsWith('@=')) return ['', line.slice(2)];
  if (!line.startsWith('"'))
    throw malformed(
      `${what}: line ${lineNo}: expected "name"=value or @=value, got "${quoteValue(line, 80)}".`,
    );
  const { text, end } = quoted(line, 0, what, lineNo);
  if (line.charAt(end) !== '=')
    throw malformed(
      `${what}: line ${lineNo}: no "=" after the value name "${quoteValue(text, 80)}".`,
    );
  return [text, line.slice(end + 1)];
}

/**
 * Reads a quoted string starting at `start` (a `"`); returns it unescaped (`\\x` is `x`) and the
 * index after the closing quote. Linear: a value without escapes is one slice; one with escapes
 * is measured, then copied once into a buffer of exactly its length (one byte a character when
 * every character is below U+0100, as V8 stores such a string), then made a string once.
 * (Appending character by character took 1.3 GB for 32 MiB; a two-byte buffer of the escaped
 * length then a second copy for decoding took 326 MB peak for 32 MiB of escapes.)
 */
function quoted(
  line: string,
  start: number,
  what: string,
  lineNo: number,
): { text: string; end: number } {
  const unterminated = () =>
    malformed(`${what}: line ${lineNo}: a quoted string without its closing quote.`);
  let i = start + 1;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x22) return { text: line.slice(start + 1, i), end: i + 1 };
    if (c === 0x5c) break;
  }
  if (i >= line.length) throw unterminated();
  // First pass: where the string ends, how long it is unescaped, the OR of its code units
  // (below 0x100 exactly when every unit is).
  const firstEscape = i;
  let length = i - start - 1;
  let widest = 0;
  for (let k = start + 1; k < i; k++) widest |= line.charCodeAt(k);
  let close = -1;
  for (; i < line.length; i++) {
    let c = line.charCodeAt(i);
    if (c === 0x5c && i + 1 < line.length) c = line.charCodeAt(++i);
    else if (c === 0x22) {
      close = i;
      break;
    }
    widest |= c;
    length++;
  }
  if (close < 0) throw unterminated();
  // Second pass: the unescaped code units, once.
  const out = widest < 0x100 ? new Uint8Array(length) : new Uint16Array(length);
  let n = 0;
  for (let k = start + 1; k < firstEscape; k++) out[n++] = line.charCodeAt(k);
  for (let k = firstEscape; k < close; k++) {
    const c = line.charCodeAt(k);
    out[n++] = c === 0x5c ? unescaped(line.charCodeAt(++k)) : c;
  }
  return { text: unitsToString(out, widest), end: close + 1 };
}

/** The character `\x` stands for in a quoted string: n, r and 0 are LF, CR and NUL; any other is itself. */
function unescaped(c: number): number {
  return c === 0x6e ? 0x0a : c === 0x72 ? 0x0d : c === 0x30 ? 0 : c;
}

/** ASCII bytes to a string in one step (UTF-8 decoding leaves ASCII as it is). */
const ascii = new TextDecoder('utf-8');

/**
 * The string of a buffer of UTF-16 code units (one byte a unit in a Uint8Array), `widest` the OR
 * of every unit: ASCII in one step, other text in chunks joined once.
 */
function unitsToString(units: Uint8Array | Uint16Array, widest: number): string {
  if (widest < 0x80) return ascii.decode(units);
  return units instanceof Uint8Array ? latin1Decode(units) : unitsDecode(units);
}

/**
 * One value's data. In a REGEDIT4 file the bytes of hex(1), hex(2) and hex(7) strings are in the
 * ANSI code page, one byte a character (regedit converts them with MultiByteToWideChar on import;
 * Wine programs/reg/import.c prepare_hex_string_data); in REGEDIT5 they are UTF-16 LE.
 */
function parseValue(raw: string, what: string, lineNo: number, ansi: boolean): RegistryValue {
  const v = raw.trim();
  if (v === '-') return { type: 'delete' };
  if (v.startsWith('"')) {
    const { text, end } = quoted(v, 0, what, lineNo);
    const after = v.slice(end).trim();
    if (after !== '' && !after.startsWith(';'))
      throw malformed(`${what}: line ${lineNo}: text after a quoted value.`);
    return { type: 'sz', value: text };
  }
  // Only the first six characters lower-cased: a 32 MiB value is not copied to be recognised.
  if (v.slice(0, 6).toLowerCase() === 'dword:') {
    // A trailing "; comment" is allowed after a dword, as after a quoted value.
    const comment = v.indexOf(';', 6);
    const hex = v.slice(6, comment < 0 ? v.length : comment).trim();
    if (!/^[0-9a-f]{1,8}$/i.test(hex))
      throw malformed(
        `${what}: line ${lineNo}: dword value "${quoteValue(hex, 40)}" is not 1 to 8 hex digits.`,
      );
    return { type: 'dword', value: Number.parseInt(hex, 16) };
  }
  const m = /^hex(?:\(([0-9a-f]{1,8})\))?:/i.exec(v);
  if (!m)
    throw malformed(
      `${what}: line ${lineNo}: unknown value syntax "${quoteValue(v, 60)}" (expected "text", dword:, hex: or hex(N):).`,
    );
  const regType = m[1] === undefined ? 3 : Number.parseInt(m[1], 16);
  const bytes = hexBytes(v.slice(m[0].length), what, lineNo);
  switch (regType) {
    case 2:
      return { type: 'expand_sz', value: stringz(bytes, ansi) };
    case 7:
      return {
        type: 'multi_sz',
        value: stringz(bytes, ansi, true)
          .split('\0')
          .filter((s) => s !== ''),
      };
    case 4:
      if (bytes.length === 4)
        return {
          type: 'dword',
          value: new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true),
        };
      break;
    case 0xb:
      if (bytes.length === 8)
        return {
          type: 'qword',
          value: new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true),
        };
      break;
    case 1:
      return { type: 'sz', value: stringz(bytes, ansi) };
    default:
      break;
  }
  return { type: 'binary', value: bytes, regType };
}

/**
 * The bytes of a comma-separated hex list ("00,a1,\\ ..." already joined), in one pass with one
 * allocation: white space anywhere is ignored, a trailing comma is allowed, each entry is one or
 * two hex digits. (Splitting a 16-million-character list into strings took 300 MB.)
 */
function hexBytes(list: string, what: string, lineNo: number): Uint8Array {
  const out = new Uint8Array((list.length >> 1) + 1);
  let count = 0;
  let value = 0;
  let digits = 0;
  let start = 0;
  const bad = (end: number): never => {
    const part = list.slice(start, end).replace(/[ \t\r\n]/g, '');
    throw malformed(
      `${what}: line ${lineNo}: "${quoteValue(part, 20)}" in a hex list is not a byte.`,
    );
  };
  for (let i = 0; i <= list.length; i++) {
    const c = i < list.length ? list.charCodeAt(i) : 0x2c; /* , */
    if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) continue;
    if (c === 0x2c) {
      if (digits === 0) {
        // Only the end of the list (or a trailing comma) may be empty, and not the whole list after a comma.
        if (i === list.length && (count > 0 || list.trim() === '')) break;
        bad(i);
      }
      out[count++] = value;
      value = 0;
      digits = 0;
      start = i + 1;
      continue;
    }
    const d =
      c >= 0x30 && c <= 0x39
        ? c - 0x30
        : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66
          ? (c | 0x20) - 0x57
          : -1;
    if (d < 0 || digits === 2) {
      const comma = list.indexOf(',', i);
      bad(comma < 0 ? list.length : comma);
    }
    value = value * 16 + d;
    digits++;
  }
  return out.subarray(0, count);
}

/** The text of a REG_SZ / REG_EXPAND_SZ / REG_MULTI_SZ (UTF-16 LE, or ANSI (Windows-1252) in REGEDIT4), without the final NUL(s). */
function stringz(bytes: Uint8Array, ansi: boolean, keepInnerNuls = false): string {
  const text = ansi
    ? new TextDecoder('windows-1252').decode(bytes)
    : new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length & ~1));
  if (!keepInnerNuls) {
    const nul = text.indexOf('\0');
    return nul >= 0 ? text.slice(0, nul) : text;
  }
  let end = text.length;
  while (end > 0 && text[end - 1] === '\0') end--;
  return text.slice(0, end);
}

/** The key whose path ends with `suffix` (case-insensitive, any hive spelling). */
export function findKey(keys: readonly RegistryKey[], suffix: string): RegistryKey | undefined {
  const want = suffix.toLowerCase();
  // Only the path's tail lower-cased: 280,000 whole paths are not copied to look for one key.
  return keys.find(
    (k) =>
      k.path.length >= want.length &&
      k.path.slice(k.path.length - want.length).toLowerCase() === want,
  );
}
