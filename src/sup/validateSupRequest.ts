import { WorkBudget } from '../limits.js';
import { runWithSignatures } from '../port/signatures.js';
import { readRequest } from '../request/readRequest.js';
import type { RequestFacts } from '../request/RequestedCertificate.js';
import { SUP_RULES } from '../rules/catalogue.js';
import { requiredNames } from '../rules/requiredNames.js';
import type { RuleContext } from '../rules/SupRule.js';
import { resolveOptions } from './resolveOptions.js';
import type { SupOptions } from './SupOptions.js';
import { type SupReport, buildReport } from './validateSupCertificate.js';
import { ownOptions } from '../util/ownOptions.js';

/** SupReport for a request, plus what the request itself carries. */
export interface SupRequestReport extends SupReport {
  request: RequestFacts;
}

/**
 * Judges a certificate request before the CA issues it: a PKCS#10 CSR (PEM or DER), a certreq
 * INF, or a CA web-enrollment attribute string. Every rule that can be decided now runs on what
 * the request asks for (names, EKU by extension or by template, key, provider, & notation); the
 * rules that need the issued certificate say so (SUP-REQ-004). Without names the report fails
 * (SUP-NAME-018) unless `skipNames` is set, as for validateSupCertificate.
 *
 * @throws SupCertError INVALID_OPTION, EMPTY_INPUT, UNKNOWN_FORMAT, MALFORMED, LIMIT_EXCEEDED.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { validateSupRequest } from 'supcert';
 *
 * // sup01.req: made by `certreq -new sup01.inf sup01.req`, or `openssl req -new ...`
 * const report = await validateSupRequest(readFileSync('sup01.req'), {
 *   intranetName: 'sup01.corp.contoso.com',
 *   internetName: 'sup01.contoso.com',
 *   connections: 'both',
 * });
 * console.log(report.request.kind, report.ok); // 'csr' true
 * for (const f of report.findings) if (f.severity === 'error') console.log(f.rule, f.message);
 * ```
 */
export async function validateSupRequest(
  input: Uint8Array | string,
  options: SupOptions = {},
): Promise<SupRequestReport> {
  // Own keys only, on an object without a prototype (src/util/ownOptions.ts).
  options = ownOptions(options);
  const resolved = resolveOptions(options);
  const budget =
    options.budget instanceof WorkBudget ? options.budget : new WorkBudget(options.limits);
  // The CSR's self-signature: in a browser it verifies asynchronously (src/port/signatures.ts).
  const { certificate, request } = await runWithSignatures(
    () => readRequest(input, budget.limits, budget),
    [budget],
  );
  const ctx: RuleContext = {
    cert: certificate,
    bundle: {
      format: typeof input === 'string' ? 'pem' : 'der',
      certificates: [certificate],
      keys: [],
      contains: 'certificate',
      notes: request.notes,
    },
    key: undefined,
    options: resolved,
    names: requiredNames(certificate, resolved, budget),
    request,
    waitingRules: SUP_RULES.filter((r) => r.stage === 'issued').map((r) => r.id),
  };
  return { ...(await runWithSignatures(() => buildReport(ctx, 0))), request };
}
