import { describe, expect, it } from 'vitest';
import { WorkBudget, readSnapshotFile, recogniseSnapshot } from '../src/index.js';
import { readIisConfig, effectiveSslFlags } from '../src/deploy/iisConfig.js';
import { readNetshSslCert } from '../src/deploy/netshSslcert.js';
import { readRegFile } from '../src/deploy/registry.js';
import { readSerializedStore } from '../src/deploy/certStore.js';
import { fixture, rejectionCode } from './fixtures.js';

// Red team round 4: server snapshots as admins export them (and as attackers craft them).
const D = 'deployment';
const GOOD = '17885EA06B4ECB211827190E53CC57CBA2EE240A';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const utf16 = (s: string, order: 'le' | 'be', bom: boolean): Uint8Array => {
  const b = Buffer.from(s, 'utf16le');
  if (order === 'be') b.swap16();
  return new Uint8Array([...(bom ? (order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : []), ...b]);
};
const asText = (bytes: Uint8Array): string =>
  bytes[0] === 0xff && bytes[1] === 0xfe
    ? new TextDecoder('utf-16le').decode(bytes.subarray(2))
    : new TextDecoder('utf-8').decode(bytes);
const read = (name: string, bytes: Uint8Array) =>
  readSnapshotFile(name, bytes, { budget: new WorkBudget() });
const config = (body: string) =>
  readIisConfig(utf8(`<configuration>${body}</configuration>`), 'c.config', new WorkBudget());
const access = (path: string, flags: string) =>
  `<location path="${path}"><system.webServer><security><access sslFlags="${flags}" /></security></system.webServer></location>`;

describe('server snapshots in the encodings Windows tools write', () => {
  const exports = [
    ['reg/setup-good.reg', 'registry'],
    ['netsh/current-good.txt', 'netsh-sslcert'],
    ['iis/wsus-admin-good.config', 'iis-config'],
  ] as const;
  const variants = [
    ['UTF-16 LE without a BOM', 'le', false],
    ['UTF-16 BE without a BOM', 'be', false],
    ['UTF-16 BE with a BOM', 'be', true],
  ] as const;
  it.each(exports.flatMap(([file, kind]) => variants.map((v) => [file, kind, ...v] as const)))(
    '%s as %s is recognised and read (%s)',
    async (file, kind, _label, order, bom) => {
      const bytes = utf16(asText(fixture(`${D}/${file}`)), order, bom);
      expect(recogniseSnapshot(bytes)).toBe(kind);
      const got = await read(file, bytes);
      expect(got.kind).not.toBe('certificates');
    },
  );

  it('REGEDIT4 strings in hex(1), hex(2) and hex(7) are ANSI bytes, not UTF-16', () => {
    const text =
      'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n"A"=hex(2):25,53,79,73,74,65,6d,52,6f,6f,74,25,5c,e9,00\r\n"B"=hex(7):61,00,62,63,00,00\r\n"C"=hex(1):73,75,70,00\r\n';
    const [key] = readRegFile(utf8(text), 'x.reg', new WorkBudget());
    expect(Object.fromEntries(key!.values)).toEqual({
      a: { type: 'expand_sz', value: '%SystemRoot%\\é' },
      b: { type: 'multi_sz', value: ['a', 'bc'] },
      c: { type: 'sz', value: 'sup' },
    });
  });

  it.each([
    ['00,01,ff', [0, 1, 255]],
    ['00, 01 ,\tff,', [0, 1, 255]],
    ['', []],
    ['a,b', [10, 11]],
  ])('a hex list %j is the bytes %j', (list, bytes) => {
    const [key] = readRegFile(
      utf8(`REGEDIT4\n[HKEY_LOCAL_MACHINE\\X]\n"A"=hex:${list}\n`),
      'x.reg',
      new WorkBudget(),
    );
    expect(key!.values.get('a')).toEqual({
      type: 'binary',
      value: Uint8Array.from(bytes),
      regType: 3,
    });
  });

  it.each([['00,,01'], [','], ['001'], ['0g'], ['00,01,,']])(
    'a hex list %j is MALFORMED, naming the line',
    (list) => {
      expect(() =>
        readRegFile(
          utf8(`REGEDIT4\n[HKEY_LOCAL_MACHINE\\X]\n"A"=hex:${list}\n`),
          'x.reg',
          new WorkBudget(),
        ),
      ).toThrow(/x\.reg: line 3: ".*" in a hex list is not a byte/);
    },
  );
});

describe('netsh http show sslcert in another display language', () => {
  const german = new TextDecoder('latin1').decode(fixture(`${D}/netsh/german.txt`));
  it('a Central Certificate Store entry (only a port) is read, not refused as MALFORMED', () => {
    const ccs = `${german}\n    Zentraler Zertifikatspeicher : 8531\n    Zertifikathash          : (null)\n    Anwendungs-ID           : {4dc3e181-e14b-4a21-b022-59fc669b0914}\n    Zertifikatspeichername  : (null)\n`;
    const netsh = readNetshSslCert(utf8(ccs), 'de.txt', new WorkBudget());
    expect(netsh.bindings.map((b) => [b.kind, b.host, b.port, b.certificateHash])).toEqual([
      ['ip', '0.0.0.0', 8531, GOOD],
      ['ccs', '*', 8531, undefined],
    ]);
  });

  it.each([
    ['cafe.de:8531', 'hostname'],
    ['beef:8531', 'hostname'],
    ['10.0.0.5:8531', 'ip'],
    ['[::]:8531', 'ip'],
  ])('the endpoint %s is an %s entry', (endpoint, kind) => {
    const text = german.replace('0.0.0.0:8531', endpoint);
    expect(readNetshSslCert(utf8(text), 'de.txt', new WorkBudget()).bindings[0]!.kind).toBe(kind);
  });
});

describe('applicationHost.config: one linear pass, well-formedness checked', () => {
  it.each([
    ['<configuration><a>', /<a> is never closed: the file is truncated/],
    ['<configuration><a b="1', /the value of b never ends/],
    ['<configuration><a b="1"', /the tag <a> never ends/],
    ['<configuration><!-- x', /comment or CDATA section that never ends/],
  ])('a truncated file %j is MALFORMED, saying so', async (text, message) => {
    await expect(readIisConfig(utf8(text), 't.config', new WorkBudget())).rejects.toThrow(message);
  });

  it('attribute values are XML-decoded (entities, character references, white space)', async () => {
    const c = await config(
      `${access('WSUS&#32;Administration/ClientWebService', 'Ssl,&#x20;SslNegotiateCert')}<system.applicationHost><sites><site name="A &amp; B" id="7"><application path="/ClientWebService"/></site></sites></system.applicationHost>`,
    );
    expect(c.sites[0]!.name).toBe('A & B');
    expect(effectiveSslFlags(c, 'wsus administration', 'clientwebservice').flags).toEqual([
      'Ssl',
      'SslNegotiateCert',
    ]);
  });

  it('reads sites, bindings, applications and virtual directories in document order', async () => {
    const c = await readIisConfig(
      fixture(`${D}/iis/wsus-admin-good.config`),
      'a',
      new WorkBudget(),
    );
    expect(c.sites.map((s) => [s.name, s.id, s.bindings.length, s.paths.length])).toEqual([
      ['Default Web Site', 1, 1, 1],
      ['WSUS Administration', 1234, 2, 10],
    ]);
    expect(c.sites[1]!.paths.slice(0, 4)).toEqual([
      '/',
      '/Content',
      '/Selfupdate',
      '/ApiRemoting30',
    ]);
  });

  it.each([
    ['<a></b>', /line 1: <\/b> closes <a>/],
    ['<a>', /<\/configuration> closes <a>/],
    ['<a b="<c>"/>', /a "<" in the value of b/],
    ['<a b="&foo;"/>', /entity reference in the value of b/],
    ['<a b=c/>', /the value of b is not quoted/],
    [access('x', 'Ssl" sslFlags="None'), /the attribute sslFlags is repeated/],
    ['</configuration><configuration>', /a second root element/],
    ['<!DocType x>', /has a DOCTYPE/],
    ['<a b="1"', /no space before an attribute of <a>/],
  ])('%s is refused as MALFORMED', async (body, message) => {
    const got = config(body);
    await expect(got).rejects.toThrow(message);
    expect(await rejectionCode(config(body))).toBe('MALFORMED');
  });

  it.each([
    [
      '3.3 million elements',
      () => `<configuration>${'<x a="1"/>'.repeat(3_350_000)}</configuration>`,
    ],
    [
      '5.6 million attributes',
      () => `<configuration><x ${'a="1" '.repeat(5_590_000)}/></configuration>`,
    ],
    ['32 MiB of text', () => `<configuration><x>${'a'.repeat(33_554_000)}</x></configuration>`],
  ])(
    'a 32 MiB file of %s is read (a general XML parser took 4-13 s and 1-2.5 GB; its time: npm run bench, deploy-xml-32mib-*)',
    async (_label, make) => {
      const bytes = utf8(make());
      const budget = new WorkBudget();
      await readIisConfig(bytes, 'big.config', budget);
      expect(budget.spent('maxElements')).toBeLessThanOrEqual(3_350_001);
    },
  );
});

describe('certificate stores: counts bounded, problems aggregated', () => {
  const sst = (elements: Array<[number, Uint8Array]>): Uint8Array => {
    const size = 8 + elements.reduce((n, [, d]) => n + 12 + d.length, 0);
    const b = new Uint8Array(size);
    b.set([0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54]);
    const v = new DataView(b.buffer);
    let at = 8;
    for (const [id, data] of elements) {
      v.setUint32(at, id, true);
      v.setUint32(at + 4, 1, true);
      v.setUint32(at + 8, data.length, true);
      b.set(data, at + 12);
      at += 12 + data.length;
    }
    return b;
  };

  it('broken certificate elements are counted: three messages, then "N more"', () => {
    const good = readSerializedStore(fixture(`${D}/sst/my-good.sst`), 'g', new WorkBudget());
    const broken = Array.from(
      { length: 50 },
      () => [32, Uint8Array.of(1, 2)] as [number, Uint8Array],
    );
    const store = readSerializedStore(
      sst([...broken, [32, good.entries[0]!.certificate.der]]),
      'my.sst',
      new WorkBudget(),
    );
    expect(store.entries.map((e) => e.thumbprint)).toEqual([GOOD]);
    expect(store.notes).toHaveLength(4);
    expect(store.notes[3]).toBe(
      'my.sst: 47 more certificate elements that are not valid certificates',
    );
  });

  it('certificates count against maxCertificates; a spent budget is not swallowed as a broken certificate', () => {
    const many = Array.from(
      { length: 11 },
      () => [32, Uint8Array.of(1, 2)] as [number, Uint8Array],
    );
    expect(() =>
      readSerializedStore(sst(many), 'my.sst', new WorkBudget({ maxCertificates: 10 })),
    ).toThrow(
      /my\.sst: certificates in the store: 11 is more than the limit of 10.*limits\.maxCertificates/,
    );
    const der = readSerializedStore(fixture(`${D}/sst/my-good.sst`), 'g', new WorkBudget())
      .entries[0]!.certificate.der;
    expect(() =>
      readSerializedStore(sst([[32, der]]), 'my.sst', new WorkBudget({ maxElements: 20 })),
    ).toThrow(/maxElements/);
  });

  it('registry keys without a Blob are one note with a count', async () => {
    const key = `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\MY\\Certificates\\${'A'.repeat(40)}]\n`;
    const got = await read('my.reg', utf8(`REGEDIT4\n${key.repeat(1_000)}`));
    expect(got.kind).toBe('cert-store');
    if (got.kind !== 'cert-store') return;
    expect(got.store.notes).toEqual([
      `my.reg: ${'A'.repeat(40)}, ${'A'.repeat(40)}, ${'A'.repeat(40)} and 997 more have no binary Blob value`,
    ]);
  });
});

describe('a server with many HTTP.sys entries on the SSL port', () => {
  const entry = (endpoint: string, hash: string) =>
    `    IP:port                      : ${endpoint}\r\n    Certificate Hash             : ${hash}\r\n    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n    Certificate Store Name       : MY\r\n    Negotiate Client Certificate : Disabled\r\n\r\n`;
  const OLD = 'a2baa3345ab2d9ea449b17df07f8bd4c9be2b2cd';
  const netsh = (n: number) =>
    utf8(
      `\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n${entry('0.0.0.0:8531', GOOD.toLowerCase())}${Array.from(
        { length: n },
        (_, i) => entry(`10.0.${i >> 8}.${i & 255}:8531`, OLD),
      ).join('')}${entry('10.1.0.1:8531', '')}${entry('10.1.0.2:8531', '')}`,
    );

  it('one SUP-DEP-002 finding per certificate presented instead, listing its entries, not one per entry', async () => {
    const { validateSupDeployment } = await import('../src/index.js');
    const report = await validateSupDeployment(
      [
        { name: 'sslcert.txt', bytes: netsh(5_000) },
        { name: 'my.reg', bytes: fixture(`${D}/reg/my-good.reg`) },
      ],
      { skipNames: true, at: new Date('2027-01-01') },
    );
    const dep002 = report.findings.filter(
      (f) => f.rule === 'SUP-DEP-002' && f.severity === 'error',
    );
    expect(dep002.map((f) => f.code)).toEqual([
      'sup.dep.binding_without_hash',
      'sup.dep.binding_other_certificate',
    ]);
    expect(dep002[0]!.message).toMatch(
      /entries "10\.1\.0\.1:8531", "10\.1\.0\.2:8531" in sslcert\.txt have no certificate hash/,
    );
    expect(dep002[1]!.message).toMatch(
      /presents A2BAA334\S* \("CN=sup01\.corp\.contoso\.com"\) on IP:port "10\.0\.0\.0:8531", .* and 4,995 more, not 17885EA0.*\(for each entry\): netsh http update sslcert ipport=10\.0\.0\.0:8531/,
    );
  });

  it('reads 32 MiB of netsh entries (110,003 bindings; its time: npm run bench, deploy-netsh-1m-lines)', () => {
    const bytes = netsh(110_000);
    expect(bytes.length).toBeGreaterThan(30_000_000);
    const got = readNetshSslCert(bytes, 'sslcert.txt', new WorkBudget());
    expect(got.bindings).toHaveLength(110_003);
  });
});

describe('a reg export of SystemCertificates itself (every store)', () => {
  const my = asText(fixture(`${D}/reg/my-good.reg`));
  const header = 'Windows Registry Editor Version 5.00\r\n\r\n';
  const root = '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates';
  const others = `${root}]\r\n\r\n${root}\\AuthRoot]\r\n\r\n${root}\\AuthRoot\\Certificates]\r\n\r\n${root}\\CA]\r\n\r\n`;

  it('is read as its MY store (the others named in a note), not as the first store listed', async () => {
    const got = await read('all.reg', utf16(header + others + my.slice(header.length), 'le', true));
    expect(got.kind).toBe('cert-store');
    if (got.kind !== 'cert-store') return;
    expect(got.store.store).toBe('MY');
    expect(got.store.entries.map((e) => e.thumbprint)).toContain(GOOD);
    expect(got.store.notes).toEqual([
      'all.reg exports 3 certificate stores; only MY is read (also: "AuthRoot", "CA")',
    ]);
  });

  it('a certificate only in Root is not taken for one in MY', async () => {
    const inRoot = my.replaceAll('\\MY', '\\Root');
    const got = await read(
      'all.reg',
      utf16(`${header}${root}\\MY]\r\n\r\n${inRoot.slice(header.length)}`, 'le', true),
    );
    if (got.kind !== 'cert-store') throw new Error(got.kind);
    expect([got.store.store, got.store.entries.length]).toEqual(['MY', 0]);
  });
});

describe("a copy of IIS's whole config folder", () => {
  it('administration.config and redirection.config (no sites) are not judged as applicationHost.config', async () => {
    const { validateSupDeployment } = await import('../src/index.js');
    const S = `${D}/snapshots/good-wsus-admin`;
    const siteless = (section: string) =>
      utf8(
        `<configuration>\r\n  <configSections>\r\n    <section name="${section}" />\r\n  </configSections>\r\n  <${section} />\r\n</configuration>\r\n`,
      );
    const report = await validateSupDeployment(
      [
        { name: 'administration.config', bytes: siteless('moduleProviders') },
        { name: 'applicationHost.config', bytes: fixture(`${S}/applicationHost.config`) },
        { name: 'redirection.config', bytes: siteless('configurationRedirection') },
        { name: 'sslcert.txt', bytes: fixture(`${S}/sslcert.txt`) },
        { name: 'setup.reg', bytes: fixture(`${S}/setup.reg`) },
        { name: 'my.reg', bytes: fixture(`${S}/my.reg`) },
      ],
      { names: 'sup01.corp.contoso.com&sup01.contoso.com', at: new Date('2027-01-01') },
    );
    expect(report.deployment.wsusSite).toEqual({ name: 'WSUS Administration', id: 1234 });
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.deployment.notes).toEqual([
      'administration.config, redirection.config: IIS configuration without sites (administration.config or redirection.config?), not used',
    ]);
  });
});

describe('a private key file among the exports (found by the snapshot fuzz target)', () => {
  it('given with other exports it is left out with a note; alone it is UNKNOWN_FORMAT, never a TypeError', async () => {
    const { validateSupDeployment } = await import('../src/index.js');
    const key = { name: 'sup01.key', bytes: fixture('sup/good-both.key') };
    const netsh = { name: 'sslcert.txt', bytes: fixture(`${D}/netsh/current-good.txt`) };
    const report = await validateSupDeployment([key, netsh], { skipNames: true });
    expect(report.deployment.notes).toContain(
      'sup01.key holds no certificate (only a private key): not used',
    );
    await expect(validateSupDeployment([key], { skipNames: true })).rejects.toMatchObject({
      name: 'SupCertError',
      code: 'UNKNOWN_FORMAT',
      message: expect.stringMatching(/^sup01\.key: the file holds no certificate to judge/),
    });
  });
});

describe('quoted .reg strings', () => {
  it.each([
    ['"plain"', 'plain'],
    ['"\\\\lead"', '\\lead'],
    ['"trail\\\\"', 'trail\\'],
    ['"a\\"b\\"c"', 'a"b"c'],
    ['"ü\\\\€"', 'ü\\€'],
    ['"ü\\\\é\\"ÿ"', 'ü\\é"ÿ'],
    ['"\\\\\\\\"', '\\\\'],
    ['"\\a\\b"', 'ab'],
    ['""', ''],
  ])('%s is %j', (quotedText, value) => {
    const [key] = readRegFile(
      utf8(`REGEDIT4\n[HKEY_LOCAL_MACHINE\\X]\n"A"=${quotedText}\n`),
      'x.reg',
      new WorkBudget(),
    );
    expect(key!.values.get('a')).toEqual({ type: 'sz', value });
  });

  it('a long escaped string is read whole (one byte a character, two bytes, ASCII)', () => {
    for (const piece of ['a\\\\', 'é\\"', '€\\\\']) {
      const [key] = readRegFile(
        utf8(`REGEDIT4\n[HKEY_LOCAL_MACHINE\\X]\n"A"="${piece.repeat(20_000)}"\n`),
        'x.reg',
        new WorkBudget(),
      );
      const value = piece.replace(/\\(.)/g, '$1').repeat(20_000);
      expect(key!.values.get('a')).toEqual({ type: 'sz', value });
    }
  });

  it('keys without values have no values, next to keys with values', () => {
    const keys = readRegFile(
      utf8(
        'REGEDIT4\n[HKEY_LOCAL_MACHINE\\A]\n[HKEY_LOCAL_MACHINE\\B]\n"X"=dword:1\n[HKEY_LOCAL_MACHINE\\C]\n',
      ),
      'x.reg',
      new WorkBudget(),
    );
    expect(keys.map((k) => [k.path, Object.fromEntries(k.values)])).toEqual([
      ['HKEY_LOCAL_MACHINE\\A', {}],
      ['HKEY_LOCAL_MACHINE\\B', { x: { type: 'dword', value: 1 } }],
      ['HKEY_LOCAL_MACHINE\\C', {}],
    ]);
  });

  it.each([['"open'], ['"open\\"'], ['"open\\']])('%s is MALFORMED, naming the line', (text) => {
    expect(() =>
      readRegFile(
        utf8(`REGEDIT4\n[HKEY_LOCAL_MACHINE\\X]\n"A"=${text}\n`),
        'x.reg',
        new WorkBudget(),
      ),
    ).toThrow(/x\.reg: line 3: a quoted string without its closing quote/);
  });
});

describe('WSUS on the Default Web Site (443) next to another HTTPS site with an SNI binding', () => {
  const S = `${D}/snapshots/good-default-site`;
  const other = (host: string) =>
    `    Hostname:port                : ${host}:443\r\n    Certificate Hash             : a2baa3345ab2d9ea449b17df07f8bd4c9be2b2cd\r\n    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n    Certificate Store Name       : MY\r\n    Negotiate Client Certificate : Disabled\r\n\r\n`;
  const judge = async (host: string) => {
    const { validateSupDeployment } = await import('../src/index.js');
    const netsh = `${asText(fixture(`${S}/sslcert.txt`)).trimEnd()}\r\n\r\n${other(host)}`;
    return validateSupDeployment(
      [
        { name: 'applicationHost.config', bytes: fixture(`${S}/applicationHost.config`) },
        { name: 'sslcert.txt', bytes: utf8(netsh) },
        { name: 'setup.reg', bytes: fixture(`${S}/setup.reg`) },
        { name: 'my.sst', bytes: fixture(`${S}/my.sst`) },
      ],
      { names: 'sup01.corp.contoso.com&sup01.contoso.com', at: new Date('2027-01-01') },
    );
  };

  it("another site's hostname:port entry is not the SUP's: no SUP-DEP-002 error, a note", async () => {
    const report = await judge('reports.contoso.com');
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.deployment.bindings.map((b) => b.endpoint)).toEqual(['0.0.0.0:443']);
    expect(report.deployment.notes.join('\n')).toMatch(
      /entries for other host names on port 443 \("reports\.contoso\.com:443"\) serve other sites/,
    );
  });

  it("an SNI entry for one of the SUP's names with another certificate is still an error", async () => {
    const report = await judge('SUP01.contoso.com');
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([
      'sup.dep.binding_other_certificate',
    ]);
  });
});
