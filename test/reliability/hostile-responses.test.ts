import { join } from 'node:path';
import { NetworkError, RegistryClient, ResponseTooLargeError, type RegistryClientConfig } from '../../src';
import { within } from '../integration/cache/bounded';
import { filesUnder, tempFilesOf } from '../support/cache-files';
import { Cleanup } from '../support/cleanup';
import { FAST_RETRY } from '../support/fast-retry';
import { collectLog } from '../support/log-collector';
import { outcomeOf } from '../support/outcome-of';
import { startRawHttpServer } from '../support/raw-http-server';
import { afterBody, sendJson, startServer, type Handler } from '../support/start-server';
import { tempCache, type TempCache } from '../support/temp-cache';

const MiB = 1024 * 1024;

/** What a server saw of one response it tried to send. */
interface Sending {
  finished: boolean;
  written: number;
}

/**
 * Answers a JSON document of `total` bytes: the first `early` bytes at once,
 * the rest only after the client has gone (or after 5 s, which fails the
 * test). `declare` sends Content-Length up front.
 */
function oversized(total: number, early: number, declare: boolean, sendings: Sending[]): Handler {
  return (_req, res) => {
    const sending: Sending = { finished: false, written: 0 };
    sendings.push(sending);
    const head = Buffer.from('{"data":"');
    const tail = Buffer.from('"}');
    const filler = Buffer.alloc(64 * 1024, 'a');
    res.writeHead(200, { 'content-type': 'application/json', ...(declare ? { 'content-length': String(total) } : {}) });
    const write = (bytes: Buffer) => {
      sending.written += bytes.length;
      res.write(bytes);
    };
    write(head);
    while (sending.written + filler.length <= early) write(filler);
    const rest = () => {
      while (sending.written + filler.length + tail.length <= total) write(filler);
      write(Buffer.alloc(total - sending.written - tail.length, 'a'));
      res.end(tail, () => (sending.finished = true));
    };
    const fallback = setTimeout(rest, 5000);
    res.on('close', () => clearTimeout(fallback));
  };
}

describe('hostile responses', () => {
  let cache: TempCache;
  const open = new Cleanup();

  beforeEach(async () => {
    cache = await tempCache();
  });
  afterEach(async () => {
    await open.closeAll();
    await cache.remove();
  });

  function client(config: Partial<RegistryClientConfig> & { registry: string }): RegistryClient {
    return open.track(new RegistryClient({ cache: cache.path, ...FAST_RETRY, ...config } as RegistryClientConfig));
  }

  describe('a response larger than max-response-size (1 MiB here)', () => {
    it.each([
      ['streamed without Content-Length (5 MiB)', false],
      ['announced by a Content-Length of 5 MiB', true],
    ])('%s: one ResponseTooLargeError ETOOLARGE, not retried, the socket closed before the server could send it all', async (_label, declare) => {
      const sendings: Sending[] = [];
      const server = open.track(await startServer(oversized(5 * MiB, declare ? 64 * 1024 : 2 * MiB, declare, sendings)));
      const reader = client({ registry: server.url, 'max-response-size': MiB });

      const outcome = await outcomeOf(reader.get('/huge'));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(ResponseTooLargeError);
      expect(outcome.errors[0]).toMatchObject({ code: 'ETOOLARGE', limit: MiB, method: 'GET', url: `${server.url}huge`, statusCode: 200 });
      expect(server.requests).toHaveLength(1);
      await within(server.requests[0].socketClosed, 5000, 'the client to close the socket');
      expect(sendings).toEqual([{ finished: false, written: expect.any(Number) }]);
      expect(sendings[0].written).toBeLessThan(5 * MiB);
      await reader.close();
      expect(await filesUnder(join(cache.path, 'content-v2'))).toEqual([]);
      expect(await tempFilesOf(cache.path)).toEqual([]);
    });

    it('a response of exactly max-response-size bytes is still accepted', async () => {
      const size = 64 * 1024;
      const body = `{"data":"${'a'.repeat(size - 11)}"}`;
      const server = open.track(await startServer((_req, res) => sendJson(res, 200, JSON.parse(body))));
      const reader = client({ registry: server.url, 'max-response-size': size });

      const outcome = await outcomeOf(reader.request<{ data: string }>('GET', '/exact'));

      expect(outcome.errors).toEqual([]);
      expect(outcome.values.map((v) => v.raw.length)).toEqual([size]);
    });
  });

  describe('malformed response heads, written raw', () => {
    const OK_BODY = 'content-length: 2\r\n\r\n{}';
    it.each([
      ['a header line without a colon', `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nthis is not a header\r\n${OK_BODY}`],
      ['a header name with a space and parentheses', `HTTP/1.1 200 OK\r\nbad header(): x\r\n${OK_BODY}`],
      ['a NUL byte in a header value', `HTTP/1.1 200 OK\r\nx-a: a\u0000b\r\n${OK_BODY}`],
      ['a space before the colon', `HTTP/1.1 200 OK\r\ncontent-type : application/json\r\n${OK_BODY}`],
      ['a folded (obsolete) header line', `HTTP/1.1 200 OK\r\nx-a: 1\r\n  folded\r\n${OK_BODY}`],
      ['a status that is not a number', `HTTP/1.1 abc OK\r\n${OK_BODY}`],
      ['bare LF line ends', 'HTTP/1.1 200 OK\ncontent-type: application/json\ncontent-length: 2\n\n{}'],
      ['a Content-Length that is not a number', 'HTTP/1.1 200 OK\r\ncontent-length: abc\r\n\r\n{}'],
      ['both Transfer-Encoding and Content-Length', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ncontent-length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n'],
      ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'],
      ['another protocol altogether', 'SSH-2.0-OpenSSH_9.0\r\n\r\n'],
      ['a 100 KiB header', `HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(100 * 1024)}\r\n${OK_BODY}`],
    ])('%s: one NetworkError on the error channel, in one attempt, the socket closed', async (_label, raw) => {
      const server = open.track(await startRawHttpServer(raw));
      const collector = collectLog();
      const reader = client({ registry: server.url, log: collector.log });

      const outcome = await outcomeOf(reader.request('GET', '/pkg'));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
      const error = outcome.errors[0] as NetworkError;
      expect(error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(error.message).toContain(`GET ${server.url}pkg failed`);
      expect(server.connections).toBe(1);
      expect(collector.withPrefix('retry')).toEqual([]);
      await reader.close();
      await within(server.allClosed(), 5000, 'the connection to close');
    });

    it('two different Content-Length headers: the short body is ECONNRESET, retried like any body that ended early', async () => {
      const server = open.track(await startRawHttpServer('HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-length: 5\r\n\r\n{}'));
      const reader = client({ registry: server.url });

      const outcome = await outcomeOf(reader.request('GET', '/pkg'));

      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
      expect(outcome.errors[0]).toMatchObject({ code: 'ECONNRESET' });
      expect(server.connections).toBe(3);
    });
  });

  describe('absurd Retry-After values', () => {
    const VALUES = [
      '-1',
      '99999999999',
      '9'.repeat(400),
      'Infinity',
      '-Infinity',
      'NaN',
      '1e10',
      '0x7fffffff',
      '1.5',
      '   ',
      'Thu, 01 Jan 1970 00:00:00 GMT',
      'Fri, 31 Dec 9999 23:59:59 GMT',
      'Sat, 99 Foo 2024 99:99:99 GMT',
      'soon, I promise',
    ];
    const CASES = [429, 503].flatMap((status) => VALUES.map((value) => [status, value] as const));

    it.each(CASES)('%i with Retry-After %j is retried after a delay between 0 and fetch-retry-maxtimeout', async (status, value) => {
      let answered = 0;
      const server = open.track(
        await startServer(afterBody((_req, res) => (answered++ === 0 ? sendJson(res, status, { error: 'later' }, { 'retry-after': value }) : sendJson(res, 200, { ok: true })))),
      );
      const collector = collectLog();
      const reader = client({ registry: server.url, log: collector.log, 'fetch-retry-mintimeout': 10, 'fetch-retry-maxtimeout': 50 });

      const outcome = await outcomeOf(reader.request('GET', '/pkg'));

      expect(outcome.errors).toEqual([]);
      expect(outcome.values.map((v) => v.data)).toEqual([{ ok: true }]);
      expect(server.requests).toHaveLength(2);
      const retries = collector.withPrefix('retry');
      expect(retries).toHaveLength(1);
      const delay = Number(/ in (\S+)ms$/.exec(retries[0].message)?.[1]);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(50);
    });
  });
});
