import {
  DEFAULT_LIMITS,
  EKU_NAMES,
  type SupOptions,
  type SupRequestReport,
  WorkBudget,
  describeRules,
  readCertificates,
  validateSupRequest,
} from '../../index.js';
import { resolveOptions } from '../../sup/resolveOptions.js';
import { expandInputs } from '../inputs.js';
import type { CheckRequestArgs } from '../args.js';
import { UsageError } from '../errors.js';
import { failedInput } from '../failedInput.js';
import type { Input } from '../inputs.js';
import { cliMessage, inCliWords } from '../optionNames.js';
import type { Failed, Reported, Skipped } from '../outcome.js';
import { isPlainText } from '../textFile.js';
import { checkNamesWith } from '../names.js';
import { formatRequestReport } from '../output/requestText.js';
import { write } from '../output/write.js';
import { finishRun, outcomeLine } from '../finish.js';
import { readInputCapped } from '../readFile.js';
import { styleFor } from '../style.js';

// Loaded lazily (main.ts): only `supcert check-request` needs it.

type RequestOutcome = Reported<SupRequestReport> | Failed | Skipped;

const codeOf = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/**
 * A file the request reader refuses may be the issued certificate (or its PFX) lying next to the
 * request: say so, rather than "malformed request". Only DER needs this (a PEM certificate gets
 * the library's own "use supcert check" message).
 */
async function isCertificateFile(bytes: Uint8Array, budget: WorkBudget): Promise<boolean> {
  if (bytes[0] !== 0x30) return false;
  try {
    await readCertificates(bytes, { budget });
    return true;
  } catch (error) {
    return codeOf(error) === 'PASSWORD_REQUIRED' || codeOf(error) === 'WRONG_PASSWORD';
  }
}

async function judgeRequest(input: Input, options: SupOptions): Promise<RequestOutcome> {
  if (input.kind === 'error' || input.kind === 'skipped') return input;
  // Refused on the command line; kept for the type.
  if (input.kind === 'url')
    return {
      kind: 'error',
      file: input.file,
      code: 'INVALID_URL',
      message: 'a server presents certificates, not requests: use supcert check.',
    };
  const fromDirectory = input.fromDirectory;
  let bytes: Uint8Array | undefined;
  // One work budget for this input: the request, and the certificate reader when it asks whether the file is a certificate.
  const budget = new WorkBudget();
  try {
    // Capped whatever stat says (a device or /proc file says 0); devices and FIFOs are refused.
    // `-`: the request on stdin (a CSR or INF piped in), as check reads a certificate.
    bytes = readInputCapped(
      input,
      DEFAULT_LIMITS.maxInputBytes,
      'a request file',
      'limits.maxInputBytes',
    );
    const report = await validateSupRequest(bytes, { ...options, budget });
    return { kind: 'report', file: input.file, report: inCliWords(report) };
  } catch (error) {
    const f = failedInput(error, input.file);
    if ('failed' in f) return f.failed;
    const e = f.described;
    if (e.code === 'INVALID_OPTION') throw new UsageError(cliMessage(e.message), 'check-request');
    if (
      bytes &&
      (e.code === 'MALFORMED' || e.code === 'UNKNOWN_FORMAT') &&
      (await isCertificateFile(bytes, budget))
    ) {
      if (fromDirectory)
        return {
          kind: 'skipped',
          file: input.file,
          reason: 'a certificate file, not a request (supcert check judges it)',
        };
      return {
        kind: 'error',
        file: input.file,
        code: 'UNKNOWN_FORMAT',
        message: 'a certificate file, not a certificate request: judge it with supcert check.',
      };
    }
    if (fromDirectory && (e.code === 'UNKNOWN_FORMAT' || e.code === 'EMPTY_INPUT')) {
      return { kind: 'skipped', file: input.file, reason: `not a certificate request (${e.code})` };
    }
    if (fromDirectory && bytes && e.code === 'MALFORMED' && isPlainText(bytes))
      return {
        kind: 'skipped',
        file: input.file,
        reason: 'a text file, not a certificate request',
      };
    return { kind: 'error', file: input.file, code: e.code, message: cliMessage(e.message) };
  }
}

/** `supcert check-request`: validateSupRequest on each file, with check's outputs and exit codes. */
export async function runCheckRequest(args: CheckRequestArgs): Promise<number> {
  const options: SupOptions = { ...args.options };
  checkNamesWith(options, 'check-request', resolveOptions);
  const { inputs, single } = await expandInputs(args.inputs);
  const text = args.format === 'text';
  const textOptions = {
    style: styleFor(process.stdout, args.noColor),
    verbose: args.verbose,
    failOn: args.failOn,
    skipNames: args.options.skipNames === true,
    at: new Date(),
  };
  const outcomes: RequestOutcome[] = [];
  for (const input of inputs) {
    const outcome = await judgeRequest(input, options);
    outcomes.push(outcome);
    if (outcome.kind !== 'report') write('stderr', outcomeLine(outcome));
    else if (text) write('stdout', formatRequestReport(outcome, textOptions, EKU_NAMES));
  }

  return finishRun(
    outcomes,
    {
      command: 'check-request',
      inputs: args.inputs,
      format: args.format,
      jsonShape: args.jsonShape,
      failOn: args.failOn,
      single,
      textOptions,
      nothingFound: 'certificate request',
    },
    () => describeRules(),
  );
}
