import { type Asn1Node, type BerContext, readWhole } from '../asn1/ber.js';
import type { CertificateInfo } from '../x509/CertificateInfo.js';
import { decodeName } from '../x509/distinguishedName.js';
import { certificateInternals } from '../x509/parseCertificate.js';
import { item } from '../util/item.js';

/**
 * The one comparison of X.501 names (distinguished names): path building (an issuer name
 * against candidate subjects), CRL issuer matching and directoryName name constraints all compare
 * the normalised forms made here.
 *
 * The normalisation: attribute types by OID; string values lowercased, leading and trailing
 * white space dropped and inner runs of white space made one space; other values ("#" and the
 * hex of their encoding, as decodeName writes them) the same way, which leaves them as they are;
 * the attributes of a multi-valued RDN in any order. Each RDN is written as a JSON array, so no
 * value can pose as a separator ("CN=a+CN=b" is not the single value "a+CN=b").
 *
 * Why this and no more, or less. CryptoAPI finds an issuer by CertCompareCertificateName, which
 * says whether two encoded names are identical (Wine's crypt32 compares the bytes), and compares
 * a directoryName constraint attribute by attribute ignoring case (Wine's crypt32 chain.c:
 * CertIsRDNAttrsInCertificateName with CERT_CASE_INSENSITIVE_IS_RDN_ATTRS_FLAG). Neither folds
 * Unicode compatibility forms, so there is no NFKC here: two names that differ only in such a
 * form never chain on Windows, and do not here (path building once applied NFKC and name
 * constraints did not; test/names-presented.test.ts shows both now agree). The case and
 * white-space folding is RFC 5280 §7.1's. Path building takes a candidate with a folded-equal
 * name only when Windows would too (verifyChain.ts `issuerLinks`: the encoded names identical, or
 * the authority key identifier naming the candidate's key); a name one CA wrote in two cases,
 * spacings or string types, without a key identifier, chains on neither.
 */

const NAME_CTX: BerContext = { maxDepth: 32, what: 'name' };

/** One attribute value as compared. */
function normaliseValue(value: string): string {
  return value.toLowerCase().trim().replace(/\s+/g, ' ');
}

/**
 * The normalised RDNs of a decoded Name node, most significant first: one string per RDN.
 * @throws SupCertError (BerContext `ctx`'s reader) when `node` is not a well-formed Name.
 */
export function normalisedRdns(node: Asn1Node, ctx: BerContext): string[] {
  return decodeName(node, 'name', ctx).map((rdn) =>
    JSON.stringify(rdn.map((atv) => `${atv.type}=${normaliseValue(atv.value)}`).sort()),
  );
}

/**
 * The normalised form of a DER-encoded Name as one string: two names are the same name when
 * these are equal.
 * @throws SupCertError when `der` is not a well-formed Name.
 */
export function normaliseName(der: Uint8Array): string {
  return normalisedRdns(readWhole(der, NAME_CTX), NAME_CTX).join('/');
}

/**
 * RFC 5280 §4.2.1.10: a directoryName subtree holds every name that starts with its RDNs.
 * Both arguments are `normalisedRdns`.
 */
export function nameWithinSubtree(name: string[], base: string[]): boolean {
  return base.length <= name.length && base.every((rdn, i) => item(name, i) === rdn);
}

const subjects = new WeakMap<CertificateInfo, string>();
const issuers = new WeakMap<CertificateInfo, string>();

function cached(
  map: WeakMap<CertificateInfo, string>,
  cert: CertificateInfo,
  der: () => Uint8Array,
): string {
  let normalised = map.get(cert);
  if (normalised === undefined) {
    normalised = normaliseName(der());
    map.set(cert, normalised);
  }
  return normalised;
}

/** The certificate's subject name, normalised (`normaliseName`), computed once per certificate. */
export const normalisedSubject = (cert: CertificateInfo): string =>
  cached(subjects, cert, () => certificateInternals(cert).subjectDer);

/** The certificate's issuer name, normalised (`normaliseName`), computed once per certificate. */
export const normalisedIssuer = (cert: CertificateInfo): string =>
  cached(issuers, cert, () => certificateInternals(cert).issuerDer);
