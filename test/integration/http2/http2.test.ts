import { Readable } from 'node:stream';
import { forkJoin, lastValueFrom, range, mergeMap, map } from 'rxjs';
import { H2_STREAMS } from '../../../src/transport/http2-origin-dispatcher';
import { useH2Servers } from '../../support/h2-fixture';
import { sendJson } from '../../support/start-http2-server';

describe('HTTP/2 to an https registry that offers it (http2, the default)', () => {
  const h2 = useH2Servers();

  it('gets a document over HTTP/2', async () => {
    const server = await h2.server((req, res) => sendJson(res, 200, { name: 'left-pad', path: req.url }));

    const res = await lastValueFrom(h2.client(server).request('GET', '/left-pad'));

    expect(res).toMatchObject({ statusCode: 200, data: { name: 'left-pad', path: '/left-pad' } });
    expect(server.requests.map((r) => [r.httpVersion, r.path])).toEqual([['2.0', '/left-pad']]);
    expect(server.connections).toEqual(['h2']);
  });

  it(`carries a cold burst of 300 requests on one connection, ${H2_STREAMS} at a time`, async () => {
    const inFlight = new Map<number, number>();
    const most = new Map<number, number>();
    const server = await h2.server((req, res, recorded) => {
      const now = (inFlight.get(recorded.connection) ?? 0) + 1;
      inFlight.set(recorded.connection, now);
      most.set(recorded.connection, Math.max(now, most.get(recorded.connection) ?? 0));
      // Every answer waits a little, so that requests overlap if the client lets them.
      setTimeout(() => {
        inFlight.set(recorded.connection, (inFlight.get(recorded.connection) ?? 1) - 1);
        sendJson(res, 200, { path: req.url });
      }, 20);
    });
    const client = h2.client(server);

    const paths = await lastValueFrom(
      forkJoin(Array.from({ length: 300 }, (_, i) => client.request<{ path: string }>('GET', `/pkg-${i}`).pipe(map((r) => r.data.path)))),
    );

    expect(paths).toEqual(Array.from({ length: 300 }, (_, i) => `/pkg-${i}`));
    expect(server.connections).toEqual(['h2']);
    expect([...most.values()]).toEqual([H2_STREAMS]);
    expect(new Set(server.requests.map((r) => r.httpVersion))).toEqual(new Set(['2.0']));
  });

  it('revalidates a cached document with a conditional GET: 304 over HTTP/2 keeps the copy', async () => {
    const server = await h2.server((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        return res.end();
      }
      sendJson(res, 200, { name: 'left-pad', 'dist-tags': { latest: '1.0.0' } }, { etag: '"v1"' });
    });
    const client = h2.client(server);

    const first = await lastValueFrom(client.get('/left-pad'));
    const second = await lastValueFrom(client.get('/left-pad', { preferOnline: true }));

    expect(first.cacheStatus).toBe('miss');
    expect(second).toMatchObject({ cacheStatus: 'revalidated', data: { name: 'left-pad' } });
    expect(server.requests.map((r) => [r.httpVersion, r.headers['if-none-match']])).toEqual([
      ['2.0', undefined],
      ['2.0', '"v1"'],
    ]);
    expect(server.connections).toEqual(['h2']);
  });

  it('uploads a Readable as the streamed body of a PUT', async () => {
    const server = await h2.server((_req, res, recorded) => {
      void recorded.ended.then(() => sendJson(res, 201, { ok: true, got: recorded.body() }));
    });

    const res = await lastValueFrom(h2.client(server).upload('/streamed', Readable.from([Buffer.from('{"name":'), Buffer.from('"streamed"}')])));

    expect(res).toMatchObject({ statusCode: 201, data: { ok: true, got: '{"name":"streamed"}' } });
    expect(server.requests.map((r) => [r.httpVersion, r.method, r.body()])).toEqual([['2.0', 'PUT', '{"name":"streamed"}']]);
  });

  it('publishes a streamed document that a 503 refused again, from its body factory, on the same connection', async () => {
    const server = await h2.server((_req, res, recorded) => {
      void recorded.ended.then(() => (server.requests.length === 1 ? sendJson(res, 503, { error: 'later' }) : sendJson(res, 201, { ok: true })));
    });
    const tarball = Buffer.from('not really a tarball, but bytes all the same');

    const res = await lastValueFrom(h2.client(server).publish({ name: 'streamed', version: '1.0.0' }, tarball));

    expect(res).toMatchObject({ statusCode: 201, data: { ok: true } });
    const sent = server.requests.map((r) => JSON.parse(r.body()) as { _attachments: Record<string, { data: string }> });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect(Buffer.from(sent[1]._attachments['streamed-1.0.0.tgz'].data, 'base64')).toEqual(tarball);
    expect(server.requests.map((r) => [r.httpVersion, r.method, r.path])).toEqual([
      ['2.0', 'PUT', '/streamed'],
      ['2.0', 'PUT', '/streamed'],
    ]);
    expect(server.connections).toEqual(['h2']);
  });

  it('requests in parallel with other streams still land on the one connection', async () => {
    const server = await h2.server((req, res) => sendJson(res, 200, { path: req.url }));
    const client = h2.client(server);

    await lastValueFrom(client.request('GET', '/warm'));
    const results = await lastValueFrom(
      range(0, 40).pipe(
        mergeMap((i) => client.request<{ path: string }>('GET', `/p${i}`)),
        map((r) => r.statusCode),
      ),
    );

    expect(results).toBe(200);
    expect(server.connections).toEqual(['h2']);
  });
});

describe('HTTP/1.1 fallback', () => {
  const h2 = useH2Servers();

  it('a server that offers only http/1.1 gets HTTP/1.1, up to maxsockets connections, one request each at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await h2.server(
      (req, res) => {
        most = Math.max(most, (inFlight += 1));
        setTimeout(() => {
          inFlight -= 1;
          sendJson(res, 200, { path: req.url });
        }, 20);
      },
      { alpn: ['http/1.1'] },
    );
    const client = h2.client(server, { maxsockets: 4 });

    const paths = await lastValueFrom(forkJoin(Array.from({ length: 40 }, (_, i) => client.request<{ path: string }>('GET', `/p${i}`).pipe(map((r) => r.data.path)))));

    expect(paths).toEqual(Array.from({ length: 40 }, (_, i) => `/p${i}`));
    expect(new Set(server.requests.map((r) => r.httpVersion))).toEqual(new Set(['1.1']));
    expect(server.connections).toEqual(['http/1.1', 'http/1.1', 'http/1.1', 'http/1.1']);
    // No pipelining: each connection carries one request at a time.
    expect(most).toBe(4);
  });

  it.each([
    ['http2: false', { http2: false }],
    ['http2: "false", as an .npmrc gives it', { http2: 'false' as const }],
  ])('with %s, a server that offers both gets HTTP/1.1', async (_label, config) => {
    const server = await h2.server((req, res) => sendJson(res, 200, { path: req.url }));

    const res = await lastValueFrom(h2.client(server, config).request('GET', '/left-pad'));

    expect(res.data).toEqual({ path: '/left-pad' });
    expect(server.requests.map((r) => r.httpVersion)).toEqual(['1.1']);
    expect(server.connections).toEqual(['http/1.1']);
  });
});
