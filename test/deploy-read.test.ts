import { describe, expect, it } from 'vitest';
import { WorkBudget, readSnapshotFile, recogniseSnapshot } from '../src/index.js';
import { readRegFile } from '../src/deploy/registry.js';
import { readNetshSslCert } from '../src/deploy/netshSslcert.js';
import { readIisConfig, effectiveSslFlags } from '../src/deploy/iisConfig.js';
import { readSerializedStore } from '../src/deploy/certStore.js';
import { fixture, rejectionCode } from './fixtures.js';

const D = 'deployment';
const GOOD = '17885EA06B4ECB211827190E53CC57CBA2EE240A';
const OLD = 'A2BAA3345AB2D9EA449B17DF07F8BD4C9BE2B2CD';

describe('deployment snapshot readers (src/deploy)', () => {
  it('recognises each export by content, never by name', () => {
    expect(recogniseSnapshot(fixture(`${D}/iis/wsus-admin-good.config`))).toBe('iis-config');
    expect(recogniseSnapshot(fixture(`${D}/netsh/current-good.txt`))).toBe('netsh-sslcert');
    expect(recogniseSnapshot(fixture(`${D}/netsh/german.txt`))).toBe('netsh-sslcert');
    expect(recogniseSnapshot(fixture(`${D}/reg/setup-good.reg`))).toBe('registry');
    expect(recogniseSnapshot(fixture(`${D}/sst/my-good.sst`))).toBe('cert-store');
    expect(recogniseSnapshot(fixture('sup/good-both.pfx'))).toBe('certificates');
  });

  it('reads a reg.exe export (UTF-16 LE, BOM, REGEDIT5, hex lists over continuation lines)', async () => {
    const budget = new WorkBudget();
    const setup = await readSnapshotFile('setup.reg', fixture(`${D}/reg/setup-good.reg`), {
      budget,
    });
    expect(setup).toMatchObject({
      kind: 'wsus-setup',
      setup: {
        usingSsl: true,
        serverCertificateName: 'sup01.corp.contoso.com',
        portNumber: 8530,
        iisTargetWebSiteIndex: 1234,
      },
    });
    const my = await readSnapshotFile('my.reg', fixture(`${D}/reg/my-good.reg`), { budget });
    expect(my.kind).toBe('cert-store');
    if (my.kind !== 'cert-store') return;
    expect(my.store).toMatchObject({ store: 'MY', location: 'LocalMachine' });
    expect(
      my.store.entries.map((e) => [e.thumbprint, e.hasPrivateKeyLink, e.archived, e.friendlyName]),
    ).toEqual([
      [GOOD, true, false, 'sup01'],
      [OLD, true, false, 'sup01 (2024)'],
    ]);
    expect(my.store.entries[0]!.provider).toBe('Microsoft Software Key Storage Provider');
    // one maxElements unit per line and per serialized element: linear in the file
    expect(budget.spent('maxElements')).toBeLessThan(5_000);
  });

  it('reads the documented REGEDIT5 value forms and escapes', () => {
    const text =
      'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n@="d"\r\n"A"="C:\\\\Dir \\"q\\""\r\n"B"=dword:0000001f\r\n"C"=hex(2):25,00,41,00,00,00\r\n"D"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"E"=hex(b):01,00,00,00,00,00,00,00\r\n"F"=-\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const [key] = readRegFile(bytes, 'x.reg', new WorkBudget());
    expect(Object.fromEntries(key!.values)).toEqual({
      '': { type: 'sz', value: 'd' },
      a: { type: 'sz', value: 'C:\\Dir "q"' },
      b: { type: 'dword', value: 31 },
      c: { type: 'expand_sz', value: '%A' },
      d: { type: 'multi_sz', value: ['a', 'b'] },
      e: { type: 'qword', value: 1n },
      f: { type: 'delete' },
    });
  });

  it('reads netsh output in both layouts, hostname:port entries, and several entries', () => {
    const budget = new WorkBudget();
    const current = readNetshSslCert(fixture(`${D}/netsh/current-good.txt`), 'a', budget);
    expect(current.layout).toBe('current');
    expect(current.bindings).toEqual([
      {
        endpoint: '0.0.0.0:8531',
        kind: 'ip',
        host: '0.0.0.0',
        port: 8531,
        certificateHash: GOOD,
        storeName: 'MY',
        applicationId: '{4dc3e181-e14b-4a21-b022-59fc669b0914}',
        negotiateClientCertificate: false,
      },
    ]);
    expect(readNetshSslCert(fixture(`${D}/netsh/older-good.txt`), 'b', budget).layout).toBe(
      'older',
    );
    expect(
      readNetshSslCert(fixture(`${D}/netsh/hostname-port.txt`), 'c', budget).bindings[0],
    ).toMatchObject({ kind: 'hostname', host: 'sup01.corp.contoso.com', port: 8531 });
    expect(
      readNetshSslCert(fixture(`${D}/netsh/two-entries-one-old.txt`), 'd', budget).bindings.map(
        (b) => b.certificateHash,
      ),
    ).toEqual([GOOD, OLD]);
    expect(readNetshSslCert(fixture(`${D}/netsh/no-bindings.txt`), 'e', budget).bindings).toEqual(
      [],
    );
  });

  it('reads a localised (German) netsh by position, and never guesses the translated client-certificate flag', () => {
    const german = readNetshSslCert(fixture(`${D}/netsh/german.txt`), 'de.txt', new WorkBudget());
    expect(german.layout).toBe('localised');
    expect(german.bindings).toEqual([
      {
        endpoint: '0.0.0.0:8531',
        kind: 'ip',
        host: '0.0.0.0',
        port: 8531,
        certificateHash: GOOD,
        applicationId: '{4dc3e181-e14b-4a21-b022-59fc669b0914}',
        storeName: 'MY',
        negotiateClientCertificate: null,
      },
    ]);
    expect(german.notes.join()).toMatch(/another language than English/);
    // What cannot be read that way is named: client certificates and the TLS switches.
    expect(german.notes.join()).toMatch(
      /client certificates are negotiated, and which TLS versions are switched off/,
    );
  });

  it('reads applicationHost.config: sites, bindings, and the sslFlags in force (location, site, server level)', async () => {
    const config = await readIisConfig(
      fixture(`${D}/iis/wsus-admin-good.config`),
      'a',
      new WorkBudget(),
    );
    const wsus = config.sites.find((s) => s.name === 'WSUS Administration')!;
    expect(wsus.bindings.map((b) => [b.protocol, b.port])).toEqual([
      ['http', 8530],
      ['https', 8531],
    ]);
    expect(wsus.paths).toContain('/ClientWebService');
    expect(wsus.paths).toContain('/Content');
    expect(effectiveSslFlags(config, 'WSUS Administration', 'ClientWebService').flags).toEqual([
      'Ssl',
    ]);
    expect(effectiveSslFlags(config, 'WSUS Administration', 'Content').flags).toEqual([]);
    const site = await readIisConfig(
      fixture(`${D}/iis/site-level-ssl.config`),
      'b',
      new WorkBudget(),
    );
    expect(effectiveSslFlags(site, 'wsus administration', '').from).toBe(
      '<location path="WSUS Administration">',
    );
    expect(effectiveSslFlags(site, 'WSUS Administration', 'NotListed').flags).toEqual(['Ssl']);
  });

  it('reads an .sst store; a truncated one is MALFORMED', async () => {
    const store = readSerializedStore(fixture(`${D}/sst/my-good.sst`), 'my.sst', new WorkBudget());
    expect(store.entries.map((e) => e.thumbprint)).toEqual([GOOD, OLD]);
    expect(store.store).toBeNull();
    expect(
      await rejectionCode(
        readSnapshotFile('t.sst', fixture(`${D}/sst/truncated.sst`), { budget: new WorkBudget() }),
      ),
    ).toBe('MALFORMED');
  });

  it('unusual inputs end in typed errors that name the file', async () => {
    const read = (name: string, bytes: Uint8Array) =>
      readSnapshotFile(name, bytes, { budget: new WorkBudget() });
    expect(await rejectionCode(read('empty.txt', new Uint8Array(0)))).toBe('EMPTY_INPUT');
    expect(await rejectionCode(read('empty.reg', new Uint8Array([0xff, 0xfe])))).toBe(
      'EMPTY_INPUT',
    );
    expect(
      await rejectionCode(
        read(
          'other.reg',
          new Uint8Array([
            0xff,
            0xfe,
            ...Buffer.from(
              'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CURRENT_USER\\Console]\r\n"A"=dword:1\r\n',
              'utf16le',
            ),
          ]),
        ),
      ),
    ).toBe('UNKNOWN_FORMAT');
    await expect(
      read('bad.config', Buffer.from('<configuration><sites></configuration>')),
    ).rejects.toThrow(/bad\.config: not well-formed XML/);
    await expect(
      read(
        'x.reg',
        Buffer.from(
          'Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup]\n"UsingSSL"=dword:zz\n',
        ),
      ),
    ).rejects.toThrow(/x\.reg: line 3: dword value "zz"/);
  });
});
