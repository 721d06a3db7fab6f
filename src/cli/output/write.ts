import { escapeCharacter, escapeJsonText } from '../../util/printable.js';
import { Safe } from './clean.js';

/*
 * The only code that writes to stdout and stderr (the tests check that no other module calls
 * process.stdout.write / process.stderr.write). Text goes out as `Safe` (./clean.ts), and is
 * cleaned once more here: every C0/C1 control, bidi, zero-width, default-ignorable, unassigned,
 * private-use and separator character and the blank-rendering U+2800 / U+1D159 is escaped, except a line feed, a CR directly before it (the certreq INF of `suggest`), and the
 * few SGR colour codes node:util styleText writes for our `Style`. Even a value that reached a
 * writer uncleaned could colour text, never move the cursor, clear the screen, hide text
 * (SGR 8) or write the clipboard (OSC 52).
 */

/** SGR codes of the styles we use: bold 1, dim 2, their reset 22, red 31, green 32, yellow 33, cyan 36, colour reset 39. */
const OUTGOING =
  /\x1b\[(?:1|2|22|31|32|33|36|39)m|\r\n|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}\u2800\u{1d159}]/gu;

/** The last line of defence: `text` with nothing a terminal acts on but newlines and our colours. */
export function outgoing(text: string): string {
  return text.replace(OUTGOING, (m) => (m.length > 1 || m === '\n' ? m : escapeCharacter(m)));
}

export type Stream = 'stdout' | 'stderr';

function streamOf(stream: Stream): NodeJS.WriteStream {
  return stream === 'stdout' ? process.stdout : process.stderr;
}

/** Writes `text` to stdout or stderr. */
export function write(stream: Stream, text: Safe): void {
  streamOf(stream).write(outgoing(text.text));
}

/**
 * Writes `value` as JSON (2-space indentation, a final newline) with every unsafe character in
 * its strings as a \uXXXX escape: JSON.parse gives back the same value, a terminal sees no
 * control, bidi or separator character.
 */
export function writeJson(
  stream: Stream,
  value: unknown,
  replacer?: (key: string, value: unknown) => unknown,
): void {
  streamOf(stream).write(`${escapeJsonText(JSON.stringify(value, replacer as never, 2))}\n`);
}

/**
 * Writes a piece of JSON text (a streamed document or one JSON Lines record, made by
 * JSON.stringify) with every unsafe character as a \uXXXX escape, as {@link writeJson} does.
 */
export function writeJsonText(stream: Stream, json: string): void {
  streamOf(stream).write(escapeJsonText(json));
}

/** The progress line on a terminal: return, erase the line (CSI K), the text. */
export function writeProgress(text: Safe): void {
  process.stderr.write(`\r\x1b[K${outgoing(text.text)}`);
}

/** Erases the progress line. */
export function clearProgress(): void {
  process.stderr.write('\r\x1b[K');
}
