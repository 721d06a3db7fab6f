import { port } from '#port';
import { concatBytes, concatList, fromHex, utf8Encode } from '../util/bytes.js';
import { type BerContext, elementCounter, octetString, readWhole, sequence } from '../asn1/ber.js';
import { SupCertError, malformed, unsupported } from '../errors.js';
import type { WorkBudget } from '../limits.js';
import { type CipherName, DecryptFailed, decryptCbc } from './pkcs12/ciphers.js';
import { decryptWith, deriveKey, parseEncryptionScheme } from './pkcs12/encryptionScheme.js';
import { passwordForms } from './pkcs12/password.js';
import type { PemBlock } from './pem.js';
import type { LoadedKey } from './privateKey.js';
import { loadPrivateKey } from './privateKey.js';

/**
 * Opens an encrypted PEM private key with the password: PKCS#8 "ENCRYPTED PRIVATE KEY"
 * (EncryptedPrivateKeyInfo, RFC 5958 §3, with PBES2 or a PKCS#12 PBE scheme), or a legacy OpenSSL
 * "Proc-Type: 4,ENCRYPTED" PKCS#1/SEC1 key (RFC 1421 headers, OpenSSL's EVP_BytesToKey with MD5).
 * Returns null when no password was given.
 *
 * The same path as PKCS#12: the algorithm is read before the password is tried (an unknown cipher
 * is UNSUPPORTED_ALGORITHM, never WRONG_PASSWORD), `maxIterations` caps the derivation, its
 * cost in KDF work units (pkcs12/kdfCost.ts) is drawn from `budget` (`maxTotalIterations`), and PBKDF2 runs on the libuv pool
 * (the PKCS#12 KDF in slices), so the event loop is never held. node:crypto never parses the key.
 * @throws SupCertError WRONG_PASSWORD, UNSUPPORTED_ALGORITHM, LIMIT_EXCEEDED, MALFORMED.
 */
export async function loadEncryptedPemKey(
  block: PemBlock,
  type: 'pkcs8' | 'pkcs1' | 'sec1',
  password: string | undefined,
  where: string,
  budget: WorkBudget,
): Promise<LoadedKey | null> {
  if (!password) return null;
  const clear =
    block.label === 'ENCRYPTED PRIVATE KEY'
      ? await openPkcs8(block, password, where, budget)
      : await openLegacy(block, password, where, budget);
  const keyType = block.label === 'ENCRYPTED PRIVATE KEY' ? 'pkcs8' : type;
  try {
    readWhole(clear, { maxDepth: 16, what: where, elements: elementCounter(budget) });
  } catch (error) {
    if (error instanceof SupCertError && error.code === 'LIMIT_EXCEEDED') throw error;
    throw wrongPassword(where);
  }
  return loadPrivateKey(clear, keyType, where, budget);
}

function wrongPassword(where: string): SupCertError {
  return new SupCertError(
    'WRONG_PASSWORD',
    `${where}: the encrypted private key does not open with this password. Check the password the key was written with.`,
  );
}

/** EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING } */
async function openPkcs8(
  block: PemBlock,
  password: string,
  where: string,
  budget: WorkBudget,
): Promise<Uint8Array> {
  const ctx: BerContext = {
    maxDepth: budget.limits.maxDepth,
    what: where,
    elements: elementCounter(budget),
  };
  const [algNode, dataNode] = sequence(readWhole(block.bytes, ctx), 'EncryptedPrivateKeyInfo', ctx);
  const scheme = parseEncryptionScheme(algNode, ctx, budget.limits);
  const data = octetString(dataNode, 'encryptedData', ctx);
  budget.charge('maxTotalIterations', scheme.cost, `${where}: key derivation`);
  const derived = await deriveKey(scheme, passwordForms(password)[0]!);
  try {
    return await decryptWith(scheme, derived, data);
  } catch (error) {
    if (error instanceof DecryptFailed) throw wrongPassword(where);
    throw error;
  }
}

/** DEK-Info ciphers OpenSSL writes (PEM_write_bio_PrivateKey with -aes128/-aes192/-aes256/-des3/-des). */
const LEGACY_CIPHERS: Record<string, { cipher: CipherName; keyLength: number; ivLength: number }> =
  {
    'AES-128-CBC': { cipher: 'aes-128-cbc', keyLength: 16, ivLength: 16 },
    'AES-192-CBC': { cipher: 'aes-192-cbc', keyLength: 24, ivLength: 16 },
    'AES-256-CBC': { cipher: 'aes-256-cbc', keyLength: 32, ivLength: 16 },
    'DES-EDE3-CBC': { cipher: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
    'DES-CBC': { cipher: 'des-cbc', keyLength: 8, ivLength: 8 },
  };

/**
 * "Proc-Type: 4,ENCRYPTED" + "DEK-Info: CIPHER,IV-HEX": key = EVP_BytesToKey(MD5, salt = first 8
 * bytes of the IV, one iteration), as OpenSSL's PEM_do_header derives it.
 */
async function openLegacy(
  block: PemBlock,
  password: string,
  where: string,
  budget: WorkBudget,
): Promise<Uint8Array> {
  const dek = block.headers['DEK-Info'];
  if (dek === undefined)
    throw malformed(
      `${where}: "Proc-Type: 4,ENCRYPTED" without a "DEK-Info" header: the key is damaged.`,
    );
  const comma = dek.indexOf(',');
  const name = (comma < 0 ? dek : dek.slice(0, comma)).trim().toUpperCase();
  const ivHex = comma < 0 ? '' : dek.slice(comma + 1).trim();
  const known = LEGACY_CIPHERS[name];
  if (!known)
    throw unsupported(
      `${where}: encrypted with "${name.slice(0, 40)}", which supcert does not read (AES-128/192/256-CBC, DES-EDE3-CBC and DES-CBC are). Re-encrypt the key with AES-256 (openssl pkcs8 -topk8 -v2 aes-256-cbc).`,
    );
  if (!/^[0-9A-Fa-f]*$/.test(ivHex) || ivHex.length !== known.ivLength * 2)
    throw malformed(
      `${where}: the DEK-Info IV is not ${known.ivLength} bytes of hex: the key is damaged.`,
    );
  const iv = fromHex(ivHex);
  budget.charge('maxTotalIterations', 1, `${where}: key derivation`);
  const pass = utf8Encode(password);
  const parts: Uint8Array[] = [];
  let length = 0;
  let previous: Uint8Array = new Uint8Array(0);
  while (length < known.keyLength) {
    previous = port.digest('md5', concatBytes(previous, pass, iv.subarray(0, 8)));
    parts.push(previous);
    length += previous.length;
  }
  const key = concatList(parts).subarray(0, known.keyLength);
  try {
    return await decryptCbc(known.cipher, key, iv, block.bytes);
  } catch (error) {
    if (error instanceof DecryptFailed) throw wrongPassword(where);
    throw error;
  }
}
