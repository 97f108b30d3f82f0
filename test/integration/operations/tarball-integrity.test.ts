import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { lastValueFrom, type Subscription } from 'rxjs';
import { isProgress, RegistryError, type Manifest, type Progress, type SavedTarball } from '../../../src';
import { failureOf } from '../../support/failure-of';
import { sendJson, startServer, type RecordedRequest, type TestServer } from '../../support/start-server';
import { ownCacheClients } from '../../support/own-cache-clients';
import { allValues, eventually, fingerprint, sha1Hex, sha512Integrity, tempDir, type TempDir } from './fixtures';

/** Bytes in several writes, so the client sees them as more than one chunk. */
const GOOD = randomBytes(256 * 1024);
const WRONG = Buffer.from(GOOD);
WRONG[WRONG.length - 1] ^= 0xff;
const WRITES = 16;
const DRIP_BYTES = 16 * 1024;

/**
 * A registry on one loopback port whose packuments point at tarballs on a
 * second one, as a registry behind a CDN does. Each package is a case.
 */
describe('tarballs checked against their integrity, served from another host', () => {
  let registry: TestServer;
  let tarballs: TestServer;
  let folder: TempDir;
  const { client, close: closeClients } = ownCacheClients(() => registry.url);

  const dist: Record<string, () => Record<string, string>> = {
    mismatch: () => ({ integrity: sha512Integrity(GOOD), shasum: sha1Hex(GOOD) }),
    'sha1-only': () => ({ shasum: sha1Hex(GOOD) }),
    'sha1-mismatch': () => ({ shasum: sha1Hex(GOOD) }),
    slow: () => ({ integrity: sha512Integrity(GOOD) }),
    authed: () => ({ integrity: sha512Integrity(GOOD) }),
  };

  function manifestOf(name: string): Manifest {
    return { name, version: '1.0.0', dist: { ...dist[name](), tarball: `${tarballs.url}${name}/-/${name}-1.0.0.tgz` } };
  }

  /** The requests the tarball host received for one package. */
  function tarballRequests(name: string): RecordedRequest[] {
    return tarballs.requests.filter((r) => r.url === `/${name}/-/${name}-1.0.0.tgz`);
  }

  beforeAll(async () => {
    registry = await startServer((req, res) => {
      const name = decodeURIComponent((req.url ?? '').slice(1));
      if (!(name in dist)) return sendJson(res, 404, { error: 'not found' });
      sendJson(res, 200, { name, 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': manifestOf(name) } });
    });
    tarballs = await startServer((req, res) => {
      const name = /^\/([^/]+)\/-\//.exec(req.url ?? '')?.[1];
      if (name === 'slow') {
        // Drips good bytes until the client goes away; never finishes on its own.
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        const timer = setInterval(() => res.write(GOOD.subarray(0, DRIP_BYTES)), 5);
        res.on('close', () => clearInterval(timer));
        return;
      }
      const body = name === 'mismatch' || name === 'sha1-mismatch' ? WRONG : name && name in dist ? GOOD : undefined;
      if (!body) return sendJson(res, 404, { error: 'not found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
      const size = body.length / WRITES;
      let i = 0;
      const next = () => {
        if (i === WRITES) return res.end();
        res.write(body.subarray(i * size, ++i * size));
        setImmediate(next);
      };
      next();
    });
    folder = await tempDir();
  });

  afterAll(async () => {
    await closeClients();
    await registry?.close();
    await tarballs?.close();
    await folder?.remove();
  });

  afterEach(async () => {
    // Each test starts with an empty folder.
    for (const entry of await folder.list()) await rm(join(folder.path, entry), { force: true });
  });

  it('tarball() fails with EINTEGRITY when the bytes do not match dist.integrity, never emitting the whole wrong tarball', async () => {
    const reader = await client();
    const emitted: Buffer[] = [];

    const error = await new Promise<unknown>((resolve) => {
      reader.tarball('mismatch@1.0.0').subscribe({ next: (chunk) => emitted.push(chunk), error: resolve, complete: () => resolve(new Error('completed')) });
    });

    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'EINTEGRITY', method: 'GET', url: `${tarballs.url}mismatch/-/mismatch-1.0.0.tgz`, pkgid: 'mismatch' });
    expect((error as RegistryError).message).toContain(sha512Integrity(GOOD));
    expect(tarballRequests('mismatch').length).toBeGreaterThan(0);
    const received = Buffer.concat(emitted);
    expect(received.length).toBeLessThan(WRONG.length);
    expect(fingerprint(received)).toEqual(fingerprint(WRONG.subarray(0, received.length)));
  });

  it('saveTarball() fails with EINTEGRITY and leaves neither the file nor a temp file', async () => {
    const reader = await client();
    const dest = join(folder.path, 'mismatch.tgz');

    const error = await failureOf(reader.saveTarball('mismatch@1.0.0', dest));

    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'EINTEGRITY' });
    expect(await folder.list()).toEqual([]);
  });

  it('a mismatch against a sha1 dist.shasum (no integrity) is EINTEGRITY too', async () => {
    const reader = await client();

    const error = await failureOf(reader.tarball(manifestOf('sha1-mismatch')));

    expect(error).toMatchObject({ code: 'EINTEGRITY' });
    expect((error as RegistryError).message).toContain('sha1-');
  });

  it('a matching tarball with only a sha1 dist.shasum verifies, from a spec or a manifest', async () => {
    const reader = await client();

    expect(fingerprint(Buffer.concat(await allValues(reader.tarball('sha1-only@1.0.0'))))).toEqual(fingerprint(GOOD));
    expect(fingerprint(Buffer.concat(await allValues(reader.tarball(manifestOf('sha1-only')))))).toEqual(fingerprint(GOOD));

    const dest = join(folder.path, 'sha1-only.tgz');
    const saved = (await lastValueFrom(reader.saveTarball('sha1-only@1.0.0', dest))) as SavedTarball;
    expect(saved).toEqual({ type: 'saved', path: dest, integrity: sha512Integrity(GOOD), size: GOOD.length });
    expect(fingerprint(await readFile(dest))).toEqual(fingerprint(GOOD));
    expect(await folder.list()).toEqual(['sha1-only.tgz']);
  });

  it('with reportProgress, tarball() emits download progress between the chunks, up to the whole length', async () => {
    const reader = await client();

    const values = await allValues(reader.tarball(manifestOf('sha1-only'), { reportProgress: true }));

    const progress = values.filter(isProgress) as Progress[];
    const chunks = values.filter((v): v is Buffer => Buffer.isBuffer(v));
    expect(progress.length + chunks.length).toBe(values.length);
    expect(fingerprint(Buffer.concat(chunks))).toEqual(fingerprint(GOOD));
    expect(progress.length).toBeGreaterThan(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i].loaded).toBeGreaterThan(progress[i - 1].loaded);
    expect(progress[progress.length - 1]).toEqual({ type: 'progress', loaded: GOOD.length, total: GOOD.length });
    // The last chunk is held until the check passes, so it comes after the last progress value.
    expect(Buffer.isBuffer(values[values.length - 1])).toBe(true);
  });

  it('saveTarball() into a folder that does not exist fails on the error channel (ENOENT), naming dest', async () => {
    const reader = await client();
    const dest = join(folder.path, 'missing', 'x.tgz');

    const error = await failureOf(reader.saveTarball('sha1-only@1.0.0', dest));

    // The path the caller gave, not the temporary file beside it.
    expect(error).toMatchObject({ code: 'ENOENT', syscall: 'open', path: dest, message: `ENOENT: no such file or directory, open '${dest}'` });
    expect(await folder.list()).toEqual([]);
  });

  it('unsubscribing from saveTarball() midway aborts the download and removes the temp file', async () => {
    const reader = await client();
    const dest = join(folder.path, 'slow.tgz');
    let subscription: Subscription | undefined;
    let ended: unknown;
    try {
      subscription = reader.saveTarball('slow@1.0.0', dest).subscribe({ error: (e) => (ended = e), complete: () => (ended = 'complete') });

      // Part of the tarball is on disk, in a temp file beside dest.
      expect(await eventually(async () => (await folder.list()).some((f) => f.startsWith('.slow.tgz.') && f.endsWith('.tmp')))).toBe(true);
      subscription.unsubscribe();
    } finally {
      subscription?.unsubscribe();
    }

    expect(await eventually(async () => (await folder.list()).length === 0)).toBe(true);
    expect(await folder.list()).toEqual([]);
    let socketClosed = false;
    void tarballRequests('slow')[0].socketClosed.then(() => (socketClosed = true));
    expect(await eventually(() => socketClosed)).toBe(true);
    expect(ended).toBeUndefined();
  });

  describe('credentials go only to the host they are scoped to', () => {
    const registryToken = 'registry-host-token-0001';
    const tarballToken = 'tarball-host-token-0002';

    it('a token scoped to the registry host is sent to the registry, not to the tarball host', async () => {
      const reader = await client({ [`//${registry.host}/:_authToken`]: registryToken, 'always-auth': true });
      const before = tarballRequests('authed').length;

      expect(fingerprint(Buffer.concat(await allValues(reader.tarball('authed@1.0.0'))))).toEqual(fingerprint(GOOD));

      const packumentRequest = registry.requests.filter((r) => r.url === '/authed').at(-1);
      expect(packumentRequest?.headers.authorization).toBe(`Bearer ${registryToken}`);
      const sent = tarballRequests('authed').slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0].headers.authorization).toBeUndefined();
    });

    it('a token scoped to the tarball host is sent with the tarball request', async () => {
      const reader = await client({ [`//${registry.host}/:_authToken`]: registryToken, [`//${tarballs.host}/:_authToken`]: tarballToken });
      const before = tarballRequests('authed').length;

      expect(fingerprint(Buffer.concat(await allValues(reader.tarball('authed@1.0.0'))))).toEqual(fingerprint(GOOD));

      const sent = tarballRequests('authed').slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0].headers.authorization).toBe(`Bearer ${tarballToken}`);
      expect(registry.requests.filter((r) => r.url === '/authed').at(-1)?.headers.authorization).toBe(`Bearer ${registryToken}`);
    });
  });
});
