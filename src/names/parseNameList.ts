import { kindOf } from '../x509/arguments.js';

/** What {@link parseNameList} read: the names, and what was odd about the text. */
export interface ParsedNameList {
  /** The DNS names, in the order given, de-duplicated case-insensitively. */
  names: string[];
  /** What was odd: empty tokens, non-DNS prefixes, duplicates, URLs, whitespace inside a name. */
  problems: string[];
}

/** Options of {@link parseNameList}. */
export interface ParseNameListOptions {
  /** Also split on whitespace and commas inside a token (a warning is still given). Default false. */
  lenient?: boolean;
}

const PREFIX = /^([a-z][a-z0-9]*)\s*=\s*/i;

/**
 * Parses what an administrator writes for the SUP's names, following the ConfigMgr
 * documentation's ampersand notation ("intranet&internet", S1) and the Windows CA request syntax
 * ("san:dns=a&dns=b", S9; certreq INF `_continue_ = "DNS=a&"`, S10), as docs/names.md ("The &
 * notation") describes. The `&` is notation: it separates names and is never looked for inside
 * a certificate. Never throws: anything odd is a `problems` entry.
 *
 * @example
 * ```ts
 * import { parseNameList } from 'supcert';
 *
 * const { names, problems } = parseNameList('san:dns=sup01.corp.contoso.com&dns=sup01.contoso.com');
 * console.log(names, problems); // [ 'sup01.corp.contoso.com', 'sup01.contoso.com' ] []
 * ```
 */
export function parseNameList(text: string, options: ParseNameListOptions = {}): ParsedNameList {
  const problems: string[] = [];
  if (typeof text !== 'string' && text !== null && text !== undefined && typeof text !== 'number')
    return {
      names: [],
      problems: [
        `the name list must be text such as "sup01.corp.contoso.com&sup01.contoso.com", not ${kindOf(text)}`,
      ],
    };
  let body = String(text ?? '').trim();
  // 1. An optional leading "san:" (CA web-enrollment attribute syntax).
  if (/^san\s*:/i.test(body)) body = body.replace(/^san\s*:\s*/i, '');
  const names: string[] = [];
  const seen = new Set<string>();
  const tokens = body.split('&');
  tokens.forEach((rawToken, index) => {
    let token = rawToken
      .trim()
      .replace(/^(["'])(.*)\1$/, '$2')
      .trim();
    if (token === '') {
      // A trailing "&" is what certreq INF _continue_ lines end with: not worth a problem.
      const trailing = index > 0 && index === tokens.length - 1;
      if (tokens.length > 1 && !trailing)
        problems.push(
          `empty name at position ${index + 1} (two "&" in a row, or one at the start)`,
        );
      return;
    }
    // 2. "dns=" prefix is the CA request syntax; any other prefix is a non-DNS identity.
    const prefix = PREFIX.exec(token);
    if (prefix) {
      const kind = prefix[1]!.toLowerCase();
      if (kind !== 'dns') {
        problems.push(
          `"${token}" is a ${kind}= identity, not a DNS name; a software update point is reached by DNS name, so it is ignored`,
        );
        return;
      }
      token = token.slice(prefix[0].length).trim();
    }
    // A pasted WSUS URL ("https://sup01.contoso.com:8531/"): keep its host.
    const url = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(token);
    if (url) {
      problems.push(`"${token}" is a URL; using its host name "${url[1]}"`);
      token = url[1]!;
    }
    let parts = [token];
    if (/[\s,;]/.test(token)) {
      if (options.lenient) {
        parts = token.split(/[\s,;]+/).filter((p) => p !== '');
        problems.push(
          `"${token}" contains spaces or commas; read as ${parts.length} names (separate names with "&")`,
        );
      } else {
        problems.push(
          `"${token}" contains spaces or commas, which no DNS name has; separate names with "&"`,
        );
      }
    }
    for (const name of parts) {
      const key = name.toLowerCase().replace(/\.$/, '');
      if (seen.has(key)) {
        problems.push(`"${name}" is given more than once`);
        continue;
      }
      seen.add(key);
      names.push(name);
    }
  });
  if (names.length === 0 && problems.length === 0) problems.push('no name given');
  return { names, problems };
}
