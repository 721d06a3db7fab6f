/**
 * The certificate model the rest of the library works on: plain data, decoded once, safe to
 * serialise (the CLI prints it as JSON without `der`). The first block of fields is the public
 * contract of docs/api.md; the fields after it are extensions of the contract used by the rules.
 */
export interface CertificateInfo {
  der: Uint8Array;
  /** Lowercase hex SHA-256 of `der`, no separators. */
  sha256: string;
  /** RFC 4514 string, most significant RDN last, e.g. "CN=sup01.corp.contoso.com,O=Contoso". */
  subject: string;
  issuer: string;
  /** Every subject CN value in certificate order, decoded to Unicode. */
  commonNames: string[];
  /** SAN dNSName values; null = no SAN extension; [] = a SAN without dNSName entries. */
  dnsNames: string[] | null;
  /** SAN iPAddress values as text ("10.0.0.5", "2001:db8::1"). */
  ipAddresses: string[];
  /** EKU OIDs in certificate order; null = no EKU extension. */
  extendedKeyUsages: string[] | null;
  /** RFC 5280 KeyUsage bit names; null = no KeyUsage extension. */
  keyUsage: string[] | null;
  /** basicConstraints cA. */
  isCA: boolean;
  notBefore: Date;
  notAfter: Date;
  publicKey: PublicKeySummary;
  /** OpenSSL-style name ("sha256WithRSAEncryption", "ecdsa-with-SHA384"), or the OID. */
  signatureAlgorithm: string;
  /** PKCS#12 friendlyName bag attribute, when the certificate came from a PFX. */
  friendlyName?: string;

  // ---- beyond the contract ----
  /** X.509 version number as people say it (1, 2 or 3). */
  version: number;
  /** Serial number, lowercase hex of the INTEGER's content octets. */
  serialNumber: string;
  /** Hash of the signature ('sha256', 'sha1', 'md5' ...), when the algorithm names one. */
  signatureHash?: string;
  /** Every SAN entry, typed, in certificate order (dNSName values are also in `dnsNames`). */
  altNames: AltName[];
  /** basicConstraints pathLenConstraint; null when absent or not a CA. */
  pathLength: number | null;
  /** True when the certificate has a basicConstraints extension at all. */
  hasBasicConstraints: boolean;
  subjectKeyIdentifier: string | null;
  authorityKeyIdentifier: string | null;
  /** URIs of the CRL distribution points (any scheme: http, ldap, file). */
  crlDistributionPoints: string[];
  /** AIA OCSP responder URIs. */
  ocspUrls: string[];
  /** AIA caIssuers URIs. */
  caIssuerUrls: string[];
  /** Certificate policy OIDs; null = no certificatePolicies extension. */
  certificatePolicies: string[] | null;
  /** Microsoft certificate template (1.3.6.1.4.1.311.20.2 name and/or 1.3.6.1.4.1.311.21.7 OID). */
  template: CertificateTemplate | null;
  /** Microsoft application policies (1.3.6.1.4.1.311.21.10); null when absent. */
  applicationPolicies: string[] | null;
  /** Every extension present, in order. */
  extensions: ExtensionSummary[];
  /** OIDs of extensions that occur more than once (RFC 5280 forbids it; the first one is used). */
  duplicateExtensions: string[];
  /** Issuer and subject names are byte-for-byte equal. */
  selfIssued: boolean;
  /**
   * Which extension `dnsNames`, `ipAddresses` and `altNames` come from: '2.5.29.17' (subjectAltName),
   * '2.5.29.7' (the obsolete subjectAltName, read by Windows as a SAN when 2.5.29.17 is absent:
   * Wine dlls/crypt32/tests/chain.c chain29 / chain5, verified on Windows), or null without either.
   */
  sanExtension?: '2.5.29.17' | '2.5.29.7' | null;
}

/** The subject public key: algorithm, size in bits (RSA modulus, DSA p, EC field) and EC curve. */
export interface PublicKeySummary {
  /** 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | the OID text for anything else. */
  algorithm: string;
  bits?: number;
  /** EC curve: 'P-256', 'P-384', 'P-521' ...; 'explicit' for unnamed explicit parameters. */
  curve?: string;
  /** The EC curve is given as explicit parameters, not by name (Windows refuses those). */
  explicitParameters?: boolean;
}

/** The GeneralName choices of a subjectAltName entry (RFC 5280 §4.2.1.6). */
export type AltNameType =
  | 'dns'
  | 'ip'
  | 'email'
  | 'uri'
  | 'directoryName'
  | 'otherName'
  | 'registeredId'
  | 'x400Address'
  | 'ediPartyName';

/** One subjectAltName entry, typed, as text. */
export interface AltName {
  type: AltNameType;
  /** Text form: the name, the address, the RFC 4514 DN, or the hex of an opaque value. */
  value: string;
  /** otherName type-id (e.g. the Microsoft UPN 1.3.6.1.4.1.311.20.2.3). */
  typeId?: string;
}

/** One extension of the certificate: its OID and whether it is marked critical. */
export interface ExtensionSummary {
  oid: string;
  critical: boolean;
}

/**
 * The Microsoft certificate template the issuing CA used: the v1 name extension
 * (1.3.6.1.4.1.311.20.2) and/or the v2 template extension (1.3.6.1.4.1.311.21.7) with its versions.
 */
export interface CertificateTemplate {
  /** Template name from the v1 extension (e.g. "WebServer"). */
  name?: string;
  /** Template OID from the v2 extension. */
  oid?: string;
  majorVersion?: number;
  minorVersion?: number;
}
