import type { CertificateInfo } from '../x509/CertificateInfo.js';
import type { KeyInfo } from './privateKey.js';

export type BundleFormat = 'pem' | 'der' | 'base64' | 'p7b' | 'pfx';

/** Everything read from one file. */
export interface CertificateBundle {
  /** The outer encoding of the file (a base64 text of a PFX is 'base64'; see `contains`). */
  format: BundleFormat;
  /** Certificates in file order. */
  certificates: CertificateInfo[];
  /** Private keys found (PKCS#12 key bags, PEM key blocks), described without key material. */
  keys: KeyInfo[];
  // ---- beyond the contract ----
  /** What the encoding carried: a certificate, a PKCS#7 bundle, a PKCS#12 file, or PEM blocks. */
  contains: 'certificate' | 'pkcs7' | 'pkcs12' | 'pem-blocks';
  /** How a PKCS#12 file was protected (MAC and encryption per part), for the report. */
  protection?: string[];
  /** What was present but not read (CSR or CRL blocks, CRL bags, encrypted keys without password ...). */
  notes: string[];
}

export type { KeyInfo };
