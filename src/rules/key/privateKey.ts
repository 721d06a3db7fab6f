import type { RuleContext, SupRule } from '../SupRule.js';

const CNG_PROVIDER = /key storage provider|platform crypto provider/i;

/** Whether the leaf's private key lives in a CNG key storage provider, when it can be known. */
function keyStorage(ctx: RuleContext): { kind: 'cng' | 'capi'; why: string } | null {
  const provider = ctx.key?.providerName ?? ctx.request?.providerName;
  if (provider) return { kind: CNG_PROVIDER.test(provider) ? 'cng' : 'capi', why: `its key provider is "${provider}"` };
  // Legacy CAPI providers cannot hold EC keys: an ECDSA key is a CNG key wherever it lives.
  if (ctx.cert.publicKey.algorithm === 'ec') return { kind: 'cng', why: 'it has an ECDSA key, which only CNG providers hold' };
  return null;
}

/**
 * SUP-CNG-001 — 2007 and 2012: "do not use version 3 templates" (CNG keys) — incompatible with
 * Configuration Manager (S2, S3). Current branch supports CNG certificates for the SUP (S11).
 */
export const cngProvider: SupRule = {
  id: 'SUP-CNG-001',
  title: 'CNG (KSP) keys only on ConfigMgr current branch',
  severity: 'error',
  requirement: 'ConfigMgr 2007 and 2012 cannot use certificates from version 3 templates (CNG / key storage provider keys). Current branch supports CNG certificates for the software update point.',
  sources: ['S11', 'S2', 'S3'],
  check(ctx, report) {
    const storage = keyStorage(ctx);
    const generation = ctx.options.generation;
    if (!storage) {
      return report.info(ctx.request
        ? 'The request does not name its key provider, so whether the key will be a CNG (key storage provider) key is decided on the server that makes it: set ProviderName in the certreq INF.'
        : 'Whether the private key is a CNG (key storage provider) key cannot be told from a certificate alone. Check a PFX exported from the server: it records the provider.');
    }
    if (storage.kind === 'cng' && generation !== 'current') {
      report.error(`The private key is a CNG key (${storage.why}), and ConfigMgr ${generation} cannot use certificates from version 3 (CNG) templates. Request the certificate from a version 2 template with a legacy CSP such as "Microsoft RSA SChannel Cryptographic Provider".`);
    }
  },
};

/**
 * SUP-PK-001 — SChannel cannot use a certificate without its private key; a PFX is where the
 * pairing can be checked (S1).
 */
export const privateKeyPresent: SupRule = {
  id: 'SUP-PK-001',
  stage: 'issued',
  title: 'The private key is there and belongs to the certificate',
  severity: 'error',
  requirement: 'The SUP certificate must have its private key on the server; a key that does not match the certificate\'s public key cannot be used by SChannel.',
  sources: ['S1'],
  check(ctx, report) {
    const { bundle } = ctx;
    if (bundle.contains !== 'pkcs12') {
      if (ctx.key) return;
      return report.info('The input holds no private key (a certificate file, or the chain a server sent), so the key\'s presence on the server could not be checked. Check a PFX exported with the private key, or "certutil -verifystore My <serial>" on the server.');
    }
    if (ctx.key) return;
    if (bundle.keys.length === 0) {
      return report.error('The PFX holds no private key: imported on the server, the certificate cannot be bound to the WSUS site (or the binding fails at the first connection). Export it again with "Yes, export the private key".');
    }
    report.error(`The PFX holds ${bundle.keys.length === 1 ? 'a private key' : `${bundle.keys.length} private keys`}, but none matches the certificate's public key: it cannot be used for TLS. Export the certificate together with its own private key.`);
  },
};

/** SUP-PK-002 — exportability is not required for the SUP (contrast CMG, cloud DP, boot media, S1). */
export const exportability: SupRule = {
  id: 'SUP-PK-002',
  title: 'Exportable key not required',
  severity: 'info',
  requirement: 'The SUP certificate\'s private key need not be exportable (unlike CMG, cloud DP, DP client, boot media and SQL FCI certificates).',
  sources: ['S1'],
  check(_ctx, report) {
    report.info('The private key does not have to be exportable for a software update point; keep it non-exportable unless you must move it.');
  },
};
