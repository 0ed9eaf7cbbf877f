import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// `npm install` warns (EBADENGINE) for every installed package whose `engines.node` the workshop's own Node range
// does not satisfy. The lockfile records each package's range, so a dependency that needs a newer Node than the
// workshop promises is caught here rather than on a learner's first install.
interface LockPackage {
  engines?: { node?: string } | string[];
}
const root = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockPackage> };

describe('the Node version the workshop promises', () => {
  const lowest = semver.minVersion(root.engines.node);
  it('is a range with a lowest version', () => {
    expect(lowest?.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('runs every installed package, so npm install prints no engine warning', () => {
    const unsupported = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, pkg]) => {
        const range = !Array.isArray(pkg.engines) ? pkg.engines?.node : undefined;
        return range && lowest && !semver.satisfies(lowest, range, { includePrerelease: true })
          ? [`${path.replace(/^.*node_modules\//, '')} needs node ${range}`]
          : [];
      });
    expect(unsupported).toEqual([]);
  });
});
