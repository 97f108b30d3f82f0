import { lastValueFrom, toArray } from 'rxjs';
import { RegistryClient, type RegistryClientOptions, type RegistryResponse } from '../../src';
import { Cleanup } from '../support/cleanup';
import { collectLog } from '../support/log-collector';
import { tempCache } from '../support/temp-cache';
import { eventually, within } from '../integration/cache/bounded';
import { verifyCache } from '../integration/cache/cache-folder';
import { CORGI_ACCEPT, startPackumentServer, type Packument } from '../integration/cache/packument-server';
import { loadCorpus, type Expected } from './support/load-corpus';
import { countSockets, type SocketCount } from './support/socket-count';

const PACKAGES = 300;
const corpus = loadCorpus(PACKAGES);

/** One subscription of the load: which package, which variant, and what came back. */
interface Outcome {
  readonly expected: Expected;
  readonly fullMetadata: boolean;
  readonly emissions?: ReadonlyArray<RegistryResponse<Packument>>;
  readonly error?: unknown;
}

/** What is wrong with one outcome, or undefined when it is the right document, once, and completed. */
function problemOf({ expected, fullMetadata, emissions, error }: Outcome): string | undefined {
  const what = `${expected.doc.name} (${fullMetadata ? 'full' : 'abbreviated'})`;
  if (error !== undefined) return `${what}: ${(error as Error)?.message ?? String(error)}`;
  if (emissions?.length !== 1) return `${what}: ${emissions?.length} emissions`;
  const { data } = emissions[0];
  const versions = data?.versions ? Object.keys(data.versions).length : -1;
  const latest = data?.['dist-tags']?.latest;
  // The server sends the abbreviated document for the corgi Accept: no readme in it.
  const readme = fullMetadata ? data?.readme?.length === expected.doc.readme.length : data?.readme === undefined;
  if (data?.name !== expected.doc.name || versions !== expected.versions || latest !== expected.latest || !readme) {
    return `${what}: got name=${data?.name} versions=${versions} latest=${latest} readme ${readme ? 'as expected' : 'wrong'}`;
  }
  return undefined;
}

describe('load: thousands of concurrent get subscriptions against a real loopback registry', () => {
  const open = new Cleanup();
  afterEach(() => open.closeAll());

  /**
   * Subscribes `subscriptions` GETs at once, names cycling over the 300
   * packages, the full document on even rounds and the abbreviated one on odd
   * rounds, so every package is asked for in both variants many times over.
   *
   * No unhandled rejection: Jest 30's runner takes over the process's
   * 'unhandledRejection' (and 'uncaughtException') listeners while a test runs
   * and fails the running test on one (jest-circus injectGlobalErrorHandlers);
   * a listener added here would sit on the test sandbox's copy of `process`
   * and never be called, so it could not fail. bench/load.mjs, a plain Node
   * process, listens for them itself.
   */
  async function load(subscriptions: number, settings: RegistryClientOptions = {}) {
    const server = await startPackumentServer(...corpus.map((e) => e.doc));
    const sockets: SocketCount = countSockets(server.server.server);
    open.track(server);
    const cache = await tempCache();
    open.track({ close: () => cache.remove() });
    const { log, lines } = collectLog();
    const client = new RegistryClient({ registry: server.url, cache: cache.path, log, ...settings });
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= client.close());
    open.track({ close });

    const jobs = Array.from({ length: subscriptions }, (_, i) => ({ expected: corpus[i % PACKAGES], fullMetadata: Math.floor(i / PACKAGES) % 2 === 0 }));
    // Every lastValueFrom subscribes as it is called: all of them are subscribed before any answer can arrive.
    const outcomes: Outcome[] = await within(
      Promise.all(
        jobs.map((job) =>
          lastValueFrom(client.get<Packument>(`/${job.expected.doc.name}`, { fullMetadata: job.fullMetadata }).pipe(toArray())).then(
            (emissions) => ({ ...job, emissions }),
            (error: unknown) => ({ ...job, error }),
          ),
        ),
      ),
      90_000,
      `${subscriptions} subscriptions to complete`,
    );
    await within(close(), 30_000, 'client.close()');
    return { server, sockets, cache, outcomes, lines };
  }

  it('5,000 subscriptions over 300 packages: every one completes with its document, at most 16 sockets (the default), one request per document', async () => {
    const { server, sockets, cache, outcomes, lines } = await load(5000);

    expect(outcomes.map(problemOf).filter(Boolean)).toEqual([]);
    expect(lines.filter((line) => line.level === 'warn' || line.level === 'error')).toEqual([]);

    // maxsockets is a bound on connections to the origin, whatever the number of subscribers.
    expect(sockets.max).toBeLessThanOrEqual(16);
    // 600 documents were waiting at once, so the client had reason to use more than one socket: the bound was tested.
    expect(sockets.max).toBeGreaterThan(1);

    // Concurrent identical GETs share one request (and one cache write), so 5,000 subscriptions
    // cost at most one request per package and variant: 300 × 2 = 600. A cold cache needs each
    // of them once, so it is exactly one request for each pair. (A subscriber whose read of the
    // disk cache ends only after the shared request finished takes the copy now in memory:
    // marbles/load/coalescing-slow-reads.spec.ts.)
    const pairs = server.requests.map((r) => `${r.url} ${r.headers.accept === CORGI_ACCEPT ? 'corgi' : r.headers.accept}`);
    expect(server.requests.length).toBeLessThanOrEqual(600);
    expect(new Set(pairs).size).toBe(600);
    expect(server.answers.every((a) => a.status === 200)).toBe(true);

    // close() released every socket, and every background write reached the disk intact.
    await eventually(() => sockets.open === 0, 5000, 'the server to see every socket closed');
    expect(await verifyCache(cache.path)).toMatchObject({ badContentCount: 0, missingContent: 0, rejectedEntries: 0, totalEntries: 600 });
  }, 120_000);

  it('with maxsockets 4, 1,000 subscriptions never hold more than 4 sockets, and all complete', async () => {
    const { sockets, outcomes } = await load(1000, { maxsockets: 4 });

    expect(outcomes.map(problemOf).filter(Boolean)).toEqual([]);
    expect(sockets.max).toBeLessThanOrEqual(4);
    expect(sockets.max).toBeGreaterThan(1);
    await eventually(() => sockets.open === 0, 5000, 'the server to see every socket closed');
  }, 120_000);
});
