import { HttpError, type RegistryClientOptions } from '../../../src';
import { collectLog } from '../../support/log-collector';
import { eventually, pause, record, within } from './bounded';
import { CORGI_ACCEPT, packument, type Packument } from './packument-server';
import { useCacheFixture } from './cache-fixture';

const INTERVAL = 50;
/** Several intervals: long enough for a poll that should not happen to happen. */
const QUIET = 4 * INTERVAL;

describe('watch() polls a real server', () => {
  const fixture = useCacheFixture({ serverPerTest: true });
  /** A client over a cache folder of its own. */
  const client = async (settings: RegistryClientOptions = {}) => fixture.client(await fixture.newCacheFolder(), settings);

  const statuses = () => fixture.server.answers.map((a) => a.status);

  it('emits the current document, stays quiet on 304s, emits each change, rides out a 503, and ends with E404 when the package goes', async () => {
    fixture.server.publish(packument('watched', ['1.0.0']));
    const collector = collectLog();
    const { client: watcher } = await client({ log: collector.log });
    const watching = record(watcher.watch<Packument>('watched', { interval: INTERVAL }));
    try {
      const current = await watching.value(1);
      expect(current.cacheStatus).toBe('miss');
      expect(current.data['dist-tags'].latest).toBe('1.0.0');
      expect(fixture.server.requests[0].headers.accept).toBe(CORGI_ACCEPT);

      await within(fixture.server.server.received(4), 3000, 'three polls');
      expect(statuses().slice(0, 4)).toEqual([200, 304, 304, 304]);
      expect(fixture.server.requests[1].headers['if-none-match']).toBe(current.headers.etag);
      expect(watching.values).toHaveLength(1);

      fixture.server.publish(packument('watched', ['1.0.0', '1.1.0']));
      const changed = await watching.value(2);
      expect(changed.cacheStatus).toBe('updated');
      expect(changed.data['dist-tags'].latest).toBe('1.1.0');

      // Three 503s: the poll's own two retries fail too, so the watch itself has to try again.
      const before = fixture.server.answers.length;
      fixture.server.failNext(3, 503);
      await eventually(() => statuses().slice(before).filter((s) => s === 503).length === 3 && statuses().slice(before).at(-1) === 304, 3000, 'the 503s and a 304 after them');
      expect(collector.withPrefix('watch').map((l) => l.message)).toEqual([expect.stringContaining('E503')]);
      expect(watching.values).toHaveLength(2);

      fixture.server.publish(packument('watched', ['1.0.0', '1.1.0', '1.2.0']));
      const afterOutage = await watching.value(3);
      expect(afterOutage.data['dist-tags'].latest).toBe('1.2.0');

      fixture.server.unpublish('watched');
      const error = await watching.error();
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: 'E404', statusCode: 404 });
      expect(watching.values).toHaveLength(3);

      const after = fixture.server.requests.length;
      await pause(QUIET);
      expect(fixture.server.requests.length).toBe(after);
    } finally {
      watching.unsubscribe();
    }
  });

  it('asks for the full document with fullMetadata', async () => {
    fixture.server.publish(packument('watched-full', ['1.0.0']));
    const { client: watcher } = await client();
    const watching = record(watcher.watch<Packument>('watched-full', { interval: INTERVAL, fullMetadata: true }));
    try {
      const current = await watching.value(1);
      expect(current.data.readme).toBeDefined();
      expect(fixture.server.requests[0].headers.accept).toBe('application/json');
    } finally {
      watching.unsubscribe();
    }
  });

  it('gives any number of subscribers one shared poll: one request at a time, and a late subscriber gets the latest at once', async () => {
    fixture.server.publish(packument('shared-watch', ['1.0.0']));
    const { client: watcher } = await client();
    fixture.server.hold();
    const first = record(watcher.watch<Packument>('shared-watch', { interval: INTERVAL }));
    const second = record(watcher.watch<Packument>('shared-watch', { interval: INTERVAL }));
    try {
      await within(fixture.server.server.received(1), 3000, 'the first request');
      await pause(QUIET);
      expect(fixture.server.requests).toHaveLength(1);
      fixture.server.release({ keepHolding: true });
      expect((await first.value(1)).data['dist-tags'].latest).toBe('1.0.0');
      expect((await second.value(1)).data['dist-tags'].latest).toBe('1.0.0');

      // Each poll is held until released: two separate polls would have a second request waiting meanwhile.
      for (let poll = 2; poll <= 4; poll++) {
        await within(fixture.server.server.received(poll), 3000, `poll ${poll}`);
        await pause(QUIET);
        expect(fixture.server.requests).toHaveLength(poll);
        expect(fixture.server.waiting).toBe(1);
        if (poll === 4) fixture.server.publish(packument('shared-watch', ['1.0.0', '2.0.0']));
        fixture.server.release({ keepHolding: true });
      }
      expect((await first.value(2)).data['dist-tags'].latest).toBe('2.0.0');
      expect((await second.value(2)).data['dist-tags'].latest).toBe('2.0.0');

      const late = record(watcher.watch<Packument>('shared-watch', { interval: INTERVAL }));
      try {
        const latest = await late.value(1);
        expect(latest.data['dist-tags'].latest).toBe('2.0.0');
        expect(fixture.server.requests).toHaveLength(4);
      } finally {
        late.unsubscribe();
      }
      expect(first.values).toHaveLength(2);
      expect(second.values).toHaveLength(2);
    } finally {
      first.unsubscribe();
      second.unsubscribe();
      fixture.server.release();
    }
  });

  it('keeps polling while one subscriber remains, and sends nothing more after the last one leaves', async () => {
    fixture.server.publish(packument('left-watch', ['1.0.0']));
    const { client: watcher } = await client();
    fixture.server.hold();
    const first = record(watcher.watch<Packument>('left-watch', { interval: INTERVAL }));
    const second = record(watcher.watch<Packument>('left-watch', { interval: INTERVAL }));
    try {
      await within(fixture.server.server.received(1), 3000, 'the first request');
      fixture.server.release({ keepHolding: true });
      await first.value(1);
      await within(fixture.server.server.received(2), 3000, 'the first poll');

      first.unsubscribe();
      fixture.server.release({ keepHolding: true });
      const third = await within(fixture.server.server.received(3), 3000, 'a poll for the remaining subscriber');

      second.unsubscribe();
      await within(third.socketClosed, 3000, 'the poll in flight to be aborted');
      fixture.server.release();
      await pause(QUIET);
      expect(fixture.server.requests).toHaveLength(3);
    } finally {
      first.unsubscribe();
      second.unsubscribe();
      fixture.server.release();
    }
  });

  it('starts a new poll for a subscriber who comes after the last one left', async () => {
    fixture.server.publish(packument('rewatched', ['1.0.0']));
    const { client: watcher } = await client();
    const once = record(watcher.watch<Packument>('rewatched', { interval: INTERVAL }));
    await once.value(1);
    once.unsubscribe();

    const again = record(watcher.watch<Packument>('rewatched', { interval: INTERVAL }));
    try {
      const before = fixture.server.requests.length;
      await within(fixture.server.server.received(before + 2), 3000, 'the new watch to poll');
      expect((await again.value(1)).data['dist-tags'].latest).toBe('1.0.0');
    } finally {
      again.unsubscribe();
    }
  });
});
