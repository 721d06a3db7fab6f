// A tiny DER writer shared by the hostile-case generators (definite lengths up to 4 bytes).
export const der = (tag, ...parts) => {
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
};
export const seq = (...p) => der(0x30, ...p);
