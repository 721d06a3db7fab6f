import { SupCertError } from '../errors.js';
import { quoteValue } from '../util/quote.js';
import { lastItem } from '../util/item.js';

/**
 * A certreq INF file (certreq -new): an INI dialect with [Sections], `Key = Value` lines, values
 * optionally in double quotes ("" inside quotes is a quote), `;` comments, `_continue_ = "..."`
 * lines that append to the previous value, `%%` for a literal percent and `%name%` (in keys and
 * values) replaced from a [Strings] section. Keys are case-insensitive. certreq reference: learn.microsoft.com (S10).
 */
export interface InfFile {
  /** Section name (lowercase) → entries in file order. */
  sections: Map<string, Array<{ key: string; value: string; line: number }>>;
  notes: string[];
}

function unquote(raw: string): { value: string; rest: string } {
  let text = raw.trim();
  if (!text.startsWith('"')) {
    const semicolon = text.indexOf(';');
    return { value: (semicolon >= 0 ? text.slice(0, semicolon) : text).trim(), rest: '' };
  }
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      if (text.charAt(i + 1) === '"') {
        out += '"';
        i++;
        continue;
      }
      text = text.slice(i + 1);
      return { value: out, rest: text };
    }
    out += ch;
  }
  throw new SupCertError(
    'MALFORMED',
    `certreq INF: a quoted value is not closed: ${raw.trim().slice(0, 60)}`,
  );
}

export function parseInf(text: string): InfFile {
  const sections = new Map<string, Array<{ key: string; value: string; line: number }>>();
  const notes: string[] = [];
  let skipped = 0;
  let current: Array<{ key: string; value: string; line: number }> | undefined;
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith(';')) return;
    const section = /^\[([^\]]+)\]\s*(;.*)?$/.exec(line);
    if (section) {
      const name = section[1]!.trim().toLowerCase();
      current = sections.get(name) ?? [];
      sections.set(name, current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      // A bare OID line in [EnhancedKeyUsageExtension]-like sections is not valid INF; note it.
      if (notes.length < MAX_LINE_NOTES)
        notes.push(`line ${index + 1} is not "key = value": ${quoteValue(line, 60)}`);
      else skipped++;
      return;
    }
    if (!current)
      throw new SupCertError(
        'MALFORMED',
        `certreq INF: line ${index + 1} comes before any [Section].`,
      );
    const key = line.slice(0, eq).trim();
    const { value } = unquote(line.slice(eq + 1));
    if (key.toLowerCase() === '_continue_') {
      const previous = lastItem(current);
      if (!previous)
        throw new SupCertError(
          'MALFORMED',
          `certreq INF: _continue_ on line ${index + 1} has no value to continue.`,
        );
      previous.value += value;
      return;
    }
    current.push({ key, value, line: index + 1 });
  });
  // %name% from [Strings], %% as a literal percent. One level deep: a substituted value is not
  // scanned again, so substitutions cannot nest or recurse. Each one can still copy a long
  // [Strings] value, so the growth is bounded: a real INF grows by a few host names.
  const strings = new Map(
    (sections.get('strings') ?? []).map((e) => [e.key.toLowerCase(), e.value]),
  );
  const allowed = MAX_INF_GROWTH * text.length + MAX_INF_GROWTH_FLOOR;
  let grown = 0;
  const substitute = (raw: string): string =>
    raw.replace(/%([^%]*)%/g, (m, name: string) => {
      const value = name === '' ? '%' : (strings.get(name.toLowerCase()) ?? m);
      grown += value.length;
      if (grown > allowed) {
        throw new SupCertError(
          'MALFORMED',
          `certreq INF: the [Strings] substitutions (%name%) make the file's values more than ${allowed.toLocaleString('en-US')} characters long, over ${MAX_INF_GROWTH} times the file's own ${text.length.toLocaleString('en-US')}; no real request does that. Write the values out instead of repeating a long [Strings] entry.`,
        );
      }
      return value;
    });
  for (const [name, entries] of sections) {
    for (const e of entries) {
      // Keys too: certreq's own example writes %szOID_ENHANCED_KEY_USAGE% = "{text}..." in
      // [Extensions], the OID coming from [Strings].
      if (name !== 'strings' && e.key.includes('%')) e.key = substitute(e.key).trim();
      e.value = substitute(e.value);
    }
  }
  if (skipped > 0)
    notes.push(`… and ${skipped.toLocaleString('en-US')} more lines that are not "key = value"`);
  return { sections, notes };
}

/**
 * Bound on [Strings] substitution: the substituted text, summed over the file, may be at most
 * this many times the INF's own length (plus {@link MAX_INF_GROWTH_FLOOR} characters for tiny files).
 */
export const MAX_INF_GROWTH = 4;
/** Characters of substituted text any INF may produce, whatever its size. */
export const MAX_INF_GROWTH_FLOOR = 65_536;
/** Notes about lines that are not "key = value" kept word for word; the rest are counted. */
const MAX_LINE_NOTES = 20;

/** The value of a key in a section (case-insensitive), the last one when repeated. */
export function infValue(inf: InfFile, section: string, key: string): string | undefined {
  const entries = inf.sections.get(section.toLowerCase()) ?? [];
  const wanted = key.toLowerCase();
  for (let i = entries.length - 1; i >= 0; i--)
    if (entries[i]!.key.toLowerCase() === wanted) return entries[i]!.value;
  return undefined;
}
