import { lastValueFrom } from 'rxjs';
import { HttpError, MAX_JSON_DEPTH, TooDeepError } from '../../src';
import { deepFreeze } from '../../src/cache/deep-freeze';
import { nestedDeeperThan } from '../../src/util/json-depth';
import { failureOf } from '../support/failure-of';
import { startServer } from '../support/start-server';
import { useClients } from '../support/use-clients';

const LEVELS = 100_000;
/** A JSON array nested 100,000 levels deep, with `leaf` at the bottom. */
const deepArray = (leaf = '{}') => `${'['.repeat(LEVELS)}${leaf}${']'.repeat(LEVELS)}`;
const deepPackument = `{"name":"deep","_id":"deep","_rev":"1-a","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"name":"deep","version":"1.0.0"}},"x":${deepArray()}}`;

/** Follows the first item of each array down to the bottom of a deeply nested value, without recursion. */
function bottomOf(value: unknown): unknown {
  let node = value;
  while (Array.isArray(node)) node = node[0];
  return node;
}

describe('JSON nested 100,000 levels deep', () => {
  const { open, client } = useClients();

  async function answering(status: number, text: string) {
    return open.track(await startServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(text)));
  }

  it('get() emits the document, frozen all the way down, and nothing overflows', async () => {
    const registry = await answering(200, deepPackument);

    const { data } = await lastValueFrom(client({ registry: registry.url }).get<{ x: unknown }>('/deep'));

    expect(Object.isFrozen(data)).toBe(true);
    const bottom = bottomOf(data.x);
    expect(bottom).toEqual({});
    expect(Object.isFrozen(bottom)).toBe(true);
  });

  it('a 500 with such a body is an HttpError E500 whose body is the text, so printing the error cannot overflow', async () => {
    const registry = await answering(500, deepArray('"secret-less"'));

    const error = await failureOf(client({ registry: registry.url, 'fetch-retries': 0 }).request('GET', '/deep'));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E500', statusCode: 500 });
    expect(typeof (error as HttpError).body).toBe('string');
    expect(() => JSON.stringify(error)).not.toThrow();
  });

  it('a write that reads such a document first (deprecate) fails with TooDeepError ETOODEEP, and writes nothing', async () => {
    const registry = await answering(200, deepPackument);
    const writer = client({ registry: registry.url, [`//${registry.host}/:_authToken`]: 'deep-token-0001' });

    const error = await failureOf(writer.deprecate('deep', '*', 'gone'));

    expect(error).toBeInstanceOf(TooDeepError);
    expect(error).toMatchObject({ code: 'ETOODEEP', limit: MAX_JSON_DEPTH, pkgid: 'deep' });
    expect(registry.requests.map((r) => r.method)).toEqual(['GET']);
  });
});

describe('deepFreeze and nestedDeeperThan keep their own stack', () => {
  it('deepFreeze freezes 100,000 levels', () => {
    const value: unknown = deepFreeze(JSON.parse(deepArray()));
    expect(Object.isFrozen(bottomOf(value))).toBe(true);
  });

  it(`nestedDeeperThan counts levels of objects and arrays: ${MAX_JSON_DEPTH} is allowed, one more is not`, () => {
    const nested = (levels: number) => JSON.parse(`${'{"a":['.repeat(levels / 2)}${']}'.repeat(levels / 2)}`);
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(nestedDeeperThan(nested(MAX_JSON_DEPTH + 2))).toBe(true);
    expect(nestedDeeperThan(JSON.parse(deepArray()))).toBe(true);
    expect(nestedDeeperThan('text')).toBe(false);
    expect(nestedDeeperThan(null)).toBe(false);
  });
});
