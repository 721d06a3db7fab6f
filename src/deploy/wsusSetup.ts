import { quoteValue } from '../util/quote.js';
import type { RegistryKey, RegistryValue } from './registry.js';
import { findKey } from './registry.js';

/** What `reg export "HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup"` says about WSUS's SSL set-up. */
export interface WsusSetup {
  /** UsingSSL (DWORD): 1 after `WsusUtil configuressl`, 0 or absent otherwise. */
  usingSsl: boolean | null;
  /** ServerCertificateName (REG_SZ): the name given to `WsusUtil configuressl`. */
  serverCertificateName: string | null;
  /** PortNumber (DWORD): WSUS's HTTP port (8530 on "WSUS Administration", 80 on the Default Web Site). */
  portNumber: number | null;
  /** IISTargetWebSiteIndex (DWORD): the IIS site id WSUS is installed in (1 = Default Web Site). */
  iisTargetWebSiteIndex: number | null;
  /**
   * Values present with another registry type than WSUS writes (UsingSSL, PortNumber,
   * IISTargetWebSiteIndex as REG_SZ; ServerCertificateName as a DWORD), read as not set (null
   * above): each as "Name (REG_SZ "1")". How WSUS reads such a value is not documented.
   */
  otherType?: string[];
}

export const WSUS_SETUP_KEY = '\\Update Services\\Server\\Setup';

/**
 * Reads the WSUS Setup key's values (names as WSUS writes them; WSUS SDK / WsusUtil configuressl:
 * UsingSSL, ServerCertificateName, PortNumber, IISTargetWebSiteIndex). Null when the export holds
 * no such key.
 */
export function wsusSetupFrom(keys: readonly RegistryKey[]): WsusSetup | null {
  const key = findKey(keys, WSUS_SETUP_KEY);
  if (!key) return null;
  const dword = (name: string): number | null => {
    const v = key.values.get(name);
    return v?.type === 'dword' ? v.value : null;
  };
  const sz = (name: string): string | null => {
    const v = key.values.get(name);
    return v?.type === 'sz' || v?.type === 'expand_sz' ? v.value : null;
  };
  const ssl = dword('usingssl');
  const otherType: string[] = [];
  for (const [name, want] of VALUE_TYPES) {
    const v = key.values.get(name.toLowerCase());
    if (v && v.type !== 'delete' && !want.includes(v.type)) otherType.push(`${name} (${shown(v)})`);
  }
  return {
    usingSsl: ssl === null ? null : ssl !== 0,
    serverCertificateName: sz('servercertificatename'),
    portNumber: dword('portnumber'),
    iisTargetWebSiteIndex: dword('iistargetwebsiteindex'),
    ...(otherType.length > 0 ? { otherType } : {}),
  };
}

/** The registry types WSUS writes each value as (WsusUtil configuressl, WSUS setup). */
const VALUE_TYPES: ReadonlyArray<[string, ReadonlyArray<RegistryValue['type']>]> = [
  ['UsingSSL', ['dword']],
  ['ServerCertificateName', ['sz', 'expand_sz']],
  ['PortNumber', ['dword']],
  ['IISTargetWebSiteIndex', ['dword']],
];

/** A value's registry type and, for a short string or number, the value: REG_SZ "1". */
function shown(v: Exclude<RegistryValue, { type: 'delete' }>): string {
  switch (v.type) {
    case 'sz':
      return `REG_SZ "${quoteValue(v.value, 40)}"`;
    case 'expand_sz':
      return `REG_EXPAND_SZ "${quoteValue(v.value, 40)}"`;
    case 'dword':
      return `REG_DWORD ${v.value}`;
    case 'qword':
      return `REG_QWORD ${v.value}`;
    case 'multi_sz':
      return 'REG_MULTI_SZ';
    default:
      return `registry type ${v.regType}`;
  }
}

/** The HTTPS port WSUS uses for a given HTTP port: 8531 for 8530, 443 for 80 (WSUS deployment guide, step 2). */
export function sslPortFor(httpPort: number | null): number | null {
  if (httpPort === null) return null;
  return httpPort === 80 ? 443 : httpPort + 1;
}
