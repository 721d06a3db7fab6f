import { utf8Encode } from '../../util/bytes.js';
import { bmpPassword } from './pkcs12Kdf.js';

/**
 * One password attempt in the encodings PKCS#12 needs: BMPString with a terminating NUL for the
 * PKCS#12 KDF (RFC 7292 B.1), UTF-8 for PBKDF2 (PBES2, PBMAC1) as OpenSSL and Windows write it.
 * "No password" has two PKCS#12 spellings, empty (BMP 00 00) and absent (no bytes); files exist
 * with both, so both are tried when the caller gives none.
 */
export interface PasswordForm {
  kind: 'given' | 'empty' | 'absent';
  bmp: Uint8Array;
  utf8: Uint8Array;
}

export function passwordForms(password: string | undefined): PasswordForm[] {
  if (password) return [{ kind: 'given', bmp: bmpPassword(password), utf8: utf8Encode(password) }];
  return [
    { kind: 'empty', bmp: bmpPassword(''), utf8: new Uint8Array(0) },
    { kind: 'absent', bmp: new Uint8Array(0), utf8: new Uint8Array(0) },
  ];
}

/** The forms to try after the given password failed, to tell the user the file has none. */
export function emptyPasswordForms(): PasswordForm[] {
  return passwordForms(undefined);
}
