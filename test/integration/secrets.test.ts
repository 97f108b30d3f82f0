import { lastValueFrom } from 'rxjs';
import { RegistryClient, RegistryError, type RegistryClientConfig } from '../../src';
import { Cleanup } from '../support/cleanup';
import { failureOf } from '../support/failure-of';
import { FAST_RETRY } from '../support/fast-retry';
import { collectLog } from '../support/log-collector';
import { afterBody, sendJson, startServer, type TestServer } from '../support/start-server';
import { tempCache, type TempCache } from '../support/temp-cache';

/**
 * A careless registry: it echoes the credentials it received in its error
 * bodies, so only the client's redaction keeps them out of errors.
 */
function carelessRegistry() {
  let busy = 0;
  return afterBody((req, res) => {
    if (req.url === '/ok') sendJson(res, 200, { name: 'ok' });
    else if (req.url === '/missing') sendJson(res, 404, { error: `not found for ${req.headers.authorization}` });
    else if (req.url === '/busy' && busy++ < 1) sendJson(res, 503, { error: `busy, ${req.headers.authorization}` });
    else if (req.url === '/busy') sendJson(res, 200, { name: 'busy' });
    else if (req.url === '/always-busy') sendJson(res, 503, `overloaded: ${req.headers.authorization}`);
    else sendJson(res, 400, { error: 'unexpected' });
  });
}

/** Every way an error may be shown to a person or shipped to a log service. */
function renderings(error: unknown): string[] {
  const err = error as RegistryError;
  return [err.message, String(err), JSON.stringify(err), err.stack ?? '', JSON.stringify(err.body ?? null)];
}

describe('credentials never leak into logs or errors', () => {
  let cache: TempCache;
  let server: TestServer;
  const open = new Cleanup();

  beforeAll(async () => {
    cache = await tempCache();
  });
  beforeEach(async () => {
    server = open.track(await startServer(carelessRegistry()));
  });
  afterEach(() => open.closeAll());
  afterAll(() => cache.remove());

  const TOKEN = 'npm_SeCrEtToKeN0123456789abcdef';
  const PASSWORD = 'pa55-w0rd-never-shown';

  const cases: [string, (server: TestServer) => RegistryClientConfig, string[]][] = [
    ['a bearer token scoped to the registry', (s) => ({ [`//${s.host}/:_authToken`]: TOKEN }), [TOKEN]],
    [
      'basic auth for the registry (always-auth)',
      () => ({ _auth: Buffer.from(`ada:${PASSWORD}`).toString('base64'), 'always-auth': true }),
      [PASSWORD, Buffer.from(`ada:${PASSWORD}`).toString('base64')],
    ],
  ];

  it.each(cases)('with %s: a 200, a 404, a retried 503 and a failed 503 log and report no secret', async (_name, credentials, secrets) => {
    const collector = collectLog();
    const client = open.track(new RegistryClient({ registry: server.url, cache: cache.path, ...FAST_RETRY, log: collector.log, ...credentials(server) }));

    const ok = await lastValueFrom(client.request('GET', '/ok'));
    const missing = await failureOf(client.request('GET', '/missing'));
    const retried = await lastValueFrom(client.request('GET', '/busy'));
    const busy = await failureOf(client.request('GET', '/always-busy'));

    // The credentials were sent, and the server echoed them back.
    expect(server.requests.every((r) => r.headers.authorization !== undefined)).toBe(true);
    expect(ok.data).toEqual({ name: 'ok' });
    expect(retried.data).toEqual({ name: 'busy' });
    expect(missing).toMatchObject({ code: 'E404' });
    expect(busy).toMatchObject({ code: 'E503' });
    expect(collector.withPrefix('retry')).toHaveLength(3);

    const shown = [collector.text(), ...renderings(missing), ...renderings(busy)].join('\n');
    for (const secret of secrets) expect(shown).not.toContain(secret);
  });
});
