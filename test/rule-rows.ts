import {
  type SupOptions,
  type SupReport,
  validateSupCertificate,
  validateSupDeployment,
  validateSupRequest,
} from '../src/index.js';
import { fixture } from './fixtures.js';
import { BOTH, INTERNET, INTRANET, judge, statusOf } from './sup-fixtures.js';

/*
 * The table-driven rule tests: for every rule of the catalogue, inputs where it is silent (pass or
 * not applicable) and inputs where it speaks (error, warning or info), each with the status the
 * rule must come out with and, where it speaks, the codes of the findings it raises. The tests of
 * each family run their table (rules-names, rules-certificate, rules-other); rules-catalogue
 * derives from all of them that every rule has both kinds of row.
 */

/**
 * What a row judges: a certs-fixtures/sup file (PEM leaf or PFX, judged one day into its
 * validity), an input as it is (text), a request, or a deployment snapshot.
 */
export type RowInput =
  | string
  | { bytes: string; password?: string }
  | { request: string }
  | { deployment: Partial<Record<SnapshotPart, string | null>> };

export type RowOptions = SupOptions & { atOffsetDays?: number; atFrom?: 'notBefore' | 'notAfter' };

export type Status = 'pass' | 'not-applicable' | 'error' | 'warning' | 'info';

export type Row = [
  rule: string,
  input: RowInput,
  options: RowOptions,
  expected: Status,
  /** The codes the rule raises, sorted, each once (given on every row where the rule speaks). */
  codes?: string[],
];

const I = { intranetName: INTRANET };
const root = fixture('sup/root.pem');
const issuing = fixture('sup/issuing.pem');
const smsRoot = fixture('sup/sms-root.pem');
/** A certs-fixtures/sup PEM leaf with three bytes appended to the DER inside its PEM block. */
const appendedTo = (file: string): string => {
  const text = fixture(`sup/${file}`).toString('utf8');
  const body = text.match(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/)![1]!;
  const der = Buffer.concat([
    Buffer.from(body.replace(/\s+/g, ''), 'base64'),
    Buffer.from([1, 2, 3]),
  ]);
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
};

/** The snapshot of certs-fixtures/deployment that passes every SUP-DEP rule; rows swap one part. */
const SNAPSHOT = {
  config: 'iis/wsus-admin-good.config',
  netsh: 'netsh/current-good.txt',
  setup: 'reg/setup-good.reg',
  store: 'reg/my-good.reg',
} as const;
type SnapshotPart = keyof typeof SNAPSHOT | 'pfx';

/** Judges a row's input with its options. */
export async function reportFor(input: RowInput, options: RowOptions): Promise<SupReport> {
  if (typeof input === 'string') return judge(input, options);
  if ('bytes' in input)
    return validateSupCertificate(input.bytes, { password: input.password, ...options });
  if ('request' in input) return validateSupRequest(fixture(`requests/${input.request}`), options);
  const parts = { ...SNAPSHOT, ...input.deployment };
  const files = Object.values(parts)
    .filter((f): f is string => !!f)
    .map((f) => ({
      name: f,
      bytes: fixture(f.startsWith('sup/') ? f : `deployment/${f}`),
    }));
  return validateSupDeployment(files, {
    at: new Date('2027-01-01T00:00:00Z'),
    ...(parts.pfx ? { password: 'Passw0rd!' } : {}),
    ...options,
  });
}

/** The codes a rule raised in a report, sorted, each once. */
export function codesOf(report: SupReport, rule: string): string[] {
  return [...new Set(report.findings.filter((f) => f.rule === rule).map((f) => f.code))].sort();
}

/** Runs one row: the rule's status, and its codes when the row gives them. */
export async function checkRow(row: Row): Promise<{ status: string; codes: string[] }> {
  const report = await reportFor(row[1], row[2]);
  return { status: statusOf(report, row[0]), codes: codesOf(report, row[0]) };
}

/** Names (docs/rules.md, the SUP-NAME rules). Fixtures: certs-fixtures/sup (its README says what each is). */
export const NAME_ROWS: Row[] = [
  ['SUP-NAME-001', 'good-intranet.pem', { intranetName: INTRANET }, 'pass'],
  [
    'SUP-NAME-001',
    'internet-name-only.pem',
    { intranetName: INTRANET },
    'error',
    ['sup.name.intranet_name_missing'],
  ],
  ['SUP-NAME-001', 'good-both.pem', {}, 'not-applicable'], // SUP-NAME-018 reports the missing names
  [
    'SUP-NAME-001',
    'good-both.pem',
    { internetName: 'sup01.contoso.com', connections: 'both' },
    'error',
    ['sup.name.intranet_name_not_given'],
  ],
  ['SUP-NAME-001', 'good-both.pem', { names: BOTH, connections: 'internet' }, 'not-applicable'],
  [
    'SUP-NAME-001',
    'good-both.pem',
    { names: `${BOTH}&wsus.contoso.com` },
    'error',
    ['sup.name.intranet_name_missing'],
  ],
  ['SUP-NAME-002', 'good-both.pem', { names: BOTH }, 'pass'],
  [
    'SUP-NAME-002',
    'good-intranet.pem',
    { names: BOTH },
    'error',
    ['sup.name.internet_name_missing'],
  ],
  ['SUP-NAME-002', 'good-intranet.pem', { intranetName: INTRANET }, 'not-applicable'],
  [
    'SUP-NAME-002',
    'good-both.pem',
    { intranetName: INTRANET, connections: 'both' },
    'error',
    ['sup.name.internet_name_not_given'],
  ],
  ['SUP-NAME-003', 'good-both.pem', { names: BOTH, connections: 'internet' }, 'pass'],
  [
    'SUP-NAME-003',
    'internet-name-only.pem',
    { names: BOTH, connections: 'internet' },
    'error',
    ['sup.name.internet_only_intranet_name_missing'],
  ],
  [
    'SUP-NAME-003',
    'internet-name-only.pem',
    { internetName: INTERNET },
    'error',
    ['sup.name.internet_only_intranet_name_not_given'],
  ],
  ['SUP-NAME-003', 'good-both.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-004', 'good-both.pem', { intranetName: INTRANET, configureSslName: INTRANET }, 'pass'],
  [
    'SUP-NAME-004',
    'good-both.pem',
    { intranetName: INTRANET, configureSslName: 'wsus.contoso.com' },
    'error',
    ['sup.name.configuressl_name_missing'],
  ],
  [
    'SUP-NAME-004',
    'good-both.pem',
    { intranetName: INTRANET },
    'info',
    ['sup.name.configuressl_name_not_given'],
  ],
  ['SUP-NAME-005', 'good-both.pem', { names: BOTH }, 'pass'],
  [
    'SUP-NAME-005',
    'amp-in-cn.pem',
    { names: BOTH },
    'error',
    ['sup.name.request_notation_in_certificate'],
  ],
  [
    'SUP-NAME-005',
    'amp-in-san.pem',
    { names: BOTH },
    'error',
    ['sup.name.request_notation_in_certificate'],
  ],
  [
    'SUP-NAME-005',
    'dns-prefix-in-san.pem',
    { names: BOTH },
    'error',
    ['sup.name.request_notation_in_certificate'],
  ],
  [
    'SUP-NAME-005',
    'good-both.pem',
    { names: `san:dns=${INTRANET}&ipaddress=10.0.0.5` },
    'warning',
    ['sup.name.names_given_not_dns'],
  ],
  ['SUP-NAME-006', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-006', 'cn-only-while-san.pem', { names: BOTH }, 'error', ['sup.name.cn_only']],
  ['SUP-NAME-007', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-007', 'no-san.pem', { intranetName: INTRANET }, 'warning', ['sup.name.no_san']],
  [
    'SUP-NAME-007',
    'no-san.pem',
    { intranetName: INTRANET, profile: 'strict' },
    'error',
    ['sup.name.no_san_strict'],
  ],
  ['SUP-NAME-008', 'good-empty-subject.pem', { names: BOTH }, 'pass'],
  [
    'SUP-NAME-008',
    'empty-subject-noncritical-san.pem',
    { names: BOTH },
    'warning',
    ['sup.name.empty_subject_san_not_critical'],
  ],
  ['SUP-NAME-008', 'good-both.pem', { names: BOTH }, 'not-applicable'],
  ['SUP-NAME-009', 'good-intranet.pem', { intranetName: INTRANET }, 'pass'],
  [
    'SUP-NAME-009',
    'short-name.pem',
    { intranetName: 'SUP01' },
    'warning',
    ['sup.name.single_label'],
  ],
  ['SUP-NAME-010', 'good-both.pem', { names: BOTH }, 'pass'],
  [
    'SUP-NAME-010',
    'wildcard.pem',
    { intranetName: INTRANET },
    'warning',
    ['sup.name.wildcard_san'],
  ],
  [
    'SUP-NAME-010',
    'wildcard-cn-only.pem',
    { intranetName: INTRANET },
    'warning',
    ['sup.name.wildcard_cn'],
  ],
  [
    'SUP-NAME-010',
    'wildcard-partial.pem',
    { intranetName: INTRANET },
    'error',
    ['sup.name.wildcard_not_honoured'],
  ],
  [
    'SUP-NAME-010',
    'wildcard-single-label.pem',
    { intranetName: 'sup01.corp' },
    'error',
    ['sup.name.wildcard_entry_not_honoured', 'sup.name.wildcard_not_honoured'],
  ],
  ['SUP-NAME-011', 'good-both.pem', { intranetName: INTRANET }, 'pass'],
  [
    'SUP-NAME-011',
    'good-both.pem',
    { intranetName: '10.0.0.5' },
    'warning',
    ['sup.name.ip_address_name'],
  ],
  [
    'SUP-NAME-011',
    'ip-in-dnsname.pem',
    { intranetName: INTRANET },
    'warning',
    ['sup.name.ip_address_as_text'],
  ],
  ['SUP-NAME-012', 'good-both.pem', { intranetName: INTRANET }, 'pass'],
  [
    'SUP-NAME-012',
    'good-both.pem',
    { intranetName: `${INTRANET}.` },
    'info',
    ['sup.name.matched_after_normalisation'],
  ],
  [
    'SUP-NAME-012',
    'nul-in-dnsname.pem',
    { intranetName: INTRANET },
    'error',
    ['sup.name.nul_in_certificate'],
  ],
  ['SUP-NAME-013', 'good-both.pem', { names: BOTH, issuerType: 'public' }, 'pass'],
  [
    'SUP-NAME-013',
    'short-name.pem',
    { intranetName: 'SUP01', issuerType: 'public' },
    'error',
    ['sup.name.internal_name_public_ca'],
  ],
  [
    'SUP-NAME-013',
    'short-name.pem',
    { intranetName: 'SUP01' },
    'info',
    ['sup.name.internal_name_issuer_unknown'],
  ],
  ['SUP-NAME-013', 'short-name.pem', { intranetName: 'SUP01', issuerType: 'enterprise' }, 'pass'],
  ['SUP-NAME-014', 'good-both.pem', { names: BOTH }, 'info', ['sup.name.san_order_for_proxies']],
  ['SUP-NAME-014', 'good-both.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-015', 'good-both.pem', { intranetName: INTRANET, configureSslName: INTRANET }, 'pass'],
  [
    'SUP-NAME-015',
    'good-both.pem',
    { intranetName: INTRANET, configureSslName: INTERNET },
    'info',
    ['sup.name.configuressl_alias'],
  ],
  ['SUP-NAME-015', 'good-both.pem', { intranetName: INTRANET }, 'not-applicable'],
  [
    'SUP-NAME-016',
    'good-intranet.pem',
    { intranetName: INTRANET, connections: 'cmg' },
    'info',
    ['sup.name.cmg_certificate'],
  ],
  ['SUP-NAME-016', 'good-intranet.pem', { intranetName: INTRANET }, 'not-applicable'],
  ['SUP-NAME-017', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-017', 'no-san.pem', { intranetName: INTRANET }, 'not-applicable'],
  [
    'SUP-NAME-017',
    '../zlint/testdata/SANBareWildcard.pem',
    {},
    'warning',
    ['sup.name.dns_name_invalid'],
  ],
  [
    'SUP-NAME-017',
    '../zlint/testdata/SANDNSPeriod.pem',
    {},
    'warning',
    ['sup.name.dns_name_invalid'],
  ],
];

/**
 * EKU, Key Usage, basic constraints, keys, hash, provider, private key, validity, chain and the
 * deployment checklist (§2.2–2.5). Fixtures: certs-fixtures/sup.
 */
export const CERTIFICATE_ROWS: Row[] = [
  ['SUP-EKU-001', 'good-both.pem', I, 'pass'],
  ['SUP-EKU-001', 'eku-clientauth-only.pem', I, 'error', ['sup.eku.server_auth_missing']],
  ['SUP-EKU-001', 'eku-none.pem', I, 'warning', ['sup.eku.no_eku_extension']],
  ['SUP-EKU-002', 'good-both.pem', I, 'pass'],
  // Any Purpose alone does not "contain Server Authentication": SUP-EKU-001's error.
  ['SUP-EKU-001', 'eku-any-only.pem', I, 'error', ['sup.eku.any_purpose_without_server_auth']],
  ['SUP-EKU-002', 'eku-any-only.pem', I, 'not-applicable'],
  // Any Purpose next to Server Authentication (a zlint fixture).
  [
    'SUP-EKU-002',
    '../zlint/testdata/subKeyUsageValid.pem',
    {},
    'warning',
    ['sup.eku.any_purpose_alongside'],
  ],
  ['SUP-EKU-003', 'good-both.pem', I, 'pass'],
  ['SUP-EKU-003', 'eku-server-client.pem', I, 'info', ['sup.eku.extra_ekus']],
  ['SUP-EKU-003', 'eku-clientauth-only.pem', I, 'not-applicable'],
  ['SUP-KU-001', 'good-both.pem', I, 'pass'],
  ['SUP-KU-001', 'ec-p256.pem', I, 'pass'],
  ['SUP-KU-001', 'ku-certsign-only.pem', I, 'error', ['sup.ku.no_tls_key_use']],
  ['SUP-KU-001', 'ku-digitalsignature-only.pem', I, 'warning', ['sup.ku.key_use_partial']],
  ['SUP-KU-001', 'ku-none.pem', I, 'not-applicable'],
  ['SUP-BC-001', 'good-both.pem', I, 'pass'],
  ['SUP-BC-001', 'ca-leaf.pem', I, 'warning', ['sup.bc.leaf_is_ca']],
  ['SUP-KEY-001', 'good-both.pem', I, 'pass'],
  ['SUP-KEY-001', 'rsa-768.pem', I, 'error', ['sup.key.rsa_under_1024']],
  ['SUP-KEY-001', 'ec-p256.pem', I, 'not-applicable'],
  ['SUP-KEY-002', 'good-both.pem', I, 'pass'],
  ['SUP-KEY-002', 'rsa-1024.pem', I, 'warning', ['sup.key.rsa_under_2048']],
  ['SUP-KEY-002', 'ec-p256.pem', I, 'not-applicable'],
  ['SUP-KEY-003', 'good-both.pem', I, 'pass'],
  ['SUP-KEY-003', 'rsa-4608.pem', I, 'info', ['sup.key.rsa_over_4096']],
  ['SUP-KEY-003', 'ec-p256.pem', I, 'not-applicable'],
  ['SUP-KEY-004', 'good-both.pem', I, 'pass'],
  ['SUP-KEY-004', 'ec-p256.pem', I, 'warning', ['sup.key.not_rsa']],
  ['SUP-HASH-001', 'good-both.pem', I, 'pass'],
  ['SUP-HASH-001', 'sha1-signed.pem', I, 'warning', ['sup.hash.sha1']],
  [
    'SUP-HASH-001',
    'sha1-signed.pem',
    { ...I, issuerType: 'public' },
    'error',
    ['sup.hash.sha1_public_root'],
  ],
  ['SUP-HASH-001', 'md5-signed.pem', I, 'error', ['sup.hash.md_family']],
  ['SUP-HASH-001', 'self-signed.pem', I, 'not-applicable'],
  ['SUP-CNG-001', 'good-both-capi.pfx', { ...I, generation: '2012' }, 'pass'],
  ['SUP-CNG-001', 'good-both-cng.pfx', { ...I, generation: 'current' }, 'pass'],
  [
    'SUP-CNG-001',
    'good-both-cng.pfx',
    { ...I, generation: '2012' },
    'error',
    ['sup.cng.cng_key_old_configmgr'],
  ],
  [
    'SUP-CNG-001',
    'good-both-cng.pfx',
    { ...I, generation: '2007' },
    'error',
    ['sup.cng.cng_key_old_configmgr'],
  ],
  [
    'SUP-CNG-001',
    'ec-p256.pem',
    { ...I, generation: '2012' },
    'error',
    ['sup.cng.cng_key_old_configmgr'],
  ],
  [
    'SUP-CNG-001',
    'good-both.pem',
    { ...I, generation: '2012' },
    'info',
    ['sup.cng.provider_unknown'],
  ],
  ['SUP-PK-001', 'good-both.pfx', I, 'pass'],
  ['SUP-PK-001', 'good-both-nokey.pfx', I, 'error', ['sup.pk.pfx_without_key']],
  ['SUP-PK-001', 'key-mismatch.pfx', I, 'error', ['sup.pk.key_mismatch']],
  ['SUP-PK-001', 'good-both.pem', I, 'info', ['sup.pk.not_in_input']],
  ['SUP-PK-002', 'good-both.pfx', I, 'info', ['sup.pk.exportable_not_required']],
  ['SUP-VAL-001', 'good-both.pem', I, 'pass'],
  [
    'SUP-VAL-001',
    'good-both.pem',
    { ...I, atFrom: 'notAfter', atOffsetDays: 1 },
    'error',
    ['sup.val.expired'],
  ],
  [
    'SUP-VAL-001',
    'good-both.pem',
    { ...I, atFrom: 'notBefore', atOffsetDays: -1 },
    'error',
    ['sup.val.not_yet_valid'],
  ],
  ['SUP-VAL-002', 'good-both.pem', { ...I, atFrom: 'notAfter', atOffsetDays: -40 }, 'pass'],
  [
    'SUP-VAL-002',
    'good-both.pem',
    { ...I, atFrom: 'notAfter', atOffsetDays: -10 },
    'warning',
    ['sup.val.expires_soon'],
  ],
  [
    'SUP-VAL-002',
    'good-both.pem',
    { ...I, atFrom: 'notAfter', atOffsetDays: -40, expiryWarningDays: 60 },
    'warning',
    ['sup.val.expires_soon'],
  ],
  ['SUP-VAL-002', 'good-both.pem', { ...I, atFrom: 'notAfter', atOffsetDays: 1 }, 'not-applicable'],
  ['SUP-CHAIN-001', 'good-both.pem', I, 'pass'],
  ['SUP-CHAIN-001', 'self-signed.pem', I, 'warning', ['sup.chain.self_signed']],
  [
    'SUP-CHAIN-002',
    'good-both.pem',
    { ...I, trustAnchors: [root], intermediates: [issuing] },
    'pass',
  ],
  ['SUP-CHAIN-002', 'good-both.pfx', { ...I, trustAnchors: [root] }, 'pass'],
  [
    'SUP-CHAIN-002',
    'good-both.pem',
    { ...I, trustAnchors: [root] },
    'warning',
    ['sup.chain.issuer_download_needed'],
  ],
  [
    'SUP-CHAIN-002',
    'no-revocation.pem',
    { ...I, trustAnchors: [root] },
    'error',
    ['sup.chain.issuer_missing'],
  ],
  [
    'SUP-CHAIN-002',
    'good-both.pem',
    { ...I, trustAnchors: [smsRoot], intermediates: [issuing] },
    'error',
    ['sup.chain.issuer_missing'],
  ],
  [
    'SUP-CHAIN-002',
    'no-revocation.pem',
    { ...I, trustAnchors: [root], intermediates: [issuing] },
    'warning',
    ['sup.chain.intermediate_outside_file'],
  ],
  [
    'SUP-CHAIN-002',
    'sms-role.pem',
    I,
    'warning',
    ['sup.chain.issuer_not_included', 'sup.chain.not_validated'],
  ],
  ['SUP-CHAIN-002', 'good-both.pem', I, 'info', ['sup.chain.not_validated']],
  ['SUP-CHAIN-003', 'good-both.pem', I, 'pass'],
  ['SUP-CHAIN-003', 'no-revocation.pem', I, 'warning', ['sup.chain.no_revocation_info']],
  ['SUP-CHAIN-003', 'ldap-only-cdp.pem', { names: BOTH }, 'info', ['sup.chain.crl_ldap_only']],
  ['SUP-CHAIN-003', 'ldap-only-cdp.pem', I, 'pass'],
  ['SUP-CHAIN-003', 'self-signed.pem', I, 'not-applicable'],
  ['SUP-CHAIN-004', 'good-both.pem', I, 'pass'],
  ['SUP-CHAIN-004', 'sms-role.pem', I, 'warning', ['sup.chain.enhanced_http_certificate']],
  ['SUP-DEP-001', 'good-both.pem', I, 'info', ['sup.dep.checklist_personal_store']],
  ['SUP-DEP-002', 'good-both.pem', I, 'info', ['sup.dep.checklist_https_binding']],
  ['SUP-DEP-003', 'good-both.pem', I, 'info', ['sup.dep.checklist_require_ssl']],
  ['SUP-DEP-004', 'good-both.pem', I, 'info', ['sup.dep.checklist_client_certificates']],
  ['SUP-DEP-005', 'good-both.pem', I, 'info', ['sup.dep.checklist_configuressl']],
  ['SUP-DEP-006', 'good-both.pem', I, 'info', ['sup.dep.checklist_pinning_store']],
];

/** The file rules, the PFX import, the names gate, deployment snapshots, renewals and requests. */
export const OTHER_ROWS: Row[] = [
  ['SUP-FILE-001', 'good-both.pfx', I, 'pass'],
  ['SUP-FILE-001', 'good-both.pem', I, 'not-applicable'],
  [
    'SUP-FILE-001',
    { bytes: fixture('sup/good-both.pfx').toString('base64'), password: 'Passw0rd!' },
    I,
    'error',
    ['sup.file.pfx_base64_text'],
  ],
  ['SUP-FILE-002', 'good-both.pem', I, 'pass'],
  ['SUP-FILE-002', 'root.pem', I, 'error', ['sup.file.only_ca_certificates']],
  ['SUP-FILE-002', { request: 'good-both.csr' }, { names: BOTH }, 'not-applicable'],
  ['SUP-FILE-003', 'good-both.pem', I, 'pass'],
  [
    'SUP-FILE-003',
    { bytes: appendedTo('good-both.pem') },
    I,
    'warning',
    ['sup.file.trailing_data'],
  ],
  ['SUP-FILE-003', { request: 'good-both.csr' }, { names: BOTH }, 'not-applicable'],
  // A file of CA certificates only: no rule but the SUP-FILE ones judges it.
  ['SUP-PK-002', 'root.pem', I, 'not-applicable'],
  ['SUP-DEP-006', 'root.pem', I, 'not-applicable'],
  ['SUP-PFX-001', 'good-both.pem', I, 'not-applicable'],
  [
    'SUP-PFX-001',
    '../generated/legacy.pfx',
    I,
    'info',
    ['sup.pfx.imports_from', 'sup.pfx.issuer_not_carried'],
  ],
  [
    'SUP-PFX-001',
    '../generated/default.pfx',
    I,
    'error',
    ['sup.pfx.issuer_not_carried', 'sup.pfx.not_importable_on_target'],
  ],
  [
    'SUP-PFX-001',
    '../generated/nomac.pfx',
    { ...I, targetOs: '2022' },
    'warning',
    ['sup.pfx.import_undocumented', 'sup.pfx.issuer_not_carried'],
  ],
  ['SUP-NAME-018', 'good-both.pem', { names: BOTH }, 'pass'],
  ['SUP-NAME-018', 'good-both.pem', {}, 'error', ['sup.name.no_name_given']],
  ['SUP-NAME-018', 'good-both.pem', { skipNames: true }, 'info', ['sup.name.names_not_checked']],
  // Deployment snapshots (validateSupDeployment): SUP-DEP-001…005 become verdicts.
  ...(['SUP-DEP-001', 'SUP-DEP-002', 'SUP-DEP-003', 'SUP-DEP-004', 'SUP-DEP-005'].map(
    (rule): Row => [rule, { deployment: {} }, { names: BOTH }, 'pass'],
  ) as Row[]),
  [
    'SUP-DEP-001',
    { deployment: { store: 'reg/my-no-key.reg' } },
    { names: BOTH },
    'error',
    ['sup.dep.no_private_key_link'],
  ],
  [
    'SUP-DEP-001',
    { deployment: { store: null } },
    { names: BOTH },
    'error',
    // Neither the store nor a certificate file: the bound certificate is judged nowhere.
    ['sup.dep.certificate_not_judged', 'sup.dep.store_not_given'],
  ],
  [
    'SUP-DEP-002',
    { deployment: { netsh: 'netsh/two-entries-one-old.txt' } },
    { names: BOTH },
    'error',
    ['sup.dep.binding_other_certificate'],
  ],
  [
    'SUP-DEP-003',
    { deployment: { config: 'iis/missing-simpleauth.config' } },
    { names: BOTH },
    'error',
    ['sup.dep.require_ssl_missing'],
  ],
  [
    'SUP-DEP-004',
    { deployment: { config: 'iis/client-cert-accept.config' } },
    { names: BOTH },
    'error',
    ['sup.dep.client_certificates_asked'],
  ],
  [
    'SUP-DEP-005',
    { deployment: { setup: 'reg/setup-not-ssl.reg' } },
    { names: BOTH },
    'error',
    ['sup.dep.ssl_not_used'],
  ],
  // Renewals (replaces).
  ['SUP-DEP-007', 'good-both.pem', I, 'not-applicable'],
  [
    'SUP-DEP-007',
    'good-both.pem',
    { names: BOTH, replaces: fixture('sup/good-intranet.pem') },
    'info',
    ['sup.dep.renewal_steps'],
  ],
  [
    'SUP-DEP-007',
    'good-intranet.pem',
    { names: BOTH, replaces: fixture('sup/good-both.pem') },
    'error',
    ['sup.dep.renewal_names_lost', 'sup.dep.renewal_steps'],
  ],
  // Requests (validateSupRequest).
  ['SUP-REQ-001', { request: 'good-both.csr' }, { names: BOTH }, 'pass'],
  [
    'SUP-REQ-001',
    { request: 'tampered.der.csr' },
    { names: BOTH },
    'error',
    ['sup.req.signature_invalid'],
  ],
  ['SUP-REQ-001', 'good-both.pem', I, 'not-applicable'],
  ['SUP-REQ-002', { request: 'webserver-both.inf' }, { names: BOTH }, 'pass'],
  [
    'SUP-REQ-002',
    { request: 'amp-in-wrong-place.inf' },
    { names: BOTH },
    'warning',
    ['sup.req.machine_key_set_missing'],
  ],
  ['SUP-REQ-005', { request: 'webserver-both.inf' }, { names: BOTH }, 'pass'],
  [
    'SUP-REQ-005',
    { request: 'self-signed-cert.inf' },
    { names: BOTH },
    'warning',
    ['sup.req.self_signed'],
  ],
  ['SUP-REQ-006', { request: 'ecdsa-key.inf' }, { names: BOTH }, 'pass'],
  ['SUP-REQ-006', { request: 'webserver-both.inf' }, { names: BOTH }, 'pass'],
  [
    'SUP-REQ-006',
    { request: 'ecdh-key.inf' },
    { names: BOTH },
    'warning',
    ['sup.req.key_exchange_only'],
  ],
  ['SUP-REQ-006', { request: 'good-both.csr' }, { names: BOTH }, 'not-applicable'],
  ['SUP-REQ-003', { request: 'webserver-both.inf' }, { names: BOTH }, 'pass'],
  [
    'SUP-REQ-003',
    { request: 'web-enrollment-missing-prefix.txt' },
    { names: BOTH },
    'warning',
    ['sup.req.syntax_dropped', 'sup.req.syntax_note'],
  ],
  ['SUP-REQ-004', 'good-both.pem', I, 'not-applicable'],
  [
    'SUP-REQ-004',
    { request: 'good-both.csr' },
    { names: BOTH },
    'info',
    ['sup.req.waits_for_issuance'],
  ],
];

export const ALL_ROWS: Row[] = [...NAME_ROWS, ...CERTIFICATE_ROWS, ...OTHER_ROWS];
