import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { lastValueFrom } from 'rxjs';
import {
  HttpError,
  isProgress,
  RegistryClient,
  RegistryError,
  UsageError,
  type Manifest,
  type Packument,
  type RegistryResponse,
  type SavedTarball,
} from '../../../src';
import { startVerdaccio, type LocalRegistry } from '../../../src/verdaccio/start-verdaccio';
import { failureOf } from '../../support/failure-of';
import { ownCacheClients } from '../../support/own-cache-clients';
import { allValues, packTarball, sha1Hex, sha512Integrity, tempDir, type TempDir } from './fixtures';

/**
 * One package's whole life on a real registry, step by step: each step is
 * done by the publisher's client and then read back from the registry by an
 * anonymous client that always revalidates, so what is asserted is what the
 * registry now holds, not what the publisher's client remembers. The steps
 * run in order and each starts from where the one before left the package.
 */
describe('the life cycle of a package on Verdaccio', () => {
  let registry: LocalRegistry;
  let files: TempDir;
  const { client, close: closeClients } = ownCacheClients(() => registry.url);

  beforeAll(async () => {
    registry = await startVerdaccio();
    files = await tempDir();
  }, 60_000);

  afterAll(async () => {
    await closeClients();
    await registry?.close();
    await files?.remove();
  });

  describe.each([
    { name: 'rxnpm-life', user: 'life-plain' },
    { name: '@rxnpm/life', user: 'life-scoped' },
  ])('$name', ({ name, user }) => {
    const PASSWORD = 'a-long-enough-password';
    const README = `# ${name}\n\nA package that lives and dies in a test.\n`;
    const unscoped = name.replace(/^@[^/]+\//, '');
    const path = `/${name.replace('/', '%2f')}`;
    const tarball100 = packTarball({ 'package.json': JSON.stringify({ name, version: '1.0.0' }), 'index.js': 'module.exports = 100;\n' });
    const tarball110 = packTarball({ 'package.json': JSON.stringify({ name, version: '1.1.0' }), 'index.js': 'module.exports = 110;\n' });
    const tarball200 = packTarball({ 'package.json': JSON.stringify({ name, version: '2.0.0' }), 'index.js': 'module.exports = 200;\n' });
    const tarballUrl = (version: string) => `${registry.url}${name}/-/${unscoped}-${version}.tgz`;

    let publisher: RegistryClient;
    let reader: RegistryClient;
    let file100: string;
    let token: string;

    /** The packument as the registry holds it now. */
    async function packument(): Promise<Packument> {
      const { data } = await lastValueFrom(reader.get<Packument>(path, { preferOnline: true }));
      return data;
    }

    async function bytesOf(source: ReturnType<RegistryClient['tarball']>): Promise<Buffer> {
      return Buffer.concat(await allValues(source));
    }

    beforeAll(async () => {
      publisher = await client();
      reader = await client();
      file100 = await files.write(`${unscoped}-1.0.0.tgz`, tarball100);
    });

    it('adduser creates the account, and the client sends the new token from then on', async () => {
      const result = await lastValueFrom(publisher.adduser(user, PASSWORD, `${user}@example.test`));

      expect(result).toEqual({ ok: `user '${user}' created`, token: expect.any(String), username: user });
      token = result.token;
      expect(await lastValueFrom(publisher.whoami())).toBe(user);
      // The token is the registry's, not the client's invention: another client configured with it is that user.
      const withToken = await client({ [`//${new URL(registry.url).host}/:_authToken`]: token });
      expect(await lastValueFrom(withToken.whoami())).toBe(user);
    });

    it('adduser of the existing account with its password logs in and gets a token', async () => {
      const again = await client();
      const result = await lastValueFrom(again.adduser(user, PASSWORD, `${user}@example.test`));

      expect(result.username).toBe(user);
      expect(result.token).toEqual(expect.any(String));
      expect(await lastValueFrom(again.whoami())).toBe(user);
    });

    it('an anonymous client is nobody: Verdaccio answers whoami 200 {}, which the client reports as ENEEDAUTH', async () => {
      const raw = await lastValueFrom(reader.request('GET', '/-/whoami'));
      expect(raw.statusCode).toBe(200);
      expect(raw.data).toEqual({});

      const error = await failureOf(reader.whoami());

      expect(error).toBeInstanceOf(RegistryError);
      expect(error).toMatchObject({ code: 'ENEEDAUTH' });
    });

    it('ping answers', async () => {
      expect(await lastValueFrom(reader.ping())).toEqual({});
    });

    it('publishes 1.0.0 from a tarball file with a readme; the registry shows its dist and readme', async () => {
      const res = (await lastValueFrom(publisher.publish({ name, version: '1.0.0', description: 'the first' }, file100, README))) as RegistryResponse;

      expect(res.statusCode).toBe(201);
      const doc = await packument();
      expect(doc['dist-tags']).toEqual({ latest: '1.0.0' });
      expect(Object.keys(doc.versions ?? {})).toEqual(['1.0.0']);
      expect(doc.versions!['1.0.0']).toMatchObject({
        name,
        version: '1.0.0',
        description: 'the first',
        _id: `${name}@1.0.0`,
        dist: { shasum: sha1Hex(tarball100), integrity: sha512Integrity(tarball100), tarball: tarballUrl('1.0.0') },
      });
      expect(doc.readme).toBe(README);
    });

    it('publishes 1.1.0 from a stream, reporting upload progress before the response', async () => {
      const stream = Readable.from([tarball110.subarray(0, 40), tarball110.subarray(40)]);
      const values = await allValues(publisher.publish({ name, version: '1.1.0', description: 'the second' }, stream, { reportProgress: true }));

      const last = values[values.length - 1];
      expect(isProgress(last)).toBe(false);
      expect((last as RegistryResponse).statusCode).toBe(201);
      const progress = values.slice(0, -1);
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.every(isProgress)).toBe(true);
      const loaded = progress.map((p) => (isProgress(p) ? p.loaded : NaN));
      for (let i = 1; i < loaded.length; i++) expect(loaded[i]).toBeGreaterThan(loaded[i - 1]);
      // A stream's length is not known in advance.
      expect(progress.every((p) => isProgress(p) && p.total === undefined)).toBe(true);

      const doc = await packument();
      expect(doc['dist-tags']).toEqual({ latest: '1.1.0' });
      expect(Object.keys(doc.versions ?? {}).sort()).toEqual(['1.0.0', '1.1.0']);
      expect(doc.versions!['1.1.0'].dist).toEqual({ shasum: sha1Hex(tarball110), integrity: sha512Integrity(tarball110), tarball: tarballUrl('1.1.0') });
    });

    it('finds the package with search', async () => {
      const results = await lastValueFrom(reader.search(unscoped));

      const found = results.objects.find((o) => o.package.name === name);
      expect(found?.package).toMatchObject({ name, 'dist-tags': { latest: '1.1.0' } });
    });

    it('reads, adds, moves and removes dist-tags', async () => {
      expect(await lastValueFrom(reader.distTags.fetch(name))).toEqual({ latest: '1.1.0' });

      const added = await lastValueFrom(publisher.distTags.add(name, '1.0.0', 'beta'));
      expect(added.statusCode).toBe(201);
      expect(added.data).toEqual({ ok: 'package tagged' });
      expect(await lastValueFrom(reader.distTags.fetch(name))).toEqual({ latest: '1.1.0', beta: '1.0.0' });

      const tagged = await lastValueFrom(publisher.tag(name, '1.1.0', 'beta'));
      expect(tagged.statusCode).toBe(201);
      expect(await lastValueFrom(reader.distTags.fetch(name))).toEqual({ latest: '1.1.0', beta: '1.1.0' });

      const removed = await lastValueFrom(publisher.distTags.rm(name, 'beta'));
      expect(removed.statusCode).toBe(201);
      expect(removed.data).toEqual({ ok: 'tag removed' });
      expect(await lastValueFrom(reader.distTags.fetch(name))).toEqual({ latest: '1.1.0' });
      expect((await packument())['dist-tags']).toEqual({ latest: '1.1.0' });
    });

    it('refuses to remove latest before sending anything', async () => {
      const error = await failureOf(publisher.distTags.rm(name, 'latest'));

      expect(error).toBeInstanceOf(UsageError);
      expect(await lastValueFrom(reader.distTags.fetch(name))).toEqual({ latest: '1.1.0' });
    });

    // Verdaccio 6.8 has no PUT /-/package/NAME/dist-tags (replace all): its router answers 404 with an HTML page.
    it('distTags.set is E404 on Verdaccio, which lacks the replace-all endpoint, and the tags stay as they were', async () => {
      const error = await failureOf(publisher.distTags.set(name, { latest: '1.0.0', old: '1.0.0' }));

      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: 'E404', statusCode: 404, method: 'PUT', url: `${registry.url}-/package/${name.replace('/', '%2f')}/dist-tags` });
      expect(await lastValueFrom(reader.distTags.fetch(name))).toEqual({ latest: '1.1.0' });
    });

    it('tagging a version the package does not have is ETARGET, and no tag appears', async () => {
      const error = await failureOf(publisher.tag(name, '9.9.9', 'future'));

      expect(error).toBeInstanceOf(RegistryError);
      expect(error).not.toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: 'ETARGET', statusCode: 404, pkgid: name });
      expect(await lastValueFrom(reader.distTags.fetch(name))).toEqual({ latest: '1.1.0' });
    });

    it('stars the package, lists it among the user\'s stars, and unstars it', async () => {
      const starred = await lastValueFrom(publisher.star(name, true));
      expect(starred.statusCode).toBe(200);
      expect(await lastValueFrom(reader.stars(user))).toContain(name);
      expect((await packument()).users).toEqual({ [user]: true });

      const unstarred = await lastValueFrom(publisher.star(name, false));
      expect(unstarred.statusCode).toBe(200);
      expect(await lastValueFrom(reader.stars(user))).not.toContain(name);
      expect((await packument()).users).toEqual({});
    });

    it('deprecates 1.0.0: its manifest carries the message, 1.1.0 is untouched', async () => {
      const message = 'use 1.1.0 or later';
      const res = await lastValueFrom(publisher.deprecate(name, '1.0.0', message));
      expect(res.statusCode).toBe(201);

      const doc = await packument();
      expect(doc.versions!['1.0.0'].deprecated).toBe(message);
      expect(doc.versions!['1.1.0'].deprecated).toBeUndefined();
      expect((await lastValueFrom(reader.manifest(`${name}@1.0.0`, { preferOnline: true }))).deprecated).toBe(message);
      const version = await lastValueFrom(reader.get<Manifest>(`${path}/1.0.0`, { preferOnline: true }));
      expect(version.data.deprecated).toBe(message);
      // The rest of the document survived the read-modify-write.
      expect(doc['dist-tags']).toEqual({ latest: '1.1.0' });
      expect(doc.versions!['1.0.0'].dist?.integrity).toBe(sha512Integrity(tarball100));
    });

    it('deprecating a range with no version in it is ETARGET', async () => {
      const error = await failureOf(publisher.deprecate(name, '>=5', 'nothing there'));

      expect(error).toBeInstanceOf(RegistryError);
      expect(error).toMatchObject({ code: 'ETARGET', pkgid: name });
    });

    // Verdaccio stores no maintainers on a published package and refuses a maintainers-only write with 422.
    it('owner.ls returns the maintainers Verdaccio stores (none); owner.add is E422 there', async () => {
      const raw = await lastValueFrom(reader.request<Packument>('GET', `${path}?write=true`));
      expect(raw.data.maintainers).toBeUndefined();
      expect(await lastValueFrom(publisher.owner.ls(name))).toEqual([]);

      const error = await failureOf(publisher.owner.add(name, user));

      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: 'E422', statusCode: 422, method: 'PUT', pkgid: name, body: { error: 'bad incoming package data' } });
      expect((error as HttpError).url).toMatch(new RegExp(`^${registry.url}${path.slice(1)}/-rev/[^/]+$`));
      expect(await lastValueFrom(publisher.owner.ls(name))).toEqual([]);
    });

    // Verdaccio 6.8 has no access endpoint; restricting an unscoped package is refused before anything is sent.
    it('access.public is E404 on Verdaccio; access.restricted of an unscoped package is a UsageError', async () => {
      const error = await failureOf(publisher.access.public(name));

      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: 'E404', statusCode: 404, method: 'POST', url: `${registry.url}-/package/${name.replace('/', '%2f')}/access` });
      if (name.startsWith('@')) expect(await failureOf(publisher.access.restricted(name))).toMatchObject({ code: 'E404', method: 'POST' });
      else expect(await failureOf(publisher.access.restricted(name))).toBeInstanceOf(UsageError);
    });

    it('resolves specs to manifests: a range, a tag, an exact version, and ETARGET for no match', async () => {
      const range = await lastValueFrom(reader.manifest(`${name}@^1`, { preferOnline: true }));
      expect(range).toMatchObject({ name, version: '1.1.0', dist: { integrity: sha512Integrity(tarball110), tarball: tarballUrl('1.1.0') } });
      expect((await lastValueFrom(reader.manifest(`${name}@latest`, { preferOnline: true }))).version).toBe('1.1.0');
      expect((await lastValueFrom(reader.manifest(name, { preferOnline: true }))).version).toBe('1.1.0');
      expect((await lastValueFrom(reader.manifest(`${name}@1.0.0`, { preferOnline: true }))).version).toBe('1.0.0');

      const error = await failureOf(reader.manifest(`${name}@9`, { preferOnline: true }));
      expect(error).toBeInstanceOf(RegistryError);
      expect(error).toMatchObject({ code: 'ETARGET', pkgid: name });
    });

    it('downloads the tarball of 1.0.0: the bytes of the file published', async () => {
      expect(await bytesOf(reader.tarball(`${name}@1.0.0`))).toEqual(tarball100);
      expect(await bytesOf(reader.tarball(`${name}@^1`))).toEqual(tarball110);
    });

    it('saves the tarball of 1.0.0 to a file equal to the original, with its dist.integrity', async () => {
      const into = await tempDir();
      try {
        const dest = join(into.path, 'saved.tgz');
        const saved = (await lastValueFrom(reader.saveTarball(`${name}@1.0.0`, dest))) as SavedTarball;

        const published = (await packument()).versions!['1.0.0'].dist!.integrity;
        expect(saved).toEqual({ type: 'saved', path: dest, integrity: published, size: tarball100.length });
        expect(await readFile(dest)).toEqual(await readFile(file100));
        expect(await into.list()).toEqual(['saved.tgz']);
      } finally {
        await into.remove();
      }
    });

    it('unpublishes 1.0.0: the version and its tarball are gone, latest stays 1.1.0, tags on it go', async () => {
      await lastValueFrom(publisher.distTags.add(name, '1.0.0', 'old'));
      const v100 = (await packument()).versions!['1.0.0'];

      const result = await lastValueFrom(publisher.unpublish(name, '1.0.0'));

      expect(result).toEqual({ name, version: '1.0.0', removed: true });
      const doc = await packument();
      expect(Object.keys(doc.versions ?? {})).toEqual(['1.1.0']);
      expect(doc['dist-tags']).toEqual({ latest: '1.1.0' });
      expect(doc.time?.['1.0.0']).toBeUndefined();
      const gone = await failureOf(reader.request('GET', tarballUrl('1.0.0')));
      expect(gone).toBeInstanceOf(HttpError);
      expect(gone).toMatchObject({ code: 'E404', statusCode: 404 });
      const stale = await failureOf(reader.tarball(v100));
      expect(stale).toMatchObject({ code: 'E404' });
      // 1.1.0 is untouched.
      expect(await bytesOf(reader.tarball(`${name}@1.1.0`))).toEqual(tarball110);
    });

    it('publishes 2.0.0 from a Buffer, then unpublishing it moves latest back to 1.1.0', async () => {
      const values = await allValues(publisher.publish({ name, version: '2.0.0' }, tarball200, { reportProgress: true }));
      const res = values[values.length - 1] as RegistryResponse;
      expect(res.statusCode).toBe(201);
      // A buffer's body length is known up front: the last progress value is the whole body.
      const progress = values.slice(0, -1).filter(isProgress);
      expect(progress).toHaveLength(values.length - 1);
      expect(progress.length).toBeGreaterThan(0);
      expect(progress[progress.length - 1].loaded).toBe(progress[0].total);
      expect((await packument())['dist-tags']).toEqual({ latest: '2.0.0' });

      expect(await lastValueFrom(publisher.unpublish(name, '2.0.0'))).toEqual({ name, version: '2.0.0', removed: true });

      const doc = await packument();
      expect(Object.keys(doc.versions ?? {})).toEqual(['1.1.0']);
      expect(doc['dist-tags']).toEqual({ latest: '1.1.0' });
      expect(await failureOf(reader.request('GET', tarballUrl('2.0.0')))).toMatchObject({ code: 'E404' });
    });

    it('unpublishing a version the package does not have removes nothing and is not an error', async () => {
      expect(await lastValueFrom(publisher.unpublish(name, '3.0.0'))).toEqual({ name, version: '3.0.0', removed: false });
      expect(Object.keys((await packument()).versions ?? {})).toEqual(['1.1.0']);
    });

    it('unpublishes the whole package: its packument and tarballs are 404', async () => {
      const result = await lastValueFrom(publisher.unpublish(name));

      expect(result).toEqual({ name, removed: true });
      const error = await failureOf(reader.get(path, { preferOnline: true }));
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: 'E404', statusCode: 404, pkgid: name, body: { error: 'no such package available' } });
      expect(await failureOf(reader.request('GET', tarballUrl('1.1.0')))).toMatchObject({ code: 'E404' });
      expect(await failureOf(reader.manifest(name, { preferOnline: true }))).toMatchObject({ code: 'E404' });
    });

    it('unpublishing it again removes nothing and is not an error', async () => {
      expect(await lastValueFrom(publisher.unpublish(name))).toEqual({ name, removed: false });
    });

    // Verdaccio answers the DELETE but keeps the token valid; the client stops sending it all the same.
    it('logout stops the client sending its token', async () => {
      await lastValueFrom(publisher.logout());

      expect(await failureOf(publisher.whoami())).toMatchObject({ code: 'ENEEDAUTH' });
      expect(await failureOf(publisher.logout())).toMatchObject({ code: 'ENEEDAUTH' });
      const withToken = await client({ [`//${new URL(registry.url).host}/:_authToken`]: token });
      expect(await lastValueFrom(withToken.whoami())).toBe(user);
    });
  });
});
