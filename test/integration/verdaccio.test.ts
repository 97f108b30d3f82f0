import { lastValueFrom } from 'rxjs';
import { HttpError, RegistryClient, UndiciTransport, type RegistryClientExtras, type RegistryClientOptions } from '../../src';
import { startVerdaccio, type LocalRegistry } from '../../src/verdaccio/start-verdaccio';
import { failureOf } from '../support/failure-of';
import { FAST_RETRY } from '../support/fast-retry';
import { collectLog } from '../support/log-collector';
import { recordingTransport } from '../support/recording-transport';
import { tempCache, type TempCache } from '../support/temp-cache';
import { newUser, publishBody } from '../support/verdaccio-fixtures';

describe('against Verdaccio, a real npm registry on 127.0.0.1', () => {
  let registry: LocalRegistry;
  let cache: TempCache;
  let nerfDart: string;
  const clients: RegistryClient[] = [];
  const USER = 'rxnpm-tester';
  const PASSWORD = 'correct-horse-battery';
  let token: string;

  function client(config: RegistryClientOptions & RegistryClientExtras = {}): RegistryClient {
    const made = new RegistryClient({ registry: registry.url, cache: cache.path, ...FAST_RETRY, ...config });
    clients.push(made);
    return made;
  }

  function realTransport() {
    return recordingTransport(new UndiciTransport({ maxSockets: 4, tls: { strictSsl: true }, proxy: {} }));
  }

  beforeAll(async () => {
    registry = await startVerdaccio();
    cache = await tempCache();
    nerfDart = `//${new URL(registry.url).host}/`;
    const res = await lastValueFrom(client().request<{ ok: unknown; token: string }>('PUT', `/-/user/org.couchdb.user:${USER}`, newUser(USER, PASSWORD)));
    token = res.data.token;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await registry?.close();
    await cache?.remove();
  });

  it('answers GET /-/ping with 200', async () => {
    const res = await lastValueFrom(client().request('GET', '/-/ping'));
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({});
    expect(res.cacheStatus).toBe('skip');
  });

  it('creates a user with PUT /-/user/org.couchdb.user:NAME and answers 201 with a token', async () => {
    const name = 'rxnpm-newcomer';
    const res = await lastValueFrom(client().request<{ ok: unknown; token: string }>('PUT', `/-/user/org.couchdb.user:${name}`, newUser(name, 'another-long-password')));
    expect(res.statusCode).toBe(201);
    expect(typeof res.data.token).toBe('string');
    expect(res.data.token.length).toBeGreaterThan(0);
  });

  it('sends a token scoped to the registry host on GET /-/whoami, which names the user', async () => {
    const transport = realTransport();
    const authed = client({ [`${nerfDart}:_authToken`]: token, transport });

    const res = await lastValueFrom(authed.request<{ username?: string }>('GET', '/-/whoami'));

    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ username: USER });
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0].method).toBe('GET');
    expect(transport.sent[0].headers.authorization).toBe(`Bearer ${token}`);
  });

  it('sends no token on GET /-/whoami when the token is scoped to another host, and Verdaccio answers 200 {}', async () => {
    const transport = realTransport();
    const elsewhere = client({ '//127.0.0.1:1/:_authToken': token, transport });

    const res = await lastValueFrom(elsewhere.request<{ username?: string }>('GET', '/-/whoami'));

    expect(res.data).toEqual({});
    expect(transport.sent[0].headers.authorization).toBeUndefined();
  });

  // Verdaccio 6.8 checks the password of an existing user: a wrong one is 401, the right one 409.
  it('refuses to add an existing user with a wrong password: E401, in one request with no retry', async () => {
    const collector = collectLog();
    const error = await failureOf(client({ log: collector.log }).request('PUT', `/-/user/org.couchdb.user:${USER}`, newUser(USER, 'a-wrong-password')));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E401', statusCode: 401, method: 'PUT', body: { error: 'unauthorized access' } });
    expect((error as HttpError).message).toContain('unauthorized access');
    expect(collector.withPrefix('fetch')).toHaveLength(1);
    expect(collector.withPrefix('retry')).toHaveLength(0);
  });

  it('refuses to add an existing user again with the same password: E409, in one request with no retry', async () => {
    const collector = collectLog();
    const error = await failureOf(client({ log: collector.log }).request('PUT', `/-/user/org.couchdb.user:${USER}`, newUser(USER, PASSWORD)));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E409', statusCode: 409, method: 'PUT', body: { error: 'username is already registered' } });
    expect(collector.withPrefix('fetch')).toHaveLength(1);
    expect(collector.withPrefix('retry')).toHaveLength(0);
  });

  it('fails a GET of a missing package with E404 carrying the registry message, method, url and pkgid', async () => {
    const error = await failureOf(client().request('GET', '/rxnpm-no-such-package'));

    expect(error).toBeInstanceOf(HttpError);
    const err = error as HttpError;
    expect(err.code).toBe('E404');
    expect(err.statusCode).toBe(404);
    expect(err.method).toBe('GET');
    expect(err.url).toBe(`${registry.url}rxnpm-no-such-package`);
    expect(err.pkgid).toBe('rxnpm-no-such-package');
    expect(err.body).toEqual({ error: 'no such package available' });
    expect(err.message).toContain('no such package available');
  });

  it('keeps a token-like query value out of the 404 error it reports', async () => {
    const error = await failureOf(client().request('GET', `${registry.url}rxnpm-no-such-package?access_token=query-secret-0001`));

    expect(error).toMatchObject({ code: 'E404', statusCode: 404, pkgid: 'rxnpm-no-such-package' });
    const err = error as HttpError;
    expect(err.url).toBe(`${registry.url}rxnpm-no-such-package?access_token=***`);
    for (const shown of [err.message, String(err), JSON.stringify(err)]) expect(shown).not.toContain('query-secret-0001');
  });

  it('publishes a version once (201) and refuses the same version again (E409)', async () => {
    const authed = client({ [`${nerfDart}:_authToken`]: token });
    const name = 'rxnpm-twice';

    const first = await lastValueFrom(authed.request('PUT', `/${name}`, publishBody(name, '1.0.0', registry.url)));
    expect(first.statusCode).toBe(201);

    const error = await failureOf(authed.request('PUT', `/${name}`, publishBody(name, '1.0.0', registry.url)));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E409', statusCode: 409, method: 'PUT', pkgid: name });
  });

  it('sends the etag argument of a GET as If-None-Match, and Verdaccio answers 304 with no data', async () => {
    const authed = client({ [`${nerfDart}:_authToken`]: token });
    const name = 'rxnpm-etag';
    await lastValueFrom(authed.request('PUT', `/${name}`, publishBody(name, '1.0.0', registry.url)));

    const full = await lastValueFrom(client().request<{ name: string }>('GET', `/${name}`));
    expect(full.statusCode).toBe(200);
    expect(full.data.name).toBe(name);
    const etag = full.headers.etag;
    expect(etag).toEqual(expect.any(String));

    const transport = realTransport();
    const again = await lastValueFrom(client({ transport }).request('GET', `/${name}`, undefined, etag));
    expect(transport.sent[0].headers['if-none-match']).toBe(etag);
    expect(again.statusCode).toBe(304);
    expect(again.data).toBeNull();
  });
});
