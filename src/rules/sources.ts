/**
 * The documents the rules rest on (docs/rules.md). A finding cites one of these by key; the
 * citation carries the title, the section the rule comes from and the address.
 */
export interface Source {
  title: string;
  /** Omitted where no complete address is known (rather than guess one). */
  url?: string;
}

export const SOURCES = {
  S1: {
    title: 'PKI certificate requirements for Configuration Manager',
    url: 'https://learn.microsoft.com/mem/configmgr/core/plan-design/network/pki-certificate-requirements',
  },
  S2: {
    title: 'PKI Certificate Requirements for Configuration Manager (System Center 2012 / 2012 R2)',
    url: 'https://learn.microsoft.com/previous-versions/system-center/system-center-2012-R2/gg699362(v=technet.10)',
  },
  S3: {
    title: 'Certificate Requirements for Native Mode (Configuration Manager 2007)',
    url: 'https://learn.microsoft.com/previous-versions/bb680733(v=technet.10)',
  },
  S4: {
    title:
      'Revision: Native Mode Certificate Requirements for Internet-based Software Update Point (ConfigMgr writing team blog, 2008-10-06)',
  },
  S5: {
    title: 'Troubleshoot software update scan failures in Configuration Manager',
    url: 'https://learn.microsoft.com/troubleshoot/mem/configmgr/update-management/troubleshoot-software-update-scan-failures',
  },
  S6: {
    title: 'Configure a software update point to use TLS/SSL with a PKI certificate',
    url: 'https://learn.microsoft.com/mem/configmgr/sum/get-started/software-update-point-ssl',
  },
  S7: {
    title: 'Step 2: Configure WSUS — Secure WSUS with the Secure Sockets Layer Protocol',
    url: 'https://learn.microsoft.com/windows-server/administration/windows-server-update-services/deploy/2-configure-wsus',
  },
  S8: {
    title: 'Step-by-step example deployment of the PKI certificates for Configuration Manager',
    url: 'https://learn.microsoft.com/mem/configmgr/core/plan-design/network/example-deployment-of-pki-certificates',
  },
  S9: {
    title: 'Add a subject alternative name to a secure LDAP certificate (KB 931351)',
    url: 'https://support.microsoft.com/help/931351',
  },
  S10: {
    title: 'certreq command reference',
    url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/certreq_1',
  },
  S11: {
    title: 'CNG v3 certificates overview (Configuration Manager)',
    url: 'https://learn.microsoft.com/mem/configmgr/core/plan-design/network/cng-certificates-overview',
  },
  S12: {
    title: 'Enhanced HTTP (Configuration Manager)',
    url: 'https://learn.microsoft.com/mem/configmgr/core/plan-design/hierarchy/enhanced-http',
  },
  S13: {
    title: 'Plan for PKI certificates in Configuration Manager',
    url: 'https://learn.microsoft.com/mem/configmgr/core/plan-design/security/plan-for-certificates',
  },
  S14: {
    title: 'CMG server authentication certificate',
    url: 'https://learn.microsoft.com/mem/configmgr/core/clients/manage/cmg/server-auth-cert',
  },
  S15: {
    title:
      'Security best practices for WSUS (2020-08-13) and Scan changes and certificates add security for Windows devices using WSUS for updates (2021-01-12), Windows IT Pro blog',
  },
  S16: {
    title: 'Microsoft Security Advisory 2661254: Update for minimum certificate key length',
    url: 'https://learn.microsoft.com/security-updates/securityadvisories/2012/2661254',
  },
  S17: { title: 'Windows Enforcement of SHA1 Certificates' },
  S18: {
    title: 'Wine crypt32 chain.c (verify_ssl_policy, match_dns_to_subject_alt_name)',
    url: 'https://github.com/wine-mirror/wine/blob/master/dlls/crypt32/chain.c',
  },
  S19: {
    title: '.NET X509Certificate2.MatchesHostname',
    url: 'https://learn.microsoft.com/dotnet/api/system.security.cryptography.x509certificates.x509certificate2.matcheshostname',
  },
  S20: {
    title: 'HTTPSPolicyCallbackData structure (wincrypt.h)',
    url: 'https://learn.microsoft.com/windows/win32/api/wincrypt/ns-wincrypt-httpspolicycallbackdata',
  },
  S21: {
    title: 'WinHTTP error messages',
    url: 'https://learn.microsoft.com/windows/win32/winhttp/error-messages',
  },
  S22: {
    title: 'RFC 5280 §4.2.1.6 / RFC 9525 / RFC 9110 §4.3.4 (service identity in TLS)',
    url: 'https://www.rfc-editor.org/rfc/rfc9525',
  },
  S23: { title: 'CA/Browser Forum Baseline Requirements: internal names phase-out' },
  S24: {
    title:
      'Certificates with Multiple SAN Entries May Break ISA Server Web Publishing (ISA Server team blog, 2007)',
  },
  S25: { title: 'Using DNS aliases with WSUS and third-party patching (Patch My PC)' },
  S26: {
    title: 'SCCM Compliance Setting: Root Certificate (SysManSquad)',
    url: 'https://github.com/SysManSquad/sysmansquadblogdev',
  },
  S27: {
    title: 'I-LOVE-WSUS / ILoveWSUSSL (CodyMathis123)',
    url: 'https://github.com/CodyMathis123/I-LOVE-WSUS',
  },
  S28: { title: 'Troubleshoot Windows Update error 0x80072f8f' },
  S29: { title: 'About Software Updates Setup and Configuration (Configuration Manager SDK)' },
  S30: {
    title: 'curl issue #15149: SChannel fails to validate TLS certificate by IP SAN',
    url: 'https://github.com/curl/curl/issues/15149',
  },
  S31: {
    title: 'PFXImportCertStore function (wincrypt.h): imports a PFX BLOB (binary PKCS#12)',
    url: 'https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-pfximportcertstore',
  },
  S32: {
    title: 'certutil command reference (-decode, -importPFX, -store)',
    url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/certutil',
  },
  S33: {
    title: 'About Azure Key Vault certificates: the addressable secret holds the PFX as base64',
    url: 'https://learn.microsoft.com/azure/key-vault/certificates/about-certificates',
  },
  S34: {
    title:
      'PKCS12_PBES2_EXPORT_PARAMS structure (wincrypt.h): AES256-SHA256 for the key/certificate encryption, PBKDF2 and the MacData; minimum Windows 10 1709 / Windows Server 2019',
    url: 'https://learn.microsoft.com/windows/win32/api/wincrypt/ns-wincrypt-pkcs12_pbes2_export_params',
  },
  S35: {
    title: 'Export-PfxCertificate (-CryptoAlgorithmOption TripleDES_SHA1 | AES256_SHA256)',
    url: 'https://learn.microsoft.com/powershell/module/pki/export-pfxcertificate',
  },
  S36: {
    title:
      'AES-256/PBES2 PFX refused by Windows Server 2016 ("the password you entered is incorrect"), imported by 2019 and 2022: openssl/openssl#27035, acmesh-official/acme.sh#6805, kaikramer/keystore-explorer#318, chris2511/xca#559, ansible-collections/ansible.windows#582',
    url: 'https://github.com/openssl/openssl/issues/27035',
  },
  S37: {
    title:
      'SHA-256 MacData refused by Windows Server 2016 and Windows 10 Threshold: pyca/cryptography#7217, dotnet/runtime#115271, chris2511/xca#512 (SHA-1 MAC for Windows Server 2012)',
    url: 'https://github.com/pyca/cryptography/pull/7217',
  },
  S38: {
    title:
      'RFC 9579: Use of Password-Based Message Authentication Code 1 (PBMAC1) in PKCS #12 Syntax (2024); no Windows PFX documentation lists it',
    url: 'https://www.rfc-editor.org/rfc/rfc9579',
  },
  S39: {
    title:
      'TLS Elliptic Curves in Windows 10 1607 and later: curve25519, NistP256 and NistP384 enabled by default; NistP521, the brainpool and secP curves supported but not enabled by default',
    url: 'https://learn.microsoft.com/windows/win32/secauthn/tls-elliptic-curves-in-windows-10-1607-and-later',
  },
  S40: {
    title:
      'SecPkgContext_SupportedSignatures structure (schannel.h): the signature algorithms of an Schannel connection are RSA, DSA and ECDSA',
    url: 'https://learn.microsoft.com/windows/win32/api/schannel/ns-schannel-secpkgcontext_supportedsignatures',
  },
  S41: {
    title:
      'TLS/SSL overview (Schannel SSP): TLS 1.0 and TLS 1.1 are deprecated in Windows, disabled starting with the Windows 11 September 2023 Insider Preview builds and later releases ("TLS 1.0 and TLS 1.1 deprecation in Windows")',
    url: 'https://learn.microsoft.com/windows-server/security/tls/tls-ssl-schannel-ssp-overview',
  },
  S42: {
    title:
      'How to enable TLS 1.2 on the site servers and remote site systems, and on clients (Configuration Manager): clients first, then site systems, then test before disabling older protocols; KB 3140245 and WinHTTP DefaultSecureProtocols for Windows 7 SP1, Windows Server 2008 R2 SP1 and 2012',
    url: 'https://learn.microsoft.com/mem/configmgr/core/plan-design/security/enable-tls-1-2-server',
  },
  S43: {
    title:
      'TLS version enforcement capabilities per certificate binding ("Disable Legacy TLS", HTTP.sys, Windows Server 2019 KB4490481 and later)',
    url: 'https://learn.microsoft.com/security/engineering/disable-legacy-tls',
  },
  S44: {
    title: 'Protocols in TLS/SSL (Schannel SSP): TLS 1.3 from Windows 11 and Windows Server 2022',
    url: 'https://learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-',
  },
  S45: {
    title:
      'CNG Algorithm Identifiers: ECDH_P256, ECDH_P384 and ECDH_P521 are the elliptic curve Diffie-Hellman key exchange algorithms; ECDSA_P256, ECDSA_P384 and ECDSA_P521 the elliptic curve digital signature algorithms',
    url: 'https://learn.microsoft.com/windows/win32/seccng/cng-algorithm-identifiers',
  },
  S46: {
    title:
      'Netsh http commands, add sslcert: the per-binding switches disablelegacytls (TLS 1.0 and 1.1), disabletls12 and disabletls13 of an ipport, hostnameport or ccs entry',
    url: 'https://learn.microsoft.com/windows-server/networking/technologies/netsh/netsh-http',
  },
  S47: {
    title:
      'Server Name Indication (SNI) with IIS 8 (Windows Server 2012), Microsoft IIS support blog: HTTP.sys looks up the hostname:port binding of the server name the client sends (SslSniBindingInfo); a client that sends none gets the IP:port binding (SslBindingInfo)',
    url: 'https://learn.microsoft.com/archive/blogs/kaushal/server-name-indication-sni-with-iis-8-windows-server-2012',
  },
  S48: {
    title:
      "Wine's crypt32 tests, run on Windows (dlls/crypt32/tests/encode.c, Wine 8.0): CryptDecodeObjectEx decodes an X509_INTEGER, X509_NAME, X509_ALTERNATE_NAME or PKCS_CONTENT_INFO followed by extra bytes, which it does not read",
    url: 'https://gitlab.winehq.org/wine/wine/-/blob/wine-8.0/dlls/crypt32/tests/encode.c',
  },
  S49: {
    title:
      '.NET runtime pull request 82688, "Permit trailing data when parsing an X.509 certificate by DER content": the Windows implementation (CryptoAPI) permits trailing data after a certificate',
    url: 'https://github.com/dotnet/runtime/pull/82688',
  },
  S50: {
    title:
      'RFC 6066 §3, Server Name Indication: the HostName is the fully qualified DNS host name of the server, sent without a trailing dot',
    url: 'https://www.rfc-editor.org/rfc/rfc6066#section-3',
  },
  S51: {
    title:
      'HTTP_SERVICE_CONFIG_SSL_SNI_KEY structure (http.h): the key of an HTTP.sys SNI certificate record is the IPv4 wildcard address with a port and Host, "the hostname"; no trailing-dot or wildcard matching is documented',
    url: 'https://learn.microsoft.com/windows/win32/api/http/ns-http-http_service_config_ssl_sni_key',
  },
} as const satisfies Record<string, Source>;

export type SourceKey = keyof typeof SOURCES;
