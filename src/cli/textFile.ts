// No library import: loaded by check-request too (see library.ts).

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
  const step = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? 2 : 1;
  if (step === 2) start = bytes[0] === 0xff ? 2 : 3;
  let i = start;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i += step;
  if (i >= bytes.length) return false;
  if (bytes[0] === 0x30 || bytes[i] === 0x4d /* M */ || bytes[i] === 0x2d /* - */) return false;
  // Text: no NUL and no other C0 control but tab, CR, LF in what was read (a binary file is not a note).
  for (let j = start; j < bytes.length; j += step) {
    const b = bytes[j]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  }
  return true;
}
