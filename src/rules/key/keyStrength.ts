import { type Reporter, type RuleContext, type SupRule, finding } from '../SupRule.js';

const MINIMUM = {
  tooShort: finding(
    'sup.key.rsa_under_1024',
    'error',
    (a: { bits: number }) =>
      `The RSA key has ${a.bits} bits. Windows refuses RSA keys under 1024 bits (KB 2661254): clients fail to build the chain. Request a new certificate with a 2048-bit (or 3072/4096-bit) key.`,
  ),
} as const;

const RECOMMENDED = {
  weak: finding(
    'sup.key.rsa_under_2048',
    'warning',
    (a: { bits: number }) =>
      `The RSA key has ${a.bits} bits: weak by today's standards. Use 2048 bits or more at the next renewal.`,
  ),
} as const;

const LARGE = {
  large: finding(
    'sup.key.rsa_over_4096',
    'info',
    (a: { bits: number }) =>
      `The RSA key has ${a.bits} bits. No maximum is documented for the SUP, but keys above 4096 bits slow every TLS handshake and some devices refuse them.`,
  ),
} as const;

const NON_RSA = {
  nonRsa: finding(
    'sup.key.not_rsa',
    'warning',
    (a: { what: string }) =>
      `The certificate has ${a.what}. ConfigMgr documents RSA keys only for site systems, and older WSUS clients may not negotiate it; use an RSA 2048-bit key unless you have tested every client.`,
  ),
  curveNotEnabled: finding(
    'sup.key.curve_not_enabled',
    'error',
    (a: { curve: string }) =>
      `The certificate has an ECDSA key on ${a.curve}. Schannel on Windows 10 1607 and later, and on Windows Server 2016 and later, enables only curve25519, NistP256 and NistP384 by default (this curve is not enabled by default, or not supported at all), so the TLS handshake between the clients and the SUP fails unless the ECC Curve Order policy enables it on every client and on the SUP server. Request an RSA 2048-bit key (or ECDSA P-256 / P-384).`,
    { source: 'S39' },
  ),
  noSchannelSignature: finding(
    'sup.key.no_schannel_signature',
    'error',
    (a: { what: string }) =>
      `The certificate has ${a.what}. Schannel signs and verifies the TLS handshake with RSA, DSA or ECDSA keys only, so Windows clients cannot connect to a SUP with this certificate (and the SUP server cannot use its key). Request an RSA 2048-bit key.`,
    { source: 'S40' },
  ),
} as const;

/** The curves Schannel enables by default for ECDSA certificates and key exchange (S39). */
const SCHANNEL_DEFAULT_CURVES = new Set(['P-256', 'P-384']);

/**
 * A curve as the curveNotEnabled message names it: the name summarisePublicKey gives ("P-521",
 * "brainpoolP256r1"), or what the parameters are when they name none ('explicit': parameters
 * written out, not a NIST prime; 'implicit': no parameters; otherwise an unknown curve's OID).
 */
function curveLabel(curve: string | undefined): string {
  if (curve === undefined || curve === 'implicit') return 'a curve the key does not name';
  if (curve === 'explicit') return 'a curve given by explicit parameters (not a named curve)';
  return /^\d+(?:\.\d+)+$/.test(curve) ? `the curve ${curve}` : curve;
}

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
  requirement:
    'Windows chain building rejects RSA keys shorter than 1024 bits (KB 2661254, 2012) unless minRSAPubKeyBitLength was lowered.',
  sources: ['S16'],
  findings: MINIMUM,
  check(ctx, report) {
    const bits = rsaBits(ctx, report);
    if (bits === null) return;
    if (bits < 1024) report(MINIMUM.tooShort, { bits });
  },
};

/** SUP-KEY-002 — below 2048 bits is weak; CMG and cloud certificates require 2048+ (S1, S14). */
export const rsaRecommended: SupRule = {
  id: 'SUP-KEY-002',
  title: 'RSA key of at least 2048 bits',
  requirement:
    'RSA keys shorter than 2048 bits are weak; Microsoft requires 2048 or 4096 bits for cloud-facing certificates.',
  sources: ['S1', 'S14'],
  findings: RECOMMENDED,
  check(ctx, report) {
    const bits = rsaBits(ctx, report);
    if (bits === null) return;
    if (bits >= 1024 && bits < 2048) report(RECOMMENDED.weak, { bits });
  },
};

/** SUP-KEY-003 — no maximum is documented for IIS site systems; other roles cap at 2048 (S1, S2). */
export const rsaLarge: SupRule = {
  id: 'SUP-KEY-003',
  title: 'Large RSA keys',
  requirement:
    'ConfigMgr documents no maximum key length for IIS site-system certificates (other roles cap at 2048 bits).',
  sources: ['S1', 'S2'],
  findings: LARGE,
  check(ctx, report) {
    const bits = rsaBits(ctx, report);
    if (bits === null) return;
    if (bits > 4096) report(LARGE.large, { bits });
  },
};

/**
 * SUP-KEY-004 — ConfigMgr clients using CNG certificates support RSA only; ECDSA is undocumented
 * for WSUS (S11). An ECDSA key on a curve Schannel does not enable by default (NistP521, brainpool,
 * secp256k1: S39) or an EdDSA key, which Schannel has no TLS signature for (S40), fails the
 * handshake on default Windows clients: an error.
 */
export const nonRsaKey: SupRule = {
  id: 'SUP-KEY-004',
  title: 'RSA key (ECDSA and others undocumented for the SUP)',
  requirement:
    'ConfigMgr documents RSA only (clients using CNG certificates support RSA only); nothing documents ECDSA for a software update point. An ECDSA key on a curve other than P-256 or P-384 (P-521, brainpool, secp256k1) fails on default Windows clients, whose Schannel enables only curve25519, NistP256 and NistP384; an Ed25519 or Ed448 key cannot be used by Schannel at all (its TLS signatures are RSA, DSA and ECDSA).',
  sources: ['S11', 'S39', 'S40'],
  findings: NON_RSA,
  check(ctx, report) {
    const { algorithm, curve } = ctx.cert.publicKey;
    if (algorithm === 'rsa') return;
    if (algorithm === 'unknown') return report.notApplicable('the request does not state its key');
    if (algorithm === 'ed25519' || algorithm === 'ed448')
      return report(NON_RSA.noSchannelSignature, {
        what: `an ${algorithm === 'ed25519' ? 'Ed25519' : 'Ed448'} key`,
      });
    if (algorithm === 'ec' && !SCHANNEL_DEFAULT_CURVES.has(curve ?? ''))
      return report(NON_RSA.curveNotEnabled, { curve: curveLabel(curve) });
    const what =
      algorithm === 'ec'
        ? `an ECDSA key${curve ? ` (${curve})` : ''}`
        : algorithm === 'rsa-pss'
          ? 'an RSA-PSS-only key (id-RSASSA-PSS)'
          : algorithm === 'dsa'
            ? 'a DSA key'
            : `a key of algorithm "${algorithm}"`;
    report(NON_RSA.nonRsa, { what });
  },
};
