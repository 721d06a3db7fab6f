import { port } from '#port';
import {
  type Asn1Node,
  type BerContext,
  Tag,
  TagClass,
  is,
  oid,
  sequence,
  smallInt,
  octetString,
} from '../../asn1/ber.js';
import { HASH_ALGORITHMS, HMAC_ALGORITHMS, Oid } from '../../asn1/oids.js';
import { malformed, unsupported } from '../../errors.js';
import type { ReadLimits } from '../../limits.js';
import {
  type Pbkdf2Params,
  checkIterations,
  checkPbkdf2Cost,
  checkSalt,
  parsePbkdf2,
} from './encryptionScheme.js';
import { DIGEST_BYTES, checkKdfCost } from './kdfCost.js';
import type { PasswordForm } from './password.js';
import { type Pkcs12KdfHash, pkcs12KdfManyAsync } from './pkcs12Kdf.js';
import { item } from '../../util/item.js';

/**
 * The integrity MAC of a PFX: classic PKCS#12 (RFC 7292 §5) or PBMAC1 (RFC 9579). `cost`: one
 * derivation of the MAC key in KDF work units (./kdfCost.ts), checked against limits.maxIterations.
 */
export type MacScheme =
  | {
      kind: 'pkcs12';
      hash: Pkcs12KdfHash;
      digest: Uint8Array;
      salt: Uint8Array;
      iterations: number;
      cost: number;
      description: string;
    }
  | {
      kind: 'pbmac1';
      hmac: string;
      kdf: Pbkdf2Params & { keyLength: number };
      digest: Uint8Array;
      cost: number;
      description: string;
    };

const KDF_HASHES = new Set<string>(['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5']);

/** MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 } */
export function parseMacData(node: Asn1Node, ctx: BerContext, limits: ReadLimits): MacScheme {
  const [digestInfo, saltNode, iterNode] = sequence(node, 'MacData', ctx);
  const [algId, digestNode] = sequence(digestInfo, 'MAC DigestInfo', ctx);
  const [algOid, params] = sequence(algId, 'MAC algorithm', ctx);
  const alg = oid(algOid, 'MAC algorithm', ctx);
  const digest = octetString(digestNode, 'MAC digest', ctx);
  if (alg === Oid.pbmac1) {
    // RFC 9579: PBMAC1-params ::= SEQUENCE { keyDerivationFunc, messageAuthScheme }. macSalt and
    // iterations of MacData are ignored; PBKDF2's keyLength is mandatory (§3, vector A.6).
    const [kdfNode, schemeNode] = sequence(params, 'PBMAC1 parameters', ctx);
    const kdf = parsePbkdf2(kdfNode, ctx, limits);
    if (kdf.keyLength === undefined)
      throw malformed(
        `${ctx.what}: PBMAC1 without the mandatory PBKDF2 key length (RFC 9579 §3); the file was written by a broken tool or altered. Export the PFX again.`,
      );
    // Checked before anything is allocated. Below 20 octets a forged file can authenticate under
    // another password (the short-key PBMAC1 bypass; draft-ietf-lamps-rfc9579bis requires at
    // least 20, Go's x/crypto pkcs12 rejects shorter keys). Longer keys are harmless (HMAC
    // hashes a key longer than its block down) and real: Bouncy Castle's JSSE writes 256 octets
    // for HMAC-SHA512. The upper bound only keeps a hostile length from being allocated; the
    // derivation's cost is bounded separately (checkPbkdf2Cost).
    if (kdf.keyLength < PBMAC1_MIN_KEY) {
      throw malformed(
        `${ctx.what}: PBMAC1 key length of ${kdf.keyLength} octet${kdf.keyLength === 1 ? '' : 's'}; RFC 9579 requires at least ${PBMAC1_MIN_KEY}. A shorter key would let a forged file pass the integrity check: the file was altered or written by a broken tool. Do not use it: export the PFX again from the certificate store it came from.`,
      );
    }
    if (kdf.keyLength > PBMAC1_MAX_KEY) {
      throw malformed(
        `${ctx.what}: PBMAC1 key length of ${kdf.keyLength} octets; no tool writes more than ${PBMAC1_MAX_KEY} (RFC 9579 files use 20 to 64, Bouncy Castle 256): the file was altered or written by a broken tool. Export the PFX again.`,
      );
    }
    const hmacOid = oid(
      item(sequence(schemeNode, 'PBMAC1 messageAuthScheme', ctx), 0),
      'PBMAC1 messageAuthScheme',
      ctx,
    );
    const hmac = HMAC_ALGORITHMS[hmacOid];
    if (!hmac)
      throw unsupported(
        `${ctx.what}: PBMAC1 with MAC algorithm ${hmacOid} is not supported (HMAC-SHA1 and HMAC-SHA2 are). Export the PFX again with an HMAC-SHA256 integrity MAC (the Windows AES256-SHA256 and OpenSSL 3 default).`,
      );
    checkDigestLength(digest, hmac, ctx);
    const cost = checkPbkdf2Cost(limits, kdf, kdf.keyLength, `${ctx.what}: PBMAC1 key derivation`);
    return {
      kind: 'pbmac1',
      hmac,
      kdf: { ...kdf, keyLength: kdf.keyLength },
      digest,
      cost,
      description: `PBMAC1 HMAC-${hmac.toUpperCase()}, PBKDF2-HMAC-${kdf.prf.toUpperCase()}, ${kdf.iterations} iterations`,
    };
  }
  const hash = HASH_ALGORITHMS[alg];
  if (!hash || !KDF_HASHES.has(hash))
    throw unsupported(
      `${ctx.what}: integrity MAC algorithm ${hash ?? alg} is not supported (SHA-1, SHA-2 and PBMAC1 are). Export the PFX again with an HMAC-SHA256 integrity MAC (the Windows AES256-SHA256 and OpenSSL 3 default).`,
    );
  checkDigestLength(digest, hash, ctx);
  const salt = checkSalt(octetString(saltNode, 'MAC salt', ctx), ctx);
  const iterations = checkIterations(
    is(iterNode, TagClass.Universal, Tag.Integer) ? smallInt(iterNode, 'MAC iterations', ctx) : 1,
    ctx,
    limits,
    'MAC iteration count',
    'MAC iteration count',
  );
  // One chain: the MAC key is u bytes, one digest of the hash.
  const cost = checkKdfCost(
    limits,
    'pkcs12',
    hash,
    iterations,
    1,
    `${ctx.what}: integrity MAC key derivation`,
  );
  return {
    kind: 'pkcs12',
    hash: hash as Pkcs12KdfHash,
    digest,
    salt,
    iterations,
    cost,
    description: `HMAC-${hash.toUpperCase()}, ${iterations} iterations`,
  };
}

/** True when the MAC over `data` verifies with this password. */
export async function verifyMac(
  scheme: MacScheme,
  password: PasswordForm,
  data: Uint8Array,
): Promise<boolean> {
  let key: Uint8Array;
  let hmac: string;
  if (scheme.kind === 'pbmac1') {
    key = await port.pbkdf2(
      password.utf8,
      scheme.kdf.salt,
      scheme.kdf.iterations,
      scheme.kdf.keyLength,
      scheme.kdf.prf,
    );
    hmac = scheme.hmac;
  } else {
    const length = DIGEST_BYTES[scheme.hash]!;
    [key] = (await pkcs12KdfManyAsync(
      scheme.hash,
      password.bmp,
      scheme.salt,
      [{ id: 3, length }],
      scheme.iterations,
    )) as [Uint8Array];
    hmac = scheme.hash;
  }
  const mac = await port.hmac(hmac, key, data);
  return mac.length === scheme.digest.length && constantTimeEqual(mac, scheme.digest);
}

/** Equal contents, compared in time that depends only on the length (as timingSafeEqual). */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** PBMAC1 key lengths accepted, in octets (see parseMacData). */
export const PBMAC1_MIN_KEY = 20;
export const PBMAC1_MAX_KEY = 1024;

/** A MAC value of another length than the HMAC's output is damage, not a wrong password. */
function checkDigestLength(digest: Uint8Array, hash: string, ctx: BerContext): void {
  const expected = DIGEST_BYTES[hash];
  if (expected !== undefined && digest.length !== expected) {
    throw malformed(
      `${ctx.what}: the integrity MAC value is ${digest.length} bytes, but HMAC-${hash.toUpperCase()} gives ${expected}: the file is damaged. Export the PFX again, or copy it again as a binary file.`,
    );
  }
}
