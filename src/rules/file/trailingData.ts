import type { TrailingData } from '../../read/CertificateBundle.js';
import { type SupRule, finding } from '../SupRule.js';

const F = {
  trailingData: finding('sup.file.trailing_data', 'warning', (a: { data: TrailingData }) => {
    const { data } = a;
    const what = `${data.bytes} ${data.zeros ? 'zero ' : ''}byte${data.bytes === 1 ? '' : 's'}`;
    const tail = data.certificate
      ? ' They hold another certificate, which Windows does not read either: give each certificate in a file of its own, or the chain as a .p7b.'
      : ' Something was appended to the file, or it was damaged in transfer.';
    return `${data.where === 'the file' ? 'The file' : data.where} has ${what} after the end of the ${data.after} (offset ${data.offset}). Windows reads the ${data.after} and passes over them, as supcert does, so the verdict is the ${data.after}'s; but the file is not a clean DER encoding: Windows may keep the extra bytes with the certificate it imports (CryptoAPI stores the bytes it is given), so the thumbprint IIS, netsh and certlm.msc show can be the SHA-1 of the whole file, not the certificate's shown here, and stricter readers (pyca/cryptography) refuse the file.${tail} Export the certificate again (the Certificate Export Wizard, or Export-Certificate in PowerShell) and check the new file.`;
  }),
} as const;

/**
 * SUP-FILE-003 — bytes after the end of a certificate or PKCS#7 bundle. CryptoAPI's decoders stop
 * at the end of the outer element and do not read what follows (S48: Wine's crypt32 tests,
 * asserted on Windows; S49: the .NET runtime relaxed its managed reader because Windows permits
 * trailing data), so such a file still imports and its certificate is judged; the warning says
 * the file itself should be exported again. The zero padding of Windows' own PKCS#7 exports is
 * not reported (readCertificates leaves it out of `trailingData`).
 */
export const nothingAfterTheData: SupRule = {
  id: 'SUP-FILE-003',
  title: 'Nothing follows the certificate (or PKCS#7 bundle) in the file',
  requirement:
    "A certificate file holds the DER encoding of the certificate (or of the PKCS#7 bundle) and nothing after it. Windows' decoders stop at the end of the certificate's outer SEQUENCE and pass over any bytes after it, so such a file still imports; the bytes are still a sign of a damaged or concatenated file, and tools that hash or parse the whole file disagree with Windows about it.",
  sources: ['S48', 'S49'],
  findings: F,
  check(ctx, report) {
    if (ctx.request)
      return report.notApplicable('a request describes the certificate to be issued');
    const found = ctx.bundle.trailingData ?? [];
    for (const data of found) report(F.trailingData, { data });
  },
};
