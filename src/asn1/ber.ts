import { SupCertError, malformed } from '../errors.js';
import { concatBytes, concatList } from '../util/bytes.js';

/**
 * A small BER reader (DER is a subset). It reads what real certificate files contain,
 * including what strict DER parsers refuse: indefinite lengths and constructed OCTET STRINGs
 * (NSS/Firefox PFX exports, Apple Keychain .p7b). Nodes are read lazily: a definite-length
 * node's children are only parsed when asked for, so a large OCTET STRING costs nothing until
 * it is opened. Every read is bounded by the buffer and by `maxDepth`, so hostile input ends
 * in a SupCertError, never in a RangeError or a hang.
 */

/** Tag classes (X.690 §8.1.2.2). */
export const enum TagClass {
  Universal = 0,
  Application = 1,
  Context = 2,
  Private = 3,
}

/** Universal tag numbers used by certificate formats. */
export const enum Tag {
  Boolean = 1,
  Integer = 2,
  BitString = 3,
  OctetString = 4,
  Null = 5,
  Oid = 6,
  Utf8String = 12,
  Sequence = 16,
  Set = 17,
  NumericString = 18,
  PrintableString = 19,
  T61String = 20,
  Ia5String = 22,
  UtcTime = 23,
  GeneralizedTime = 24,
  VisibleString = 26,
  UniversalString = 28,
  BmpString = 30,
}

export interface Asn1Node {
  /** The buffer the node lives in (shared, never copied). */
  readonly buf: Uint8Array;
  readonly cls: TagClass;
  readonly constructed: boolean;
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  readonly contentStart: number;
  /** End of the contents (before the end-of-contents octets when indefinite). */
  readonly contentEnd: number;
  /** Offset just after the node, end-of-contents octets included. */
  readonly end: number;
  readonly indefinite: boolean;
  /** Nesting depth, 0 for a top-level node. */
  readonly depth: number;
}

/** Limits and a label that names the structure in error messages ("PKCS#12", "certificate"). */
export interface BerContext {
  maxDepth: number;
  what: string;
  /** Counts the elements decoded against the call's `limits.maxElements` (absent: not counted). */
  elements?: ElementCounter | undefined;
  /**
   * Most children one constructed element may have (default {@link MAX_CHILDREN}); see
   * {@link maxChildrenFor} to derive it from a call's limits.
   */
  maxChildren?: number | undefined;
}

/**
 * Default cap on the children of ONE constructed element. No real structure comes near it: the
 * widest are a PKCS#7 certificate set (limits.maxCertificates, 10,000), a PKCS#12 SafeContents
 * (limits.maxBags, 10,000) and a SAN (limits.maxAltNames, 10,000). It bounds the array that
 * {@link children} builds (~190 bytes an element): 3.9 million NULLs in one SEQUENCE once cost
 * 762 MB before any count limit was reached.
 */
export const MAX_CHILDREN = 65_536;

/** The per-element child cap for a call's limits: {@link MAX_CHILDREN}, or more when the caller raised a count limit above it. */
export function maxChildrenFor(limits: {
  readonly maxCertificates: number;
  readonly maxBags: number;
  readonly maxAltNames: number;
}): number {
  return Math.max(MAX_CHILDREN, limits.maxCertificates, limits.maxBags, limits.maxAltNames);
}

/** The part of a WorkBudget (src/limits.ts) the element counter draws from. */
export interface ElementBudget {
  readonly limits: { readonly maxElements: number };
  tryCharge(key: 'maxElements', units: number): boolean;
  spent(key: 'maxElements'): number;
}

/**
 * Counts every element header read (re-reads included: a lazily read indefinite-length node is
 * scanned again by each ancestor that lists its children, so this counts work, not distinct
 * elements). Draws from the call's budget in blocks of {@link ELEMENT_BLOCK} so that a read costs
 * a decrement, not a map update; the budget is therefore charged up to one block ahead.
 */
export class ElementCounter {
  /** Elements left in the block already drawn. */
  left = 0;
  constructor(private readonly budget: ElementBudget) {}

  /**
   * Draws the next block (or what is left of the limit).
   * @throws SupCertError LIMIT_EXCEEDED (limits.maxElements) when the budget is spent.
   */
  refill(what: string): void {
    const limit = this.budget.limits.maxElements;
    const units = Math.min(ELEMENT_BLOCK, limit - this.budget.spent('maxElements'));
    if (units <= 0 || !this.budget.tryCharge('maxElements', units)) {
      throw new SupCertError(
        'LIMIT_EXCEEDED',
        `${what}: decoding this file takes more than ${limit} ASN.1 elements (limits.maxElements, summed over the whole call). If the file is genuine, raise limits.maxElements.`,
      );
    }
    this.left = units - 1; // the read that called refill takes one
  }
}

/** Elements drawn from the budget at a time. */
export const ELEMENT_BLOCK = 256;

const counters = new WeakMap<ElementBudget, ElementCounter>();

/** The one element counter of a budget: every structure of a call draws from the same blocks. */
export function elementCounter(budget: ElementBudget): ElementCounter {
  let counter = counters.get(budget);
  if (!counter) counters.set(budget, (counter = new ElementCounter(budget)));
  return counter;
}

const UNIVERSAL_NAMES: Record<number, string> = {
  1: 'BOOLEAN',
  2: 'INTEGER',
  3: 'BIT STRING',
  4: 'OCTET STRING',
  5: 'NULL',
  6: 'OBJECT IDENTIFIER',
  12: 'UTF8String',
  16: 'SEQUENCE',
  17: 'SET',
  19: 'PrintableString',
  22: 'IA5String',
  23: 'UTCTime',
  24: 'GeneralizedTime',
  30: 'BMPString',
};

/** Human name of a node's tag, for messages ("SEQUENCE", "[0]"). */
export function tagName(node: Pick<Asn1Node, 'cls' | 'tag'>): string {
  if (node.cls === TagClass.Universal)
    return Object.hasOwn(UNIVERSAL_NAMES, node.tag)
      ? UNIVERSAL_NAMES[node.tag]!
      : `universal tag ${node.tag}`;
  if (node.cls === TagClass.Context) return `[${node.tag}]`;
  return `${node.cls === TagClass.Application ? 'application' : 'private'} tag ${node.tag}`;
}

/** Reads the node that starts at `offset`; it must end at or before `limit`. */
export function readNode(
  buf: Uint8Array,
  offset: number,
  limit: number,
  depth: number,
  ctx: BerContext,
): Asn1Node {
  if (depth > ctx.maxDepth) {
    throw new SupCertError(
      'LIMIT_EXCEEDED',
      `${ctx.what}: ASN.1 nesting deeper than ${ctx.maxDepth} levels. If the file is genuine, raise limits.maxDepth.`,
    );
  }
  const counter = ctx.elements;
  if (counter !== undefined && --counter.left < 0) counter.refill(ctx.what);
  let pos = offset;
  if (pos >= limit)
    throw malformed(
      `${ctx.what}: data ends where an ASN.1 element should start (offset ${pos}); the file is truncated.`,
    );
  const first = buf[pos++]!;
  const cls = (first >> 6) as TagClass;
  const constructed = (first & 0x20) !== 0;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    // High-tag-number form: base-128 digits; certificate formats never need more than 4.
    tag = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit) throw malformed(`${ctx.what}: truncated tag at offset ${offset}.`);
      if (i === 4) throw malformed(`${ctx.what}: tag number too large at offset ${offset}.`);
      const b = buf[pos++]!;
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= limit) throw malformed(`${ctx.what}: truncated length at offset ${offset}.`);
  const lenByte = buf[pos++]!;
  let length: number;
  if (lenByte < 0x80) {
    length = lenByte;
  } else if (lenByte === 0x80) {
    if (!constructed)
      throw malformed(`${ctx.what}: indefinite length on a primitive element at offset ${offset}.`);
    return readIndefinite(buf, offset, pos, limit, cls, tag, depth, ctx);
  } else {
    const count = lenByte & 0x7f;
    if (count > 4)
      throw malformed(
        `${ctx.what}: length field of ${count} bytes at offset ${offset}; no certificate file is that large.`,
      );
    if (pos + count > limit) throw malformed(`${ctx.what}: truncated length at offset ${offset}.`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++]!;
  }
  const end = pos + length;
  if (end > limit) {
    throw malformed(
      `${ctx.what}: an element at offset ${offset} claims ${length} bytes but only ${limit - pos} remain; the file is truncated or corrupted.`,
    );
  }
  return {
    buf,
    cls,
    constructed,
    tag,
    start: offset,
    contentStart: pos,
    contentEnd: end,
    end,
    indefinite: false,
    depth,
  };
}

function readIndefinite(
  buf: Uint8Array,
  start: number,
  contentStart: number,
  limit: number,
  cls: TagClass,
  tag: number,
  depth: number,
  ctx: BerContext,
): Asn1Node {
  let pos = contentStart;
  const max = ctx.maxChildren ?? MAX_CHILDREN;
  // The element read so far: its content ends at `pos`, the element itself at `end`.
  const node = (end: number): Asn1Node => ({
    buf,
    cls,
    constructed: true,
    tag,
    start,
    contentStart,
    contentEnd: pos,
    end,
    indefinite: true,
    depth,
  });
  for (let count = 0; ; count++) {
    if (count > max) throw tooManyChildren(node(pos), max, ctx);
    if (pos + 2 > limit)
      throw malformed(
        `${ctx.what}: indefinite-length element at offset ${start} has no end-of-contents marker; the file is truncated.`,
      );
    if (buf[pos] === 0 && buf[pos + 1] === 0) {
      return node(pos + 2);
    }
    pos = readNode(buf, pos, limit, depth + 1, ctx).end;
  }
}

/** Reads exactly one element spanning the whole buffer (trailing bytes are MALFORMED). */
export function readWhole(buf: Uint8Array, ctx: BerContext): Asn1Node {
  const node = readNode(buf, 0, buf.length, 0, ctx);
  if (node.end !== buf.length) {
    throw malformed(
      `${ctx.what}: ${buf.length - node.end} unexpected bytes after the end of the data (offset ${node.end}).`,
    );
  }
  return node;
}

/**
 * Like {@link readWhole}, but zero bytes after the top element are ignored and counted
 * (`padding`). Windows export APIs size their output buffer before writing and hand back the
 * unused tail as zeros, so a .pfx or .p7b saved from them can end in a few 0x00 bytes; Windows
 * and OpenSSL read such files. Any other trailing byte is MALFORMED, as in readWhole.
 */
export function readWholePadded(
  buf: Uint8Array,
  ctx: BerContext,
): { node: Asn1Node; padding: number } {
  const node = readNode(buf, 0, buf.length, 0, ctx);
  for (let i = node.end; i < buf.length; i++) {
    if (buf[i] !== 0) {
      throw malformed(
        `${ctx.what}: ${buf.length - node.end} unexpected bytes after the end of the data (offset ${node.end}). The file was damaged or something was appended to it: export it again.`,
      );
    }
  }
  return { node, padding: buf.length - node.end };
}

/** The children of a constructed node, in order. */
export function children(node: Asn1Node, ctx: BerContext): Asn1Node[] {
  if (!node.constructed)
    throw malformed(
      `${ctx.what}: expected a constructed element at offset ${node.start}, found a primitive ${tagName(node)}.`,
    );
  const out: Asn1Node[] = [];
  const max = ctx.maxChildren ?? MAX_CHILDREN;
  let pos = node.contentStart;
  while (pos < node.contentEnd) {
    if (out.length === max) throw tooManyChildren(node, max, ctx);
    const child = readNode(node.buf, pos, node.contentEnd, node.depth + 1, ctx);
    out.push(child);
    pos = child.end;
  }
  return out;
}

function tooManyChildren(node: Asn1Node, max: number, ctx: BerContext): SupCertError {
  return new SupCertError(
    'LIMIT_EXCEEDED',
    `${ctx.what}: the ${tagName(node)} at offset ${node.start} holds more than ${max} elements; no real certificate structure does. If the file is genuine, raise limits.maxCertificates (or maxBags, maxAltNames) above ${max}.`,
  );
}

/** The DER/BER bytes of the whole node (header included). */
export function encoded(node: Asn1Node): Uint8Array {
  return node.buf.subarray(node.start, node.end);
}

/** The content bytes of a primitive node. */
export function content(node: Asn1Node): Uint8Array {
  return node.buf.subarray(node.contentStart, node.contentEnd);
}

export function is(node: Asn1Node | undefined, cls: TagClass, tag: number): node is Asn1Node {
  return node !== undefined && node.cls === cls && node.tag === tag;
}

/** Asserts a universal tag; `what` names the field for the message. */
export function expectUniversal(
  node: Asn1Node | undefined,
  tag: Tag,
  what: string,
  ctx: BerContext,
): Asn1Node {
  if (!node) throw malformed(`${ctx.what}: ${what} is missing.`);
  if (node.cls !== TagClass.Universal || node.tag !== tag) {
    throw malformed(
      `${ctx.what}: ${what} should be ${tagName({ cls: TagClass.Universal, tag })} but is ${tagName(node)} (offset ${node.start}).`,
    );
  }
  return node;
}

/** The children of a SEQUENCE (or SET), asserting the tag. */
export function sequence(
  node: Asn1Node | undefined,
  what: string,
  ctx: BerContext,
  tag: Tag = Tag.Sequence,
): Asn1Node[] {
  return children(expectUniversal(node, tag, what, ctx), ctx);
}

/** Reads the contents of an [n] EXPLICIT wrapper: its single child. */
export function explicit(node: Asn1Node, what: string, ctx: BerContext): Asn1Node {
  const inner = children(node, ctx);
  if (inner.length !== 1)
    throw malformed(`${ctx.what}: ${what} should hold exactly one element, found ${inner.length}.`);
  return inner[0]!;
}

/**
 * The bytes of an OCTET STRING, primitive or constructed (BER allows a constructed string of
 * primitive pieces; NSS and Keychain write them). Also used for [n] IMPLICIT OCTET STRINGs.
 */
export function octets(node: Asn1Node, ctx: BerContext): Uint8Array {
  if (!node.constructed) return content(node);
  const parts: Uint8Array[] = [];
  collectOctets(node, ctx, parts);
  if (parts.length === 1) return parts[0]!;
  return concatList(parts);
}

function collectOctets(node: Asn1Node, ctx: BerContext, parts: Uint8Array[]): void {
  for (const child of children(node, ctx)) {
    if (child.cls !== TagClass.Universal || child.tag !== Tag.OctetString) {
      throw malformed(
        `${ctx.what}: a constructed OCTET STRING contains ${tagName(child)} (offset ${child.start}).`,
      );
    }
    if (child.constructed) collectOctets(child, ctx, parts);
    else parts.push(content(child));
  }
}

/**
 * OBJECT IDENTIFIER as dotted text. Arcs beyond 2^53 are decoded exactly with BigInt, up to
 * 128 bits (the largest real arcs are the UUIDs under 2.25, ITU-T X.667); a longer arc is MALFORMED.
 * @throws SupCertError MALFORMED
 */
export function oid(node: Asn1Node | undefined, what: string, ctx: BerContext): string {
  const n = expectUniversal(node, Tag.Oid, what, ctx);
  const text = cachedOid(content(n));
  if (text === null)
    throw malformed(
      `${ctx.what}: ${what} is not a valid OBJECT IDENTIFIER, or has an arc longer than ${MAX_OID_ARC_BITS} bits (offset ${n.start}).`,
    );
  return text;
}

/**
 * The few dozen OIDs of real files repeat in every certificate (a bundle of 10,000 certificates
 * decodes ~300,000 of them): short ones are memoised by their bytes. Bounded: at most
 * {@link OID_CACHE_SIZE} entries of at most {@link OID_CACHE_BYTES} bytes, then the cache stops growing.
 */
const oidCache = new Map<string, string | null>();
const OID_CACHE_SIZE = 1024;
const OID_CACHE_BYTES = 24;

function cachedOid(bytes: Uint8Array): string | null {
  if (bytes.length > OID_CACHE_BYTES) return decodeOid(bytes);
  let key = '';
  for (let i = 0; i < bytes.length; i++) key += String.fromCharCode(bytes[i]!);
  let text = oidCache.get(key);
  if (text === undefined) {
    text = decodeOid(bytes);
    if (oidCache.size < OID_CACHE_SIZE) oidCache.set(key, text);
  }
  return text;
}

/** Widest OID arc decoded: a UUID arc under 2.25 (ITU-T X.667) is 128 bits; nothing real is wider. */
export const MAX_OID_ARC_BITS = 128;
/** Significant base-128 digits of a 128-bit arc (19 × 7 = 133 ≥ 128). */
const MAX_ARC_DIGITS = Math.ceil(MAX_OID_ARC_BITS / 7);
const ARC_LIMIT = 1n << BigInt(MAX_OID_ARC_BITS);

/**
 * OID content bytes as dotted text, or null when they are not a valid OID or an arc is wider
 * than {@link MAX_OID_ARC_BITS}. Linear in the length: no arc's number grows past 133 bits (an
 * arc of 200 KB once cost a BigInt multiplication per byte on an ever larger number: 17 s).
 */
export function decodeOid(bytes: Uint8Array): string | null {
  if (bytes.length === 0 || (bytes[bytes.length - 1]! & 0x80) !== 0) return null;
  const arcs: string[] = [];
  let value = 0;
  let big: bigint | null = null;
  let digits = 0;
  let first = true;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    // Leading 0x80 digits add nothing; count the significant ones.
    if (digits > 0 || (b & 0x7f) !== 0) {
      if (++digits > MAX_ARC_DIGITS) return null;
    }
    if (big === null && value > 2 ** 45) big = BigInt(value);
    if (big !== null) big = big * 128n + BigInt(b & 0x7f);
    else value = value * 128 + (b & 0x7f);
    if ((b & 0x80) !== 0) continue;
    if (big !== null && big >= ARC_LIMIT) return null;
    if (first) {
      // The first subidentifier packs two arcs: 40 * X + Y, with X in 0..2.
      const v = big ?? BigInt(value);
      const x = v < 40n ? 0n : v < 80n ? 1n : 2n;
      arcs.push(String(x), String(v - 40n * x));
      first = false;
    } else {
      arcs.push(big !== null ? big.toString() : String(value));
    }
    value = 0;
    big = null;
    digits = 0;
  }
  return arcs.join('.');
}

/**
 * DER of one element: `tag` (one identifier octet, e.g. 0x30 SEQUENCE), the definite length of
 * `body` (short form under 128 bytes, else the long form in the fewest octets), then `body`.
 * Used to build small structures (OCSP requests, SubjectPublicKeyInfo and PKCS#8 wrappers).
 */
export function derTlv(tag: number, body: Uint8Array): Uint8Array {
  const len: number[] = [];
  if (body.length < 0x80) len.push(body.length);
  else {
    for (let n = body.length; n > 0; n = Math.floor(n / 256)) len.unshift(n % 256);
    len.unshift(0x80 | len.length);
  }
  return concatBytes(Uint8Array.from([tag, ...len]), body);
}

/** Encodes dotted OID text to content bytes (used to build lookup keys and test input). */
export function encodeOid(text: string): Uint8Array {
  const arcs = text.split('.').map((a) => BigInt(a));
  const out: number[] = [];
  const push = (v: bigint): void => {
    const digits: number[] = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) digits.push(Number(v & 0x7fn) | 0x80);
    for (let i = digits.length - 1; i >= 0; i--) out.push(digits[i]!);
  };
  push(arcs[0]! * 40n + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return Uint8Array.from(out);
}

/** INTEGER as a JS number; MALFORMED when it does not fit (iteration counts, versions). */
export function smallInt(node: Asn1Node | undefined, what: string, ctx: BerContext): number {
  const n = expectUniversal(node, Tag.Integer, what, ctx);
  const bytes = content(n);
  if (bytes.length === 0) throw malformed(`${ctx.what}: ${what} is an empty INTEGER.`);
  if (bytes.length > 6)
    throw malformed(
      `${ctx.what}: ${what} is an INTEGER of ${bytes.length} bytes, far beyond any sane value: the file is damaged or was altered. Copy or export it again.`,
    );
  let value = 0;
  for (const b of bytes) value = value * 256 + b;
  // Two's complement: a set top bit makes the value negative.
  if ((bytes[0]! & 0x80) !== 0) value -= 256 ** bytes.length;
  return value;
}

/** INTEGER content as unsigned big-endian bytes without leading zero octets (moduli, serials). */
export function unsignedIntBytes(
  node: Asn1Node | undefined,
  what: string,
  ctx: BerContext,
): Uint8Array {
  const bytes = content(expectUniversal(node, Tag.Integer, what, ctx));
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

export function bool(node: Asn1Node | undefined, what: string, ctx: BerContext): boolean {
  const bytes = content(expectUniversal(node, Tag.Boolean, what, ctx));
  if (bytes.length !== 1)
    throw malformed(`${ctx.what}: ${what} is a BOOLEAN of ${bytes.length} bytes.`);
  return bytes[0] !== 0;
}

export interface BitString {
  unusedBits: number;
  bytes: Uint8Array;
}

export function bitString(node: Asn1Node | undefined, what: string, ctx: BerContext): BitString {
  const n = expectUniversal(node, Tag.BitString, what, ctx);
  // Constructed BIT STRINGs are legal BER but never seen in certificates; refuse them clearly.
  if (n.constructed)
    throw malformed(
      `${ctx.what}: constructed BIT STRING at offset ${n.start} is not supported here.`,
    );
  const bytes = content(n);
  if (bytes.length === 0 || bytes[0]! > 7)
    throw malformed(`${ctx.what}: ${what} is not a valid BIT STRING (offset ${n.start}).`);
  return { unusedBits: bytes[0]!, bytes: bytes.subarray(1) };
}

/** An OCTET STRING's bytes, primitive or constructed (BER), asserting the tag. */
export function octetString(node: Asn1Node | undefined, what: string, ctx: BerContext): Uint8Array {
  return octets(expectUniversal(node, Tag.OctetString, what, ctx), ctx);
}
