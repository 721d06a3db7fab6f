/** A problem with the command line itself (exit 2, with a hint to --help). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A problem with one input, or with a file an option names (exit 2): printed as `supcert: <file>: <message> (<code>)`. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The second line after an internal error, and the stack when SUPCERT_DEBUG=1. */
export function bugReport(error: unknown): string {
  const debug = process.env.SUPCERT_DEBUG === '1';
  const line = `This is a bug: please report it with the command line that caused it${debug ? '.' : ' (SUPCERT_DEBUG=1 shows the stack; add NODE_OPTIONS=--enable-source-maps for source lines).'}\n`;
  return debug && error instanceof Error && error.stack ? `${line}${error.stack}\n` : line;
}

/** Exit codes of the contract (docs/api.md, "Command line"). */
export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;

/** `{ code, message }` of anything thrown while reading or judging one input. */
export function describeError(error: unknown): { code: string; message: string } | null {
  if (error instanceof Error && error.name === 'SupCertError') {
    return { code: (error as Error & { code: string }).code, message: error.message };
  }
  // System errors of fs and net (ENOENT, EACCES, ECONNREFUSED ...). Node's own ERR_* codes
  // are programming errors (a bug), not input problems.
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) {
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
    ELOOP:
      'a symbolic link that leads back to itself (a loop of links): it names no file. Remove the link, or point it at the certificate file',
    ECONNREFUSED:
      "connection refused: nothing listens on that port. WSUS serves HTTPS on 8531 (443 when it uses IIS's Default Web Site): check the URL's port, and that the WSUS site has an https binding on it",
    ECONNRESET: 'the server closed the connection during the TLS handshake',
    ENOTFOUND:
      'the host name does not resolve: check its spelling and DNS, or give the address with --connect-to IP:PORT (the name is still sent as SNI)',
    EHOSTUNREACH: 'the host is unreachable',
    ETIMEDOUT: 'timed out: a firewall may drop the connection (or give --timeout SECONDS)',
  };
  return known[code] ?? raw;
}
