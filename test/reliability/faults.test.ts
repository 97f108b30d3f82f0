import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { lastValueFrom } from 'rxjs';
import {
  HttpError,
  InvalidJsonError,
  NetworkError,
  NotCachedError,
  RegistryClient,
  RegistryError,
  TimeoutError,
  UndiciTransport,
  type RegistryClientConfig,
} from '../../src';
import { within } from '../integration/cache/bounded';
import { tempDir, type TempDir } from '../integration/operations/fixtures';
import { anyFileContains, filesUnder, tempFilesOf } from '../support/cache-files';
import { Cleanup } from '../support/cleanup';
import { FAST_RETRY } from '../support/fast-retry';
import { INVALID_JSON_MARKER, startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import { gatedTransport } from '../support/gated-transport';
import { collectLog } from '../support/log-collector';
import { startNpmApiRegistry, type NpmApiRegistry } from '../support/npm-api-registry';
import { outcomeOf } from '../support/outcome-of';
import { tempCache, type TempCache } from '../support/temp-cache';

/** Small enough that no test waits on real backoff or a long timeout. */
const FAST = { ...FAST_RETRY, 'fetch-timeout': 300 } as const;
const PACKAGE = '/left-pad';

type ErrorClass = abstract new (...args: never[]) => RegistryError;

/** A fault that always happens, and what the client must end with. */
const FAILURES: ReadonlyArray<[label: string, fault: Fault, type: ErrorClass, code: string, attempts: number]> = [
  ['a reset before the headers', 'reset-before-headers', NetworkError, 'ECONNRESET', 3],
  ['a reset in the middle of the body', 'reset-mid-body', NetworkError, 'ECONNRESET', 3],
  ['a body shorter than its Content-Length', 'short-body', NetworkError, 'ECONNRESET', 3],
  ['a server that accepts and never answers', 'hang', TimeoutError, 'ETIMEDOUT', 3],
  ['503', { status: 503 }, HttpError, 'E503', 3],
  ['500', { status: 500 }, HttpError, 'E500', 3],
  ['429 with Retry-After: 0', { status: 429, headers: { 'retry-after': '0' } }, HttpError, 'E429', 3],
  // Not retried: the registry answered, and the same answer would come again.
  ['invalid JSON in a 200', 'invalid-json', InvalidJsonError, 'EJSONPARSE', 1],
];

/** Faults that happen a few times and then stop: the retries must hide them. */
const RECOVERIES: ReadonlyArray<[label: string, faults: Fault[], retries: number]> = [
  ['two resets before the headers', ['reset-before-headers', 'reset-before-headers'], 2],
  ['two resets in the middle of the body', ['reset-mid-body', 'reset-mid-body'], 2],
  ['two bodies shorter than their Content-Length', ['short-body', 'short-body'], 2],
  ['two requests never answered (fetch-timeout fires)', ['hang', 'hang'], 2],
  ['a 500, a 502 and a 503', [{ status: 500 }, { status: 502 }, { status: 503 }], 3],
  ['a 429 asking for Retry-After: 1', [{ status: 429, headers: { 'retry-after': '1' } }], 2],
  ['a 503 asking for Retry-After: 3600 (capped at fetch-retry-maxtimeout)', [{ status: 503, headers: { 'retry-after': '3600' } }], 2],
];

describe('faults between the client and a real registry, injected by a loopback proxy', () => {
  let registry: NpmApiRegistry;
  let proxy: FaultProxy;
  let cache: TempCache;
  /** Requests before this index were made by an earlier client (priming the cache). */
  let earlier = 0;
  const open = new Cleanup();

  beforeEach(async () => {
    registry = open.track(await startNpmApiRegistry());
    registry.addPackage({ name: 'left-pad', versions: ['1.0.0', '1.1.0'], maintainers: [{ name: 'ada', email: 'ada@example.test' }] });
    proxy = open.track(await startFaultProxy(registry.url));
    cache = await tempCache();
    earlier = 0;
  });
  afterEach(async () => {
    await open.closeAll();
    await cache.remove();
  });

  function client(config: Partial<RegistryClientConfig> = {}): RegistryClient {
    return open.track(new RegistryClient({ registry: proxy.url, cache: cache.path, ...FAST, ...config } as RegistryClientConfig));
  }

  /** The packument as the client must see it through the proxy: the registry's, with its URLs pointing at the proxy. */
  function expectedPackument(): unknown {
    const origin = new URL(registry.url).origin;
    return JSON.parse(JSON.stringify(registry.packument('left-pad')).split(origin).join(new URL(proxy.url).origin));
  }

  function packumentRequests() {
    return proxy.requests.slice(earlier).filter((r) => r.url === PACKAGE);
  }

  /** Stores a good copy through the proxy, as a client that ran earlier would have. */
  async function primeCache(): Promise<unknown> {
    const first = client();
    const { data } = await lastValueFrom(first.get(PACKAGE));
    await first.close();
    earlier = proxy.requests.length;
    return data;
  }

  /** What a later client gets from the cache alone. */
  async function offlineCopy() {
    const offline = client({ offline: true });
    const outcome = await outcomeOf(offline.get(PACKAGE));
    await offline.close();
    return outcome;
  }

  /** The client is closed, and it left no socket open and no temp file in the cache. */
  async function expectNothingLeftBehind(used: RegistryClient): Promise<void> {
    await used.close();
    await within(proxy.allConnectionsClosed(), 5000, () => `the proxy's ${proxy.openConnections} open connections to close`);
    expect(proxy.openConnections).toBe(0);
    expect(await tempFilesOf(cache.path)).toEqual([]);
  }

  describe.each(RECOVERIES)('%s, then answers', (_label, faults, retries) => {
    it('emits the right packument once, after exactly the documented retries, and caches it', async () => {
      const collector = collectLog();
      proxy.script({ faults });
      const reader = client({ log: collector.log, 'fetch-retries': retries });

      const outcome = await outcomeOf(reader.get(PACKAGE));

      expect(outcome.errors).toEqual([]);
      expect(outcome.completed).toBe(true);
      expect(outcome.values.map((v) => v.data)).toEqual([expectedPackument()]);
      expect(packumentRequests().map((r) => r.fault)).toEqual([...faults, 'pass']);
      expect(collector.withPrefix('retry')).toHaveLength(faults.length);
      await expectNothingLeftBehind(reader);

      const later = await offlineCopy();
      expect(later.values.map((v) => v.data)).toEqual([expectedPackument()]);
    });
  });

  describe.each(FAILURES)('%s on every attempt', (_label, fault, type, code, attempts) => {
    it(`fails with one ${type.name} ${code} after ${attempts} attempt(s); the good copy in the cache stays as it was`, async () => {
      const good = await primeCache();
      proxy.script({ faults: [], then: fault });
      const collector = collectLog();
      const reader = client({ log: collector.log });

      const outcome = await outcomeOf(reader.get(PACKAGE, { preferOnline: true }));

      expect(outcome.values).toEqual([]);
      expect(outcome.completed).toBe(false);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(type);
      expect(outcome.errors[0]).toMatchObject({ code, method: 'GET', url: `${proxy.url}left-pad`, pkgid: 'left-pad' });
      expect(packumentRequests()).toHaveLength(attempts);
      expect(packumentRequests().every((r) => r.fault === fault)).toBe(true);
      expect(collector.withPrefix('retry')).toHaveLength(attempts - 1);
      await expectNothingLeftBehind(reader);

      const later = await offlineCopy();
      expect(later.errors).toEqual([]);
      expect(later.values.map((v) => v.data)).toEqual([good]);
      expect(await anyFileContains(cache.path, INVALID_JSON_MARKER)).toBe(false);
    });

    it('with nothing cached before, stores nothing: a later offline client gets ENOTCACHED', async () => {
      proxy.script({ faults: [], then: fault });
      const reader = client();

      const outcome = await outcomeOf(reader.get(PACKAGE));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toMatchObject({ code });
      expect(packumentRequests()).toHaveLength(attempts);
      await expectNothingLeftBehind(reader);

      expect(await filesUnder(join(cache.path, 'content-v2'))).toEqual([]);
      const later = await offlineCopy();
      expect(later.values).toEqual([]);
      expect(later.errors).toHaveLength(1);
      expect(later.errors[0]).toBeInstanceOf(NotCachedError);
      expect(later.errors[0]).toMatchObject({ code: 'ENOTCACHED' });
    });
  });

  describe('connection refused', () => {
    it('on every attempt: one NetworkError ECONNREFUSED after 3 attempts; the good copy stays', async () => {
      const good = await primeCache();
      await proxy.refuseConnections();
      const connectionsBefore = proxy.connectionCount;
      const collector = collectLog();
      const reader = client({ log: collector.log });

      const outcome = await outcomeOf(reader.get(PACKAGE, { preferOnline: true }));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
      expect(outcome.errors[0]).toMatchObject({ code: 'ECONNREFUSED', url: `${proxy.url}left-pad` });
      expect(collector.withPrefix('fetch').map((l) => /failed: ECONNREFUSED$/.test(l.message))).toEqual([true, true, true]);
      expect(collector.withPrefix('retry')).toHaveLength(2);
      expect(proxy.connectionCount).toBe(connectionsBefore);
      await expectNothingLeftBehind(reader);

      const later = await offlineCopy();
      expect(later.values.map((v) => v.data)).toEqual([good]);
    });

    it('twice, then listening again before the third attempt: the third attempt gets the packument', async () => {
      await proxy.refuseConnections();
      const transport = gatedTransport(new UndiciTransport({ maxSockets: 16, tls: { strictSsl: true }, proxy: {} }), async (attempt) => {
        if (attempt === 3) await proxy.acceptConnections();
      });
      const collector = collectLog();
      const reader = client({ transport, log: collector.log });

      const outcome = await outcomeOf(reader.get(PACKAGE));

      expect(outcome.errors).toEqual([]);
      expect(outcome.values.map((v) => v.data)).toEqual([expectedPackument()]);
      expect(transport.attempts).toBe(3);
      expect(collector.withPrefix('fetch').map((l) => l.message.includes('ECONNREFUSED'))).toEqual([true, true, false]);
      expect(packumentRequests()).toHaveLength(1);
      await expectNothingLeftBehind(reader);
    });
  });

  describe('tarballs', () => {
    const BIG = randomBytes(512 * 1024);
    let folder: TempDir;

    beforeEach(async () => {
      folder = await tempDir('rxnpm-faults-');
      const token = registry.addUser('ada', 'ada@example.test');
      const publisher = new RegistryClient({ registry: registry.url, cache: cache.path, [`//${registry.host}/:_authToken`]: token, ...FAST });
      try {
        await lastValueFrom(publisher.publish({ name: 'big', version: '1.0.0' }, BIG));
      } finally {
        await publisher.close();
      }
    });
    afterEach(() => folder.remove());

    const isTarball = (r: { url: string }) => r.url.endsWith('.tgz');

    it('whose bytes do not match dist.integrity: one EINTEGRITY, not retried, never the whole wrong tarball, nothing saved or cached', async () => {
      proxy.script({ faults: [], then: 'corrupt-body', when: isTarball });
      const reader = client();

      const streamed = await outcomeOf(reader.tarball('big@1.0.0'));
      const saved = await outcomeOf(reader.saveTarball('big@1.0.0', join(folder.path, 'big.tgz')));

      for (const outcome of [streamed, saved]) {
        expect(outcome.errors).toHaveLength(1);
        expect(outcome.errors[0]).toBeInstanceOf(RegistryError);
        expect(outcome.errors[0]).toMatchObject({ code: 'EINTEGRITY', pkgid: 'big' });
      }
      expect(Buffer.concat(streamed.values).length).toBeLessThan(BIG.length);
      expect(Buffer.concat(streamed.values).equals(BIG.subarray(0, Buffer.concat(streamed.values).length))).toBe(true);
      expect(proxy.requests.filter(isTarball)).toHaveLength(2);
      expect(await folder.list()).toEqual([]);
      await expectNothingLeftBehind(reader);
      const corrupt = Buffer.from(BIG);
      corrupt[corrupt.length - 1] ^= 0xff;
      expect(await anyFileContains(cache.path, corrupt.subarray(-4096))).toBe(false);
    });

    it('reset before the headers once: retried, and the second attempt delivers exactly the right bytes', async () => {
      proxy.script({ faults: ['reset-before-headers'], when: isTarball });
      const reader = client();

      const outcome = await outcomeOf(reader.tarball('big@1.0.0'));

      expect(outcome.errors).toEqual([]);
      const received = Buffer.concat(outcome.values);
      expect({ length: received.length, same: received.equals(BIG) }).toEqual({ length: BIG.length, same: true });
      expect(proxy.requests.filter(isTarball).map((r) => r.fault)).toEqual(['reset-before-headers', 'pass']);
      await expectNothingLeftBehind(reader);
    });

    // Once chunks have reached the subscriber, a second attempt would deliver its bytes after the first one's.
    it.each([
      ['reset in the middle of the body', 'reset-mid-body' as Fault],
      ['cut short of its Content-Length', 'short-body' as Fault],
    ])('%s once: one ECONNRESET, not retried, and what was emitted is a true prefix of the tarball', async (_label, fault) => {
      proxy.script({ faults: [fault], when: isTarball });
      const reader = client();

      const outcome = await outcomeOf(reader.tarball('big@1.0.0'));

      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toBeInstanceOf(NetworkError);
      expect(outcome.errors[0]).toMatchObject({ code: 'ECONNRESET', method: 'GET' });
      const received = Buffer.concat(outcome.values);
      expect(received.length).toBeLessThan(BIG.length);
      expect(received.equals(BIG.subarray(0, received.length))).toBe(true);
      expect(proxy.requests.filter(isTarball).map((r) => r.fault)).toEqual([fault]);
      await expectNothingLeftBehind(reader);
    });

    it('reset in the middle of the body: saveTarball fails with ECONNRESET and leaves neither the file nor a temp file', async () => {
      proxy.script({ faults: ['reset-mid-body'], when: isTarball });
      const reader = client();

      const outcome = await outcomeOf(reader.saveTarball('big@1.0.0', join(folder.path, 'big.tgz')));

      expect(outcome.values).toEqual([]);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toMatchObject({ code: 'ECONNRESET' });
      expect(await folder.list()).toEqual([]);
      await expectNothingLeftBehind(reader);
    });
  });
});
