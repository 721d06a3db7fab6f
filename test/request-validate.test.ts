import { describe, expect, it } from 'vitest';
import { type SupOptions, validateSupRequest } from '../src/index.js';
import { infValue, parseInf } from '../src/request/certreqInf.js';
import { fixture, rejectionCode } from './fixtures.js';

const BOTH = 'sup01.corp.contoso.com&sup01.contoso.com';
const problems = async (file: string, options: SupOptions = { names: BOTH }): Promise<string[]> => {
  const report = await validateSupRequest(fixture(`requests/${file}`), options);
  return [
    ...new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)),
  ].sort();
};

describe('certreq INF parsing', () => {
  it('reads sections, quoted values, comments, _continue_ lines and [Strings] substitutions', () => {
    const inf = parseInf(fixture('requests/attribute-san.inf').toString('utf8'));
    expect(infValue(inf, 'NewRequest', 'subject')).toBe('CN=sup01.corp.contoso.com');
    expect(infValue(inf, 'RequestAttributes', 'SAN')).toBe(
      'dns=sup01.corp.contoso.com&dns=sup01.contoso.com',
    );
    const ms = parseInf(fixture('requests/webserver-both.inf').toString('utf8'));
    expect(infValue(ms, 'Extensions', '2.5.29.17')).toBe(
      '{text}dns=sup01.corp.contoso.com&dns=sup01.contoso.com&',
    );
    expect(infValue(ms, 'EnhancedKeyUsageExtension', 'OID')).toBe('1.3.6.1.5.5.7.3.1');
    expect(infValue(ms, 'Version', 'Signature')).toBe('$Windows NT$');
  });

  it('reads "" inside quotes and %% as a percent', () => {
    const inf = parseInf(
      '[NewRequest]\r\nSubject = "CN=a ""quoted"" name, O=100%% Contoso" ; comment\r\n',
    );
    expect(infValue(inf, 'NewRequest', 'Subject')).toBe('CN=a "quoted" name, O=100% Contoso');
  });

  it('refuses an unclosed quote and _continue_ without a value, with MALFORMED', async () => {
    expect(await rejectionCode(validateSupRequest('[NewRequest]\nSubject = "CN=a\n'))).toBe(
      'MALFORMED',
    );
    expect(await rejectionCode(validateSupRequest('[Extensions]\n_continue_ = "dns=a&"\n'))).toBe(
      'MALFORMED',
    );
  });

  it('reads the same request from UTF-8 and from UTF-16 LE with BOM (Notepad)', async () => {
    const utf8 = await validateSupRequest(fixture('requests/webserver-both.inf'), { names: BOTH });
    const utf16 = await validateSupRequest(fixture('requests/webserver-both-utf16.inf'), {
      names: BOTH,
    });
    expect(utf16.certificate.dnsNames).toEqual(utf8.certificate.dnsNames);
    expect(utf16.request).toEqual(utf8.request);
  });
});

describe('validateSupRequest', () => {
  it.each([
    // Microsoft-shaped INF files
    ['webserver-both.inf', []],
    ['webserver-both-utf16.inf', []],
    ['newest-style-no-trailing-amp.inf', []],
    ['attribute-san.inf', ['SUP-KEY-002']],
    ['amp-in-wrong-place.inf', ['SUP-NAME-002', 'SUP-NAME-005', 'SUP-REQ-002', 'SUP-REQ-003']],
    // web enrollment attributes
    ['web-enrollment.txt', []],
    ['web-enrollment-missing-prefix.txt', ['SUP-NAME-002', 'SUP-REQ-003']],
    // CSRs from OpenSSL with the common mistakes
    ['good-both.csr', []],
    ['good-both.der.csr', []],
    ['no-san.csr', ['SUP-NAME-002', 'SUP-NAME-007']],
    ['cn-only-while-san.csr', ['SUP-NAME-006']],
    ['clientauth-eku.csr', ['SUP-EKU-001']],
    ['rsa-1024.csr', ['SUP-KEY-002']],
    ['amp-in-cn.csr', ['SUP-NAME-001', 'SUP-NAME-002', 'SUP-NAME-005', 'SUP-NAME-007']],
    ['tampered.der.csr', ['SUP-REQ-001']],
  ])('%s → %j', async (file, expected) => {
    expect(await problems(file)).toEqual(expected);
  });

  it('says which rules wait for the issued certificate, and does not run them', async () => {
    const report = await validateSupRequest(fixture('requests/good-both.csr'), { names: BOTH });
    expect(report.findings.find((f) => f.rule === 'SUP-REQ-004')?.message).toMatch(
      /SUP-VAL-001.*SUP-CHAIN-002/,
    );
    expect(report.results.find((r) => r.rule === 'SUP-VAL-001')).toEqual({
      rule: 'SUP-VAL-001',
      status: 'not-applicable',
      reason: 'decided when the CA issues the certificate',
    });
  });

  it('takes the EKU from the template when the request names one (Computer vs Workstation vs WebServer)', async () => {
    const base =
      '[NewRequest]\nSubject = "CN=sup01.corp.contoso.com"\nMachineKeySet = TRUE\n[Extensions]\n2.5.29.17 = "{text}dns=sup01.corp.contoso.com"\n[RequestAttributes]\nCertificateTemplate = ';
    const eku = async (template: string): Promise<string | undefined> =>
      (
        await validateSupRequest(base + template, { intranetName: 'sup01.corp.contoso.com' })
      ).results.find((r) => r.rule === 'SUP-EKU-001')?.status;
    expect(await eku('WebServer')).toBe('pass');
    expect(await eku('Workstation')).toBe('error');
    expect(await eku('Machine')).toBe('pass');
    expect(await eku('ContosoSUP')).toBe('info');
  });

  it('judges the provider by ConfigMgr generation before the key exists', async () => {
    const cng = await validateSupRequest(fixture('requests/newest-style-no-trailing-amp.inf'), {
      names: BOTH,
      generation: '2012',
    });
    expect(cng.findings).toContainEqual(
      expect.objectContaining({ rule: 'SUP-CNG-001', severity: 'error' }),
    );
  });

  it('refuses what is not a request, pointing to the right command', async () => {
    expect(await rejectionCode(validateSupRequest(fixture('sup/good-both.pem')))).toBe(
      'UNKNOWN_FORMAT',
    );
    await expect(validateSupRequest(fixture('sup/good-both.pem'))).rejects.toThrow(/supcert check/);
    expect(await rejectionCode(validateSupRequest('hello'))).toBe('UNKNOWN_FORMAT');
    expect(await rejectionCode(validateSupRequest(''))).toBe('EMPTY_INPUT');
  });

  it('a text that only mentions "dns=" (a README next to the requests) is not a request', async () => {
    const readme = fixture('requests/README.md');
    expect(readme.toString('utf8')).toMatch(/`san:dns=a&dns=b`/);
    expect(await rejectionCode(validateSupRequest(readme))).toBe('UNKNOWN_FORMAT');
    expect(
      await rejectionCode(validateSupRequest('Request the SAN as dns=a&dns=b, not as a&b.\n')),
    ).toBe('UNKNOWN_FORMAT');
    // A bare SAN text on its own line is still read as web-enrollment attributes.
    for (const text of [
      'dns=sup01.corp.contoso.com&dns=sup01.contoso.com',
      '  upn=admin@contoso.com&dns=sup01.corp.contoso.com\n',
      'CertificateTemplate:WebServer\r\nSAN: DNS=sup01.corp.contoso.com',
    ]) {
      const report = await validateSupRequest(text, { names: 'sup01.corp.contoso.com' });
      expect(report.request.kind, text).toBe('attributes');
      expect(report.certificate.dnsNames, text).toEqual(
        expect.arrayContaining(['sup01.corp.contoso.com']),
      );
    }
  });
});

describe('certreq INF: a SAN written with spaces, tabs or unquoted, and every name type of the certreq reference', () => {
  const head =
    '[NewRequest]\nSubject = "CN=sup01.corp.contoso.com"\nMachineKeySet = TRUE\nKeyLength = 2048\n[EnhancedKeyUsageExtension]\nOID = 1.3.6.1.5.5.7.3.1\n';
  const two = ['dns:sup01.corp.contoso.com', 'dns:sup01.contoso.com'];
  // form, the INF's SAN lines, the SAN read (type:value), the notes about the SAN
  const forms: Array<[string, string, string[], RegExp[]]> = [
    [
      'as the reference writes it',
      '[Extensions]\n2.5.29.17 = "{text}"\n_continue_ = "dns=sup01.corp.contoso.com&"\n_continue_ = "dns=sup01.contoso.com&"',
      two,
      [],
    ],
    [
      'no spaces around the INF "="',
      '[Extensions]\n2.5.29.17="{text}"\n_continue_="dns=sup01.corp.contoso.com&"\n_continue_="dns=sup01.contoso.com&"',
      two,
      [],
    ],
    [
      'spaces around "=" of a name',
      '[Extensions]\n2.5.29.17 = "{text}"\n_continue_ = "dns = sup01.corp.contoso.com&"\n_continue_ = "dns =sup01.contoso.com&"',
      two,
      [],
    ],
    [
      'spaces around "&"',
      '[Extensions]\n2.5.29.17 = "{text}"\n_continue_ = "dns=sup01.corp.contoso.com & "\n_continue_ = " & dns=sup01.contoso.com"',
      two,
      [],
    ],
    [
      'spaces inside the quotes',
      '[Extensions]\n2.5.29.17 = "{text}"\n_continue_ = "  dns=sup01.corp.contoso.com&  "\n_continue_ = " dns=sup01.contoso.com "',
      two,
      [],
    ],
    [
      'tabs',
      '[Extensions]\n2.5.29.17\t=\t"{text}"\n_continue_\t=\t"dns\t=\tsup01.corp.contoso.com\t&"\n_continue_ =\t"\tdns=sup01.contoso.com&"',
      two,
      [],
    ],
    [
      '{text} and the names on one line, with spaces',
      '[Extensions]\n2.5.29.17 = "{text}dns = sup01.corp.contoso.com & dns = sup01.contoso.com"',
      two,
      [],
    ],
    [
      'a space after {text}',
      '[Extensions]\n2.5.29.17 = "{text} dns=sup01.corp.contoso.com&dns=sup01.contoso.com"',
      two,
      [],
    ],
    [
      '{critical}{text} with spaces',
      '[Extensions]\n2.5.29.17 = "{critical}{text} dns = sup01.corp.contoso.com & dns = sup01.contoso.com"',
      two,
      [],
    ],
    [
      'unquoted values, a comment after them',
      '[Extensions]\n2.5.29.17 = {text} ; the SAN\n_continue_ = dns = sup01.corp.contoso.com & ; intranet\n_continue_ = dns=sup01.contoso.com&',
      two,
      [],
    ],
    [
      'the DNS keyword in capitals',
      '[Extensions]\n2.5.29.17 = "{TEXT}"\n_continue_ = "DNS=sup01.corp.contoso.com&"\n_continue_ = "Dns=sup01.contoso.com&"',
      two,
      [],
    ],
    [
      'the attribute form with spaces',
      '[RequestAttributes]\nSAN = "dns = sup01.corp.contoso.com & dns = sup01.contoso.com"',
      two,
      [/EDITF_ATTRIBUTESUBJECTALTNAME2/],
    ],
    [
      'every name type of the reference',
      '[Extensions]\n2.5.29.17 = "{text}"\n_continue_ = "UPN=User@Domain.com&"\n_continue_ = "EMail=User@Domain.com&"\n_continue_ = "DNS=sup01.corp.contoso.com&"\n_continue_ = "DirectoryName=CN=Name,DC=Domain,DC=com&"\n_continue_ = "URL=http://host.domain.com/default.html&"\n_continue_ = "IPAddress=10.0.0.1&"\n_continue_ = "RegisteredId=1.2.3.4.5&"\n_continue_ = "1.2.3.4.6.1={utf8}String&"\n_continue_ = "DNS=sup01.contoso.com"',
      [
        'otherName:User@Domain.com',
        'email:User@Domain.com',
        'dns:sup01.corp.contoso.com',
        'directoryName:CN=Name,DC=Domain,DC=com',
        'uri:http://host.domain.com/default.html',
        'ip:10.0.0.1',
        'registeredId:1.2.3.4.5',
        'otherName:String',
        'dns:sup01.contoso.com',
      ],
      [],
    ],
    [
      'a space before {text} inside the quotes: not the {text} form, and the note says why',
      '[Extensions]\n2.5.29.17 = " {text}dns=sup01.corp.contoso.com&dns=sup01.contoso.com"',
      [],
      [/2\.5\.29\.17 has .*before \{text\}/],
    ],
  ];
  it.each(forms)('%s', async (_, body, san, notes) => {
    const report = await validateSupRequest(`${head}${body}\n`, { names: BOTH });
    expect(report.certificate.altNames.map((n) => `${n.type}:${n.value}`)).toEqual(san);
    const sanNotes = report.request.notes;
    expect(sanNotes).toHaveLength(notes.length);
    notes.forEach((note, i) => expect(sanNotes[i]).toMatch(note));
  });
});
