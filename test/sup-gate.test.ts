import { describe, expect, it } from 'vitest';
import { SUP_RULES } from '../src/rules/catalogue.js';
import { severityOf } from '../src/rules/severity.js';
import { globMatch } from '../src/rules/requiredNames.js';
import {
  type SupOptions,
  WorkBudget,
  readCertificates,
  validateSupCertificate,
  validateSupRequest,
} from '../src/index.js';
import { fixture, rejectionCode } from './fixtures.js';
import { BOTH, DAY, INTERNET, INTRANET, statusOf } from './sup-fixtures.js';

// A gate never passes what it did not check, and the names it is given
// are host names.

const pem = fixture('sup/good-both.pem');
const bundle = await readCertificates(pem);
const at = new Date(bundle.certificates[0]!.notBefore.getTime() + DAY);
const judge = (options: SupOptions, budget = new WorkBudget()) =>
  validateSupCertificate(bundle, { at, budget, ...options });

/**
 * Error-severity rules that may end in an info finding ("could not be checked") without failing
 * the gate, each with the documented reason. Every other error rule that cannot run must fail
 * the report. A new rule that reports a missing input as info fails the enumeration below until
 * it is listed here (with its opt-out) or made an error.
 */
const OPT_OUTS: Record<string, RegExp> = {
  // Chain checks are opt-in: SupOptions.trustAnchors "enables chain checks"; the finding says to give them.
  'SUP-CHAIN-002': /trustAnchors/,
  // A certificate file holds no key; the key lives on the server (the finding says how to check it there).
  'SUP-PK-001': /certutil -verifystore|PFX/,
  // Only a PFX records the key provider.
  'SUP-CNG-001': /provider/,
  // configuressl is optional: usually the intranet FQDN, which SUP-NAME-001 checks.
  'SUP-NAME-004': /configureSslName/,
  // The names themselves, opted out explicitly.
  'SUP-NAME-018': /skipNames/,
  // The deployment checklist; validateSupDeployment decides these from a server snapshot.
  ...Object.fromEntries(
    [1, 2, 3, 4, 5].map((n) => [
      `SUP-DEP-00${n}`,
      /certlm|Bind it|Require SSL|client certificates|WsusUtil/,
    ]),
  ),
};

describe('item 1: no names, no pass', () => {
  const missing: Array<[string, SupOptions, string]> = [
    ['no names at all', {}, 'SUP-NAME-018'],
    ['only configureSslName', { configureSslName: INTRANET }, 'SUP-NAME-018'],
    ['internet-only by default (only internetName)', { internetName: INTERNET }, 'SUP-NAME-003'],
    ['internet-only, said so', { internetName: INTERNET, connections: 'internet' }, 'SUP-NAME-003'],
    [
      'both, without the internet name',
      { intranetName: INTRANET, connections: 'both' },
      'SUP-NAME-002',
    ],
    [
      'both, without the intranet name',
      { internetName: INTERNET, connections: 'both' },
      'SUP-NAME-001',
    ],
    [
      'cmg, without the intranet name',
      { internetName: INTERNET, connections: 'cmg' },
      'SUP-NAME-001',
    ],
  ];

  it.each(missing)(
    '%s: ok is false with an error of the rule that could not run',
    async (_what, options, rule) => {
      const budget = new WorkBudget();
      const report = await judge(options, budget);
      expect(report.ok).toBe(false);
      const finding = report.findings.find((f) => f.rule === rule && f.severity === 'error');
      expect(finding?.message).toMatch(/no (host|intranet|internet) name was given/i);
      expect(finding?.message).toMatch(/intranetName|internetName/);
      // Work: one comparison per presented identifier (+1) for each name that was given, no more.
      const c = bundle.certificates[0]!;
      const identifiers =
        1 + (c.dnsNames?.length ?? 0) + c.ipAddresses.length + c.commonNames.length;
      expect(budget.spent('maxNameComparisons')).toBe(report.names.length * identifiers);
    },
  );

  it('the message for no names at all names the three options and the opt-out', async () => {
    const report = await judge({});
    const f = report.findings.find((x) => x.rule === 'SUP-NAME-018')!;
    for (const word of ['intranetName', 'internetName', 'names', 'skipNames'])
      expect(f.message).toContain(word);
    expect(statusOf(report, 'SUP-NAME-001')).toBe('not-applicable');
    expect(statusOf(report, 'SUP-NAME-003')).toBe('not-applicable');
  });

  it('skipNames: true is the explicit opt-out, stated as an info finding', async () => {
    const report = await judge({ skipNames: true });
    expect(report.ok).toBe(true);
    const f = report.findings.find((x) => x.rule === 'SUP-NAME-018')!;
    expect(f.severity).toBe('info');
    expect(f.code).toBe('sup.name.names_not_checked');
    expect(report.names).toEqual([]);
  });

  it('skipNames with names, or not a boolean, is INVALID_OPTION', async () => {
    expect(await rejectionCode(judge({ skipNames: true, names: BOTH }))).toBe('INVALID_OPTION');
    expect(await rejectionCode(judge({ skipNames: true, intranetName: INTRANET }))).toBe(
      'INVALID_OPTION',
    );
    expect(await rejectionCode(judge({ skipNames: 'yes' as unknown as boolean }))).toBe(
      'INVALID_OPTION',
    );
  });

  it('validateSupRequest without names fails the same way', async () => {
    const csr = fixture('requests/good-both.csr');
    expect((await validateSupRequest(csr, {})).ok).toBe(false);
    expect((await validateSupRequest(csr, { internetName: INTERNET })).ok).toBe(false);
    expect((await validateSupRequest(csr, { names: BOTH })).ok).toBe(true);
    expect((await validateSupRequest(csr, { skipNames: true })).findings).toContainEqual(
      expect.objectContaining({ rule: 'SUP-NAME-018', severity: 'info' }),
    );
  });

  it('every error rule of the catalogue that could not run fails the report, or is a listed opt-out', async () => {
    const cases: SupOptions[] = [
      {},
      { internetName: INTERNET },
      { intranetName: INTRANET, connections: 'both' },
      { skipNames: true },
    ];
    const errorRules = SUP_RULES.filter((r) => severityOf(r) === 'error').map((r) => r.id);
    expect(errorRules.length).toBeGreaterThan(15);
    for (const options of cases) {
      const report = await judge(options);
      for (const id of errorRules) {
        const status = statusOf(report, id);
        expect(status, id).not.toBe('missing');
        if (status !== 'info') continue;
        // An error rule that only said "could not check": allowed only as a documented opt-out.
        expect(
          Object.keys(OPT_OUTS),
          `${id} reported a missing input as info with ${JSON.stringify(options)}`,
        ).toContain(id);
        for (const f of report.findings.filter((x) => x.rule === id))
          expect(f.message, id).toMatch(OPT_OUTS[id]!);
      }
      const couldNotRun = report.results.some(
        (r) =>
          ['SUP-NAME-001', 'SUP-NAME-002', 'SUP-NAME-003', 'SUP-NAME-018'].includes(r.rule) &&
          r.status === 'error',
      );
      if (!options.skipNames) {
        expect(couldNotRun, JSON.stringify(options)).toBe(true);
        expect(report.ok).toBe(false);
      }
    }
    // And with every name given, the same certificate passes: the failures above are the missing names.
    expect((await judge({ names: BOTH })).ok).toBe(true);
  });
});

describe('item 2: the names given are host names', () => {
  const refused: Array<[string, SupOptions, RegExp]> = [
    ['empty names', { names: '' }, /names is empty/],
    ['blank names', { names: '   ' }, /names is empty/],
    ['blank intranetName', { intranetName: '  ' }, /intranetName is empty/],
    ['empty internetName', { internetName: '' }, /internetName is empty/],
    [
      'empty configureSslName',
      { intranetName: INTRANET, configureSslName: '' },
      /configureSslName is empty/,
    ],
    [
      'empty intranet token',
      { names: '&updates.example.com' },
      /position 1 \(the intranet name's place\)/,
    ],
    ['empty intranet token after san:', { names: 'san:&dns=updates.example.com' }, /position 1/],
    ['empty middle token', { names: 'a.corp&&b.example.com' }, /position 2/],
    ['only separators', { names: '&&' }, /holds no name/],
    [
      'an IP identity in the intranet place',
      { names: 'ipaddress=10.0.0.5&updates.example.com' },
      /non-DNS identity .* intranet name's place/,
    ],
    [
      'an email identity in the internet place',
      { names: 'san:dns=a.corp&email=x@y.com&b.example.com' },
      /non-DNS identity .* internet name's place/,
    ],
    ['a space', { intranetName: 'sup01 corp.example' }, /a space/],
    ['a comma', { intranetName: 'sup01.corp.example,sup01.example' }, /a comma/],
    ['a comma in names', { names: 'a.corp,b.corp&c.example' }, /a comma/],
    ['a backslash', { intranetName: 'CORP\\sup01' }, /a backslash/],
    ['a trailing backslash', { intranetName: 'sup01.corp.example\\' }, /a backslash/],
    ['double quotes', { intranetName: '"sup01.corp.example' }, /a double quote/],
    ['a slash', { internetName: 'sup01.example/wsus' }, /a "\/"/],
    ['a port without a scheme', { intranetName: 'sup01.corp.example:8531' }, /a ":" \(a port\?\)/],
    ['a control character', { intranetName: 'sup01\u0007.corp' }, /control character \(\\x07\)/],
    ['a NUL', { names: `sup01\u0000.corp&b.example` }, /control character \(\\x00\)/],
    ['a tab', { intranetName: 'sup01\t.corp' }, /control character \(\\x09\)/],
    ['an empty label', { intranetName: 'sup01..corp' }, /empty label/],
    ['a leading dot', { internetName: '.example.com' }, /empty label/],
    ['a URL without a host', { intranetName: 'https:///path' }, /without a host/],
    ['a wildcard', { names: '*.corp.example&b.example' }, /a "\*"/],
    ['names and intranetName disagree', { names: BOTH, intranetName: 'other.corp' }, /disagrees/],
    [
      'names and internetName disagree',
      { names: BOTH, internetName: 'other.example' },
      /disagrees/,
    ],
    ['a number for a name', { intranetName: 42 as unknown as string }, /must be a string/],
  ];

  it.each(refused)('%s is INVALID_OPTION naming the value', async (_what, options, message) => {
    const budget = new WorkBudget();
    const error = await judge(options, budget).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SupCertError', code: 'INVALID_OPTION' });
    expect((error as Error).message).toMatch(message);
    // Refused before any name was compared.
    expect(budget.spent('maxNameComparisons')).toBe(0);
  });

  it('a long bad value is cut in the message', async () => {
    const long = `${'a'.repeat(5000)} b`;
    const error = (await judge({ intranetName: long }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'INVALID_OPTION' });
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('(5002 characters)');
  });

  const urls: Array<[string, SupOptions, string]> = [
    ['https with port', { intranetName: 'https://sup01.corp.contoso.com:8531' }, INTRANET],
    [
      'http with path',
      { intranetName: 'http://sup01.corp.contoso.com/ClientWebService/client.asmx' },
      INTRANET,
    ],
    [
      'trailing slash',
      { internetName: 'https://sup01.contoso.com:8531/', intranetName: INTRANET },
      INTERNET,
    ],
    ['in names', { names: `https://${INTRANET}:8531/&https://${INTERNET}:443` }, INTRANET],
    [
      'with user info (not echoed)',
      { intranetName: `https://admin:secret@${INTRANET}:8531/` },
      INTRANET,
    ],
  ];

  it.each(urls)(
    'a URL (%s) is judged by its host, with an info finding saying so',
    async (_what, options, host) => {
      const budget = new WorkBudget();
      const report = await judge(options, budget);
      expect(report.names.map((n) => n.name)).toContain(host);
      expect(report.names.every((n) => !n.name.includes('/') && !n.name.includes(':'))).toBe(true);
      const note = report.findings.find(
        (f) => f.code === 'sup.name.names_given_note' && /is a URL/.test(f.message),
      );
      expect(note?.severity).toBe('info');
      expect(JSON.stringify(report.findings)).not.toContain('secret');
      expect(budget.spent('maxNameComparisons')).toBeGreaterThan(0);
      expect(budget.spent('maxNameComparisons')).toBeLessThanOrEqual(report.names.length * 10);
    },
  );

  it('host names that are fine stay accepted: IDN, IPv6, IPv4, NetBIOS, underscore, trailing dot', async () => {
    for (const intranetName of [
      'sup01',
      'SUP_01.corp.example',
      'sup01.corp.example.',
      'bücher.example',
      '10.0.0.5',
      '2001:db8::5',
      '[2001:db8::5]',
    ]) {
      const report = await judge({ intranetName });
      expect(report.names).toHaveLength(1);
    }
  });

  it('a name longer than a DNS name can be is INVALID_OPTION', async () => {
    expect(
      await rejectionCode(
        judge({
          intranetName: `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(20)}`,
        }),
      ),
    ).toBe('INVALID_OPTION');
    expect(
      (
        await judge({
          intranetName: `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.co`,
        })
      ).names,
    ).toHaveLength(1);
  });

  it('wildcard patterns are matched without backtracking, with the RegExp semantics', () => {
    // Every pattern over {a, b, *} up to 5 characters against every text over {a, b} up to 5.
    const words = (alphabet: string[], max: number): string[] => {
      let out = [''];
      let layer = [''];
      for (let i = 0; i < max; i++) {
        layer = layer.flatMap((w) => alphabet.map((c) => w + c));
        out = out.concat(layer);
      }
      return out;
    };
    let compared = 0;
    for (const pattern of words(['a', 'b', '*'], 5).filter((p) => p.includes('*'))) {
      const re = new RegExp(`^${pattern.split('*').join('[^.]*')}$`);
      for (const text of words(['a', 'b'], 5)) {
        expect(globMatch(pattern, text), `${pattern} ~ ${text}`).toBe(re.test(text));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('a names list as long as the budget allows is bounded by limits.maxNameComparisons', async () => {
    const names = Array.from({ length: 2_000 }, (_, i) => `n${i}.corp.example`).join('&');
    const budget = new WorkBudget({ maxNameComparisons: 5_000 });
    expect(await rejectionCode(judge({ names }, budget))).toBe('LIMIT_EXCEEDED');
    expect(budget.spent('maxNameComparisons')).toBeLessThanOrEqual(5_000);
  });
});
