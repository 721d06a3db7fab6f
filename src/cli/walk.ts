import { type Dirent, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeError } from './errors.js';
import { type Input, tooLarge } from './inputTypes.js';

/**
 * (Lazily loaded: only a directory argument needs it.)
 *
 * Every regular file under `root`, sorted so that runs compare. Content decides what is a
 * certificate (readCertificates sniffs), so no file is left out by its name. Symbolic links
 * to directories are not followed (a link back up would loop); files larger than `maxBytes` (the
 * reader's input limit) are skipped without being read into memory.
 *
 * A name that is not UTF-8 (a zip of Windows names extracted as Latin-1, "f\xfcr") is shown with
 * U+FFFD, which names no file: the directory holding it is listed again as bytes, and each input
 * under such a name carries its path as bytes too (`rawPath`) and is opened by it. Only those
 * directories are listed as bytes: a Buffer per name and path cost 100,000 files ~120 MB of peak
 * RSS.
 */
export function walk(root: string, maxBytes: number): Input[] {
  const out: Input[] = [];
  /** `rawDir`: the directory's path as bytes, when its string path is not exact (a lossy name above). */
  const visit = (dir: string, rawDir: Buffer | undefined): void => {
    /** `bytes`: the name as listed, only in a directory listed as bytes (ties of `name` sort by it). */
    let entries: Array<{
      name: string;
      raw: Buffer | undefined;
      type: EntryType;
      bytes?: Buffer;
    }>;
    try {
      const listed = rawDir === undefined ? readdirSync(dir, { withFileTypes: true }) : undefined;
      if (listed && !listed.some((entry) => entry.name.includes('\ufffd')))
        entries = listed.map((entry) => ({
          name: entry.name,
          raw: undefined,
          type: typeOf(entry),
        }));
      else {
        // Some name here is not UTF-8 (or the directory's own path is not): its names as bytes.
        const base = rawDir ?? Buffer.from(dir);
        const join = (name: Buffer): Buffer =>
          Buffer.concat([base, ...(base.at(-1) === SEPARATOR[0] ? [] : [SEPARATOR]), name]);
        entries = readdirSync(base, { withFileTypes: true, encoding: 'buffer' }).map((entry) => {
          const name = entry.name.toString('utf8');
          const exact = rawDir === undefined && Buffer.from(name).equals(entry.name);
          return {
            name,
            raw: exact ? undefined : join(entry.name),
            type: typeOf(entry),
            bytes: entry.name,
          };
        });
      }
      entries.sort((a, b) =>
        a.name < b.name
          ? -1
          : a.name > b.name
            ? 1
            : a.bytes && b.bytes
              ? Buffer.compare(a.bytes, b.bytes)
              : 0,
      );
    } catch (error) {
      const e = describeError(error);
      if (!e) throw error;
      out.push({ kind: 'error', file: dir, ...e });
      return;
    }
    for (const { name, raw, type } of entries) {
      const file = path.join(dir, name);
      // Flattened: path.join gives a rope of the directory and the name (V8 ConsStrings), which a
      // stat() used to flatten; kept as ropes, 100,000 paths held ~14 MB more heap and the run's
      // peak RSS ~20-50 MB more. Reading a character flattens one in place.
      flatten(file);
      if (type === 'directory') {
        visit(file, raw);
        continue;
      }
      // The listing says what most entries are: a regular file is not stat'ed here (its size is
      // checked when it is opened: judge skips one over maxBytes, as below), and a FIFO, socket
      // or device is no certificate file. A link, or an entry of unknown type, is stat'ed.
      if (type === 'file') {
        out.push({ kind: 'file', file, fromDirectory: true, ...(raw ? { rawPath: raw } : {}) });
        continue;
      }
      if (type === 'other') continue;
      let stat;
      try {
        stat = statSync(raw ?? file);
      } catch (error) {
        const e = describeError(error);
        if (!e) throw error;
        out.push({ kind: 'error', file, ...e });
        continue;
      }
      if (stat.isDirectory())
        out.push({
          kind: 'skipped',
          file,
          reason: 'a symbolic link to a directory (not followed)',
        });
      else if (!stat.isFile()) continue;
      else if (stat.size > maxBytes) out.push(tooLarge(file, maxBytes));
      else out.push({ kind: 'file', file, fromDirectory: true, ...(raw ? { rawPath: raw } : {}) });
    }
  };
  visit(root, undefined);
  return out;
}

const SEPARATOR = Buffer.from(path.sep);

/** What a directory listing says an entry is; 'unknown' (a link, or a file system that does not say) is stat'ed. */
type EntryType = 'file' | 'directory' | 'other' | 'unknown';

function typeOf(entry: Dirent | Dirent<Buffer>): EntryType {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice())
    return 'other';
  return 'unknown';
}

/** Flattens a string in place (V8 turns a rope into one sequential string when a character is read). */
function flatten(text: string): void {
  text.charCodeAt(0);
}
