import { describe, expect, it } from 'vitest';
import * as hostile from '../scripts/hostile/chain.mjs';
import { explainHostMatch, readCertificates, verifyChain } from '../src/index.js';
import type { CertificateInfo } from '../src/index.js';
import { normalizeHost } from '../src/names/hostname.js';
import { nameWithinSubtree, normaliseName, normalisedRdns } from '../src/names/directoryName.js';
import {
  type IdProfile,
  type PresentedKind,
  type WildcardShape,
  dnsNameInSubtree,
  matchPresented,
  parseWildcard,
  presentedId,
  wildcardReachesSubtree,
} from '../src/names/presentedId.js';
import { readWhole } from '../src/asn1/ber.js';
import { blankCertificate } from '../src/x509/blankCertificate.js';
import { der, oid, seq } from './der.js';

/**
 * One presented-versus-reference table for src/names/presentedId.ts (the only matcher): each row
 * is a presented identifier (SAN dNSName, SAN iPAddress or subject CN, as written in a
 * certificate), the reference identifier (the host a client connects to), the profile, and the
 * answer: 'exact', 'wildcard' or false. Each windows/strict row is also asked of
 * explainHostMatch on a certificate holding only that identifier (a CN row: no SAN at all), so
 * the certificate-level matcher and the table cannot drift apart. `lax` rows are RFC 2818's
 * loose reading, used only to explain why a name fails (requiredNames' "bad-wildcard").
 *
 * Then the wildcard model (parseWildcard), the name-constraint subtree and reach questions, and
 * the one DN normalisation (names/directoryName.ts), with verifyChain showing that path building
 * and directoryName constraints now agree on a name that differs only in a Unicode compatibility
 * form.
 */

type Presented = { san: string } | { ip: string } | { cn: string };
type Expected = 'exact' | 'wildcard' | false;
interface Row {
  presented: Presented;
  reference: string;
  profile: IdProfile;
  expected: Expected;
  why: string;
}

const row = (
  presented: Presented,
  reference: string,
  profile: IdProfile,
  expected: Expected,
  why: string,
): Row => ({ presented, reference, profile, expected, why });

const kindOf = (p: Presented): [PresentedKind, string] =>
  'san' in p ? ['san-dns', p.san] : 'ip' in p ? ['san-ip', p.ip] : ['cn', p.cn];

const W = 'windows';
const S = 'strict';
const L = 'lax';

const ROWS: Row[] = [
  // ---- exact, case, trailing dot ----
  row({ san: 'sup01.corp.contoso.com' }, 'sup01.corp.contoso.com', W, 'exact', 'same name'),
  row({ san: 'sup01.corp.contoso.com' }, 'sup01.corp.contoso.com', S, 'exact', 'same name'),
  row({ san: 'SUP01.Corp.Contoso.COM' }, 'sup01.corp.contoso.com', W, 'exact', 'case ignored'),
  row({ san: 'sup01.corp.contoso.com' }, 'SUP01.CORP.CONTOSO.COM', S, 'exact', 'case ignored'),
  row(
    { san: 'sup01.corp.contoso.com' },
    'sup01.corp.contoso.com.',
    W,
    'exact',
    "one trailing dot of the host's ignored",
  ),
  row(
    { san: 'sup01.corp.contoso.com' },
    'sup01.corp.contoso.com..',
    W,
    false,
    'two trailing dots are an empty label, not ignored',
  ),
  row(
    { san: 'sup01.corp.contoso.com.' },
    'sup01.corp.contoso.com',
    W,
    false,
    'a SAN dNSName ending in a dot counts for nothing',
  ),
  row(
    { san: 'sup01.corp.contoso.com.' },
    'sup01.corp.contoso.com.',
    S,
    false,
    'a SAN dNSName ending in a dot counts for nothing, whatever the host',
  ),
  row(
    { cn: 'sup01.corp.contoso.com.' },
    'sup01.corp.contoso.com',
    W,
    false,
    'a CN ending in a dot counts for nothing, like a SAN dNSName (Wine: one more, empty, label)',
  ),
  row(
    { cn: 'sup01.corp.contoso.com.' },
    'sup01.corp.contoso.com.',
    W,
    false,
    'a CN ending in a dot counts for nothing, whatever the host',
  ),
  row(
    { cn: ' sup01.corp.contoso.com' },
    'sup01.corp.contoso.com',
    W,
    false,
    'a CN with white space at its start counts for nothing (compared as part of the name)',
  ),
  row(
    { cn: 'sup01.corp.contoso.com ' },
    'sup01.corp.contoso.com',
    W,
    false,
    'a CN with white space at its end counts for nothing',
  ),
  row(
    { san: 'sup01.corp.contoso.com ' },
    'sup01.corp.contoso.com',
    W,
    false,
    'a SAN dNSName with white space at its end counts for nothing',
  ),
  row(
    { cn: '\u212aey.contoso.com' },
    'key.contoso.com',
    W,
    false,
    'a Kelvin sign in a CN is no "k": the CN is never converted as an IDN',
  ),
  row(
    { cn: '\u0130nfo.contoso.com' },
    'i\u0307nfo.contoso.com',
    W,
    false,
    'a dotted capital I in a CN is not lowercased through IDNA',
  ),
  row({ san: 'sup02.corp.contoso.com' }, 'sup01.corp.contoso.com', W, false, 'another host'),
  row({ san: 'corp.contoso.com' }, 'sup01.corp.contoso.com', W, false, 'no suffix matching'),
  row({ san: 'sup01.corp.contoso.com' }, 'corp.contoso.com', W, false, 'no prefix matching'),
  row(
    { san: 'sup01.corp.contoso.com\0.evil.example' },
    'sup01.corp.contoso.com',
    W,
    false,
    'a NUL in the presented name',
  ),
  row(
    { san: 'sup01.corp.contoso.com' },
    'sup01.corp.contoso.com\0.evil.example',
    W,
    false,
    'a NUL in the host',
  ),
  row({ san: '' }, '', W, false, 'an empty host names nothing'),

  // ---- IDNA: A-labels and U-labels ----
  row(
    { san: 'xn--bcher-kva.contoso.com' },
    'bücher.contoso.com',
    W,
    'exact',
    'a U-label host is compared as its A-label',
  ),
  row(
    { san: 'xn--bcher-kva.contoso.com' },
    'XN--BCHER-KVA.contoso.com',
    S,
    'exact',
    'A-labels compare without case',
  ),
  row(
    { san: 'bücher.contoso.com' },
    'bücher.contoso.com',
    W,
    false,
    'a U-label (raw UTF-8) in a SAN dNSName never matches',
  ),
  row(
    { san: 'bücher.contoso.com' },
    'xn--bcher-kva.contoso.com',
    S,
    false,
    'nor is it converted into a match for the A-label',
  ),
  row(
    { cn: 'bücher.contoso.com' },
    'xn--bcher-kva.contoso.com',
    W,
    false,
    'a U-label CN is never compared as its A-label (Windows compares the CN as it is)',
  ),
  row(
    { cn: 'bücher.contoso.com' },
    'bücher.contoso.com',
    W,
    false,
    'a U-label CN counts for nothing, even for the same U-label host (the stricter reading)',
  ),
  row(
    { san: '*.xn--80ato2c.cryptography' },
    'foo.пыка.cryptography',
    W,
    'wildcard',
    'a wildcard over A-labels, the host in U-labels',
  ),
  row(
    { san: 'xn--*-1b3c148a.example.com' },
    'xn--abc-1b3c148a.example.com',
    W,
    false,
    'a "*" inside an A-label is a partial-label wildcard',
  ),

  // ---- wildcard positions ----
  row({ san: '*.corp.contoso.com' }, 'sup01.corp.contoso.com', W, 'wildcard', 'left-most label'),
  row({ san: '*.corp.contoso.com' }, 'sup01.corp.contoso.com', S, 'wildcard', 'left-most label'),
  row({ san: '*.corp.contoso.com' }, 'sup01.corp.contoso.com', L, 'wildcard', 'left-most label'),
  row(
    { san: '*.Corp.Contoso.COM' },
    'SUP01.corp.contoso.com',
    W,
    'wildcard',
    'case ignored on both sides',
  ),
  row({ san: '*.corp.contoso.com' }, 'corp.contoso.com', W, false, '"*" is one label, not none'),
  row({ san: '*.corp.contoso.com' }, 'corp.contoso.com', L, false, 'labels counted one for one'),
  row(
    { san: '*.corp.contoso.com' },
    'a.sup01.corp.contoso.com',
    W,
    false,
    '"*" is one label, not two',
  ),
  row(
    { san: '*.corp.contoso.com' },
    'a.sup01.corp.contoso.com',
    L,
    false,
    '"*" is one label, not two',
  ),
  row({ san: '*.corp.contoso.com' }, '.corp.contoso.com', W, false, '"*" is one non-empty label'),
  row(
    { san: '*.corp.contoso.com' },
    '*.corp.contoso.com',
    W,
    false,
    'a host is a name, never a pattern',
  ),
  row(
    { san: '*.corp.contoso.com.' },
    'sup01.corp.contoso.com',
    W,
    false,
    'a SAN wildcard ending in a dot counts for nothing either',
  ),
  row({ san: 'sup*.contoso.com' }, 'sup01.contoso.com', W, false, 'partial label: literal text'),
  row({ san: 'sup*.contoso.com' }, 'sup01.contoso.com', S, false, 'partial label: literal text'),
  row({ san: 'sup*.contoso.com' }, 'sup01.contoso.com', L, 'wildcard', 'RFC 2818 allows it'),
  row({ san: 'f*.example.com' }, 'foo.example.com', W, false, 'partial label'),
  row({ san: 'f*.example.com' }, 'foo.example.com', L, 'wildcard', 'RFC 2818: f* matches foo'),
  row({ san: 'f*.example.com' }, 'bar.example.com', L, false, 'RFC 2818: f* does not match bar'),
  row({ san: '*oo.example.com' }, 'foo.example.com', L, 'wildcard', 'RFC 2818: suffix glob'),
  row({ san: 'w*s.contoso.com' }, 'wsus.contoso.com', L, 'wildcard', 'RFC 2818: inner glob'),
  row({ san: 'w*s.contoso.com' }, 'wsus.contoso.com', W, false, 'partial label'),
  row(
    { san: 'sup01.*.contoso.com' },
    'sup01.corp.contoso.com',
    W,
    false,
    '"*" not in the left-most label',
  ),
  row(
    { san: 'sup01.*.contoso.com' },
    'sup01.corp.contoso.com',
    L,
    'wildcard',
    'the lax reading allows "*" in any label',
  ),
  row({ san: '*.*.example.com' }, 'a.b.example.com', W, false, 'several "*"'),
  row({ san: '*.*.example.com' }, 'a.b.example.com', S, false, 'several "*"'),
  row({ san: '*.*.example.com' }, 'a.b.example.com', L, 'wildcard', 'the lax reading'),
  row({ san: '*' }, 'sup01', W, false, '"*" alone names no domain'),
  row({ san: '*' }, 'sup01', L, 'wildcard', 'the lax reading: one label for one label'),
  row({ san: '*' }, 'example.com', L, false, 'the lax reading: one label, not two'),
  row({ san: '*.com' }, 'example.com', W, false, 'over a single label (public suffix)'),
  row({ san: '*.com' }, 'example.com', S, false, 'over a single label (public suffix)'),
  row({ san: '*.com' }, 'example.com', L, 'wildcard', 'the lax reading'),
  row({ san: '*.local' }, 'sup01.local', W, false, 'over a single label'),
  row(
    { san: '*.co.uk' },
    'contoso.co.uk',
    W,
    'wildcard',
    'two labels after "*": no Public Suffix List in CryptoAPI',
  ),
  row(
    { cn: '*.corp.contoso.com' },
    'sup01.corp.contoso.com',
    W,
    'wildcard',
    'a CN wildcard without a SAN: the same rules (Wine chain.c chain31)',
  ),
  row(
    { cn: '*.corp.contoso.com' },
    'sup01.corp.contoso.com',
    S,
    false,
    'RFC 9525: the CN is never an identifier',
  ),
  row({ cn: 'sup*.contoso.com' }, 'sup01.contoso.com', W, false, 'partial label in the CN'),
  row({ cn: 'sup*.contoso.com' }, 'sup01.contoso.com', L, 'wildcard', 'the lax reading'),

  // ---- IP addresses ----
  row({ ip: '10.0.0.5' }, '10.0.0.5', W, 'exact', 'iPAddress entry'),
  row({ ip: '10.0.0.5' }, '10.0.0.5', S, 'exact', 'iPAddress entry'),
  row({ ip: '10.0.0.5' }, '10.0.0.6', W, false, 'another address'),
  row({ ip: 'ff::' }, 'FF:0:0:0:0:0:0:0', W, 'exact', 'IPv6 compared as an address'),
  row({ ip: 'ff::' }, '[ff::]', S, 'exact', 'brackets dropped'),
  row({ ip: '10.0.0.5' }, 'sup01.corp.contoso.com', W, false, 'an address names no DNS host'),
  row(
    { san: '10.0.0.5' },
    '10.0.0.5',
    W,
    false,
    'an address written in a dNSName is text, not an IP identity',
  ),
  row({ cn: '10.0.0.5' }, '10.0.0.5', W, 'exact', 'without a SAN, Windows compares the CN as text'),
  row({ cn: '10.0.0.5' }, '10.0.0.5', S, false, 'RFC 9525: the CN is never an identifier'),
  row({ cn: '10.0.0.*' }, '10.0.0.5', W, false, 'no wildcard in an address'),

  // ---- NetBIOS (single-label) names ----
  row({ san: 'sup01' }, 'sup01', W, 'exact', 'a short name matches as plain text'),
  row({ san: 'sup01' }, 'SUP01', S, 'exact', 'case ignored'),
  row({ san: 'sup01.corp.contoso.com' }, 'sup01', W, false, 'an FQDN does not name the short name'),
  row({ san: 'sup01' }, 'sup01.corp.contoso.com', W, false, 'nor the short name the FQDN'),
  row({ san: '*' }, 'sup01', S, false, '"*" alone is no wildcard'),
  row({ cn: 'SUP01' }, 'sup01', W, 'exact', 'a short CN without a SAN'),
];

/** A certificate presenting only `p`: a CN row has no SAN at all, a SAN row no CN. */
function certificateWith(p: Presented): CertificateInfo {
  const [kind, raw] = kindOf(p);
  return {
    ...blankCertificate(new Uint8Array(0), 'table'),
    dnsNames: kind === 'san-dns' ? [raw] : kind === 'san-ip' ? [] : null,
    ipAddresses: kind === 'san-ip' ? [raw] : [],
    commonNames: kind === 'cn' ? [raw] : [],
  };
}

const label = (r: Row): string =>
  `${JSON.stringify(r.presented)} vs ${JSON.stringify(r.reference)} (${r.profile}): ${String(r.expected)}, ${r.why}`;

describe('presented versus reference identifier', () => {
  it('the table covers every profile, kind and answer', () => {
    const seen = (f: (r: Row) => string): string[] => [...new Set(ROWS.map(f))].sort();
    expect(seen((r) => r.profile)).toEqual(['lax', 'strict', 'windows']);
    expect(seen((r) => kindOf(r.presented)[0])).toEqual(['cn', 'san-dns', 'san-ip']);
    expect(seen((r) => String(r.expected))).toEqual(['exact', 'false', 'wildcard']);
    expect(ROWS.length).toBeGreaterThanOrEqual(70);
  });

  it.each(ROWS.map((r) => [label(r), r] as const))('%s', (_label, r) => {
    const [kind, raw] = kindOf(r.presented);
    expect(matchPresented(presentedId(kind, raw), normalizeHost(r.reference), r.profile)).toBe(
      r.expected,
    );
    if (r.profile === 'lax') return;
    const m = explainHostMatch(certificateWith(r.presented), r.reference, r.profile);
    expect(m.matched).toBe(r.expected !== false);
    if (r.expected !== false) {
      const via = {
        'san-dns': { exact: 'san-dns', wildcard: 'san-wildcard' },
        'san-ip': { exact: 'san-ip', wildcard: 'san-ip' },
        cn: { exact: 'cn', wildcard: 'cn-wildcard' },
      }[kind][r.expected];
      expect(m.via).toBe(via);
    }
  });

  it('a SAN hides the CN: the same CN row fails once the certificate has a SAN (certificate level)', () => {
    const cert = { ...certificateWith({ cn: 'sup01.corp.contoso.com' }), dnsNames: [] };
    const cn = presentedId('cn', 'sup01.corp.contoso.com');
    expect(matchPresented(cn, normalizeHost('sup01.corp.contoso.com'), 'windows')).toBe('exact');
    expect(explainHostMatch(cert, 'sup01.corp.contoso.com').matched).toBe(false);
  });
});

describe('the wildcard model (parseWildcard)', () => {
  const rows: Array<[string, WildcardShape | null, string | null, boolean]> = [
    // text, shape, base, honoured by Windows and RFC 9525
    ['*.corp.contoso.com', 'left-most-label', 'corp.contoso.com', true],
    ['*.co.uk', 'left-most-label', 'co.uk', true],
    ['*.local', 'left-most-label', 'local', false],
    ['*.com', 'left-most-label', 'com', false],
    ['*.', 'left-most-label', '', false],
    ['*', 'alone', null, false],
    ['f*.example.com', 'partial-label', null, false],
    ['*oo.example.com', 'partial-label', null, false],
    ['xn--*-1b3c148a.example.com', 'partial-label', null, false],
    ['foo.*.example.com', 'inner-label', null, false],
    ['*.*.example.com', 'several', '*.example.com', false],
    ['s*p*.contoso.com', 'several', null, false],
    ['sup01.contoso.com', null, null, false],
  ];
  it.each(rows)('%s: %s, base %s, honoured %s', (text, shape, base, honoured) => {
    const w = parseWildcard(text);
    if (shape === null) {
      expect(w).toBeNull();
      return;
    }
    expect(w).not.toBeNull();
    expect([w!.shape, w!.base, w!.windows, w!.strict]).toEqual([shape, base, honoured, honoured]);
    expect(w!.labels.join('.')).toBe(text);
  });
});

describe('name constraints: dNSName subtrees and the reach of a wildcard', () => {
  const rows: Array<[string, string, 'within' | 'reaches' | 'outside']> = [
    // SAN dNSName, subtree, answer
    ['sup01.corp.contoso.com', 'contoso.com', 'within'],
    ['contoso.com', 'contoso.com', 'within'],
    ['SUP01.Contoso.COM.', 'contoso.com', 'within'],
    ['notcontoso.com', 'contoso.com', 'outside'],
    ['sup01.contoso.com', '', 'within'],
    ['*.contoso.com', 'contoso.com', 'within'],
    ['*.corp.contoso.com', 'contoso.com', 'within'],
    ['*.contoso.com', 'secret.contoso.com', 'reaches'],
    ['*.Contoso.com.', 'secret.contoso.com', 'reaches'],
    ['*.contoso.com', 'a.secret.contoso.com', 'outside'],
    ['*.corp.contoso.com', 'other.contoso.com', 'outside'],
    // Not honoured by Windows, yet an excluded subtree is closed to whatever might reach it.
    ['*.com', 'contoso.com', 'reaches'],
    ['sup*.contoso.com', 'sup01.contoso.com', 'outside'],
    ['*.*.contoso.com', 'secret.contoso.com', 'outside'],
  ];
  it.each(rows)('%s against %s: %s', (name, subtree, answer) => {
    const w = parseWildcard(name.toLowerCase());
    const within = dnsNameInSubtree(name, subtree);
    const reaches = !within && w !== null && wildcardReachesSubtree(w, subtree);
    expect(within ? 'within' : reaches ? 'reaches' : 'outside').toBe(answer);
  });
});

// ---- distinguished names ----
const utf8 = (s: string): Buffer => der(0x0c, Buffer.from(s, 'utf8'));
const printable = (s: string): Buffer => der(0x13, Buffer.from(s, 'latin1'));
const OIDS = { cn: '550403', o: '55040a' } as const;
type Atv = [keyof typeof OIDS, Buffer];
/** A Name: one array of attributes per RDN. */
const dn = (...rdns: Atv[][]): Buffer =>
  seq(...rdns.map((rdn) => der(0x31, ...rdn.map(([t, v]) => seq(oid(OIDS[t]), v)))));

describe('one DN normalisation for path building, CRL issuers and directoryName constraints', () => {
  const rows: Array<[string, Buffer, Buffer, boolean]> = [
    ['the same name', dn([['cn', utf8('Contoso Root')]]), dn([['cn', utf8('Contoso Root')]]), true],
    ['case', dn([['cn', utf8('Contoso Root')]]), dn([['cn', utf8('CONTOSO root')]]), true],
    [
      'outer and inner white space',
      dn([['cn', utf8('  Contoso   Root ')]]),
      dn([['cn', utf8('Contoso Root')]]),
      true,
    ],
    [
      'PrintableString and UTF8String of the same text',
      dn([['cn', printable('Contoso Root')]]),
      dn([['cn', utf8('Contoso Root')]]),
      true,
    ],
    [
      'a multi-valued RDN in another order',
      dn([
        ['cn', utf8('a')],
        ['o', utf8('b')],
      ]),
      dn([
        ['o', utf8('b')],
        ['cn', utf8('a')],
      ]),
      true,
    ],
    [
      'full-width letters (no NFKC: CryptoAPI folds no compatibility forms)',
      dn([['cn', utf8('Ｃｏｎｔｏｓｏ Root')]]),
      dn([['cn', utf8('Contoso Root')]]),
      false,
    ],
    [
      'the ligature "ﬁ" is not "fi"',
      dn([['o', utf8('Contoso ﬁnance')]]),
      dn([['o', utf8('Contoso finance')]]),
      false,
    ],
    ['another attribute type', dn([['cn', utf8('Contoso')]]), dn([['o', utf8('Contoso')]]), false],
    [
      'a value holding "+" is not a multi-valued RDN',
      dn([['cn', utf8('a+2.5.4.3=b')]]),
      dn([
        ['cn', utf8('a')],
        ['cn', utf8('b')],
      ]),
      false,
    ],
    [
      'a value holding "/" is not two RDNs',
      dn([['cn', utf8('a/2.5.4.3=b')]]),
      dn([['cn', utf8('a')]], [['cn', utf8('b')]]),
      false,
    ],
    [
      'a value holding a JSON-looking separator is not two RDNs',
      dn([['cn', utf8('a"]/["2.5.4.3=b')]]),
      dn([['cn', utf8('a')]], [['cn', utf8('b')]]),
      false,
    ],
  ];

  it.each(
    rows.map(
      ([what, a, b, same]) =>
        [`${what}: ${same ? 'the same name' : 'different names'}`, a, b, same] as const,
    ),
  )('%s', (_what, a, b, same) => {
    expect(normaliseName(a) === normaliseName(b)).toBe(same);
    // directoryName constraints compare the same normalised RDNs: a name is within the subtree
    // of an equal name, and not within that of a different one-RDN name.
    const ctx = { maxDepth: 32, what: 'test name' };
    const rdns = (d: Buffer): string[] => normalisedRdns(readWhole(d, ctx), ctx);
    expect(nameWithinSubtree(rdns(a), rdns(b))).toBe(same);
  });

  const one = async (bytes: Buffer): Promise<CertificateInfo> =>
    (await readCertificates(bytes)).certificates[0]!;
  const AT = new Date('2027-06-01T00:00:00Z');

  const FULL_WIDTH_ROOT = dn([['cn', utf8('Ｃｏｎｔｏｓｏ Root')]]);
  /**
   * Root `rootName` (default "Ｃｏｎｔｏｓｏ Root", full-width; subject key identifier 20 × 0x11),
   * and a leaf whose issuer is written `issuer`, signed by the root's key, with an authority key
   * identifier naming the root's key when `aki`. The problems verifyChain reports.
   */
  async function chainProblems(
    issuer: Buffer,
    {
      aki = false,
      rootName = FULL_WIDTH_ROOT,
      akiValue,
    }: { aki?: boolean; rootName?: Buffer; akiValue?: Buffer } = {},
  ): Promise<{ code: string; message: string }[]> {
    const rootKey = hostile.keyPair('presented root');
    const leafKey = hostile.keyPair('presented leaf');
    const keyId = Buffer.alloc(20, 0x11);
    const root = hostile.certificate({
      subject: rootName,
      issuer: rootName,
      spki: rootKey.spki,
      issuerKey: rootKey.privateKey,
      extensions: [...hostile.caExtensions(), seq(oid('551d0e'), der(0x04, der(0x04, keyId)))],
    });
    const leaf = hostile.certificate({
      serial: 2,
      subject: 'sup01.contoso.com',
      issuer,
      spki: leafKey.spki,
      issuerKey: rootKey.privateKey,
      extensions: [
        ...hostile.leafExtensions(),
        ...(aki ? [seq(oid('551d23'), der(0x04, seq(der(0x80, keyId))))] : []),
        ...(akiValue ? [seq(oid('551d23'), der(0x04, akiValue))] : []),
      ],
    });
    const result = await verifyChain(await one(leaf), { trustAnchors: [await one(root)], at: AT });
    return result.problems;
  }
  const chainTo = async (
    issuer: Buffer,
    opts: { aki?: boolean; rootName?: Buffer; akiValue?: Buffer } = {},
  ) => (await chainProblems(issuer, opts)).map((p) => p.code);

  it('path building: an issuer written as the full-width name chains; its NFKC form does not, even by key identifier', async () => {
    expect(await chainTo(FULL_WIDTH_ROOT)).toEqual([]);
    expect(await chainTo(dn([['cn', utf8('Contoso Root')]]))).toContain('NO_PATH');
    expect(await chainTo(dn([['cn', utf8('Contoso Root')]]), { aki: true })).toContain('NO_PATH');
  });

  // CryptoAPI finds an issuer by key identifier or else by its encoded name, byte for byte (the
  // name match is case sensitive); Wine's crypt32 gives a partial chain for every row without the
  // key identifier (scripts/wine-oracle/names-corpus.mjs, group chain-issuer).
  const PRINTABLE_ROOT = dn([
    ['o', printable('Contoso')],
    ['cn', printable('Contoso Root')],
  ]);
  it.each([
    ['case', FULL_WIDTH_ROOT, dn([['cn', utf8('ＣＯＮＴＯＳＯ root')]])],
    ['white space', FULL_WIDTH_ROOT, dn([['cn', utf8(' Ｃｏｎｔｏｓｏ  Root')]])],
    [
      'string type (UTF8String for PrintableString)',
      PRINTABLE_ROOT,
      dn([
        ['o', utf8('Contoso')],
        ['cn', utf8('Contoso Root')],
      ]),
    ],
  ])(
    'path building: an issuer name that differs from the subject only in %s chains by key identifier only',
    async (_what, rootName, issuer) => {
      const byName = await chainProblems(issuer, { rootName });
      expect(byName.map((p) => p.code)).toEqual(['NO_PATH']);
      expect(byName[0]!.message).toMatch(
        /has that name only when case, spacing or string type are ignored: Windows finds an issuer by its encoded name, byte for byte/,
      );
      expect(await chainTo(issuer, { rootName, aki: true })).toEqual([]);
      expect(await chainTo(rootName, { rootName })).toEqual([]);
    },
  );

  // An authority key identifier with authorityCertIssuer and authorityCertSerialNumber (and no
  // keyIdentifier) names the issuer certificate itself: CryptoAPI's "exact match" looks the issuer
  // up by that certificate's issuer name and serial number, not by the leaf's issuer name (Microsoft
  // Press, "Windows Server 2003 PKI and Certificate Security", ch. 9). Wine's crypt32 chains this
  // leaf (CERT_TRUST_HAS_EXACT_MATCH_ISSUER) although its issuer name is the root's subject in
  // UTF8String where the root says PrintableString.
  it('path building: an issuer name in another string type chains by an exact-match authority key identifier (issuer and serial number)', async () => {
    const issuer = dn([
      ['o', utf8('Contoso')],
      ['cn', utf8('Contoso Root')],
    ]);
    const exact = (name: Buffer, serial: number): Buffer =>
      seq(der(0xa1, der(0xa4, name)), der(0x82, Buffer.from([serial])));
    const rootName = PRINTABLE_ROOT;
    expect(await chainTo(issuer, { rootName, akiValue: exact(PRINTABLE_ROOT, 1) })).toEqual([]);
    // Naming another certificate (serial 7, or the issuer name as the leaf writes it) links nothing.
    expect(await chainTo(issuer, { rootName, akiValue: exact(PRINTABLE_ROOT, 7) })).toEqual([
      'NO_PATH',
    ]);
    expect(await chainTo(issuer, { rootName, akiValue: exact(issuer, 1) })).toEqual(['NO_PATH']);
  });

  /** Root → intermediate permitting the directoryName subtree O=Contoso → leaf with subject `subject`. */
  async function constrained(subject: Buffer): Promise<string[]> {
    const rootKey = hostile.keyPair('presented nc root');
    const midKey = hostile.keyPair('presented nc mid');
    const leafKey = hostile.keyPair('presented nc leaf');
    const root = hostile.certificate({
      subject: 'Presented NC Root',
      issuer: 'Presented NC Root',
      spki: rootKey.spki,
      issuerKey: rootKey.privateKey,
      extensions: hostile.caExtensions(),
    });
    const permitted = seq(der(0xa4, dn([['o', utf8('Contoso')]])));
    const mid = hostile.certificate({
      serial: 2,
      subject: 'Presented NC Issuing',
      issuer: 'Presented NC Root',
      spki: midKey.spki,
      issuerKey: rootKey.privateKey,
      extensions: [
        ...hostile.caExtensions(),
        hostile.nameConstraints([], { rawSubtrees: [permitted] }),
      ],
    });
    const leaf = hostile.certificate({
      serial: 3,
      subject,
      issuer: 'Presented NC Issuing',
      spki: leafKey.spki,
      issuerKey: midKey.privateKey,
      extensions: hostile.leafExtensions(),
    });
    const result = await verifyChain(await one(leaf), {
      trustAnchors: [await one(root)],
      intermediates: [await one(mid)],
      at: AT,
    });
    return result.problems.map((p) => p.code);
  }

  it('directoryName constraints agree: case folded, full-width letters not', async () => {
    const subject = (o: string): Buffer =>
      dn([['o', utf8(o)]], [['cn', utf8('sup01.contoso.com')]]);
    expect(await constrained(subject('CONTOSO'))).toEqual([]);
    expect(await constrained(subject('Ｃｏｎｔｏｓｏ'))).toContain('NAME_CONSTRAINTS');
  });
});
