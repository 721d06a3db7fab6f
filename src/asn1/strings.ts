import { malformed } from '../errors.js';
import { utf16Decode } from '../util/bytes.js';
import { type Asn1Node, type BerContext, Tag, TagClass, content, tagName } from './ber.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/** Decodes UTF-8, falling back to Latin-1 so a mis-encoded name is still shown, not lost. */
export function decodeUtf8Lenient(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

/**
 * UTF-16BE (BMPString), decoded in bulk (chunks of code units, joined once): a
 * character-at-a-time concatenation once took 10.8 s and 1.3 GB for a 30 MB name. Code units are
 * kept as they are (a lone surrogate stays a lone surrogate, as before). A trailing odd byte is
 * malformed.
 */
export function decodeBmp(bytes: Uint8Array): string | null {
  if (bytes.length % 2 !== 0) return null;
  return utf16Decode(bytes, true);
}

/**
 * UTF-32BE (UniversalString), decoded in bulk: the code points are checked, then written as
 * UTF-16LE code units into one array and decoded at once (linear; no string grows per character).
 */
function decodeUniversal(bytes: Uint8Array): string | null {
  if (bytes.length % 4 !== 0) return null;
  const out = new Uint8Array(bytes.length); // at most two UTF-16 units (4 bytes) per code point
  const view = new DataView(out.buffer);
  let pos = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const cp =
      ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
    if (cp > 0x10ffff) return null;
    if (cp < 0x10000) {
      view.setUint16(pos, cp, true);
      pos += 2;
    } else {
      const v = cp - 0x10000;
      view.setUint16(pos, 0xd800 | (v >> 10), true);
      view.setUint16(pos + 2, 0xdc00 | (v & 0x3ff), true);
      pos += 4;
    }
  }
  return utf16Decode(out.subarray(0, pos));
}

/** Whether a node is one of the ASN.1 character string types certificates use. */
export function isStringNode(node: Asn1Node): boolean {
  if (node.cls !== TagClass.Universal || node.constructed) return false;
  switch (node.tag) {
    case Tag.Utf8String:
    case Tag.NumericString:
    case Tag.PrintableString:
    case Tag.T61String:
    case Tag.Ia5String:
    case Tag.VisibleString:
    case Tag.UniversalString:
    case Tag.BmpString:
      return true;
    default:
      return false;
  }
}

/**
 * Decodes any directory string type to Unicode. T61String is read as Latin-1, as Windows and
 * OpenSSL do in practice. Anything that is not a string type is MALFORMED.
 */
export function decodeString(node: Asn1Node, ctx: BerContext, what: string): string {
  if (!isStringNode(node))
    throw malformed(`${ctx.what}: ${what} should be a character string but is ${tagName(node)}.`);
  const bytes = content(node);
  let text: string | null;
  switch (node.tag) {
    case Tag.BmpString:
      text = decodeBmp(bytes);
      break;
    case Tag.UniversalString:
      text = decodeUniversal(bytes);
      break;
    case Tag.T61String:
      text = latin1.decode(bytes);
      break;
    // UTF8String, and the ASCII subsets: a non-ASCII byte in an IA5String is an encoding error
    // of the issuer, but the name must still be shown (and will not match), so decode leniently.
    default:
      text = decodeUtf8Lenient(bytes);
  }
  if (text === null)
    throw malformed(`${ctx.what}: ${what} has an invalid ${tagName(node)} encoding.`);
  return text;
}
