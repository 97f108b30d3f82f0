import cacache from 'cacache';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { firstValueFrom, lastValueFrom, mergeMap, of } from 'rxjs';
import type { CacheEntryMeta, CachedDocument } from '../../../src/cache/cache-entry';
import { CacacheStore } from '../../../src/cache/cacache-store';
import { DocumentCache } from '../../../src/cache/document-cache';
import { collectLog } from '../../support/log-collector';
import { tempCache, type TempCache } from '../../support/temp-cache';

const meta: CacheEntryMeta = { url: 'http://127.0.0.1/widget', variant: 'full', statusCode: 200, headers: { etag: '"1"' }, storedAt: 1 };
const body = Buffer.from('{"name":"widget"}');

/** The lines of every index bucket in the folder (one key here, so one bucket). */
async function indexLines(folder: string): Promise<number> {
  const entries = await readdir(join(folder, 'index-v5'), { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  return texts.join('\n').split('\n').filter(Boolean).length;
}

/** The copy a GET would find for `key`, parsed. */
function readDocument(documents: DocumentCache, key: string): Promise<CachedDocument | undefined> {
  return firstValueFrom(documents.lookup(key).pipe(mergeMap((copy) => copy?.document ?? of(undefined))));
}

/** A 304 appends its index line; the bucket is rewritten only once eight have piled up, and always reads as the newest. */
describe('DocumentCache over cacache: index records', () => {
  let cache: TempCache;

  beforeEach(async () => {
    cache = await tempCache();
  });
  afterEach(() => cache.remove());

  it('appends a line per 304 and compacts the bucket to one after eight', async () => {
    const documents = new DocumentCache(new CacacheStore(cache.path, collectLog().log), 1 << 20, collectLog().log);
    await firstValueFrom(documents.save('k', meta, body, body.toString(), JSON.parse(body.toString())));
    await documents.flush();
    expect(await indexLines(cache.path)).toBe(1);

    const lines: number[] = [];
    for (let i = 2; i <= 10; i++) {
      // The kept copy, as a GET finds it: it has the integrity the finished write gave it.
      const doc = await readDocument(documents, 'k');
      documents.refresh(doc!, { etag: `"${i}"` }, i);
      await documents.flush();
      lines.push(await indexLines(cache.path));
    }

    expect(lines).toEqual([2, 3, 4, 5, 6, 7, 8, 1, 2]);
    const info = await cacache.get.info(cache.path, 'k');
    expect(info?.metadata).toMatchObject({ storedAt: 10, headers: { etag: '"10"' } });
  });

  /** Refreshes the kept copy once (a 304), waits for its write, and answers the bucket's lines. */
  async function confirm(documents: DocumentCache, time: number): Promise<number> {
    const doc = await readDocument(documents, 'k');
    documents.refresh(doc!, { etag: `"${time}"` }, time);
    await documents.flush();
    return indexLines(cache.path);
  }

  it('counts on from the records a copy read back from disk says', async () => {
    const store = new CacacheStore(cache.path, collectLog().log);
    await lastValueFrom(store.put('k', { ...meta, records: 7 }, body));
    const documents = new DocumentCache(store, 1 << 20, collectLog().log);

    expect([await confirm(documents, 2), await confirm(documents, 3)]).toEqual([2, 1]);
  });

  it('compacts after a 304 when the stored count is not a count, and counts from one again', async () => {
    const store = new CacacheStore(cache.path, collectLog().log);
    await lastValueFrom(store.put('k', meta, body));
    await lastValueFrom(store.put('k', { ...meta, records: 'many' as unknown as number }, body));
    const documents = new DocumentCache(store, 1 << 20, collectLog().log);

    expect([await confirm(documents, 2), await confirm(documents, 3)]).toEqual([1, 2]);
  });
});
