/**
 * The assembler of ./sha1Wasm.ts's WebAssembly module: one SHA-1 re-hash of the PKCS#12 KDF, as
 * straight-line code. Not loaded at run time: ./sha1Wasm.ts holds its output (SHA1_WASM), and
 * test/pkcs12-kdf-wasm.test.ts checks that the two agree (and prints the new text if they do not).
 *
 * The function is exactly one SHA-1 compression of the one-block message that a re-hash of a
 * 20-byte digest is (see pkcs12Kdf.ts "Why the kernels are exact"): the message words are the
 * previous digest's five words, 0x80000000, nine zeros and the bit length 160; the result is
 * the compression of that block from the standard IV, plus the IV (FIPS 180-4 §6.1.2).
 * `run(n)` reads the state (five 32-bit words at byte offset 0 of its memory, little-endian),
 * applies n ≥ 1 re-hashes and writes it back.
 */

const IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
const K = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6];

// WebAssembly opcodes (WebAssembly Core Specification 2.0, §5.4).
const OP = {
  end: 0x0b,
  loop: 0x03,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  load: 0x28,
  store: 0x36,
  const: 0x41,
  add: 0x6a,
  sub: 0x6b,
  and: 0x71,
  or: 0x72,
  xor: 0x73,
  rotl: 0x77,
} as const;

/** Signed LEB128 of a 32-bit integer (i32.const immediates). */
function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Unsigned LEB128 (sizes, counts, indices). */
function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];

/** The function body: locals, then code. */
function body(): number[] {
  // Locals: 0 = n (the parameter); 1–5 = h0..h4; 6–10 = the working variables; 11–26 = w[0..15].
  const h = (i: number): number => 1 + i;
  const w = (i: number): number => 11 + (i % 16);
  const code: number[] = [];
  const get = (l: number): void => void code.push(OP.get, l);
  const set = (l: number): void => void code.push(OP.set, l);
  const k = (v: number): void => {
    code.push(OP.const);
    for (const byte of sleb(v)) code.push(byte);
  };

  for (let i = 0; i < 5; i++) {
    k(0);
    code.push(OP.load, 2, 4 * i); // align 2^2, offset 4i
    set(h(i));
  }
  code.push(OP.loop, 0x40);
  // The block: the previous digest, then SHA-1's padding of a 20-byte message.
  for (let i = 0; i < 16; i++) {
    if (i < 5) get(h(i));
    else k(i === 5 ? 0x80000000 : i === 15 ? 160 : 0);
    set(w(i));
  }
  // Working variables a..e by name; each round writes its result into the oldest (e) and the
  // names rotate, so no value is moved (after 80 rounds the names are back in place).
  // They start from the IV (a re-hash is a whole hash of one block).
  const v = [6, 7, 8, 9, 10];
  for (let i = 0; i < 5; i++) {
    k(IV[i]!);
    set(v[i]!);
  }
  for (let t = 0; t < 80; t++) {
    const [a, b, c, d, e] = v as [number, number, number, number, number];
    if (t >= 16) {
      // w[t] = rotl1(w[t-3] ^ w[t-8] ^ w[t-14] ^ w[t-16])
      get(w(t - 3));
      get(w(t - 8));
      code.push(OP.xor);
      get(w(t - 14));
      code.push(OP.xor);
      get(w(t));
      code.push(OP.xor);
      k(1);
      code.push(OP.rotl);
      set(w(t));
    }
    // e = rotl5(a) + f(b, c, d) + e + K + w[t]
    get(a);
    k(5);
    code.push(OP.rotl);
    if (t < 20) {
      // Ch: d ^ (b & (c ^ d))
      get(d);
      get(b);
      get(c);
      get(d);
      code.push(OP.xor, OP.and, OP.xor);
    } else if (t >= 40 && t < 60) {
      // Maj: (b & c) | (d & (b | c))
      get(b);
      get(c);
      code.push(OP.and);
      get(d);
      get(b);
      get(c);
      code.push(OP.or, OP.and, OP.or);
    } else {
      // Parity: b ^ c ^ d
      get(b);
      get(c);
      code.push(OP.xor);
      get(d);
      code.push(OP.xor);
    }
    code.push(OP.add);
    get(e);
    code.push(OP.add);
    k(K[Math.floor(t / 20)]!);
    code.push(OP.add);
    get(w(t));
    code.push(OP.add);
    set(e);
    // b = rotl30(b)
    get(b);
    k(30);
    code.push(OP.rotl);
    set(b);
    v.unshift(v.pop()!);
  }
  // The new digest: the IV plus the working variables (the hash of one block from the IV).
  for (let i = 0; i < 5; i++) {
    k(IV[i]!);
    get(v[i]!);
    code.push(OP.add);
    set(h(i));
  }
  // n -= 1; again while n != 0
  get(0);
  k(1);
  code.push(OP.sub, OP.tee, 0, OP.brIf, 0, OP.end);
  for (let i = 0; i < 5; i++) {
    k(0);
    get(h(i));
    code.push(OP.store, 2, 4 * i);
  }
  code.push(OP.end);
  const locals = [1, ...uleb(26), 0x7f]; // one group: 26 i32
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

/** The module's bytes. */
export function sha1WasmModule(): Uint8Array {
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 1, 0x7f, 0]), // type 0: (i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0, 1]), // one memory, at least one page
    ...section(7, [2, ...name('run'), 0, 0, ...name('mem'), 2, 0]),
    ...section(10, [1, ...body()]),
  ];
  return Uint8Array.from(bytes);
}
