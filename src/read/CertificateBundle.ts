import type { CertificateInfo } from '../x509/CertificateInfo.js';
import type { KeyInfo } from './privateKey.js';

/** The outer encoding of a certificate file, as `readCertificates` reports it (and accepts as `format`). */
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
  /** The same, structured (PKCS#12 only): what SUP-PFX-001 judges importability from. */
  pfx?: PfxProtection;
  /** What was present but not read (CSR or CRL blocks, CRL bags, encrypted keys without password ...). */
  notes: string[];
  /**
   * Bytes that followed the end of a certificate or of a PKCS#7 bundle and were not read
   * (SUP-FILE-003), one entry per place. Windows reads past them too. The zero padding Windows'
   * own PKCS#7 exports end with is not listed. Absent when there were none.
   */
  trailingData?: TrailingData[];
}

/** Bytes after the end of a certificate or PKCS#7 bundle, not read (CertificateBundle.trailingData). */
export interface TrailingData {
  /** What they follow. */
  after: 'certificate' | 'PKCS#7 bundle';
  /** Where: "the file", or the PEM block ('PEM block "CERTIFICATE" on line 3'). */
  where: string;
  /** Offset of the first such byte in the DER data (its length without them). */
  offset: number;
  /** How many bytes follow. */
  bytes: number;
  /** All of them are 0x00. */
  zeros: boolean;
  /** They begin with a complete DER certificate (two .cer files joined); only the first is read, as on Windows. */
  certificate: boolean;
}

/**
 * How a PKCS#12 file is protected, as read (nothing inferred). Hash and PRF names are node:crypto
 * digest names in lower case ('sha1', 'sha256' ...); ciphers are node:crypto cipher names
 * ('aes-256-cbc', 'des-ede3-cbc', 'rc2-cbc' ...).
 */
export interface PfxProtection {
  /** The integrity MAC: classic MacData (RFC 7292 §5.2), PBMAC1 (RFC 9579), or none. */
  mac:
    | { kind: 'hmac'; hash: string; iterations: number }
    | { kind: 'pbmac1'; hmac: string; prf: string; iterations: number }
    | null;
  /** Each encrypted part: the certificates' SafeContents and each shrouded key. */
  parts: Array<{
    part: 'certificates' | 'private key';
    /** 'pkcs12-pbe': RFC 7292 Appendix C pbeWithSHAAnd*; 'pbes2': RFC 8018 PBES2 with PBKDF2. */
    scheme: 'pkcs12-pbe' | 'pbes2';
    /** The scheme's name as written by OpenSSL ("pbeWithSHAAnd3-KeyTripleDES-CBC", "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)"). */
    name: string;
    cipher: string;
    /** RC2's effective key bits. */
    rc2Bits?: number;
    /** PBKDF2's PRF (PBES2 only). */
    prf?: string;
    iterations: number;
  }>;
}

export type { KeyInfo };

/**
 * What a bundle without certificates holds instead, for "holds no certificate (…)" messages:
 * "only a private key" when it has keys, else what the file was (an empty or certificate-less
 * PKCS#7, a PFX without a certificate bag, PEM blocks of other kinds). A .p7b of attribute
 * certificates once read "only a private key".
 */
export function withoutCertificates(bundle: Pick<CertificateBundle, 'keys' | 'contains'>): string {
  if (bundle.keys.length > 0)
    return bundle.keys.length === 1
      ? 'only a private key'
      : `only ${bundle.keys.length} private keys`;
  switch (bundle.contains) {
    case 'pkcs7':
      return 'a PKCS#7 bundle without any X.509 certificate';
    case 'pkcs12':
      return 'a PFX without a certificate';
    default:
      return 'no certificate block, and no private key';
  }
}
