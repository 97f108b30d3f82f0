import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import { HttpError } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { collectLog } from '../../support/log-collector';
import { sendJson, startServer, type TestServer } from '../../support/start-server';
import { lines } from '../registry-api/fixtures';
import { authApiEnv } from './fixtures';

const PKG = { name: '@ada/tool', version: '1.0.0' };
const TARBALL = Buffer.from('a tarball, as far as this registry cares');
const REQUEST_TOKEN = 'gha-request-token';

/** GitHub Actions' ID-token endpoint: answers `{ value }` to a request with the job's request token. */
async function startCi(env: ReturnType<typeof authApiEnv>, idToken: string): Promise<TestServer> {
  return env.track(
    await startServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) return sendJson(res, 401, { message: 'bad request token' });
      sendJson(res, 200, { count: 1, value: idToken });
    }),
  );
}

const githubEnv = (ci: TestServer) => ({ ACTIONS_ID_TOKEN_REQUEST_URL: `${ci.url}token?api-version=2.0`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN });

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'latin1')));
}

describe('trusted publishing from CI', () => {
  const env = authApiEnv();

  it('in GitHub Actions, asks the CI for an ID token for npm:<registry host>, exchanges it and publishes with the short-lived token', async () => {
    const registry = await env.registry();
    const ci = await startCi(env, registry.oidc.idToken);
    const log = collectLog();
    const cache = await mkdtemp(join(tmpdir(), 'rxnpm-oidc-'));
    const client = env.client(registry, undefined, { env: githubEnv(ci), log: log.log, cache });

    try {
      await lastValueFrom(client.publish(PKG, TARBALL));

      expect(ci.requests).toHaveLength(1);
      expect(new URL(ci.requests[0].url, ci.url).searchParams.get('audience')).toBe('npm:127.0.0.1');
      expect(new URL(ci.requests[0].url, ci.url).searchParams.get('api-version')).toBe('2.0');
      expect(lines(registry.requests)).toEqual(['POST /-/npm/v1/oidc/token/exchange/package/@ada%2ftool', 'PUT /@ada%2ftool']);
      expect(registry.requests[0].headers.authorization).toBe(`Bearer ${registry.oidc.idToken}`);
      expect(registry.published).toEqual([{ name: '@ada/tool', authorization: `Bearer ${registry.oidc.publishToken}` }]);
      expect(log.text()).not.toContain(registry.oidc.idToken);
      expect(log.withPrefix('publish')).toEqual([]);
      for (const text of await filesUnder(cache)) expect(text).not.toContain(registry.oidc.idToken);
    } finally {
      await client.close();
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('in GitLab CI, exchanges the NPM_ID_TOKEN variable without asking anyone for it', async () => {
    const registry = await env.registry();
    const client = env.client(registry, undefined, { env: { NPM_ID_TOKEN: registry.oidc.idToken } });

    await lastValueFrom(client.publish(PKG, TARBALL));

    expect(registry.published).toEqual([{ name: '@ada/tool', authorization: `Bearer ${registry.oidc.publishToken}` }]);
  });

  it('with a token configured for the registry, publishes with it and asks the CI for nothing', async () => {
    const registry = await env.registry();
    const ci = await startCi(env, registry.oidc.idToken);
    const client = env.client(registry, registry.userToken, { env: githubEnv(ci) });

    await lastValueFrom(client.publish(PKG, TARBALL));

    expect(ci.requests).toHaveLength(0);
    expect(lines(registry.requests)).toEqual(['PUT /@ada%2ftool']);
    expect(registry.published[0].authorization).toBe(`Bearer ${registry.userToken}`);
  });

  it('outside CI, publishes as before', async () => {
    const registry = await env.registry();
    const client = env.client(registry, undefined, { env: {}, '//127.0.0.1:1/:_authToken': 'elsewhere' });

    const error = await failureOf(client.publish(PKG, TARBALL));

    expect(error).toBeInstanceOf(HttpError);
    expect(lines(registry.requests)).toEqual(['PUT /@ada%2ftool']);
  });

  it('a refused exchange falls back to the configured credentials with one warning, never silently', async () => {
    const registry = await env.registry();
    const log = collectLog();
    const basic = Buffer.from('ada:pw').toString('base64');
    const client = env.client(registry, undefined, { env: { NPM_ID_TOKEN: 'an-id-token-the-registry-does-not-trust' }, log: log.log, [`//${registry.host}/:_auth`]: basic });

    const error = await failureOf(client.publish(PKG, TARBALL));

    expect(error).toMatchObject({ code: 'E401' });
    expect(lines(registry.requests)).toEqual(['POST /-/npm/v1/oidc/token/exchange/package/@ada%2ftool', 'PUT /@ada%2ftool']);
    expect(registry.requests[1].headers.authorization).toBe(`Basic ${basic}`);
    const warnings = log.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/^trusted publishing failed \(E401, 401 to POST .*\): publishing @ada\/tool to http:\/\/127\.0\.0\.1:\d+\/ with the configured credentials$/);
    expect(log.text()).not.toContain('an-id-token-the-registry-does-not-trust');
  });

  it('says so when the fallback has no credentials at all', async () => {
    const registry = await env.registry();
    const log = collectLog();
    const client = env.client(registry, undefined, { env: { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN }, log: log.log, 'fetch-retries': 0 });

    await failureOf(client.publish(PKG, TARBALL));

    const warnings = log.lines.filter((l) => l.level === 'warn');
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^trusted publishing failed \(ECONNREFUSED\): .* with no credentials \(none are configured for it\)$/)]);
    expect(lines(registry.requests)).toEqual(['PUT /@ada%2ftool']);
  });

  it('never sends the ID token to another host, even when the exchange redirects there', async () => {
    const registry = await env.registry();
    const elsewhere = env.track(await startServer((_req, res) => sendJson(res, 200, { token: 'stolen' })));
    registry.oidc.redirectTo = `${elsewhere.url}steal`;
    const client = env.client(registry, undefined, { env: { NPM_ID_TOKEN: registry.oidc.idToken } });

    await failureOf(client.publish(PKG, TARBALL));

    expect(elsewhere.requests).toHaveLength(0);
    expect(lines(registry.requests)).toEqual(['POST /-/npm/v1/oidc/token/exchange/package/@ada%2ftool', 'PUT /@ada%2ftool']);
    expect(registry.requests[1].headers.authorization).toBeUndefined();
  });
});
