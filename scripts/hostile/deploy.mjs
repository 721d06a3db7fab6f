// Hostile inputs for deployment snapshots (area src/deploy): each made at run time.
// run(lib, budget?) resolves to the typed outcome: a SupCertError code, or 'ok' when the file is
// read (and judged) without error. `bound` caps the work units spent.
const codeOf = (e) => {
  if (e?.name === 'SupCertError') return e.code;
  throw e;
};
const utf8 = (s) => new TextEncoder().encode(s);
const judge = (lib, files, budget) =>
  lib
    .validateSupDeployment(
      files.map(([name, bytes]) => ({ name, bytes })),
      { skipNames: true, at: new Date('2027-01-01'), ...(budget ? { budget } : {}) },
    )
    .then(() => 'ok', codeOf);

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE configuration [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<configuration><system.applicationHost><sites><site name="&h;" id="1"/></sites></system.applicationHost></configuration>`;

/**
 * `<configuration><x a0="1" a1="1" … />` with `n` distinct attribute names, written straight into
 * one buffer (an array of the attribute strings would be the case's own largest cost).
 */
function distinctAttributes(n) {
  const head = '<configuration><x ';
  const tail = '/></configuration>';
  const out = Buffer.allocUnsafe(head.length + tail.length + n * (String(n).length + 6));
  let at = out.write(head);
  for (let i = 0; i < n; i++) at += out.write(`a${i}="1" `, at, 'latin1');
  at += out.write(tail, at);
  return new Uint8Array(out.buffer, out.byteOffset, at);
}

/** @type {Array<{ id: string, kind: number, title: string, run: (lib: any, budget?: any) => Promise<string>, expect: string, bound?: Record<string, number> }>} */
export const cases = [
  {
    id: 'deploy-xml-billion-laughs',
    kind: 2,
    title:
      'applicationHost.config with an entity bomb (10^8 characters if expanded): refused before parsing',
    run: (lib, budget) => judge(lib, [['applicationHost.config', utf8(billionLaughs)]], budget),
    expect: 'MALFORMED',
    bound: { maxElements: 0 },
  },
  {
    id: 'deploy-xml-external-entity',
    kind: 2,
    title:
      'applicationHost.config with an external entity (file:///etc/passwd): refused, nothing read',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'applicationHost.config',
            utf8(
              '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><configuration>&x;</configuration>',
            ),
          ],
        ],
        budget,
      ),
    expect: 'MALFORMED',
    bound: { maxElements: 0 },
  },
  {
    id: 'deploy-xml-10mb-attribute',
    kind: 2,
    title: 'applicationHost.config with a 10 MB site name attribute',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'applicationHost.config',
            utf8(
              `<configuration><system.applicationHost><sites><site name="${'A'.repeat(10 << 20)}" id="1"/></sites></system.applicationHost></configuration>`,
            ),
          ],
        ],
        budget,
      ),
    expect: 'LIMIT_EXCEEDED',
    bound: { maxElements: 0 },
  },
  {
    id: 'deploy-xml-100k-deep',
    kind: 2,
    title: 'applicationHost.config nested 100,000 elements deep',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'applicationHost.config',
            utf8(
              `<configuration>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</configuration>`,
            ),
          ],
        ],
        budget,
      ),
    expect: 'LIMIT_EXCEEDED',
    bound: { maxElements: 0 },
  },
  {
    id: 'deploy-xml-5m-elements',
    kind: 2,
    title: 'applicationHost.config with 5 million empty elements (more than limits.maxElements)',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'applicationHost.config',
            utf8(`<configuration>${'<a/>'.repeat(5_000_000)}</configuration>`),
          ],
        ],
        budget,
      ),
    expect: 'LIMIT_EXCEEDED',
    bound: { maxElements: 4_000_000 },
  },
  {
    id: 'deploy-sst-length-2^32',
    kind: 3,
    title: '.sst whose first element claims 4 GB',
    run: (lib, budget) => {
      const b = new Uint8Array(8 + 12 + 16);
      b.set([0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54]);
      new DataView(b.buffer).setUint32(8, 32, true);
      new DataView(b.buffer).setUint32(12, 1, true);
      new DataView(b.buffer).setUint32(16, 0xffffffff, true);
      return judge(lib, [['my.sst', b]], budget);
    },
    expect: 'MALFORMED',
    bound: { maxElements: 0 },
  },
  {
    id: 'deploy-sst-1m-empty-properties',
    kind: 3,
    title: '.sst of 1,000,000 empty property elements and no certificate (bounded loop)',
    run: (lib, budget) => {
      const n = 1_000_000;
      const b = new Uint8Array(8 + 12 * n);
      b.set([0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54]);
      const v = new DataView(b.buffer);
      for (let i = 0; i < n; i++) {
        v.setUint32(8 + 12 * i, 11, true);
        v.setUint32(12 + 12 * i, 1, true);
      }
      return judge(lib, [['my.sst', b]], budget);
    },
    expect: 'ok',
    bound: { maxElements: 1_000_001 },
  },
  {
    id: 'deploy-reg-200k-continuations',
    kind: 3,
    title: '.reg with a hex value continued over 200,000 lines (joined once, not quadratically)',
    run: (lib, budget) => {
      const body = `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\MY\\Certificates\\${'A'.repeat(40)}]\r\n"Blob"=hex:00,\\\r\n${'  00,00,\\\r\n'.repeat(200_000)}  00\r\n`;
      const bytes = new Uint8Array(2 + body.length * 2);
      bytes.set([0xff, 0xfe]);
      for (let i = 0; i < body.length; i++) bytes[2 + 2 * i] = body.charCodeAt(i);
      return judge(lib, [['my.reg', bytes]], budget);
    },
    expect: 'ok',
    bound: { maxElements: 200_010 },
  },
  {
    id: 'deploy-netsh-1m-lines',
    kind: 3,
    title: 'netsh output of 300,000 "IP:port" lines without values',
    run: (lib, budget) =>
      judge(
        lib,
        [['sslcert.txt', utf8(`SSL Certificate bindings:\n${'    IP:port : \n'.repeat(300_000)}`)]],
        budget,
      ),
    expect: 'MALFORMED',
    bound: { maxElements: 300_002 },
  },
  {
    id: 'deploy-xml-32mib-elements',
    kind: 2,
    title:
      'applicationHost.config of 3.3 million elements with an attribute each (32 MiB; a general XML parser took 7 s and 1 GB)',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'applicationHost.config',
            utf8(`<configuration>${'<x a="1"/>'.repeat(3_350_000)}</configuration>`),
          ],
        ],
        budget,
      ),
    expect: 'ok',
    bound: { maxElements: 3_350_001 },
  },
  {
    id: 'deploy-xml-32mib-attributes',
    kind: 2,
    title:
      'applicationHost.config with one element of 5.6 million attributes (32 MiB; a general XML parser took 12 s and 1.5 GB)',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'applicationHost.config',
            utf8(`<configuration><x ${'a="1" '.repeat(5_590_000)}/></configuration>`),
          ],
        ],
        budget,
      ),
    expect: 'ok',
    bound: { maxElements: 2 },
  },
  {
    id: 'deploy-xml-2.3m-attribute-names',
    kind: 2,
    title:
      'applicationHost.config with one element of 2.3 million distinct attribute names (32 MiB: refused after 4,096; read whole, it took seconds and 300 MB)',
    run: (lib, budget) =>
      judge(lib, [['applicationHost.config', distinctAttributes(2_300_000)]], budget),
    expect: 'LIMIT_EXCEEDED',
    bound: { maxElements: 2 },
  },
  {
    id: 'deploy-xml-2.7m-entities',
    kind: 2,
    title:
      'applicationHost.config with 2.7 million "&lt;" attribute values (24 MiB: the raw "<" check stays linear)',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'applicationHost.config',
            utf8(`<configuration><x ${'a="&lt;" '.repeat(2_700_000)}/></configuration>`),
          ],
        ],
        budget,
      ),
    expect: 'ok',
    bound: { maxElements: 2 },
  },
  {
    id: 'deploy-xml-32mib-text',
    kind: 2,
    title: 'applicationHost.config with 32 MiB of text in one element (was 4 s and 1.3 GB)',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'applicationHost.config',
            utf8(`<configuration><x>${'a'.repeat(33_554_000)}</x></configuration>`),
          ],
        ],
        budget,
      ),
    expect: 'ok',
    bound: { maxElements: 2 },
  },
  {
    id: 'deploy-sst-2.8m-broken-certificates',
    kind: 3,
    title:
      '.sst of 2.8 million empty certificate elements (each a parse error and a note: was 20 s and 544 MB)',
    run: (lib, budget) => {
      const n = 2_790_000;
      const b = new Uint8Array(8 + 12 * n);
      b.set([0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54]);
      const v = new DataView(b.buffer);
      for (let i = 0; i < n; i++) {
        v.setUint32(8 + 12 * i, 32, true);
        v.setUint32(12 + 12 * i, 1, true);
      }
      return judge(lib, [['my.sst', b]], budget);
    },
    expect: 'LIMIT_EXCEEDED',
    bound: { maxElements: 25_000 },
  },
  {
    id: 'deploy-reg-16m-hex-bytes',
    kind: 3,
    title:
      '.reg with one hex value of 16 million bytes on one line (split into strings: 300 MB per 10 MB)',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'my.reg',
            utf8(
              `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\MY\\Certificates\\${'A'.repeat(40)}]\r\n"Blob"=hex:${'0,'.repeat(16_000_000)}0\r\n`,
            ),
          ],
        ],
        budget,
      ),
    expect: 'ok',
    bound: { maxElements: 10 },
  },
  {
    id: 'deploy-reg-280k-keys-without-blob',
    kind: 3,
    title:
      '.reg of 280,000 certificate keys without a Blob value: one note, not 280,000 (the report was 20 MB)',
    run: async (lib, budget) => {
      const key = `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\SystemCertificates\\MY\\Certificates\\${'A'.repeat(40)}]\n`;
      const report = await lib
        .validateSupDeployment(
          [{ name: 'my.reg', bytes: utf8(`REGEDIT4\n${key.repeat(280_000)}`) }],
          {
            skipNames: true,
            at: new Date('2027-01-01'),
            ...(budget ? { budget } : {}),
          },
        )
        .catch(codeOf);
      if (typeof report === 'string') return report;
      return report.deployment.notes.length <= 5 && JSON.stringify(report).length < 100_000
        ? 'ok'
        : `unbounded: ${report.deployment.notes.length} notes`;
    },
    expect: 'ok',
    bound: { maxElements: 280_002 },
  },
  {
    id: 'deploy-reg-32mib-escaped-string',
    kind: 3,
    title:
      '.reg whose ServerCertificateName is 32 MiB of escaped backslashes (appended character by character: 1.5 s and 900 MB)',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'setup.reg',
            utf8(
              `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup]\r\n"ServerCertificateName"="${'a\\\\'.repeat(11_000_000)}"\r\n`,
            ),
          ],
        ],
        budget,
      ),
    expect: 'ok',
    bound: { maxElements: 10 },
  },
  {
    id: 'deploy-reg-32mib-value-name',
    kind: 3,
    title:
      '.reg with a value name of 32 MiB (2.2 s and 1.3 GB when appended character by character)',
    run: (lib, budget) =>
      judge(
        lib,
        [
          [
            'setup.reg',
            utf8(
              `Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup]\r\n"${'n'.repeat(33_550_000)}"=dword:1\r\n`,
            ),
          ],
        ],
        budget,
      ),
    expect: 'ok',
    bound: { maxElements: 10 },
  },
];
