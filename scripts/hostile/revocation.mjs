// Hostile CRLs and OCSP answers (area src/chain/crl.ts + src/chain/ocsp.ts): each made at
// run time, deterministic. run(lib, budget?) resolves to a SupCertError code, or the revocation
// outcome; `bound` caps the work units spent.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { der, seq } from './der.mjs';

const fixture = (f) =>
  readFileSync(fileURLToPath(new URL(`../../certs-fixtures/${f}`, import.meta.url)));
const codeOf = (e) => {
  if (e?.name === 'SupCertError') return e.code;
  throw e;
};

const ALG = Buffer.from('300d06092a864886f70d01010b0500', 'hex');
const NAME = Buffer.from('310a300806035504030c0143', 'hex');
const TIME = Buffer.from('170d3236303130313030303030305a', 'hex');

/** A CRL (unsigned: the signature is 0 bytes) with `entries` revoked serials, each a distinct 3-byte INTEGER. */
function crlWith(entries) {
  const list = [];
  for (let i = 0; i < entries; i++)
    list.push(seq(der(0x02, Buffer.from([1, (i >> 8) & 255, i & 255])), TIME));
  const tbs = seq(
    der(0x02, Buffer.from([1])),
    ALG,
    seq(NAME),
    TIME,
    TIME,
    der(0x30, Buffer.concat(list)),
  );
  return seq(tbs, ALG, der(0x03, Buffer.from([0])));
}

/** DER nested `depth` SEQUENCEs deep inside a CRL's extensions. */
function deepCrl(depth) {
  let inner = Buffer.from([0x05, 0x00]);
  for (let i = 0; i < depth; i++) inner = seq(inner);
  const tbs = seq(der(0x02, Buffer.from([1])), ALG, seq(NAME), TIME, TIME, der(0xa0, inner));
  return seq(tbs, ALG, der(0x03, Buffer.from([0])));
}

const judge = (lib, crls, budget, extra = {}) =>
  lib
    .validateSupCertificate(fixture('sup/good-both.pem'), {
      skipNames: true,
      at: new Date('2027-06-01'),
      crls,
      ...(budget ? { budget } : {}),
      ...extra,
    })
    .then((r) => (r.revocation ? `read ${r.revocation.crls}` : 'no revocation'), codeOf);

/** @type {Array<{ id: string, kind: number, title: string, run: (lib: any, budget?: any) => Promise<string>, expect: string, bound?: Record<string, number> }>} */
export const cases = [
  {
    id: 'crl-200000-entries-small-budget',
    kind: 4,
    title:
      'a 4 MB CRL of 200,000 revoked serials against limits.maxElements 100,000: LIMIT_EXCEEDED, never more drawn',
    run: (lib) => {
      const budget = new lib.WorkBudget({ maxElements: 100_000 });
      return judge(lib, [crlWith(200_000)], budget).then((outcome) =>
        budget.spent('maxElements') <= 100_000 ? outcome : `spent ${budget.spent('maxElements')}`,
      );
    },
    expect: 'LIMIT_EXCEEDED',
  },
  {
    id: 'crl-20000-entries-default',
    kind: 4,
    title: 'a CRL of 20,000 revoked serials with the default budget: read once, 60,000 elements',
    run: (lib, budget) => judge(lib, [crlWith(20_000)], budget),
    expect: 'read 1',
    bound: { maxElements: 61_000, maxSignatureChecks: 0 },
  },
  {
    id: 'crl-nested-extensions',
    kind: 3,
    title:
      'a CRL whose extensions are 70 nested SEQUENCEs instead of Extensions: MALFORMED, read lazily (no recursion into them)',
    run: (lib, budget) => judge(lib, [deepCrl(70)], budget),
    expect: 'MALFORMED',
    bound: { maxElements: 256 },
  },
  {
    id: 'crl-pem-20001-blocks',
    kind: 4,
    title: 'a PEM text of 20,001 empty "X509 CRL" blocks (limits.maxPemBlocks)',
    run: (lib, budget) =>
      judge(
        lib,
        ['-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n'.repeat(20_001)],
        budget,
      ),
    expect: 'LIMIT_EXCEEDED',
    bound: { maxPemBlocks: 20_000 },
  },
  {
    id: 'crl-not-a-crl',
    kind: 1,
    title: 'a text that is no CRL, and an empty one',
    run: async (lib) => `${await judge(lib, ['hello'])},${await judge(lib, [new Uint8Array(0)])}`,
    expect: 'UNKNOWN_FORMAT,EMPTY_INPUT',
  },
  {
    id: 'ocsp-garbage-and-truncated',
    kind: 1,
    title:
      'OCSP answers that are garbage, truncated or 70 nested SEQUENCEs: rejected (unknown), never thrown',
    run: async (lib) => {
      const [leaf, issuing] = [
        (await lib.readCertificates(fixture('sup/good-both.pem'))).certificates[0],
        (await lib.readCertificates(fixture('sup/issuing.pem'))).certificates[0],
      ];
      let deep = Buffer.from([0x05, 0x00]);
      for (let i = 0; i < 70; i++) deep = seq(deep);
      const outcomes = [Buffer.from('garbage'), Buffer.from([0x30, 0x82, 0xff]), deep].map((d) => {
        try {
          return lib.checkOcspResponse(d, leaf, issuing, new Date('2027-06-01')).status;
        } catch (e) {
          return codeOf(e);
        }
      });
      return outcomes.join(',');
    },
    expect: 'unknown,unknown,unknown',
  },
];
