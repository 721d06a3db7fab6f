import { failure } from './failure.js';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { WorkBudget, readCertificates } from '../src/index.js';
import { readPkcs12 } from '../src/read/pkcs12/readPkcs12.js';
import {
  EC_45,
  FILE_CASES,
  GOOD_EC,
  KEY_CASES,
  O,
  PASSWORD,
  cases,
  ecPkcs8,
  ecSec1,
  keyBag,
  manyCertsAndKeys,
  pbes2,
  pem,
  pfx,
  shroudedBag,
} from '../scripts/hostile/read.mjs';

/**
 * Hostile inputs for src/read: hostile keys and files end in a typed error with bounded work. Each case
 * comes from scripts/hostile/read.mjs (deterministic generators).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

const input = (id: string): string | Buffer => FILE_CASES[id]!.input();

describe('kind 1: no private key reaches a native abort (each case in a child process)', () => {
  // A child process per case: an abort (exit 134, native stack) fails that case instead of
  // killing vitest. The child reads through the built package, as an embedding server would.
  const script = `
    const lib = await import(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
    const { cases } = await import(${JSON.stringify(path.join(ROOT, 'scripts/hostile/read.mjs'))});
    const c = cases.find((x) => x.id === process.env.HOSTILE_ID);
    process.stdout.write(JSON.stringify({ outcome: await c.run(lib) }));`;
  it.each(KEY_CASES.map(([id, title, , , expected]) => [id, title, expected]))(
    '%s: %s -> %s',
    async (id, _title, expected) => {
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        env: { ...process.env, HOSTILE_ID: id },
        timeout: 30_000,
      });
      expect(JSON.parse(stdout)).toEqual({ outcome: expected });
    },
  );

  it('the 45-byte P-256 scalar is refused before node:crypto sees it, naming the defect', async () => {
    const error = await failure(readCertificates(pem('PRIVATE KEY', ecPkcs8(EC_45))));
    expect(error.code).toBe('MALFORMED');
    expect(error.message).toMatch(/P-256 private scalar \(45 bytes\)/);
  });

  it('well-formed keys of every kind still load and match', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    for (const [type, options] of [
      ['ec', { namedCurve: 'P-521' }],
      ['ec', { namedCurve: 'secp256k1' }],
      ['ed25519', {}],
      ['ed448', {}],
      ['x25519', {}],
      ['x448', {}],
      ['dsa', { modulusLength: 2048, divisorLength: 256 }],
    ] as const) {
      const { privateKey } = generateKeyPairSync(type as 'ec', options as { namedCurve: string });
      const bundle = await readCertificates(
        privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      );
      expect(bundle.keys[0]!.algorithm).toBe(type);
      // SEC1 without the public point: node:crypto computes it once the scalar is checked.
      if (type === 'ec') {
        const d = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
        const curve = options.namedCurve === 'P-521' ? O.p521! : O.secp256k1!;
        expect(
          (await readCertificates(pem('EC PRIVATE KEY', ecSec1(d, curve)))).keys[0]!.curve,
        ).toBe(options.namedCurve);
      }
    }
  });
});

describe('kind 2: lengths from the file are checked before anything is allocated', () => {
  it.each(
    Object.entries(FILE_CASES)
      .filter(([, c]) => c.kind === 2)
      .map(([id, c]) => [id, c.title, c.expect]),
  )('%s: %s -> %s, no KDF iteration spent', async (id, _title, expected) => {
    const budget = new WorkBudget();
    const error = await failure(
      readCertificates(input(id), { ...FILE_CASES[id]!.options, budget }),
    );
    expect(error.code).toBe(expected);
    expect(budget.spent('maxTotalIterations')).toBe(0);
  });

  it('PBMAC1 keys of 20 to 1024 octets are accepted (RFC 9579 range; Bouncy Castle JSSE writes 256), 19 is a possible forgery', async () => {
    for (const keyLength of [20, 32, 64, 256, 1024]) {
      const bundle = await readCertificates(
        pfx([[keyBag(GOOD_EC)]], PASSWORD, { pbmac1: { keyLength } }),
        { password: PASSWORD },
      );
      expect(bundle.keys).toHaveLength(1);
    }
    expect(
      (await failure(readCertificates(input('pbmac1-key-length-19'), { password: PASSWORD })))
        .message,
    ).toMatch(/19 octets.*forged/);
  });
});

describe('kind 3: KDF work is bounded per file, and the MAC is checked first', () => {
  it('64 shrouded bags at 2,000,000 iterations: LIMIT_EXCEEDED before any derivation', async () => {
    const budget = new WorkBudget();
    const error = await failure(
      readCertificates(input('pfx-64-bags-max-iterations'), { password: PASSWORD, budget }),
    );
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toMatch(/limits\.maxTotalIterations/);
    expect(budget.spent('maxTotalIterations')).toBe(0);
  });

  it('a wrong password costs only the MAC derivations (given, empty, absent), no bag key', async () => {
    const budget = new WorkBudget();
    const error = await failure(
      readCertificates(input('pfx-64-bags-wrong-password'), {
        password: 'not-the-password',
        budget,
      }),
    );
    expect(error.code).toBe('WRONG_PASSWORD');
    // KDF work units: the HMAC-SHA256 MAC's PKCS#12 KDF weighs 1.9 per iteration (src/read/pkcs12/kdfCost.ts)
    expect(budget.spent('maxTotalIterations')).toBe(3 * Math.ceil(2048 * 1.9));
  });

  it('every derivation of a good file is counted once: MAC + each bag', async () => {
    const budget = new WorkBudget();
    const bytes = pfx(
      [Array.from({ length: 8 }, () => shroudedBag(GOOD_EC, PASSWORD, 1000))],
      PASSWORD,
    );
    const bundle = await readPkcs12(bytes, PASSWORD, budget);
    expect(bundle.keys).toHaveLength(8);
    expect(budget.spent('maxTotalIterations')).toBe(Math.ceil(2048 * 1.9) + 8 * 1000);
    expect(budget.spent('maxKeys')).toBe(8);
    // Without a MAC the first bag's derivation finds the password and is not repeated.
    const noMac = new WorkBudget();
    const plain = await readPkcs12(
      pfx([Array.from({ length: 8 }, () => shroudedBag(GOOD_EC, PASSWORD, 1000))], PASSWORD, null),
      PASSWORD,
      noMac,
    );
    expect(plain.keys).toHaveLength(8);
    expect(noMac.spent('maxTotalIterations')).toBe(8 * 1000);
  });

  it('the budget is shared over the whole call: the third 40,000-iteration PEM key passes 100,000', async () => {
    const budget = new WorkBudget({ maxTotalIterations: 100_000 });
    const error = await failure(
      readCertificates(input('pem-keys-over-total-iterations'), { password: PASSWORD, budget }),
    );
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(budget.spent('maxTotalIterations')).toBe(80_000);
  });

  it('an encrypted PEM key obeys maxIterations (50,000,000 iterations: refused, nothing derived)', async () => {
    const budget = new WorkBudget();
    const error = await failure(
      readCertificates(input('pem-key-50m-iterations'), { password: PASSWORD, budget }),
    );
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toMatch(/limits\.maxIterations/);
    expect(budget.spent('maxTotalIterations')).toBe(0);
  });

  it('an encrypted PEM key is derived off the event loop (PBKDF2 on the libuv pool)', async () => {
    const text = pem('ENCRYPTED PRIVATE KEY', pbes2(GOOD_EC, PASSWORD, 300_000).epki);
    let ticks = 0;
    let spinning = true;
    const spin = (): void => {
      ticks++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const bundle = await readCertificates(text, { password: PASSWORD });
    spinning = false;
    expect(bundle.keys).toHaveLength(1);
    // A synchronous derivation (the old createPrivateKey with a passphrase) lets no tick through.
    expect(ticks).toBeGreaterThan(10);
  });

  it('PEM keys are counted with maxKeys and PEM blocks with maxPemBlocks', async () => {
    const keys = new WorkBudget();
    const tooMany = await failure(readCertificates(input('pem-1001-keys'), { budget: keys }));
    expect(tooMany.code).toBe('LIMIT_EXCEEDED');
    expect(tooMany.message).toMatch(/limits\.maxKeys/);
    expect(keys.spent('maxKeys')).toBe(1000);
    const blocks = new WorkBudget();
    const error = await failure(readCertificates(input('pem-20001-blocks'), { budget: blocks }));
    expect(error.message).toMatch(/limits\.maxPemBlocks/);
    expect(blocks.spent('maxPemBlocks')).toBe(20_000);
  });

  it('PKCS#12 key bags are counted with maxKeys over the whole file', async () => {
    const bytes = pfx([[keyBag(GOOD_EC), keyBag(GOOD_EC)], [keyBag(GOOD_EC)]], PASSWORD);
    const error = await failure(
      readCertificates(bytes, { password: PASSWORD, limits: { maxKeys: 2 } }),
    );
    expect(error.message).toMatch(/limits\.maxKeys/);
  });
});

describe('kind 6 (part): keys are matched to certificates through a map', () => {
  it('10,000 copies of a certificate and 1,000 keys: the right key finds the first copy, the others none', async () => {
    const budget = new WorkBudget();
    const bundle = await readCertificates(manyCertsAndKeys(10_000, 1_000), { budget });
    expect(bundle.certificates).toHaveLength(10_000);
    expect(bundle.keys.map((k) => k.certificateIndex)).toEqual([0, ...Array<null>(999).fill(null)]);
    expect(budget.spent('maxKeys')).toBe(1_000);
    expect(budget.spent('maxPemBlocks')).toBe(11_000);
  });
});

describe('kind 11: an unknown PBES2 cipher in an encrypted PEM key', () => {
  it('is UNSUPPORTED_ALGORITHM, found before the password is tried', async () => {
    const budget = new WorkBudget();
    const error = await failure(
      readCertificates(input('pem-key-unknown-pbes2-cipher'), { password: PASSWORD, budget }),
    );
    expect(error.code).toBe('UNSUPPORTED_ALGORITHM');
    expect(error.message).toMatch(/1\.2\.3\.4\.5/);
    expect(budget.spent('maxTotalIterations')).toBe(0);
  });

  it('a wrong password on a supported cipher is still WRONG_PASSWORD', async () => {
    const text = pem(
      'ENCRYPTED PRIVATE KEY',
      pbes2(GOOD_EC, PASSWORD, 2048, { cipherOid: O.aes256cbc }).epki,
    );
    expect((await failure(readCertificates(text, { password: 'wrong' }))).code).toBe(
      'WRONG_PASSWORD',
    );
  });
});

describe('every case of scripts/hostile/read.mjs', () => {
  it.each(
    cases.filter((c) => c.kind !== 1 && c.kind !== 6).map((c) => [c.id, c.expect, c] as const),
  )('%s -> %s', async (_id, expected, c) => {
    expect(await c.run(await import('../src/index.js'))).toBe(expected);
  });
});
