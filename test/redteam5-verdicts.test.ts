// Red team round 5: realistic-but-unusual certificates whose verdict differed from what Windows
// does. Each row builds its certificate here (node:crypto keys, a tiny DER writer) and asserts the
// rule's status and codes.
import * as nodeCrypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { type SupReport, validateSupCertificate, validateSupRequest } from '../src/index.js';
import { der, int, oid, seq } from './der.js';

const OID = {
  cn: '550403',
  sha256Rsa: '2a864886f70d01010b',
  san: '551d11',
  eku: '551d25',
  ku: '551d0f',
  serverAuth: '2b06010505070301',
};
const set = (...p: Uint8Array[]): Buffer => der(0x31, ...p);
const utf8 = (s: string): Buffer => der(0x0c, Buffer.from(s, 'utf8'));
const name = (cn: string): Buffer => seq(set(seq(oid(OID.cn), utf8(cn))));
const bits = (b: Uint8Array): Buffer => der(0x03, Buffer.from([0]), b);
const time = (s: string): Buffer => der(0x17, Buffer.from(s, 'latin1'));
const ext = (id: string, value: Uint8Array): Buffer => seq(oid(id), der(0x04, value));
const dnsSan = (...names: string[]): Buffer =>
  ext(OID.san, seq(...names.map((n) => der(0x82, Buffer.from(n, 'latin1')))));
const SERVER_AUTH = ext(OID.eku, seq(oid(OID.serverAuth)));
/** digitalSignature only: fits every key type (keyEncipherment is RSA's). */
const KU_DS = ext(OID.ku, der(0x03, Buffer.from([7, 0x80])));
const AT = new Date('2027-01-01T00:00:00Z');
const ISSUER_KEY = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const HOST = 'sup01.corp.contoso.com';

/** A fresh key's SubjectPublicKeyInfo (DER). */
function spkiOf(type: 'rsa' | 'ec' | 'ed25519' | 'ed448' | 'dsa', options: object = {}): Buffer {
  const generate = nodeCrypto.generateKeyPairSync as (
    t: string,
    o: object,
  ) => { publicKey: nodeCrypto.KeyObject };
  return generate(type, options).publicKey.export({ type: 'spki', format: 'der' });
}
const RSA_SPKI = spkiOf('rsa', { modulusLength: 2048 });

/** A leaf issued by an RSA CA ("Red Team 5 CA"), with the given key, subject CN and extensions. */
function leaf(o: { spki?: Uint8Array; cn?: string; extensions?: Buffer[] }): Uint8Array {
  const alg = seq(oid(OID.sha256Rsa), der(0x05));
  const tbs = seq(
    der(0xa0, int(2)),
    int(0x35),
    alg,
    name('Red Team 5 CA'),
    seq(time('260101000000Z'), time('280101000000Z')),
    name(o.cn ?? HOST),
    o.spki ?? RSA_SPKI,
    der(0xa3, seq(...(o.extensions ?? [dnsSan(HOST), SERVER_AUTH, KU_DS]))),
  );
  return new Uint8Array(seq(tbs, alg, bits(nodeCrypto.sign('sha256', tbs, ISSUER_KEY))));
}

const judge = (cert: Uint8Array, names = HOST): Promise<SupReport> =>
  validateSupCertificate(cert, { names, at: AT });
const ruleOf = (report: SupReport, rule: string) => {
  const r = report.results.find((x) => x.rule === rule);
  if (!r) throw new Error(`${rule} did not run`);
  return {
    status: r.status,
    codes: report.findings.filter((f) => f.rule === rule).map((f) => f.code),
  };
};

describe('SUP-KEY-004: keys Schannel cannot use on default Windows clients are errors', () => {
  // Schannel enables curve25519, NistP256 and NistP384 only by default (Windows 10 1607+, S39);
  // its TLS signature algorithms are RSA, DSA and ECDSA (S40), so EdDSA keys never work.
  const rows: Array<[string, Uint8Array, string, string[]]> = [
    ['RSA 2048', RSA_SPKI, 'pass', []],
    ['ECDSA P-256', spkiOf('ec', { namedCurve: 'P-256' }), 'warning', ['sup.key.not_rsa']],
    ['ECDSA P-384', spkiOf('ec', { namedCurve: 'P-384' }), 'warning', ['sup.key.not_rsa']],
    ['ECDSA P-521', spkiOf('ec', { namedCurve: 'P-521' }), 'error', ['sup.key.curve_not_enabled']],
    [
      'ECDSA brainpoolP256r1',
      spkiOf('ec', { namedCurve: 'brainpoolP256r1' }),
      'error',
      ['sup.key.curve_not_enabled'],
    ],
    [
      'ECDSA secp256k1',
      spkiOf('ec', { namedCurve: 'secp256k1' }),
      'error',
      ['sup.key.curve_not_enabled'],
    ],
    ['Ed25519', spkiOf('ed25519'), 'error', ['sup.key.no_schannel_signature']],
    ['Ed448', spkiOf('ed448'), 'error', ['sup.key.no_schannel_signature']],
  ];
  it.each(rows)('%s', async (_what, spki, status, codes) => {
    const report = await judge(leaf({ spki }));
    expect(ruleOf(report, 'SUP-KEY-004')).toEqual({ status, codes });
    expect(report.ok).toBe(status !== 'error');
  });

  it('the messages name the curve or the algorithm and what to do', async () => {
    const p521 = await judge(leaf({ spki: spkiOf('ec', { namedCurve: 'P-521' }) }));
    expect(p521.findings.find((f) => f.rule === 'SUP-KEY-004')?.message).toMatch(
      /ECDSA key on P-521\. .*enables only curve25519, NistP256 and NistP384 by default.*ECC Curve Order/,
    );
    // A curve given by explicit parameters (not a NIST prime) or by no parameters is named as such.
    const explicit = await judge(
      leaf({
        spki: spkiOf('ec', { namedCurve: 'brainpoolP256r1', paramEncoding: 'explicit' }),
      }),
    );
    expect(ruleOf(explicit, 'SUP-KEY-004')).toEqual({
      status: 'error',
      codes: ['sup.key.curve_not_enabled'],
    });
    const explicitMessage = explicit.findings.find((f) => f.rule === 'SUP-KEY-004')!.message;
    expect(explicitMessage).toMatch(/ECDSA key on a curve given by explicit parameters/);
    expect(explicitMessage).not.toMatch(/on explicit\b|\(explicit is/);
    const ed = await judge(leaf({ spki: spkiOf('ed25519') }));
    expect(ed.findings.find((f) => f.rule === 'SUP-KEY-004')?.message).toMatch(
      /an Ed25519 key\. Schannel signs and verifies the TLS handshake with RSA, DSA or ECDSA keys only/,
    );
  });
});

describe('SUP-KEY-004: a key of another algorithm is named as it is written', () => {
  it('a DSA key says "a DSA key"; an INF KeyAlgorithm supcert does not know is quoted', async () => {
    const dsa = await judge(
      leaf({ spki: spkiOf('dsa', { modulusLength: 2048, divisorLength: 256 }) }),
    );
    expect(dsa.findings.find((f) => f.rule === 'SUP-KEY-004')?.message).toMatch(
      /^The certificate has a DSA key\. ConfigMgr documents RSA keys only/,
    );
    const inf = readFileSync('certs-fixtures/requests/webserver-both.inf', 'utf8').replace(
      /^KeyLength.*$/m,
      'KeyAlgorithm = ECDSA_brainpoolP256r1',
    );
    const request = await validateSupRequest(new TextEncoder().encode(inf), {
      names: 'sup01.corp.contoso.com&sup01.contoso.com',
    });
    // Was "a ecdsa_brainpoolp256r1 key".
    expect(request.findings.find((f) => f.rule === 'SUP-KEY-004')?.message).toMatch(
      /^The certificate has a key of algorithm "ecdsa_brainpoolp256r1"\. /,
    );
  });
});

describe('SUP-NAME-001: a subject CN ending in a dot is not counted, as a SAN dNSName is not', () => {
  // Wine's crypt32 CertVerifyCertificateChainPolicy(SSL) gives CERT_E_CN_NO_MATCH for a CN
  // "sup01.corp.contoso.com." against the host "sup01.corp.contoso.com" (no SAN), as it does for
  // a SAN dNSName with the dot.
  const rows: Array<[string, Uint8Array, string, string[]]> = [
    ['CN without the dot, no SAN', leaf({ extensions: [SERVER_AUTH] }), 'pass', []],
    [
      'CN with the dot, no SAN',
      leaf({ cn: `${HOST}.`, extensions: [SERVER_AUTH] }),
      'error',
      ['sup.name.intranet_name_missing'],
    ],
    [
      'SAN dNSName with the dot',
      leaf({ cn: 'x', extensions: [dnsSan(`${HOST}.`), SERVER_AUTH] }),
      'error',
      ['sup.name.intranet_name_missing'],
    ],
    [
      'CN with the dot, SAN without it',
      leaf({ cn: `${HOST}.`, extensions: [dnsSan(HOST), SERVER_AUTH] }),
      'pass',
      [],
    ],
  ];
  it.each(rows)('%s', async (_what, cert, status, codes) => {
    expect(ruleOf(await judge(cert), 'SUP-NAME-001')).toEqual({ status, codes });
  });

  it('the message says why the CN does not count', async () => {
    const report = await judge(leaf({ cn: `${HOST}.`, extensions: [SERVER_AUTH] }));
    expect(report.findings.find((f) => f.rule === 'SUP-NAME-001')?.message).toMatch(
      /The subject CN "sup01\.corp\.contoso\.com\." does not count: it ends in a dot/,
    );
    expect(report.clientError?.name).toBe('CERT_E_CN_NO_MATCH');
  });

  it('a host given with a trailing dot still matches a CN without it', async () => {
    const report = await judge(leaf({ extensions: [SERVER_AUTH] }), `${HOST}.`);
    expect(ruleOf(report, 'SUP-NAME-001').status).toBe('pass');
  });
});
