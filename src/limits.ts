import { SupCertError } from './errors.js';

/**
 * Safety limits for reading untrusted files. Each has a default that no real certificate file
 * comes near; each can be raised per call (`readCertificates(input, { limits: { ... } })`).
 * Hitting one rejects with `LIMIT_EXCEEDED` and names the option to raise.
 */
export interface ReadLimits {
  /** Largest input accepted, in bytes (a PEM CA bundle is ~0.3 MB). */
  maxInputBytes: number;
  /** Deepest ASN.1 nesting (a certificate nests ~10 levels, a PFX ~15). */
  maxDepth: number;
  /** Highest PBKDF2 / PKCS#12 KDF iteration count (NSS uses 600,000). */
  maxIterations: number;
  /** Most certificates in one file (PKCS#7, PFX, PEM bundle). */
  maxCertificates: number;
  /** Most PKCS#12 safe bags, counted over the whole file. */
  maxBags: number;
  /** Most subjectAltName entries in one certificate. */
  maxAltNames: number;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxInputBytes: 32 * 1024 * 1024,
  maxDepth: 64,
  maxIterations: 2_000_000,
  maxCertificates: 10_000,
  maxBags: 10_000,
  maxAltNames: 10_000,
});

/** Merges caller overrides into the defaults, refusing nonsense values. */
export function resolveLimits(overrides: Partial<ReadLimits> | undefined): ReadLimits {
  const limits: ReadLimits = { ...DEFAULT_LIMITS };
  if (!overrides) return limits;
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_LIMITS)) throw new SupCertError('INVALID_OPTION', `Unknown limit "${key}". Known limits: ${Object.keys(DEFAULT_LIMITS).join(', ')}.`);
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new SupCertError('INVALID_OPTION', `Limit "${key}" must be a positive integer.`);
    }
    limits[key as keyof ReadLimits] = value;
  }
  return limits;
}

/** Throws LIMIT_EXCEEDED naming the option that raises the limit. */
export function checkLimit(limits: ReadLimits, key: keyof ReadLimits, actual: number, what: string): void {
  if (actual > limits[key]) {
    throw new SupCertError('LIMIT_EXCEEDED', `${what}: ${actual} is more than the limit of ${limits[key]}. If the file is genuine, raise limits.${key}.`);
  }
}
