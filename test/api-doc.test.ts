import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertBuilt } from './cli-fixtures/run.js';

/**
 * docs/api.md is the public contract in the repository, and it cannot drift from the exports.
 * The exports are read twice: the built package's runtime exports (dist/index.js) and the type
 * exports of src/index.ts (parsed with the TypeScript compiler API). docs/api.md lists every
 * export once in its "Index of exports" table, with its kind, and declares each in a ```ts block
 * (`name(` for a function, `class`, `const`, `interface` or `type` for the others). A failure
 * names each export missing from docs/api.md and each name docs/api.md documents as an export
 * that no longer exists. Each documented interface and class is compared member by member with
 * the built types (dist/index.d.ts): a field the document shows that the type lacks, or one the
 * type has that the document leaves out, is named; each documented function line must have the
 * parameters (names, optionality, types) and return type of its declaration.
 */

const API_MD = readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
const INDEX_TS = path.join(ROOT, 'src/index.ts');

type Kind = 'function' | 'class' | 'constant' | 'type';

/** The names src/index.ts exports: values (also at run time) and type-only ones. */
function sourceExports(): { values: string[]; types: string[] } {
  const source = ts.createSourceFile(
    INDEX_TS,
    readFileSync(INDEX_TS, 'utf8'),
    ts.ScriptTarget.ES2022,
    true,
  );
  const values: string[] = [];
  const types: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (!clause || !ts.isNamedExports(clause))
        throw new Error(`src/index.ts: "export *" cannot be checked: ${statement.getText()}`);
      for (const element of clause.elements)
        (statement.isTypeOnly || element.isTypeOnly ? types : values).push(element.name.text);
    } else if (
      ts.canHaveModifiers(statement) &&
      ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
    ) {
      throw new Error(
        `src/index.ts declares an export itself; re-export it instead: ${statement.getText()}`,
      );
    }
  }
  return { values, types };
}

/** The "Index of exports" table: name → kind. */
function indexTable(markdown: string): Map<string, string> {
  const start = markdown.indexOf('\n## Index of exports');
  expect(start, 'docs/api.md has a "## Index of exports" section').toBeGreaterThan(0);
  const end = markdown.indexOf('\n#', start + 5);
  const rows = new Map<string, string>();
  for (const line of markdown.slice(start, end < 0 ? undefined : end).split('\n')) {
    const row = /^\| `(\w+)` \| (\w+) \|/.exec(line);
    if (!row) continue;
    expect(rows.has(row[1]!), `${row[1]} is listed twice in the index`).toBe(false);
    rows.set(row[1]!, row[2]!);
  }
  return rows;
}

/** The "Shapes that are not exports" table. */
function shapeTable(markdown: string): string[] {
  const start = markdown.indexOf('\n### Shapes that are not exports');
  expect(start).toBeGreaterThan(0);
  return [...markdown.slice(start).matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]!);
}

/** The ```ts blocks of the document, joined. */
const tsBlocks = (markdown: string): string =>
  [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]!).join('\n');

/** Names the ```ts blocks declare at the start of a line (not fields, not comments). */
function declaredNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/^(?:class|const|interface|type) (\w+)/gm)) names.add(m[1]!);
  for (const m of code.matchAll(/^(\w+)\(/gm)) names.add(m[1]!);
  return names;
}

/** The declaration docs/api.md must show for an export of this kind. */
function declares(code: string, name: string, kind: Kind): boolean {
  const pattern = {
    function: `^${name}\\(`,
    class: `^class ${name}\\b`,
    constant: `^const ${name}\\b`,
    type: `^(?:interface|type) ${name}\\b`,
  }[kind];
  return new RegExp(pattern, 'm').test(code);
}

/**
 * The members each `interface` and `class` of the ```ts blocks declares: the names at the first
 * level of its braces (fields and methods; one-line interfaces too), with an interface's
 * `extends` resolved among the documented interfaces.
 */
function documentedMembers(
  code: string,
): Map<string, { kind: 'interface' | 'class'; members: string[] }> {
  const own = new Map<
    string,
    { kind: 'interface' | 'class'; members: string[]; bases: string[] }
  >();
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^(interface|class) (\w+)(?:<[^>]*>)?(?: extends ([^{]+))? \{/.exec(lines[i]!);
    if (!head) continue;
    const kind = head[1] as 'interface' | 'class';
    const bases =
      kind === 'interface' && head[3]
        ? head[3].split(',').map((b) => b.trim().replace(/<.*/, ''))
        : [];
    const members: string[] = [];
    const oneLine = /\{(.*)\}/.exec(lines[i]!.replace(/\/\/.*$/, ''));
    if (oneLine) {
      for (const m of oneLine[1]!.matchAll(/(?:^|;)\s*(?:readonly )?(\w+)\??:/g))
        members.push(m[1]!);
    } else {
      let depth = 0;
      for (let j = i; j < lines.length; j++) {
        const line = lines[j]!.replace(/\/\/.*$/, '');
        if (depth === 1) {
          const member = /^\s+(?:readonly )?(\w+)\??[:(<]/.exec(line);
          if (member && member[1] !== 'constructor') members.push(member[1]!);
        }
        for (const ch of line) depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
        if (depth <= 0) {
          i = j;
          break;
        }
      }
    }
    own.set(head[2]!, { kind, members, bases });
  }
  const all = (name: string, seen = new Set<string>()): string[] => {
    const entry = own.get(name);
    if (!entry || seen.has(name)) return [];
    seen.add(name);
    return [...entry.members, ...entry.bases.flatMap((b) => all(b, seen))];
  };
  return new Map([...own].map(([name, e]) => [name, { kind: e.kind, members: all(name) }]));
}

/**
 * For each documented interface or class, what docs/api.md and dist/index.d.ts disagree on: a
 * documented member the type lacks, or a public member of the type the document leaves out
 * (members marked `@internal`, private ones and a class's inherited ones need not be listed).
 */
let builtTypes:
  | {
      checker: ts.TypeChecker;
      declarations: Map<string, ts.InterfaceDeclaration | ts.ClassDeclaration>;
      functions: Map<string, ts.FunctionDeclaration[]>;
    }
  | undefined;

/** The interfaces and classes of dist/index.d.ts, read once with the TypeScript compiler API. */
function types(): NonNullable<typeof builtTypes> {
  if (builtTypes) return builtTypes;
  const dts = path.join(ROOT, 'dist/index.d.ts');
  const program = ts.createProgram([dts], { noEmit: true, skipLibCheck: true });
  const declarations = new Map<string, ts.InterfaceDeclaration | ts.ClassDeclaration>();
  const functions = new Map<string, ts.FunctionDeclaration[]>();
  const visit = (node: ts.Node): void => {
    if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name)
      declarations.set(node.name.text, node);
    if (ts.isFunctionDeclaration(node) && node.name)
      functions.set(node.name.text, [...(functions.get(node.name.text) ?? []), node]);
    ts.forEachChild(node, visit);
  };
  visit(program.getSourceFile(dts)!);
  builtTypes = { checker: program.getTypeChecker(), declarations, functions };
  return builtTypes;
}

function memberDifferences(markdown: string): string[] {
  const { checker, declarations } = types();
  const differences: string[] = [];
  for (const [name, doc] of documentedMembers(tsBlocks(markdown))) {
    const declaration = declarations.get(name);
    if (!declaration) {
      differences.push(`${name}: not declared in dist/index.d.ts`);
      continue;
    }
    const type = checker.getTypeAtLocation(declaration.name!);
    const real = checker.getPropertiesOfType(type).map((p) => p.name);
    const required = ts.isClassDeclaration(declaration)
      ? declaration.members
          .filter((m) => m.name && !ts.isConstructorDeclaration(m))
          .filter((m) => (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Private) === 0)
          .filter((m) => !ts.getJSDocTags(m).some((t) => t.tagName.text === 'internal'))
          .map((m) => m.name!.getText())
      : real.filter((member) => {
          const symbol = checker.getPropertyOfType(type, member);
          return !symbol?.getJsDocTags(checker).some((t) => t.name === 'internal');
        });
    const docOnly = doc.members.filter((m) => !real.includes(m));
    const codeOnly = required.filter((m) => !doc.members.includes(m));
    if (docOnly.length)
      differences.push(`${name}: documented but not in the type: ${docOnly.join(', ')}`);
    if (codeOnly.length)
      differences.push(`${name}: in the type but not documented: ${codeOnly.join(', ')}`);
  }
  return differences;
}

/** A signature as text to compare: `(name?: type, ...): return`, spacing and `;` in type literals ignored. */
function signatureText(node: ts.SignatureDeclarationBase, source: ts.SourceFile): string {
  const squash = (text: string): string => text.replace(/\s+/g, '').replace(/;(?=\})/g, '');
  const params = node.parameters.map(
    (p) =>
      `${p.dotDotDotToken ? '...' : ''}${p.name.getText(source)}${p.questionToken ? '?' : ''}:${squash(p.type?.getText(source) ?? '')}`,
  );
  return `(${params.join(',')}):${squash(node.type?.getText(source) ?? '')}`;
}

/**
 * Each function line of the ```ts blocks (`name(params): Return`) against its declaration in
 * dist/index.d.ts: the same parameter names, optionality and types, and the same return type.
 */
function signatureDifferences(markdown: string): string[] {
  const { functions } = types();
  const differences: string[] = [];
  for (const line of tsBlocks(markdown).split('\n')) {
    const head = /^(\w+)(?:<[^(]*>)?\(/.exec(line);
    if (!head) continue;
    const text = `declare function ${line.replace(/\s*\/\/.*$/, '')};`;
    const source = ts.createSourceFile('doc.ts', text, ts.ScriptTarget.ES2022, true);
    const documented = source.statements[0];
    if (!documented || !ts.isFunctionDeclaration(documented)) {
      differences.push(`${head[1]}: not read as a function: ${line}`);
      continue;
    }
    const real = functions.get(head[1]!) ?? [];
    const shown = signatureText(documented, source);
    const declared = real.map((f) => signatureText(f, f.getSourceFile()));
    if (!declared.includes(shown))
      differences.push(
        `${head[1]}: documented ${shown}, declared ${declared.join(' | ') || 'nowhere'}`,
      );
  }
  return differences;
}

let runtime: Record<string, unknown> = {};
beforeAll(async () => {
  assertBuilt();
  runtime = (await import(pathToFileURL(path.join(ROOT, 'dist/index.js')).href)) as Record<
    string,
    unknown
  >;
});

function kindOf(name: string, typeOnly: Set<string>): Kind {
  if (typeOnly.has(name)) return 'type';
  const value = runtime[name];
  if (typeof value !== 'function') return 'constant';
  return /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
}

describe('docs/api.md documents every export of src/index.ts', () => {
  it('the value exports of src/index.ts are the runtime exports of dist/index.js', () => {
    const { values } = sourceExports();
    expect([...values].sort()).toEqual(Object.keys(runtime).sort());
  });

  it('every export is in the index of docs/api.md, and the index names no other', () => {
    const { values, types } = sourceExports();
    const exported = new Set([...values, ...types]);
    const listed = indexTable(API_MD);
    const missing = [...exported].filter((name) => !listed.has(name));
    const stale = [...listed.keys()].filter((name) => !exported.has(name));
    expect(missing, `exports missing from docs/api.md: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `docs/api.md lists exports that no longer exist: ${stale.join(', ')}`).toEqual(
      [],
    );
  });

  it('the index gives each export its kind (function, class, constant, type)', () => {
    const { types } = sourceExports();
    const typeOnly = new Set(types);
    const wrong = [...indexTable(API_MD)]
      .filter(([name]) => name in runtime || typeOnly.has(name))
      .filter(([name, kind]) => kind !== kindOf(name, typeOnly))
      .map(([name, kind]) => `${name}: listed as ${kind}, is ${kindOf(name, typeOnly)}`);
    expect(wrong).toEqual([]);
  });

  it('every export is declared with its shape in a ```ts block', () => {
    const { values, types } = sourceExports();
    const typeOnly = new Set(types);
    const code = tsBlocks(API_MD);
    const undeclared = [...values, ...types].filter(
      (name) => !declares(code, name, kindOf(name, typeOnly)),
    );
    expect(undeclared, `exports without a declaration in docs/api.md`).toEqual([]);
  });

  it('every name the ```ts blocks declare is an export or a listed shape that is not one', () => {
    const { values, types } = sourceExports();
    const exported = new Set([...values, ...types]);
    const shapes = shapeTable(API_MD);
    expect(
      shapes.filter((s) => exported.has(s)),
      'shapes that are exports',
    ).toEqual([]);
    const dts = readFileSync(path.join(ROOT, 'dist/index.d.ts'), 'utf8');
    const unknownShapes = shapes.filter(
      (s) => !new RegExp(`^(?:interface|type) ${s}\\b`, 'm').test(dts),
    );
    expect(unknownShapes, 'shapes not declared in dist/index.d.ts').toEqual([]);
    const stray = [...declaredNames(tsBlocks(API_MD))].filter(
      (name) => !exported.has(name) && !shapes.includes(name),
    );
    expect(stray, `docs/api.md declares names that are not exports: ${stray.join(', ')}`).toEqual(
      [],
    );
  });

  it('the checks find a missing and a stale export (the test can fail)', () => {
    const { values, types } = sourceExports();
    const exported = new Set([...values, ...types]);
    const altered = API_MD.replace('| `verifyChain` | function | Chains |\n', '').replace(
      '| `SeenCertificate` | type | The live probe |',
      '| `SeenCertificate` | type | The live probe |\n| `removedFunction` | function | Chains |',
    );
    const listed = indexTable(altered);
    expect([...exported].filter((n) => !listed.has(n))).toEqual(['verifyChain']);
    expect([...listed.keys()].filter((n) => !exported.has(n))).toEqual(['removedFunction']);
    expect(declares(tsBlocks(API_MD), 'verifyChain', 'function')).toBe(true);
    expect(declares('verifyChainX(a)', 'verifyChain', 'function')).toBe(false);
    expect([...declaredNames('interface Gone {\n  field: string;\n}\nremoved(x): void')]).toEqual([
      'Gone',
      'removed',
    ]);
  });

  it('every documented interface and class has the members the built types have, no more, no fewer', () => {
    const documented = documentedMembers(tsBlocks(API_MD));
    expect(documented.size).toBeGreaterThan(50);
    expect(memberDifferences(API_MD)).toEqual([]);
  });

  it('the member check finds a field the document lacks and one the type lacks (the test can fail)', () => {
    const altered = API_MD.replace(
      /^ {2}sha256: string; +\/\/ lowercase hex of SHA-256 over der, no separators\n/m,
      '',
    )
      .replace(
        /^interface PublicKeySummary \{\n/m,
        'interface PublicKeySummary {\n  modulus: string;\n',
      )
      .replace(/^ {2}spent\(key: BudgetKey\): number;\n/m, '');
    expect(memberDifferences(altered)).toEqual([
      'CertificateInfo: in the type but not documented: sha256',
      'PublicKeySummary: documented but not in the type: modulus',
      'WorkBudget: in the type but not documented: spent',
    ]);
    expect(
      documentedMembers(
        'interface A { a: string; b?: number }\ninterface B extends A {\n  c(x: string): void;\n}',
      ),
    ).toEqual(
      new Map([
        ['A', { kind: 'interface', members: ['a', 'b'] }],
        ['B', { kind: 'interface', members: ['c', 'a', 'b'] }],
      ]),
    );
  });

  it('every documented function has the parameters and return type of its declaration', () => {
    expect(tsBlocks(API_MD).match(/^\w+(?:<[^(]*>)?\(/gm)?.length).toBeGreaterThan(20);
    expect(signatureDifferences(API_MD)).toEqual([]);
  });

  it('the signature check finds a renamed parameter and a wrong return type (the test can fail)', () => {
    const altered = API_MD.replace(
      'pairedHttpPort(port: number): number | undefined',
      'pairedHttpPort(httpsPort: number): number',
    );
    expect(altered).not.toBe(API_MD);
    expect(signatureDifferences(altered)).toEqual([
      'pairedHttpPort: documented (httpsPort:number):number, declared (port:number):number|undefined',
    ]);
  });

  it('says it stands on its own: no pointer to a copy outside the repository', () => {
    expect(API_MD).not.toMatch(/\.\.\/shared|copy of/i);
    expect(API_MD.split('\n')[0]).toBe('# supcert — the public contract');
  });
});
