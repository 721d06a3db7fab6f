import { readFileSync } from 'node:fs';
import { InputError, UsageError } from './errors.js';

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

/**
 * First line of the file, without its line break. Editors on Windows add a UTF-8 BOM, and
 * PowerShell 5's `>` writes UTF-16 LE: neither is part of a password.
 */
function firstLine(bytes: Buffer): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = bytes.subarray(3).toString('utf8');
  else text = bytes.toString('utf8');
  return text.split(/\r?\n/, 1)[0]!;
}

function fromEnvironment(name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (value === undefined) throw new UsageError(`--password-env ${name}: the environment variable ${name} is not set.`, 'check');
  return value;
}

function fromFile(file: string): string {
  try {
    return firstLine(readFileSync(file));
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'EIO';
    throw new InputError(file, code, `cannot read the --password-file (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code}).`);
  }
}

/** Reads a line on the terminal without echoing it; Ctrl-C aborts. */
function readHidden(prompt: string): Promise<string> {
  const { stdin, stderr } = process;
  // Raw mode (no echo) before the prompt: whatever is typed once the prompt shows stays hidden.
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let chars: string[] = [];
    const finish = (): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
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
export function passwordSource(options: { env?: string; file?: string }, env: NodeJS.ProcessEnv, beforePrompt: () => void): PasswordSource {
  const given = options.env !== undefined ? fromEnvironment(options.env, env) : options.file !== undefined ? fromFile(options.file) : undefined;
  const origin = options.env !== undefined ? `the password in the environment variable ${options.env}` : options.file !== undefined ? `the password in ${options.file}` : undefined;
  return {
    given,
    origin,
    ask: async (file) => {
      if (!process.stdin.isTTY) return undefined;
      beforePrompt();
      return readHidden(`Password for ${file}: `);
    },
  };
}
