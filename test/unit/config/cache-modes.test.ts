import { ConfigError } from '../../../src/errors/config-error';
import { normalizeConfig } from '../../../src/config/normalize-config';
import { RegistryClient } from '../../../src/client';
import { lastValueFrom } from 'rxjs';
import { memoryStore, TestingTransport } from '../../../src/testing';

const base = { registry: 'http://127.0.0.1:4873/', cache: '/tmp/rxnpm-unused' };

describe('npm’s offline, prefer-offline and prefer-online settings', () => {
  it('are off by default', () => {
    expect(normalizeConfig(base).cacheModes).toEqual({ offline: false, preferOffline: false, preferOnline: false });
  });

  it('are read by npm’s names, camelCase aliases and ini strings', () => {
    expect(normalizeConfig({ ...base, offline: 'true', 'prefer-offline': true, preferOnline: 'false' }).cacheModes).toEqual({ offline: true, preferOffline: true, preferOnline: false });
  });

  it('refuse what is not a boolean, naming the key', () => {
    expect(() => normalizeConfig({ ...base, 'prefer-online': 'yes' as never })).toThrow(ConfigError);
    expect(() => normalizeConfig({ ...base, 'prefer-online': 'yes' as never })).toThrow(/prefer-online/);
  });

  it('make get work offline when configured so: ENOTCACHED, and nothing sent', async () => {
    const transport = new TestingTransport();
    const client = new RegistryClient({ ...base, cache: memoryStore(), transport, offline: true });
    await expect(lastValueFrom(client.get('/rxjs'))).rejects.toMatchObject({ code: 'ENOTCACHED' });
    transport.expectNone('/rxjs');
  });
});

describe('RegistryClient.close', () => {
  it('can be called more than once', async () => {
    const client = new RegistryClient(base);
    await client.close();
    await expect(client.close()).resolves.toBeUndefined();
  });
});
