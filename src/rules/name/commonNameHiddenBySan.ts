import type { SupRule } from '../SupRule.js';
import { ROLE_LABEL, describeSan } from '../describe.js';

/**
 * SUP-NAME-006 — ConfigMgr says the name goes in "the Subject Name or the Subject Alternative
 * Name"; Windows consults the subject CN only when there is no SAN extension (S18, S19).
 */
export const commonNameHiddenBySan: SupRule = {
  id: 'SUP-NAME-006',
  title: 'No required name is only in the subject CN while a SAN exists',
  severity: 'error',
  requirement:
    'Once a certificate has a SAN extension, Windows ignores the subject CN when it matches the host name. A required name present only in the CN fails on every client, although the documentation\'s "Subject Name or SAN" wording looks satisfied.',
  sources: ['S18', 'S19', 'S1', 'S8'],
  check(ctx, report) {
    for (const n of ctx.names.filter((x) => x.failure === 'cn-only')) {
      report.error(
        `The ${ROLE_LABEL[n.role]} "${n.name}" is only in the subject CN, and the certificate has ${describeSan(ctx.cert)}, so Windows never looks at the CN: clients fail with 0x80072F06. Add "${n.name}" to the SAN as a DNS entry (Microsoft's own example puts every name in the SAN).`,
        { name: n.name, windowsError: '0x80072F06' },
      );
    }
  },
};
