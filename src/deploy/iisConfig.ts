import { SupCertError, malformed } from '../errors.js';
import type { WorkBudget } from '../limits.js';
import { quoteValue } from '../util/quote.js';
import { decodeText } from './text.js';
import { item } from '../util/item.js';

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
  /**
   * The binding's sslFlags (IIS 8+) as a number: 1 = SNI (Require Server Name Indication), 2 =
   * Central Certificate Store; IIS 10 on Windows Server 2022 writes higher bits too (not judged:
   * netsh http show sslcert shows what HTTP.sys does with them). Names ("Sni, CentralCertStore")
   * are read as their bits.
   */
  sslFlags: number;
}

export interface IisSite {
  name: string;
  id: number | null;
  bindings: IisBinding[];
  /** Application paths ("/", "/ClientWebService" ...) and virtual directory paths ("/Content"), each "/"-prefixed. */
  paths: string[];
  /** The application paths alone ("/", "/ClientWebService" ...): where inheritInChildApplications stops. */
  applications?: string[];
  /** The site's `<bindings>` has a `<clear />`: it inherits no `<siteDefaults>` binding. */
  clearsBindings?: true;
}

/** An `<access sslFlags="…">` setting and where it applies. */
export interface IisAccessSetting {
  /** The `<location path>` ("WSUS Administration/ClientWebService"), '' for the server level (no location, path "" or "."). */
  path: string;
  /** The flags, e.g. ["Ssl", "SslNegotiateCert"]; [] for "None". */
  sslFlags: string[];
  /**
   * false when the `<location>` says inheritInChildApplications="false": the setting applies to
   * the path and its virtual directories, not to applications below it. Absent means true.
   */
  inheritInChildApplications?: boolean;
  /**
   * The section is in another file (`<access configSource="file">`): its sslFlags are not in this
   * file (`sslFlags` is then []), and supcert does not read that file.
   */
  configSource?: string;
}

export interface IisConfig {
  sites: IisSite[];
  access: IisAccessSetting[];
  /**
   * `<sites configSource="file">`: the sites section is in another file (IIS reads it from
   * there; supcert does not), so `sites` holds none of them.
   */
  sitesConfigSource?: string;
  /**
   * `<sites><siteDefaults><bindings>`: bindings every site inherits unless it has a `<clear />`
   * in its own (see {@link siteBindings}); those after a `<clear />` in `<siteDefaults><bindings>`
   * only; absent when there are none.
   */
  siteDefaultBindings?: IisBinding[];
  /**
   * `<configurationRedirection enabled path>` (redirection.config, IIS Shared Configuration): when
   * enabled, IIS reads applicationHost.config from `path` instead of the local config folder.
   */
  redirection?: { enabled: boolean; path: string };
}

/** Largest attribute value read, in characters: a real one is a path or a short list. */
const MAX_ATTRIBUTE = 4096;

/**
 * Most attributes one element may have: IIS's elements have a few dozen at most. Each distinct
 * name costs V8 a string-table entry (sax stores the attributes by name), so 2.3 million of them
 * in one 32 MiB element took seconds and 300 MB.
 */
const MAX_ATTRIBUTES = 4096;

/** Characters handed to the parser at a time: its buffers are checked between two writes. */
const CHUNK = 65_536;

/** The element paths whose attributes are read; everything else is only checked for well-formedness. */
const SITES = 'configuration/system.applicationHost/sites';
const SITE = `${SITES}/site`;
const SITE_DEFAULT_BINDING = `${SITES}/siteDefaults/bindings/binding`;
const SITE_DEFAULT_CLEAR = `${SITES}/siteDefaults/bindings/clear`;
const REDIRECTION = 'configuration/configurationRedirection';
const SERVER_ACCESS = 'configuration/system.webServer/security/access';
const LOCATION = 'configuration/location';
const LOCATION_ACCESS = 'configuration/location/system.webServer/security/access';
const WANTED = new Set([
  SITES,
  SITE,
  SITE_DEFAULT_BINDING,
  SITE_DEFAULT_CLEAR,
  REDIRECTION,
  `${SITE}/bindings/binding`,
  `${SITE}/bindings/clear`,
  `${SITE}/application`,
  `${SITE}/application/virtualDirectory`,
  SERVER_ACCESS,
  LOCATION,
  LOCATION_ACCESS,
]);

/** A step on the way to an element read: the path so far, and whether its attributes are read. */
interface PathNode {
  path: string;
  wanted: boolean;
  children: Map<string, PathNode>;
}

/** Every prefix of a path in WANTED ("configuration", "configuration/location" ...), as a tree. */
const PATHS: PathNode = { path: '', wanted: false, children: new Map() };
for (const path of WANTED) {
  let node = PATHS;
  for (const name of path.split('/')) {
    const at = node.path === '' ? name : `${node.path}/${name}`;
    let next = node.children.get(name);
    if (!next) node.children.set(name, (next = { path: at, wanted: false, children: new Map() }));
    node = next;
  }
  node.wanted = true;
}

/** The attributes read of those elements; only these are kept (and checked for repeats). */
const READ_ATTRIBUTES = new Set([
  'name',
  'id',
  'protocol',
  'bindingInformation',
  'sslFlags',
  'path',
  'inheritInChildApplications',
  'configSource',
  'enabled',
]);

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const DOCTYPE_REFUSED =
  'has a DOCTYPE (document type definition). applicationHost.config never has one, and supcert does not expand XML entities: export the file again from %windir%\\System32\\inetsrv\\config.';

/**
 * Stands in for sax's `attribList` (lib/sax.js): the attributes of the tag being opened, which
 * sax fills only in xmlns mode (this reader does not use it) and empties with
 * `attribList.length = 0` up to three times per element. On an Array that assignment is a call
 * into V8's runtime: about a fifth of the reading time on 3.3 million elements. Here `length` is
 * a plain field and the list does what sax asks of it (push, indexOf, length) as an Array would.
 */
class AttributeList {
  length = 0;
  private readonly items: unknown[] = [];
  push(item: unknown): number {
    this.items[this.length] = item;
    return ++this.length;
  }
  indexOf(item: unknown): number {
    for (let i = 0; i < this.length; i++) if (this.items[i] === item) return i;
    return -1;
  }
}

/**
 * White space right after "<" or "</" (sax takes "< /a>" and "</ a>" as end tags, XML does not):
 * a text with neither anywhere needs no check of its end tags.
 */
const SPACED_END_TAG = /<\/?[\t\n\r ]/;

type Sax = (typeof import('sax'))['default'];
type SaxParser = ReturnType<Sax['parser']>;
type SaxTag = SaxParser['tags'][number];

/**
 * What went wrong, in the reader's words, from sax's error message and the parser's state (sax
 * 1.6.1 words its errors as lib/sax.js does: "Unexpected close tag", "Unquoted attribute value"
 * ...). `ending` is true once the whole text was written: a state still open is truncation.
 */
function saxFailure(
  sax: Sax,
  parser: SaxParser,
  saxMessage: string,
  what: string,
  ending: boolean,
): SupCertError {
  const S = sax.STATE;
  const state = parser.state;
  const q = (s: string): string => quoteValue(s, 60);
  const at = (problem: string): SupCertError =>
    malformed(`${what}: not well-formed XML (line ${parser.line + 1}: ${problem}).`);
  const inState = (...names: string[]): boolean => names.some((n) => S[n] === state);
  const buffer = /^Max buffer length exceeded: (\w+)/.exec(saxMessage)?.[1];
  if (buffer === 'attribValue') return attributeTooLong(what, parser);
  // A declaration is worded at its ">" (onsgmldeclaration); one never closed is refused here.
  if (inState('SGML_DECL', 'SGML_DECL_QUOTED') && /^(doctype|entity)/i.test(parser.sgmlDecl))
    return malformed(`${what}: ${DOCTYPE_REFUSED}`);
  if (buffer === 'doctype' || /doctype/i.test(saxMessage))
    return malformed(`${what}: ${DOCTYPE_REFUSED}`);
  if (buffer === 'sgmlDecl') return at(`"<!" that starts no comment or CDATA section`);
  if (buffer !== undefined)
    return new SupCertError(
      'LIMIT_EXCEEDED',
      `${what}: a tag name, attribute name, comment or processing instruction of more than 65,536 characters (${buffer}); applicationHost.config has none. This is not an IIS configuration.`,
    );
  if (ending) {
    if (
      inState(
        'COMMENT',
        'COMMENT_ENDING',
        'COMMENT_ENDED',
        'CDATA',
        'CDATA_ENDING',
        'CDATA_ENDING_2',
      )
    )
      return malformed(
        `${what}: a comment or CDATA section that never ends: the file is truncated.`,
      );
    if (inState('ATTRIB_VALUE_QUOTED', 'ATTRIB_VALUE_ENTITY_Q'))
      return at(`the value of ${q(parser.attribName)} never ends: the file is truncated`);
    if (
      inState(
        'OPEN_TAG',
        'OPEN_TAG_SLASH',
        'ATTRIB',
        'ATTRIB_NAME',
        'ATTRIB_NAME_SAW_WHITE',
        'ATTRIB_VALUE',
        'ATTRIB_VALUE_CLOSED',
      )
    )
      return at(`the tag <${q(parser.tagName)}> never ends: the file is truncated`);
    if (inState('CLOSE_TAG', 'CLOSE_TAG_SAW_WHITE'))
      return at(`the end tag </${q(parser.tagName)}> is not closed by ">": the file is truncated`);
    if (inState('PROC_INST', 'PROC_INST_BODY', 'PROC_INST_ENDING'))
      return at('a processing instruction that never ends');
    if (inState('SGML_DECL', 'SGML_DECL_QUOTED'))
      return at(`"<!" that starts no comment or CDATA section`);
    if (inState('OPEN_WAKA')) return at('a "<" that starts no tag');
    const open = parser.tags.at(-1);
    if (open)
      return malformed(
        `${what}: not well-formed XML (<${q(open.name)}> is never closed: the file is truncated).`,
      );
  }
  switch (saxMessage) {
    case 'Unexpected close tag':
      return at(`</${q(parser.tagName)}> closes <${q(parser.tags.at(-1)?.name ?? '')}>`);
    case 'Unquoted attribute value':
      return at(`the value of ${q(parser.attribName)} is not quoted`);
    case 'Invalid character entity':
    case 'Invalid character in entity name':
      return at(
        `an entity reference ${inState('TEXT_ENTITY') ? 'in text' : `in the value of ${q(parser.attribName)}`} that is neither predefined (&amp; &lt; &gt; &quot; &apos;) nor a character reference`,
      );
    case 'No whitespace between attributes':
    case 'Invalid attribute name':
      return inState('ATTRIB_VALUE_CLOSED')
        ? at(`no space before an attribute of <${q(parser.tagName)}>`)
        : at(`an attribute of <${q(parser.tagName)}> without "=value"`);
    case 'Attribute without value':
      return at(`an attribute of <${q(parser.tagName)}> without "=value"`);
    case 'Invalid character in tag name':
      return at(`a character XML does not allow in the tag name <${q(parser.tagName)}…>`);
    case 'Unencoded <':
      return at('a "<" that starts no tag');
    case 'Non-whitespace before first tag.':
      return at('text before the root element');
    case 'Text data outside of root node.':
      return at('text outside the root element');
    case 'Malformed comment':
      return at('"--" inside a comment');
  }
  if (saxMessage.startsWith('Unmatched closing tag'))
    return at(`</${q(parser.tagName)}> closes no element`);
  return at(q(saxMessage));
}

function attributeTooLong(what: string, parser: SaxParser): SupCertError {
  return new SupCertError(
    'LIMIT_EXCEEDED',
    `${what}: an attribute value of more than ${MAX_ATTRIBUTE} characters (${quoteValue(parser.attribName, 60)} at line ${parser.line + 1}); applicationHost.config values are paths and short lists. This is not an IIS configuration.`,
  );
}

/**
 * Reads applicationHost.config with sax (a streaming XML parser, strict mode): sax checks that
 * it is well-formed (tags nested and closed in order, attributes quoted, every `&` one of the
 * five predefined entities or a character reference); this reader refuses a DTD (entities are
 * never expanded, and applicationHost.config has none), a `<` inside an attribute value (sax
 * lets it through), a second root element, and bounds the depth (maxDepth), the elements
 * (maxElements) and each attribute value (MAX_ATTRIBUTE characters), stopping the parser at the
 * first bound hit (a handler throws). Only the few elements supcert reads are kept, and of them
 * only the attributes read: no tree is built (a general XML parser building one took 7-13 s and
 * 1-2.5 GB on a crafted 32 MiB file).
 */
function scan(sax: Sax, text: string, what: string, budget: WorkBudget): IisConfig {
  const parser = sax.parser(true, { strictEntities: true, position: true });
  if (Array.isArray(parser.attribList) && parser.attribList.length === 0)
    parser.attribList = new AttributeList();
  let ending = false;
  const room = budget.limits.maxElements - budget.spent('maxElements');
  // Per depth, the last element opened there: its place in PATHS while it can lead to an
  // element read, else null (parser.tags.length is the depth of the element being opened).
  const followed: Array<PathNode | null> = [];
  // The element being opened: its path, and its attributes read (only if it is in WANTED).
  let openingPath = '';
  let openingAttrs: Map<string, string> | null = null;
  let openingTag: SaxTag | null = null;
  let attributesKept = 0;
  let attributesSeen = 0;
  // Where the text of the tag being opened is still to be checked for a raw "<".
  let checkedFrom = 0;
  // The first "<" at or after a point before checkedFrom (never searched for twice).
  let nextLt = -1;
  const paths: string[] = [];
  const sites: IisSite[] = [];
  const access: IisAccessSetting[] = [];
  // <siteDefaults><bindings>: inherited by every site that does not <clear /> its bindings.
  const defaultBindings: IisBinding[] = [];
  let sitesConfigSource: string | undefined;
  let redirection: IisConfig['redirection'];
  let serverAccessSeen = false;
  let location: { path: string; seen: boolean; inherit: boolean } | null = null;
  let roots = 0;
  let configurationRoot = false;
  let tags = 0;
  const fail = (problem: string): never => {
    throw malformed(`${what}: not well-formed XML (line ${parser.line + 1}: ${problem}).`);
  };

  parser.onerror = (error) => {
    throw saxFailure(sax, parser, error.message.split('\n')[0] ?? '', what, ending);
  };
  parser.ondoctype = () => {
    throw malformed(`${what}: ${DOCTYPE_REFUSED}`);
  };
  parser.onsgmldeclaration = (declaration) => {
    if (/^(doctype|entity)/i.test(declaration)) throw malformed(`${what}: ${DOCTYPE_REFUSED}`);
    fail(`"<!" that starts no comment or CDATA section`);
  };
  // sax lets white space follow "<" and "</" ("< a>", "</ a>"); XML does not (§3.1).
  const spaceAfterLt = (): boolean => {
    const at = parser.startTagPosition;
    return isSpace(text.charCodeAt(text.charCodeAt(at) === 0x2f ? at + 1 : at));
  };
  parser.onopentagstart = (tag) => {
    if (spaceAfterLt()) fail('a "<" that starts no tag');
    const depth = parser.tags.length;
    if (depth === 0) {
      if (++roots > 1) fail('a second root element');
      configurationRoot = tag.name === 'configuration';
    }
    if (++tags > room) budget.charge('maxElements', tags, `${what}: XML elements`); // throws: over the limit
    if (depth + 1 > budget.limits.maxDepth)
      throw new SupCertError(
        'LIMIT_EXCEEDED',
        `${what}: XML nested more than ${budget.limits.maxDepth} elements deep (applicationHost.config nests about 10). If the file is genuine, raise limits.maxDepth.`,
      );
    // The element's path, followed only while it can still lead to an element read.
    const node = (depth === 0 ? PATHS : item(followed, depth - 1))?.children.get(tag.name) ?? null;
    followed[depth] = node;
    openingTag = tag;
    attributesKept = 0;
    attributesSeen = 0;
    checkedFrom = parser.startTagPosition;
    openingPath = node?.path ?? '';
    openingAttrs = node?.wanted ? new Map() : null;
    // Only an element read is looked at once open: the others cost sax no call.
    parser.onopentag = openingAttrs ? opened : null;
  };
  parser.onattribute = ({ name, value }) => {
    if (value.length > MAX_ATTRIBUTE) throw attributeTooLong(what, parser);
    if (++attributesSeen > MAX_ATTRIBUTES)
      throw new SupCertError(
        'LIMIT_EXCEEDED',
        `${what}: an element <${quoteValue(parser.tagName, 60)}> with more than ${MAX_ATTRIBUTES.toLocaleString('en-US')} attributes (line ${parser.line + 1}); IIS's elements have a few dozen at most. This is not an IIS configuration.`,
      );
    // sax lets a "<" through inside an attribute value; XML does not (§3.1, AttValue). One in
    // the value as decoded is either "&lt;" or that: the text since the last attribute (or
    // the tag's "<") tells which; each character is searched once.
    if (value.includes('<')) {
      if (nextLt < checkedFrom) {
        const found = text.indexOf('<', checkedFrom);
        nextLt = found < 0 ? text.length : found;
      }
      if (nextLt < parser.position) fail(`a "<" in the value of ${quoteValue(name, 60)}`);
    }
    checkedFrom = parser.position;
    // sax keeps every attribute on the tag (to drop a repeated one unseen): an element read
    // has each dropped at once, so a repeat comes here; another gets a fresh map every 64
    // attributes. Memory stays flat however many attributes a tag has.
    const attrs = openingAttrs;
    if (openingTag && attrs) delete openingTag.attributes[name];
    else if (openingTag && ++attributesKept >= 64) {
      openingTag.attributes = {};
      attributesKept = 0;
    }
    if (attrs && READ_ATTRIBUTES.has(name)) {
      if (attrs.has(name)) fail(`the attribute ${quoteValue(name, 60)} is repeated`);
      attrs.set(name, value.replace(/[\t\n\r]/g, ' '));
    }
  };
  // End tags are checked only in a text that has "<" or "</" and white space somewhere (each
  // end tag costs a call otherwise).
  if (SPACED_END_TAG.test(text))
    parser.onclosetag = () => {
      if (spaceAfterLt()) fail('a "<" that starts no tag');
    };
  function opened(): void {
    const path = openingPath;
    const attrs = openingAttrs;
    if (!attrs) return;
    const a = (k: string): string | undefined => attrs.get(k);
    if (path === SITES) {
      const source = a('configSource')?.trim();
      if (source) sitesConfigSource = source;
    } else if (path === REDIRECTION) {
      // IIS refuses a section given twice in one file; one that turns redirection on is kept, so
      // a second element saying enabled="false" cannot make the file judged as not redirected.
      if (redirection?.enabled) return;
      redirection = {
        enabled: a('enabled')?.trim().toLowerCase() === 'true',
        path: a('path') ?? '',
      };
    } else if (path === SITE_DEFAULT_BINDING) {
      const info = a('bindingInformation') ?? '';
      defaultBindings.push({
        protocol: (a('protocol') ?? '').toLowerCase(),
        bindingInformation: info,
        ...parseBindingInformation(info),
        sslFlags: bindingSslFlags(a('sslFlags')),
      });
    } else if (path === SITE_DEFAULT_CLEAR) {
      // The same collection rule in <siteDefaults>: the default bindings before it are gone.
      defaultBindings.length = 0;
    } else if (path === `${SITE}/bindings/clear`) {
      // A collection's <clear /> removes the items before it, those inherited from
      // <siteDefaults> included (IIS configuration reference, Bindings <bindings>).
      const site = sites.at(-1);
      if (site) {
        site.bindings.length = 0;
        site.clearsBindings = true;
      }
    } else if (path === SITE) {
      const idText = a('id');
      sites.push({
        name: a('name') ?? '',
        id: idText !== undefined && /^\d+$/.test(idText) ? Number(idText) : null,
        bindings: [],
        paths: [],
        applications: [],
      });
      paths.length = 0;
    } else if (path === `${SITE}/bindings/binding`) {
      const info = a('bindingInformation') ?? '';
      sites.at(-1)?.bindings.push({
        protocol: (a('protocol') ?? '').toLowerCase(),
        bindingInformation: info,
        ...parseBindingInformation(info),
        sslFlags: bindingSslFlags(a('sslFlags')),
      });
    } else if (path === `${SITE}/application`) {
      const appPath = a('path') ?? '/';
      paths.length = 0;
      paths.push(appPath);
      sites.at(-1)?.paths.push(appPath);
      sites.at(-1)?.applications?.push(appPath);
    } else if (path === `${SITE}/application/virtualDirectory`) {
      const appPath = item(paths, 0) ?? '/';
      const vPath = a('path') ?? '/';
      if (vPath !== '/') sites.at(-1)?.paths.push(`${appPath === '/' ? '' : appPath}${vPath}`);
    } else if (path === SERVER_ACCESS) {
      const source = a('configSource')?.trim();
      const flags = source ? [] : flagsOf(a('sslFlags'));
      if (!serverAccessSeen && flags)
        access.unshift({ path: '', sslFlags: flags, ...(source ? { configSource: source } : {}) });
      serverAccessSeen = true;
    } else if (path === LOCATION) {
      location = {
        path: (a('path') ?? '').replace(/^\.$/, ''),
        seen: false,
        inherit: a('inheritInChildApplications')?.trim().toLowerCase() !== 'false',
      };
    } else if (path === LOCATION_ACCESS && location && !location.seen) {
      location.seen = true;
      const source = a('configSource')?.trim();
      const flags = source ? [] : flagsOf(a('sslFlags'));
      if (flags)
        access.push({
          path: location.path,
          sslFlags: flags,
          ...(location.inherit ? {} : { inheritInChildApplications: false }),
          ...(source ? { configSource: source } : {}),
        });
    }
  }

  for (let i = 0; i < text.length; i += CHUNK) {
    parser.write(text.slice(i, i + CHUNK));
    // An attribute value still being read: bounded here, not only once it ends.
    if (parser.attribValue.length > MAX_ATTRIBUTE) throw attributeTooLong(what, parser);
  }
  ending = true;
  parser.close();
  budget.charge('maxElements', tags, `${what}: XML elements`);
  if (!configurationRoot)
    throw malformed(
      `${what}: an XML file without <configuration>: not IIS's applicationHost.config.`,
    );
  // A section with configSource is read from that file alone (IIS configuration reference,
  // "configSource"): sites or defaults written inside it anyway are not the ones IIS uses.
  if (sitesConfigSource !== undefined)
    return { sites: [], access, sitesConfigSource, ...(redirection ? { redirection } : {}) };
  return {
    sites,
    access,
    ...(defaultBindings.length > 0 ? { siteDefaultBindings: defaultBindings } : {}),
    ...(redirection ? { redirection } : {}),
  };
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

/**
 * A `<binding sslFlags>` as its number: digits as written ("3", "97": IIS 10 on Windows Server 2022
 * adds bits above 2), or the names of Microsoft.Web.Administration's SslFlags enum ("Sni,
 * CentralCertStore": None 0, Sni 1, CentralCertStore 2), which IIS's configuration system takes
 * for a flags attribute as well as the number. Another name adds nothing (its bit is not
 * documented by name); anything else is 0.
 */
function bindingSslFlags(value: string | undefined): number {
  if (value === undefined) return 0;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) <= 0xffffffff ? Number(text) : 0;
  let flags = 0;
  for (const name of text.split(',')) {
    const n = name.trim().toLowerCase();
    if (n === 'sni') flags |= 1;
    else if (n === 'centralcertstore') flags |= 2;
  }
  return flags;
}

/**
 * The bits of `<access sslFlags>` by name: the IIS configuration reference's AccessSection
 * (SslFlags: 0 None, 8 Ssl, 32 SslNegotiateCert, 64 SslRequireCert, 128 SslMapCert, 256 Ssl128).
 * IIS's configuration system takes a flags attribute as names or as the number.
 */
const SSL_FLAG_BITS: ReadonlyArray<[number, string]> = [
  [8, 'Ssl'],
  [32, 'SslNegotiateCert'],
  [64, 'SslRequireCert'],
  [128, 'SslMapCert'],
  [256, 'Ssl128'],
];

/**
 * sslFlags as names: "Ssl, SslNegotiateCert" as written, a number ("8", "264") as the names of
 * its bits (a bit IIS does not define is kept as its number, so it is shown, never dropped).
 */
export function flagsOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d{1,10}$/.test(text) && Number(text) <= 0xffffffff) {
    let rest = Number(text);
    const names: string[] = [];
    for (const [bit, name] of SSL_FLAG_BITS) {
      if (rest & bit) names.push(name);
      rest &= ~bit;
    }
    if (rest !== 0) names.push(String(rest >>> 0));
    return names;
  }
  return text
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '' && f.toLowerCase() !== 'none');
}

/**
 * Reads IIS's `%windir%\System32\inetsrv\config\applicationHost.config` (IIS 7 and later; the
 * schema is the IIS configuration reference: system.applicationHost/sites/site/bindings/binding,
 * application, virtualDirectory; system.webServer/security/access@sslFlags, at the server level
 * and in `<location path="SITE[/PATH]">`). A site's bindings follow IIS's collection rules (the
 * configuration reference, Bindings `<bindings>`): those of `<siteDefaults>` are inherited, and
 * a `<clear />` drops every binding before it, inherited ones included. A section moved to another
 * file (`<sites configSource>`, `<access configSource>`) is recorded, not read;
 * redirection.config's `<configurationRedirection enabled path>` (IIS Shared Configuration) is
 * read too. Streamed through sax in one pass (no XML tree is built): it refuses DTDs, never
 * expands entities, and bounds elements, depth and attribute length.
 *
 * @throws SupCertError (rejects) EMPTY_INPUT, MALFORMED (not well-formed, a DTD, no <configuration>),
 *   LIMIT_EXCEEDED (maxInputBytes, maxElements, maxDepth, an attribute over 4,096 characters, a
 *   tag name, comment or processing instruction over 65,536 characters: sax's buffer bound).
 */
export async function readIisConfig(
  bytes: Uint8Array,
  what: string,
  budget: WorkBudget,
): Promise<IisConfig> {
  const text = decodeText(bytes, what, budget);
  // Loaded on first use: only deployment snapshots need it.
  const { default: sax } = await import('sax');
  return scan(sax, text, what, budget);
}

/**
 * A site's bindings as IIS merges them: those of `<siteDefaults>` first (inherited), then the
 * site's own, unless the site's `<bindings>` has a `<clear />` (IIS configuration reference,
 * Bindings `<bindings>`).
 */
export function siteBindings(config: IisConfig, site: IisSite): IisBinding[] {
  const inherited = site.clearsBindings ? [] : (config.siteDefaultBindings ?? []);
  return inherited.length === 0 ? site.bindings : inherited.concat(site.bindings);
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
 * configuration this way: a child inherits the nearest setting above it, except that a
 * `<location inheritInChildApplications="false">` is not inherited by an application below its
 * path (its virtual directories still inherit it). `overrideMode` / `allowOverride` only decide
 * whether web.config files below may change the section, which supcert does not read: they
 * change nothing here (access is locked to applicationHost.config by default:
 * overrideModeDefault="Deny" in IIS's schema). `configSource` names the file the setting in force
 * was moved to (`<access configSource="file">`): its flags are then not known ([] as given).
 */
export function effectiveSslFlags(
  config: IisConfig,
  site: string,
  path: string,
): { flags: string[]; from: string; configSource?: string } {
  const parts = normalise(path)
    .split('/')
    .filter((p) => p !== '');
  // The application the path belongs to: the longest application path that contains it.
  const applications = (
    config.sites.find((s) => s.name.toLowerCase() === site.toLowerCase())?.applications ?? []
  ).map((a) => normalise(a));
  const inApplication = (n: number): boolean => applications.includes(parts.slice(0, n).join('/'));
  let appDepth = 0;
  for (let n = parts.length; n > 0; n--)
    if (inApplication(n)) {
      appDepth = n;
      break;
    }
  for (let n = parts.length; n >= 0; n--) {
    const want = normalise([site, ...parts.slice(0, n)].join('/'));
    const hit = [...config.access].reverse().find(
      (a) =>
        a.path !== '' &&
        normalise(a.path) === want &&
        // Not inherited into an application below the location's path.
        (a.inheritInChildApplications !== false || n >= appDepth),
    );
    if (hit)
      return {
        flags: hit.sslFlags,
        from: `<location path="${hit.path}">`,
        ...(hit.configSource !== undefined ? { configSource: hit.configSource } : {}),
      };
  }
  const server = config.access.find((a) => a.path === '');
  return server
    ? {
        flags: server.sslFlags,
        from: 'the server level (system.webServer/security/access)',
        ...(server.configSource !== undefined ? { configSource: server.configSource } : {}),
      }
    : { flags: [], from: 'the IIS default (None)' };
}
