import { lastValueFrom, toArray } from 'rxjs';
import { HttpError, RegistryClient, type RegistryClientOptions } from '../../../src';
import { startVerdaccio, type LocalRegistry } from '../../../src/verdaccio/start-verdaccio';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { tempCache, type TempCache } from '../../support/temp-cache';
import { newUser } from '../../support/verdaccio-fixtures';

/** `tokens.list/create/revoke` against Verdaccio's `/-/npm/v1/tokens` (its token storage in the default local database). */
describe('tokens against Verdaccio', () => {
  const USER = 'token-keeper';
  const PASSWORD = 'a-long-enough-password';
  let registry: LocalRegistry;
  let cache: TempCache;
  let loginToken: string;
  const clients: RegistryClient[] = [];

  function client(config: RegistryClientOptions = {}): RegistryClient {
    const made = new RegistryClient({ registry: registry.url, cache: cache.path, ...FAST_RETRY, ...config });
    clients.push(made);
    return made;
  }
  const asUser = () => client({ [`//${new URL(registry.url).host}/:_authToken`]: loginToken });

  beforeAll(async () => {
    registry = await startVerdaccio();
    cache = await tempCache();
    const res = await lastValueFrom(client().request<{ token: string }>('PUT', `/-/user/org.couchdb.user:${USER}`, newUser(USER, PASSWORD)));
    loginToken = res.data.token;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await registry?.close();
    await cache?.remove();
  });

  it('creates tokens with the password, lists them by key, and revokes one by its key', async () => {
    const user = asUser();
    const plain = await lastValueFrom(user.tokens.create({ password: PASSWORD }));
    const limited = await lastValueFrom(user.tokens.create({ password: PASSWORD, readonly: true, cidr: ['192.0.2.0/24'] }));
    expect(plain.token.length).toBeGreaterThan(10);
    expect(plain.key).not.toBe(limited.key);
    expect(limited).toMatchObject({ readonly: true });

    const listed = await lastValueFrom(user.tokens.list().pipe(toArray()));
    expect(listed.map((t) => t.key).sort()).toEqual([plain.key, limited.key].sort());
    // Verdaccio lists only a masked start of each secret, never the secret.
    for (const t of listed) expect([plain.token, limited.token]).not.toContain(t.token);
    expect(listed.find((t) => t.key === limited.key)).toMatchObject({ readonly: true });

    await lastValueFrom(user.tokens.revoke(plain.key), { defaultValue: undefined });
    const left = await lastValueFrom(user.tokens.list().pipe(toArray()));
    expect(left.map((t) => t.key)).toEqual([limited.key]);
  });

  it('a token it created lists the tokens of its user', async () => {
    const made = await lastValueFrom(asUser().tokens.create({ password: PASSWORD }));
    const viaNew = client({ [`//${new URL(registry.url).host}/:_authToken`]: made.token });
    expect((await lastValueFrom(viaNew.tokens.list().pipe(toArray()))).map((t) => t.key)).toContain(made.key);
  });

  it('refuses a wrong password with 401, and an anonymous list with 401', async () => {
    const wrong = await failureOf(asUser().tokens.create({ password: 'not the password' }));
    expect(wrong).toBeInstanceOf(HttpError);
    expect((wrong as HttpError).statusCode).toBe(401);
    const anonymous = await failureOf(client().tokens.list());
    expect(anonymous).toBeInstanceOf(HttpError);
    expect((anonymous as HttpError).statusCode).toBe(401);
  });
});
