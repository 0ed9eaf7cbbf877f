import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testRunner } from '../integration/harness.ts';
import type { RunningRunner } from '../../runner/server.ts';
import { editorCompilerOptions } from '../../runner/types/editor-options.ts';

let r: Awaited<ReturnType<typeof testRunner>>;
let runner: RunningRunner;
let files: Record<string, string> = {};
const tsLib = join(process.cwd(), 'node_modules', 'typescript', 'lib');

const get = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${runner.baseUrl}/api/types${query}`, { headers: { authorization: `Bearer ${runner.token}`, ...headers } });

/** Diagnostics of one cell, type-checked as the editor's worker does: the served files, the editor's options. */
function diagnosticsOf(code: string, cellPath = 'file:///labs/01-filter-deploy/cells/mine.ts'): string[] {
  const all = new Map(Object.entries(files));
  all.set(cellPath, code);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => editorCompilerOptions as unknown as ts.CompilerOptions,
    getScriptFileNames: () => [...all.keys()],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = all.get(name) ?? (name.startsWith('lib.') ? readFileSync(join(tsLib, name), 'utf8') : undefined);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => '',
    getDefaultLibFileName: () => 'lib.es2023.d.ts',
    fileExists: (name) => all.has(name),
    readFile: (name) => all.get(name),
  };
  const service = ts.createLanguageService(host);
  return [...service.getSyntacticDiagnostics(cellPath), ...service.getSemanticDiagnostics(cellPath)].map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

beforeAll(async () => {
  r = await testRunner();
  runner = r.runner;
}, 60_000);
afterAll(() => r?.remove());

describe('GET /api/types', () => {
  it('needs the launch token', async () => {
    const res = await fetch(`${runner.baseUrl}/api/types?lab=01-filter-deploy`);
    expect(res.status).toBe(401);
  });

  it('rejects a malformed lab name with a 400 that says what a lab name is', async () => {
    const res = await get(`?lab=${encodeURIComponent('../../etc')}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('ValidationError');
    expect(body.error.message).toMatch(/lab slug/);
    expect((await get('')).status).toBe(400);
  });

  it('answers 404 NoSuchLab for a well-formed name that is not a lab', async () => {
    const res = await get('?lab=99-nowhere');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NoSuchLab');
  });

  it('keeps the runner responsive while a lab\'s types are built (the build runs off its event loop)', async () => {
    const building = get('?lab=02-monitor');
    await new Promise((r) => setTimeout(r, 1200)); // the builder thread is busy with its first, slowest build
    const started = performance.now();
    const other = await fetch(`${runner.baseUrl}/api/workshop`, { headers: { authorization: `Bearer ${runner.token}` } });
    const waited = performance.now() - started;
    expect(other.status).toBe(200);
    expect(waited).toBeLessThan(1000); // a build on the event loop would hold it for seconds
    expect((await building).status).toBe(200);
  });

  it("serves the SageMaker client's declarations, the workshop global and the lab's scope, gzipped with an ETag", async () => {
    const res = await get('?lab=01-filter-deploy', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    files = ((await res.json()) as { files: Record<string, string> }).files;
    const names = Object.keys(files);
    expect(names.every((n) => n.startsWith('file:///'))).toBe(true);
    const describe = names.find((n) => n.endsWith('@aws-sdk/client-sagemaker/dist-types/commands/DescribeEndpointCommand.d.ts'));
    expect(describe).toBeDefined();
    expect(files[describe!]).toContain('DescribeEndpointCommand');
    expect(files['file:///node_modules/@aws-sdk/client-sagemaker.d.ts']).toMatch(/export \* from/);
    expect(names.some((n) => n.includes('/@smithy/'))).toBe(true);
    expect(files['file:///labs/workshop-env.d.ts']).toContain('const workshop');
    expect(files['file:///labs/01-filter-deploy/scope.d.ts']).toContain('endpointName');
    // A second request revalidates for free.
    expect((await get('?lab=01-filter-deploy', { 'if-none-match': etag! })).status).toBe(304);
  });

  it('includes the workshop library imported as @naxt/workshop/<module>', async () => {
    const res = await get('?lab=03-evaluate-select', { 'accept-encoding': 'identity' });
    expect(res.headers.get('content-encoding')).toBeNull();
    const lab3 = ((await res.json()) as { files: Record<string, string> }).files;
    expect(Object.keys(lab3)).toContain('file:///node_modules/@naxt/workshop/evaluation.d.ts');
    expect(lab3['file:///labs/lib/evaluation.ts']).toContain('export declare function evaluateQa');
  });

  // Last: seconds of CPU in this process, after which a kept-alive socket may have been closed by the runner.
  it('types a solution cell cleanly and flags a misspelt method, as the editor will', () => {
    const solution = readFileSync(join(process.cwd(), 'labs/01-filter-deploy/solutions/deploy.ts'), 'utf8');
    expect(diagnosticsOf(solution)).toEqual([]);
    const typo = diagnosticsOf(`import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nawait new SageMakerClient({}).sendd();\n`);
    expect(typo.join('\n')).toMatch(/Property 'sendd' does not exist on type 'SageMakerClient'/);
    // The lab's shared variables and the workshop global are known; a cell's own declarations clash with no other cell's.
    expect(diagnosticsOf(`const n: string = endpointName + workshop.bucket;\nconst chosen = 1;\nexport {};\n`)).toEqual([]);
    expect(diagnosticsOf(`const x: number = endpointName;\n`).join('\n')).toMatch(/not assignable to type 'number'/);
    // Node's globals, as in the kernel; no browser globals.
    expect(diagnosticsOf(`console.log(process.env.AWS_REGION, Buffer.from('x'));\nexport {};\n`)).toEqual([]);
    expect(diagnosticsOf(`document.title;\nexport {};\n`).join('\n')).toMatch(/Cannot find name 'document'/);
  });
});
