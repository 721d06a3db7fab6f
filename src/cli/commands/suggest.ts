import type { SuggestedRequest } from '../../index.js';
import type { SuggestArgs } from '../args.js';
import { EXIT, UsageError, describeError } from '../errors.js';
import type { Library } from '../library.js';
import { clean } from '../output/clean.js';
import { styleFor } from '../style.js';

const NO_NAMES = 'give the SUP\'s names: --names \'intranet&internet\', or --intranet NAME (and --internet NAME).';

/** One form of the request as a file holds it: the library's text, ending with a line break. */
const asFile = (text: string): string => (/\n$/.test(text) ? text : `${text}\n`);

function textForm(s: SuggestedRequest, noColor: boolean): string {
  const style = styleFor(process.stdout, noColor);
  const heading = (title: string, how: string): string => `${style.paint('bold', title)}\n${style.paint('dim', how)}\n\n`;
  // For reading: the INF's CRLF would show as ^M in some pagers; --format inf keeps it for certreq.
  const inf = s.inf.replace(/\r\n/g, '\n');
  return [
    `${style.paint('bold', 'Names (SAN order)')}: ${s.names.map(clean).join(', ')}\n\n`,
    heading('certreq INF', 'Save as sup.inf (supcert suggest ... --format inf > sup.inf), then: certreq -new sup.inf sup.req'),
    asFile(inf),
    '\n',
    heading('CA web-enrollment attributes', 'Paste into the Attributes box of the CA\'s web enrollment page (or give to certreq -attrib).'),
    asFile(s.webEnrollmentAttributes),
    '\n',
    heading('OpenSSL config', 'Save as sup.cnf, then: openssl req -new -config sup.cnf -newkey rsa:2048 -nodes -keyout sup.key -out sup.csr'),
    asFile(s.opensslConfig),
  ].join('');
}

/** `supcert suggest`: the library's suggestRequest, in the form asked for. Loaded lazily; the library comes in as `lib` (see ../library.ts). */
export function runSuggest(args: SuggestArgs, lib: Library): number {
  if (!args.namesGiven) throw new UsageError(NO_NAMES, 'suggest');
  let suggestion: SuggestedRequest;
  try {
    suggestion = lib.suggestRequest(args.options);
  } catch (error) {
    const e = describeError(error);
    // The library's own message names its API options (intranetName ...); here the flags are what to give.
    if (e?.code === 'INVALID_OPTION') throw new UsageError(/needs the SUP's names/.test(e.message) ? NO_NAMES : e.message, 'suggest');
    throw error;
  }
  // On stderr, so that `--format inf > sup.inf` stays a clean file; they do not change the exit code.
  for (const warning of suggestion.warnings) process.stderr.write(`supcert: warning: ${clean(warning)}\n`);
  const out: Record<SuggestArgs['format'], () => string> = {
    text: () => textForm(suggestion, args.noColor),
    inf: () => suggestion.inf,
    attributes: () => asFile(suggestion.webEnrollmentAttributes),
    openssl: () => asFile(suggestion.opensslConfig),
    json: () => `${JSON.stringify(suggestion, null, 2)}\n`,
  };
  process.stdout.write(out[args.format]());
  return EXIT.ok;
}
