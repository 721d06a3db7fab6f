import { SupCertError } from '../errors.js';
import type { WorkBudget } from '../limits.js';
import { checkLimit } from '../limits.js';

/**
 * UTF-16 text without a BOM (a file written with `[Text.Encoding]::Unicode.GetBytes`, a copy
 * through a tool that dropped the BOM): the first two characters are ASCII, each with a zero
 * byte (XML 1.0 Appendix F autodetects `<?` the same way). A DER, PKCS#12 or .sst file never
 * starts so (0x30 then a length; four zero bytes).
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const ascii = (x: number): boolean => x >= 0x09 && x < 0x80;
  if (ascii(a) && b === 0 && ascii(c) && d === 0) return 'utf-16le';
  if (a === 0 && ascii(b) && c === 0 && ascii(d)) return 'utf-16be';
  return null;
}

/**
 * Decodes an exported text file as Windows writes it: UTF-16 LE with a BOM (`reg export`,
 * PowerShell 5 `>`), UTF-16 BE with a BOM, UTF-16 without a BOM (recognised by its zero bytes),
 * UTF-8 with or without a BOM (cmd `>` of an English netsh, IIS's applicationHost.config). Bytes
 * that are not UTF-8 (an OEM code page) become U+FFFD: they only ever occur in text supcert then
 * refuses as localised.
 *
 * @throws SupCertError EMPTY_INPUT (no text), LIMIT_EXCEEDED (limits.maxInputBytes).
 */
export function decodeText(input: Uint8Array, what: string, budget: WorkBudget): string {
  checkLimit(budget.limits, 'maxInputBytes', input.length, `${what}: input size in bytes`);
  const bytes = withoutUtf8BomBeforeUtf16(input);
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else if (bomlessUtf16(bytes)) text = new TextDecoder(bomlessUtf16(bytes)!).decode(bytes);
  else
    text = new TextDecoder('utf-8').decode(
      bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
        ? bytes.subarray(3)
        : bytes,
    );
  if (text.trim() === '')
    throw new SupCertError(
      'EMPTY_INPUT',
      `${what} is empty: export it again (the command may have failed, or written to another file).`,
    );
  return text;
}

/**
 * UTF-16 text behind a UTF-8 BOM (a UTF-16 export passed through a tool that wrote a UTF-8 BOM
 * first): the bytes after the UTF-8 BOM; the bytes as they are otherwise.
 */
function withoutUtf8BomBeforeUtf16(bytes: Uint8Array): Uint8Array {
  if (!(bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf))
    return bytes;
  const rest = bytes.subarray(3);
  return isUtf16Bom(rest) || bomlessUtf16(rest) ? rest : bytes;
}

/** True when the bytes start like UTF-16 text with a BOM (how `reg export` writes). */
export function isUtf16Bom(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

/** The first `max` characters of a text, decoded leniently, for recognising a format. */
export function sniffText(bytes: Uint8Array, max = 4096): string {
  const head = withoutUtf8BomBeforeUtf16(bytes.subarray(0, max * 2 + 3));
  if (isUtf16Bom(head))
    return new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be')
      .decode(head.subarray(2))
      .slice(0, max);
  const utf16 = bomlessUtf16(head);
  if (utf16) return new TextDecoder(utf16).decode(head).slice(0, max);
  return new TextDecoder('utf-8').decode(head.subarray(0, max)).replace(/^\uFEFF/, '');
}

/** Splits into lines (CRLF, LF or CR), charging one maxElements unit per line. */
export function lines(text: string, what: string, budget: WorkBudget): string[] {
  const out = text.split(/\r\n|\n|\r/);
  budget.charge('maxElements', out.length, `${what}: lines`);
  return out;
}

/** The number of lines of a text as {@link lines} splits it (CRLF, LF or CR). */
function countLines(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) count++;
    else if (c === 0x0d) {
      count++;
      if (text.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return count;
}

/**
 * The lines of a text (CRLF, LF or CR) one at a time, as {@link lines} splits them, without
 * holding them all (a 32 MiB file of two million lines took ~300 MB as an array of strings).
 * With a budget, one maxElements unit per line is charged before the first line.
 */
export function lineCursor(
  text: string,
  what: string,
  budget: WorkBudget | null,
): { next: () => string | undefined } {
  if (budget) budget.charge('maxElements', countLines(text), `${what}: lines`);
  let start = 0;
  return {
    next(): string | undefined {
      if (start > text.length) return undefined;
      for (let i = start; i <= text.length; i++) {
        const c = i < text.length ? text.charCodeAt(i) : 0x0a;
        if (c !== 0x0a && c !== 0x0d) continue;
        const line = text.slice(start, i);
        start = c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
        return line;
      }
      return undefined;
    },
  };
}

/** Calls `fn` with each line of {@link lineCursor}. */
export function eachLine(
  text: string,
  what: string,
  budget: WorkBudget | null,
  fn: (line: string) => void,
): void {
  const cursor = lineCursor(text, what, budget);
  for (let line = cursor.next(); line !== undefined; line = cursor.next()) fn(line);
}
