/**
 * Is this a text file that merely is not a certificate (a readme, notes), rather than a damaged
 * certificate file? The reader tries text without PEM armour as bare base64 and calls it damaged
 * (MALFORMED). Bare base64 of DER (a certificate, .p7b or .pfx: a SEQUENCE, byte 0x30) always
 * begins with "M"; binary DER begins with 0x30; PEM with "-----". Anything else is not one.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  // UTF-16 with a BOM: every other byte (ASCII text) is what counts.
  const step =
    (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 2 : 1;
  if (step === 2) start = bytes[0] === 0xff ? 2 : 3;
  let i = start;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i += step;
  if (i >= bytes.length) return false;
  if (bytes[0] === 0x30 || bytes[i] === 0x2d /* - */) return false;
  // "M…": bare base64 of DER, unless something in it is not base64 (a word gap, punctuation):
  // "Meeting notes: …" is text, "MIIDdzCCAl+gAwIBAgI…" is a damaged certificate.
  if (bytes[i] === 0x4d /* M */ && !hasNonBase64(bytes, i, step)) return false;
  // Text: no NUL and no other C0 control but tab, CR, LF in what was read (a binary file is not a note).
  for (let j = start; j < bytes.length; j += step) {
    const b = bytes[j]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  }
  return true;
}

/** A byte that bare base64 never holds: outside A-Z a-z 0-9 + / = and line breaks, or a space or tab inside a line. */
function hasNonBase64(bytes: Uint8Array, from: number, step: number): boolean {
  for (let j = from; j < bytes.length; j += step) {
    const b = bytes[j]!;
    const base64 =
      (b >= 0x41 && b <= 0x5a) ||
      (b >= 0x61 && b <= 0x7a) ||
      (b >= 0x30 && b <= 0x39) ||
      b === 0x2b ||
      b === 0x2f ||
      b === 0x3d;
    if (base64 || b === 0x0a || b === 0x0d) continue;
    if (b === 0x20 || b === 0x09) {
      // Trailing blanks at a line end are what editors leave; a blank between characters is a word gap.
      let k = j + step;
      while (k < bytes.length && (bytes[k] === 0x20 || bytes[k] === 0x09)) k += step;
      if (k < bytes.length && bytes[k] !== 0x0a && bytes[k] !== 0x0d) return true;
      continue;
    }
    return true;
  }
  return false;
}
