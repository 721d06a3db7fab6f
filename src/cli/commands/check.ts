import { DEFAULT_LIMITS, type SupOptions, WorkBudget, describeRules, readCertificates, readCrls } from '../../index.js';
import { resolveOptions } from '../../sup/resolveOptions.js';
import type { CheckArgs } from '../args.js';
import { InputError, describeError } from '../errors.js';
import { cliMessage } from '../optionNames.js';
import { checkNamesWith } from '../names.js';
import { expandInputs } from '../inputs.js';
import { type JudgeContext, type Outcome, judge } from '../judge.js';
import { type Safe, cut, t } from '../output/clean.js';
import { formatReport } from '../output/text.js';
import { clearProgress, write, writeProgress } from '../output/write.js';
import { finishRun, outcomeLine } from '../finish.js';
import { passwordSource } from '../password.js';
import { readFileCapped } from '../readFile.js';
import { styleFor } from '../style.js';

/**
 * Reads the --trust / --intermediate files up front: a bad one is the command line's problem,
 * before any input is judged. Each is read capped (a device or FIFO is refused), and all of
 * them share one work budget.
 */
async function readCaFiles(files: string[], option: string, budget: WorkBudget): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const file of files) {
    try {
      const bytes = readFileCapped(file, DEFAULT_LIMITS.maxInputBytes, `a ${option} file`, 'limits.maxInputBytes');
      const bundle = await readCertificates(bytes, { budget });
      if (bundle.certificates.length === 0) throw new InputError(file, 'UNKNOWN_FORMAT', 'holds no certificate (only a private key).');
      // Every certificate of a --trust file becomes a trust anchor, as given: an intermediate among
      // them would make a chain "trusted" that clients (which trust only their roots) reject.
      if (option === '--trust') {
        for (const cert of bundle.certificates.filter((c) => !c.selfIssued)) {
          write('stderr', t`supcert: note: ${file}: "${cert.subject || '(empty subject)'}" is not self-signed (an intermediate CA, issued by "${cert.issuer || '(empty)'}"), yet --trust makes it a trust anchor, as given. Give the root your clients trust with --trust and this certificate with --intermediate.\n`);
        }
      }
      out.push(bytes);
    } catch (error) {
      if (error instanceof InputError) throw error;
      const e = describeError(error);
      if (!e) throw error;
      throw new InputError(file, e.code, cliMessage(e.message));
    }
  }
  return out;
}

/** "[3/12] file" on stderr while many inputs are judged; only on a terminal, cleared before anything else is written. */
function progressBar(total: number): { show(i: number, file: string): void; clear(): void } {
  const on = total > 5 && process.stderr.isTTY === true;
  let shown = false;
  return {
    show(i, file) {
      if (!on) return;
      const columns = process.stderr.columns || 80;
      const line: Safe = t`[${i + 1}/${total}] ${file}`;
      writeProgress(cut(line, columns - 1));
      shown = true;
    },
    clear() {
      if (shown) clearProgress();
      shown = false;
    },
  };
}

export async function runCheck(args: CheckArgs): Promise<number> {
  checkNamesWith(args.options, 'check', resolveOptions);
  let bar = progressBar(0);
  const passwords = passwordSource(args.password, process.env, () => bar.clear());
  const caBudget = new WorkBudget();
  const trustAnchors = await readCaFiles(args.trust, '--trust', caBudget);
  const intermediates = await readCaFiles(args.intermediates, '--intermediate', caBudget);
  // One evaluation time for every input, and the text report's "days left" agrees with it.
  const at = args.options.at ?? new Date();
  const options: SupOptions = { ...args.options, at };
  if (args.trust.length > 0) options.trustAnchors = trustAnchors;
  if (intermediates.length > 0) options.intermediates = intermediates;
  if (args.crls.length > 0) {
    options.crls = args.crls.map((file) => {
      try {
        const bytes = readFileCapped(file, DEFAULT_LIMITS.maxInputBytes, 'a --crl file', 'limits.maxInputBytes');
        // Read once here: a file that is no CRL is the command line's problem, named, before any input is judged.
        readCrls(bytes, { budget: caBudget });
        return bytes;
      } catch (error) {
        const e = describeError(error);
        if (!e) throw error;
        throw new InputError(file, e.code, cliMessage(e.message));
      }
    });
  }
  const ctx: JudgeContext = { options, namesGiven: args.namesGiven || args.options.skipNames === true, passwords, timeoutMs: args.timeoutMs, probe: args.probe, online: args.online };

  const { inputs, single } = await expandInputs(args.inputs);

  const text = args.format === 'text';
  const textOptions = { style: styleFor(process.stdout, args.noColor), verbose: args.verbose, failOn: args.failOn, skipNames: args.options.skipNames === true, at };
  bar = progressBar(inputs.length);
  const outcomes: Outcome[] = [];
  for (const [i, input] of inputs.entries()) {
    bar.show(i, input.file);
    const outcome = await judge(input, ctx);
    bar.clear();
    outcomes.push(outcome);
    if (outcome.kind !== 'report') write('stderr', outcomeLine(outcome));
    else if (text) write('stdout', formatReport(outcome, textOptions));
  }

  // Only directories can come to "nothing found": every file in them was skipped.
  return finishRun(outcomes, { command: 'check', inputs: args.inputs, format: args.format, jsonShape: args.jsonShape, failOn: args.failOn, single, textOptions, nothingFound: 'certificate file' }, describeRules);
}
