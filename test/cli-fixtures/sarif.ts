import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';

// The official SARIF 2.1.0 (rtm.5) schema, as Microsoft's sarif-js-sdk ships it, compiled the way
// test/cli-sarif.test.ts does: a draft-04 schema whose `language` pattern is not a valid
// Unicode-mode regular expression, hence ajv-draft-04 and unicodeRegExp: false.
const require = createRequire(import.meta.url);
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats(ajv);

/** Validates a SARIF log against the schema; `errors` is empty when it is valid. */
export const validateSarif = ajv.compile(schema);

/** Parses `stdout` as SARIF and returns it with the schema's complaints (none when valid). */
export function sarifOf(stdout: string): { log: Log; errors: unknown[] } {
  const log = JSON.parse(stdout) as Log;
  const ok = validateSarif(log);
  return { log, errors: ok ? [] : [...(validateSarif.errors ?? [])] };
}
