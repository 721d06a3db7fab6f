import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CertificateInfo,
  type HostMatch,
  type MatchProfile,
  explainHostMatch,
  matchHostname,
  parseNameList,
  readCertificates,
} from '../src/index.js';
import { fixture, fixtureJson } from './fixtures.js';

/**
 * Table-driven tests of matchHostname / explainHostMatch (src/names/matchHostname.ts, docs/names.md
 * "Host-name matching") and parseNameList (docs/names.md "The & notation") on certificates from
 * certs-fixtures.
 *
 * A few rows use a copy of a fixture certificate with one name field replaced ("derived"): no
 * fixture has a SAN entry with a trailing dot, a partial-label or `*.local` wildcard over our own
 * names, a NUL inside a presented name that equals a host, or a bare IP address in the CN of a
 * SAN-less certificate. Only the named field differs from the fixture.
 */

// ---- certificates ----
const FILES = {
  leafRsa: 'generated/leaf-rsa.pem', // SAN sup01.corp.contoso.com, sup01.contoso.com, sup01; CN sup01.corp.contoso.com
  wildcardSan: 'pyca-x509/wildcard_san.pem', // SAN *.langui.sh, langui.sh, *.saseliminator.com, saseliminator.com
  wildcardIdna: 'pyca-x509/custom__san_wildcard_idna.pem', // SAN *.xn--80ato2c.cryptography (= *.пыка.cryptography); CN cryptography
  idnaNames: 'pyca-x509/custom__san_idna_names.pem', // SAN xn--80ato2c.cryptography; no CN
  utf8DnsName: 'pyca-x509/utf8-dnsname.pem', // SAN partner.biztositas.hu, biztositas.hu, *.biztositas.hu, biztosítás.hu (raw UTF-8), *.biztosítás.hu, xn--biztosts-fza2j.hu, *.xn--biztosts-fza2j.hu
  sanIpAddr: 'pyca-x509/custom__san_ipaddr.pem', // SAN IP 127.0.0.1, ff:: only; no CN
  utf8CommonName: 'pyca-x509/custom__utf8_common_name.pem', // no SAN; CN "We heart UTF8!™"
  noSanCn: 'pyca-x509/custom__extended_key_usage.pem', // no SAN; CN cryptography.io
  twoCns: 'pyca-x509/custom__all_supported_names.pem', // no SAN; CN "CN 0" and "CN 1"
  sanOtherNameOnly: 'pyca-x509/custom__san_other_name.pem', // SAN otherName only; CN cryptography
  sanNoEntries: 'zlint/testdata/SANNoEntries.pem', // SAN extension with no entries; CN gov.us
  sanUppercase: 'zlint/testdata/SANCaseNotMatchingCN.pem', // SAN GOV.US, *.GOV.us; CN gov.us
  ipSanCnColons: 'zlint/testdata/SANReservedIP.pem', // SAN IP 192.168.0.1; CN "::"
  ipSanAllZero: 'zlint/testdata/SANReservedIP6.pem', // SAN IP 0:0:0:0:0:0:0:0; CN "::"
  sanNulEntry: 'zlint/testdata/SANDNSNull.pem', // SAN dNSName "\x0c\x03\x19\x00\x09" and "*"
  leftWildcardCoUk: 'zlint/testdata/dnsNameWildcardOnlyInLeftLabel.pem', // SAN *.surya.co.uk
  noSubject: 'badssl/subdomain-no-subject.pem', // empty subject; SAN no-subject.badssl.com
} as const;

/** Peer certificates of x509-limbo testcases (certs-fixtures/x509-limbo, regenerated file). */
const LIMBO = {
  suffixWildcard: 'webpki::san::public-suffix-wildcard-san', // SAN *.com
  bareWildcard: 'webpki::san::san-wildcard-only-tld', // SAN *
  innerWildcard: 'webpki::san::wildcard-not-in-leftmost-san', // SAN foo.*.example.com
  partialWildcard: 'webpki::san::wildcard-embedded-ulabel-san', // SAN xn--*-1b3c148a.example.com
} as const;

type CertName = keyof typeof FILES | keyof typeof LIMBO | keyof typeof DERIVED;

const DERIVED = {
  sanTrailingDot: (c: Record<string, CertificateInfo>) => ({
    ...c.leafRsa!,
    dnsNames: ['sup01.corp.contoso.com.', '*.Apps.Contoso.COM.'],
  }),
  partialLabelWildcard: (c: Record<string, CertificateInfo>) => ({
    ...c.leafRsa!,
    dnsNames: ['sup*.contoso.com', 'w*s.contoso.com'],
  }),
  singleLabelWildcard: (c: Record<string, CertificateInfo>) => ({
    ...c.leafRsa!,
    dnsNames: ['*.local', '*.corp'],
  }),
  nulInSan: (c: Record<string, CertificateInfo>) => ({
    ...c.leafRsa!,
    dnsNames: ['sup01.corp.contoso.com\0.evil.example'],
  }),
  ipInCnNoSan: (c: Record<string, CertificateInfo>) => ({
    ...c.noSanCn!,
    commonNames: ['10.0.0.5'],
  }),
  ipInCnWithSan: (c: Record<string, CertificateInfo>) => ({
    ...c.leafRsa!,
    commonNames: ['10.0.0.5'],
  }),
} as const;

const certs: Record<string, CertificateInfo> = {};

beforeAll(async () => {
  for (const [key, file] of Object.entries(FILES)) {
    const bundle = await readCertificates(fixture(file));
    certs[key] = bundle.certificates[0]!;
  }
  const limbo = fixtureJson<{ testcases: Array<{ id: string; peer_certificate: string }> }>(
    'x509-limbo/limbo-regenerated-8a2e6f4.json',
  ).testcases;
  for (const [key, id] of Object.entries(LIMBO)) {
    const testcase = limbo.find((t) => t.id === id);
    if (!testcase) throw new Error(`no limbo testcase ${id}`);
    certs[key] = (await readCertificates(testcase.peer_certificate)).certificates[0]!;
  }
  for (const [key, derive] of Object.entries(DERIVED)) certs[key] = derive(certs);
});

function cert(name: CertName): CertificateInfo {
  const c = certs[name];
  if (!c) throw new Error(`certificate ${name} not loaded`);
  return c;
}

describe('the certificates used here hold the names the tables assume', () => {
  it.each([
    [
      'leafRsa',
      ['sup01.corp.contoso.com', 'sup01.contoso.com', 'sup01'],
      [],
      ['sup01.corp.contoso.com'],
    ],
    [
      'wildcardSan',
      ['*.langui.sh', 'langui.sh', '*.saseliminator.com', 'saseliminator.com'],
      [],
      ['*.langui.sh'],
    ],
    ['wildcardIdna', ['*.xn--80ato2c.cryptography'], [], ['cryptography']],
    ['idnaNames', ['xn--80ato2c.cryptography'], [], []],
    [
      'utf8DnsName',
      [
        'partner.biztositas.hu',
        'biztositas.hu',
        '*.biztositas.hu',
        'biztosítás.hu',
        '*.biztosítás.hu',
        'xn--biztosts-fza2j.hu',
        '*.xn--biztosts-fza2j.hu',
      ],
      [],
      ['partner.biztositas.hu'],
    ],
    ['sanIpAddr', [], ['127.0.0.1', 'ff::'], []],
    ['utf8CommonName', null, [], ['We heart UTF8!™']],
    ['noSanCn', null, [], ['cryptography.io']],
    ['twoCns', null, [], ['CN 0', 'CN 1']],
    ['sanOtherNameOnly', [], [], ['cryptography']],
    ['sanNoEntries', [], [], ['gov.us']],
    ['sanUppercase', ['GOV.US', '*.GOV.us'], [], ['gov.us']],
    ['ipSanCnColons', [], ['192.168.0.1'], ['::']],
    ['ipSanAllZero', [], ['::'], ['::']],
    ['sanNulEntry', ['\x0c\x03\x19\x00\x09', '*'], [], ['gov.us']],
    ['leftWildcardCoUk', ['*.surya.co.uk'], [], ['gov.us']],
    ['noSubject', ['no-subject.badssl.com'], [], []],
    ['suffixWildcard', ['*.com'], [], ['example.com']],
    ['bareWildcard', ['*'], [], ['example.com']],
    ['innerWildcard', ['foo.*.example.com'], [], ['example.com']],
    ['partialWildcard', ['xn--*-1b3c148a.example.com'], [], ['example.com']],
  ] as const)('%s', (name, dnsNames, ipAddresses, commonNames) => {
    const c = cert(name);
    expect(c.dnsNames).toEqual(dnsNames);
    expect(c.ipAddresses).toEqual(ipAddresses);
    expect(c.commonNames).toEqual(commonNames);
  });
});

type Expected =
  | { matched: false; hasSan: boolean }
  | { matched: true; hasSan: boolean; via: HostMatch['via']; presented?: string };

/** The fields of the answer a row pins down (all of them but `host`, which has its own table). */
function outcome(m: HostMatch): Record<string, unknown> {
  const o: Record<string, unknown> = { matched: m.matched, hasSan: m.hasSan };
  if (m.via !== undefined) o.via = m.via;
  if (m.presented !== undefined) o.presented = m.presented;
  return o;
}

const no = (hasSan: boolean): Expected => ({ matched: false, hasSan });
const yes = (via: NonNullable<HostMatch['via']>, presented: string, hasSan = true): Expected => ({
  matched: true,
  hasSan,
  via,
  presented,
});

const MATCH_TABLE: Array<[string, CertName, string, MatchProfile, Expected]> = [
  // SAN exact
  [
    'SAN exact, first entry',
    'leafRsa',
    'sup01.corp.contoso.com',
    'windows',
    yes('san-dns', 'sup01.corp.contoso.com'),
  ],
  [
    'SAN exact, second entry',
    'leafRsa',
    'sup01.contoso.com',
    'windows',
    yes('san-dns', 'sup01.contoso.com'),
  ],
  ['SAN exact, single-label entry', 'leafRsa', 'sup01', 'windows', yes('san-dns', 'sup01')],
  [
    'SAN exact under strict',
    'leafRsa',
    'sup01.contoso.com',
    'strict',
    yes('san-dns', 'sup01.contoso.com'),
  ],
  ['a parent domain is not the name', 'leafRsa', 'corp.contoso.com', 'windows', no(true)],
  ['a longer name is not the name', 'leafRsa', 'x.sup01.corp.contoso.com', 'windows', no(true)],
  [
    'an empty SAN-only cert matches its SAN',
    'noSubject',
    'no-subject.badssl.com',
    'windows',
    yes('san-dns', 'no-subject.badssl.com'),
  ],
  // case
  [
    'host in upper case',
    'leafRsa',
    'SUP01.Corp.Contoso.COM',
    'windows',
    yes('san-dns', 'sup01.corp.contoso.com'),
  ],
  ['SAN in upper case', 'sanUppercase', 'gov.us', 'windows', yes('san-dns', 'GOV.US')],
  [
    'SAN wildcard in upper case',
    'sanUppercase',
    'www.gov.us',
    'strict',
    yes('san-wildcard', '*.GOV.us'),
  ],
  // trailing dot
  [
    'trailing dot on the host',
    'leafRsa',
    'sup01.corp.contoso.com.',
    'windows',
    yes('san-dns', 'sup01.corp.contoso.com'),
  ],
  ['trailing dot on a single-label host', 'leafRsa', 'SUP01.', 'windows', yes('san-dns', 'sup01')],
  ['two trailing dots are not one', 'leafRsa', 'sup01.corp.contoso.com..', 'windows', no(true)],
  // The Windows model: a SAN dNSName ending in a dot is not in RFC 5280's preferred name syntax and
  // no Windows-verified result matches it (Wine's crypt32 does not): it counts for nothing.
  [
    'trailing dot on the SAN entry (derived): not counted',
    'sanTrailingDot',
    'sup01.corp.contoso.com',
    'windows',
    no(true),
  ],
  [
    'trailing dot on both sides (derived): not counted',
    'sanTrailingDot',
    'sup01.corp.contoso.com.',
    'strict',
    no(true),
  ],
  [
    'trailing dot on a wildcard SAN entry (derived): not counted',
    'sanTrailingDot',
    'wsus.apps.contoso.com',
    'windows',
    no(true),
  ],
  // wildcards
  [
    'wildcard covers one label',
    'wildcardSan',
    'foo.langui.sh',
    'windows',
    yes('san-wildcard', '*.langui.sh'),
  ],
  [
    'wildcard covers one label, upper case and trailing dot',
    'wildcardSan',
    'FOO.LANGUI.SH.',
    'windows',
    yes('san-wildcard', '*.langui.sh'),
  ],
  [
    'wildcard covers one label, strict',
    'wildcardSan',
    'x.saseliminator.com',
    'strict',
    yes('san-wildcard', '*.saseliminator.com'),
  ],
  ['wildcard does not cover two labels', 'wildcardSan', 'a.b.langui.sh', 'windows', no(true)],
  [
    'the bare domain is matched by its own entry, not by the wildcard',
    'wildcardSan',
    'langui.sh',
    'windows',
    yes('san-dns', 'langui.sh'),
  ],
  [
    'wildcard does not cover the bare domain',
    'leftWildcardCoUk',
    'surya.co.uk',
    'windows',
    no(true),
  ],
  [
    'wildcard does not cover the bare domain (IDN)',
    'wildcardIdna',
    'xn--80ato2c.cryptography',
    'windows',
    no(true),
  ],
  [
    'wildcard does not cover two labels (IDN)',
    'wildcardIdna',
    'a.b.xn--80ato2c.cryptography',
    'windows',
    no(true),
  ],
  ['an empty left label is not a label', 'wildcardSan', '.langui.sh', 'windows', no(true)],
  [
    '*.com: never over a single remaining label',
    'suffixWildcard',
    'example.com',
    'windows',
    no(true),
  ],
  [
    '*.local: never over a single remaining label (derived)',
    'singleLabelWildcard',
    'sup01.local',
    'windows',
    no(true),
  ],
  [
    '*.corp: never over a single remaining label (derived)',
    'singleLabelWildcard',
    'sup01.corp',
    'strict',
    no(true),
  ],
  ['a bare * matches no TLD', 'bareWildcard', 'com', 'windows', no(true)],
  ['a bare * matches no name', 'bareWildcard', 'example', 'windows', no(true)],
  [
    'wildcard not in the left-most label',
    'innerWildcard',
    'foo.bar.example.com',
    'windows',
    no(true),
  ],
  [
    'partial-label wildcard (limbo xn--*-...)',
    'partialWildcard',
    'xn--bliss-1b3c148a.example.com',
    'windows',
    no(true),
  ],
  [
    'partial-label wildcard sup* (derived)',
    'partialLabelWildcard',
    'sup01.contoso.com',
    'windows',
    no(true),
  ],
  [
    'partial-label wildcard w*s (derived)',
    'partialLabelWildcard',
    'wsus.contoso.com',
    'windows',
    no(true),
  ],
  // IDN
  [
    'U-label host vs A-label SAN',
    'idnaNames',
    'пыка.cryptography',
    'windows',
    yes('san-dns', 'xn--80ato2c.cryptography'),
  ],
  [
    'U-label host in upper case with trailing dot',
    'idnaNames',
    'ПЫКА.cryptography.',
    'strict',
    yes('san-dns', 'xn--80ato2c.cryptography'),
  ],
  [
    'A-label host vs A-label SAN',
    'idnaNames',
    'xn--80ato2c.cryptography',
    'windows',
    yes('san-dns', 'xn--80ato2c.cryptography'),
  ],
  [
    'U-label host vs A-label wildcard SAN',
    'wildcardIdna',
    'www.пыка.cryptography',
    'windows',
    yes('san-wildcard', '*.xn--80ato2c.cryptography'),
  ],
  [
    'A-label host vs A-label wildcard SAN',
    'wildcardIdna',
    'www.xn--80ato2c.cryptography',
    'strict',
    yes('san-wildcard', '*.xn--80ato2c.cryptography'),
  ],
  ['a different IDN is another name', 'idnaNames', 'испытание.cryptography', 'windows', no(true)],
  [
    'ASCII entries of a certificate that also carries raw UTF-8 entries',
    'utf8DnsName',
    'partner.biztositas.hu',
    'windows',
    yes('san-dns', 'partner.biztositas.hu'),
  ],
  [
    'wildcard of a certificate that also carries raw UTF-8 entries',
    'utf8DnsName',
    'www.biztositas.hu',
    'windows',
    yes('san-wildcard', '*.biztositas.hu'),
  ],
  ['not two labels under the wildcard', 'utf8DnsName', 'a.b.biztositas.hu', 'windows', no(true)],
  // CN ignored once a SAN exists (windows and strict)
  ['CN ignored when SAN exists (windows)', 'wildcardIdna', 'cryptography', 'windows', no(true)],
  ['CN ignored when SAN exists (strict)', 'wildcardIdna', 'cryptography', 'strict', no(true)],
  [
    'CN ignored when the SAN holds only an otherName',
    'sanOtherNameOnly',
    'cryptography',
    'windows',
    no(true),
  ],
  ['CN ignored when the SAN extension is empty', 'sanNoEntries', 'gov.us', 'windows', no(true)],
  [
    'an IP written in the CN is ignored when a SAN exists',
    'ipSanCnColons',
    '::',
    'windows',
    no(true),
  ],
  [
    'an IP written in the CN is ignored when a SAN exists (derived)',
    'ipInCnWithSan',
    '10.0.0.5',
    'windows',
    no(true),
  ],
  // CN used without SAN under windows only
  [
    'CN used without SAN (windows)',
    'noSanCn',
    'cryptography.io',
    'windows',
    yes('cn', 'cryptography.io', false),
  ],
  [
    'CN used without SAN, case and trailing dot (windows)',
    'noSanCn',
    'CRYPTOGRAPHY.IO.',
    'windows',
    yes('cn', 'cryptography.io', false),
  ],
  ['CN not used under strict', 'noSanCn', 'cryptography.io', 'strict', no(false)],
  ['CN without SAN is still an exact name', 'noSanCn', 'www.cryptography.io', 'windows', no(false)],
  [
    'every CN attribute counts without SAN (second CN)',
    'twoCns',
    'cn 1',
    'windows',
    yes('cn', 'CN 1', false),
  ],
  [
    'every CN attribute counts without SAN (first CN)',
    'twoCns',
    'CN 0',
    'windows',
    yes('cn', 'CN 0', false),
  ],
  ['no CN under strict, whichever CN', 'twoCns', 'CN 0', 'strict', no(false)],
  [
    'UTF-8 CN compared as text without SAN (windows)',
    'utf8CommonName',
    'we heart utf8!™',
    'windows',
    yes('cn', 'We heart UTF8!™', false),
  ],
  ['UTF-8 CN not used under strict', 'utf8CommonName', 'We heart UTF8!™', 'strict', no(false)],
  [
    'an IP written in the CN matches without SAN (windows, derived)',
    'ipInCnNoSan',
    '10.0.0.5',
    'windows',
    yes('cn', '10.0.0.5', false),
  ],
  [
    'an IP written in the CN is no IP-ID under strict (derived)',
    'ipInCnNoSan',
    '10.0.0.5',
    'strict',
    no(false),
  ],
  // IP SAN
  ['IPv4 host vs iPAddress SAN', 'sanIpAddr', '127.0.0.1', 'windows', yes('san-ip', '127.0.0.1')],
  [
    'IPv4 host vs iPAddress SAN (strict)',
    'sanIpAddr',
    '127.0.0.1',
    'strict',
    yes('san-ip', '127.0.0.1'),
  ],
  ['IPv6 host vs iPAddress SAN', 'sanIpAddr', 'ff::', 'windows', yes('san-ip', 'ff::')],
  ['IPv6 host in upper case', 'sanIpAddr', 'FF::', 'strict', yes('san-ip', 'ff::')],
  ['IPv6 host in brackets', 'sanIpAddr', '[ff::]', 'windows', yes('san-ip', 'ff::')],
  [
    'IPv6 host written in full (same address)',
    'sanIpAddr',
    'ff:0:0:0:0:0:0:0',
    'windows',
    yes('san-ip', 'ff::'),
  ],
  [
    'IPv6 host with leading zeros (same address)',
    'sanIpAddr',
    '00ff::',
    'strict',
    yes('san-ip', 'ff::'),
  ],
  [
    'IPv6 all-zero address written as 0::0 (same address)',
    'ipSanAllZero',
    '0::0',
    'windows',
    yes('san-ip', '::'),
  ],
  ['another IPv4 address', 'sanIpAddr', '127.0.0.2', 'windows', no(true)],
  ['an IP host never matches a dNSName', 'leafRsa', '10.0.0.5', 'windows', no(true)],
  [
    'IPv4 SAN next to a CN of "::"',
    'ipSanCnColons',
    '192.168.0.1',
    'windows',
    yes('san-ip', '192.168.0.1'),
  ],
  // NUL
  ['NUL at the end of the host', 'leafRsa', 'sup01.corp.contoso.com\0', 'windows', no(true)],
  ['NUL inside the host', 'leafRsa', 'sup01.corp.contoso.com\0.evil.example', 'windows', no(true)],
  ['NUL inside the host, strict', 'leafRsa', 'sup01\0', 'strict', no(true)],
  ['NUL host equal to a NUL SAN entry', 'sanNulEntry', '\x0c\x03\x19\x00\x09', 'windows', no(true)],
  [
    'NUL SAN entry vs the host without the NUL part (derived)',
    'nulInSan',
    'sup01.corp.contoso.com',
    'windows',
    no(true),
  ],
  [
    'NUL in the host vs a NUL SAN entry, same text (derived)',
    'nulInSan',
    'sup01.corp.contoso.com\0.evil.example',
    'windows',
    no(true),
  ],
  ['NUL in a CN-only host (windows)', 'noSanCn', 'cryptography.io\0', 'windows', no(false)],
  // degenerate hosts
  ['empty host', 'leafRsa', '', 'windows', no(true)],
  ['a lone dot', 'leafRsa', '.', 'windows', no(true)],
];

describe('explainHostMatch / matchHostname', () => {
  it.each(MATCH_TABLE)('%s: %s %j (%s)', (_label, name, host, profile, expected) => {
    const c = cert(name);
    const explained = explainHostMatch(c, host, profile);
    expect(outcome(explained)).toEqual(expected);
    expect(matchHostname(c, host, { profile })).toBe(expected.matched);
  });

  it('defaults to the windows profile', () => {
    expect(matchHostname(cert('noSanCn'), 'cryptography.io')).toBe(true);
    expect(matchHostname(cert('noSanCn'), 'cryptography.io', {})).toBe(true);
    expect(explainHostMatch(cert('noSanCn'), 'cryptography.io').via).toBe('cn');
  });
});

describe('explainHostMatch: the host as compared', () => {
  it.each([
    [
      'sup01.corp.contoso.com',
      { kind: 'dns', value: 'sup01.corp.contoso.com', changes: [], hasNul: false },
    ],
    [
      'SUP01.Corp.Contoso.COM',
      { kind: 'dns', value: 'sup01.corp.contoso.com', changes: [], hasNul: false },
    ],
    [
      'sup01.corp.contoso.com.',
      {
        kind: 'dns',
        value: 'sup01.corp.contoso.com',
        changes: ['trailing dot removed'],
        hasNul: false,
      },
    ],
    [
      'ПЫКА.cryptography.',
      {
        kind: 'dns',
        value: 'xn--80ato2c.cryptography',
        changes: ['trailing dot removed', 'internationalised name compared as A-labels'],
        hasNul: false,
      },
    ],
    [
      'www.пыка.cryptography',
      {
        kind: 'dns',
        value: 'www.xn--80ato2c.cryptography',
        changes: ['internationalised name compared as A-labels'],
        hasNul: false,
      },
    ],
    ['sup01\0.evil', { kind: 'dns', value: 'sup01\0.evil', changes: [], hasNul: true }],
    ['192.168.1.11', { kind: 'ip', value: '192.168.1.11', changes: [], hasNul: false }],
    ['[FF::]', { kind: 'ip', value: 'ff::', changes: [], hasNul: false }],
  ] as const)('%j', (host, expected) => {
    expect(explainHostMatch(cert('leafRsa'), host, 'windows').host).toEqual(expected);
  });
});

describe('parseNameList', () => {
  it.each([
    [
      'a&b',
      'sup01.corp.contoso.com&sup01.contoso.com',
      {},
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [],
    ],
    [
      'san:dns=a&dns=b',
      'san:dns=sup01.corp.contoso.com&dns=sup01.contoso.com',
      {},
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [],
    ],
    [
      'SAN:DNS= in upper case',
      'SAN:DNS=sup01.corp.contoso.com&DNS=sup01.contoso.com',
      {},
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [],
    ],
    [
      'whitespace around tokens',
      '  sup01.corp.contoso.com &\tsup01.contoso.com  ',
      {},
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [],
    ],
    [
      'whitespace around dns= tokens',
      'san: dns = sup01.corp.contoso.com & dns=sup01.contoso.com ',
      {},
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [],
    ],
    ['a single name', 'sup01.corp.contoso.com', {}, ['sup01.corp.contoso.com'], []],
    [
      'a&&b: empty token',
      'sup01.corp.contoso.com&&sup01.contoso.com',
      {},
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [/empty name at position 2/],
    ],
    [
      'leading &: empty token',
      '&sup01.corp.contoso.com',
      {},
      ['sup01.corp.contoso.com'],
      [/empty name at position 1/],
    ],
    [
      'trailing & (certreq _continue_ style): no problem',
      'sup01.corp.contoso.com&',
      {},
      ['sup01.corp.contoso.com'],
      [],
    ],
    [
      'trailing & after dns= tokens: no problem',
      'dns=sup01.corp.contoso.com&dns=sup01.contoso.com&',
      {},
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [],
    ],
    [
      'A&a: de-duplicated case-insensitively',
      'SUP01.corp.contoso.com&sup01.CORP.contoso.com',
      {},
      ['SUP01.corp.contoso.com'],
      [/given more than once/],
    ],
    [
      'ipaddress=: non-DNS prefix, not a name',
      'ipaddress=10.0.0.5&sup01.corp.contoso.com',
      {},
      ['sup01.corp.contoso.com'],
      [/ipaddress=10\.0\.0\.5.*not a DNS name/],
    ],
    [
      'upn=: non-DNS prefix, not a name',
      'upn=admin@contoso.com&dns=sup01.corp.contoso.com',
      {},
      ['sup01.corp.contoso.com'],
      [/upn= identity, not a DNS name/],
    ],
    [
      'a pasted WSUS URL keeps its host',
      'https://sup01.contoso.com:8531/',
      {},
      ['sup01.contoso.com'],
      [/is a URL; using its host name "sup01\.contoso\.com"/],
    ],
    [
      'a URL next to a name',
      'sup01.corp.contoso.com&https://sup01.contoso.com:8531/ClientWebService/client.asmx',
      {},
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [/is a URL/],
    ],
    [
      'a b: whitespace inside a name',
      'sup01.corp.contoso.com sup01.contoso.com',
      {},
      ['sup01.corp.contoso.com sup01.contoso.com'],
      [/contains spaces or commas, which no DNS name has/],
    ],
    [
      'a b lenient: split in two',
      'sup01.corp.contoso.com sup01.contoso.com',
      { lenient: true },
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [/read as 2 names/],
    ],
    [
      'a,b lenient: split in two',
      'sup01.corp.contoso.com,sup01.contoso.com',
      { lenient: true },
      ['sup01.corp.contoso.com', 'sup01.contoso.com'],
      [/read as 2 names/],
    ],
    ['nothing', '', {}, [], [/no name given/]],
    ['only &', '&', {}, [], [/empty name at position 1/]],
  ] as const)('%s', (_label, text, options, names, problems) => {
    const parsed = parseNameList(text, options);
    expect(parsed.names).toEqual(names);
    expect(parsed.problems).toHaveLength(problems.length);
    problems.forEach((pattern, i) => expect(parsed.problems[i]).toMatch(pattern));
  });
});

describe('a host is a name, never a pattern', () => {
  it('a "*" in the host matches nothing, not even the same wildcard entry', async () => {
    const { readCertificates: read, matchHostname: match } = await import('../src/index.js');
    const [cert] = (await read(fixture('pyca-x509/wildcard_san.pem'))).certificates;
    expect(match(cert!, 'www.langui.sh')).toBe(true);
    expect(match(cert!, '*.langui.sh')).toBe(false);
  });
});
