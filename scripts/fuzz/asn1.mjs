/**
 * A lenient BER reader and a DER writer for the mutator: parse a tree (descending into OCTET
 * STRING / BIT STRING content that is itself DER, as PKCS#12, PKCS#7 and X.509 extensions nest),
 * edit a node, and write the tree back with every enclosing length fixed. Also lists the raw
 * TLV headers of an input for header-level (length / tag) edits that deliberately break it.
 * Never throws on bad input: a part that does not parse stays raw bytes.
 */

const MAX_NODES = 20000;
const MAX_DEPTH = 48;

/** Reads one header at `pos` (limit `end`); null when it does not fit. */
export function readHeader(bytes, pos, end) {
  if (pos >= end) return null;
  const first = bytes[pos];
  let p = pos + 1;
  let tag = first & 0x1f;
  if (tag === 0x1f) {
    tag = 0;
    let n = 0;
    for (;;) {
      if (p >= end || n >= 4) return null;
      const b = bytes[p++];
      tag = tag * 128 + (b & 0x7f);
      n++;
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= end) return null;
  const lengthStart = p;
  const lb = bytes[p++];
  let length;
  let indefinite = false;
  if (lb < 0x80) length = lb;
  else if (lb === 0x80) indefinite = true;
  else {
    const n = lb & 0x7f;
    if (n > 4 || p + n > end) return null;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[p++];
  }
  const constructed = (first & 0x20) !== 0;
  if (indefinite && !constructed) return null;
  if (!indefinite && p + length > end) return null;
  return {
    start: pos,
    cls: first >> 6,
    constructed,
    tag,
    idEnd: lengthStart,
    lengthStart,
    hdrEnd: p,
    length,
    indefinite,
  };
}

/**
 * Parses bytes[start, end) as a sequence of TLVs. Returns an array of nodes, or null when the
 * range is not exactly a sequence of TLVs. Node: { id: Uint8Array (identifier octets), cls,
 * constructed, tag, start, hdrEnd, end, children: Node[] | null, prefix: Uint8Array | null
 * (BIT STRING unused-bits byte before encapsulated children), raw: Uint8Array (content) }.
 */
export function parseTlvs(bytes, start, end, state = { count: 0 }, depth = 0) {
  const nodes = [];
  let pos = start;
  while (pos < end) {
    const node = parseOne(bytes, pos, end, state, depth);
    if (!node) return null;
    nodes.push(node);
    pos = node.end;
  }
  return nodes;
}

/** One TLV at `pos` that ends at or before `end`, or null. */
export function parseOne(bytes, pos, end, state = { count: 0 }, depth = 0) {
  if (state.count++ > MAX_NODES || depth > MAX_DEPTH) return null;
  const h = readHeader(bytes, pos, end);
  if (!h) return null;
  const node = {
    id: bytes.subarray(h.start, h.idEnd),
    cls: h.cls,
    constructed: h.constructed,
    tag: h.tag,
    start: h.start,
    hdrEnd: h.hdrEnd,
    end: 0,
    children: null,
    prefix: null,
    raw: null,
  };
  if (h.indefinite) {
    // Children until an end-of-contents 00 00.
    const kids = [];
    let p = h.hdrEnd;
    for (;;) {
      if (p + 2 > end) return null;
      if (bytes[p] === 0 && bytes[p + 1] === 0) {
        p += 2;
        break;
      }
      const kid = parseOne(bytes, p, end, state, depth + 1);
      if (!kid) return null;
      kids.push(kid);
      p = kid.end;
    }
    node.children = kids;
    node.end = p;
    node.raw = bytes.subarray(h.hdrEnd, p - 2);
    return node;
  }
  node.end = h.hdrEnd + h.length;
  node.raw = bytes.subarray(h.hdrEnd, node.end);
  if (h.constructed) {
    node.children = parseTlvs(bytes, h.hdrEnd, node.end, state, depth + 1);
  } else if (h.cls === 0 && (h.tag === 4 || h.tag === 3) && h.length >= 2) {
    // Encapsulated DER: an OCTET STRING / BIT STRING whose content is exactly TLVs.
    const off = h.tag === 3 ? 1 : 0;
    const first = bytes[h.hdrEnd + off];
    if (
      first === 0x30 ||
      first === 0x31 ||
      first === 0x04 ||
      first === 0x02 ||
      first === 0x06 ||
      first === 0x03 ||
      first === 0x16 ||
      first === 0x0c
    ) {
      const kids = parseTlvs(bytes, h.hdrEnd + off, node.end, state, depth + 1);
      if (kids && kids.length > 0) {
        node.children = kids;
        node.prefix = off ? bytes.subarray(h.hdrEnd, h.hdrEnd + 1) : new Uint8Array(0);
      }
    }
  }
  return node;
}

/** The first TLV of a DER/BER input (trailing bytes kept apart), or null. */
export function parseTree(bytes) {
  const root = parseOne(bytes, 0, bytes.length);
  if (!root) return null;
  return { root, trailer: bytes.subarray(root.end) };
}

export function encodeLength(n) {
  if (n < 0x80) return Uint8Array.of(n);
  const out = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.of(0x80 | out.length, ...out);
}

/** Writes a node back in definite-length form with fresh lengths. */
export function encodeNode(node) {
  const content = node.children
    ? concat([node.prefix ?? new Uint8Array(0), ...node.children.map(encodeNode)])
    : node.raw;
  return concat([node.id, encodeLength(content.length), content]);
}

export function concat(parts) {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Every node of the tree, each with its parent and index in the parent, depth first. */
export function flatten(root) {
  const out = [];
  const walk = (node, parent, index, depth) => {
    out.push({ node, parent, index, depth });
    if (node.children) node.children.forEach((c, i) => walk(c, node, i, depth + 1));
  };
  walk(root, null, 0, 0);
  return out;
}

/** A deep copy whose children arrays can be edited (raw/id buffers are shared, never written). */
export function cloneNode(node) {
  return { ...node, children: node.children ? node.children.map(cloneNode) : null };
}

/** Identifier octets for class / constructed / tag number (high tag numbers in long form). */
export function makeId(cls, constructed, tag) {
  const lead = (cls << 6) | (constructed ? 0x20 : 0);
  if (tag < 31) return Uint8Array.of(lead | tag);
  const out = [];
  let t = tag;
  out.unshift(t & 0x7f);
  t = Math.floor(t / 128);
  while (t > 0) {
    out.unshift(0x80 | (t & 0x7f));
    t = Math.floor(t / 128);
  }
  return Uint8Array.of(lead | 0x1f, ...out);
}

export function leaf(cls, tag, raw) {
  return {
    id: makeId(cls, false, tag),
    cls,
    constructed: false,
    tag,
    start: 0,
    hdrEnd: 0,
    end: 0,
    children: null,
    prefix: null,
    raw,
  };
}

export function constructedNode(cls, tag, children) {
  return {
    id: makeId(cls, true, tag),
    cls,
    constructed: true,
    tag,
    start: 0,
    hdrEnd: 0,
    end: 0,
    children,
    prefix: null,
    raw: new Uint8Array(0),
  };
}

/**
 * Collects, from a set of DER inputs, the contents seen per universal tag (OIDs, INTEGERs,
 * strings, times ...) and whole small subtrees: the value dictionary for "replace with a
 * value from elsewhere" edits.
 */
export function harvest(bytesList, dict = { byTag: new Map(), subtrees: [] }) {
  const seen = new Set();
  for (const bytes of bytesList) {
    const tree = parseTree(bytes);
    if (!tree) continue;
    for (const { node } of flatten(tree.root)) {
      if (!node.children && node.raw.length <= 64) {
        const key = `${node.cls}.${node.tag}`;
        const sig = `${key}:${Buffer.from(node.raw).toString('hex')}`;
        if (seen.has(sig)) continue;
        seen.add(sig);
        if (!dict.byTag.has(key)) dict.byTag.set(key, []);
        dict.byTag.get(key).push(node.raw);
      } else if (node.children && node.end - node.start <= 512 && dict.subtrees.length < 4000) {
        const enc = encodeNode(node);
        const sig = `t:${Buffer.from(enc).toString('base64')}`;
        if (seen.has(sig)) continue;
        seen.add(sig);
        dict.subtrees.push(enc);
      }
    }
  }
  return dict;
}
