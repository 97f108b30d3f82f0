import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { filter, lastValueFrom, toArray, type Observable } from 'rxjs';
import { isProgress, type Progress, type RegistryResponse } from '../../../src';

/** One ustar header block (512 bytes) for a regular file. */
function tarHeader(path: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  const octal = (offset: number, length: number, value: number) => field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  field(0, 100, path);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, 0);
  field(148, 8, ' '.repeat(8));
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** A real gzipped tarball (`npm pack` layout: files under `package/`). */
export function packTarball(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [path, text] of Object.entries(files)) {
    const content = Buffer.from(text, 'utf8');
    blocks.push(tarHeader(`package/${path}`, content.length), content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

export function sha1Hex(bytes: Buffer): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function sha512Integrity(bytes: Buffer): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** A temp folder for one test file; `remove()` deletes it. */
export interface TempDir {
  readonly path: string;
  /** The names of the entries in the folder now. */
  list(): Promise<string[]>;
  write(name: string, bytes: Buffer): Promise<string>;
  remove(): Promise<void>;
}

export async function tempDir(prefix = 'rxnpm-ops-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return {
    path,
    list: async () => (await readdir(path)).sort(),
    async write(name, bytes) {
      const file = join(path, name);
      await writeFile(file, bytes);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}

/** Every value a progress-reporting operation emits, in order. */
export function allValues<T>(source: Observable<T>): Promise<T[]> {
  return lastValueFrom(source.pipe(toArray()));
}

/** The response of an operation that may emit progress first. */
export function responseOf(source: Observable<Progress | RegistryResponse>): Promise<RegistryResponse> {
  return lastValueFrom(source.pipe(filter((value): value is RegistryResponse => !isProgress(value))));
}

/**
 * Waits until `check` holds, trying every few milliseconds up to `limitMs`,
 * and returns whether it did. A bounded wait, never an assertion about time.
 */
export async function eventually(check: () => Promise<boolean> | boolean, limitMs = 2000): Promise<boolean> {
  const until = Date.now() + limitMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The bytes as a short comparable fact (length and sha1): Jest compares large
 * Buffers element by element, which takes seconds, and prints them unreadably.
 */
export function fingerprint(bytes: Buffer): { length: number; sha1: string } {
  return { length: bytes.length, sha1: sha1Hex(bytes) };
}
