// `npm start`'s prestart: builds dist/ with tsup only when a source is newer
// than the built command line, so that `npm start -- <command>` starts at once
// when nothing changed (a build takes several seconds), and a fresh clone
// (no dist/ yet) is built on its first start.
//
//   node scripts/build-if-stale.mjs
//
// The sources: src/, the build's configuration, and the installed packages
// (npm rewrites node_modules/.package-lock.json on each install), since the
// command line bundles rxjs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src', 'package.json', 'tsconfig.json', 'tsup.config.ts', join('node_modules', '.package-lock.json')];
const BUILT = join('dist', 'cli.js');

/** The newest modification time under `path` (a file or a folder), or 0 when it does not exist. */
function newest(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, newest(join(path, entry))), stats.mtimeMs);
}

const built = newest(join(root, BUILT));
const changed = Math.max(...SOURCES.map((source) => newest(join(root, source))));
if (built === 0 || changed > built) {
  console.error(built === 0 ? `${BUILT} is missing: building it (tsup)…` : `the sources changed since ${BUILT} was built: building (tsup)…`);
  const tsup = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsup.cmd' : 'tsup');
  const { status, error } = spawnSync(tsup, ['--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (error) throw error;
  process.exitCode = status ?? 1;
}
