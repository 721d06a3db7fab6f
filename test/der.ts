import { derTlv } from '../src/asn1/ber.js';

/** A tiny DER writer for tests that build hostile inputs by hand (the library's derTlv). */
export function der(tag: number, ...parts: Uint8Array[]): Buffer {
  const out = derTlv(tag, Buffer.concat(parts));
  return Buffer.from(out.buffer, out.byteOffset, out.length);
}
export const seq = (...parts: Uint8Array[]): Buffer => der(0x30, ...parts);
export const oid = (hex: string): Buffer => der(0x06, Buffer.from(hex, 'hex'));
export const int = (...bytes: number[]): Buffer => der(0x02, Buffer.from(bytes));
export const octet = (bytes: Uint8Array): Buffer => der(0x04, bytes);
export const ctx = (n: number, ...parts: Uint8Array[]): Buffer => der(0xa0 + n, ...parts);
