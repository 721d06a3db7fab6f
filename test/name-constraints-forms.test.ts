import { describe, expect, it } from 'vitest';
import {
  emailInSubtree,
  emailSyntaxProblem,
  hostInSubtree,
  uriHost,
} from '../src/chain/nameConstraints.js';
import { type ChainResult, verifyChain } from '../src/chain/verifyChain.js';
import { readCertificates } from '../src/read/readCertificates.js';
import type { CertificateInfo } from '../src/x509/CertificateInfo.js';
import { fixture } from './fixtures.js';

/**
 * Name constraints on email addresses and URIs, as CryptoAPI checks them (Wine crypt32
 * `rfc822_name_matches`, `url_matches`, `domain_name_matches`; RFC 5280 §4.2.1.10), and the forms
 * Windows does not support (Microsoft, CERT_TRUST_STATUS: CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT).
 * docs/wine-differences.md gives the evidence per form.
 */

type Outcome = 'match' | 'no match' | 'cannot check';

function email(constraint: string, name: string): Outcome {
  if (emailSyntaxProblem(name)) return 'cannot check';
  return emailInSubtree(name, constraint) ? 'match' : 'no match';
}

function uri(constraint: string, name: string): Outcome {
  const parsed = uriHost(name);
  if ('problem' in parsed) return 'cannot check';
  return hostInSubtree(parsed.host, constraint) ? 'match' : 'no match';
}

describe('rfc822Name constraint × name', () => {
  const rows: Array<[constraint: string, name: string, expected: Outcome, why: string]> = [
    ['good@good.org', 'good@good.org', 'match', 'a mailbox constraint is that mailbox'],
    [
      'good@good.org',
      'GOOD@Good.Org',
      'match',
      'compared ignoring case, local part too (CryptoAPI)',
    ],
    ['good@good.org', 'other@good.org', 'no match', 'another mailbox of the host'],
    ['good@good.org', 'good@x.good.org', 'no match', 'the mailbox names one host'],
    ['good.com', 'any@good.com', 'match', 'a host constraint: any mailbox at that host'],
    ['good.com', 'any@GOOD.COM', 'match', 'the host ignoring case'],
    ['good.com', 'any@x.good.com', 'no match', 'a host constraint does not reach subdomains'],
    ['good.com', 'any@notgood.com', 'no match', 'not a suffix match'],
    ['.good.com', 'any@x.good.com', 'match', 'a domain constraint: any host below'],
    ['.good.com', 'any@a.b.good.com', 'match', 'several labels below'],
    ['.good.com', 'any@good.com', 'no match', 'a domain constraint excludes the host itself'],
    ['.good.com', 'any@xgood.com', 'no match', 'the dot is a label boundary'],
    ['good.com', 'good.com', 'cannot check', 'no "@": not a mailbox, fails closed'],
    ['good.com', 'a@b@good.com', 'cannot check', 'two "@": read two ways, fails closed'],
    ['good.com', '@good.com', 'cannot check', 'empty local part'],
    ['good.com', 'any@', 'cannot check', 'empty host'],
    [
      '.kontoso.com',
      'any@\u212aontoso.com',
      'cannot check',
      'a Kelvin sign is not IA5 (no Unicode case folding)',
    ],
  ];
  it.each(rows)('%s against %s: %s (%s)', (constraint, name, expected) => {
    expect(email(constraint, name)).toBe(expected);
  });
});

describe('uniformResourceIdentifier constraint × name', () => {
  const rows: Array<[constraint: string, name: string, expected: Outcome, why: string]> = [
    ['good.org', 'https://good.org/', 'match', 'the host is compared'],
    ['good.org', 'https://GOOD.org', 'match', 'ignoring case'],
    [
      'good.org',
      'https://good.org:8531/ClientWebService/client.asmx',
      'match',
      'port and path are not the host',
    ],
    ['good.org', 'https://good.org?q=1', 'match', 'a query right after the host'],
    [
      'good.org',
      'foo://%40something@good.org',
      'match',
      'user information is not the host (OpenSSL nc-uri)',
    ],
    ['good.org', 'bar://other@good.org/baz/quux', 'match', 'user information and path'],
    ['good.org', 'https://x.good.org/', 'no match', 'a host constraint does not reach subdomains'],
    ['good.org', 'https://good.org.evil.net/', 'no match', 'the host, not a prefix'],
    ['good.org', 'https://good.org@evil.net/', 'no match', 'the host is after the last "@"'],
    ['.good.org', 'https://sup01.good.org:8531/', 'match', 'a domain constraint: any host below'],
    ['.good.org', 'https://good.org/', 'no match', 'the domain excludes the host itself'],
    ['good.org', 'urn:good.org', 'cannot check', 'no authority: RFC 5280 says reject'],
    ['good.org', 'good.org', 'cannot check', 'no scheme'],
    ['good.org', 'https:///path', 'cannot check', 'empty host'],
    ['good.org', 'https://[2001:db8::1]/', 'cannot check', 'an IP literal is not a domain name'],
    ['good.org', 'https://192.0.2.1:443/', 'cannot check', 'an IPv4 address is not a domain name'],
    ['good.org', 'https://g\u00f6od.org/', 'cannot check', 'not IA5: an IRI, not a URI'],
  ];
  it.each(rows)('%s against %s: %s (%s)', (constraint, name, expected) => {
    expect(uri(constraint, name)).toBe(expected);
  });
});

// ---- chains: OpenSSL's name-constraint certificates (certs-fixtures/openssl-nc) ----

const AT = new Date('2026-06-01T00:00:00Z');
const load = async (stem: string): Promise<CertificateInfo> =>
  (await readCertificates(fixture(`openssl-nc/${stem}-cert.pem`))).certificates[0]!;

async function chain(leaf: string, intermediates: string[]): Promise<ChainResult> {
  return verifyChain(await load(leaf), {
    trustAnchors: [await load('root')],
    intermediates: await Promise.all(intermediates.map(load)),
    at: AT,
    requiredEku: '1.3.6.1.5.5.7.3.1',
  });
}
const ncMessages = (r: ChainResult): string[] =>
  r.problems.filter((p) => p.code === 'NAME_CONSTRAINTS').map((p) => p.message);

describe('OpenSSL test/certs name-constraint chains (test/recipes/25-test_verify.t)', () => {
  // [leaf, intermediates, OpenSSL's verdict, supcert's, a text every NAME_CONSTRAINTS message set must contain]
  const rows: Array<[string, string[], 'accepts' | 'rejects', 'valid' | 'invalid', string]> = [
    ['alt1', ['ncca1'], 'accepts', 'valid', ''],
    ['alt2', ['ncca2'], 'accepts', 'valid', ''],
    ['alt3', ['ncca1', 'ncca3'], 'accepts', 'valid', ''],
    ['goodcn1', ['ncca1'], 'accepts', 'valid', ''],
    ['goodcn2', ['ncca1'], 'accepts', 'valid', ''],
    ['nc-uri', ['ncca4'], 'accepts', 'valid', ''],
    ['badalt1', ['ncca1'], 'rejects', 'invalid', 'email address "other@good.org" is outside'],
    ['badalt2', ['ncca2'], 'rejects', 'invalid', 'DNS name "any.bad.com" is in the excluded'],
    ['badalt3', ['ncca1'], 'rejects', 'invalid', 'subject emailAddress "any@other.com" is outside'],
    ['badalt4', ['ncca1'], 'rejects', 'invalid', 'subject emailAddress "any@other.com" is outside'],
    ['badalt5', ['ncca1'], 'rejects', 'invalid', 'IP address 127.0.0.2 is outside'],
    ['badalt8', ['ncca1', 'ncca3'], 'rejects', 'invalid', 'DNS name "www.good.net" is outside'],
    ['badalt9', ['ncca1', 'ncca3'], 'rejects', 'invalid', 'DNS name "www.good.com" is outside'],
    ['badalt10', ['ncca1', 'ncca3'], 'rejects', 'invalid', '"bad.ok.good.com" is in the excluded'],
    ['bad-othername', ['nccaothername'], 'rejects', 'invalid', 'a form Windows does not support'],
  ];
  it.each(rows)(
    '%s via %j: OpenSSL %s, supcert %s',
    async (leaf, mids, _openssl, verdict, text) => {
      const result = await chain(leaf, mids);
      expect(result.valid).toBe(verdict === 'valid');
      if (verdict === 'valid') expect(result.problems).toEqual([]);
      else {
        expect(result.problems.map((p) => p.code)).toEqual(
          result.problems.map(() => 'NAME_CONSTRAINTS'),
        );
        expect(ncMessages(result).join('\n')).toContain(text);
      }
    },
  );

  // Windows checks a subject CN as a DNS name only without any SAN; OpenSSL also when the SAN has
  // no dNSName. badcn1 (CN bad.net) has a SAN of one IP address, badalt6/7 (CN other.good.org) a
  // SAN of email addresses and an IP address: supcert follows Windows (Wine crypt32
  // CRYPT_CheckNameConstraints reads the SAN and the subject as a directoryName, never a CN).
  it.each(['badcn1', 'badalt6', 'badalt7'])(
    '%s (a CN outside, SAN without dNSName): OpenSSL rejects, supcert (as Windows) accepts',
    async (leaf) => {
      expect((await chain(leaf, ['ncca1'])).problems).toEqual([]);
    },
  );
});

// ---- chains: one constrained CA per name form (certs-fixtures/name-constraints/make.sh) ----

describe('SUP leaves under a CA constraining each name form (certs-fixtures/name-constraints)', () => {
  const loadForm = async (stem: string): Promise<CertificateInfo> =>
    (await readCertificates(fixture(`name-constraints/${stem}.pem`))).certificates[0]!;
  async function formChain(leaf: string, ca: string): Promise<ChainResult> {
    const root = await loadForm('root');
    return verifyChain(await loadForm(leaf), {
      trustAnchors: [root],
      intermediates: [await loadForm(ca)],
      at: new Date(root.notBefore.getTime() + 86_400_000),
      requiredEku: '1.3.6.1.5.5.7.3.1',
    });
  }
  // [leaf, constrained CA, OpenSSL 3.0's verdict (make.sh prints it), supcert's, text of its messages]
  const rows: Array<[string, string, 'ok' | 'rejected', 'valid' | 'invalid', string]> = [
    ['email-good', 'email-ca', 'ok', 'valid', ''],
    [
      'email-san-outside',
      'email-ca',
      'rejected',
      'invalid',
      'email address "admin@fabrikam.com" is outside the permitted subtrees (".contoso.com")',
    ],
    [
      'email-subject-outside',
      'email-ca',
      'rejected',
      'invalid',
      'subject emailAddress "wsus@fabrikam.com" is outside',
    ],
    ['uri-good', 'uri-ca', 'ok', 'valid', ''],
    [
      'uri-outside',
      'uri-ca',
      'rejected',
      'invalid',
      'URI "https://sup01.fabrikam.com/" is outside the permitted subtrees (".contoso.com")',
    ],
    [
      'uri-no-host',
      'uri-ca',
      'rejected',
      'invalid',
      'cannot be checked against the name constraints: it has no "scheme://" authority',
    ],
    ['upn-absent', 'upn-ca', 'ok', 'valid', ''],
    [
      'upn-present',
      'upn-ca',
      'rejected',
      'invalid',
      'the CA constrains UPN names, whose matching Windows does not document',
    ],
    // OpenSSL applies a constraint only to names of its form; Windows documents registeredID as
    // unsupported in a name constraint (CERT_TRUST_HAS_NOT_SUPPORTED_NAME_CONSTRAINT).
    [
      'rid-absent',
      'rid-ca',
      'ok',
      'invalid',
      '"registeredID" names, a form Windows does not support',
    ],
  ];
  it.each(rows)(
    '%s under %s: OpenSSL %s, supcert %s',
    async (leaf, ca, _openssl, verdict, text) => {
      const result = await formChain(leaf, ca);
      expect(result.valid).toBe(verdict === 'valid');
      if (verdict === 'valid') expect(result.problems).toEqual([]);
      else {
        expect(result.problems.map((p) => p.code)).toEqual(['NAME_CONSTRAINTS']);
        expect(result.problems[0]!.message).toContain(text);
      }
    },
  );
});
