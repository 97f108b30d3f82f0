import { lastValueFrom } from 'rxjs';
import { HttpError } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { collectLog } from '../../support/log-collector';
import { lines, registryApiEnv } from './fixtures';

const ADA = { name: 'ada', email: 'ada@example.org' };

describe('429 with Retry-After on writes', () => {
  const env = registryApiEnv();

  async function world() {
    const registry = await env.registry();
    const token = registry.addUser(ADA.name, ADA.email);
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0', '1.1.0'], maintainers: [ADA] });
    return { registry, token };
  }

  it('a dist-tag PUT answered 429 Retry-After: 1 is retried after the wait capped at fetch-retry-maxtimeout, and lands', async () => {
    const { registry, token } = await world();
    registry.failNext({ method: 'PUT', count: 1, status: 429, headers: { 'retry-after': '1' }, body: { error: 'rate limited' } });
    const collector = collectLog();

    const res = await lastValueFrom(env.client(registry, token, { log: collector.log }).distTags.add('left-pad', '1.0.0', 'next'));

    expect(res.statusCode).toBe(201);
    expect(lines(registry.requests)).toEqual(['PUT /-/package/left-pad/dist-tags/next', 'PUT /-/package/left-pad/dist-tags/next']);
    expect(registry.requests.map((r) => r.body())).toEqual(['"1.0.0"', '"1.0.0"']);
    expect(registry.packument('left-pad')!['dist-tags']).toEqual({ latest: '1.1.0', next: '1.0.0' });
    const retries = collector.withPrefix('retry');
    expect(retries).toHaveLength(1);
    // 1 s asked, capped at FAST_RETRY's 50 ms maximum.
    expect(retries[0].message).toContain('E429');
    expect(retries[0].message).toContain(`in ${FAST_RETRY['fetch-retry-maxtimeout']}ms`);
  });

  it('Retry-After: 0 is honoured over the backoff: the retry is asked for at once', async () => {
    const { registry, token } = await world();
    registry.failNext({ method: 'PUT', count: 1, status: 429, headers: { 'retry-after': '0' } });
    const collector = collectLog();

    await lastValueFrom(env.client(registry, token, { log: collector.log }).distTags.add('left-pad', '1.0.0', 'next'));

    expect(registry.requests).toHaveLength(2);
    expect(collector.withPrefix('retry').map((l) => l.message)).toEqual([expect.stringContaining('in 0ms')]);
  });

  it('a read-modify-write whose PUT is rate limited retries only the PUT, under the same revision, and lands', async () => {
    const { registry, token } = await world();
    registry.addUser('grace', 'grace@example.org');
    const rev = registry.packument('left-pad')!._rev;
    registry.failNext({ method: 'PUT', count: 1, status: 429, headers: { 'retry-after': '1' } });

    await lastValueFrom(env.client(registry, token).owner.add('left-pad', 'grace'));

    expect(lines(registry.requests)).toEqual([
      'GET /-/user/org.couchdb.user:grace',
      'GET /left-pad?write=true',
      `PUT /left-pad/-rev/${rev}`,
      `PUT /left-pad/-rev/${rev}`,
    ]);
    expect(registry.packument('left-pad')!.maintainers.map((m) => m.name)).toEqual(['ada', 'grace']);
  });

  it('gives up after fetch-retries + 1 attempts with the last 429', async () => {
    const { registry, token } = await world();
    registry.failNext({ method: 'PUT', count: 5, status: 429, headers: { 'retry-after': '1' } });

    const error = await failureOf(env.client(registry, token, { 'fetch-retries': 2 }).distTags.add('left-pad', '1.0.0', 'next'));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E429', statusCode: 429 });
    expect(registry.requests).toHaveLength(3);
    expect(registry.packument('left-pad')!['dist-tags']).toEqual({ latest: '1.1.0' });
  });
});
