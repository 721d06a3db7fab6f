/** Types of redteam-read.mjs, for test/hostile-redteam-read.test.ts. */
import type { HostileCase } from './case.mjs';

export declare function der(tag: number, ...parts: Uint8Array[]): Buffer;
export declare function pem(label: string, bytes: Uint8Array): string;
export declare function pemBytes(label: string, bytes: Uint8Array): Buffer;
export declare function repeated(tag: number, count: number): Buffer;
export declare function certificate(options?: {
  subject?: Buffer | Buffer[];
  issuer?: Buffer;
  extensions?: Buffer[];
  validity?: Buffer;
  serial?: number;
}): Buffer;
export declare const ROOT_CA: Buffer;
export declare function caWithNameConstraints(count: number): Buffer;
export declare function leafWithCriticalList(kind: 'ian' | 'fcrl', count: number): Buffer;
export declare function certificateOfNulls(count: number): Buffer;
export declare function keyOfNulls(count: number): Buffer;
export declare function p7bOfEmptyChoices(count: number): Buffer;
export declare function certificateWithLongTime(digits: number): Buffer;
export declare function certificateWithWideCn(kind: 'bmp' | 'universal', bytes: number): Buffer;
export declare function infOf(
  kind: 'eku-text' | 'eku-lines' | 'ext-notes' | 'continue' | 'subject-rdns',
  count: number,
): string;
export declare function pssCsr(): Buffer;
export declare const cases: HostileCase[];
