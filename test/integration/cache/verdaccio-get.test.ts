import cacache from 'cacache';
import { firstValueFrom, lastValueFrom, toArray, timeout } from 'rxjs';
import { memoryStore, NotCachedError, RegistryClient, RegistryError, UndiciTransport, type RegistryClientOptions } from '../../../src';
import { startVerdaccio, type LocalRegistry } from '../../../src/verdaccio/start-verdaccio';
import { Cleanup } from '../../support/cleanup';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { collectLog } from '../../support/log-collector';
import { recordingTransport, type RecordingTransport } from '../../support/recording-transport';
import { tempCache, type TempCache } from '../../support/temp-cache';
import { record } from './bounded';
import { CORGI_ACCEPT } from './packument-server';
import { newUser, pathOf, publishBody } from '../../support/verdaccio-fixtures';

interface Doc {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, { version: string }>;
  time?: Record<string, string>;
  readme?: string;
  modified?: string;
}

describe('get() against Verdaccio: real ETags, real 304s, a real cacache folder', () => {
  let registry: LocalRegistry;
  let authToken: Record<string, string>;
  const open = new Cleanup();
  const caches: TempCache[] = [];

  beforeAll(async () => {
    registry = await startVerdaccio();
    const admin = new RegistryClient({ registry: registry.url, cache: memoryStore(), ...FAST_RETRY });
    try {
      const res = await lastValueFrom(admin.request<{ token: string }>('PUT', '/-/user/org.couchdb.user:cache-tester', newUser('cache-tester', 'a-long-enough-password')));
      authToken = { [`//${new URL(registry.url).host}/:_authToken`]: res.data.token };
    } finally {
      await admin.close();
    }
  }, 60_000);
  afterEach(() => open.closeAll());
  afterAll(async () => {
    await registry?.close();
    await Promise.all(caches.map((c) => c.remove()));
  });

  async function newCacheFolder(): Promise<string> {
    const made = await tempCache();
    caches.push(made);
    return made.path;
  }

  /** A client on `cache` whose every request on the wire is recorded; `close` may be called early, and only closes once. */
  function reader(cache: string, settings: RegistryClientOptions = {}): { client: RegistryClient; sent: RecordingTransport['sent']; close: () => Promise<void> } {
    const transport = recordingTransport(new UndiciTransport({ maxSockets: 4, tls: { strictSsl: true }, proxy: {} }));
    const client = new RegistryClient({ registry: registry.url, cache, transport, ...FAST_RETRY, ...settings });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= client.close());
    open.track({ close });
    return { client, sent: transport.sent, close };
  }

  /** Publishes through a client of its own (its own cache): to the reader this is someone else's publish. */
  async function publishElsewhere(name: string, version: string): Promise<void> {
    const publisher = new RegistryClient({ registry: registry.url, cache: memoryStore(), ...authToken, ...FAST_RETRY });
    try {
      const res = await lastValueFrom(publisher.request('PUT', pathOf(name), publishBody(name, version, registry.url)));
      expect(res.statusCode).toBe(201);
    } finally {
      await publisher.close();
    }
  }

  it('stores the first get (miss), then revalidates with the stored ETag: Verdaccio answers 304 and the same data comes back as revalidated', async () => {
    await publishElsewhere('cache-etag', '1.0.0');
    const collector = collectLog();
    const { client, sent } = reader(await newCacheFolder(), { 'cache-min': 0, log: collector.log });

    const first = await lastValueFrom(client.get<Doc>('/cache-etag'));
    expect(first.cacheStatus).toBe('miss');
    expect(first.statusCode).toBe(200);
    expect(first.data.name).toBe('cache-etag');
    expect(first.headers.etag).toMatch(/^"/);
    expect(first.headers['last-modified']).toBeUndefined();
    expect(sent[0].headers.accept).toBe('application/json');
    expect(sent[0].headers['if-none-match']).toBeUndefined();

    const second = await lastValueFrom(client.get<Doc>('/cache-etag'));
    expect(second.cacheStatus).toBe('revalidated');
    expect(sent).toHaveLength(2);
    expect(sent[1].headers['if-none-match']).toBe(first.headers.etag);
    expect(sent[1].headers['if-modified-since']).toBeUndefined();
    expect(collector.withPrefix('fetch').map((l) => l.message.split(' ').slice(0, 2).join(' '))).toEqual(['GET 200', 'GET 304']);
    expect(second.statusCode).toBe(200);
    expect(second.data).toEqual(first.data);
    expect(second.raw).toBe(first.raw);
  });

  it('brings a version published elsewhere as updated, stores its new ETag, and revalidates against that one', async () => {
    await publishElsewhere('cache-update', '1.0.0');
    const { client, sent } = reader(await newCacheFolder(), { 'cache-min': 0 });
    const before = await lastValueFrom(client.get<Doc>('/cache-update'));
    expect(before.cacheStatus).toBe('miss');

    await publishElsewhere('cache-update', '1.1.0');
    const after = await lastValueFrom(client.get<Doc>('/cache-update'));

    expect(after.cacheStatus).toBe('updated');
    expect(sent[1].headers['if-none-match']).toBe(before.headers.etag);
    expect(after.data['dist-tags'].latest).toBe('1.1.0');
    expect(Object.keys(after.data.versions).sort()).toEqual(['1.0.0', '1.1.0']);
    expect(after.headers.etag).not.toBe(before.headers.etag);

    const again = await lastValueFrom(client.get<Doc>('/cache-update'));
    expect(again.cacheStatus).toBe('revalidated');
    expect(sent[2].headers['if-none-match']).toBe(after.headers.etag);
    expect(again.data['dist-tags'].latest).toBe('1.1.0');
  });

  it('asks for the abbreviated document with the corgi Accept and caches it apart from the full one', async () => {
    await publishElsewhere('cache-corgi', '1.0.0');
    const cache = await newCacheFolder();
    const { client, sent, close } = reader(cache);

    const full = await lastValueFrom(client.get<Doc>('/cache-corgi'));
    const corgi = await lastValueFrom(client.get<Doc>('/cache-corgi', { fullMetadata: false }));

    expect(full.cacheStatus).toBe('miss');
    expect(corgi.cacheStatus).toBe('miss');
    expect(sent.map((r) => r.headers.accept)).toEqual(['application/json', CORGI_ACCEPT]);
    // Verdaccio's abbreviated document keeps `time` but, like npm's, drops the readme.
    expect(full.data.readme).toBe('# cache-corgi\n');
    expect(corgi.data.readme).toBeUndefined();
    expect(Object.keys(corgi.data).sort()).not.toEqual(Object.keys(full.data).sort());
    expect(corgi.data.versions['1.0.0'].version).toBe('1.0.0');
    expect(corgi.raw).not.toBe(full.raw);

    // Each variant answers from its own entry: no request, and neither is mistaken for the other.
    const fullAgain = await lastValueFrom(client.get<Doc>('/cache-corgi', 3600));
    const corgiAgain = await lastValueFrom(client.get<Doc>('/cache-corgi', { fullMetadata: false, timeout: 3600 }));
    expect([fullAgain.cacheStatus, corgiAgain.cacheStatus]).toEqual(['hit', 'hit']);
    expect(fullAgain.raw).toBe(full.raw);
    expect(corgiAgain.raw).toBe(corgi.raw);
    expect(sent).toHaveLength(2);

    await close();
    const url = `${registry.url}cache-corgi`;
    expect((await cacache.get(cache, `rxnpm:get:corgi:${url}`)).data.toString()).toBe(corgi.raw);
    expect((await cacache.get(cache, `rxnpm:get:full:${url}`)).data.toString()).toBe(full.raw);
  });

  it('with staleOk and an expired copy emits the copy (stale), then the revalidated one, then completes', async () => {
    await publishElsewhere('cache-stale', '1.0.0');
    const { client, sent } = reader(await newCacheFolder(), { 'cache-min': 0 });
    const first = await lastValueFrom(client.get<Doc>('/cache-stale'));

    const both = await firstValueFrom(client.get<Doc>('/cache-stale', { staleOk: true }).pipe(toArray(), timeout(3000)));

    expect(both.map((r) => r.cacheStatus)).toEqual(['stale', 'revalidated']);
    expect(both[0].data).toEqual(first.data);
    expect(both[1].data).toEqual(first.data);
    expect(sent).toHaveLength(2);
    expect(sent[1].headers['if-none-match']).toBe(first.headers.etag);
  });

  it('with staleOk and an expired copy that changed meanwhile emits the old copy (stale), then the new one (updated)', async () => {
    await publishElsewhere('cache-stale-new', '1.0.0');
    const { client } = reader(await newCacheFolder(), { 'cache-min': 0 });
    await lastValueFrom(client.get<Doc>('/cache-stale-new'));
    await publishElsewhere('cache-stale-new', '2.0.0');

    const both = await firstValueFrom(client.get<Doc>('/cache-stale-new', -1, false, true).pipe(toArray(), timeout(3000)));
    expect(both.map((r) => r.cacheStatus)).toEqual(['stale', 'updated']);
    expect(both[0].data['dist-tags'].latest).toBe('1.0.0');
    expect(both[1].data['dist-tags'].latest).toBe('2.0.0');
  });

  it('answers from a copy younger than timeout seconds alone: hit, no request (options and positional forms)', async () => {
    await publishElsewhere('cache-fresh', '1.0.0');
    const { client, sent } = reader(await newCacheFolder(), { 'cache-min': 0 });
    const first = await lastValueFrom(client.get<Doc>('/cache-fresh'));

    const byOptions = await firstValueFrom(client.get<Doc>('/cache-fresh', { timeout: 600 }).pipe(toArray()));
    const positional = await firstValueFrom(client.get<Doc>('/cache-fresh', 600).pipe(toArray()));

    expect(byOptions.map((r) => r.cacheStatus)).toEqual(['hit']);
    expect(positional.map((r) => r.cacheStatus)).toEqual(['hit']);
    expect(byOptions[0].data).toEqual(first.data);
    expect(sent).toHaveLength(1);
  });

  it('keeps a copy fresh for cache-min seconds even when get asks for timeout -1', async () => {
    await publishElsewhere('cache-min-floor', '1.0.0');
    const { client, sent } = reader(await newCacheFolder(), { 'cache-min': 600 });
    await lastValueFrom(client.get('/cache-min-floor'));

    const again = await lastValueFrom(client.get('/cache-min-floor', -1));

    expect(again.cacheStatus).toBe('hit');
    expect(sent).toHaveLength(1);
  });

  it('forgets the cached packument after a dist-tag is set through the same client: the next get, even with a large timeout, has the tag', async () => {
    await publishElsewhere('cache-tagged', '1.0.0');
    const { client, sent } = reader(await newCacheFolder(), authToken);
    const before = await lastValueFrom(client.get<Doc>('/cache-tagged'));
    expect(before.data['dist-tags'].beta).toBeUndefined();

    const tagged = await lastValueFrom(client.request('PUT', '/-/package/cache-tagged/dist-tags/beta', JSON.stringify('1.0.0')));
    expect(tagged.statusCode).toBe(201);
    const after = await lastValueFrom(client.get<Doc>('/cache-tagged', 3600));

    expect(['miss', 'updated']).toContain(after.cacheStatus);
    expect(after.data['dist-tags']).toEqual({ latest: '1.0.0', beta: '1.0.0' });
    expect(sent.filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('removes the invalidated documents from disk too: another client on the folder finds nothing offline', async () => {
    await publishElsewhere('cache-tagged-disk', '1.0.0');
    const cache = await newCacheFolder();
    const { client, close } = reader(cache, authToken);
    await lastValueFrom(client.get('/cache-tagged-disk'));
    await lastValueFrom(client.get('/cache-tagged-disk', { fullMetadata: false }));
    await lastValueFrom(client.request('PUT', '/-/package/cache-tagged-disk/dist-tags/next', JSON.stringify('1.0.0')));
    await close();

    const { client: offline, sent } = reader(cache);
    const full = await failureOf(offline.get('/cache-tagged-disk', { offline: true }));
    const corgi = await failureOf(offline.get('/cache-tagged-disk', { fullMetadata: false, offline: true }));

    expect(full).toBeInstanceOf(NotCachedError);
    expect(corgi).toMatchObject({ code: 'ENOTCACHED' });
    expect(sent).toHaveLength(0);
  });

  it('forgets both variants and a cached version document after a publish through the same client', async () => {
    await publishElsewhere('cache-republished', '1.0.0');
    const { client } = reader(await newCacheFolder(), authToken);
    await lastValueFrom(client.get('/cache-republished'));
    await lastValueFrom(client.get('/cache-republished', { fullMetadata: false }));
    const latestBefore = await lastValueFrom(client.get<{ version: string }>('/cache-republished/latest'));
    expect(latestBefore.data.version).toBe('1.0.0');

    const published = await lastValueFrom(client.request('PUT', '/cache-republished', publishBody('cache-republished', '1.1.0', registry.url)));
    expect(published.statusCode).toBe(201);

    const full = await lastValueFrom(client.get<Doc>('/cache-republished', 3600));
    const corgi = await lastValueFrom(client.get<Doc>('/cache-republished', { fullMetadata: false, timeout: 3600 }));
    const latest = await lastValueFrom(client.get<{ version: string }>('/cache-republished/latest', 3600));
    expect(full.cacheStatus).not.toBe('hit');
    expect(full.data['dist-tags'].latest).toBe('1.1.0');
    expect(corgi.cacheStatus).not.toBe('hit');
    expect(corgi.data['dist-tags'].latest).toBe('1.1.0');
    expect(latest.cacheStatus).not.toBe('hit');
    expect(latest.data.version).toBe('1.1.0');
  });

  it('forgets a scoped package after a dist-tag is set on it', async () => {
    await publishElsewhere('@rxnpm/cache-scoped', '1.0.0');
    const { client } = reader(await newCacheFolder(), authToken);
    const before = await lastValueFrom(client.get<Doc>('/@rxnpm%2fcache-scoped'));
    expect(before.cacheStatus).toBe('miss');

    await lastValueFrom(client.request('PUT', '/-/package/@rxnpm%2fcache-scoped/dist-tags/beta', JSON.stringify('1.0.0')));
    const after = await lastValueFrom(client.get<Doc>('/@rxnpm%2fcache-scoped', 3600));

    expect(after.cacheStatus).not.toBe('hit');
    expect(after.data['dist-tags'].beta).toBe('1.0.0');
  });

  it('does not forget anything when a write fails', async () => {
    await publishElsewhere('cache-write-fails', '1.0.0');
    const { client, sent } = reader(await newCacheFolder(), authToken);
    await lastValueFrom(client.get('/cache-write-fails'));

    // Verdaccio refuses a tag on a version that does not exist (404).
    const error = await failureOf(client.request('PUT', '/-/package/cache-write-fails/dist-tags/beta', JSON.stringify('9.9.9')));
    expect(error).toBeInstanceOf(RegistryError);
    const after = await lastValueFrom(client.get('/cache-write-fails', 3600));

    expect(after.cacheStatus).toBe('hit');
    expect(sent.filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('watch emits the current packument, then a version published elsewhere', async () => {
    await publishElsewhere('cache-watched', '1.0.0');
    const { client } = reader(await newCacheFolder());
    const watching = record(client.watch<Doc>('cache-watched', { interval: 50 }));
    try {
      const current = await watching.value(1);
      expect(current.data['dist-tags'].latest).toBe('1.0.0');

      await publishElsewhere('cache-watched', '1.1.0');
      // Verdaccio may store a publish in steps (the version, then its tag): a poll can see a step in between.
      let n = 2;
      let updated = await watching.value(n);
      while (updated.data['dist-tags'].latest !== '1.1.0' && n < 5) updated = await watching.value(++n);

      expect(updated.data['dist-tags'].latest).toBe('1.1.0');
      expect(watching.values.slice(1).map((r) => r.cacheStatus)).toEqual(Array(n - 1).fill('updated'));
      expect(new Set(watching.values.map((r) => r.raw)).size).toBe(n);
      expect(updated.data.readme).toBeUndefined(); // the abbreviated document, watch's default
    } finally {
      watching.unsubscribe();
    }
  });
});
