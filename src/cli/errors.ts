/** A problem with the command line itself (exit 2, with a hint to --help). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

/** A problem with one input, or with a file an option names (exit 2): printed as `supcert: <file>: <message> (<code>)`. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(readonly file: string, readonly code: string, message: string) {
    super(message);
  }
}

/** Exit codes of the contract (api.md §Command line). */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** `{ code, message }` of anything thrown while reading or judging one input. */
export function describeError(error: unknown): { code: string; message: string } | null {
  if (error instanceof Error && error.name === 'SupCertError') {
    return { code: (error as Error & { code: string }).code, message: error.message };
  }
  // Node's fs and net errors: ENOENT, EACCES, ECONNREFUSED, ETIMEDOUT ...
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code)) {
    return { code, message: systemMessage(code, error.message) };
  }
  return null;
}

/** Node's messages repeat the syscall and path; an administrator needs what went wrong. */
function systemMessage(code: string, raw: string): string {
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'not a directory',
    ECONNREFUSED: 'connection refused: nothing listens on that port',
    ECONNRESET: 'the server closed the connection during the TLS handshake',
    ENOTFOUND: 'the host name does not resolve',
    EHOSTUNREACH: 'the host is unreachable',
    ETIMEDOUT: 'timed out',
  };
  return known[code] ?? raw;
}
