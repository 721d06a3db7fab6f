import { SupCertError } from '../../errors.js';
import type { ReadLimits } from '../../limits.js';

/*
 * What a key derivation costs, in KDF work units, so that `limits.maxIterations` (one derivation)
 * and `limits.maxTotalIterations` (the whole call) bound time, not raw iteration counts: the same
 * 2,000,000 iterations take ~0.3 s with the PKCS#12 KDF over SHA-1 (our JS kernel) and ~1.5 s
 * over SHA-512 (crypto.hash per iteration).
 *
 * One unit is one PKCS#12-KDF SHA-1 iteration of one hash chain (~0.15 µs of CPU here). A
 * derivation costs iterations × chains × weight, rounded up, where
 * - chains: the PKCS#12 KDF runs one hash chain per u-byte block of each output (a TripleDES key
 *   of 24 bytes plus its 8-byte IV over SHA-1: 2 + 1 = 3 chains); PBKDF2 one HMAC chain per
 *   hLen-byte block of the key (AES-256 over HMAC-SHA1: 2 blocks);
 * - weight: the measured CPU time of one iteration of one chain, over SHA-1's in the PKCS#12 KDF.
 *
 * Measured on the project's 2-core AMD EPYC VM, Node 20, 2026-11-30: `process.cpuUsage()` of one
 * derivation of 500,000 iterations of one chain / one block, in a fresh process with the default
 * engine ('auto': crypto.hash first, the JS kernels once warm), three runs each, ns per iteration
 * (median):
 *   PKCS#12 KDF: SHA-1 149, SHA-224 309, SHA-256 273, SHA-384 761, SHA-512 776, MD5 647;
 *   PBKDF2 (OpenSSL, C): SHA-1 151, SHA-224 158, SHA-256 158, SHA-384 353, SHA-512 345, MD5 239.
 * Weights are those ratios rounded up (within 10 % of SHA-1 counts 1). A hash not in the table
 * (HMAC-SHA512/224, SHA512/256) gets the heaviest weight of its engine.
 */

/** The two KDF engines: RFC 7292 B.2 (our JS/crypto.hash kernel) and PBKDF2 (node:crypto, C). */
export type KdfEngine = 'pkcs12' | 'pbkdf2';

/** Work units per iteration of one chain (see above). */
export const KDF_WEIGHTS: Readonly<Record<KdfEngine, Readonly<Record<string, number>>>> =
  Object.freeze({
    pkcs12: Object.freeze({
      sha1: 1,
      sha224: 2.1,
      sha256: 1.9,
      sha384: 5.2,
      sha512: 5.3,
      md5: 4.4,
    }),
    pbkdf2: Object.freeze({ sha1: 1, sha224: 1, sha256: 1, sha384: 2.4, sha512: 2.4, md5: 1.6 }),
  });

/** Output lengths of the hashes (u, hLen; the HMAC's output), in bytes. */
export const DIGEST_BYTES: Readonly<Record<string, number>> = {
  md5: 16,
  sha1: 20,
  sha224: 28,
  sha256: 32,
  sha384: 48,
  sha512: 64,
  'sha512-224': 28,
  'sha512-256': 32,
};

function weight(engine: KdfEngine, hash: string): number {
  const table = KDF_WEIGHTS[engine];
  return Object.prototype.hasOwnProperty.call(table, hash)
    ? table[hash]!
    : Object.values(table).reduce((a, b) => Math.max(a, b), 0);
}

/** Hash chains (PKCS#12 KDF) or PBKDF2 blocks needed for `bytes` of output of `hash`. */
export function kdfBlocks(hash: string, bytes: number): number {
  return Math.max(1, Math.ceil(bytes / (DIGEST_BYTES[hash] ?? 16)));
}

/**
 * Work units of one derivation: `iterations` × `chains` × the weight of `engine`/`hash`, rounded up.
 * @example kdfUnits('pkcs12', 'sha1', 2000, 3) // 6000: a Windows TripleDES bag (key + IV)
 */
export function kdfUnits(
  engine: KdfEngine,
  hash: string,
  iterations: number,
  chains: number,
): number {
  return Math.ceil(iterations * chains * weight(engine, hash));
}

/** "2,000,000 iterations × 1 chain × 5.3 (PKCS#12 KDF over SHA512)": how a cost was computed, for messages. */
export function describeKdfCost(
  engine: KdfEngine,
  hash: string,
  iterations: number,
  chains: number,
): string {
  const unit = engine === 'pbkdf2' ? 'block' : 'chain';
  const kdf =
    engine === 'pbkdf2'
      ? `PBKDF2-HMAC-${hash.toUpperCase()}`
      : `PKCS#12 KDF over ${hash.toUpperCase()}`;
  return `${iterations.toLocaleString('en-US')} iterations × ${chains} ${unit}${chains === 1 ? '' : 's'} × ${weight(engine, hash)} (${kdf})`;
}

/**
 * Checks one derivation against `limits.maxIterations` (in KDF work units) before anything is
 * derived, and returns its cost.
 * @throws SupCertError LIMIT_EXCEEDED naming limits.maxIterations.
 */
export function checkKdfCost(
  limits: ReadLimits,
  engine: KdfEngine,
  hash: string,
  iterations: number,
  chains: number,
  what: string,
): number {
  const units = kdfUnits(engine, hash, iterations, chains);
  if (units > limits.maxIterations) {
    throw new SupCertError(
      'LIMIT_EXCEEDED',
      `${what}: ${describeKdfCost(engine, hash, iterations, chains)} = ${units.toLocaleString('en-US')} KDF work units, more than the limit of ${limits.maxIterations.toLocaleString('en-US')} for one derivation. If the file is genuine, raise limits.maxIterations.`,
    );
  }
  return units;
}
