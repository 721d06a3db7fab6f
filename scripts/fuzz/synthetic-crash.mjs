/**
 * A stand-in for dist/index.js that crashes on purpose, to prove that the fuzzer and the
 * regression replay survive a native crash and a hang (test/fuzz.test.ts):
 * `node scripts/fuzz.mjs --dist scripts/fuzz/synthetic-crash.mjs ...`. Every reader rejects with
 * a SupCertError, except that an input holding a NUL byte calls process.abort() (what a native
 * assertion in node:crypto does: SIGABRT, exit 134) and one holding "HANG" never returns.
 */
class SupCertError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'SupCertError';
    this.code = code;
  }
}

function judge(data) {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  if (bytes.includes(0)) process.abort();
  if (bytes.includes('HANG'))
    for (;;) {
      /* a synchronous hang */
    }
  throw new SupCertError('MALFORMED', 'synthetic: not a certificate file');
}

export async function readCertificates(data) {
  return judge(data);
}
export async function validateSupRequest(data) {
  return judge(data);
}
export async function validateSupCertificate() {
  throw new SupCertError('EMPTY_INPUT', 'synthetic');
}
export async function verifyChain() {
  return { valid: false, path: [], problems: [] };
}
export function matchHostname() {
  return false;
}
export function explainHostMatch() {
  return null;
}
export function parseNameList() {
  return { names: [], problems: [] };
}
export function suggestRequest() {
  return {};
}
