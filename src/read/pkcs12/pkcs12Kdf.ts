/**
 * The PKCS#12 key derivation function (RFC 7292, Appendix B.2), built for speed.
 *
 * The KDF hashes `D || I` once, then hashes the digest again `iterations - 1` times.
 * Those re-hashes dominate: a Windows TripleDES-SHA1 PFX needs about 14,000 of them.
 * A `crypto.hash` call costs 0.7–1.8 µs, mostly for the crossing into native code
 * (0.7 in a hot loop, over 2 in a fresh process). So this module does the first hash of each chain with node:crypto, and the
 * re-hashes with the JavaScript kernels below when a kernel exists for the hash.
 *
 * Why the kernels are exact: each re-hash has a message of u bytes (u = 20 for
 * SHA-1, 28 for SHA-224, 32 for SHA-256). With SHA's padding (a 0x80 byte, zeros,
 * and the 64-bit bit length), u + 9 ≤ 64, so the message fills exactly one
 * 64-byte block. The block's words are the previous digest's words, then
 * 0x80000000, zeros, and the constant bit length 8u. A kernel therefore runs
 * only the compression function on that block, from the standard IV, and adds
 * the IV: that is the complete hash, with no shortcut.
 *
 * Measured on the 2-core AMD EPYC VM (Node 20.20), µs per hash once warm:
 *   SHA-1:   crypto.hash ≈ 0.7–1.8; a tight JS loop ≈ 0.20; the unrolled kernel
 *            ≈ 0.09; two chains interleaved ≈ 0.065 each (the CPU overlaps the two
 *            dependency chains). Three chains were slower again (≈ 0.072), and
 *            four were too big for TurboFan to optimize.
 *   SHA-256: crypto.hash ≈ 0.9–1.8; a loop with 8 rounds unrolled ≈ 0.34; the
 *            unrolled kernel ≈ 0.15.
 *   SHA-384/512: a 32-bit-pair JS loop took ≈ 1.15 µs, no clear win over
 *            crypto.hash, so those hashes (and MD5) use crypto.hash per iteration.
 *
 * The kernels are fully unrolled. Each round writes its result into the variable
 * that held the oldest state word instead of moving all words, and the message
 * schedule lives in 16 rolling locals (w[t % 16]). The constant padding words are
 * literals, so TurboFan folds them away.
 *
 * JIT warm-up: V8 hands a kernel to TurboFan only after about 500 interpreted
 * iterations (≈ 9 µs each for SHA-1, twice that for two chains), and compiling it
 * then takes 20–60 ms on a background thread. Running the kernels from the start
 * made the first PFX of a fresh process take ≈ 65 ms instead of ≈ 35 ms with
 * crypto.hash. So each kernel starts on crypto.hash, and once its work has cost
 * WARM_AFTER_MS of crypto.hash time (ski rental: a process that opens one PFX
 * never pays for the warm-up), timed probes run the kernel on part of the
 * iterations; when a probe takes less than half of crypto.hash's time per
 * iteration, the kernel takes over for good. Measured in fresh processes
 * (median of 9), the TripleDES PFX workload took ≈ 36, 31, 19, 14, 10, 10, 4,
 * 1.5 ms for files 1 to 8 and ≈ 1.2 ms from then on; with the kernels from the
 * start, ≈ 65, 3.5, 3, 2.5 … 2 ms; with crypto.hash only, 20–35 ms every file.
 */
import * as nodeCrypto from 'node:crypto';

/** A hash the PKCS#12 KDF may use (the MAC's or the PBE scheme's digest). */
export type Pkcs12KdfHash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'md5';

/** One output of {@link pkcs12KdfMany}: the purpose byte `id` and the output length in bytes. */
export interface Pkcs12KdfRequest {
  /** 1 = key material, 2 = IV, 3 = MAC key (RFC 7292 B.3). */
  readonly id: 1 | 2 | 3;
  /** Output length in bytes (an integer ≥ 0). */
  readonly length: number;
}

/** u: digest length, v: block length (bytes), as RFC 7292 B.2 names them. */
const SPECS: Readonly<Record<Pkcs12KdfHash, { readonly u: number; readonly v: number }>> = {
  sha1: { u: 20, v: 64 },
  sha224: { u: 28, v: 64 },
  sha256: { u: 32, v: 64 },
  sha384: { u: 48, v: 128 },
  sha512: { u: 64, v: 128 },
  md5: { u: 16, v: 64 },
};

/** crypto.hash arrived in Node 20.12; older 20.x lines get createHash. */
const oneShot: (hash: string, data: Uint8Array) => Buffer =
  typeof nodeCrypto.hash === 'function'
    ? (hash, data) => nodeCrypto.hash(hash, data, 'buffer')
    : (hash, data) => nodeCrypto.createHash(hash).update(data).digest();

/**
 * RFC 7292 B.2.
 *
 * @param hash - the digest of the KDF.
 * @param password - the BMPString-encoded password bytes INCLUDING the two trailing zero
 *   bytes (see {@link bmpPassword}); an absent password is an empty array, an empty
 *   password is `[0, 0]`.
 * @param salt - the salt bytes (any length, including 0).
 * @param id - 1 = key, 2 = IV, 3 = MAC key.
 * @param iterations - the iteration count, an integer ≥ 1.
 * @param length - the number of bytes to derive, an integer ≥ 0.
 * @returns `length` derived bytes.
 * @throws RangeError if hash, id, iterations or length is out of range.
 */
export function pkcs12Kdf(
  hash: Pkcs12KdfHash,
  password: Uint8Array,
  salt: Uint8Array,
  id: 1 | 2 | 3,
  iterations: number,
  length: number,
): Buffer {
  // One request in, one Buffer out.
  return pkcs12KdfMany(hash, password, salt, [{ id, length }], iterations)[0] as Buffer;
}

/**
 * Derives several outputs that share hash, password, salt and iteration count (for
 * example a PBE scheme's key and IV) in one pass: the hash chains of the different
 * outputs are independent, so SHA-1 runs them two at a time in one interleaved loop.
 *
 * Measured (SHA-1, 2,000 iterations, warm): the key (24 bytes, two blocks) plus the
 * IV (8 bytes) of a TripleDES bag take ≈ 0.43 ms this way against ≈ 0.54 ms with
 * two pkcs12Kdf calls; a whole TripleDES PFX (MAC key + two bags) ≈ 1.08 ms
 * against ≈ 1.32 ms. The two blocks of one output can't be interleaved: RFC 7292
 * feeds block i into the input of block i + 1.
 *
 * @param hash - the digest of the KDF.
 * @param password - as for {@link pkcs12Kdf}.
 * @param salt - as for {@link pkcs12Kdf}.
 * @param requests - the outputs to derive.
 * @param iterations - the iteration count, an integer ≥ 1.
 * @returns one Buffer per request, in order; each equals
 *   `pkcs12Kdf(hash, password, salt, request.id, iterations, request.length)`.
 * @throws RangeError if hash, an id, iterations or a length is out of range.
 */
export function pkcs12KdfMany(
  hash: Pkcs12KdfHash,
  password: Uint8Array,
  salt: Uint8Array,
  requests: readonly Pkcs12KdfRequest[],
  iterations: number,
): Buffer[] {
  if (!Object.prototype.hasOwnProperty.call(SPECS, hash)) {
    throw new RangeError(`pkcs12Kdf: unsupported hash ${String(hash)}`);
  }
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`pkcs12Kdf: iterations must be an integer >= 1, got ${String(iterations)}`);
  }
  for (const r of requests) {
    if (r.id !== 1 && r.id !== 2 && r.id !== 3) {
      throw new RangeError(`pkcs12Kdf: id must be 1, 2 or 3, got ${String(r.id)}`);
    }
    if (!Number.isInteger(r.length) || r.length < 0) {
      throw new RangeError(`pkcs12Kdf: length must be an integer >= 0, got ${String(r.length)}`);
    }
  }
  const { u, v } = SPECS[hash];

  // Steps 1–4: I = S || P, each repeated up to a multiple of v bytes.
  const s = repeatToBlocks(salt, v);
  const p = repeatToBlocks(password, v);
  const jobs = requests.map((r) => {
    const blocks = Math.ceil(r.length / u);
    const d = Buffer.alloc(v, r.id);
    const i = Buffer.concat([s, p]);
    return { out: Buffer.alloc(r.length), blocks, d, i };
  });
  p.fill(0);

  // Steps 5–7, block by block across all requests, so that the chains of one
  // block index can share a kernel call.
  const maxBlocks = jobs.reduce((m, j) => Math.max(m, j.blocks), 0);
  for (let block = 0; block < maxBlocks; block++) {
    const active = jobs.filter((j) => j.blocks > block);
    // 6A: A_i = H^r(D || I); the first hash here, the r - 1 others in iterate().
    const digests = active.map((j) => {
      const di = Buffer.concat([j.d, j.i]);
      const a = oneShot(hash, di);
      di.fill(0);
      return a;
    });
    iterate(hash, digests, iterations - 1);
    active.forEach((j, k) => {
      const a = digests[k] as Buffer;
      a.copy(j.out, block * u, 0, Math.min(u, j.out.length - block * u));
      // 6B, 6C: only needed when another block follows.
      if (block + 1 < j.blocks) addBlockPlusOne(j.i, a, v);
      a.fill(0);
    });
  }
  for (const j of jobs) j.i.fill(0);
  return jobs.map((j) => j.out);
}

/**
 * Encodes a password the way RFC 7292 B.1 wants it: BMPString (UTF-16 big-endian)
 * followed by two zero bytes. JavaScript strings are UTF-16 already, so characters
 * outside the BMP come out as their surrogate pairs, as OpenSSL and Windows encode
 * them. An empty string gives `[0, 0]`.
 *
 * @param password - the password as typed.
 * @returns the encoded bytes, 2 × password.length + 2 of them.
 */
export function bmpPassword(password: string): Buffer {
  const out = Buffer.alloc(2 * password.length + 2);
  for (let k = 0; k < password.length; k++) out.writeUInt16BE(password.charCodeAt(k), 2 * k);
  return out;
}

/** `src` repeated to the next multiple of v bytes (empty stays empty). */
function repeatToBlocks(src: Uint8Array, v: number): Buffer {
  const len = v * Math.ceil(src.length / v);
  const out = Buffer.allocUnsafe(len);
  for (let k = 0; k < len; k++) out[k] = src[k % src.length] as number;
  return out;
}

/** Step 6C: each v-byte block I_j of I becomes (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes. */
function addBlockPlusOne(i: Buffer, a: Buffer, v: number): void {
  const u = a.length;
  for (let j = 0; j < i.length; j += v) {
    let carry = 1;
    for (let k = v - 1; k >= 0; k--) {
      carry += (i[j + k] as number) + (a[k % u] as number);
      i[j + k] = carry & 0xff;
      carry >>>= 8;
    }
  }
}

// ---------------------------------------------------------------------------
// Iteration engine.

/** Which implementation runs the re-hashes; tests force each one. */
export type Pkcs12KdfEngine = 'auto' | 'js' | 'native';
let engine: Pkcs12KdfEngine = 'auto';

/**
 * Test hook, not part of the public API: 'js' always uses the JavaScript kernels
 * (even before TurboFan has compiled them), 'native' always crypto.hash, 'auto'
 * (the default) switches once a kernel is measured to be faster.
 *
 * @internal
 */
export function setPkcs12KdfEngine(mode: Pkcs12KdfEngine): void {
  engine = mode;
}

/** Iterations run on crypto.hash between two probes of a cold kernel. */
const NATIVE_CHUNK = 256;
/**
 * A kernel is worth warming up only once its hash has cost this much crypto.hash
 * time (ski rental: warming up costs about as much, see WARMUP_ITERATIONS), so a
 * process that derives one or two keys never pays for it.
 */
const WARM_AFTER_MS = 20;
/**
 * V8 marks a kernel for TurboFan after about 500 interpreted iterations (≈ 9 µs
 * each for SHA-1, more for SHA-256 and two chains); probes run in big steps until
 * then, and in small ones afterwards, while TurboFan compiles in the background.
 */
const WARMUP_ITERATIONS = 640;
const WARMUP_PROBE = 64;
const PROBE = 8;
/** After this many slow probes (e.g. node --jitless) stop probing. */
const MAX_PROBES = 1000;

interface Kernel {
  /** Runs n iterations on every lane of st. */
  readonly run: (st: Int32Array, n: number) => void;
  readonly hash: 'sha1' | 'sha224' | 'sha256';
  /** Digest words per lane, and the lane stride in st. */
  readonly words: number;
  readonly stride: number;
  readonly lanes: 1 | 2;
  /** Warm-up state, shared by the kernels that share a function. */
  readonly tier: Tier;
}

interface Tier {
  /** The kernel runs compiled: use it for everything. */
  hot: boolean;
  /** crypto.hash time spent on this kernel's work so far. */
  nativeMs: number;
  /** Probes run, and the iterations they ran. */
  probes: number;
  probed: number;
}

const newTier = (): Tier => ({ hot: false, nativeMs: 0, probes: 0, probed: 0 });
const sha1Tier = newTier();
const sha1x2Tier = newTier();
const sha256Tier = newTier();

// sha256Iterate's configuration: the IV; w8; the bit length (w15); and the mask and
// the constant that form w7 from the previous digest's word 7: SHA-256 keeps the
// word (-1, 0), SHA-224's 28-byte message has its 0x80 padding byte there instead
// (0, 0x80000000).
const SHA256_CFG = Int32Array.of(
  0x6a09e667, 0xbb67ae85 | 0, 0x3c6ef372, 0xa54ff53a | 0, 0x510e527f, 0x9b05688c | 0, 0x1f83d9ab, 0x5be0cd19,
  0x80000000 | 0, 256, -1, 0,
);
const SHA224_CFG = Int32Array.of(
  0xc1059ed8 | 0, 0x367cd507, 0x3070dd17, 0xf70e5939 | 0, 0xffc00b31 | 0, 0x68581511, 0x64f98fa7, 0xbefa4fa4 | 0,
  0, 224, 0, 0x80000000 | 0,
);

const SHA1: Kernel = { run: sha1Iterate, hash: 'sha1', words: 5, stride: 5, lanes: 1, tier: sha1Tier };
const SHA1X2: Kernel = { run: sha1Iterate2, hash: 'sha1', words: 5, stride: 5, lanes: 2, tier: sha1x2Tier };
const SHA256: Kernel = {
  run: (st, n) => sha256Iterate(st, n, SHA256_CFG),
  hash: 'sha256',
  words: 8,
  stride: 8,
  lanes: 1,
  tier: sha256Tier,
};
const SHA224: Kernel = {
  run: (st, n) => sha256Iterate(st, n, SHA224_CFG),
  hash: 'sha224',
  words: 7,
  stride: 8,
  lanes: 1,
  tier: sha256Tier,
};

/** Replaces each digest (in place) by the result of n more iterations of hash. */
function iterate(hash: Pkcs12KdfHash, digests: Buffer[], n: number): void {
  if (n === 0) return;
  if (hash === 'sha1') {
    let k = 0;
    for (; k + 1 < digests.length; k += 2) runKernel(SHA1X2, digests.slice(k, k + 2), n);
    if (k < digests.length) runKernel(SHA1, digests.slice(k), n);
  } else if (hash === 'sha256' || hash === 'sha224') {
    const kernel = hash === 'sha256' ? SHA256 : SHA224;
    for (const d of digests) runKernel(kernel, [d], n);
  } else {
    for (const d of digests) {
      let x = d;
      for (let k = 0; k < n; k++) x = oneShot(hash, x);
      x.copy(d);
    }
  }
}

/** Runs n iterations on the digests (one per lane) with the kernel or, while it is cold, crypto.hash. */
function runKernel(kernel: Kernel, digests: Buffer[], n: number): void {
  const { stride, words, lanes, tier } = kernel;
  const st = new Int32Array(stride * lanes);
  digests.forEach((d, lane) => {
    for (let k = 0; k < words; k++) st[lane * stride + k] = d.readInt32BE(4 * k);
  });
  let left = n;
  while (left > 0) {
    if (engine === 'js' || (engine === 'auto' && tier.hot)) {
      kernel.run(st, left);
      break;
    }
    if (engine === 'native' || tier.probes >= MAX_PROBES) {
      nativeRun(kernel, st, left);
      break;
    }
    const m = Math.min(left, NATIVE_CHUNK);
    const t0 = performance.now();
    nativeRun(kernel, st, m);
    const tNative = performance.now() - t0;
    tier.nativeMs += tNative;
    left -= m;
    const p = tier.probed < WARMUP_ITERATIONS ? WARMUP_PROBE : PROBE;
    if (tier.nativeMs >= WARM_AFTER_MS && left >= p) {
      const t1 = performance.now();
      kernel.run(st, p);
      const tProbe = performance.now() - t1;
      left -= p;
      tier.probes++;
      tier.probed += p;
      // Per iteration, the probe must take less than half of crypto.hash's time.
      if (tProbe * m < (tNative * p) / 2) tier.hot = true;
    }
  }
  digests.forEach((d, lane) => {
    for (let k = 0; k < words; k++) d.writeInt32BE(st[lane * stride + k] as number, 4 * k);
  });
  st.fill(0);
}

/** n iterations of crypto.hash on each lane of st. */
function nativeRun(kernel: Kernel, st: Int32Array, n: number): void {
  const { stride, words, lanes, hash } = kernel;
  for (let lane = 0; lane < lanes; lane++) {
    let x: Buffer = Buffer.allocUnsafe(4 * words);
    for (let k = 0; k < words; k++) x.writeInt32BE(st[lane * stride + k] as number, 4 * k);
    for (let k = 0; k < n; k++) x = oneShot(hash, x);
    for (let k = 0; k < words; k++) st[lane * stride + k] = x.readInt32BE(4 * k);
  }
}

// ---------------------------------------------------------------------------
// Kernels. Each one takes the state of its chain(s) as big-endian digest words in
// st and applies n single-block hashes to it in place. Generated code: one line
// per round, state variables renamed round by round (a..e for SHA-1, a..h for
// SHA-256) and the schedule in w0..w15, with w[t % 16] overwritten by W[t] from
// round 16 on.

/** n SHA-1 hashes of a 20-byte message, st[0..4] in and out. */
function sha1Iterate(st: Int32Array, n: number): void {
  let h0 = st[0]! | 0, h1 = st[1]! | 0, h2 = st[2]! | 0, h3 = st[3]! | 0, h4 = st[4]! | 0;
  for (let i = 0; i < n; i++) {
    let w0 = h0, w1 = h1, w2 = h2, w3 = h3, w4 = h4, w5 = 0x80000000 | 0, w6 = 0, w7 = 0;
    let w8 = 0, w9 = 0, w10 = 0, w11 = 0, w12 = 0, w13 = 0, w14 = 0, w15 = 160, x = 0;
    let a = 0x67452301, b = 0xefcdab89 | 0, c = 0x98badcfe | 0, d = 0x10325476, e = 0xc3d2e1f0 | 0;
    // rounds 0..19
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w0) | 0; b = (b << 30) | (b >>> 2);
    d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + 0x5a827999 + w1) | 0; a = (a << 30) | (a >>> 2);
    c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + 0x5a827999 + w2) | 0; e = (e << 30) | (e >>> 2);
    b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + 0x5a827999 + w3) | 0; d = (d << 30) | (d >>> 2);
    a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + 0x5a827999 + w4) | 0; c = (c << 30) | (c >>> 2);
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w5) | 0; b = (b << 30) | (b >>> 2);
    d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + 0x5a827999 + w6) | 0; a = (a << 30) | (a >>> 2);
    c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + 0x5a827999 + w7) | 0; e = (e << 30) | (e >>> 2);
    b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + 0x5a827999 + w8) | 0; d = (d << 30) | (d >>> 2);
    a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + 0x5a827999 + w9) | 0; c = (c << 30) | (c >>> 2);
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w10) | 0; b = (b << 30) | (b >>> 2);
    d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + 0x5a827999 + w11) | 0; a = (a << 30) | (a >>> 2);
    c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + 0x5a827999 + w12) | 0; e = (e << 30) | (e >>> 2);
    b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + 0x5a827999 + w13) | 0; d = (d << 30) | (d >>> 2);
    a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + 0x5a827999 + w14) | 0; c = (c << 30) | (c >>> 2);
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w15) | 0; b = (b << 30) | (b >>> 2);
    // from round 16 on, w[t % 16] is replaced by the next schedule word just before it is used
    x = w13 ^ w8 ^ w2 ^ w0; w0 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + 0x5a827999 + w0) | 0; a = (a << 30) | (a >>> 2);
    x = w14 ^ w9 ^ w3 ^ w1; w1 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + 0x5a827999 + w1) | 0; e = (e << 30) | (e >>> 2);
    x = w15 ^ w10 ^ w4 ^ w2; w2 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + 0x5a827999 + w2) | 0; d = (d << 30) | (d >>> 2);
    x = w0 ^ w11 ^ w5 ^ w3; w3 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + 0x5a827999 + w3) | 0; c = (c << 30) | (c >>> 2);
    // rounds 20..39
    x = w1 ^ w12 ^ w6 ^ w4; w4 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w4) | 0; b = (b << 30) | (b >>> 2);
    x = w2 ^ w13 ^ w7 ^ w5; w5 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0x6ed9eba1 + w5) | 0; a = (a << 30) | (a >>> 2);
    x = w3 ^ w14 ^ w8 ^ w6; w6 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0x6ed9eba1 + w6) | 0; e = (e << 30) | (e >>> 2);
    x = w4 ^ w15 ^ w9 ^ w7; w7 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0x6ed9eba1 + w7) | 0; d = (d << 30) | (d >>> 2);
    x = w5 ^ w0 ^ w10 ^ w8; w8 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0x6ed9eba1 + w8) | 0; c = (c << 30) | (c >>> 2);
    x = w6 ^ w1 ^ w11 ^ w9; w9 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w9) | 0; b = (b << 30) | (b >>> 2);
    x = w7 ^ w2 ^ w12 ^ w10; w10 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0x6ed9eba1 + w10) | 0; a = (a << 30) | (a >>> 2);
    x = w8 ^ w3 ^ w13 ^ w11; w11 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0x6ed9eba1 + w11) | 0; e = (e << 30) | (e >>> 2);
    x = w9 ^ w4 ^ w14 ^ w12; w12 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0x6ed9eba1 + w12) | 0; d = (d << 30) | (d >>> 2);
    x = w10 ^ w5 ^ w15 ^ w13; w13 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0x6ed9eba1 + w13) | 0; c = (c << 30) | (c >>> 2);
    x = w11 ^ w6 ^ w0 ^ w14; w14 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w14) | 0; b = (b << 30) | (b >>> 2);
    x = w12 ^ w7 ^ w1 ^ w15; w15 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0x6ed9eba1 + w15) | 0; a = (a << 30) | (a >>> 2);
    x = w13 ^ w8 ^ w2 ^ w0; w0 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0x6ed9eba1 + w0) | 0; e = (e << 30) | (e >>> 2);
    x = w14 ^ w9 ^ w3 ^ w1; w1 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0x6ed9eba1 + w1) | 0; d = (d << 30) | (d >>> 2);
    x = w15 ^ w10 ^ w4 ^ w2; w2 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0x6ed9eba1 + w2) | 0; c = (c << 30) | (c >>> 2);
    x = w0 ^ w11 ^ w5 ^ w3; w3 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w3) | 0; b = (b << 30) | (b >>> 2);
    x = w1 ^ w12 ^ w6 ^ w4; w4 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0x6ed9eba1 + w4) | 0; a = (a << 30) | (a >>> 2);
    x = w2 ^ w13 ^ w7 ^ w5; w5 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0x6ed9eba1 + w5) | 0; e = (e << 30) | (e >>> 2);
    x = w3 ^ w14 ^ w8 ^ w6; w6 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0x6ed9eba1 + w6) | 0; d = (d << 30) | (d >>> 2);
    x = w4 ^ w15 ^ w9 ^ w7; w7 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0x6ed9eba1 + w7) | 0; c = (c << 30) | (c >>> 2);
    // rounds 40..59
    x = w5 ^ w0 ^ w10 ^ w8; w8 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w8) | 0; b = (b << 30) | (b >>> 2);
    x = w6 ^ w1 ^ w11 ^ w9; w9 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + 0x8f1bbcdc + w9) | 0; a = (a << 30) | (a >>> 2);
    x = w7 ^ w2 ^ w12 ^ w10; w10 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + 0x8f1bbcdc + w10) | 0; e = (e << 30) | (e >>> 2);
    x = w8 ^ w3 ^ w13 ^ w11; w11 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + 0x8f1bbcdc + w11) | 0; d = (d << 30) | (d >>> 2);
    x = w9 ^ w4 ^ w14 ^ w12; w12 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + 0x8f1bbcdc + w12) | 0; c = (c << 30) | (c >>> 2);
    x = w10 ^ w5 ^ w15 ^ w13; w13 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w13) | 0; b = (b << 30) | (b >>> 2);
    x = w11 ^ w6 ^ w0 ^ w14; w14 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + 0x8f1bbcdc + w14) | 0; a = (a << 30) | (a >>> 2);
    x = w12 ^ w7 ^ w1 ^ w15; w15 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + 0x8f1bbcdc + w15) | 0; e = (e << 30) | (e >>> 2);
    x = w13 ^ w8 ^ w2 ^ w0; w0 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + 0x8f1bbcdc + w0) | 0; d = (d << 30) | (d >>> 2);
    x = w14 ^ w9 ^ w3 ^ w1; w1 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + 0x8f1bbcdc + w1) | 0; c = (c << 30) | (c >>> 2);
    x = w15 ^ w10 ^ w4 ^ w2; w2 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w2) | 0; b = (b << 30) | (b >>> 2);
    x = w0 ^ w11 ^ w5 ^ w3; w3 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + 0x8f1bbcdc + w3) | 0; a = (a << 30) | (a >>> 2);
    x = w1 ^ w12 ^ w6 ^ w4; w4 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + 0x8f1bbcdc + w4) | 0; e = (e << 30) | (e >>> 2);
    x = w2 ^ w13 ^ w7 ^ w5; w5 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + 0x8f1bbcdc + w5) | 0; d = (d << 30) | (d >>> 2);
    x = w3 ^ w14 ^ w8 ^ w6; w6 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + 0x8f1bbcdc + w6) | 0; c = (c << 30) | (c >>> 2);
    x = w4 ^ w15 ^ w9 ^ w7; w7 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w7) | 0; b = (b << 30) | (b >>> 2);
    x = w5 ^ w0 ^ w10 ^ w8; w8 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + 0x8f1bbcdc + w8) | 0; a = (a << 30) | (a >>> 2);
    x = w6 ^ w1 ^ w11 ^ w9; w9 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + 0x8f1bbcdc + w9) | 0; e = (e << 30) | (e >>> 2);
    x = w7 ^ w2 ^ w12 ^ w10; w10 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + 0x8f1bbcdc + w10) | 0; d = (d << 30) | (d >>> 2);
    x = w8 ^ w3 ^ w13 ^ w11; w11 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + 0x8f1bbcdc + w11) | 0; c = (c << 30) | (c >>> 2);
    // rounds 60..79
    x = w9 ^ w4 ^ w14 ^ w12; w12 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w12) | 0; b = (b << 30) | (b >>> 2);
    x = w10 ^ w5 ^ w15 ^ w13; w13 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0xca62c1d6 + w13) | 0; a = (a << 30) | (a >>> 2);
    x = w11 ^ w6 ^ w0 ^ w14; w14 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0xca62c1d6 + w14) | 0; e = (e << 30) | (e >>> 2);
    x = w12 ^ w7 ^ w1 ^ w15; w15 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0xca62c1d6 + w15) | 0; d = (d << 30) | (d >>> 2);
    x = w13 ^ w8 ^ w2 ^ w0; w0 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0xca62c1d6 + w0) | 0; c = (c << 30) | (c >>> 2);
    x = w14 ^ w9 ^ w3 ^ w1; w1 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w1) | 0; b = (b << 30) | (b >>> 2);
    x = w15 ^ w10 ^ w4 ^ w2; w2 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0xca62c1d6 + w2) | 0; a = (a << 30) | (a >>> 2);
    x = w0 ^ w11 ^ w5 ^ w3; w3 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0xca62c1d6 + w3) | 0; e = (e << 30) | (e >>> 2);
    x = w1 ^ w12 ^ w6 ^ w4; w4 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0xca62c1d6 + w4) | 0; d = (d << 30) | (d >>> 2);
    x = w2 ^ w13 ^ w7 ^ w5; w5 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0xca62c1d6 + w5) | 0; c = (c << 30) | (c >>> 2);
    x = w3 ^ w14 ^ w8 ^ w6; w6 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w6) | 0; b = (b << 30) | (b >>> 2);
    x = w4 ^ w15 ^ w9 ^ w7; w7 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0xca62c1d6 + w7) | 0; a = (a << 30) | (a >>> 2);
    x = w5 ^ w0 ^ w10 ^ w8; w8 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0xca62c1d6 + w8) | 0; e = (e << 30) | (e >>> 2);
    x = w6 ^ w1 ^ w11 ^ w9; w9 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0xca62c1d6 + w9) | 0; d = (d << 30) | (d >>> 2);
    x = w7 ^ w2 ^ w12 ^ w10; w10 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0xca62c1d6 + w10) | 0; c = (c << 30) | (c >>> 2);
    x = w8 ^ w3 ^ w13 ^ w11; w11 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w11) | 0; b = (b << 30) | (b >>> 2);
    x = w9 ^ w4 ^ w14 ^ w12; w12 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0xca62c1d6 + w12) | 0; a = (a << 30) | (a >>> 2);
    x = w10 ^ w5 ^ w15 ^ w13; w13 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0xca62c1d6 + w13) | 0; e = (e << 30) | (e >>> 2);
    x = w11 ^ w6 ^ w0 ^ w14; w14 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0xca62c1d6 + w14) | 0; d = (d << 30) | (d >>> 2);
    x = w12 ^ w7 ^ w1 ^ w15; w15 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0xca62c1d6 + w15) | 0; c = (c << 30) | (c >>> 2);
    h0 = (a + 0x67452301) | 0; h1 = (b + 0xefcdab89) | 0; h2 = (c + 0x98badcfe) | 0; h3 = (d + 0x10325476) | 0; h4 = (e + 0xc3d2e1f0) | 0;
  }
  st[0] = h0; st[1] = h1; st[2] = h2; st[3] = h3; st[4] = h4;
}

/** Two independent chains, interleaved round by round: st[0..4] and st[5..9]. */
function sha1Iterate2(st: Int32Array, n: number): void {
  let h0 = st[0]! | 0, h1 = st[1]! | 0, h2 = st[2]! | 0, h3 = st[3]! | 0, h4 = st[4]! | 0;
  let h0B = st[5]! | 0, h1B = st[6]! | 0, h2B = st[7]! | 0, h3B = st[8]! | 0, h4B = st[9]! | 0;
  for (let i = 0; i < n; i++) {
    let w0 = h0, w1 = h1, w2 = h2, w3 = h3, w4 = h4, w5 = 0x80000000 | 0, w6 = 0, w7 = 0;
    let w8 = 0, w9 = 0, w10 = 0, w11 = 0, w12 = 0, w13 = 0, w14 = 0, w15 = 160, x = 0;
    let a = 0x67452301, b = 0xefcdab89 | 0, c = 0x98badcfe | 0, d = 0x10325476, e = 0xc3d2e1f0 | 0;
    let w0B = h0B, w1B = h1B, w2B = h2B, w3B = h3B, w4B = h4B, w5B = 0x80000000 | 0, w6B = 0, w7B = 0;
    let w8B = 0, w9B = 0, w10B = 0, w11B = 0, w12B = 0, w13B = 0, w14B = 0, w15B = 160, xB = 0;
    let aB = 0x67452301, bB = 0xefcdab89 | 0, cB = 0x98badcfe | 0, dB = 0x10325476, eB = 0xc3d2e1f0 | 0;
    // rounds 0..19
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w0) | 0; b = (b << 30) | (b >>> 2);
    eB = (((aB << 5) | (aB >>> 27)) + (dB ^ (bB & (cB ^ dB))) + eB + 0x5a827999 + w0B) | 0; bB = (bB << 30) | (bB >>> 2);
    d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + 0x5a827999 + w1) | 0; a = (a << 30) | (a >>> 2);
    dB = (((eB << 5) | (eB >>> 27)) + (cB ^ (aB & (bB ^ cB))) + dB + 0x5a827999 + w1B) | 0; aB = (aB << 30) | (aB >>> 2);
    c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + 0x5a827999 + w2) | 0; e = (e << 30) | (e >>> 2);
    cB = (((dB << 5) | (dB >>> 27)) + (bB ^ (eB & (aB ^ bB))) + cB + 0x5a827999 + w2B) | 0; eB = (eB << 30) | (eB >>> 2);
    b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + 0x5a827999 + w3) | 0; d = (d << 30) | (d >>> 2);
    bB = (((cB << 5) | (cB >>> 27)) + (aB ^ (dB & (eB ^ aB))) + bB + 0x5a827999 + w3B) | 0; dB = (dB << 30) | (dB >>> 2);
    a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + 0x5a827999 + w4) | 0; c = (c << 30) | (c >>> 2);
    aB = (((bB << 5) | (bB >>> 27)) + (eB ^ (cB & (dB ^ eB))) + aB + 0x5a827999 + w4B) | 0; cB = (cB << 30) | (cB >>> 2);
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w5) | 0; b = (b << 30) | (b >>> 2);
    eB = (((aB << 5) | (aB >>> 27)) + (dB ^ (bB & (cB ^ dB))) + eB + 0x5a827999 + w5B) | 0; bB = (bB << 30) | (bB >>> 2);
    d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + 0x5a827999 + w6) | 0; a = (a << 30) | (a >>> 2);
    dB = (((eB << 5) | (eB >>> 27)) + (cB ^ (aB & (bB ^ cB))) + dB + 0x5a827999 + w6B) | 0; aB = (aB << 30) | (aB >>> 2);
    c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + 0x5a827999 + w7) | 0; e = (e << 30) | (e >>> 2);
    cB = (((dB << 5) | (dB >>> 27)) + (bB ^ (eB & (aB ^ bB))) + cB + 0x5a827999 + w7B) | 0; eB = (eB << 30) | (eB >>> 2);
    b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + 0x5a827999 + w8) | 0; d = (d << 30) | (d >>> 2);
    bB = (((cB << 5) | (cB >>> 27)) + (aB ^ (dB & (eB ^ aB))) + bB + 0x5a827999 + w8B) | 0; dB = (dB << 30) | (dB >>> 2);
    a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + 0x5a827999 + w9) | 0; c = (c << 30) | (c >>> 2);
    aB = (((bB << 5) | (bB >>> 27)) + (eB ^ (cB & (dB ^ eB))) + aB + 0x5a827999 + w9B) | 0; cB = (cB << 30) | (cB >>> 2);
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w10) | 0; b = (b << 30) | (b >>> 2);
    eB = (((aB << 5) | (aB >>> 27)) + (dB ^ (bB & (cB ^ dB))) + eB + 0x5a827999 + w10B) | 0; bB = (bB << 30) | (bB >>> 2);
    d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + 0x5a827999 + w11) | 0; a = (a << 30) | (a >>> 2);
    dB = (((eB << 5) | (eB >>> 27)) + (cB ^ (aB & (bB ^ cB))) + dB + 0x5a827999 + w11B) | 0; aB = (aB << 30) | (aB >>> 2);
    c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + 0x5a827999 + w12) | 0; e = (e << 30) | (e >>> 2);
    cB = (((dB << 5) | (dB >>> 27)) + (bB ^ (eB & (aB ^ bB))) + cB + 0x5a827999 + w12B) | 0; eB = (eB << 30) | (eB >>> 2);
    b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + 0x5a827999 + w13) | 0; d = (d << 30) | (d >>> 2);
    bB = (((cB << 5) | (cB >>> 27)) + (aB ^ (dB & (eB ^ aB))) + bB + 0x5a827999 + w13B) | 0; dB = (dB << 30) | (dB >>> 2);
    a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + 0x5a827999 + w14) | 0; c = (c << 30) | (c >>> 2);
    aB = (((bB << 5) | (bB >>> 27)) + (eB ^ (cB & (dB ^ eB))) + aB + 0x5a827999 + w14B) | 0; cB = (cB << 30) | (cB >>> 2);
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w15) | 0; b = (b << 30) | (b >>> 2);
    eB = (((aB << 5) | (aB >>> 27)) + (dB ^ (bB & (cB ^ dB))) + eB + 0x5a827999 + w15B) | 0; bB = (bB << 30) | (bB >>> 2);
    // from round 16 on, w[t % 16] is replaced by the next schedule word just before it is used
    x = w13 ^ w8 ^ w2 ^ w0; w0 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + 0x5a827999 + w0) | 0; a = (a << 30) | (a >>> 2);
    xB = w13B ^ w8B ^ w2B ^ w0B; w0B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (cB ^ (aB & (bB ^ cB))) + dB + 0x5a827999 + w0B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w14 ^ w9 ^ w3 ^ w1; w1 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + 0x5a827999 + w1) | 0; e = (e << 30) | (e >>> 2);
    xB = w14B ^ w9B ^ w3B ^ w1B; w1B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (bB ^ (eB & (aB ^ bB))) + cB + 0x5a827999 + w1B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w15 ^ w10 ^ w4 ^ w2; w2 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + 0x5a827999 + w2) | 0; d = (d << 30) | (d >>> 2);
    xB = w15B ^ w10B ^ w4B ^ w2B; w2B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (aB ^ (dB & (eB ^ aB))) + bB + 0x5a827999 + w2B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w0 ^ w11 ^ w5 ^ w3; w3 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + 0x5a827999 + w3) | 0; c = (c << 30) | (c >>> 2);
    xB = w0B ^ w11B ^ w5B ^ w3B; w3B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (eB ^ (cB & (dB ^ eB))) + aB + 0x5a827999 + w3B) | 0; cB = (cB << 30) | (cB >>> 2);
    // rounds 20..39
    x = w1 ^ w12 ^ w6 ^ w4; w4 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w4) | 0; b = (b << 30) | (b >>> 2);
    xB = w1B ^ w12B ^ w6B ^ w4B; w4B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + (bB ^ cB ^ dB) + eB + 0x6ed9eba1 + w4B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w2 ^ w13 ^ w7 ^ w5; w5 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0x6ed9eba1 + w5) | 0; a = (a << 30) | (a >>> 2);
    xB = w2B ^ w13B ^ w7B ^ w5B; w5B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (aB ^ bB ^ cB) + dB + 0x6ed9eba1 + w5B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w3 ^ w14 ^ w8 ^ w6; w6 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0x6ed9eba1 + w6) | 0; e = (e << 30) | (e >>> 2);
    xB = w3B ^ w14B ^ w8B ^ w6B; w6B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (eB ^ aB ^ bB) + cB + 0x6ed9eba1 + w6B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w4 ^ w15 ^ w9 ^ w7; w7 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0x6ed9eba1 + w7) | 0; d = (d << 30) | (d >>> 2);
    xB = w4B ^ w15B ^ w9B ^ w7B; w7B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (dB ^ eB ^ aB) + bB + 0x6ed9eba1 + w7B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w5 ^ w0 ^ w10 ^ w8; w8 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0x6ed9eba1 + w8) | 0; c = (c << 30) | (c >>> 2);
    xB = w5B ^ w0B ^ w10B ^ w8B; w8B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (cB ^ dB ^ eB) + aB + 0x6ed9eba1 + w8B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w6 ^ w1 ^ w11 ^ w9; w9 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w9) | 0; b = (b << 30) | (b >>> 2);
    xB = w6B ^ w1B ^ w11B ^ w9B; w9B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + (bB ^ cB ^ dB) + eB + 0x6ed9eba1 + w9B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w7 ^ w2 ^ w12 ^ w10; w10 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0x6ed9eba1 + w10) | 0; a = (a << 30) | (a >>> 2);
    xB = w7B ^ w2B ^ w12B ^ w10B; w10B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (aB ^ bB ^ cB) + dB + 0x6ed9eba1 + w10B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w8 ^ w3 ^ w13 ^ w11; w11 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0x6ed9eba1 + w11) | 0; e = (e << 30) | (e >>> 2);
    xB = w8B ^ w3B ^ w13B ^ w11B; w11B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (eB ^ aB ^ bB) + cB + 0x6ed9eba1 + w11B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w9 ^ w4 ^ w14 ^ w12; w12 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0x6ed9eba1 + w12) | 0; d = (d << 30) | (d >>> 2);
    xB = w9B ^ w4B ^ w14B ^ w12B; w12B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (dB ^ eB ^ aB) + bB + 0x6ed9eba1 + w12B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w10 ^ w5 ^ w15 ^ w13; w13 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0x6ed9eba1 + w13) | 0; c = (c << 30) | (c >>> 2);
    xB = w10B ^ w5B ^ w15B ^ w13B; w13B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (cB ^ dB ^ eB) + aB + 0x6ed9eba1 + w13B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w11 ^ w6 ^ w0 ^ w14; w14 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w14) | 0; b = (b << 30) | (b >>> 2);
    xB = w11B ^ w6B ^ w0B ^ w14B; w14B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + (bB ^ cB ^ dB) + eB + 0x6ed9eba1 + w14B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w12 ^ w7 ^ w1 ^ w15; w15 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0x6ed9eba1 + w15) | 0; a = (a << 30) | (a >>> 2);
    xB = w12B ^ w7B ^ w1B ^ w15B; w15B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (aB ^ bB ^ cB) + dB + 0x6ed9eba1 + w15B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w13 ^ w8 ^ w2 ^ w0; w0 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0x6ed9eba1 + w0) | 0; e = (e << 30) | (e >>> 2);
    xB = w13B ^ w8B ^ w2B ^ w0B; w0B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (eB ^ aB ^ bB) + cB + 0x6ed9eba1 + w0B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w14 ^ w9 ^ w3 ^ w1; w1 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0x6ed9eba1 + w1) | 0; d = (d << 30) | (d >>> 2);
    xB = w14B ^ w9B ^ w3B ^ w1B; w1B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (dB ^ eB ^ aB) + bB + 0x6ed9eba1 + w1B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w15 ^ w10 ^ w4 ^ w2; w2 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0x6ed9eba1 + w2) | 0; c = (c << 30) | (c >>> 2);
    xB = w15B ^ w10B ^ w4B ^ w2B; w2B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (cB ^ dB ^ eB) + aB + 0x6ed9eba1 + w2B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w0 ^ w11 ^ w5 ^ w3; w3 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w3) | 0; b = (b << 30) | (b >>> 2);
    xB = w0B ^ w11B ^ w5B ^ w3B; w3B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + (bB ^ cB ^ dB) + eB + 0x6ed9eba1 + w3B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w1 ^ w12 ^ w6 ^ w4; w4 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0x6ed9eba1 + w4) | 0; a = (a << 30) | (a >>> 2);
    xB = w1B ^ w12B ^ w6B ^ w4B; w4B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (aB ^ bB ^ cB) + dB + 0x6ed9eba1 + w4B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w2 ^ w13 ^ w7 ^ w5; w5 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0x6ed9eba1 + w5) | 0; e = (e << 30) | (e >>> 2);
    xB = w2B ^ w13B ^ w7B ^ w5B; w5B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (eB ^ aB ^ bB) + cB + 0x6ed9eba1 + w5B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w3 ^ w14 ^ w8 ^ w6; w6 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0x6ed9eba1 + w6) | 0; d = (d << 30) | (d >>> 2);
    xB = w3B ^ w14B ^ w8B ^ w6B; w6B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (dB ^ eB ^ aB) + bB + 0x6ed9eba1 + w6B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w4 ^ w15 ^ w9 ^ w7; w7 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0x6ed9eba1 + w7) | 0; c = (c << 30) | (c >>> 2);
    xB = w4B ^ w15B ^ w9B ^ w7B; w7B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (cB ^ dB ^ eB) + aB + 0x6ed9eba1 + w7B) | 0; cB = (cB << 30) | (cB >>> 2);
    // rounds 40..59
    x = w5 ^ w0 ^ w10 ^ w8; w8 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w8) | 0; b = (b << 30) | (b >>> 2);
    xB = w5B ^ w0B ^ w10B ^ w8B; w8B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + ((bB & cB) | (dB & (bB | cB))) + eB + 0x8f1bbcdc + w8B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w6 ^ w1 ^ w11 ^ w9; w9 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + 0x8f1bbcdc + w9) | 0; a = (a << 30) | (a >>> 2);
    xB = w6B ^ w1B ^ w11B ^ w9B; w9B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + ((aB & bB) | (cB & (aB | bB))) + dB + 0x8f1bbcdc + w9B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w7 ^ w2 ^ w12 ^ w10; w10 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + 0x8f1bbcdc + w10) | 0; e = (e << 30) | (e >>> 2);
    xB = w7B ^ w2B ^ w12B ^ w10B; w10B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + ((eB & aB) | (bB & (eB | aB))) + cB + 0x8f1bbcdc + w10B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w8 ^ w3 ^ w13 ^ w11; w11 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + 0x8f1bbcdc + w11) | 0; d = (d << 30) | (d >>> 2);
    xB = w8B ^ w3B ^ w13B ^ w11B; w11B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + ((dB & eB) | (aB & (dB | eB))) + bB + 0x8f1bbcdc + w11B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w9 ^ w4 ^ w14 ^ w12; w12 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + 0x8f1bbcdc + w12) | 0; c = (c << 30) | (c >>> 2);
    xB = w9B ^ w4B ^ w14B ^ w12B; w12B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + ((cB & dB) | (eB & (cB | dB))) + aB + 0x8f1bbcdc + w12B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w10 ^ w5 ^ w15 ^ w13; w13 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w13) | 0; b = (b << 30) | (b >>> 2);
    xB = w10B ^ w5B ^ w15B ^ w13B; w13B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + ((bB & cB) | (dB & (bB | cB))) + eB + 0x8f1bbcdc + w13B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w11 ^ w6 ^ w0 ^ w14; w14 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + 0x8f1bbcdc + w14) | 0; a = (a << 30) | (a >>> 2);
    xB = w11B ^ w6B ^ w0B ^ w14B; w14B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + ((aB & bB) | (cB & (aB | bB))) + dB + 0x8f1bbcdc + w14B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w12 ^ w7 ^ w1 ^ w15; w15 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + 0x8f1bbcdc + w15) | 0; e = (e << 30) | (e >>> 2);
    xB = w12B ^ w7B ^ w1B ^ w15B; w15B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + ((eB & aB) | (bB & (eB | aB))) + cB + 0x8f1bbcdc + w15B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w13 ^ w8 ^ w2 ^ w0; w0 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + 0x8f1bbcdc + w0) | 0; d = (d << 30) | (d >>> 2);
    xB = w13B ^ w8B ^ w2B ^ w0B; w0B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + ((dB & eB) | (aB & (dB | eB))) + bB + 0x8f1bbcdc + w0B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w14 ^ w9 ^ w3 ^ w1; w1 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + 0x8f1bbcdc + w1) | 0; c = (c << 30) | (c >>> 2);
    xB = w14B ^ w9B ^ w3B ^ w1B; w1B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + ((cB & dB) | (eB & (cB | dB))) + aB + 0x8f1bbcdc + w1B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w15 ^ w10 ^ w4 ^ w2; w2 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w2) | 0; b = (b << 30) | (b >>> 2);
    xB = w15B ^ w10B ^ w4B ^ w2B; w2B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + ((bB & cB) | (dB & (bB | cB))) + eB + 0x8f1bbcdc + w2B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w0 ^ w11 ^ w5 ^ w3; w3 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + 0x8f1bbcdc + w3) | 0; a = (a << 30) | (a >>> 2);
    xB = w0B ^ w11B ^ w5B ^ w3B; w3B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + ((aB & bB) | (cB & (aB | bB))) + dB + 0x8f1bbcdc + w3B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w1 ^ w12 ^ w6 ^ w4; w4 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + 0x8f1bbcdc + w4) | 0; e = (e << 30) | (e >>> 2);
    xB = w1B ^ w12B ^ w6B ^ w4B; w4B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + ((eB & aB) | (bB & (eB | aB))) + cB + 0x8f1bbcdc + w4B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w2 ^ w13 ^ w7 ^ w5; w5 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + 0x8f1bbcdc + w5) | 0; d = (d << 30) | (d >>> 2);
    xB = w2B ^ w13B ^ w7B ^ w5B; w5B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + ((dB & eB) | (aB & (dB | eB))) + bB + 0x8f1bbcdc + w5B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w3 ^ w14 ^ w8 ^ w6; w6 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + 0x8f1bbcdc + w6) | 0; c = (c << 30) | (c >>> 2);
    xB = w3B ^ w14B ^ w8B ^ w6B; w6B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + ((cB & dB) | (eB & (cB | dB))) + aB + 0x8f1bbcdc + w6B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w4 ^ w15 ^ w9 ^ w7; w7 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + w7) | 0; b = (b << 30) | (b >>> 2);
    xB = w4B ^ w15B ^ w9B ^ w7B; w7B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + ((bB & cB) | (dB & (bB | cB))) + eB + 0x8f1bbcdc + w7B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w5 ^ w0 ^ w10 ^ w8; w8 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + 0x8f1bbcdc + w8) | 0; a = (a << 30) | (a >>> 2);
    xB = w5B ^ w0B ^ w10B ^ w8B; w8B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + ((aB & bB) | (cB & (aB | bB))) + dB + 0x8f1bbcdc + w8B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w6 ^ w1 ^ w11 ^ w9; w9 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + 0x8f1bbcdc + w9) | 0; e = (e << 30) | (e >>> 2);
    xB = w6B ^ w1B ^ w11B ^ w9B; w9B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + ((eB & aB) | (bB & (eB | aB))) + cB + 0x8f1bbcdc + w9B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w7 ^ w2 ^ w12 ^ w10; w10 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + 0x8f1bbcdc + w10) | 0; d = (d << 30) | (d >>> 2);
    xB = w7B ^ w2B ^ w12B ^ w10B; w10B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + ((dB & eB) | (aB & (dB | eB))) + bB + 0x8f1bbcdc + w10B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w8 ^ w3 ^ w13 ^ w11; w11 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + 0x8f1bbcdc + w11) | 0; c = (c << 30) | (c >>> 2);
    xB = w8B ^ w3B ^ w13B ^ w11B; w11B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + ((cB & dB) | (eB & (cB | dB))) + aB + 0x8f1bbcdc + w11B) | 0; cB = (cB << 30) | (cB >>> 2);
    // rounds 60..79
    x = w9 ^ w4 ^ w14 ^ w12; w12 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w12) | 0; b = (b << 30) | (b >>> 2);
    xB = w9B ^ w4B ^ w14B ^ w12B; w12B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + (bB ^ cB ^ dB) + eB + 0xca62c1d6 + w12B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w10 ^ w5 ^ w15 ^ w13; w13 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0xca62c1d6 + w13) | 0; a = (a << 30) | (a >>> 2);
    xB = w10B ^ w5B ^ w15B ^ w13B; w13B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (aB ^ bB ^ cB) + dB + 0xca62c1d6 + w13B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w11 ^ w6 ^ w0 ^ w14; w14 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0xca62c1d6 + w14) | 0; e = (e << 30) | (e >>> 2);
    xB = w11B ^ w6B ^ w0B ^ w14B; w14B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (eB ^ aB ^ bB) + cB + 0xca62c1d6 + w14B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w12 ^ w7 ^ w1 ^ w15; w15 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0xca62c1d6 + w15) | 0; d = (d << 30) | (d >>> 2);
    xB = w12B ^ w7B ^ w1B ^ w15B; w15B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (dB ^ eB ^ aB) + bB + 0xca62c1d6 + w15B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w13 ^ w8 ^ w2 ^ w0; w0 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0xca62c1d6 + w0) | 0; c = (c << 30) | (c >>> 2);
    xB = w13B ^ w8B ^ w2B ^ w0B; w0B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (cB ^ dB ^ eB) + aB + 0xca62c1d6 + w0B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w14 ^ w9 ^ w3 ^ w1; w1 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w1) | 0; b = (b << 30) | (b >>> 2);
    xB = w14B ^ w9B ^ w3B ^ w1B; w1B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + (bB ^ cB ^ dB) + eB + 0xca62c1d6 + w1B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w15 ^ w10 ^ w4 ^ w2; w2 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0xca62c1d6 + w2) | 0; a = (a << 30) | (a >>> 2);
    xB = w15B ^ w10B ^ w4B ^ w2B; w2B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (aB ^ bB ^ cB) + dB + 0xca62c1d6 + w2B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w0 ^ w11 ^ w5 ^ w3; w3 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0xca62c1d6 + w3) | 0; e = (e << 30) | (e >>> 2);
    xB = w0B ^ w11B ^ w5B ^ w3B; w3B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (eB ^ aB ^ bB) + cB + 0xca62c1d6 + w3B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w1 ^ w12 ^ w6 ^ w4; w4 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0xca62c1d6 + w4) | 0; d = (d << 30) | (d >>> 2);
    xB = w1B ^ w12B ^ w6B ^ w4B; w4B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (dB ^ eB ^ aB) + bB + 0xca62c1d6 + w4B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w2 ^ w13 ^ w7 ^ w5; w5 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0xca62c1d6 + w5) | 0; c = (c << 30) | (c >>> 2);
    xB = w2B ^ w13B ^ w7B ^ w5B; w5B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (cB ^ dB ^ eB) + aB + 0xca62c1d6 + w5B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w3 ^ w14 ^ w8 ^ w6; w6 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w6) | 0; b = (b << 30) | (b >>> 2);
    xB = w3B ^ w14B ^ w8B ^ w6B; w6B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + (bB ^ cB ^ dB) + eB + 0xca62c1d6 + w6B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w4 ^ w15 ^ w9 ^ w7; w7 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0xca62c1d6 + w7) | 0; a = (a << 30) | (a >>> 2);
    xB = w4B ^ w15B ^ w9B ^ w7B; w7B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (aB ^ bB ^ cB) + dB + 0xca62c1d6 + w7B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w5 ^ w0 ^ w10 ^ w8; w8 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0xca62c1d6 + w8) | 0; e = (e << 30) | (e >>> 2);
    xB = w5B ^ w0B ^ w10B ^ w8B; w8B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (eB ^ aB ^ bB) + cB + 0xca62c1d6 + w8B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w6 ^ w1 ^ w11 ^ w9; w9 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0xca62c1d6 + w9) | 0; d = (d << 30) | (d >>> 2);
    xB = w6B ^ w1B ^ w11B ^ w9B; w9B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (dB ^ eB ^ aB) + bB + 0xca62c1d6 + w9B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w7 ^ w2 ^ w12 ^ w10; w10 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0xca62c1d6 + w10) | 0; c = (c << 30) | (c >>> 2);
    xB = w7B ^ w2B ^ w12B ^ w10B; w10B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (cB ^ dB ^ eB) + aB + 0xca62c1d6 + w10B) | 0; cB = (cB << 30) | (cB >>> 2);
    x = w8 ^ w3 ^ w13 ^ w11; w11 = (x << 1) | (x >>> 31); e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + w11) | 0; b = (b << 30) | (b >>> 2);
    xB = w8B ^ w3B ^ w13B ^ w11B; w11B = (xB << 1) | (xB >>> 31); eB = (((aB << 5) | (aB >>> 27)) + (bB ^ cB ^ dB) + eB + 0xca62c1d6 + w11B) | 0; bB = (bB << 30) | (bB >>> 2);
    x = w9 ^ w4 ^ w14 ^ w12; w12 = (x << 1) | (x >>> 31); d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + 0xca62c1d6 + w12) | 0; a = (a << 30) | (a >>> 2);
    xB = w9B ^ w4B ^ w14B ^ w12B; w12B = (xB << 1) | (xB >>> 31); dB = (((eB << 5) | (eB >>> 27)) + (aB ^ bB ^ cB) + dB + 0xca62c1d6 + w12B) | 0; aB = (aB << 30) | (aB >>> 2);
    x = w10 ^ w5 ^ w15 ^ w13; w13 = (x << 1) | (x >>> 31); c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + 0xca62c1d6 + w13) | 0; e = (e << 30) | (e >>> 2);
    xB = w10B ^ w5B ^ w15B ^ w13B; w13B = (xB << 1) | (xB >>> 31); cB = (((dB << 5) | (dB >>> 27)) + (eB ^ aB ^ bB) + cB + 0xca62c1d6 + w13B) | 0; eB = (eB << 30) | (eB >>> 2);
    x = w11 ^ w6 ^ w0 ^ w14; w14 = (x << 1) | (x >>> 31); b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + 0xca62c1d6 + w14) | 0; d = (d << 30) | (d >>> 2);
    xB = w11B ^ w6B ^ w0B ^ w14B; w14B = (xB << 1) | (xB >>> 31); bB = (((cB << 5) | (cB >>> 27)) + (dB ^ eB ^ aB) + bB + 0xca62c1d6 + w14B) | 0; dB = (dB << 30) | (dB >>> 2);
    x = w12 ^ w7 ^ w1 ^ w15; w15 = (x << 1) | (x >>> 31); a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + 0xca62c1d6 + w15) | 0; c = (c << 30) | (c >>> 2);
    xB = w12B ^ w7B ^ w1B ^ w15B; w15B = (xB << 1) | (xB >>> 31); aB = (((bB << 5) | (bB >>> 27)) + (cB ^ dB ^ eB) + aB + 0xca62c1d6 + w15B) | 0; cB = (cB << 30) | (cB >>> 2);
    h0 = (a + 0x67452301) | 0; h1 = (b + 0xefcdab89) | 0; h2 = (c + 0x98badcfe) | 0; h3 = (d + 0x10325476) | 0; h4 = (e + 0xc3d2e1f0) | 0;
    h0B = (aB + 0x67452301) | 0; h1B = (bB + 0xefcdab89) | 0; h2B = (cB + 0x98badcfe) | 0; h3B = (dB + 0x10325476) | 0; h4B = (eB + 0xc3d2e1f0) | 0;
  }
  st[0] = h0; st[1] = h1; st[2] = h2; st[3] = h3; st[4] = h4;
  st[5] = h0B; st[6] = h1B; st[7] = h2B; st[8] = h3B; st[9] = h4B;
}

/**
 * n SHA-256 (or SHA-224) hashes of a 32-byte (28-byte) message, st[0..7] in and out;
 * cfg is SHA256_CFG or SHA224_CFG.
 */
function sha256Iterate(st: Int32Array, n: number, cfg: Int32Array): void {
  const iv0 = cfg[0]! | 0, iv1 = cfg[1]! | 0, iv2 = cfg[2]! | 0, iv3 = cfg[3]! | 0, iv4 = cfg[4]! | 0, iv5 = cfg[5]! | 0, iv6 = cfg[6]! | 0, iv7 = cfg[7]! | 0;
  const pad8 = cfg[8]! | 0, bits = cfg[9]! | 0, keep7 = cfg[10]! | 0, pad7 = cfg[11]! | 0;
  let h0 = st[0]! | 0, h1 = st[1]! | 0, h2 = st[2]! | 0, h3 = st[3]! | 0, h4 = st[4]! | 0, h5 = st[5]! | 0, h6 = st[6]! | 0, h7 = (st[7]! & keep7) | pad7;
  for (let i = 0; i < n; i++) {
    let w0 = h0, w1 = h1, w2 = h2, w3 = h3, w4 = h4, w5 = h5, w6 = h6, w7 = h7;
    let w8 = pad8, w9 = 0, w10 = 0, w11 = 0, w12 = 0, w13 = 0, w14 = 0, w15 = bits;
    let a = iv0, b = iv1, c = iv2, d = iv3, e = iv4, f = iv5, g = iv6, h = iv7, x = 0, y = 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x428a2f98 + w0) | 0;
    d = (d + h) | 0; h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x71374491 + w1) | 0;
    c = (c + g) | 0; g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0xb5c0fbcf + w2) | 0;
    b = (b + f) | 0; f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0xe9b5dba5 + w3) | 0;
    a = (a + e) | 0; e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x3956c25b + w4) | 0;
    h = (h + d) | 0; d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x59f111f1 + w5) | 0;
    g = (g + c) | 0; c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x923f82a4 + w6) | 0;
    f = (f + b) | 0; b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0xab1c5ed5 + w7) | 0;
    e = (e + a) | 0; a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0xd807aa98 + w8) | 0;
    d = (d + h) | 0; h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x12835b01 + w9) | 0;
    c = (c + g) | 0; g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x243185be + w10) | 0;
    b = (b + f) | 0; f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x550c7dc3 + w11) | 0;
    a = (a + e) | 0; e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x72be5d74 + w12) | 0;
    h = (h + d) | 0; d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x80deb1fe + w13) | 0;
    g = (g + c) | 0; c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x9bdc06a7 + w14) | 0;
    f = (f + b) | 0; b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0xc19bf174 + w15) | 0;
    e = (e + a) | 0; a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    x = w1; y = w14; w0 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w9 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w0) | 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0xe49b69c1 + w0) | 0;
    d = (d + h) | 0; h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    x = w2; y = w15; w1 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w10 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w1) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0xefbe4786 + w1) | 0;
    c = (c + g) | 0; g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    x = w3; y = w0; w2 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w11 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w2) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x0fc19dc6 + w2) | 0;
    b = (b + f) | 0; f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    x = w4; y = w1; w3 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w12 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w3) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x240ca1cc + w3) | 0;
    a = (a + e) | 0; e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    x = w5; y = w2; w4 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w13 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w4) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x2de92c6f + w4) | 0;
    h = (h + d) | 0; d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    x = w6; y = w3; w5 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w14 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w5) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x4a7484aa + w5) | 0;
    g = (g + c) | 0; c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    x = w7; y = w4; w6 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w15 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w6) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x5cb0a9dc + w6) | 0;
    f = (f + b) | 0; b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    x = w8; y = w5; w7 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w0 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w7) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x76f988da + w7) | 0;
    e = (e + a) | 0; a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    x = w9; y = w6; w8 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w1 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w8) | 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x983e5152 + w8) | 0;
    d = (d + h) | 0; h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    x = w10; y = w7; w9 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w2 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w9) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0xa831c66d + w9) | 0;
    c = (c + g) | 0; g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    x = w11; y = w8; w10 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w3 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w10) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0xb00327c8 + w10) | 0;
    b = (b + f) | 0; f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    x = w12; y = w9; w11 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w4 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w11) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0xbf597fc7 + w11) | 0;
    a = (a + e) | 0; e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    x = w13; y = w10; w12 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w5 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w12) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0xc6e00bf3 + w12) | 0;
    h = (h + d) | 0; d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    x = w14; y = w11; w13 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w6 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w13) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0xd5a79147 + w13) | 0;
    g = (g + c) | 0; c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    x = w15; y = w12; w14 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w7 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w14) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x06ca6351 + w14) | 0;
    f = (f + b) | 0; b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    x = w0; y = w13; w15 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w8 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w15) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x14292967 + w15) | 0;
    e = (e + a) | 0; a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    x = w1; y = w14; w0 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w9 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w0) | 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x27b70a85 + w0) | 0;
    d = (d + h) | 0; h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    x = w2; y = w15; w1 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w10 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w1) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x2e1b2138 + w1) | 0;
    c = (c + g) | 0; g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    x = w3; y = w0; w2 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w11 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w2) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x4d2c6dfc + w2) | 0;
    b = (b + f) | 0; f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    x = w4; y = w1; w3 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w12 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w3) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x53380d13 + w3) | 0;
    a = (a + e) | 0; e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    x = w5; y = w2; w4 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w13 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w4) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x650a7354 + w4) | 0;
    h = (h + d) | 0; d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    x = w6; y = w3; w5 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w14 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w5) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x766a0abb + w5) | 0;
    g = (g + c) | 0; c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    x = w7; y = w4; w6 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w15 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w6) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x81c2c92e + w6) | 0;
    f = (f + b) | 0; b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    x = w8; y = w5; w7 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w0 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w7) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x92722c85 + w7) | 0;
    e = (e + a) | 0; a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    x = w9; y = w6; w8 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w1 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w8) | 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0xa2bfe8a1 + w8) | 0;
    d = (d + h) | 0; h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    x = w10; y = w7; w9 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w2 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w9) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0xa81a664b + w9) | 0;
    c = (c + g) | 0; g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    x = w11; y = w8; w10 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w3 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w10) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0xc24b8b70 + w10) | 0;
    b = (b + f) | 0; f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    x = w12; y = w9; w11 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w4 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w11) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0xc76c51a3 + w11) | 0;
    a = (a + e) | 0; e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    x = w13; y = w10; w12 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w5 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w12) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0xd192e819 + w12) | 0;
    h = (h + d) | 0; d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    x = w14; y = w11; w13 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w6 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w13) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0xd6990624 + w13) | 0;
    g = (g + c) | 0; c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    x = w15; y = w12; w14 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w7 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w14) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0xf40e3585 + w14) | 0;
    f = (f + b) | 0; b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    x = w0; y = w13; w15 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w8 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w15) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x106aa070 + w15) | 0;
    e = (e + a) | 0; a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    x = w1; y = w14; w0 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w9 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w0) | 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x19a4c116 + w0) | 0;
    d = (d + h) | 0; h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    x = w2; y = w15; w1 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w10 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w1) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x1e376c08 + w1) | 0;
    c = (c + g) | 0; g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    x = w3; y = w0; w2 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w11 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w2) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x2748774c + w2) | 0;
    b = (b + f) | 0; f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    x = w4; y = w1; w3 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w12 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w3) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x34b0bcb5 + w3) | 0;
    a = (a + e) | 0; e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    x = w5; y = w2; w4 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w13 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w4) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x391c0cb3 + w4) | 0;
    h = (h + d) | 0; d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    x = w6; y = w3; w5 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w14 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w5) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0x4ed8aa4a + w5) | 0;
    g = (g + c) | 0; c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    x = w7; y = w4; w6 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w15 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w6) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0x5b9cca4f + w6) | 0;
    f = (f + b) | 0; b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    x = w8; y = w5; w7 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w0 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w7) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0x682e6ff3 + w7) | 0;
    e = (e + a) | 0; a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    x = w9; y = w6; w8 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w1 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w8) | 0;
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + 0x748f82ee + w8) | 0;
    d = (d + h) | 0; h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) | (c & (a | b)))) | 0;
    x = w10; y = w7; w9 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w2 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w9) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + 0x78a5636f + w9) | 0;
    c = (c + g) | 0; g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) | (b & (h | a)))) | 0;
    x = w11; y = w8; w10 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w3 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w10) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + 0x84c87814 + w10) | 0;
    b = (b + f) | 0; f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) | (a & (g | h)))) | 0;
    x = w12; y = w9; w11 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w4 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w11) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + 0x8cc70208 + w11) | 0;
    a = (a + e) | 0; e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) | (h & (f | g)))) | 0;
    x = w13; y = w10; w12 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w5 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w12) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + 0x90befffa + w12) | 0;
    h = (h + d) | 0; d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) | (g & (e | f)))) | 0;
    x = w14; y = w11; w13 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w6 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w13) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + 0xa4506ceb + w13) | 0;
    g = (g + c) | 0; c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) | (f & (d | e)))) | 0;
    x = w15; y = w12; w14 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w7 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w14) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + 0xbef9a3f7 + w14) | 0;
    f = (f + b) | 0; b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) | (e & (c | d)))) | 0;
    x = w0; y = w13; w15 = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + w8 + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w15) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + 0xc67178f2 + w15) | 0;
    e = (e + a) | 0; a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) | (d & (b | c)))) | 0;
    h0 = (a + iv0) | 0; h1 = (b + iv1) | 0; h2 = (c + iv2) | 0; h3 = (d + iv3) | 0; h4 = (e + iv4) | 0; h5 = (f + iv5) | 0; h6 = (g + iv6) | 0; h7 = ((h + iv7) & keep7) | pad7;
  }
  st[0] = h0; st[1] = h1; st[2] = h2; st[3] = h3; st[4] = h4; st[5] = h5; st[6] = h6; st[7] = h7;
}
