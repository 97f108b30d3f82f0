import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of the npm that runs beside this node, whose `npmrc` is the
 * "builtin" layer of npm's configuration. When no npm is there, `fallback`
 * (a folder without an `npmrc`) stands in and that layer is empty.
 */
export function findNpmPath(execPath: string, platform: NodeJS.Platform, fallback: string): string {
  const bin = dirname(execPath);
  const candidates = platform === 'win32' ? [join(bin, 'node_modules', 'npm')] : [join(dirname(bin), 'lib', 'node_modules', 'npm')];
  return candidates.find((folder) => existsSync(join(folder, 'package.json'))) ?? fallback;
}
