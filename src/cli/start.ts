// The `supcert` command's entry (dist/cli.cjs): it runs the command, dist/cli-main.cjs, from V8's
// code cache when it can. Compiling the 370 KB bundle and the functions a run calls is ~10–15 ms
// of a ~60 ms `node -e 0` (BENCHMARKS.md "CLI cold start"); with the cache it is ~2 ms. Node 20 has
// no module.enableCompileCache, so this does what it would: the first run of a version that judges
// something writes the cache, the next ones read it. The cache holds the functions that run
// compiled, and an accepted cache is written again only by a run that read a PKCS #12 file when
// the run that wrote it did not (PKCS12_RUN): a first run of `--help` or a usage error (a few
// functions) would have left every later run compiling the rest (~12 ms more, measured), so only a
// run the command marks as judged (JUDGED_RUN, main.ts) writes it.
//
// The cache is the user's: $XDG_CACHE_HOME/supcert (else $HOME/.cache/supcert; %LOCALAPPDATA%\supcert
// on Windows), created 0700. It is used only when that directory and the file are the user's own
// and nobody else can write them (POSIX), and the file's name holds the SHA-256 of the bundle and
// Node's version, so a cache is never applied to other code (V8 itself checks only the source's
// length). Anything unexpected (no home, a read-only disk, a rejected cache): the bundle is
// compiled as usual, silently; so is a cache whose bytes are not those written (a digest is kept
// with them). SUPCERT_NO_CODE_CACHE=1 turns it off.
import { createHash } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

/**
 * Set on globalThis by the command (main.ts) when the run judged inputs: only such a run has
 * compiled the functions worth caching.
 */
export const JUDGED_RUN = Symbol.for('supcert.cli.judgedRun');

/**
 * Set on globalThis by the command (judge.ts) when the run read a PKCS #12 file. A cache written
 * by a run that did not holds none of the PKCS #12 reader's functions, and a PFX run from it
 * compiled them again (~3 ms, a 1.47× cold start became 1.54×): such a run writes the cache once
 * more, with both. The cache file's first byte says which runs wrote it (CACHE_PKCS12).
 */
export const PKCS12_RUN = Symbol.for('supcert.cli.pkcs12Run');
const CACHE_PKCS12 = 1;

/**
 * A cache file: the flags byte, the SHA-256 of V8's data, V8's data. V8 checks its data's header
 * and length, not the code in it (its checksum is verified only by debug builds): a cache damaged
 * on disk (a changed byte, a block lost in a crash) ended every run with a fatal V8 error and a
 * native stack trace until the file was deleted. Data whose digest differs is not given to V8
 * (~0.3 ms for the ~0.5 MB cache).
 */
const DIGEST_BYTES = 32;
const HEADER_BYTES = 1 + DIGEST_BYTES;
const digestOf = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

/** Cache files kept besides the current one (other builds, other Node versions): the newest. */
const KEEP_OTHER_CACHES = 3;
const CACHE_NAME = /^cli-[0-9a-f]{32}\.v8cache$/;

/**
 * Deletes the oldest of our cache files beyond KEEP_OTHER_CACHES (a build writes a new one; the
 * old ones are never read again). Only names this loader writes, only regular files; any error
 * leaves them.
 */
function pruneCaches(dir: string, current: string): void {
  try {
    const others = readdirSync(dir)
      .filter((name) => CACHE_NAME.test(name) && path.join(dir, name) !== current)
      .map((name) => {
        const file = path.join(dir, name);
        const st = lstatSync(file);
        return { file, mtime: st.isFile() ? st.mtimeMs : -1 };
      })
      .filter((c) => c.mtime >= 0)
      .sort((a, b) => b.mtime - a.mtime);
    for (const { file } of others.slice(KEEP_OTHER_CACHES)) unlinkSync(file);
  } catch {
    // Pruning is housekeeping: a failure changes nothing else.
  }
}

/** Larger than any cache of the bundle (~0.5 MB): a bigger file is not ours. */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;

/** True when `st` is the user's own and only the user may write it. */
function ownedAndPrivate(st: { uid: number; mode: number }): boolean {
  if (typeof process.getuid !== 'function') return true; // Windows: the profile's ACLs.
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

/** The cache directory, created if missing; undefined unless it is safe to use. */
function cacheDirectory(): string | undefined {
  if (process.env.SUPCERT_NO_CODE_CACHE) return undefined;
  const base =
    process.platform === 'win32'
      ? process.env.LOCALAPPDATA
      : process.env.XDG_CACHE_HOME || (process.env.HOME && path.join(process.env.HOME, '.cache'));
  if (!base || !path.isAbsolute(base)) return undefined;
  const dir = path.join(base, 'supcert');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (!st.isDirectory()) return undefined;
  // POSIX: the user's own, and 0700 (a cache others can read would tell them what ran).
  if (typeof process.getuid === 'function')
    if (st.uid !== process.getuid() || (st.mode & 0o077) !== 0) return undefined;
  return dir;
}

/** The file's bytes if it is a regular file of the user's, private, not a link; else undefined. */
function readPrivateFile(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || !ownedAndPrivate(st) || st.size === 0 || st.size > MAX_CACHE_BYTES)
      return undefined;
    // Of a file with a size, readFileSync reads that many bytes.
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

const bundle = path.join(__dirname, 'cli-main.cjs');
const source = readFileSync(bundle, 'utf8');
let cacheFile: string | undefined;
let cached: Buffer | undefined;
/** The cache's first byte: CACHE_PKCS12 when a run that read a PKCS #12 file wrote it. */
let cachedFlags = 0;
try {
  const dir = cacheDirectory();
  if (dir) {
    const key = createHash('sha256')
      // "judged+flags+sha256": caches of the earlier schemes (written by a --help run, without
      // the flags byte or the digest) are not read.
      .update(`${process.version} ${process.arch} judged+flags+sha256\n`)
      .update(source)
      .digest('hex')
      .slice(0, 32);
    cacheFile = path.join(dir, `cli-${key}.v8cache`);
    const file = readPrivateFile(cacheFile);
    if (file && file.length > HEADER_BYTES) {
      const data = file.subarray(HEADER_BYTES);
      if (digestOf(data).equals(file.subarray(1, HEADER_BYTES))) {
        cachedFlags = file[0]!;
        cached = data;
      }
    }
  }
} catch {
  cacheFile = undefined;
}

// The bundle as CommonJS compiles it (the same wrapper), its first line (#!) made a comment.
const script = new Script(
  `(function (exports, require, module, __filename, __dirname) {${source.replace(/^#!/, '//')}\n})`,
  { filename: bundle, ...(cached ? { cachedData: cached } : {}) },
);
if (cacheFile) {
  const file = cacheFile;
  const accepted = cached !== undefined && script.cachedDataRejected !== true;
  // After the run: the cache then holds the functions the run compiled too.
  process.once('exit', () => {
    const marks = globalThis as Record<symbol, unknown>;
    if (marks[JUDGED_RUN] !== true) return;
    // A rejected cache's byte says nothing (garbage, another build's): this run's alone.
    const flags = (accepted ? cachedFlags : 0) | (marks[PKCS12_RUN] === true ? CACHE_PKCS12 : 0);
    // An accepted cache is written again only when this run compiled what it lacks.
    if (accepted && flags === cachedFlags) return;
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      const data = script.createCachedData();
      writeFileSync(tmp, Buffer.concat([Uint8Array.of(flags), digestOf(data), data]), {
        mode: 0o600,
        flag: 'wx',
      });
      renameSync(tmp, file);
      pruneCaches(path.dirname(file), file);
    } catch {
      try {
        unlinkSync(tmp);
      } catch {
        // Nothing was written.
      }
    }
  });
}
const mainModule = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(
  mainModule.exports,
  createRequire(bundle),
  mainModule,
  bundle,
  __dirname,
);
