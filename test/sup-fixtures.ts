import {
  type SupOptions,
  type SupReport,
  readCertificates,
  validateSupCertificate,
} from '../src/index.js';
import { fixture } from './fixtures.js';

/** The SUP's names in certs-fixtures/sup (see its README). */
export const INTRANET = 'sup01.corp.contoso.com';
export const INTERNET = 'sup01.contoso.com';
export const BOTH = `${INTRANET}&${INTERNET}`;
export const DAY = 86_400_000;

/**
 * Validates a certs-fixtures/sup file (PEM leaf or PFX with password Passw0rd!). Unless the
 * options say otherwise, the time is one day into the certificate's validity, so only the
 * validity rules ever look at the clock.
 */
export async function judge(
  file: string,
  options: SupOptions & { atOffsetDays?: number; atFrom?: 'notBefore' | 'notAfter' } = {},
): Promise<SupReport> {
  const bytes = fixture(`sup/${file}`);
  const password = file.endsWith('.pfx') ? 'Passw0rd!' : undefined;
  const bundle = await readCertificates(bytes, { password });
  const leaf =
    bundle.certificates.find((_c, i) => bundle.keys.some((k) => k.certificateIndex === i)) ??
    bundle.certificates.find((c) => !c.isCA) ??
    bundle.certificates[0]!;
  const { atOffsetDays = 1, atFrom = 'notBefore', ...rest } = options;
  const at = options.at ?? new Date(leaf[atFrom].getTime() + atOffsetDays * DAY);
  return validateSupCertificate(bundle, { ...rest, at });
}

/** The status of one rule in a report: pass, error, warning, info or not-applicable. */
export function statusOf(report: SupReport, rule: string): string {
  return report.results.find((r) => r.rule === rule)?.status ?? 'missing';
}

/** The ids of the rules that gave an error or a warning, sorted. */
export function problemRules(report: SupReport): string[] {
  return [
    ...new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.rule)),
  ].sort();
}
