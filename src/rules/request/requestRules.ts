import { type SupRule, finding } from '../SupRule.js';

const SIGNATURE = {
  invalid: finding(
    'sup.req.signature_invalid',
    'error',
    () =>
      "The request's signature does not verify with its own public key: the file was altered after it was made, or it is damaged. The CA will refuse it; make the request again (certreq -new).",
  ),
} as const;

const MACHINE_KEY_SET = {
  userStore: finding(
    'sup.req.machine_key_set_missing',
    'warning',
    () =>
      "The INF does not set MachineKeySet = TRUE: certreq makes the key in the current user's store, where IIS cannot bind it to the WSUS site. Add MachineKeySet = TRUE under [NewRequest].",
  ),
} as const;

const SYNTAX = {
  dropped: finding(
    'sup.req.syntax_dropped',
    'warning',
    (a: { note: string }) => `In the request: ${a.note}.`,
  ),
  note: finding(
    'sup.req.syntax_note',
    'info',
    (a: { note: string }) => `In the request: ${a.note}.`,
  ),
} as const;

const SELF_SIGNED = {
  selfSigned: finding(
    'sup.req.self_signed',
    'warning',
    () =>
      "The INF sets RequestType = Cert: certreq makes a self-signed certificate, not a request to a CA. Clients trust it only if it is in every client's Local Computer Trusted Root store (0x800B0109 otherwise), and ConfigMgr expects a PKI-issued Web Server certificate. Remove RequestType (or set PKCS10) and submit the request to your enterprise CA.",
    { windowsError: '0x800B0109' },
  ),
} as const;

const KEY_ALGORITHM = {
  keyExchangeOnly: finding(
    'sup.req.key_exchange_only',
    'warning',
    (a: { algorithm: string; curve: string | undefined }) =>
      a.curve === undefined
        ? `The INF sets KeyAlgorithm = ${a.algorithm}: CNG makes a Diffie-Hellman key, a key-exchange algorithm, not a signature algorithm. A TLS server signs the handshake with its certificate's key, and Schannel signs with RSA, DSA or ECDSA keys only. Set KeyAlgorithm = RSA with KeyLength = 2048 (or ECDSA_P256) and make the request again.`
        : `The INF sets KeyAlgorithm = ${a.algorithm}: CNG makes an elliptic curve Diffie-Hellman key, a key-exchange algorithm, not a signature algorithm (ECDSA_${a.curve} is that one). A TLS server signs the handshake with its certificate's key (ECDHE_ECDSA cipher suites, TLS 1.3), and Schannel signs with RSA, DSA or ECDSA keys only. Set KeyAlgorithm = ECDSA_${a.curve} (or RSA with KeyLength = 2048) and make the request again.`,
  ),
} as const;

const WAITING = {
  waiting: finding(
    'sup.req.waits_for_issuance',
    'info',
    (a: { rules: string[] }) =>
      `These rules wait for the issued certificate: ${a.rules.join(', ')}. Check the certificate the CA issues with supcert check before binding it.`,
  ),
} as const;

/** SUP-REQ-001 — a PKCS#10 request is signed with its own key; a CA refuses one whose signature fails. */
export const requestSignature: SupRule = {
  id: 'SUP-REQ-001',
  title: 'The CSR is signed by its own key',
  requirement:
    'A PKCS#10 request carries a signature made with the private key it requests a certificate for (RFC 2986); the CA refuses a request whose signature does not verify.',
  sources: ['S10'],
  stage: 'request',
  findings: SIGNATURE,
  check(ctx, report) {
    if (ctx.request?.kind !== 'csr') return report.notApplicable('not a PKCS#10 request');
    if (!ctx.request.signatureValid) report(SIGNATURE.invalid);
  },
};

/** SUP-REQ-002 — the SUP certificate lives in the computer's store (SUP-DEP-001): certreq needs MachineKeySet = TRUE. */
export const machineKeySet: SupRule = {
  id: 'SUP-REQ-002',
  title: "The key is made in the computer's store (MachineKeySet)",
  requirement:
    "The SUP certificate must be in the Computer account's Personal store; a certreq INF needs MachineKeySet = TRUE, or the key is made in the user's store where IIS cannot use it.",
  sources: ['S10', 'S1'],
  stage: 'request',
  findings: MACHINE_KEY_SET,
  check(ctx, report) {
    if (ctx.request?.kind !== 'inf') return report.notApplicable('not a certreq INF');
    if (!ctx.request.machineKeySet) report(MACHINE_KEY_SET.userStore);
  },
};

/** SUP-REQ-003 — what the request parser noticed: SAN entries without a type, forms certreq does not take. */
export const requestSyntax: SupRule = {
  id: 'SUP-REQ-003',
  title: 'The request is written the way certreq and the CA read it',
  requirement:
    'In the {text} form of a SAN every entry carries its own type (dns=a&dns=b); attribute-form SANs need EDITF_ATTRIBUTESUBJECTALTNAME2 on the CA. Anything else is dropped or refused.',
  sources: ['S10', 'S9'],
  stage: 'request',
  findings: SYNTAX,
  check(ctx, report) {
    for (const note of ctx.request?.notes ?? []) {
      report(
        /has no type|not one certreq knows|not "key = value"/.test(note)
          ? SYNTAX.dropped
          : SYNTAX.note,
        { note },
      );
    }
  },
};

/** SUP-REQ-005 — certreq RequestType = Cert signs the certificate itself: self-signed, no CA. */
export const requestToCa: SupRule = {
  id: 'SUP-REQ-005',
  title: 'The request goes to a CA (not a self-signed certificate)',
  requirement:
    'The SUP certificate is a Web Server certificate issued by a CA the clients trust (PKI certificate requirements); certreq RequestType = Cert makes a self-signed certificate instead, which every client would need in its Trusted Root store.',
  sources: ['S1', 'S10'],
  stage: 'request',
  findings: SELF_SIGNED,
  check(ctx, report) {
    if (ctx.request?.kind !== 'inf') return report.notApplicable('not a certreq INF');
    if (ctx.request.requestType?.toLowerCase() === 'cert') report(SELF_SIGNED.selfSigned);
  },
};

/**
 * SUP-REQ-006 — the INF's key can sign the TLS handshake: KeyAlgorithm = ECDH_P256 / P384 / P521,
 * ECDH or DH makes a key-exchange key in CNG (S45), and a TLS server's certificate key signs (S40).
 * A warning, not an error: no Windows test of Schannel with a certificate on an ECDH key is known.
 */
export const requestKeyCanSign: SupRule = {
  id: 'SUP-REQ-006',
  title: 'The INF asks for a key that can sign (ECDSA or RSA, not ECDH or DH)',
  requirement:
    "Schannel signs the TLS handshake with the server certificate's private key (RSA, DSA or ECDSA); certreq KeyAlgorithm = ECDH_P256, ECDH_P384, ECDH_P521, ECDH or DH makes a CNG key-exchange key instead.",
  sources: ['S40', 'S45'],
  stage: 'request',
  findings: KEY_ALGORITHM,
  check(ctx, report) {
    if (ctx.request?.kind !== 'inf') return report.notApplicable('not a certreq INF');
    const algorithm = ctx.request.keyAlgorithm ?? '';
    // DH and ECDH (its curve given elsewhere) are CNG's key-exchange algorithms too (S45).
    const exchange = /^(?:ECDH(?:_(P256|P384|P521))?|DH)$/i.exec(algorithm);
    if (exchange)
      report(KEY_ALGORITHM.keyExchangeOnly, { algorithm, curve: exchange[1]?.toUpperCase() });
  },
};

/** SUP-REQ-004 — the rules that can only be decided on the issued certificate, said as info. */
export const waitsForIssuance: SupRule = {
  id: 'SUP-REQ-004',
  title: 'Checks that wait for the issued certificate',
  requirement:
    'Validity, the chain, revocation information, the signature hash and the pairing with the private key are decided by the CA and the server: check the issued certificate too (supcert check).',
  sources: ['S1'],
  stage: 'request',
  findings: WAITING,
  check(ctx, report) {
    report(WAITING.waiting, { rules: ctx.waitingRules ?? [] });
  },
};
