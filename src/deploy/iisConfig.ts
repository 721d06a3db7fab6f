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

const ALWAYS_ARRAYS = new Set(['site', 'binding', 'application', 'virtualDirectory', 'location']);

type XmlNode = Record<string, unknown>;
const asNodes = (value: unknown): XmlNode[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is XmlNode => typeof v === 'object' && v !== null,
  );
const attr = (node: XmlNode, name: string): string | undefined =>
  typeof node[`@_${name}`] === 'string' ? (node[`@_${name}`] as string) : undefined;
const child = (node: XmlNode | undefined, name: string): XmlNode | undefined =>
  node ? asNodes(node[name])[0] : undefined;

/** Largest attribute value read, in characters: a real one is a path or a short list. */
const MAX_ATTRIBUTE = 4096;

/**
 * Linear pre-scan of untrusted XML: refuses DTDs (entities are never expanded, and
 * applicationHost.config has none), counts start tags (maxElements) and the nesting depth
 * (maxDepth), and refuses attribute values longer than MAX_ATTRIBUTE characters (a 10 MB
 * attribute is not configuration).
 */
function prescan(text: string, what: string, budget: WorkBudget): void {
  let depth = 0;
  let tags = 0;
  let quote = '';
  let valueStart = 0;
  let inTag = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (text[i] === quote) {
        if (i - valueStart > MAX_ATTRIBUTE)
          throw new SupCertError(
            'LIMIT_EXCEEDED',
            `${what}: an attribute value of ${i - valueStart} characters at offset ${valueStart}; applicationHost.config values are paths and short lists (at most ${MAX_ATTRIBUTE} characters here). This is not an IIS configuration.`,
          );
        quote = '';
      }
      continue;
    }
    if (c === 0x3c /* < */) {
      const next = text[i + 1];
      if (next === '!') {
        // Comments and CDATA are skipped whole (commented-out elements are not elements).
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
          i = end + close.length - 1;
          continue;
        }
        if (
          text.startsWith('<!DOCTYPE', i) ||
          text.startsWith('<!ENTITY', i) ||
          text.startsWith('<!doctype', i)
        ) {
          throw malformed(
            `${what}: has a DOCTYPE (document type definition). applicationHost.config never has one, and supcert does not expand XML entities: export the file again from %windir%\\System32\\inetsrv\\config.`,
          );
        }
        continue;
      }
      if (next === '?') continue;
      if (next === '/') depth--;
      else {
        depth++;
        tags++;
        inTag = true;
        if (depth > budget.limits.maxDepth)
          throw new SupCertError(
            'LIMIT_EXCEEDED',
            `${what}: XML nested more than ${budget.limits.maxDepth} elements deep (applicationHost.config nests about 10). If the file is genuine, raise limits.maxDepth.`,
          );
      }
    } else if (inTag && (c === 0x22 || c === 0x27)) {
      quote = text[i]!;
      valueStart = i + 1;
    } else if (c === 0x3e /* > */) {
      if (inTag && text[i - 1] === '/') depth--;
      inTag = false;
    }
  }
  budget.charge('maxElements', tags, `${what}: XML elements`);
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
 * and in `<location path="SITE[/PATH]">`). Parsed with fast-xml-parser with entity processing off,
 * after a linear pre-scan that refuses DTDs and bounds elements, depth and attribute length.
 *
 * @throws SupCertError (rejects) EMPTY_INPUT, MALFORMED (not well-formed, a DTD, no <configuration>),
 *   LIMIT_EXCEEDED (maxInputBytes, maxElements, maxDepth, an attribute over 4,096 characters).
 */
export async function readIisConfig(
  bytes: Uint8Array,
  what: string,
  budget: WorkBudget,
): Promise<IisConfig> {
  const text = decodeText(bytes, what, budget);
  prescan(text, what, budget);
  // Loaded on first use: certificate checks never pay for the XML parser's start-up.
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  let doc: XmlNode;
  // The parser accepts mismatched tags; the validator (one linear pass) refuses them.
  const valid = XMLValidator.validate(text);
  if (valid !== true)
    throw malformed(
      `${what}: not well-formed XML (line ${valid.err.line}: ${quoteValue(valid.err.msg, 200)}).`,
    );
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      processEntities: false,
      htmlEntities: false,
      parseAttributeValue: false,
      parseTagValue: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: budget.limits.maxDepth,
      isArray: (name) => ALWAYS_ARRAYS.has(name),
    });
    doc = parser.parse(text) as XmlNode;
  } catch (error) {
    throw malformed(
      `${what}: not well-formed XML (${quoteValue(error instanceof Error ? error.message : String(error), 200)}).`,
    );
  }
  const configuration = child(doc, 'configuration');
  if (!configuration)
    throw malformed(
      `${what}: an XML file without <configuration>: not IIS's applicationHost.config.`,
    );
  const sites = asNodes(
    child(child(configuration, 'system.applicationHost'), 'sites')?.['site'],
  ).map((site): IisSite => {
    const idText = attr(site, 'id');
    const bindings = asNodes(child(site, 'bindings')?.['binding']).map((b): IisBinding => {
      const info = attr(b, 'bindingInformation') ?? '';
      return {
        protocol: (attr(b, 'protocol') ?? '').toLowerCase(),
        bindingInformation: info,
        ...parseBindingInformation(info),
        sslFlags: Number(attr(b, 'sslFlags') ?? 0) || 0,
      };
    });
    const paths: string[] = [];
    for (const app of asNodes(site['application'])) {
      const appPath = attr(app, 'path') ?? '/';
      paths.push(appPath);
      for (const vdir of asNodes(app['virtualDirectory'])) {
        const vPath = attr(vdir, 'path') ?? '/';
        if (vPath !== '/') paths.push(`${appPath === '/' ? '' : appPath}${vPath}`);
      }
    }
    return {
      name: attr(site, 'name') ?? '',
      id: idText !== undefined && /^\d+$/.test(idText) ? Number(idText) : null,
      bindings,
      paths,
    };
  });
  const access: IisAccessSetting[] = [];
  const accessOf = (node: XmlNode | undefined): string[] | undefined =>
    flagsOf(
      attr(child(child(child(node, 'system.webServer'), 'security'), 'access') ?? {}, 'sslFlags'),
    );
  const server = accessOf(configuration);
  if (server) access.push({ path: '', sslFlags: server });
  for (const location of asNodes(configuration['location'])) {
    const flags = accessOf(location);
    if (!flags) continue;
    const path = (attr(location, 'path') ?? '').replace(/^\.$/, '');
    access.push({ path, sslFlags: flags });
  }
  return { sites, access };
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
