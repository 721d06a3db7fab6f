import { cloudManagementGateway, dnsAliases, sanOrderForProxies } from './name/deploymentNames.js';
import { ampersandNotation } from './name/ampersandNotation.js';
import { commonNameHiddenBySan } from './name/commonNameHiddenBySan.js';
import {
  ipAddresses,
  nameNormalisation,
  publicCaInternalNames,
  shortName,
  wildcards,
} from './name/hostNameForms.js';
import { internetOnlyNeedsIntranet } from './name/internetOnlyNeedsIntranet.js';
import { namesGiven } from './name/namesGiven.js';
import {
  configureSslNamePresent,
  internetNamePresent,
  intranetNamePresent,
} from './name/requiredNameRules.js';
import { emptySubjectNeedsCriticalSan, noSubjectAltName } from './name/subjectAltNameShape.js';
import { dnsNameSyntax } from './name/dnsNameSyntax.js';
import { anyPurposeOnly, extraEkus, serverAuthEku } from './usage/extendedKeyUsage.js';
import { keyUsage, leafNotCa } from './usage/keyUsage.js';
import { nonRsaKey, rsaLarge, rsaMinimum, rsaRecommended } from './key/keyStrength.js';
import { signatureHash } from './key/signatureHash.js';
import { cngProvider, exportability, privateKeyPresent } from './key/privateKey.js';
import { nearExpiry, timeValidity } from './validity/validity.js';
import { enhancedHttpCertificate, selfSigned } from './chain/chainRules.js';
import { chainTrust, revocationInformation } from './chain/chainTrust.js';
import { deploymentChecklist } from './deployment/checklist.js';
import { renewalGate } from './deployment/renewal.js';
import {
  machineKeySet,
  requestSignature,
  requestSyntax,
  requestToCa,
  requestKeyCanSign,
  waitsForIssuance,
} from './request/requestRules.js';
import { pfxAsBase64Text, serverCertificatePresent } from './file/fileShape.js';
import { pfxImportability } from './file/pfxImport.js';
import { nothingAfterTheData } from './file/trailingData.js';
import type { SupRule } from './SupRule.js';

/**
 * Every rule, in report order. This list is the catalogue: report.rules, `supcert rules` and
 * docs/rules.md are generated from it. A new rule is a new file in the family folder plus one
 * line here (`npm run new-rule -- SUP-XXX-NNN "title"` writes both, and its test rows).
 */
export const SUP_RULES: readonly SupRule[] = Object.freeze([
  // The file itself: what it holds and whether Windows imports it
  serverCertificatePresent,
  pfxAsBase64Text,
  pfxImportability,
  nothingAfterTheData,
  // Names
  namesGiven,
  intranetNamePresent,
  internetNamePresent,
  internetOnlyNeedsIntranet,
  configureSslNamePresent,
  ampersandNotation,
  commonNameHiddenBySan,
  noSubjectAltName,
  emptySubjectNeedsCriticalSan,
  shortName,
  wildcards,
  ipAddresses,
  nameNormalisation,
  publicCaInternalNames,
  sanOrderForProxies,
  dnsAliases,
  cloudManagementGateway,
  dnsNameSyntax,
  // Key usage, EKU, basic constraints
  serverAuthEku,
  anyPurposeOnly,
  extraEkus,
  keyUsage,
  leafNotCa,
  // Keys, algorithms, providers
  rsaMinimum,
  rsaRecommended,
  rsaLarge,
  nonRsaKey,
  signatureHash,
  cngProvider,
  privateKeyPresent,
  exportability,
  // Validity and chain
  timeValidity,
  nearExpiry,
  selfSigned,
  chainTrust,
  revocationInformation,
  enhancedHttpCertificate,
  // Requests, before the CA issues the certificate
  requestSignature,
  machineKeySet,
  requestSyntax,
  requestToCa,
  requestKeyCanSign,
  waitsForIssuance,
  // Deployment checklist
  ...deploymentChecklist,
  renewalGate,
]);
