import { lstatSync } from 'node:fs';
import { InputError, UsageError } from './errors.js';
import { type Safe, t } from './output/clean.js';
import { write } from './output/write.js';
import { readFileCapped } from './readFile.js';

/** Where the PFX password comes from. It is held only here and handed to readCertificates. */
export interface PasswordSource {
  /** From --password-env or --password-file; undefined when neither was given. */
  readonly given: string | undefined;
  /** Where `given` came from, for the wrong-password message (never the value). */
  readonly origin: string | undefined;
  /** The last password typed at the prompt, tried before asking again. */
  typed?: string;
  /** Asks on the terminal with the input hidden; undefined when stdin is not a terminal. */
  ask(file: string): Promise<string | undefined>;
}

export class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/** Largest --password-file read: a password is one line; a big file is the wrong file. */
export const MAX_PASSWORD_FILE_BYTES = 64 * 1024;

/** The name shape of an environment variable (POSIX: letters, digits, underscore; not a digit first). */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What the --password-file message calls the file: never its name, which may be the password typed by mistake. */
const PASSWORD_FILE = '--password-file';

/**
 * First line of the file, without its line break (LF, CRLF or a lone CR). Editors on Windows
 * add a UTF-8 BOM, PowerShell 5's `>` writes UTF-16 LE with a BOM, and some tools UTF-16 BE
 * with a BOM: none of them is part of a password. Returns undefined for an empty file (zero
 * bytes, or only a BOM): a file holding just a line break is an explicitly empty password.
 *
 * @throws InputError MALFORMED for UTF-16 with an odd number of bytes.
 */
export function passwordFromFileBytes(bytes: Buffer): string | undefined {
  let text: string;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const body = bytes.subarray(2);
    if (body.length % 2 !== 0)
      throw new InputError(
        PASSWORD_FILE,
        'MALFORMED',
        'the password file starts with a UTF-16 byte order mark but has an odd number of bytes: save it again as UTF-8 or UTF-16.',
      );
    // UTF-16 BE: swap each pair into LE (a copy: the file's buffer is not ours to change).
    text =
      bytes[0] === 0xfe ? Buffer.from(body).swap16().toString('utf16le') : body.toString('utf16le');
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    text = bytes.subarray(3).toString('utf8');
  else text = bytes.toString('utf8');
  if (text.length === 0) return undefined;
  const end = text.search(/[\r\n]/);
  return end === -1 ? text : text.slice(0, end);
}

/**
 * The value of the variable --password-env names. The option takes a NAME: a value that is not
 * one, or a variable that is not set, is most often the password itself typed in its place
 * (`--password-env "$PFX_PASSWORD"`), so the message never repeats it.
 */
function fromEnvironment(name: string, env: NodeJS.ProcessEnv): string {
  if (!ENV_NAME.test(name)) {
    throw new UsageError(
      '--password-env takes the NAME of an environment variable (letters, digits and _, e.g. --password-env PFX_PASSWORD), not the password itself; what was given is not a variable name (not shown: it may be the password).',
      'check',
    );
  }
  const value = env[name];
  if (value === undefined) {
    throw new UsageError(
      'the environment variable named by --password-env is not set (its name is not shown: it may be the password). Give the variable\'s NAME, not its value: --password-env PFX_PASSWORD, not --password-env "$PFX_PASSWORD".',
      'check',
    );
  }
  return value;
}

/**
 * The password in the first line of `file`, read capped (a device or FIFO is refused). The
 * file's name is shown only when the file exists: a name that does not exist is most often the
 * password typed in its place (`--password-file "$PFX_PASSWORD"`).
 */
function fromFile(file: string): string {
  let exists = true;
  try {
    lstatSync(file);
  } catch {
    exists = false;
  }
  let bytes: Buffer;
  try {
    bytes = readFileCapped(
      file,
      MAX_PASSWORD_FILE_BYTES,
      'the --password-file',
      `${MAX_PASSWORD_FILE_BYTES / 1024} KiB`,
    );
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'EIO';
    if (!exists) {
      throw new InputError(
        PASSWORD_FILE,
        code,
        'no such file: --password-file takes the NAME of a file whose first line is the password, not the password itself (the name given is not shown: it may be the password).',
      );
    }
    if (error instanceof InputError) throw error;
    throw new InputError(
      file,
      code,
      `cannot read the --password-file (${code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'a directory' : code}).`,
    );
  }
  const password = passwordFromFileBytes(bytes);
  if (password === undefined) {
    throw new InputError(
      file,
      'EMPTY_INPUT',
      'the --password-file is empty: put the password on its first line. (For a PFX exported with an empty password, the file holds just a line break.)',
    );
  }
  return password;
}

/** Reads a line on the terminal without echoing it; Ctrl-C aborts. */
function readHidden(prompt: Safe): Promise<string> {
  const { stdin } = process;
  // Raw mode (no echo) before the prompt: whatever is typed once the prompt shows stays hidden.
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  write('stderr', prompt);
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      write('stderr', t`\n`);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(chars.join(''));
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new Interrupted('interrupted'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') chars.pop();
        else if (ch === '\u0015') chars = [];
        else if (ch >= ' ') chars.push(ch);
      }
    };
    stdin.on('data', onData);
  });
}

/** `beforePrompt` clears whatever is on the terminal line (the progress indicator) before asking. */
export function passwordSource(
  options: { env?: string; file?: string },
  env: NodeJS.ProcessEnv,
  beforePrompt: () => void,
): PasswordSource {
  const given =
    options.env !== undefined
      ? fromEnvironment(options.env, env)
      : options.file !== undefined
        ? fromFile(options.file)
        : undefined;
  // Never the option's value: whatever was given may be the password itself.
  const origin =
    options.env !== undefined
      ? 'the password in the environment variable that --password-env names'
      : options.file !== undefined
        ? 'the password in the first line of the --password-file'
        : undefined;
  return {
    given,
    origin,
    ask: async (file) => {
      if (!process.stdin.isTTY) return undefined;
      beforePrompt();
      // The file name comes from the command line or a directory listing: any text at all.
      return readHidden(t`Password for ${file}: `);
    },
  };
}
