import type { CertificateBundle, KeyInfo } from '../read/CertificateBundle.js';
import type { HostMatch, MatchProfile } from '../names/matchHostname.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import type { ChainResult } from '../chain/verifyChain.js';
import type { RevocationStatus } from '../chain/crl.js';

/** Revocation: what the CRLs given say (report.revocation). */
export interface RevocationReport {
  /** Where the CRLs came from: given as files, or fetched online by the caller. */
  source: 'offline' | 'online';
  /** How many CRLs were read. */
  crls: number;
  /** Per certificate of the validated path but the anchor; empty when no path was validated. */
  statuses: RevocationStatus[];
  /** Why nothing or not everything could be judged. */
  notes: string[];
}
import type { RequestFacts } from '../request/RequestedCertificate.js';
import type { SourceKey } from './sources.js';
import type { Connections, Generation, IssuerType, TargetOs } from './optionValues.js';
import type { DeploymentEvidence } from '../deploy/evidence.js';

/** Most severe first (CLI --fail-on takes them in this order). */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
/**
 * How bad a finding is: 'error' = the documented requirement is violated or clients fail (the
 * report is not ok); 'warning' = fails in some configurations or goes against a Microsoft
 * recommendation; 'info' = context, or what cannot be decided from the inputs given.
 */
export type Severity = (typeof SEVERITIES)[number];

/** docs/api.md Finding: one observation, naming the value it is about, with the source behind it. */
export interface Finding {
  rule: string;
  /**
   * The stable code of the declared finding, `sup.<family>.<what>` (e.g. "sup.name.cn_only"): a
   * rule may raise several, each listed with its severity in docs/rules.md. Never derived from the
   * message text.
   */
  code: string;
  severity: Severity;
  message: string;
  /** The required host name this finding is about, if any. */
  name?: string;
  citation: { title: string; section?: string; url?: string };
  /** The Windows error a client shows for this problem, e.g. "0x80072F06". */
  windowsError?: string;
}

/**
 * The SUP options after validation and defaults: the rules' input (RuleContext.options), so it is
 * declared here, with the rules that read it. It is built one layer up by sup/resolveOptions.ts
 * from the caller's SupOptions (sup's type): sup imports this type, never the other way round.
 */
export interface ResolvedOptions {
  intranetName?: string;
  internetName?: string;
  /** Names beyond the first two of a `names` list. */
  extraNames: string[];
  connections: Connections;
  configureSslName?: string;
  generation: Generation;
  issuerType?: IssuerType;
  at: Date;
  expiryWarningDays: number;
  profile: MatchProfile;
  /** Problems found while parsing `names` (docs/names.md, "The & notation"), and URLs given for a name (their host is judged). */
  nameListProblems: string[];
  /** The caller opted out of the name checks (SupOptions.skipNames). */
  skipNames: boolean;
  /** The Windows Server release the PFX is imported on (SUP-PFX-001); default '2016'. */
  targetOs: TargetOs;
}

export type NameRole = 'intranet' | 'internet' | 'configuressl' | 'additional';

/** A name the SUP must present, with how the certificate answers it. */
export interface RequiredName {
  name: string;
  role: NameRole;
  /** Under the chosen profile. */
  match: HostMatch;
  /** Why it does not match, when it does not: the specific rules report these, the generic ones the rest. */
  failure: 'missing' | 'cn-only' | 'bad-wildcard' | null;
  /** The malformed wildcard entry a lax (RFC 2818) matcher would have accepted. */
  badWildcard?: string;
}

export interface RuleContext {
  cert: CertificateInfo;
  /** The chain validation, when trust anchors were given. */
  chain?: ChainResult;
  /** The trust anchors given (read), when the chain was validated. */
  trustAnchors?: CertificateInfo[];
  /** What the caller's AIA caIssuers downloads found (SupOptions.aiaNotes). */
  aiaNotes?: string[];
  /** Revocation judged from the CRLs given (SupOptions.crls). */
  revocation?: RevocationReport;
  bundle: CertificateBundle;
  /** The private key matched to the leaf, if the file had one. */
  key: KeyInfo | undefined;
  options: ResolvedOptions;
  names: RequiredName[];
  /** Set when a request (CSR, certreq INF, attributes) is judged instead of an issued certificate. */
  request?: RequestFacts;
  /** In request mode, the rules that must wait for the issued certificate. */
  waitingRules?: string[];
  /**
   * The file holds only CA certificates (SUP-FILE-002): no rule but the SUP-FILE ones judges its
   * first certificate as if it were the server's.
   */
  noServerCertificate?: boolean;
  /** Set when a deployment snapshot is judged (validateSupDeployment): SUP-DEP-001…005 become verdicts. */
  deployment?: DeploymentEvidence;
  /**
   * Set when the certificate the server presents is not among the files given: only the
   * SUP-DEP rules run, every other rule is not applicable for this reason.
   */
  certificateMissing?: string;
  /** The certificate the judged one replaces (SupOptions.replaces): the renewal gate SUP-DEP-007. */
  replaces?: CertificateInfo;
}

/**
 * One finding a rule can raise, declared before the rule's logic (pkilint style): its stable code,
 * its severity and its message template. A rule reports only through its own declarations
 * (`report(F.cnOnly, { name })`); the runner refuses any other (see runRules).
 */
export interface DeclaredFinding<A = void> {
  /** `sup.<family>.<what>`: the family is the rule id's middle part lower-cased (SUP-NAME-010 → name). */
  readonly code: string;
  readonly severity: Severity;
  /** The message from the values the rule passes (`args`). */
  readonly message: (args: A) => string;
  /** The Windows error a client shows, when it is always the same for this finding. */
  readonly windowsError?: string;
  /** Cite another of the rule's sources than its first. */
  readonly source?: SourceKey;
}

/**
 * Declares a finding: `finding('sup.name.cn_only', 'error', (a: { name: string }) => `…`)`.
 * @param code stable dotted code, lower case (see DeclaredFinding.code)
 * @param defaults a constant Windows error or source for every finding of this kind
 */
export function finding<A = void>(
  code: string,
  severity: Severity,
  message: (args: A) => string,
  defaults: { windowsError?: string; source?: SourceKey } = {},
): DeclaredFinding<A> {
  return Object.freeze({ code, severity, message, ...defaults });
}

/** The arguments of report(): the template's values (none for a template without), then extras. */
export type ReportArgs<A> = [A] extends [void]
  ? [args?: undefined, extra?: FindingExtra]
  : [args: A, extra?: FindingExtra];

/**
 * What a rule calls to report: `report(F.missing, { name }, { name })` raises one of the rule's
 * declared findings. A rule that reports nothing has passed.
 */
export interface Reporter {
  <A>(declared: DeclaredFinding<A>, ...rest: ReportArgs<A>): void;
  /** The rule does not apply (not a failure, not a pass): say why. */
  notApplicable(reason: string): void;
}

/** What one report adds to its declaration (a run-time Windows error or source overrides the declared one). */
export interface FindingExtra {
  /** The required host name this finding is about. */
  name?: string;
  windowsError?: string;
  /** Cite another of the rule's sources than its first. */
  source?: SourceKey;
}

/**
 * One catalogue rule (zlint style): metadata next to the check. `requirement` quotes or
 * paraphrases the source; the catalogue, the CLI's `rules` listing and docs/rules.md are all
 * generated from these objects.
 */
export interface SupRule {
  id: string;
  title: string;
  requirement: string;
  /**
   * Every finding the rule can raise, declared before its logic; the most severe is the rule's
   * severity (severityOf). Codes are unique across the catalogue.
   */
  findings: Readonly<Record<string, DeclaredFinding<never>>>;
  sources: readonly SourceKey[];
  /** Section of the first source the requirement comes from. */
  section?: string;
  /** 'issued': decidable only on an issued certificate (validity, chain, signature hash, key presence); 'request': only on requests. */
  stage?: 'issued' | 'request';
  check(ctx: RuleContext, report: Reporter): void;
}
