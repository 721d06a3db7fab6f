import { describe, expect, it } from 'vitest';
import { type CertificateInfo, readCertificates, verifyChain } from '../src/index.js';
import { fixture, fixtureJson } from './fixtures.js';

/**
 * verifyChain on badssl.com's real chains (certs-fixtures/badssl, see its README): each file is
 * the chain as badssl served it, leaf first, then the intermediates; the public roots are NOT in
 * the files. So the top certificate of a file (an intermediate, or a cross-signed CA) stands in
 * as the trust anchor, and every validation happens at a time inside the leaf's validity unless
 * the test is about expiry.
 */

interface BadsslEntry {
  file: string;
  leaf_validity: [string, string];
  certificates: Array<{ subject: string; issuer: string; not_before: string; not_after: string }>;
}

const manifest = fixtureJson<BadsslEntry[]>('badssl/manifest.json');
const entry = (file: string): BadsslEntry => {
  const e = manifest.find((m) => m.file === file);
  if (!e) throw new Error(`badssl manifest has no ${file}`);
  return e;
};
const chains = new Map<string, Promise<CertificateInfo[]>>();
function chainOf(file: string): Promise<CertificateInfo[]> {
  let chain = chains.get(file);
  if (!chain) {
    chain = readCertificates(fixture(`badssl/${file}`)).then((b) => b.certificates);
    chains.set(file, chain);
  }
  return chain;
}
/** Midpoint of the leaf's validity, from the manifest. */
function midpoint(file: string): Date {
  const [from, to] = entry(file).leaf_validity.map((t) => new Date(t).getTime());
  return new Date((from! + to!) / 2);
}

// Chains that are complete up to their top certificate (everything but the two single-cert files).
const complete = manifest
  .filter((m) => m.certificates.length >= 2)
  .map((m) => ({ file: m.file, count: m.certificates.length }));

describe('badssl.com chains through verifyChain', () => {
  it('the files hold the chains the manifest describes, leaf first', async () => {
    expect(complete.map((c) => c.file).sort()).toEqual([
      'subdomain-1000-sans.pem',
      'subdomain-no-subject.pem',
      'subdomain-xn--n1aae7f7o.pem',
      'wildcard-ecc256.pem',
      'wildcard-expired.pem',
      'wildcard-rsa2048.pem',
      'wildcard-rsa4096.pem',
      'wildcard-sha1-2016.pem',
      'wildcard-sha1-intermediate.pem',
      'wildcard-sha384.pem',
    ]);
    for (const m of manifest) {
      const chain = await chainOf(m.file);
      expect(chain.map((c) => c.notAfter.toISOString())).toEqual(
        m.certificates.map((c) => new Date(c.not_after).toISOString()),
      );
      // Each certificate is issued by the next one (by name).
      for (let i = 0; i + 1 < m.certificates.length; i++)
        expect(m.certificates[i]!.issuer).toBe(m.certificates[i + 1]!.subject);
    }
  });

  // (d) A complete chain validates when its top certificate is trusted, at a time inside the leaf's
  // validity. (SHA-1 signatures are not a chain failure: Windows refuses MD2/MD5 in the chain; SHA-1
  // is the SUP rules' concern, not verifyChain's.)
  it.each(complete)(
    '$file: valid with its top certificate trusted, at the midpoint of the leaf validity',
    async ({ file, count }) => {
      const chain = await chainOf(file);
      expect(chain).toHaveLength(count);
      const top = chain[count - 1]!;
      const result = await verifyChain(chain[0]!, {
        trustAnchors: [top],
        intermediates: chain.slice(1, -1),
        at: midpoint(file),
      });
      expect(result.problems).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.path.map((c) => c.sha256)).toEqual(chain.map((c) => c.sha256));
    },
  );

  it('wildcard-rsa2048.pem: its issuer trusted directly, with no intermediates given: valid, path of two', async () => {
    const chain = await chainOf('wildcard-rsa2048.pem');
    const leaf = chain[0]!;
    const direct = await verifyChain(leaf, {
      trustAnchors: [chain[1]!],
      at: midpoint('wildcard-rsa2048.pem'),
    });
    expect(direct.valid).toBe(true);
    expect(direct.path.map((c) => c.sha256)).toEqual([leaf.sha256, chain[1]!.sha256]);
  });

  describe('(a) wildcard-self-signed.pem', () => {
    const file = 'wildcard-self-signed.pem';
    const subject = 'CN=*.badssl.com,O=BadSSL,L=San Francisco,ST=California,C=US';

    it('is one self-signed certificate', async () => {
      const chain = await chainOf(file);
      expect(chain).toHaveLength(1);
      expect(chain[0]!.subject).toBe(subject);
      expect(chain[0]!.issuer).toBe(subject);
      expect(chain[0]!.selfIssued).toBe(true);
    });

    it('with no trust anchors: NO_PATH, naming itself as the untrusted issuer', async () => {
      const [leaf] = await chainOf(file);
      const result = await verifyChain(leaf!, { trustAnchors: [], at: midpoint(file) });
      expect(result.valid).toBe(false);
      expect(result.path.map((c) => c.sha256)).toEqual([leaf!.sha256]);
      expect(result.problems).toEqual([
        {
          code: 'NO_PATH',
          message: `No chain from "${subject}" to a trusted root: the issuer "${subject}" of "${subject}" is not among the trust anchors given.`,
          certificate: subject,
        },
      ]);
    });

    it('trusting the certificate itself: valid inside its validity, path of one', async () => {
      const [leaf] = await chainOf(file);
      const result = await verifyChain(leaf!, { trustAnchors: [leaf!], at: midpoint(file) });
      expect(result.problems).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.path.map((c) => c.sha256)).toEqual([leaf!.sha256]);
    });

    it('trusting the certificate itself: EXPIRED after its notAfter (2018-08-08)', async () => {
      const [leaf] = await chainOf(file);
      const result = await verifyChain(leaf!, {
        trustAnchors: [leaf!],
        at: new Date('2019-01-01T00:00:00Z'),
      });
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => [p.code, p.certificate])).toEqual([['EXPIRED', subject]]);
    });
  });

  describe('(b) wildcard-incomplete-chain.pem', () => {
    const file = 'wildcard-incomplete-chain.pem';
    const leafSubject = 'CN=*.badssl.com,O=Lucas Garron Torres,L=Walnut Creek,ST=California,C=US';
    const issuer = 'CN=DigiCert SHA2 Secure Server CA,O=DigiCert Inc,C=US';

    it('is the leaf of wildcard-rsa2048.pem alone', async () => {
      const chain = await chainOf(file);
      expect(chain).toHaveLength(1);
      expect(chain[0]!.sha256).toBe((await chainOf('wildcard-rsa2048.pem'))[0]!.sha256);
      expect(chain[0]!.issuer).toBe(issuer);
    });

    it('without its issuer: NO_PATH naming the missing issuer and where AIA points for it', async () => {
      const [leaf] = await chainOf(file);
      // An unrelated trust anchor (badssl's self-signed certificate): the missing issuer is not there.
      const [unrelated] = await chainOf('wildcard-self-signed.pem');
      const result = await verifyChain(leaf!, { trustAnchors: [unrelated!], at: midpoint(file) });
      expect(result.valid).toBe(false);
      expect(result.path.map((c) => c.sha256)).toEqual([leaf!.sha256]);
      expect(result.problems).toEqual([
        {
          code: 'NO_PATH',
          message: `No chain from "${leafSubject}" to a trusted root: the issuer "${issuer}" of "${leafSubject}" is not among the trust anchors given (its AIA points to http://cacerts.digicert.com/DigiCertSHA2SecureServerCA.crt).`,
          certificate: leafSubject,
        },
      ]);
    });

    it('trusting the issuer taken from wildcard-rsa2048.pem (the complete chain of the same leaf): valid', async () => {
      const [leaf] = await chainOf(file);
      const issuerCert = (await chainOf('wildcard-rsa2048.pem'))[1]!;
      expect(issuerCert.subject).toBe(issuer);
      const result = await verifyChain(leaf!, { trustAnchors: [issuerCert], at: midpoint(file) });
      expect(result.problems).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.path.map((c) => c.sha256)).toEqual([leaf!.sha256, issuerCert.sha256]);
    });
  });

  describe('(c) wildcard-expired.pem', () => {
    const file = 'wildcard-expired.pem';
    const leafSubject = 'CN=*.badssl.com,OU=PositiveSSL Wildcard,OU=Domain Control Validated';

    it('trusting its top certificate (COMODO RSA CA, cross-signed, valid to 2020-05-30): EXPIRED for the leaf only, after 2015-04-12', async () => {
      const chain = await chainOf(file);
      expect(chain).toHaveLength(3);
      expect(chain[0]!.subject).toBe(leafSubject);
      expect(chain[0]!.notAfter.toISOString()).toBe('2015-04-12T23:59:59.000Z');
      const result = await verifyChain(chain[0]!, {
        trustAnchors: [chain[2]!],
        intermediates: [chain[1]!],
        at: new Date('2016-01-01T00:00:00Z'),
      });
      expect(result.valid).toBe(false);
      expect(result.path.map((c) => c.sha256)).toEqual(chain.map((c) => c.sha256));
      expect(result.problems).toEqual([
        {
          code: 'EXPIRED',
          message: `the certificate "${leafSubject}" expired on 2015-04-12T23:59:59.000Z.`,
          certificate: leafSubject,
        },
      ]);
    });

    it('one second after notAfter is already EXPIRED; at notAfter it is valid', async () => {
      const chain = await chainOf(file);
      const options = { trustAnchors: [chain[2]!], intermediates: [chain[1]!] };
      const atEnd = await verifyChain(chain[0]!, {
        ...options,
        at: new Date('2015-04-12T23:59:59Z'),
      });
      expect(atEnd.problems).toEqual([]);
      const after = await verifyChain(chain[0]!, {
        ...options,
        at: new Date('2015-04-13T00:00:00Z'),
      });
      expect(after.problems.map((p) => p.code)).toEqual(['EXPIRED']);
    });

    it('after the trusted cross-signed CA itself expires (2020-05-30), the anchor is EXPIRED too', async () => {
      const chain = await chainOf(file);
      const result = await verifyChain(chain[0]!, {
        trustAnchors: [chain[2]!],
        intermediates: [chain[1]!],
        at: new Date('2021-01-01T00:00:00Z'),
      });
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => [p.code, p.certificate])).toEqual([
        ['EXPIRED', leafSubject],
        ['EXPIRED', chain[2]!.subject],
      ]);
    });
  });
});
