/** Types of chain.mjs, for test/hostile-chain.test.ts. */
import type { KeyObject } from 'node:crypto';

export interface ChainInput {
  leaf: Buffer;
  pool: Buffer[];
  anchor: Buffer;
}
export function name(cn: string): Buffer;
export function keyPair(label: string): { privateKey: KeyObject; spki: Buffer };
export function rsaSpki(modulusBits: number, exponentBits: number, label?: string): Buffer;
export function dsaSpki(pBits: number, qBits: number, label?: string): Buffer;
export function caExtensions(): Buffer[];
export function leafExtensions(dnsNames?: string[]): Buffer[];
export function nameConstraints(
  permitted: string[],
  options?: { critical?: boolean; rawSubtrees?: Buffer[] },
): Buffer;
export function certificate(options: {
  serial?: number;
  subject: string | Buffer;
  issuer: string | Buffer;
  spki: Buffer;
  issuerKey?: KeyObject;
  extensions?: Buffer[];
  notBefore?: string;
  notAfter?: string;
  signature?: Buffer;
}): Buffer;
export function selfSignedCa(
  name: string,
  key: { privateKey: KeyObject; spki: Buffer },
  extensions?: Buffer[],
): Buffer;
export function pem(ders: Buffer[]): string;
export function crossCertifiedMesh(
  k: number,
  options?: { reachable?: boolean; expired?: boolean },
): ChainInput;
export function hugeExponentIssuers(
  count?: number,
  options?: { exponentBits?: number; modulusBits?: number },
): ChainInput;
export function bigKeyIssuer(spki: Buffer, signatureBytes?: number): ChainInput;
export function bigSubjectBogusIssuers(count?: number, subjectBytes?: number): ChainInput;
export function constrainedMany(
  subtrees?: number,
  names?: number,
  options?: { twoConstrained?: boolean; permitted?: string[] },
): ChainInput;
export function malformedNameConstraints(
  kind?: 'not-general-name' | 'not-sequence' | 'minimum' | 'unknown-tag' | 'well-formed',
): ChainInput;
export function malformedCriticalExtension(
  which?:
    'policyConstraints' | 'inhibitAnyPolicy' | 'policyMappings' | 'issuerAltName' | 'well-formed',
): ChainInput;
export function selfIssuedRun(n: number): ChainInput;
export function weakLeafKey(spki: Buffer): ChainInput;

export type { HostileCase } from './case.mjs';
export const cases: import('./case.mjs').HostileCase[];
