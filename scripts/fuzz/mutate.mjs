/**
 * The mutator: byte-level havoc, ASN.1-aware edits (tree edits that keep every length right,
 * header edits that deliberately break one), PEM- and base64-aware edits, format conversions
 * and splicing with other corpus entries. Deterministic for a given Rng state.
 */
import {
  concat,
  constructedNode,
  encodeLength,
  encodeNode,
  flatten,
  leaf,
  makeId,
  parseTree,
} from './asn1.mjs';
import {
  PEM_HEADERS,
  PEM_LABELS,
  PREAMBLES,
  decodeBase64,
  encodePem,
  findBlocks,
  wrap,
} from './pem.mjs';
import { remac } from './pfx.mjs';

const INTERESTING_BYTES = [
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x1e, 0x1f, 0x20, 0x30,
  0x31, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0x88, 0xa0, 0xa3, 0xff, 0xfe,
];
const INTERESTING_RUNS = [
  [0x00, 0x00],
  [0x80],
  [0x81, 0xff],
  [0x82, 0xff, 0xff],
  [0x84, 0x7f, 0xff, 0xff, 0xff],
  [0x84, 0xff, 0xff, 0xff, 0xff],
  [0x88, 0, 0, 0, 0, 0, 0, 0, 1],
  [0x30, 0x80],
  [0x30, 0x00],
  [0x02, 0x00],
  [0x02, 0x01, 0x00],
  [0x02, 0x01, 0xff],
  [0x06, 0x00],
  [0x06, 0x01, 0x80],
  [0x04, 0x80],
  [0x24, 0x80, 0x04, 0x00, 0x00, 0x00],
  [0x1f, 0xff, 0xff, 0xff, 0xff, 0x7f],
  [0x03, 0x01, 0x08],
  [0x17, 0x00],
  [0x18, 0x0f],
  [0xa0, 0x80, 0x00, 0x00],
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
];
const INTERESTING_INTEGERS = [
  [],
  [0x00],
  [0x01],
  [0x02],
  [0x03],
  [0x7f],
  [0x80],
  [0xff],
  [0x00, 0x80],
  [0x00, 0x00, 0x01],
  [0xff, 0xff],
  [0x7f, 0xff, 0xff, 0xff],
  [0x80, 0x00, 0x00, 0x00],
  [0x00, 0x98, 0x96, 0x80],
  [0x4e, 0x20],
  [0x4e, 0x21],
  [0x08, 0x00],
  [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
  Array(64).fill(0xff),
  Array(300).fill(0x11),
];
const TEXT_CHARS = [
  ' ',
  '\n',
  '\r',
  '\t',
  '\r\n',
  '=',
  '==',
  '-',
  '--',
  '.',
  '..',
  '*',
  '*.',
  '&',
  ':',
  '/',
  '\\',
  '\0',
  'ü',
  '\u00a0',
  '\u200b',
  '\ufeff',
  'A',
  'a',
  'z',
  '0',
  '9',
  '+',
  '%',
  '[',
  ']',
  ',',
  ';',
  '"',
  "'",
  '@',
  'xn--',
  'dns=',
  'DNS=',
  'san:',
  'ip=',
  'upn=',
  'https://',
  ':8531',
  'ı',
  'İ',
  'K',
  'ß',
  'ﬀ',
  '\ud800',
  '\udc00',
  '😀',
  'ＳＵＰ',
  '。',
  '．',
  '-----',
  'BEGIN',
  'END',
  '\u0085',
  '\u2028',
];
/** Lines of certreq INF files and CA web-enrollment attribute text. */
const TEXT_LINES = [
  '[NewRequest]',
  '[Extensions]',
  '[RequestAttributes]',
  '[Strings]',
  '[EnhancedKeyUsageExtension]',
  '[Version]',
  'Signature="$Windows NT$"',
  'Subject = "CN=sup01.corp.contoso.com"',
  'Subject = "CN=%host%"',
  'KeyLength = 2048',
  'KeyLength = 512',
  'MachineKeySet = TRUE',
  'Exportable = TRUE',
  'ProviderName = "Microsoft Software Key Storage Provider"',
  'KeySpec = 1',
  'KeyUsage = 0xa0',
  'HashAlgorithm = SHA1',
  'RequestType = PKCS10',
  '2.5.29.17 = "{text}"',
  '_continue_ = "dns=sup01.corp.contoso.com&"',
  '_continue_ = "dns=sup01.contoso.com"',
  '2.5.29.37 = "{text}"',
  '_continue_ = "1.3.6.1.5.5.7.3.1,"',
  'OID=1.3.6.1.5.5.7.3.1',
  'CertificateTemplate = WebServer',
  'CertificateTemplate:WebServer',
  'SAN = "dns=%host%&dns=sup01.contoso.com"',
  'san:dns=sup01.corp.contoso.com&dns=sup01.contoso.com',
  'host = "sup01.corp.contoso.com"',
  '%host%',
  '%%',
  '"',
  ';',
  '=',
  '[',
  '{hex}0a0b',
];
const UNIVERSAL_TAGS = [1, 2, 3, 4, 5, 6, 10, 12, 16, 17, 19, 20, 22, 23, 24, 26, 28, 30];

export class Mutator {
  /**
   * @param rng the Rng
   * @param dict the ASN.1 value dictionary (harvest() of the seeds)
   * @param maxLen output length cap
   * @param donor () => Uint8Array: another corpus entry, for splices
   */
  constructor(rng, { dict, maxLen, donor }) {
    this.rng = rng;
    this.dict = dict;
    this.maxLen = maxLen;
    this.donor = donor;
  }

  /** One fuzz input from `input`: 1..8 stacked edits, then a MAC fix when a password is known. */
  mutate(input, { password } = {}) {
    const r = this.rng;
    let data = input;
    const rounds = r.chance(0.5) ? 1 + r.int(2) : 1 + r.int(8);
    for (let i = 0; i < rounds; i++) {
      const next = this.once(data);
      if (next && next.length <= this.maxLen) data = next;
      else if (next) data = next.subarray(0, this.maxLen);
    }
    if (password !== undefined && data[0] === 0x30 && r.chance(0.8))
      data = remac(data, password) ?? data;
    return data;
  }

  once(data) {
    const r = this.rng;
    const kind = classify(data);
    const choose = (table) => {
      let total = 0;
      for (const [w] of table) total += w;
      let x = r.int(total);
      for (const [w, f] of table) {
        if (x < w) return f;
        x -= w;
      }
      return table[0][1];
    };
    const f = choose(
      {
        der: [
          [40, () => this.asn1Tree(data)],
          [15, () => this.asn1Header(data)],
          [25, () => this.bytes(data)],
          [8, () => this.splice(data)],
          [7, () => this.convert(data, kind)],
          [5, () => this.encoding(data)],
        ],
        pem: [
          [25, () => this.pemStructure(data)],
          [35, () => this.pemInner(data)],
          [15, () => this.textEdit(data)],
          [10, () => this.bytes(data)],
          [10, () => this.splice(data)],
          [5, () => this.convert(data, kind)],
        ],
        b64: [
          [50, () => this.b64Inner(data)],
          [25, () => this.textEdit(data)],
          [10, () => this.bytes(data)],
          [10, () => this.convert(data, kind)],
          [5, () => this.splice(data)],
        ],
        text: [
          [40, () => this.textEdit(data)],
          [25, () => this.lineEdit(data)],
          [15, () => this.bytes(data)],
          [15, () => this.splice(data)],
          [5, () => this.encoding(data)],
        ],
        other: [
          [60, () => this.bytes(data)],
          [20, () => this.textEdit(data)],
          [20, () => this.splice(data)],
        ],
      }[kind],
    );
    return f() ?? this.bytes(data);
  }

  // ---------- bytes ----------

  bytes(data) {
    const r = this.rng;
    const n = data.length;
    const pos = () => r.int(n + 1);
    const at = () => r.int(Math.max(n, 1));
    const out = () => Uint8Array.from(data);
    switch (r.int(14)) {
      case 0: {
        if (!n) return r.bytes(1);
        const o = out();
        o[at()] ^= 1 << r.int(8);
        return o;
      }
      case 1: {
        if (!n) return r.bytes(1);
        const o = out();
        o[at()] = r.u32() & 0xff;
        return o;
      }
      case 2: {
        if (!n) return r.bytes(1);
        const o = out();
        o[at()] = r.pick(INTERESTING_BYTES);
        return o;
      }
      case 3: {
        if (!n) return r.bytes(1);
        const o = out();
        const i = at();
        o[i] = (o[i] + r.range(-16, 16)) & 0xff;
        return o;
      }
      case 4: {
        const p = pos();
        return concat([data.subarray(0, p), r.bytes(r.smallLength(64)), data.subarray(p)]);
      }
      case 5: {
        const p = pos();
        return concat([
          data.subarray(0, p),
          new Uint8Array(r.smallLength(256)).fill(r.pick(INTERESTING_BYTES)),
          data.subarray(p),
        ]);
      }
      case 6: {
        if (!n) return data;
        const p = at();
        const len = r.smallLength(n - p);
        return concat([data.subarray(0, p), data.subarray(p + len)]);
      }
      case 7: {
        if (!n) return data;
        const p = at();
        const len = r.smallLength(n - p);
        const q = pos();
        const chunk = data.subarray(p, p + len);
        return concat([data.subarray(0, q), chunk, data.subarray(q)]);
      }
      case 8: {
        if (!n) return data;
        const p = at();
        const len = r.smallLength(n - p);
        const q = at();
        const o = out();
        o.set(data.subarray(p, p + len).subarray(0, n - q), q);
        return o;
      }
      case 9: {
        const p = pos();
        return concat([
          data.subarray(0, p),
          Uint8Array.from(r.pick(INTERESTING_RUNS)),
          data.subarray(p),
        ]);
      }
      case 10: {
        if (!n) return data;
        const q = at();
        const v = this.dictValue();
        const o = out();
        o.set(v.subarray(0, n - q), q);
        return o;
      }
      case 11:
        return data.subarray(0, r.int(n));
      case 12: {
        const p = pos();
        return concat([data.subarray(0, p), this.dictValue(), data.subarray(p)]);
      }
      default: {
        if (!n) return data;
        const p = at();
        const len = r.smallLength(Math.min(16, n - p));
        const times = r.smallLength(64);
        const chunk = data.subarray(p, p + len);
        const parts = [data.subarray(0, p)];
        for (let i = 0; i < times; i++) parts.push(chunk);
        parts.push(data.subarray(p));
        return concat(parts);
      }
    }
  }

  dictValue() {
    const r = this.rng;
    const keys = [...this.dict.byTag.keys()];
    if (r.chance(0.3) && this.dict.subtrees.length) return r.pick(this.dict.subtrees);
    if (!keys.length) return r.bytes(4);
    const key = r.pick(keys);
    const raw = r.pick(this.dict.byTag.get(key));
    const [cls, tag] = key.split('.').map(Number);
    return encodeNode(leaf(cls, tag, raw));
  }

  // ---------- ASN.1 ----------

  /** Edits a node of the parsed tree and writes it back with every length fixed. */
  asn1Tree(data) {
    const r = this.rng;
    const tree = parseTree(data);
    if (!tree) return null;
    const nodes = flatten(tree.root);
    // Prefer deep nodes a little: the interesting fields are far down.
    const pickEntry = () => {
      const a = r.pick(nodes);
      const b = r.pick(nodes);
      return a.depth >= b.depth ? a : b;
    };
    const entry = pickEntry();
    const { node, parent, index } = entry;
    const siblings = parent?.children;
    const op = r.int(16);
    switch (op) {
      case 0: // delete the node
        if (!siblings) return null;
        siblings.splice(index, 1);
        break;
      case 1: {
        // duplicate it (1..n copies)
        if (!siblings) return null;
        const copies = r.chance(0.8) ? 1 : r.smallLength(300);
        for (let i = 0; i < copies; i++) siblings.splice(index, 0, node);
        break;
      }
      case 2: {
        // swap with a sibling
        if (!siblings || siblings.length < 2) return null;
        const j = r.int(siblings.length);
        [siblings[index], siblings[j]] = [siblings[j], siblings[index]];
        break;
      }
      case 3: {
        // wrap: nest it in a SEQUENCE / SET / [n] / OCTET STRING
        const w = r.int(4);
        const wrapped =
          w === 0
            ? constructedNode(0, 16, [node])
            : w === 1
              ? constructedNode(0, 17, [node])
              : w === 2
                ? constructedNode(2, r.int(4), [node])
                : leaf(0, 4, encodeNode(node));
        if (siblings) siblings[index] = wrapped;
        else tree.root = wrapped;
        break;
      }
      case 4: // unwrap: replace a constructed node by its children
        if (!siblings || !node.children) return null;
        siblings.splice(index, 1, ...node.children);
        break;
      case 5: {
        // change the tag, keep the content
        const cls = r.chance(0.7) ? node.cls : r.int(4);
        const tag = r.chance(0.6)
          ? r.pick(UNIVERSAL_TAGS)
          : r.chance(0.8)
            ? r.int(31)
            : r.range(31, 100000);
        const constructed = r.chance(0.8) ? node.constructed : !node.constructed;
        node.id = makeId(cls, constructed, tag);
        break;
      }
      case 6: {
        // replace the content with a same-tag value seen in another file
        const pool = this.dict.byTag.get(`${node.cls}.${node.tag}`);
        if (!pool) return null;
        node.children = null;
        node.raw = r.pick(pool);
        break;
      }
      case 7: // replace the node with a subtree from the dictionary
        if (!this.dict.subtrees.length || !siblings) return null;
        siblings[index] = parseTree(r.pick(this.dict.subtrees))?.root ?? node;
        break;
      case 8: {
        // interesting INTEGER / OID content
        node.children = null;
        if (node.tag === 6 && r.chance(0.7)) node.raw = mutateOid(r, node.raw);
        else node.raw = Uint8Array.from(r.pick(INTERESTING_INTEGERS));
        break;
      }
      case 9: {
        // byte edits inside the content (lengths fixed afterwards)
        if (node.children) return null;
        node.raw = this.bytes(node.raw);
        break;
      }
      case 10: {
        // text edits in a string / time
        if (node.children) return null;
        node.raw = new Uint8Array(
          Buffer.from(this.textString(Buffer.from(node.raw).toString('latin1')), 'latin1'),
        );
        break;
      }
      case 11: {
        // cross-over: a node of another corpus entry
        const other = parseTree(this.donor());
        if (!other || !siblings) return null;
        const donorNodes = flatten(other.root);
        siblings[index] = r.pick(donorNodes).node;
        break;
      }
      case 12: {
        // truncate or extend the content
        if (node.children) {
          node.children = node.children.slice(0, r.int(node.children.length));
          break;
        }
        node.raw = r.chance(0.5)
          ? node.raw.subarray(0, r.int(node.raw.length + 1))
          : concat([node.raw, r.bytes(r.smallLength(32))]);
        break;
      }
      case 13: {
        // BIT STRING unused-bits byte / empty content
        if (node.tag === 3 && node.children && node.prefix)
          node.prefix = Uint8Array.of(r.pick([1, 7, 8, 0xff]));
        else {
          node.children = null;
          node.raw =
            node.raw.length && r.chance(0.5)
              ? Uint8Array.of(r.pick([1, 7, 8, 0xff]), ...node.raw.subarray(1))
              : new Uint8Array(0);
        }
        break;
      }
      case 14: {
        // deep nesting
        let wrapped = node;
        const depth = r.smallLength(80);
        for (let i = 0; i < depth; i++) wrapped = constructedNode(0, 16, [wrapped]);
        if (siblings) siblings[index] = wrapped;
        else tree.root = wrapped;
        break;
      }
      default: {
        // append a sibling value from the dictionary
        if (!siblings) return null;
        siblings.splice(r.int(siblings.length + 1), 0, parseTree(this.dictValue())?.root ?? node);
      }
    }
    const encoded = encodeNode(tree.root);
    return r.chance(0.9) ? concat([encoded, tree.trailer]) : encoded;
  }

  /** Breaks one TLV header in place: length, tag, truncation at an element boundary. */
  asn1Header(data) {
    const r = this.rng;
    const tree = parseTree(data);
    if (!tree) return null;
    const nodes = flatten(tree.root);
    const { node } = r.pick(nodes);
    if (node.hdrEnd === 0 && node.start === 0 && node.end === 0) return null;
    const idEnd = node.start + node.id.length;
    const content = data.subarray(node.hdrEnd);
    const before = data.subarray(0, node.start);
    const op = r.int(8);
    switch (op) {
      case 0: {
        // a wrong length
        const real = node.end - node.hdrEnd;
        const lens = [
          real + 1,
          real - 1,
          real + r.range(2, 300),
          0,
          0x7f,
          0x80,
          0xffff,
          0x7fffffff,
          0xffffffff,
          r.u32(),
        ];
        const len = Math.max(0, r.pick(lens));
        const enc = r.chance(0.2) ? Uint8Array.of(0x80) : encodeLength(len);
        return concat([data.subarray(0, idEnd), enc, content]);
      }
      case 1: {
        // length-of-length oddities: non-minimal, too long, reserved 0xff
        const real = node.end - node.hdrEnd;
        const forms = [
          Uint8Array.of(0x81, real & 0xff),
          Uint8Array.of(0x82, (real >> 8) & 0xff, real & 0xff),
          Uint8Array.of(0x85, 0, 0, 0, 0, real & 0xff),
          Uint8Array.of(0xff),
          Uint8Array.of(0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0),
          Uint8Array.of(0x84, 0, 0, (real >> 8) & 0xff, real & 0xff),
        ];
        return concat([data.subarray(0, idEnd), r.pick(forms), content]);
      }
      case 2: {
        // another identifier byte
        const o = Uint8Array.from(data);
        o[node.start] = r.chance(0.5) ? o[node.start] ^ (1 << r.int(8)) : r.pick(INTERESTING_BYTES);
        return o;
      }
      case 3: // truncate at an element boundary
        return data.subarray(
          0,
          r.pick([node.start, node.hdrEnd, node.end, idEnd, node.end - 1].filter((x) => x >= 0)),
        );
      case 4: // remove the element without fixing the parents
        return concat([before, data.subarray(node.end)]);
      case 5: // duplicate the element without fixing the parents
        return concat([
          data.subarray(0, node.end),
          data.subarray(node.start, node.end),
          data.subarray(node.end),
        ]);
      case 6: {
        // indefinite length with or without end-of-contents
        const o = concat([
          data.subarray(0, idEnd),
          Uint8Array.of(0x80),
          data.subarray(node.hdrEnd, node.end),
          r.chance(0.6) ? Uint8Array.of(0, 0) : new Uint8Array(0),
          data.subarray(node.end),
        ]);
        if (r.chance(0.5)) o[node.start] |= 0x20;
        return o;
      }
      default: {
        // high-tag-number form
        const long = Uint8Array.of(
          (data[node.start] & 0xe0) | 0x1f,
          ...r.pick([[0x01], [0x80, 0x01], [0xff, 0xff, 0xff, 0xff, 0x7f], [0x10], [0x81, 0x00]]),
        );
        return concat([before, long, data.subarray(idEnd)]);
      }
    }
  }

  // ---------- PEM / base64 / text ----------

  pemStructure(data) {
    const r = this.rng;
    const text = Buffer.from(data).toString('latin1');
    const blocks = findBlocks(text);
    if (!blocks.length) return null;
    const b = r.pick(blocks);
    const block = text.slice(b.start, b.end);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const replaceBlock = (s) => text.slice(0, b.start) + s + text.slice(b.end);
    let out;
    switch (r.int(14)) {
      case 0:
        out = replaceBlock(
          block
            .replace(`BEGIN ${b.label}`, `BEGIN ${r.pick(PEM_LABELS)}`)
            .replace(`END ${b.endLabel}`, `END ${r.chance(0.7) ? r.pick(PEM_LABELS) : b.label}`),
        );
        break;
      case 1: {
        const label = r.pick(PEM_LABELS);
        out = replaceBlock(
          block
            .replace(`BEGIN ${b.label}`, `BEGIN ${label}`)
            .replace(`END ${b.endLabel}`, `END ${label}`),
        );
        break;
      }
      case 2:
        out =
          text.slice(0, b.start) + block.replace(/-----END [^\r\n]*-----/, '') + text.slice(b.end);
        break;
      case 3:
        out =
          text.slice(0, b.start) +
          block.replace(/-----BEGIN [^\r\n]*-----/, '') +
          text.slice(b.end);
        break;
      case 4: {
        // corrupt one base64 character
        const i = b.innerStart + r.int(Math.max(1, b.innerEnd - b.innerStart));
        out =
          text.slice(0, i) +
          r.pick(['!', '-', '_', '=', ' ', '\0', 'é', '.', '*', '~', '\u00ff', '====', '\t']) +
          text.slice(i + 1);
        break;
      }
      case 5:
        out = replaceBlock(
          encodePem(b.label, decodeBase64(b.body), { headers: r.pick(PEM_HEADERS), eol }),
        );
        break;
      case 6:
        out = replaceBlock(
          encodePem(b.label, decodeBase64(b.body), {
            lineLength: r.pick([0, 1, 3, 63, 65, 76, 200]),
            eol: r.pick(['\n', '\r\n', '\r', ' \n', '\n\n']),
          }),
        );
        break;
      case 7:
        out = replaceBlock(
          `-----BEGIN ${b.label}-----${eol}${b.body.replace(/=+$/, r.pick(['', '=', '===', '=A']))}${eol}-----END ${b.endLabel}-----`,
        );
        break;
      case 8:
        out = text.slice(0, b.end) + eol + block + text.slice(b.end);
        break; // duplicate the block
      case 9:
        out = text.slice(0, b.start) + text.slice(b.end);
        break; // remove it
      case 10:
        out = r.pick(PREAMBLES) + text;
        break;
      case 11: {
        // truncate the body
        const cut = b.innerStart + r.int(Math.max(1, b.innerEnd - b.innerStart));
        out = text.slice(0, cut) + (r.chance(0.5) ? `${eol}-----END ${b.endLabel}-----${eol}` : '');
        break;
      }
      case 12: {
        // a block from another corpus entry, or a PEM rendering of a DER donor
        const donor = this.donor();
        const dt = Buffer.from(donor).toString('latin1');
        const db = findBlocks(dt);
        const pick = db.length ? r.pick(db) : null;
        const add = pick ? dt.slice(pick.start, pick.end) : encodePem(r.pick(PEM_LABELS), donor);
        out = r.chance(0.5) ? text + eol + add : add + eol + text;
        break;
      }
      default:
        out = replaceBlock(
          block.replace(
            '-----BEGIN',
            r.pick(['------BEGIN', '-----begin', '----BEGIN', '-----BEGIN  ', '-----BEGIN-']),
          ),
        );
    }
    return new Uint8Array(Buffer.from(out, 'latin1'));
  }

  /** Decodes a PEM block, mutates the DER, and re-encodes it (labels and headers kept). */
  pemInner(data) {
    const r = this.rng;
    const text = Buffer.from(data).toString('latin1');
    const blocks = findBlocks(text);
    if (!blocks.length) return null;
    const b = r.pick(blocks);
    const der = decodeBase64(b.body);
    const mutated = this.derEdit(der);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const pem = encodePem(b.label, mutated, { headers: b.headers, eol, endLabel: b.endLabel });
    return new Uint8Array(
      Buffer.from(text.slice(0, b.start) + pem.replace(/\r?\n$/, '') + text.slice(b.end), 'latin1'),
    );
  }

  b64Inner(data) {
    const r = this.rng;
    const text = Buffer.from(data).toString('latin1');
    const der = decodeBase64(text);
    const mutated = this.derEdit(der);
    const lineLength = /\n/.test(text.trim()) ? r.pick([64, 76, 64, 1, 100]) : 0;
    return new Uint8Array(
      Buffer.from(
        wrap(
          Buffer.from(mutated).toString('base64'),
          lineLength,
          text.includes('\r\n') ? '\r\n' : '\n',
        ) + (r.chance(0.5) ? '\n' : ''),
        'latin1',
      ),
    );
  }

  derEdit(der) {
    const r = this.rng;
    const x = r.int(10);
    return (x < 6 ? this.asn1Tree(der) : x < 8 ? this.asn1Header(der) : null) ?? this.bytes(der);
  }

  textEdit(data) {
    return new Uint8Array(
      Buffer.from(this.textString(Buffer.from(data).toString('latin1')), 'latin1'),
    );
  }

  /** Line-level edits for INF / attribute / text files: delete, duplicate, swap, insert known lines. */
  lineEdit(data) {
    const r = this.rng;
    const text = Buffer.from(data).toString('latin1');
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.split(/\r?\n/);
    const i = r.int(lines.length);
    switch (r.int(5)) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, lines[i]);
        break;
      case 2: {
        const j = r.int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 3:
        lines.splice(i, 0, r.pick(TEXT_LINES));
        break;
      default: {
        const donor = Buffer.from(this.donor()).toString('latin1').split(/\r?\n/);
        lines.splice(i, 0, r.pick(donor));
      }
    }
    return new Uint8Array(Buffer.from(lines.join(eol), 'latin1'));
  }

  /** Text-level edits (also used for host names and name lists). */
  textString(s) {
    const r = this.rng;
    const n = s.length;
    const p = r.int(n + 1);
    switch (r.int(11)) {
      case 0:
        return s.slice(0, p) + r.pick(TEXT_CHARS) + s.slice(p);
      case 1: {
        const len = r.smallLength(Math.max(1, n - p));
        return s.slice(0, p) + s.slice(p + len);
      }
      case 2: {
        const len = r.smallLength(Math.max(1, n - p));
        return s.slice(0, p) + s.slice(p, p + len) + s.slice(p);
      }
      case 3: {
        const len = r.smallLength(Math.max(1, n - p));
        const part = s.slice(p, p + len);
        return (
          s.slice(0, p) +
          (part === part.toUpperCase() ? part.toLowerCase() : part.toUpperCase()) +
          s.slice(p + len)
        );
      }
      case 4:
        return s.slice(0, p) + r.pick(TEXT_CHARS) + s.slice(p + 1);
      case 5:
        return s.slice(0, r.int(n + 1));
      case 6: {
        const times = r.smallLength(400);
        return s.slice(0, p) + r.pick(TEXT_CHARS).repeat(times) + s.slice(p);
      }
      case 7:
        return s.slice(0, p) + String.fromCharCode(r.int(0x10000)) + s.slice(p);
      case 8: {
        const len = r.smallLength(Math.max(1, n - p));
        return s.slice(0, p) + s.slice(p, p + len).repeat(r.smallLength(64)) + s.slice(p + len);
      }
      case 9:
        return s.replace(/\r?\n/g, r.pick(['\r\n', '\r', '\n\n', ' ', '']));
      default:
        return (
          s.slice(0, p) +
          s
            .slice(p)
            .replace(/[A-Za-z0-9+/]/, (c) => r.pick(['-', '_', '=', '.', c === 'A' ? 'B' : 'A']))
        );
    }
  }

  /** Cross-over: prefix of one input and suffix of another, or a chunk of the other inserted. */
  splice(data) {
    const r = this.rng;
    const other = this.donor();
    if (r.chance(0.5))
      return concat([
        data.subarray(0, r.int(data.length + 1)),
        other.subarray(r.int(other.length + 1)),
      ]);
    const p = r.int(other.length + 1);
    const chunk = other.subarray(p, p + r.smallLength(Math.max(1, other.length - p)));
    const q = r.int(data.length + 1);
    return concat([data.subarray(0, q), chunk, data.subarray(q)]);
  }

  /** Format conversions: DER -> PEM / base64, PEM -> DER, base64 -> DER. */
  convert(data, kind) {
    const r = this.rng;
    if (kind === 'der') {
      if (r.chance(0.6))
        return new Uint8Array(
          Buffer.from(
            encodePem(r.pick(PEM_LABELS.slice(0, 12)), data, { eol: r.pick(['\n', '\r\n']) }),
            'latin1',
          ),
        );
      return new Uint8Array(
        Buffer.from(
          wrap(Buffer.from(data).toString('base64'), r.pick([0, 64, 76]), '\n'),
          'latin1',
        ),
      );
    }
    if (kind === 'pem') {
      const blocks = findBlocks(Buffer.from(data).toString('latin1'));
      return blocks.length ? decodeBase64(r.pick(blocks).body) : null;
    }
    return decodeBase64(Buffer.from(data).toString('latin1'));
  }

  /** Text encodings: UTF-8 BOM, UTF-16 LE / BE with BOM, NUL padding. */
  encoding(data) {
    const r = this.rng;
    const text = Buffer.from(data).toString('latin1');
    switch (r.int(4)) {
      case 0:
        return concat([Uint8Array.of(0xef, 0xbb, 0xbf), data]);
      case 1:
        return concat([Uint8Array.of(0xff, 0xfe), new Uint8Array(Buffer.from(text, 'utf16le'))]);
      case 2:
        return concat([
          Uint8Array.of(0xfe, 0xff),
          new Uint8Array(Buffer.from(text, 'utf16le').swap16()),
        ]);
      default:
        return concat([data, new Uint8Array(r.smallLength(64))]);
    }
  }
}

export function classify(data) {
  if (data.length && data[0] === 0x30) return 'der';
  const head = Buffer.from(data.subarray(0, 65536)).toString('latin1');
  if (head.includes('-----BEGIN ')) return 'pem';
  if (data.length >= 8 && /^[A-Za-z0-9+/=\s]+$/.test(head)) return 'b64';

  if (data.length && !/[\x00-\x08\x0e-\x1f]/.test(head.slice(0, 4096))) return 'text';
  return 'other';
}

function mutateOid(r, raw) {
  const out = Array.from(raw);
  switch (r.int(5)) {
    case 0:
      if (out.length) out[r.int(out.length)] ^= 1 << r.int(8);
      break;
    case 1:
      out.push(0x80 | r.int(128), r.int(128));
      break; // one more arc
    case 2:
      out.splice(r.int(out.length + 1), 0, 0x80);
      break; // a non-minimal arc
    case 3:
      if (out.length) out[out.length - 1] |= 0x80;
      break; // unterminated arc
    default:
      return Uint8Array.from(Array(r.smallLength(40)).fill(0xff).concat([0x7f]));
  }
  return Uint8Array.from(out);
}
