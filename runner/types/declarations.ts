import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { LIBRARY_SPECIFIER, RUNNER_MODULES } from '../labs/library.ts';
import { stampOf } from './freshness.ts';
import { dirname, join, posix, relative, sep } from 'node:path';

/**
 * The declaration files a lab's cells need in the editor: the SDK packages they import (and the @smithy/@aws-sdk
 * types those reference), the workshop library, the `workshop` global and the lab's shared scope. Found with
 * TypeScript's own module resolution from the files on disk; keyed by the virtual `file:///` path the editor's
 * TypeScript worker resolves them at.
 */
export type TypeFiles = Record<string, string>;

/** A lab's files with what they were built from: `stubs` are generated re-exports, `inputs` the project files read. */
export interface LabTypes {
  files: TypeFiles;
  stubs: Set<string>;
  /** Files and directories of the project (not node_modules) whose change makes this build stale. */
  inputs: string[];
}

/** How the editor resolves modules; the server resolves the same way so both agree on every path. */
const resolution: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  strict: true,
  skipLibCheck: true,
  types: [],
};

/**
 * The SDK's JSDoc `@example` blocks (a full request/response skeleton per command) are a fifth of the payload and
 * crowd the hover: the description, parameters and errors stay.
 */
const withoutExamples = (text: string) => text.replace(/^ \* @example\n[\s\S]*?(?=^ \* @(?!example)|^ \*\/)/gm, '');

/**
 * Code samples fenced inside a doc comment (@types/node has one for most functions): a sixth of what the editor
 * downloads for Node, and the hover keeps the description, parameters and `@since`. A fence never spans a `*\/`.
 */
const fence = /^[ \t]*\*[ \t]*```[\w-]*\n[\s\S]*?^[ \t]*\*[ \t]*```[ \t]*\n/gm;
const withoutSamples = (text: string) => text.replace(/\/\*\*[\s\S]*?\*\//g, (doc) => (doc.includes('```') ? doc.replace(fence, '') : doc));

const toPosix = (p: string) => p.split(sep).join('/');

export class TypeLibrary {
  /** node_modules, as a real path: packages are found and versioned from it. */
  readonly nodeModules: string;
  private readonly projectReal: string;
  private readonly options: ts.CompilerOptions;
  /** Each own file's declarations, with the files they were made from and those files' stamp then. */
  private readonly declared = new Map<string, { text: string; inputs: string[]; stamp: string }>();

  constructor(projectDir: string) {
    this.projectReal = realpathSync(projectDir);
    this.nodeModules = realpathSync(join(projectDir, 'node_modules'));
    // As labs/tsconfig.json: labs/lib's modules, and the runner's modules the library adds (runner/labs/library.ts).
    const runner = Object.fromEntries(
      Object.entries(RUNNER_MODULES).map(([name, file]) => [`${LIBRARY_SPECIFIER}/${name}`, [`../${file}`]]),
    );
    this.options = {
      ...resolution,
      baseUrl: join(this.projectReal, 'labs'),
      paths: { ...runner, [`${LIBRARY_SPECIFIER}/*`]: ['./lib/*.ts'] },
    };
  }

  /** The editor's path for a file on disk: packages under file:///node_modules/, the project's own files by their place in it. */
  private virtualPath(real: string): string | undefined {
    const inModules = relative(this.nodeModules, real);
    if (!inModules.startsWith('..')) return `file:///node_modules/${toPosix(inModules)}`;
    const inProject = relative(this.projectReal, real);
    if (!inProject.startsWith('..')) return `file:///${toPosix(inProject)}`;
    return undefined;
  }

  /**
   * The declarations of one of the workshop's own TypeScript files (labs/lib, the runner modules the library adds
   * and what they import): the editor needs their types, not their code. Emitted from the file alone
   * (`ts.transpileDeclaration`, milliseconds) when it annotates all it exports, as TypeScript's
   * `isolatedDeclarations` asks; a file that leaves a type to inference is emitted by a program over it and its
   * imports (seconds, the checker infers it). Either is kept until a file it was made from changes.
   */
  private declarationOf(real: string): string | undefined {
    const cached = this.declared.get(real);
    if (cached && stampOf(cached.inputs) === cached.stamp) return cached.text;
    const source = readFileSync(real, 'utf8');
    const isolated = ts.transpileDeclaration(source, { fileName: real, compilerOptions: this.options, reportDiagnostics: true });
    if (!isolated.diagnostics?.length) {
      this.declared.set(real, { text: isolated.outputText, inputs: [real], stamp: stampOf([real]) });
      return isolated.outputText;
    }
    const program = ts.createProgram([real], {
      ...this.options,
      declaration: true,
      emitDeclarationOnly: true,
      noEmit: false,
      types: ['node'],
    });
    let text: string | undefined;
    program.emit(program.getSourceFile(real), (fileName, out) => fileName.endsWith('.d.ts') && (text = out), undefined, true);
    const inputs = program
      .getSourceFiles()
      .map((f) => realpathSync(f.fileName))
      .filter((f) => !f.startsWith(this.nodeModules) && f.startsWith(this.projectReal));
    if (text !== undefined) this.declared.set(real, { text, inputs, stamp: stampOf(inputs) });
    return text;
  }

  /** labs/lib and its folders: a module an author adds there is found by the next build. */
  private libraryFolders(): string[] {
    const lib = join(this.projectReal, 'labs', 'lib');
    if (!existsSync(lib)) return [];
    const listed = readdirSync(lib, { recursive: true, encoding: 'utf8' }).map((f) => join(lib, f));
    return [lib, ...listed.filter((f) => statSync(f).isDirectory())];
  }

  /** What the editor reads for a file on disk: a package's .d.ts as shipped, a project .ts as its declarations. */
  private contentOf(real: string): string | undefined {
    if (real.endsWith('.d.ts')) return withoutSamples(withoutExamples(readFileSync(real, 'utf8')));
    if (real.endsWith('.ts') && !real.startsWith(this.nodeModules)) return this.declarationOf(real);
    return undefined;
  }

  /** The files a lab's cells need, from the imports of its cells and solutions, its scope and the workshop global. */
  forLab(labDir: string): TypeFiles {
    return this.collect(labDir).files;
  }

  /** The files a lab's cells need, which of them are generated stubs, and the project files they were built from. */
  collect(labDir: string): LabTypes {
    const files: TypeFiles = {};
    const stubs = new Set<string>();
    const ownFiles: string[] = [];
    const queue: { real: string; text: string }[] = [];
    const add = (real: string) => {
      const path = this.virtualPath(real);
      if (!path || path in files) return;
      const text = this.contentOf(real);
      if (text === undefined) return;
      files[path] = text;
      if (!real.startsWith(this.nodeModules)) ownFiles.push(real);
      queue.push({ real, text });
    };
    // Within one collection, each directory's lookups and each package.json are read once (a fresh one per
    // collection: a file an author adds between two is found).
    const cache = ts.createModuleResolutionCache(this.projectReal, (f) => f, this.options);
    const typeRefs = ts.createTypeReferenceDirectiveResolutionCache(
      this.projectReal,
      (f) => f,
      this.options,
      cache.getPackageJsonInfoCache(),
    );
    const follow = (specifier: string, from: string) => {
      const resolved = ts.resolveModuleName(specifier, from, this.options, ts.sys, cache).resolvedModule;
      if (!resolved) return; // `node:*` and other ambient modules: declared by the @types/node added below
      const real = realpathSync(resolved.resolvedFileName);
      add(real);
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) this.stub(files, stubs, specifier, real, resolved.packageId?.name);
    };
    const cellDirs = ['cells', 'solutions'].map((d) => join(labDir, d));
    const cells = cellDirs.flatMap((d) =>
      existsSync(d)
        ? readdirSync(d)
            .filter((f) => f.endsWith('.ts'))
            .map((f) => join(d, f))
        : [],
    );
    for (const cell of cells)
      for (const i of ts.preProcessFile(readFileSync(cell, 'utf8'), true, true).importedFiles) follow(i.fileName, realpathSync(cell));
    const ambients = [join(this.projectReal, 'labs', 'workshop-env.d.ts'), join(labDir, 'scope.d.ts')];
    for (const ambient of ambients) if (existsSync(ambient)) add(realpathSync(ambient));
    // Cells run in Node: its globals (console, process, Buffer, fetch…) as labs/tsconfig.json's `types: ["node"]`.
    const node = ts.resolveTypeReferenceDirective(
      'node',
      join(labDir, 'cell.ts'),
      this.options,
      ts.sys,
      undefined,
      typeRefs,
    ).resolvedTypeReferenceDirective;
    if (node?.resolvedFileName) add(realpathSync(node.resolvedFileName));

    while (queue.length) {
      const { real, text } = queue.shift()!;
      const info = ts.preProcessFile(text, true, true);
      for (const i of info.importedFiles) follow(i.fileName, real);
      for (const r of info.referencedFiles) add(join(dirname(real), r.fileName));
      for (const t of info.typeReferenceDirectives) {
        const resolved = ts.resolveTypeReferenceDirective(
          t.fileName,
          real,
          this.options,
          ts.sys,
          undefined,
          typeRefs,
        ).resolvedTypeReferenceDirective;
        if (resolved?.resolvedFileName) add(realpathSync(resolved.resolvedFileName));
      }
    }
    // The lab's folder and cell folders too: a scope.d.ts or a cell that appears changes what is needed.
    const made = ownFiles.flatMap((f) => this.declared.get(f)?.inputs ?? []);
    const inputs = [labDir, ...cellDirs, ...cells, ...ambients, ...this.libraryFolders(), ...ownFiles, ...made];
    return { files, stubs, inputs: [...new Set(inputs)] };
  }

  /**
   * A bare import, as the editor resolves it: the editor reads no package.json (nor the `paths` of labs/tsconfig.json),
   * so `<node_modules>/<specifier>.d.ts` re-exports the file TypeScript resolved on disk.
   */
  private stub(files: TypeFiles, stubs: Set<string>, specifier: string, real: string, packageName: string | undefined): void {
    const target = this.virtualPath(real);
    if (!target) return;
    let root = 'file:///node_modules/';
    const at = packageName ? target.lastIndexOf(`/node_modules/${packageName}/`) : -1;
    if (at >= 0) root = target.slice(0, at + '/node_modules/'.length);
    const path = `${root}${specifier}.d.ts`;
    if (path === target || path in files) return;
    let rel = posix.relative(posix.dirname(path.slice('file://'.length)), target.slice('file://'.length)).replace(/\.d\.ts$/, '');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    files[path] = `export * from '${rel}';\n`;
    stubs.add(path);
  }
}
