import { describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { fixture, rejectionCode } from './fixtures.js';

// Red team round 4: a damaged PFX and a wrong password must not get the same message.
const damaged = (file: string, offsetFromEnd: number): Uint8Array => {
  const bytes = new Uint8Array(fixture(file));
  bytes[bytes.length - offsetFromEnd]! ^= 0xff;
  return bytes;
};

describe('a PFX whose integrity MAC fails: damaged file or wrong password', () => {
  it.each([
    [
      'generated/corrupt-mac.pfx (OpenSSL 3, MAC digest flipped)',
      fixture('generated/corrupt-mac.pfx'),
    ],
    ['sup/good-both.pfx with its MAC digest flipped', damaged('sup/good-both.pfx', 30)],
    ['sup/good-both.pfx with a byte of its contents flipped', damaged('sup/good-both.pfx', 1200)],
  ])('%s: MALFORMED, "damaged", under the right password', async (_label, bytes) => {
    const got = readCertificates(bytes, { password: 'Passw0rd!' });
    await expect(got).rejects.toThrow(
      /the file is damaged: the password is right \(it decrypts the contents\) but the integrity MAC does not verify.*Export the PFX again/,
    );
    expect(await rejectionCode(readCertificates(bytes, { password: 'Passw0rd!' }))).toBe(
      'MALFORMED',
    );
  });

  it.each([
    ['generated/corrupt-mac.pfx', fixture('generated/corrupt-mac.pfx')],
    ['sup/good-both.pfx, MAC flipped', damaged('sup/good-both.pfx', 30)],
    ['sup/good-both.pfx, intact', new Uint8Array(fixture('sup/good-both.pfx'))],
  ])(
    '%s under a wrong password: WRONG_PASSWORD, saying to check the password',
    async (_l, bytes) => {
      await expect(readCertificates(bytes, { password: 'not-it' })).rejects.toThrow(
        /wrong password \(the integrity MAC does not verify\)\. Check the password/,
      );
    },
  );
});

describe('the CLI says why a certificate of a bundle is judged', () => {
  it('a file of CA certificates only: "every certificate in it is a CA: the first", not "the first that is not a CA"', async () => {
    const { assertBuilt, runCli } = await import('./cli-fixtures/run.js');
    assertBuilt();
    const r = await runCli(['check', 'certs-fixtures/sup/chain.pem', '--skip-names']);
    expect(r.stdout).toMatch(
      /Judged {7}certificate 1 of 2 in the file \(every certificate in it is a CA: the first\)/,
    );
  });
});
