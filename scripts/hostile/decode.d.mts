/** Types of decode.mjs, for test/hostile-decode.test.ts. */
import type { HostileCase } from './case.mjs';

export declare function der(tag: number, ...parts: Uint8Array[]): Buffer;
export declare function hugeArcOid(bytes: number): Buffer;
export declare function certificateWithHugeOid(arcBytes: number): Buffer;
export declare function nestedIndefinite(depth: number, leaves: number): Buffer;
export declare function p7bNestedIndefinite(depth: number, leaves: number): Buffer;
export declare function longIdnLabel(length: number): string;
export declare function infStringsBomb(size: number, refs: number): string;
export declare const cases: HostileCase[];
