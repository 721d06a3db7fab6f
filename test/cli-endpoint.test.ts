import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import {
  AT,
  NAMES,
  ROOT,
  STACK,
  SUP,
  assertBuilt,
  onlyReport,
  runCli,
} from './cli-fixtures/run.js';

/**
 * Real TLS servers on 127.0.0.1 (ephemeral ports), each presenting a certs-fixtures/sup leaf
 * with or without its chain. The command connects, takes what the server sends and judges it.
 */
const file = (name: string): Buffer => readFileSync(path.join(ROOT, SUP, name));
const servers: net.Server[] = [];
/** The SNI host name each server saw on its first connection (false: none sent); the live probe then sends each name given. */
const sniSeen = new Map<number, string | false>();

const sockets = new Set<net.Socket>();

function listen(server: net.Server, host = '127.0.0.1'): Promise<number> {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) =>
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port)),
  );
}

async function tlsServer(stem: string, withChain: boolean, host?: string): Promise<number> {
  const cert = withChain
    ? Buffer.concat([file(`${stem}.pem`), file('chain.pem')])
    : file(`${stem}.pem`);
  const port = (): number => (server.address() as net.AddressInfo).port;
  // SNICallback runs during the ClientHello, and only when the client sent a name.
  const server = tls.createServer(
    {
      key: file(`${stem}.key`),
      cert,
      SNICallback: (name, done) => {
        if (sniSeen.get(port()) === undefined) sniSeen.set(port(), name);
        done(null, undefined);
      },
    },
    (socket) => {
      // Any request gets a page (the live probe asks for the WSUS web services), then the socket closes.
      socket.on('error', () => {});
      socket.once('data', () =>
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok'),
      );
    },
  );
  server.on('connection', () => {
    if (!sniSeen.has(port())) sniSeen.set(port(), undefined as never);
  });
  server.on('secureConnection', () => {
    if (sniSeen.get(port()) === undefined) sniSeen.set(port(), false);
  });
  server.on('tlsClientError', () => {});
  return listen(server, host);
}

const url = (port: number, host = '127.0.0.1'): string => `https://${host}:${port}`;
let goodChain = 0;
let leafOnly = 0;
let cnOnly = 0;

beforeAll(async () => {
  assertBuilt();
  goodChain = await tlsServer('good-both', true);
  leafOnly = await tlsServer('good-both', false);
  cnOnly = await tlsServer('cn-only-while-san', true);
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(
    servers.filter((s) => s.listening).map((s) => new Promise((resolve) => s.close(resolve))),
  );
});

interface EndpointJson {
  ok: boolean;
  findings: Array<{ rule: string; severity: string }>;
  names: Array<{ name: string; matched: boolean }>;
  chain?: { valid: boolean; path: string[] };
  endpoint: {
    url: string;
    host: string;
    port: number;
    presented: { subject: string; sha256: string };
    chain: Array<{ subject: string; sha256: string }>;
    hostAsIntranetName: boolean;
  };
}

describe('supcert check https://HOST:PORT', () => {
  it('judges the certificate a good server presents, with the chain it sent', async () => {
    const r = await runCli([
      'check',
      url(goodChain),
      '--names',
      NAMES,
      '--at',
      AT,
      '--trust',
      `${SUP}/root.pem`,
      '--format',
      'json',
    ]);
    expect(r.status).toBe(0);
    const report = onlyReport(r.stdout) as unknown as EndpointJson;
    const sent = (await readCertificates(Buffer.concat([file('good-both.pem'), file('chain.pem')])))
      .certificates;
    expect(report.endpoint).toEqual({
      url: url(goodChain),
      host: '127.0.0.1',
      port: goodChain,
      presented: { subject: 'CN=sup01.corp.contoso.com', sha256: sent[0]!.sha256 },
      chain: sent.map((c) => ({ subject: c.subject, sha256: c.sha256 })),
      hostAsIntranetName: false,
      // What the live probe saw (test/cli-probe.test.ts judges it against a fake IIS).
      probe: expect.objectContaining({
        httpPort: null,
        handshakes: expect.any(Array),
        requests: expect.any(Array),
      }),
    });
    expect(report.chain?.valid).toBe(true);
    // An IP address is never sent as SNI (RFC 6066).
    expect(sniSeen.get(goodChain)).toBe(false);
  });

  it('the text report says what the server sent and which certificate it presented', async () => {
    const r = await runCli([
      'check',
      url(goodChain),
      '--names',
      NAMES,
      '--at',
      AT,
      '--trust',
      `${SUP}/root.pem`,
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(url(goodChain));
    expect(r.stdout).toContain(
      'Server sent  3 certificates: CN=sup01.corp.contoso.com > CN=Contoso SUP Issuing CA > CN=Contoso SUP Test Root',
    );
    expect(r.stdout).toContain(
      'Judged       the certificate the server presented (the first it sent)',
    );
    expect(r.stdout).toContain(
      'Chain        trusted: CN=sup01.corp.contoso.com > CN=Contoso SUP Issuing CA > CN=Contoso SUP Test Root',
    );
    expect(r.stdout).not.toContain('Private key');
  });

  it('a server that sends only its leaf: the chain is incomplete (a warning, since the AIA URL lets clients fetch the issuer)', async () => {
    const args = [
      'check',
      url(leafOnly),
      '--intranet',
      'sup01.corp.contoso.com',
      '--at',
      AT,
      '--trust',
      `${SUP}/root.pem`,
    ];
    const r = await runCli([...args, '--format', 'json']);
    expect(r.status).toBe(0);
    const report = onlyReport(r.stdout) as unknown as EndpointJson;
    expect(report.endpoint.chain).toHaveLength(1);
    expect(report.chain?.valid).toBe(false);
    expect(
      report.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule}:${f.severity}`),
    ).toEqual(['SUP-CHAIN-002:warning']);
    const gate = await runCli([...args, '--fail-on', 'warning']);
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain('Server sent  1 certificate: CN=sup01.corp.contoso.com');
    expect(gate.stdout).toContain(
      'Chain        no trusted path from the certificates given: NO_PATH (see SUP-CHAIN-002)',
    );
  });

  it('a server whose certificate has the intranet name only in the CN fails', async () => {
    const r = await runCli(['check', url(cnOnly), '--names', NAMES, '--at', AT]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ERROR {4}SUP-NAME-006/);
  });

  it('an expired server certificate fails (judged at a time after notAfter)', async () => {
    const r = await runCli([
      'check',
      url(goodChain),
      '--names',
      NAMES,
      '--at',
      '2031-01-01',
      '--format',
      'json',
    ]);
    expect(r.status).toBe(1);
    const report = onlyReport(r.stdout) as unknown as EndpointJson;
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toContain(
      'SUP-VAL-001',
    );
  });

  it('without names, the host in the URL is the intranet name', async () => {
    const r = await runCli(['check', url(goodChain), '--at', AT, '--format', 'json']);
    expect(r.status).toBe(1);
    const report = onlyReport(r.stdout) as unknown as EndpointJson;
    expect(report.names).toEqual([
      expect.objectContaining({ name: '127.0.0.1', role: 'intranet', matched: false }),
    ]);
    expect(report.endpoint.hostAsIntranetName).toBe(true);
    // The text says where the name came from.
    const text = await runCli(['check', url(goodChain), '--at', AT]);
    expect(text.stdout).toMatch(
      /Names +127\.0\.0\.1 \(intranet\): NOT MATCHED \(the URL's host, as no names were given\)/,
    );
  });

  it('a host name is sent as SNI', async () => {
    const port = await tlsServer('good-both', true, 'localhost');
    const r = await runCli(['check', url(port, 'localhost'), '--names', NAMES, '--at', AT]);
    expect(r.status).toBe(0);
    expect(sniSeen.get(port)).toBe('localhost');
  });

  it("SARIF locates an endpoint's findings at its URL", async () => {
    const r = await runCli([
      'check',
      url(cnOnly),
      '--names',
      NAMES,
      '--at',
      AT,
      '--format',
      'sarif',
    ]);
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout) as {
      runs: Array<{
        results: Array<{
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };
    expect(
      new Set(
        log.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri),
      ),
    ).toEqual(new Set([url(cnOnly)]));
  });

  it('a server that never answers times out (--timeout), exit 2', async () => {
    const silent = net.createServer((socket) => {
      socket.on('error', () => {});
    });
    const port = await listen(silent);
    const started = Date.now();
    const r = await runCli(['check', url(port), '--timeout', '0.5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `supcert: ${url(port)}: no TLS handshake within 0.5 s (--timeout SECONDS). (ETIMEDOUT)\n`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    silent.close();
  });

  it('nothing listening, a plain-TCP port and an http:// URL are input errors (exit 2), never a stack trace', async () => {
    const closed = net.createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const refused = await runCli(['check', url(port)]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `supcert: ${url(port)}: connection refused: nothing listens on that port. WSUS serves HTTPS on 8531 (443 when it uses IIS's Default Web Site): check the URL's port, and that the WSUS site has an https binding on it (ECONNREFUSED)\n`,
    );

    const plain = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    const plainPort = await listen(plain);
    const notTls = await runCli(['check', url(plainPort)]);
    expect(notTls.status).toBe(2);
    expect(notTls.stderr).toMatch(
      /^supcert: https:\/\/127\.0\.0\.1:\d+: the TLS handshake failed: .+ Is this an HTTPS port\? .+ \(ERR_SSL_[A-Z_]+\)\n$/,
    );
    expect(notTls.stderr).not.toMatch(STACK);

    // A TLS server whose chain is over 1 MB (the same CA certificate sent again and again): the
    // port is HTTPS, and the message says the chain is the problem, not the port.
    const chain = file('chain.pem');
    const huge = tls.createServer({
      key: file('good-both.key'),
      cert: Buffer.concat([
        file('good-both.pem'),
        ...Array.from({ length: Math.ceil(1_100_000 / chain.length) }, () => chain),
      ]),
    });
    huge.on('tlsClientError', () => {});
    const hugePort = await listen(huge);
    const tooBig = await runCli(['check', url(hugePort), '--skip-names']);
    expect(tooBig.status).toBe(2);
    expect(tooBig.stderr).toMatch(
      /^supcert: https:\/\/127\.0\.0\.1:\d+: the TLS handshake failed: excessive message size\. The server sent a handshake message larger than TLS clients accept, usually a certificate chain .+ \(ERR_SSL_EXCESSIVE_MESSAGE_SIZE\)\n$/,
    );
    expect(tooBig.stderr).not.toContain('Is this an HTTPS port?');

    const http = await runCli(['check', 'http://127.0.0.1:8530']);
    expect(http.status).toBe(2);
    expect(http.stderr).toContain('only https:// URLs can be checked');
    // It says which URL to give instead: WSUS's HTTPS port pairs 8530, IIS's 443 pairs 80.
    expect(http.stderr).toContain('give https://127.0.0.1:8531.');
    const http80 = await runCli(['check', 'http://sup01.corp.contoso.com', '--skip-names']);
    expect(http80.status).toBe(2);
    expect(http80.stderr).toContain('give https://sup01.corp.contoso.com:443.');
  });
});
