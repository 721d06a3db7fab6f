import { type Asn1Node, type BerContext, encoded, oid, sequence, Tag } from '../asn1/ber.js';
import { decodeString, isStringNode } from '../asn1/strings.js';
import { ATTRIBUTE_NAMES } from '../asn1/oids.js';
import { toHex } from '../util/bytes.js';

export interface NameAttribute {
  type: string;
  value: string;
}

/** A decoded X.501 Name: RDNs in encoded order (most significant first). */
export type DecodedName = NameAttribute[][];

/** Decodes a Name. String values become Unicode; other values become "#hex" (RFC 4514 §2.4). */
export function decodeName(node: Asn1Node, what: string, ctx: BerContext): DecodedName {
  return sequence(node, what, ctx).map((rdn) =>
    sequence(rdn, `${what} RDN`, ctx, Tag.Set).map((atv) => {
      const [typeNode, valueNode] = sequence(atv, `${what} attribute`, ctx);
      const type = oid(typeNode, `${what} attribute type`, ctx);
      if (!valueNode) return { type, value: '' };
      const value = isStringNode(valueNode)
        ? decodeString(valueNode, ctx, `${what} ${ATTRIBUTE_NAMES[type] ?? type}`)
        : `#${toHex(encoded(valueNode))}`;
      return { type, value };
    }),
  );
}

/** Every value of one attribute type, in encoded order (e.g. all CNs). */
export function attributeValues(name: DecodedName, type: string): string[] {
  const out: string[] = [];
  for (const rdn of name) for (const atv of rdn) if (atv.type === type) out.push(atv.value);
  return out;
}

/**
 * RFC 4514 string: RDNs in reverse order, '+' inside multi-valued RDNs. Besides the characters
 * RFC 4514 requires escaping, control characters are written as \XX so a hostile name cannot
 * drive a terminal.
 */
export function formatName(name: DecodedName): string {
  return [...name]
    .reverse()
    .map((rdn) =>
      rdn
        .map(
          (atv) =>
            `${ATTRIBUTE_NAMES[atv.type] ?? atv.type}=${atv.value.startsWith('#') && !ATTRIBUTE_NAMES[atv.type] ? atv.value : escapeValue(atv.value)}`,
        )
        .join('+'),
    )
    .join(',');
}

/** Characters escaped anywhere in a value (RFC 4514 §2.4, and controls as \\XX). One character per match: linear. */
const ESCAPED = /[\x00-\x1f\x7f"+,;<>\\]/g;
const escapeOne = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f
    ? `\\${code.toString(16).padStart(2, '0').toUpperCase()}`
    : `\\${ch}`;
};

/**
 * RFC 4514 escaping of one attribute value, in one native pass (a character-at-a-time
 * concatenation once cost seconds and gigabytes of garbage for a 15-million-character name).
 */
function escapeValue(value: string): string {
  let out = value.replace(ESCAPED, escapeOne);
  // A leading space or '#', and a trailing space, are escaped too (neither is in ESCAPED, so the
  // first and last characters of `out` are those of `value`).
  if (value.startsWith(' ') || value.startsWith('#')) out = `\\${out}`;
  if (value.length > 1 && value.endsWith(' ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}
