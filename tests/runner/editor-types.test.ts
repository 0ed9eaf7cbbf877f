import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TypeLibrary } from '../../runner/types/declarations.ts';
import { editorCompilerOptions, isEditorRoot } from '../../runner/types/editor-options.ts';

const root = process.cwd();
const tsLib = join(root, 'node_modules', 'typescript', 'lib');
const labs = readdirSync(join(root, 'labs')).filter((d) => /^\d\d-/.test(d));

/**
 * Every cell and solution of a lab open at once, as editor models beside the lab's served declarations: the
 * editor must show no error on code the workshop ships, and cells declaring the same names must not clash.
 */
describe('editor type checking of the shipped cells', () => {
  const library = new TypeLibrary(root);
  for (const lab of labs) {
    it(`${lab}: every cell and solution types cleanly`, async () => {
      // Each lab's check is seconds of synchronous work. Yield to the event loop first, so the worker reads its
      // runner's replies between them: eight in a row without I/O took 70 s on a slow machine, and vitest's worker
      // stops waiting after 60 s ("Timeout calling onTaskUpdate", vitest-dev/vitest#8164).
      await new Promise((resolve) => setImmediate(resolve));
      const files = new Map(Object.entries(library.forLab(join(root, 'labs', lab))));
      const models: string[] = [];
      for (const dir of ['cells', 'solutions']) {
        for (const f of readdirSync(join(root, 'labs', lab, dir))) {
          const uri = `file:///labs/${lab}/${dir}/${f}`;
          files.set(uri, readFileSync(join(root, 'labs', lab, dir, f), 'utf8'));
          models.push(uri);
        }
      }
      const host: ts.LanguageServiceHost = {
        getCompilationSettings: () => editorCompilerOptions as unknown as ts.CompilerOptions,
        // As the editor's worker: the open cells and the files that count without an import; packages come by import.
        getScriptFileNames: () => [...files.keys()].filter((f) => models.includes(f) || isEditorRoot(f)),
        getScriptVersion: () => '1',
        getScriptSnapshot: (name) => {
          const text = files.get(name) ?? (name.startsWith('lib.') ? readFileSync(join(tsLib, name), 'utf8') : undefined);
          return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
        },
        getCurrentDirectory: () => '',
        getDefaultLibFileName: () => 'lib.es2023.d.ts',
        fileExists: (name) => files.has(name),
        readFile: (name) => files.get(name),
      };
      const service = ts.createLanguageService(host);
      const errors = models.flatMap((m) =>
        service.getSemanticDiagnostics(m).map((d) => `${m}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`),
      );
      expect(errors).toEqual([]);
      expect(models.length).toBeGreaterThan(0);
    }, 120_000);
  }
});
