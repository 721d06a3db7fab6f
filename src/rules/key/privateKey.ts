import type { KeyInfo } from '../../read/CertificateBundle.js';
import { quoteValue } from '../../util/quote.js';
import { type RuleContext, type SupRule, finding } from '../SupRule.js';

/** "RSA 2048 bits", "EC P-256", "ed25519" for messages. */
function describeKey(key: KeyInfo): string {
  const alg =
    key.algorithm === 'rsa' || key.algorithm === 'ec' ? key.algorithm.toUpperCase() : key.algorithm;
  return [alg, key.curve ?? (key.bits ? `${key.bits} bits` : undefined)].filter(Boolean).join(' ');
}

const CNG_PROVIDER = /key storage provider|platform crypto provider/i;

/** Whether the leaf's private key lives in a CNG key storage provider, when it can be known. */
function keyStorage(ctx: RuleContext): { kind: 'cng' | 'capi'; why: string } | null {
  const provider = ctx.key?.providerName ?? ctx.request?.providerName;
  if (provider)
    return {
      kind: CNG_PROVIDER.test(provider) ? 'cng' : 'capi',
      why: `its key provider is "${provider}"`,
    };
  // Legacy CAPI providers cannot hold EC keys: an ECDSA key is a CNG key wherever it lives.
  if (ctx.cert.publicKey.algorithm === 'ec')
    return { kind: 'cng', why: 'it has an ECDSA key, which only CNG providers hold' };
  return null;
}

/** Why the provider is unknown, for the input at hand (a request, a PFX without the attribute, a PEM key, a certificate). */
function unknownProviderMessage(ctx: RuleContext): string {
  const server =
    'On the server, "certutil -store My <serial>" shows the provider of the installed key.';
  if (ctx.request)
    return 'The request does not name its key provider, so whether the key will be a CNG (key storage provider) key is decided on the server that makes it: set ProviderName in the certreq INF.';
  if (ctx.bundle.contains === 'pkcs12') {
    return ctx.key
      ? `This PFX does not record a key provider (no Microsoft CSP name attribute on its key; OpenSSL and most tools other than Windows do not write one), so whether the key is a CNG (key storage provider) key is decided when it is imported: Windows imports it into the provider given to "certutil -importPFX -csp <name>", by default a CNG one. ${server}`
      : `This PFX has no private key for the certificate (SUP-PK-001), so its key provider cannot be told. ${server}`;
  }
  if (ctx.key)
    return `A PEM private key records no key provider, so whether the key is a CNG (key storage provider) key is decided when it is imported on the server. ${server}`;
  return `The input holds no private key for the certificate (a certificate file, or the chain a server sent), so whether the key is a CNG (key storage provider) key cannot be told from it. ${server} A PFX exported from the server by Windows records the provider too.`;
}

const CNG = {
  providerUnknown: finding('sup.cng.provider_unknown', 'info', (a: { why: string }) => a.why),
  cngOnOldConfigMgr: finding(
    'sup.cng.cng_key_old_configmgr',
    'error',
    (a: { why: string; generation: string }) =>
      `The private key is a CNG key (${a.why}), and ConfigMgr ${a.generation} cannot use certificates from version 3 (CNG) templates. Request the certificate from a version 2 template with a legacy CSP such as "Microsoft RSA SChannel Cryptographic Provider".`,
  ),
} as const;

/**
 * SUP-CNG-001 — 2007 and 2012: "do not use version 3 templates" (CNG keys) — incompatible with
 * Configuration Manager (S2, S3). Current branch supports CNG certificates for the SUP (S11).
 */
export const cngProvider: SupRule = {
  id: 'SUP-CNG-001',
  title: 'CNG (KSP) keys only on ConfigMgr current branch',
  requirement:
    'ConfigMgr 2007 and 2012 cannot use certificates from version 3 templates (CNG / key storage provider keys). Current branch supports CNG certificates for the software update point.',
  sources: ['S11', 'S2', 'S3'],
  findings: CNG,
  check(ctx, report) {
    const storage = keyStorage(ctx);
    const generation = ctx.options.generation;
    if (!storage) return report(CNG.providerUnknown, { why: unknownProviderMessage(ctx) });
    if (storage.kind === 'cng' && generation !== 'current') {
      report(CNG.cngOnOldConfigMgr, { why: storage.why, generation });
    }
  },
};

const PRESENT = {
  keyMismatch: finding(
    'sup.pk.key_mismatch',
    'error',
    (a: { pfx: boolean; keys: string; subject: string; fix: string }) =>
      `The ${a.pfx ? 'PFX' : 'file'} holds ${a.keys}, but none matches the public key of the certificate "${quoteValue(a.subject, 120)}": the key it would be installed with cannot be used for TLS (SChannel fails the handshake). ${a.fix}`,
  ),
  pfxWithoutKey: finding(
    'sup.pk.pfx_without_key',
    'error',
    () =>
      'The PFX holds no private key: imported on the server, the certificate cannot be bound to the WSUS site (or the binding fails at the first connection). Export it again with "Yes, export the private key".',
  ),
  noKeyInInput: finding(
    'sup.pk.not_in_input',
    'info',
    () =>
      'The input holds no private key (a certificate file, or the chain a server sent), so the key\'s presence on the server could not be checked. Check a PFX exported with the private key, or "certutil -verifystore My <serial>" on the server.',
  ),
} as const;

const EXPORTABLE = {
  note: finding(
    'sup.pk.exportable_not_required',
    'info',
    () =>
      'The private key does not have to be exportable for a software update point; keep it non-exportable unless you must move it. Several servers that answer to the same name (the nodes of a load-balanced SUP) need no exported key: request one certificate per server with the same names.',
  ),
} as const;

/**
 * SUP-PK-001 — SChannel cannot use a certificate without its private key. Every key the reader
 * found is judged (PFX key bags and PEM key blocks alike): a key that matches no certificate is an
 * error; a certificate file without a key is info (the key lives on the server) (S1).
 */
export const privateKeyPresent: SupRule = {
  id: 'SUP-PK-001',
  stage: 'issued',
  title: 'The private key is there and belongs to the certificate',
  requirement:
    "The SUP certificate must have its private key on the server; a key that does not match the certificate's public key cannot be used by SChannel. Judged for every key in the input (PFX or PEM): a key given with the certificate that does not match it is an error; a PFX without a key is an error; a certificate file without a key cannot show the key and says so (info).",
  sources: ['S1'],
  findings: PRESENT,
  check(ctx, report) {
    const { bundle } = ctx;
    if (ctx.key) return;
    const pfx = bundle.contains === 'pkcs12';
    if (bundle.keys.length > 0) {
      // Keys were read (PFX key bags or PEM key blocks) but none belongs to the judged certificate.
      const keys =
        bundle.keys.length === 1
          ? `a private key (${describeKey(bundle.keys[0]!)})`
          : `${bundle.keys.length} private keys`;
      const fix = pfx
        ? 'Export the certificate together with its own private key.'
        : "Put the certificate's own key next to it (the key made with its request), or export a PFX from the server where the certificate was installed.";
      return report(PRESENT.keyMismatch, {
        pfx,
        keys,
        subject: ctx.cert.subject || `(empty subject, serial ${ctx.cert.serialNumber})`,
        fix,
      });
    }
    if (pfx) {
      return report(PRESENT.pfxWithoutKey);
    }
    return report(PRESENT.noKeyInInput);
  },
};

/** SUP-PK-002 — exportability is not required for the SUP (contrast CMG, cloud DP, boot media, S1). */
export const exportability: SupRule = {
  id: 'SUP-PK-002',
  title: 'Exportable key not required',
  requirement:
    "The SUP certificate's private key need not be exportable (unlike CMG, cloud DP, DP client, boot media and SQL FCI certificates).",
  sources: ['S1'],
  findings: EXPORTABLE,
  check(_ctx, report) {
    report(EXPORTABLE.note);
  },
};
