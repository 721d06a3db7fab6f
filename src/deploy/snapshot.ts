import { optionsArgument } from '../x509/arguments.js';
import { SupCertError } from '../errors.js';
import { WorkBudget } from '../limits.js';
import type { CertificateBundle } from '../read/CertificateBundle.js';
import { readCertificates } from '../read/readCertificates.js';
import {
  isSerializedStore,
  readSerializedStore,
  storesFromRegistry,
  type StoreExport,
} from './certStore.js';
import { readIisConfig, type IisConfig } from './iisConfig.js';
import { readNetshSslCert, type NetshSslCert } from './netshSslcert.js';
import { REGEDIT4, REGEDIT5, readRegFile } from './registry.js';
import { sniffText } from './text.js';
import { wsusSetupFrom, type WsusSetup } from './wsusSetup.js';

/** One exported file of a deployment snapshot, recognised by its content. */
export type SnapshotFile =
  | { name: string; kind: 'iis-config'; config: IisConfig }
  | { name: string; kind: 'netsh-sslcert'; netsh: NetshSslCert }
  | {
      name: string;
      kind: 'wsus-setup';
      setup: WsusSetup;
      /** A certificate store exported into the same .reg file (two exports joined), when there is one. */
      store?: StoreExport;
      /** The WebHosting store when the same .reg file also holds it (MY in `store`). */
      otherStores?: StoreExport[];
    }
  | {
      name: string;
      kind: 'cert-store';
      store: StoreExport;
      /**
       * More stores of the same .reg export: its WebHosting store next to MY (an export of
       * SystemCertificates, or two exports joined), each read apart.
       */
      otherStores?: StoreExport[];
    }
  | { name: string; kind: 'certificates'; bundle: CertificateBundle };

/** What an exported file was recognised as (SnapshotFile's `kind`). */
export type SnapshotKind = SnapshotFile['kind'];

/**
 * Whether XML text starts like applicationHost.config: its first element is `<configuration>`
 * (also written `<configuration/>`), after an XML declaration, comments and processing
 * instructions (a DOCTYPE: anywhere in the head). A prolog longer than the head seen (a comment of more than 4 KB before the root)
 * counts as IIS configuration: readIisConfig then says what the file is if it is not.
 */
function isIisConfigHead(head: string): boolean {
  let at = 0;
  for (;;) {
    while (at < head.length && /\s/.test(head[at]!)) at++;
    if (at >= head.length) return true;
    // A DOCTYPE (never in applicationHost.config): the root anywhere in the head decides, and
    // readIisConfig then refuses the DTD.
    if (head.startsWith('<!', at) && !head.startsWith('<!--', at))
      return /<configuration[\s/>]/.test(head);
    const end = head.startsWith('<!--', at)
      ? head.indexOf('-->', at + 4)
      : head.startsWith('<?', at)
        ? head.indexOf('?>', at + 2)
        : null;
    if (end === null) return /^<configuration[\s/>]/.test(head.slice(at, at + 15));
    if (end < 0) return true;
    at = end + (head[end] === '-' ? 3 : 2);
  }
}

/**
 * What a file looks like, from its first few kilobytes; 'certificates' for anything else
 * (readCertificates decides); 'registry' for any `reg export` (readSnapshotFile tells the WSUS
 * Setup key from a certificate store). Never throws for a Uint8Array.
 *
 * @throws SupCertError INVALID_OPTION when `bytes` is not a Uint8Array.
 */
export function recogniseSnapshot(bytes: Uint8Array): SnapshotKind | 'registry' {
  if (!(bytes instanceof Uint8Array))
    throw new SupCertError(
      'INVALID_OPTION',
      'A snapshot file must be given as its bytes (a Uint8Array or Buffer), as read from disk.',
    );
  if (isSerializedStore(bytes)) return 'cert-store';
  const head = sniffText(bytes).trimStart();
  if (head.startsWith(REGEDIT5) || head.startsWith(REGEDIT4)) return 'registry';
  if (head.startsWith('<') && isIisConfigHead(head)) return 'iis-config';
  if (
    /SSL Certificate bindings/i.test(head) ||
    /^[ \t]*(IP:port|Hostname:port)[ \t]+: /im.test(head)
  )
    return 'netsh-sslcert';
  // A localised netsh: a "label : 40 hex digits" line and a "label : {GUID}" line.
  if (/ : [0-9a-f]{40}[ \t\r]*$/im.test(head) && / : \{[0-9a-f-]{36}\}[ \t\r]*$/im.test(head))
    return 'netsh-sslcert';
  return 'certificates';
}

/**
 * Reads one exported file of a SUP's deployment: IIS applicationHost.config, `netsh http show
 * sslcert` output, a `reg export` of the WSUS Setup key or of SystemCertificates\MY, an .sst
 * store, or any certificate file readCertificates reads. Recognised by content, never by name.
 * `options.budget`: the work budget to charge (limits.ts); a new one with the default limits
 * when not given.
 *
 * @throws SupCertError from the parser of the recognised format (each names the file and what
 *   to do), UNKNOWN_FORMAT for a registry export of another key, INVALID_OPTION when `name` is not
 *   a string, `bytes` not a Uint8Array or `options` not an object.
 */
export async function readSnapshotFile(
  name: string,
  bytes: Uint8Array,
  options: { password?: string; budget?: WorkBudget } = {},
): Promise<SnapshotFile> {
  if (typeof name !== 'string')
    throw new SupCertError(
      'INVALID_OPTION',
      'readSnapshotFile: name must be a string (the file name).',
    );
  optionsArgument(options, 'readSnapshotFile');
  // A budget of its own when none is given (the default limits): never unbounded.
  const budget = options.budget instanceof WorkBudget ? options.budget : new WorkBudget();
  const kind = recogniseSnapshot(bytes);
  switch (kind) {
    case 'cert-store':
      return { name, kind, store: readSerializedStore(bytes, name, budget) };
    case 'iis-config':
      return { name, kind, config: await readIisConfig(bytes, name, budget) };
    case 'netsh-sslcert':
      return { name, kind, netsh: readNetshSslCert(bytes, name, budget) };
    case 'registry': {
      const keys = readRegFile(bytes, name, budget);
      const setup = wsusSetupFrom(keys);
      const [store, ...others] = storesFromRegistry(keys, name, budget);
      const more = others.length > 0 ? { otherStores: others } : {};
      if (setup) return { name, kind: 'wsus-setup', setup, ...(store ? { store } : {}), ...more };
      if (store) return { name, kind: 'cert-store', store, ...more };
      throw new SupCertError(
        'UNKNOWN_FORMAT',
        `${name} is a registry export of ${keys.length > 0 ? `"${keys[0]!.path.slice(0, 120)}"` : 'no key'}, neither the WSUS Setup key nor a certificate store. Export reg export "HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup" setup.reg and reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\MY" my.reg.`,
      );
    }
    default:
      return {
        name,
        kind: 'certificates',
        bundle: await readCertificates(bytes, {
          ...(options.password !== undefined ? { password: options.password } : {}),
          budget,
        }),
      };
  }
}
