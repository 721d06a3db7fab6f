import { malformed } from '../errors.js';
import { type Asn1Node, type BerContext, Tag, TagClass, content, tagName } from './ber.js';

// UTCTime YYMMDDHHMM[SS](Z|±HHMM) and GeneralizedTime YYYYMMDDHHMMSS[.fff](Z|±HHMM).
// RFC 5280 requires the seconds and Z; older certificates omit seconds or use offsets, and
// Windows reads them, so they are accepted. Anything else is MALFORMED.
const UTC = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const GEN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?(Z|[+-]\d{4})?$/;

/** Longest UTCTime / GeneralizedTime accepted, in characters (the longest real one is ~24). */
export const MAX_TIME_LENGTH = 32;
const latin1 = new TextDecoder('latin1');

export function decodeTime(node: Asn1Node | undefined, what: string, ctx: BerContext): Date {
  if (!node) throw malformed(`${ctx.what}: ${what} is missing.`);
  if (
    node.cls !== TagClass.Universal ||
    (node.tag !== Tag.UtcTime && node.tag !== Tag.GeneralizedTime)
  ) {
    throw malformed(
      `${ctx.what}: ${what} should be a UTCTime or GeneralizedTime but is ${tagName(node)}.`,
    );
  }
  const bytes = content(node);
  // The longest real form is GeneralizedTime with a fraction and an offset (~24 characters):
  // anything longer is refused before it is turned into text (a 300 KB time once overflowed the
  // stack through a spread call).
  if (bytes.length > MAX_TIME_LENGTH)
    throw malformed(
      `${ctx.what}: ${what} is a ${tagName(node)} of ${bytes.length} bytes (at most ${MAX_TIME_LENGTH}); the file is corrupted.`,
    );
  const text = latin1.decode(bytes);
  const m = node.tag === Tag.UtcTime ? UTC.exec(text) : GEN.exec(text);
  if (!m)
    throw malformed(
      `${ctx.what}: ${what} "${text.replace(/[^\x20-\x7e]/g, '?')}" is not a valid ${tagName(node)}.`,
    );
  let year = Number(m[1]);
  // RFC 5280 §4.1.2.5.1: two-digit years 50..99 are 19xx, 00..49 are 20xx.
  if (node.tag === Tag.UtcTime) year += year >= 50 ? 1900 : 2000;
  const [month, day, hour, minute, rawSecond] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(
    Number,
  ) as [number, number, number, number, number];
  const second = Math.min(rawSecond, 59); // a leap second (60) is read as 59
  const zone = node.tag === Tag.UtcTime ? m[7]! : (m[8] ?? 'Z');
  const ms = node.tag === Tag.GeneralizedTime && m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    rawSecond > 60
  ) {
    throw malformed(`${ctx.what}: ${what} "${text}" is not a real date.`);
  }
  const base = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 30 February over into March: a changed day means the date does not exist.
  if (new Date(base).getUTCDate() !== day)
    throw malformed(`${ctx.what}: ${what} "${text}" is not a real date.`);
  let offset = 0;
  if (zone !== 'Z')
    offset =
      (zone.charAt(0) === '-' ? -1 : 1) *
      (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) *
      60_000;
  const date = new Date(base - offset);
  return date;
}
