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
 */
export function walk(root: string, maxBytes: number): Input[] {
  const out: Input[] = [];
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
    } catch (error) {
      const e = describeError(error);
      if (!e) throw error;
      out.push({ kind: 'error', file: dir, ...e });
      return;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        visit(file);
        continue;
      }
      let stat;
      try {
        stat = statSync(file);
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
      else out.push({ kind: 'file', file, fromDirectory: true });
    }
  };
  visit(root);
  return out;
}
