import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { RegistryClient, SignatureError } from '../../../src';
import { Cleanup } from '../../support/cleanup';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { signatureOf, signingKey, startTrustRegistry, type TrustRegistry } from '../../support/trust-registry';

describe('registry signatures against a registry that signs its versions', () => {
  const open = new Cleanup();
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rxnpm-signatures-'));
  });
  afterEach(() => open.closeAll());
  afterAll(() => rm(folder, { recursive: true, force: true }));

  const current = signingKey('SHA256:current');
  const retired = signingKey('SHA256:retired', '2023-01-01T00:00:00.000Z');
  const stranger = signingKey('SHA256:current');

  async function world(): Promise<{ registry: TrustRegistry; client: RegistryClient }> {
    const registry = open.track(await startTrustRegistry());
    registry.setKeys([current.listed, retired.listed]);
    const client = open.track(new RegistryClient({ registry: registry.url, cache: join(folder, `cache-${registry.server.port}`), ...FAST_RETRY }));
    return { registry, client };
  }

  it('keys() lists the registry keys, and none for a registry without the endpoint', async () => {
    const { registry, client } = await world();
    expect(await lastValueFrom(client.keys())).toEqual([current.listed, retired.listed]);
    registry.setKeys(undefined);
    expect(await lastValueFrom(client.keys())).toEqual([]);
  });

  it('keys() leaves out entries without a key id or key, and refuses a list that is not one', async () => {
    const { registry, client } = await world();
    registry.setKeys([{ keyid: 'x' }, { key: 'abc' }, current.listed, 'nonsense']);
    expect(await lastValueFrom(client.keys())).toEqual([current.listed]);
    registry.setKeys(Array.from({ length: 65 }, () => current.listed));
    expect(await failureOf(client.keys())).toMatchObject({ code: 'EBADRESPONSE' });
  });

  it('manifest with verifySignatures passes a version signed by a current key', async () => {
    const { registry, client } = await world();
    registry.addPackage('signed', [{ version: '1.0.0', signedBy: current }]);
    const m = await lastValueFrom(client.manifest('signed@1.0.0', { verifySignatures: true }));
    expect(m.version).toBe('1.0.0');
  });

  it('a version signed by a key that expired after its publish time still verifies; one published after the expiry does not', async () => {
    const { registry, client } = await world();
    registry.addPackage('old', [
      { version: '1.0.0', signedBy: retired, time: '2022-06-01T00:00:00.000Z' },
      { version: '2.0.0', signedBy: retired, time: '2023-06-01T00:00:00.000Z' },
    ]);
    await expect(lastValueFrom(client.manifest('old@1.0.0', { verifySignatures: true }))).resolves.toMatchObject({ version: '1.0.0' });
    const error = await failureOf(client.manifest('old@2.0.0', { verifySignatures: true }));
    expect(error).toBeInstanceOf(SignatureError);
    expect(error).toMatchObject({ code: 'EEXPIREDSIGNATUREKEY', keyid: 'SHA256:retired' });
  });

  it('a signature by another key with the same id is EINTEGRITYSIGNATURE', async () => {
    const { registry, client } = await world();
    registry.addPackage('forged', [{ version: '1.0.0', signedBy: stranger }]);
    expect(await failureOf(client.manifest('forged', { verifySignatures: true }))).toMatchObject({ code: 'EINTEGRITYSIGNATURE', keyid: 'SHA256:current' });
  });

  it('a signature over another integrity is EINTEGRITYSIGNATURE', async () => {
    const { registry, client } = await world();
    registry.addPackage('swapped', [{ version: '1.0.0', signatures: [signatureOf(current, 'swapped', '1.0.0', 'sha512-other')] }]);
    expect(await failureOf(client.manifest('swapped', { verifySignatures: true }))).toMatchObject({ code: 'EINTEGRITYSIGNATURE' });
  });

  it('an unknown key id is EMISSINGSIGNATUREKEY, even one named like an Object property', async () => {
    const { registry, client } = await world();
    registry.addPackage('unknown', [{ version: '1.0.0', signatures: [{ keyid: 'constructor', sig: 'AAAA' }] }]);
    expect(await failureOf(client.manifest('unknown', { verifySignatures: true }))).toMatchObject({ code: 'EMISSINGSIGNATUREKEY', keyid: 'constructor' });
  });

  it('no signature where the registry has keys is EMISSINGSIGNATURE; where it has none, passes', async () => {
    const { registry, client } = await world();
    registry.addPackage('plain', [{ version: '1.0.0' }]);
    expect(await failureOf(client.manifest('plain', { verifySignatures: true }))).toMatchObject({ code: 'EMISSINGSIGNATURE' });
    registry.setKeys(undefined);
    await expect(lastValueFrom(client.manifest('plain', { verifySignatures: true }))).resolves.toMatchObject({ version: '1.0.0' });
  });

  it('signatures that are not a short list of { keyid, sig } are refused', async () => {
    const { registry, client } = await world();
    registry.addPackage('junk', [{ version: '1.0.0', signatures: { keyid: 'SHA256:current' } }]);
    registry.addPackage('many', [{ version: '1.0.0', signatures: Array.from({ length: 17 }, () => ({ keyid: 'SHA256:current', sig: 'AAAA' })) }]);
    expect(await failureOf(client.manifest('junk', { verifySignatures: true }))).toMatchObject({ code: 'EINTEGRITYSIGNATURE' });
    expect(await failureOf(client.manifest('many', { verifySignatures: true }))).toMatchObject({ code: 'EINTEGRITYSIGNATURE' });
  });

  it('without verifySignatures nothing is checked and the keys are not fetched', async () => {
    const { registry, client } = await world();
    registry.addPackage('forged', [{ version: '1.0.0', signedBy: stranger }]);
    await lastValueFrom(client.manifest('forged'));
    expect(registry.server.requests.map((r) => r.url)).not.toContain('/-/npm/v1/keys');
  });

  it('tarball with verifySignatures refuses a forged version before downloading it, and streams a signed one', async () => {
    const { registry, client } = await world();
    registry.addPackage('forged', [{ version: '1.0.0', signedBy: stranger }]);
    registry.addPackage('signed', [{ version: '1.0.0', signedBy: current }]);
    expect(await failureOf(client.tarball('forged@1.0.0', { verifySignatures: true }))).toMatchObject({ code: 'EINTEGRITYSIGNATURE' });
    expect(registry.server.requests.some((r) => r.url.endsWith('.tgz'))).toBe(false);
    const chunks = await lastValueFrom(client.tarball('signed@1.0.0', { verifySignatures: true }).pipe(toArray()));
    expect(Buffer.concat(chunks).toString()).toBe('tarball of signed@1.0.0');
  });

  it('tarball of a manifest value checks its signatures too', async () => {
    const { registry, client } = await world();
    registry.addPackage('forged', [{ version: '1.0.0', signedBy: stranger }]);
    const m = await lastValueFrom(client.manifest('forged@1.0.0'));
    expect(await failureOf(client.tarball(m, { verifySignatures: true }))).toMatchObject({ code: 'EINTEGRITYSIGNATURE' });
  });

  it('auditSignatures fetches the keys once and reports each version verified, missing or invalid', async () => {
    const { registry, client } = await world();
    registry.addPackage('signed', [{ version: '1.0.0', signedBy: current }]);
    registry.addPackage('plain', [{ version: '1.0.0' }]);
    registry.addPackage('forged', [{ version: '1.0.0', signedBy: stranger }]);
    const audits = await lastValueFrom(client.auditSignatures(['signed', 'plain@1', 'forged@1.0.0']).pipe(toArray()));
    const byName = Object.fromEntries(audits.map((a) => [a.name, a.status]));
    expect(byName).toEqual({ signed: 'verified', plain: 'missing', forged: 'invalid' });
    expect(registry.server.requests.filter((r) => r.url === '/-/npm/v1/keys')).toHaveLength(1);
  });
});
