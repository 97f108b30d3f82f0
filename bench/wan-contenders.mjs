// The contenders only the wide-area benchmark has (bench/wan.mjs); each runs in
// a bench/worker.mjs process like every other contender, with the same
// `open(cache, mode) → { pass, settle, close }` shape.
//   floor-h1   undici over HTTP/1.1, 16 connections, asking for gzip: gunzip, JSON.parse
//   floor-h2   the same over one HTTP/2 connection with every request in flight
//   pacote     pacote.packument(name, { fullMetadata: true }) with its own cache
// A floor is what a client without a cache library reaches. Revalidating, it
// sends the ETag it stored, gets 304 and reads the body from its own file
// (read while the request is under way) and parses it; a cold pass writes
// nothing, so it is durable when delivered. The files it revalidates with are
// written only by the untimed pass that fills the template (mode `populate`).
//   cached-floor-h1, cached-floor-h2 (BENCH_DIAG=1)   a floor that also does
//              what the issue asks of a client's cache, and nothing else
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';

const gunzip = promisify(gunzipCallback);
const ACCEPT = 'application/json';

/** A GET asking for gzip, conditional on `etag` when given: undefined for a 304, else the gunzipped body and its ETag. */
async function fetchGzipped(request, dispatcher, url, etag) {
  const headers = { accept: ACCEPT, 'accept-encoding': 'gzip', ...(etag ? { 'if-none-match': etag } : {}) };
  const res = await request(url, { dispatcher, headers });
  if (res.statusCode === 304) {
    await res.body.dump();
    return undefined;
  }
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new Error(`${url}: HTTP ${res.statusCode}`);
  }
  const raw = Buffer.from(await res.body.arrayBuffer());
  return { bytes: res.headers['content-encoding'] === 'gzip' ? await gunzip(raw) : raw, etag: res.headers.etag };
}

/** `base`: the registry's origin; `dispatcher`: undici Agent options (connections, allowH2, pipelining, connect.ca). */
async function floor({ label, base, dispatcher: agentOptions, width, pool }) {
  const { Agent, request } = await import('undici');
  return {
    label,
    open(cache, mode) {
      const dispatcher = new Agent(agentOptions);
      const etags = {};
      const bodyFile = (name) => join(cache, `${name}.json`);
      const fetchOne = async (name, etag) => {
        const fresh = await fetchGzipped(request, dispatcher, `${base}/${name}`, etag);
        if (fresh && mode === 'populate') {
          etags[name] = fresh.etag;
          await writeFile(bodyFile(name), fresh.bytes);
        }
        return fresh?.bytes;
      };
      return {
        async pass(check) {
          // Revalidating, the stored ETags are read inside the timed pass too.
          const stored = mode === 'online' ? JSON.parse(await readFile(join(cache, 'etags.json'), 'utf8')) : {};
          if (mode === 'populate') await mkdir(cache, { recursive: true });
          await pool(async (name) => {
            const etag = stored[name];
            const [fresh, cached] = await Promise.all([fetchOne(name, etag), etag ? readFile(bodyFile(name)) : undefined]);
            const data = JSON.parse((fresh ?? cached).toString('utf8'));
            check(name, data, fresh ? 'miss' : 'revalidated');
          }, width);
        },
        async settle() {},
        async close() {
          if (mode === 'populate') await writeFile(join(cache, 'etags.json'), JSON.stringify(etags));
          await dispatcher.close();
        },
      };
    },
  };
}

/** Freezes parsed JSON throughout, as rxnpm does before sharing a document. */
export function freezeAll(value) {
  Object.freeze(value);
  for (const key in value) {
    const item = value[key];
    if (item !== null && typeof item === 'object') freezeAll(item);
  }
  return value;
}

/**
 * A floor with the cache the issue asks for, and no client around it (a
 * diagnostic): cacache's index is read before each request; a 200 is
 * gunzipped, parsed, frozen and kept, and counts as delivered once
 * `cacache.put` has stored it; a 304 reads the content while the request is
 * under way, checks its SHA-512 (ssri, as cacache.get does), parses, freezes
 * and keeps it, and appends the refreshed index record. What it takes beyond
 * its floor is the price of that cache alone, before any client code.
 */
async function cachedFloor({ label, base, dispatcher: agentOptions, width, pool }) {
  const { Agent, request } = await import('undici');
  const { default: cacache } = await import('cacache');
  const { default: ssri } = await import('ssri');
  const key = (name) => `floor:${name}`;
  return {
    label,
    open(cache) {
      const dispatcher = new Agent(agentOptions);
      const kept = new Map();
      const fetchOne = (name, info) => fetchGzipped(request, dispatcher, `${base}/${name}`, info?.metadata.etag);
      return {
        async pass(check) {
          await pool(async (name) => {
            const info = await cacache.get.info(cache, key(name));
            const [fresh, cached] = await Promise.all([fetchOne(name, info), info ? readFile(info.path) : undefined]);
            if (fresh) {
              const data = freezeAll(JSON.parse(fresh.bytes.toString('utf8')));
              kept.set(name, data);
              await cacache.put(cache, key(name), fresh.bytes, { metadata: { etag: fresh.etag } });
              return check(name, data, 'miss');
            }
            if (!ssri.checkData(cached, info.integrity)) throw new Error(`${name}: integrity`);
            const data = freezeAll(JSON.parse(cached.toString('utf8')));
            kept.set(name, data);
            await cacache.index.insert(cache, key(name), info.integrity, { metadata: { ...info.metadata, refreshed: Date.now() }, size: info.size });
            check(name, data, 'revalidated');
          }, width);
        },
        async settle() {},
        async close() {
          kept.clear();
          await dispatcher.close();
        },
      };
    },
  };
}

/** pacote reads packuments through npm-registry-fetch (make-fetch-happen, cacache): a body ends after its cache write. */
async function pacote({ registry, ca, width, pool, forgetNpmSockets }) {
  const { default: lib } = await import('pacote');
  return {
    label: 'pacote (16)',
    open(cache, mode) {
      const opts = { registry, cache, ca, fullMetadata: true, maxSockets: width, ...(mode === 'online' ? { preferOnline: true } : mode === 'offline' ? { preferOffline: true } : {}) };
      return {
        async pass(check) {
          await pool(async (name) => check(name, await lib.packument(name, opts), 'n/a'), width);
        },
        async settle() {},
        async close() {
          forgetNpmSockets();
        },
      };
    },
  };
}

/** `job.tlsBase` and `job.ca` (PEM) come from bench/wan.mjs; `base` is the plain-HTTP side of the line. */
export function wanContenders({ job, names, pool, concurrency, forgetNpmSockets }) {
  const { base, tlsBase, ca } = job;
  return {
    'floor-h1': () => floor({ label: 'floor, HTTP/1.1 (16)', base, dispatcher: { connections: concurrency }, width: concurrency, names, pool }),
    // undici multiplexes HTTP/2 only with `pipelining` above 1; one connection, every request on it.
    'floor-h2': () => floor({ label: 'floor, HTTP/2 (all)', base: tlsBase, dispatcher: { connections: 1, allowH2: true, pipelining: names.length, connect: { ca } }, width: names.length, names, pool }),
    'cached-floor-h1': () => cachedFloor({ label: 'floor + cache, HTTP/1.1 (diag)', base, dispatcher: { connections: concurrency }, width: concurrency, pool }),
    'cached-floor-h2': () => cachedFloor({ label: 'floor + cache, HTTP/2 (diag)', base: tlsBase, dispatcher: { connections: 1, allowH2: true, pipelining: names.length, connect: { ca } }, width: names.length, pool }),
    pacote: () => pacote({ registry: `${base}/`, ca, width: concurrency, pool, forgetNpmSockets }),
  };
}
