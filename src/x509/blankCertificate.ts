import type { CertificateInfo } from './CertificateInfo.js';

/** A CertificateInfo with nothing in it yet; the certificate and request readers fill what their input states. */
export function blankCertificate(der: Uint8Array, sha256: string): CertificateInfo {
  return {
    der,
    sha256,
    subject: '',
    issuer: '',
    commonNames: [],
    dnsNames: null,
    ipAddresses: [],
    extendedKeyUsages: null,
    keyUsage: null,
    isCA: false,
    notBefore: new Date(0),
    notAfter: new Date(0),
    publicKey: { algorithm: 'unknown' },
    signatureAlgorithm: '',
    version: 3,
    serialNumber: '',
    altNames: [],
    pathLength: null,
    hasBasicConstraints: false,
    subjectKeyIdentifier: null,
    authorityKeyIdentifier: null,
    crlDistributionPoints: [],
    ocspUrls: [],
    caIssuerUrls: [],
    certificatePolicies: null,
    template: null,
    applicationPolicies: null,
    extensions: [],
    duplicateExtensions: [],
    selfIssued: false,
  };
}
