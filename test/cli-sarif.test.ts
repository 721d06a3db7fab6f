import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRules } from '../src/index.js';
import { AT, NAMES, PFX_PASSWORD, SUP, assertBuilt, runCli } from './cli-fixtures/run.js';

// The official SARIF 2.1.0 (rtm.5) schema, as Microsoft's sarif-js-sdk ships it. It is a
// draft-04 schema whose `language` pattern is not a valid Unicode-mode regular expression,
// hence ajv-draft-04 and unicodeRegExp: false.
const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function parseValid(stdout: string): Log {
  const log = JSON.parse(stdout) as Log;
  const ok = validate(log);
  expect(ok ? [] : validate.errors).toEqual([]);
  return log;
}

beforeAll(assertBuilt);

describe('supcert check --format sarif', () => {
  it('the schema catches what it should (the validator is live)', () => {
    expect(validate({ version: '2.1.0', runs: [] })).toBe(true);
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(
      validate({
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: 'x' } },
            results: [{ message: { text: 'm' }, level: 'fatal' }],
          },
        ],
      }),
    ).toBe(false);
  });

  it('is valid SARIF 2.1.0 with the whole catalogue as rules and one result per finding', async () => {
    const r = await runCli([
      'check',
      `${SUP}/cn-only-while-san.pem`,
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'sarif',
    ]);
    expect(r.status).toBe(1);
    const log = parseValid(r.stdout);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    const catalogue = describeRules();
    const driver = run.tool.driver;
    expect(driver.name).toBe('supcert');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    // No informationUri: the npm name "supcert" is not this project (README, Install), so no address is claimed.
    expect(driver.informationUri).toBeUndefined();
    expect(driver.rules?.map((x) => x.id)).toEqual(catalogue.map((x) => x.id));
    const level = { error: 'error', warning: 'warning', info: 'note' } as const;
    for (const [i, rule] of (driver.rules ?? []).entries()) {
      const c = catalogue[i]!;
      expect(rule.shortDescription?.text).toBe(c.title);
      expect(rule.fullDescription?.text).toBe(c.requirement);
      expect(rule.helpUri).toBe(c.citation.url);
      expect(rule.defaultConfiguration?.level).toBe(level[c.severity]);
      expect(rule.name).toMatch(/^[A-Za-z0-9]+$/);
      expect(rule.properties?.findings).toEqual(c.findings);
    }
    const results = run.results ?? [];
    const error = results.find((x) => x.ruleId === 'SUP-NAME-006');
    expect(error?.level).toBe('error');
    // ruleId is the rule; the declared finding's code rides in the properties.
    expect(error?.properties?.code).toBe('sup.name.cn_only');
    expect(error?.message.text).toContain('sup01.corp.contoso.com');
    expect(error?.locations?.[0]?.physicalLocation?.artifactLocation).toEqual({
      uri: 'certs-fixtures/sup/cn-only-while-san.pem',
      uriBaseId: '%SRCROOT%',
    });
    expect(results.filter((x) => x.level === 'note').length).toBeGreaterThan(0);
    for (const x of results) {
      expect(driver.rules?.[x.ruleIndex!]?.id).toBe(x.ruleId);
      const codes = catalogue[x.ruleIndex!]!.findings.map((f) => f.code);
      expect(codes).toContain(x.properties?.code);
    }
    expect(run.invocations?.[0]).toMatchObject({
      executionSuccessful: true,
      exitCode: 1,
      toolExecutionNotifications: [],
    });
  });

  it('several inputs share one run; an unreadable one is a notification, and the password is not in it', async () => {
    const wrong = 'Wrong-Password-99';
    const r = await runCli(
      [
        'check',
        `${SUP}/good-both.pem`,
        `${SUP}/good-both.pfx`,
        'missing.cer',
        '--password-env',
        'P',
        '--names',
        NAMES,
        '--at',
        AT,
        '--format',
        'sarif',
      ],
      { env: { P: wrong } },
    );
    expect(r.status).toBe(2);
    const log = parseValid(r.stdout);
    expect(log.runs).toHaveLength(1);
    const notes = log.runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(
      notes.map((n) => [
        n.level,
        n.descriptor?.id,
        n.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      ]),
    ).toEqual([
      ['error', 'WRONG_PASSWORD', 'certs-fixtures/sup/good-both.pfx'],
      ['error', 'ENOENT', 'missing.cer'],
    ]);
    expect(log.runs[0]!.invocations?.[0]?.executionSuccessful).toBe(false);
    expect(r.stdout + r.stderr).not.toContain(wrong);
    const right = await runCli(
      [
        'check',
        `${SUP}/good-both.pfx`,
        '--password-env',
        'P',
        '--names',
        NAMES,
        '--at',
        AT,
        '--format',
        'sarif',
      ],
      { env: { P: PFX_PASSWORD } },
    );
    expect(right.status).toBe(0);
    parseValid(right.stdout);
  });

  it('paths are relative to the working directory, with / separators', async () => {
    const r = await runCli(
      ['check', 'sup/good-both.pem', '--skip-names', '--format', 'sarif', '--at', AT],
      { cwd: `${process.cwd()}/certs-fixtures` },
    );
    const log = parseValid(r.stdout);
    const uris = new Set(
      (log.runs[0]!.results ?? []).map(
        (x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      ),
    );
    expect([...uris]).toEqual(['sup/good-both.pem']);
    expect(log.runs[0]!.originalUriBaseIds?.['%SRCROOT%']?.uri).toMatch(
      /^file:\/\/.*\/certs-fixtures\/$/,
    );
  });
});
