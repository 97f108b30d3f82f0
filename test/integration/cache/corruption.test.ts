import cacache from 'cacache';
import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import type { CacheEntryMeta } from '../../../src';
import { collectLog } from '../../support/log-collector';
import { contentFiles, fullKey, verifyCache } from './cache-folder';
import { useCacheFixture } from './cache-fixture';
import { packument, type Packument } from './packument-server';

describe('a corrupt cache entry on disk is removed and fetched again: never a crash, never wrong data', () => {
  const fixture = useCacheFixture();
  const { client } = fixture;

  /** A folder where a closed client stored `doc`: its one content file and what the client got. */
  async function stored(doc: Packument): Promise<{ cache: string; file: string; raw: string }> {
    fixture.server.publish(doc);
    const made = { path: await fixture.newCacheFolder() };
    const writer = client(made.path);
    const res = await lastValueFrom(writer.client.get(`/${doc.name}`));
    await writer.close();
    const files = await contentFiles(made.path);
    expect(files).toHaveLength(1);
    expect(await readFile(files[0], 'utf8')).toBe(res.raw);
    return { cache: made.path, file: files[0], raw: res.raw };
  }

  /** A new client's get with a large timeout refetches (miss) the right document, and afterwards the entry serves offline again. */
  async function expectRecovery(cache: string, doc: Packument, warning: RegExp): Promise<void> {
    const collector = collectLog();
    const before = fixture.server.requestsFor(`/${doc.name}`).length;
    const reader = client(cache, { log: collector.log });

    const res = await lastValueFrom(reader.client.get<Packument>(`/${doc.name}`, 3600));

    expect(res.cacheStatus).toBe('miss');
    expect(res.data).toEqual(doc);
    expect(fixture.server.requestsFor(`/${doc.name}`)).toHaveLength(before + 1);
    // One warning; the http-level lines say how each read used the cache.
    expect(collector.withPrefix('cache').filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([expect.stringMatching(warning)]);
    await reader.close();

    const { client: offline } = client(cache);
    const again = await lastValueFrom(offline.get<Packument>(`/${doc.name}`, { offline: true }));
    expect(again.cacheStatus).toBe('hit');
    expect(again.data).toEqual(doc);
    const stats = await verifyCache(cache);
    expect(stats).toMatchObject({ badContentCount: 0, missingContent: 0, totalEntries: 1 });
  }

  it('refetches when the content file was truncated', async () => {
    const doc = packument('truncated', ['1.0.0', '1.1.0'], { readmeBytes: 4000 });
    const { cache, file } = await stored(doc);

    await truncate(file, 100);

    await expectRecovery(cache, doc, /corrupt entry \((EBADSIZE|EINTEGRITY)\)/);
  });

  it('refetches when the content file was emptied', async () => {
    const doc = packument('emptied', ['1.0.0']);
    const { cache, file } = await stored(doc);

    await truncate(file, 0);

    await expectRecovery(cache, doc, /corrupt entry \((EBADSIZE|EINTEGRITY)\)/);
  });

  it('refetches when the content file is gone but the index still names it', async () => {
    const doc = packument('content-gone', ['1.0.0']);
    const { cache, file } = await stored(doc);

    await rm(file);

    await expectRecovery(cache, doc, /corrupt entry \(content missing\)/);
  });

  it('refetches rather than trust bytes of the right size that are valid JSON but not what was stored (EINTEGRITY)', async () => {
    const doc = packument('forged', ['1.0.0']);
    const { cache, file, raw } = await stored(doc);
    const forgedRaw = raw.replace('"latest":"1.0.0"', '"latest":"6.6.6"');
    expect(forgedRaw).not.toBe(raw);
    expect(forgedRaw.length).toBe(raw.length);

    await writeFile(file, forgedRaw);

    await expectRecovery(cache, doc, /corrupt entry \(EINTEGRITY\)/);
  });

  it('refetches when the stored bytes are sound cacache content but not JSON, and removes that entry', async () => {
    const doc = packument('not-json', ['1.0.0']);
    fixture.server.publish(doc);
    const made = { path: await fixture.newCacheFolder() };
    const url = `${fixture.server.url}not-json`;
    const meta: CacheEntryMeta = { url, variant: 'full', statusCode: 200, headers: { etag: '"not-json"', 'content-type': 'application/json' }, storedAt: Date.now(), pkgid: 'not-json' };
    await cacache.put(made.path, fullKey(url), Buffer.from('{"name":"not-json","versions":'), { metadata: meta });

    await expectRecovery(made.path, doc, /not JSON/);
    expect(fixture.server.requestsFor('/not-json').at(-1)?.headers['if-none-match']).toBeUndefined();
  });

  it('refetches when an entry carries metadata that is not the store\'s', async () => {
    const doc = packument('foreign-meta', ['1.0.0']);
    fixture.server.publish(doc);
    const made = { path: await fixture.newCacheFolder() };
    await cacache.put(made.path, fullKey(`${fixture.server.url}foreign-meta`), Buffer.from(JSON.stringify({ name: 'someone-else' })), { metadata: { time: 1 } });

    await expectRecovery(made.path, doc, /unreadable metadata/);
  });

  it('ignores an index line cut short by a crash, and stores a sound one', async () => {
    const doc = packument('torn-index', ['1.0.0']);
    const { cache } = await stored(doc);
    const buckets = await readdir(join(cache, 'index-v5'), { recursive: true, withFileTypes: true });
    const bucket = buckets.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    expect(bucket).toHaveLength(1);
    const line = await readFile(bucket[0], 'utf8');

    await writeFile(bucket[0], line.slice(0, line.length - 20));

    const collector = collectLog();
    const reader = client(cache, { log: collector.log });
    const res = await lastValueFrom(reader.client.get<Packument>('/torn-index', 3600));
    expect(res.cacheStatus).toBe('miss');
    expect(res.data).toEqual(doc);
    await reader.close();
    const { client: offline } = client(cache);
    expect((await lastValueFrom(offline.get<Packument>('/torn-index', { offline: true }))).data).toEqual(doc);
  });

  it('a 304 for a copy whose content turns out truncated asks again without conditions, and stores the answer', async () => {
    const doc = packument('revalidated-truncated', ['1.0.0'], { readmeBytes: 4000 });
    const { cache, file } = await stored(doc);
    await truncate(file, 100);
    const before = fixture.server.requestsFor('/revalidated-truncated').length;

    const reader = client(cache, { log: collectLog().log });
    // cache-min 0: the copy is revalidated, its conditional request sent while its body is read.
    const res = await lastValueFrom(reader.client.get<Packument>('/revalidated-truncated'));
    await reader.close();

    expect(res.cacheStatus).toBe('miss');
    expect(res.data).toEqual(doc);
    const asked = fixture.server.requestsFor('/revalidated-truncated').slice(before);
    expect(asked.map((r) => r.headers['if-none-match'] !== undefined)).toEqual([true, false]);
    expect(await verifyCache(cache)).toMatchObject({ badContentCount: 0, missingContent: 0, totalEntries: 1 });
  });
});
