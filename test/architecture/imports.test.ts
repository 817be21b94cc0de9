import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Imports run one way. Each production folder has a layer; a file may import its own folder and
 * the layers below, never one above:
 *
 *   domain ← documents ← api ← functions ← population ← infra ← local
 *
 * (domain: the rules; documents: what the papers say and how they print; api: the HTTP contract;
 * functions: the Lambdas; population: loading a registry export; infra: the CDK app and the plain
 * catalog both stacks read; local: the embedded local stack.) web/ is the browser console: it
 * imports web/ and, as `import type` only (no bundle cost), api/. scripts/, bench/ and test/ may
 * import anything and nothing imports them. Across the whole tree no two files import each other,
 * directly or round a circle, and no two sibling folders do (functions/shared and functions/<name>,
 * local/http and local/stepfunctions; circles between top folders are upward imports). Static
 * imports, `import type`, re-exports and dynamic `import()` all count.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

const LAYERS = ['domain', 'documents', 'api', 'functions', 'population', 'infra', 'local'] as const;
const TOP = new Set(['scripts', 'bench', 'test']);
const SKIP = new Set(['node_modules', '.git', '.cache', '.local', 'cdk.out', 'dist']);

/**
 * The upward imports that stay, each with why. The test also fails when one of these is gone, so
 * the list cannot outlive its reason.
 */
const PENDING: readonly { readonly from: string; readonly to: string; readonly why: string }[] = [
  {
    from: 'api/openapi.ts',
    to: 'infra/catalog.ts',
    why:
      'the document walks the routes (api/routes.ts) through the catalog, so a route no function serves is not described; test/api/openapi.test.ts, which stays as it is, proves the build fails for a catalog route without an operation by replacing infra/catalog.js. The catalog is plain data (it imports only api/routes.ts)',
  },
];

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

function sourceFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative(root, path).split(sep).join('/')] : [];
  });
}

/** Every relative import of one file: `import`, `import type`, `export … from`, `import()`. */
function importsOf(file: string): Edge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean, node: ts.Node) => {
    if (!specifier || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.')) return;
    let target = relative(root, resolve(dirname(join(root, file)), specifier.text)).split(sep).join('/');
    target = target.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts');
    edges.push({ from: file, to: target, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const namedAllType =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) && !clause.name && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, Boolean(clause?.isTypeOnly || namedAllType), node);
    } else if (ts.isExportDeclaration(node)) {
      const namedAllType = node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, Boolean(node.isTypeOnly || namedAllType), node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const topFolder = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');
/** functions/shared, functions/submit-birth, local/http, …: the unit of the folder-cycle check (a top folder's own files have none). */
const folderOf = (path: string): string | undefined => {
  const parts = path.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : undefined;
};
const rank = (folder: string) => (LAYERS as readonly string[]).indexOf(folder);

/** Why an import is not allowed, or undefined. */
function violation(edge: Edge): string | undefined {
  const from = topFolder(edge.from);
  const to = topFolder(edge.to);
  if (to === '' || from === to) return undefined; // a root file (package.json), or the folder itself
  if (TOP.has(from) || from === '') return undefined;
  if (TOP.has(to)) return `${to}/ is a top folder (scripts, bench, test): nothing imports it`;
  if (from === 'web') {
    if (to === 'api' && edge.typeOnly) return undefined;
    return to === 'api' ? 'web/ may take only types from api/ (`import type`), so nothing of api/ reaches the bundle' : `web/ may import only web/ and types from api/, not ${to}/`;
  }
  if (to === 'web') return 'only the console build reads web/ (as files, not imports)';
  const fromRank = rank(from);
  const toRank = rank(to);
  if (fromRank < 0) return `${from}/ has no layer: add it to LAYERS in test/architecture/imports.test.ts`;
  if (toRank < 0) return `${to}/ has no layer: add it to LAYERS in test/architecture/imports.test.ts`;
  if (toRank > fromRank) return `${from}/ is below ${to}/ (${LAYERS.join(' ← ')})`;
  return undefined;
}

/** Strongly connected components of more than one node (Tarjan): the import circles. */
function cycles(nodes: readonly string[], next: (node: string) => readonly string[]): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string): void => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const target of next(node)) {
      if (!indices.has(target)) {
        connect(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, indices.get(target)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of nodes) if (!indices.has(node)) connect(node);
  return found;
}

const files = sourceFiles();
const edges = files.flatMap(importsOf);
const isPending = (edge: Edge) => PENDING.some((p) => p.from === edge.from && p.to === edge.to);

describe('imports run one way', () => {
  it('reads the tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(300);
  });

  it('no folder imports a folder above it', () => {
    const wrong = edges
      .filter((edge) => !isPending(edge))
      .map((edge) => ({ edge, why: violation(edge) }))
      .filter((v) => v.why !== undefined)
      .map(({ edge, why }) => `${edge.from}:${edge.line} imports ${edge.to}: ${why}`);
    expect(wrong, `upward imports:\n${wrong.join('\n')}`).toEqual([]);
  });

  it('each exception in PENDING still happens (remove it once it does not)', () => {
    const gone = PENDING.filter((p) => !edges.some((edge) => edge.from === p.from && edge.to === p.to) || !violation({ from: p.from, to: p.to, typeOnly: false, line: 0 }));
    expect(gone.map((p) => `${p.from} → ${p.to}`), 'PENDING entries that no longer happen').toEqual([]);
  });

  it('the catalog the API description reads is plain data: it imports only the routes', () => {
    expect(importsOf('infra/catalog.ts').map((edge) => edge.to)).toEqual(['api/routes.ts']);
  });

  it('no import circle between files', () => {
    const known = new Set(files);
    const next = new Map<string, string[]>();
    for (const edge of edges) if (known.has(edge.to)) (next.get(edge.from) ?? next.set(edge.from, []).get(edge.from)!).push(edge.to);
    const circles = cycles(files, (file) => next.get(file) ?? []);
    expect(circles.map((c) => c.join(' ↔ ')), `files that import each other:\n${circles.map((c) => c.join(' ↔ ')).join('\n')}`).toEqual([]);
  });

  it('no import circle between folders', () => {
    const next = new Map<string, Set<string>>();
    const between = edges.filter((edge) => {
      const from = folderOf(edge.from);
      const to = folderOf(edge.to);
      return from !== undefined && to !== undefined && from !== to && !isPending(edge) && files.includes(edge.to);
    });
    for (const edge of between) {
      const from = folderOf(edge.from)!;
      (next.get(from) ?? next.set(from, new Set()).get(from)!).add(folderOf(edge.to)!);
    }
    const folders = [...new Set(files.map(folderOf).filter((f) => f !== undefined))];
    const circles = cycles(folders, (folder) => [...(next.get(folder) ?? [])]);
    const detail = circles.map((c) => {
      const members = new Set(c);
      const through = between.filter((e) => members.has(folderOf(e.from)!) && members.has(folderOf(e.to)!));
      return `${c.join(' ↔ ')}:\n${through.map((e) => `  ${e.from}:${e.line} → ${e.to}`).join('\n')}`;
    });
    expect(circles.map((c) => c.join(' ↔ ')), `folders that import each other:\n${detail.join('\n')}`).toEqual([]);
  });

  it('sees an upward import, a type-only console import and a circle for what they are', () => {
    expect(violation({ from: 'domain/nik.ts', to: 'functions/shared/keys.ts', typeOnly: false, line: 1 })).toMatch(/domain\/ is below functions\//);
    expect(violation({ from: 'functions/a/handler.ts', to: 'local/stack.ts', typeOnly: true, line: 1 })).toMatch(/below local/);
    expect(violation({ from: 'infra/app.ts', to: 'scripts/x.ts', typeOnly: false, line: 1 })).toMatch(/top folder/);
    expect(violation({ from: 'web/src/a.ts', to: 'api/schemas.ts', typeOnly: true, line: 1 })).toBeUndefined();
    expect(violation({ from: 'web/src/a.ts', to: 'api/schemas.ts', typeOnly: false, line: 1 })).toMatch(/only types/);
    expect(violation({ from: 'functions/a/handler.ts', to: 'api/schemas.ts', typeOnly: false, line: 1 })).toBeUndefined();
    expect(cycles(['a', 'b', 'c'], (n) => ({ a: ['b'], b: ['a'], c: ['a'] })[n] ?? [])).toEqual([['a', 'b']]);
    const typeOnly = importsOf('web/src/contract.ts');
    expect(typeOnly.length).toBeGreaterThan(0);
    expect(typeOnly.every((e) => e.typeOnly)).toBe(true);
  });
});
