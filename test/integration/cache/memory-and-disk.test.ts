import cacache from 'cacache';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { firstValueFrom, lastValueFrom, toArray, timeout } from 'rxjs';
import type { CacheEntryMeta, RegistryResponse } from '../../../src';
import { pause, within } from './bounded';
import { ageEntry, fullKey } from './cache-folder';
import { useCacheFixture } from './cache-fixture';
import { packument, type Packument } from './packument-server';

/** Deletes everything inside `folder`, leaving it empty. */
async function emptyFolder(folder: string): Promise<void> {
  for (const entry of await readdir(folder)) await rm(join(folder, entry), { recursive: true, force: true });
}

/** Resolves once the store holds `key` on disk (writes happen in the background). */
async function onDisk(folder: string, key: string): Promise<void> {
  let gaveUp = false;
  try {
    await within(
      (async () => {
        while (!gaveUp && !(await cacache.get.info(folder, key))) await pause(5);
      })(),
      3000,
      `${key} to reach the disk`,
    );
  } finally {
    gaveUp = true;
  }
}

describe('the memory layer, the disk and frozen documents', () => {
  const fixture = useCacheFixture();
  const { client } = fixture;
  const newCacheFolder = () => fixture.newCacheFolder();

  describe('emitted data is frozen', () => {
    function expectFrozen(res: RegistryResponse<Packument>, name: string) {
      const data = res.data as { -readonly [K in keyof Packument]: Packument[K] };
      expect(Object.isFrozen(data)).toBe(true);
      // The test module is compiled as strict code: writing to a frozen object throws.
      expect(() => {
        data.name = 'changed';
      }).toThrow(TypeError);
      expect(() => {
        (data['dist-tags'] as Record<string, string>).latest = '6.6.6';
      }).toThrow(TypeError);
      expect(() => {
        (data.versions['1.0.0'] as { version: string }).version = '6.6.6';
      }).toThrow(TypeError);
      expect(() => {
        delete (data as Record<string, unknown>).readme;
      }).toThrow(TypeError);
      expect(data.name).toBe(name);
    }

    it('freezes data however it was obtained, and a later subscriber sees the original', async () => {
      const doc = packument('frozen', ['1.0.0']);
      fixture.server.publish(doc);
      const cache = await newCacheFolder();
      const writer = client(cache, { 'cache-min': 0 });

      const miss = await lastValueFrom(writer.client.get<Packument>('/frozen'));
      expect(miss.cacheStatus).toBe('miss');
      expectFrozen(miss, 'frozen');

      const hit = await lastValueFrom(writer.client.get<Packument>('/frozen', 3600));
      expect(hit.cacheStatus).toBe('hit');
      expect(hit.data).toEqual(doc);
      expectFrozen(hit, 'frozen');

      const [stale, revalidated] = await firstValueFrom(writer.client.get<Packument>('/frozen', { staleOk: true }).pipe(toArray(), timeout(3000)));
      expect([stale.cacheStatus, revalidated.cacheStatus]).toEqual(['stale', 'revalidated']);
      expectFrozen(stale, 'frozen');
      expectFrozen(revalidated, 'frozen');
      expect(revalidated.data).toEqual(doc);

      fixture.server.publish(packument('frozen', ['1.0.0', '1.1.0']));
      const updated = await lastValueFrom(writer.client.get<Packument>('/frozen'));
      expect(updated.cacheStatus).toBe('updated');
      expectFrozen(updated, 'frozen');
      await writer.close();

      const { client: reader } = client(cache);
      const fromDisk = await lastValueFrom(reader.get<Packument>('/frozen', 3600));
      expect(fromDisk.cacheStatus).toBe('hit');
      expect(fromDisk.data['dist-tags'].latest).toBe('1.1.0');
      expectFrozen(fromDisk, 'frozen');
    });

    it('lets no subscriber of a shared request change what the others receive', async () => {
      const doc = packument('frozen-shared', ['1.0.0']);
      fixture.server.publish(doc);
      const { client: reader } = client(await newCacheFolder());
      const seen: unknown[] = [];
      const attempts: unknown[] = [];
      const shared = reader.get<Packument>('/frozen-shared');

      await Promise.all(
        [1, 2, 3].map(() =>
          lastValueFrom(shared).then((res) => {
            try {
              (res.data as { name: string }).name = 'mine now';
            } catch (error) {
              attempts.push(error);
            }
            seen.push(JSON.parse(JSON.stringify(res.data)));
          }),
        ),
      );

      expect(attempts).toHaveLength(3);
      expect(seen).toEqual([doc, doc, doc]);
      expect((await lastValueFrom(reader.get<Packument>('/frozen-shared', 3600))).data).toEqual(doc);
    });
  });

  describe('persistence', () => {
    it('lets a new client on the same folder answer from disk (hit) without a request', async () => {
      const doc = packument('persisted', ['1.0.0', '2.0.0'], { readmeBytes: 20_000 });
      fixture.server.publish(doc);
      const cache = await newCacheFolder();
      const writer = client(cache);
      const stored = await lastValueFrom(writer.client.get<Packument>('/persisted'));
      await writer.close();
      const before = fixture.server.requests.length;

      const { client: reader } = client(cache);
      const res = await lastValueFrom(reader.get<Packument>('/persisted', 3600));

      expect(res.cacheStatus).toBe('hit');
      expect(res.data).toEqual(doc);
      expect(res.raw).toBe(stored.raw);
      expect(res.headers.etag).toBe(stored.headers.etag);
      expect(fixture.server.requests.length).toBe(before);
    });

    it('keeps a revalidation (304) on disk: after a day-old copy is revalidated, a new client sees it as fresh', async () => {
      fixture.server.publish(packument('refreshed', ['1.0.0']));
      const cache = await newCacheFolder();
      const writer = client(cache);
      await lastValueFrom(writer.client.get('/refreshed'));
      await writer.close();
      await ageEntry(cache, fullKey(`${fixture.server.url}refreshed`), 24 * 60 * 60 * 1000);
      const revalidator = client(cache);
      const { cacheStatus } = await lastValueFrom(revalidator.client.get('/refreshed', 3600));
      expect(cacheStatus).toBe('revalidated');
      await revalidator.close();
      const before = fixture.server.requests.length;

      const { client: reader } = client(cache);
      const res = await lastValueFrom(reader.get('/refreshed', 3600));

      expect(res.cacheStatus).toBe('hit');
      expect(fixture.server.requests.length).toBe(before);
    });
    it('persists a revalidation that arrives while the first copy is still being written, and every one after it', async () => {
      const doc = packument('refreshed-early', ['1.0.0'], { readmeBytes: 200_000 });
      fixture.server.publish(doc);
      const cache = await newCacheFolder();
      const writer = client(cache, { 'cache-min': 0 });
      expect((await lastValueFrom(writer.client.get('/refreshed-early'))).cacheStatus).toBe('miss');
      // At once: the 200 kB body is most likely still on its way to the disk.
      expect((await lastValueFrom(writer.client.get('/refreshed-early'))).cacheStatus).toBe('revalidated');
      const lastAskedAt = Date.now();
      expect((await lastValueFrom(writer.client.get('/refreshed-early'))).cacheStatus).toBe('revalidated');
      await writer.close();

      const info = await cacache.get.info(cache, fullKey(`${fixture.server.url}refreshed-early`));
      expect((info?.metadata as CacheEntryMeta).storedAt).toBeGreaterThanOrEqual(lastAskedAt);
      const { client: reader } = client(cache);
      expect((await lastValueFrom(reader.get<Packument>('/refreshed-early', { offline: true }))).data).toEqual(doc);
    });
  });

  describe('the memory layer', () => {
    it('answers repeated reads after the first get without the disk: the folder emptied, the next get is still a hit', async () => {
      const doc = packument('in-memory', ['1.0.0']);
      fixture.server.publish(doc);
      const cache = await newCacheFolder();
      const { client: reader } = client(cache);
      const first = await lastValueFrom(reader.get<Packument>('/in-memory'));
      expect(first.cacheStatus).toBe('miss');
      await onDisk(cache, fullKey(`${fixture.server.url}in-memory`));

      await emptyFolder(cache);
      const second = await lastValueFrom(reader.get<Packument>('/in-memory', 3600));

      expect(second.cacheStatus).toBe('hit');
      expect(second.data).toEqual(doc);
      expect(fixture.server.requestsFor('/in-memory')).toHaveLength(1);
    });

    it('keeps what it read from disk: the folder emptied, the same client still hits; with memory-cache-size 0 a client has to fetch', async () => {
      const doc = packument('read-once', ['1.0.0']);
      fixture.server.publish(doc);
      const cache = await newCacheFolder();
      const writer = client(cache);
      await lastValueFrom(writer.client.get('/read-once'));
      await writer.close();
      const { client: reader } = client(cache);
      const { client: memoryless } = client(cache, { 'memory-cache-size': 0 });
      expect((await lastValueFrom(reader.get('/read-once', 3600))).cacheStatus).toBe('hit');
      expect((await lastValueFrom(memoryless.get('/read-once', 3600))).cacheStatus).toBe('hit');

      await emptyFolder(cache);

      const fromMemory = await lastValueFrom(reader.get<Packument>('/read-once', 3600));
      expect(fromMemory.cacheStatus).toBe('hit');
      expect(fromMemory.data).toEqual(doc);
      expect(fixture.server.requestsFor('/read-once')).toHaveLength(1);
      const fromDisk = await lastValueFrom(memoryless.get('/read-once', 3600));
      expect(fromDisk.cacheStatus).toBe('miss');
      expect(fixture.server.requestsFor('/read-once')).toHaveLength(2);
    });

    it('by default keeps as much as npm’s packument cache would: 100 documents of 1 MB (200 MB of heap, beyond a fixed 64 MiB) all hit from memory', async () => {
      const docs = Array.from({ length: 100 }, (_, i) => packument(`default-${i}`, ['1.0.0'], { readmeBytes: 1_000_000 }));
      for (const doc of docs) fixture.server.publish(doc);
      const cache = await newCacheFolder();
      const { client: reader } = client(cache);
      for (const doc of docs) await lastValueFrom(reader.get(`/${doc.name}`));
      for (const doc of docs) await onDisk(cache, fullKey(`${fixture.server.url}${doc.name}`));

      await emptyFolder(cache);

      const again = await Promise.all(docs.map(async (doc) => (await lastValueFrom(reader.get(`/${doc.name}`, 3600))).cacheStatus));
      expect(again).toEqual(docs.map(() => 'hit'));
      expect(docs.map((doc) => fixture.server.requestsFor(`/${doc.name}`).length)).toEqual(docs.map(() => 1));
    });

    it('holds no more than memory-cache-size bytes: a document beyond the budget is read from disk again', async () => {
      const small = packument('small-doc', ['1.0.0']);
      const big = packument('big-doc', ['1.0.0'], { readmeBytes: 50_000 });
      fixture.server.publish(small);
      fixture.server.publish(big);
      const cache = await newCacheFolder();
      const { client: reader } = client(cache, { 'memory-cache-size': 20_000 });
      // The big body counts against the budget while it waits to be written: the small one is fetched after that.
      await lastValueFrom(reader.get('/big-doc'));
      await onDisk(cache, fullKey(`${fixture.server.url}big-doc`));
      await lastValueFrom(reader.get('/small-doc'));
      await onDisk(cache, fullKey(`${fixture.server.url}small-doc`));

      await emptyFolder(cache);

      expect((await lastValueFrom(reader.get('/small-doc', 3600))).cacheStatus).toBe('hit');
      const bigAgain = await lastValueFrom(reader.get<Packument>('/big-doc', 3600));
      expect(bigAgain.cacheStatus).toBe('miss');
      expect(bigAgain.data).toEqual(big);
    });
  });
});
