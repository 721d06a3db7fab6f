/**
 * x509-limbo testcases (certs-fixtures/x509-limbo) where the Windows model that supcert
 * implements legitimately gives the opposite verdict to limbo's Web-PKI (CA/Browser Forum)
 * verdict. Keyed by testcase id; an id present in both limbo JSON files (regenerated and
 * upstream 2023) covers both copies. test/names-limbo.test.ts asserts that each listed case
 * really does get the opposite verdict, so an entry that stops deviating fails the suite.
 *
 * Only Windows behaviour belongs here (docs/names.md host-name matching, the EKU and basic
 * constraints rules SUP-EKU-* and SUP-BC-001, SUP-NAME-008). A case that disagrees for any other
 * reason is a bug in src/names and must not be listed.
 */
export const LIMBO_DEVIATIONS: Record<string, string> = {
  // ---- CN ignored once a SAN exists (docs/names.md, "Host-name matching": a SAN present) ----
  'webpki::cn::ipv4-hex-mismatch':
    'Windows ignores the subject CN once a SAN exists, so the CABF BR 7.1.4.3 CN-copies-SAN rule (CN "0xC0A80101") is not applied; the IP host matches the iPAddress SAN entry',
  'webpki::cn::ipv6-uppercase-mismatch':
    'Windows ignores the subject CN once a SAN exists, so the CABF BR 7.1.4.3 RFC 5952 form of an IP in the CN is not checked; the IP host matches the iPAddress SAN entry',
  'webpki::cn::ipv6-uncompressed-mismatch':
    'Windows ignores the subject CN once a SAN exists, so the CABF BR 7.1.4.3 RFC 5952 form of an IP in the CN is not checked; the IP host matches the iPAddress SAN entry',
  'webpki::cn::ipv6-non-rfc5952-mismatch':
    'Windows ignores the subject CN once a SAN exists, so the CABF BR 7.1.4.3 RFC 5952 form of an IP in the CN is not checked; the IP host matches the iPAddress SAN entry',
  'webpki::cn::utf8-vs-punycode-mismatch':
    'Windows ignores the subject CN once a SAN exists, so a U-label CN that is not a character copy of the A-label SAN (CABF BR 7.1.4.3) does not matter; the host matches the SAN dNSName',

  // ---- No Public Suffix List in CryptoAPI (pedantic-public-suffix-wildcard) ----
  'webpki::san::public-suffix-private-namespace-wildcard-san':
    'pedantic-public-suffix-wildcard: Windows has no Public Suffix List; *.s3.amazonaws.com is a whole left-most-label wildcard over more than one label, which CryptoAPI matches',

  // ---- SAN criticality is CA hygiene, not a Windows matching condition (SUP-NAME-008) ----
  'rfc5280::san::noncritical-with-empty-subject':
    'Windows does not reject a non-critical SAN on an empty-subject certificate (RFC 5280 §4.2.1.6 binds the CA, SUP-NAME-008 is only a warning); the SAN dNSName matches',
  'webpki::san::san-critical-with-nonempty-subject':
    'CABF forbids a critical SAN when the subject is non-empty; CryptoAPI knows the SAN extension, accepts it critical and matches its dNSName',

  // ---- End-entity profile that Windows SSL policy does not enforce (§2.2 SUP-BC-001) ----
  'webpki::ca-as-leaf':
    'CABF forbids cA=TRUE/keyCertSign in a subscriber certificate; the Windows SSL chain policy accepts a CA certificate as the TLS server certificate (SUP-BC-001 is a warning) and the SAN dNSName matches',

  // ---- EKU (§2.2 SUP-EKU-001/002) ----
  'webpki::eku::ee-without-eku':
    "no EKU extension = any purpose for CryptoAPI, so TLS works; SUP-EKU-001 gives a warning, not an error (the rfc5280:: side of limbo's conflicts_with pair)",
  'webpki::eku::ee-critical-eku':
    'CABF forbids a critical EKU in subscriber certificates; CryptoAPI understands EKU, accepts it critical (RFC 5280 allows either) and it contains serverAuth',
  'webpki::eku::root-has-eku':
    "CABF forbids an EKU extension in a root; CryptoAPI allows EKU on CA certificates (it only narrows the chain's usages) and this root lists serverAuth, so the leaf's serverAuth stands",
};
