#!/usr/bin/env node
// `npx workshop …`: the command line of the workshop (verify, run, env, cleanup), written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('../runner/cli/workshop.ts');
