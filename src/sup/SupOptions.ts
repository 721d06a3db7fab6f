import type { ReadLimits, WorkBudget } from '../limits.js';
import type { MatchProfile } from '../names/matchHostname.js';
import type { Connections, Generation, IssuerType, TargetOs } from '../rules/optionValues.js';

/** docs/api.md SupOptions, plus extensions (marked). */
export interface SupOptions {
  /** PFX password ('' and undefined both mean none). */
  password?: string;
  /**
   * Intranet FQDN, or the NetBIOS computer name. An empty value is INVALID_OPTION; a URL gives
   * its host (with an info finding); characters no host name has are INVALID_OPTION.
   */
  intranetName?: string;
  /** Internet FQDN. */
  internetName?: string;
  /** "intranet&internet" in ConfigMgr notation (alternative to the two above); more names may follow. */
  names?: string;
  /** Which clients the SUP accepts; default from the names given. 'cmg' (extension): internet clients come through a cloud management gateway. */
  connections?: Connections;
  /** The name given to WsusUtil.exe configuressl. */
  configureSslName?: string;
  /** ConfigMgr generation; default 'current'. */
  generation?: Generation;
  /** Evaluation time; default now. */
  at?: Date;
  /** Days before notAfter from which SUP-VAL-002 warns; default 30. */
  expiryWarningDays?: number;
  /** Enables chain checks. */
  trustAnchors?: Array<Uint8Array | string>;
  intermediates?: Array<Uint8Array | string>;
  /** Name matching model; default 'windows'. */
  profile?: MatchProfile;
  /** Extension: who issued the certificate, when known; decides SUP-NAME-013 and the SHA-1 case of SUP-HASH-001. */
  issuerType?: IssuerType;
  /** Extension: safety limits for the whole call (reading, trust anchors, chain search); see ReadLimits. */
  limits?: Partial<ReadLimits>;
  /**
   * Extension: true when the caller deliberately judges the certificate without the SUP's host
   * names. Without names (and without this) SUP-NAME-018 is an error finding, so `report.ok`
   * is false; with it, an info finding states that the names were not checked. Giving names and
   * skipNames together is INVALID_OPTION.
   */
  skipNames?: boolean;
  /**
   * Extension: the Windows Server release the PFX will be imported on, for SUP-PFX-001; default
   * '2016' (the oldest supported SUP host). An unknown value is INVALID_OPTION.
   */
  targetOs?: TargetOs;
  /**
   * Extension: the certificate this one replaces (renewal gate, SUP-DEP-007): a certificate file's
   * bytes or PEM text. Its leaf is compared with the judged certificate.
   */
  replaces?: Uint8Array | string;
  /**
   * Extension (revocation): CRLs to judge revocation with (DER or PEM "X509 CRL", each may hold
   * several). Used when the chain is validated (trustAnchors given): each certificate of the
   * path but the anchor is revoked / good / unknown (report.revocation, SUP-CHAIN-003). Nothing
   * is ever fetched by the library.
   */
  crls?: Array<Uint8Array | string>;
  /** Extension (revocation): where `crls` came from, for the report: true when the caller fetched them online (the CLI's --online). */
  crlsFetchedOnline?: boolean;
  /** Extension (revocation): notes on what could not be fetched (the CLI's fetchCrls notes), shown with the revocation findings. */
  revocationNotes?: string[];
  /** Extension (revocation): OCSP answers (DER OCSPResponse) to judge revocation with, next to `crls`; each is checked against every certificate of the path. */
  ocspResponses?: Uint8Array[];
  /** Extension (chain): notes on intermediates the caller downloaded from AIA caIssuers (fetchMissingIssuers), shown under SUP-CHAIN-002. */
  aiaNotes?: string[];
  /** Extension: a work budget shared with the caller (tests read what was spent); default: a new one from `limits`. */
  budget?: WorkBudget;
}
