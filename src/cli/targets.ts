import path from 'node:path';
import { InputError } from './errors.js';
import { type Input, directoryOrError, parseUrl, withoutUserInfo } from './inputs.js';
import { readFileCapped, readStdinCapped } from './readFile.js';

/*
 * --targets FILE: the inputs of a scheduled job, one a line.
 *
 *   # comments and blank lines are ignored
 *   https://sup01.corp.example:8531 names=sup01.corp.example&updates.example.com
 *   certs/sup02.pfx names=sup02.corp.example
 *   exports/                       (a directory: walked like a FILE argument)
 *
 * A line is an input (a file, a directory or an https://HOST[:PORT] URL; a path is relative to the
 * targets file's directory, or to the working directory when the list is read from stdin, and is
 * shown as written, joined to that directory; "-" is not allowed: stdin may be the targets file)
 * and optional key=value words; the one key is `names` (ConfigMgr's intranet&internet notation),
 * which replaces the command line's names for that line. A bad line becomes an error outcome for that line
 * (code INVALID_TARGET, or INVALID_OPTION for its names) and the other lines go on.
 */

/** Largest targets file read, in bytes: 100,000 lines of 160 characters. */
export const MAX_TARGETS_BYTES = 16 * 1024 * 1024;

/**
 * Most input lines (not blank, not comments) a targets file lists. The byte cap alone let a file
 * of 1,000,000 short lines through (4 MB): a million outcomes, 1.7 GB and 96 s before any error.
 * A directory on a line counts once (the walk has its own limits).
 */
export const MAX_TARGETS = 100_000;

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The names check for one line: the library's resolveOptions, passed in (this module imports no library code). */
export type NamesCheck = (names: string) => string | undefined;

/**
 * The inputs of a targets file, in line order (directories walked).
 *
 * @param file the targets file, or "-" for stdin (read capped: {@link MAX_TARGETS_BYTES}).
 * @param checkNames returns the problem with a line's names, or undefined when they are fine.
 * @param haveNames true when the command line gave names or --skip-names: a file line without
 *   names=… then uses them; otherwise such a line is INVALID_TARGET (the gate's rule: no names, no
 *   check; a URL line uses its host).
 * @throws InputError when the targets file itself cannot be read (missing, too large, a device),
 *   or lists more than {@link MAX_TARGETS} inputs (LIMIT_EXCEEDED).
 */
export async function readTargets(
  file: string,
  checkNames: NamesCheck,
  haveNames: boolean,
  maxInputBytes: number,
): Promise<Input[]> {
  const bytes =
    file === '-'
      ? readStdinCapped(MAX_TARGETS_BYTES, 'a --targets file', 'the --targets limit')
      : readFileCapped(file, MAX_TARGETS_BYTES, 'a --targets file', 'the --targets limit');
  // A path on a line is relative to the targets file's directory; one read from stdin is
  // relative to the working directory, and is used (and printed) as given, like a FILE argument.
  const base = file === '-' ? null : path.dirname(file);
  const shownFile = file === '-' ? '(stdin)' : file;
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const out: Input[] = [];
  const lines = text.split(/\r?\n/);
  let listed = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#') && ++listed > MAX_TARGETS)
      throw new InputError(
        shownFile,
        'LIMIT_EXCEEDED',
        `a --targets file lists at most ${MAX_TARGETS.toLocaleString('en-US')} inputs (lines that are not blank or comments); this one lists more. Split it into several runs, or list directories instead of their files.`,
      );
  }
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `${shownFile}:${i + 1}`;
    const bad = (code: string, message: string, shown = where): void =>
      void out.push({ kind: 'error', file: shown, code, message });
    const [target, ...words] = line.split(/[ \t]/).filter((w) => w !== '');
    let names: string | undefined;
    let problem: string | undefined;
    for (const word of words) {
      if (word.startsWith('#')) break;
      const eq = word.indexOf('=');
      const key = eq < 0 ? word : word.slice(0, eq);
      if (key !== 'names' || eq < 0) {
        problem = `"${word.slice(0, 40)}" is not understood: after the input a line takes only names=intranet&internet (a path with spaces cannot be listed).`;
        break;
      }
      if (names !== undefined) {
        problem = 'names= is given twice on this line: give it once.';
        break;
      }
      names = word.slice(eq + 1);
    }
    if (problem) {
      bad('INVALID_TARGET', problem);
      continue;
    }
    if (names !== undefined) {
      const namesProblem =
        names === ''
          ? 'names= is empty: give the names as names=intranet&internet, or leave it out.'
          : checkNames(names);
      if (namesProblem) {
        bad('INVALID_OPTION', namesProblem);
        continue;
      }
    }
    const withNames = <T extends Input>(input: T): T =>
      names !== undefined && (input.kind === 'file' || input.kind === 'url')
        ? { ...input, names }
        : input;
    if (target === '-') {
      bad('INVALID_TARGET', 'a targets line cannot be "-" (stdin): give the file\'s path.');
      continue;
    }
    if (URL_LIKE.test(target!)) {
      const url = parseUrl(target!);
      out.push(
        url.kind === 'error'
          ? { ...url, file: `${where}: ${withoutUserInfo(target!)}` }
          : withNames(url),
      );
      continue;
    }
    if (!haveNames && names === undefined) {
      bad(
        'INVALID_TARGET',
        'no names for this input: add names=intranet&internet to the line, or give --names (or --skip-names) on the command line.',
        `${where}: ${target}`,
      );
      continue;
    }
    const resolved = base === null || path.isAbsolute(target!) ? target! : path.join(base, target!);
    const isDirectory = directoryOrError(resolved);
    if (typeof isDirectory === 'object') {
      bad(isDirectory.code, isDirectory.message, `${where}: ${resolved}`);
      continue;
    }
    if (!isDirectory) {
      out.push(withNames({ kind: 'file', file: resolved, fromDirectory: false }));
      continue;
    }
    const { walk } = await import('./walk.js');
    for (const input of walk(resolved, maxInputBytes)) out.push(withNames(input));
  }
  return out;
}
