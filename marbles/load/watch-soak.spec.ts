import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { defer, finalize, of, type Observable } from 'rxjs';
import { RegistryClient, type HttpEvent, type RegistryRequest, type Transport } from '../../src';
import { memoryStore } from '../../src/testing';
import { seen } from '../support/caching-client';
import { marbleScheduler, REGISTRY } from '../support/marble-client';
import { buildLibrary, REPO_ROOT, type LibraryBuild } from './support/build-library';

const INTERVAL = 1000;
const POLLS = 10_000;

const DOC = { name: 'soak', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'soak', version: '1.0.0' } } };
const VALIDATORS = { etag: '"soak-1"', 'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT' };

/**
 * A registry that never changes: the first GET gets the document, every
 * conditional one a 304, synchronously, so a poll is answered in the frame it
 * is made. Counts what it was asked and how many requests are open at once.
 */
class NotModifiedTransport implements Transport {
  requests = 0;
  conditional = 0;
  active = 0;
  peakActive = 0;

  handle(req: RegistryRequest): Observable<HttpEvent> {
    return defer(() => {
      this.requests += 1;
      this.active += 1;
      this.peakActive = Math.max(this.peakActive, this.active);
      const isConditional = req.headers['if-none-match'] === VALIDATORS.etag;
      if (isConditional) this.conditional += 1;
      const statusCode = isConditional ? 304 : 200;
      const headers = isConditional ? { ...VALIDATORS } : { 'content-type': 'application/json', ...VALIDATORS };
      const body = isConditional ? Buffer.alloc(0) : Buffer.from(JSON.stringify(DOC));
      const events: HttpEvent[] = [
        { type: 'headers', statusCode, headers },
        { type: 'response', url: req.url, statusCode, headers, body },
      ];
      return of(...events).pipe(
        finalize(() => {
          this.active -= 1;
        }),
      );
    });
  }
}

/** What the client holds between two polls. */
interface Sample {
  readonly polls: number;
  /** Virtual actions scheduled (timers: the next poll, a fetch timeout, a retry…). */
  readonly pending: number;
  /** Requests open at the transport. */
  readonly active: number;
  /** Documents in the store. */
  readonly stored: number;
}

describe('a watch held for 10,000 polls (virtual time)', () => {
  it('makes one conditional request per interval, emits once, holds no more work after 10,000 polls than after 1,000, and stops on unsubscribe', () => {
    const transport = new NotModifiedTransport();
    const store = memoryStore();
    const client = new RegistryClient({ registry: REGISTRY, cache: store, transport });
    const scheduler = marbleScheduler();
    const samples: Sample[] = [];

    scheduler.run(({ expectObservable }) => {
      // Bounded: a watch that failed to stop would poll until here, another 10,000 times, and show in the count.
      scheduler.maxFrames = 2 * POLLS * INTERVAL;
      const sample = () => samples.push({ polls: transport.requests - 1, pending: scheduler.actions.length, active: transport.active, stored: store.keys().length });
      // Half an interval after the 1,000th poll, then after the 10,000th (the second is scheduled by the first, so both see the same queue).
      scheduler.schedule(() => {
        sample();
        scheduler.schedule(sample, (POLLS - 1000) * INTERVAL - 100);
      }, 1000 * INTERVAL + INTERVAL / 2);

      const subscription = `^ ${POLLS * INTERVAL + INTERVAL / 2 - 1}ms !`;
      const expected = '    a';
      expectObservable(client.watch('soak', { interval: INTERVAL }).pipe(seen()), subscription).toBe(expected, { a: { cacheStatus: 'miss', data: DOC } });
    });

    // Between polls: the next poll's timer and the test's unsubscription, nothing else; no request open; one document.
    expect(samples).toEqual([
      { polls: 1000, pending: 2, active: 0, stored: 1 },
      { polls: POLLS, pending: 2, active: 0, stored: 1 },
    ]);
    expect(transport.requests).toBe(1 + POLLS);
    expect(transport.conditional).toBe(POLLS);
    expect(transport.peakActive).toBe(1);
    // After the unsubscription at 10,000.5 intervals nothing was sent and nothing is left scheduled.
    expect(scheduler.actions).toHaveLength(0);
  });
});

/** What watch-soak.child.cjs reports. */
interface SoakReport {
  readonly samples: ReadonlyArray<{ polls: number; heapUsed: number; pending: number }>;
  readonly afterUnsubscribe: { polls: number; pending: number };
  readonly emissions: number;
  readonly errors: readonly string[];
}

const CHILD = join(__dirname, 'support', 'watch-soak.child.cjs');
const CHECKPOINTS = [1000, 2000, 4000, 6000, 8000, POLLS];
/**
 * Heap growth allowed from 2,000 to 10,000 polls: 128 bytes a poll. A leak-free
 * watch measures a few hundred kB at most (compiled code, V8's own tables);
 * keeping as little as one request object a poll comes to about 2 MB.
 */
const MAX_GROWTH = 1024 * 1024;

function soak(library: string, mode?: 'leaky'): Promise<SoakReport> {
  const args = ['--expose-gc', CHILD, library, JSON.stringify(CHECKPOINTS), ...(mode ? [mode] : [])];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, timeout: 90_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`watch-soak child failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as SoakReport);
    });
  });
}

/** Heap after full GCs at 10,000 polls minus at 2,000 (the first 1,000 warm the process up). */
function growth(report: SoakReport): number {
  const at = (polls: number) => report.samples.find((s) => s.polls === polls)!.heapUsed;
  return at(POLLS) - at(2000);
}

describe('a watch held for 10,000 polls does not grow memory (built library, child process with --expose-gc)', () => {
  let build: LibraryBuild | undefined;
  beforeAll(async () => {
    build = await buildLibrary('watch-soak');
  }, 90_000);
  afterAll(() => build?.remove());

  it('heap after full GCs grows less than 1 MiB from 2,000 to 10,000 polls, while a transport that keeps each request grows more', async () => {
    const [held, leaking] = await Promise.all([soak(build!.entry), soak(build!.entry, 'leaky')]);

    expect(held.errors).toEqual([]);
    expect(held.emissions).toBe(1);
    expect(held.samples.map((s) => [s.polls, s.pending])).toEqual(CHECKPOINTS.map((polls) => [polls, 1]));
    expect(held.afterUnsubscribe).toEqual({ polls: POLLS, pending: 0 });
    expect(growth(held)).toBeLessThan(MAX_GROWTH);
    // The same measurement sees a leak of a few hundred bytes a poll: the bound above can fail.
    expect(growth(leaking)).toBeGreaterThan(MAX_GROWTH);
  }, 120_000);
});
