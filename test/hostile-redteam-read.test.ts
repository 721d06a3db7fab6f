import { failure } from './failure.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as lib from '../src/index.js';
import {
  WorkBudget,
  explainHostMatch,
  matchHostname,
  readCertificates,
  validateSupRequest,
  verifyChain,
} from '../src/index.js';
import {
  type BerContext,
  ELEMENT_BLOCK,
  MAX_CHILDREN,
  children,
  decodeOid,
  encodeOid,
  maxChildrenFor,
  oid,
  readWhole,
} from '../src/asn1/ber.js';
import { decodeString } from '../src/asn1/strings.js';
import { MAX_TIME_LENGTH, decodeTime } from '../src/asn1/time.js';
import { extensionSyntaxProblem } from '../src/chain/extensionSyntax.js';
import { nameConstraintsOf } from '../src/chain/nameConstraints.js';
import { MAX_REQUEST_TEXT } from '../src/request/readRequest.js';
import {
  ROOT_CA,
  caWithNameConstraints,
  cases,
  certificate,
  certificateOfNulls,
  certificateWithLongTime,
  certificateWithWideCn,
  der,
  infOf,
  keyOfNulls,
  leafWithCriticalList,
  p7bOfEmptyChoices,
  pem,
  pssCsr,
  repeated,
} from '../scripts/hostile/redteam-read.mjs';

/**
 * The red team's second round against the readers (F2–F6, F8, the minor ones): every hostile input
 * ends in a typed outcome, and the work is bounded in elements, characters or calls (never in wall
 * time). Inputs come from scripts/hostile/redteam-read.mjs (deterministic generators).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NAMES = { names: 'sup01.corp.contoso.com&sup01.contoso.com' };
const AT = new Date('2027-01-01T00:00:00Z');
/** Elements a call may read past the per-element cap: the block drawn ahead and the few around the list. */
const SLACK = ELEMENT_BLOCK + 64;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('hostile inputs of the red team (scripts/hostile/redteam-read.mjs), at the reported sizes', () => {
  for (const c of cases) {
    it(`${c.id}: ${c.title} → ${c.expect}`, async () => {
      expect(await c.run(lib)).toBe(c.expect);
    });
  }
});

describe('F2: one constructed element holds at most MAX_CHILDREN children, and every reader counts elements', () => {
  const ctx = (extra: Partial<BerContext> = {}): BerContext => ({
    maxDepth: 8,
    what: 'test',
    ...extra,
  });
  it('children() reads MAX_CHILDREN children and refuses one more (definite and indefinite lengths)', () => {
    expect(children(readWhole(der(0x30, repeated(0x05, MAX_CHILDREN)), ctx()), ctx())).toHaveLength(
      MAX_CHILDREN,
    );
    const over = der(0x30, repeated(0x05, MAX_CHILDREN + 1));
    expect(() => children(readWhole(over, ctx()), ctx())).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED' }),
    );
    const indefinite = (n: number): Buffer =>
      Buffer.concat([Buffer.from([0x30, 0x80]), repeated(0x05, n), Buffer.from([0, 0])]);
    expect(() => readWhole(indefinite(MAX_CHILDREN), ctx())).not.toThrow();
    expect(() => readWhole(indefinite(MAX_CHILDREN + 1), ctx())).toThrow(
      expect.objectContaining({ code: 'LIMIT_EXCEEDED' }),
    );
  });

  it('the cap follows a count limit raised above it (limits.maxCertificates)', () => {
    expect(maxChildrenFor(lib.DEFAULT_LIMITS)).toBe(MAX_CHILDREN);
    expect(maxChildrenFor({ ...lib.DEFAULT_LIMITS, maxCertificates: 100_000 })).toBe(100_000);
    const big = der(0x30, repeated(0x05, MAX_CHILDREN + 1));
    expect(
      children(readWhole(big, ctx({ maxChildren: 100_000 })), ctx({ maxChildren: 100_000 })),
    ).toHaveLength(MAX_CHILDREN + 1);
  });

  it('a PEM PRIVATE KEY of 200,000 NULLs: LIMIT_EXCEEDED, its elements drawn from the budget (the key reader counted none)', async () => {
    const budget = new WorkBudget();
    const error = await failure(readCertificates(keyOfNulls(200_000), { budget }));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(budget.spent('maxElements')).toBeGreaterThanOrEqual(MAX_CHILDREN);
    expect(budget.spent('maxElements')).toBeLessThanOrEqual(MAX_CHILDREN + SLACK);
  });

  it("a private key within the cap still draws every element it reads from the call's budget", async () => {
    const budget = new WorkBudget({ maxElements: 1_000 });
    const error = await failure(readCertificates(keyOfNulls(5_000), { budget }));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toMatch(/limits\.maxElements/);
  });

  it('a certificate whose tbsCertificate holds 3,900,000 NULLs: LIMIT_EXCEEDED after at most MAX_CHILDREN elements', async () => {
    const budget = new WorkBudget();
    expect((await failure(readCertificates(certificateOfNulls(3_900_000), { budget }))).code).toBe(
      'LIMIT_EXCEEDED',
    );
    expect(budget.spent('maxElements')).toBeLessThanOrEqual(MAX_CHILDREN + SLACK);
  });

  it('a .p7b of 3,900,000 empty [1] choices: LIMIT_EXCEEDED naming the structure, not "only a private key"', async () => {
    const budget = new WorkBudget();
    const error = await failure(readCertificates(p7bOfEmptyChoices(3_900_000), { budget }));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toMatch(/^PKCS#7: /);
    expect(error.message).not.toMatch(/private key/);
    expect(budget.spent('maxElements')).toBeLessThanOrEqual(MAX_CHILDREN + SLACK);
  });
});

describe('F2: a file without certificates says what it holds instead', () => {
  it('a .p7b of 1,000 empty [1] choices (under the cap): "a PKCS#7 bundle without any X.509 certificate", not "only a private key"', async () => {
    const error = await failure(
      lib.validateSupCertificate(p7bOfEmptyChoices(1_000), { skipNames: true }),
    );
    expect(error.code).toBe('UNKNOWN_FORMAT');
    expect(error.message).toMatch(/a PKCS#7 bundle without any X\.509 certificate/);
    expect(error.message).not.toMatch(/private key/);
    const chain = await failure(
      verifyChain(p7bOfEmptyChoices(1_000), { trustAnchors: [pem('CERTIFICATE', ROOT_CA)] }),
    );
    expect(chain.code).toBe('INVALID_OPTION');
    expect(chain.message).toMatch(
      /leaf holds no certificate \(a PKCS#7 bundle without any X\.509 certificate\)/,
    );
  });
});

describe("F3: path validation reads critical extensions with the call's budget, and fails closed", () => {
  const root = pem('CERTIFICATE', ROOT_CA);
  it('the fixture chain verifies (so the cases below fail because of the extension alone)', async () => {
    const result = await verifyChain(certificate(), { trustAnchors: [root], at: AT });
    expect(result.problems.map((p) => p.code)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  for (const kind of ['ian', 'fcrl'] as const) {
    it(`a critical ${kind === 'ian' ? 'issuerAltName' : 'freshestCRL'} of 200,000 empty entries: INVALID_EXTENSION, elements bounded`, async () => {
      const budget = new WorkBudget();
      const result = await verifyChain(leafWithCriticalList(kind, 200_000), {
        trustAnchors: [root],
        at: AT,
        budget,
      });
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => p.code)).toContain('INVALID_EXTENSION');
      expect(budget.spent('maxElements')).toBeGreaterThanOrEqual(MAX_CHILDREN);
      expect(budget.spent('maxElements')).toBeLessThanOrEqual(MAX_CHILDREN + 2_000);
    });
  }

  it('nameConstraints are read once per CA, drawing from the budget; a path search re-uses them', async () => {
    const ca = (await readCertificates(caWithNameConstraints(5_000))).certificates[0]!;
    const first = new WorkBudget();
    expect(nameConstraintsOf(ca, first)!.permitted.dns).toHaveLength(5_000);
    expect(first.spent('maxElements')).toBeGreaterThanOrEqual(10_000);
    const again = new WorkBudget();
    expect(nameConstraintsOf(ca, again)!.permitted.dns).toHaveLength(5_000);
    expect(again.spent('maxElements')).toBe(0);
    // Within the call's budget: a spent budget is LIMIT_EXCEEDED, and the CA is not marked broken by it.
    const other = (await readCertificates(caWithNameConstraints(5_000))).certificates[0]!;
    expect(() => nameConstraintsOf(other, new WorkBudget({ maxElements: 1_000 }))).toThrow(
      /limits\.maxElements/,
    );
    expect(nameConstraintsOf(other, new WorkBudget())!.permitted.dns).toHaveLength(5_000);
    // A search through a CA of 60,000 subtrees: its constraints are read once for the call.
    const budget = new WorkBudget();
    const result = await verifyChain(certificate(), {
      trustAnchors: [pem('CERTIFICATE', caWithNameConstraints(60_000))],
      at: AT,
      budget,
    });
    expect(result.valid).toBe(true);
    expect(budget.spent('maxElements')).toBeLessThanOrEqual(2 * 60_000 + 2 * 60_000 + 1_000); // parsing the anchor once + reading its constraints once
  });

  it('extensionSyntaxProblem draws from the budget and bounds an issuerAltName by limits.maxAltNames', () => {
    const value = der(
      0x30,
      Buffer.concat(Array.from({ length: 20 }, () => der(0x82, Buffer.from('a.b')))),
    );
    const budget = new WorkBudget();
    expect(extensionSyntaxProblem('2.5.29.18', value, budget)).toBeNull();
    expect(budget.spent('maxElements')).toBeGreaterThan(0);
    expect(extensionSyntaxProblem('2.5.29.18', value, new WorkBudget({ maxAltNames: 10 }))).toMatch(
      /limits\.maxAltNames/,
    );
    expect(extensionSyntaxProblem('2.5.29.18', value, new WorkBudget({ maxElements: 5 }))).toMatch(
      /limits\.maxElements/,
    );
  });
});

describe('F4: certreq INF and attribute text: 1 MiB at most, linear, no spread', () => {
  it('an INF over MAX_REQUEST_TEXT characters is LIMIT_EXCEEDED, naming the bound', async () => {
    expect(MAX_REQUEST_TEXT).toBe(1024 * 1024);
    const inf = infOf('eku-text', 200_000);
    expect(inf.length).toBeGreaterThan(MAX_REQUEST_TEXT);
    const error = await failure(validateSupRequest(inf, NAMES));
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(error.message).toMatch(/1,048,576 characters/);
    expect(
      (await failure(validateSupRequest(`san:dns=${'a'.repeat(MAX_REQUEST_TEXT)}`, NAMES))).code,
    ).toBe('LIMIT_EXCEEDED');
  });

  it('an EKU {text} list of 58,000 OIDs (just under the bound) is read, one entry per OID', async () => {
    const inf = infOf('eku-text', 58_000);
    expect(inf.length).toBeLessThanOrEqual(MAX_REQUEST_TEXT);
    const report = await validateSupRequest(inf, NAMES);
    expect(report.request.ekuSource).toBe('extension');
    expect(report.certificate.extendedKeyUsages).toHaveLength(58_000);
  });

  it('the reader has no spread call: an EKU list longer than any argument list is read (readRequest.ts)', () => {
    // Caught by the spread scan below as well; this is the case the red team hit (200,000 OIDs).
    const source = readFileSync(path.join(ROOT, 'src/request/readRequest.ts'), 'utf8');
    expect(source).not.toMatch(/ekuLines\.push\(\.\.\./);
  });
});

describe('F5: time strings have a fixed bound', () => {
  const time = (text: string): Buffer => der(0x18, Buffer.from(text, 'latin1'));
  const ctx: BerContext = { maxDepth: 8, what: 'certificate' };
  it(`a GeneralizedTime of ${MAX_TIME_LENGTH} characters is read, one more is MALFORMED naming its size`, () => {
    const ok = `20260101000000.${'0'.repeat(MAX_TIME_LENGTH - 16)}Z`;
    expect(ok).toHaveLength(MAX_TIME_LENGTH);
    expect(decodeTime(readWhole(time(ok), ctx), 'notBefore', ctx).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(() =>
      decodeTime(readWhole(time(`${ok.slice(0, -1)}0Z`), ctx), 'notBefore', ctx),
    ).toThrow(/of 33 bytes \(at most 32\)/);
  });

  it('a 300 KB GeneralizedTime in a certificate: MALFORMED (was a RangeError)', async () => {
    const error = await failure(readCertificates(certificateWithLongTime(300_000)));
    expect(error.code).toBe('MALFORMED');
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('F6: no spread call in src/ (a file-sized array overflows the stack)', () => {
  /**
   * Call arguments `f(...xs)` reviewed as bounded by a constant (not by a file). Everything else
   * is refused: `push(...xs)`, `String.fromCharCode(...bytes)`, `Math.max(...xs)` with a file-sized
   * array throw RangeError (a directory of 130,000 files, an INF of 200,000 OIDs, a 300 KB time).
   */
  const REVIEWED: Record<string, string> = {
    'src/cli/output/text.ts: out.push(...findingLines(f, s, true))':
      'the lines of one finding (message, source): a handful',
    'src/cli/output/requestText.ts: out.push(...findingLines(f, s, true))': 'as above',
    'src/cli/output/requestText.ts: out.push(...findingLines(f, s, false))': 'as above',
    'src/util/bytes.ts: String.fromCharCode(...bytes.subarray(i, i + CHUNK))':
      'at most CHUNK (8,192) bytes a call; the text is joined from the chunks',
    'src/util/bytes.ts: String.fromCharCode(...units.subarray(i, i + CHUNK))':
      'at most CHUNK (8,192) UTF-16 code units a call',
  };
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : e.name.endsWith('.ts')
          ? [path.join(dir, e.name)]
          : [],
    );

  it('every spread argument in src/ is one of the reviewed, constant-bounded ones', () => {
    const found: string[] = [];
    for (const file of files(path.join(ROOT, 'src'))) {
      const source = ts.createSourceFile(
        file,
        readFileSync(file, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
      );
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          for (const arg of node.arguments ?? []) {
            if (ts.isSpreadElement(arg))
              found.push(
                `${path.relative(ROOT, file).split(path.sep).join('/')}: ${node.expression.getText(source)}(${arg.getText(source).replace(/\s+/g, ' ')})`,
              );
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found.length).toBeGreaterThan(0); // the scan sees the reviewed ones: it is not blind
    expect(found.filter((f) => !(f in REVIEWED))).toEqual([]);
  });
});

describe('F8: BMPString and UniversalString are decoded in bulk', () => {
  const ctx: BerContext = { maxDepth: 8, what: 'test' };
  const oldBmp = (bytes: Uint8Array): string => {
    let out = '';
    for (let i = 0; i < bytes.length; i += 2)
      out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return out;
  };
  it('decodes as the per-character decoder did, lone surrogates included', () => {
    const samples = [
      [0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00, 0xd8, 0x00, 0x00, 0x20, 0xff, 0xfe],
      [],
      [0xdc, 0x00],
    ];
    for (const s of samples)
      expect(decodeString(readWhole(der(0x1e, Buffer.from(s)), ctx), ctx, 'cn')).toBe(
        oldBmp(Uint8Array.from(s)),
      );
    const universal = Buffer.from([
      0, 0, 0, 0x41, 0, 1, 0xf6, 0x00, 0, 0, 0xd8, 0x00, 0, 0x10, 0xff, 0xff,
    ]);
    expect(decodeString(readWhole(der(0x1c, universal), ctx), ctx, 'cn')).toBe(
      `A\u{1f600}\ud800\u{10ffff}`,
    );
    expect(() =>
      decodeString(readWhole(der(0x1c, Buffer.from([0, 0x11, 0, 0])), ctx), ctx, 'cn'),
    ).toThrow(/invalid/);
    expect(() =>
      decodeString(readWhole(der(0x1e, Buffer.from([0, 0x41, 0])), ctx), ctx, 'cn'),
    ).toThrow(/invalid/);
  });

  it('a 3 MB BMPString CN costs no per-character String.fromCharCode / fromCodePoint call', async () => {
    const fromCharCode = vi.spyOn(String, 'fromCharCode');
    const fromCodePoint = vi.spyOn(String, 'fromCodePoint');
    const bundle = await readCertificates(certificateWithWideCn('bmp', 3_000_000));
    expect(bundle.certificates[0]!.commonNames[0]).toHaveLength(1_500_000);
    expect(fromCharCode.mock.calls.length + fromCodePoint.mock.calls.length).toBeLessThan(1_000);
    const universal = await readCertificates(certificateWithWideCn('universal', 3_000_000));
    expect(universal.certificates[0]!.commonNames[0]).toHaveLength(750_000);
    expect(fromCharCode.mock.calls.length + fromCodePoint.mock.calls.length).toBeLessThan(1_000);
  });
});

describe('borderline: a PEM of 20,000 mixed blocks (OIDs memoised by their bytes)', () => {
  it("oid() gives decodeOid's text for more distinct OIDs than the memo holds, short and long, valid and not", () => {
    const ctx: BerContext = { maxDepth: 8, what: 'test' };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 3_000; i++) {
        const text =
          i % 3 === 0
            ? `1.2.840.113549.1.${i}`
            : i % 3 === 1
              ? `2.25.${BigInt(i) ** 9n}`
              : `1.3.6.1.4.1.311.${i}.${i}.${i}.${i}.${i}.${i}.${i}`;
        const bytes = encodeOid(text);
        expect(oid(readWhole(der(0x06, Buffer.from(bytes)), ctx), 'oid', ctx)).toBe(text);
        expect(decodeOid(bytes)).toBe(text);
      }
    }
    expect(() => oid(readWhole(der(0x06, Buffer.from([0x2a, 0x86])), ctx), 'oid', ctx)).toThrow(
      /not a valid OBJECT IDENTIFIER/,
    );
    expect(() => oid(readWhole(der(0x06, Buffer.from([0x2a, 0x86])), ctx), 'oid', ctx)).toThrow(
      /not a valid OBJECT IDENTIFIER/,
    );
  });
});

describe("minor: RSA-PSS requests and matchHostname's inputs", () => {
  it('a valid RSA-PSS CSR verifies; the same CSR with its signature altered does not (SUP-REQ-001)', async () => {
    const csr = pssCsr();
    expect(
      (await validateSupRequest(csr, { skipNames: true })).findings.map((f) => f.rule),
    ).not.toContain('SUP-REQ-001');
    const text = csr.toString('latin1');
    const der = Buffer.from(text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    der.writeUInt8(der.readUInt8(der.length - 5) ^ 0x01, der.length - 5); // inside the signature BIT STRING
    expect(
      (await validateSupRequest(der, { skipNames: true })).findings.map((f) => f.rule),
    ).toContain('SUP-REQ-001');
  });

  it('matchHostname / explainHostMatch refuse what is not a certificate, a host or a profile with INVALID_OPTION', async () => {
    const cert = (await readCertificates(certificate())).certificates[0]!;
    expect(matchHostname(cert, 'sup01.corp.contoso.com')).toBe(true);
    const bad: Array<() => unknown> = [
      () => matchHostname({} as never, 'a.b'),
      () => matchHostname(null as never, 'a'),
      () => matchHostname({ commonNames: [], ipAddresses: [], dnsNames: [1] } as never, 'a'),
      () => matchHostname(cert, 5 as never),
      () => matchHostname(cert, 'a.b', null as never),
      () => matchHostname(cert, 'a.b', { profile: 'linux' as never }),
      () => explainHostMatch(undefined as never, 'a.b'),
    ];
    for (const call of bad)
      expect(call).toThrow(
        expect.objectContaining({ name: 'SupCertError', code: 'INVALID_OPTION' }),
      );
  });
});
