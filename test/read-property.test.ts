import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { fixture } from './fixtures.js';

// Invariant for any input: readCertificates resolves, or rejects with a SupCertError. Never a
// TypeError/RangeError, never a hang. Seeds are real files of every format, mutated.
const seeds = [
  fixture('securityfever-windows-pfx/cert.cer'),
  fixture('securityfever-windows-pfx/cert.pem'),
  fixture('securityfever-windows-pfx/cert-chain.p7b'),
  fixture('securityfever-windows-pfx/cert-single-aes.pfx'),
  fixture('securityfever-windows-pfx/cert-single-des.pfx'),
  fixture('pyca-pkcs7/amazon-roots.p7b'),
  fixture('pyca-pkcs12/no-name-no-pwd.p12'),
];

async function outcome(input: Uint8Array | string, password?: string): Promise<string> {
  try {
    await readCertificates(input, { password, limits: { maxIterations: 10_000 } });
    return 'resolved';
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    if (e.name === 'SupCertError' && typeof e.code === 'string') {
      if (password && e.message?.includes(password)) return 'password leaked';
      return 'SupCertError';
    }
    return `untyped ${e.name}: ${e.message}`;
  }
}

const mutation = fc.record({
  seed: fc.integer({ min: 0, max: seeds.length - 1 }),
  edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), {
    minLength: 1,
    maxLength: 8,
  }),
  cut: fc.option(fc.nat(), { nil: undefined }),
});

describe('robustness (fast-check)', () => {
  it('random bytes only ever resolve or reject with SupCertError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        expect(['resolved', 'SupCertError']).toContain(await outcome(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('random text only ever resolves or rejects with SupCertError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (text) => {
        expect(['resolved', 'SupCertError']).toContain(
          await outcome(`-----BEGIN CERTIFICATE-----\n${text}\n-----END CERTIFICATE-----`),
        );
        expect(['resolved', 'SupCertError']).toContain(await outcome(text));
      }),
      { numRuns: 200 },
    );
  });

  it('mutated real files only ever resolve or reject with SupCertError, and never echo the password', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ({ seed, edits, cut }) => {
        const bytes = Buffer.from(seeds[seed]!);
        for (const { at, value } of edits) bytes[at % bytes.length] = value;
        const input = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
        expect(['resolved', 'SupCertError']).toContain(await outcome(input, 'Passw0rd'));
      }),
      { numRuns: 400 },
    );
  });
});
