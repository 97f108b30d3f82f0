import cacache from 'cacache';
import { firstValueFrom, lastValueFrom, materialize, timeout, toArray } from 'rxjs';
import { HttpError, NotCachedError, RegistryError } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { ageEntry, fullKey } from './cache-folder';
import { useCacheFixture } from './cache-fixture';
import { packument, type Packument } from './packument-server';

const DAY = 24 * 60 * 60 * 1000;

describe('cache modes on a real cacache folder, against a loopback registry', () => {
  const fixture = useCacheFixture();
  const { client } = fixture;
  const newCacheFolder = () => fixture.newCacheFolder();

  /** A folder holding `doc` as stored by a client that has since closed. */
  async function folderWith(doc: Packument, { ageMs = 0 } = {}): Promise<string> {
    fixture.server.publish(doc);
    const cache = await newCacheFolder();
    const writer = client(cache);
    expect((await lastValueFrom(writer.client.get(`/${doc.name}`))).cacheStatus).toBe('miss');
    await writer.close();
    if (ageMs) await ageEntry(cache, fullKey(`${fixture.server.url}${doc.name}`), ageMs);
    return cache;
  }

  it('offline with nothing cached fails with ENOTCACHED and sends nothing', async () => {
    fixture.server.publish(packument('never-cached', ['1.0.0']));
    const before = fixture.server.requests.length;
    const { client: reader } = client(await newCacheFolder());

    const error = await failureOf(reader.get('/never-cached', { offline: true }));

    expect(error).toBeInstanceOf(NotCachedError);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'ENOTCACHED', method: 'GET', url: `${fixture.server.url}never-cached` });
    expect(fixture.server.requests.length).toBe(before);
  });

  it('offline with a copy on disk answers from it (hit), however old, and sends nothing', async () => {
    const doc = packument('offline-copy', ['1.0.0', '1.1.0']);
    const cache = await folderWith(doc, { ageMs: 365 * DAY });
    const before = fixture.server.requests.length;
    const { client: reader } = client(cache);

    const res = await firstValueFrom(reader.get<Packument>('/offline-copy', { offline: true }).pipe(toArray()));

    expect(res.map((r) => r.cacheStatus)).toEqual(['hit']);
    expect(res[0].data).toEqual(doc);
    expect(res[0].statusCode).toBe(200);
    expect(res[0].headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(fixture.server.requests.length).toBe(before);
  });

  it('preferOffline answers from a day-old copy (hit) with no request, where a plain get would revalidate it', async () => {
    const doc = packument('prefer-offline', ['1.0.0']);
    const cache = await folderWith(doc, { ageMs: DAY });
    const before = fixture.server.requests.length;
    const { client: reader } = client(cache);

    const preferred = await lastValueFrom(reader.get<Packument>('/prefer-offline', { preferOffline: true, timeout: 60 }));
    expect(preferred.cacheStatus).toBe('hit');
    expect(preferred.data).toEqual(doc);
    expect(fixture.server.requests.length).toBe(before);

    // The copy really is too old for a 60-second timeout:
    const plain = await lastValueFrom(reader.get('/prefer-offline', 60));
    expect(plain.cacheStatus).toBe('revalidated');
    expect(fixture.server.requests.length).toBe(before + 1);
  });

  it('preferOffline with nothing cached asks the network (miss)', async () => {
    fixture.server.publish(packument('prefer-offline-empty', ['1.0.0']));
    const { client: reader } = client(await newCacheFolder());

    const res = await lastValueFrom(reader.get('/prefer-offline-empty', { preferOffline: true }));

    expect(res.cacheStatus).toBe('miss');
    expect(fixture.server.requestsFor('/prefer-offline-empty')).toHaveLength(1);
  });

  it('preferOnline revalidates a fresh copy with a conditional request', async () => {
    fixture.server.publish(packument('prefer-online', ['1.0.0']));
    const { client: reader } = client(await newCacheFolder());
    const first = await lastValueFrom(reader.get('/prefer-online', 3600));

    const again = await lastValueFrom(reader.get('/prefer-online', { preferOnline: true, timeout: 3600 }));

    expect(again.cacheStatus).toBe('revalidated');
    const sent = fixture.server.requestsFor('/prefer-online');
    expect(sent).toHaveLength(2);
    expect(sent[1].headers['if-none-match']).toBe(first.headers.etag);
    expect(fixture.server.answers.filter((a) => a.path === '/prefer-online').map((a) => a.status)).toEqual([200, 304]);
  });

  it('sends a URL with ?write=true to the network every time, even with a fresh copy, and stores nothing from it', async () => {
    fixture.server.publish(packument('write-true', ['1.0.0']));
    const cache = await newCacheFolder();
    const reader = client(cache);
    const cached = await lastValueFrom(reader.client.get<Packument>('/write-true'));
    expect(cached.cacheStatus).toBe('miss');
    fixture.server.publish(packument('write-true', ['1.0.0', '2.0.0']));

    const first = await lastValueFrom(reader.client.get<Packument>('/write-true?write=true', 3600));
    const second = await lastValueFrom(reader.client.get<Packument>('/write-true?write=true', 3600));

    expect([first.cacheStatus, second.cacheStatus]).toEqual(['skip', 'skip']);
    expect(first.data['dist-tags'].latest).toBe('2.0.0');
    const sent = fixture.server.requestsFor('/write-true');
    expect(sent.map((r) => r.url)).toEqual(['/write-true', '/write-true?write=true', '/write-true?write=true']);
    expect(sent[1].headers['if-none-match']).toBeUndefined();
    expect(sent[2].headers['if-none-match']).toBeUndefined();

    // Neither its own key nor the plain one took the write=true answer.
    const plain = await lastValueFrom(reader.client.get<Packument>('/write-true', 3600));
    expect(plain.cacheStatus).toBe('hit');
    expect(plain.data['dist-tags'].latest).toBe('1.0.0');
    await reader.close();
    expect(await cacache.get.info(cache, fullKey(`${fixture.server.url}write-true?write=true`))).toBeNull();
    expect((await cacache.get(cache, fullKey(`${fixture.server.url}write-true`))).data.toString()).toBe(cached.raw);
  });

  it('does not store a failed GET: a 404 leaves nothing for offline reads', async () => {
    const cache = await newCacheFolder();
    const reader = client(cache);

    const error = await failureOf(reader.client.get('/no-such-package'));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E404' });
    await reader.close();

    const { client: offline } = client(cache);
    expect(await failureOf(offline.get('/no-such-package', { offline: true }))).toMatchObject({ code: 'ENOTCACHED' });
  });

  it('with staleOk, a failed revalidation follows the stale value on the error channel, and the copy is kept', async () => {
    const doc = packument('stale-then-error', ['1.0.0']);
    const cache = await folderWith(doc);
    const { client: reader } = client(cache, { 'cache-min': 0, 'fetch-retries': 0 });
    fixture.server.failNext(1, 500);

    const events = await firstValueFrom(reader.get<Packument>('/stale-then-error', { staleOk: true }).pipe(materialize(), toArray(), timeout(3000)));

    expect(events.map((e) => e.kind)).toEqual(['N', 'E']);
    expect(events[0].kind === 'N' && events[0].value.cacheStatus).toBe('stale');
    expect(events[0].kind === 'N' && events[0].value.data).toEqual(doc);
    expect(events[1].kind === 'E' && events[1].error).toMatchObject({ code: 'E500', statusCode: 500 });
    const kept = await lastValueFrom(reader.get<Packument>('/stale-then-error', { offline: true }));
    expect(kept.cacheStatus).toBe('hit');
    expect(kept.data).toEqual(doc);
  });
});
