import { describe, expect, it } from 'vitest';
import { flagsOf } from '../src/deploy/iisConfig.js';

/*
 * <access sslFlags> as names or as the number: IIS's configuration reference (AccessSection,
 * SslFlags) lists 0 None, 8 Ssl, 32 SslNegotiateCert, 64 SslRequireCert, 256 Ssl128; 128 is
 * SslMapCert in the IIS schema.
 */
describe('sslFlags', () => {
  it.each<[string | undefined, string[] | undefined]>([
    [undefined, undefined],
    ['None', []],
    ['0', []],
    ['Ssl', ['Ssl']],
    ['8', ['Ssl']],
    [' 8 ', ['Ssl']],
    ['Ssl, SslNegotiateCert', ['Ssl', 'SslNegotiateCert']],
    ['40', ['Ssl', 'SslNegotiateCert']],
    ['104', ['Ssl', 'SslNegotiateCert', 'SslRequireCert']],
    ['264', ['Ssl', 'Ssl128']],
    ['256', ['Ssl128']],
    // A bit IIS does not define is kept, as its number.
    ['9', ['Ssl', '1']],
    // Beyond 32 bits: not a flags number; kept as written.
    ['99999999999', ['99999999999']],
  ])('%j → %j', (value, names) => {
    expect(flagsOf(value)).toEqual(names);
  });
});
