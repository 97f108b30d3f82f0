import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TimeoutError, type Manifest } from '../../src';
import { within } from '../integration/cache/bounded';
import { outcomeOf } from '../support/outcome-of';
import { startServer, type Handler } from '../support/start-server';
import { tempCache } from '../support/temp-cache';
import { useClients } from '../support/use-clients';

const FETCH_TIMEOUT = 200;
const TARBALL = Buffer.alloc(4096, 'x');
const integrity = `sha512-${createHash('sha512').update(TARBALL).digest('base64')}`;

/**
 * Sends the tarball's headers at once, then one byte every `everyMs` (at most
 * 400 of them, so the server stops on its own), and never ends early. `pauseAfter`
 * bytes, it falls silent instead.
 */
function trickling(everyMs: number, pauseAfter = Number.POSITIVE_INFINITY): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(TARBALL.length) });
    let sent = 0;
    const tick = setInterval(() => {
      if (sent >= pauseAfter || sent >= 400) return clearInterval(tick);
      res.write(TARBALL.subarray(sent, sent + 1));
      sent += 1;
    }, everyMs);
    res.on('close', () => clearInterval(tick));
  };
}

const manifestAt = (url: string): Manifest => ({ name: 'slow', version: '1.0.0', dist: { tarball: `${url}slow.tgz`, integrity } });

describe(`a tarball that trickles in, with fetch-timeout ${FETCH_TIMEOUT} ms, against a real loopback server`, () => {
  const { open, client } = useClients();

  it('a byte every 50 ms is never idle long enough, and is ETIMEDOUT (bound "whole") after 10 × fetch-timeout, the socket closed', async () => {
    const server = open.track(await startServer(trickling(50)));
    const started = Date.now();

    const outcome = await outcomeOf(client({ registry: server.url, 'fetch-timeout': FETCH_TIMEOUT, 'fetch-retries': 0 }).tarball(manifestAt(server.url)));

    const took = Date.now() - started;
    // Chunks come as they arrive, the last held back until verified: never the whole tarball.
    expect(Buffer.concat(outcome.values).length).toBeLessThan(TARBALL.length);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]).toBeInstanceOf(TimeoutError);
    expect(outcome.errors[0]).toMatchObject({ code: 'ETIMEDOUT', bound: 'whole', timeout: 10 * FETCH_TIMEOUT });
    expect(took).toBeGreaterThanOrEqual(10 * FETCH_TIMEOUT - 50);
    expect(took).toBeLessThan(10 * FETCH_TIMEOUT + 3000);
    await within(server.requests[0].socketClosed, 5000, 'the client to close the socket');
  });

  it('bytes that stop coming are ETIMEDOUT (bound "idle") about fetch-timeout after the last one', async () => {
    const server = open.track(await startServer(trickling(10, 5)));
    const started = Date.now();

    const outcome = await outcomeOf(client({ registry: server.url, 'fetch-timeout': FETCH_TIMEOUT, 'fetch-retries': 0 }).tarball(manifestAt(server.url)));

    expect(outcome.errors[0]).toBeInstanceOf(TimeoutError);
    expect(outcome.errors[0]).toMatchObject({ code: 'ETIMEDOUT', bound: 'idle', timeout: FETCH_TIMEOUT });
    expect(Date.now() - started).toBeLessThan(10 * FETCH_TIMEOUT);
  });

  it('saveTarball of a trickle: ETIMEDOUT, and nothing left in the folder', async () => {
    const server = open.track(await startServer(trickling(50)));
    const folder = await tempCache();

    try {
      const outcome = await outcomeOf(client({ registry: server.url, 'fetch-timeout': FETCH_TIMEOUT, 'fetch-retries': 0 }).saveTarball(manifestAt(server.url), join(folder.path, 'slow.tgz')));

      expect(outcome.errors[0]).toMatchObject({ code: 'ETIMEDOUT', bound: 'whole' });
      expect(await readdir(folder.path)).toEqual([]);
    } finally {
      await folder.remove();
    }
  });
});

describe(`a packument that comes slowly but steadily, with fetch-timeout ${FETCH_TIMEOUT} ms`, () => {
  const { client, open } = useClients();
  const DOC = Buffer.from(JSON.stringify({ name: 'steady', 'dist-tags': {}, versions: {}, readme: 'r'.repeat(20_000) }));

  /** The document in 40 pieces, one every `everyMs` (the whole takes 40 × `everyMs`); after `stallAfter` pieces, silence. */
  const steady =
    (everyMs: number, stallAfter = Number.POSITIVE_INFINITY): Handler =>
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(DOC.length) });
      const piece = Math.ceil(DOC.length / 40);
      let pieces = 0;
      const tick = setInterval(() => {
        if (pieces >= stallAfter) return clearInterval(tick);
        res.write(DOC.subarray(pieces * piece, (pieces + 1) * piece));
        pieces += 1;
        if (pieces * piece >= DOC.length) {
          clearInterval(tick);
          res.end();
        }
      }, everyMs);
      res.on('close', () => clearInterval(tick));
    };

  it('is read whole though it takes 5 × fetch-timeout: each chunk is a sign of life, not only the headers', async () => {
    const server = open.track(await startServer(steady(25)));
    const started = Date.now();

    const outcome = await outcomeOf(client({ registry: server.url, 'fetch-timeout': FETCH_TIMEOUT, 'fetch-retries': 0 }).get('/steady'));

    expect(outcome.errors).toEqual([]);
    expect(outcome.values.map(({ data }) => data)).toEqual([expect.objectContaining({ name: 'steady' })]);
    expect(Date.now() - started).toBeGreaterThan(3 * FETCH_TIMEOUT);
  });

  it('falling silent mid-body is ETIMEDOUT (bound "idle")', async () => {
    const server = open.track(await startServer(steady(25, 10)));

    const outcome = await outcomeOf(client({ registry: server.url, 'fetch-timeout': FETCH_TIMEOUT, 'fetch-retries': 0 }).get('/steady'));

    expect(outcome.errors[0]).toBeInstanceOf(TimeoutError);
    expect(outcome.errors[0]).toMatchObject({ code: 'ETIMEDOUT', bound: 'idle', timeout: FETCH_TIMEOUT });
  });
});
