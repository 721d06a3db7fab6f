import { port } from '#port';
import {
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  is,
  octets,
  oid,
  sequence,
  smallInt,
  octetString,
  tagName,
} from '../../asn1/ber.js';
import { HMAC_ALGORITHMS, Oid } from '../../asn1/oids.js';
import { malformed, unsupported } from '../../errors.js';
import { checkLimit, type ReadLimits } from '../../limits.js';
import { type CipherName, decryptCbc } from './ciphers.js';
import type { PasswordForm } from './password.js';
import { checkKdfCost, kdfBlocks } from './kdfCost.js';
import { pkcs12KdfManyAsync } from './pkcs12Kdf.js';
import { item } from '../../util/item.js';

/**
 * A parsed password-based encryption scheme: everything needed to derive the key and decrypt,
 * read from the AlgorithmIdentifier before any work is done, so that limits are checked first
 * and an unsupported algorithm is reported as such, never as a wrong password. `cost` is the
 * derivation's price in KDF work units (./kdfCost.ts: iterations × hash chains × the hash's
 * weight), already checked against `limits.maxIterations`; it is what the budget is charged.
 */
export type EncryptionScheme =
  | {
      kind: 'pkcs12-pbe';
      name: string;
      cipher: CipherName;
      keyLength: number;
      rc2Bits?: number;
      salt: Uint8Array;
      iterations: number;
      cost: number;
    }
  | {
      kind: 'pbes2';
      name: string;
      cipher: CipherName;
      keyLength: number;
      rc2Bits?: number;
      iv: Uint8Array;
      salt: Uint8Array;
      iterations: number;
      prf: string;
      cost: number;
    };

/** RFC 7292 Appendix C: pbeWithSHAAnd* (all derive with SHA-1). */
const PKCS12_PBE: Record<
  string,
  | { name: string; cipher: CipherName; keyLength: number; rc2Bits?: number }
  | { name: string; unsupported: string }
> = {
  '1.2.840.113549.1.12.1.1': {
    name: 'pbeWithSHAAnd128BitRC4',
    unsupported: 'RC4 is a stream cipher that OpenSSL 3 and Windows no longer offer',
  },
  '1.2.840.113549.1.12.1.2': {
    name: 'pbeWithSHAAnd40BitRC4',
    unsupported: 'RC4 is a stream cipher that OpenSSL 3 and Windows no longer offer',
  },
  '1.2.840.113549.1.12.1.3': {
    name: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    cipher: 'des-ede3-cbc',
    keyLength: 24,
  },
  '1.2.840.113549.1.12.1.4': {
    name: 'pbeWithSHAAnd2-KeyTripleDES-CBC',
    cipher: 'des-ede-cbc',
    keyLength: 16,
  },
  '1.2.840.113549.1.12.1.5': {
    name: 'pbeWithSHAAnd128BitRC2-CBC',
    cipher: 'rc2-cbc',
    keyLength: 16,
    rc2Bits: 128,
  },
  '1.2.840.113549.1.12.1.6': {
    name: 'pbeWithSHAAnd40BitRC2-CBC',
    cipher: 'rc2-cbc',
    keyLength: 5,
    rc2Bits: 40,
  },
};

/** PBES2 encryption schemes (RFC 8018 §B.2). */
const PBES2_CIPHERS: Record<string, { cipher: CipherName; keyLength: number; ivLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { cipher: 'aes-128-cbc', keyLength: 16, ivLength: 16 },
  '2.16.840.1.101.3.4.1.22': { cipher: 'aes-192-cbc', keyLength: 24, ivLength: 16 },
  '2.16.840.1.101.3.4.1.42': { cipher: 'aes-256-cbc', keyLength: 32, ivLength: 16 },
  '1.2.840.113549.3.7': { cipher: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
  '1.3.14.3.2.7': { cipher: 'des-cbc', keyLength: 8, ivLength: 8 },
  '1.2.840.113549.3.2': { cipher: 'rc2-cbc', keyLength: 16, ivLength: 8 },
};

const PBES1 = new Set([
  '1.2.840.113549.1.5.1',
  '1.2.840.113549.1.5.3',
  '1.2.840.113549.1.5.4',
  '1.2.840.113549.1.5.6',
  '1.2.840.113549.1.5.10',
  '1.2.840.113549.1.5.11',
]);

/** Reads an encryption AlgorithmIdentifier (of an EncryptedData or a shrouded key bag). */
export function parseEncryptionScheme(
  node: Asn1Node | undefined,
  ctx: BerContext,
  limits: ReadLimits,
): EncryptionScheme {
  const [algNode, params] = sequence(node, 'encryption algorithm', ctx);
  const alg = oid(algNode, 'encryption algorithm', ctx);
  const pbe = PKCS12_PBE[alg];
  if (pbe) {
    if ('unsupported' in pbe)
      throw unsupported(
        `${ctx.what}: encrypted with ${pbe.name} (${alg}); ${pbe.unsupported}. Re-export the file with AES-256 (Windows: "AES256-SHA256") or TripleDES.`,
      );
    const [saltNode, iterNode] = sequence(params, `${pbe.name} parameters`, ctx);
    const salt = checkSalt(octetString(saltNode, 'PBE salt', ctx), ctx);
    const iterations = readIterations(iterNode, ctx, limits);
    // Key and 8-byte IV, both over SHA-1 (RFC 7292 Appendix C): one chain per 20 bytes of each.
    const cost = checkKdfCost(
      limits,
      'pkcs12',
      'sha1',
      iterations,
      kdfBlocks('sha1', pbe.keyLength) + kdfBlocks('sha1', 8),
      `${ctx.what}: key derivation of ${pbe.name}`,
    );
    return {
      kind: 'pkcs12-pbe',
      name: pbe.name,
      cipher: pbe.cipher,
      keyLength: pbe.keyLength,
      ...(pbe.rc2Bits ? { rc2Bits: pbe.rc2Bits } : {}),
      salt,
      iterations,
      cost,
    };
  }
  if (alg === Oid.pbes2) return parsePbes2(params, ctx, limits);
  if (PBES1.has(alg))
    throw unsupported(
      `${ctx.what}: encrypted with PKCS#5 v1.5 PBES1 (${alg}), a single-DES/RC2 scheme from the 1990s that supcert does not read. Re-export the file with AES-256 or TripleDES.`,
    );
  throw unsupported(
    `${ctx.what}: unknown encryption algorithm ${alg}. Re-export the file with AES-256 (Windows: "AES256-SHA256") or TripleDES.`,
  );
}

function readIterations(node: Asn1Node | undefined, ctx: BerContext, limits: ReadLimits): number {
  return checkIterations(
    smallInt(node, 'iteration count', ctx),
    ctx,
    limits,
    'iteration count',
    'key derivation iteration count',
  );
}

/**
 * An iteration count from the file (`what` names it in messages, `limitWhat` in the limit's),
 * checked to be positive and within `limits.maxIterations` before any cost is computed.
 * @throws SupCertError MALFORMED (not positive), LIMIT_EXCEEDED (limits.maxIterations).
 */
export function checkIterations(
  iterations: number,
  ctx: BerContext,
  limits: ReadLimits,
  what: string,
  limitWhat: string,
): number {
  if (iterations < 1) throw malformed(`${ctx.what}: ${what} ${iterations} is not positive.`);
  checkLimit(limits, 'maxIterations', iterations, `${ctx.what}: ${limitWhat}`);
  return iterations;
}

/**
 * Checks one PBKDF2 derivation of `keyLength` bytes (PBES2 or PBMAC1) against
 * `limits.maxIterations` in KDF work units (./kdfCost.ts) and returns its cost.
 * @throws SupCertError LIMIT_EXCEEDED naming limits.maxIterations.
 */
export function checkPbkdf2Cost(
  limits: ReadLimits,
  kdf: Pbkdf2Params,
  keyLength: number,
  what: string,
): number {
  return checkKdfCost(
    limits,
    'pbkdf2',
    kdf.prf,
    kdf.iterations,
    kdfBlocks(kdf.prf, keyLength),
    what,
  );
}

/** Longest salt accepted, in bytes: writers use 8 to 64 (RFC 8018 §4.1 asks for at least 8). */
export const MAX_SALT_BYTES = 1024;

/**
 * A salt from the file, bounded before any KDF copies it into its blocks.
 * @throws SupCertError MALFORMED above {@link MAX_SALT_BYTES}.
 */
export function checkSalt(salt: Uint8Array, ctx: BerContext): Uint8Array {
  if (salt.length > MAX_SALT_BYTES)
    throw malformed(
      `${ctx.what}: a key-derivation salt of ${salt.length} bytes (files use 8 to 64, at most ${MAX_SALT_BYTES} is read): the file is damaged or hostile.`,
    );
  return salt;
}

/** PBKDF2 parameters, shared by PBES2 and PBMAC1. */
export interface Pbkdf2Params {
  salt: Uint8Array;
  iterations: number;
  keyLength?: number;
  prf: string;
}

export function parsePbkdf2(
  node: Asn1Node | undefined,
  ctx: BerContext,
  limits: ReadLimits,
): Pbkdf2Params {
  const [kdfOid, kdfParams] = sequence(node, 'key derivation function', ctx);
  const kdf = oid(kdfOid, 'key derivation function', ctx);
  if (kdf !== Oid.pbkdf2)
    throw unsupported(
      `${ctx.what}: key derivation function ${kdf === '1.3.6.1.4.1.11591.4.11' ? 'scrypt' : kdf} is not supported (only PBKDF2).`,
    );
  const fields = sequence(kdfParams, 'PBKDF2 parameters', ctx);
  // salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier } (RFC 8018 §A.2):
  // a SEQUENCE is the valid choice this reader lacks; anything else (an INTEGER, or the
  // iteration count when the salt is missing) is a broken file, not an unsupported one.
  const saltNode = item(fields, 0);
  if (is(saltNode, TagClass.Universal, Tag.Sequence))
    throw unsupported(
      `${ctx.what}: PBKDF2 with an "otherSource" salt is not supported (no PKCS#12 writer uses one). Export the PFX again.`,
    );
  if (!is(saltNode, TagClass.Universal, Tag.OctetString))
    throw malformed(
      `${ctx.what}: the PBKDF2 salt should be an OCTET STRING but is ${saltNode ? tagName(saltNode) : 'missing'}: the file was altered or written by a broken tool. Export the PFX again.`,
    );
  const salt = checkSalt(octets(saltNode, ctx), ctx);
  const iterations = readIterations(item(fields, 1), ctx, limits);
  let i = 2;
  let keyLength: number | undefined;
  if (is(item(fields, i), TagClass.Universal, Tag.Integer))
    keyLength = smallInt(item(fields, i++), 'PBKDF2 key length', ctx);
  let prf = 'sha1';
  if (item(fields, i)) {
    const prfOid = oid(item(sequence(item(fields, i), 'PBKDF2 prf', ctx), 0), 'PBKDF2 prf', ctx);
    const name = HMAC_ALGORITHMS[prfOid];
    if (!name)
      throw unsupported(
        `${ctx.what}: PBKDF2 pseudo-random function ${prfOid} is not supported (HMAC-SHA1 and HMAC-SHA2 are). Export the PFX again with AES-256 and HMAC-SHA256 (Windows AES256-SHA256, the OpenSSL 3 default).`,
      );
    prf = name;
  }
  return { salt, iterations, ...(keyLength !== undefined ? { keyLength } : {}), prf };
}

function parsePbes2(
  params: Asn1Node | undefined,
  ctx: BerContext,
  limits: ReadLimits,
): EncryptionScheme {
  const [kdfNode, schemeNode] = sequence(params, 'PBES2 parameters', ctx);
  const kdf = parsePbkdf2(kdfNode, ctx, limits);
  const [cipherOid, cipherParams] = sequence(schemeNode, 'PBES2 encryption scheme', ctx);
  const cipherId = oid(cipherOid, 'PBES2 encryption scheme', ctx);
  const known = PBES2_CIPHERS[cipherId];
  if (!known)
    throw unsupported(
      `${ctx.what}: PBES2 encryption scheme ${cipherId} is not supported (AES-CBC, 3DES, DES and RC2 are). Re-export with AES-256.`,
    );
  let ivNode = cipherParams;
  let rc2Bits: number | undefined;
  if (known.cipher === 'rc2-cbc') {
    // RC2-CBC-Parameter ::= SEQUENCE { rc2ParameterVersion INTEGER OPTIONAL, iv OCTET STRING } (RFC 8018 §B.2.3)
    const rc2 = sequence(cipherParams, 'RC2 parameters', ctx);
    ivNode = rc2[rc2.length - 1];
    rc2Bits = rc2.length > 1 ? rc2EffectiveBits(smallInt(rc2[0], 'RC2 version', ctx), ctx) : 32;
  }
  const iv = octetString(ivNode, 'PBES2 IV', ctx);
  if (iv.length !== known.ivLength)
    throw malformed(
      `${ctx.what}: PBES2 IV of ${iv.length} bytes for ${known.cipher}, which needs ${known.ivLength}.`,
    );
  const keyLength = kdf.keyLength ?? known.keyLength;
  // RC2 takes 1 to 128 key bytes (RFC 2268 §2); the length is checked before PBKDF2 allocates it.
  if (known.cipher === 'rc2-cbc' && (keyLength < 1 || keyLength > 128))
    throw malformed(
      `${ctx.what}: PBKDF2 key length ${keyLength} for RC2, which takes 1 to 128 bytes.`,
    );
  if (known.cipher !== 'rc2-cbc' && keyLength !== known.keyLength)
    throw malformed(
      `${ctx.what}: PBKDF2 key length ${keyLength} does not fit ${known.cipher}, which takes ${known.keyLength} bytes; OpenSSL refuses such a file too (older NSS/Firefox versions wrote it). Export the certificate again with a current tool (Windows: Export-PfxCertificate).`,
    );
  const cost = checkPbkdf2Cost(limits, kdf, keyLength, `${ctx.what}: PBES2 key derivation`);
  return {
    kind: 'pbes2',
    name: `PBES2 (PBKDF2-HMAC-${kdf.prf.toUpperCase()}, ${known.cipher.toUpperCase()})`,
    cipher: known.cipher,
    keyLength,
    ...(rc2Bits ? { rc2Bits } : {}),
    iv,
    salt: kdf.salt,
    iterations: kdf.iterations,
    prf: kdf.prf,
    cost,
  };
}

/**
 * RFC 8018 §B.2.3: rc2ParameterVersion 160, 120 and 58 stand for 40, 64 and 128 effective key
 * bits; a version of 256 or more is the number of bits itself. RC2 has 1 to 1024 effective bits
 * (RFC 2268 §2).
 * @throws SupCertError MALFORMED for any other value (negative, 1-255 not in the table, > 1024).
 */
function rc2EffectiveBits(version: number, ctx: BerContext): number {
  const table: Record<number, number> = { 160: 40, 120: 64, 58: 128 };
  const bits =
    version >= 256 ? version : Object.hasOwn(table, version) ? table[version] : undefined;
  if (bits === undefined || bits > 1024)
    throw malformed(
      `${ctx.what}: RC2 parameter version ${version} is not a valid effective key length (RFC 8018 B.2.3: 160, 120, 58, or 256 to 1024 bits).`,
    );
  return bits;
}

/** Derives key and IV for one password. PBKDF2 runs on the libuv pool (Node) or WebCrypto, so several derive at once. */
export async function deriveKey(
  scheme: EncryptionScheme,
  password: PasswordForm,
): Promise<{ key: Uint8Array; iv: Uint8Array }> {
  if (scheme.kind === 'pbes2') {
    const key = await port.pbkdf2(
      password.utf8,
      scheme.salt,
      scheme.iterations,
      scheme.keyLength,
      scheme.prf,
    );
    return { key, iv: scheme.iv };
  }
  // Key and IV are independent hash chains: derived together, they run interleaved (~18 % faster).
  const [key, iv] = await pkcs12KdfManyAsync(
    'sha1',
    password.bmp,
    scheme.salt,
    [
      { id: 1, length: scheme.keyLength },
      { id: 2, length: 8 },
    ],
    scheme.iterations,
  );
  return { key: key!, iv: iv! };
}

/** Decrypts with a derived key; throws DecryptFailed on a padding error. */
export function decryptWith(
  scheme: EncryptionScheme,
  derived: { key: Uint8Array; iv: Uint8Array },
  data: Uint8Array,
): Promise<Uint8Array> {
  return decryptCbc(scheme.cipher, derived.key, derived.iv, data, scheme.rc2Bits);
}
