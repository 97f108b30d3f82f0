import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NetworkError, RegistryError, type Manifest } from '../../src';
import { outcomeOf } from '../support/outcome-of';
import { startRawHttpServer } from '../support/raw-http-server';
import { sendJson, startServer } from '../support/start-server';
import { tempCache } from '../support/temp-cache';
import { useClients } from '../support/use-clients';

/**
 * Probes that rxnpm already passed when it was tried as an attacker would,
 * kept so they stay passed: each hostile answer ends in one typed error with
 * a stable code (or the right value), never a crash.
 */
describe('hostile answers rxnpm already handled', () => {
  const { open, client } = useClients();

  describe('Content-Length lies, written raw', () => {
    it('a Content-Length larger than the body, then the connection closed: NetworkError ECONNRESET, retried', async () => {
      const server = open.track(await startRawHttpServer('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{}'));

      const outcome = await outcomeOf(client({ registry: server.url }).request('GET', '/pkg'));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
      expect(outcome.errors[0]).toMatchObject({ code: 'ECONNRESET' });
      expect(server.connections).toBe(3);
    });

    it('a Content-Length smaller than the body: the declared bytes are the body, the rest is never read as JSON', async () => {
      const server = open.track(await startRawHttpServer('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}{"injected":true}'));

      const outcome = await outcomeOf(client({ registry: server.url }).request('GET', '/pkg'));

      expect(outcome.errors).toEqual([]);
      expect(outcome.values.map((v) => v.data)).toEqual([{}]);
    });

    it('a tarball shorter than its Content-Length: a typed error, and nothing left where it was to be saved', async () => {
      const bytes = Buffer.from('short');
      const server = open.track(await startRawHttpServer(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n'), bytes])));
      const folder = await tempCache();
      const manifest: Manifest = { name: 'x', version: '1.0.0', dist: { tarball: `${server.url}x.tgz`, integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}` } };

      try {
        const outcome = await outcomeOf(client({ registry: server.url }).saveTarball(manifest, join(folder.path, 'x.tgz')));

        expect(outcome.errors).toHaveLength(1);
        expect(outcome.errors[0]).toBeInstanceOf(RegistryError);
        expect((outcome.errors[0] as RegistryError).code).toMatch(/^E[A-Z]+$/);
        expect(await readdir(folder.path)).toEqual([]);
      } finally {
        await folder.remove();
      }
    });
  });

  it.each([
    ['a NUL byte in a header name', 'HTTP/1.1 200 OK\r\nx-a\u0000b: 1\r\ncontent-length: 2\r\n\r\n{}'],
    ['a header name with a colon inside a quote', 'HTTP/1.1 200 OK\r\n"x:y": 1\r\ncontent-length: 2\r\n\r\n{}'],
  ])('%s: one NetworkError', async (_label, raw) => {
    const server = open.track(await startRawHttpServer(raw));

    const outcome = await outcomeOf(client({ registry: server.url }).request('GET', '/pkg'));

    expect(outcome.values).toEqual([]);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
  });

  it('a 304 to a request that named no copy: EBADRESPONSE, and nothing cached', async () => {
    const server = open.track(await startServer((_req, res) => sendJson(res, 304)));
    const reader = client({ registry: server.url });

    const first = await outcomeOf(reader.get('/pkg'));
    const second = await outcomeOf(reader.get('/pkg'));

    for (const outcome of [first, second]) {
      expect(outcome.values).toEqual([]);
      expect(outcome.errors[0]).toBeInstanceOf(RegistryError);
      expect(outcome.errors[0]).toMatchObject({ code: 'EBADRESPONSE', statusCode: 304 });
    }
    expect(server.requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, undefined]);
  });
});
