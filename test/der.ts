/** A tiny DER writer for tests that build hostile inputs by hand. */
export function der(tag: number, ...parts: Uint8Array[]): Buffer {
  const body = Buffer.concat(parts);
  const l = body.length;
  const len =
    l < 128
      ? [l]
      : l < 256
        ? [0x81, l]
        : l < 65536
          ? [0x82, l >> 8, l & 255]
          : l < 2 ** 24
            ? [0x83, l >> 16, (l >> 8) & 255, l & 255]
            : [0x84, (l >>> 24) & 255, (l >> 16) & 255, (l >> 8) & 255, l & 255];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}
export const seq = (...parts: Uint8Array[]): Buffer => der(0x30, ...parts);
export const oid = (hex: string): Buffer => der(0x06, Buffer.from(hex, 'hex'));
export const int = (...bytes: number[]): Buffer => der(0x02, Buffer.from(bytes));
export const octet = (bytes: Uint8Array): Buffer => der(0x04, bytes);
export const ctx = (n: number, ...parts: Uint8Array[]): Buffer => der(0xa0 + n, ...parts);
