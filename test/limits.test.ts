import { describe, expect, it } from 'vitest';
import { WorkBudget, readCertificates, validateSupCertificate } from '../src/index.js';
import { readNode } from '../src/asn1/ber.js';
import { ctx, der, int, octet, oid, seq } from './der.js';
import { fixture, rejectionCode } from './fixtures.js';

/**
 * Hostile inputs: each must end in LIMIT_EXCEEDED or another typed rejection, quickly
 * and without eating memory. Time and heap are measured around each read.
 */
async function outcome(
  input: Uint8Array | string,
  options: Parameters<typeof readCertificates>[1] = {},
): Promise<{ code: string; ms: number; heapMb: number }> {
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const code = await rejectionCode(readCertificates(input, options));
  return {
    code,
    ms: performance.now() - t0,
    heapMb: (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20,
  };
}

/** A certificate as the reader needs it (the signature is never checked when reading). */
function certificateWith(extensions: Buffer[]): Buffer {
  const real = fixture('generated/leaf-rsa.der');
  // Take the real SubjectPublicKeyInfo so the key decodes.
  const root = readNode(real, 0, real.length, 0, { maxDepth: 64, what: 't' });
  const tbs = readNode(real, root.contentStart, root.contentEnd, 1, { maxDepth: 64, what: 't' });
  let pos = tbs.contentStart;
  const fields: Buffer[] = [];
  while (pos < tbs.contentEnd) {
    const n = readNode(real, pos, tbs.contentEnd, 2, { maxDepth: 64, what: 't' });
    fields.push(real.subarray(n.start, n.end));
    pos = n.end;
  }
  const spki = fields[6]!;
  const name = seq(der(0x31, seq(oid('550403'), der(0x0c, Buffer.from('hostile')))));
  const sigAlg = seq(oid('2a864886f70d01010b'), Buffer.from([5, 0]));
  const validity = seq(
    der(0x17, Buffer.from('250101000000Z')),
    der(0x17, Buffer.from('350101000000Z')),
  );
  const body = seq(
    ctx(0, int(2)),
    int(1),
    sigAlg,
    name,
    validity,
    name,
    spki,
    ctx(3, seq(...extensions)),
  );
  return seq(body, sigAlg, der(0x03, Buffer.from([0, 1, 2, 3])));
}

describe('resource limits hold under hostile files', () => {
  it('a 2 GB length field in a 100-byte file is refused at once', async () => {
    const input = Buffer.alloc(100, 1);
    input.set([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]);
    const r = await outcome(input);
    expect(r.code).toBe('MALFORMED');
    expect(r.ms).toBeLessThan(200);
  });

  it('10,000 levels of nested constructed BER stop at the depth limit', async () => {
    const input = Buffer.concat([
      Buffer.alloc(20_000).map((_, i) => (i % 2 ? 0x80 : 0x30)),
      Buffer.alloc(20_000),
    ]);
    const r = await outcome(input);
    expect(r.code).toBe('LIMIT_EXCEEDED');
    expect(r.ms).toBeLessThan(500);
  });

  it('a PFX claiming 2^31-1 iterations hits the iteration limit before any work', async () => {
    const authSafe = seq(seq(oid('2a864886f70d010701'), ctx(0, octet(seq()))));
    const pfx = seq(
      int(3),
      seq(oid('2a864886f70d010701'), ctx(0, octet(authSafe))),
      seq(
        seq(seq(oid('2b0e03021a'), Buffer.from([5, 0])), octet(Buffer.alloc(20))),
        octet(Buffer.alloc(8, 7)),
        int(0x7f, 0xff, 0xff, 0xff),
      ),
    );
    const r = await outcome(pfx, { password: 'x' });
    expect(r.code).toBe('LIMIT_EXCEEDED');
    expect(r.ms).toBeLessThan(200);
    await expect(readCertificates(pfx, { password: 'x' })).rejects.toThrow(/limits\.maxIterations/);
  });

  it('a PKCS#7 with 100,000 certificates stops at the certificate limit', async () => {
    const certs = der(0xa0, Buffer.concat(Array.from({ length: 100_000 }, () => seq())));
    const signedData = seq(int(1), der(0x31), seq(oid('2a864886f70d010701')), certs, der(0x31));
    const p7 = seq(oid('2a864886f70d010702'), ctx(0, signedData));
    const r = await outcome(p7);
    expect(r.code).toBe('LIMIT_EXCEEDED');
    expect(r.ms).toBeLessThan(2000);
    expect(r.heapMb).toBeLessThan(200);
  });

  it('10 MB of PEM-looking junk is refused quickly, and a 40 MB input by size', async () => {
    const junk = `-----BEGIN CERTIFICATE-----\n${'QUJD'.repeat(2_500_000)}\n-----END CERTIFICATE-----\n`;
    const r = await outcome(junk);
    expect(r.code).toBe('MALFORMED');
    expect(r.ms).toBeLessThan(3000);
    expect((await outcome(Buffer.alloc(40 * 2 ** 20, 0x41))).code).toBe('LIMIT_EXCEEDED');
  });

  it('a certificate with 100,000 SANs stops at the SAN limit; raising the limit reads it', async () => {
    const names = Array.from({ length: 100_000 }, (_, i) =>
      der(0x82, Buffer.from(`h${i}.example.com`)),
    );
    const cert = certificateWith([seq(oid('551d11'), octet(seq(Buffer.concat(names))))]);
    const r = await outcome(cert);
    expect(r.code).toBe('LIMIT_EXCEEDED');
    expect(r.ms).toBeLessThan(2000);
    const raised = await readCertificates(cert, { limits: { maxAltNames: 100_000 } });
    expect(raised.certificates[0]!.dnsNames).toHaveLength(100_000);
  });

  it('a limit summed over the call says so, not that one file needs more (the trust anchor is counted too)', async () => {
    // One PEM block in the certificate file, one in the root: each file alone is within maxPemBlocks: 1.
    const leaf = fixture('sup/good-both.pem').toString('latin1');
    const root = fixture('sup/root.pem').toString('latin1');
    await expect(readCertificates(leaf, { limits: { maxPemBlocks: 1 } })).resolves.toBeDefined();
    const rejected = validateSupCertificate(leaf, {
      names: 'sup01.corp.contoso.com',
      trustAnchors: [root],
      limits: { maxPemBlocks: 1 },
    });
    await expect(rejected).rejects.toThrow(
      /maxPemBlocks, summed over the whole call.*raise limits\.maxPemBlocks\.$/,
    );
    await expect(rejected).rejects.not.toThrow(/this file needs|whole file/);
    // The same with a budget the caller shares between two reads.
    const budget = new WorkBudget({ maxKeys: 1 });
    await readCertificates(fixture('sup/good-both.key').toString('latin1'), { budget });
    await expect(
      readCertificates(fixture('sup/good-both.key').toString('latin1'), { budget }),
    ).rejects.toThrow(
      /this call needs more than the limit of 1 \(maxKeys, summed over the whole call/,
    );
  });

  it('every limit names the option that raises it', async () => {
    await expect(
      readCertificates(fixture('generated/leaf-rsa.der'), { limits: { maxInputBytes: 10 } }),
    ).rejects.toThrow(/limits\.maxInputBytes/);
    await expect(
      readCertificates(fixture('generated/iter200k.pfx'), {
        password: 'Passw0rd!',
        limits: { maxIterations: 1000 },
      }),
    ).rejects.toThrow(/limits\.maxIterations/);
    await expect(
      readCertificates(fixture('generated/chain.pfx'), {
        password: 'Passw0rd!',
        limits: { maxCertificates: 2 },
      }),
    ).rejects.toThrow(/limits\.maxCertificates/);
    await expect(
      readCertificates(fixture('generated/chain.pfx'), {
        password: 'Passw0rd!',
        limits: { maxBags: 2 },
      }),
    ).rejects.toThrow(/limits\.maxBags/);
  });
});
