/** Types of read.mjs, for test/hostile-read.test.ts. */
import type * as Library from '../../src/index.js';
import type { HostileCase } from './case.mjs';

type Input = string | Buffer;
type Options = { password?: string; limits?: Partial<Library.ReadLimits> };

export declare function der(tag: number, ...parts: Uint8Array[]): Buffer;
export declare function seq(...parts: Uint8Array[]): Buffer;
export declare function octet(bytes: Uint8Array): Buffer;
export declare function int(value: number | bigint): Buffer;
export declare function oid(text: string): Buffer;
export declare function pem(label: string, bytes: Uint8Array, headers?: string): string;
export declare const O: Record<string, string>;
export declare const EC_45: Buffer;
export declare const GOOD_EC: Buffer;
export declare const PASSWORD: string;
export declare function ecPkcs8(
  scalar: Uint8Array,
  options?: { curve?: string; point?: Uint8Array },
): Buffer;
export declare function ecSec1(scalar: Uint8Array, curve?: string): Buffer;
export declare function pbes2(
  plain: Uint8Array,
  password: string,
  iterations: number,
  options?: { cipherOid?: string; salt?: Uint8Array; keyLength?: number; rc2Version?: number },
): { alg: Buffer; data: Buffer; epki: Buffer };
export declare function pbes2Alg(iterations: number): Buffer;
export declare function keyBag(pkcs8: Uint8Array): Buffer;
export declare function shroudedBag(
  pkcs8: Uint8Array,
  password: string,
  iterations: number,
  options?: object,
): Buffer;
export declare function encryptedSafe(
  bags: Buffer[],
  password: string,
  iterations: number,
  options?: object,
): Buffer;
export declare function legacyPem(label: string, plain: Uint8Array, password: string): string;
export declare function pfx(
  parts: Array<Buffer | Buffer[]>,
  password: string,
  mac?:
    | null
    | { iterations: number; salt?: Uint8Array; digestLength?: number }
    | { pbmac1: { keyLength: number; iterations?: number; digestLength?: number } },
): Buffer;
export declare const KEY_CASES: Array<
  [id: string, title: string, input: () => Input, options: Options, expect: string]
>;
export declare const FILE_CASES: Record<
  string,
  { kind: number; title: string; input: () => Input; options: Options; expect: string }
>;
export declare const cases: HostileCase[];
export declare function manyCertsAndKeys(certificates: number, keys: number): string;
/** readCertificates' outcome: 'ok', the SupCertError code, or 'CRASH <name>: <message>'. */
export declare function readOutcome(
  lib: typeof Library,
  input: Input,
  options?: Options,
): Promise<string>;
