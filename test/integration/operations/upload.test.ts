import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { HttpError, isProgress, RegistryClient, type Progress, type RegistryClientOptions, type RegistryResponse } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { collectLog } from '../../support/log-collector';
import { sendJson, startServer, type TestServer } from '../../support/start-server';
import { tempCache, type TempCache } from '../../support/temp-cache';
import { allValues, fingerprint, responseOf, tempDir, type TempDir } from './fixtures';

/** What the server received of one request, body as bytes. */
interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bytes: Buffer;
}

const FILE = randomBytes(300 * 1024 + 7);

describe('upload streams a file to the registry', () => {
  let server: TestServer;
  let files: TempDir;
  let cache: TempCache;
  let filePath: string;
  const received: Received[] = [];
  const clients: RegistryClient[] = [];
  /** Paths that have already been answered 503 once. */
  const refusedOnce = new Set<string>();

  function client(config: RegistryClientOptions = {}): RegistryClient {
    const made = new RegistryClient({ registry: server.url, cache: cache.path, ...FAST_RETRY, ...config });
    clients.push(made);
    return made;
  }

  /** The requests that reached `path`. */
  function at(path: string): Received[] {
    return received.filter((r) => r.url === path);
  }

  beforeAll(async () => {
    // Reads every body whole, then answers: `/flaky/…` with 503 the first time, anything else with 201.
    server = await startServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = req.url ?? '';
        received.push({ method: req.method ?? '', url, headers: req.headers, bytes: Buffer.concat(chunks) });
        if (url.startsWith('/flaky/') && !refusedOnce.has(url)) {
          refusedOnce.add(url);
          return sendJson(res, 503, { error: 'try again' });
        }
        sendJson(res, 201, { ok: true, got: Buffer.concat(chunks).length });
      });
    });
    files = await tempDir();
    cache = await tempCache();
    filePath = await files.write('upload.bin', FILE);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
    await files?.remove();
    await cache?.remove();
  });

  it('from a file path: PUTs the exact bytes as application/octet-stream with their content-length', async () => {
    const res = await responseOf(client().upload('/files/from-path', filePath));

    expect(res).toMatchObject({ statusCode: 201, data: { ok: true, got: FILE.length } });
    const [sent, ...more] = at('/files/from-path');
    expect(more).toHaveLength(0);
    expect(sent.method).toBe('PUT');
    expect(sent.headers['content-type']).toBe('application/octet-stream');
    expect(sent.headers['content-length']).toBe(String(FILE.length));
    expect(fingerprint(sent.bytes)).toEqual(fingerprint(FILE));
  });

  it('from a Buffer: the same, with its content-length', async () => {
    await responseOf(client().upload('/files/from-buffer', FILE));

    const [sent] = at('/files/from-buffer');
    expect(sent.headers['content-type']).toBe('application/octet-stream');
    expect(sent.headers['content-length']).toBe(String(FILE.length));
    expect(fingerprint(sent.bytes)).toEqual(fingerprint(FILE));
  });

  it('from a Readable: the exact bytes, chunked, since the length is not known', async () => {
    const stream = Readable.from([FILE.subarray(0, 1000), FILE.subarray(1000, 200_000), FILE.subarray(200_000)]);

    const res = await responseOf(client().upload('/files/from-stream', stream));

    expect(res.statusCode).toBe(201);
    const [sent, ...more] = at('/files/from-stream');
    expect(more).toHaveLength(0);
    expect(sent.headers['content-type']).toBe('application/octet-stream');
    expect(sent.headers['content-length']).toBeUndefined();
    expect(sent.headers['transfer-encoding']).toBe('chunked');
    expect(fingerprint(sent.bytes)).toEqual(fingerprint(FILE));
  });

  it('an absolute URL on the registry host works like a path', async () => {
    await responseOf(client().upload(`${server.url}files/absolute`, filePath));

    expect(fingerprint(at('/files/absolute')[0].bytes)).toEqual(fingerprint(FILE));
  });

  it('sends the etag argument as If-Match', async () => {
    await responseOf(client().upload('/files/with-etag', filePath, '"rev-7"'));

    expect(at('/files/with-etag')[0].headers['if-match']).toBe('"rev-7"');
  });

  it('with reportProgress: progress values with increasing loaded, ending at the whole length, then the response', async () => {
    const values = await allValues(client().upload('/files/progress', filePath, undefined, undefined, { reportProgress: true }));

    const last = values[values.length - 1] as RegistryResponse;
    expect(isProgress(last)).toBe(false);
    expect(last.statusCode).toBe(201);
    const progress = values.slice(0, -1) as Progress[];
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(isProgress)).toBe(true);
    for (let i = 1; i < progress.length; i++) expect(progress[i].loaded).toBeGreaterThan(progress[i - 1].loaded);
    expect(progress.every((p) => p.total === FILE.length)).toBe(true);
    expect(progress[progress.length - 1].loaded).toBe(FILE.length);
  });

  it('with reportProgress from a Readable: progress without a total, then the response', async () => {
    const stream = Readable.from([FILE.subarray(0, 100_000), FILE.subarray(100_000)]);

    const values = await allValues(client().upload('/files/progress-stream', stream, undefined, undefined, { reportProgress: true }));

    expect((values[values.length - 1] as RegistryResponse).statusCode).toBe(201);
    const progress = values.slice(0, -1) as Progress[];
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => isProgress(p) && p.total === undefined)).toBe(true);
    expect(progress[progress.length - 1].loaded).toBe(FILE.length);
  });

  it('without reportProgress: only the response', async () => {
    const values = await allValues(client().upload('/files/quiet', filePath));

    expect(values).toHaveLength(1);
    expect((values[0] as RegistryResponse).statusCode).toBe(201);
  });

  it('a 503 on a file upload is retried, and the body is sent whole again', async () => {
    const log = collectLog();

    const res = await responseOf(client({ log: log.log }).upload('/flaky/file', filePath));

    expect(res.statusCode).toBe(201);
    const attempts = at('/flaky/file');
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt.method).toBe('PUT');
      expect(attempt.headers['content-length']).toBe(String(FILE.length));
      expect(fingerprint(attempt.bytes)).toEqual(fingerprint(FILE));
    }
    expect(log.withPrefix('retry')).toHaveLength(1);
  });

  it('a 503 on a Buffer upload is retried with the whole body too', async () => {
    await responseOf(client().upload('/flaky/buffer', FILE));

    const attempts = at('/flaky/buffer');
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) expect(fingerprint(attempt.bytes)).toEqual(fingerprint(FILE));
  });

  it('a 503 on a Readable upload is not retried (the stream cannot be read again): HttpError E503', async () => {
    const error = await failureOf(client().upload('/flaky/stream', Readable.from([FILE])));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E503', statusCode: 503, method: 'PUT' });
    expect(at('/flaky/stream')).toHaveLength(1);
    expect(fingerprint(at('/flaky/stream')[0].bytes)).toEqual(fingerprint(FILE));
  });

  it('a missing file is a UsageError and nothing is sent', async () => {
    const before = received.length;

    const error = await failureOf(client().upload('/files/missing', `${files.path}/no-such-file.bin`));

    expect(error).toMatchObject({ code: 'EUSAGE' });
    expect(received).toHaveLength(before);
    expect(server.requests.filter((r) => r.url === '/files/missing')).toHaveLength(0);
  });
});
