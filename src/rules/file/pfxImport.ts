import type { PfxProtection } from '../../read/CertificateBundle.js';
import { quoteList } from '../../util/quote.js';
import type { CertificateInfo } from '../../x509/CertificateInfo.js';
import type { SourceKey } from '../sources.js';
import { TARGET_OS, type TargetOs } from '../optionValues.js';
import { type RuleContext, type SupRule, finding } from '../SupRule.js';

export function osLabel(os: TargetOs): string {
  return os === '2012r2' ? 'Windows Server 2012 R2' : `Windows Server ${os}`;
}

/**
 * What one protection feature needs. `since`: the oldest release documented to import it (every
 * target at or after it does); `null`: no Windows release is documented to import it (judged a
 * warning on every target, never a pass).
 */
interface Need {
  what: string;
  since: TargetOs | null;
  source: SourceKey;
}

const ALL: TargetOs = '2012r2';

/**
 * The support table, one entry per feature, each with its source:
 * - the classic PKCS#12 protection Windows itself writes (TripleDES-SHA1: pbeWithSHAAnd3-KeyTripleDES
 *   for the key, SHA-1 MacData) and OpenSSL's `-legacy` (RC2-40 for the certificates) import on every
 *   release (S35; acme.sh#6805 and keystore-explorer#318 in S36: `-legacy` files import on 2016);
 * - PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, and a SHA-256 MacData, are the AES256-SHA256
 *   option added in Windows 10 1709 / Windows Server 2019 (S34); 2016 refuses both with "the
 *   password you entered is incorrect" (S36, S37);
 * - other PBES2 ciphers or PRFs, other SHA-2 MACs, RC2-128, two-key 3DES, PBMAC1 (S38) and files
 *   without a MAC: no Windows documentation lists them.
 */
function macNeed(mac: PfxProtection['mac']): Need {
  if (mac === null) return { what: 'no integrity MAC', since: null, source: 'S31' };
  if (mac.kind === 'pbmac1')
    return {
      what: `a PBMAC1 MAC (RFC 9579, HMAC-${mac.hmac.toUpperCase()})`,
      since: null,
      source: 'S38',
    };
  if (mac.hash === 'sha1') return { what: 'an HMAC-SHA1 MAC', since: ALL, source: 'S35' };
  if (mac.hash === 'sha256') return { what: 'an HMAC-SHA256 MAC', since: '2019', source: 'S34' };
  return { what: `an HMAC-${mac.hash.toUpperCase()} MAC`, since: null, source: 'S34' };
}

function partNeed(part: PfxProtection['parts'][number]): Need {
  const where = part.part === 'private key' ? 'the private key' : 'the certificates';
  if (part.scheme === 'pkcs12-pbe') {
    if (part.cipher === 'des-ede3-cbc')
      return { what: `${where} encrypted with ${part.name}`, since: ALL, source: 'S35' };
    if (part.cipher === 'rc2-cbc' && part.rc2Bits === 40)
      return { what: `${where} encrypted with ${part.name}`, since: ALL, source: 'S36' };
    return { what: `${where} encrypted with ${part.name}`, since: null, source: 'S35' };
  }
  if (part.cipher === 'aes-256-cbc' && part.prf === 'sha256')
    return {
      what: `${where} encrypted with PBES2 AES-256-CBC (PBKDF2-HMAC-SHA256)`,
      since: '2019',
      source: 'S34',
    };
  return { what: `${where} encrypted with ${part.name}`, since: null, source: 'S34' };
}

/** Every feature of the file's protection with what it needs; duplicates merged. */
export function importNeeds(pfx: PfxProtection): Need[] {
  const needs = [macNeed(pfx.mac), ...pfx.parts.map(partNeed)];
  const seen = new Set<string>();
  return needs.filter((n) => (seen.has(n.what) ? false : (seen.add(n.what), true)));
}

/** The oldest target the file imports on, or null when some feature is not documented for any. */
export function importsFrom(pfx: PfxProtection): TargetOs | null {
  let since: TargetOs = ALL;
  for (const need of importNeeds(pfx)) {
    if (need.since === null) return null;
    if (TARGET_OS.indexOf(need.since) > TARGET_OS.indexOf(since)) since = need.since;
  }
  return since;
}

const REEXPORT =
  'Re-export it with the protection every Windows release imports (3DES for the key, SHA-1 MAC): ' +
  '`openssl pkcs12 -export -legacy -in cert.pem -inkey key.pem -certfile chain.pem -out sup.pfx` ' +
  '(or, without the legacy provider, `-certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1`), ' +
  'or on Windows `Export-PfxCertificate -Cert Cert:\\LocalMachine\\My\\<thumbprint> -FilePath sup.pfx -Password $pw -CryptoAlgorithmOption TripleDES_SHA1`.';

/** The CA certificates between the leaf and its anchor that the PFX does not carry. */
function missingIntermediates(ctx: RuleContext): { missing: CertificateInfo[]; decided: boolean } {
  const inFile = new Set(ctx.bundle.certificates.map((c) => c.sha256));
  if (ctx.chain && ctx.chain.path.length > 1) {
    const anchors = new Set((ctx.trustAnchors ?? []).map((c) => c.sha256));
    const between = ctx.chain.path.slice(1).filter((c) => !anchors.has(c.sha256) && !c.selfIssued);
    return { missing: between.filter((c) => !inFile.has(c.sha256)), decided: ctx.chain.valid };
  }
  return { missing: [], decided: false };
}

/** "a; b" for the features listed in messages. */
const features = (needs: readonly Need[]): string =>
  quoteList(
    needs.map((n) => n.what),
    5,
    '; ',
  );

const F = {
  tooNew: finding(
    'sup.pfx.not_importable_on_target',
    'error',
    (a: { target: TargetOs; since: TargetOs; tooNew: Need[]; unknown: Need[] }) =>
      `This PFX will not import on ${osLabel(a.target)}: it has ${features(a.tooNew)}, which Windows imports only from ${osLabel(a.since)} (Windows 10 1709) on${
        a.unknown.length > 0
          ? `, and ${features(a.unknown)}, which no Windows release is documented to import`
          : ''
      }. ${osLabel(a.target)} refuses it with "The password you entered is incorrect" (0x80070056) although the password is right. ${REEXPORT} Or import it on ${osLabel(a.since)} or later (targetOs, CLI --target-os).`,
    { windowsError: '0x80070056' },
  ),
  undocumented: finding(
    'sup.pfx.import_undocumented',
    'warning',
    (a: { target: TargetOs; unknown: Need[] }) =>
      `No Windows release is documented to import this PFX: it has ${features(a.unknown)}. Try the import on ${osLabel(a.target)} before the change window, or ${REEXPORT.charAt(0).toLowerCase()}${REEXPORT.slice(1)}`,
  ),
  importsFrom: finding(
    'sup.pfx.imports_from',
    'info',
    (a: { from: TargetOs; target: TargetOs; needs: Need[] }) =>
      `This PFX imports on ${osLabel(a.from)} and later (${features(a.needs)}), so on the target ${osLabel(a.target)}.`,
  ),
  intermediatesMissing: finding(
    'sup.pfx.intermediates_missing',
    'warning',
    (a: { missing: CertificateInfo[] }) =>
      `The PFX does not carry the intermediate CA certificate${a.missing.length > 1 ? 's' : ''} ${quoteList(
        a.missing.map((c) => c.subject),
        5,
        ', ',
      )} of its chain. IIS sends only the certificates it finds in the server's stores: import ${a.missing.length > 1 ? 'them' : 'it'} into the SUP's Intermediate Certification Authorities store (certlm.msc), or re-export the PFX with the whole chain (openssl pkcs12 -export -certfile chain.pem; Export-PfxCertificate -ChainOption BuildChain).`,
    { source: 'S35' },
  ),
  issuerNotCarried: finding(
    'sup.pfx.issuer_not_carried',
    'info',
    (a: { issuer: string }) =>
      `The PFX does not carry the certificate of its issuer "${a.issuer}"; give the root clients trust (trustAnchors, --trust) to decide whether an intermediate is missing.`,
    { source: 'S35' },
  ),
} as const;

/**
 * SUP-PFX-001 — the PFX imports on the target Windows release (SupOptions.targetOs, default
 * '2016'), judged from `bundle.pfx` (the protection as read); and it carries the intermediate CA
 * certificates the chain needs (IIS sends the chain it builds on the server, from the server's
 * stores).
 */
export const pfxImportability: SupRule = {
  id: 'SUP-PFX-001',
  stage: 'issued',
  title: 'The PFX imports on the target Windows release',
  requirement:
    'Windows Server 2016 and older import a PFX protected with 3DES or RC2-40 and a SHA-1 MAC only; the AES256-SHA256 protection (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC, SHA-256 MAC) that OpenSSL 3, XCA 2.6, KeyStore Explorer 5.5+ and acme.sh write by default imports from Windows 10 1709 / Windows Server 2019 on, and 2016 refuses it with "the password you entered is incorrect". PBMAC1 (RFC 9579) and files without a MAC are not documented for any Windows release. The PFX should also carry the intermediate CA certificates of its chain.',
  sources: ['S34', 'S35', 'S36', 'S37', 'S38'],
  findings: F,
  check(ctx, report) {
    const { bundle } = ctx;
    if (bundle.contains !== 'pkcs12' || !bundle.pfx)
      return report.notApplicable('the input is not a PFX');
    const target = ctx.options.targetOs;
    const needs = importNeeds(bundle.pfx);
    const tooNew = needs.filter(
      (n) => n.since !== null && TARGET_OS.indexOf(n.since) > TARGET_OS.indexOf(target),
    );
    const unknown = needs.filter((n) => n.since === null);
    const from = importsFrom(bundle.pfx);
    if (tooNew.length > 0) {
      const since = tooNew
        .map((n) => n.since!)
        .sort((a, b) => TARGET_OS.indexOf(b) - TARGET_OS.indexOf(a))[0]!;
      report(F.tooNew, { target, since, tooNew, unknown }, { source: tooNew[0]!.source });
    } else if (unknown.length > 0) {
      report(F.undocumented, { target, unknown }, { source: unknown[0]!.source });
    } else if (from !== null) {
      report(
        F.importsFrom,
        { from, target, needs },
        { source: needs.find((n) => n.since === from)?.source ?? 'S35' },
      );
    }
    if (ctx.noServerCertificate) return;
    const { missing, decided } = missingIntermediates(ctx);
    if (missing.length > 0) {
      report(F.intermediatesMissing, { missing });
    } else if (
      !decided &&
      !ctx.cert.selfIssued &&
      !bundle.certificates.some((c) => c !== ctx.cert && c.subject === ctx.cert.issuer)
    ) {
      report(F.issuerNotCarried, { issuer: ctx.cert.issuer });
    }
  },
};
