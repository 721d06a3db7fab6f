import { readFileSync } from 'node:fs';
import { type SupOptions, describeRules, readCertificates } from '../../index.js';
import type { CheckArgs } from '../args.js';
import { InputError, bugReport, describeError } from '../errors.js';
import { expandInputs } from '../inputs.js';
import { type JudgeContext, type Outcome, judge } from '../judge.js';
import { clean } from '../output/clean.js';
import { formatReport } from '../output/text.js';
import { finishRun } from '../finish.js';
import { passwordSource } from '../password.js';
import { styleFor } from '../style.js';

/** Reads the --trust / --intermediate files up front: a bad one is the command line's problem, before any input is judged. */
async function readCaFiles(files: string[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const file of files) {
    try {
      const bytes = readFileSync(file);
      const bundle = await readCertificates(bytes);
      if (bundle.certificates.length === 0) throw new InputError(file, 'UNKNOWN_FORMAT', 'holds no certificate (only a private key).');
      out.push(bytes);
    } catch (error) {
      if (error instanceof InputError) throw error;
      const e = describeError(error);
      if (!e) throw error;
      throw new InputError(file, e.code, e.message);
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
      process.stderr.write(`\r\x1b[K${`[${i + 1}/${total}] ${clean(file)}`.slice(0, columns - 1)}`);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}

export async function runCheck(args: CheckArgs): Promise<number> {
  let bar = progressBar(0);
  const passwords = passwordSource(args.password, process.env, () => bar.clear());
  const trustAnchors = await readCaFiles(args.trust);
  const intermediates = await readCaFiles(args.intermediates);
  // One evaluation time for every input, and the text report's "days left" agrees with it.
  const at = args.options.at ?? new Date();
  const options: SupOptions = { ...args.options, at };
  if (args.trust.length > 0) options.trustAnchors = trustAnchors;
  if (intermediates.length > 0) options.intermediates = intermediates;
  const ctx: JudgeContext = { options, namesGiven: args.namesGiven, passwords, timeoutMs: args.timeoutMs };

  const { inputs, single } = await expandInputs(args.inputs);

  const text = args.format === 'text';
  const textOptions = { style: styleFor(process.stdout, args.noColor), verbose: args.verbose, failOn: args.failOn, at };
  bar = progressBar(inputs.length);
  const outcomes: Outcome[] = [];
  for (const [i, input] of inputs.entries()) {
    bar.show(i, input.file);
    const outcome = await judge(input, ctx);
    bar.clear();
    outcomes.push(outcome);
    if (outcome.kind === 'error') process.stderr.write(`supcert: ${clean(outcome.file)}: ${clean(outcome.message)} (${outcome.code})\n${outcome.bug === undefined ? '' : bugReport(outcome.bug)}`);
    else if (outcome.kind === 'skipped') process.stderr.write(`supcert: note: ${clean(outcome.file)}: skipped, ${outcome.reason}\n`);
    else if (text) process.stdout.write(formatReport(outcome, textOptions));
  }

  // Only directories can come to "nothing found": every file in them was skipped.
  return finishRun(outcomes, { inputs: args.inputs, format: args.format, failOn: args.failOn, single, textOptions, nothingFound: 'certificate file' }, describeRules);
}
