import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { Hono } from 'hono';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testRunner } from '../integration/harness.ts';
import type { RunningRunner } from '../../runner/server.ts';
import { editorCompilerOptions } from '../../runner/types/editor-options.ts';
import type { TypesBundle, TypesManifest } from '../../runner/types/manifest.ts';
import { typesRoutes } from '../../runner/api/types.ts';
import type { ApiErrorBody } from '../../runner/api/contract.ts';

let r: Awaited<ReturnType<typeof testRunner>>;
let runner: RunningRunner;
let files: Record<string, string> = {};
const tsLib = join(process.cwd(), 'node_modules', 'typescript', 'lib');

const get = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${runner.baseUrl}/api/types${query}`, { headers: { authorization: `Bearer ${runner.token}`, ...headers } });
const getPath = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${runner.baseUrl}${path}`, { headers: { authorization: `Bearer ${runner.token}`, ...headers } });

/** A lab's manifest and every file the editor ends up with (its bundles and its inline files), as editor.ts loads them. */
async function loadLab(lab: string): Promise<{ manifest: TypesManifest; files: Record<string, string> }> {
  const manifest = (await (await get(`?lab=${lab}`)).json()) as TypesManifest;
  const bundles = await Promise.all(manifest.bundles.map(async (b) => ((await (await getPath(b.url)).json()) as TypesBundle).files));
  return { manifest, files: Object.assign({}, ...bundles, manifest.files) as Record<string, string> };
}
const urlOf = (m: TypesManifest, name: string) => m.bundles.find((b) => b.name === name)?.url;

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
  return [...service.getSyntacticDiagnostics(cellPath), ...service.getSemanticDiagnostics(cellPath)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
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
    const body = (await res.json()) as ApiErrorBody;
    expect(body.error.code).toBe('ValidationError');
    expect(body.error.message).toMatch(/lab slug/);
    expect((await get('')).status).toBe(400);
  });

  it('answers 404 NoSuchLab for a well-formed name that is not a lab', async () => {
    const res = await get('?lab=99-nowhere');
    expect(res.status).toBe(404);
    expect(((await res.json()) as ApiErrorBody).error.code).toBe('NoSuchLab');
  });

  it("keeps the runner responsive while a lab's types are built (the build runs off its event loop)", async () => {
    const building = get('?lab=02-monitor');
    await new Promise((r) => setTimeout(r, 1200)); // the builder thread is busy with its first, slowest build
    const started = performance.now();
    const other = await fetch(`${runner.baseUrl}/api/workshop`, { headers: { authorization: `Bearer ${runner.token}` } });
    const waited = performance.now() - started;
    expect(other.status).toBe(200);
    expect(waited).toBeLessThan(1000); // a build on the event loop would hold it for seconds
    expect((await building).status).toBe(200);
  });

  it("serves a small manifest, gzipped with an ETag, that lists the lab's package bundles and inlines its own files", async () => {
    const res = await get('?lab=01-filter-deploy', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache'); // revalidated on every page: author edits show at once
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const manifest = (await res.json()) as TypesManifest;
    expect(manifest.lab).toBe('01-filter-deploy');
    expect(JSON.stringify(manifest).length).toBeLessThan(100_000);
    expect(manifest.bundles.map((b) => b.name)).toEqual(
      expect.arrayContaining(['@aws-sdk/client-sagemaker', '@aws-sdk/client-s3', '@types/node', '@smithy/types']),
    );
    for (const b of manifest.bundles) expect(b.url).toMatch(/^\/api\/types\/bundle\/[0-9a-f]{32}$/);
    expect(manifest.files['file:///labs/01-filter-deploy/scope.d.ts']).toContain('endpointName');
    expect(manifest.files['file:///labs/workshop-env.d.ts']).toContain('const workshop');
    expect(Object.keys(manifest.files).some((n) => n.includes('/dist-types/'))).toBe(false); // packages travel in bundles only
    // A second request revalidates for free.
    expect((await get('?lab=01-filter-deploy', { 'if-none-match': etag! })).status).toBe(304);
  });

  it("serves the SageMaker client's declarations, the workshop global and the lab's scope through manifest and bundles", async () => {
    files = (await loadLab('01-filter-deploy')).files;
    const names = Object.keys(files);
    expect(names.every((n) => n.startsWith('file:///'))).toBe(true);
    const describe = names.find((n) => n.endsWith('@aws-sdk/client-sagemaker/dist-types/commands/DescribeEndpointCommand.d.ts'));
    expect(describe).toBeDefined();
    expect(files[describe!]).toContain('DescribeEndpointCommand');
    expect(files['file:///node_modules/@aws-sdk/client-sagemaker.d.ts']).toMatch(/export \* from/);
    expect(names.some((n) => n.includes('/@smithy/'))).toBe(true);
    expect(files['file:///labs/workshop-env.d.ts']).toContain('const workshop');
    expect(files['file:///labs/01-filter-deploy/scope.d.ts']).toContain('endpointName');
  });

  it('gives two labs the same bundle URLs for the packages they share, so the browser fetches them once', async () => {
    const [one, two] = [
      (await (await get('?lab=01-filter-deploy')).json()) as TypesManifest,
      (await (await get('?lab=02-monitor')).json()) as TypesManifest,
    ];
    for (const name of ['@aws-sdk/client-sagemaker', '@aws-sdk/client-s3', '@types/node', '@smithy/types', '@smithy/core']) {
      expect(urlOf(one, name), name).toBeDefined();
      expect(urlOf(two, name), name).toBe(urlOf(one, name));
    }
    expect(one.files['file:///labs/01-filter-deploy/scope.d.ts']).toBeDefined();
    expect(two.files['file:///labs/01-filter-deploy/scope.d.ts']).toBeUndefined();
  });

  it('serves a bundle immutable, gzipped, with an ETag that answers 304', async () => {
    const url = urlOf((await (await get('?lab=01-filter-deploy')).json()) as TypesManifest, '@types/node')!;
    const res = await getPath(url, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const etag = res.headers.get('etag');
    expect(etag).toBe(`"${url.split('/').at(-1)}"`);
    const bundle = (await res.json()) as TypesBundle;
    expect(Object.keys(bundle.files).every((n) => n.startsWith('file:///node_modules/@types/node/'))).toBe(true);
    const node = Object.values(bundle.files).join('\n');
    expect(node).toContain('interface Process');
    // Hovers keep Node's descriptions; the code samples fenced in its doc comments are left out.
    expect(node).toContain('Returns the contents of the `path`.');
    expect(node).not.toMatch(/^\s*\* ```js$/m);
    const again = await getPath(url, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${runner.baseUrl}${url}`)).status).toBe(401); // token-protected like the rest of /api
  });

  it('answers a malformed bundle id with a 400 that says what an id is, an unknown one with 404 NoSuchBundle', async () => {
    for (const bad of ['not-a-hash', 'ABCDEF0123456789ABCDEF0123456789', '0123']) {
      const res = await getPath(`/api/types/bundle/${bad}`);
      expect(res.status, bad).toBe(400);
      const body = (await res.json()) as ApiErrorBody;
      expect(body.error.code).toBe('ValidationError');
      expect(body.error.message).toMatch(/32 hex digits/);
    }
    const res = await getPath(`/api/types/bundle/${'0'.repeat(32)}`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as ApiErrorBody;
    expect(body.error.code).toBe('NoSuchBundle');
    expect(body.error.message).toMatch(/reload the page/);
  }, 90_000);

  it('includes the workshop library imported as @naxt/workshop/<module>', async () => {
    const res = await get('?lab=03-evaluate-select', { 'accept-encoding': 'identity' });
    expect(res.headers.get('content-encoding')).toBeNull();
    const lab3 = ((await res.json()) as TypesManifest).files;
    expect(Object.keys(lab3)).toContain('file:///node_modules/@naxt/workshop/evaluation.d.ts');
    expect(lab3['file:///labs/lib/evaluation.ts']).toContain('export declare function evaluateQa');
  });

  // Last: seconds of CPU in this process, after which a kept-alive socket may have been closed by the runner.
  it('types a solution cell cleanly and flags a misspelt method, as the editor will', async () => {
    // Type checking is synchronous: yield between checks so the test's worker keeps answering its runner.
    const check = async (code: string) => {
      await new Promise((r) => setImmediate(r));
      return diagnosticsOf(code);
    };
    const solution = readFileSync(join(process.cwd(), 'labs/01-filter-deploy/solutions/deploy.ts'), 'utf8');
    expect(await check(solution)).toEqual([]);
    const typo = await check(`import { SageMakerClient } from '@aws-sdk/client-sagemaker';\nawait new SageMakerClient({}).sendd();\n`);
    expect(typo.join('\n')).toMatch(/Property 'sendd' does not exist on type 'SageMakerClient'/);
    // The lab's shared variables and the workshop global are known; a cell's own declarations clash with no other cell's.
    expect(await check(`const n: string = endpointName + workshop.bucket;\nconst chosen = 1;\nexport {};\n`)).toEqual([]);
    expect((await check(`const x: number = endpointName;\n`)).join('\n')).toMatch(/not assignable to type 'number'/);
    // Node's globals, as in the kernel; no browser globals.
    expect(await check(`console.log(process.env.AWS_REGION, Buffer.from('x'));\nexport {};\n`)).toEqual([]);
    expect((await check(`document.title;\nexport {};\n`)).join('\n')).toMatch(/Cannot find name 'document'/);
  }, 120_000);
});

/** The route pointed at a project of its own in a temp dir: an author edits its files while the runner runs. */
describe('GET /api/types after an author edits the project', () => {
  const project = mkdtempSync(join(tmpdir(), 'naxt-types-'));
  const labDir = join(project, 'labs', '01-fixture');
  const app = new Hono().route('/api', typesRoutes({ labs: [{ slug: '01-fixture', dir: labDir }], projectDir: project }));
  const manifest = async (headers: Record<string, string> = {}) => {
    const res = await app.request('/api/types?lab=01-fixture', { headers });
    return { res, body: res.status === 200 ? ((await res.json()) as TypesManifest) : undefined };
  };

  beforeAll(() => {
    mkdirSync(join(labDir, 'cells'), { recursive: true });
    mkdirSync(join(project, 'labs', 'lib'), { recursive: true });
    symlinkSync(join(process.cwd(), 'node_modules'), join(project, 'node_modules'));
    writeFileSync(join(project, 'labs', 'workshop-env.d.ts'), readFileSync(join(process.cwd(), 'labs', 'workshop-env.d.ts')));
    writeFileSync(
      join(project, 'labs', 'lib', 'greeting.ts'),
      'export function greet(name: string): string {\n  return `hello ${name}`;\n}\n',
    );
    writeFileSync(
      join(labDir, 'cells', 'hello.ts'),
      "import { STSClient } from '@aws-sdk/client-sts';\nimport { greet } from '@naxt/workshop/greeting';\nconsole.log(greet('x'), new STSClient({}));\n",
    );
    writeFileSync(join(labDir, 'scope.d.ts'), 'declare const firstName: string;\n');
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('serves a changed scope.d.ts or workshop library on the next request, under a new ETag, without a restart', async () => {
    const first = await manifest();
    expect(first.res.status).toBe(200);
    const etag = first.res.headers.get('etag')!;
    expect(first.body!.files['file:///labs/01-fixture/scope.d.ts']).toContain('firstName');
    expect(first.body!.files['file:///labs/lib/greeting.ts']).toContain('export declare function greet');
    expect(urlOf(first.body!, '@aws-sdk/client-sts')).toBeDefined();
    expect((await manifest({ 'if-none-match': etag })).res.status).toBe(304); // unchanged: still free

    writeFileSync(join(labDir, 'scope.d.ts'), 'declare const firstName: string;\ndeclare const modelId: number;\n');
    const second = await manifest({ 'if-none-match': etag });
    expect(second.res.status).toBe(200);
    const etag2 = second.res.headers.get('etag')!;
    expect(etag2).not.toBe(etag);
    expect(second.body!.files['file:///labs/01-fixture/scope.d.ts']).toContain('declare const modelId: number');

    writeFileSync(
      join(project, 'labs', 'lib', 'greeting.ts'),
      'export function greet(name: string): string {\n  return name;\n}\nexport function farewell(): void {}\n',
    );
    const third = await manifest({ 'if-none-match': etag2 });
    expect(third.res.status).toBe(200);
    expect(third.res.headers.get('etag')).not.toBe(etag2);
    expect(third.body!.files['file:///labs/lib/greeting.ts']).toContain('export declare function farewell(): void');
    // The packages did not change: the browser keeps using the bundles it has.
    expect(third.body!.bundles).toEqual(first.body!.bundles);
  }, 60_000);
});
