import { describe, expect, it } from 'vitest';
import { readCertificates, validateSupCertificate } from '../src/index.js';
import { fixture } from './fixtures.js';

/**
 * zlint's lint fixtures against our rules. For each lint that one of our rules covers, our
 * finding (warning or error) must be present when zlint reports Error/Warn and absent when it
 * reports Pass. Lints of Web-PKI policy that a Windows SUP does not share are listed as
 * unmapped, with the reason, so the table covers every lint of the manifest.
 */
const MAPPED: Record<string, readonly string[]> = {
  e_sub_cert_eku_missing: ['SUP-EKU-001'],
  e_sub_cert_eku_server_auth_client_auth_missing: ['SUP-EKU-001'],
  e_rsa_mod_less_than_2048_bits: ['SUP-KEY-001', 'SUP-KEY-002'],
  e_old_sub_cert_rsa_mod_less_than_1024_bits: ['SUP-KEY-001'],
  e_sub_cert_or_sub_ca_using_sha1: ['SUP-HASH-001'],
  e_sub_cert_not_is_ca: ['SUP-BC-001'],
  e_ext_san_missing: ['SUP-NAME-007'],
  e_ext_san_not_critical_without_subject: ['SUP-NAME-008'],
  e_subject_empty_without_san: ['SUP-NAME-008'],
  e_san_dns_name_includes_null_char: ['SUP-NAME-012'],
  e_dnsname_wildcard_only_in_left_label: ['SUP-NAME-010'],
  e_san_bare_wildcard: ['SUP-NAME-017'],
  e_dnsname_bad_character_in_label: ['SUP-NAME-017'],
  e_dnsname_empty_label: ['SUP-NAME-017'],
  e_rfc_dnsname_empty_label: ['SUP-NAME-017'],
  e_dnsname_label_too_long: ['SUP-NAME-017'],
  e_rfc_dnsname_label_too_long: ['SUP-NAME-017'],
  e_san_dns_name_starts_with_period: ['SUP-NAME-017'],
  e_ext_san_empty_name: ['SUP-NAME-017'],
  e_ext_san_no_entries: ['SUP-NAME-017'],
  e_validity_time_not_positive: ['SUP-VAL-001'],
};

const UNMAPPED: Record<string, string> = {
  e_cert_sig_alg_not_match_tbs_sig_alg:
    'a structural consistency check of the signature fields, not a SUP rule',
  e_dnsname_hyphen_in_sld: 'CA/Browser Forum rule for public CAs; a valid DNS label for Windows',
  e_rfc_dnsname_hyphen_in_sld:
    'CA/Browser Forum rule for public CAs; a valid DNS label for Windows',
  e_dnsname_underscore_in_sld:
    'CA/Browser Forum rule; Windows and AD DNS names may carry underscores',
  e_rfc_dnsname_underscore_in_sld:
    'CA/Browser Forum rule; Windows and AD DNS names may carry underscores',
  e_dsa_shorter_than_2048_bits: 'SUP-KEY-004 warns on every non-RSA key, whatever its size',
  e_prohibit_dsa_usage: 'SUP-KEY-004 warns on every non-RSA key',
  e_ec_improper_curves:
    'SUP-KEY-004 warns on every EC key (an error for curves Schannel does not enable by default, other than P-256 and P-384)',
  e_eku_critical: 'CA/Browser Forum profile detail; Windows accepts a critical EKU',
  e_ext_san_contains_reserved_ip:
    'public-CA rule; an enterprise SUP may use private addresses (SUP-NAME-011 warns on IP names)',
  e_international_dns_name_not_unicode:
    'IDNA validity of punycode labels; Windows compares A-labels as text',
  e_rsa_public_exponent_too_small: 'Windows accepts small RSA exponents; not a SUP requirement',
  w_rsa_mod_not_odd: 'a key-generation sanity check, not a SUP requirement',
  e_signature_algorithm_not_supported:
    'CA/Browser Forum algorithm allow-list; SUP-HASH-001 judges only the hash',
  e_sub_cert_key_usage_cert_sign_bit_set:
    'CA/Browser Forum profile detail; SUP-KU-001 checks the bits TLS needs',
  e_subject_common_name_not_from_san:
    'CA/Browser Forum consistency rule; SUP-NAME-006 judges CN against the required names',
  e_utc_time_not_in_zulu:
    'an encoding rule; supcert reads offsets correctly and judges the resulting time',
  w_ext_key_usage_not_critical: 'profile detail; Windows does not require a critical Key Usage',
  e_ext_san_dns_not_ia5_string:
    'an encoding rule; supcert decodes the bytes and SUP-NAME-012/017 judge the resulting text',
};

/** Per-fixture disagreements that are deliberate, with the reason. */
const DEVIATIONS: Record<string, string> = {
  'e_sub_cert_or_sub_ca_using_sha1 testdata/rsawithsha1after2016.pem':
    'the fixture is self-signed: Windows trusts a self-signed certificate as itself and never checks its signature hash (SUP-HASH-001 does not apply; SUP-CHAIN-001 warns instead)',
  'e_subject_empty_without_san testdata/SANSubjectEmptyNotCritical.pem':
    'SUP-NAME-008 covers both RFC 5280 conditions of an empty subject; this fixture passes one (a SAN exists) and fails the other (e_ext_san_not_critical_without_subject: the SAN is not critical)',
};

interface Line {
  lint: string;
  file: string;
  status: string;
}
const lines: Line[] = fixture('zlint/manifest.tsv')
  .toString('utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => {
    const [lint, file, status] = l.split('\t');
    return { lint: lint!, file: file!, status: status! };
  });

describe('zlint lint fixtures mapped to SUP rules', () => {
  it('the mapping table covers every lint of the manifest', () => {
    const lints = [...new Set(lines.map((l) => l.lint))];
    expect(lints.filter((l) => !(l in MAPPED) && !(l in UNMAPPED))).toEqual([]);
  });

  const cases = lines.filter(
    (l) => l.lint in MAPPED && ['Error', 'Warn', 'Pass'].includes(l.status),
  );
  it.each(cases.map((l) => [l.lint, l.file, l.status, l] as const))(
    '%s on %s: zlint %s',
    async (_lint, _file, _status, l) => {
      const bundle = await readCertificates(fixture(`zlint/${l.file}`));
      const cert = bundle.certificates[0]!;
      // Judge at the start of validity, so only the validity lint can make time matter.
      const report = await validateSupCertificate(bundle, {
        at: new Date(Math.min(cert.notBefore.getTime(), cert.notAfter.getTime())),
      });
      const ours = report.findings.some(
        (f) => MAPPED[l.lint]!.includes(f.rule) && f.severity !== 'info',
      );
      const expected = l.status !== 'Pass';
      const key = `${l.lint} ${l.file}`;
      if (DEVIATIONS[key]) expect(ours, DEVIATIONS[key]).toBe(!expected);
      else
        expect(
          ours,
          `${key}: ${
            report.findings
              .filter((f) => MAPPED[l.lint]!.includes(f.rule))
              .map((f) => f.message)
              .join(' | ') || 'no finding'
          }`,
        ).toBe(expected);
    },
  );
});
