import { lastValueFrom, type Subscription } from 'rxjs';
import { HttpError, type RegistryClientOptions, type RegistryResponse } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { pause, within } from './bounded';
import { CORGI_ACCEPT, packument, type Packument } from './packument-server';
import { useCacheFixture } from './cache-fixture';

/** Long enough for a request that should not be sent to reach the server if it were. */
const QUIET = 150;

describe('concurrent identical GETs share one request to a real server', () => {
  const fixture = useCacheFixture({ serverPerTest: true });
  /** A client over a cache folder of its own. */
  const client = async (settings: RegistryClientOptions = {}) => fixture.client(await fixture.newCacheFolder(), settings);

  it('sends one request for 10 concurrent subscriptions and gives every one the document', async () => {
    const doc = packument('shared', ['1.0.0']);
    fixture.server.publish(doc);
    const { client: reader } = await client();
    fixture.server.hold();

    const all = Promise.all(Array.from({ length: 10 }, () => lastValueFrom(reader.get<Packument>('/shared'))));
    await within(fixture.server.server.received(1), 3000, 'the shared request');
    await pause(QUIET);
    expect(fixture.server.requests).toHaveLength(1);
    fixture.server.release();
    const results = await within(all, 3000, 'all 10 subscribers');

    expect(fixture.server.requests).toHaveLength(1);
    expect(results.map((r) => r.cacheStatus)).toEqual(Array(10).fill('miss'));
    for (const res of results) expect(res.data).toEqual(doc);
  });

  it('shares one conditional request among 10 concurrent revalidations', async () => {
    fixture.server.publish(packument('shared-304', ['1.0.0']));
    const { client: reader } = await client({ 'cache-min': 0 });
    const first = await lastValueFrom(reader.get<Packument>('/shared-304'));
    fixture.server.hold();

    const all = Promise.all(Array.from({ length: 10 }, () => lastValueFrom(reader.get<Packument>('/shared-304'))));
    await within(fixture.server.server.received(2), 3000, 'the shared conditional request');
    await pause(QUIET);
    fixture.server.release();
    const results = await within(all, 3000, 'all 10 subscribers');

    expect(fixture.server.requests).toHaveLength(2);
    expect(fixture.server.requests[1].headers['if-none-match']).toBe(first.headers.etag);
    expect(results.map((r) => r.cacheStatus)).toEqual(Array(10).fill('revalidated'));
    for (const res of results) expect(res.raw).toBe(first.raw);
  });

  it('does not share between the full and the abbreviated document', async () => {
    fixture.server.publish(packument('two-variants', ['1.0.0']));
    const { client: reader } = await client();

    const [full, corgi] = await Promise.all([lastValueFrom(reader.get<Packument>('/two-variants')), lastValueFrom(reader.get<Packument>('/two-variants', { fullMetadata: false }))]);

    expect(fixture.server.requests.map((r) => r.headers.accept).sort()).toEqual(['application/json', CORGI_ACCEPT].sort());
    expect(full.data.readme).toBeDefined();
    expect(corgi.data.readme).toBeUndefined();
  });

  it('closes the socket when all 10 subscribers leave before the answer, and the next get sends afresh', async () => {
    const doc = packument('abandoned', ['1.0.0']);
    fixture.server.publish(doc);
    const { client: reader } = await client();
    fixture.server.hold();
    const subscriptions: Subscription[] = Array.from({ length: 10 }, () => reader.get('/abandoned').subscribe());

    const request = await within(fixture.server.server.received(1), 3000, 'the shared request');
    subscriptions.forEach((s) => s.unsubscribe());
    await within(request.socketClosed, 3000, 'the socket of the abandoned request to close');
    fixture.server.release();

    const res = await within(lastValueFrom(reader.get<Packument>('/abandoned')), 3000, 'a new get');
    expect(res.cacheStatus).toBe('miss');
    expect(res.data).toEqual(doc);
    expect(fixture.server.requests).toHaveLength(2);
  });

  it('keeps the shared request going while one subscriber remains', async () => {
    const doc = packument('one-stays', ['1.0.0']);
    fixture.server.publish(doc);
    const { client: reader } = await client();
    fixture.server.hold();
    const leaving: Subscription[] = [];
    for (let i = 0; i < 9; i++) leaving.push(reader.get('/one-stays').subscribe());
    const staying = lastValueFrom(reader.get<Packument>('/one-stays'));

    await within(fixture.server.server.received(1), 3000, 'the shared request');
    await pause(QUIET);
    leaving.forEach((s) => s.unsubscribe());
    fixture.server.release();
    const res: RegistryResponse<Packument> = await within(staying, 3000, 'the remaining subscriber');

    expect(res.data).toEqual(doc);
    expect(fixture.server.requests).toHaveLength(1);
  });

  it('does not remember a failure: 3 subscribers share one 500, and the next get sends again', async () => {
    const doc = packument('flaky', ['1.0.0']);
    fixture.server.publish(doc);
    const { client: reader } = await client({ 'fetch-retries': 0 });
    fixture.server.failNext(1, 500);
    fixture.server.hold();

    const failures = Promise.all([1, 2, 3].map(() => failureOf(reader.get('/flaky'))));
    await within(fixture.server.server.received(1), 3000, 'the shared request');
    await pause(QUIET);
    fixture.server.release();
    const errors = await within(failures, 3000, 'the 3 failures');

    expect(fixture.server.requests).toHaveLength(1);
    for (const error of errors) {
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: 'E500', statusCode: 500 });
    }
    const res = await lastValueFrom(reader.get<Packument>('/flaky'));
    expect(res.cacheStatus).toBe('miss');
    expect(res.data).toEqual(doc);
    expect(fixture.server.requests).toHaveLength(2);
  });
});
