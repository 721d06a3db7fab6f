import {
  type CertificateInfo,
  DEFAULT_LIMITS,
  type SupOptions,
  WorkBudget,
  readCertificates,
  readCrls,
} from '../index.js';
import { withoutCertificates } from '../read/CertificateBundle.js';
import type { CheckArgs } from './args.js';
import { InputError, describeError } from './errors.js';
import { cliMessage } from './optionNames.js';
import { t } from './output/clean.js';
import { write } from './output/write.js';
import { readFileCapped } from './readFile.js';

/**
 * Reads the --trust / --intermediate files up front: a bad one is the command line's problem,
 * before any input is judged. Each is read capped (a device or FIFO is refused), and all of
 * them share one work budget.
 */
async function readCaFiles(
  files: string[],
  option: string,
  budget: WorkBudget,
  certificates: CertificateInfo[],
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const file of files) {
    try {
      const bytes = readFileCapped(
        file,
        DEFAULT_LIMITS.maxInputBytes,
        `a ${option} file`,
        'limits.maxInputBytes',
      );
      const bundle = await readCertificates(bytes, { budget });
      if (bundle.certificates.length === 0)
        throw new InputError(
          file,
          'UNKNOWN_FORMAT',
          `holds no certificate (${withoutCertificates(bundle)}).`,
        );
      // Every certificate of a --trust file becomes a trust anchor, as given: an intermediate among
      // them would make a chain "trusted" that clients (which trust only their roots) reject.
      if (option === '--trust') {
        for (const cert of bundle.certificates.filter((c) => !c.selfIssued)) {
          write(
            'stderr',
            cert.isCA
              ? t`supcert: note: ${file}: "${cert.subject || '(empty subject)'}" is not self-signed (an intermediate CA, issued by "${cert.issuer || '(empty)'}"), yet --trust makes it a trust anchor, as given. Give the root your clients trust with --trust and this certificate with --intermediate.\n`
              : t`supcert: note: ${file}: "${cert.subject || '(empty subject)'}" is not a CA certificate (an end-entity certificate issued by "${cert.issuer || '(empty)'}"), yet --trust makes it a trust anchor, as given. Give the root CA your clients trust with --trust, not the server's own certificate.\n`,
          );
        }
      }
      out.push(bytes);
      for (const c of bundle.certificates) certificates.push(c);
    } catch (error) {
      if (error instanceof InputError) throw error;
      const e = describeError(error);
      if (!e) throw error;
      throw new InputError(file, e.code, cliMessage(e.message));
    }
  }
  return out;
}

/** The SupOptions read from files named on check's command line, and the CA certificates among them. */
export interface OptionFiles {
  options: Pick<SupOptions, 'trustAnchors' | 'intermediates' | 'crls'> & { replaces?: Uint8Array };
  /** The certificates of --trust and --intermediate (to name the chain's elements). */
  caCertificates: CertificateInfo[];
}

/**
 * Reads the files check's (and check-server's) options name, in this order: --trust,
 * --intermediate, --replaces, --crl. Each is read capped, and the CA and CRL files share one work
 * budget; a file that is missing, unreadable or not what its option wants is the command line's
 * problem, named, before any input is judged.
 *
 * @throws InputError (exit 2) naming the file: ENOENT and the like from readFileCapped, or the
 *   SupCertError code of its reader (UNKNOWN_FORMAT, MALFORMED, LIMIT_EXCEEDED …).
 */
export async function readOptionFiles(
  args: Pick<CheckArgs, 'trust' | 'intermediates' | 'crls' | 'replaces'>,
): Promise<OptionFiles> {
  const budget = new WorkBudget();
  const caCertificates: CertificateInfo[] = [];
  const trustAnchors = await readCaFiles(args.trust, '--trust', budget, caCertificates);
  const intermediates = await readCaFiles(
    args.intermediates,
    '--intermediate',
    budget,
    caCertificates,
  );
  const options: OptionFiles['options'] = {};
  if (args.trust.length > 0) options.trustAnchors = trustAnchors;
  if (intermediates.length > 0) options.intermediates = intermediates;
  if (args.replaces !== undefined)
    options.replaces = readFileCapped(
      args.replaces,
      DEFAULT_LIMITS.maxInputBytes,
      'a --replaces file',
      'limits.maxInputBytes',
    );
  if (args.crls.length > 0) {
    options.crls = args.crls.map((file) => {
      try {
        const bytes = readFileCapped(
          file,
          DEFAULT_LIMITS.maxInputBytes,
          'a --crl file',
          'limits.maxInputBytes',
        );
        // Read once here: a file that is no CRL is the command line's problem, named, before any input is judged.
        readCrls(bytes, { budget });
        return bytes;
      } catch (error) {
        const e = describeError(error);
        if (!e) throw error;
        throw new InputError(file, e.code, cliMessage(e.message));
      }
    });
  }
  return { options, caCertificates };
}
