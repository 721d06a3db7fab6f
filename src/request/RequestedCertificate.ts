import type { CertificateInfo } from '../x509/CertificateInfo.js';

/**
 * What a request asks for, before any CA has answered: a CertificateInfo with the fields a
 * request can state (subject, names, EKU, key usage, key) filled in, and the rest left at their
 * empty values (no issuer, no validity). The rules decided before issuance read it like a
 * certificate; `request` says what the request itself carries beyond that.
 */
export interface RequestFacts {
  /** 'csr' (PKCS#10), 'inf' (certreq INF) or 'attributes' (CA web enrollment / certreq -attrib). */
  kind: 'csr' | 'inf' | 'attributes';
  /** The CSR's self-signature verified (CSR only). */
  signatureValid?: boolean;
  /** The certificate template the request names (CertificateTemplate attribute or INF). */
  template?: string;
  /**
   * INF KeyAlgorithm as written (RSA, ECDSA_P256, ECDH_P384, ...); not set when the INF leaves
   * it out (certreq then makes an RSA key).
   */
  keyAlgorithm?: string;
  /** INF ProviderName (CSP or KSP). */
  providerName?: string;
  /** INF MachineKeySet: the key goes to the computer's store (the SUP needs that). */
  machineKeySet?: boolean;
  /** INF Exportable. */
  exportable?: boolean;
  /**
   * INF RequestType as written (PKCS10, CMC, PKCS7, Cert); `Cert` makes certreq sign the
   * certificate itself: a self-signed certificate, no request to a CA.
   */
  requestType?: string;
  /** Where the EKU comes from: the request's own extension, or the template the CA will apply. */
  ekuSource: 'extension' | 'template' | 'unknown';
  /** Anything odd the parser saw (unknown keys, & in the wrong place ...), for info findings. */
  notes: string[];
}

export interface RequestedCertificate {
  certificate: CertificateInfo;
  request: RequestFacts;
}

export { blankCertificate } from '../x509/blankCertificate.js';
