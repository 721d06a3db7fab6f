import { port } from '#port';
import { malformed } from '../errors.js';
import type { WorkBudget } from '../limits.js';

/** One PEM block: its label ("CERTIFICATE"), decoded bytes and any RFC 1421 headers. */
export interface PemBlock {
  label: string;
  bytes: Uint8Array;
  headers: Record<string, string>;
  /** 1-based line of the BEGIN line, for messages. */
  line: number;
}

const BEGIN = /^-----BEGIN ([A-Z0-9 #._-]{1,64})-----\s*$/;
const END = /^-----END ([A-Z0-9 #._-]{1,64})-----\s*$/;
const BASE64_LINE = /^[A-Za-z0-9+/=]*$/;
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

/**
 * Finds every PEM block in a text, ignoring what lies between blocks (OpenSSL "Bag Attributes",
 * `openssl x509 -text` dumps, mail quoting). Line endings may be LF or CRLF; lines inside a block
 * may be indented. A BEGIN without its END, or a bad character in the base64, is MALFORMED.
 * With a `budget`, each block draws one `maxPemBlocks` unit as its BEGIN line is found (before
 * its base64 is decoded): LIMIT_EXCEEDED past the limit.
 */
export function parsePem(text: string, budget?: WorkBudget): PemBlock[] {
  const lines = text.split(/\r?\n|\r/);
  const blocks: PemBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const begin = BEGIN.exec(lines[i]!.trim());
    if (!begin) continue;
    const label = begin[1]!;
    const line = i + 1;
    budget?.charge('maxPemBlocks', 1, 'number of PEM blocks');
    const headers: Record<string, string> = {};
    const body: string[] = [];
    let ended = false;
    for (i++; i < lines.length; i++) {
      const current = lines[i]!.trim();
      const end = END.exec(current);
      if (end) {
        if (end[1] !== label)
          throw malformed(
            `PEM: the block "${label}" that starts on line ${line} ends with "END ${end[1]}" on line ${i + 1}.`,
          );
        ended = true;
        break;
      }
      if (BEGIN.test(current)) break;
      // RFC 1421 header "Name: value", split by a scan (no regular expression runs on the value).
      const colon = body.length === 0 ? current.indexOf(':') : -1;
      if (colon > 0 && HEADER_NAME.test(current.slice(0, colon))) {
        headers[current.slice(0, colon)] = current.slice(colon + 1).trimStart();
        continue;
      }
      if (current === '') continue;
      if (!BASE64_LINE.test(current))
        throw malformed(
          `PEM: line ${i + 1} inside the "${label}" block is not base64. Repair or re-export the file.`,
        );
      body.push(current);
    }
    if (!ended)
      throw malformed(
        `PEM: the block "${label}" that starts on line ${line} has no END line; the file is truncated.`,
      );
    blocks.push({
      label,
      bytes: decodeBase64Strict(body.join(''), `PEM block "${label}" on line ${line}`),
      headers,
      line,
    });
  }
  return blocks;
}

/**
 * Strict base64: only the alphabet, padding only at the end, a length that decodes to whole
 * bytes (Buffer.from silently skips bad characters, which would turn corruption into a
 * misleading "malformed certificate" later).
 */
export function decodeBase64Strict(text: string, what: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw malformed(
      `${what}: the base64 text is damaged (invalid characters or length). Copy the file again.`,
    );
  }
  return port.base64Decode(clean);
}
