import { Readable } from 'node:stream';
import { lastValueFrom } from 'rxjs';
import { HttpError, NetworkError, TimeoutError } from '../../src';
import { failureOf } from '../support/failure-of';
import { collectLog } from '../support/log-collector';
import { afterBody, closedPort, sendJson, startServer } from '../support/start-server';
import { useClients } from '../support/use-clients';

type Answer = [status: number, data?: unknown, headers?: Record<string, string>];

/** A server that gives the n-th request the n-th answer, and the last answer to every request after. */
function answering(...answers: Answer[]) {
  let count = 0;
  return afterBody((_req, res) => {
    const [status, data, headers] = answers[Math.min(count++, answers.length - 1)];
    sendJson(res, status, data, headers);
  });
}

describe('retries against a real loopback server', () => {
  const { open, client } = useClients();

  it('retries 503, 503 and emits the 200 of the third request', async () => {
    const server = open.track(await startServer(answering([503, { error: 'busy' }], [503, { error: 'busy' }], [200, { name: 'pkg' }])));
    const collector = collectLog();

    const res = await lastValueFrom(client({ registry: server.url, log: collector.log }).request('GET', '/pkg'));

    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ name: 'pkg' });
    expect(server.requests).toHaveLength(3);
    expect(collector.withPrefix('retry')).toHaveLength(2);
    expect(collector.withPrefix('fetch')).toHaveLength(3);
  });

  it('gives up after fetch-retries + 1 attempts with the last 503', async () => {
    const server = open.track(await startServer(answering([503, { error: 'still busy' }])));

    const error = await failureOf(client({ registry: server.url, 'fetch-retries': 1 }).request('GET', '/pkg'));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E503', statusCode: 503 });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a 429 with Retry-After: 0', async () => {
    const server = open.track(await startServer(answering([429, { error: 'slow down' }, { 'retry-after': '0' }], [200, { ok: true }])));

    const res = await lastValueFrom(client({ registry: server.url }).request('GET', '/pkg'));

    expect(res.data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('caps a Retry-After longer than fetch-retry-maxtimeout, so an hour-long wait still retries at once', async () => {
    const server = open.track(await startServer(answering([503, { error: 'maintenance' }, { 'retry-after': '3600' }], [200, { ok: true }])));

    const res = await lastValueFrom(client({ registry: server.url }).request('GET', '/pkg'));

    expect(res.data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a 404', async () => {
    const server = open.track(await startServer(answering([404, { error: 'not found' }], [200, {}])));

    const error = await failureOf(client({ registry: server.url }).request('GET', '/missing'));

    expect(error).toMatchObject({ code: 'E404', statusCode: 404 });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a POST that gets 503', async () => {
    const server = open.track(await startServer(answering([503, { error: 'busy' }], [200, {}])));

    const error = await failureOf(client({ registry: server.url }).request('POST', '/-/package/pkg/dist-tags', { next: '1.0.0' }));

    expect(error).toMatchObject({ code: 'E503', statusCode: 503, method: 'POST' });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a stream body that was already sent', async () => {
    const server = open.track(await startServer(answering([503, { error: 'busy' }], [200, {}])));

    const error = await failureOf(client({ registry: server.url }).request('PUT', '/pkg/-/pkg-1.0.0.tgz', Readable.from([Buffer.from('tarball bytes')])));

    expect(error).toMatchObject({ code: 'E503', statusCode: 503, method: 'PUT' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].body()).toBe('tarball bytes');
  });

  it('retries ECONNREFUSED on a closed port fetch-retries times, then fails with a NetworkError ECONNREFUSED', async () => {
    const port = await closedPort();
    const collector = collectLog();

    const error = await failureOf(client({ registry: `http://127.0.0.1:${port}/`, log: collector.log }).request('GET', '/pkg'));

    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', method: 'GET', url: `http://127.0.0.1:${port}/pkg` });
    // The default fetch-retries is 2: three attempts, two retries.
    expect(collector.withPrefix('fetch')).toHaveLength(3);
    expect(collector.withPrefix('fetch').every((line) => line.message.includes('ECONNREFUSED'))).toBe(true);
    expect(collector.withPrefix('retry')).toHaveLength(2);
  });

  it('retries a fetch-timeout, closing each abandoned socket', async () => {
    const server = open.track(await startServer(() => undefined));

    const error = await failureOf(client({ registry: server.url, 'fetch-timeout': 100, 'fetch-retries': 1 }).request('GET', '/slow'));

    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(2);
    await Promise.all(server.requests.map((r) => r.socketClosed));
  });
});
