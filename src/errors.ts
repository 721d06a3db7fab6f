/**
 * The stable error codes of the public contract (docs/api.md). A caller switches on `code`;
 * messages may improve between releases, codes do not change.
 */
export type SupCertErrorCode =
  | 'EMPTY_INPUT'
  | 'UNKNOWN_FORMAT'
  | 'MALFORMED'
  | 'PASSWORD_REQUIRED'
  | 'WRONG_PASSWORD'
  | 'UNSUPPORTED_ALGORITHM'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_OPTION';

/** Every failure on bad input rejects with this class: never a TypeError, never a stack-trace-only error. */
export class SupCertError extends Error {
  /** Stable machine-readable reason (see {@link SupCertErrorCode}). */
  readonly code: SupCertErrorCode;

  constructor(code: SupCertErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SupCertError';
    this.code = code;
  }

  /** A plain object for JSON output (no stack, no cause: causes may quote input bytes). */
  toJSON(): { code: SupCertErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Shorthands that keep the call sites one line long. */
export const malformed = (message: string): SupCertError => new SupCertError('MALFORMED', message);
export const unsupported = (message: string): SupCertError =>
  new SupCertError('UNSUPPORTED_ALGORITHM', message);
export const limitExceeded = (message: string): SupCertError =>
  new SupCertError('LIMIT_EXCEEDED', message);
