import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real, empty cache folder for one test file; `remove()` deletes it. */
export interface TempCache {
  readonly path: string;
  remove(): Promise<void>;
}

export async function tempCache(): Promise<TempCache> {
  const path = await mkdtemp(join(tmpdir(), 'rxnpm-test-cache-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
