/**
 * The Node implementation of the runtime port (./types.ts): node:crypto, called exactly as the
 * library called it before the port existed, so results and speed in Node are unchanged.
 * Selected by the `#port` import's "default" condition (package.json "imports").
 */
import * as nodeCrypto from 'node:crypto';
import { promisify } from 'node:util';
import {
  type CryptoPort,
  DecryptFailed,
  type PortCipher,
  type PublicHalf,
  type PublicKeyHandle,
  type VerifyParams,
} from './types.js';

const pbkdf2Async = promisify(nodeCrypto.pbkdf2);

/** A Buffer view of the same memory (no copy): node:crypto takes Uint8Arrays, returns Buffers. */
const view = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** crypto.hash arrived in Node 20.12; older 20.x lines get createHash. */
const digest: (name: string, data: Uint8Array) => Buffer =
  typeof nodeCrypto.hash === 'function'
    ? (name, data) => nodeCrypto.hash(name, data, 'buffer')
    : (name, data) => nodeCrypto.createHash(name).update(data).digest();

function verify(
  key: PublicKeyHandle,
  params: VerifyParams,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const k = key as nodeCrypto.KeyObject;
  const options =
    params.padding === 'pss'
      ? {
          key: k,
          padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING,
          saltLength: params.saltLength!,
        }
      : params.padding === 'pkcs1'
        ? { key: k, padding: nodeCrypto.constants.RSA_PKCS1_PADDING }
        : k;
  return nodeCrypto.verify(params.hash, view(data), options, view(signature));
}

export const port: CryptoPort = {
  runtime: 'node',
  digest,
  hmac: (name, key, data) =>
    Promise.resolve(nodeCrypto.createHmac(name, view(key)).update(view(data)).digest()),
  pbkdf2: (password, salt, iterations, keyLength, prf) =>
    pbkdf2Async(view(password), view(salt), iterations, keyLength, prf),
  decryptCbc(cipher: PortCipher, key, iv, data) {
    try {
      const d = nodeCrypto.createDecipheriv(cipher, view(key), view(iv));
      return Promise.resolve(Buffer.concat([d.update(view(data)), d.final()]));
    } catch {
      return Promise.reject(new DecryptFailed());
    }
  },
  importPublicKey(spki) {
    try {
      return nodeCrypto.createPublicKey({ key: view(spki), format: 'der', type: 'spki' });
    } catch {
      return null;
    }
  },
  verify,
  verifyAsync(key, params, data, signature) {
    try {
      return Promise.resolve(verify(key, params, data, signature));
    } catch {
      return Promise.resolve(false);
    }
  },
  keyIdentity: (key) =>
    (key as nodeCrypto.KeyObject).export({ type: 'spki', format: 'der' }).toString('hex'),
  publicHalf(der, type): Promise<PublicHalf> {
    try {
      const key = nodeCrypto.createPrivateKey({ key: view(der), format: 'der', type });
      const out: PublicHalf = {
        spki: nodeCrypto.createPublicKey(key).export({ type: 'spki', format: 'der' }),
      };
      if (key.asymmetricKeyType) out.type = key.asymmetricKeyType;
      // Only for DSA: Node 20 aborts in asymmetricKeyDetails for some EC keys (privateKey.ts).
      if (key.asymmetricKeyType === 'dsa') {
        const bits = key.asymmetricKeyDetails?.modulusLength;
        if (bits) out.bits = bits;
      }
      return Promise.resolve(out);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
  yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
  now: () => {
    const [seconds, nanoseconds] = process.hrtime();
    return seconds * 1e3 + nanoseconds / 1e6;
  },
  base64Decode: (text) => Buffer.from(text, 'base64'),
};
