// The browser side of the runtime port, run under Node (Node 20 has globalThis.crypto.subtle):
// its primitives against the Node port's (node:crypto), the browser bundle against the Node build
// on the same fixtures, and the bundle itself (nothing in it may need Node).
import * as nodeCrypto from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecdsaRaw, port as web } from '../src/port/browser.js';
import { jsDigest } from '../src/port/hashes.js';
import { port as node } from '../src/port/node.js';
import { DecryptFailed, type PortCipher, type VerifyParams } from '../src/port/types.js';
import {
  base64Decode,
  base64Encode,
  fromHex,
  latin1Decode,
  plainBytes,
  toHex,
  utf16Decode,
  utf8Decode,
} from '../src/util/bytes.js';
import { FIXTURES, fixture, rejectionCode } from './fixtures.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const random = (n: number): Uint8Array => new Uint8Array(nodeCrypto.randomBytes(n));

describe('the byte helpers that replaced Buffer give what Buffer gave', () => {
  it('hex, base64, Latin-1, UTF-8 and UTF-16 (lone surrogates kept) on random bytes', () => {
    for (let len = 0; len < 600; len += len < 70 ? 1 : 53) {
      const b = Buffer.from(random(len));
      expect(toHex(b)).toBe(b.toString('hex'));
      expect(hex(fromHex(b.toString('hex')))).toBe(b.toString('hex'));
      const b64 = b.toString('base64');
      expect(base64Encode(b)).toBe(b64);
      for (const text of [b64, b64.replace(/=+$/, ''), b64.slice(0, -1)])
        if (text.length % 4 !== 1)
          expect(hex(base64Decode(text))).toBe(Buffer.from(text, 'base64').toString('hex'));
      expect(latin1Decode(b)).toBe(b.toString('latin1'));
      expect(utf8Decode(b)).toBe(b.toString('utf8'));
      expect(utf16Decode(b)).toBe(b.toString('utf16le'));
      if (len % 2 === 0)
        expect(utf16Decode(b, true)).toBe(Buffer.from(b).swap16().toString('utf16le'));
    }
    expect(hex(fromHex('0aZZ'))).toBe(Buffer.from('0aZZ', 'hex').toString('hex'));
    expect(() => base64Decode('ab$d')).toThrow(RangeError);
    expect(utf8Decode(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA'); // the BOM stays
  });

  it('plainBytes: a Buffer (or a subarray of one) as a plain Uint8Array over the same memory; a Uint8Array as itself', () => {
    const buffer = Buffer.from('00112233445566', 'hex').subarray(2, 6);
    const plain = plainBytes(buffer);
    expect(Object.getPrototypeOf(plain)).toBe(Uint8Array.prototype);
    expect([plain.buffer, plain.byteOffset, plain.length]).toEqual([
      buffer.buffer,
      buffer.byteOffset,
      4,
    ]);
    plain[0] = 0xff;
    expect(buffer.toString('hex')).toBe('ff334455');
    const u8 = Uint8Array.of(1, 2);
    expect(plainBytes(u8)).toBe(u8);
  });
});

describe('browser port primitives equal node:crypto', () => {
  it('synchronous digests (JavaScript) for every length up to three blocks', () => {
    for (const name of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'])
      for (let len = 0; len <= 300; len += len < 140 ? 1 : 37) {
        const data = random(len);
        expect([name, len, hex(jsDigest(name, data))]).toEqual([
          name,
          len,
          nodeCrypto.createHash(name).update(data).digest('hex'),
        ]);
      }
    expect(() => jsDigest('sha3-256', new Uint8Array(1))).toThrow(/not supported/);
  });

  it('HMAC and PBKDF2 (WebCrypto for SHA-1/2, JavaScript for MD5 and SHA-224)', async () => {
    for (const name of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']) {
      const key = random(name === 'md5' ? 100 : 20); // longer than a block: hashed first
      const data = random(777);
      expect(hex(await web.hmac(name, key, data))).toBe(hex(await node.hmac(name, key, data)));
      const [pw, salt] = [random(9), random(16)];
      expect(hex(await web.pbkdf2(pw, salt, 300, 40, name))).toBe(
        hex(await node.pbkdf2(pw, salt, 300, 40, name)),
      );
    }
  });

  it('CBC decryption: the same plaintext, and the same DecryptFailed for wrong keys', async () => {
    const ciphers: Array<[PortCipher, number, number]> = [
      ['aes-128-cbc', 16, 16],
      ['aes-192-cbc', 24, 16],
      ['aes-256-cbc', 32, 16],
      ['des-ede3-cbc', 24, 8],
      ['des-ede-cbc', 16, 8],
    ];
    const outcome = async (
      p: typeof web,
      c: PortCipher,
      k: Uint8Array,
      iv: Uint8Array,
      d: Uint8Array,
    ) => {
      try {
        return hex(await p.decryptCbc(c, k, iv, d));
      } catch (error) {
        return error instanceof DecryptFailed ? 'DecryptFailed' : `other: ${String(error)}`;
      }
    };
    let failed = 0;
    for (const [cipher, keyLength, ivLength] of ciphers) {
      const [key, iv] = [random(keyLength), random(ivLength)];
      for (const len of [0, 1, 15, 16, 33]) {
        const e = nodeCrypto.createCipheriv(cipher, key, iv);
        const data = Buffer.concat([e.update(random(len)), e.final()]);
        expect(await outcome(web, cipher, key, iv, data)).toBe(
          await outcome(node, cipher, key, iv, data),
        );
        for (let i = 0; i < 20; i++) {
          const wrong = random(keyLength);
          const w = await outcome(web, cipher, wrong, iv, data);
          expect(w).toBe(await outcome(node, cipher, wrong, iv, data));
          if (w === 'DecryptFailed') failed++;
        }
      }
      for (const bad of [new Uint8Array(0), random(ivLength + 1)])
        // empty or not whole blocks
        expect(await outcome(web, cipher, key, iv, bad)).toBe('DecryptFailed');
    }
    expect(failed).toBeGreaterThan(400); // most wrong keys are caught by the padding check
  });

  it('signature verification: RSA PKCS#1 v1.5 (also MD5, SHA-224) and PSS, ECDSA, EdDSA', async () => {
    const rsa = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    const keys: Array<[string, nodeCrypto.KeyPairKeyObjectResult, VerifyParams[]]> = [
      [
        'rsa',
        rsa,
        ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'].map((hash) => ({
          hash,
          padding: 'pkcs1' as const,
        })),
      ],
      [
        'rsa-pss',
        rsa,
        [
          { hash: 'sha256', padding: 'pss', saltLength: 32 },
          { hash: 'sha384', padding: 'pss', saltLength: 20 },
        ],
      ],
      ...(['P-256', 'P-384', 'P-521'] as const).map(
        (namedCurve): [string, nodeCrypto.KeyPairKeyObjectResult, VerifyParams[]] => [
          namedCurve,
          nodeCrypto.generateKeyPairSync('ec', { namedCurve }),
          [{ hash: 'sha256' }, { hash: 'sha1' }, { hash: 'sha512' }],
        ],
      ),
      ['ed25519', nodeCrypto.generateKeyPairSync('ed25519'), [{ hash: null }]],
    ];
    for (const [label, pair, schemes] of keys) {
      const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
      const nodeKey = node.importPublicKey(spki)!;
      const webKey = web.importPublicKey(spki)!;
      expect(webKey.asymmetricKeyType).toBe(nodeKey.asymmetricKeyType);
      for (const params of schemes) {
        const data = random(300);
        const signOptions =
          params.padding === 'pss'
            ? {
                key: pair.privateKey,
                padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING,
                saltLength: params.saltLength!,
              }
            : pair.privateKey;
        const signature = new Uint8Array(nodeCrypto.sign(params.hash, data, signOptions));
        const tampered = Uint8Array.from(signature);
        tampered[tampered.length >> 1]! ^= 1;
        for (const [sig, expected] of [
          [signature, true],
          [tampered, false],
        ] as const) {
          expect([label, params, node.verify(nodeKey, params, data, sig)]).toEqual([
            label,
            params,
            expected,
          ]);
          expect([label, params, await web.verifyAsync(webKey, params, data, sig)]).toEqual([
            label,
            params,
            expected,
          ]);
        }
        expect(web.verify(webKey, params, data, signature)).toBeUndefined(); // only asynchronously
      }
    }
  });

  it('what a browser cannot verify is { unsupported }, never true', async () => {
    const dsa = nodeCrypto.generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
    const data = random(50);
    const signature = new Uint8Array(nodeCrypto.sign('sha256', data, dsa.privateKey));
    const spki = dsa.publicKey.export({ type: 'spki', format: 'der' });
    expect(node.verify(node.importPublicKey(spki)!, { hash: 'sha256' }, data, signature)).toBe(
      true,
    );
    expect(
      await web.verifyAsync(web.importPublicKey(spki)!, { hash: 'sha256' }, data, signature),
    ).toEqual({
      unsupported: expect.stringMatching(/DSA signature cannot be verified in this runtime/),
    });
    const k1 = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    const k1Spki = k1.publicKey.export({ type: 'spki', format: 'der' });
    const k1Sig = new Uint8Array(nodeCrypto.sign('sha256', data, k1.privateKey));
    expect(
      await web.verifyAsync(web.importPublicKey(k1Spki)!, { hash: 'sha256' }, data, k1Sig),
    ).toEqual({
      unsupported: expect.stringMatching(/secp256k1 cannot be verified in this runtime/),
    });
    expect(web.importPublicKey(random(40))).toBeNull(); // not an SPKI: "cannot be loaded", as in Node
  });

  it('ECDSA signatures must be strict DER, as OpenSSL wants', () => {
    const der = (...bytes: number[]): Uint8Array => Uint8Array.from(bytes);
    expect(ecdsaRaw(der(0x30, 6, 2, 1, 5, 2, 1, 7), 2)).toEqual(der(0, 5, 0, 7));
    expect(ecdsaRaw(der(0x30, 8, 2, 2, 0, 0x85, 2, 2, 0, 0x87), 2)).toEqual(der(0, 0x85, 0, 0x87));
    for (const bad of [
      der(0x30, 7, 2, 2, 0, 5, 2, 1, 7), // leading zero not needed
      der(0x30, 6, 2, 1, 0x85, 2, 1, 7), // negative
      der(0x30, 6, 2, 1, 0, 2, 1, 7), // zero
      der(0x30, 7, 2, 1, 5, 2, 1, 7, 0), // trailing byte inside
      der(0x30, 6, 2, 1, 5, 2, 1, 7, 0), // trailing byte outside
      der(0x30, 0x81, 6, 2, 1, 5, 2, 1, 7), // long form for a short length
      der(0x30, 9, 2, 4, 1, 2, 3, 4, 2, 1, 7), // r longer than the field
    ])
      expect(ecdsaRaw(bad, 2)).toBeNull();
  });

  it("a private key's public half: EdDSA/X keys, and an EC key stored without its point", async () => {
    for (const type of ['ed25519', 'x25519', 'ed448', 'x448'] as const) {
      const der = nodeCrypto
        .generateKeyPairSync(type as 'ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'der' });
      const [a, b] = [await node.publicHalf(der, 'pkcs8'), await web.publicHalf(der, 'pkcs8')];
      expect([type, hex(b.spki), b.type]).toEqual([type, hex(a.spki), a.type]);
    }
    for (const [namedCurve, oidHex] of [
      ['P-256', '06082a8648ce3d030107'],
      ['P-384', '06052b81040022'],
    ] as const) {
      const jwk = nodeCrypto
        .generateKeyPairSync('ec', { namedCurve })
        .privateKey.export({ format: 'jwk' });
      const d = Buffer.from(jwk.d!, 'base64url');
      // ECPrivateKey { version 1, privateKey, [0] curve } without [1] publicKey (RFC 5915).
      const body = Buffer.concat([
        Buffer.from([2, 1, 1, 4, d.length]),
        d,
        Buffer.from([0xa0, oidHex.length / 2]),
        Buffer.from(oidHex, 'hex'),
      ]);
      const sec1 = Buffer.concat([Buffer.from([0x30, body.length]), body]);
      const a = await node.publicHalf(sec1, 'sec1');
      expect([namedCurve, hex((await web.publicHalf(sec1, 'sec1')).spki)]).toEqual([
        namedCurve,
        hex(a.spki),
      ]);
    }
    const brainpool = nodeCrypto
      .generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' })
      .privateKey.export({ type: 'pkcs8', format: 'der' });
    expect((await node.publicHalf(brainpool, 'pkcs8')).type).toBe('ec');
    expect(await rejectionCode(web.publicHalf(brainpool, 'pkcs8'))).toBe('UNSUPPORTED_ALGORITHM');
    const dsa = nodeCrypto.generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
    expect(
      await rejectionCode(
        web.publicHalf(dsa.privateKey.export({ type: 'pkcs8', format: 'der' }), 'pkcs8'),
      ),
    ).toBe('UNSUPPORTED_ALGORITHM');
  });
});

type Library = typeof import('../src/index.js');
let nodeLib: Library;
let webLib: Library;
beforeAll(async () => {
  // node-forge's util module looks for the page's global object as `self` (Node has no `self`).
  (globalThis as { self?: unknown }).self ??= globalThis;
  nodeLib = (await import(path.join(DIST, 'index.js'))) as Library;
  webLib = (await import(path.join(DIST, 'browser/index.js'))) as Library;
});

/**
 * JSON of a result with every byte array as hex. Byte fields are Buffers in Node when node:crypto
 * made them (decrypted PFX contents) and plain Uint8Arrays in a browser: same bytes, other class.
 */
const plain = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
      const original = this[key];
      return original instanceof Uint8Array ? `bytes:${hex(original)}` : v;
    }),
  );
async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: plain(await run()) };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

describe('the browser bundle gives the Node build’s results', () => {
  const root = fixture('sup/root.pem');
  const cases: Array<[string, string, string | undefined]> = [
    ['Windows TripleDES-SHA1 PFX', 'securityfever-windows-pfx/cert-chain-des.pfx', 'Passw0rd'],
    ['Windows AES256-SHA256 PFX', 'securityfever-windows-pfx/cert-chain-aes.pfx', 'Passw0rd'],
    ['EC certificate PEM', 'sup/ec-p256.pem', undefined],
    ['chain PFX with its root', 'sup/good-both.pfx', 'Passw0rd!'],
  ];
  it.each(cases)(
    '%s: readCertificates and validateSupCertificate deep-equal',
    async (_, file, password) => {
      const bytes = fixture(file);
      const read = await outcome(() => nodeLib.readCertificates(bytes, { password }));
      expect(read).toHaveProperty('ok');
      expect(await outcome(() => webLib.readCertificates(bytes, { password }))).toEqual(read);
      const options = {
        password,
        names: 'sup01.corp.contoso.com&sup01.contoso.com',
        at: new Date('2027-01-01T00:00:00Z'),
        trustAnchors: [root],
      };
      const report = await outcome(() => nodeLib.validateSupCertificate(bytes, options));
      expect(await outcome(() => webLib.validateSupCertificate(bytes, options))).toEqual(report);
    },
  );

  it('the chain is really verified: a valid chain, and a root that signed nothing is refused', async () => {
    const bytes = fixture('sup/good-both.pfx');
    const { certificates } = await webLib.readCertificates(bytes, { password: 'Passw0rd!' });
    const at = new Date(certificates[0]!.notBefore.getTime() + 86_400_000);
    const good = await webLib.verifyChain(certificates[0]!, {
      trustAnchors: [root],
      intermediates: certificates,
      at,
    });
    expect(good.valid).toBe(true);
    const other = fixture('sup/sms-root.pem');
    const bad = await webLib.verifyChain(certificates[0]!, {
      trustAnchors: [other],
      intermediates: [],
      at,
    });
    expect(bad).toEqual(
      await nodeLib.verifyChain(certificates[0]!, { trustAnchors: [other], intermediates: [], at }),
    );
    expect(bad.valid).toBe(false);
  });

  it('a root whose self-signature is bad is reported as in Node (no provisional answer kept)', async () => {
    const der = Buffer.from(
      fixture('sup/root.pem')
        .toString('latin1')
        .replace(/-----[^-]+-----|\s/g, ''),
      'base64',
    );
    der[der.length - 1]! ^= 1; // the last byte of the signature
    const options = {
      password: 'Passw0rd!',
      names: 'sup01.corp.contoso.com&sup01.contoso.com',
      at: new Date('2027-01-01T00:00:00Z'),
      trustAnchors: [new Uint8Array(der)],
    };
    const bytes = fixture('sup/good-both.pfx');
    const report = await nodeLib.validateSupCertificate(bytes, options);
    expect(JSON.stringify(report)).toMatch(/self-signature that does not verify/);
    expect(plain(await webLib.validateSupCertificate(bytes, options))).toEqual(plain(report));
  });

  it('a wrong password is the same typed error', async () => {
    for (const file of [
      'securityfever-windows-pfx/cert-chain-des.pfx',
      'securityfever-windows-pfx/cert-chain-aes.pfx',
    ]) {
      const bytes = fixture(file);
      expect(await rejectionCode(webLib.readCertificates(bytes, { password: 'wrong' }))).toBe(
        'WRONG_PASSWORD',
      );
      expect(await rejectionCode(nodeLib.readCertificates(bytes, { password: 'wrong' }))).toBe(
        'WRONG_PASSWORD',
      );
    }
  });

  it('every PFX, PEM and request fixture of eight directories: the same result or the same error code', async () => {
    const dirs = [
      'generated',
      'generated-extra',
      'sup',
      'securityfever-windows-pfx',
      'go-pkcs12',
      'pyca-pkcs12',
      'requests',
      'wine-crypt32',
    ];
    let compared = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(path.join(FIXTURES, dir))) {
        if (!/\.(pfx|p12|pem|der|cer|crt|p7b|key|csr|req|inf)$/.test(name)) continue;
        const bytes = readFileSync(path.join(FIXTURES, dir, name));
        for (const password of [undefined, 'Passw0rd!', 'Passw0rd', 'password']) {
          const read = await outcome(() => nodeLib.readCertificates(bytes, { password }));
          expect([
            dir,
            name,
            password,
            await outcome(() => webLib.readCertificates(bytes, { password })),
          ]).toEqual([dir, name, password, read]);
          compared++;
          const error = (read as { error?: string }).error;
          if (error === 'PASSWORD_REQUIRED' || error === 'WRONG_PASSWORD') continue;
          if (error === 'UNKNOWN_FORMAT' && /\.(csr|req|inf)$/.test(name)) {
            const request = await outcome(() =>
              nodeLib.validateSupRequest(bytes, { names: 'sup01.corp.contoso.com' }),
            );
            expect([
              dir,
              name,
              await outcome(() =>
                webLib.validateSupRequest(bytes, { names: 'sup01.corp.contoso.com' }),
              ),
            ]).toEqual([dir, name, request]);
          } else if (!error) {
            const options = {
              password,
              names: 'sup01.corp.contoso.com&sup01.contoso.com',
              at: new Date('2027-01-01T00:00:00Z'),
              trustAnchors: [root],
            };
            const report = await outcome(() => nodeLib.validateSupCertificate(bytes, options));
            expect([
              dir,
              name,
              await outcome(() => webLib.validateSupCertificate(bytes, options)),
            ]).toEqual([dir, name, report]);
          }
          compared++;
          break;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  }, 120_000);
});

describe('the browser bundle needs nothing from Node', () => {
  const bundle = (): string => readFileSync(path.join(DIST, 'browser/index.js'), 'utf8');

  it('imports nothing: every module is inlined (esbuild metafile), none is a Node built-in', () => {
    const meta = JSON.parse(readFileSync(path.join(DIST, 'browser/metafile-esm.json'), 'utf8')) as {
      inputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
      outputs: Record<string, { imports: Array<{ path: string }>; entryPoint?: string }>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((i) => i.endsWith('src/port/browser.ts'))).toBe(true);
    expect(
      inputs.filter((i) =>
        /src\/port\/node\.ts$|^node:|^(crypto|fs|net|tls|os|util|buffer|url|path)$/.test(i),
      ),
    ).toEqual([]);
    const external = Object.values(meta.inputs).flatMap((m) =>
      m.imports.filter((i) => i.external).map((i) => i.path),
    );
    expect(external).toEqual([]);
    expect(Object.values(meta.outputs).flatMap((o) => o.imports.map((i) => i.path))).toEqual([]);
  });

  it('refers to no global but those of web pages (no process, Buffer, require, global ...)', () => {
    // ESLint's scope analysis lists every name the bundle uses without declaring it, and its
    // syntax selectors find any import or require() left in it.
    const messages = new Linter({ configType: 'flat' }).verify(bundle(), [
      {
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: {} },
        rules: {
          'no-undef': ['error', { typeof: true }],
          'no-restricted-syntax': [
            'error',
            'ImportDeclaration',
            'ImportExpression',
            'ExportAllDeclaration',
            "CallExpression[callee.name='require']",
          ],
        },
      },
    ]);
    expect(messages.filter((m) => m.ruleId !== 'no-undef')).toEqual([]);
    const used = [...new Set(messages.map((m) => /'([^']+)'/.exec(m.message)![1]!))].sort();
    // The library's own (TextEncoder, URL, MessageChannel, performance ...) and node-forge's
    // browser branches (window, document, Worker ...): all web platform names.
    const WEB = [
      'Blob',
      'MessageChannel',
      'MutationObserver',
      'TextDecoder',
      'TextEncoder',
      'URL',
      'Worker',
      'document',
      'localStorage',
      'navigator',
      'performance',
      'self',
      'setTimeout',
      'window',
    ];
    expect(used.filter((n) => !WEB.includes(n))).toEqual([]);
    expect(used).toContain('TextEncoder'); // the analysis does see the bundle's free names
  }, 60_000);
});
