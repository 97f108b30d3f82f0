import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';

/**
 * Packs a tiny package the way `npm pack` lays it out (`package/package.json`,
 * `package/README.md`, `package/index.js`) into `folder`, and returns the
 * tarball's path. The tests and the demo publish these.
 */
export async function packTarball(folder: string, pkg: { name: string; version: string; [key: string]: unknown }, readme?: string): Promise<string> {
  const staging = await mkdtemp(join(tmpdir(), 'rxnpm-pack-'));
  try {
    await mkdir(join(staging, 'package'));
    await writeFile(join(staging, 'package', 'package.json'), `${JSON.stringify({ description: `${pkg.name}, a demo package`, license: 'MIT', main: 'index.js', ...pkg }, null, 2)}\n`);
    await writeFile(join(staging, 'package', 'README.md'), readme ?? `# ${pkg.name}\n\nVersion ${pkg.version}.\n`);
    await writeFile(join(staging, 'package', 'index.js'), `module.exports = ${JSON.stringify(pkg.version)};\n`);
    const file = join(folder, `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`);
    await create({ gzip: true, cwd: staging, file, portable: true }, ['package']);
    return file;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
