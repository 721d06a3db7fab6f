import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyChain, validateSupCertificate } from '../src/index.js';
import { WorkBudget } from '../src/limits.js';
import { explainHostMatch, unusableSanEntry } from '../src/names/matchHostname.js';
import { readCertificates } from '../src/read/readCertificates.js';
import type { CertificateInfo } from '../src/x509/CertificateInfo.js';
import { FIXTURES } from './fixtures.js';

/**
 * The Windows model of names and usage, on Wine's Windows-verified
 * certificates (certs-fixtures/wine-crypt32; the line of each assertion in cases.json) and on
 * derived certificates for the leads that no Windows-verified case settles.
 */
const wine = async (name: string): Promise<CertificateInfo> =>
  (
    await readCertificates(
      readFileSync(path.join(FIXTURES, 'wine-crypt32', 'certs', `${name}.der`)),
    )
  ).certificates[0]!;
const OCT_2007 = new Date('2007-10-01T00:00:00Z');

describe('item 1: the obsolete subjectAltName 2.5.29.7 is a SAN', () => {
  it('host matching: its wildcard matches one label, and the CN is then ignored (chain29, chain.c 5259-5267)', async () => {
    const leaf = await wine('chain29_1');
    expect(leaf.sanExtension).toBe('2.5.29.7');
    expect(leaf.dnsNames).toEqual(['*.winehq.org']);
    expect(explainHostMatch(leaf, 'test.winehq.org')).toMatchObject({
      matched: true,
      via: 'san-wildcard',
      presented: '*.winehq.org',
      hasSan: true,
    });
    expect(explainHostMatch(leaf, 'winehq.org').matched).toBe(false);
    expect(explainHostMatch(leaf, 'a.b.winehq.org').matched).toBe(false);
    expect(explainHostMatch(leaf, 'Cert2').matched).toBe(false); // the CN, ignored once a SAN exists
  });

  it('hostile: its entries are bounded by the same limit as 2.5.29.17 (LIMIT_EXCEEDED names limits.maxAltNames)', async () => {
    // chain29_1 with its 2.5.29.7 value replaced by 10,001 dNSName entries (the signature no longer
    // matters: reading comes first).
    const der = withObsoleteSan(
      readFileSync(path.join(FIXTURES, 'wine-crypt32', 'certs', 'chain29_1.der')),
      10_001,
    );
    const budget = new WorkBudget();
    const error = await readCertificates(der, { budget }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe('LIMIT_EXCEEDED');
    expect(error?.message).toMatch(/subjectAltName \(obsolete 2\.5\.29\.7\).*limits\.maxAltNames/);
    expect(budget.spent('maxElements')).toBeLessThanOrEqual(der.length / 2);
  });

  it('name constraints: a name in it outside the permitted subtree breaks the chain; critical, it is still understood (chain5)', async () => {
    const [root, leaf] = await Promise.all([wine('chain5_0'), wine('chain5_1')]);
    expect(leaf.extensions).toContainEqual({ oid: '2.5.29.7', critical: true });
    const result = await verifyChain(leaf, { trustAnchors: [root], at: OCT_2007 });
    expect(result.problems.map((p) => p.code)).toContain('NAME_CONSTRAINTS');
    expect(result.problems.map((p) => p.code)).not.toContain('UNKNOWN_CRITICAL_EXTENSION');
  });

  it('a dNSName with an embedded NUL makes the extension invalid (chain27, chainCheckEmbeddedNull)', async () => {
    const [root, leaf] = await Promise.all([wine('chain27_0'), wine('chain27_1')]);
    expect(leaf.dnsNames?.[0]).toContain('\0');
    const result = await verifyChain(leaf, { trustAnchors: [root], at: OCT_2007 });
    expect(result.problems.find((p) => p.code === 'INVALID_EXTENSION')?.message).toMatch(
      /has an obsolete subjectAltName \(2\.5\.29\.7\) dNSName with an embedded NUL byte \("foo\.com\S+baddie"\)/,
    );
  });
});

describe('item 2: a CN wildcard matches when there is no SAN, with the same rules on "*"', () => {
  it('chain31: CN "*.foo.com" matches a.foo.com, not afoo.com nor b.a.foo.com (chain.c 5286-5293)', async () => {
    const leaf = await wine('chain31_1');
    expect(leaf.dnsNames).toBeNull();
    expect(explainHostMatch(leaf, 'a.foo.com')).toMatchObject({
      matched: true,
      via: 'cn-wildcard',
      presented: '*.foo.com',
    });
    expect(explainHostMatch(leaf, 'foo.com')).toMatchObject({ matched: true, via: 'cn' });
    expect(explainHostMatch(leaf, 'afoo.com').matched).toBe(false);
    expect(explainHostMatch(leaf, 'b.a.foo.com').matched).toBe(false);
    expect(explainHostMatch(leaf, 'a.foo.com', 'strict').matched).toBe(false); // RFC 9525: no CN at all
  });

  it('SUP-NAME-010 says Windows honours it (no longer "disputed"), still a warning, with bounded comparisons', async () => {
    const budget = new WorkBudget();
    const report = await validateSupCertificate(
      readFileSync(path.join(FIXTURES, 'wine-crypt32', 'certs', 'chain31_1.der')),
      { intranetName: 'a.foo.com', at: OCT_2007, budget },
    );
    const f = report.findings.find((x) => x.rule === 'SUP-NAME-010');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toMatch(/Windows honours it/);
    expect(f?.message).not.toMatch(/disputed/);
    expect(budget.spent('maxNameComparisons')).toBe(1 + 2); // one name against 1 + two CNs
  });
});

describe('item 4: leads settled where no Windows-verified case matches them', () => {
  const base = async (): Promise<CertificateInfo> => wine('chain29_1');
  it('a SAN dNSName ending in a dot counts for nothing, in both profiles, and the reason is given', async () => {
    const cert = {
      ...(await base()),
      dnsNames: ['sup01.corp.contoso.com.'],
      sanExtension: '2.5.29.17' as const,
    };
    expect(explainHostMatch(cert, 'sup01.corp.contoso.com').matched).toBe(false);
    expect(explainHostMatch(cert, 'sup01.corp.contoso.com.', 'strict').matched).toBe(false);
    expect(unusableSanEntry(cert, 'sup01.corp.contoso.com')?.reason).toMatch(/ends in a dot/);
  });
  it('raw non-ASCII in a dNSName never matches the punycode host (RFC 5280 §7.2), in both profiles', async () => {
    const cert = { ...(await base()), dnsNames: ['bücher.contoso.com', '😀.contoso.com'] };
    for (const profile of ['windows', 'strict'] as const) {
      expect(explainHostMatch(cert, 'xn--bcher-kva.contoso.com', profile).matched).toBe(false);
      expect(explainHostMatch(cert, 'bücher.contoso.com', profile).matched).toBe(false);
    }
    expect(unusableSanEntry(cert, 'xn--bcher-kva.contoso.com')?.reason).toMatch(/A-labels/);
    // The A-label form still matches.
    expect(
      explainHostMatch({ ...cert, dnsNames: ['xn--bcher-kva.contoso.com'] }, 'bücher.contoso.com')
        .matched,
    ).toBe(true);
  });
  it('a wildcard over a single remaining label ("*.corp") still matches nothing (Wine-only behaviour, not modelled)', async () => {
    expect(
      explainHostMatch({ ...(await base()), dnsNames: ['*.corp'] }, 'sup01.corp').matched,
    ).toBe(false);
  });
});

describe('item 5: Any Purpose alone is an error with the reason', () => {
  it('SUP-EKU-001 errs on eku-any-only.pem and says why', async () => {
    const report = await validateSupCertificate(
      readFileSync(path.join(FIXTURES, 'sup', 'eku-any-only.pem')),
      { intranetName: 'sup01.corp.contoso.com', at: new Date('2027-01-01') },
    );
    const f = report.findings.find((x) => x.rule === 'SUP-EKU-001');
    expect(f?.severity).toBe('error');
    expect(f?.message).toMatch(/must contain Server Authentication/);
    expect(report.ok).toBe(false);
  });
});

/** A minimal DER TLV tree, to rebuild a certificate with another 2.5.29.7 value (test only). */
interface Tlv {
  tag: number;
  body: Buffer | Tlv[];
}
function parseTlv(buf: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let i = 0; i < buf.length;) {
    const tag = buf[i]!;
    let len = buf[i + 1]!;
    let head = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + buf[i + 2 + k]!;
      head += n;
    }
    const body = buf.subarray(i + head, i + head + len);
    out.push({ tag, body: tag & 0x20 ? parseTlv(body) : body });
    i += head + len;
  }
  return out;
}
function encodeTlv(t: Tlv): Buffer {
  const body = Buffer.isBuffer(t.body) ? t.body : Buffer.concat(t.body.map(encodeTlv));
  const len =
    body.length < 0x80
      ? Buffer.from([body.length])
      : (() => {
          const b: number[] = [];
          for (let n = body.length; n > 0; n = Math.floor(n / 256)) b.unshift(n & 0xff);
          return Buffer.from([0x80 | b.length, ...b]);
        })();
  return Buffer.concat([Buffer.from([t.tag]), len, body]);
}
function withObsoleteSan(der: Buffer, entries: number): Buffer {
  const [cert] = parseTlv(der);
  const tbs = (cert!.body as Tlv[])[0]!;
  const extsWrapper = (tbs.body as Tlv[]).find((x) => x.tag === 0xa3)!;
  const exts = (extsWrapper.body as Tlv[])[0]!;
  const ext = (exts.body as Tlv[]).find((e) =>
    encodeTlv((e.body as Tlv[])[0]!).equals(Buffer.from('0603551d07', 'hex')),
  )!;
  const names = Array.from({ length: entries }, (_, i) => ({
    tag: 0x82,
    body: Buffer.from(`h${i}.winehq.org`),
  }));
  const value = (ext.body as Tlv[])[(ext.body as Tlv[]).length - 1]!;
  value.body = encodeTlv({ tag: 0x30, body: names });
  return encodeTlv(cert!);
}
