import { lastValueFrom, toArray } from 'rxjs';
import { RegistryClient, type RegistryRequest } from '../../../src/index';
import { memoryStore, TestingTransport } from '../../../src/testing';
import { collectLog } from '../../support/log-collector';

/**
 * The line `--loglevel http` prints for a read through the cache comes from
 * the library's logger (a hit never reaches the transport), in
 * npm-registry-fetch's words, with the URL's credentials masked as the log
 * interceptor masks them.
 */

const REGISTRY = 'http://127.0.0.1:4873/';
const PATH = '/p?token=not-for-the-log';
const isPackument = (req: RegistryRequest) => req.url.startsWith(`${REGISTRY}p?`);
const doc = (latest: string) => ({ name: 'p', 'dist-tags': { latest }, versions: { [latest]: { name: 'p', version: latest } } });

describe('the http line of a read through the cache', () => {
  it('says miss, hit, revalidated, stale and updated, once per read, without the token', async () => {
    const transport = new TestingTransport({ failUnexpected: true });
    const collected = collectLog();
    const client = new RegistryClient({ registry: REGISTRY, cache: memoryStore(), transport, log: collected.log });

    transport.expectOne('GET', isPackument).flush(doc('1.0.0'), { headers: { etag: '"1"' } });
    await lastValueFrom(client.get(PATH));
    // A copy younger than the timeout (seconds) answers alone.
    await lastValueFrom(client.get(PATH, { timeout: 600 }));
    transport.expectOne('GET', isPackument).flush(null, { status: 304, headers: { etag: '"1"' } });
    await lastValueFrom(client.get(PATH));
    transport.expectOne('GET', isPackument).flush(doc('1.1.0'), { headers: { etag: '"2"' } });
    await lastValueFrom(client.get(PATH, { staleOk: true }).pipe(toArray()));
    transport.verify();
    await client.close();

    const logged = `${REGISTRY}p?token=***`;
    expect(collected.withPrefix('cache').map(({ level, message }) => `${level} ${message.replace(/ \d+ms /, ' Nms ')}`)).toEqual([
      `http ${logged} Nms (cache miss)`,
      `http ${logged} Nms (cache hit)`,
      `http ${logged} Nms (cache revalidated)`,
      `http ${logged} Nms (cache stale)`,
      `http ${logged} Nms (cache updated)`,
    ]);
    expect(collected.text()).not.toContain('not-for-the-log');
  });
});
