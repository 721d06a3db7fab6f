import { finding } from '../SupRule.js';

/*
 * The findings of the live probe (src/sup/probe.ts, `supcert check-server` on a URL): what a
 * client saw when it connected to the WSUS site, judged for SUP-DEP-002, 003 and 004. Declared
 * here, with the rules they belong to (checklist.ts lists them among each rule's findings).
 */

/** One certificate as the probe saw it, for messages: its subject and the start of its SHA-256. */
export interface SeenLeaf {
  subject: string | undefined;
  sha256: string | undefined;
}

const leafText = (l: SeenLeaf): string =>
  `"${l.subject ?? '(none)'}", SHA-256 ${l.sha256?.slice(0, 16) ?? '-'}…`;

/** SUP-DEP-002 from the probe: every name gets the same certificate and chain; HTTP is kept. */
export const PROBE_BINDING = {
  notProbed: finding(
    'sup.dep.probe_name_not_probed',
    'info',
    (a: { name: string; why: string }) =>
      `The name "${a.name}" was ${a.why}: its certificate was not compared.`,
  ),
  handshakeFailed: finding(
    'sup.dep.probe_handshake_failed',
    'error',
    (a: { name: string; code: string; message: string; httpsPort: number }) =>
      `Clients that connect to "${a.name}" fail: the TLS handshake with that SNI failed (${a.code}: ${a.message}). Add that name's HTTPS binding, or bind the certificate without a host name (SNI off) on port ${a.httpsPort}.`,
  ),
  otherCertificate: finding(
    'sup.dep.probe_other_certificate',
    'error',
    (a: { name: string; leaf: SeenLeaf; firstName: string; firstLeaf: SeenLeaf }) =>
      `For the name "${a.name}" the server presents another certificate (${leafText(a.leaf)}) than for "${a.firstName}" ("${a.firstLeaf.subject}", SHA-256 ${a.firstLeaf.sha256?.slice(0, 16)}…): an SNI binding for that name overrides the WSUS site's. Remove it, or bind the SUP certificate to it, so every name gets the certificate judged here.`,
  ),
  otherChain: finding(
    'sup.dep.probe_other_chain',
    'warning',
    (a: { name: string; length: number; firstLength: number; firstName: string }) =>
      `For the name "${a.name}" the server sends the same certificate with another chain (${a.length} certificates, against ${a.firstLength} for "${a.firstName}"): clients of one name may miss an intermediate. Bind the same certificate store entry to every binding.`,
  ),
  oldProtocol: finding(
    'sup.dep.probe_old_tls',
    'warning',
    (a: { name: string; protocol: string }) =>
      `The server negotiated ${a.protocol} for "${a.name}" with a client that offers TLS 1.0 to 1.3: it does not speak TLS 1.2. Windows is retiring TLS 1.0 and 1.1 (off by default in Windows 11 since the 2023 builds), and a client with them off cannot connect to this SUP. Enable TLS 1.2 on the SUP server (Schannel, and strong cryptography for .NET, which WSUS runs on), then check again.`,
  ),
  httpPortUnknown: finding(
    'sup.dep.probe_http_port_unknown',
    'info',
    (a: { httpsPort: number }) =>
      `The HTTP port paired with ${a.httpsPort} is not known (8531 pairs with 8530, 443 with 80): give --http-port to probe HTTP and Content.`,
  ),
  httpNotAnswering: finding(
    'sup.dep.probe_http_not_answering',
    'error',
    (a: { httpPort: number; code: string }) =>
      `Nothing answers over HTTP on port ${a.httpPort} (${a.code}): clients download update files from Content over HTTP. Keep the WSUS site's HTTP binding (${a.httpPort}) next to the HTTPS one.`,
  ),
  seen: finding('sup.dep.probe_seen_bindings', 'info', (a: { what: string }) => `Seen: ${a.what}`),
} as const;

/** SUP-DEP-003 from the probe: the five web services answer over HTTPS only; Content over HTTP. */
export const PROBE_REQUIRE_SSL = {
  httpsNoAnswer: finding(
    'sup.dep.probe_https_no_answer',
    'warning',
    (a: { url: string; code: string; message: string; directory: string }) =>
      `${a.url} gave no answer over HTTPS (${a.code}: ${a.message}): clients may not reach the ${a.directory} web service.`,
  ),
  directoryMissing: finding(
    'sup.dep.probe_directory_missing',
    'error',
    (a: { url: string; directory: string; httpsPort: number }) =>
      `${a.url} answered 404 over HTTPS: the ${a.directory} virtual directory is missing from the site bound on port ${a.httpsPort}. Is this the WSUS site ("WSUS Administration")?`,
  ),
  httpsRefused: finding(
    'sup.dep.probe_https_refused',
    'error',
    (a: { url: string; status: string | number; directory: string }) =>
      `${a.url} refused the request over HTTPS (${a.status}): clients cannot reach the ${a.directory} web service. Check the directory's SSL and authentication settings in IIS.`,
  ),
  httpAllowed: finding(
    'sup.dep.probe_http_allowed',
    'warning',
    (a: { answers: Array<{ directory: string; status: number }>; httpPort: number | undefined }) =>
      `${a.answers.length === 1 ? 'A WSUS web service answers' : `${a.answers.length} WSUS web services answer`} over plain HTTP on port ${a.httpPort}: ${a.answers
        .slice(0, 5)
        .map((r) => `${r.directory} (${r.status})`)
        .join(
          ', ',
        )}. Turn on "Require SSL" for ${a.answers.length === 1 ? 'it' : 'them'} in IIS (IIS then answers 403.4).`,
  ),
  contentRequiresSsl: finding(
    'sup.dep.probe_content_requires_ssl',
    'error',
    (a: { url: string; status: string | number; httpPort: number | undefined }) =>
      `${a.url} answered ${a.status} over HTTP: Content requires SSL (or refuses access), so clients cannot download update files, which they fetch over HTTP on ${a.httpPort}. Turn "Require SSL" off on the Content virtual directory (and on the site: only the five web services require it).`,
  ),
  contentError: finding(
    'sup.dep.probe_content_error',
    'warning',
    (a: { url: string; status: number }) =>
      `${a.url} answered ${a.status} over HTTP: Content should serve files (a missing one is 404).`,
  ),
  seen: finding(
    'sup.dep.probe_seen_directories',
    'info',
    (a: { what: string }) => `Seen: ${a.what}`,
  ),
} as const;

/** SUP-DEP-004 from the probe: no client certificate asked for, in the handshake or by the directories. */
export const PROBE_CLIENT_CERTIFICATES = {
  asked: finding(
    'sup.dep.probe_client_certificate_asked',
    'error',
    (a: { asked: string[] }) =>
      `The server asks for a client certificate: ${a.asked.slice(0, 5).join(', ')}${a.asked.length > 5 ? ` and ${a.asked.length - 5} more` : ''}. WinHTTP then fails with 0x80072F0C (ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED). Set "Client certificates" to Ignore on the WSUS virtual directories (and clientcertnegotiation=disable on the binding: netsh http show sslcert).`,
    { windowsError: '0x80072F0C' },
  ),
  seen: finding(
    'sup.dep.probe_seen_client_certificates',
    'info',
    (a: { what: string }) => `Seen: ${a.what}`,
  ),
} as const;
