// Builds the native P-256 verifier (native/p256-verify.cc) with the C++ compiler and the
// headers of the node that runs this script. Plain g++, no node-gyp: node-gyp would fetch
// headers from the internet, and the addon needs nothing but node_api.h and OpenSSL's headers,
// which node ships. Without a compiler the verifier falls back to node:crypto (slower), so a
// failed build warns and exits 0 unless --required.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, 'p256-verify.cc');
const target = join(here, 'build', 'p256-verify.node');
const headers = join(dirname(process.execPath), '..', 'include', 'node');
const required = process.argv.includes('--required');

if (
  existsSync(target) &&
  statSync(target).mtimeMs >= statSync(source).mtimeMs &&
  !process.argv.includes('--force')
) {
  process.exit(0);
}
try {
  if (!existsSync(join(headers, 'node_api.h'))) throw new Error(`no node headers in ${headers}`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.tmp`;
  execFileSync(
    process.env.CXX ?? 'g++',
    [
      '-O2',
      '-std=c++17',
      '-shared',
      '-fPIC',
      '-Wall',
      '-Wextra',
      '-Wno-deprecated-declarations',
      `-I${headers}`,
      '-o',
      partial,
      source,
    ],
    { stdio: 'inherit' },
  );
  renameSync(partial, target);
  console.log(`built ${target}`);
} catch (error) {
  console.warn(
    `@gks/audit: the native P-256 verifier was not built (${error.message}); gks verify uses node:crypto, about half as fast`,
  );
  process.exit(required ? 1 : 0);
}
