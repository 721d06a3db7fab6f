import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bmpPassword,
  pkcs12Kdf,
  pkcs12KdfMany,
  setPkcs12KdfEngine,
  type Pkcs12KdfEngine,
  type Pkcs12KdfHash,
} from '../src/read/pkcs12/pkcs12Kdf.js';

const HASHES: readonly Pkcs12KdfHash[] = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5'];
const SIZES: Readonly<Record<Pkcs12KdfHash, { u: number; v: number }>> = {
  sha1: { u: 20, v: 64 },
  sha224: { u: 28, v: 64 },
  sha256: { u: 32, v: 64 },
  sha384: { u: 48, v: 128 },
  sha512: { u: 64, v: 128 },
  md5: { u: 16, v: 64 },
};
const IDS: readonly (1 | 2 | 3)[] = [1, 2, 3];
const LENGTHS = [1, 5, 8, 16, 20, 24, 32, 33, 40, 64, 65];
const MAX_LENGTH = 65;

/**
 * RFC 7292 B.2 taken literally, with createHash for every hash and BigInt for
 * step 6C, so that it shares no code (and no shortcut) with the module.
 */
function referenceKdf(
  hash: Pkcs12KdfHash,
  password: Uint8Array,
  salt: Uint8Array,
  id: number,
  iterations: number,
  n: number,
): Buffer {
  const { u, v } = SIZES[hash];
  // 1. D = v copies of id.
  const D = Buffer.alloc(v, id);
  // 2., 3. S and P: salt and password repeated to v * ceil(len / v) bytes.
  const repeat = (x: Uint8Array): Buffer =>
    Buffer.from(
      Array.from({ length: v * Math.ceil(x.length / v) }, (_, k) => x[k % x.length] ?? 0),
    );
  // 4. I = S || P.
  let I = Buffer.concat([repeat(salt), repeat(password)]);
  // 5. c = ceil(n / u).
  const c = Math.ceil(n / u);
  const A: Buffer[] = [];
  for (let i = 1; i <= c; i++) {
    // 6A. A_i = H^r(D || I).
    let Ai = createHash(hash)
      .update(Buffer.concat([D, I]))
      .digest();
    for (let r = 1; r < iterations; r++) Ai = createHash(hash).update(Ai).digest();
    A.push(Ai);
    // 6B. B = A_i repeated to v bytes.
    const B = BigInt(
      '0x' + Buffer.from(Array.from({ length: v }, (_, k) => Ai[k % u] ?? 0)).toString('hex'),
    );
    // 6C. I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block I_j of I.
    const modulus = 1n << BigInt(8 * v);
    const blocks: Buffer[] = [];
    for (let j = 0; j < I.length; j += v) {
      const Ij = BigInt('0x' + I.subarray(j, j + v).toString('hex'));
      const sum = (Ij + B + 1n) % modulus;
      blocks.push(Buffer.from(sum.toString(16).padStart(2 * v, '0'), 'hex'));
    }
    I = Buffer.concat(blocks);
  }
  // 7. The first n bytes of A_1 || A_2 || ... || A_c.
  return Buffer.concat(A).subarray(0, n);
}

const bytes = (len: number, seed: number): Uint8Array =>
  Uint8Array.from({ length: len }, (_, k) => (k * 37 + seed * 101 + 11) & 0xff);

const PASSWORDS: ReadonlyArray<readonly [string, Uint8Array]> = [
  ['absent', new Uint8Array(0)],
  ['empty', bmpPassword('')],
  ['ascii', bmpPassword('password')],
  ['non-ascii', bmpPassword('pässwörd€')],
  ['100 chars', bmpPassword('Correct Horse Battery Staple '.repeat(4).slice(0, 100))],
  ['non-BMP', bmpPassword('😀')],
];
const SALTS: ReadonlyArray<Uint8Array> = [0, 8, 20, 64, 65].map((len) => bytes(len, len));

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

afterEach(() => setPkcs12KdfEngine('auto'));

describe('bmpPassword', () => {
  it('encodes UTF-16BE plus two zero bytes', () => {
    expect(hex(bmpPassword('smeg'))).toBe('0073006D006500670000');
    expect(hex(bmpPassword(''))).toBe('0000');
    expect(hex(bmpPassword('pässwörd€'))).toBe('007000E400730073007700F60072006420AC0000');
  });

  it('writes characters outside the BMP as surrogate pairs', () => {
    expect(hex(bmpPassword('😀'))).toBe('D83DDE000000');
    expect(hex(bmpPassword('a𝄞b'))).toBe('0061D834DD1E00620000');
  });
});

describe('pkcs12Kdf known answers', () => {
  // Vectors published with BouncyCastle's Pkcs12Test (bcgit/bc-csharp,
  // crypto/test/src/crypto/test/Pkcs12Test.cs), originally from Dr Stephen Henson's
  // http://www.drh-consultancy.demon.co.uk/test.txt; all SHA-1.
  const BC: ReadonlyArray<readonly [1 | 2 | 3, string, string, number, string]> = [
    [1, 'smeg', '0A58CF64530D823F', 1, '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3'],
    [2, 'smeg', '0A58CF64530D823F', 1, '79993DFE048D3B76'],
    [1, 'smeg', '642B99AB44FB4B1F', 1, 'F3A95FEC48D7711E985CFE67908C5AB79FA3D7C5CAA5D966'],
    [2, 'smeg', '642B99AB44FB4B1F', 1, 'C0A38D64A79BEA1D'],
    [3, 'smeg', '3D83C0E4546AC140', 1, '8D967D88F6CAA9D714800AB3D48051D63F73A312'],
    [1, 'queeg', '05DEC959ACFF72F7', 1000, 'ED2034E36328830FF09DF1E1A07DD357185DAC0D4F9EB3D4'],
    [2, 'queeg', '05DEC959ACFF72F7', 1000, '11DEDAD7758D4860'],
    [1, 'queeg', '1682C0FC5B3F7EC5', 1000, '483DD6E919D7DE2E8E648BA8F862F3FBFBDC2BCB2C02957F'],
    [2, 'queeg', '1682C0FC5B3F7EC5', 1000, '9D461D1B00355C50'],
    [3, 'queeg', '263216FCC2FAB31C', 1000, '5EC4C7A80DF652294C3925B6489A7AB857C83476'],
  ];

  // Computed with OpenSSL 3.0.19's PKCS12KDF, which takes the password already
  // BMP-encoded (hexpass, here bmpPassword('pässwörd€'), bmpPassword('😀'), [0, 0], or
  // nothing for an absent password), e.g.
  //   $ openssl kdf -keylen 32 -kdfopt digest:SHA256 \
  //       -kdfopt hexpass:007000e400730073007700f60072006420ac0000 \
  //       -kdfopt hexsalt:0102030405060708 -kdfopt iter:2048 -kdfopt id:3 PKCS12KDF
  //   4E:B6:C7:48:4B:3C:3A:D1:AC:06:3A:69:18:80:99:41:0A:60:55:18:DA:95:97:46:7D:0E:4B:51:A2:E7:B8:51
  // The other rows change -keylen, digest, hexpass, hexsalt, iter and id as listed.
  const P1 = '007000e400730073007700f60072006420ac0000';
  const S65 = hex(bytes(65, 0));
  const OPENSSL: ReadonlyArray<
    readonly [Pkcs12KdfHash, string, string, number, 1 | 2 | 3, number, string]
  > = [
    [
      'sha256',
      P1,
      '0102030405060708',
      2048,
      3,
      32,
      '4EB6C7484B3C3AD1AC063A69188099410A605518DA9597467D0E4B51A2E7B851',
    ],
    [
      'sha256',
      P1,
      '0102030405060708',
      2048,
      1,
      65,
      '94CD61F9A72F6F0C81BE8D4B69DDE185C100CC12AFAC9A61800B41229CC6C56BA26AAC82F32DD374A7BD5A20649FCF03ED502EDA5BF74888FCCDFF0020FC95926B',
    ],
    [
      'sha224',
      P1,
      'a0a1a2a3a4a5a6a7',
      2048,
      1,
      33,
      '9FDBE8932C913756626C1F64BB0C447C7F7E973E1F570454EEF43067BB9C02E790',
    ],
    [
      'sha384',
      P1,
      'a0a1a2a3a4a5a6a7',
      2048,
      2,
      100,
      '26CD7E7265107A71FA64386A9EC06BE1A8BDD1ABFC64B5BB436C37209116511EF7A9CD5D59C87343BD6104C45B17DF153EC3B66FA70F4A2D3325FDB5621E86B5D2F6EC34F8CC75E0A9E79557804123B341A45A4234521EF2C399B3EDE2C4E8C1F61F3758',
    ],
    [
      'sha512',
      P1,
      'a0a1a2a3a4a5a6a7',
      2048,
      1,
      130,
      '4FFD7CF3AEA5AD294F49D26351B787850B74829F5A11A9A611372BAEF5B77A3A9B5D3660DF985B2C143CA8C95ABE6C119283EC81877E5E76280C4519ABFCB968BE0C09CAAD30878A416D48788C5FDAC123FF453578E6B698D730ED1D3A9F17BE1080622FA54C9256FAABBE7284FDD6EE0771BB8D13EE3921D7C266D0FF7ABC30BE77',
    ],
    [
      'md5',
      P1,
      'a0a1a2a3a4a5a6a7',
      2048,
      1,
      40,
      '2B8BD9924159383B052436FEEB1EDC12699C1A847379AABA24209FF1A8465EC81769A45FF9AA4CF6',
    ],
    // S65 is bytes(65, 0), the 65-byte salt of the matrix below: 0b30557a9f...b7dc01264b.
    [
      'sha1',
      'd83dde000000',
      S65,
      2048,
      1,
      65,
      'FD53985F81BF8B2AB7DE77BA672B525CCA86BAAAD6EDD66A985813EC34A4A122E15A77679317E769D29E1D287CB0F718193D75E6FE028E5798CB69A3A17B53E76A',
    ],
    [
      'sha1',
      '0000',
      '0102030405060708',
      2000,
      1,
      24,
      '6869FA0A35ADD74B2222078E40CE11CD57F407071DAC8B24',
    ],
    // -kdfopt hexpass: (nothing): the absent password.
    [
      'sha1',
      '',
      '0102030405060708',
      2000,
      1,
      24,
      '3373A7C7BF8712EDBE7BF7CCEC2FCD429BF3ECB3B61B8ABE',
    ],
  ];

  for (const mode of ['auto', 'js', 'native', 'wasm'] as const) {
    it(`matches BouncyCastle's vectors (engine ${mode})`, () => {
      setPkcs12KdfEngine(mode);
      for (const [id, pw, salt, iterations, expected] of BC) {
        const out = pkcs12Kdf(
          'sha1',
          bmpPassword(pw),
          Buffer.from(salt, 'hex'),
          id,
          iterations,
          expected.length / 2,
        );
        expect(hex(out), `${pw} ${salt} id ${id}`).toBe(expected);
      }
    });

    it(`matches openssl kdf PKCS12KDF (engine ${mode})`, () => {
      setPkcs12KdfEngine(mode);
      for (const [hash, pw, salt, iterations, id, length, expected] of OPENSSL) {
        const out = pkcs12Kdf(
          hash,
          Buffer.from(pw, 'hex'),
          Buffer.from(salt, 'hex'),
          id,
          iterations,
          length,
        );
        expect(hex(out), `${hash} ${pw} ${salt} id ${id}`).toBe(expected);
      }
    });
  }
});

describe('pkcs12Kdf against the reference implementation', () => {
  // The reference output for 65 bytes holds every shorter length as its prefix
  // (RFC 7292 B.2 step 7 truncates A_1 || ... || A_c), so one reference call per
  // case checks all lengths.
  const engines: readonly Pkcs12KdfEngine[] = ['js', 'native', 'wasm'];

  for (const hash of HASHES) {
    it(`${hash}: every password, salt, id and length, iterations 1, 2 and 3`, () => {
      for (const [pwName, pw] of PASSWORDS) {
        for (const salt of SALTS) {
          for (const id of IDS) {
            for (const iterations of [1, 2, 3]) {
              const want = hex(referenceKdf(hash, pw, salt, id, iterations, MAX_LENGTH));
              for (const mode of engines) {
                setPkcs12KdfEngine(mode);
                for (const length of LENGTHS) {
                  const got = pkcs12Kdf(hash, pw, salt, id, iterations, length);
                  expect(
                    hex(got),
                    `${mode} ${pwName} salt ${salt.length} id ${id} r ${iterations} n ${length}`,
                  ).toBe(want.slice(0, 2 * length));
                }
              }
            }
          }
        }
      }
    });

    it(`${hash}: iterations 1000 and 2048`, () => {
      let k = 0;
      for (const iterations of [1000, 2048]) {
        for (const id of IDS) {
          // Rotate through the passwords and salts to keep the run short.
          const [pwName, pw] = PASSWORDS[k % PASSWORDS.length] as readonly [string, Uint8Array];
          const salt = SALTS[k % SALTS.length] as Uint8Array;
          k++;
          const want = hex(referenceKdf(hash, pw, salt, id, iterations, MAX_LENGTH));
          for (const mode of ['js', 'native', 'auto'] as const) {
            setPkcs12KdfEngine(mode);
            for (const length of [1, 20, 24, 33, 65]) {
              const got = pkcs12Kdf(hash, pw, salt, id, iterations, length);
              expect(
                hex(got),
                `${mode} ${pwName} salt ${salt.length} id ${id} r ${iterations} n ${length}`,
              ).toBe(want.slice(0, 2 * length));
            }
          }
        }
      }
    });
  }

  it('reaches the same answer on the auto engine after the kernels are warm', () => {
    // Long enough for TurboFan to compile the kernels in most runs, so that the
    // switch from crypto.hash to the kernels happens inside these calls.
    const salt = bytes(8, 3);
    const pw = bmpPassword('warm-up');
    for (const hash of ['sha1', 'sha256', 'sha224'] as const) {
      const want = hex(referenceKdf(hash, pw, salt, 1, 20000, 24));
      for (let round = 0; round < 3; round++) {
        expect(hex(pkcs12Kdf(hash, pw, salt, 1, 20000, 24)), `${hash} round ${round}`).toBe(want);
      }
    }
  });
});

describe('pkcs12KdfMany', () => {
  const lists: ReadonlyArray<ReadonlyArray<{ id: 1 | 2 | 3; length: number }>> = [
    [],
    [{ id: 1, length: 24 }],
    [
      { id: 1, length: 24 },
      { id: 2, length: 8 },
    ],
    [
      { id: 1, length: 24 },
      { id: 2, length: 8 },
      { id: 3, length: 20 },
    ],
    [
      { id: 1, length: 0 },
      { id: 2, length: 65 },
      { id: 1, length: 65 },
      { id: 3, length: 1 },
      { id: 1, length: 33 },
    ],
  ];

  for (const mode of ['js', 'native', 'auto'] as const) {
    it(`equals one pkcs12Kdf call per request (engine ${mode})`, () => {
      setPkcs12KdfEngine(mode);
      const pw = bmpPassword('pässwörd€');
      const salt = bytes(20, 7);
      for (const hash of HASHES) {
        for (const requests of lists) {
          const many = pkcs12KdfMany(hash, pw, salt, requests, 2048);
          expect(many).toHaveLength(requests.length);
          requests.forEach((r, k) => {
            const single = pkcs12Kdf(hash, pw, salt, r.id, 2048, r.length);
            expect(hex(many[k] as Buffer), `${hash} request ${k}`).toBe(hex(single));
          });
        }
      }
    });
  }

  it('matches the BouncyCastle key and IV vector', () => {
    const [key, iv] = pkcs12KdfMany(
      'sha1',
      bmpPassword('queeg'),
      Buffer.from('05DEC959ACFF72F7', 'hex'),
      [
        { id: 1, length: 24 },
        { id: 2, length: 8 },
      ],
      1000,
    );
    expect(hex(key as Buffer)).toBe('ED2034E36328830FF09DF1E1A07DD357185DAC0D4F9EB3D4');
    expect(hex(iv as Buffer)).toBe('11DEDAD7758D4860');
  });
});

describe('pkcs12Kdf inputs', () => {
  it('returns an empty byte array for length 0', () => {
    const out = pkcs12Kdf('sha1', bmpPassword('x'), bytes(8, 1), 1, 2048, 0);
    expect(out).toBeInstanceOf(Uint8Array);
    expect(out.length).toBe(0);
  });

  it('does not modify the password or the salt', () => {
    const pw = bmpPassword('Correct Horse Battery Staple '.repeat(4));
    const salt = bytes(65, 2);
    const pwCopy = Uint8Array.from(pw);
    const saltCopy = Uint8Array.from(salt);
    for (const hash of HASHES)
      pkcs12KdfMany(
        hash,
        pw,
        salt,
        [
          { id: 1, length: 65 },
          { id: 2, length: 8 },
        ],
        3,
      );
    expect(pw).toEqual(pwCopy);
    expect(salt).toEqual(saltCopy);
  });

  it('accepts plain Uint8Arrays', () => {
    const pw = Uint8Array.from(bmpPassword('smeg'));
    const salt = Uint8Array.from(Buffer.from('0A58CF64530D823F', 'hex'));
    expect(hex(pkcs12Kdf('sha1', pw, salt, 1, 1, 24))).toBe(
      '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3',
    );
  });

  it('rejects iterations that are not integers >= 1', () => {
    for (const iterations of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => pkcs12Kdf('sha1', bmpPassword('x'), bytes(8, 1), 1, iterations, 24)).toThrow(
        RangeError,
      );
    }
  });

  it('rejects lengths that are not integers >= 0', () => {
    for (const length of [-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => pkcs12Kdf('sha1', bmpPassword('x'), bytes(8, 1), 1, 1, length)).toThrow(
        RangeError,
      );
    }
  });

  it('rejects unknown hashes and ids', () => {
    expect(() =>
      pkcs12Kdf('sha3-256' as Pkcs12KdfHash, bmpPassword('x'), bytes(8, 1), 1, 1, 24),
    ).toThrow(RangeError);
    expect(() =>
      pkcs12Kdf('toString' as Pkcs12KdfHash, bmpPassword('x'), bytes(8, 1), 1, 1, 24),
    ).toThrow(RangeError);
    expect(() => pkcs12Kdf('sha1', bmpPassword('x'), bytes(8, 1), 4 as 1, 1, 24)).toThrow(
      RangeError,
    );
  });
});
