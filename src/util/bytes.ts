// Byte helpers on plain Uint8Array, the same in Node and in browsers (no Buffer). Each one keeps
// the behaviour of the Buffer call it replaced, noted where the web platform's own API differs.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
// Hex digits are ASCII, which every TextDecoder label decodes as itself.
const ascii = new TextDecoder('latin1');

/**
 * Lowercase hex without separators. The digits go into one array decoded at once, whatever the
 * length: a string built by `+=` digit pair after digit pair is a tree of one node per pair until
 * something flattens it, ~10 times the memory of the flat string (a certificate keeps several:
 * its SHA-256, serial number and key identifiers), which the garbage collector then copies.
 */
export function toHex(bytes: Uint8Array): string {
  if (bytes.length <= 1) return bytes.length === 0 ? '' : HEX[bytes[0]!]!;
  const digits = new Uint8Array(2 * bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    digits[2 * i] = HEX_CODES[b >> 4]!;
    digits[2 * i + 1] = HEX_CODES[b & 15]!;
  }
  return ascii.decode(digits);
}

/**
 * The same memory as a plain Uint8Array (no copy). A Node Buffer's `subarray` constructs a Buffer
 * through Node's JavaScript subclass, twice the cost of a Uint8Array's: a parser that takes
 * thousands of views of one input reads it through this.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const hexValue = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;

/**
 * Hex text to bytes, as Buffer.from(text, 'hex'): pairs of hex digits, up to the first pair that
 * is not one (an odd last digit is dropped).
 */
export function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  let n = 0;
  for (; n < out.length; n++) {
    const hi = hexValue(text.charCodeAt(2 * n));
    const lo = hexValue(text.charCodeAt(2 * n + 1));
    if (hi < 0 || lo < 0) break;
    out[n] = (hi << 4) | lo;
  }
  return n === out.length ? out : out.slice(0, n);
}

/** The bytes of all parts, one after another, in a new array. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  return concatList(parts);
}

/** concatBytes for a list (no spread call: a list may be long). */
export function concatList(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Index of the first occurrence of `needle` in `bytes` at or after `from`, or -1. */
export function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  if (first === undefined) return from <= bytes.length ? from : -1;
  const last = bytes.length - needle.length;
  for (let i = bytes.indexOf(first, from); i !== -1 && i <= last; i = bytes.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && bytes[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

const encoder = new TextEncoder();
/** UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as Buffer.from(text, 'utf8') does). */
export const utf8Encode = (text: string): Uint8Array => encoder.encode(text);

// ignoreBOM: a leading U+FEFF stays in the text, as Buffer's toString('utf8') keeps it.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/** UTF-8 text; invalid sequences become U+FFFD (as Buffer's toString('utf8')). */
export const utf8Decode = (bytes: Uint8Array): string => utf8Decoder.decode(bytes);

/** Longest run of code units given to String.fromCharCode at once (engines cap argument counts). */
const CHUNK = 8192;

/**
 * ISO 8859-1: each byte is the code point of its character (Buffer's 'latin1'). TextDecoder's
 * 'latin1' label is windows-1252, which maps 0x80–0x9F elsewhere, so it is not used here.
 */
export function latin1Decode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += CHUNK)
    out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return out;
}

/** Bytes of a string whose characters are all below U+0100 (the inverse of latin1Decode). */
export function latin1Encode(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/**
 * UTF-16 code units, little-endian (`bigEndian`: big-endian), to a string, code unit by code unit:
 * a lone surrogate stays a lone surrogate (Buffer's 'utf16le'; TextDecoder would replace it), and
 * an odd last byte is ignored. Linear: chunks of code units, joined once.
 */
export function utf16Decode(bytes: Uint8Array, bigEndian = false): string {
  const units = new Uint16Array(bytes.length >> 1);
  const [hi, lo] = bigEndian ? [0, 1] : [1, 0];
  for (let i = 0; i < units.length; i++) units[i] = (bytes[2 * i + hi]! << 8) | bytes[2 * i + lo]!;
  return unitsDecode(units);
}

/** UTF-16 code units to a string, unit by unit (lone surrogates kept): chunks joined once. */
export function unitsDecode(units: Uint16Array): string {
  const parts: string[] = [];
  for (let i = 0; i < units.length; i += CHUNK)
    parts.push(String.fromCharCode(...units.subarray(i, i + CHUNK)));
  return parts.join('');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Value of each character code below 256; 255 for what is not in the alphabet. */
const B64_VALUE = new Uint8Array(256).fill(255);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/**
 * Base64 (RFC 4648 §4 alphabet) of text already checked to hold only the alphabet and trailing
 * '=' padding; padding may be absent. Like Buffer.from(text, 'base64'), a last group of 2 or 3
 * characters gives 1 or 2 bytes and their unused low bits are ignored.
 * @throws RangeError for a character outside the alphabet.
 */
export function base64Decode(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--;
  const whole = end - (end % 4);
  const rest = end - whole;
  const out = new Uint8Array((whole / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  // Characters are checked once at the end: any code above 255, or a value 255 (not base64).
  let codes = 0;
  let values = 0;
  const at = (i: number): number => {
    const c = text.charCodeAt(i);
    codes |= c;
    const v = B64_VALUE[c & 255]!;
    values |= v;
    return v;
  };
  let n = 0;
  for (let i = 0; i < whole; i += 4) {
    const v = (at(i) << 18) | (at(i + 1) << 12) | (at(i + 2) << 6) | at(i + 3);
    out[n++] = v >> 16;
    out[n++] = (v >> 8) & 0xff;
    out[n++] = v & 0xff;
  }
  if (rest >= 2) {
    const v = (at(whole) << 18) | (at(whole + 1) << 12) | (rest === 3 ? at(whole + 2) << 6 : 0);
    out[n++] = v >> 16;
    if (rest === 3) out[n] = (v >> 8) & 0xff;
  } else if (rest === 1) at(whole); // a lone last character gives no byte (Buffer drops it too)
  if (codes > 255 || values & 0x80) throw new RangeError('base64Decode: not a base64 character');
  return out;
}

/** Base64 with '=' padding (Buffer's toString('base64')). */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[v >> 18]! + B64[(v >> 12) & 63]! + B64[(v >> 6) & 63]! + B64[v & 63]!;
  }
  const left = bytes.length - i;
  if (left === 1) {
    const v = bytes[i]! << 16;
    out += `${B64[v >> 18]!}${B64[(v >> 12) & 63]!}==`;
  } else if (left === 2) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += `${B64[v >> 18]!}${B64[(v >> 12) & 63]!}${B64[(v >> 6) & 63]!}=`;
  }
  return out;
}

/** Big-endian unsigned integer of the bytes (empty: 0n). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}
