import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file (and symlink) under `folder`, as absolute paths; a folder that does not exist has none. */
export async function filesUnder(folder: string): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !(await lstat(path)).isSymbolicLink()) await walk(path);
      else files.push(path);
    }
  }
  await walk(folder);
  return files.sort();
}

/** The files cacache is writing: anything left in `<cache>/tmp/` after the client closed is a leak. */
export function tempFilesOf(cacheFolder: string): Promise<string[]> {
  return filesUnder(join(cacheFolder, 'tmp'));
}

/** Whether any file under `folder` contains `needle`. */
export async function anyFileContains(folder: string, needle: Buffer | string): Promise<boolean> {
  const bytes = typeof needle === 'string' ? Buffer.from(needle) : needle;
  for (const file of await filesUnder(folder)) if ((await readFile(file)).includes(bytes)) return true;
  return false;
}
