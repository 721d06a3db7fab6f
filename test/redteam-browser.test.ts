// Red team of the browser build: certificates whose signature algorithm does not fit the issuer's
// key, RSA-PSS keys with parameters, and a root self-signature the browser cannot verify. The
// browser bundle (run under Node, as in test/port-browser.test.ts) and the Node build must both
// refuse what Windows refuses: a signature made with another algorithm than the one the
// certificate names never verifies.
import * as nodeCrypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { der, int, oid, seq } from './der.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
type Library = typeof import('../src/index.js');
let nodeLib: Library;
let webLib: Library;
beforeAll(async () => {
  (globalThis as { self?: unknown }).self ??= globalThis;
  nodeLib = (await import(path.join(DIST, 'index.js'))) as Library;
  webLib = (await import(path.join(DIST, 'browser/index.js'))) as Library;
});

const OID = {
  cn: '550403',
  ed25519: '2b6570',
  sha256Rsa: '2a864886f70d01010b',
  ecdsaSha256: '2a8648ce3d040302',
  ecdsaSha224: '2a8648ce3d040301',
  pss: '2a864886f70d01010a',
  sha256: '608648016503040201',
  mgf1: '2a864886f70d010108',
};
const set = (...p: Uint8Array[]): Buffer => der(0x31, ...p);
const utf8 = (s: string): Buffer => der(0x0c, Buffer.from(s, 'utf8'));
const name = (cn: string): Buffer => seq(set(seq(oid(OID.cn), utf8(cn))));
const bool = (v: boolean): Buffer => der(0x01, Buffer.from([v ? 0xff : 0]));
const bits = (b: Uint8Array): Buffer => der(0x03, Buffer.from([0]), b);
const time = (s: string): Buffer => der(0x17, Buffer.from(s, 'latin1'));
const ext = (id: string, critical: boolean, value: Uint8Array): Buffer =>
  seq(oid(id), ...(critical ? [bool(true)] : []), der(0x04, value));
const CA_EXTENSIONS = [
  ext('551d13', true, seq(bool(true))),
  ext('551d0f', true, der(0x03, Buffer.from([1, 0x06]))),
];
const LEAF_EXTENSIONS = [
  ext('551d11', false, seq(der(0x82, Buffer.from('sup01.contoso.com', 'latin1')))),
  ext('551d25', false, seq(oid('2b06010505070301'))),
];
const AT = new Date('2027-01-01T00:00:00Z');

/** A certificate whose signature is `signWith(tbs)`, labelled with `sigAlg`, whatever made it. */
function certificate(o: {
  serial: number;
  subject: string;
  issuer: string;
  spki: Uint8Array;
  sigAlg: Buffer;
  extensions: Buffer[];
  signWith: (tbs: Buffer) => Uint8Array;
}): Uint8Array {
  const tbs = seq(
    der(0xa0, int(2)),
    int(o.serial),
    o.sigAlg,
    name(o.issuer),
    seq(time('250101000000Z'), time('351231000000Z')),
    name(o.subject),
    o.spki,
    der(0xa3, seq(...o.extensions)),
  );
  return new Uint8Array(seq(tbs, o.sigAlg, bits(o.signWith(tbs))));
}

const spkiOf = (key: nodeCrypto.KeyObject): Buffer =>
  nodeCrypto.createPublicKey(key).export({ type: 'spki', format: 'der' });

/** A root signed by its own key the right way, and a leaf it "signs" with `signLeaf`. */
function pair(
  rootKey: nodeCrypto.KeyObject,
  rootSigAlg: Buffer,
  rootSign: (tbs: Buffer) => Uint8Array,
  leafSigAlg: Buffer,
  signLeaf: (tbs: Buffer) => Uint8Array,
  rootSpki: Uint8Array = spkiOf(rootKey),
): { root: Uint8Array; leaf: Uint8Array } {
  const root = certificate({
    serial: 1,
    subject: 'Red Team Root',
    issuer: 'Red Team Root',
    spki: rootSpki,
    sigAlg: rootSigAlg,
    extensions: CA_EXTENSIONS,
    signWith: rootSign,
  });
  const leafKey = nodeCrypto.generateKeyPairSync('ed25519').privateKey;
  const leaf = certificate({
    serial: 2,
    subject: 'sup01.contoso.com',
    issuer: 'Red Team Root',
    spki: spkiOf(leafKey),
    sigAlg: leafSigAlg,
    extensions: LEAF_EXTENSIONS,
    signWith: signLeaf,
  });
  return { root, leaf };
}

async function chainIn(lib: Library, p: { root: Uint8Array; leaf: Uint8Array }) {
  const r = await lib.verifyChain(p.leaf, { trustAnchors: [p.root], intermediates: [], at: AT });
  return { valid: r.valid, problems: r.problems.map((q) => q.code) };
}

const ed = nodeCrypto.generateKeyPairSync('ed25519').privateKey;
const ec = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const edSign = (tbs: Buffer): Uint8Array => nodeCrypto.sign(null, tbs, ed);
const ecSign = (tbs: Buffer): Uint8Array => nodeCrypto.sign('sha256', tbs, ec);
const rsaSign = (tbs: Buffer): Uint8Array => nodeCrypto.sign('sha256', tbs, rsa);
const ED25519 = seq(oid(OID.ed25519));
const ECDSA_SHA256 = seq(oid(OID.ecdsaSha256));
const SHA256_RSA = seq(oid(OID.sha256Rsa), der(0x05));

describe('a signature made with another algorithm than the certificate names never verifies', () => {
  it('control: each key signing with its own algorithm verifies in both builds', async () => {
    for (const p of [
      pair(ed, ED25519, edSign, ED25519, edSign),
      pair(ec, ECDSA_SHA256, ecSign, ECDSA_SHA256, ecSign),
      pair(rsa, SHA256_RSA, rsaSign, SHA256_RSA, rsaSign),
    ]) {
      expect(await chainIn(nodeLib, p)).toEqual({ valid: true, problems: [] });
      expect(await chainIn(webLib, p)).toEqual({ valid: true, problems: [] });
    }
  });

  const mismatches: Array<[string, () => { root: Uint8Array; leaf: Uint8Array }]> = [
    // The browser verified these as Ed25519 whatever the certificate said (Node refuses them).
    [
      'Ed25519 key, sha256WithRSAEncryption named, Ed25519 signature',
      () => pair(ed, ED25519, edSign, SHA256_RSA, edSign),
    ],
    [
      'Ed25519 key, ecdsa-with-SHA256 named, Ed25519 signature',
      () => pair(ed, ED25519, edSign, ECDSA_SHA256, edSign),
    ],
    // Node verified these with the key's default digest (SHA-256) although Ed25519 is named.
    [
      'P-256 key, Ed25519 named, ECDSA-SHA256 signature',
      () => pair(ec, ECDSA_SHA256, ecSign, ED25519, ecSign),
    ],
    [
      'RSA key, Ed25519 named, RSA PKCS#1 SHA-256 signature',
      () => pair(rsa, SHA256_RSA, rsaSign, ED25519, rsaSign),
    ],
  ];
  it.each(mismatches)('%s: invalid in Node and in the browser', async (_, make) => {
    const p = make();
    const node = await chainIn(nodeLib, p);
    const web = await chainIn(webLib, p);
    expect([node.valid, web.valid]).toEqual([false, false]);
    expect(node.problems).toContain('BAD_SIGNATURE');
    expect(web).toEqual(node);
  });
});

describe('an id-RSASSA-PSS key restricted by its parameters', () => {
  // The same RSA key as an id-RSASSA-PSS SubjectPublicKeyInfo restricted to SHA-256, MGF1-SHA-256
  // and at least 32 bytes of salt (RFC 4055 §3.1): OpenSSL refuses a signature outside that.
  const pssKey = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const rsaPublicKey = nodeCrypto
    .createPublicKey(pssKey)
    .export({ type: 'pkcs1', format: 'der' }) as Buffer;
  const sha256Id = seq(oid(OID.sha256));
  const params = seq(
    der(0xa0, sha256Id),
    der(0xa1, seq(oid(OID.mgf1), sha256Id)),
    der(0xa2, int(32)),
  );
  const spki = seq(seq(oid(OID.pss), params), bits(rsaPublicKey));
  const pssSign =
    (hash: string, saltLength: number) =>
    (tbs: Buffer): Uint8Array =>
      nodeCrypto.sign(hash, tbs, {
        key: pssKey,
        padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING,
        saltLength,
      });
  const PSS_SHA256 = seq(oid(OID.pss), params);
  const PSS_SHA1_DEFAULTS = seq(oid(OID.pss), seq());
  const PSS_SHA256_SALT20 = seq(
    oid(OID.pss),
    seq(der(0xa0, sha256Id), der(0xa1, seq(oid(OID.mgf1), sha256Id)), der(0xa2, int(20))),
  );

  it('control: a signature within the parameters verifies in both builds', async () => {
    const p = pair(
      pssKey,
      PSS_SHA256,
      pssSign('sha256', 32),
      PSS_SHA256,
      pssSign('sha256', 32),
      spki,
    );
    expect(await chainIn(nodeLib, p)).toEqual({ valid: true, problems: [] });
    expect(await chainIn(webLib, p)).toEqual({ valid: true, problems: [] });
  });

  it.each([
    ['RSASSA-PSS with SHA-1 (the defaults)', PSS_SHA1_DEFAULTS, pssSign('sha1', 20)],
    ['RSASSA-PSS with SHA-256 and 20 bytes of salt', PSS_SHA256_SALT20, pssSign('sha256', 20)],
    [
      'sha256WithRSAEncryption (PKCS#1 v1.5)',
      SHA256_RSA,
      (tbs: Buffer): Uint8Array => nodeCrypto.sign('sha256', tbs, pssKey),
    ],
  ] as const)('%s outside them: invalid in Node and in the browser', async (_, alg, signLeaf) => {
    const p = pair(pssKey, PSS_SHA256, pssSign('sha256', 32), alg, signLeaf, spki);
    const node = await chainIn(nodeLib, p);
    const web = await chainIn(webLib, p);
    expect([node.valid, web.valid]).toEqual([false, false]);
    expect(node.problems).toContain('BAD_SIGNATURE');
    expect(web).toEqual(node);
  });
});

describe('a root self-signature the browser cannot verify is not a pass', () => {
  it('ECDSA-SHA224 self-signature that does not verify: Node and the browser both fail the check', async () => {
    // The root's own signature names ECDSA with SHA-224 (WebCrypto has no SHA-224) and is bad;
    // the leaf under it is signed correctly with ECDSA-SHA256.
    const badSelf = (tbs: Buffer): Uint8Array =>
      nodeCrypto.sign('sha224', Buffer.concat([tbs, Buffer.of(0)]), ec); // of other data
    const p = pair(ec, seq(oid(OID.ecdsaSha224)), badSelf, ECDSA_SHA256, ecSign);
    const options = { names: 'sup01.contoso.com', at: AT, trustAnchors: [p.root] };
    const node = await nodeLib.validateSupCertificate(p.leaf, options);
    const web = await webLib.validateSupCertificate(p.leaf, options);
    const policy = (r: typeof node): string[] => r.clientErrors.map((e) => e.name);
    expect(policy(node)).toContain('TRUST_E_CERT_SIGNATURE');
    expect(node.ok).toBe(false);
    // The browser cannot verify it: it must say so, never pass it.
    expect(policy(web)).toContain('TRUST_E_CERT_SIGNATURE');
    expect(web.ok).toBe(false);
    expect(JSON.stringify(web.clientErrors)).toMatch(/cannot be verified/);
  });
});

describe('the browser bundle reads no environment', () => {
  it('no `(void 0).env`: tsup defines process as undefined, so process.env always throws there', async () => {
    // runRules read process.env.SUPCERT_STRICT_FINDINGS when a rule raised an undeclared finding:
    // in a page that threw a TypeError, reported as sup.internal.rule_failed without the finding.
    const { readFileSync } = await import('node:fs');
    const bundle = readFileSync(path.join(DIST, 'browser/index.js'), 'utf8');
    expect(bundle.match(/\(void 0\)\.env\b/g) ?? []).toEqual([]);
  });
});
