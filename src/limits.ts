import { SupCertError } from './errors.js';

/**
 * Safety limits for judging untrusted files. Each has a default that no real certificate file
 * comes near; each can be raised per call (`readCertificates(input, { limits: { ... } })`,
 * `validateSupCertificate(input, { limits: { ... } })`). Hitting one rejects with
 * `LIMIT_EXCEEDED` (or, inside a chain search, ends the search with `SEARCH_LIMIT`) and names the
 * option to raise.
 *
 * The `max…` limits that count work (iterations, keys, blocks, elements, signature checks, path
 * nodes, name comparisons) are drawn from one {@link WorkBudget} per call: they bound the whole
 * file, never one structure at a time, so 10,000 small structures cost no more than one big one.
 */
export interface ReadLimits {
  /** Largest input accepted, in bytes (a PEM CA bundle is ~0.3 MB). */
  maxInputBytes: number;
  /** Deepest ASN.1 nesting (a certificate nests ~10 levels, a PFX ~15). */
  maxDepth: number;
  /**
   * Most KDF work units one key derivation (PBKDF2 or the PKCS#12 KDF) may cost. A unit is one
   * PKCS#12-KDF SHA-1 iteration of one hash chain (~0.15 µs of CPU); a derivation costs
   * iterations × hash chains (or PBKDF2 blocks) × the hash's measured weight, so the limit bounds
   * time, not raw iterations: PBKDF2-HMAC-SHA1/SHA-256 weigh 1, the PKCS#12 KDF over SHA-256 1.9,
   * over SHA-512 5.3 (table and how it was measured: src/read/pkcs12/kdfCost.ts). NSS's
   * 600,000-iteration PBKDF2-SHA256 key costs 600,000; 2,000,000 units ≈ 0.3 s.
   */
  maxIterations: number;
  /**
   * KDF work units (as for maxIterations) summed over the whole call: every MAC attempt, every
   * encrypted part and bag, every encrypted PEM key. 6,000,000 ≈ 0.9 s; a Windows TripleDES PFX
   * costs ~14,000, OpenSSL's 600,000-iteration TripleDES file 4,200,000. The worst case of the
   * password search is priced before the first derivation; after a wrong password the empty and
   * absent forms are tried only when the three MAC derivations cost at most maxIterations.
   */
  maxTotalIterations: number;
  /** Most certificates in one file (PKCS#7, PFX, PEM bundle). */
  maxCertificates: number;
  /** Most PKCS#12 safe bags, counted over the whole file. */
  maxBags: number;
  /** Most private keys over one call, every file it reads (PKCS#12 key bags and PEM key blocks). */
  maxKeys: number;
  /** Most PEM blocks ("-----BEGIN …") over one call (every text the call reads). */
  maxPemBlocks: number;
  /** Most ASN.1 elements decoded for one call. */
  maxElements: number;
  /** Most subjectAltName entries in one certificate. */
  maxAltNames: number;
  /**
   * Signature-check units of one chain search. One unit is one verification with a P-256,
   * Ed25519 or RSA key of up to 4,096 bits (e = 65537), ~0.05 ms; bigger keys cost what they take
   * (RSA (bits / 4,096)² × the exponent's multiplications / 17: a 16,384-bit key with e = 2^32 − 1
   * counts 58; DSA (p / 2,048)² × q / 48; P-384 10, P-521 21), and a certificate over 16 KiB
   * 1 more per 16 KiB it signs (table and measurements: src/chain/signature.ts). 2,000 ≈ 0.1 s.
   */
  maxSignatureChecks: number;
  /** Most steps of one chain search: certificates visited plus candidate issuers tried. */
  maxPathNodes: number;
  /** Most name-versus-subtree comparisons when applying name constraints, over one chain search. */
  maxNameComparisons: number;
}

/**
 * The default of every limit (frozen): 32 MiB of input, 64 levels of nesting, 2,000,000 KDF work
 * units per derivation and 6,000,000 per call, 10,000 certificates, 10,000 PKCS#12 bags, 1,000
 * keys, 20,000 PEM blocks, 4,000,000 ASN.1 elements, 10,000 SAN entries per certificate, 2,000
 * signature-check units, 20,000 path nodes and 1,000,000 name comparisons per chain search.
 * Override any of them per call with `limits: { ... }`.
 */
export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxInputBytes: 32 * 1024 * 1024,
  maxDepth: 64,
  maxIterations: 2_000_000,
  maxTotalIterations: 6_000_000,
  maxCertificates: 10_000,
  maxBags: 10_000,
  maxKeys: 1_000,
  maxPemBlocks: 20_000,
  maxElements: 4_000_000,
  maxAltNames: 10_000,
  maxSignatureChecks: 2_000,
  maxPathNodes: 20_000,
  maxNameComparisons: 1_000_000,
});

/** Limits that count work drawn from a {@link WorkBudget} (sums over one call). */
export type BudgetKey =
  | 'maxTotalIterations'
  | 'maxKeys'
  | 'maxPemBlocks'
  | 'maxElements'
  | 'maxSignatureChecks'
  | 'maxPathNodes'
  | 'maxNameComparisons';

/** Merges caller overrides into the defaults, refusing nonsense values. */
export function resolveLimits(overrides: Partial<ReadLimits> | ReadLimits | undefined): ReadLimits {
  const limits: ReadLimits = { ...DEFAULT_LIMITS };
  if (!overrides) return limits;
  if (typeof overrides !== 'object')
    throw new SupCertError(
      'INVALID_OPTION',
      'limits must be an object, e.g. { maxIterations: 5000000 }.',
    );
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_LIMITS))
      throw new SupCertError(
        'INVALID_OPTION',
        `Unknown limit "${key.slice(0, 40)}". Known limits: ${Object.keys(DEFAULT_LIMITS).join(', ')}.`,
      );
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
      throw new SupCertError('INVALID_OPTION', `Limit "${key}" must be a positive integer.`);
    }
    limits[key as keyof ReadLimits] = value;
  }
  return limits;
}

/** Throws LIMIT_EXCEEDED naming the option that raises the limit. */
export function checkLimit(
  limits: ReadLimits,
  key: keyof ReadLimits,
  actual: number,
  what: string,
): void {
  if (actual > limits[key]) {
    throw new SupCertError(
      'LIMIT_EXCEEDED',
      `${what}: ${actual} is more than the limit of ${limits[key]}. If the file is genuine, raise limits.${key}.`,
    );
  }
}

/**
 * The work one call may do, shared by every step of it (reading, key matching, chain search).
 * Create one per public call and pass it down; never create one per structure.
 *
 * The constructor takes limits as `ReadLimits` does (missing ones take {@link DEFAULT_LIMITS});
 * `charge` throws LIMIT_EXCEEDED once a sum passes its limit, `tryCharge` answers false instead.
 *
 * @throws SupCertError INVALID_OPTION (constructor) for an unknown limit or one that is not a
 *   positive integer.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { WorkBudget, readCertificates } from 'supcert';
 *
 * // One budget for a PFX and the chain file read with it: 10 M KDF units in all.
 * const budget = new WorkBudget({ maxTotalIterations: 10_000_000 });
 * const pfx = await readCertificates(readFileSync('sup01.pfx'), { password: 'Passw0rd!', budget });
 * const chain = await readCertificates(readFileSync('chain.pem'), { budget });
 * console.log(pfx.certificates.length + chain.certificates.length, budget.spent('maxTotalIterations'));
 * ```
 */
export class WorkBudget {
  readonly limits: ReadLimits;
  private readonly used = new Map<BudgetKey, number>();

  constructor(limits?: Partial<ReadLimits> | ReadLimits) {
    this.limits = resolveLimits(limits);
  }

  /**
   * Draws `units` of `key`.
   * @throws SupCertError LIMIT_EXCEEDED when the sum over this call passes the limit (names limits.key);
   *   INVALID_OPTION when `key` is no limit or `units` not a non-negative number.
   */
  charge(key: BudgetKey, units: number, what: string): void {
    if (!this.tryCharge(key, units)) {
      throw new SupCertError(
        'LIMIT_EXCEEDED',
        `${what}: this call needs more than the limit of ${this.limits[key]} (${key}, summed over the whole call: every file it reads, trust anchors and intermediates included). If the input is genuine, raise limits.${key}.`,
      );
    }
  }

  /**
   * Draws `units` of `key`; false (and nothing drawn) when that would pass the limit. For searches that stop with a problem instead of throwing.
   * @throws SupCertError INVALID_OPTION when `key` is no limit or `units` not a non-negative number.
   */
  tryCharge(key: BudgetKey, units: number): boolean {
    const limit: unknown =
      typeof key === 'string' && Object.hasOwn(this.limits, key) ? this.limits[key] : undefined;
    if (typeof limit !== 'number')
      throw new SupCertError(
        'INVALID_OPTION',
        `Unknown limit ${typeof key === 'string' ? JSON.stringify(key.slice(0, 40)) : `(a ${typeof key})`} to charge: one of ${Object.keys(DEFAULT_LIMITS).join(', ')}.`,
      );
    if (typeof units !== 'number' || !(units >= 0))
      throw new SupCertError(
        'INVALID_OPTION',
        `The units charged to ${key} must be a non-negative number.`,
      );
    const next = (this.used.get(key) ?? 0) + units;
    if (!(next <= limit)) return false;
    this.used.set(key, next);
    return true;
  }

  /** What has been drawn of `key` so far. */
  spent(key: BudgetKey): number {
    return this.used.get(key) ?? 0;
  }

  /**
   * What has been drawn so far, to give back to {@link restoreState}: a part that is run again
   * (src/port/signatures.ts, in a browser) is charged once.
   * @internal
   */
  saveState(): ReadonlyMap<BudgetKey, number> {
    return new Map(this.used);
  }

  /** @internal */
  restoreState(state: ReadonlyMap<BudgetKey, number>): void {
    this.used.clear();
    for (const [k, v] of state) this.used.set(k, v);
  }

  /** True when `key` has nothing left. */
  exhausted(key: BudgetKey): boolean {
    return this.spent(key) >= this.limits[key];
  }
}
