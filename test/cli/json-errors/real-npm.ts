import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { ROOT } from '../support/build-cli';

/**
 * The folder of the npm to compare with: the dev dependency when there is
 * one, else the npm on PATH (its `bin/npm-cli.js`, through the link).
 */
export function npmRoot(): string {
  const local = join(ROOT, 'node_modules', 'npm');
  if (existsSync(join(local, 'bin', 'npm-cli.js'))) return local;
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const bin = join(folder, 'npm');
    if (!existsSync(bin)) continue;
    const root = dirname(dirname(realpathSync(bin)));
    if (existsSync(join(root, 'lib', 'utils', 'error-message.js'))) return root;
  }
  throw new Error('no npm to compare with: neither node_modules/npm nor an npm on PATH');
}

/** `node <npm>/bin/npm-cli.js`, as argv. */
export function npmCommand(): string[] {
  return [process.execPath, join(npmRoot(), 'bin', 'npm-cli.js')];
}
