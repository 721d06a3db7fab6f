import { createDecipheriv } from 'node:crypto';
import { asBuffer } from '../../util/bytes.js';

/** Thrown when a block cipher's padding check fails: wrong key, or corrupted data. */
export class DecryptFailed extends Error {}

export type CipherName =
  | 'aes-128-cbc'
  | 'aes-192-cbc'
  | 'aes-256-cbc'
  | 'des-ede3-cbc'
  | 'des-ede-cbc'
  | 'des-cbc'
  | 'rc2-cbc';

/**
 * CBC decryption with PKCS#5 padding. node:crypto (OpenSSL 3 default provider) does AES and
 * triple DES; RC2 and single DES live only in OpenSSL's legacy provider, which cannot be enabled
 * at run time, so those come from node-forge (loaded on first use: most files never need it).
 */
export async function decryptCbc(
  cipher: CipherName,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  rc2EffectiveBits = key.length * 8,
): Promise<Uint8Array> {
  if (cipher === 'rc2-cbc' || cipher === 'des-cbc')
    return forgeDecrypt(cipher, key, iv, data, rc2EffectiveBits);
  try {
    const d = createDecipheriv(cipher, asBuffer(key), asBuffer(iv));
    return Buffer.concat([d.update(asBuffer(data)), d.final()]);
  } catch {
    throw new DecryptFailed();
  }
}

interface ForgeBuffer {
  getBytes(): string;
}
interface ForgeCipher {
  start(iv: string): void;
  update(input: ForgeBuffer): void;
  finish(): boolean;
  output: ForgeBuffer;
}
interface ForgeModule {
  rc2: { createDecryptionCipher(key: string, bits: number): ForgeCipher };
  des: { createDecryptionCipher(key: string): ForgeCipher };
  util: { createBuffer(bytes: string, encoding: 'raw'): ForgeBuffer };
}

let forge: Promise<ForgeModule> | undefined;
function loadForge(): Promise<ForgeModule> {
  // Only the two cipher modules, on first use: all of node-forge costs ~40 ms of start-up.
  // They register themselves on the shared forge root object, which is what we return.
  forge ??= (async () => {
    await import('node-forge/lib/rc2.js');
    await import('node-forge/lib/des.js');
    const root = (await import('node-forge/lib/forge.js')) as { default?: unknown };
    return (root.default ?? root) as ForgeModule;
  })();
  return forge;
}

async function forgeDecrypt(
  cipher: 'rc2-cbc' | 'des-cbc',
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  effectiveBits: number,
): Promise<Uint8Array> {
  const f = await loadForge();
  const binary = (b: Uint8Array): string => asBuffer(b).toString('latin1');
  const d =
    cipher === 'rc2-cbc'
      ? f.rc2.createDecryptionCipher(binary(key), effectiveBits)
      : f.des.createDecryptionCipher(binary(key));
  d.start(binary(iv));
  d.update(f.util.createBuffer(binary(data), 'raw'));
  if (!d.finish()) throw new DecryptFailed();
  return Buffer.from(d.output.getBytes(), 'latin1');
}
