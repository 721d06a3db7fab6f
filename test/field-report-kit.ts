import { expect } from 'vitest';
import { type Finding, type SupOptions, WorkBudget, validateSupDeployment } from '../src/index.js';
import { fixture } from './fixtures.js';
import { BOTH, judge } from './sup-fixtures.js';

/*
 * What the field-report tables share (test/field-reports.test.ts, test/field-reports-2.test.ts):
 * the inputs an administrator had (a certs-fixtures/sup certificate, or the good deployment
 * snapshot of certs-fixtures/deployment with some files swapped) and the five checks each report
 * must pass.
 */

export const ROOT = fixture('sup/root.pem');
export const ISSUING = fixture('sup/issuing.pem');
export const CHAIN = fixture('sup/chain.pem');
export const AT = new Date('2027-01-01T00:00:00Z');
export const DEPLOYMENT_BASE = {
  config: 'iis/wsus-admin-good.config',
  netsh: 'netsh/current-good.txt',
  setup: 'reg/setup-good.reg',
  store: 'reg/my-good.reg',
};
/** The bound certificate of the deployment fixtures (good-both.pem); certs-fixtures/deployment/README.md. */
export const NEW_THUMBPRINT = '17885EA06B4ECB211827190E53CC57CBA2EE240A';

export interface Judged {
  ok: boolean;
  findings: Finding[];
  clientError: { code: string; name: string; winhttpError: string; rule: string } | null;
}

/** A file of the snapshot: a fixture path under certs-fixtures/deployment, or a name and its text. */
export type Part = string | { name: string; text: string };

/** A certs-fixtures/sup certificate judged with the options the administrator would give. */
export const certificate =
  (file: string, options: Parameters<typeof judge>[1]) => (): Promise<Judged> =>
    judge(file, options);

/** A deployment snapshot: the good one with some files swapped (or given as text). */
export function snapshot(
  swap: Partial<Record<keyof typeof DEPLOYMENT_BASE, Part>>,
  options: Partial<SupOptions> = {},
) {
  return (): Promise<Judged> => {
    const parts = { ...DEPLOYMENT_BASE, ...swap };
    const inputs = Object.values(parts).map((p) =>
      typeof p === 'string'
        ? { name: p, bytes: fixture(`deployment/${p}`) }
        : { name: p.name, bytes: new TextEncoder().encode(p.text) },
    );
    return validateSupDeployment(inputs, {
      names: BOTH,
      at: AT,
      budget: new WorkBudget(),
      ...options,
    });
  };
}

export interface Report {
  /** What the administrator reported. */
  report: string;
  run: () => Promise<Judged>;
  /** Whether supcert must fail the input (false: a warning or an info is the right verdict). */
  fails: boolean;
  rule: string;
  code: string;
  severity: Finding['severity'];
  /** The value the finding must name (the name, the directory, the thumbprint, the key size…). */
  value: string;
  /** What the client shows first, when the certificate alone decides it; null: nothing certificate-related. */
  clientError: { code: string; winhttpError: string } | null;
  /** The instruction (and, where the report gave one, the symptom) the message must give. */
  action: RegExp;
}

/**
 * The five checks of one report: (a) the verdict, (b) the rule and finding code of the cause,
 * (c) the value at fault named, (d) the Windows error the client shows (report.clientError) when
 * the certificate alone decides it, (e) what to do.
 */
export async function replay(r: Report): Promise<void> {
  const report = await r.run();
  // (a) the verdict
  expect(report.ok, 'ok').toBe(!r.fails);
  // (b) the rule and the finding code
  const found = report.findings.filter((f) => f.rule === r.rule && f.code === r.code);
  expect(
    found.map((f) => `${f.severity} ${f.code}`),
    `findings of ${r.rule}: ${report.findings.map((f) => `${f.rule} ${f.code}`).join(', ')}`,
  ).toContain(`${r.severity} ${r.code}`);
  const finding = found.find((f) => f.severity === r.severity)!;
  // (c) the value at fault, (e) what to do
  expect(finding.message).toContain(r.value);
  expect(finding.message).toMatch(r.action);
  // (d) what the client shows
  if (r.clientError === null) {
    if (r.fails) expect(report.clientError).toBeNull();
  } else {
    expect(report.clientError).toMatchObject(r.clientError);
  }
}
