import { lastValueFrom, take, toArray } from 'rxjs';
import { OtpRequiredError, type TokenInfo } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { lines } from '../registry-api/fixtures';
import { authApiEnv } from './fixtures';

describe('tokens', () => {
  const env = authApiEnv();

  it('lists every token, page after page through urls.next', async () => {
    const registry = await env.registry();
    const client = env.client(registry, registry.userToken);
    for (let i = 0; i < 4; i++) await lastValueFrom(client.tokens.create({ password: registry.password }));
    const before = registry.requests.length;

    const listed = await lastValueFrom(client.tokens.list().pipe(toArray()));

    expect(listed.map((t: TokenInfo) => t.key)).toEqual(registry.tokens.map((t) => t.key));
    expect(lines(registry.requests.slice(before))).toEqual(['GET /-/npm/v1/tokens', 'GET /-/npm/v1/tokens?page=1', 'GET /-/npm/v1/tokens?page=2']);
  });

  it('stops paging when the subscriber has taken what it wanted', async () => {
    const registry = await env.registry();
    const client = env.client(registry, registry.userToken);
    for (let i = 0; i < 4; i++) await lastValueFrom(client.tokens.create({ password: registry.password }));
    const before = registry.requests.length;

    await lastValueFrom(client.tokens.list().pipe(take(2)));

    expect(lines(registry.requests.slice(before))).toEqual(['GET /-/npm/v1/tokens']);
  });

  it('creates a read-only token limited to some addresses, sending the password in the body', async () => {
    const registry = await env.registry();
    const client = env.client(registry, registry.userToken);

    const created = await lastValueFrom(client.tokens.create({ password: registry.password, readonly: true, cidr: ['192.0.2.0/24'] }));

    expect(created).toMatchObject({ readonly: true, cidr_whitelist: ['192.0.2.0/24'] });
    expect(created.token).toBe(registry.tokens[1].token);
    const post = registry.requests[registry.requests.length - 1];
    expect(JSON.parse(post.body())).toEqual({ password: registry.password, readonly: true, cidr_whitelist: ['192.0.2.0/24'] });
  });

  it('keeps the password out of the error when the registry refuses it', async () => {
    const registry = await env.registry();
    const client = env.client(registry, registry.userToken);

    const error = await failureOf(client.tokens.create({ password: 'wrong secret' }));

    expect(error).toMatchObject({ code: 'E401' });
    expect(JSON.stringify(error) + String(error)).not.toContain('wrong secret');
  });

  it('revokes a token by its key, or by the token itself', async () => {
    const registry = await env.registry();
    const client = env.client(registry, registry.userToken);
    const first = await lastValueFrom(client.tokens.create({ password: registry.password }));
    const second = await lastValueFrom(client.tokens.create({ password: registry.password }));

    await lastValueFrom(client.tokens.revoke(first.key), { defaultValue: undefined });
    await lastValueFrom(client.tokens.revoke(second.token), { defaultValue: undefined });

    expect(registry.tokens.map((t) => t.token)).toEqual([registry.userToken]);
    expect(lines(registry.requests.slice(-2))).toEqual([`DELETE /-/npm/v1/tokens/token/${first.key}`, `DELETE /-/npm/v1/tokens/token/${second.token}`]);
  });

  it('asks the otpPrompt when the registry wants a one-time password', async () => {
    const registry = await env.registry();
    registry.otp = '424242';
    const withoutPrompt = env.client(registry, registry.userToken);
    const withPrompt = env.client(registry, registry.userToken, { otpPrompt: () => '424242' });

    expect(await failureOf(withoutPrompt.tokens.create({ password: registry.password }))).toBeInstanceOf(OtpRequiredError);
    const created = await lastValueFrom(withPrompt.tokens.create({ password: registry.password }));

    expect(created.token).toMatch(/^npm_/);
    expect(registry.requests[registry.requests.length - 1].headers['npm-otp']).toBe('424242');
  });
});

describe('profile', () => {
  const env = authApiEnv();

  it('reads the profile and changes it, sending null for an emptied field', async () => {
    const registry = await env.registry();
    const client = env.client(registry, registry.userToken);

    expect(await lastValueFrom(client.profile.get())).toMatchObject({ name: 'ada', email: 'ada@example.org' });
    const changed = await lastValueFrom(client.profile.set({ fullname: 'Ada Lovelace', homepage: '' }));

    expect(changed).toMatchObject({ fullname: 'Ada Lovelace', homepage: null });
    expect(JSON.parse(registry.requests[registry.requests.length - 1].body())).toEqual({ fullname: 'Ada Lovelace', homepage: null });
  });

  it('turns two-factor auth on in two steps and off again, with the one-time password once it is on', async () => {
    const registry = await env.registry();
    const client = env.client(registry, registry.userToken, { otpPrompt: () => '123456' });

    const challenge = await lastValueFrom(client.profile.set({ tfa: { password: registry.password, mode: 'auth-and-writes' } }));
    expect(challenge.tfa).toMatch(/^otpauth:\/\//);
    const confirmed = await lastValueFrom(client.profile.set({ tfa: ['123456'] }));
    expect(confirmed.tfa).toEqual(['recovery-1', 'recovery-2']);
    expect(registry.profile.tfa).toEqual({ mode: 'auth-and-writes', pending: false });

    registry.otp = '123456';
    await lastValueFrom(client.profile.set({ tfa: { password: registry.password, mode: 'disable' } }));

    expect(registry.profile.tfa).toBeNull();
    const disable = registry.requests[registry.requests.length - 1];
    expect(disable.headers['npm-otp']).toBe('123456');
  });
});
