import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { filter, lastValueFrom, toArray } from 'rxjs';
import { ACCEPT_ENCODING, BadEncodingError, RegistryClient, ResponseTooLargeError, isProgress, type GetOptions, type HttpEvent, type Manifest } from '../../src';
import { anyFileContains } from '../support/cache-files';
import { failureOf } from '../support/failure-of';
import { FAST_RETRY } from '../support/fast-retry';
import { startServer, type TestServer } from '../support/start-server';
import { tempCache } from '../support/temp-cache';
import { useClients } from '../support/use-clients';
import { sha512Integrity } from './operations/fixtures';

/** A packument big enough to arrive in many chunks, and to shrink well. */
const DOC = {
  name: 'squeezed',
  'dist-tags': { latest: '1.999.0' },
  versions: Object.fromEntries(
    Array.from({ length: 2000 }, (_, i) => [`1.${i}.0`, { name: 'squeezed', version: `1.${i}.0`, description: `release ${i} of a package that compresses`, gitHead: randomBytes(20).toString('hex') }]),
  ),
};
const TEXT = Buffer.from(JSON.stringify(DOC));

/** zstd where this Node's zlib has it (Node 24 does, Node 20 does not). */
const runtimeZlib: { readonly gzipSync: typeof zlib.gzipSync; readonly zstdCompressSync?: (data: Buffer) => Buffer } = zlib;
const zstdCompress = runtimeZlib.zstdCompressSync;

const ENCODERS: Readonly<Record<string, (data: Buffer) => Buffer>> = {
  gzip: (data) => zlib.gzipSync(data),
  'x-gzip': (data) => zlib.gzipSync(data),
  deflate: (data) => zlib.deflateSync(data),
  br: (data) => zlib.brotliCompressSync(data),
};

/** Answers with `body` as it is, under `headers`; each write a separate chunk on the wire. */
function sendBytes(res: ServerResponse, body: Buffer, headers: Record<string, string | string[]>): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, ...headers });
  for (let at = 0; at < body.length; at += 16 * 1024) res.write(body.subarray(at, at + 16 * 1024));
  res.end();
}

/** What a client saw of one request: every event it emitted, in order, or its error. */
async function eventsOf(client: RegistryClient, path: string, reportProgress = false): Promise<HttpEvent[]> {
  const req = client.createRequest('GET', path).clone({ reportProgress });
  return lastValueFrom(client.handle(req).pipe(toArray()));
}

describe('compressed responses over a real loopback server', () => {
  const { open, client } = useClients();

  /** A server that answers every request with `encode(TEXT)` under `content-encoding: coding`. */
  async function serving(coding: string | string[], body: Buffer): Promise<TestServer> {
    return open.track(await startServer((_req, res) => sendBytes(res, body, { 'content-encoding': coding })));
  }

  it('asks for every coding it decodes, zstd only where this Node has it', async () => {
    const server = await serving('identity', TEXT);

    await lastValueFrom(client({ registry: server.url }).request('GET', '/squeezed'));

    expect(server.requests[0].headers['accept-encoding']).toBe(zstdCompress ? 'gzip, deflate, br, zstd' : 'gzip, deflate, br');
    expect(ACCEPT_ENCODING).toBe(server.requests[0].headers['accept-encoding']);
  });

  it.each(Object.keys(ENCODERS))('decodes a %s body, and keeps the headers as they came over the wire', async (coding) => {
    const wire = ENCODERS[coding](TEXT);
    const server = await serving(coding, wire);

    const res = await lastValueFrom(client({ registry: server.url }).request('GET', '/squeezed'));

    expect(res.data).toEqual(DOC);
    expect(res.raw).toBe(TEXT.toString());
    expect(res.headers['content-encoding']).toBe(coding);
    expect(res.headers['content-length']).toBe(String(wire.length));
    expect(wire.length).toBeLessThan(TEXT.length / 2);
  });

  it('decodes raw deflate (no zlib header) sent as deflate, as browsers do', async () => {
    const server = await serving('deflate', zlib.deflateRawSync(TEXT));

    expect((await lastValueFrom(client({ registry: server.url }).request('GET', '/squeezed'))).data).toEqual(DOC);
  });

  it('decodes zstd where this Node has it, and refuses it as an unknown coding where not', async () => {
    const server = await serving('zstd', zstdCompress ? zstdCompress(TEXT) : Buffer.from('(zstd frames this Node cannot read)'));
    const request = client({ registry: server.url }).request('GET', '/squeezed');

    if (zstdCompress) expect((await lastValueFrom(request)).data).toEqual(DOC);
    else expect(await failureOf(request)).toMatchObject({ code: 'EUNKNOWNENCODING', encoding: 'zstd' });
  });

  it('undoes stacked codings in reverse order: "gzip, br" is br over gzip', async () => {
    const server = await serving('gzip, br', zlib.brotliCompressSync(zlib.gzipSync(TEXT)));

    const res = await lastValueFrom(client({ registry: server.url }).request('GET', '/squeezed'));

    expect(res.data).toEqual(DOC);
    expect(res.headers['content-encoding']).toBe('gzip, br');
  });

  it('reads repeated Content-Encoding lines as one list', async () => {
    const server = await serving(['deflate', 'gzip'], zlib.gzipSync(zlib.deflateSync(TEXT)));

    expect((await lastValueFrom(client({ registry: server.url }).request('GET', '/squeezed'))).data).toEqual(DOC);
  });

  it('takes an identity or a missing Content-Encoding as it is', async () => {
    for (const coding of ['identity', '']) {
      const server = await serving(coding, TEXT);
      expect((await lastValueFrom(client({ registry: server.url }).request('GET', '/squeezed'))).data).toEqual(DOC);
    }
  });

  const gzipped = zlib.gzipSync(TEXT);
  const corrupted = Buffer.from(gzipped);
  corrupted[Math.floor(corrupted.length / 2)] ^= 0xff;
  const broken: readonly [string, Buffer][] = [
    ['cut short', gzipped.subarray(0, gzipped.length - 100)],
    ['corrupted in the middle', corrupted],
    ['not gzip at all', TEXT],
  ];

  it.each(broken)('fails a gzip body %s with EBADENCODING, retried, and emits none of it', async (_case, wire) => {
    const server = await serving('gzip', wire);
    const seen: string[] = [];
    const events = client({ registry: server.url, 'fetch-retries': 2 })
      .request('GET', '/squeezed')
      .pipe(filter(() => seen.push('data') > 0));

    const error = await failureOf(events);

    expect(error).toBeInstanceOf(BadEncodingError);
    expect(error).toMatchObject({ code: 'EBADENCODING', encoding: 'gzip', method: 'GET', url: `${server.url}squeezed` });
    expect(seen).toEqual([]);
    expect(server.requests).toHaveLength(3);
  });

  it('emits no event carrying any of a broken body, not even a prefix', async () => {
    const server = await serving('gzip', gzipped.subarray(0, gzipped.length - 100));
    const seen: HttpEvent[] = [];
    const c = client({ registry: server.url, 'fetch-retries': 0 });

    await failureOf(c.handle(c.createRequest('GET', '/squeezed').clone({ reportProgress: true })).pipe(filter((event) => seen.push(event) > 0)));

    expect(seen.map((event) => event.type)).toContain('headers');
    expect(seen.filter((event) => event.type === 'response' || (event.type === 'download-progress' && event.chunk))).toEqual([]);
  });

  it.each(['compress', 'lz4', 'gzip, snappy', 'constructor', 'gzip, gzip, gzip, gzip, gzip, gzip'])(
    'fails Content-Encoding "%s" with EUNKNOWNENCODING and does not retry it',
    async (coding) => {
      const server = await serving(coding, gzipped);

      const error = await failureOf(client({ registry: server.url, 'fetch-retries': 2 }).request('GET', '/squeezed'));

      expect(error).toBeInstanceOf(BadEncodingError);
      expect(error).toMatchObject({ code: 'EUNKNOWNENCODING', encoding: coding });
      expect(server.requests).toHaveLength(1);
    },
  );

  it('refuses a decompression bomb past max-response-size, without holding it, and closes the socket early', async () => {
    const limit = 1024 * 1024;
    const bomb = 1024 * 1024 * 1024;
    let produced = 0;
    const server = open.track(
      await startServer((_req, res) => {
        // A gigabyte of zeros gzipped as it is sent: neither side ever holds it whole.
        const zeros = Buffer.alloc(64 * 1024);
        const source = new Readable({
          read() {
            if (produced >= bomb) return this.push(null);
            produced += zeros.length;
            this.push(zeros);
          },
        });
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        source.pipe(zlib.createGzip()).pipe(res);
        res.once('close', () => source.destroy());
      }),
    );
    const before = process.memoryUsage();
    let peak = 0;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
    }, 2);

    const error = await failureOf(client({ registry: server.url, 'max-response-size': limit, 'fetch-retries': 0 }).request('GET', '/squeezed')).finally(() => clearInterval(sampler));
    await server.requests[0].socketClosed;

    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ code: 'ETOOLARGE', limit });
    expect(produced).toBeLessThan(bomb / 8);
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });

  it('aborts a body being decoded when unsubscribed: the server sees its socket close, nothing more is emitted', async () => {
    const server = open.track(
      await startServer((_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': gzipped.length });
        res.write(gzipped.subarray(0, gzipped.length / 2));
      }),
    );
    const c = client({ registry: server.url });
    const seen: string[] = [];
    let firstProgress!: () => void;
    const progressed = new Promise<void>((resolve) => (firstProgress = resolve));

    const subscription = c.handle(c.createRequest('GET', '/squeezed').clone({ reportProgress: true })).subscribe({
      next: (event) => {
        seen.push(event.type);
        if (event.type === 'download-progress') firstProgress();
      },
      error: () => seen.push('error'),
      complete: () => seen.push('complete'),
    });
    await progressed;
    subscription.unsubscribe();
    const count = seen.length;
    await server.requests[0].socketClosed;

    expect(seen.slice(0, 2)).toEqual(['headers', 'download-progress']);
    expect(seen.length).toBe(count);
    expect(seen).not.toContain('response');
  });

  it('fails a streamed body that does not decode with EBADENCODING, not as if it were the document', async () => {
    const server = await serving('gzip', corrupted);
    const c = client({ registry: server.url, 'fetch-retries': 0 });

    const error = await failureOf(c.handle(c.createRequest('GET', '/squeezed').clone({ responseType: 'stream' })));

    expect(error).toMatchObject({ code: 'EBADENCODING' });
  });

  it('counts download progress in bytes on the wire, and delivers the body decoded', async () => {
    const server = await serving('gzip', gzipped);

    const events = await eventsOf(client({ registry: server.url }), '/squeezed', true);

    const progress = events.filter((event) => event.type === 'download-progress');
    const response = events.find((event) => event.type === 'response');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ loaded: gzipped.length, total: gzipped.length });
    expect(response?.type === 'response' && response.body.equals(TEXT)).toBe(true);
  });

  it('bounds the bytes on the wire as before, compressed or not', async () => {
    const server = await serving('gzip', gzipped);

    const error = await failureOf(client({ registry: server.url, 'max-response-size': gzipped.length - 1, 'fetch-retries': 0 }).request('GET', '/squeezed'));

    expect(error).toMatchObject({ code: 'ETOOLARGE' });
  });

  it('takes an empty body as empty whatever its Content-Encoding (a HEAD, a 304)', async () => {
    const server = open.track(
      await startServer((req, res) => {
        res.writeHead(req.method === 'HEAD' ? 200 : 304, { 'content-encoding': 'gzip', etag: '"1"' });
        res.end();
      }),
    );

    const head = await lastValueFrom(client({ registry: server.url }).request('HEAD', '/squeezed'));
    const notModified = await lastValueFrom(client({ registry: server.url }).request('GET', '/squeezed', undefined, '"1"'));

    expect([head.statusCode, head.raw]).toEqual([200, '']);
    expect([notModified.statusCode, notModified.raw]).toEqual([304, '']);
  });

  it('get() stores the decoded document in a real cacache folder, and reads it back from there', async () => {
    const cache = await tempCache();
    open.track({ close: () => cache.remove() });
    const server = open.track(
      await startServer((req, res) => {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"', 'content-encoding': 'gzip' });
          return res.end();
        }
        sendBytes(res, gzipped, { 'content-encoding': 'gzip', etag: '"v1"' });
      }),
    );
    // A new client each time: what the second and third read comes from the folder, not from memory.
    const getThroughNewClient = async (options: number | GetOptions) => {
      const reader = new RegistryClient({ registry: server.url, cache: cache.path, ...FAST_RETRY });
      try {
        return await lastValueFrom(reader.get('/squeezed', options));
      } finally {
        await reader.close();
      }
    };

    const miss = await getThroughNewClient(10);
    const hit = await getThroughNewClient(3600);
    const revalidated = await getThroughNewClient({ preferOnline: true });

    expect([miss.cacheStatus, hit.cacheStatus, revalidated.cacheStatus]).toEqual(['miss', 'hit', 'revalidated']);
    for (const res of [miss, hit, revalidated]) expect(res.data).toEqual(DOC);
    expect(server.requests).toHaveLength(2);
    expect(await anyFileContains(cache.path, TEXT)).toBe(true);
    expect(await anyFileContains(cache.path, gzipped.subarray(0, 64))).toBe(false);
  });
});

describe('tarballs over a real loopback server', () => {
  const { open, client } = useClients();
  const TARBALL = zlib.gzipSync(Buffer.from('a tarball is gzip already'.repeat(5000)));

  /** A registry whose tarball answers with `encode(TARBALL)` under `coding`, recording what was asked. */
  async function tarballServer(coding: string, encode: (data: Buffer) => Buffer = (data) => data): Promise<{ server: TestServer; manifest: Manifest }> {
    const server = open.track(await startServer((_req, res) => sendBytes(res, encode(TARBALL), coding ? { 'content-encoding': coding } : {})));
    const manifest = { name: 'squeezed', version: '1.0.0', dist: { tarball: `${server.url}squeezed/-/squeezed-1.0.0.tgz`, integrity: sha512Integrity(TARBALL) } };
    return { server, manifest };
  }

  it('asks for identity: the tarball arrives as published, integrity checked over those bytes', async () => {
    const { server, manifest } = await tarballServer('');

    const chunks = await lastValueFrom(client({ registry: server.url }).tarball(manifest).pipe(toArray()));

    expect(server.requests[0].headers['accept-encoding']).toBe('identity');
    expect(Buffer.concat(chunks).equals(TARBALL)).toBe(true);
  });

  it('decodes a tarball a server compressed anyway, so integrity is checked over the tarball itself', async () => {
    const { server, manifest } = await tarballServer('gzip', (data) => zlib.gzipSync(data));

    const values = await lastValueFrom(client({ registry: server.url }).tarball(manifest, { reportProgress: true }).pipe(toArray()));

    expect(Buffer.concat(values.filter((value): value is Buffer => Buffer.isBuffer(value))).equals(TARBALL)).toBe(true);
    expect(values.filter(isProgress).at(-1)).toMatchObject({ loaded: zlib.gzipSync(TARBALL).length });
  });

  it('fails a streamed tarball in a coding it cannot decode with EUNKNOWNENCODING, not EINTEGRITY', async () => {
    const { manifest, server } = await tarballServer('lz4');

    expect(await failureOf(client({ registry: server.url }).tarball(manifest))).toMatchObject({ code: 'EUNKNOWNENCODING' });
  });
});
