import type { StoreEntry, StoreExport } from './certStore.js';
import type { IisConfig, IisSite } from './iisConfig.js';
import type { NetshSslCert, SslCertBinding } from './netshSslcert.js';
import type { SnapshotFile } from './snapshot.js';
import type { WsusSetup } from './wsusSetup.js';

/** What a deployment snapshot says, assembled for the SUP-DEP rules (validateSupDeployment). */
export interface DeploymentEvidence {
  /** Every file read, in input order (names as given). */
  files: SnapshotFile[];
  config: { file: string; config: IisConfig } | null;
  netsh: { file: string; netsh: NetshSslCert } | null;
  setup: { file: string; setup: WsusSetup } | null;
  stores: Array<{ file: string; store: StoreExport }>;
  /** The IIS site WSUS runs in (the one with /ClientWebService; IISTargetWebSiteIndex decides between several). */
  wsusSite: IisSite | null;
  /** WSUS's HTTPS port and how it was found. */
  sslPort: number;
  sslPortFrom: string;
  /** HTTP.sys entries on the SSL port (from netsh) that serve the SUP's clients. */
  bindingsOnPort: SslCertBinding[];
  /**
   * hostname:port entries on the SSL port whose use for the SUP's clients is not documented (a
   * host name ending with a dot, or a wildcard, that a SUP name could fall under:
   * netshSslcert.ts `sniHostForm`): not in `bindingsOnPort`, and NOT decided (SUP-DEP-002).
   */
  sniNotDecided?: SslCertBinding[];
  /** Upper-case SHA-1 thumbprint of the certificate judged. */
  thumbprint: string;
  /** Thumbprint of the certificate file given (the certificate meant to be bound), when one was given. */
  intended: string | null;
  /** Where the judged certificate came from: bound (found by the netsh thumbprint), or a file given. */
  judged: 'bound' | 'file';
  /** The judged certificate's entry in an exported store, with the file it is in. */
  storeEntry: { file: string; store: StoreExport; entry: StoreEntry } | null;
  /** Thumbprint → subject of every certificate the snapshot holds, to name a bound certificate. */
  known: Map<string, string>;
  /**
   * Where two files of the same kind disagree (two netsh outputs with other entries, two
   * applicationHost.config with other sites, two WSUS Setup exports with other values): one
   * sentence each, naming the files. The snapshot is then not one server's state and cannot pass.
   */
  conflicts?: string[];
  /**
   * A redirection.config given with IIS Shared Configuration on (`<configurationRedirection
   * enabled="true" path>`): IIS reads applicationHost.config from `path`, so whether the
   * applicationHost.config given (if any) is the one IIS uses is NOT decided.
   */
  redirection?: { file: string; path: string };
}

/** The five virtual directories that require SSL (ConfigMgr: Configure a SUP to use TLS/SSL). */
export const SSL_DIRECTORIES = [
  'ApiRemoting30',
  'ClientWebService',
  'DssAuthWebService',
  'ServerSyncWebService',
  'SimpleAuthWebService',
] as const;
/** WSUS virtual directories that must stay on HTTP (clients download content and self-update over HTTP). */
export const HTTP_DIRECTORIES = [
  'Content',
  'Inventory',
  'ReportingWebService',
  'Selfupdate',
] as const;
