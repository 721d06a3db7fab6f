import { SupCertError } from '../errors.js';
import type { WorkBudget } from '../limits.js';
import { checkLimit } from '../limits.js';

/**
 * Decodes an exported text file as Windows writes it: UTF-16 LE with a BOM (`reg export`,
 * PowerShell 5 `>`), UTF-16 BE with a BOM, UTF-8 with or without a BOM (cmd `>` of an English
 * netsh, IIS's applicationHost.config). Bytes that are not UTF-8 (an OEM code page) become
 * U+FFFD: they only ever occur in text supcert then refuses as localised.
 *
 * @throws SupCertError EMPTY_INPUT (no text), LIMIT_EXCEEDED (limits.maxInputBytes).
 */
export function decodeText(bytes: Uint8Array, what: string, budget: WorkBudget): string {
  checkLimit(budget.limits, 'maxInputBytes', bytes.length, `${what}: input size in bytes`);
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
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

/** True when the bytes start like UTF-16 text with a BOM (how `reg export` writes). */
export function isUtf16Bom(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

/** The first `max` characters of a text, decoded leniently, for recognising a format. */
export function sniffText(bytes: Uint8Array, max = 4096): string {
  const head = bytes.subarray(0, max * 2);
  if (isUtf16Bom(head))
    return new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be')
      .decode(head.subarray(2))
      .slice(0, max);
  return new TextDecoder('utf-8').decode(head.subarray(0, max)).replace(/^\uFEFF/, '');
}

/** Splits into lines (CRLF, LF or CR), charging one maxElements unit per line. */
export function lines(text: string, what: string, budget: WorkBudget): string[] {
  const out = text.split(/\r\n|\n|\r/);
  budget.charge('maxElements', out.length, `${what}: lines`);
  return out;
}
