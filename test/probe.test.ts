import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeTransport } from '../src/net/nodeTransport.js';
import { SupCertError } from '../src/index.js';
import { type ProbeResult, type ProbeTransport, probeSupServer } from '../src/sup/probe.js';
import { type FakeIis, INTERNET, type Mistake, startFakeIis } from './probe-fixtures/fakeIis.js';

const INTRANET = 'sup01.corp.contoso.com';
let iis: FakeIis | undefined;
afterEach(async () => {
  await iis?.close();
  iis = undefined;
});

async function probe(mistake: Mistake): Promise<ProbeResult> {
  iis = await startFakeIis(mistake);
  return probeSupServer({
    host: INTRANET,
    port: 8531,
    names: [INTRANET, INTERNET],
    connectTo: { host: '127.0.0.1', port: iis.httpsPort },
    httpPort: iis.httpPort,
    transport: nodeTransport,
    timeoutMs: 5000,
  });
}

const judged = (r: ProbeResult): string[] =>
  r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}:${f.severity}`);

describe('probeSupServer against a fake IIS on 127.0.0.1', () => {
  it('a correct WSUS: same certificate for both names, web services over HTTPS only, Content over HTTP', async () => {
    const r = await probe('none');
    expect(judged(r)).toEqual([]);
    expect(
      r.handshakes.map((h) => [h.name, h.chain.length, h.protocol, h.clientCertificateRequested]),
    ).toEqual([
      [INTRANET, 3, 'TLSv1.2', false],
      [INTERNET, 3, 'TLSv1.2', false],
    ]);
    expect(iis!.seen.sni).toEqual(expect.arrayContaining([INTRANET, INTERNET]));
    expect(
      r.requests
        .filter((q) => q.url.startsWith('http:') && q.directory !== 'Content')
        .map((q) => q.subStatus),
    ).toEqual(Array(5).fill('403.4'));
    expect(r.requests.find((q) => q.directory === 'Content')).toMatchObject({
      status: 404,
      url: `http://${INTRANET}:${iis!.httpPort}/Content/supcert-probe.txt`,
    });
    // Bounds in work units: 2 handshakes + 5 HTTPS + 5 HTTP + Content; bytes as served.
    expect(r.spent.requests).toBe(13);
    expect(iis!.seen.https).toHaveLength(5);
    expect(iis!.seen.http).toHaveLength(6);
    // The Host header is the URL's, not the --connect-to address.
    expect(iis!.seen.hosts).toEqual(
      expect.arrayContaining([`${INTRANET}:8531`, `${INTRANET}:${iis!.httpPort}`]),
    );
    expect(iis!.seen.hosts.some((h) => h.startsWith('127.0.0.1'))).toBe(false);
    expect(r.spent.responseBytes).toBeLessThan(2000);
    expect(r.findings.filter((f) => f.severity === 'info').map((f) => f.rule)).toEqual([
      'SUP-DEP-002',
      'SUP-DEP-003',
      'SUP-DEP-004',
    ]);
  });

  it('HTTP allowed on a web service: SUP-DEP-003 warning naming it', async () => {
    const r = await probe('http-allowed');
    expect(judged(r)).toEqual(['SUP-DEP-003:warning']);
    expect(r.findings.find((f) => f.code === 'sup.dep.probe_http_allowed')!.message).toContain(
      'ClientWebService (500)',
    );
  });

  it('Content requiring SSL: SUP-DEP-003 error', async () => {
    const r = await probe('content-ssl');
    expect(judged(r)).toEqual(['SUP-DEP-003:error']);
    const error = r.findings.find((f) => f.severity === 'error')!;
    expect(error.code).toBe('sup.dep.probe_content_requires_ssl');
    expect(error.message).toMatch(/Content.*403\.4 over HTTP/);
  });

  it('a client certificate asked for in the handshake: SUP-DEP-004 error with 0x80072F0C', async () => {
    const r = await probe('client-certificate');
    expect(judged(r)).toEqual(['SUP-DEP-004:error']);
    expect(r.findings.find((f) => f.rule === 'SUP-DEP-004')).toMatchObject({
      code: 'sup.dep.probe_client_certificate_asked',
      windowsError: '0x80072F0C',
    });
    expect(r.handshakes.every((h) => h.clientCertificateRequested === true)).toBe(true);
  });

  it("another certificate for the internet name's SNI: SUP-DEP-002 error naming both", async () => {
    const r = await probe('other-sni-certificate');
    expect(judged(r)).toEqual(['SUP-DEP-002:error']);
    expect(r.handshakes[1]!.chain[0]!.sha256).not.toBe(r.handshakes[0]!.chain[0]!.sha256);
    expect(r.findings[0]!.code).toBe('sup.dep.probe_other_certificate');
    expect(r.findings[0]!.message).toContain(
      `For the name "${INTERNET}" the server presents another certificate`,
    );
  });

  it('a server that speaks only TLS 1.0: SUP-DEP-002 warning (Windows is retiring TLS 1.0 and 1.1)', async () => {
    const r = await probe('tls-1.0-only');
    expect(r.handshakes.map((h) => h.protocol)).toEqual(['TLSv1', 'TLSv1']);
    expect(judged(r)).toEqual(['SUP-DEP-002:warning']);
    const old = r.findings.find((f) => f.code === 'sup.dep.probe_old_tls')!;
    expect(old.message).toContain(`The server negotiated TLSv1 for "${INTRANET}"`);
    expect(old.message).toContain('Enable TLS 1.2 on the SUP server');
  });

  it('a chain without its intermediate: what was sent is reported (the chain rules judge it)', async () => {
    const r = await probe('no-intermediate');
    expect(r.presented).toHaveLength(1);
    expect(judged(r)).toEqual([]);
  });

  it('nothing on the HTTP port: SUP-DEP-002 error (keep the HTTP binding)', async () => {
    iis = await startFakeIis('none');
    const closedPort = iis.httpPort;
    await iis.close();
    iis = await startFakeIis('none');
    const r = await probeSupServer({
      host: INTRANET,
      port: 8531,
      names: [INTRANET],
      connectTo: { host: '127.0.0.1', port: iis.httpsPort },
      httpPort: closedPort,
      transport: nodeTransport,
    });
    expect(judged(r)).toEqual(['SUP-DEP-002:error']);
  });
});

/** A transport that answers everything at once, counting calls. */
function fakeTransport(
  body: Uint8Array,
  certificates: Uint8Array[] = [new Uint8Array([0x30, 0x00])],
): ProbeTransport & { calls: number } {
  const t = {
    calls: 0,
    async handshake() {
      t.calls++;
      return { certificates, protocol: 'TLSv1.2', clientCertificateRequested: false };
    },
    async request() {
      t.calls++;
      return { status: 200, body };
    },
  };
  return t;
}

describe('probeSupServer bounds (an injected transport)', () => {
  it('stops at limits.maxRequests and says what was not probed', async () => {
    const t = fakeTransport(new Uint8Array(10));
    const r = await probeSupServer({
      host: 'sup',
      port: 8531,
      names: ['sup'],
      transport: t,
      limits: { maxRequests: 4 },
    });
    expect(t.calls).toBe(4);
    expect(r.spent.requests).toBe(4);
    expect(r.requests.filter((q) => q.notProbed)).toHaveLength(8);
    expect(r.requests.at(-1)!.notProbed).toBe('not probed: limits.maxRequests (4) reached');
  });

  it('reads at most limits.maxResponseBytes over the whole probe, whatever the transport returns', async () => {
    const t = fakeTransport(new Uint8Array(1_000_000));
    const r = await probeSupServer({
      host: 'sup',
      port: 8531,
      names: ['sup'],
      transport: t,
      limits: { maxResponseBytes: 40_000 },
    });
    expect(r.spent.responseBytes).toBe(40_000);
    expect(r.requests.filter((q) => q.notProbed?.includes('limits.maxResponseBytes'))).toHaveLength(
      8,
    );
  });

  it('stops when the time budget is spent (an injected clock: 1 s per call)', async () => {
    let clock = 0;
    const t = fakeTransport(new Uint8Array(1));
    const slow: ProbeTransport = {
      handshake: async (x) => {
        clock += 1000;
        return t.handshake(x);
      },
      request: async (x) => {
        clock += 1000;
        return t.request(x);
      },
    };
    const r = await probeSupServer({
      host: 'sup',
      port: 8531,
      names: ['sup'],
      transport: slow,
      limits: { timeBudgetMs: 3500 },
      now: () => clock,
    });
    expect(t.calls).toBe(4);
    expect(r.requests.filter((q) => q.notProbed?.includes('limits.timeBudgetMs'))).toHaveLength(8);
  });

  it('without a paired port (not 8531/443, no httpPort) only HTTPS is probed, and a finding says so', async () => {
    const t = fakeTransport(new Uint8Array(1));
    const r = await probeSupServer({ host: 'sup', port: 9999, names: [], transport: t });
    expect(t.calls).toBe(6);
    expect(r.findings.find((f) => f.rule === 'SUP-DEP-002')!.code).toBe(
      'sup.dep.probe_http_port_unknown',
    );
  });

  it('bad options are INVALID_OPTION, never a TypeError', async () => {
    const t = fakeTransport(new Uint8Array(1));
    for (const bad of [
      { host: 'sup', port: 0, names: [], transport: t },
      { host: 'sup', port: 8531, names: [], transport: {} },
      { host: 'sup', port: 8531, names: [''], transport: t },
      { host: 'sup', port: 8531, names: [], transport: t, limits: { maxRequests: -1 } },
      { host: 'sup', port: 8531, names: [], transport: t, httpPort: 70000 },
      null,
    ]) {
      await expect(probeSupServer(bad as never)).rejects.toSatisfy(
        (e: unknown) => e instanceof SupCertError && e.code === 'INVALID_OPTION',
      );
    }
    expect(t.calls).toBe(0);
  });
});

describe('nodeTransport.handshake: the certificates as the server sent them', () => {
  const pem = (f: string): string => readFileSync(`certs-fixtures/sup/${f}`, 'utf8');
  const ders = (text: string): string[] =>
    [...text.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) =>
      Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64').toString('hex'),
    );
  const [issuing, root] = ders(pem('chain.pem'));
  const [leaf] = ders(pem('good-both.pem'));
  const asPem = (hex: string): string =>
    `-----BEGIN CERTIFICATE-----\n${Buffer.from(hex, 'hex').toString('base64')}\n-----END CERTIFICATE-----\n`;

  async function sent(order: string[], maxVersion: 'TLSv1.2' | 'TLSv1.3'): Promise<string[]> {
    const server = tls.createServer(
      { key: pem('good-both.key'), cert: order.map(asPem).join(''), maxVersion },
      (socket) => socket.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const seen = await nodeTransport.handshake({
        host: '127.0.0.1',
        port,
        servername: INTRANET,
        timeoutMs: 5000,
      });
      return seen.certificates.map((c) => Buffer.from(c).toString('hex'));
    } finally {
      server.close();
    }
  }

  it('TLS 1.2: out of order, a duplicate and the root kept as sent (read off the wire)', async () => {
    const order = [leaf!, root!, issuing!, issuing!];
    expect(await sent(order, 'TLSv1.2')).toEqual(order);
  });

  it('TLS 1.3 (encrypted): the chain node:tls rebuilds from issuer links, leaf first', async () => {
    const got = await sent([leaf!, root!, issuing!], 'TLSv1.3');
    expect(got[0]).toBe(leaf);
    expect(got).toContain(issuing);
  });
});
