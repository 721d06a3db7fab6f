import { SupCertError } from '../errors.js';
import { isIpAddress } from '../names/hostname.js';
import { resolveOptions } from './resolveOptions.js';
import type { SupOptions } from './SupOptions.js';
import { ownOptions } from '../util/ownOptions.js';

/** What to submit instead: the same request in the three forms administrators use. */
export interface SuggestedRequest {
  /** A certreq INF: `certreq -new sup.inf sup.req`, then submit sup.req. */
  inf: string;
  /** For the CA web-enrollment "Attributes" box or `certreq -attrib`. */
  webEnrollmentAttributes: string;
  /** For shops that request through OpenSSL: `openssl req -new -config sup.cnf -newkey rsa:2048 ...`. */
  opensslConfig: string;
  /** The names, in SAN order (intranet first). */
  names: string[];
  /** What the suggestion cannot fix (a public CA and an internal name, for example). */
  warnings: string[];
}

/**
 * The request that yields a correct SUP certificate for the given options: every required name
 * as its own SAN DNS entry (intranet name first, also as the CN), Server Authentication, RSA 2048,
 * Key Usage digitalSignature + keyEncipherment, the key in the computer's store, a provider the
 * ConfigMgr generation supports (legacy CSP for 2007/2012, CNG KSP for current branch), not
 * exportable (the SUP does not need it). Sources: S1, S8, S9, S10, S11.
 *
 * @throws SupCertError INVALID_OPTION for a bad option (as validateSupCertificate) or when no
 *   name is given.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { suggestRequest } from 'supcert';
 *
 * const s = suggestRequest({ names: 'sup01.corp.contoso.com&sup01.contoso.com' });
 * writeFileSync('sup01.inf', s.inf); // CRLF line ends; then: certreq -new sup01.inf sup01.req
 * for (const w of s.warnings) console.warn(w); // what a request cannot fix (an IP address ...)
 * console.log(s.names); // [ 'sup01.corp.contoso.com', 'sup01.contoso.com' ]
 * ```
 */
export function suggestRequest(options: SupOptions): SuggestedRequest {
  // Own keys only, on an object without a prototype (src/util/ownOptions.ts).
  options = ownOptions(options);
  const o = resolveOptions(options);
  const names: string[] = [];
  const add = (name: string | undefined): void => {
    if (name && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  };
  add(o.intranetName);
  if (o.connections !== 'intranet' && o.connections !== 'cmg') add(o.internetName);
  o.extraNames.forEach(add);
  add(o.configureSslName);
  if (names.length === 0)
    throw new SupCertError(
      'INVALID_OPTION',
      'suggestRequest needs the SUP\'s names: intranetName (and internetName), or names "intranet&internet".',
    );
  const warnings: string[] = [];
  if (o.connections === 'internet' && !o.intranetName)
    warnings.push(
      'an internet-only SUP still needs its intranet FQDN in the certificate (SUP-NAME-003): add intranetName',
    );
  for (const n of names) {
    if (isIpAddress(n))
      warnings.push(`"${n}" is an IP address: clients reach a SUP by FQDN (SUP-NAME-011)`);
    else if (!n.includes('.'))
      warnings.push(
        `"${n}" is a single-label name: WSUS wants the FQDN for HTTPS (SUP-NAME-009)${o.issuerType === 'public' ? ', and a public CA cannot issue it (SUP-NAME-013)' : ''}`,
      );
  }
  const cn = names[0]!;
  const legacy = o.generation !== 'current';
  const provider = legacy
    ? 'Microsoft RSA SChannel Cryptographic Provider'
    : 'Microsoft Software Key Storage Provider';
  const dnsEntries = names.filter((n) => !isIpAddress(n));
  const ipEntries = names.filter((n) => isIpAddress(n));
  const sanText = [...dnsEntries.map((n) => `dns=${n}`), ...ipEntries.map((n) => `ipaddress=${n}`)];
  const inf = [
    `; certreq -new sup.inf sup.req: a software update point (WSUS) TLS certificate, made by supcert`,
    `[Version]`,
    `Signature = "$Windows NT$"`,
    ``,
    `[NewRequest]`,
    `Subject = "CN=${cn}"`,
    `KeyAlgorithm = RSA`,
    `KeyLength = 2048`,
    `KeySpec = 1`,
    `KeyUsage = 0xa0 ; digitalSignature, keyEncipherment`,
    `MachineKeySet = TRUE ; the computer's Personal store, where IIS binds it`,
    `Exportable = FALSE ; the SUP does not need an exportable key`,
    `ProviderName = "${provider}"`,
    ...(legacy
      ? ['ProviderType = 12 ; ConfigMgr 2007/2012 cannot use CNG (version 3 template) keys']
      : []),
    `RequestType = PKCS10`,
    `HashAlgorithm = sha256`,
    ``,
    `[EnhancedKeyUsageExtension]`,
    `OID = 1.3.6.1.5.5.7.3.1 ; Server Authentication`,
    ``,
    `[Extensions]`,
    `; Every name its own SAN entry; the "&" separates entries here and is never part of a name.`,
    `2.5.29.17 = "{text}"`,
    ...sanText.map((entry) => `_continue_ = "${entry}&"`),
    ``,
    `[RequestAttributes]`,
    `CertificateTemplate = WebServer`,
    ``,
  ].join('\r\n');
  const webEnrollmentAttributes = `CertificateTemplate:WebServer\nsan:${sanText.join('&')}`;
  const opensslConfig = [
    `# openssl req -new -config sup.cnf -newkey rsa:2048 -nodes -keyout sup.key -out sup.csr`,
    `[req]`,
    `prompt = no`,
    `default_bits = 2048`,
    `default_md = sha256`,
    `distinguished_name = dn`,
    `req_extensions = sup_ext`,
    ``,
    `[dn]`,
    `CN = ${cn}`,
    ``,
    `[sup_ext]`,
    `subjectAltName = ${[...dnsEntries.map((n) => `DNS:${n}`), ...ipEntries.map((n) => `IP:${n}`)].join(', ')}`,
    `extendedKeyUsage = serverAuth`,
    `keyUsage = critical, digitalSignature, keyEncipherment`,
    `basicConstraints = CA:FALSE`,
    ``,
  ].join('\n');
  return { inf, webEnrollmentAttributes, opensslConfig, names, warnings };
}
