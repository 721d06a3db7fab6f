import { port } from '#port';
import { forgeDecrypt } from '../../port/forge.js';
import { DecryptFailed } from '../../port/types.js';

/** Thrown when a block cipher's padding check fails: wrong key, or corrupted data. */
export { DecryptFailed };

export type CipherName =
  | 'aes-128-cbc'
  | 'aes-192-cbc'
  | 'aes-256-cbc'
  | 'des-ede3-cbc'
  | 'des-ede-cbc'
  | 'des-cbc'
  | 'rc2-cbc';

/**
 * CBC decryption with PKCS#5 padding. The runtime port does AES and triple DES (node:crypto's
 * OpenSSL 3 default provider in Node; src/port/browser.ts in a browser); RC2 and single DES live
 * only in OpenSSL's legacy provider, which cannot be enabled at run time, so those come from
 * node-forge in both runtimes (loaded on first use: most files never need it).
 * @throws DecryptFailed on a padding error (wrong key or damaged data).
 */
export async function decryptCbc(
  cipher: CipherName,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  rc2EffectiveBits = key.length * 8,
): Promise<Uint8Array> {
  if (cipher === 'rc2-cbc' || cipher === 'des-cbc') {
    const plain = await forgeDecrypt(
      cipher === 'rc2-cbc' ? 'rc2' : 'des',
      key,
      iv,
      data,
      rc2EffectiveBits,
      'forge',
    );
    if (!plain) throw new DecryptFailed();
    return plain;
  }
  return port.decryptCbc(cipher, key, iv, data);
}
