/**
 * The values of the command line's own enum options, each declared once: the types of the parsed
 * command line (args.ts), its checks and "must be one of" messages, and the help text (usage.ts)
 * come from these lists. The SUP's enum options (--generation, --connections, --issuer-type,
 * --profile, --target-os, --fail-on) are the library's (index.ts: GENERATIONS, CONNECTIONS …).
 */

/** The commands, which are also the help topics (`supcert COMMAND --help`). */
export const COMMANDS = ['check', 'check-request', 'check-server', 'rules', 'suggest'] as const;
export type HelpTopic = (typeof COMMANDS)[number];

/** check's and check-server's --format: the streamed ones (jsonl, csv) too. */
export const CHECK_FORMATS = ['text', 'json', 'jsonl', 'csv', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/** check-request's --format. */
export const OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** suggest's --format: all three forms with headings (text), one of them, or everything as JSON. */
export const SUGGEST_FORMATS = ['text', 'inf', 'attributes', 'openssl', 'json'] as const;
export type SuggestFormat = (typeof SUGGEST_FORMATS)[number];

/** rules' --format. */
export const RULES_FORMATS = ['text', 'json'] as const;
export type RulesFormat = (typeof RULES_FORMATS)[number];

/** `--json-shape`: v2 (default) is one document for any number of inputs; v1 (deprecated) the 0.1 shape. */
export const JSON_SHAPES = ['v1', 'v2'] as const;
export type JsonShape = (typeof JSON_SHAPES)[number];
