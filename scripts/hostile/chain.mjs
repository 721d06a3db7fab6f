// Hostile chain inputs (kinds 4: chain-search work, 7: report size and input shapes, 10: malformed
// critical extensions): deterministic generators, no randomness.
// Keys are Ed25519 from fixed seeds (signing is deterministic), so every run builds the same bytes.
import { createPrivateKey, createPublicKey, createHash, sign } from 'node:crypto';
import { der, seq } from './der.mjs';

// ---- a tiny DER writer -------------------------------------------------------------------------
const set = (...p) => der(0x31, ...p);
const oid = (hex) => der(0x06, Buffer.from(hex, 'hex'));
const utf8 = (s) => der(0x0c, Buffer.from(s, 'utf8'));
const octet = (b) => der(0x04, b);
const bool = (v) => der(0x01, Buffer.from([v ? 0xff : 0]));
const int = (n) => der(0x02, Buffer.from(n < 128 ? [n] : [n >> 8, n & 255]));
const bitString = (b) => der(0x03, Buffer.from([0]), b);
const utcTime = (s) => der(0x17, Buffer.from(s, 'latin1'));

const OID = {
  cn: '550403',
  ed25519: '2b6570',
  sha256Rsa: '2a864886f70d01010b',
  rsa: '2a864886f70d010101',
  bc: '551d13',
  ku: '551d0f',
  san: '551d11',
  nc: '551d1e',
  eku: '551d25',
  serverAuth: '2b06010505070301',
};

/** X.501 Name with one CN. */
export const name = (cn) => seq(set(seq(oid(OID.cn), utf8(cn))));

/** A deterministic Ed25519 key pair from a label (cached: generating inputs should cost little next to judging them). */
const keyCache = new Map();
export function keyPair(label) {
  if (!keyCache.has(label)) keyCache.set(label, makeKeyPair(label));
  return keyCache.get(label);
}
function makeKeyPair(label) {
  const seed = createHash('sha256').update(`supcert hostile chain ${label}`).digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return { privateKey, spki: createPublicKey(privateKey).export({ type: 'spki', format: 'der' }) };
}

/** An RSA SubjectPublicKeyInfo with the given modulus and exponent sizes (not a usable key: only its size matters). */
export function rsaSpki(modulusBits, exponentBits, label = 'rsa') {
  const bytes = (bits, tag) => {
    const n = Math.ceil(bits / 8);
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i += 32)
      createHash('sha256').update(`${label}:${tag}:${i}`).digest().copy(out, i);
    out[0] = (out[0] & (0xff >> ((8 - (bits % 8)) % 8))) | (1 << ((bits - 1) % 8));
    out[n - 1] |= 1;
    return out;
  };
  const uint = (b) => der(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  return seq(
    seq(oid(OID.rsa), der(0x05)),
    bitString(seq(uint(bytes(modulusBits, 'n')), uint(bytes(exponentBits, 'e')))),
  );
}

/** A DSA SubjectPublicKeyInfo with p and q of the given sizes (only the sizes matter). */
export function dsaSpki(pBits, qBits, label = 'dsa') {
  const uint = (bits, tag) => {
    const n = Math.ceil(bits / 8);
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i += 32)
      createHash('sha256').update(`${label}:${tag}:${i}`).digest().copy(out, i);
    out[0] = (out[0] & (0xff >> ((8 - (bits % 8)) % 8))) | (1 << ((bits - 1) % 8));
    return der(0x02, out[0] & 0x80 ? Buffer.concat([Buffer.from([0]), out]) : out);
  };
  return seq(
    seq(oid('2a8648ce380401'), seq(uint(pBits, 'p'), uint(qBits, 'q'), uint(pBits - 8, 'g'))),
    bitString(uint(pBits - 8, 'y')),
  );
}

const ext = (id, critical, value) => seq(oid(id), ...(critical ? [bool(true)] : []), octet(value));
export const caExtensions = () => [
  ext(OID.bc, true, seq(bool(true))),
  ext(OID.ku, true, der(0x03, Buffer.from([1, 0x06]))),
];
export const leafExtensions = (dnsNames = ['sup01.contoso.com']) => [
  ext(OID.san, false, seq(...dnsNames.map((n) => der(0x82, Buffer.from(n, 'latin1'))))),
  ext(OID.eku, false, seq(oid(OID.serverAuth))),
];
/** nameConstraints with permitted dNSName subtrees (or raw GeneralSubtree bytes). */
export const nameConstraints = (permitted, { critical = true, rawSubtrees } = {}) =>
  ext(
    OID.nc,
    critical,
    seq(
      der(0xa0, ...(rawSubtrees ?? permitted.map((d) => seq(der(0x82, Buffer.from(d, 'latin1')))))),
    ),
  );

/**
 * One certificate. `issuerKey` signs it (Ed25519) unless `signature` is given: then the
 * signature algorithm is sha256WithRSAEncryption and the bytes are used as they are.
 */
export function certificate({
  serial = 1,
  subject,
  issuer,
  spki,
  issuerKey,
  extensions = [],
  notBefore = '250101000000Z',
  notAfter = '351231000000Z',
  signature,
}) {
  const sigAlg = signature ? seq(oid(OID.sha256Rsa), der(0x05)) : seq(oid(OID.ed25519));
  const tbs = seq(
    der(0xa0, int(2)),
    int(serial),
    sigAlg,
    typeof issuer === 'string' ? name(issuer) : issuer,
    seq(utcTime(notBefore), utcTime(notAfter)),
    typeof subject === 'string' ? name(subject) : subject,
    spki,
    ...(extensions.length ? [der(0xa3, seq(...extensions))] : []),
  );
  const sig = signature ?? sign(null, tbs, issuerKey);
  return seq(tbs, sigAlg, bitString(sig));
}

/** A self-signed CA certificate named `name` (serial 1), signed by its own `key`. */
export const selfSignedCa = (name, key, extensions = caExtensions()) =>
  certificate({
    serial: 1,
    subject: name,
    issuer: name,
    spki: key.spki,
    issuerKey: key.privateKey,
    extensions,
  });

export const pem = (ders) =>
  ders
    .map(
      (d) =>
        `-----BEGIN CERTIFICATE-----\n${d.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`,
    )
    .join('');

// ---- generators ----------------------------------------------------------------------------------

/**
 * K CA names, one certificate per ordered pair (subject i, issuer j, signed by j's key), a leaf
 * issued by name 0, and a trust anchor that none of them reaches (or, with `reachable`, a
 * self-signed "CA k-1" root that all of them reach; with `expired` too, the default, the leaf has
 * expired, so every path reaches the root and none is valid).
 */
export function crossCertifiedMesh(k, { reachable = false, expired = reachable } = {}) {
  const keys = Array.from({ length: k }, (_, i) => keyPair(`mesh ${i}`));
  const rootKey = keyPair('mesh root');
  const pool = [];
  let serial = 100;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      if (i !== j)
        pool.push(
          certificate({
            serial: serial++,
            subject: `CA ${i}`,
            issuer: `CA ${j}`,
            spki: keys[i].spki,
            issuerKey: keys[j].privateKey,
            extensions: caExtensions(),
          }),
        );
    }
  const leafKey = keyPair('mesh leaf');
  const leaf = certificate({
    serial: 2,
    subject: 'sup01.contoso.com',
    issuer: 'CA 0',
    spki: leafKey.spki,
    issuerKey: keys[0].privateKey,
    extensions: leafExtensions(),
    ...(expired ? { notAfter: '260101000000Z' } : {}),
  });
  const anchor = reachable
    ? selfSignedCa(`CA ${k - 1}`, keys[k - 1])
    : selfSignedCa('Unrelated Root', rootKey);
  return { leaf, pool, anchor };
}

/** `count` candidate issuers named like the leaf's issuer, each with an RSA key of `exponentBits`-bit exponent. */
export function hugeExponentIssuers(
  count = 2000,
  { exponentBits = 3070, modulusBits = 3072 } = {},
) {
  const signer = keyPair('exp signer');
  const spki = rsaSpki(modulusBits, exponentBits, 'exp');
  const pool = Array.from({ length: count }, (_, i) =>
    certificate({
      serial: 1000 + i,
      subject: 'Bogus Issuing CA',
      issuer: 'Some Root',
      spki,
      issuerKey: signer.privateKey,
      extensions: caExtensions(),
    }),
  );
  const leafKey = keyPair('exp leaf');
  const signature = Buffer.alloc(modulusBits / 8, 0x5a);
  const leaf = certificate({
    serial: 3,
    subject: 'sup01.contoso.com',
    issuer: 'Bogus Issuing CA',
    spki: leafKey.spki,
    extensions: leafExtensions(),
    signature,
  });
  const rootKey = keyPair('exp root');
  const anchor = selfSignedCa('Some Root', rootKey);
  return { leaf, pool, anchor };
}

/** One candidate issuer with the given public key (RSA-signed leaf with a junk signature of `signatureBytes`). */
export function bigKeyIssuer(spki, signatureBytes = 256) {
  const signer = keyPair('bigkey signer');
  const issuer = certificate({
    serial: 7,
    subject: 'Big Key CA',
    issuer: 'Some Root',
    spki,
    issuerKey: signer.privateKey,
    extensions: caExtensions(),
  });
  const leaf = certificate({
    serial: 8,
    subject: 'sup01.contoso.com',
    issuer: 'Big Key CA',
    spki: keyPair('bigkey leaf').spki,
    extensions: leafExtensions(),
    signature: Buffer.alloc(signatureBytes, 0x33),
  });
  const rootKey = keyPair('bigkey root');
  const anchor = selfSignedCa('Some Root', rootKey);
  return { leaf, pool: [issuer], anchor };
}

/** A valid chain root → leaf whose leaf has the public key `spki` (e.g. an RSA key with a 40-bit exponent). */
export function weakLeafKey(spki) {
  const rootKey = keyPair('weakleaf root');
  const anchor = selfSignedCa('Weak Leaf Root', rootKey);
  const leaf = certificate({
    serial: 2,
    subject: 'sup01.contoso.com',
    issuer: 'Weak Leaf Root',
    spki,
    issuerKey: rootKey.privateKey,
    extensions: leafExtensions(),
  });
  return { leaf, pool: [], anchor };
}

/**
 * `n` self-issued "Rollover CA" certificates, each signed by the key of the next (a run of key
 * rollovers that self-issued certificates make free in the depth count), a leaf under the first,
 * and an anchor at the end of the run: reaching it needs all `n`.
 */
export function selfIssuedRun(n) {
  const keys = Array.from({ length: n + 1 }, (_, i) => keyPair(`rollover ${i}`));
  const pool = Array.from({ length: n }, (_, i) =>
    certificate({
      serial: 200 + i,
      subject: 'Rollover CA',
      issuer: 'Rollover CA',
      spki: keys[i].spki,
      issuerKey: keys[i + 1].privateKey,
      extensions: caExtensions(),
    }),
  );
  const anchor = selfSignedCa('Rollover CA', keys[n]);
  const leaf = certificate({
    serial: 2,
    subject: 'sup01.contoso.com',
    issuer: 'Rollover CA',
    spki: keyPair('rollover leaf').spki,
    issuerKey: keys[0].privateKey,
    extensions: leafExtensions(),
  });
  return { leaf, pool, anchor };
}

/** A leaf with a `subjectBytes` subject and `count` same-named issuers whose keys did not sign it. */
export function bigSubjectBogusIssuers(count = 2000, subjectBytes = 1_000_000) {
  const leafKey = keyPair('big leaf');
  const wrongKey = keyPair('big wrong');
  const pool = Array.from({ length: count }, (_, i) => {
    const k = keyPair(`big issuer ${i % 8}`);
    return certificate({
      serial: 5000 + i,
      subject: 'Bogus Issuing CA',
      issuer: 'Some Root',
      spki: k.spki,
      issuerKey: wrongKey.privateKey,
      extensions: caExtensions(),
    });
  });
  const leaf = certificate({
    serial: 4,
    subject: name(`sup01.contoso.com ${'x'.repeat(subjectBytes)}`),
    issuer: 'Bogus Issuing CA',
    spki: leafKey.spki,
    issuerKey: wrongKey.privateKey,
    extensions: leafExtensions(),
  });
  const rootKey = keyPair('big root');
  const anchor = selfSignedCa('Some Root', rootKey);
  return { leaf, pool, anchor };
}

/**
 * A valid chain root → intermediate → leaf where the root (and, with `twoConstrained`, the
 * intermediate) permits `subtrees` dNSName subtrees, and the leaf has `names` SAN names outside all of them.
 */
export function constrainedMany(
  subtrees = 500,
  names = 500,
  { twoConstrained = false, permitted: given } = {},
) {
  // Long but valid DNS names (~230 characters), as in the report: 690 KB for 500 x 500.
  const long = (c) => Array.from({ length: 3 }, () => c.repeat(63)).join('.');
  const permitted =
    given ?? Array.from({ length: subtrees }, (_, i) => `${long('p')}.permitted-${i}.example`);
  const sans = Array.from({ length: names }, (_, i) => `${long('h')}.host${i}.outside.test`);
  const rootKey = keyPair('nc root');
  const midKey = keyPair('nc mid');
  const leafKey = keyPair('nc leaf');
  const anchor = selfSignedCa('NC Root', rootKey, [...caExtensions(), nameConstraints(permitted)]);
  const mid = certificate({
    serial: 2,
    subject: 'NC Issuing',
    issuer: 'NC Root',
    spki: midKey.spki,
    issuerKey: rootKey.privateKey,
    extensions: [...caExtensions(), ...(twoConstrained ? [nameConstraints(permitted)] : [])],
  });
  const leaf = certificate({
    serial: 3,
    subject: 'sup01',
    issuer: 'NC Issuing',
    spki: leafKey.spki,
    issuerKey: midKey.privateKey,
    extensions: leafExtensions(sans),
  });
  return { leaf, pool: [mid], anchor };
}

/**
 * A valid chain whose intermediate has a critical nameConstraints extension with a malformed
 * GeneralSubtree: `kind` 'not-general-name' (the base is a UNIVERSAL SEQUENCE), 'not-sequence'
 * (the subtree is an OCTET STRING), 'minimum' (minimum 1, which RFC 5280 forbids) or
 * 'unknown-tag' (a [5] field in NameConstraints); 'well-formed' is the control (permits contoso.com).
 */
export function malformedNameConstraints(kind = 'not-general-name') {
  const raw = {
    'not-general-name': seq(seq(utf8('contoso.com'))),
    'not-sequence': octet(Buffer.from('contoso.com')),
    minimum: seq(der(0x82, Buffer.from('contoso.com')), der(0x80, Buffer.from([1]))),
    'unknown-tag': null,
    'well-formed': seq(der(0x82, Buffer.from('contoso.com'))),
  }[kind];
  const rootKey = keyPair('mnc root');
  const midKey = keyPair('mnc mid');
  const leafKey = keyPair('mnc leaf');
  const anchor = selfSignedCa('MNC Root', rootKey);
  const nc =
    kind === 'unknown-tag'
      ? ext(OID.nc, true, seq(der(0xa5, seq(der(0x82, Buffer.from('contoso.com'))))))
      : nameConstraints([], { rawSubtrees: [raw] });
  const mid = certificate({
    serial: 2,
    subject: 'MNC Issuing',
    issuer: 'MNC Root',
    spki: midKey.spki,
    issuerKey: rootKey.privateKey,
    extensions: [...caExtensions(), nc],
  });
  const leaf = certificate({
    serial: 3,
    subject: 'sup01.contoso.com',
    issuer: 'MNC Issuing',
    spki: leafKey.spki,
    issuerKey: midKey.privateKey,
    extensions: leafExtensions(),
  });
  return { leaf, pool: [mid], anchor };
}

/** A valid chain whose intermediate carries a malformed critical known extension that the certificate parser does not decode. */
export function malformedCriticalExtension(which = 'policyConstraints') {
  const values = {
    policyConstraints: ['551d24', seq()], // an empty SEQUENCE: RFC 5280 says it MUST NOT be
    inhibitAnyPolicy: ['551d36', octet(Buffer.from([1]))], // not an INTEGER
    policyMappings: ['551d21', seq(seq(oid('2a03')))], // a mapping without its subjectDomainPolicy
    issuerAltName: ['551d12', seq(utf8('not a GeneralName'))],
    'well-formed': ['551d24', seq(der(0x80, Buffer.from([0])))], // requireExplicitPolicy 0
  };
  const [id, value] = values[which];
  const rootKey = keyPair('mce root');
  const midKey = keyPair('mce mid');
  const leafKey = keyPair('mce leaf');
  const anchor = selfSignedCa('MCE Root', rootKey);
  const mid = certificate({
    serial: 2,
    subject: 'MCE Issuing',
    issuer: 'MCE Root',
    spki: midKey.spki,
    issuerKey: rootKey.privateKey,
    extensions: [...caExtensions(), ext(id, true, value)],
  });
  const leaf = certificate({
    serial: 3,
    subject: 'sup01.contoso.com',
    issuer: 'MCE Issuing',
    spki: leafKey.spki,
    issuerKey: midKey.privateKey,
    extensions: leafExtensions(),
  });
  return { leaf, pool: [mid], anchor };
}

// ---- cases (run against the built package) -------------------------------------------------------

const AT = new Date('2027-06-01T00:00:00Z');
const judge = async (lib, { leaf, pool, anchor }, extra = {}) => {
  const report = await lib.validateSupCertificate(pem([leaf, ...pool]), {
    names: 'sup01.contoso.com',
    trustAnchors: [pem([anchor])],
    at: AT,
    ...extra,
  });
  return report;
};
const chainOutcome = (report) =>
  report.chain?.valid
    ? 'valid'
    : report.chain?.problems.some((p) => p.code === 'SEARCH_LIMIT')
      ? 'SEARCH_LIMIT'
      : 'invalid';

/** 'valid', `code` when the chain has that problem, else 'invalid'. */
const problemOutcome = (report, code) =>
  report.chain.valid
    ? 'valid'
    : report.chain.problems.some((p) => p.code === code)
      ? code
      : 'invalid';

/** @type {Array<{ id: string, kind: number, title: string, run: (lib: any) => Promise<string>, expect: string }>} */
export const cases = [
  {
    id: 'chain-mesh-k12',
    kind: 4,
    title: '12 CA names, one certificate per ordered pair (132 CAs), no anchor reachable',
    run: async (lib) => {
      const r = await judge(lib, crossCertifiedMesh(12));
      return r.chain.valid ? 'valid' : r.chain.problems[0].code;
    },
    expect: 'NO_PATH',
  },
  {
    id: 'chain-mesh-k10-all-paths-fail',
    kind: 4,
    title: '10 cross-certified CA names, every path reaches the root, the leaf expired',
    run: async (lib) => chainOutcome(await judge(lib, crossCertifiedMesh(10, { reachable: true }))),
    expect: 'SEARCH_LIMIT',
  },
  {
    id: 'chain-rsa-exponent-3070-bits',
    kind: 4,
    title: '2,000 same-named candidate issuers with a 3,070-bit RSA public exponent',
    run: async (lib) => {
      const r = await judge(lib, hugeExponentIssuers());
      return r.chain.problems.find((p) => p.code === 'UNSUPPORTED_SIGNATURE')
        ? 'UNSUPPORTED_SIGNATURE'
        : chainOutcome(r);
    },
    expect: 'UNSUPPORTED_SIGNATURE',
  },
  {
    id: 'chain-1mb-subject-2000-issuers',
    kind: 7,
    title: 'leaf with a 1 MB subject and 2,000 bogus same-named issuers (JSON report size)',
    run: async (lib) => {
      const r = await judge(lib, bigSubjectBogusIssuers());
      const findings = JSON.stringify(r.findings).length + JSON.stringify(r.chain.problems).length;
      return findings < 200_000 ? 'bounded' : `unbounded (${findings} characters)`;
    },
    expect: 'bounded',
  },
  {
    id: 'chain-nc-500x500-two-cas',
    kind: 7,
    title: '500 permitted subtrees x 500 SAN names, on two constrained CAs (JSON report size)',
    run: async (lib) => {
      const r = await judge(lib, constrainedMany(500, 500, { twoConstrained: true }));
      const json = JSON.stringify({ ...r, certificate: undefined });
      return r.chain.valid
        ? 'valid'
        : json.length < 200_000
          ? 'bounded'
          : `unbounded (${json.length} characters)`;
    },
    expect: 'bounded',
  },
  {
    id: 'chain-nc-base-not-general-name',
    kind: 10,
    title: 'critical nameConstraints whose GeneralSubtree base is not a GeneralName',
    run: async (lib) =>
      problemOutcome(
        await judge(lib, malformedNameConstraints('not-general-name')),
        'NAME_CONSTRAINTS',
      ),
    expect: 'NAME_CONSTRAINTS',
  },
  {
    id: 'chain-malformed-critical-policy-constraints',
    kind: 10,
    title: 'critical policyConstraints that is an empty SEQUENCE',
    run: async (lib) =>
      problemOutcome(
        await judge(lib, malformedCriticalExtension('policyConstraints')),
        'INVALID_EXTENSION',
      ),
    expect: 'INVALID_EXTENSION',
  },
];
