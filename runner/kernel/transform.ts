import { transform } from 'esbuild';
import { parse, type Node, type Pattern, type Program } from 'acorn';
import MagicString from 'magic-string';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

/** A cell turned into a script for the kernel, and the way back to the learner's lines. */
export interface TransformedCell {
  /** Script text: line 1 is the prelude, the cell's code starts on line 2 (run with lineOffset -1). */
  code: string;
  /** esbuild's source map from the generated body to the learner's TypeScript. */
  map: string;
}

export class CellSyntaxError extends Error {
  override name = 'SyntaxError';
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

function namesOf(p: Pattern, out: string[]): void {
  switch (p.type) {
    case 'Identifier':
      out.push(p.name);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties) namesOf(prop.type === 'RestElement' ? prop.argument : prop.value, out);
      break;
    case 'ArrayPattern':
      for (const el of p.elements) if (el) namesOf(el, out);
      break;
    case 'RestElement':
      namesOf(p.argument, out);
      break;
    case 'AssignmentPattern':
      namesOf(p.left, out);
      break;
    default:
      break;
  }
}

const newlines = (s: string) => (s.match(/\n/g) ?? []).length;

/**
 * TypeScript cell → script that keeps state between cells, as Node's REPL does: types stripped by esbuild,
 * top-level declarations hoisted to globals (re-declaring works), imports turned into awaited imports, the last
 * expression returned. Edits never add or remove lines, so the learner's line numbers survive.
 */
export async function transformCell(source: string): Promise<TransformedCell> {
  let js: string;
  let map: string;
  try {
    const out = await transform(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: 'cell.ts',
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    });
    js = out.code;
    map = out.map;
  } catch (error) {
    const e = (error as { errors?: { text: string; location?: { line: number; column: number } }[] }).errors?.[0];
    throw new CellSyntaxError(e?.text ?? String(error), e?.location?.line, e?.location ? e.location.column + 1 : undefined);
  }

  let program: Program;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, locations: true });
  } catch (error) {
    const e = error as { message: string; loc?: { line: number; column: number } };
    const pos = e.loc ? originalPositionFor(new TraceMap(map), { line: e.loc.line, column: e.loc.column }) : undefined;
    throw new CellSyntaxError(
      e.message.replace(/\s*\(\d+:\d+\)$/, ''),
      pos?.line ?? undefined,
      pos?.column != null ? pos.column + 1 : undefined,
    );
  }

  // `import(x)` anywhere in the cell: a vm.Script has no dynamic import without --experimental-vm-modules ("A dynamic
  // import callback was not specified"), so it goes through the kernel's import, as static imports do. `$imprt` has
  // the keyword's six characters: every position (and the source map) stays as it was.
  const dynamic: number[] = [];
  const walk = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(walk);
    const node = n as { type?: string; start?: number };
    if (node.type === 'ImportExpression' && typeof node.start === 'number') dynamic.push(node.start);
    for (const [k, v] of Object.entries(n)) if (k !== 'loc' && v && typeof v === 'object') walk(v);
  };
  walk(program);
  if (dynamic.length > 0) {
    for (const at of dynamic) js = `${js.slice(0, at)}$imprt${js.slice(at + 6)}`;
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true, locations: true });
  }

  const s = new MagicString(js);
  const declared: string[] = [];
  const functions: string[] = [];
  const body = program.body as Node[];
  const src = (n: { start: number; end: number }) => js.slice(n.start, n.end);

  body.forEach((node, index) => {
    const isLast = index === body.length - 1;
    if (node.type === 'ImportDeclaration') {
      const imp = node as unknown as import('acorn').ImportDeclaration;
      const spec = JSON.stringify(imp.source.value);
      const ns = imp.specifiers.find((x) => x.type === 'ImportNamespaceSpecifier');
      const parts = imp.specifiers
        .filter((x) => x.type !== 'ImportNamespaceSpecifier')
        .map((x) => {
          const local = x.local.name;
          declared.push(local);
          if (x.type === 'ImportDefaultSpecifier') return `default: ${local}`;
          const imported =
            x.type === 'ImportSpecifier' ? (x.imported.type === 'Identifier' ? x.imported.name : String(x.imported.value)) : local;
          return imported === local ? local : `${JSON.stringify(imported)}: ${local}`;
        });
      let text = `await __naxt.import(${spec});`;
      if (ns) {
        declared.push(ns.local.name);
        text = `${ns.local.name} = await __naxt.import(${spec});`;
      } else if (parts.length) {
        text = `({ ${parts.join(', ')} } = await __naxt.import(${spec}));`;
      }
      s.overwrite(node.start, node.end, text + '\n'.repeat(newlines(src(node))));
    } else if (node.type === 'VariableDeclaration') {
      const decl = node as unknown as import('acorn').VariableDeclaration;
      const parts = decl.declarations.map((d) => {
        namesOf(d.id, declared);
        return `(${src(d.id)} = ${d.init ? src(d.init) : 'undefined'})`;
      });
      s.overwrite(node.start, node.end, `${parts.join(', ')};` + '\n'.repeat(Math.max(0, newlines(src(node)) - newlines(parts.join('')))));
    } else if (node.type === 'FunctionDeclaration') {
      const fn = node as unknown as import('acorn').FunctionDeclaration;
      if (fn.id) functions.push(fn.id.name);
    } else if (node.type === 'ClassDeclaration') {
      const cls = node as unknown as import('acorn').ClassDeclaration;
      if (cls.id) {
        declared.push(cls.id.name);
        s.prependLeft(node.start, `${cls.id.name} = `);
        s.appendRight(node.end, ';');
      }
    } else if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration' || node.type === 'ExportAllDeclaration') {
      throw new CellSyntaxError('A cell cannot export: declare the value instead (later cells see it).', node.loc?.start.line);
    } else if (isLast && node.type === 'ExpressionStatement') {
      // Wrap the whole statement: its expression may sit inside parentheses, as in `({ a, b })`.
      const end = js[node.end - 1] === ';' ? node.end - 1 : node.end;
      s.prependLeft(node.start, 'return (');
      s.appendLeft(end, ')');
    }
  });

  const unique = [...new Set(declared)];
  const hoistFns = functions.map((f) => `globalThis[${JSON.stringify(f)}] = ${f};`).join(' ');
  const prelude = `${unique.length ? `var ${unique.join(', ')}; ` : ''}(async () => { ${hoistFns}`;
  return { code: `${prelude}\n${s.toString()}\n})()`, map };
}

/** Maps a position of the generated body (line 1 = the cell's first line) back to the learner's cell. */
export function originalPosition(map: string, line: number, column: number): { line: number; column: number } | undefined {
  const pos = originalPositionFor(new TraceMap(map), { line, column: Math.max(0, column - 1) });
  return pos.line == null ? undefined : { line: pos.line, column: (pos.column ?? 0) + 1 };
}
