import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SHA1_WASM, sha1Wasm } from '../src/read/pkcs12/sha1Wasm.js';
import { sha1WasmModule } from '../src/read/pkcs12/sha1WasmAssembler.js';

const { validate } = (
  globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }
).WebAssembly;

/** n SHA-1 re-hashes of a 20-byte digest with node:crypto (the reference). */
function reference(digest: Buffer, n: number): Buffer {
  let x = digest;
  for (let k = 0; k < n; k++) x = createHash('sha1').update(x).digest();
  return x;
}

const words = (d: Buffer): Int32Array =>
  Int32Array.from({ length: 5 }, (_, k) => d.readInt32BE(4 * k));
const digestOf = (st: Int32Array, offset = 0): Buffer => {
  const out = Buffer.alloc(20);
  for (let k = 0; k < 5; k++) out.writeInt32BE(st[offset + k]!, 4 * k);
  return out;
};

describe('the WebAssembly SHA-1 re-hash of the PKCS#12 KDF', () => {
  it('is a valid module of a few KB, and SHA1_WASM is what the assembler makes', () => {
    const bytes = sha1WasmModule();
    expect(validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(16_384);
    const b64 = Buffer.from(bytes).toString('base64');
    // After a change to sha1WasmAssembler.ts, SHA1_WASM in sha1Wasm.ts must become this text.
    expect(SHA1_WASM, `SHA1_WASM should be '${b64}'`).toBe(b64);
  });

  it('gives what node:crypto gives, for 1 to 3,000 re-hashes of varied digests, at an offset', () => {
    const run = sha1Wasm()!;
    expect(run).toBeTypeOf('function');
    for (const [seed, n] of [
      ['', 1],
      ['a', 2],
      ['supcert', 7],
      ['\u0000', 64],
      ['pfx', 2048],
      ['x', 3000],
    ] as const) {
      const start = createHash('sha1').update(seed).digest();
      const st = new Int32Array(12);
      st.set(words(start), 7);
      run(st, 7, n);
      expect(digestOf(st, 7).toString('hex'), `${seed} × ${n}`).toBe(
        reference(start, n).toString('hex'),
      );
      // The words around the state are untouched.
      expect([...st.slice(0, 7)]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    }
  });
});
