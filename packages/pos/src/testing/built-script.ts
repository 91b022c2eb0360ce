import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test support for tests that kill a child process: the child runs from the build with plain
// node, so a build older than the sources would test code that no longer exists.

const sourceRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const distRoot = join(sourceRoot, '..', 'dist');

/** The built form of `src/<pathInSource>`, given with its `.js` name (`testing/pos-child.js`). */
export function builtScript(pathInSource: string): string {
  return join(distRoot, pathInSource);
}

/** Refuses a missing script or a build older than any source it stands in for. */
export function assertBuildIsCurrent(script: string): void {
  if (!existsSync(script)) throw new Error(`${script} is missing: run npx tsc -b first`);
  const check = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) check(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const built = join(distRoot, relative(sourceRoot, path)).replace(/\.ts$/, '.js');
        if (!existsSync(built) || statSync(built).mtimeMs < statSync(path).mtimeMs)
          throw new Error(`${built} is older than ${path}: run npx tsc -b first`);
      }
    }
  };
  check(sourceRoot);
}
