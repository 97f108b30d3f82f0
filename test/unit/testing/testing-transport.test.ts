import { lastValueFrom, type Subscription } from 'rxjs';
import { RegistryClient } from '../../../src/client';
import { HttpError } from '../../../src/errors/http-error';
import { NetworkError } from '../../../src/errors/network-error';
import { memoryStore, TestingTransport } from '../../../src/testing';

const registry = 'http://127.0.0.1:4873/';

function setup(options: ConstructorParameters<typeof TestingTransport>[0] = {}) {
  const transport = new TestingTransport(options);
  const client = new RegistryClient({ registry, cache: memoryStore(), transport, 'fetch-retries': 0 });
  return { transport, client };
}

describe('TestingTransport, used the way Angular’s HttpTestingController is', () => {
  it('holds a request until the test flushes it, with the status and headers given', async () => {
    const { transport, client } = setup();
    const answer = lastValueFrom(client.request('GET', '/rxjs'));
    const req = transport.expectOne('GET', '/rxjs');
    expect(req.request.headers.accept).toBe('application/json');
    req.flush({ name: 'rxjs' }, { status: 203, headers: { ETag: '"abc"' } });
    const res = await answer;
    expect(res.statusCode).toBe(203);
    expect(res.headers.etag).toBe('"abc"');
    expect(res.data).toEqual({ name: 'rxjs' });
    transport.verify();
  });

  it('answers a request declared before it is made, the moment it is made', async () => {
    const { transport, client } = setup();
    transport.expectOne('/-/ping').flush({});
    await expect(lastValueFrom(client.request('GET', '/-/ping'))).resolves.toMatchObject({ statusCode: 200, data: {} });
    transport.verify();
  });

  it('fails a request with a system code as the network would', async () => {
    const { transport, client } = setup();
    transport.expectOne('/rxjs').error('ECONNRESET');
    const error = await lastValueFrom(client.request('GET', '/rxjs')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'ECONNRESET' });
  });

  it('turns a flushed status of 400 or more into the client’s typed error', async () => {
    const { transport, client } = setup();
    transport.expectOne('/nope').flush({ error: 'not found' }, { status: 404 });
    const error = await lastValueFrom(client.request('GET', '/nope')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E404', statusCode: 404 });
  });

  it('verify catches a stray request nobody expected', () => {
    const { transport, client } = setup();
    const sub = client.request('GET', '/stray').subscribe({ error: () => undefined });
    expect(() => transport.verify()).toThrow(/unexpected request: GET http:\/\/127\.0\.0\.1:4873\/stray/);
    sub.unsubscribe();
  });

  it('verify fails for a request expected but never made', () => {
    const { transport } = setup();
    transport.expectOne('PUT', '/rxjs');
    expect(() => transport.verify()).toThrow(/expected but never made: PUT \/rxjs/);
  });

  it('verify fails for a request made and expected but never answered', () => {
    const { transport, client } = setup();
    const sub = client.request('GET', '/slow').subscribe({ error: () => undefined });
    transport.expectOne('/slow');
    expect(() => transport.verify()).toThrow(/made but never answered: GET http:\/\/127\.0\.0\.1:4873\/slow/);
    sub.unsubscribe();
  });

  it('sees the client abort: a request unsubscribed before its answer is cancelled, and verify accepts that', () => {
    const { transport, client } = setup();
    const sub: Subscription = client.request('GET', '/rxjs').subscribe({ error: () => undefined });
    const req = transport.expectOne('/rxjs');
    expect(req.cancelled).toBe(false);
    sub.unsubscribe();
    expect(req.cancelled).toBe(true);
    expect(() => transport.verify()).not.toThrow();
  });

  it('expectOne refuses to choose between two matching requests', () => {
    const { transport, client } = setup();
    const subs = [client.request('GET', '/rxjs').subscribe({ error: () => undefined }), client.request('GET', '/rxjs').subscribe({ error: () => undefined })];
    expect(() => transport.expectOne('/rxjs')).toThrow(/2 requests match/);
    expect(transport.match('GET', '/rxjs')).toHaveLength(2);
    subs.forEach((s) => s.unsubscribe());
  });

  it('expectNone fails once a matching request was made, and passes before', () => {
    const { transport, client } = setup();
    expect(() => transport.expectNone('DELETE', '/rxjs')).not.toThrow();
    const sub = client.request('DELETE', '/rxjs').subscribe({ error: () => undefined });
    expect(() => transport.expectNone('DELETE', '/rxjs')).toThrow(/1 request\(s\) were made/);
    sub.unsubscribe();
  });

  it('matches paths with their query, absolute URLs, methods and predicates', () => {
    const { transport, client } = setup();
    const subs = [
      client.request('GET', '/rxjs?write=true').subscribe({ error: () => undefined }),
      client.request('PUT', '/rxjs', { name: 'rxjs' }).subscribe({ error: () => undefined }),
    ];
    try {
      expect(() => transport.expectNone('GET', '/rxjs')).not.toThrow();
      expect(transport.expectOne('GET', `${registry}rxjs?write=true`).request.method).toBe('GET');
      const put = transport.expectOne((r) => r.method === 'PUT' && r.body === '{"name":"rxjs"}');
      expect(put.request.headers['content-type']).toBe('application/json');
    } finally {
      subs.forEach((s) => s.unsubscribe());
    }
  });

  it('with failUnexpected, a request nobody expected fails at once', async () => {
    const { client } = setup({ failUnexpected: true });
    await expect(lastValueFrom(client.request('GET', '/stray'))).rejects.toThrow(/unexpected request GET/);
  });

  it('refuses a second answer to the same request', () => {
    const { transport } = setup();
    const req = transport.expectOne('/rxjs');
    req.flush({});
    expect(() => req.flush({})).toThrow(/already answered/);
  });
});
