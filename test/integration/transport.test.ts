import { Readable } from 'node:stream';
import { lastValueFrom, toArray } from 'rxjs';
import { InvalidJsonError, TimeoutError, type ResponseEvent } from '../../src';
import { failureOf } from '../support/failure-of';
import { afterBody, sendJson, startServer } from '../support/start-server';
import { useClients } from '../support/use-clients';

describe('the undici transport against a real loopback server', () => {
  const { open, client } = useClients();

  it('sends nothing before subscribe', async () => {
    const server = open.track(await startServer((_req, res) => sendJson(res, 200, {})));
    const request = client({ registry: server.url }).request('GET', '/-/ping');

    await lastValueFrom(client({ registry: server.url }).request('GET', '/-/ping'));
    expect(server.requests).toHaveLength(1);

    await lastValueFrom(request);
    await lastValueFrom(request);
    expect(server.requests).toHaveLength(3);
  });

  it('aborts the request when the subscription is unsubscribed: the server sees its socket close', async () => {
    const server = open.track(await startServer(() => undefined));
    const seen: string[] = [];
    const subscription = client({ registry: server.url }).request('GET', '/never-answered').subscribe({
      next: () => seen.push('next'),
      error: () => seen.push('error'),
      complete: () => seen.push('complete'),
    });

    const received = await server.received(1);
    subscription.unsubscribe();
    await received.socketClosed;

    expect(received.url).toBe('/never-answered');
    expect(seen).toEqual([]);
  });

  it('streams a Readable body: the server has the first chunk before the client produces the last', async () => {
    const order: string[] = [];
    let firstChunkArrived!: () => void;
    const firstChunk = new Promise<void>((resolve) => (firstChunkArrived = resolve));
    const server = open.track(
      await startServer((req, res, recorded) => {
        req.once('data', () => {
          order.push('server has chunk 1');
          firstChunkArrived();
        });
        req.on('end', () => sendJson(res, 201, { received: recorded.body() }));
      }),
    );
    const body = new Readable({ read: () => undefined });
    body.push('chunk 1;');
    void firstChunk.then(() => {
      order.push('client pushes chunk 2');
      body.push('chunk 2');
      body.push(null);
    });

    const res = await lastValueFrom(client({ registry: server.url }).request<{ received: string }>('PUT', '/upload', body));

    expect(order).toEqual(['server has chunk 1', 'client pushes chunk 2']);
    expect(res.statusCode).toBe(201);
    expect(res.data).toEqual({ received: 'chunk 1;chunk 2' });
    expect(server.requests[0].headers['content-type']).toBe('application/octet-stream');
  });

  it('fails with ETIMEDOUT when a server accepts and never answers within fetch-timeout, and closes the socket', async () => {
    const server = open.track(await startServer(() => undefined));

    const error = await failureOf(client({ registry: server.url, 'fetch-timeout': 200, 'fetch-retries': 0 }).request('GET', '/slow'));

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'ETIMEDOUT', method: 'GET', url: `${server.url}slow`, timeout: 200 });
    expect(server.requests).toHaveLength(1);
    await server.requests[0].socketClosed;
  });

  it('fails a 200 whose body is not JSON with EJSONPARSE carrying the raw text', async () => {
    const page = '<!doctype html><html><head><title>Sign in</title></head><body>Captive portal</body></html>';
    const server = open.track(
      await startServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(page);
      }),
    );

    const error = await failureOf(client({ registry: server.url }).request('GET', '/some-package'));

    expect(error).toBeInstanceOf(InvalidJsonError);
    expect(error).toMatchObject({ code: 'EJSONPARSE', statusCode: 200, method: 'GET', pkgid: 'some-package' });
    expect((error as InvalidJsonError).body).toBe(page);
    expect(server.requests).toHaveLength(1);
  });

  it('sends a user-agent naming rxnpm and node', async () => {
    const server = open.track(await startServer((_req, res) => sendJson(res, 200, {})));

    await lastValueFrom(client({ registry: server.url }).request('GET', '/-/ping'));

    expect(server.requests[0].headers['user-agent']).toMatch(/^rxnpm\/\S+ node\/v\d+/);
  });

  it('sends the configured user-agent instead when one is set', async () => {
    const server = open.track(await startServer((_req, res) => sendJson(res, 200, {})));

    await lastValueFrom(client({ registry: server.url, 'user-agent': 'my-tool/1.2.3' }).request('GET', '/-/ping'));

    expect(server.requests[0].headers['user-agent']).toBe('my-tool/1.2.3');
  });

  it('sends an object body as JSON', async () => {
    const server = open.track(await startServer(afterBody((_req, res, recorded) => sendJson(res, 201, JSON.parse(recorded.body())))));

    const res = await lastValueFrom(client({ registry: server.url }).request('PUT', '/-/package/a/dist-tags/next', { hello: 'world' }));

    expect(res.data).toEqual({ hello: 'world' });
    expect(server.requests[0].headers['content-type']).toBe('application/json');
  });

  it('reports the chunks of a buffered response only to a request that asks for progress', async () => {
    const body = JSON.stringify({ name: 'big', readme: 'x'.repeat(256 * 1024) });
    const server = open.track(await startServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body)));
    const registry = client({ registry: server.url });
    const request = registry.createRequest('GET', '/big');

    const quiet = await lastValueFrom(registry.handle(request).pipe(toArray()));
    const counted = await lastValueFrom(registry.handle(request.clone({ reportProgress: true })).pipe(toArray()));

    expect(quiet.map((e) => e.type)).toEqual(['headers', 'response']);
    const progress = counted.filter((e) => e.type === 'download-progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ loaded: Buffer.byteLength(body), total: Buffer.byteLength(body) });
    expect(counted.at(-1)).toMatchObject({ type: 'response', statusCode: 200 });
    expect((counted.at(-1) as ResponseEvent).body.toString()).toBe(body);
  });
});
