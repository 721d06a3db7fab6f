import { describe, expect, it } from 'vitest';
import { readCertificates } from '../src/index.js';
import { fixture } from './fixtures.js';

/**
 * A server that embeds supcert must not freeze while a heavy PFX is read: PBKDF2 runs on the
 * libuv pool and the PKCS#12 KDF gives the event loop back every ~2 ms. A 1 ms timer measures the
 * longest gap while a 600,000-iteration TripleDES/SHA-1 file (all PKCS#12 KDF) is read.
 */
describe('event loop while a 600,000-iteration PFX is read', () => {
  it('never stalls the event loop for long', async () => {
    const bytes = fixture('generated-extra/iter600k-3des.pfx');
    // First compile the reader's code on a light file: one-time code loading is not what is measured.
    await readCertificates(fixture('generated/des3-sha1.pfx'), { password: 'Passw0rd!' });
    let last = performance.now();
    let longest = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      ticks++;
    }, 1);
    const started = performance.now();
    const bundle = await readCertificates(bytes, { password: 'Passw0rd!' });
    const took = performance.now() - started;
    clearInterval(timer);
    longest = Math.max(longest, performance.now() - last);
    console.log(`read in ${took.toFixed(0)} ms; longest event-loop gap ${longest.toFixed(1)} ms over ${ticks} ticks`);
    expect(bundle.keys).toHaveLength(1);
    // "A few milliseconds at a time": 2 ms slices plus scheduling noise on a shared 2-core machine
    // (measured here: about 10 ms in a fresh worker, when V8 compiles the KDF kernels).
    expect(longest).toBeLessThan(25);
    expect(ticks).toBeGreaterThan(took / 20);
  });
});
