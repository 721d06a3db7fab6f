/*
 * Red team, round 6, part 2: every export of the public API called with values of the wrong
 * type (a SupCertError with a stable code, or a documented result: never a TypeError), the
 * snapshots of `check-server` that contradict each other, `--targets` files of every shape, and
 * SIGINT in the middle of a long `check --format jsonl`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import {
  DEFAULT_ONLINE_LIMITS,
  SupCertError,
  WorkBudget,
  buildOcspRequest,
  fetchCrls,
  fetchMissingIssuers,
  fetchOcsp,
  readCertificates,
  validateSupCertificate,
  verifyChain,
  type CertificateInfo,
  type HttpFetcher,
} from '../src/index.js';
import { ROOT, SUP } from './cli-fixtures/run.js';

const fixture = (name: string): Buffer => readFileSync(path.join(ROOT, SUP, name));
const pem = fixture('good-both.pem');
const leaf = async (): Promise<CertificateInfo> => (await readCertificates(pem)).certificates[0]!;
const issuing = async (): Promise<CertificateInfo> =>
  (await readCertificates(fixture('issuing.pem'))).certificates[0]!;

/** The wrong values each argument is given in turn. */
const BAD: Array<[string, () => unknown]> = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['a number', () => 5],
  ['a string', () => 'x'],
  ['{}', () => ({})],
  ['[]', () => []],
  ['Object.create(null)', () => Object.create(null) as unknown],
];

/** What a call did: returned, or threw what. */
async function outcome(call: () => unknown): Promise<{ thrown?: unknown }> {
  try {
    await call();
    return {};
  } catch (thrown) {
    return { thrown };
  }
}

type Args = () => Promise<unknown[]>;
const refusingTransport = {
  handshake: () => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
  request: () => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })),
};
const fetcher: HttpFetcher = () => Promise.resolve({ status: 404, body: new Uint8Array() });

/**
 * A valid argument list for each function export of src/index.ts, and which arguments are
 * documented never to throw (they answer with a result instead).
 */
const CALLS: Record<string, { args: Args; neverThrows?: boolean; baseline?: string }> = {
  readCertificates: { args: async () => [pem, {}] },
  parseNameList: { args: async () => ['sup01.contoso.com', {}], neverThrows: true },
  explainHostMatch: { args: async () => [await leaf(), 'sup01.contoso.com', 'windows'] },
  matchHostname: { args: async () => [await leaf(), 'sup01.contoso.com', {}] },
  validateSupCertificate: { args: async () => [pem, { skipNames: true }] },
  describeRules: { args: async () => [], neverThrows: true },
  describeRunnerFindings: { args: async () => [], neverThrows: true },
  rulesMarkdown: { args: async () => [], neverThrows: true },
  verifyChain: { args: async () => [pem, { trustAnchors: [fixture('root.pem')] }] },
  sslPolicyErrors: {
    args: async () => [
      await verifyChain(pem, {
        trustAnchors: [fixture('root.pem')],
        intermediates: [fixture('issuing.pem')],
      }),
      true,
      {},
      'why',
    ],
  },
  validateSupRequest: {
    args: async () => [readFileSync(path.join(ROOT, 'certs-fixtures/requests/good-both.csr')), {}],
  },
  validateSupDeployment: { args: async () => [[pem], {}] },
  readSnapshotFile: {
    args: async () => [
      'applicationHost.config',
      readFileSync(
        path.join(
          ROOT,
          'certs-fixtures/deployment/snapshots/good-default-site/applicationHost.config',
        ),
      ),
      {},
    ],
  },
  recogniseSnapshot: { args: async () => [new Uint8Array([60])] },
  suggestRequest: { args: async () => [{ names: 'sup01.contoso.com' }] },
  ekuLabel: { args: async () => ['1.3.6.1.5.5.7.3.1'], neverThrows: true },
  applyProbe: {
    args: async () => [await validateSupCertificate(pem, { skipNames: true }), { findings: [] }],
  },
  pairedHttpPort: { args: async () => [8531], neverThrows: true },
  probeSupServer: {
    args: async () => [
      { host: '127.0.0.1', port: 1, names: ['sup01.contoso.com'], transport: refusingTransport },
    ],
    // The handshake of the first name fails: the transport's error, as documented.
    baseline: 'ECONNREFUSED',
  },
  checkRevocation: {
    args: async () => [[await leaf(), await issuing()], [], new Date(), new WorkBudget()],
  },
  // A certificate file holds no CRL: UNKNOWN_FORMAT, after the arguments were taken.
  readCrls: { args: async () => [pem, {}], baseline: 'UNKNOWN_FORMAT' },
  buildOcspRequest: { args: async () => [await leaf(), await issuing(), new WorkBudget()] },
  checkOcspResponse: {
    args: async () => [
      new Uint8Array([0x30, 0]),
      await leaf(),
      await issuing(),
      new Date(),
      new WorkBudget(),
    ],
  },
  fetchCrls: { args: async () => [[await leaf()], fetcher, {}] },
  fetchMissingIssuers: { args: async () => [[await leaf()], [], fetcher, {}] },
  fetchOcsp: { args: async () => [[await leaf()], buildOcspRequest, fetcher, {}] },
};

describe('every function of the public API, each argument given a value of the wrong type', () => {
  const functions = Object.entries(api)
    .filter(([, v]) => typeof v === 'function' && !/^[A-Z]/.test(v.name))
    .map(([k]) => k)
    .sort();

  it('the table covers every function export of src/index.ts', () => {
    expect(functions).toEqual(Object.keys(CALLS).sort());
  });

  it.each(Object.keys(CALLS))('%s: a SupCertError or a result, never a TypeError', async (name) => {
    const fn = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!;
    const { args, neverThrows, baseline } = CALLS[name]!;
    const valid = await args();
    const first = (await outcome(() => fn(...valid))).thrown as { code?: string } | undefined;
    expect(first?.code, String(first)).toBe(baseline);
    for (let i = 0; i < Math.max(1, valid.length); i++) {
      for (const [label, value] of BAD) {
        const list = [...valid];
        list[i] = value();
        const { thrown } = await outcome(() => fn(...list));
        const where = `${name} argument ${i} = ${label}`;
        if (thrown === undefined) continue;
        expect(neverThrows, `${where}: threw, but is documented never to`).not.toBe(true);
        expect(thrown, `${where}: ${String(thrown)}`).toBeInstanceOf(SupCertError);
        const { message } = thrown as SupCertError;
        expect(message, where).not.toMatch(/Cannot read|is not (iterable|a function)|of undefined/);
      }
    }
  });

  it.each<[string, () => unknown]>([
    ['checkRevocation(null, [], at)', () => api.checkRevocation(null as never, [], new Date())],
    [
      'checkRevocation([{}, {}], [], at)',
      () => api.checkRevocation([{}, {}] as never, [], new Date()),
    ],
    [
      'checkRevocation(path, null, at)',
      async () => api.checkRevocation([await leaf()], null as never, new Date()),
    ],
    [
      'checkRevocation(path, [], "2027-01-01")',
      async () => api.checkRevocation([await leaf()], [], '2027-01-01' as never),
    ],
    [
      'checkRevocation(path, [], Invalid Date)',
      async () => api.checkRevocation([await leaf()], [], new Date('x')),
    ],
    [
      'checkRevocation(path, [], at, {})',
      async () => api.checkRevocation([await leaf()], [], new Date(), {} as never),
    ],
    ['sslPolicyErrors({}, true)', () => api.sslPolicyErrors({} as never, true)],
    [
      'sslPolicyErrors({ valid: false, path: [null], problems: [] }, true)',
      () => api.sslPolicyErrors({ valid: false, path: [null], problems: [] } as never, true),
    ],
    [
      'sslPolicyErrors(chain, "false")',
      async () => api.sslPolicyErrors(await verifyChain(pem, {} as never), 'false' as never),
    ],
    ['applyProbe(null, { findings: [] })', () => api.applyProbe(null as never, { findings: [] })],
    [
      'applyProbe(report, { findings: [null] })',
      async () =>
        api.applyProbe(await validateSupCertificate(pem, { skipNames: true }), {
          findings: [null] as never,
        }),
    ],
    [
      'applyProbe(report, {})',
      async () =>
        api.applyProbe(await validateSupCertificate(pem, { skipNames: true }), {} as never),
    ],
    ['buildOcspRequest(cert, null)', async () => buildOcspRequest(await leaf(), null as never)],
    ['buildOcspRequest({}, issuer)', async () => buildOcspRequest({} as never, await issuing())],
    [
      'checkOcspResponse("x", cert, issuer, at)',
      async () => api.checkOcspResponse('x' as never, await leaf(), await issuing(), new Date()),
    ],
    [
      'checkOcspResponse(der, cert, issuer, null)',
      async () =>
        api.checkOcspResponse(
          new Uint8Array([0x30, 0]),
          await leaf(),
          await issuing(),
          null as never,
        ),
    ],
    ['fetchCrls("x", fetcher)', () => fetchCrls('x' as never, fetcher)],
    [
      'fetchCrls([cert], fetcher, null)',
      async () => fetchCrls([await leaf()], fetcher, null as never),
    ],
    [
      'fetchMissingIssuers([null], [], fetcher)',
      () => fetchMissingIssuers([null] as never, [], fetcher),
    ],
    ['fetchOcsp(null, build, fetcher)', () => fetchOcsp(null as never, buildOcspRequest, fetcher)],
    [
      'new WorkBudget().charge("constructor", 1, "x")',
      () => new WorkBudget().charge('constructor' as never, 1, 'x'),
    ],
    [
      'new WorkBudget().charge("maxElements", -5, "x") (a refund)',
      () => new WorkBudget().charge('maxElements', -5, 'x'),
    ],
  ])('%s: SupCertError INVALID_OPTION', async (_, call) => {
    const { thrown } = await outcome(call);
    expect(thrown).toBeInstanceOf(SupCertError);
    expect((thrown as SupCertError).code).toBe('INVALID_OPTION');
    expect((thrown as SupCertError).message).toMatch(/must be|one of/);
  });

  it('parseNameList(Object.create(null)) answers with a problem, as documented (never throws)', () => {
    const r = api.parseNameList(Object.create(null) as never);
    expect(r.names).toEqual([]);
    expect(r.problems.join(' ')).toMatch(/must be text/);
  });
});

describe('fetchOcsp checks its fetcher, buildRequest and limits as fetchCrls does', () => {
  // A leaf with an http:// OCSP responder, and its issuer: one request would be sent.
  const pair = async (): Promise<CertificateInfo[]> => [await leaf(), await issuing()];
  it.each<[string, (c: CertificateInfo[]) => Promise<unknown>]>([
    ['fetcher 5', (c) => fetchOcsp(c, buildOcspRequest, 5 as never)],
    ['fetcher null', (c) => fetchOcsp(c, buildOcspRequest, null as never)],
    ['buildRequest "x"', (c) => fetchOcsp(c, 'x' as never, fetcher)],
    ['limit maxFetches -1', (c) => fetchOcsp(c, buildOcspRequest, fetcher, { maxFetches: -1 })],
    [
      'limit maxBytes "1"',
      (c) => fetchOcsp(c, buildOcspRequest, fetcher, { maxBytes: '1' as never }),
    ],
    ['unknown limit', (c) => fetchOcsp(c, buildOcspRequest, fetcher, { bogus: 1 } as never)],
    ['buildRequest answering a string', (c) => fetchOcsp(c, (() => 'MEUw') as never, fetcher)],
    [
      'fetchMissingIssuers: limit timeoutMs NaN',
      (c) => fetchMissingIssuers(c, [], fetcher, { timeoutMs: Number.NaN }),
    ],
    [
      'fetchMissingIssuers: unknown limit',
      (c) => fetchMissingIssuers(c, [], fetcher, { retries: 3 } as never),
    ],
  ])('%s: SupCertError INVALID_OPTION before anything is fetched', async (_, call) => {
    const c = await pair();
    expect(c[0]!.ocspUrls.some((u) => u.startsWith('http://'))).toBe(true);
    const { thrown } = await outcome(() => call(c));
    expect(thrown).toBeInstanceOf(SupCertError);
    expect((thrown as SupCertError).code).toBe('INVALID_OPTION');
  });

  it('a valid call asks the responder once, within the limits given', async () => {
    const seen: Array<{ url: string; maxBytes: number }> = [];
    const r = await fetchOcsp(
      await pair(),
      buildOcspRequest,
      (url, limits) => {
        seen.push({ url, maxBytes: limits.maxBytes });
        return Promise.resolve({ status: 200, body: new Uint8Array([0x30, 0]) });
      },
      { maxBytes: 2048 },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url.startsWith('http://ocsp.contoso.com/')).toBe(true);
    expect(seen[0]!.maxBytes).toBe(2048);
    expect(r.responses).toHaveLength(1);
    expect(DEFAULT_ONLINE_LIMITS.maxFetches).toBe(8);
  });
});

describe('check-server: a snapshot whose files contradict each other never passes', () => {
  const D = path.join(ROOT, 'certs-fixtures/deployment/snapshots');
  const file = (dir: string, name: string, as = name): { name: string; bytes: Uint8Array } => ({
    name: as,
    bytes: readFileSync(path.join(D, dir, name)),
  });
  const good = (): Array<{ name: string; bytes: Uint8Array }> =>
    ['applicationHost.config', 'sslcert.txt', 'setup.reg', 'my.reg'].map((n) =>
      file('good-wsus-admin', n),
    );
  const options = { names: 'sup01.corp.contoso.com', at: new Date('2027-01-01T00:00:00Z') };
  const utf16le = (text: string): Uint8Array =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = (text: string): Uint8Array => {
    const le = Buffer.from(text, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
  };
  const text = (dir: string, name: string): string => {
    const b = readFileSync(path.join(D, dir, name));
    return b[0] === 0xff ? new TextDecoder('utf-16le').decode(b.subarray(2)) : b.toString('utf8');
  };
  const conflicts = (r: api.DeploymentReport): string[] =>
    r.findings.filter((f) => f.code === 'sup.dep.conflicting_files').map((f) => f.message);

  it('the good snapshot passes, and passes with a file given twice', async () => {
    expect((await api.validateSupDeployment(good(), options)).ok).toBe(true);
    const twice = [...good(), file('good-wsus-admin', 'sslcert.txt', 'copy/sslcert.txt')];
    expect((await api.validateSupDeployment(twice, options)).ok).toBe(true);
  });

  it.each<[string, () => { name: string; bytes: Uint8Array }, RegExp]>([
    [
      'two netsh outputs binding other certificates',
      () => file('broken', 'sslcert.txt', 'other/sslcert.txt'),
      /netsh .*sslcert\.txt versus other\/sslcert\.txt/,
    ],
    [
      'two applicationHost.config, one without Require SSL',
      () => ({
        name: 'other/applicationHost.config',
        bytes: Buffer.from(
          text('good-wsus-admin', 'applicationHost.config').replace(
            /sslFlags="Ssl"/,
            'sslFlags="None"',
          ),
        ),
      }),
      /applicationHost\.config .*versus other\/applicationHost\.config/,
    ],
    [
      'two WSUS Setup exports, other PortNumber',
      () => ({
        name: 'other/setup.reg',
        bytes: utf16le(
          text('good-wsus-admin', 'setup.reg').replace(
            /"PortNumber"=dword:[0-9a-f]+/i,
            '"PortNumber"=dword:00000050',
          ),
        ),
      }),
      /WSUS Setup .*setup\.reg versus other\/setup\.reg/,
    ],
  ])('%s: an error naming both files', async (_, extra, named) => {
    const r = await api.validateSupDeployment([...good(), extra()], options);
    expect(r.ok).toBe(false);
    expect(conflicts(r).join('\n')).toMatch(named);
  });

  it.each<[string, (t: string) => Uint8Array]>([
    ['UTF-16 BE with a BOM', utf16be],
    [
      'a UTF-8 BOM before UTF-16 LE text',
      (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf16le')]),
    ],
    [
      'mixed line endings (CRLF, LF, CR)',
      (t) => {
        let i = 0;
        return Buffer.from(t.replace(/\r?\n/g, () => ['\r\n', '\n', '\r'][i++ % 3]!));
      },
    ],
  ])('netsh output and applicationHost.config as %s: read as the same snapshot', async (_, enc) => {
    const [config, netsh, setup, my] = good();
    const r = await api.validateSupDeployment(
      [
        { name: 'x.config', bytes: enc(text('good-wsus-admin', 'applicationHost.config')) },
        { name: 'x.txt', bytes: enc(text('good-wsus-admin', 'sslcert.txt')) },
        setup!,
        my!,
      ],
      options,
    );
    const plain = await api.validateSupDeployment([config!, netsh!, setup!, my!], options);
    expect(r.deployment.thumbprint).toBe(plain.deployment.thumbprint);
    expect(r.deployment.wsusSite).toEqual(plain.deployment.wsusSite);
    expect(r.findings.map((f) => f.code)).toEqual(plain.findings.map((f) => f.code));
    expect(r.ok).toBe(true);
  });
});
