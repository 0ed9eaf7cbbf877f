/**
 * The editor's TypeScript worker: Monaco's own (monaco-editor's ts.worker.js, which runner/cli/editor-build.ts
 * bundles in its place), with changes that make the first type error show sooner after the first keystroke.
 *
 * - Type errors are held until the lab's declarations arrive, in the worker rather than by switching Monaco's
 *   diagnostics options: a change of options restarts the worker, which then loads and parses everything again.
 *   So one worker starts with the editor, checks syntax at once, and gets the declarations when they come.
 * - The program is made of the open cells and the ambient declarations only (the workshop global, the lab's scope,
 *   @types/node); a package's declarations are read when a cell imports it. Monaco otherwise parses every file it was
 *   given — the lab's five AWS clients for a cell that imports one.
 * - The host tells TypeScript what Monaco's leaves it to guess: paths are case-sensitive, and which node_modules
 *   folders exist, so module resolution does not try file names in folders it was never given.
 * - The program is parsed without its doc comments: JSDoc is a fifth of the parse, and the parse most of the first
 *   check. What needs them reads them from the declaring file, parsed again with JSDoc once it is asked for: hovers,
 *   a suggestion's details, signature help, and the uses of deprecated declarations (struck through).
 * - The parse starts before the editor is there: the page starts this worker when a cell comes near the view and
 *   tells it the lab and the cell's code (type-worker.ts); the worker fetches the lab's declarations and builds a
 *   language service's program over them while the learner reads, or while the editor's own code loads. Monaco's
 *   worker is that one, taken over, when the warm-up is done first; either way every language service of the worker
 *   keeps its parsed files in one document registry, where the editor's finds them at the versions Monaco gives them.
 */
import { initialize } from 'monaco-editor/internal/common/initialize';
import { TypeScriptWorker } from 'monaco-editor/languages/features/typescript/tsWorker';
import { typescript as ts } from 'monaco-editor/languages/features/typescript/lib/typescriptServices';
import type * as TS from 'typescript';
import { editorCompilerOptions, isEditorRoot } from '../../../runner/types/editor-options.ts';
import { isWarmUp, type WarmUp } from './type-worker.ts';
import { fetchLabTypes } from './editor-types.ts';
import { apartFromWarmUp, type WorkerLibs } from './worker-libs.ts';

/** What Monaco creates its TypeScript worker with (its workerManager.js). */
interface CreateData {
  compilerOptions: unknown;
  extraLibs: WorkerLibs;
  inlayHintsOptions?: unknown;
}
/** The base class's fields that takeOver sets as its constructor does. */
interface WorkerFields {
  _ctx: unknown;
  _compilerOptions: unknown;
  _extraLibs: WorkerLibs;
  _inlayHintsOptions: unknown;
}
interface WorkerBase extends TS.LanguageServiceHost {
  getLanguageService(): TS.LanguageService;
  getQuickInfoAtPosition(fileName: string, position: number): Promise<TS.QuickInfo | undefined>;
  getCompletionEntryDetails(fileName: string, position: number, entry: string): Promise<TS.CompletionEntryDetails | undefined>;
  getSignatureHelpItems(fileName: string, position: number, options: unknown): Promise<TS.SignatureHelpItems | undefined>;
  fileExists(path: string): boolean;
  getExtraLibs(): WorkerLibs;
  updateExtraLibs(libs: WorkerLibs): Promise<void>;
  getScriptFileNames(): string[];
  getSemanticDiagnostics(fileName: string): Promise<unknown[]>;
  getSuggestionDiagnostics(fileName: string): Promise<unknown[]>;
}
type WorkerClass = new (ctx: unknown, createData: CreateData) => WorkerBase;

/**
 * What the bundled TypeScript's own hover and completion details read doc comments with, and its token lookup; not in
 * its public declarations. Without a checker, a `{@link X}` reads as its text, which is what the editor shows anyway.
 */
const internals = ts as unknown as {
  getTokenAtPosition(file: TS.SourceFile, position: number): TS.Node;
  JsDoc: {
    getJsDocCommentsFromDeclarations(declarations: readonly TS.Node[]): TS.SymbolDisplayPart[];
    getJsDocTagsFromDeclarations(declarations: readonly TS.Node[]): TS.JSDocTagInfo[];
  };
};

/** Files parsed again with their JSDoc, for the docs of their declarations: the last few read. */
const DOCUMENTED_FILES = 16;

interface Docs {
  documentation: TS.SymbolDisplayPart[];
  tags: TS.JSDocTagInfo[];
}

/**
 * The parsed files of every language service in this worker (the warm-up's and the editor's), by name, compiler
 * options and version: the same text at the same version is parsed once.
 */
const documents = ts.createDocumentRegistry(true, '', ts.JSDocParsingMode.ParseNone);

/** The version Monaco gives an extra lib set once (its typescriptDefaults.setExtraLibs): the warm-up's must match. */
const FIRST_LIB_VERSION = 1;
/** The declarations the warm-up parsed into the registry, which Monaco's must not be mistaken for where they differ. */
let warmUpLibs: WorkerLibs | undefined;

// The module's declarations (monaco-internal.d.ts) name no members: these are the ones Monaco's worker has.
class LabTypeScriptWorker extends (TypeScriptWorker as WorkerClass) {
  /** The files parsed again with JSDoc (docsOf), by name, with the text they were parsed from. */
  private readonly documented = new Map<string, { text: string; file: TS.SourceFile }>();

  constructor(ctx: unknown, createData: CreateData) {
    super(ctx, { ...createData, extraLibs: apartFromWarmUp(warmUpLibs, createData.extraLibs) });
    // The base class's constructor made a language service with a registry of its own; this one shares the worker's.
    (this as unknown as { _languageService: TS.LanguageService })._languageService = ts.createLanguageService(this, documents);
  }

  /**
   * Monaco's side of a worker made before Monaco asked for one (the warm-up's): its models and the options it was
   * created with, as the constructor takes them. The language service and its program stay: the next check reuses
   * what did not change. The warm-up's declarations stay until Monaco sends its own (the same files, at the same
   * versions, so none is parsed again).
   */
  takeOver(ctx: unknown, createData: CreateData): this {
    const fields = this as unknown as WorkerFields;
    fields._ctx = ctx;
    fields._compilerOptions = createData.compilerOptions;
    fields._inlayHintsOptions = createData.inlayHintsOptions;
    if (Object.keys(createData.extraLibs).length > 0) fields._extraLibs = apartFromWarmUp(warmUpLibs, createData.extraLibs);
    return this;
  }

  // The declarations Monaco sends when the lab's arrive on the page (or change).
  override updateExtraLibs(libs: WorkerLibs): Promise<void> {
    return super.updateExtraLibs(apartFromWarmUp(warmUpLibs, libs));
  }

  // A getter, not a field: the base class's constructor creates the language service, which reads it then.
  override get jsDocParsingMode(): TS.JSDocParsingMode {
    return ts.JSDocParsingMode.ParseNone;
  }

  /** Whether the lab's declarations have arrived. */
  hasLibs(): boolean {
    return Object.keys(this.getExtraLibs()).length > 0;
  }
  private folders: { of: WorkerLibs; has: Set<string> } | undefined;

  // The editor's paths are URLs (file:///…), which are case-sensitive: TypeScript then need not lower-case every path
  // it compares (it does when a host does not say).
  override useCaseSensitiveFileNames(): boolean {
    return true;
  }

  /**
   * Every package's declarations are given to the worker (the lab's extra libs), so a node_modules folder that holds
   * none of them does not exist: module resolution skips it instead of trying each of its file names (a host without
   * this method says that every folder exists). Other folders (the cells') are left as they were.
   */
  override directoryExists(path: string): boolean {
    if (!path.includes('/node_modules')) return true;
    const libs = this.getExtraLibs();
    if (this.folders?.of !== libs) this.folders = { of: libs, has: foldersOf(Object.keys(libs)) };
    return this.folders.has.has(path.replace(/\/+$/, ''));
  }

  // A declaration file is found without building its text (Monaco's looks through the open models first).
  override fileExists(path: string): boolean {
    return path in this.getExtraLibs() || super.fileExists(path);
  }

  override getScriptFileNames(): string[] {
    const libs = new Set(Object.keys(this.getExtraLibs()));
    return super.getScriptFileNames().filter((f) => !libs.has(f) || isEditorRoot(f));
  }

  // A hover: TypeScript's own, with the doc comments of what it names (the program has none of them).
  override async getQuickInfoAtPosition(fileName: string, position: number): Promise<TS.QuickInfo | undefined> {
    const info = await super.getQuickInfoAtPosition(fileName, position);
    if (!info || info.documentation?.length || info.tags?.length) return info;
    const program = this.getLanguageService().getProgram();
    const file = program?.getSourceFile(fileName);
    if (!program || !file) return info;
    const checker = program.getTypeChecker();
    let symbol = checker.getSymbolAtLocation(internals.getTokenAtPosition(file, position));
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return { ...info, ...this.docsOf(symbol?.declarations) };
  }

  // A completion's details, with the doc comments of the suggested member.
  override async getCompletionEntryDetails(
    fileName: string,
    position: number,
    entry: string,
  ): Promise<TS.CompletionEntryDetails | undefined> {
    const details = await super.getCompletionEntryDetails(fileName, position, entry);
    if (!details || details.documentation?.length || details.tags?.length) return details;
    const symbol = this.getLanguageService().getCompletionEntrySymbol(fileName, position, entry, undefined);
    return { ...details, ...this.docsOf(symbol?.declarations) };
  }

  // Signature help, with each overload's doc comment and the `@param` text of each of its parameters.
  override async getSignatureHelpItems(fileName: string, position: number, options: unknown): Promise<TS.SignatureHelpItems | undefined> {
    const help = await super.getSignatureHelpItems(fileName, position, options);
    const program = this.getLanguageService().getProgram();
    const file = program?.getSourceFile(fileName);
    if (!help || !program || !file) return help;
    const checker = program.getTypeChecker();
    const call = callAt(file, help.applicableSpan.start);
    if (!call) return help;
    const kind = ts.isNewExpression(call) ? ts.SignatureKind.Construct : ts.SignatureKind.Call;
    const signatures = checker.getSignaturesOfType(checker.getTypeAtLocation(call.expression), kind);
    // The items are the callee's overloads in their declared order; any other list is left as it is.
    if (signatures.length !== help.items.length) return help;
    const items = help.items.map((item, i) => {
      const declaration = signatures[i]!.declaration;
      if (!declaration || ts.isJSDocSignature(declaration)) return item;
      const documented = this.withJsDoc(declaration);
      const docs = this.docsOf([declaration]);
      if (!documented || !docs) return item;
      const parameters = item.parameters.map((parameter, j) => {
        const declared = ts.isFunctionLike(documented) ? documented.parameters[j] : undefined;
        const tag = declared && ts.getJSDocParameterTags(declared)[0];
        const text = tag ? ts.getTextOfJSDocComment(tag.comment) : undefined;
        return parameter.documentation.length || !text ? parameter : { ...parameter, documentation: [{ text, kind: 'text' }] };
      });
      return {
        ...item,
        documentation: item.documentation.length ? item.documentation : docs.documentation,
        tags: item.tags.length ? item.tags : docs.tags,
        parameters,
      };
    });
    return { ...help, items };
  }

  /** The doc comments and tags of these declarations, read from their files parsed again with JSDoc. */
  private docsOf(declarations: readonly TS.Declaration[] | undefined): Docs | undefined {
    const documented = (declarations ?? []).map((d) => this.withJsDoc(d)).filter((d) => d !== undefined);
    if (!documented.length) return undefined;
    return {
      documentation: internals.JsDoc.getJsDocCommentsFromDeclarations(documented),
      tags: internals.JsDoc.getJsDocTagsFromDeclarations(documented),
    };
  }

  /** The same declaration in its file parsed with JSDoc, found by its place and kind: the text is the same. */
  private withJsDoc(declaration: TS.Declaration): TS.Node | undefined {
    const source = declaration.getSourceFile();
    let entry = this.documented.get(source.fileName);
    if (entry?.text !== source.text) {
      const options = { languageVersion: ts.ScriptTarget.ESNext, jsDocParsingMode: ts.JSDocParsingMode.ParseAll };
      entry = { text: source.text, file: ts.createSourceFile(source.fileName, source.text, options, true) };
    }
    this.documented.delete(source.fileName); // the most recently read last: the first is the one to drop
    this.documented.set(source.fileName, entry);
    if (this.documented.size > DOCUMENTED_FILES) this.documented.delete(this.documented.keys().next().value!);
    return nodeAt(entry.file, declaration.pos, declaration.end, declaration.kind);
  }

  // Before the declarations every SDK import would look missing: no type errors until they are here.
  override async getSemanticDiagnostics(fileName: string): Promise<unknown[]> {
    return this.hasLibs() ? super.getSemanticDiagnostics(fileName) : [];
  }

  // TypeScript's suggestions, and the uses of deprecated declarations it cannot see without their doc comments.
  override async getSuggestionDiagnostics(fileName: string): Promise<unknown[]> {
    if (!this.hasLibs()) return [];
    return [...(await super.getSuggestionDiagnostics(fileName)), ...this.deprecatedUses(fileName)];
  }

  /**
   * Uses of deprecated declarations, as TypeScript reports them when it has the doc comments (struck through by the
   * editor): "'x' is deprecated." (6385) under a name whose symbol is deprecated (its checker's isDeprecatedSymbol),
   * and "The signature '…' of 'f' is deprecated." (6387) under the name of a call that resolves to a deprecated overload.
   */
  private deprecatedUses(fileName: string): TS.Diagnostic[] {
    const program = this.getLanguageService().getProgram();
    const file = program?.getSourceFile(fileName);
    if (!program || !file) return [];
    const checker = program.getTypeChecker();
    const found = new Map<TS.Node, TS.Diagnostic>();
    const mark = (name: TS.Node, code: number, messageText: string) => {
      if (found.has(name)) return;
      const start = name.getStart(file);
      const category = ts.DiagnosticCategory.Suggestion;
      found.set(name, { file: undefined, start, length: name.end - start, messageText, category, code, reportsDeprecated: {} });
    };
    const visit = (node: TS.Node): void => {
      if (ts.isIdentifier(node)) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        if (symbol && this.isDeprecated(symbol)) mark(node, 6385, `'${node.text}' is deprecated.`);
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const signature = checker.getResolvedSignature(node);
        const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name : node.expression;
        const declaration = signature?.declaration;
        if (
          signature &&
          declaration &&
          !ts.isJSDocSignature(declaration) &&
          ts.isIdentifier(callee) &&
          this.isDeprecatedDeclaration(declaration)
        )
          mark(callee, 6387, `The signature '${checker.signatureToString(signature)}' of '${callee.text}' is deprecated.`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    return [...found.values()];
  }

  /** Whether a file's text says `@deprecated` at all, and each symbol's verdict: for the program they were found in. */
  private readonly filesMentioning = new WeakMap<TS.SourceFile, boolean>();
  private readonly deprecatedSymbols = new WeakMap<TS.Symbol, boolean>();

  private mentionsDeprecated(file: TS.SourceFile): boolean {
    let says = this.filesMentioning.get(file);
    if (says === undefined) this.filesMentioning.set(file, (says = file.text.includes('@deprecated')));
    return says;
  }

  /** A declaration whose doc comment has a `@deprecated` tag. */
  private isDeprecatedDeclaration(declaration: TS.Declaration): boolean {
    if (!this.mentionsDeprecated(declaration.getSourceFile())) return false;
    const documented = this.withJsDoc(declaration);
    return documented !== undefined && ts.getJSDocDeprecatedTag(documented) !== undefined;
  }

  // As TypeScript's checker decides it (isDeprecatedSymbol): some declarations of an interface's member, else its value
  // declaration or all of its declarations.
  private isDeprecated(symbol: TS.Symbol): boolean {
    let verdict = this.deprecatedSymbols.get(symbol);
    if (verdict !== undefined) return verdict;
    const declarations = symbol.declarations ?? [];
    const deprecated = (d: TS.Declaration) => this.isDeprecatedDeclaration(d);
    const parent = (symbol as { parent?: TS.Symbol }).parent; // the checker's getParentOfSymbol
    if (!declarations.some((d) => this.mentionsDeprecated(d.getSourceFile()))) verdict = false;
    else if (parent && declarations.length > 1)
      verdict = parent.flags & ts.SymbolFlags.Interface ? declarations.some(deprecated) : declarations.every(deprecated);
    else
      verdict =
        (symbol.valueDeclaration !== undefined && deprecated(symbol.valueDeclaration)) ||
        (declarations.length > 0 && declarations.every(deprecated));
    this.deprecatedSymbols.set(symbol, verdict);
    return verdict;
  }
}

/** The innermost call or `new` whose argument list holds this place (its closing parenthesis may not be typed yet). */
function callAt(root: TS.Node, position: number): TS.CallExpression | TS.NewExpression | undefined {
  let found: TS.CallExpression | TS.NewExpression | undefined;
  const visit = (node: TS.Node): void => {
    if (node.pos > position || node.end < position) return;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.expression.end < position) found = node;
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

/** The node of `root` at this place and of this kind: a declaration found again in its file parsed with JSDoc. */
function nodeAt(root: TS.Node, pos: number, end: number, kind: TS.SyntaxKind): TS.Node | undefined {
  if (root.pos === pos && root.end === end && root.kind === kind) return root;
  return ts.forEachChild(root, (child) => (child.pos <= pos && end <= child.end ? nodeAt(child, pos, end, kind) : undefined));
}

/** Every folder on the way to each file. */
function foldersOf(files: string[]): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let i = file.lastIndexOf('/'); i > 'file://'.length; i = file.lastIndexOf('/', i - 1)) {
      const folder = file.slice(0, i);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

/** The editor's worker, once Monaco has started it. */
let editorWorker: LabTypeScriptWorker | undefined;
/** The warm-up's worker, until the editor's takes it over. */
let warmedUp: LabTypeScriptWorker | undefined;

/**
 * The lab's declarations fetched (editor-types.ts, as the page fetches them for the editor: the browser keeps the
 * package bundles), and a language service over them and the cell's code, as the editor's will be, with its program
 * built: the files the code imports are parsed into the worker's registry. When Monaco starts its worker after this,
 * it takes this one over, program and all. Skipped when the editor's language service has its declarations first: it
 * parses them itself.
 */
async function warmUp({ lab, path, code }: WarmUp): Promise<void> {
  const libs = await fetchLabTypes(lab);
  if (editorWorker?.hasLibs()) return;
  // A mirror model as Monaco's worker reads one (its URI, as text and its path, and its version). Version 0, which no
  // Monaco model has: the editor's model of this cell, perhaps with other code by then, is never taken for this one.
  const model = { uri: { path: new URL(path).pathname, toString: () => path }, version: 0, getValue: () => code };
  const extraLibs: WorkerLibs = Object.fromEntries(libs.map((l) => [l.filePath, { content: l.content, version: FIRST_LIB_VERSION }]));
  warmUpLibs = extraLibs;
  const worker = new LabTypeScriptWorker({ getMirrorModels: () => [model] }, { compilerOptions: editorCompilerOptions, extraLibs });
  worker.getLanguageService().getProgram();
  if (!editorWorker) warmedUp = worker;
}

/** Monaco's TypeScript worker for the editor: the warm-up's, taken over, or a new one. */
function editorWorkerFor(ctx: unknown, createData: CreateData): LabTypeScriptWorker {
  const worker = warmedUp?.takeOver(ctx, createData) ?? new LabTypeScriptWorker(ctx, createData);
  warmedUp = undefined;
  return (editorWorker = worker);
}

// The page's warm-up comes before anything of Monaco's. Then, as monaco-editor's ts.worker.js: Monaco's first message
// starts the worker protocol, and the next one brings createData.
self.onmessage = (e: MessageEvent) => {
  if (isWarmUp(e.data)) {
    // Only a head start: if it fails, the editor's language service parses what it needs itself.
    warmUp(e.data).catch((error: unknown) => console.warn('[workshop] the type checker could not start early:', error));
    return;
  }
  initialize((ctx, createData) => editorWorkerFor(ctx, createData as CreateData));
};
