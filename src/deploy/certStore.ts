import { port } from '#port';
import { toHex } from '../util/bytes.js';
import { SupCertError, malformed } from '../errors.js';
import { checkLimit, type WorkBudget } from '../limits.js';
import { parseCertificate } from '../x509/parseCertificate.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { findKey, type RegistryKey } from './registry.js';
import { quoteList } from '../util/quote.js';

/** CryptoAPI property ids (wincrypt.h CERT_*_PROP_ID) that matter for a deployment. */
export const PropId = {
  keyProvInfo: 2,
  sha1Hash: 3,
  friendlyName: 11,
  archived: 19,
  keyIdentifier: 20,
  certificate: 32,
  crl: 33,
  ctl: 34,
} as const;

/** One certificate of a Windows certificate store, as exported. */
export interface StoreEntry {
  /** Upper-case hex SHA-1 of the certificate (what IIS and netsh call the thumbprint / certificate hash). */
  thumbprint: string;
  certificate: CertificateInfo;
  /** CERT_KEY_PROV_INFO_PROP_ID is set: the certificate is linked to a private key on this computer. */
  hasPrivateKeyLink: boolean;
  /** The key's provider and container, when the link could be read. */
  provider?: string;
  container?: string;
  friendlyName?: string;
  /** CERT_ARCHIVED_PROP_ID is set: the certificate is archived (hidden from IIS's certificate list). */
  archived: boolean;
}

/** A Windows certificate store exported as a .sst file or a `reg export` of SystemCertificates\<STORE>. */
export interface StoreExport {
  /** 'MY' for LocalMachine\My when the registry path says so; null for an .sst (the file does not name its store). */
  store: string | null;
  /** 'LocalMachine' / 'CurrentUser' from the registry path; null for an .sst. */
  location: 'LocalMachine' | 'CurrentUser' | null;
  entries: StoreEntry[];
  /** Elements present but not read (CRLs, CTLs, certificates that failed to parse). */
  notes: string[];
}

/** `00 00 00 00 'C' 'E' 'R' 'T'`: the header of a serialized store (CertSaveStore, CERT_STORE_SAVE_AS_STORE). */
export const SST_MAGIC = Uint8Array.from([0, 0, 0, 0, 0x43, 0x45, 0x52, 0x54]);

export function isSerializedStore(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SST_MAGIC.every((b, i) => bytes[i] === b);
}

interface Element {
  id: number;
  data: Uint8Array;
}

/**
 * Reads a list of serialized store elements ([MS-GPEF] §2.2.1.1.1; wincrypt's
 * CertSerializeCertificateStoreElement; Wine dlls/crypt32/serialize.c): each is a 4-byte
 * property id, a 4-byte encoding type (1), a 4-byte length and the value, all little-endian.
 * A zero property id ends the list (the store file's trailer). Each element is at least 12
 * bytes, so the loop runs at most length / 12 times; each element draws one maxElements unit.
 */
function* readElements(bytes: Uint8Array, what: string, budget: WorkBudget): Generator<Element> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 12)
      throw malformed(
        `${what}: ${bytes.length - at} stray bytes at offset ${at} (a serialized element header is 12 bytes): the export is truncated or damaged.`,
      );
    const id = view.getUint32(at, true);
    const length = view.getUint32(at + 8, true);
    if (id === 0) break;
    if (length > bytes.length - at - 12)
      throw malformed(
        `${what}: element ${id} at offset ${at} claims ${length} bytes, but only ${bytes.length - at - 12} follow: the export is truncated or damaged.`,
      );
    budget.charge('maxElements', 1, `${what}: serialized store elements`);
    yield { id, data: bytes.subarray(at + 12, at + 12 + length) };
    at += 12 + length;
  }
}

/** UTF-16 LE text up to the first NUL (or the end). */
function utf16(data: Uint8Array): string {
  const text = new TextDecoder('utf-16le').decode(data.subarray(0, data.length & ~1));
  const nul = text.indexOf('\0');
  return nul >= 0 ? text.slice(0, nul) : text;
}

/**
 * The serialized CRYPT_KEY_PROV_INFO: seven DWORDs (offset of the container name, offset of the
 * provider name, provider type, flags, parameter count, offset of the parameters, key spec),
 * then the UTF-16 strings the offsets point to. Unreadable offsets leave the names out.
 */
function keyProvInfo(data: Uint8Array): { provider?: string; container?: string } {
  if (data.length < 28) return {};
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const at = (offset: number): string | undefined =>
    offset >= 28 && offset < data.length ? utf16(data.subarray(offset)) || undefined : undefined;
  const container = at(view.getUint32(0, true));
  const provider = at(view.getUint32(4, true));
  return { ...(provider ? { provider } : {}), ...(container ? { container } : {}) };
}

/** Problems shown one by one in a store's notes before the rest are only counted. */
const NOTES_SHOWN = 3;

/** What one store export's reading has met so far: certificates counted, problems noted up to NOTES_SHOWN. */
interface Tally {
  certificates: number;
  skipped: number;
  failures: string[];
  failed: number;
  noBlob: string[];
  withoutBlob: number;
}

const newTally = (): Tally => ({
  certificates: 0,
  skipped: 0,
  failures: [],
  failed: 0,
  noBlob: [],
  withoutBlob: 0,
});

/** The notes of a tally: each kind of problem once, with its count ("… and 9,998 more"). */
function tallyNotes(what: string, t: Tally): string[] {
  const notes: string[] = [];
  const more = (shown: number, all: number): string =>
    all > shown ? ` and ${(all - shown).toLocaleString('en-US')} more` : '';
  if (t.withoutBlob > 0)
    notes.push(
      `${what}: ${t.noBlob.join(', ')}${more(t.noBlob.length, t.withoutBlob)} ${t.withoutBlob > 1 ? 'have' : 'has'} no binary Blob value`,
    );
  for (const f of t.failures)
    notes.push(`${what}: a certificate element that is not a valid certificate (${f})`);
  if (t.failed > t.failures.length)
    notes.push(
      `${what}: ${(t.failed - t.failures.length).toLocaleString('en-US')} more certificate elements that are not valid certificates`,
    );
  if (t.skipped > 0)
    notes.push(`${what}: ${t.skipped} CRL or CTL element${t.skipped > 1 ? 's' : ''} (not read)`);
  return notes;
}

/**
 * Groups elements into certificates: the properties that precede a certificate element belong to
 * it. Only the properties read are kept (the last of each), so memory stays constant however
 * many elements a file has. Certificates count against maxCertificates (over the whole export);
 * a certificate that does not parse is counted in the tally, its message kept for the first few.
 */
function entriesOf(
  elements: Iterable<Element>,
  what: string,
  budget: WorkBudget,
  tally: Tally,
  entries: StoreEntry[],
): void {
  const kept = new Set<number>([PropId.keyProvInfo, PropId.archived, PropId.friendlyName]);
  let props: Element[] = [];
  for (const e of elements) {
    if (e.id === PropId.crl || e.id === PropId.ctl) {
      tally.skipped++;
      props = [];
      continue;
    }
    if (e.id !== PropId.certificate) {
      if (kept.has(e.id)) props = [...props.filter((p) => p.id !== e.id), e];
      continue;
    }
    checkLimit(
      budget.limits,
      'maxCertificates',
      ++tally.certificates,
      `${what}: certificates in the store`,
    );
    let certificate: CertificateInfo;
    try {
      certificate = parseCertificate(e.data, budget.limits, budget);
    } catch (error) {
      // A spent budget ends the reading; only a certificate that is itself broken is noted.
      if (error instanceof SupCertError && error.code === 'LIMIT_EXCEEDED') throw error;
      if (tally.failures.length < NOTES_SHOWN)
        tally.failures.push(error instanceof Error ? error.message : String(error));
      tally.failed++;
      props = [];
      continue;
    }
    const entry: StoreEntry = {
      thumbprint: toHex(port.digest('sha1', e.data)).toUpperCase(),
      certificate,
      hasPrivateKeyLink: false,
      archived: false,
    };
    for (const p of props) {
      if (p.id === PropId.keyProvInfo)
        Object.assign(entry, { hasPrivateKeyLink: true }, keyProvInfo(p.data));
      else if (p.id === PropId.archived) entry.archived = true;
      else if (p.id === PropId.friendlyName) entry.friendlyName = utf16(p.data);
    }
    entries.push(entry);
    props = [];
  }
}

/**
 * Reads an .sst file (Export-Certificate -Type SST, certmgr "Microsoft Serialized Certificate
 * Store"): the 8-byte header `00000000 'CERT'`, then serialized elements, then a 12-byte zero
 * trailer. Properties read: the key link (CERT_KEY_PROV_INFO_PROP_ID), friendly name, archived
 * flag. The file does not say which store it came from.
 *
 * @throws SupCertError MALFORMED (truncated elements), LIMIT_EXCEEDED (maxElements,
 *   maxCertificates).
 */
export function readSerializedStore(
  bytes: Uint8Array,
  what: string,
  budget: WorkBudget,
): StoreExport {
  if (!isSerializedStore(bytes))
    throw malformed(
      `${what}: not a serialized certificate store (.sst files start with 00 00 00 00 "CERT").`,
    );
  const tally = newTally();
  const entries: StoreEntry[] = [];
  entriesOf(readElements(bytes.subarray(8), what, budget), what, budget, tally, entries);
  return { store: null, location: null, entries, notes: tallyNotes(what, tally) };
}

/**
 * Reads the certificates of a `reg export` of `HKLM\SOFTWARE\Microsoft\SystemCertificates\<STORE>`:
 * each certificate is the key `…\Certificates\<THUMBPRINT>` whose binary value `Blob` is the
 * certificate's serialized element list (CertSerializeCertificateStoreElement: properties, then
 * the certificate). An export of several stores (of SystemCertificates itself, or two exports
 * joined into one file) is read as its MY store and its WebHosting store, the two stores IIS binds
 * from, each a StoreExport of its own, MY first (or as its first store, with neither), the others
 * named in a note. Returns [] when the export holds no SystemCertificates key.
 */
export function storesFromRegistry(
  keys: readonly RegistryKey[],
  what: string,
  budget: WorkBudget,
): StoreExport[] {
  // The store a key belongs to: its path up to and including the store's name, lower-cased.
  const pattern = /\\SystemCertificates\\([^\\]+)(?:\\|$)/i;
  const storeOf = (path: string): { prefix: string; name: string } | null => {
    const m = pattern.exec(path);
    return m
      ? {
          prefix: path
            .slice(0, m.index + '\\SystemCertificates\\'.length + m[1]!.length)
            .toLowerCase(),
          name: m[1]!,
        }
      : null;
  };
  const stores = new Map<string, string>();
  for (const k of keys) {
    const s = storeOf(k.path);
    if (s && !stores.has(s.prefix)) stores.set(s.prefix, s.name);
  }
  if (stores.size === 0) return [];
  const prefixes = [...stores.keys()];
  const named = (name: string): string | undefined =>
    prefixes.find((p) => stores.get(p)!.toUpperCase() === name);
  const chosen = [named('MY'), named('WEBHOSTING')].filter((p) => p !== undefined);
  if (chosen.length === 0) chosen.push(prefixes[0]!);
  const read = (prefix: string): StoreExport => {
    const store = stores.get(prefix)!.toUpperCase();
    const hive = prefix.split('\\')[0]!.toUpperCase();
    const location =
      hive === 'HKEY_LOCAL_MACHINE' || hive === 'HKLM'
        ? 'LocalMachine'
        : hive === 'HKEY_CURRENT_USER' || hive === 'HKCU'
          ? 'CurrentUser'
          : null;
    const tally = newTally();
    const entries: StoreEntry[] = [];
    for (const key of keys) {
      if (!/\\Certificates\\[0-9a-f]{40}$/i.test(key.path)) continue;
      if (storeOf(key.path)?.prefix !== prefix) continue;
      const blob = key.values.get('blob');
      if (!blob || blob.type !== 'binary') {
        if (tally.noBlob.length < NOTES_SHOWN) tally.noBlob.push(key.path.slice(-40));
        tally.withoutBlob++;
        continue;
      }
      const where = `${what} (${key.path.slice(-40)})`;
      entriesOf(readElements(blob.value, where, budget), what, budget, tally, entries);
    }
    return { store, location, entries, notes: tallyNotes(what, tally) };
  };
  const out = chosen.map(read);
  if (stores.size > chosen.length)
    out[0]!.notes.push(
      `${what} exports ${stores.size} certificate stores; only ${out.map((s) => s.store).join(' and ')} ${out.length > 1 ? 'are' : 'is'} read (also: ${quoteList(
        prefixes.filter((p) => !chosen.includes(p)).map((p) => stores.get(p)!),
      )})`,
    );
  return out;
}

export { findKey };
