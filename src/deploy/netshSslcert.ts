import { SupCertError, malformed } from '../errors.js';
import type { WorkBudget } from '../limits.js';
import { quoteValue } from '../util/quote.js';
import { decodeText, eachLine } from './text.js';
import { item } from '../util/item.js';

/** One HTTP.sys SSL binding from `netsh http show sslcert`. */
export interface SslCertBinding {
  /** As printed: "0.0.0.0:8531", "[::]:8531", "sup01.corp.contoso.com:8531", or a Central Certificate Store port. */
  endpoint: string;
  kind: 'ip' | 'hostname' | 'ccs';
  /** The address or host name before the port ("0.0.0.0", "::", "sup01.corp.contoso.com"). */
  host: string;
  port: number;
  /** Upper-case hex SHA-1 thumbprint, when the entry binds a certificate. */
  certificateHash?: string;
  /** "MY" for LocalMachine\My; as printed otherwise ("WebHosting", "(null)" means MY). */
  storeName?: string;
  applicationId?: string;
  /** "Negotiate Client Certificate": true when Enabled; null when it could not be read (localised output). */
  negotiateClientCertificate: boolean | null;
  /**
   * "Disable Legacy TLS Versions: Set" (HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_LEGACY_TLS: TLS 1.0
   * and 1.1 off for this entry): true; absent when "Not Set", and where netsh prints no such line
   * (Windows Server 2012 R2 and before, localised output) or a value other than Set / Not Set.
   */
  disableLegacyTls?: true;
  /** "Disable TLS1.2: Set" (HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS12), read as disableLegacyTls. */
  disableTls12?: true;
  /**
   * "Disable TLS1.3: Set" (HTTP_SERVICE_CONFIG_SSL_FLAG_DISABLE_TLS13, netsh http add sslcert
   * disabletls13=enable; Windows Server 2022 and later print the line), read as disableLegacyTls.
   */
  disableTls13?: true;
}

export interface NetshSslCert {
  /**
   * 'current': Windows Server 2016 and later (fields up to "Disable Legacy TLS Versions" and
   * beyond: Windows Server 2022 prints "Disable TLS1.3", 2025 "Disable Session ID" and "Enable
   * Caching Client Hello", then "Extended Properties:" blocks of HTTP/2 settings, all read by label
   * and ignored unless a TLS switch); 'older': Windows Server 2008 R2 to 2012 R2 (ends at "Negotiate Client Certificate" /
   * "Reject Connections"); 'localised': labels not in English, read by the shape of the values.
   */
  layout: 'current' | 'older' | 'localised';
  bindings: SslCertBinding[];
  notes: string[];
}

/** English labels of the first fields of an entry, in order (the rest are read by label). */
const ENDPOINT_LABELS = ['ip:port', 'hostname:port', 'central certificate store', 'ccs:port'];
const FIELDS_AFTER_2012R2 = [
  'disable http2',
  'disable quic',
  'disable tls1.2',
  'disable tls1.3',
  'disable legacy tls versions',
  'disable ocsp stapling',
  'enable token binding',
  'log extended events',
  'enable session ticket',
  'disable session id',
  'enable caching client hello',
  'extended properties',
];

const HASH = /^[0-9a-f]{40}$/i;
const GUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;

/** A switch of the current layout is on when netsh prints "Set" (off: "Not Set"). */
function isSet(value: string | undefined): boolean {
  return value !== undefined && /^set$/i.test(value);
}

/** "Label   : value" with the label and value trimmed; null for other lines. */
function field(line: string): { label: string; value: string } | null {
  // The label never contains " : " while values (IPv6 endpoints) may contain ":", so the first " : " splits.
  const at = line.indexOf(' : ');
  const atEnd = line.trimEnd().endsWith(' :') ? line.trimEnd().length - 2 : -1;
  const split = at >= 0 ? at : atEnd;
  if (split < 0) return null;
  return { label: line.slice(0, split).trim(), value: line.slice(split + 3).trim() };
}

function endpointOf(
  raw: string,
  kind: SslCertBinding['kind'],
  what: string,
): Pick<SslCertBinding, 'endpoint' | 'host' | 'port'> {
  if (kind === 'ccs' && /^\d{1,5}$/.test(raw))
    return { endpoint: raw, host: '*', port: Number(raw) };
  const colon = raw.lastIndexOf(':');
  const port = Number(raw.slice(colon + 1));
  if (colon <= 0 || !/^\d{1,5}$/.test(raw.slice(colon + 1)) || port > 65535)
    throw malformed(
      `${what}: "${quoteValue(raw, 80)}" is not an address:port or hostname:port endpoint.`,
    );
  const host = raw.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { endpoint: raw, host, port };
}

/**
 * Reads the output of `netsh http show sslcert` (Microsoft: "Netsh commands for HTTP", show
 * sslcert), redirected to a file by cmd (`> sslcert.txt`, OEM code page) or PowerShell 5 (UTF-16
 * LE). An entry is a block of "Label : value" lines; the first names the endpoint (`IP:port`,
 * `Hostname:port` (SNI, Windows Server 2012+), `Central Certificate Store`).
 *
 * English output (both layouts) is read by label. Output in another display language is read by
 * position and by the shape of the values only: the endpoint (first line), the certificate hash
 * (40 hex digits), the application ID (a GUID) and the store name (the line after it). Whether the
 * client certificate is negotiated is a translated word there, so it is left unknown (null), never
 * guessed.
 *
 * @throws SupCertError EMPTY_INPUT, UNKNOWN_FORMAT (no entry), MALFORMED (an entry without an
 *   endpoint), LIMIT_EXCEEDED (maxInputBytes, maxElements: one per line).
 */
export function readNetshSslCert(
  bytes: Uint8Array,
  what: string,
  budget: WorkBudget,
): NetshSslCert {
  const text = decodeText(bytes, what, budget);
  // An entry is a run of "Label : value" lines between blank lines, with at least three. Two
  // passes over the lines, none kept: whether the labels are English (any entry with
  // "Certificate Hash"), then the entries.
  type Field = { label: string; value: string };
  const eachEntry = (charge: WorkBudget | null, fn: (fields: Field[]) => void): void => {
    let block: Field[] = [];
    const end = (): void => {
      if (block.length >= 3) fn(block);
      block = [];
    };
    eachLine(text, what, charge, (line) => {
      if (line.trim() === '') end();
      else {
        const f = field(line);
        if (f) block.push(f);
      }
    });
    end();
  };
  let english = false;
  let count = 0;
  eachEntry(budget, (fields) => {
    count++;
    if (!english) english = fields.some((f) => f.label.toLowerCase() === 'certificate hash');
  });
  if (count === 0) {
    if (/SSL Certificate bindings:/i.test(text) || text.includes('----------'))
      return {
        layout: 'current',
        bindings: [],
        notes: [`${what}: netsh lists no SSL binding at all: HTTP.sys binds no certificate`],
      };
    throw new SupCertError(
      'UNKNOWN_FORMAT',
      `${what} is not the output of "netsh http show sslcert" (no "Label : value" entries).`,
    );
  }
  const notes: string[] = [];
  let layout: NetshSslCert['layout'] = english ? 'older' : 'localised';
  const bindings: SslCertBinding[] = [];
  eachEntry(null, (fields) => bindings.push(bindingOf(fields)));
  function bindingOf(fields: Field[]): SslCertBinding {
    if (english) {
      // Labels read (the last of each, as a later line would override an earlier one).
      let hash: string | undefined;
      let negotiate: string | undefined;
      let store: string | undefined;
      let app: string | undefined;
      let legacy: string | undefined;
      let tls12: string | undefined;
      let tls13: string | undefined;
      for (const f of fields) {
        const label = f.label.toLowerCase();
        if (label === 'certificate hash') hash = f.value;
        else if (label === 'negotiate client certificate') negotiate = f.value;
        else if (label === 'certificate store name') store = f.value;
        else if (label === 'application id') app = f.value;
        else if (label === 'disable legacy tls versions') legacy = f.value;
        else if (label === 'disable tls1.2') tls12 = f.value;
        else if (label === 'disable tls1.3') tls13 = f.value;
        if (layout !== 'current' && FIELDS_AFTER_2012R2.includes(label)) layout = 'current';
      }
      const first = fields[0]!;
      const label = first.label.toLowerCase();
      if (!ENDPOINT_LABELS.includes(label))
        throw malformed(
          `${what}: an entry starts with "${quoteValue(first.label, 60)}", not IP:port, Hostname:port or Central Certificate Store.`,
        );
      const kind: SslCertBinding['kind'] =
        label === 'ip:port' ? 'ip' : label === 'hostname:port' ? 'hostname' : 'ccs';
      const { endpoint, host, port } = endpointOf(first.value, kind, what);
      const binding: SslCertBinding = {
        endpoint,
        host,
        port,
        kind,
        negotiateClientCertificate: negotiate === undefined ? null : /^enabled$/i.test(negotiate),
      };
      if (hash && HASH.test(hash)) binding.certificateHash = hash.toUpperCase();
      if (store !== undefined) binding.storeName = store;
      if (app !== undefined) binding.applicationId = app;
      if (isSet(legacy)) binding.disableLegacyTls = true;
      if (isSet(tls12)) binding.disableTls12 = true;
      if (isSet(tls13)) binding.disableTls13 = true;
      return binding;
    }
    // Localised: by position and shape only.
    const first = fields[0]!.value;
    const hashAt = fields.findIndex((f) => HASH.test(f.value));
    const guidAt = fields.findIndex((f) => GUID.test(f.value));
    // A Central Certificate Store entry names only its port ("Zentraler Zertifikatspeicher : 8531").
    const ccs = /^\d{1,5}$/.test(first);
    const endpoint = endpointOf(first, ccs ? 'ccs' : 'ip', what);
    const kind: SslCertBinding['kind'] = ccs
      ? 'ccs'
      : /^\d{1,3}(?:\.\d{1,3}){3}$/.test(endpoint.host) || endpoint.host.includes(':')
        ? 'ip'
        : 'hostname';
    const binding: SslCertBinding = { ...endpoint, kind, negotiateClientCertificate: null };
    if (hashAt === 1) binding.certificateHash = fields[1]!.value.toUpperCase();
    if (guidAt === 2) binding.applicationId = fields[2]!.value;
    const store = item(fields, 3);
    if (guidAt === 2 && store) binding.storeName = store.value;
    return binding;
  }
  if (layout === 'localised') {
    notes.push(
      `${what}: netsh printed its labels in another language than English; read by position (endpoint, certificate hash, application ID, store name). Whether client certificates are negotiated, and which TLS versions are switched off (Disable Legacy TLS Versions, Disable TLS1.2, Disable TLS1.3), could not be read: run "netsh http show sslcert" on an English display language (client certificates: or give applicationHost.config)`,
    );
  }
  return { layout, bindings, notes };
}

/**
 * How the host of a hostname:port (SNI) entry is written, and so whether HTTP.sys's use of it is
 * documented: `'exact'` a host name, which HTTP.sys looks up by the server name a client sends
 * (HTTP_SERVICE_CONFIG_SSL_SNI_KEY: "the hostname"); `'trailing-dot'` a name ending with a dot
 * ("sup01.corp.contoso.com."), while clients send the name without one (RFC 6066 §3: HostName
 * "without a trailing dot"): whether HTTP.sys ignores the dot is not documented;
 * `'wildcard'` a name with "*" ("*.corp.contoso.com"): Microsoft documents wildcard host headers
 * for IIS 10 sites, not wildcard matching of HTTP.sys's SNI certificate entries.
 */
export function sniHostForm(host: string): 'exact' | 'trailing-dot' | 'wildcard' {
  if (host.includes('*')) return 'wildcard';
  return host.endsWith('.') ? 'trailing-dot' : 'exact';
}

/**
 * Whether an entry of an undocumented form (see {@link sniHostForm}) could serve clients that
 * send `name` (lower case, no trailing dot), were HTTP.sys to ignore a trailing dot or match a
 * wildcard: the same name without its dot; a name under a leading "*." (one label or more); any
 * name for a "*" elsewhere. False for an entry of another site.
 */
export function sniMightServe(host: string, name: string): boolean {
  const bare = host.toLowerCase().replace(/\.$/, '');
  if (!bare.includes('*')) return bare === name;
  if (!/^\*\.[^*]+$/.test(bare)) return true;
  return name.endsWith(bare.slice(1)) && name.length > bare.length - 1;
}
