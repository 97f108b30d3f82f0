import { lastValueFrom } from 'rxjs';
import { NoTokenError, RegistryClient } from '../../../src';
import { memoryStore, TestingTransport } from '../../../src/testing';
import { failureOf } from '../../support/failure-of';

const registry = 'http://127.0.0.1:4873/';
const basic = `Basic ${Buffer.from('ada:pw').toString('base64')}`;

function setup() {
  const transport = new TestingTransport({ registry });
  const client = new RegistryClient({ registry, cache: memoryStore(), transport, 'fetch-retries': 0, '//127.0.0.1:4873/:_auth': Buffer.from('ada:pw').toString('base64') });
  return { transport, client };
}

describe('tokens.create', () => {
  it('with `use`, sends the new token instead of the password from then on', async () => {
    const { transport, client } = setup();
    const created = lastValueFrom(client.tokens.create({ password: 'pw', readonly: false, cidr: [], use: true }));
    const post = transport.expectOne('POST', '/-/npm/v1/tokens');
    expect(post.request.headers.authorization).toBe(basic);
    post.flush({ key: 'k', token: 'npm_new' });
    await created;

    const profile = lastValueFrom(client.profile.get());
    const get = transport.expectOne('GET', '/-/npm/v1/user');
    expect(get.request.headers.authorization).toBe('Bearer npm_new');
    get.flush({ name: 'ada' });
    await profile;
    transport.verify();
  });

  it('without `use`, the client keeps its credentials', async () => {
    const { transport, client } = setup();
    const created = lastValueFrom(client.tokens.create({ password: 'pw' }));
    transport.expectOne('POST', '/-/npm/v1/tokens').flush({ key: 'k', token: 'npm_new' });
    await created;

    const profile = lastValueFrom(client.profile.get());
    const get = transport.expectOne('GET', '/-/npm/v1/user');
    expect(get.request.headers.authorization).toBe(basic);
    get.flush({ name: 'ada' });
    await profile;
  });

  it.each([[{ key: 'k' }], [{ key: 'k', token: 42 }], [null]])('an answer without a token (%j) is ENOTOKEN', async (answer) => {
    const { transport, client } = setup();
    const created = failureOf(client.tokens.create({ password: 'pw', use: true }));
    transport.expectOne('POST', '/-/npm/v1/tokens').flush(answer);

    expect(await created).toBeInstanceOf(NoTokenError);
  });
});
