/**
 * supcert: will this certificate work as the TLS certificate of a ConfigMgr software update
 * point (WSUS over HTTPS), and if not, exactly why? This is the public entry point; docs/api.md
 * is the contract for the names exported here (test/api-doc.test.ts keeps the two in step).
 */
export { SupCertError, type SupCertErrorCode } from './errors.js';
export { DEFAULT_LIMITS, WorkBudget, type BudgetKey, type ReadLimits } from './limits.js';
export { readCertificates, type ReadOptions } from './read/readCertificates.js';
export type {
  BundleFormat,
  CertificateBundle,
  KeyInfo,
  PfxProtection,
  TrailingData,
} from './read/CertificateBundle.js';
export type {
  AltName,
  AltNameType,
  CertificateInfo,
  CertificateTemplate,
  ExtensionSummary,
  PublicKeySummary,
} from './x509/CertificateInfo.js';
export { Eku, Oid } from './asn1/oids.js';
export {
  parseNameList,
  type ParsedNameList,
  type ParseNameListOptions,
} from './names/parseNameList.js';
export {
  MATCH_PROFILES,
  explainHostMatch,
  matchHostname,
  type HostMatch,
  type MatchProfile,
  type MatchSource,
} from './names/matchHostname.js';
export { validateSupCertificate, type SupReport } from './sup/validateSupCertificate.js';
export type { ClientError } from './sup/clientError.js';
export type { SupOptions } from './sup/SupOptions.js';
export {
  CONNECTIONS,
  GENERATIONS,
  ISSUER_TYPES,
  TARGET_OS,
  type Connections,
  type Generation,
  type IssuerType,
  type TargetOs,
} from './rules/optionValues.js';
export { SEVERITIES, type Finding, type Severity } from './rules/SupRule.js';
export {
  describeRules,
  describeRunnerFindings,
  type FindingDescription,
  type RuleDescription,
} from './rules/describeRules.js';
export { rulesMarkdown } from './rules/rulesMarkdown.js';
export {
  verifyChain,
  type ChainProblem,
  type ChainProblemCode,
  type ChainResult,
  type VerifyChainOptions,
} from './chain/verifyChain.js';
export { sslPolicyErrors, type PolicyError, type PolicyFlags } from './chain/sslPolicy.js';
export type {
  CertificateInput,
  RequiredEku,
  VerifyChainInputOptions,
} from './chain/chainInputs.js';
export { validateSupRequest, type SupRequestReport } from './sup/validateSupRequest.js';
export {
  validateSupDeployment,
  MAX_REPORTED_BINDINGS,
  type DeploymentInput,
  type DeploymentOptions,
  type DeploymentReport,
} from './sup/validateSupDeployment.js';
export {
  readSnapshotFile,
  recogniseSnapshot,
  type SnapshotFile,
  type SnapshotKind,
} from './deploy/snapshot.js';
export type { RequestFacts } from './request/RequestedCertificate.js';
export { suggestRequest, type SuggestedRequest } from './sup/suggestRequest.js';
export { EKU_NAMES, ekuLabel } from './x509/ekuNames.js';
export {
  CONTENT_PROBE_PATH,
  DEFAULT_PROBE_LIMITS,
  WSUS_WEB_SERVICES,
  applyProbe,
  pairedHttpPort,
  probeSupServer,
  type HandshakeSeen,
  type HttpObservation,
  type HttpTarget,
  type ProbeLimits,
  type ProbeOptions,
  type ProbeResult,
  type ProbeTransport,
  type RequestSeen,
  type SeenCertificate,
  type TlsObservation,
  type TlsTarget,
} from './sup/probe.js';
export { checkRevocation, readCrls, type CrlInfo, type RevocationStatus } from './chain/crl.js';
export { buildOcspRequest, checkOcspResponse, type OcspStatus } from './chain/ocsp.js';
export {
  DEFAULT_ONLINE_LIMITS,
  fetchCrls,
  fetchMissingIssuers,
  fetchOcsp,
  type FetchedCrls,
  type FetchedIssuers,
  type FetchedOcsp,
  type HttpFetcher,
  type OnlineLimits,
} from './sup/online.js';
export type { RevocationReport } from './rules/SupRule.js';
