import { Readable } from 'node:stream';
import { lastValueFrom } from 'rxjs';
import {
  HttpError,
  PublishConflictError,
  RegistryClient,
  UndiciTransport,
  UsageError,
  type PackageData,
  type Packument,
  type RegistryClientExtras,
  type RegistryClientOptions,
  type RegistryResponse,
} from '../../../src';
import { startVerdaccio, type LocalRegistry } from '../../../src/verdaccio/start-verdaccio';
import { Cleanup } from '../../support/cleanup';
import { failureOf } from '../../support/failure-of';
import { FAST_RETRY } from '../../support/fast-retry';
import { collectLog, type LogCollector } from '../../support/log-collector';
import { recordingTransport, type RecordingTransport } from '../../support/recording-transport';
import { sendJson, startServer } from '../../support/start-server';
import { tempCache, type TempCache } from '../../support/temp-cache';
import { allValues, packTarball, sha512Integrity, tempDir, type TempDir } from './fixtures';

describe('publish and adduser failures, against Verdaccio', () => {
  let registry: LocalRegistry;
  let files: TempDir;
  let cache: TempCache;
  let tokenKey: string;
  let token: string;
  const clients: RegistryClient[] = [];
  const USER = 'publish-errors';
  const PASSWORD = 'a-long-enough-password';

  function client(config: RegistryClientOptions & RegistryClientExtras = {}): RegistryClient {
    const made = new RegistryClient({ registry: registry.url, cache: cache.path, ...FAST_RETRY, ...config });
    clients.push(made);
    return made;
  }

  /** A client whose every request is recorded, and every attempt logged. */
  function watched(config: RegistryClientOptions = {}): { client: RegistryClient; transport: RecordingTransport; log: LogCollector } {
    const transport = recordingTransport(new UndiciTransport({ maxSockets: 4, tls: { strictSsl: true }, proxy: {} }));
    const log = collectLog();
    return { client: client({ ...config, transport, log: log.log }), transport, log };
  }

  beforeAll(async () => {
    registry = await startVerdaccio();
    files = await tempDir();
    cache = await tempCache();
    tokenKey = `//${new URL(registry.url).host}/:_authToken`;
    token = (await lastValueFrom(client().adduser(USER, PASSWORD, `${USER}@example.test`))).token;
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await registry?.close();
    await files?.remove();
    await cache?.remove();
  });

  describe('publishing a version that exists', () => {
    const name = 'rxnpm-conflict';
    const original = packTarball({ 'package.json': JSON.stringify({ name, version: '1.0.0' }), 'index.js': 'original\n' });
    const other = packTarball({ 'package.json': JSON.stringify({ name, version: '1.0.0' }), 'index.js': 'an impostor\n' });

    beforeAll(async () => {
      const res = (await lastValueFrom(client({ [tokenKey]: token }).publish({ name, version: '1.0.0' }, await files.write('original.tgz', original)))) as RegistryResponse;
      expect(res.statusCode).toBe(201);
    });

    async function expectOriginalKept(): Promise<void> {
      const reader = client();
      const { data } = await lastValueFrom(reader.get<Packument>(`/${name}`, { preferOnline: true }));
      expect(Object.keys(data.versions ?? {})).toEqual(['1.0.0']);
      expect(data.versions!['1.0.0'].dist?.integrity).toBe(sha512Integrity(original));
      expect(data.versions!['1.0.0'].dist?.tarball).toBe(`${registry.url}${name}/-/${name}-1.0.0.tgz`);
      expect(Buffer.concat(await allValues(reader.tarball(data.versions!['1.0.0'])))).toEqual(original);
    }

    it.each([
      ['a file', async () => files.write('other.tgz', other)],
      ['a Buffer', async () => other],
      ['a stream', async () => Readable.from([other])],
    ])('from %s is a PublishConflictError (EPUBLISHCONFLICT), and the registry keeps the original tarball', async (_kind, input) => {
      const error = await failureOf(client({ [tokenKey]: token }).publish({ name, version: '1.0.0' }, await input()));

      expect(error).toBeInstanceOf(PublishConflictError);
      expect(error).toBeInstanceOf(HttpError);
      expect(error).toMatchObject({ code: 'EPUBLISHCONFLICT', statusCode: 409, method: 'PUT', pkgid: name, version: '1.0.0' });
      await expectOriginalKept();
    });
  });

  describe('invalid package data is refused before any request', () => {
    const tarball = packTarball({ 'package.json': '{}' });

    it.each<[string, PackageData]>([
      ['a name with a path in it', { name: '../x', version: '1.0.0' }],
      ['an upper-case name', { name: 'UPPER', version: '1.0.0' }],
      ['a 215-character name', { name: 'a'.repeat(215), version: '1.0.0' }],
      ['a version with two parts', { name: 'rxnpm-fine', version: '1.0' }],
      ['a version that is a range', { name: 'rxnpm-fine', version: 'x' }],
      ['a missing version', { name: 'rxnpm-fine' } as PackageData],
    ])('%s: UsageError EUSAGE, nothing sent', async (_case, data) => {
      const { client: publisher, transport, log } = watched({ [tokenKey]: token });

      const error = await failureOf(publisher.publish(data, await files.write('valid.tgz', tarball)));

      expect(error).toBeInstanceOf(UsageError);
      expect(error).toMatchObject({ code: 'EUSAGE' });
      expect(transport.sent).toHaveLength(0);
      expect(log.withPrefix('fetch')).toHaveLength(0);
    });

    it('the error names what is wrong', async () => {
      const { client: publisher } = watched({ [tokenKey]: token });
      const long = 'a'.repeat(215);

      expect(String(await failureOf(publisher.publish({ name: 'UPPER', version: '1.0.0' }, tarball)))).toMatch(/UPPER.*capital/i);
      expect(String(await failureOf(publisher.publish({ name: long, version: '1.0.0' }, tarball)))).toContain('214');
      expect(String(await failureOf(publisher.publish({ name: 'rxnpm-fine', version: '1.0' }, tarball)))).toContain('"1.0" is not a valid semver version');
    });

    it('a tarball path that does not exist: UsageError EUSAGE, nothing sent', async () => {
      const { client: publisher, transport, log } = watched({ [tokenKey]: token });
      const missing = `${files.path}/no-such-file.tgz`;

      const error = await failureOf(publisher.publish({ name: 'rxnpm-fine', version: '1.0.0' }, missing));

      expect(error).toBeInstanceOf(UsageError);
      expect(error).toMatchObject({ code: 'EUSAGE' });
      expect((error as UsageError).message).toContain('no-such-file.tgz');
      expect((error as UsageError).message).toContain('ENOENT');
      expect(transport.sent).toHaveLength(0);
      expect(log.withPrefix('fetch')).toHaveLength(0);
    });

    it('a tarball path that is a folder: UsageError EUSAGE, nothing sent', async () => {
      const { client: publisher, transport } = watched({ [tokenKey]: token });

      const error = await failureOf(publisher.publish({ name: 'rxnpm-fine', version: '1.0.0' }, files.path));

      expect(error).toMatchObject({ code: 'EUSAGE' });
      expect(transport.sent).toHaveLength(0);
    });
  });

  it('an anonymous publish is HttpError E401, and nothing is published', async () => {
    const name = 'rxnpm-anonymous';
    const { client: anonymous, transport } = watched();

    const error = await failureOf(anonymous.publish({ name, version: '1.0.0' }, packTarball({ 'package.json': '{}' })));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).not.toBeInstanceOf(PublishConflictError);
    expect(error).toMatchObject({ code: 'E401', statusCode: 401, method: 'PUT', pkgid: name });
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0].headers.authorization).toBeUndefined();
    expect(await failureOf(client().get(`/${name}`, { preferOnline: true }))).toMatchObject({ code: 'E404' });
  });

  // Verdaccio checks the password of an existing user on the PUT itself: one request, answered 401.
  it('adduser with a wrong password for an existing user is HttpError E401, in one attempt, with no token adopted', async () => {
    const { client: impostor, transport, log } = watched();

    const error = await failureOf(impostor.adduser(USER, 'not-the-password', `${USER}@example.test`));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E401', statusCode: 401, method: 'PUT' });
    expect(transport.sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PUT /-/user/org.couchdb.user:${USER}`]);
    expect(log.withPrefix('fetch')).toHaveLength(1);
    expect(log.withPrefix('retry')).toHaveLength(0);
    expect(String(error)).not.toContain('not-the-password');
    expect(await failureOf(impostor.whoami())).toMatchObject({ code: 'ENEEDAUTH' });
  });
});

// The classic login that follows a 409 (the account exists), against a registry that answers it as the
// CouchDB API does: the wrong password fails there, and each of its requests is sent exactly once.
describe('adduser of an existing account with a wrong password, on a registry using the classic login', () => {
  const open = new Cleanup();
  afterEach(() => open.closeAll());

  it('is HttpError E401 after one PUT, one read and one login attempt, with no retry', async () => {
    const server = open.track(
      await startServer((req, res) => {
        const basic = req.headers.authorization?.startsWith('Basic ');
        if (req.method === 'PUT' && !basic) return sendJson(res, 409, { error: 'user exists' });
        sendJson(res, 401, { error: 'name or password is incorrect' });
      }),
    );
    const cache = await tempCache();
    open.track({ close: () => cache.remove() });
    const log = collectLog();
    const impostor = open.track(new RegistryClient({ registry: server.url, cache: cache.path, ...FAST_RETRY, log: log.log }));

    const error = await failureOf(impostor.adduser('ada', 'not-the-password', 'ada@example.test'));

    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'E401', statusCode: 401, method: 'PUT', body: { error: 'name or password is incorrect' } });
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /-/user/org.couchdb.user:ada',
      'GET /-/user/org.couchdb.user:ada?write=true',
      'PUT /-/user/org.couchdb.user:ada',
    ]);
    expect(server.requests[2].headers.authorization).toBe(`Basic ${Buffer.from('ada:not-the-password').toString('base64')}`);
    expect(log.withPrefix('retry')).toHaveLength(0);
  });
});
