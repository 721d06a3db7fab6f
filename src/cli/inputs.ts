import { statSync } from 'node:fs';
import { DEFAULT_LIMITS } from '../index.js';
import { quoteValue } from '../util/quote.js';
import { describeError } from './errors.js';
import type { Input } from './inputTypes.js';

/** Re-exported: the command modules import it with expandInputs. */
export type { Input };

/** WSUS's default HTTPS port (8530 is its HTTP port). */
export const DEFAULT_WSUS_HTTPS_PORT = 8531;

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** A URL as shown in messages: a user name and password in it ("https://user:secret@host") are never repeated. */
export const withoutUserInfo = (arg: string): string =>
  arg.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1…@');

export function parseUrl(arg: string): Input {
  let url: URL;
  try {
    url = new URL(arg);
  } catch {
    return {
      kind: 'error',
      file: withoutUserInfo(arg),
      code: 'INVALID_URL',
      message: 'not a valid URL; give https://HOST or https://HOST:PORT.',
    };
  }
  if (url.protocol !== 'https:') {
    return {
      kind: 'error',
      file: withoutUserInfo(arg),
      code: 'INVALID_URL',
      message: `only https:// URLs can be checked (${url.protocol}// has no certificate); WSUS over HTTPS listens on ${DEFAULT_WSUS_HTTPS_PORT} by default (443 on IIS's Default Web Site): give https://${url.host === '' ? 'HOST' : url.hostname}:${url.port === '' || url.port === '80' ? 443 : DEFAULT_WSUS_HTTPS_PORT}.`,
    };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? DEFAULT_WSUS_HTTPS_PORT : Number(url.port);
  const shown = host.includes(':') ? `[${host}]` : host;
  // An https:// input names a server (https://HOST[:PORT]): the probe asks for the WSUS paths
  // itself, so a path, query or fragment would be dropped unsaid. A bare "/" is no path.
  const after = `${url.pathname}${url.search}${url.hash}`;
  if (after !== '/')
    return {
      kind: 'error',
      file: withoutUserInfo(arg),
      code: 'INVALID_URL',
      message: `an https:// input names a server, not a page: "${quoteValue(after, 60)}" would not be used (supcert asks for the WSUS paths itself); give https://${shown}:${port}.`,
    };
  return { kind: 'url', file: `https://${shown}:${port}`, host, port };
}

/**
 * Whether a path names a directory, or why it cannot be looked at (ENOENT ...): that error is
 * reported when the input is, with the same wording as any other read error.
 * @throws what is not an input problem (describeError gives null: a bug).
 */
export function directoryOrError(file: string): boolean | { code: string; message: string } {
  try {
    return statSync(file).isDirectory();
  } catch (error) {
    const e = describeError(error);
    if (!e) throw error;
    return e;
  }
}

/**
 * Turns the FILE arguments into inputs, in order. Directories are walked (lazily loaded:
 * the common one-file run never needs the walker). `single` is true when the command line
 * names exactly one file or URL: the JSON output is then one report, not an array, whatever
 * a directory happens to contain.
 */
export async function expandInputs(args: string[]): Promise<{ inputs: Input[]; single: boolean }> {
  const inputs: Input[] = [];
  let directories = 0;
  for (const arg of args) {
    // "-": one file on standard input, read capped like any file.
    if (arg === '-') {
      inputs.push({ kind: 'file', file: '-', fromDirectory: false, stdin: true });
      continue;
    }
    if (URL_LIKE.test(arg)) {
      inputs.push(parseUrl(arg));
      continue;
    }
    const isDirectory = directoryOrError(arg);
    if (typeof isDirectory === 'object') {
      inputs.push({ kind: 'error', file: arg, ...isDirectory });
      continue;
    }
    if (!isDirectory) {
      inputs.push({ kind: 'file', file: arg, fromDirectory: false });
      continue;
    }
    directories++;
    const { walk } = await import('./walk.js');
    // One push per entry: a spread of 130,000 entries once overflowed the stack.
    for (const entry of walk(arg, DEFAULT_LIMITS.maxInputBytes)) inputs.push(entry);
  }
  return { inputs, single: args.length === 1 && directories === 0 };
}
