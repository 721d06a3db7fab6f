import { isIpAddress, isSingleLabel, normalizeHost } from '../../names/hostname.js';
import { parseWildcard } from '../../names/presentedId.js';
import { type NameRole, type SupRule, finding } from '../SupRule.js';
import { ROLE_LABEL, printable, quoteList } from '../messagePhrases.js';

/** A required name with its role, the values most name messages start from. */
type Named = { role: NameRole; name: string };

const SHORT = {
  singleLabel: finding(
    'sup.name.single_label',
    'warning',
    (a: Named & { present: boolean }) =>
      `The ${ROLE_LABEL[a.role]} "${a.name}" is a single-label (NetBIOS) name. Windows matches it as plain text${a.present ? ' and this certificate has it' : ''}, but WSUS requires HTTPS clients to use the server's FQDN: configure the site system with its FQDN and put the FQDN in the certificate.`,
  ),
} as const;

/**
 * SUP-NAME-009 — ConfigMgr accepts "the computer's name" for intranet site systems (S1, S2, S3),
 * but WSUS says HTTPS clients and downstream servers must use the FQDN (S7), and no public CA
 * issues single-label names (S23).
 */
export const shortName: SupRule = {
  id: 'SUP-NAME-009',
  title: 'Required names are FQDNs, not NetBIOS (single-label) names',
  requirement:
    'A single-label (NetBIOS) name matches on Windows as a plain string, but WSUS requires clients and downstream servers that use HTTPS to address the server by FQDN, and a public CA cannot issue it.',
  sources: ['S7', 'S1', 'S3', 'S23'],
  findings: SHORT,
  check(ctx, report) {
    for (const n of ctx.names.filter(
      (x) => x.match.host.kind === 'dns' && isSingleLabel(x.match.host.value),
    )) {
      report(
        SHORT.singleLabel,
        { role: n.role, name: n.name, present: n.failure === null },
        { name: n.name },
      );
    }
  },
};

const WILDCARD = {
  entryNotHonoured: finding(
    'sup.name.wildcard_entry_not_honoured',
    'warning',
    (a: { entry: string }) =>
      `The SAN dNSName "${printable(a.entry)}" is not a wildcard Windows honours ("*" must be the whole left-most label, over at least two more labels): it matches nothing. Remove it or write the names out.`,
  ),
  notHonoured: finding(
    'sup.name.wildcard_not_honoured',
    'error',
    (a: Named & { badWildcard: string }) =>
      `The ${ROLE_LABEL[a.role]} "${a.name}" is only covered by "${printable(a.badWildcard)}", a wildcard Windows does not honour (a "*" that is not the whole left-most label, or one over a single label): clients fail with 0x80072F06. Put "${a.name}" in the SAN as it is.`,
    { windowsError: '0x80072F06' },
  ),
  sanWildcard: finding(
    'sup.name.wildcard_san',
    'warning',
    (a: Named & { presented: string | undefined }) =>
      `The ${ROLE_LABEL[a.role]} "${a.name}" is only covered by the wildcard "${a.presented}". Windows accepts it, but wildcards are not documented for a software update point; prefer the exact name in the SAN.`,
  ),
  cnWildcard: finding(
    'sup.name.wildcard_cn',
    'warning',
    (a: Named & { presented: string | undefined }) =>
      `The ${ROLE_LABEL[a.role]} "${a.name}" is only covered by the wildcard subject CN "${a.presented}" (no SAN). Windows honours it (the same rules on where "*" may stand as in the SAN: Wine crypt32 tests chain.c, chain31 "*.foo.com" matching "a.foo.com", asserted on Windows), but wildcards are not documented for a software update point and RFC 9525 clients ignore the CN: put "${a.name}" in a SAN DNS entry.`,
  ),
} as const;

/**
 * SUP-NAME-010 — no ConfigMgr document supports wildcards for on-premises site systems (the CMG
 * document does, S14). Windows honours a wildcard only as the whole left-most label, for exactly
 * one label (SAN, or the CN without a SAN: Windows-verified by Wine's crypt32 tests), never
 * over a single remaining label (S18).
 */
export const wildcards: SupRule = {
  id: 'SUP-NAME-010',
  title: 'Required names do not depend on wildcards',
  requirement:
    'Wildcard certificates are not documented for on-premises site systems. Windows matches "*" only as the whole left-most label, standing for exactly one label, in a SAN dNSName and, when the certificate has no SAN, in the subject CN (Windows-verified: Wine crypt32 tests chain.c, chain29 "*.winehq.org" in the SAN matches "test.winehq.org" but not "winehq.org" or "a.b.winehq.org"; chain31 CN "*.foo.com" matches "a.foo.com", not "afoo.com"; openssl.org "*.openssl.org" not "fopenssl.org"); a partial-label wildcard ("sup*.contoso.com"), a "*" elsewhere, several "*", or a wildcard over a single label ("*.local") matches nothing (the last is Wine\'s and RFC 9525\'s reading; no Windows-verified result says otherwise).',
  sources: ['S18', 'S14', 'S19', 'S22'],
  findings: WILDCARD,
  check(ctx, report) {
    // Entries Windows will never honour as wildcards, whether or not a required name needs them.
    for (const entry of ctx.cert.dnsNames ?? []) {
      if (!entry.includes('*') || isHonouredWildcard(entry)) continue;
      if (ctx.names.some((n) => n.badWildcard === entry)) continue; // reported below, with the name
      report(WILDCARD.entryNotHonoured, { entry });
    }
    for (const n of ctx.names) {
      if (n.failure === 'bad-wildcard') {
        report(
          WILDCARD.notHonoured,
          { role: n.role, name: n.name, badWildcard: n.badWildcard ?? '' },
          { name: n.name },
        );
      } else if (n.match.via === 'san-wildcard') {
        report(
          WILDCARD.sanWildcard,
          { role: n.role, name: n.name, presented: n.match.presented },
          { name: n.name },
        );
      } else if (n.match.via === 'cn-wildcard') {
        report(
          WILDCARD.cnWildcard,
          { role: n.role, name: n.name, presented: n.match.presented },
          { name: n.name },
        );
      }
    }
  },
};

/** "*.corp.contoso.com": one "*", the whole left-most label, at least two labels after it (presentedId.ts). */
function isHonouredWildcard(entry: string): boolean {
  return parseWildcard(normalizeHost(entry).value)?.windows === true;
}

const IP = {
  ipName: finding(
    'sup.name.ip_address_name',
    'warning',
    (a: Named) =>
      `The ${ROLE_LABEL[a.role]} "${a.name}" is an IP address. Clients reach a software update point by the FQDN in its URL, and IP matching in Windows TLS is undocumented; configure and certify the FQDN instead.`,
  ),
  ipAsText: finding(
    'sup.name.ip_address_as_text',
    'warning',
    (a: { where: string; value: string }) =>
      `The ${a.where} "${a.value}" is an IP address written as a name. Only iPAddress SAN entries identify addresses (RFC 5280, RFC 9525); drop it or put it in the SAN as an IP entry.`,
  ),
} as const;

/**
 * SUP-NAME-011 — clients reach the SUP by the URL ConfigMgr builds from the FQDN (S6); WSUS
 * requires an FQDN (S7); IP matching on Windows TLS stacks is undocumented and unreliable (S30).
 */
export const ipAddresses: SupRule = {
  id: 'SUP-NAME-011',
  title: 'The SUP is not identified by an IP address',
  requirement:
    'An IP address is not a supported SUP name (WSUS requires an FQDN). Only iPAddress SAN entries are IP identities; an address written in a dNSName or the CN is text.',
  sources: ['S7', 'S22', 'S30'],
  findings: IP,
  check(ctx, report) {
    for (const n of ctx.names.filter((x) => x.match.host.kind === 'ip')) {
      report(IP.ipName, { role: n.role, name: n.name }, { name: n.name });
    }
    const textual = [
      ...ctx.cert.commonNames.map((v) => ['subject CN', v] as const),
      ...(ctx.cert.dnsNames ?? []).map((v) => ['SAN dNSName', v] as const),
    ].filter(([, v]) => isIpAddress(v));
    for (const [where, value] of textual) {
      report(IP.ipAsText, { where, value });
    }
  },
};

const NORMALISATION = {
  nulInCertificate: finding(
    'sup.name.nul_in_certificate',
    'error',
    (a: { where: string; value: string }) =>
      `The ${a.where} "${printable(a.value)}" contains a NUL byte. Such names are a known attack on TLS name checks (the text before the NUL looks like a real host); it matches nothing here. Do not deploy this certificate; ask the CA why it issued it.`,
  ),
  nulInName: finding(
    'sup.name.nul_in_name_given',
    'error',
    (a: { role: NameRole }) =>
      `The ${ROLE_LABEL[a.role]} given contains a NUL byte and can match nothing: check the input.`,
  ),
  normalised: finding(
    'sup.name.matched_after_normalisation',
    'info',
    (a: Named & { changes: string[] }) =>
      `The ${ROLE_LABEL[a.role]} "${a.name}" matched after normalisation (${a.changes.join(', ')}).`,
  ),
  nonAscii: finding(
    'sup.name.dns_name_not_a_label',
    'warning',
    (a: { value: string }) =>
      `The SAN dNSName "${printable(a.value)}" holds non-ASCII characters; a dNSName must be in A-label form ("${normalizeHost(a.value).value}"). Windows may not match it.`,
  ),
} as const;

/**
 * SUP-NAME-012 — names compare case-insensitively, one trailing dot ignored, IDNs as A-labels
 * (S19, S22); a NUL byte inside a name is an attack (the "null prefix" certificates) and matches
 * nothing.
 */
export const nameNormalisation: SupRule = {
  id: 'SUP-NAME-012',
  title: 'Names compare cleanly (no NUL bytes; trailing dots and IDNs normalised)',
  requirement:
    'Host names are compared case-insensitively, with one trailing dot ignored and internationalised names in A-label (punycode) form. A name containing a NUL byte must never match.',
  sources: ['S19', 'S22', 'S18'],
  findings: NORMALISATION,
  check(ctx, report) {
    const withNul = [
      ...ctx.cert.commonNames.map((v) => ['subject CN', v] as const),
      ...(ctx.cert.dnsNames ?? []).map((v) => ['SAN dNSName', v] as const),
    ].filter(([, v]) => v.includes('\0'));
    for (const [where, value] of withNul) {
      report(NORMALISATION.nulInCertificate, { where, value });
    }
    for (const n of ctx.names.filter((x) => x.match.host.hasNul)) {
      report(NORMALISATION.nulInName, { role: n.role }, { name: n.name });
    }
    for (const n of ctx.names.filter(
      (x) => x.failure === null && x.match.host.changes.length > 0,
    )) {
      report(
        NORMALISATION.normalised,
        { role: n.role, name: n.name, changes: n.match.host.changes },
        { name: n.name },
      );
    }
    for (const value of (ctx.cert.dnsNames ?? []).filter((v) => /[^\x00-\x7f]/.test(v))) {
      report(NORMALISATION.nonAscii, { value });
    }
  },
};

/** Internal suffixes no public CA may certify (CA/Browser Forum Baseline Requirements, S23). */
const INTERNAL_SUFFIXES = [
  'local',
  'corp',
  'lan',
  'internal',
  'intranet',
  'home',
  'localdomain',
  'private',
  'domain',
  'ad',
  'int',
];

function isInternalName(host: string): boolean {
  if (isIpAddress(host)) return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|fc|fd)/i.test(host);
  const labels = host.toLowerCase().split('.');
  return labels.length === 1 || INTERNAL_SUFFIXES.includes(labels[labels.length - 1]!);
}

const INTERNAL = {
  publicCa: finding(
    'sup.name.internal_name_public_ca',
    'error',
    (a: Named) =>
      `The ${ROLE_LABEL[a.role]} "${a.name}" is an internal name (single label, private suffix or private address): a publicly trusted CA cannot issue a certificate for it. Use an enterprise CA, or an intranet FQDN under a registered domain.`,
  ),
  issuerUnknown: finding(
    'sup.name.internal_name_issuer_unknown',
    'info',
    (a: { list: string }) =>
      `The required names include internal names (${a.list}). That is fine for an enterprise CA; a public CA cannot issue them. Set issuerType to "public" or "enterprise" to decide.`,
  ),
} as const;

/** SUP-NAME-013 — a publicly trusted CA cannot certify internal names since 2015 (S23). */
export const publicCaInternalNames: SupRule = {
  id: 'SUP-NAME-013',
  title: 'No internal names are expected from a public CA',
  requirement:
    'Public CAs stopped issuing certificates for internal names, single-label names and private addresses (CA/Browser Forum, 2015). An internet-facing SUP that needs both names (SUP-NAME-003) then needs an intranet FQDN under a registered domain, or an enterprise CA.',
  sources: ['S23', 'S1'],
  findings: INTERNAL,
  check(ctx, report) {
    const internal = ctx.names.filter((n) => isInternalName(n.match.host.value));
    if (internal.length === 0) return;
    const list = quoteList(internal.map((n) => n.name));
    if (ctx.options.issuerType === 'public') {
      for (const n of internal)
        report(INTERNAL.publicCa, { role: n.role, name: n.name }, { name: n.name });
    } else if (ctx.options.issuerType === undefined) {
      report(INTERNAL.issuerUnknown, { list });
    }
  },
};
