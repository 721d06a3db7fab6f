import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SupOptions, readCertificates, validateSupCertificate } from '../src/index.js';
import { assertBuilt, onlyReport, runCli } from './cli-fixtures/run.js';
import { CHAIN, type Judged, ROOT, type Report, certificate, replay } from './field-report-kit.js';
import { fixture } from './fixtures.js';
import { BOTH, DAY, INTERNET, INTRANET, judge } from './sup-fixtures.js';

/**
 * Bug reports from the field, round 6 (rounds 1 and 2: test/field-reports.test.ts,
 * test/field-reports-2.test.ts): what administrators attach when a software update point's
 * clients fail, or a gate passed or failed wrongly. Each is replayed as the input the
 * administrator had: a certificate of certs-fixtures/sup, one of certs-fixtures/field-reports-6
 * (a second PKI: SHA-1 root, a SHA-1 intermediate and a 30-day intermediate; README there), or a
 * live TLS server on 127.0.0.1 probed by the CLI. The five checks of field-report-kit.ts: (a) the
 * verdict, (b) the rule and finding code of the cause, (c) the value at fault named, (d) the
 * Windows error the client shows, (e) what to do. Each row's comment gives the public page and
 * the cause it states.
 */

const R6 = (file: string): Buffer => fixture(`field-reports-6/${file}`);
const ROOT6 = R6('root-sha1.pem');
const ISSUING_SHA1 = R6('issuing-sha1.pem');
const ISSUING_SHORT = R6('issuing-short.pem');

/** A certs-fixtures/field-reports-6 leaf judged `days` after its notBefore (the files are dated when made.sh ran). */
function judge6(file: string, options: SupOptions, days = 1) {
  return async (): Promise<Judged> => {
    const bundle = await readCertificates(R6(file));
    const leaf = bundle.certificates[0]!;
    return validateSupCertificate(bundle, {
      ...options,
      at: new Date(leaf.notBefore.getTime() + days * DAY),
    });
  };
}

// Live servers on 127.0.0.1 (ephemeral ports), each presenting a certs-fixtures/sup leaf alone.
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
const ports = new Map<string, number>();

function leafOnlyServer(stem: string): Promise<number> {
  const server = tls.createServer(
    { key: fixture(`sup/${stem}.key`), cert: fixture(`sup/${stem}.pem`) },
    (socket) => {
      socket.on('error', () => {});
      socket.once('data', () =>
        socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok'),
      );
    },
  );
  server.on('tlsClientError', () => {});
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

/** `supcert check https://127.0.0.1:PORT` as the administrator ran it, read back as a report. */
function probed(stem: string) {
  return async (): Promise<Judged> => {
    const r = await runCli([
      'check',
      `https://127.0.0.1:${ports.get(stem)}`,
      '--names',
      BOTH,
      '--at',
      '2027-01-01T00:00:00Z',
      '--trust',
      'certs-fixtures/sup/root.pem',
      '--format',
      'json',
    ]);
    expect(r.status, r.stderr).toBeLessThan(2);
    const results = onlyReport(r.stdout) as unknown as { report?: Judged } & Judged;
    return results.report ?? results;
  };
}

const REPORTS: Report[] = [
  // https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/network/pki-certificate-requirements
  // (the SUP's certificate must carry its intranet and internet FQDNs; wildcards are not
  // mentioned): an admin binds the company's *.corp.contoso.com / *.contoso.com certificate.
  // Windows matches a whole-label wildcard, so clients scan; supcert warns, names the wildcard.
  {
    report: 'wildcard certificate bound to the SUP',
    run: () => judge('wildcard.pem', { names: BOTH, intermediates: [CHAIN], trustAnchors: [ROOT] }),
    fails: false,
    rule: 'SUP-NAME-010',
    code: 'sup.name.wildcard_san',
    severity: 'warning',
    value: '"*.corp.contoso.com"',
    clientError: null,
    action: /Windows accepts it.*prefer the exact name in the SAN/,
  },
  // https://byronwright.blogspot.com/2018/01/all-certificate-names-must-be-in.html — "the
  // Microsoft CA does not automatically add the subject to the list of subject alternative
  // names": the request put the internet FQDN in the subject and only the intranet FQDN in the
  // SAN, so internet (CMG / IBCM) clients get a name mismatch.
  {
    report: 'internet FQDN only in the CN, the SAN has the intranet name',
    run: judge6('internet-cn-intranet-san.pem', {
      names: BOTH,
      intermediates: [ISSUING_SHORT],
      trustAnchors: [ROOT6],
    }),
    fails: true,
    rule: 'SUP-NAME-006',
    code: 'sup.name.cn_only',
    severity: 'error',
    value: INTERNET,
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Add "sup01\.contoso\.com" to the SAN as a DNS entry/,
  },
  // https://irohastack.com/en/https-cert-chain-missing-en/ — "Server does not send intermediate
  // CA certificates ... Certificate was installed alone": the admin imported the leaf only, and
  // the certificate has no AIA URL, so no client can fetch the issuing CA. Probed live.
  {
    report: 'live probe: server sends the leaf alone, no AIA to fetch the issuing CA',
    run: probed('no-revocation'),
    fails: true,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.issuer_missing',
    severity: 'error',
    value: '"CN=Contoso SUP Issuing CA"',
    clientError: { code: '0x800B010A', winhttpError: '0x80072F0D' },
    action: /import it into the SUP server's Intermediate Certification Authorities store/,
  },
  // Same page, the common case: the leaf alone, but with an AIA caIssuers URL. Windows clients
  // download the issuing CA from it when they can reach it (as LOCAL SYSTEM): a warning.
  {
    report: 'live probe: server sends the leaf alone, the AIA URL may serve the issuing CA',
    run: probed('good-both'),
    fails: false,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.issuer_download_needed',
    severity: 'warning',
    value: 'http://pki.contoso.com/aia/issuing.crt',
    clientError: { code: '0x800B010A', winhttpError: '0x80072F0D' },
    action: /make sure the URL is reachable from every client/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/network/pki-certificate-requirements
  // ("Windows doesn't trust certificates signed with SHA-1", for public roots; S17): a legacy
  // enterprise PKI whose issuing CA certificate is still SHA-1 signed, the SUP leaf SHA-256.
  // Windows accepts it under an enterprise root; supcert said nothing (only the leaf's hash was
  // read), now it warns and says to renew the CA certificate.
  {
    report: 'SHA-1 signed intermediate CA under an enterprise root',
    run: judge6('via-sha1-issuing.pem', {
      names: BOTH,
      intermediates: [ISSUING_SHA1],
      trustAnchors: [ROOT6],
    }),
    fails: false,
    rule: 'SUP-HASH-001',
    code: 'sup.hash.sha1_ca',
    severity: 'warning',
    value: '"CN=Fabrikam Issuing CA SHA1"',
    clientError: null,
    action: /renew that CA certificate with SHA-256/,
  },
  // https://getacert.com/gotchas/expired-intermediate-certs — "Why your certificate fails even
  // though it's not expired": the issuing CA certificate (30 days) ran out before the SUP's.
  // supcert failed it right but only said "expired on ..."; now it says what to renew and where.
  {
    report: 'issuing CA certificate expired, the SUP certificate still in date',
    run: judge6(
      'via-short-issuing.pem',
      { names: BOTH, intermediates: [ISSUING_SHORT], trustAnchors: [ROOT6] },
      60,
    ),
    fails: true,
    rule: 'SUP-CHAIN-002',
    code: 'sup.chain.problem',
    severity: 'error',
    value: '"CN=Fabrikam Issuing CA 2" expired',
    clientError: { code: '0x800B0101', winhttpError: '0x80072F05' },
    action:
      /0x80072F05 even though the SUP certificate is in date\. Renew that CA certificate.*Intermediate Certification Authorities/,
  },
  // https://docs.microsoft.com/en-us/sccm/core/plan-design/network/pki-certificate-requirements
  // (the FQDN the site system is configured with): the admin types the name with a trailing
  // dot, copied from DNS ("sup01.corp.contoso.com."). The SAN holds it without the dot; it
  // matches after normalisation, said as an info so the admin sees what was compared.
  {
    report: 'intranet name given with a trailing dot',
    run: certificate('good-both.pem', {
      names: `${INTRANET}.&${INTERNET}`,
      intermediates: [CHAIN],
      trustAnchors: [ROOT],
    }),
    fails: false,
    rule: 'SUP-NAME-012',
    code: 'sup.name.matched_after_normalisation',
    severity: 'info',
    value: '"sup01.corp.contoso.com."',
    clientError: null,
    action: /trailing dot removed/,
  },
  // https://kc.jetpatch.com/hc/en-us/articles/360043618872-7a-How-to-Configure-SSL-for-WSUS —
  // the admin pastes the WSUS server URL from the GPO ("https://sup01.corp.contoso.com:8531");
  // supcert takes its host name and says so.
  {
    report: 'WSUS URL pasted as the name',
    run: certificate('good-both.pem', {
      names: `https://${INTRANET}:8531`,
      intermediates: [CHAIN],
      trustAnchors: [ROOT],
    }),
    fails: false,
    rule: 'SUP-NAME-005',
    code: 'sup.name.names_given_note',
    severity: 'info',
    value: `"https://${INTRANET}:8531" is a URL`,
    clientError: null,
    action: /using its host name "sup01\.corp\.contoso\.com"/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/sum/get-started/software-update-point-ssl
  // (clients address the SUP by FQDN): a GPO pointing clients to https://10.0.0.5:8531. The
  // certificate has no IP entry: clients fail with a name mismatch.
  {
    report: 'clients pointed to the SUP by IP address',
    run: certificate('good-both.pem', {
      names: '10.0.0.5',
      intermediates: [CHAIN],
      trustAnchors: [ROOT],
    }),
    fails: true,
    rule: 'SUP-NAME-001',
    code: 'sup.name.intranet_name_missing',
    severity: 'error',
    value: '"10.0.0.5"',
    clientError: { code: '0x800B010F', winhttpError: '0x80072F06' },
    action: /Reissue the certificate with "10\.0\.0\.5" as a SAN IP address entry/,
  },
  // https://learn.microsoft.com/en-us/mem/configmgr/core/plan-design/network/pki-certificate-requirements
  // (Web Server template, EKU must contain Server Authentication): a duplicated template with
  // Server and Client Authentication. Nothing wrong: supcert passes it without an EKU finding.
  {
    report: 'template with Server and Client Authentication',
    run: certificate('eku-server-client.pem', {
      names: BOTH,
      intermediates: [CHAIN],
      trustAnchors: [ROOT],
    }),
    fails: false,
    rule: 'SUP-DEP-001',
    code: 'sup.dep.checklist_personal_store',
    severity: 'info',
    value: 'Personal (My) store',
    clientError: null,
    action: /Import the certificate with its private key/,
  },
];

beforeAll(async () => {
  assertBuilt();
  for (const stem of ['no-revocation', 'good-both']) ports.set(stem, await leafOnlyServer(stem));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(
    servers.filter((s) => s.listening).map((s) => new Promise((resolve) => s.close(resolve))),
  );
});

describe('field reports of SUP / WSUS TLS failures, round 6, replayed', () => {
  it('covers at least 10 reports, each once', () => {
    expect(REPORTS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(REPORTS.map((r) => r.report)).size).toBe(REPORTS.length);
  });

  it.each(REPORTS.map((r) => [r.report, r] as const))('%s', (_name, r) => replay(r));
});

describe('field report: the PKI around the SUP certificate (SUP-HASH-001, SUP-CHAIN-002)', () => {
  it('says nothing about SHA-1 when only the root signs itself with SHA-1 (Windows never checks it)', async () => {
    const report = await judge6('via-short-issuing.pem', {
      names: BOTH,
      intermediates: [ISSUING_SHORT],
      trustAnchors: [ROOT6],
    })();
    expect(report.ok).toBe(true);
    expect(report.findings.filter((f) => f.rule === 'SUP-HASH-001')).toEqual([]);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('warns on a SHA-1 intermediate in the file even without trust anchors', async () => {
    const pem = Buffer.concat([R6('via-sha1-issuing.pem'), ISSUING_SHA1]);
    const bundle = await readCertificates(pem);
    const report = await validateSupCertificate(bundle, {
      names: BOTH,
      at: new Date(bundle.certificates[0]!.notBefore.getTime() + DAY),
    });
    expect(report.findings.map((f) => f.code)).toContain('sup.hash.sha1_ca');
    expect(report.ok).toBe(true);
  });

  it('the same intermediate, in date, gives no chain finding', async () => {
    const report = await judge6(
      'via-short-issuing.pem',
      { names: BOTH, intermediates: [ISSUING_SHORT], trustAnchors: [ROOT6] },
      29,
    )();
    expect(report.findings.filter((f) => f.rule === 'SUP-CHAIN-002')).toEqual([]);
  });

  it('a name given with the port is refused with what to give instead', async () => {
    await expect(judge('good-both.pem', { names: `${INTRANET}:8531` })).rejects.toThrow(
      /Give the host name alone, e\.g\. "sup01\.corp\.contoso\.com"/,
    );
  });
});
