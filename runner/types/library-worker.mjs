// Entry of the thread that builds type payloads: plain ESM, so it starts the same under tsx, vitest or node.
import { tsImport } from 'tsx/esm/api';

await tsImport('./library-thread.ts', import.meta.url);
