import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertBuilt, tempDir } from './cli-fixtures/run.js';

/**
 * The docstrings ship: every export of the built package's types (dist/index.d.ts) has one, every
 * exported function says what it throws (`@throws` with the SupCertError codes, or "Never
 * throws"), and the four entry points an integrator starts from carry an `@example`. Every
 * `@example` block of dist/index.d.ts is type-checked against the built types with the TypeScript
 * compiler API, then run with node against fixtures copied under the file names it uses.
 */

const DTS = path.join(ROOT, 'dist/index.d.ts');
const WITH_EXAMPLE = [
  'readCertificates',
  'validateSupCertificate',
  'validateSupRequest',
  'verifyChain',
  'validateSupDeployment',
  'suggestRequest',
];
/** The files the examples read, and the fixture each stands for. */
const FILES: Record<string, string> = {
  'sup01.pfx': 'certs-fixtures/sup/good-both.pfx',
  'sup01.pem': 'certs-fixtures/sup/good-both.pem',
  'root.pem': 'certs-fixtures/sup/root.pem',
  'issuing.pem': 'certs-fixtures/sup/issuing.pem',
  'chain.pem': 'certs-fixtures/sup/chain.pem',
  'sup01.req': 'certs-fixtures/requests/good-both.csr',
  'applicationHost.config':
    'certs-fixtures/deployment/snapshots/good-wsus-admin/applicationHost.config',
  'sslcert.txt': 'certs-fixtures/deployment/snapshots/good-wsus-admin/sslcert.txt',
  'setup.reg': 'certs-fixtures/deployment/snapshots/good-wsus-admin/setup.reg',
  'my.reg': 'certs-fixtures/deployment/snapshots/good-wsus-admin/my.reg',
};

interface Documented {
  name: string;
  kind: string;
  doc: string;
  tags: ts.JSDocTagInfo[];
}

let exports: Documented[] = [];
const tmp = tempDir();

beforeAll(() => {
  assertBuilt();
  const program = ts.createProgram([DTS], { noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(DTS)!)!;
  exports = checker.getExportsOfModule(module).map((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return {
      name: symbol.name,
      kind: ts.SyntaxKind[target.declarations?.[0]?.kind ?? ts.SyntaxKind.Unknown],
      doc: ts.displayPartsToString(target.getDocumentationComment(checker)),
      tags: target.getJsDocTags(checker),
    };
  });
  for (const [name, fixture] of Object.entries(FILES))
    copyFileSync(path.join(ROOT, fixture), path.join(tmp.dir, name));
});
afterAll(tmp.remove);

const tagText = (tag: ts.JSDocTagInfo): string => ts.displayPartsToString(tag.text ?? []);

/** The code of an `@example` tag: the ```ts fenced block, or the whole text without one. */
function exampleCode(tag: ts.JSDocTagInfo): string {
  const text = tagText(tag);
  const fenced = /```(?:ts|typescript)?\n([\s\S]*?)```/.exec(text);
  return (fenced ? fenced[1]! : text).trim();
}

function examples(): Array<{ name: string; code: string }> {
  return exports.flatMap((e) =>
    e.tags.filter((t) => t.name === 'example').map((t) => ({ name: e.name, code: exampleCode(t) })),
  );
}

const DIST_JS = path.join(ROOT, 'dist/index.js');
const toDist = (code: string, target: string): string =>
  code.replace(/from 'supcert'/g, `from ${JSON.stringify(target)}`);

/** Diagnostics of the examples, compiled together against the built types (strict). */
function typeCheck(list: Array<{ name: string; code: string }>): string[] {
  const files = list.map((ex, i) => {
    const file = path.join(tmp.dir, `example-${i}-${ex.name}.ts`);
    writeFileSync(file, `${toDist(ex.code, DIST_JS)}\nexport {};\n`);
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules/@types')],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

describe('docstrings in the shipped dist/index.d.ts', () => {
  it('reads every export of the built types', () => {
    expect(exports.length).toBeGreaterThan(90);
    expect(exports.map((e) => e.name)).toContain('validateSupCertificate');
  });

  it('every export has a docstring', () => {
    expect(exports.filter((e) => e.doc.trim() === '').map((e) => e.name)).toEqual([]);
  });

  it('every exported function says what it throws', () => {
    const silent = exports
      .filter((e) => e.kind === 'FunctionDeclaration')
      .filter((e) => !e.tags.some((t) => t.name === 'throws') && !/Never throws/.test(e.doc))
      .map((e) => e.name);
    expect(silent).toEqual([]);
  });

  it('every @throws names SupCertError codes, says "never", or names what else it passes on', () => {
    const codes =
      /\b(?:EMPTY_INPUT|UNKNOWN_FORMAT|MALFORMED|PASSWORD_REQUIRED|WRONG_PASSWORD|UNSUPPORTED_ALGORITHM|LIMIT_EXCEEDED|INVALID_OPTION)\b/;
    const vague = exports.flatMap((e) =>
      e.tags
        .filter((t) => t.name === 'throws')
        .filter((t) => !codes.test(tagText(t)) && !/^never\b/.test(tagText(t)))
        .map((t) => `${e.name}: ${tagText(t)}`),
    );
    expect(vague).toEqual([]);
  });

  it.each(WITH_EXAMPLE)('%s has an @example', (name) => {
    const found = exports.find((e) => e.name === name);
    expect(found, name).toBeDefined();
    expect(found!.tags.some((t) => t.name === 'example')).toBe(true);
  });
});

describe('@example blocks compile and run', () => {
  it('type-check against dist/index.d.ts (TypeScript compiler API, strict)', () => {
    const list = examples();
    expect(list.length).toBeGreaterThanOrEqual(WITH_EXAMPLE.length);
    expect(typeCheck(list)).toEqual([]);
  });

  it('the type-check finds a wrong example (the test can fail)', () => {
    const wrong = `import { validateSupCertificate } from 'supcert';
const report = await validateSupCertificate(42, { names: ['a', 'b'] });
console.log(report.passed);`;
    expect(typeCheck([{ name: 'wrong', code: wrong }]).length).toBeGreaterThanOrEqual(2);
  });

  it('each runs against the fixtures without an error', () => {
    const failures: string[] = [];
    examples().forEach((ex, i) => {
      const js = ts.transpileModule(toDist(ex.code, pathToFileURL(DIST_JS).href), {
        compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
      }).outputText;
      const file = path.join(tmp.dir, `run-${i}-${ex.name}.mjs`);
      writeFileSync(file, js);
      const r = spawnSync(process.execPath, [file], { cwd: tmp.dir, encoding: 'utf8' });
      if (r.status !== 0 || r.stderr !== '' || r.stdout === '')
        failures.push(`${ex.name}: exit ${r.status}\n${r.stderr}${r.stdout}`);
    });
    expect(failures).toEqual([]);
  });
});
