import { describe, expect, it } from 'vitest';
import { WorkBudget, readCertificates, verifyChain } from '../src/index.js';
import { fixture, rejectionCode } from './fixtures.js';

// verifyChain takes what the README's nearby examples read (Buffers, PEM text)
// as well as read certificates, and bad values are INVALID_OPTION, never a TypeError.

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const leafBytes = fixture('sup/good-both.pem');
const rootBytes = fixture('sup/root.pem');
const issuingBytes = fixture('sup/issuing.pem');
const read = async (b: Buffer) => (await readCertificates(b)).certificates[0]!;
const [leaf, root, issuing] = [
  await read(leafBytes),
  await read(rootBytes),
  await read(issuingBytes),
];
const at = new Date(leaf.notBefore.getTime() + 86_400_000);
const subjects = (path: Array<{ subject: string }>) => path.map((c) => c.subject);
const EXPECTED_PATH = [leaf.subject, issuing.subject, root.subject];

describe('verifyChain inputs (item 7)', () => {
  it.each([
    ['CertificateInfo', leaf, [root], [issuing]],
    ['Buffers', leafBytes, [rootBytes], [issuingBytes]],
    [
      'Uint8Arrays',
      new Uint8Array(leafBytes),
      [new Uint8Array(rootBytes)],
      [new Uint8Array(issuingBytes)],
    ],
    [
      'PEM text',
      leafBytes.toString('utf8'),
      [rootBytes.toString('utf8')],
      [issuingBytes.toString('utf8')],
    ],
    ['DER bytes', Buffer.from(leaf.der), [Buffer.from(root.der)], [Buffer.from(issuing.der)]],
    ['a mix', leafBytes, [root], [issuingBytes.toString('utf8')]],
    ['a chain PEM as one intermediates entry', leaf, [root], [fixture('sup/chain.pem')]],
    [
      'a fullchain leaf file (its CA certificates join the intermediates)',
      `${leafBytes}${issuingBytes}`,
      [root],
      [],
    ],
  ] as const)('%s: the same valid path', async (_what, l, anchors, intermediates) => {
    const result = await verifyChain(l as never, {
      trustAnchors: [...anchors] as never,
      intermediates: [...intermediates] as never,
      at,
      requiredEku: SERVER_AUTH,
    });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(subjects(result.path)).toEqual(EXPECTED_PATH);
  });

  it.each([
    ['leaf null', null, { trustAnchors: [root] }, /leaf must be .*got null/],
    ['leaf a number', 42, { trustAnchors: [root] }, /leaf must be .*got number/],
    [
      'leaf a plain object',
      { subject: 'CN=x' },
      { trustAnchors: [root] },
      /leaf must be .*got object/,
    ],
    [
      'leaf an array of Buffers',
      [leafBytes],
      { trustAnchors: [root] },
      /leaf must be .*got an array/,
    ],
    ['no options', leaf, undefined, /needs options with trustAnchors/],
    ['trustAnchors missing', leaf, {}, /trustAnchors must be an array/],
    [
      'trustAnchors a Buffer, not an array',
      leaf,
      { trustAnchors: rootBytes },
      /trustAnchors must be an array/,
    ],
    [
      'a trust anchor undefined',
      leaf,
      { trustAnchors: [undefined] },
      /trustAnchors\[0\] must be .*got undefined/,
    ],
    [
      'an intermediate a number',
      leaf,
      { trustAnchors: [root], intermediates: [root, 7] },
      /intermediates\[1\] must be/,
    ],
    [
      'intermediates not an array',
      leaf,
      { trustAnchors: [root], intermediates: issuing },
      /intermediates must be an array/,
    ],
    [
      'a key file as the trust anchor',
      leaf,
      { trustAnchors: [fixture('sup/good-both.key')] },
      /trustAnchors\[0\] holds no certificate/,
    ],
    [
      'requiredEku not an OID',
      leaf,
      { trustAnchors: [root], requiredEku: 'serverAuth' },
      /requiredEku "serverAuth" is not an OID/,
    ],
    [
      'requiredEku with an empty set',
      leaf,
      { trustAnchors: [root], requiredEku: { oids: [], match: 'or' } },
      /requiredEku must be one OID/,
    ],
    [
      'requiredEku with a bad match',
      leaf,
      { trustAnchors: [root], requiredEku: { oids: [SERVER_AUTH], match: 'xor' } },
      /requiredEku must be one OID/,
    ],
    [
      'requiredEku with a bad OID in the set',
      leaf,
      { trustAnchors: [root], requiredEku: { oids: [SERVER_AUTH, '1..2'], match: 'and' } },
      /requiredEku.oids: "1..2"/,
    ],
    ['at not a date', leaf, { trustAnchors: [root], at: '2027-01-01' }, /at must be a valid Date/],
  ] as const)('%s is INVALID_OPTION, never a TypeError', async (_what, l, options, message) => {
    const error = await verifyChain(l as never, options as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SupCertError', code: 'INVALID_OPTION' });
    expect((error as Error).message).toMatch(message);
  });

  it("unreadable bytes keep the reader's code, prefixed with where they were given", async () => {
    const error = (await verifyChain(leaf, {
      trustAnchors: [root, Buffer.from('not a certificate!')] as never,
    }).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('UNKNOWN_FORMAT');
    expect(error.message).toMatch(/^trustAnchors\[1\]: /);
    expect(
      await rejectionCode(
        verifyChain(Buffer.from([0x30, 0x82, 0x10]) as never, { trustAnchors: [root] }),
      ),
    ).toBe('MALFORMED');
  });

  it('a shared budget bounds reading and the search together', async () => {
    const budget = new WorkBudget({ maxInputBytes: 100 });
    expect(await rejectionCode(verifyChain(leafBytes, { trustAnchors: [rootBytes], budget }))).toBe(
      'LIMIT_EXCEEDED',
    );
  });

  describe('requiredEku as a set', () => {
    const run = (requiredEku: unknown) =>
      verifyChain(leafBytes, {
        trustAnchors: [rootBytes],
        intermediates: [issuingBytes],
        at,
        requiredEku: requiredEku as never,
      });

    it.each([
      ['one OID the leaf has', SERVER_AUTH, true],
      ['one OID it lacks', CLIENT_AUTH, false],
      ['and: both, one missing', { oids: [SERVER_AUTH, CLIENT_AUTH], match: 'and' }, false],
      ['and: the missing one first', { oids: [CLIENT_AUTH, SERVER_AUTH], match: 'and' }, false],
      ['and: one OID present', { oids: [SERVER_AUTH], match: 'and' }, true],
      ['or: one of them present', { oids: [CLIENT_AUTH, SERVER_AUTH], match: 'or' }, true],
      ['or: none present', { oids: [CLIENT_AUTH, '1.3.6.1.5.5.7.3.4'], match: 'or' }, false],
      ['and: duplicates collapse', { oids: [SERVER_AUTH, SERVER_AUTH], match: 'and' }, true],
    ] as const)('%s → valid %s', async (_what, eku, valid) => {
      const result = await run(eku);
      expect(result.valid).toBe(valid);
      if (!valid)
        expect(result.problems).toContainEqual(
          expect.objectContaining({ code: 'EKU_NOT_ALLOWED' }),
        );
    });

    it('a leaf with client and server authentication passes and: both', async () => {
      const both = fixture('sup/eku-server-client.pem');
      const result = await verifyChain(both, {
        trustAnchors: [rootBytes],
        intermediates: [issuingBytes],
        at,
        requiredEku: { oids: [SERVER_AUTH, CLIENT_AUTH], match: 'and' },
      });
      expect(result.valid).toBe(true);
    });
  });
});
