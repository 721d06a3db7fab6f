import type { CertificateInfo, SupReport } from '../index.js';

/*
 * Monitoring: the expiry of every element of an input's chain, and the run's list of
 * what expires within --expiry-warning-days, soonest first. Types and arithmetic only: nothing
 * from the library is loaded here at run time.
 */

const DAY = 86_400_000;

/** One certificate of an input's chain and when it expires. */
export interface ChainExpiry {
  /** 0 = the judged certificate (leaf), then up the chain. */
  position: number;
  role: 'leaf' | 'intermediate' | 'root';
  subject: string;
  sha256: string;
  notAfter: Date;
  /** Whole days from the evaluation time (--at) to notAfter, rounded down; negative once expired. */
  daysLeft: number;
}

/** Whole days left, as the library's SUP-VAL rule counts them (floor; negative when expired). */
export const daysLeft = (notAfter: Date, at: Date): number =>
  Math.floor((notAfter.getTime() - at.getTime()) / DAY);

/**
 * The chain of one judged input, leaf first, each with its expiry. When trust anchors were given
 * this is the path the library validated (report.chain.path, subjects looked up among the file's
 * certificates and the --trust / --intermediate certificates); otherwise the judged certificate and
 * the other certificates the file (or the server) holds, in their order.
 */
export function chainExpiry(
  report: SupReport,
  fileCertificates: readonly CertificateInfo[],
  caCertificates: readonly CertificateInfo[],
  at: Date,
): ChainExpiry[] {
  const leaf = fileCertificates[report.certificateIndex] ?? report.certificate;
  const certs: CertificateInfo[] = [leaf];
  const path = report.chain?.path ?? [];
  if (path.length > 1) {
    const pool = [...fileCertificates.filter((c) => c !== leaf), ...caCertificates];
    const inDate = (c: CertificateInfo): boolean =>
      c.notBefore.getTime() <= at.getTime() && at.getTime() <= c.notAfter.getTime();
    path.slice(1).forEach((subject, i) => {
      const candidates = pool.filter((c) => c.subject === subject && !certs.includes(c));
      // Several certificates with one subject: a root and its cross certificate (same subject
      // and key, issued by an older root). A valid path holds certificates in date, and ends at
      // the trust anchor, which is self-issued; the file's order alone would list an expired
      // cross certificate the path does not use.
      const last = i === path.length - 2;
      const found =
        (report.chain?.valid === true
          ? (candidates.find((c) => inDate(c) && (!last || c.selfIssued)) ??
            candidates.find(inDate))
          : undefined) ?? candidates[0];
      if (found) certs.push(found);
    });
  } else {
    for (const c of fileCertificates) if (c !== leaf) certs.push(c);
  }
  return certs.map((c, position) => ({
    position,
    role:
      position === 0
        ? 'leaf'
        : position === certs.length - 1 && c.selfIssued
          ? 'root'
          : 'intermediate',
    subject: c.subject,
    sha256: c.sha256,
    notAfter: c.notAfter,
    daysLeft: daysLeft(c.notAfter, at),
  }));
}

/** One certificate in the run's expiry summary; a CA shared by many inputs is listed once. */
export interface ExpiringEntry {
  subject: string;
  sha256: string;
  role: ChainExpiry['role'];
  notAfter: Date;
  daysLeft: number;
  /** The first input whose chain holds it. */
  input: string;
  /** How many inputs' chains hold it. */
  inputs: number;
}

/** Most distinct certificates the expiry summary keeps (the rest are counted in `omitted`). */
export const MAX_EXPIRING = 1000;

/**
 * The run's expiry summary: every distinct certificate (by SHA-256) whose daysLeft is under
 * `warningDays` (the library's SUP-VAL threshold, default 30), soonest first. Memory is bounded
 * by {@link MAX_EXPIRING} entries whatever the number of inputs.
 */
export class ExpiryTracker {
  private readonly bySha = new Map<string, ExpiringEntry>();
  omitted = 0;
  constructor(readonly warningDays: number) {}

  add(input: string, chain: readonly ChainExpiry[]): void {
    for (const c of chain) {
      if (c.daysLeft >= this.warningDays) continue;
      const seen = this.bySha.get(c.sha256);
      if (seen) {
        seen.inputs++;
        continue;
      }
      if (this.bySha.size >= MAX_EXPIRING) {
        this.omitted++;
        continue;
      }
      this.bySha.set(c.sha256, {
        subject: c.subject,
        sha256: c.sha256,
        role: c.role,
        notAfter: c.notAfter,
        daysLeft: c.daysLeft,
        input,
        inputs: 1,
      });
    }
  }

  /** Soonest first; ties by subject, so runs compare. */
  sorted(): ExpiringEntry[] {
    return [...this.bySha.values()].sort(
      (a, b) =>
        a.notAfter.getTime() - b.notAfter.getTime() ||
        (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
    );
  }
}
