import { constants } from 'node:http2';
import { forkJoin, lastValueFrom, map } from 'rxjs';
import { NetworkError } from '../../../src';
import { within } from '../cache/bounded';
import { collectLog } from '../../support/log-collector';
import { outcomeOf } from '../../support/outcome-of';
import { useH2Servers } from '../../support/h2-fixture';
import { sendJson } from '../../support/start-http2-server';
import { startTunnelProxy } from '../../support/start-tunnel-proxy';

const PACKUMENT = { name: 'left-pad', versions: { '1.0.0': { name: 'left-pad', version: '1.0.0' } }, padding: 'x'.repeat(64 * 1024) };

describe('the fault matrix over HTTP/2', () => {
  const h2 = useH2Servers();

  it.each([
    ['a 500, a 502 and a 503', [500, 502, 503]],
    ['a 429 with Retry-After: 0', [429]],
    ['a 503 asking for Retry-After: 3600 (capped at fetch-retry-maxtimeout)', [503]],
  ])('%s, then the document: retried on the same connection', async (label, statuses) => {
    const retryAfter = label.includes('3600') ? '3600' : '0';
    const server = await h2.server((_req, res) => {
      const status = statuses[server.requests.length - 1];
      if (status) return sendJson(res, status, { error: 'later' }, { 'retry-after': retryAfter });
      sendJson(res, 200, PACKUMENT);
    });
    const collector = collectLog();

    const res = await lastValueFrom(h2.client(server, { 'fetch-retries': 3, log: collector.log }).request('GET', '/left-pad'));

    expect(res.data).toEqual(PACKUMENT);
    expect(server.requests).toHaveLength(statuses.length + 1);
    expect(collector.withPrefix('retry')).toHaveLength(statuses.length);
    expect(server.connections).toEqual(['h2']);
  });

  it.each([
    ['reset (RST_STREAM) before the headers', 'before'],
    ['reset (RST_STREAM) in the middle of the body', 'mid-body'],
  ])('a stream %s twice is retried; the connection stays up for the next attempt', async (_label, when) => {
    const server = await h2.server((_req, res) => {
      if (server.requests.length > 2) return sendJson(res, 200, PACKUMENT);
      if (when === 'before') return res.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      res.write('{"name":"left-', () => res.stream.close(constants.NGHTTP2_INTERNAL_ERROR));
    });

    const res = await lastValueFrom(h2.client(server).request('GET', '/left-pad'));

    expect(res.data).toEqual(PACKUMENT);
    expect(server.requests).toHaveLength(3);
    expect(server.connections).toEqual(['h2']);
  });

  it('a stream reset on every attempt fails with one NetworkError ECONNRESET after the retries', async () => {
    const server = await h2.server((_req, res) => res.stream.close(constants.NGHTTP2_INTERNAL_ERROR));

    const outcome = await outcomeOf(h2.client(server).request('GET', '/left-pad'));

    expect(outcome.values).toEqual([]);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
    expect(outcome.errors[0]).toMatchObject({ code: 'ECONNRESET', method: 'GET', url: `${server.url}left-pad` });
    expect(server.requests).toHaveLength(3);
  });

  it('unsubscribing mid-body resets that stream only: the other streams on the connection complete', async () => {
    const server = await h2.server((req, res) => {
      if (req.url === '/slow') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        return res.write('{"name":"slo');
      }
      if (req.url === '/warm-up') return sendJson(res, 200, {});
      // The others answer once the slow one has been given up.
      void server.requests[1].closed.then(() => sendJson(res, 200, { path: req.url }));
    });
    const client = h2.client(server);
    await lastValueFrom(client.request('GET', '/warm-up'));

    const slow = client.request('GET', '/slow').subscribe();
    const others = lastValueFrom(forkJoin([1, 2, 3].map((i) => client.request<{ path: string }>('GET', `/other-${i}`).pipe(map((r) => r.data.path)))));
    await within(server.received(5), 5000, 'the four requests');
    slow.unsubscribe();

    expect(server.requests[1].path).toBe('/slow');
    expect(await within(server.requests[1].closed, 5000, 'the slow stream to close')).toEqual({ answered: false });
    expect(await within(others, 5000, 'the other streams')).toEqual(['/other-1', '/other-2', '/other-3']);
    expect(server.connections).toEqual(['h2']);
    expect(server.openSessions).toBe(1);
  });

  it('a GOAWAY in the middle of a burst: the requests it left unanswered are sent again on a new connection', async () => {
    let lastStreamId = 0;
    const server = await h2.server((req, res, recorded) => {
      const answer = () => sendJson(res, 200, { path: req.url, connection: recorded.connection });
      if (recorded.connection > 1) return answer();
      const onFirst = server.requests.filter((r) => r.connection === 1);
      if (onFirst.length === 5) {
        lastStreamId = recorded.streamId;
        server.goAway(lastStreamId);
      }
      if (lastStreamId === 0 || recorded.streamId <= lastStreamId) setTimeout(answer, 10);
    });
    const client = h2.client(server);

    const answers = await lastValueFrom(
      forkJoin(Array.from({ length: 20 }, (_, i) => client.request<{ path: string; connection: number }>('GET', `/pkg-${i}`).pipe(map((r) => r.data)))),
    );

    expect(answers.map((a) => a.path)).toEqual(Array.from({ length: 20 }, (_, i) => `/pkg-${i}`));
    // The server never saw the streams after the last it named, and answered none of them on the first connection.
    const answeredFirst = answers.filter((a) => a.connection === 1).map((a) => a.path);
    const seenFirst = server.requests.filter((r) => r.connection === 1);
    expect(seenFirst.every((r) => r.streamId <= lastStreamId)).toBe(true);
    expect(answeredFirst.length).toBeLessThanOrEqual(5);
    // Under load the retried ones may be spread over more than one new connection.
    expect(answers.filter((a) => a.connection > 1)).toHaveLength(20 - answeredFirst.length);
    expect(server.connections.length).toBeGreaterThanOrEqual(2);
    expect(new Set(server.connections)).toEqual(new Set(['h2']));
  });

  describe('through an https-proxy tunnel (CONNECT)', () => {
    it('speaks HTTP/2 inside the tunnel: a burst shares one tunnel and one connection', async () => {
      const server = await h2.server((req, res) => sendJson(res, 200, { path: req.url }));
      const proxy = h2.open.track(await startTunnelProxy());
      const client = h2.client(server, { 'https-proxy': proxy.url });

      const paths = await lastValueFrom(forkJoin(Array.from({ length: 30 }, (_, i) => client.request<{ path: string }>('GET', `/p${i}`).pipe(map((r) => r.data.path)))));

      expect(paths).toEqual(Array.from({ length: 30 }, (_, i) => `/p${i}`));
      expect(proxy.tunnels.map((t) => t.target)).toEqual([server.host]);
      expect(server.connections).toEqual(['h2']);
      expect(new Set(server.requests.map((r) => r.httpVersion))).toEqual(new Set(['2.0']));
    });

    it('falls back to HTTP/1.1 inside the tunnel when the server offers only http/1.1', async () => {
      const server = await h2.server((req, res) => sendJson(res, 200, { path: req.url }), { alpn: ['http/1.1'] });
      const proxy = h2.open.track(await startTunnelProxy());

      const res = await lastValueFrom(h2.client(server, { 'https-proxy': proxy.url }).request('GET', '/left-pad'));

      expect(res.data).toEqual({ path: '/left-pad' });
      expect(server.requests.map((r) => r.httpVersion)).toEqual(['1.1']);
      expect(proxy.tunnels).toHaveLength(1);
    });
  });
});
