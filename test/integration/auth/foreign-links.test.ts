import { tap } from 'rxjs';
import { BadResponseError, RegistryClient, memoryStore } from '../../../src';
import { TestingTransport } from '../../../src/testing';
import { Cleanup } from '../../support/cleanup';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { startForeignLinksRegistry, type ForeignLinksRegistry } from '../../support/foreign-links-registry';

/**
 * The registry's account answers name URLs for the client to fetch next: a
 * page's `urls.next`, a web login's `doneUrl`. A hostile or broken registry
 * may point them at another origin; the client follows neither there, so the
 * token it sends never leaves the registry, and the other host cannot choose
 * the token the user is logged in with.
 */

const open = new Cleanup();
afterEach(() => open.closeAll());

async function setup(): Promise<{ hosts: ForeignLinksRegistry; client: RegistryClient; token: string }> {
  const hosts = open.track(await startForeignLinksRegistry());
  const token = 'npm_the_users_own_session_token';
  const config = { registry: hosts.registry.url, cache: memoryStore(), env: {}, ...FAST_RETRY, [`//${hosts.registry.host}/:_authToken`]: token };
  return { hosts, client: open.track(new RegistryClient(config)), token };
}

describe('a link from the registry to another origin', () => {
  it('tokens.list emits the registry’s page, then fails with EBADRESPONSE instead of fetching a urls.next on another host', async () => {
    const { hosts, client, token } = await setup();
    const seen: string[] = [];

    const error = await failureOf(client.tokens.list().pipe(tap((listed) => seen.push(listed.key))));

    expect(error).toBeInstanceOf(BadResponseError);
    expect(error).toMatchObject({ code: 'EBADRESPONSE', message: expect.stringContaining(`another host (${new URL(hosts.elsewhere.url).origin})`) });
    expect(seen).toEqual(['a'.repeat(32)]);
    expect(hosts.elsewhere.requests).toHaveLength(0);
    expect(hosts.registry.requests.every((req) => req.headers.authorization === `Bearer ${token}`)).toBe(true);
  });

  it('loginWeb fails with EBADRESPONSE instead of polling a doneUrl on another host', async () => {
    const { hosts, client, token } = await setup();
    const events: string[] = [];

    const error = await failureOf(client.loginWeb().pipe(tap((event) => events.push(event.type))));

    expect(error).toBeInstanceOf(BadResponseError);
    expect(error).toMatchObject({ code: 'EBADRESPONSE', message: expect.stringContaining('doneUrl') });
    expect(events).toEqual([]);
    expect(hosts.elsewhere.requests).toHaveLength(0);
    // The failed login left the user's own token in use: the other host's token was never fetched.
    expect(hosts.registry.requests.every((req) => req.headers.authorization === `Bearer ${token}`)).toBe(true);
  });
});

describe('paging through an injected transport', () => {
  const registry = 'http://127.0.0.1:4873/';

  function injected() {
    const transport = new TestingTransport({ registry });
    const client = new RegistryClient({ registry, cache: memoryStore(), transport, 'fetch-retries': 0, '//127.0.0.1:4873/:_authToken': 'npm_secret' });
    return { transport, client };
  }

  it('a urls.next on another port of the same host is another origin: not requested', async () => {
    const { transport, client } = injected();
    const done = failureOf(client.tokens.list());
    transport.expectOne('GET', '/-/npm/v1/tokens').flush({ objects: [{ key: 'k1', token: 'npm_k1' }], urls: { next: 'http://127.0.0.1:4874/-/npm/v1/tokens?page=1' } });

    expect(await done).toMatchObject({ code: 'EBADRESPONSE' });
    transport.verify();
  });

  it('a urls.next that was fetched already ends the paging with EBADRESPONSE instead of looping', async () => {
    const { transport, client } = injected();
    const listed: string[] = [];
    const done = failureOf(client.tokens.list().pipe(tap((t) => listed.push(t.key))));
    const page = (key: string) => ({ objects: [{ key, token: 'npm_xx' }], urls: { next: `${registry}-/npm/v1/tokens?page=1` } });
    transport.expectOne('GET', '/-/npm/v1/tokens').flush(page('k1'));
    transport.expectOne('GET', '/-/npm/v1/tokens?page=1').flush(page('k2'));

    expect(await done).toMatchObject({ code: 'EBADRESPONSE', message: expect.stringContaining('loop') });
    expect(listed).toEqual(['k1', 'k2']);
    transport.verify();
  });

  it('a page whose objects are not tokens is EBADRESPONSE', async () => {
    const { transport, client } = injected();
    const done = failureOf(client.tokens.list());
    transport.expectOne('GET', '/-/npm/v1/tokens').flush({ objects: 'npm_abc', urls: { next: null } });

    expect(await done).toMatchObject({ code: 'EBADRESPONSE' });
  });
});
