import { lastValueFrom } from 'rxjs';
import { RegistryClient } from '../../../src/client';
import { afterBody, sendJson, startServer, type TestServer } from '../../support/start-server';
import { tempCache, type TempCache } from '../../support/temp-cache';

/**
 * A write removes the package's own document from the shared cache folder,
 * but not its other documents (`/name/latest`, a version). Those are checked
 * against the marker the write leaves, so a client that did not make the
 * write (another process: here another client, with a memory of its own)
 * cannot serve them from before it.
 */
describe('a write seen by other clients of the same cache folder', () => {
  let server: TestServer;
  let cache: TempCache;
  let latest = '1.0.0';

  beforeAll(async () => {
    server = await startServer(
      afterBody((req, res) => {
        if (req.method === 'GET' && req.url === '/widget/latest') return sendJson(res, 200, { name: 'widget', version: latest });
        if (req.method === 'PUT' && req.url === '/-/package/widget/dist-tags/latest') {
          latest = '2.0.0';
          return sendJson(res, 201, { ok: true });
        }
        sendJson(res, 404, { error: 'not found' });
      }),
    );
  });
  beforeEach(async () => {
    cache = await tempCache();
    latest = '1.0.0';
  });
  afterEach(() => cache.remove());
  afterAll(() => server.close());

  const client = () =>
    new RegistryClient({ registry: server.url, cache: cache.path, 'fetch-retries': 0, [`//${server.host}/:_authToken`]: 'token' });
  const latestOf = (c: RegistryClient) => lastValueFrom(c.get<{ version: string }>('/widget/latest', 3600));

  it('the writer’s own later reads are fresh', async () => {
    const writer = client();
    expect((await latestOf(writer)).data.version).toBe('1.0.0');
    await lastValueFrom(writer.request('PUT', '/-/package/widget/dist-tags/latest', '"2.0.0"'));
    const after = await latestOf(writer);
    expect(after).toMatchObject({ cacheStatus: 'miss', data: { version: '2.0.0' } });
    await writer.close();
  });

  it('another client’s read after the write does not return the copy from before it', async () => {
    const reader = client();
    expect((await latestOf(reader)).data.version).toBe('1.0.0');
    await reader.close();

    const writer = client();
    await lastValueFrom(writer.request('PUT', '/-/package/widget/dist-tags/latest', '"2.0.0"'));
    await writer.close();

    const later = client();
    const requestsBefore = server.requests.length;
    const after = await latestOf(later);
    expect(after).toMatchObject({ cacheStatus: 'miss', data: { version: '2.0.0' } });
    expect(server.requests.length).toBe(requestsBefore + 1);
    await later.close();
  });

  it('a copy stored after the write is trusted again', async () => {
    const writer = client();
    await lastValueFrom(writer.request('PUT', '/-/package/widget/dist-tags/latest', '"2.0.0"'));
    expect((await latestOf(writer)).data.version).toBe('2.0.0');
    await writer.close();

    const later = client();
    const requestsBefore = server.requests.length;
    expect(await latestOf(later)).toMatchObject({ cacheStatus: 'hit', data: { version: '2.0.0' } });
    expect(server.requests.length).toBe(requestsBefore);
    await later.close();
  });
});
