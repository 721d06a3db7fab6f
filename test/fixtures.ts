import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Root of the committed fixtures. Tests read only from here, never from ../shared. */
export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../certs-fixtures',
);

export function fixture(relative: string): Buffer {
  return readFileSync(path.join(FIXTURES, relative));
}

export function fixtureJson<T>(relative: string): T {
  return JSON.parse(fixture(relative).toString('utf8')) as T;
}

/** Runs a promise that must reject with a SupCertError and returns its code. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name?: string; code?: unknown };
    if (e.name !== 'SupCertError')
      throw new Error(`rejected with ${String(e.name)} instead of SupCertError: ${String(error)}`, {
        cause: error,
      });
    return String(e.code);
  }
  throw new Error('resolved, expected a rejection');
}
