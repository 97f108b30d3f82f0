import { lastValueFrom } from 'rxjs';
import { HttpError, RegistryError } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { lines, registryApiEnv } from './fixtures';

describe('logout against a registry that revokes tokens', () => {
  const env = registryApiEnv();

  it('revokes the token with DELETE /-/user/token/TOKEN, sent with that token', async () => {
    const registry = await env.registry();
    const token = registry.addUser('ada', 'ada@example.org');
    const client = env.client(registry, token);

    expect(await lastValueFrom(client.whoami())).toBe('ada');
    await lastValueFrom(client.logout(), { defaultValue: undefined });

    expect(lines(registry.requests)).toEqual(['GET /-/whoami', `DELETE /-/user/token/${token}`]);
    expect(registry.requests[1].headers.authorization).toBe(`Bearer ${token}`);
    expect(registry.isRevoked(token)).toBe(true);
  });

  it('afterwards the client sends no token, and whoami fails with ENEEDAUTH', async () => {
    const registry = await env.registry();
    const token = registry.addUser('ada', 'ada@example.org');
    const client = env.client(registry, token);

    await lastValueFrom(client.logout(), { defaultValue: undefined });
    const error = await failureOf(client.whoami());

    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'ENEEDAUTH' });
    const whoami = registry.requests[registry.requests.length - 1];
    expect(`${whoami.method} ${whoami.url}`).toBe('GET /-/whoami');
    expect(whoami.headers.authorization).toBeUndefined();
  });

  it('the revoked token no longer works for anyone: another client holding it is refused', async () => {
    const registry = await env.registry();
    const token = registry.addUser('ada', 'ada@example.org');
    const other = env.client(registry, token);
    expect(await lastValueFrom(other.whoami())).toBe('ada');

    await lastValueFrom(env.client(registry, token).logout(), { defaultValue: undefined });

    const error = await failureOf(other.whoami());
    expect(error).toMatchObject({ code: 'ENEEDAUTH' });
    expect(registry.requests[registry.requests.length - 1].headers.authorization).toBe(`Bearer ${token}`);
  });

  it('after logout, a write goes without credentials and the registry refuses it', async () => {
    const registry = await env.registry();
    const token = registry.addUser('ada', 'ada@example.org');
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0'], maintainers: [{ name: 'ada', email: 'ada@example.org' }] });
    const client = env.client(registry, token);

    await lastValueFrom(client.logout(), { defaultValue: undefined });
    const error = await failureOf(client.distTags.add('left-pad', '1.0.0', 'next'));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E401' });
    expect(registry.writes().map((r) => r.headers.authorization)).toEqual([`Bearer ${token}`, undefined]);
  });

  it('logs out of a token learned from adduser', async () => {
    const registry = await env.registry();
    const client = env.client(registry);

    const { token } = await lastValueFrom(client.adduser('grace', 'a long enough password', 'grace@example.org'));
    expect(await lastValueFrom(client.whoami())).toBe('grace');
    await lastValueFrom(client.logout(), { defaultValue: undefined });

    expect(registry.isRevoked(token)).toBe(true);
    expect(await failureOf(client.whoami())).toMatchObject({ code: 'ENEEDAUTH' });
    expect(registry.requests[registry.requests.length - 1].headers.authorization).toBeUndefined();
  });

  it('stops sending a token configured for the host when the registry lives in a folder of it', async () => {
    const registry = await env.registry({ basePath: '/npm/' });
    const token = registry.addUser('ada', 'ada@example.org');
    // `//host/:_authToken` covers `http://host/npm/`, as npm's longest-prefix lookup has it.
    const client = env.client(registry, token);
    expect(registry.url).toMatch(/\/npm\/$/);

    expect(await lastValueFrom(client.whoami())).toBe('ada');
    await lastValueFrom(client.logout(), { defaultValue: undefined });
    const error = await failureOf(client.whoami());

    expect(lines(registry.requests)).toEqual(['GET /npm/-/whoami', `DELETE /npm/-/user/token/${token}`, 'GET /npm/-/whoami']);
    expect(registry.isRevoked(token)).toBe(true);
    expect(registry.requests[2].headers.authorization).toBeUndefined();
    expect(error).toMatchObject({ code: 'ENEEDAUTH' });
  });

  it('without a token, logout is ENEEDAUTH and sends nothing', async () => {
    const registry = await env.registry();

    const error = await failureOf(env.client(registry).logout());

    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'ENEEDAUTH' });
    expect(registry.requests).toEqual([]);
  });

  it('a second logout after the first is ENEEDAUTH and sends nothing more', async () => {
    const registry = await env.registry();
    const token = registry.addUser('ada', 'ada@example.org');
    const client = env.client(registry, token);

    await lastValueFrom(client.logout(), { defaultValue: undefined });
    const error = await failureOf(client.logout());

    expect(error).toMatchObject({ code: 'ENEEDAUTH' });
    expect(registry.requests).toHaveLength(1);
  });
});
