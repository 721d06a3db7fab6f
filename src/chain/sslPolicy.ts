import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { certificateListArgument } from '../x509/certificateArgument.js';
import { invalidArgument } from '../x509/arguments.js';
import { ownOptions } from '../util/ownOptions.js';
import { answersFinal, isRuntimeLimit } from '../port/signatures.js';
import { checkSignature } from './signature.js';
import type { ChainProblem, ChainProblemCode, ChainResult } from './verifyChain.js';
import { lastItem } from '../util/item.js';

/**
 * The single error CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL) returns, and the order
 * in which the errors a certificate has would surface one after another as each is fixed.
 *
 * Windows returns ONE policy error and judges the chain before the name. The order, with its
 * evidence (Wine dlls/crypt32/tests/chain.c, whose assertions outside todo_wine/broken() are
 * Windows' results; certs-fixtures/wine-crypt32 has them with their lines):
 *  1. TRUST_E_CERT_SIGNATURE before CERT_E_UNTRUSTEDROOT (sslPolicyCheck chain1, chain12: a bad
 *     signature under an untrusted root);
 *  2. CERT_E_UNTRUSTEDROOT / CERT_E_CHAINING before CERT_E_EXPIRED (chain0: expired, untrusted) and
 *     before CERT_E_CRITICAL (chain30 without the unknown-CA flag);
 *  3. CERT_E_EXPIRED before CERT_E_CN_NO_MATCH, and every chain error before the name (the
 *     sslPolicyCheck runs with pwszServerName "winehq.org" and AUTHTYPE_SERVER: no chain there
 *     answers CERT_E_CN_NO_MATCH; googlePolicyCheckWithMatchingNameExpired);
 *  4. within the chain's own errors after the time: wrong usage, then an unsupported critical
 *     extension, then name constraints — the order of Wine's verify_ssl_policy (dlls/crypt32/chain.c),
 *     not yet confirmed pairwise on Windows; TRUST_E_BASIC_CONSTRAINTS (Windows sets
 *     CERT_TRUST_INVALID_BASIC_CONSTRAINTS: chainCheck chain3/4/8, and its policies fail on it unless
 *     CERT_CHAIN_POLICY_IGNORE_INVALID_BASIC_CONSTRAINTS_FLAG is given, Microsoft CERT_CHAIN_POLICY_PARA)
 *     is ranked after the root; that rank is not Windows-verified (docs/wine-differences.md).
 */
export interface PolicyError {
  /** CryptoAPI HRESULT as text, e.g. "0x800B0109". */
  code: string;
  /** Its winerror.h name, e.g. "CERT_E_UNTRUSTEDROOT". */
  name: string;
  /** What in the certificate causes it (the first problem of its kind, or the name mismatch). */
  reason: string;
}

/** Ignore flags of SSL_EXTRA_CERT_CHAIN_POLICY_PARA.fdwChecks that supcert models. */
export interface PolicyFlags {
  /** SECURITY_FLAG_IGNORE_UNKNOWN_CA (or CERT_CHAIN_POLICY_ALLOW_UNKNOWN_CA_FLAG). */
  ignoreUnknownCa?: boolean;
  /** SECURITY_FLAG_IGNORE_CERT_DATE_INVALID. */
  ignoreDates?: boolean;
  /** SECURITY_FLAG_IGNORE_CERT_CN_INVALID. */
  ignoreName?: boolean;
}

interface Rank {
  code: string;
  name: string;
  problems: ChainProblemCode[];
}

/** In Windows' order. NO_PATH is split in untrusted root / missing issuer by `chainingKind`. */
const RANKS: Rank[] = [
  {
    code: '0x80096004',
    name: 'TRUST_E_CERT_SIGNATURE',
    problems: [
      'BAD_SIGNATURE',
      'UNSUPPORTED_SIGNATURE',
      'WEAK_SIGNATURE',
      'WEAK_KEY',
      'SIGNATURE_ALGORITHM_MISMATCH',
    ],
  },
  { code: '0x800B0109', name: 'CERT_E_UNTRUSTEDROOT', problems: [] },
  {
    code: '0x800B010A',
    name: 'CERT_E_CHAINING',
    problems: ['DEPTH_EXCEEDED', 'SEARCH_LIMIT', 'EMPTY_NAME'],
  },
  { code: '0x80096019', name: 'TRUST_E_BASIC_CONSTRAINTS', problems: ['NOT_CA', 'PATH_LENGTH'] },
  { code: '0x800B0101', name: 'CERT_E_EXPIRED', problems: ['EXPIRED', 'NOT_YET_VALID'] },
  { code: '0x800B0110', name: 'CERT_E_WRONG_USAGE', problems: ['EKU_NOT_ALLOWED', 'KEY_USAGE'] },
  {
    code: '0x800B0105',
    name: 'CERT_E_CRITICAL',
    problems: ['UNKNOWN_CRITICAL_EXTENSION', 'INVALID_EXTENSION'],
  },
  { code: '0x800B0114', name: 'CERT_E_INVALID_NAME', problems: ['NAME_CONSTRAINTS'] },
];
const CN_NO_MATCH = { code: '0x800B010F', name: 'CERT_E_CN_NO_MATCH' };

/** The CryptoAPI policy errors in the order Windows reports them (the name last). */
export const POLICY_ERROR_ORDER: ReadonlyArray<{ code: string; name: string }> = [
  ...RANKS.map(({ code, name }) => ({ code, name })),
  CN_NO_MATCH,
];

/**
 * Whether a failed search stopped at a self-signed certificate nobody trusts (CERT_E_UNTRUSTEDROOT,
 * also for a cycle: Wine chain.c sslPolicyCheck chain9) or at a certificate whose issuer is nowhere
 * (CERT_E_CHAINING).
 */
function noPathError(chain: ChainResult): Rank {
  const last = lastItem(chain.path);
  return last && (last.selfIssued || isCyclic(chain)) ? RANKS[1]! : RANKS[2]!;
}

/** The search stopped where the next issuer is already in the path (CERT_TRUST_IS_CYCLIC). */
function isCyclic(chain: ChainResult): boolean {
  const last = lastItem(chain.path);
  return last !== undefined && chain.path.slice(0, -1).some((c) => c.subject === last.issuer);
}

/**
 * Every policy error the certificate has, in the order Windows reports them: element 0 is what
 * a client shows now; fixing it shows element 1, and so on. `chain` null = not validated (no
 * trust anchors): only the name is judged. `nameMatches` null = no host name given. `nameReason`
 * is the text of the name error's `reason`. Never throws for a ChainResult of verifyChain.
 *
 * @throws SupCertError INVALID_OPTION when `chain` is neither null nor a ChainResult (valid,
 *   path of CertificateInfo, problems with a code), `nameMatches` neither a boolean nor null (undefined is null),
 *   `flags` not an object or `nameReason` not a string.
 */
export function sslPolicyErrors(
  chain: ChainResult | null,
  nameMatches: boolean | null,
  flags: PolicyFlags = {},
  nameReason = 'the host name is not in the certificate',
): PolicyError[] {
  checkPolicyArguments(chain, nameMatches, flags, nameReason);
  // Own keys only, on an object without a prototype (src/util/ownOptions.ts).
  flags = ownOptions(flags);
  const found = new Map<string, PolicyError>();
  const note = (rank: Rank | { code: string; name: string }, reason: string): void => {
    if (!found.has(rank.code)) found.set(rank.code, { code: rank.code, name: rank.name, reason });
  };
  const top = chain ? lastItem(chain.path) : undefined;
  if (top && top.selfIssued) {
    const bad = rootSelfSignatureProblem(top);
    if (bad) note(RANKS[0]!, bad);
  }
  if (chain && !chain.valid) {
    const stuck = lastItem(chain.path);
    for (const p of chain.problems) {
      // A failed search records every candidate issuer whose signature did not verify; Windows
      // reports a signature error only on the path it builds: when the search could not go on
      // because of it (Wine chain.c sslPolicyCheck chain11: a same-name impostor next to the right
      // root answers CERT_E_UNTRUSTEDROOT, not TRUST_E_CERT_SIGNATURE). A path that reached a
      // self-signed root ends there: only the root's own signature counts (rootSelfSignatureProblem);
      // a cycle is CERT_E_UNTRUSTEDROOT (sslPolicyCheck chain9; limbo intermediate-cycle-same-logical-ca under Wine).
      if (
        p.code === 'BAD_SIGNATURE' &&
        chain.problems.some((q) => q.code === 'NO_PATH') &&
        stuck &&
        (stuck.selfIssued || isCyclic(chain) || p.certificate !== describe(stuck))
      )
        continue;
      if (p.code === 'NO_PATH') {
        const rank = noPathError(chain);
        if (!(rank === RANKS[1] && flags.ignoreUnknownCa)) note(rank, p.message);
        continue;
      }
      const rank = RANKS.find((r) => r.problems.includes(p.code));
      if (!rank) continue;
      if (rank.name === 'CERT_E_EXPIRED' && flags.ignoreDates) continue;
      note(rank, message(p));
    }
  }
  const ordered = RANKS.map((r) => found.get(r.code)).filter(
    (e): e is PolicyError => e !== undefined,
  );
  if (nameMatches === false && !flags.ignoreName)
    ordered.push({ ...CN_NO_MATCH, reason: nameReason });
  return ordered;
}

/** @throws SupCertError INVALID_OPTION (see sslPolicyErrors). */
function checkPolicyArguments(
  chain: unknown,
  nameMatches: unknown,
  flags: unknown,
  nameReason: unknown,
): void {
  if (chain !== null) {
    const wanted = 'null (not validated) or the ChainResult of verifyChain';
    if (typeof chain !== 'object') throw invalidArgument('sslPolicyErrors: chain', wanted, chain);
    const c: Partial<Record<keyof ChainResult, unknown>> = chain;
    if (typeof c.valid !== 'boolean' || !Array.isArray(c.problems))
      throw invalidArgument('sslPolicyErrors: chain', wanted, chain);
    certificateListArgument(c.path, 'sslPolicyErrors: chain.path');
    c.problems.forEach((p: unknown, i) => {
      const code = (p as { code?: unknown } | null)?.code;
      if (typeof code !== 'string')
        throw invalidArgument(
          `sslPolicyErrors: chain.problems[${i}]`,
          'a ChainProblem with a code',
          p,
        );
    });
  }
  if (nameMatches !== null && nameMatches !== undefined && typeof nameMatches !== 'boolean')
    throw invalidArgument(
      'sslPolicyErrors: nameMatches',
      'true, false or null (no host name)',
      nameMatches,
    );
  if (typeof flags !== 'object' || flags === null)
    throw invalidArgument(
      'sslPolicyErrors: flags',
      'an object such as { ignoreDates: true }',
      flags,
    );
  if (typeof nameReason !== 'string')
    throw invalidArgument('sslPolicyErrors: nameReason', 'a string', nameReason);
}

function message(p: ChainProblem): string {
  return p.message;
}

const describe = (c: CertificateInfo): string =>
  c.subject || `(empty subject, serial ${c.serialNumber})`;
const selfSignatures = new WeakMap<CertificateInfo, string | null>();

/**
 * CryptoAPI checks the self-signature of the root it ends in (Wine chain.c chain12: a root whose
 * own signature is bad gets CERT_TRUST_IS_NOT_SIGNATURE_VALID, asserted on Windows), where RFC 5280
 * and verifyChain take a trust anchor as it is. One signature check per root, cached.
 */
export function rootSelfSignatureProblem(root: CertificateInfo): string | null {
  let result = selfSignatures.get(root);
  if (result === undefined) {
    const sig = root.selfIssued ? checkSignature(root, root) : 'valid';
    // A browser that cannot verify it says so: Windows checks it, so it never passes unchecked.
    const notHere = isRuntimeLimit(sig);
    result =
      sig === 'invalid'
        ? `The root "${describe(root)}" has a self-signature that does not verify: Windows marks it not signature-valid.`
        : notHere
          ? `The root "${describe(root)}" has a self-signature that cannot be verified here (${(sig as { unsupported: string }).unsupported}); Windows checks it: judge this certificate with the supcert command line.`
          : null;
    // In a browser a pass of runWithSignatures may have answered provisionally, and an answer
    // this runtime could not give may be given inside a later run: neither is cached.
    if (answersFinal() && !notHere) selfSignatures.set(root, result);
  }
  return result;
}
