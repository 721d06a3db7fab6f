import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AT,
  NAMES,
  STACK,
  SUP,
  assertBuilt,
  onlyReport,
  runCli,
  tempDir,
} from './cli-fixtures/run.js';
import { type FakeIis, type Mistake, startFakeIis } from './probe-fixtures/fakeIis.js';

/** `supcert check https://…` with the live probe, against a fake IIS on 127.0.0.1 (test/probe-fixtures/fakeIis.ts). */
let iis: FakeIis | undefined;
beforeAll(() => assertBuilt());
afterEach(async () => {
  await iis?.close();
  iis = undefined;
});

const URL = 'https://sup01.corp.contoso.com:8531';
async function check(
  mistake: Mistake,
  extra: string[] = [],
): Promise<Awaited<ReturnType<typeof runCli>>> {
  iis = await startFakeIis(mistake);
  return runCli([
    'check',
    URL,
    '--names',
    NAMES,
    '--at',
    AT,
    '--trust',
    `${SUP}/root.pem`,
    '--connect-to',
    `127.0.0.1:${iis.httpsPort}`,
    '--http-port',
    String(iis.httpPort),
    ...extra,
  ]);
}

interface ProbeJson {
  findings: Array<{ rule: string; severity: string; windowsError?: string }>;
  endpoint: {
    probe: {
      connectTo: string;
      httpPort: number;
      handshakes: Array<{ name: string }>;
      requests: Array<{ url: string; status?: number; subStatus?: string }>;
      spent: { requests: number };
    };
  };
}
const notInfo = (r: ProbeJson): string[] =>
  r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}:${f.severity}`);

describe('supcert check https://… --connect-to --http-port (the live probe)', () => {
  it('a correct WSUS passes; the text says what the client saw per name and per directory', async () => {
    const r = await check('none');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /SNI +sup01\.corp\.contoso\.com: TLSv1\.2; sup01\.contoso\.com: same certificate/,
    );
    expect(r.stdout).toMatch(/Connected to +127\.0\.0\.1:\d+ \(--connect-to\)/);
    expect(r.stdout).toMatch(
      /Web services +HTTPS 500 ×5; HTTP \d+ 403\.4 ×5; Content over HTTP 404/,
    );
    const json = onlyReport(
      (
        await runCli([
          'check',
          URL,
          '--names',
          NAMES,
          '--at',
          AT,
          '--connect-to',
          `127.0.0.1:${iis!.httpsPort}`,
          '--http-port',
          String(iis!.httpPort),
          '--format',
          'json',
        ])
      ).stdout,
    ) as unknown as ProbeJson;
    expect(json.endpoint.probe.handshakes.map((h) => h.name)).toEqual([
      'sup01.corp.contoso.com',
      'sup01.contoso.com',
    ]);
    expect(json.endpoint.probe.spent.requests).toBe(13);
    expect(notInfo(json)).toEqual([]);
  });

  it.each([
    ['http-allowed', 0, ['SUP-DEP-003:warning']],
    ['content-ssl', 1, ['SUP-DEP-003:error']],
    ['client-certificate', 1, ['SUP-DEP-004:error']],
    ['other-sni-certificate', 1, ['SUP-DEP-002:error']],
    ['no-intermediate', 0, ['SUP-CHAIN-002:warning']],
  ] as const)('%s: exit %i, %j', async (mistake, status, findings) => {
    const r = await check(mistake, ['--format', 'json']);
    expect(r.status).toBe(status);
    expect(notInfo(onlyReport(r.stdout) as unknown as ProbeJson)).toEqual(findings);
  });

  it('check-server https://… runs the same live probe (a server that asks for a client certificate fails SUP-DEP-004)', async () => {
    iis = await startFakeIis('client-certificate');
    const r = await runCli([
      'check-server',
      URL,
      '--names',
      NAMES,
      '--at',
      AT,
      '--trust',
      `${SUP}/root.pem`,
      '--connect-to',
      `127.0.0.1:${iis.httpsPort}`,
      '--http-port',
      String(iis.httpPort),
      '--format',
      'json',
    ]);
    expect(r.status).toBe(1);
    const json = onlyReport(r.stdout) as unknown as ProbeJson;
    expect(notInfo(json)).toEqual(['SUP-DEP-004:error']);
    expect(json.endpoint.probe.spent.requests).toBeGreaterThan(0);
  });

  it('a failed connection through --connect-to names the address connected to, not only the URL', async () => {
    // A port nothing listens on: take one from a server that is then closed.
    iis = await startFakeIis('none');
    const port = iis.httpsPort;
    await iis.close();
    iis = undefined;
    const r = await runCli([
      'check',
      URL,
      '--skip-names',
      '--connect-to',
      `127.0.0.1:${port}`,
      '--timeout',
      '5',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${URL}: connecting to 127.0.0.1:${port} (--connect-to): connection refused: nothing listens on that port.`,
    );
  });

  it('--connect-to and --http-port apply to the https:// lines of a --targets list (no URL on the command line)', async () => {
    // They were refused before the list was read: "no https:// URL was given".
    iis = await startFakeIis('none');
    const tmp = tempDir();
    const list = path.join(tmp.dir, 'sups.txt');
    writeFileSync(list, `# one SUP\n${URL} names=${NAMES}\n`);
    const r = await runCli([
      'check',
      '--targets',
      list,
      '--at',
      AT,
      '--trust',
      `${SUP}/root.pem`,
      '--connect-to',
      `127.0.0.1:${iis.httpsPort}`,
      '--http-port',
      String(iis.httpPort),
      '--format',
      'json',
    ]);
    tmp.remove();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = onlyReport(r.stdout) as unknown as ProbeJson;
    expect(json.endpoint.probe.httpPort).toBe(iis.httpPort);
    expect(json.endpoint.probe.connectTo).toBe(`127.0.0.1:${iis.httpsPort}`);
    expect(notInfo(json)).toEqual([]);
  });

  it('bad --connect-to / --http-port values, or either without an https:// input, are usage errors (exit 2)', async () => {
    for (const args of [
      ['--connect-to', 'nohost'],
      ['--connect-to', '1.2.3.4:0'],
      ['--connect-to', 'a:99999'],
      ['--http-port', 'x'],
      ['--http-port', '0'],
    ]) {
      const r = await runCli(['check', URL, ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^supcert: --(connect-to|http-port) /);
      expect(r.stderr).not.toMatch(STACK);
    }
    const file = await runCli([
      'check',
      `${SUP}/good-both.pem`,
      '--skip-names',
      '--http-port',
      '8530',
    ]);
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('--http-port is for https:// inputs');
    const request = await runCli([
      'check-request',
      'certs-fixtures/requests',
      '--skip-names',
      '--connect-to',
      'a:1',
    ]);
    expect(request.status).toBe(2);
  });
});
