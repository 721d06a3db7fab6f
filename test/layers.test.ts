import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import layers of src/, bottom row first: a file may import its own layer or a layer on a
 * lower row; layers on one row are siblings and import neither each other nor anything above.
 * Every import counts, `import type`, `import('…').T` and dynamic `import()` included: a type
 * is a design edge too, and a lazy import is still an edge. A layer is a directory of src/ (or a
 * file at its top: errors.ts, limits.ts, index.ts).
 */
const LAYERS: ReadonlyArray<Readonly<Record<string, string>>> = [
  {
    util: 'bytes, printable and quoted text, the one enum check (oneOf), index reads that stay in the list (item); no library state',
    errors: 'SupCertError and its codes',
    types: 'ambient declarations for untyped packages',
  },
  { limits: 'ReadLimits, DEFAULT_LIMITS and the WorkBudget every call draws from' },
  { asn1: 'the BER/DER reader, OIDs, ASN.1 strings and times' },
  {
    port: 'the runtime port (#port): digests, ciphers, KDFs, signatures on node:crypto or WebCrypto',
  },
  { x509: 'one certificate parsed into CertificateInfo' },
  {
    read: 'certificate files (PEM, DER, PKCS#7, PKCS#12/PFX) and private keys into a CertificateBundle',
    names: 'host names: syntax, ConfigMgr name lists, matching a host against a certificate',
  },
  { chain: 'path building and validation, signatures, name constraints, CRLs, OCSP' },
  {
    deploy: 'files exported on a SUP (applicationHost.config, netsh, reg, .sst) read into evidence',
    request:
      'certificate requests (CSR, certreq INF, web-enrollment attributes) read into RequestFacts',
  },
  { rules: 'the rule catalogue and runner, the option values and ResolvedOptions the rules read' },
  {
    sup: 'the judgements callers make (validateSup*, suggestRequest, probe, online) and SupOptions',
  },
  { index: 'the public entry (index.ts): re-exports the library, never cli/ or net/' },
  {
    net: "the CLI's transport (node:tls, node:http); no library module reaches it",
    report:
      'what the CLI and the offline page (web/) both write of a report: the v2 JSON document, the snapshot rows; the library through index.ts, types only',
  },
  { cli: 'the supcert command: the library only through index.ts (below)' },
];

/**
 * Layers the CLI may import directly besides index.ts and net/: util/ imports nothing of the
 * library, so the lazily loaded CLI modules use it without pulling the library in.
 */
const CLI_DIRECT = new Set(['util']);

/** Reviewed imports from src/cli past index.ts ("from -> to" → why). An unused entry fails the test. */
const CLI_EXCEPTIONS: Record<string, string> = {
  'cli/commands/checkRequest.ts -> sup/resolveOptions.ts':
    'the names check before anything is read; resolveOptions and ResolvedOptions are not public API',
  'cli/commands/check.ts -> sup/resolveOptions.ts':
    'as cli/commands/checkRequest.ts: the names check of check',
  'cli/judge.ts -> sup/resolveOptions.ts':
    "https:// inputs: the names to send as SNI, with the library's own checks",
  'cli/optionFiles.ts -> read/CertificateBundle.ts':
    "withoutCertificates: the library's words for a --trust / --intermediate file without certificates; not public API",
  'cli/judge.ts -> sup/probe.ts':
    'import() of the module itself, evaluated only for https:// inputs (the bundle inlines it lazily); routed through index.ts the CLI bundle grows 1.4 KB',
  'cli/judge.ts -> sup/online.ts': 'loaded with import() only for --online (as sup/probe.ts)',
  'cli/judge.ts -> chain/ocsp.ts': 'loaded with import() only for --online (as sup/probe.ts)',
};

const RANK = new Map(LAYERS.flatMap((row, rank) => Object.keys(row).map((l) => [l, rank])));
const layerOf = (file: string): string => file.split('/')[0]!.replace(/\.ts$/, '');

/** Every relative module specifier of one file: imports, re-exports, import types, import(). */
function specifiers(file: string, text: string): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      out.push((node.argument.literal as ts.StringLiteral).text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      out.push(arg && ts.isStringLiteralLike(arg) ? arg.text : '<computed>');
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    )
      out.push((node.moduleReference.expression as ts.StringLiteral).text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return out.filter((s) => s.startsWith('.') || s.startsWith('#') || s === '<computed>');
}

/**
 * package.json "imports" (subpath imports such as #port): each condition's target under src/,
 * every one an edge (the Node and the browser implementation are both real dependencies).
 */
const PACKAGE_IMPORTS: ReadonlyMap<string, string[]> = new Map(
  Object.entries(
    (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        imports?: Record<string, Record<string, string>>;
      }
    ).imports ?? {},
  ).map(([name, conditions]) => [
    name,
    Object.values(conditions).map((target) => target.replace(/^\.\/src\//, '')),
  ]),
);

/**
 * What breaks the layering in `files` (path under src/ → source text): an import that goes up a
 * layer or sideways to a sibling, a CLI import past index.ts, an import of no file of src/, and
 * every import cycle (a strongly connected component of more than one file, or a self-import).
 */
function layerProblems(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const edges = new Map<string, string[]>();
  const used = new Set<string>();
  for (const [from, text] of files) {
    const targets: string[] = [];
    edges.set(from, targets);
    const fromLayer = layerOf(from);
    if (!RANK.has(fromLayer)) problems.push(`${from}: in no layer (add it to LAYERS)`);
    const resolved = specifiers(from, text).flatMap((spec) => {
      if (spec.startsWith('#')) {
        const targets = PACKAGE_IMPORTS.get(spec) ?? [];
        return targets.length > 0 ? targets.map((t) => [spec, t] as const) : [[spec, ''] as const];
      }
      const base = path.posix.join(path.posix.dirname(from), spec).replace(/\.js$/, '');
      const to = [`${base}.ts`, `${base}.d.ts`, `${base}/index.ts`].find((f) => files.has(f));
      return [[spec, to ?? ''] as const];
    });
    for (const [spec, to] of resolved) {
      if (!to || !files.has(to)) {
        problems.push(`${from}: imports "${spec}", which is no file of src/`);
        continue;
      }
      targets.push(to);
      const toLayer = layerOf(to);
      const [a, b] = [RANK.get(fromLayer) ?? -1, RANK.get(toLayer) ?? Infinity];
      if (toLayer !== fromLayer && b >= a)
        problems.push(
          `${from}: imports ${to} (${spec}): ${toLayer} is ${b > a ? 'above' : 'beside'} ${fromLayer}`,
        );
      const key = `${from} -> ${to}`;
      if (fromLayer === 'cli' && b < RANK.get('index')! && !CLI_DIRECT.has(toLayer)) {
        if (key in CLI_EXCEPTIONS) used.add(key);
        else
          problems.push(
            `${from}: imports ${to} (${spec}): the CLI uses the library through index.ts`,
          );
      }
    }
  }
  for (const key of Object.keys(CLI_EXCEPTIONS))
    if (files.has(key.split(' -> ')[0]!) && !used.has(key))
      problems.push(`CLI_EXCEPTIONS: "${key}" is no longer imported; remove the entry`);
  // Tarjan's strongly connected components.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges.get(v)!) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const cycle = stack.splice(stack.indexOf(v));
    if (cycle.length > 1 || edges.get(v)!.includes(v))
      problems.push(`import cycle: ${cycle.sort().join(' <-> ')}`);
  };
  for (const v of edges.keys()) if (!index.has(v)) connect(v);
  return problems;
}

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

describe('import layers', () => {
  it('every file of src/ imports only down the layers, the CLI the library through index.ts, with no cycle', () => {
    const files = new Map<string, string>();
    for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(SRC, file).split(path.sep).join('/'), readFileSync(file, 'utf8'));
    }
    expect(files.size).toBeGreaterThan(100);
    expect(layerProblems(files)).toEqual([]);
  });

  it('names the file and the import of an upward edge, a sideways edge, a CLI shortcut and a cycle', () => {
    const files = new Map([
      ['x509/a.ts', "import type { R } from '../rules/r.js';"],
      ['rules/r.ts', "export type R = 1; const s = import('../sup/s.js');"],
      ['sup/s.ts', "import { a } from './t.js';"],
      ['sup/t.ts', "export { a } from './s.js';"],
      ['read/p.ts', "import '../names/n.js';"],
      ['names/n.ts', ''],
      ['cli/c.ts', "import { R } from '../rules/r.js'; import '../nowhere.js';"],
      ['index.ts', "export * from './net/n.js';"],
      ['net/n.ts', ''],
    ]);
    expect(layerProblems(files)).toEqual([
      'x509/a.ts: imports rules/r.ts (../rules/r.js): rules is above x509',
      'rules/r.ts: imports sup/s.ts (../sup/s.js): sup is above rules',
      'read/p.ts: imports names/n.ts (../names/n.js): names is beside read',
      'cli/c.ts: imports rules/r.ts (../rules/r.js): the CLI uses the library through index.ts',
      'cli/c.ts: imports "../nowhere.js", which is no file of src/',
      'index.ts: imports net/n.ts (./net/n.js): net is above index',
      'import cycle: sup/s.ts <-> sup/t.ts',
    ]);
  });
});
