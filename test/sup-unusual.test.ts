import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type CertificateBundle,
  type CertificateInfo,
  type SupOptions,
  type SupReport,
  WorkBudget,
  readCertificates,
  validateSupCertificate,
} from '../src/index.js';
import { SUP_RULES } from '../src/rules/catalogue.js';
import { der, oid, seq } from './der.js';
import { fixture, rejectionCode } from './fixtures.js';
import { BOTH, DAY, INTRANET, statusOf } from './sup-fixtures.js';

// Keys outside PFX judged, files that are not what they seem, and messages
// for the unusual case.

const text = (f: string): string => fixture(`sup/${f}`).toString('utf8');
const leafPem = text('good-both.pem');
const leaf = (await readCertificates(leafPem)).certificates[0]!;
const at = new Date(leaf.notBefore.getTime() + DAY);
const check = (
  input: Uint8Array | string | CertificateBundle,
  options: SupOptions = {},
  budget = new WorkBudget(),
): Promise<SupReport> => validateSupCertificate(input, { names: BOTH, at, budget, ...options });
const root = (await readCertificates(text('root.pem'))).certificates[0]!;
const issuing = (await readCertificates(text('issuing.pem'))).certificates[0]!;
const findingsOf = (report: SupReport, rule: string) =>
  report.findings.filter((f) => f.rule === rule);

/** Encrypts a PEM key the two ways OpenSSL writes them. */
function encrypted(keyPem: string, form: 'pkcs8' | 'pkcs1'): string {
  return createPrivateKey(keyPem)
    .export({ type: form, format: 'pem', cipher: 'aes-256-cbc', passphrase: 'k3y-pass' })
    .toString();
}

describe('item 3: keys outside a PFX are judged (SUP-PK-001)', () => {
  const cases: Array<[string, string, SupOptions, string, RegExp | null]> = [
    ['PEM certificate + its own key', `${leafPem}${text('good-both.key')}`, {}, 'pass', null],
    [
      "PEM certificate + another certificate's key",
      `${leafPem}${text('good-intranet.key')}`,
      {},
      'error',
      /holds a private key \(RSA 2048 bits\), but none matches .*"CN=sup01\.corp\.contoso\.com"/,
    ],
    [
      'PEM key first, then the certificate',
      `${text('good-intranet.key')}${leafPem}`,
      {},
      'error',
      /none matches/,
    ],
    [
      'PEM certificate + an EC key of another certificate',
      `${leafPem}${text('ec-p256.key')}`,
      {},
      'error',
      /\(EC P-256\), but none matches/,
    ],
    [
      'PEM certificate + two foreign keys',
      `${leafPem}${text('good-intranet.key')}${text('rsa-1024.key')}`,
      {},
      'error',
      /holds 2 private keys, but none matches/,
    ],
    [
      'PEM certificate + encrypted PKCS#8 key, password given',
      `${leafPem}${encrypted(text('good-both.key'), 'pkcs8')}`,
      { password: 'k3y-pass' },
      'pass',
      null,
    ],
    [
      'PEM certificate + encrypted foreign key, password given',
      `${leafPem}${encrypted(text('good-intranet.key'), 'pkcs1')}`,
      { password: 'k3y-pass' },
      'error',
      /none matches/,
    ],
    ['PEM certificate alone', leafPem, {}, 'info', /no private key/],
  ];

  it.each(cases)('%s', async (_what, input, options, status, message) => {
    const budget = new WorkBudget();
    const report = await check(input, options, budget);
    expect(statusOf(report, 'SUP-PK-001')).toBe(status);
    if (message) expect(findingsOf(report, 'SUP-PK-001')[0]!.message).toMatch(message);
    expect(report.ok).toBe(status !== 'error');
    // Work: the two names compared once with the leaf's 3 identifiers (+1) each, nothing more.
    expect(budget.spent('maxNameComparisons')).toBe(2 * 4);
  });

  it.each([
    ['encrypted PKCS#8', 'pkcs8'],
    ['legacy Proc-Type: 4,ENCRYPTED', 'pkcs1'],
  ] as const)(
    'an %s key without a password is PASSWORD_REQUIRED, as for a PFX',
    async (_what, form) => {
      const input = `${leafPem}${encrypted(text('good-both.key'), form)}`;
      expect(await rejectionCode(check(input))).toBe('PASSWORD_REQUIRED');
      expect(await rejectionCode(check(input, { password: '' }))).toBe('PASSWORD_REQUIRED');
      expect(await rejectionCode(check(input, { password: 'wrong' }))).toBe('WRONG_PASSWORD');
      expect(await rejectionCode(readCertificates(encrypted(text('good-both.key'), form)))).toBe(
        'PASSWORD_REQUIRED',
      );
    },
  );

  it('the same mismatch in a PFX is still an error, and a PFX without a key too', async () => {
    const mismatch = await check(fixture('sup/key-mismatch.pfx'), { password: 'Passw0rd!' });
    expect(findingsOf(mismatch, 'SUP-PK-001')[0]).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/^The PFX holds a private key .* none matches/),
    });
    const nokey = await check(fixture('sup/good-both-nokey.pfx'), { password: 'Passw0rd!' });
    expect(findingsOf(nokey, 'SUP-PK-001')[0]).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/holds no private key/),
    });
  });
});

/** A degenerate PKCS#7 SignedData (a .p7b) holding these certificates. */
function p7b(...certs: CertificateInfo[]): Buffer {
  const signedData = seq(
    der(0x02, Buffer.from([1])),
    der(0x31),
    seq(oid('2a864886f70d010701')),
    der(0xa0, ...certs.map((c) => c.der)),
    der(0x31),
  );
  return seq(oid('2a864886f70d010702'), der(0xa0, signedData));
}

describe('item 4: files that are not what they seem', () => {
  const pfx = fixture('sup/good-both.pfx');
  const b64 = pfx.toString('base64');
  const wrapped = b64.replace(/.{1,64}/g, '$&\r\n');

  it.each([
    ['one line of base64 (text)', b64],
    ['one line of base64 (bytes)', Buffer.from(b64)],
    ['base64 wrapped at 64 columns with CRLF', wrapped],
    ['base64 with a trailing newline', `${b64}\n`],
  ] as const)('a PFX as %s is an error with the commands that decode it', async (_what, input) => {
    const report = await check(input, { password: 'Passw0rd!' });
    const [finding] = findingsOf(report, 'SUP-FILE-001');
    expect(finding).toMatchObject({ severity: 'error' });
    expect(finding!.message).toContain('certutil -decode in.txt out.pfx');
    expect(finding!.message).toContain(
      "[IO.File]::WriteAllBytes('out.pfx', [Convert]::FromBase64String((Get-Content in.txt -Raw)))",
    );
    expect(report.ok).toBe(false);
    // Everything else about the certificate is judged as usual.
    expect(statusOf(report, 'SUP-NAME-001')).toBe('pass');
  });

  it.each([
    ['the binary PFX', pfx, 'pass'],
    ['a PEM certificate', leafPem, 'not-applicable'],
    ['a certificate as bare base64', fixture('generated/leaf-rsa.b64'), 'not-applicable'],
  ] as const)('%s: SUP-FILE-001 %s', async (_what, input, status) => {
    const report = await check(input, { password: 'Passw0rd!', skipNames: true, names: undefined });
    expect(statusOf(report, 'SUP-FILE-001')).toBe(status);
  });

  const caOnly: Array<[string, Uint8Array | string, number]> = [
    ['the root alone (PEM)', text('root.pem'), 1],
    ['the chain PEM (issuing + root)', text('chain.pem'), 2],
    ['a chain .p7b (issuing + root)', p7b(issuing, root), 2],
    ['a .p7b of the root alone', p7b(root), 1],
    ['the intermediate alone (DER)', issuing.der, 1],
  ];

  it.each(caOnly)('%s gets its own verdict: no server certificate', async (_what, input, n) => {
    const budget = new WorkBudget();
    const report = await check(input, { trustAnchors: [text('root.pem')] }, budget);
    expect(report.ok).toBe(false);
    const [finding] = findingsOf(report, 'SUP-FILE-002');
    expect(finding?.severity).toBe('error');
    expect(finding!.message).toMatch(
      n === 1
        ? /holds one CA certificate and no server certificate/
        : new RegExp(`only CA certificates \\(${n}\\)`),
    );
    expect(finding!.message).toContain('Contoso SUP');
    // No other rule judged the root as the leaf: no advice to reissue it with a SAN.
    expect(report.findings.filter((f) => !f.rule.startsWith('SUP-FILE-'))).toEqual([]);
    expect(JSON.stringify(report.findings)).not.toMatch(/SAN|reissue|Reissue/);
    for (const r of report.results.filter((x) => !x.rule.startsWith('SUP-FILE-')))
      expect(r).toMatchObject({
        status: 'not-applicable',
        reason: expect.stringMatching(/no server certificate/),
      });
    // Work: no name compared, no chain searched.
    expect(report.names).toEqual([]);
    expect(report.chain).toBeUndefined();
    expect(budget.spent('maxSignatureChecks')).toBe(0);
  });

  it('a CA:TRUE self-signed certificate without SAN or EKU whose CN is the name given is judged as the server certificate', async () => {
    const bare = {
      ...root,
      commonNames: [INTRANET],
      subject: `CN=${INTRANET}`,
      dnsNames: null,
      altNames: [],
      extendedKeyUsages: null,
    };
    const bundle: CertificateBundle = {
      format: 'pem',
      contains: 'pem-blocks',
      certificates: [bare],
      keys: [],
      notes: [],
    };
    expect(statusOf(await check(bundle, { names: INTRANET }), 'SUP-FILE-002')).toBe('pass');
    expect(statusOf(await check(bundle, { names: 'other.corp.contoso.com' }), 'SUP-FILE-002')).toBe(
      'error',
    );
  });

  it.each([
    ['a CA:TRUE leaf with the names in its SAN', 'ca-leaf.pem'],
    ['the leaf with its chain', 'good-both.pfx'],
    ['a self-signed leaf', 'self-signed.pem'],
  ])('%s is still judged as a server certificate', async (_what, file) => {
    const report = await check(fixture(`sup/${file}`), { password: 'Passw0rd!' });
    expect(statusOf(report, 'SUP-FILE-002')).toBe('pass');
    expect(statusOf(report, 'SUP-NAME-001')).toBe('pass');
  });
});

/** The leaf with some fields changed: the unusual values a message must survive. */
function variant(changes: Partial<CertificateInfo>): CertificateBundle {
  return {
    format: 'pem',
    contains: 'pem-blocks',
    certificates: [{ ...leaf, ...changes }],
    keys: [],
    notes: [],
  };
}

describe('item 5: messages for the unusual case', () => {
  const ipOnly: Partial<CertificateInfo> = {
    dnsNames: [],
    ipAddresses: ['10.0.0.5'],
    altNames: [{ type: 'ip', value: '10.0.0.5' }],
  };
  const table: Array<
    [string, string, CertificateBundle | Uint8Array, SupOptions, RegExp, RegExp?]
  > = [
    [
      'SUP-NAME-006',
      'IP-only SAN, name only in the CN',
      variant(ipOnly),
      { intranetName: INTRANET },
      /has a SAN extension with no DNS names \(only IP address "10\.0\.0\.5"\)/,
      /\(\)/,
    ],
    [
      'SUP-NAME-006',
      'empty SAN, name only in the CN',
      variant({ dnsNames: [], ipAddresses: [], altNames: [] }),
      { intranetName: INTRANET },
      /SAN extension with no DNS names \(it is empty\)/,
      /\(\)/,
    ],
    [
      'SUP-NAME-001',
      'IP-only SAN',
      variant({ ...ipOnly, commonNames: [], subject: '' }),
      { intranetName: INTRANET },
      /its SAN extension has no DNS names \(only IP address "10\.0\.0\.5"\)/,
    ],
    [
      'SUP-NAME-007',
      'no SAN, no CN',
      variant({
        dnsNames: null,
        ipAddresses: [],
        altNames: [],
        commonNames: [],
        subject: 'O=Contoso',
      }),
      { intranetName: INTRANET },
      /it has no CN either/,
      /\bnone\b|\(\)/,
    ],
    [
      'SUP-NAME-007',
      'no SAN, a CN with a control character',
      variant({ dnsNames: null, altNames: [], commonNames: ['sup01\u0001'] }),
      { intranetName: INTRANET },
      /"sup01\\x01"/,
    ],
    [
      'SUP-NAME-014',
      'empty subject, no SAN DNS entry',
      variant({ ...ipOnly, subject: '', commonNames: [] }),
      { names: BOTH },
      /subject \(empty here\).*\(this certificate has no SAN DNS entry\)/,
      /\(\)|""/,
    ],
    [
      'SUP-NAME-014',
      'a 5,000-character subject',
      variant({ subject: `CN=${'x'.repeat(5000)}` }),
      { names: BOTH },
      /\(5003 characters\)/,
    ],
    [
      'SUP-EKU-001',
      'an EKU extension with no usage',
      variant({ extendedKeyUsages: [] }),
      { names: BOTH },
      /Enhanced Key Usage is empty/,
      /is ,/,
    ],
    [
      'SUP-CNG-001',
      'a PFX without a provider attribute',
      fixture('sup/good-both.pfx'),
      { names: BOTH, password: 'Passw0rd!' },
      /This PFX does not record a key provider/,
      /[Cc]heck a PFX/,
    ],
    [
      'SUP-CNG-001',
      'a PFX without a key',
      fixture('sup/good-both-nokey.pfx'),
      { names: BOTH, password: 'Passw0rd!' },
      /This PFX has no private key/,
      /[Cc]heck a PFX/,
    ],
    [
      'SUP-CNG-001',
      'a PEM certificate and its key',
      Buffer.from(`${leafPem}${text('good-both.key')}`),
      { names: BOTH },
      /A PEM private key records no key provider/,
    ],
    [
      'SUP-CNG-001',
      'a certificate alone',
      variant({}),
      { names: BOTH },
      /holds no private key for the certificate/,
    ],
    [
      'SUP-PK-001',
      'a foreign key, empty subject',
      {
        ...variant({ subject: '' }),
        keys: [{ algorithm: 'rsa', bits: 2048, certificateIndex: null, source: 'pem' }],
      },
      { names: BOTH },
      /"\(empty subject, serial [0-9a-f]+\)"/,
    ],
    [
      'SUP-CHAIN-002',
      'an intermediate given as the trust anchor',
      fixture('sup/good-both.pem'),
      { names: BOTH, trustAnchors: [fixture('sup/issuing.pem')] },
      /trust anchor "CN=Contoso SUP Issuing CA" is not self-signed/,
    ],
    [
      'SUP-CHAIN-002',
      'the root given, the intermediate missing, no AIA',
      fixture('sup/no-revocation.pem'),
      { names: BOTH, trustAnchors: [fixture('sup/root.pem')] },
      /0x800B010A.*"CN=Contoso SUP Issuing CA".*into the PFX.*Intermediate Certification Authorities store/,
      /deploy th(e|at) root/,
    ],
    [
      'SUP-CHAIN-002',
      'a self-signed certificate that is not trusted',
      fixture('sup/self-signed.pem'),
      { names: BOTH, trustAnchors: [fixture('sup/root.pem')] },
      /self-signed root "CN=sup01\.corp\.contoso\.com".*0x800B0109/,
      /0x800B010A/,
    ],
    [
      'SUP-VAL-002',
      'expiring within the day',
      variant({ notAfter: new Date(at.getTime() + 3_600_000) }),
      { names: BOTH },
      /expires on .*, in less than a day \(warning threshold 30\)/,
      /in 0 days/,
    ],
    [
      'SUP-VAL-002',
      'expiring in one day',
      variant({ notAfter: new Date(at.getTime() + 25 * 3_600_000) }),
      { names: BOTH },
      /in 1 day \(/,
    ],
  ];

  it.each(table)('%s, %s', async (rule, _what, input, options, message, not) => {
    const budget = new WorkBudget();
    const report = await validateSupCertificate(input, { at, budget, ...options });
    const text = findingsOf(report, rule)
      .map((f) => f.message)
      .join('\n');
    expect(text).toMatch(message);
    if (not) expect(text).not.toMatch(not);
    expect(budget.spent('maxNameComparisons')).toBeLessThanOrEqual(
      report.names.length *
        (2 +
          (report.certificate.dnsNames?.length ?? 0) +
          report.certificate.commonNames.length +
          report.certificate.ipAddresses.length),
    );
  });

  it('the Windows error of a missing intermediate is CERT_E_CHAINING, of an untrusted root CERT_E_UNTRUSTEDROOT', async () => {
    const missing = await validateSupCertificate(fixture('sup/no-revocation.pem'), {
      at,
      names: BOTH,
      trustAnchors: [fixture('sup/root.pem')],
    });
    expect(findingsOf(missing, 'SUP-CHAIN-002').map((f) => f.windowsError)).toEqual(['0x800B010A']);
    const untrusted = await validateSupCertificate(fixture('sup/self-signed.pem'), {
      at,
      names: BOTH,
      trustAnchors: [fixture('sup/root.pem')],
    });
    expect(findingsOf(untrusted, 'SUP-CHAIN-002').map((f) => f.windowsError)).toEqual([
      '0x800B0109',
    ]);
    const intermediateAnchor = await validateSupCertificate(fixture('sup/good-both.pem'), {
      at,
      names: BOTH,
      trustAnchors: [fixture('sup/issuing.pem')],
    });
    expect(intermediateAnchor.chain?.valid).toBe(true);
    expect(findingsOf(intermediateAnchor, 'SUP-CHAIN-002')).toEqual([
      expect.objectContaining({ severity: 'warning' }),
    ]);
    const rootAnchor = await validateSupCertificate(fixture('sup/good-both.pem'), {
      at,
      names: BOTH,
      trustAnchors: [fixture('sup/root.pem')],
      intermediates: [fixture('sup/issuing.pem')],
    });
    expect(
      findingsOf(rootAnchor, 'SUP-CHAIN-002').filter(
        (f) => f.code === 'sup.chain.anchor_not_self_signed',
      ),
    ).toEqual([]);
  });

  // Every rule, every unusual certificate: no message with an empty list, an empty quote, or a
  // value printed as undefined/null/[object Object].
  const unusual: Array<[string, CertificateBundle]> = [
    ['IP-only SAN', variant(ipOnly)],
    ['empty subject and IP-only SAN', variant({ ...ipOnly, subject: '', commonNames: [] })],
    [
      'no SAN, no CN',
      variant({ dnsNames: null, ipAddresses: [], altNames: [], commonNames: [], subject: '' }),
    ],
    ['empty EKU and KU lists', variant({ extendedKeyUsages: [], keyUsage: [] })],
    ['empty issuer', variant({ issuer: '' })],
    ['no AIA, no CDP', variant({ caIssuerUrls: [], crlDistributionPoints: [], ocspUrls: [] })],
  ];
  const optionSets: SupOptions[] = [
    { names: BOTH },
    { intranetName: INTRANET, connections: 'both' },
    { skipNames: true },
    { names: BOTH, trustAnchors: [fixture('sup/root.pem')] },
  ];

  it.each(unusual)(
    'no rule writes an empty or undefined value into a message: %s',
    async (_what, bundle) => {
      let seen = 0;
      for (const options of optionSets) {
        const report = await validateSupCertificate(bundle, { at, ...options });
        for (const f of report.findings) {
          seen++;
          expect(f.message, `${f.rule}: ${f.message}`).not.toMatch(
            /\(\)|""|\bundefined\b|\bnull\b|\[object |, ,|: \.|\(, /,
          );
          expect(f.message.length, f.rule).toBeLessThan(1200);
        }
      }
      expect(seen).toBeGreaterThan(SUP_RULES.length / 2);
    },
  );
});
