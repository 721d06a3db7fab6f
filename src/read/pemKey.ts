import { createPrivateKey } from 'node:crypto';
import { SupCertError } from '../errors.js';
import type { PemBlock } from './pem.js';
import type { LoadedKey } from './privateKey.js';
import { loadPrivateKey } from './privateKey.js';

/**
 * Opens an encrypted PEM private key (PKCS#8 "ENCRYPTED PRIVATE KEY", or a legacy OpenSSL
 * "Proc-Type: 4,ENCRYPTED" key) with the password. Returns null when no password was given.
 */
export function loadEncryptedPemKey(block: PemBlock, password: string | undefined, where: string): LoadedKey | null {
  if (!password) return null;
  let pkcs8: Buffer;
  try {
    // PKCS#8 goes in as DER; the legacy OpenSSL form keeps its encryption in PEM headers.
    const key = block.label === 'ENCRYPTED PRIVATE KEY'
      ? createPrivateKey({ key: Buffer.from(block.bytes), format: 'der', type: 'pkcs8', passphrase: password })
      : createPrivateKey({ key: toPem(block), format: 'pem', passphrase: password });
    pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  } catch {
    throw new SupCertError('WRONG_PASSWORD', `${where}: the encrypted private key does not open with this password (or uses a cipher Node cannot read).`);
  }
  return loadPrivateKey(pkcs8, 'pkcs8', where);
}

function toPem(block: PemBlock): string {
  const headers = Object.entries(block.headers).map(([k, v]) => `${k}: ${v}\n`).join('');
  const body = (Buffer.from(block.bytes).toString('base64').match(/.{1,64}/g) ?? []).join('\n');
  return `-----BEGIN ${block.label}-----\n${headers}${headers ? '\n' : ''}${body}\n-----END ${block.label}-----\n`;
}
