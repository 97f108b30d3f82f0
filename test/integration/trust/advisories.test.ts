import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { RegistryClient } from '../../../src';
import { Cleanup } from '../../support/cleanup';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { startTrustRegistry, type BulkAdvisory } from '../../support/trust-registry';

const POLLUTION: BulkAdvisory = { id: 1, url: 'http://127.0.0.1/advisories/1', title: 'Prototype Pollution', severity: 'high', vulnerable_versions: '<4.17.21', cwe: ['CWE-1321'], cvss: { score: 7.4, vectorString: 'CVSS:3.1/AV:N' } };
const REDOS: BulkAdvisory = { id: 2, url: 'http://127.0.0.1/advisories/2', title: 'ReDoS', severity: 'moderate', vulnerable_versions: '>=4.0.0 <4.17.21' };

describe('advisories against a registry with the bulk advisory endpoint', () => {
  const open = new Cleanup();
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rxnpm-advisories-'));
  });
  afterEach(() => open.closeAll());
  afterAll(() => rm(folder, { recursive: true, force: true }));

  async function world() {
    const registry = open.track(await startTrustRegistry());
    registry.addAdvisory('lodash', POLLUTION);
    registry.addAdvisory('lodash', REDOS);
    const client = open.track(new RegistryClient({ registry: registry.url, cache: join(folder, 'cache'), ...FAST_RETRY }));
    return { registry, client };
  }

  it('POSTs { name: [versions] } gzip-compressed and emits the advisories per affected package', async () => {
    const { registry, client } = await world();
    const found = await lastValueFrom(client.advisories({ lodash: ['4.17.20'], rxjs: ['7.8.1'] }).pipe(toArray()));
    expect(registry.bulkRequests).toEqual([{ encoding: 'gzip', body: { lodash: ['4.17.20'], rxjs: ['7.8.1'] } }]);
    expect(found).toEqual([{ name: 'lodash', advisories: [{ ...POLLUTION }, { ...REDOS, cwe: [] }] }]);
  });

  it('nothing affected emits nothing', async () => {
    const { client } = await world();
    expect(await lastValueFrom(client.advisories({ lodash: ['4.17.21'] }).pipe(toArray()))).toEqual([]);
  });

  it('is cold: nothing is sent until subscribed', async () => {
    const { registry, client } = await world();
    client.advisories({ lodash: ['4.17.20'] });
    await new Promise((done) => setTimeout(done, 50));
    expect(registry.bulkRequests).toHaveLength(0);
  });

  it('refuses a package name that is not one before sending', async () => {
    const { registry, client } = await world();
    expect(await failureOf(client.advisories({ '../x': ['1.0.0'] }))).toMatchObject({ code: 'EUSAGE' });
    expect(registry.server.requests).toHaveLength(0);
  });
});
