/**
 * node-forge's block ciphers, loaded on first use in both runtimes: RC2 and single DES (which
 * OpenSSL 3 keeps in its legacy provider, out of Node's reach), and in the browser triple DES and
 * AES-192 too (WebCrypto has no DES, and Chromium no 192-bit AES). Only the cipher modules are
 * loaded: all of node-forge costs ~40 ms of start-up. They register themselves on the shared
 * forge root object, which is what loadForge returns.
 */
import { latin1Decode, latin1Encode } from '../util/bytes.js';

interface ForgeBuffer {
  getBytes(): string;
}
interface ForgeCipher {
  start(iv: string): void;
  update(input: ForgeBuffer): void;
  /** With an `unpad` function that returns true: no padding is removed or checked. */
  finish(unpad?: () => boolean): boolean;
  output: ForgeBuffer;
}
interface ForgeModule {
  rc2: { createDecryptionCipher(key: string, bits: number): ForgeCipher };
  des: { createDecryptionCipher(key: string): ForgeCipher };
  aes: { createDecryptionCipher(key: string): ForgeCipher };
  util: { createBuffer(bytes: string, encoding: 'raw'): ForgeBuffer };
}

let forge: Promise<ForgeModule> | undefined;
export function loadForge(): Promise<ForgeModule> {
  forge ??= (async () => {
    await import('node-forge/lib/rc2.js');
    await import('node-forge/lib/des.js');
    await import('node-forge/lib/aes.js');
    const root = (await import('node-forge/lib/forge.js')) as { default?: unknown };
    return (root.default ?? root) as ForgeModule;
  })();
  return forge;
}

/**
 * CBC decryption with node-forge; null when forge reports a failure.
 * @param cipher - 'rc2' (with `rc2Bits` effective key bits), 'des' (8-byte key, or 24 for
 *   triple DES), or 'aes'.
 * @param padding - 'forge': forge's own padding removal (it checks only that the last byte is
 *   not larger than the output: what the library always did for RC2 and DES); 'none': nothing is
 *   removed, and the caller checks the padding.
 */
export async function forgeDecrypt(
  cipher: 'rc2' | 'des' | 'aes',
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  rc2Bits: number,
  padding: 'forge' | 'none',
): Promise<Uint8Array | null> {
  const f = await loadForge();
  const d =
    cipher === 'rc2'
      ? f.rc2.createDecryptionCipher(latin1Decode(key), rc2Bits)
      : cipher === 'des'
        ? f.des.createDecryptionCipher(latin1Decode(key))
        : f.aes.createDecryptionCipher(latin1Decode(key));
  d.start(latin1Decode(iv));
  d.update(f.util.createBuffer(latin1Decode(data), 'raw'));
  if (!(padding === 'none' ? d.finish(() => true) : d.finish())) return null;
  return latin1Encode(d.output.getBytes());
}
