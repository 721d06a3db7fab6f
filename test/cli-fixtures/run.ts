import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and the BUILT command (npm test builds before vitest runs). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist/cli.cjs');
export const SUP = 'certs-fixtures/sup';
export const WINDOWS = 'certs-fixtures/securityfever-windows-pfx';
export const NAMES = 'sup01.corp.contoso.com&sup01.contoso.com';
/** Inside every certs-fixtures/sup leaf's validity (825 days from the day make.sh ran). */
export const AT = '2027-01-01T00:00:00Z';
export const PFX_PASSWORD = 'Passw0rd!';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`);
}

/**
 * Runs `node dist/cli.cjs ARGS` (the package's bin) from the repository root. Asynchronous on purpose: the endpoint
 * tests serve TLS from this process, which spawnSync would block.
 */
export function runCli(args: string[], options: { env?: Record<string, string | undefined>; cwd?: string; nodeArgs?: string[] } = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // The output must not depend on the developer's terminal settings.
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  if (!options.env || !('SUPCERT_DEBUG' in options.env)) delete env.SUPCERT_DEBUG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A stack trace line, which the command must never print (unless SUPCERT_DEBUG=1). */
export const STACK = /^\s+at .+\(.*:\d+:\d+\)$/m;

/** A temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'supcert-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The library's report as the CLI serialises it: Dates as ISO strings, `der` left out. */
export function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'der' ? undefined : v)));
}

/** The JSON document of check / check-request (v2): one result per input, in order. */
export interface JsonDocument {
  schema: string;
  tool: { name: string; version: string };
  results: Array<{ input: string; verdict: 'pass' | 'fail' | 'error' | 'skipped'; report?: Record<string, unknown>; error?: { code: string; message: string }; skipped?: { reason: string } }>;
  summary: { inputs: number; passed: number; failed: number; errors: number; skipped: number; failOn: string; exitCode: number };
}

/** The report of the one input of a v2 document (throws when there is not exactly one, or it is not a report). */
export function onlyReport(stdout: string): Record<string, unknown> {
  const doc = JSON.parse(stdout) as JsonDocument;
  if (doc.results.length !== 1 || !doc.results[0]!.report) throw new Error(`expected one report, got ${stdout.slice(0, 300)}`);
  return doc.results[0]!.report;
}
