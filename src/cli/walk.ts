import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describeError } from './errors.js';
import type { Input } from './inputTypes.js';

/**
 * (Lazily loaded: only a directory argument needs it.)
 *
 * Every regular file under `root`, sorted so that runs compare. Content decides what is a
 * certificate (readCertificates sniffs), so no file is left out by its name. Symbolic links
 * to directories are not followed (a link back up would loop); files larger than `maxBytes` (the
 * reader's input limit) are skipped without being read into memory.
 *
 * Names are read as bytes: a name that is not UTF-8 (a zip of Windows names extracted as Latin-1,
 * "f\xfcr") is shown with U+FFFD, which names no file, so such an input carries its path as bytes
 * too (`rawPath`) and is opened by it.
 */
export function walk(root: string, maxBytes: number): Input[] {
  const out: Input[] = [];
  const visit = (dir: string, rawDir: Buffer): void => {
    let entries;
    try {
      entries = readdirSync(rawDir, { withFileTypes: true, encoding: 'buffer' })
        .map((entry) => ({ entry, name: entry.name.toString('utf8') }))
        .sort((a, b) =>
          a.name < b.name ? -1 : a.name > b.name ? 1 : Buffer.compare(a.entry.name, b.entry.name),
        );
    } catch (error) {
      const e = describeError(error);
      if (!e) throw error;
      out.push({ kind: 'error', file: dir, ...e });
      return;
    }
    for (const { entry, name } of entries) {
      const file = path.join(dir, name);
      const rawFile = Buffer.concat([
        rawDir,
        ...(rawDir.at(-1) === SEPARATOR[0] ? [] : [SEPARATOR]),
        entry.name,
      ]);
      const raw =
        Buffer.byteLength(name) === entry.name.length && Buffer.from(name).equals(entry.name)
          ? {}
          : { rawPath: rawFile };
      if (entry.isDirectory()) {
        visit(file, rawFile);
        continue;
      }
      let stat;
      try {
        stat = statSync(rawFile);
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
      else if (stat.size > maxBytes)
        out.push({
          kind: 'skipped',
          file,
          reason: `larger than ${maxBytes} bytes, so not a certificate file`,
        });
      else out.push({ kind: 'file', file, fromDirectory: true, ...raw });
    }
  };
  visit(root, Buffer.from(root));
  return out;
}

const SEPARATOR = Buffer.from(path.sep);
