/**
 * The runtime port: the only way the library reaches cryptography. Two implementations share this
 * interface, chosen at build time through the package's `#port` import (package.json "imports"):
 * src/port/node.ts (node:crypto, as the library always used it) and src/port/browser.ts
 * (WebCrypto, node-forge for the ciphers WebCrypto lacks, plain JavaScript digests). The library
 * imports `#port`, never `node:*` (src/cli and src/net, which only the Node CLI loads, excepted).
 *
 * Names of digests and ciphers are OpenSSL's ('sha256', 'aes-256-cbc'), as the library's tables use.
 */

/** Thrown by {@link CryptoPort.decryptCbc} when the padding check fails: a wrong key, or damaged data. */
export class DecryptFailed extends Error {}

/** CBC ciphers the port decrypts itself (RC2 and single DES go through node-forge in both runtimes). */
export type PortCipher =
  'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc' | 'des-ede-cbc';

/**
 * A public key ready for signature verification, made by {@link CryptoPort.importPublicKey}.
 * `asymmetricKeyType` is node:crypto's vocabulary: 'rsa', 'rsa-pss', 'ec', 'dsa', 'ed25519',
 * 'ed448', ... (undefined when the runtime does not name it).
 */
export interface PublicKeyHandle {
  readonly asymmetricKeyType?: string | undefined;
}

/**
 * How a signature is checked. `hash`: OpenSSL's digest name, or null for EdDSA (which hashes
 * itself). `padding`: 'pkcs1' for RSASSA-PKCS1-v1_5, 'pss' for RSASSA-PSS with MGF1 over the same
 * hash and `saltLength` bytes of salt; absent: the key's own scheme (ECDSA with a DER (r, s)
 * signature, DSA, EdDSA, or an id-RSASSA-PSS key's defaults).
 */
export interface VerifyParams {
  hash: string | null;
  padding?: 'pkcs1' | 'pss';
  saltLength?: number;
}

/**
 * A verification outcome: true (valid), false (invalid), or `{ unsupported }` when this runtime
 * cannot verify this kind of signature at all (e.g. DSA in a browser): never a silent pass.
 */
export type VerifyOutcome = boolean | { unsupported: string };

/** The public half of a private key, computed by the runtime (see {@link CryptoPort.publicHalf}). */
export interface PublicHalf {
  /** SubjectPublicKeyInfo DER of the public key. */
  spki: Uint8Array;
  /** node:crypto's key type name, when the runtime gives one. */
  type?: string;
  /** Key size in bits, for DSA (p's length), when the runtime gives it. */
  bits?: number;
}

export interface CryptoPort {
  /** Which implementation this is. */
  readonly runtime: 'node' | 'browser';
  /**
   * Synchronous digest (thumbprints during parsing, the PKCS#12 KDF's first hash).
   * @param name - md5, sha1, sha224, sha256, sha384, sha512 (Node: any name OpenSSL knows).
   * @throws Error for a digest the runtime does not have.
   */
  digest(name: string, data: Uint8Array): Uint8Array;
  /**
   * HMAC of `data` under `key` with the digest `name` (sha1 … sha512; Node also md5, sha512-224 …).
   * @throws Error for a digest the runtime does not have.
   */
  hmac(name: string, key: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
  /**
   * PBKDF2 (RFC 8018 §5.2) with HMAC-`prf`; `keyLength` bytes. Node runs it on the libuv pool,
   * the browser on WebCrypto (so neither blocks the event loop).
   */
  pbkdf2(
    password: Uint8Array,
    salt: Uint8Array,
    iterations: number,
    keyLength: number,
    prf: string,
  ): Promise<Uint8Array>;
  /**
   * CBC decryption with PKCS#5 padding removed.
   * @throws DecryptFailed when the padding is wrong (wrong key or damaged data), or the key or IV
   *   has the wrong length.
   */
  decryptCbc(
    cipher: PortCipher,
    key: Uint8Array,
    iv: Uint8Array,
    data: Uint8Array,
  ): Promise<Uint8Array>;
  /**
   * Loads a SubjectPublicKeyInfo (DER) for verification, synchronously; null when the runtime
   * cannot load it (Node: OpenSSL refuses it). Callers bound key sizes before (signature.ts
   * KEY_SIZE_BOUNDS).
   */
  importPublicKey(spki: Uint8Array): PublicKeyHandle | null;
  /**
   * Verifies synchronously when the runtime can (Node); undefined when it can only verify
   * asynchronously (browser: see {@link verifyAsync} and src/port/signatures.ts).
   * @throws Error when the runtime refuses the inputs (callers count that as invalid).
   */
  verify(
    key: PublicKeyHandle,
    params: VerifyParams,
    data: Uint8Array,
    signature: Uint8Array,
  ): boolean | undefined;
  /** {@link verify}, asynchronously, in every runtime; a refusal is false, never a rejection. */
  verifyAsync(
    key: PublicKeyHandle,
    params: VerifyParams,
    data: Uint8Array,
    signature: Uint8Array,
  ): Promise<VerifyOutcome>;
  /**
   * A stable text identity of a loaded key (hex digest of its SPKI) for memoising asynchronous
   * verifications; Node, which verifies synchronously, never needs it.
   */
  keyIdentity(key: PublicKeyHandle): string;
  /**
   * The public half of a private key whose structure the caller has already checked
   * (src/read/privateKey.ts: sizes, scalar range, point length), for matching it with a certificate.
   * @param der - PKCS#8 PrivateKeyInfo, or SEC1 ECPrivateKey when `type` is 'sec1'.
   * @throws Error when the runtime cannot load the key; SupCertError UNSUPPORTED_ALGORITHM when
   *   this runtime has no implementation for its algorithm or curve (the browser: DSA, Ed448 …).
   */
  publicHalf(der: Uint8Array, type: 'pkcs8' | 'sec1'): Promise<PublicHalf>;
  /**
   * Resolves after other pending events have run (Node: setImmediate; browser: a MessageChannel
   * message, which no timer clamping slows): long JavaScript work yields with it.
   */
  yieldToEventLoop(): Promise<void>;
  /**
   * A monotonic clock in milliseconds (fractional), for timing slices of work. Node:
   * process.hrtime (the global `performance` loads 11 perf_hooks modules on first use, ~1.3 ms
   * of a cold start); browser: performance.now().
   */
  now(): number;
  /**
   * Bytes of base64 text already checked to hold only the alphabet and trailing '=' (PEM bodies):
   * Node's native decoder (a PEM certificate's largest single cost after parsing), in a browser
   * util/bytes.ts base64Decode, which gives the same bytes.
   */
  base64Decode(text: string): Uint8Array;
}
