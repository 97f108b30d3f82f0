import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** The repository's root, where `node_modules` is. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** A build of the library for a child process, and how to remove it. */
export interface LibraryBuild {
  /** The CommonJS bundle's entry (`require` it). */
  readonly entry: string;
  remove(): Promise<void>;
}

/**
 * Builds the library as a user gets it (the CommonJS bundle of src/index.ts)
 * into a folder of its own, so `dist/` is left alone. The folder is inside the
 * repository's `node_modules/.cache`, so the bundle finds its dependencies
 * (rxjs among them: the same copy as the child's `rxjs/testing`).
 */
export async function buildLibrary(label: string): Promise<LibraryBuild> {
  const builds = join(REPO_ROOT, 'node_modules', '.cache');
  await mkdir(builds, { recursive: true });
  const outDir = await mkdtemp(join(builds, `rxnpm-${label}-`));
  const remove = () => rm(outDir, { recursive: true, force: true });
  try {
    await new Promise<void>((done, reject) => {
      execFile('npx', ['tsup', 'src/index.ts', '--no-config', '--format', 'cjs', '--target', 'node20', '--out-dir', outDir], { cwd: REPO_ROOT, timeout: 60_000 }, (error, _stdout, stderr) => {
        if (error) reject(new Error(`tsup failed: ${stderr || error.message}`));
        else done();
      });
    });
  } catch (error) {
    await remove();
    throw error;
  }
  return { entry: join(outDir, 'index.js'), remove };
}
