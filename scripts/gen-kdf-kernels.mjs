#!/usr/bin/env node
// Generates the unrolled SHA-1 / two-chain SHA-1 / SHA-256 kernels (`sha1Iterate`,
// `sha1Iterate2`, `sha256Iterate`) of src/read/pkcs12/pkcs12Kdf.ts, i.e. the text between
//   // BEGIN GENERATED KERNELS (scripts/gen-kdf-kernels.mjs)
//   // END GENERATED KERNELS
// in that file. See the comments there for why the kernels are exact and how they are used.
//
// Usage:
//   node scripts/gen-kdf-kernels.mjs           print the kernels (TypeScript) to stdout
//   node scripts/gen-kdf-kernels.mjs --check   exit 1 if the file's region differs from the output
//   node scripts/gen-kdf-kernels.mjs --write   rewrite the file's region with the output
//
// Self-contained on purpose (node: builtins only), so it can be reviewed and rerun as is.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TARGET = fileURLToPath(new URL('../src/read/pkcs12/pkcs12Kdf.ts', import.meta.url));
const BEGIN = '// BEGIN GENERATED KERNELS (scripts/gen-kdf-kernels.mjs)';
const END = '// END GENERATED KERNELS';

// --- Constants (FIPS 180-4) --------------------------------------------------------------

const SHA1_IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
/** SHA-1 round constants: floor(2^30 * sqrt(k)) for k = 2, 3, 5, 10. */
const SHA1_K = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6];
/** SHA-256 round constants: first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
// (SHA-256/224 IVs are not baked in: sha256Iterate reads them from its cfg argument.)

// Cross-check the inlined tables against their definitions (exact integer roots with BigInt).
{
  const iroot = (x, k) => {
    // floor(x^(1/k)) by Newton's method on BigInt.
    let r = 1n << BigInt(Math.ceil(x.toString(2).length / k));
    for (;;) {
      const next = ((BigInt(k) - 1n) * r + x / r ** BigInt(k - 1)) / BigInt(k);
      if (next >= r) break;
      r = next;
    }
    while (r ** BigInt(k) > x) r--;
    while ((r + 1n) ** BigInt(k) <= x) r++;
    return r;
  };
  const primes = [];
  for (let p = 2; primes.length < 64; p++) if (primes.every((q) => p % q !== 0)) primes.push(p);
  primes.forEach((p, t) => {
    const v = Number(iroot(BigInt(p) << 96n, 3) & 0xffffffffn);
    if (v !== SHA256_K[t]) throw new Error(`SHA256_K[${t}] is wrong`);
  });
  [2, 3, 5, 10].forEach((k, i) => {
    if (Number(iroot(BigInt(k) << 60n, 2)) !== SHA1_K[i]) throw new Error(`SHA1_K[${i}] is wrong`);
  });
}

// --- Emitters ----------------------------------------------------------------------------

/** 0x-prefixed, 8 hex digits. */
const hx = (x) => '0x' + (x >>> 0).toString(16).padStart(8, '0');
/** An int32 literal: values ≥ 2^31 get `| 0` so the local starts out as a small integer. */
const i32lit = (x) => ((x | 0) < 0 ? `${hx(x)} | 0` : hx(x));

/**
 * `sha1Iterate` (chains = 1) or `sha1Iterate2` (chains = 2, the second chain's locals
 * suffixed with B and its statements interleaved round by round with the first's).
 */
function sha1(chains) {
  const sfx = chains === 1 ? [''] : ['', 'B'];
  const out = [];
  const name = chains === 1 ? 'sha1Iterate' : 'sha1Iterate2';
  out.push(
    chains === 1
      ? '/** n SHA-1 hashes of a 20-byte message, st[0..4] in and out. */'
      : '/** Two independent chains, interleaved round by round: st[0..4] and st[5..9]. */',
  );
  // Generated kernels keep several statements per line; Prettier leaves them as generated.
  out.push('// prettier-ignore');
  out.push(`function ${name}(st: Int32Array, n: number): void {`);
  for (let c = 0; c < chains; c++) {
    const p = sfx[c];
    out.push(
      `  let ${[0, 1, 2, 3, 4].map((i) => `h${i}${p} = st[${5 * c + i}]! | 0`).join(', ')};`,
    );
  }
  out.push('  for (let i = 0; i < n; i++) {');
  for (const p of sfx) {
    // The block: the 5 digest words, 0x80 padding, zeros, bit length 160.
    out.push(
      `    let w0${p} = h0${p}, w1${p} = h1${p}, w2${p} = h2${p}, w3${p} = h3${p}, w4${p} = h4${p}, w5${p} = 0x80000000 | 0, w6${p} = 0, w7${p} = 0;`,
    );
    out.push(
      `    let w8${p} = 0, w9${p} = 0, w10${p} = 0, w11${p} = 0, w12${p} = 0, w13${p} = 0, w14${p} = 0, w15${p} = 160, x${p} = 0;`,
    );
    out.push(
      `    let a${p} = ${i32lit(SHA1_IV[0])}, b${p} = ${i32lit(SHA1_IV[1])}, c${p} = ${i32lit(SHA1_IV[2])}, d${p} = ${i32lit(SHA1_IV[3])}, e${p} = ${i32lit(SHA1_IV[4])};`,
    );
  }
  // v[j] names the local holding state word j this round; rotating the names replaces the moves.
  let v = ['a', 'b', 'c', 'd', 'e'];
  for (let t = 0; t < 80; t++) {
    if (t === 16)
      out.push(
        '    // from round 16 on, w[t % 16] is replaced by the next schedule word just before it is used',
      );
    else if (t % 20 === 0) out.push(`    // rounds ${t}..${t + 19}`);
    for (const p of sfx) {
      const w = (i) => `w${i % 16}${p}`;
      const [A, B, C, D, E] = v.map((s) => s + p);
      const ki = Math.floor(t / 20);
      const f =
        ki === 0
          ? `(${D} ^ (${B} & (${C} ^ ${D})))` // Ch
          : ki === 2
            ? `((${B} & ${C}) | (${D} & (${B} | ${C})))` // Maj
            : `(${B} ^ ${C} ^ ${D})`; // Parity
      let line = '    ';
      if (t >= 16)
        line += `x${p} = ${w(t - 3)} ^ ${w(t - 8)} ^ ${w(t - 14)} ^ ${w(t)}; ${w(t)} = (x${p} << 1) | (x${p} >>> 31); `;
      line += `${E} = (((${A} << 5) | (${A} >>> 27)) + ${f} + ${E} + ${hx(SHA1_K[ki])} + ${w(t)}) | 0; ${B} = (${B} << 30) | (${B} >>> 2);`;
      out.push(line);
    }
    v = [v[4], v[0], v[1], v[2], v[3]];
  }
  for (const p of sfx)
    out.push('    ' + v.map((s, i) => `h${i}${p} = (${s}${p} + ${hx(SHA1_IV[i])}) | 0;`).join(' '));
  out.push('  }');
  for (let c = 0; c < chains; c++)
    out.push('  ' + [0, 1, 2, 3, 4].map((i) => `st[${5 * c + i}] = h${i}${sfx[c]};`).join(' '));
  out.push('}');
  return out.join('\n');
}

/** `sha256Iterate`: SHA-256 or SHA-224, with the IV and padding words taken from cfg. */
function sha256() {
  const out = [];
  out.push('/**');
  out.push(' * n SHA-256 (or SHA-224) hashes of a 32-byte (28-byte) message, st[0..7] in and out;');
  out.push(' * cfg is SHA256_CFG or SHA224_CFG.');
  out.push(' */');
  out.push('// prettier-ignore');
  out.push('function sha256Iterate(st: Int32Array, n: number, cfg: Int32Array): void {');
  out.push(`  const ${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `iv${i} = cfg[${i}]! | 0`).join(', ')};`);
  out.push(
    '  const pad8 = cfg[8]! | 0, bits = cfg[9]! | 0, keep7 = cfg[10]! | 0, pad7 = cfg[11]! | 0;',
  );
  out.push(
    `  let ${[0, 1, 2, 3, 4, 5, 6].map((i) => `h${i} = st[${i}]! | 0`).join(', ')}, h7 = (st[7]! & keep7) | pad7;`,
  );
  out.push('  for (let i = 0; i < n; i++) {');
  out.push('    let w0 = h0, w1 = h1, w2 = h2, w3 = h3, w4 = h4, w5 = h5, w6 = h6, w7 = h7;');
  out.push('    let w8 = pad8, w9 = 0, w10 = 0, w11 = 0, w12 = 0, w13 = 0, w14 = 0, w15 = bits;');
  out.push(
    '    let a = iv0, b = iv1, c = iv2, d = iv3, e = iv4, f = iv5, g = iv6, h = iv7, x = 0, y = 0;',
  );
  const wn = (i) => `w${i % 16}`;
  let v = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  for (let t = 0; t < 64; t++) {
    const [A, B, C, D, E, F, G, H] = v;
    let line = '    ';
    if (t >= 16) {
      // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], into the slot of W[t-16].
      line += `x = ${wn(t - 15)}; y = ${wn(t - 2)}; ${wn(t)} = ((((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + ${wn(t - 7)} + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + ${wn(t)}) | 0;\n    `;
    }
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t] goes into h's local; d += T1; then h's local += Σ0(a) + Maj(a, b, c).
    line +=
      `${H} = (${H} + (((${E} >>> 6) | (${E} << 26)) ^ ((${E} >>> 11) | (${E} << 21)) ^ ((${E} >>> 25) | (${E} << 7))) + (${G} ^ (${E} & (${F} ^ ${G}))) + ${hx(SHA256_K[t])} + ${wn(t)}) | 0;\n    ` +
      `${D} = (${D} + ${H}) | 0; ` +
      `${H} = (${H} + (((${A} >>> 2) | (${A} << 30)) ^ ((${A} >>> 13) | (${A} << 19)) ^ ((${A} >>> 22) | (${A} << 10))) + ((${A} & ${B}) | (${C} & (${A} | ${B})))) | 0;`;
    out.push(line);
    v = [v[7], v[0], v[1], v[2], v[3], v[4], v[5], v[6]];
  }
  out.push(
    '    ' +
      v
        .slice(0, 7)
        .map((s, i) => `h${i} = (${s} + iv${i}) | 0;`)
        .join(' ') +
      ` h7 = ((${v[7]} + iv7) & keep7) | pad7;`,
  );
  out.push('  }');
  out.push('  ' + [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `st[${i}] = h${i};`).join(' '));
  out.push('}');
  return out.join('\n');
}

/** The region's text: the three kernels separated by blank lines, ending with a newline. */
const generate = () => [sha1(1), sha1(2), sha256()].join('\n\n') + '\n';

// --- CLI ---------------------------------------------------------------------------------

/** Splits the target file into [before, region, after], the marker lines staying in before/after. */
function splitTarget(text) {
  const b = text.indexOf(BEGIN + '\n');
  const e = text.indexOf('\n' + END + '\n');
  if (b < 0 || e < 0 || e < b || text.indexOf(BEGIN, b + 1) >= 0 || text.indexOf(END, e + 2) >= 0) {
    throw new Error(
      `${TARGET}: expected exactly one "${BEGIN}" line followed by one "${END}" line`,
    );
  }
  const start = b + BEGIN.length + 1;
  return [text.slice(0, start), text.slice(start, e + 1), text.slice(e + 1)];
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--check' && a !== '--write');
if (unknown.length > 0 || args.length > 1) {
  console.error('usage: node scripts/gen-kdf-kernels.mjs [--check | --write]');
  process.exit(2);
}
const generated = generate();

if (args[0] === '--check' || args[0] === '--write') {
  let parts;
  try {
    parts = splitTarget(readFileSync(TARGET, 'utf8'));
  } catch (err) {
    console.error(String(err instanceof Error ? err.message : err));
    process.exit(1);
  }
  const [before, region, after] = parts;
  if (args[0] === '--write') {
    if (region !== generated) writeFileSync(TARGET, before + generated + after);
    console.log(
      region === generated ? 'kernels already up to date' : `rewrote the kernels in ${TARGET}`,
    );
  } else if (region !== generated) {
    const want = generated.split('\n');
    const have = region.split('\n');
    const offset = before.split('\n').length - 1; // line number of the region's first line, minus 1
    let differing = 0;
    let first = -1;
    for (let i = 0; i < Math.max(want.length, have.length); i++) {
      if (want[i] !== have[i]) {
        differing++;
        if (first < 0) first = i;
      }
    }
    console.error(
      `src/read/pkcs12/pkcs12Kdf.ts: the generated kernels differ from scripts/gen-kdf-kernels.mjs ` +
        `(${differing} line(s); file has ${have.length - 1}, generator ${want.length - 1}).\n` +
        `first difference at line ${first + 1 + offset}:\n` +
        `  file:      ${have[first] ?? '<end of region>'}\n` +
        `  generator: ${want[first] ?? '<end of region>'}\n` +
        'Run `node scripts/gen-kdf-kernels.mjs --write` (or fix the generator) so they agree.',
    );
    process.exit(1);
  } else {
    console.log('generated kernels are up to date');
  }
} else {
  process.stdout.write(generated);
}
