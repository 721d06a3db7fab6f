import type { Reporter, RuleContext, SupRule } from '../SupRule.js';

/** The RSA key size the size rules judge; null (and the rule marked not applicable) for other keys. */
function rsaBits(ctx: RuleContext, report: Reporter): number | null {
  const { algorithm, bits } = ctx.cert.publicKey;
  if ((algorithm !== 'rsa' && algorithm !== 'rsa-pss') || bits === undefined) {
    report.notApplicable(
      algorithm === 'rsa' || algorithm === 'rsa-pss'
        ? 'the RSA key size could not be read'
        : 'not an RSA key',
    );
    return null;
  }
  return bits;
}

/** SUP-KEY-001 — CryptoAPI rejects RSA keys under 1024 bits anywhere in the chain (KB 2661254, S16). */
export const rsaMinimum: SupRule = {
  id: 'SUP-KEY-001',
  title: 'RSA key of at least 1024 bits',
  severity: 'error',
  requirement:
    'Windows chain building rejects RSA keys shorter than 1024 bits (KB 2661254, 2012) unless minRSAPubKeyBitLength was lowered.',
  sources: ['S16'],
  check(ctx, report) {
    const bits = rsaBits(ctx, report);
    if (bits === null) return;
    if (bits < 1024)
      report.error(
        `The RSA key has ${bits} bits. Windows refuses RSA keys under 1024 bits (KB 2661254): clients fail to build the chain. Request a new certificate with a 2048-bit (or 3072/4096-bit) key.`,
      );
  },
};

/** SUP-KEY-002 — below 2048 bits is weak; CMG and cloud certificates require 2048+ (S1, S14). */
export const rsaRecommended: SupRule = {
  id: 'SUP-KEY-002',
  title: 'RSA key of at least 2048 bits',
  severity: 'warning',
  requirement:
    'RSA keys shorter than 2048 bits are weak; Microsoft requires 2048 or 4096 bits for cloud-facing certificates.',
  sources: ['S1', 'S14'],
  check(ctx, report) {
    const bits = rsaBits(ctx, report);
    if (bits === null) return;
    if (bits >= 1024 && bits < 2048)
      report.warning(
        `The RSA key has ${bits} bits: weak by today's standards. Use 2048 bits or more at the next renewal.`,
      );
  },
};

/** SUP-KEY-003 — no maximum is documented for IIS site systems; other roles cap at 2048 (S1, S2). */
export const rsaLarge: SupRule = {
  id: 'SUP-KEY-003',
  title: 'Large RSA keys',
  severity: 'info',
  requirement:
    'ConfigMgr documents no maximum key length for IIS site-system certificates (other roles cap at 2048 bits).',
  sources: ['S1', 'S2'],
  check(ctx, report) {
    const bits = rsaBits(ctx, report);
    if (bits === null) return;
    if (bits > 4096)
      report.info(
        `The RSA key has ${bits} bits. No maximum is documented for the SUP, but keys above 4096 bits slow every TLS handshake and some devices refuse them.`,
      );
  },
};

/** SUP-KEY-004 — ConfigMgr clients using CNG certificates support RSA only; ECDSA is undocumented for WSUS (S11). */
export const nonRsaKey: SupRule = {
  id: 'SUP-KEY-004',
  title: 'RSA key (ECDSA and others undocumented for the SUP)',
  severity: 'warning',
  requirement:
    'ConfigMgr documents RSA only (clients using CNG certificates support RSA only); nothing documents ECDSA for a software update point.',
  sources: ['S11'],
  check(ctx, report) {
    const { algorithm, curve } = ctx.cert.publicKey;
    if (algorithm === 'rsa') return;
    if (algorithm === 'unknown') return report.notApplicable('the request does not state its key');
    const what =
      algorithm === 'ec'
        ? `an ECDSA key${curve ? ` (${curve})` : ''}`
        : algorithm === 'rsa-pss'
          ? 'an RSA-PSS-only key (id-RSASSA-PSS)'
          : `a ${algorithm} key`;
    report.warning(
      `The certificate has ${what}. ConfigMgr documents RSA keys only for site systems, and older WSUS clients may not negotiate it; use an RSA 2048-bit key unless you have tested every client.`,
    );
  },
};
