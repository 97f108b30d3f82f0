import { lastValueFrom, toArray } from 'rxjs';
import { WebLoginUnsupportedError } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { lines } from '../registry-api/fixtures';
import { authApiEnv } from './fixtures';

describe('web login', () => {
  const env = authApiEnv();

  it('emits the login URL, polls doneUrl through its 202s and logs the client in with the token', async () => {
    const registry = await env.registry();
    registry.web.pending = 2;
    registry.web.retryAfter = '0';
    const client = env.client(registry, undefined, { env: {} });

    const events = await lastValueFrom(client.loginWeb().pipe(toArray()));

    expect(events).toEqual([
      { type: 'login-url', loginUrl: `${registry.url}login/cli/abc` },
      { type: 'logged-in', token: registry.web.token },
    ]);
    expect(lines(registry.requests)).toEqual(['POST /-/v1/login', 'GET /-/v1/done?sessionId=abc', 'GET /-/v1/done?sessionId=abc', 'GET /-/v1/done?sessionId=abc']);
    expect(JSON.parse(registry.requests[0].body())).toEqual({});
  });

  it('adduserWeb asks the registry for the page that creates an account', async () => {
    const registry = await env.registry();
    const client = env.client(registry);

    await lastValueFrom(client.adduserWeb());

    expect(JSON.parse(registry.requests[0].body())).toEqual({ create: true });
  });

  it.each([404, 405])('a registry answering %i falls back to the classic login with the credentials asked for', async (status) => {
    const registry = await env.registry();
    registry.web.status = status;
    const client = env.client(registry);

    const events = await lastValueFrom(client.loginWeb({ classic: () => Promise.resolve({ username: 'ada', password: 'pw', email: 'ada@example.org' }) }).pipe(toArray()));

    expect(events).toEqual([{ type: 'logged-in', token: registry.web.token, username: 'ada' }]);
    expect(lines(registry.requests)).toEqual(['POST /-/v1/login', 'PUT /-/user/org.couchdb.user:ada']);
  });

  it('without a classic fallback, a registry with no web login is ENOWEBLOGIN', async () => {
    const registry = await env.registry();
    registry.web.status = 404;
    const client = env.client(registry);

    const error = await failureOf(client.loginWeb());

    expect(error).toBeInstanceOf(WebLoginUnsupportedError);
    expect(error).toMatchObject({ code: 'ENOWEBLOGIN', statusCode: 404 });
  });
});
