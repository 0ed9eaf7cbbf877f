import { describe, expect, it } from 'vitest';
import { apartFromWarmUp } from '../../site/src/client/worker-libs.ts';

describe("the editor's declarations beside the warm-up's", () => {
  const warmUp = {
    'file:///labs/00-setup/scope.d.ts': { content: 'declare let identity: unknown;\n', version: 1 },
    'file:///node_modules/@aws-sdk/client-sts/index.d.ts': { content: 'export {};\n', version: 1 },
  };

  it('keeps the version of a file whose text is the one the warm-up parsed, so it is not parsed again', () => {
    const libs = { 'file:///node_modules/@aws-sdk/client-sts/index.d.ts': { content: 'export {};\n', version: 1 } };
    expect(apartFromWarmUp(warmUp, libs)).toEqual(libs);
  });

  it('gives a file the lab changed since the warm-up a version Monaco never gives, so it is parsed again', () => {
    const changed = { content: 'declare let identity: { Account: string };\n', version: 1 };
    const libs = { 'file:///labs/00-setup/scope.d.ts': changed };
    const apart = apartFromWarmUp(warmUp, libs)['file:///labs/00-setup/scope.d.ts'];
    expect(apart.content).toBe(changed.content);
    expect(apart.version).not.toBe(warmUp['file:///labs/00-setup/scope.d.ts'].version);
    expect(Number.isInteger(apart.version)).toBe(false); // Monaco's own versions are whole numbers
  });

  it('leaves files at a new version, files the warm-up never had, and every file when there was no warm-up', () => {
    const libs = {
      'file:///labs/00-setup/scope.d.ts': { content: 'declare let identity: string;\n', version: 2 },
      'file:///labs/00-setup/other.d.ts': { content: 'export {};\n', version: 1 },
    };
    expect(apartFromWarmUp(warmUp, libs)).toEqual(libs);
    expect(apartFromWarmUp(undefined, libs)).toBe(libs);
  });
});
