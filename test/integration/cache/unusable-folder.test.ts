import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { CacheError, RegistryClient } from '../../../src';
import { sendJson, startServer, type TestServer } from '../../support/start-server';
import { tempCache, type TempCache } from '../../support/temp-cache';

describe('a cache folder that cannot be used', () => {
  let server: TestServer;
  let cache: TempCache;

  beforeAll(async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { name: 'widget', version: '1.0.0' }));
  });
  beforeEach(async () => {
    cache = await tempCache();
  });
  afterEach(() => cache.remove());
  afterAll(() => server.close());

  it('a get fails with ECACHE, naming the folder, and sends nothing', async () => {
    const file = join(cache.path, 'not-a-folder');
    await writeFile(file, 'plain file');
    const client = new RegistryClient({ registry: server.url, cache: file });
    const requestsBefore = server.requests.length;

    const failure = await lastValueFrom(client.get('/widget')).catch((error: unknown) => error);
    await client.close();

    expect(failure).toBeInstanceOf(CacheError);
    expect(failure).toMatchObject({ code: 'ECACHE', folder: file, cause: expect.objectContaining({ code: 'ENOTDIR' }) });
    expect(server.requests.length).toBe(requestsBefore);
  });
});
