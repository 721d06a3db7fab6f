import { styleText } from 'node:util';
import { Safe } from './output/clean.js';

type Format = Parameters<typeof styleText>[0];

/** Colour helpers for one stream; identity functions when colour is off. */
export interface Style {
  readonly enabled: boolean;
  /** `text` in the format's colours (only text that is already `Safe`: a value is cleaned before it is painted). */
  paint(format: Format, text: Safe): Safe;
}

/**
 * Colour only for a person: the stream is a terminal, NO_COLOR (no-color.org: set and not
 * empty) is absent, and --no-color was not given. Pipes, files and CI logs get plain text.
 */
export function styleFor(
  stream: NodeJS.WriteStream,
  noColorFlag: boolean,
  env: NodeJS.ProcessEnv = process.env,
): Style {
  return styleOf(!noColorFlag && stream.isTTY === true && !env.NO_COLOR);
}

/** The style with colour on or off, as {@link styleFor} decided (a worker is told the decision). */
export function styleOf(enabled: boolean): Style {
  return {
    enabled,
    // validateStream: false because the decision is made above, for the stream we write to
    // (styleText would otherwise look at stdout even when we write to stderr).
    paint: (format, text) =>
      enabled ? Safe.of(styleText(format, text.text, { validateStream: false })) : text,
  };
}
