import { createECDH, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import * as hostile from '../scripts/hostile/chain.mjs';
import type { Outcome } from '../src/cli/judge.js';
import { readCertificates, validateSupDeployment } from '../src/index.js';
import { POOL_INIT, fakeWorkerSource } from './cli-fixtures/pool.js';
import { assertBuilt, runCli } from './cli-fixtures/run.js';
import { ctx, der, int, octet, oid, seq } from './der.js';
import { fixture } from './fixtures.js';

/* Session 7 attack: problems found in the day's changes, each pinned by a test that failed first. */

const tmp = mkdtempSync(path.join(tmpdir(), 'supcert-attack7-'));
const fakeWorker = (name: string, source: string): string => {
  const file = path.join(tmp, name);
  writeFileSync(file, source);
  return file;
};
const input = (file: string) => ({ kind: 'file' as const, file, fromDirectory: false });
/** The outcomes of `runs`, or 'hung' when they are not all in within `ms`. */
const settle = async (runs: Array<Promise<Outcome>>, ms = 5000): Promise<Outcome[] | 'hung'> =>
  await Promise.race([Promise.all(runs), sleep(ms).then(() => 'hung' as const)]);

describe('the worker pool: messages it does not expect, and the last worker lost after it gave up starting more', () => {
  it('a message that is not READY nor a batch of outcomes retires the worker (its inputs are WORKER_FAILED or judged again), not the main thread', async () => {
    const { WorkerPool } = await import('../src/cli/pool.js');
    const file = fakeWorker(
      'odd-message.mjs',
      `import { parentPort, workerData } from 'node:worker_threads';
      const progress = new Int32Array(workerData.progress);
      parentPort.postMessage('ready');
      parentPort.postMessage('ready');
      parentPort.on('message', (batch) => {
        Atomics.add(progress, 0, 1);
        parentPort.postMessage({ outcomes: 'not an array' });
      });`,
    );
    const pool = await WorkerPool.create(file, 1, POOL_INIT);
    const errors: unknown[] = [];
    const onError = (e: unknown): void => void errors.push(e);
    process.on('uncaughtException', onError);
    try {
      await pool.ready();
      const out = await settle([pool.run(input('a'))]);
      expect(errors).toEqual([]);
      expect(out).not.toBe('hung');
      expect((out as Outcome[])[0]).toMatchObject({ kind: 'error', code: 'WORKER_FAILED' });
    } finally {
      process.off('uncaughtException', onError);
      await pool.close();
    }
  });

  it('more outcomes than the batch had are not given to the inputs of the next batch', async () => {
    const { WorkerPool } = await import('../src/cli/pool.js');
    const file = fakeWorker(
      'extra-outcome.mjs',
      `import { parentPort, workerData } from 'node:worker_threads';
      const progress = new Int32Array(workerData.progress);
      parentPort.postMessage('ready');
      // Answers the batches it has 100 ms after the last came, the first with one outcome too many.
      let batches = [];
      let timer;
      let first = true;
      parentPort.on('message', (batch) => {
        batches.push(batch);
        clearTimeout(timer);
        timer = setTimeout(() => {
          for (const b of batches.splice(0)) {
            const out = [];
            for (const input of b) {
              Atomics.add(progress, 0, 1);
              out.push({ kind: 'skipped', file: input.file, reason: 'fake' });
            }
            if (first) out.push({ kind: 'skipped', file: 'FORGED', reason: 'fake' });
            first = false;
            parentPort.postMessage(out);
          }
        }, 100);
      });`,
    );
    const pool = await WorkerPool.create(file, 1, POOL_INIT);
    try {
      await pool.ready();
      while (!pool.hasRoom) await sleep(10);
      // Two batches: 'a', then 'b' (a worker takes AHEAD batches).
      const names = ['a', 'b'];
      const first = pool.run(input('a'));
      await sleep(50);
      const out = await settle([first, pool.run(input('b'))]);
      expect(out).not.toBe('hung');
      for (const [k, o] of (out as Outcome[]).entries()) {
        expect(o.file).toBe(names[k]);
      }
    } finally {
      await pool.close();
    }
  });

  it('after the pool gave up starting workers, the inputs of the last worker that dies are answered, not left waiting', async () => {
    const { WorkerPool, MAX_START_FAILURES } = await import('../src/cli/pool.js');
    const first = path.join(tmp, 'first-worker');
    // The first worker to start is the good one (it takes the directory); every other dies
    // before it is ready. The good one dies on an input named "*-die".
    const file = fakeWorker(
      'one-good.mjs',
      fakeWorkerSource({
        prelude: `import { mkdirSync } from 'node:fs';
          try { mkdirSync(${JSON.stringify(first)}); } catch { process.exit(3); }`,
        onInput: "if (input.file.endsWith('-die')) process.exit(7);",
      }),
    );
    const pool = await WorkerPool.create(file, 2, POOL_INIT);
    try {
      while (pool.started < MAX_START_FAILURES + 1 || !pool.hasRoom) await sleep(10);
      await sleep(100);
      const runs = ['a-die', 'b', 'c'].map((n) => pool.run(input(n)));
      const out = await settle(runs);
      expect(out).not.toBe('hung');
      expect((out as Outcome[]).map((o) => o.file)).toEqual(['a-die', 'b', 'c']);
      expect((out as Outcome[])[0]).toMatchObject({ code: 'WORKER_FAILED' });
    } finally {
      await pool.close();
    }
  });
});

describe('EC private keys: the stored public point is checked against the scalar whatever its length', () => {
  const P256 = '2a8648ce3d030107';
  const pemOf = (label: string, bytes: Buffer): string =>
    `-----BEGIN ${label}-----\n${bytes.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
  const issuer = hostile.keyPair('attack7 ec issuer');
  const certificateFor = (spki: Buffer): Buffer =>
    hostile.certificate({
      subject: 'sup01.contoso.com',
      issuer: 'attack7 EC CA',
      spki,
      issuerKey: issuer.privateKey,
      extensions: hostile.leafExtensions(),
    });
  const spkiOf = (d: Buffer): Buffer =>
    createPublicKey(
      createPrivateKey({
        key: seq(int(1), octet(d), ctx(0, oid(P256))),
        format: 'der',
        type: 'sec1',
      }),
    ).export({ type: 'spki', format: 'der' });
  const ecKey = (scalar: Buffer, point: Buffer): Buffer =>
    seq(int(1), octet(scalar), ctx(0, oid(P256)), ctx(1, der(0x03, Buffer.from([0]), point)));
  const A = Buffer.from('c1'.repeat(32), 'hex');
  const B = Buffer.from('3c'.repeat(32), 'hex');

  it("a 32-octet scalar stored with another key's point (the certificate's) is damaged, not that certificate's key", async () => {
    const certSpki = spkiOf(B);
    const point = certSpki.subarray(certSpki.length - 65);
    const bundle = await readCertificates(
      pemOf('CERTIFICATE', certificateFor(certSpki)) + pemOf('EC PRIVATE KEY', ecKey(A, point)),
    );
    expect(bundle.keys).toEqual([]);
    expect(bundle.notes.join('\n')).toMatch(/public point .* is not the one of its private scalar/);
  });

  it.each([
    ['32 octets', A],
    ['33 octets (a leading zero)', Buffer.concat([Buffer.from([0]), A])],
  ])(
    'a scalar in %s stored with its own point compressed is the key of its certificate',
    async (_, written) => {
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(A);
      const compressed = ecdh.getPublicKey(undefined, 'compressed');
      const bundle = await readCertificates(
        pemOf('CERTIFICATE', certificateFor(spkiOf(A))) +
          pemOf('EC PRIVATE KEY', ecKey(written, compressed)),
      );
      expect(bundle.keys).toHaveLength(1);
      expect(bundle.keys[0]!.certificateIndex).toBe(0);
    },
  );
});

describe('EC private keys in a browser: a curve WebCrypto lacks, with the point stored', () => {
  it('a brainpoolP256r1 key with its point is read and matched as before (the point cannot be checked there)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    (globalThis as { self?: unknown }).self ??= globalThis;
    const web = (await import(
      path.join(import.meta.dirname, '..', 'dist', 'browser', 'index.js')
    )) as typeof import('../src/index.js');
    const pair = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
    const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
    const issuer = hostile.keyPair('attack7 brainpool issuer');
    const cert = hostile.certificate({
      subject: 'sup01.contoso.com',
      issuer: 'attack7 brainpool CA',
      spki,
      issuerKey: issuer.privateKey,
      extensions: hostile.leafExtensions(),
    });
    const text =
      `-----BEGIN CERTIFICATE-----\n${cert.toString('base64')}\n-----END CERTIFICATE-----\n` +
      (pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const bundle = await web.readCertificates(text);
    expect(bundle.keys).toHaveLength(1);
    expect(bundle.keys[0]!.certificateIndex).toBe(0);
  });
});

describe('check: a file named .pfx that is PEM text with the key (a .pem renamed)', () => {
  it('is UNKNOWN_FORMAT, as a renamed .cer is: IIS "Import" takes PKCS #12 only; the same bytes named .pem pass', async () => {
    assertBuilt();
    const sup = path.join(import.meta.dirname, '..', 'certs-fixtures', 'sup');
    const text =
      readFileSync(path.join(sup, 'good-both.pem'), 'utf8') +
      readFileSync(path.join(sup, 'good-both.key'), 'utf8');
    const pfx = path.join(tmp, 'renamed-pem.pfx');
    const pem = path.join(tmp, 'renamed-pem.pem');
    writeFileSync(pfx, text);
    writeFileSync(pem, text);
    const run = async (file: string) => {
      const r = await runCli([
        'check',
        file,
        '--names',
        'sup01.corp.contoso.com',
        '--format',
        'json',
      ]);
      return {
        status: r.status,
        doc: JSON.parse(r.stdout) as {
          results: Array<{ verdict?: string; error?: { code: string; message: string } }>;
        },
      };
    };
    const asPfx = await run(pfx);
    expect(asPfx.status).toBe(2);
    expect(asPfx.doc.results[0]?.error?.code).toBe('UNKNOWN_FORMAT');
    expect(asPfx.doc.results[0]?.error?.message).toMatch(/openssl pkcs12 -export/);
    const asPem = await run(pem);
    expect(asPem.status).toBe(0);
    expect(asPem.doc.results[0]?.verdict).toBe('pass');
  });
});

describe('check-server: one netsh output listing an endpoint twice, with different certificates', () => {
  // netsh lists each endpoint once (HTTP.sys keys its configuration by it): a file with two
  // entries for one hostname:port is two outputs joined, and which one is the server's now
  // cannot be told. Only the first was read, silently: the verdict depended on their order.
  const GOOD = '17885ea06b4ecb211827190e53cc57cba2ee240a';
  const OLD = 'a2baa3345ab2d9ea449b17df07f8bd4c9be2b2cd';
  const base = fixture('deployment/netsh/sni-every-name-ip-old.txt').toString('utf8');
  const first = base.indexOf('    Hostname:port');
  const second = base.indexOf('    Hostname:port', first + 10);
  const entry = base.slice(first, second);
  const judge = async (netsh: string) =>
    await validateSupDeployment(
      [
        ['applicationHost.config', 'iis/wsus-admin-good.config'],
        ['setup.reg', 'reg/setup-good.reg'],
        ['my.reg', 'reg/my-good.reg'],
      ]
        .map(([name, file]) => ({ name: name!, bytes: fixture(`deployment/${file!}`) }))
        .concat({ name: 'sslcert.txt', bytes: Buffer.from(netsh) }),
      { names: 'sup01.corp.contoso.com&sup01.contoso.com', at: new Date('2027-01-01T00:00:00Z') },
    );

  it.each([
    ['the old certificate first', 'before'],
    ["the SUP's certificate first", 'after'],
  ])('%s: a conflict naming the endpoint, whatever the order', async (_, where) => {
    expect(entry).toContain(GOOD);
    const old = entry.replace(GOOD, OLD);
    const at = where === 'before' ? first : second;
    const report = await judge(base.slice(0, at) + old + base.slice(at));
    expect(report.ok).toBe(false);
    const conflicts = report.findings.filter((f) => f.code === 'sup.dep.conflicting_files');
    expect(conflicts.map((f) => f.message).join('\n')).toMatch(
      /sslcert\.txt lists "sup01\.corp\.contoso\.com:8531" twice/,
    );
  });

  it('the same entry twice (or in another case) is no conflict', async () => {
    const report = await judge(
      base.slice(0, second) +
        entry.replace('sup01.corp.contoso.com:8531', 'SUP01.corp.contoso.com:8531') +
        base.slice(second),
    );
    expect(report.findings.filter((f) => f.code === 'sup.dep.conflicting_files')).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('check: a directory walk meets a symbolic link loop', () => {
  it("the link's error says what it is and what to do, not Node's ELOOP text", async () => {
    assertBuilt();
    const dir = path.join(tmp, 'loop-walk');
    mkdirSync(dir);
    symlinkSync('loop-b', path.join(dir, 'loop-a'));
    symlinkSync('loop-a', path.join(dir, 'loop-b'));
    const r = await runCli(['check', dir, '--names', 'sup01.corp.contoso.com', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as {
      results: Array<{ input: string; error?: { code: string; message: string } }>;
    };
    expect(doc.results).toHaveLength(2);
    for (const result of doc.results) {
      expect(result.error?.code).toBe('ELOOP');
      expect(result.error?.message).not.toMatch(/ELOOP:|stat '/);
      expect(result.error?.message).toMatch(/symbolic link.*(remove|point)/);
    }
  });
});
