/**
 * x509-limbo testcases (certs-fixtures/x509-limbo) where the Windows chain model that
 * verifyChain implements legitimately gives the opposite verdict to limbo's RFC 5280 / Web-PKI
 * (CA/Browser Forum) verdict, or where limbo tests an optional feature supcert does not
 * implement. test/chain-limbo.test.ts asserts that each listed case really does get the
 * OPPOSITE verdict, so an entry that stops deviating fails the suite.
 *
 * Keys: a testcase id covers every copy of it (regenerated, upstream 2023); `<id> [upstream-2023]`
 * (or `[regenerated]`) covers one copy, for the few cases whose two copies differ in content.
 * The name/EKU deviations already listed in limbo-deviations.ts (webpki::cn::*, SAN criticality,
 * public-suffix wildcard, ca-as-leaf, webpki::eku::*) are not repeated here: the chain test
 * merges both lists.
 *
 * A disagreement for any other reason is a bug in src/chain or src/names and must not be listed.
 */
export const LIMBO_CHAIN_DEVIATIONS: Record<string, string> = {
  // ---- RFC 5280 CA-side encoding rules that CryptoAPI path validation does not enforce ----
  'rfc5280::aki::leaf-missing-aki':
    'Windows builds paths by name (AKI/SKI only rank candidate issuers) and does not require an authorityKeyIdentifier in the end-entity certificate',
  'rfc5280::aki::intermediate-missing-aki':
    'Windows builds paths by name (AKI/SKI only rank candidate issuers) and does not require an authorityKeyIdentifier in an intermediate',
  'rfc5280::aki::cross-signed-root-missing-aki':
    'pedantic-rfc5280: Windows does not require an authorityKeyIdentifier in a cross-signed root used as the trust anchor',
  'rfc5280::ski::root-missing-ski':
    'Windows does not require a subjectKeyIdentifier in a CA certificate (RFC 5280 4.2.1.2 binds the CA); the root is matched by name and signature',
  'rfc5280::ski::intermediate-missing-ski':
    'Windows does not require a subjectKeyIdentifier in a CA certificate (RFC 5280 4.2.1.2 binds the CA); the intermediate is matched by name and signature',
  'rfc5280::serial::too-long':
    'pedantic-serial-number: CryptoAPI accepts a serial number longer than 20 octets (it is an opaque byte string to Windows)',
  'rfc5280::serial::zero':
    'pedantic-serial-number: CryptoAPI accepts a zero serial number (it is an opaque byte string to Windows)',
  'rfc5280::serial::negative':
    'pedantic-serial-number: CryptoAPI accepts a negative serial number (it is an opaque byte string to Windows)',
  'rfc5280::root-non-critical-basic-constraints':
    'Windows honours a non-critical basicConstraints cA=TRUE in a root; RFC 5280 4.2.1.9 "MUST mark it critical" binds the issuing CA, not the verifier',
  'rfc5280::ee-critical-aia-invalid':
    'CryptoAPI understands authorityInfoAccess and accepts it marked critical; RFC 5280 4.2.2.1 "MUST mark non-critical" binds the CA, not the verifier',
  'rfc5280::nc::not-allowed-in-ee-noncritical':
    'Windows applies nameConstraints only from CA certificates above the certificate; the extension in an end-entity certificate has no effect, so the chain is valid',
  'rfc5280::nc::not-allowed-in-ee-critical':
    'Windows applies nameConstraints only from CA certificates above the certificate; the extension (a known one, so critical is fine) has no effect in an end-entity certificate',
  'rfc5280::nc::nc-forbids-othername-noop':
    'Microsoft documents CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT for a nameConstraints extension holding an otherName other than the UPN ("Only UPN is supported for an Other Name"): a property of the CA\'s extension, so supcert fails every chain through it whatever names the leaf has (the stricter reading; Wine crypt32 flags it only when the leaf has an otherName too)',
  'rfc5280::nc::permitted-dns-match-noncritical':
    'rfc5280-incompatible-with-webpki: Windows enforces a non-critical nameConstraints extension instead of rejecting it (the CABF profile, which requires it non-critical, takes this side)',

  // ---- Time ----
  'rfc5280::validity::notafter-fractional':
    'Windows compares the validation time with notAfter as FILETIMEs (100 ns resolution, CertVerifyTimeValidity), so 5 ms after notAfter is expired; limbo takes the second-granularity reading of this ambiguous case',

  // ---- Policy features not implemented ----
  'rfc5280::pc::ica-noncritical-pc':
    'has-policy-constraints: certificate policy processing (policyConstraints and its criticality) is not implemented by verifyChain',
  'pathological::nc-dos-3':
    'denial-of-service: the 2048 emailAddress attributes are not a constrained name form here, so only the one host-like CN meets the 4098 dNSName constraints; no quadratic work, no bound trips, and the technically valid chain stands',

  // ---- CA/Browser Forum rules that Windows chain validation does not apply ----
  'webpki::aki::root-with-aki-missing-keyidentifier':
    'CABF 7.1.2.1.3 root AKI profile: Windows does not judge the authorityKeyIdentifier of a trusted root',
  'webpki::aki::root-with-aki-authoritycertissuer':
    'CABF 7.1.2.1.3 root AKI profile: Windows does not judge the authorityKeyIdentifier of a trusted root (authorityCertIssuer present)',
  'webpki::aki::root-with-aki-authoritycertserialnumber':
    'CABF 7.1.2.1.3 root AKI profile: Windows does not judge the authorityKeyIdentifier of a trusted root (authorityCertSerialNumber present)',
  'webpki::aki::root-with-aki-all-fields':
    'CABF 7.1.2.1.3 root AKI profile: Windows does not judge the authorityKeyIdentifier of a trusted root (every field present)',
  'webpki::aki::root-with-aki-ski-mismatch':
    "CABF 7.1.2.1.3: Windows does not require a self-signed root's AKI to equal its SKI; key identifiers only rank candidate issuers",
  'webpki::nc::intermediate-permitted-excluded-subtrees-both-null':
    'CABF 7.1.2.5.2 only: Windows accepts a nameConstraints extension with neither permitted nor excluded subtrees (it constrains nothing)',
  'webpki::nc::intermediate-permitted-excluded-subtrees-both-empty-sequences':
    'CABF 7.1.2.5.2 only: Windows accepts a nameConstraints extension whose permitted and excluded subtree lists are empty (it constrains nothing)',
  'webpki::ee-basicconstraints-ca':
    'CABF 7.1.2.7.8 forbids cA=TRUE in a subscriber certificate; the Windows SSL chain policy accepts a CA certificate as the TLS server certificate',
  'webpki::v1-cert':
    'CABF 7.1.1 requires X.509 v3; CryptoAPI accepts a v1/v2 end-entity certificate (it has no extensions to check)',
  'webpki::explicit-curve':
    'CABF 7.1.3.1.2 requires namedCurve; CNG/CryptoAPI (Windows 10 and later) accept explicit EC parameters, here those of P-256',
  'webpki::forbidden-dsa-root':
    'CABF 6.1.5 key types only: CryptoAPI verifies DSA signatures (as in PKITS 4.1.4), so a DSA root is usable',
  'webpki::forbidden-dsa-leaf':
    'pedantic-webpki-subscriber-key: CABF 6.1.5 key types only; CryptoAPI validates a chain to a DSA end-entity key',
  'webpki::forbidden-signature-algorithm-in-root':
    'CABF 7.1.3.2 signature algorithms only: CryptoAPI verifies DSA-3072 signatures, so the root signing with one is usable',
  'webpki::forbidden-weak-rsa-key-in-root':
    'CABF 6.1.5 asks for RSA-2048; Windows blocks RSA keys only below 1024 bits (Security Advisory 2661254), so an RSA-1024 root is accepted',
  'webpki::forbidden-rsa-not-divisible-by-8-in-root':
    'CABF 6.1.5 only: Windows accepts an RSA modulus whose length is not a multiple of 8 (2052 bits is above its 1024-bit minimum)',

  // ---- One copy differs in content ----
  'rfc5280::ee-empty-issuer [upstream-2023]':
    '2023 copy only: the generator put the empty issuer on the trusted root, not on the EE (fixed in the regenerated copy, which agrees); a trust anchor is trusted as name + key, its own issuer field is not judged',
  'rfc5280::nc::permitted-dn-match [upstream-2023]':
    '2023 copy only: it asks for peer name example.com, but the leaf has CN=foo and a SAN with only a directoryName; Windows matches SAN dNSName entries only once a SAN exists, so no name matches',
};
