import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Notification, ReportingDescriptor, Result } from 'sarif';
import type { RuleDescription, Severity } from '../../index.js';
import { printable } from '../../util/printable.js';
import type { AnyOutcome } from '../outcome.js';
import { packageVersion } from '../version.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** SARIF's `name` is an identifier ("NullDereference"): the title in PascalCase. */
const identifier = (title: string): string =>
  title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

/** Relative to the working directory, as code-scanning viewers expect; a URL input is its own location. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (/^https:\/\//.test(file)) return { uri: file };
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  // Another drive on Windows has no relative path.
  if (path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return {
    uri: relative.split(path.sep).map(encodeURIComponent).join('/'),
    uriBaseId: '%SRCROOT%',
  };
}

/**
 * A message's text with "[" and "]" escaped: in a SARIF plain-text message, "[text](uri)" is an
 * embedded link that viewers render (SARIF 2.1.0 §3.11.6), and a certificate field must not
 * make one. Only the message text is escaped; properties keep the values as they are.
 */
export function sarifText(text: string): string {
  return text.replace(/[[\]]/g, '\\$&');
}

/**
 * One SARIF 2.1.0 run: every rule of the catalogue (describeRules(), passed in) in
 * tool.driver.rules, one result per
 * finding, and inputs that could not be read (or were skipped) as tool execution notifications.
 */
export function formatSarif(
  outcomes: readonly AnyOutcome[],
  exitCode: number,
  catalogue: readonly RuleDescription[],
  cwd: string = process.cwd(),
): Log {
  const index = new Map(catalogue.map((r, i) => [r.id, i]));
  const rules: ReportingDescriptor[] = catalogue.map((r) => ({
    id: r.id,
    name: identifier(r.title),
    shortDescription: { text: r.title },
    fullDescription: { text: r.requirement },
    ...(r.citation.url ? { helpUri: r.citation.url } : {}),
    help: {
      text: `${r.requirement}\nSource: ${r.citation.title}${r.citation.section ? `, ${r.citation.section}` : ''}${r.citation.url ? ` (${r.citation.url})` : ''}`,
    },
    defaultConfiguration: { level: LEVEL[r.severity] },
    // The codes its results carry (result.properties.code), each with its severity.
    properties: { findings: r.findings },
  }));
  const results: Result[] = [];
  const notifications: Notification[] = [];
  for (const o of outcomes) {
    const location = { physicalLocation: { artifactLocation: artifactLocation(o.file, cwd) } };
    if (o.kind === 'error' || o.kind === 'skipped') {
      notifications.push({
        level: o.kind === 'error' ? 'error' : 'note',
        message: {
          // The file name as the terminal shows it: a viewer renders the message, and a bidi
          // override or a line separator in a name must not reorder or break it (the location's
          // URI keeps the name, percent-encoded).
          text: sarifText(
            o.kind === 'error'
              ? `${printable(o.file)}: ${o.message} (${o.code})`
              : `${printable(o.file)}: skipped, ${o.reason}`,
          ),
        },
        locations: [location],
        ...(o.kind === 'error' ? { descriptor: { id: o.code } } : {}),
      });
      continue;
    }
    const cert = o.report.certificate;
    for (const f of o.report.findings) {
      results.push({
        ruleId: f.rule,
        ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule)! } : {}),
        level: LEVEL[f.severity],
        message: { text: sarifText(f.message) },
        locations: [location],
        // Stable across runs for the same certificate and problem, so viewers can track it.
        partialFingerprints: { 'supcertFinding/v1': `${cert.sha256}:${f.rule}:${f.name ?? ''}` },
        properties: {
          // The declared finding (docs/rules.md); ruleId stays the rule.
          code: f.code,
          certificate: { subject: cert.subject, sha256: cert.sha256 },
          citation: f.citation,
          ...(f.name !== undefined ? { name: f.name } : {}),
          ...(f.windowsError !== undefined ? { windowsError: f.windowsError } : {}),
        },
      });
    }
  }
  const version = packageVersion();
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'supcert', version, semanticVersion: version, rules } },
        originalUriBaseIds: {
          '%SRCROOT%': {
            uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : `${cwd}${path.sep}`).href,
          },
        },
        invocations: [
          {
            executionSuccessful: exitCode !== 2,
            exitCode,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
      },
    ],
  };
  return log;
}
