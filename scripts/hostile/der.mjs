// A tiny DER writer shared by the hostile-case generators (definite lengths up to 4 bytes).

/** The identifier and length octets of an element of `tag` whose content is `l` bytes. */
export function header(tag, l) {
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
  return Buffer.from([tag, ...len]);
}

/** One element: `tag`, then the parts as its content. */
export const der = (tag, ...parts) =>
  Buffer.concat([
    header(
      tag,
      parts.reduce((n, p) => n + p.length, 0),
    ),
    ...parts,
  ]);
export const seq = (...p) => der(0x30, ...p);
