import { unusableSanEntry } from '../../names/matchHostname.js';
import { printable } from '../../util/printable.js';
import { type SupRule, finding } from '../SupRule.js';
import type { CertificateInfo } from '../../x509/CertificateInfo.js';
import { ROLE_LABEL, describeSan } from '../messagePhrases.js';

const F = {
  cnOnly: finding(
    'sup.name.cn_only',
    'error',
    (a: {
      role: keyof typeof ROLE_LABEL;
      name: string;
      cert: CertificateInfo;
      /** A SAN entry that looks like the name but does not count (a trailing dot…), and why. */
      near?: { presented: string; reason: string } | null;
    }) =>
      a.near
        ? `The ${ROLE_LABEL[a.role]} "${a.name}" counts only in the subject CN: the SAN entry "${printable(a.near.presented)}" does not count (${a.near.reason}), and since the certificate has a SAN extension Windows never looks at the CN: clients fail with 0x80072F06. Reissue the certificate with "${a.name}" as a SAN DNS entry, exactly so (no trailing dot or spaces).`
        : `The ${ROLE_LABEL[a.role]} "${a.name}" is only in the subject CN, and the certificate has ${describeSan(a.cert)}, so Windows never looks at the CN: clients fail with 0x80072F06. Add "${a.name}" to the SAN as a DNS entry (Microsoft's own example puts every name in the SAN).`,
    { windowsError: '0x80072F06' },
  ),
} as const;

/**
 * SUP-NAME-006 — ConfigMgr says the name goes in "the Subject Name or the Subject Alternative
 * Name"; Windows consults the subject CN only when there is no SAN extension (S18, S19).
 */
export const commonNameHiddenBySan: SupRule = {
  id: 'SUP-NAME-006',
  title: 'No required name is only in the subject CN while a SAN exists',
  requirement:
    'Once a certificate has a SAN extension, Windows ignores the subject CN when it matches the host name. A required name present only in the CN fails on every client, although the documentation\'s "Subject Name or SAN" wording looks satisfied.',
  sources: ['S18', 'S19', 'S1', 'S8'],
  findings: F,
  check(ctx, report) {
    for (const n of ctx.names.filter((x) => x.failure === 'cn-only')) {
      const near = unusableSanEntry(ctx.cert, n.name);
      report(
        F.cnOnly,
        {
          role: n.role,
          name: n.name,
          cert: ctx.cert,
          near: near?.kind === 'san-dns' ? near : null,
        },
        { name: n.name },
      );
    }
  },
};
