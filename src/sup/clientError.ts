import { POLICY_ERROR_ORDER, sslPolicyErrors } from '../chain/sslPolicy.js';
import type { ChainResult } from '../chain/verifyChain.js';
import type { Finding } from '../rules/SupRule.js';

/**
 * What a Windows client shows for the certificate as a whole: CertVerifyCertificateChainPolicy
 * (CERT_CHAIN_POLICY_SSL) returns ONE error, and judges the chain before the name (an untrusted
 * root, a bad signature, a time error or an unsupported critical extension each win over a name
 * mismatch: Wine dlls/crypt32/tests/chain.c, asserted on Windows; src/chain/sslPolicy.ts has the
 * order and its evidence). supcert lists every finding (right for a gate); this is the one the
 * client's log and the administrator's screen will carry first.
 */
export interface ClientError {
  /** CryptoAPI HRESULT of the SSL policy, e.g. "0x800B0109". */
  code: string;
  /** Its winerror.h name, e.g. "CERT_E_UNTRUSTEDROOT". */
  name: string;
  /** What WinHTTP (and so the Windows Update Agent's log) reports for it, e.g. "0x80072F0D". */
  winhttpError: string;
  /** The finding's rule that reports the cause (SUP-CHAIN-002, SUP-VAL-001, SUP-EKU-001, SUP-NAME-…). */
  rule: string;
  /** That finding's message, or the chain problem's. */
  message: string;
}

/** WinHTTP's error for each policy error (winhttp.h ERROR_WINHTTP_SECURE_*; S21). */
const WINHTTP: Record<string, string> = {
  CERT_E_UNTRUSTEDROOT: '0x80072F0D',
  CERT_E_CHAINING: '0x80072F0D',
  CERT_E_EXPIRED: '0x80072F05',
  CERT_E_CN_NO_MATCH: '0x80072F06',
  CERT_E_WRONG_USAGE: '0x80072F93',
};
const INVALID_CERT = '0x80072F89'; // ERROR_WINHTTP_SECURE_INVALID_CERT: signature, basic constraints, critical extension, name constraints

/** Findings (errors) whose cause maps to one policy error without the chain: the leaf's own checks. */
const LEAF_RULES: Record<string, string> = {
  'SUP-VAL-001': 'CERT_E_EXPIRED',
  'SUP-EKU-001': 'CERT_E_WRONG_USAGE',
};

/**
 * Every Windows error the certificate earns, in the order a client reports them: [0] is what it
 * shows now; fix that and it shows [1], and so on. Built from the chain (when trust anchors were
 * given), the chain re-validated as if the untrusted root were trusted (`rootTrusted`: what the
 * client says once the root is deployed), the leaf's own validity and EKU findings, and the name
 * findings (0x80072F06).
 */
export function clientErrors(
  findings: readonly Finding[],
  chain?: ChainResult,
  rootTrusted?: ChainResult,
): ClientError[] {
  const errors = findings.filter((f) => f.severity === 'error');
  const byName = new Map<string, ClientError>();
  const add = (name: string, rule: string, message: string): void => {
    if (byName.has(name)) return;
    const code = POLICY_ERROR_ORDER.find((e) => e.name === name)!.code;
    byName.set(name, { code, name, winhttpError: WINHTTP[name] ?? INVALID_CERT, rule, message });
  };
  const chainFinding = errors.find((f) => f.rule === 'SUP-CHAIN-002');
  for (const result of [chain, rootTrusted]) {
    if (!result) continue;
    for (const e of sslPolicyErrors(result, null)) {
      const leafRule = Object.entries(LEAF_RULES).find(([, n]) => n === e.name)?.[0];
      const leafFinding = leafRule ? errors.find((f) => f.rule === leafRule) : undefined;
      if (leafFinding) add(e.name, leafFinding.rule, leafFinding.message);
      else add(e.name, 'SUP-CHAIN-002', chainFinding?.message ?? e.reason);
    }
  }
  for (const f of errors) {
    const leafName = LEAF_RULES[f.rule];
    if (leafName) add(leafName, f.rule, f.message);
    else if (f.windowsError === '0x80072F06') add('CERT_E_CN_NO_MATCH', f.rule, f.message);
  }
  return POLICY_ERROR_ORDER.map((e) => byName.get(e.name)).filter(
    (e): e is ClientError => e !== undefined,
  );
}
