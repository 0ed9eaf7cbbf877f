import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readdirSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LIBRARY_SPECIFIER, RUNNER_MODULES, buildLabLibrary } from '../../runner/labs/library.ts';
import { TypeLibrary } from '../../runner/types/declarations.ts';

// Cells import the workshop's library as @naxt/workshop/<module>: labs/lib's own modules, plus the runner's cleanup
// engine, which labs/lib no longer re-exports.
describe("the labs' library, as the kernel and tsc see it", () => {
  it('bundles labs/lib and the cleanup engine, each under its name', async () => {
    // Inside the project's node_modules, as the runner builds it, so the bundles' SDK imports resolve.
    const out = await mkdtemp(join(process.cwd(), 'node_modules', '.cache', 'naxt-lib-test-'));
    try {
      const aliases = await buildLabLibrary(process.cwd(), out);
      expect(Object.keys(aliases)).toEqual(
        expect.arrayContaining([`${LIBRARY_SPECIFIER}/evaluation`, `${LIBRARY_SPECIFIER}/monitoring`, `${LIBRARY_SPECIFIER}/cleanup`]),
      );
      // Loaded by plain Node, as a kernel loads them.
      const script = `const c = await import(${JSON.stringify(pathToFileURL(aliases[`${LIBRARY_SPECIFIER}/cleanup`]).href)});
        const m = await import(${JSON.stringify(pathToFileURL(aliases[`${LIBRARY_SPECIFIER}/monitoring`]).href)});
        console.log(JSON.stringify({ cleanup: Object.keys(c).sort(), image: m.modelMonitorImage('us-east-1') }));`;
      const seen = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as {
        cleanup: string[];
        image: string;
      };
      expect(seen.cleanup).toEqual(['cleanup', 'discover', 'loadPrices', 'priceResources', 'workshopClients']);
      expect(seen.image).toBe('156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('labs/tsconfig.json maps the runner modules to the files the kernel bundles', async () => {
    const config = JSON.parse(await readFile('labs/tsconfig.json', 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    for (const [name, file] of Object.entries(RUNNER_MODULES))
      expect(config.compilerOptions.paths[`${LIBRARY_SPECIFIER}/${name}`]).toEqual([`../${file}`]);
  });
  it("the editor types lab 07's import of @naxt/workshop/cleanup from the runner's module", () => {
    const files = new TypeLibrary(process.cwd()).forLab(join(process.cwd(), 'labs', '07-cleanup'));
    expect(files['file:///node_modules/@naxt/workshop/cleanup.d.ts']).toBe("export * from '../../../runner/resources/for-cells.ts';\n");
    expect(files['file:///runner/resources/for-cells.ts']).toContain('export declare function workshopClients(): CheckClients;');
  }, 60_000);
  it("serves the workshop's own files as the declarations a program over all of them emits", async () => {
    // Most are emitted from the file alone, the rest with the checker: the editor must not see the difference.
    await new Promise((resolve) => setImmediate(resolve));
    const root = realpathSync(process.cwd());
    const library = new TypeLibrary(root);
    const served = new Map<string, string>();
    for (const lab of readdirSync(join(root, 'labs')).filter((d) => /^\d\d-/.test(d)))
      for (const [path, text] of Object.entries(library.forLab(join(root, 'labs', lab))))
        if (/^file:\/\/\/(?!node_modules\/).*(?<!\.d)\.ts$/.test(path)) served.set(join(root, path.slice('file:///'.length)), text);
    // The labs' own compiler options (labs/tsconfig.json), as tsc would emit declarations with them.
    const config = ts.readConfigFile(join(root, 'labs', 'tsconfig.json'), (f) => ts.sys.readFile(f));
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, join(root, 'labs'));
    const program = ts.createProgram([...served.keys()], { ...options, declaration: true, emitDeclarationOnly: true, noEmit: false });
    const emitted = new Map<string, string>();
    program.emit(undefined, (_name, text, _bom, _onError, sources) => sources?.[0] && emitted.set(realpathSync(sources[0].fileName), text));
    expect([...served.keys()].map((f) => f.slice(root.length))).toEqual(
      expect.arrayContaining(['/labs/lib/evaluation.ts', '/core/kinds.ts']),
    );
    // Line by line, in any order: the checker prints an inferred object type's members in the order it met them,
    // which depends on the program (zod's inferred shapes come out as `status, kind` in one, `kind, status` in another).
    const lines = (text: string | undefined) => text?.split('\n').sort();
    for (const [file, text] of served) expect(lines(text), file).toEqual(lines(emitted.get(file)));
  }, 120_000);
});
