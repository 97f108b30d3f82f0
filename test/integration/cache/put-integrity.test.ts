import cacache from 'cacache';
import { lastValueFrom } from 'rxjs';
import type { CacheEntryMeta } from '../../../src/cache/cache-entry';
import { CacacheStore } from '../../../src/cache/cacache-store';
import { collectLog } from '../../support/log-collector';
import { tempCache, type TempCache } from '../../support/temp-cache';

const meta: CacheEntryMeta = { url: 'http://127.0.0.1/widget', variant: 'full', statusCode: 200, headers: { etag: '"1"' }, storedAt: 1 };

/** What a store's put emits is the entry's integrity as cacache reports it: an SRI string, comparable and printable. */
describe('CacacheStore.put', () => {
  let cache: TempCache;

  beforeEach(async () => {
    cache = await tempCache();
  });
  afterEach(() => cache.remove());

  it('emits the SRI string of the stored body', async () => {
    const body = Buffer.from('{"name":"widget"}');
    const integrity = await lastValueFrom(new CacacheStore(cache.path, collectLog().log).put('k', meta, body));

    expect(typeof integrity).toBe('string');
    expect(integrity).toBe((await cacache.get.info(cache.path, 'k'))?.integrity);
    expect((await cacache.get(cache.path, 'k')).data).toEqual(body);
  });
});
