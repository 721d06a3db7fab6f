import { type SuggestedRequest, suggestRequest } from '../../index.js';
import type { SuggestArgs } from '../args.js';
import { EXIT, UsageError, describeError } from '../errors.js';
import { cliMessage } from '../optionNames.js';
import { type Safe, document, host, join, t } from '../output/clean.js';
import { write, writeJson } from '../output/write.js';
import { styleFor } from '../style.js';

const NO_NAMES =
  "give the SUP's names: --names 'intranet&internet', or --intranet NAME (and --internet NAME).";

/** One form of the request as a file holds it: the library's text, ending with a line break. */
const asFile = (text: string): string => (/\n$/.test(text) ? text : `${text}\n`);

function textForm(s: SuggestedRequest, noColor: boolean): Safe {
  const style = styleFor(process.stdout, noColor);
  const heading = (title: Safe, how: Safe): Safe =>
    t`${style.paint('bold', title)}\n${style.paint('dim', how)}\n\n`;
  // For reading: the INF's CRLF would show as ^M in some pagers; --format inf keeps it for certreq.
  const inf = s.inf.replace(/\r\n/g, '\n');
  return t`${style.paint('bold', t`Names (SAN order)`)}: ${join(s.names.map(host), ', ')}\n\n${heading(t`certreq INF`, t`Save as sup.inf (supcert suggest ... --format inf > sup.inf), then: certreq -new sup.inf sup.req`)}${document(asFile(inf))}\n${heading(t`CA web-enrollment attributes`, t`Paste into the Attributes box of the CA's web enrollment page (or give to certreq -attrib).`)}${document(asFile(s.webEnrollmentAttributes))}\n${heading(t`OpenSSL config`, t`Save as sup.cnf, then: openssl req -new -config sup.cnf -newkey rsa:2048 -nodes -keyout sup.key -out sup.csr`)}${document(asFile(s.opensslConfig))}`;
}

/** `supcert suggest`: the library's suggestRequest, in the form asked for. Loaded lazily. */
export function runSuggest(args: SuggestArgs): number {
  if (!args.namesGiven) throw new UsageError(NO_NAMES, 'suggest');
  let suggestion: SuggestedRequest;
  try {
    suggestion = suggestRequest(args.options);
  } catch (error) {
    const e = describeError(error);
    // The library's own message names its API options (intranetName ...); here the flags are what to give.
    if (e?.code === 'INVALID_OPTION')
      throw new UsageError(
        /needs the SUP's names/.test(e.message) ? NO_NAMES : cliMessage(e.message),
        'suggest',
      );
    throw error;
  }
  // On stderr, so that `--format inf > sup.inf` stays a clean file; they do not change the exit code.
  for (const warning of suggestion.warnings)
    write('stderr', t`supcert: warning: ${cliMessage(warning)}\n`);
  if (args.format === 'json') {
    writeJson('stdout', suggestion);
    return EXIT.ok;
  }
  const out: Record<Exclude<SuggestArgs['format'], 'json'>, () => Safe> = {
    text: () => textForm(suggestion, args.noColor),
    inf: () => document(suggestion.inf),
    attributes: () => document(asFile(suggestion.webEnrollmentAttributes)),
    openssl: () => document(asFile(suggestion.opensslConfig)),
  };
  write('stdout', out[args.format]());
  return EXIT.ok;
}
