import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import type { Outcome } from '../src/cli/judge.js';
import { POOL_INIT } from './cli-fixtures/pool.js';

/* Session 6 attack: problems found in the day's changes, each pinned by a test that failed first. */

const ROOT = path.resolve(import.meta.dirname, '..');

describe('check-server: a WSUS Setup export split over two .reg files is read as one', () => {
  const D = path.join(ROOT, 'certs-fixtures/deployment/snapshots/good-wsus-admin');
  const file = (name: string): { name: string; bytes: Uint8Array } => ({
    name,
    bytes: readFileSync(path.join(D, name)),
  });
  const options = { names: 'sup01.corp.contoso.com', at: new Date('2027-01-01T00:00:00Z') };
  const utf16le = (text: string): Uint8Array =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const setupText = new TextDecoder('utf-16le').decode(
    readFileSync(path.join(D, 'setup.reg')).subarray(2),
  );
  const head = setupText.split('\r\n').slice(0, 4).join('\r\n');
  const reg = (name: string, ...values: string[]): { name: string; bytes: Uint8Array } => ({
    name,
    bytes: utf16le([head, ...values, ''].join('\r\n')),
  });
  const a = reg(
    'a.reg',
    '"UsingSSL"=dword:00000001',
    '"ServerCertificateName"="sup01.corp.contoso.com"',
  );
  const b = reg('b.reg', '"IISTargetWebSiteIndex"=dword:000004d2', '"PortNumber"=dword:00002152');
  const rest = ['applicationHost.config', 'sslcert.txt', 'my.reg'].map(file);
  const conflicts = (r: api.DeploymentReport): string[] =>
    r.findings.filter((f) => f.code === 'sup.dep.conflicting_files').map((f) => f.message);

  it.each([
    ['a.reg first', [a, b]],
    ['b.reg first', [b, a]],
  ])('%s: passes as the whole export does, no conflict', async (_, setups) => {
    const whole = await api.validateSupDeployment([...rest, file('setup.reg')], options);
    const split = await api.validateSupDeployment([...rest, ...setups], options);
    expect(conflicts(split)).toEqual([]);
    expect(split.ok).toBe(true);
    expect(split.deployment.sslPort).toBe(whole.deployment.sslPort);
    expect(split.deployment.wsusSite).toEqual(whole.deployment.wsusSite);
  });

  it('a ServerCertificateName that differs only in case is the same name: no conflict', async () => {
    const upper = reg('d.reg', '"ServerCertificateName"="SUP01.Corp.Contoso.com"');
    const r = await api.validateSupDeployment([...rest, a, b, upper], options);
    expect(conflicts(r)).toEqual([]);
  });

  it('a value the two files give differently is still a conflict naming both files and the value', async () => {
    const other = reg('c.reg', '"PortNumber"=dword:00000050');
    const r = await api.validateSupDeployment([...rest, a, b, other], options);
    expect(r.ok).toBe(false);
    expect(conflicts(r).join('\n')).toMatch(/WSUS Setup .*PortNumber.*b\.reg versus c\.reg/);
  });
});

describe('library options: a class instance keeps the options its class defines', () => {
  const pem = readFileSync(path.join(ROOT, 'certs-fixtures/sup/good-both.pem'));
  it('a getter on the class (its prototype) is read; Object.prototype still is not', async () => {
    class Settings {
      readonly #names = 'sup01.corp.contoso.com&sup01.contoso.com';
      get names(): string {
        return this.#names;
      }
      readonly at = new Date('2027-01-01T00:00:00Z');
    }
    const r = await api.validateSupCertificate(pem, new Settings());
    expect(r.names.map((n) => [n.name, n.matched])).toEqual([
      ['sup01.corp.contoso.com', true],
      ['sup01.contoso.com', true],
    ]);
    expect(r.ok).toBe(true);
    const proto = Object.prototype as { skipNames?: boolean };
    proto.skipNames = true;
    try {
      const polluted = await api.validateSupCertificate(pem, new Settings());
      expect(polluted.findings.map((f) => f.code)).toEqual(r.findings.map((f) => f.code));
    } finally {
      delete proto.skipNames;
    }
  });
});

describe('check --jobs: a fatal error in this thread ends the output', () => {
  it('no outcome is written after judgeAll throws, though the workers answer later', async () => {
    const { judgeAll } = await import('../src/cli/commands/check.js');
    const { UsageError } = await import('../src/cli/errors.js');
    const file = path.join(ROOT, 'certs-fixtures/sup/good-both.pem');
    const inputs = Array.from({ length: 4 }, () => ({
      kind: 'file' as const,
      file,
      fromDirectory: false,
    }));
    // Room for the first two inputs; their answers come after this thread has failed.
    let room = 2;
    const pool = {
      get hasRoom() {
        return room > 0;
      },
      run: (input: { file: string }) => {
        room--;
        return new Promise<Outcome>((resolve) =>
          setTimeout(() => resolve({ kind: 'skipped', file: input.file, reason: 'late' }), 30),
        );
      },
    };
    // A bad command-line option: judging the third input in this thread is a usage error.
    const ctx = {
      options: { intranetName: 'not a host name!' },
      namesGiven: true,
      passwords: { given: undefined, origin: undefined, ask: async () => undefined },
      timeoutMs: 1000,
    };
    let thrown = false;
    const late: number[] = [];
    await expect(
      judgeAll(inputs, ctx, pool, (_o, i) => thrown && late.push(i), 32).finally(() => {
        thrown = true;
      }),
    ).rejects.toBeInstanceOf(UsageError);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(late).toEqual([]);
  });
});

describe('the worker pool: close() is not a worker failure', () => {
  it('an input in flight when the pool is closed is not reported as WORKER_FAILED', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const { WorkerPool } = await import('../src/cli/pool.js');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'supcert-attack6-'));
    const fake = path.join(dir, 'silent-worker.mjs');
    // Takes batches and never answers (a long file being judged).
    writeFileSync(
      fake,
      "import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => {});",
    );
    const pool = await WorkerPool.create(fake, 1, POOL_INIT);
    const answers: Outcome[] = [];
    void pool
      .run({ kind: 'file', file: 'slow.pem', fromDirectory: false })
      .then((o) => answers.push(o));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await pool.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answers).toEqual([]);
  });
});

describe('check-request -: stdin is read once', () => {
  it('"-" given twice is a usage error, as with check (the second read was an empty request)', async () => {
    const { parseCommandLine } = await import('../src/cli/args.js');
    const { UsageError } = await import('../src/cli/errors.js');
    for (const command of ['check', 'check-request']) {
      const argv = [command, '-', '-', '--names', 'sup01.corp.contoso.com'];
      expect(() => parseCommandLine(argv), command).toThrow(UsageError);
      expect(() => parseCommandLine(argv), command).toThrow('stdin can be read once: give - once.');
    }
    expect(parseCommandLine(['check-request', '-', '--names', 'a.contoso.com'])).toMatchObject({
      command: 'check-request',
      args: { inputs: ['-'] },
    });
  });
});

describe('SUP-REQ-006: every key-exchange-only KeyAlgorithm certreq documents', () => {
  const inf = readFileSync(path.join(ROOT, 'certs-fixtures/requests/ecdh-key.inf'), 'utf8');
  const codes = async (algorithm: string): Promise<string[]> => {
    const r = await api.validateSupRequest(
      inf.replace(/^KeyAlgorithm = ECDH_P256$/m, `KeyAlgorithm = ${algorithm}`),
      { names: 'sup01.corp.contoso.com&sup01.contoso.com' },
    );
    return r.findings.filter((f) => f.rule === 'SUP-REQ-006').map((f) => f.code);
  };
  it.each(['ECDH_P256', 'ecdh_p521', 'ECDH', 'DH'])(
    '%s: a key-exchange key (warning)',
    async (a) => {
      expect(await codes(a)).toEqual(['sup.req.key_exchange_only']);
    },
  );
  it.each(['ECDSA_P256', 'RSA', 'DSA'])('%s: a key that signs', async (a) => {
    expect(await codes(a)).toEqual([]);
  });
});

describe('check-server: the whole netsh list and one entry of it are read as one', () => {
  const D = path.join(ROOT, 'certs-fixtures/deployment/snapshots/good-wsus-admin');
  const read = (name: string): Buffer => readFileSync(path.join(D, name));
  const options = { names: 'sup01.corp.contoso.com', at: new Date('2027-01-01T00:00:00Z') };
  const one = read('sslcert.txt').toString('utf8');
  const [head, entry] = one.split(/\r\n\r\n(?= {4}IP:port)/) as [string, string];
  const other = entry
    .replace('0.0.0.0:8531', '0.0.0.0:443')
    .replace('17885ea06b4ecb211827190e53cc57cba2ee240a', 'a'.repeat(40));
  const all = `${head}\r\n\r\n${other.trimEnd()}\r\n\r\n${entry}`;
  const rest = (): Array<{ name: string; bytes: Uint8Array }> =>
    ['applicationHost.config', 'setup.reg', 'my.reg'].map((name) => ({ name, bytes: read(name) }));
  const conflicts = (r: api.DeploymentReport): string[] =>
    r.findings.filter((f) => f.code === 'sup.dep.conflicting_files').map((f) => f.message);

  it.each([
    ['the whole list first', ['all.txt', 'one.txt']],
    ['the one entry first', ['one.txt', 'all.txt']],
  ])('%s: no conflict, and the binding on 8531 is judged', async (_, order) => {
    const texts: Record<string, string> = { 'all.txt': all, 'one.txt': one };
    const files = order.map((name) => ({ name, bytes: Buffer.from(texts[name]!) }));
    const r = await api.validateSupDeployment([...rest(), ...files], options);
    expect(conflicts(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.deployment.thumbprint).toBe('17885EA06B4ECB211827190E53CC57CBA2EE240A');
  });

  it('an endpoint the two files bind to other certificates is a conflict naming it', async () => {
    const moved = one.replace('17885ea06b4ecb211827190e53cc57cba2ee240a', 'b'.repeat(40));
    const r = await api.validateSupDeployment(
      [
        ...rest(),
        { name: 'all.txt', bytes: Buffer.from(all) },
        { name: 'moved.txt', bytes: Buffer.from(moved) },
      ],
      options,
    );
    expect(r.ok).toBe(false);
    expect(conflicts(r).join('\n')).toMatch(/netsh .*0\.0\.0\.0:8531.*all\.txt versus moved\.txt/);
  });
});
