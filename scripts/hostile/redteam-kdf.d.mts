/** Types of redteam-kdf.mjs, for test/hostile-redteam-kdf.test.ts. */
import type { HostileCase } from './case.mjs';
import type { ChainInput } from './chain.mjs';

export declare function macPfx(
  hash: 'sha1' | 'sha256' | 'sha384' | 'sha512',
  iterations: number,
  password?: string,
): Buffer;
export declare function rsaSpkiExponent(modulusBits: number, e: bigint, label?: string): Buffer;
export declare function rsa16kIssuers(count?: number): ChainInput;
export declare const BLANKS: string[];
export declare function fakeVerdictCn(fill?: string): string;
export declare function braillePem(fill?: string): string;
export declare const cases: HostileCase[];
