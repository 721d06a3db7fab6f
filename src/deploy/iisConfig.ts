import { SupCertError, malformed } from '../errors.js';
import type { WorkBudget } from '../limits.js';
import { quoteValue } from '../util/quote.js';
import { decodeText } from './text.js';

/** One `<binding>` of a site: `bindingInformation` is "IP:port:host" (IIS 7+ configuration reference). */
export interface IisBinding {
  protocol: string;
  /** As written, e.g. "*:8531:" or "10.0.0.5:443:sup01.corp.contoso.com". */
  bindingInformation: string;
  /** "*" for all unassigned addresses. */
  ip: string;
  port: number | null;
  /** The host header ('' for none). */
  host: string;
  /** The binding's sslFlags (IIS 8+): 1 = SNI (Require Server Name Indication), 2 = Central Certificate Store. */
  sslFlags: number;
}

export interface IisSite {
  name: string;
  id: number | null;
  bindings: IisBinding[];
  /** Application paths ("/", "/ClientWebService" ...) and virtual directory paths ("/Content"), each "/"-prefixed. */
  paths: string[];
}

/** An `<access sslFlags="…">` setting and where it applies. */
export interface IisAccessSetting {
  /** The `<location path>` ("WSUS Administration/ClientWebService"), '' for the server level (no location, path "" or "."). */
  path: string;
  /** The flags, e.g. ["Ssl", "SslNegotiateCert"]; [] for "None". */
  sslFlags: string[];
}

export interface IisConfig {
  sites: IisSite[];
  access: IisAccessSetting[];
}

/** Largest attribute value read, in characters: a real one is a path or a short list. */
const MAX_ATTRIBUTE = 4096;

/** The five predefined entities; with numeric character references, the only ones without a DTD. */
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The element paths whose attributes are read; everything else is only checked for well-formedness. */
const SITE = 'configuration/system.applicationHost/sites/site';
const SERVER_ACCESS = 'configuration/system.webServer/security/access';
const LOCATION = 'configuration/location';
const LOCATION_ACCESS = 'configuration/location/system.webServer/security/access';
const WANTED = new Set([
  SITE,
  `${SITE}/bindings/binding`,
  `${SITE}/application`,
  `${SITE}/application/virtualDirectory`,
  SERVER_ACCESS,
  LOCATION,
  LOCATION_ACCESS,
]);

/** Every prefix of a path in WANTED ("configuration", "configuration/location" ...). */
const WANTED_PREFIXES = new Set(
  [...WANTED].flatMap((p) => p.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'))),
);

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Reads applicationHost.config in one linear pass over the text: checks that it is well-formed
 * (tags nested and closed in order, attributes quoted, no `<` in a value, every `&` a predefined
 * entity or a character reference), refuses a DTD (entities are never expanded, and
 * applicationHost.config has none), bounds the depth (maxDepth), the elements (maxElements) and
 * each attribute value (MAX_ATTRIBUTE characters), and keeps the attributes of the few elements
 * supcert reads only. Time and memory are linear in the file with a small constant (a general
 * XML parser built a tree of every element: 32 MiB took 7-12 s and 1-1.5 GB).
 */
function scan(text: string, what: string, budget: WorkBudget): IisConfig {
  const fail = (at: number, problem: string): never => {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
    throw malformed(`${what}: not well-formed XML (line ${line}: ${problem}).`);
  };
  const room = budget.limits.maxElements - budget.spent('maxElements');
  const stack: string[] = [];
  // The paths of the open elements that can lead to one read (a prefix of `stack`).
  const followedPaths: string[] = [];
  const paths: string[] = [];
  const sites: IisSite[] = [];
  const access: IisAccessSetting[] = [];
  let serverAccessSeen = false;
  let location: { path: string; seen: boolean } | null = null;
  let roots = 0;
  let configurationRoot = false;
  let tags = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (next === 0x21 /* ! */) {
      const close = text.startsWith('<!--', i)
        ? '-->'
        : text.startsWith('<![CDATA[', i)
          ? ']]>'
          : null;
      if (close) {
        const end = text.indexOf(close, i + 4);
        if (end < 0)
          throw malformed(
            `${what}: a comment or CDATA section that never ends: the file is truncated.`,
          );
        i = end + close.length;
        continue;
      }
      if (/^<!(doctype|entity)/i.test(text.slice(i, i + 9)))
        throw malformed(
          `${what}: has a DOCTYPE (document type definition). applicationHost.config never has one, and supcert does not expand XML entities: export the file again from %windir%\\System32\\inetsrv\\config.`,
        );
      fail(i, `"<!" that starts no comment or CDATA section`);
    }
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) fail(i, 'a processing instruction that never ends');
      i = end + 2;
      continue;
    }
    const closing = next === 0x2f; /* / */
    let j = closing ? i + 2 : i + 1;
    const nameStart = j;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3c || c === 0x3d) break;
      j++;
    }
    const name = text.slice(nameStart, j);
    if (name === '') fail(i, 'a "<" that starts no tag');
    if (closing) {
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 0x3e)
        fail(i, `the end tag </${quoteValue(name, 60)}> is not closed by ">"`);
      if (followedPaths.length === stack.length) followedPaths.pop();
      const open = stack.pop();
      if (open !== name)
        fail(
          i,
          open === undefined
            ? `</${quoteValue(name, 60)}> closes no element`
            : `</${quoteValue(name, 60)}> closes <${quoteValue(open, 60)}>`,
        );
      if (stack.length === 1 && open === 'location') location = null;
      i = j + 1;
      continue;
    }
    if (stack.length === 0) {
      if (++roots > 1) fail(i, 'a second root element');
      configurationRoot = name === 'configuration';
    }
    if (++tags > room) budget.charge('maxElements', tags, `${what}: XML elements`); // throws: over the limit
    if (stack.length + 1 > budget.limits.maxDepth)
      throw new SupCertError(
        'LIMIT_EXCEEDED',
        `${what}: XML nested more than ${budget.limits.maxDepth} elements deep (applicationHost.config nests about 10). If the file is genuine, raise limits.maxDepth.`,
      );
    // The element's path, followed only while it can still lead to an element read.
    const parent =
      followedPaths.length === stack.length
        ? (followedPaths[followedPaths.length - 1] ?? '')
        : null;
    const path = parent === null ? null : parent === '' ? name : `${parent}/${name}`;
    const followed = path !== null && WANTED_PREFIXES.has(path) ? path : null;
    const keep = followed !== null && WANTED.has(followed);
    const attrs = keep ? new Map<string, string>() : null;
    // Attributes, then "/>" or ">".
    let selfClosing = false;
    for (;;) {
      const before = j;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const c = text.charCodeAt(j);
      if (c === 0x3e) {
        j++;
        break;
      }
      if (c === 0x2f && text.charCodeAt(j + 1) === 0x3e) {
        selfClosing = true;
        j += 2;
        break;
      }
      if (j >= n) fail(i, `the tag <${quoteValue(name, 60)}> never ends: the file is truncated`);
      if (j === before) fail(j, `no space before an attribute of <${quoteValue(name, 60)}>`);
      const attrStart = j;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (
          isSpace(d) ||
          d === 0x3d ||
          d === 0x3e ||
          d === 0x2f ||
          d === 0x3c ||
          d === 0x22 ||
          d === 0x27
        )
          break;
        j++;
      }
      const attrName = text.slice(attrStart, j);
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (attrName === '' || text.charCodeAt(j) !== 0x3d)
        fail(j, `an attribute of <${quoteValue(name, 60)}> without "=value"`);
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const quote = text[j];
      if (quote !== '"' && quote !== "'")
        fail(j, `the value of ${quoteValue(attrName, 60)} is not quoted`);
      const end = text.indexOf(quote!, j + 1);
      if (end < 0)
        fail(j, `the value of ${quoteValue(attrName, 60)} never ends: the file is truncated`);
      if (end - j - 1 > MAX_ATTRIBUTE)
        throw new SupCertError(
          'LIMIT_EXCEEDED',
          `${what}: an attribute value of ${end - j - 1} characters at offset ${j + 1}; applicationHost.config values are paths and short lists (at most ${MAX_ATTRIBUTE} characters here). This is not an IIS configuration.`,
        );
      const raw = text.slice(j + 1, end);
      if (raw.includes('<')) fail(j, `a "<" in the value of ${quoteValue(attrName, 60)}`);
      const badReference = (): never =>
        fail(
          j,
          `an entity reference in the value of ${quoteValue(attrName, 60)} that is neither predefined (&amp; &lt; &gt; &quot; &apos;) nor a character reference`,
        );
      // Values of elements not read are only checked (their references), never decoded.
      if (!attrs && raw.includes('&')) decodeAttribute(raw, badReference);
      if (attrs) {
        const value = decodeAttribute(raw, badReference);
        if (attrs.has(attrName)) fail(j, `the attribute ${quoteValue(attrName, 60)} is repeated`);
        attrs.set(attrName, value);
      }
      j = end + 1;
    }
    if (attrs) {
      const a = (k: string): string | undefined => attrs.get(k);
      if (path === SITE) {
        const idText = a('id');
        sites.push({
          name: a('name') ?? '',
          id: idText !== undefined && /^\d+$/.test(idText) ? Number(idText) : null,
          bindings: [],
          paths: [],
        });
        paths.length = 0;
      } else if (path === `${SITE}/bindings/binding`) {
        const info = a('bindingInformation') ?? '';
        sites.at(-1)?.bindings.push({
          protocol: (a('protocol') ?? '').toLowerCase(),
          bindingInformation: info,
          ...parseBindingInformation(info),
          sslFlags: Number(a('sslFlags') ?? 0) || 0,
        });
      } else if (path === `${SITE}/application`) {
        const appPath = a('path') ?? '/';
        paths.length = 0;
        paths.push(appPath);
        sites.at(-1)?.paths.push(appPath);
      } else if (path === `${SITE}/application/virtualDirectory`) {
        const appPath = paths[0] ?? '/';
        const vPath = a('path') ?? '/';
        if (vPath !== '/') sites.at(-1)?.paths.push(`${appPath === '/' ? '' : appPath}${vPath}`);
      } else if (path === SERVER_ACCESS) {
        const flags = flagsOf(a('sslFlags'));
        if (!serverAccessSeen && flags) access.unshift({ path: '', sslFlags: flags });
        serverAccessSeen = true;
      } else if (path === LOCATION) {
        location = { path: (a('path') ?? '').replace(/^\.$/, ''), seen: false };
      } else if (path === LOCATION_ACCESS && location && !location.seen) {
        location.seen = true;
        const flags = flagsOf(a('sslFlags'));
        if (flags) access.push({ path: location.path, sslFlags: flags });
      }
    }
    if (!selfClosing) {
      stack.push(name);
      if (followed !== null) followedPaths.push(followed);
    }
    i = j;
  }
  if (stack.length > 0)
    throw malformed(
      `${what}: not well-formed XML (<${quoteValue(stack.at(-1)!, 60)}> is never closed: the file is truncated).`,
    );
  budget.charge('maxElements', tags, `${what}: XML elements`);
  if (!configurationRoot)
    throw malformed(
      `${what}: an XML file without <configuration>: not IIS's applicationHost.config.`,
    );
  return { sites, access };
}

/** An attribute value with its references replaced and its white space normalised (XML 1.0 §3.3.3). */
function decodeAttribute(raw: string, bad: () => never): string {
  const spaced = raw.replace(/[\t\n\r]/g, ' ');
  if (!spaced.includes('&')) return spaced;
  return spaced.replace(/&([^;&]{0,10});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) bad();
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    const m = /^#(?:x([0-9a-f]{1,6})|([0-9]{1,7}))$/i.exec(ref);
    const code = m ? Number.parseInt(m[1] ?? m[2]!, m[1] ? 16 : 10) : -1;
    if (code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) bad();
    return String.fromCodePoint(code);
  });
}

function parseBindingInformation(raw: string): Pick<IisBinding, 'ip' | 'port' | 'host'> {
  // "IP:port:host"; an IPv6 address is bracketed ("[::1]:443:").
  const last = raw.lastIndexOf(':');
  const host = last >= 0 ? raw.slice(last + 1) : '';
  const front = last >= 0 ? raw.slice(0, last) : raw;
  const portAt = front.lastIndexOf(':');
  const portText = portAt >= 0 ? front.slice(portAt + 1) : '';
  const port = /^\d{1,5}$/.test(portText) && Number(portText) <= 65535 ? Number(portText) : null;
  return { ip: portAt >= 0 ? front.slice(0, portAt) : front, port, host };
}

function flagsOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '' && f.toLowerCase() !== 'none');
}

/**
 * Reads IIS's `%windir%\System32\inetsrv\config\applicationHost.config` (IIS 7 and later; the
 * schema is the IIS configuration reference: system.applicationHost/sites/site/bindings/binding,
 * application, virtualDirectory; system.webServer/security/access@sslFlags, at the server level
 * and in `<location path="SITE[/PATH]">`). One linear pass over the text (no XML tree is built):
 * it refuses DTDs, never expands entities, and bounds elements, depth and attribute length.
 *
 * @throws SupCertError (rejects) EMPTY_INPUT, MALFORMED (not well-formed, a DTD, no <configuration>),
 *   LIMIT_EXCEEDED (maxInputBytes, maxElements, maxDepth, an attribute over 4,096 characters).
 */
export async function readIisConfig(
  bytes: Uint8Array,
  what: string,
  budget: WorkBudget,
): Promise<IisConfig> {
  await Promise.resolve();
  return scan(decodeText(bytes, what, budget), what, budget);
}

/** Trims slashes and lower-cases a location or site path, for comparison. */
function normalise(path: string): string {
  let start = 0;
  let end = path.length;
  while (start < end && (path[start] === '/' || path[start] === '\\')) start++;
  while (end > start && (path[end - 1] === '/' || path[end - 1] === '\\')) end--;
  return path.slice(start, end).toLowerCase();
}

/**
 * The sslFlags in force at "SITE/PATH": the most specific `<location>` (the path itself, then
 * each parent, then the site), else the server level, else none ([] : "None"). IIS merges
 * configuration this way: a child inherits the nearest setting above it.
 */
export function effectiveSslFlags(
  config: IisConfig,
  site: string,
  path: string,
): { flags: string[]; from: string } {
  const parts = normalise(path)
    .split('/')
    .filter((p) => p !== '');
  for (let n = parts.length; n >= 0; n--) {
    const want = normalise([site, ...parts.slice(0, n)].join('/'));
    const hit = [...config.access]
      .reverse()
      .find((a) => a.path !== '' && normalise(a.path) === want);
    if (hit) return { flags: hit.sslFlags, from: `<location path="${hit.path}">` };
  }
  const server = config.access.find((a) => a.path === '');
  return server
    ? { flags: server.sslFlags, from: 'the server level (system.webServer/security/access)' }
    : { flags: [], from: 'the IIS default (None)' };
}
