// What the memory bound holds (issue 12): a client reads 300 distinct 1 MiB
// packuments (made of the corpus's real version entries, renumbered), 16 at a time, with memory-cache-size 0, 16 MiB and 64 MiB; after
// the reads (writes possibly still pending) and again after close(), gc() runs
// and the heap and buffers still in use are the client's. Then one packument
// of 100 MiB is read once, by rxnpm and by plain undici (text + JSON.parse, no
// cache), and the peak of heap + buffers is sampled every 2 ms.
// Each measurement runs in a child process of its own, started with --expose-gc.
// Run: npm run build && node bench/memory-bound.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MiB = 1024 * 1024;
const mib = (bytes) => (bytes / MiB).toFixed(1);
const here = fileURLToPath(import.meta.url);

const corpus = join(process.env.BENCH_CORPUS ?? join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'shared', 'bench-corpus'), 'packuments');

/** Version entries of the real packuments in the shared corpus, as JSON text, to build documents of any size from. */
function corpusVersions() {
  const entries = [];
  for (const name of readdirSync(corpus)) {
    const doc = JSON.parse(readFileSync(join(corpus, name), 'utf8'));
    for (const manifest of Object.values(doc.versions ?? {})) entries.push(manifest);
  }
  return entries;
}

/** A packument of about `bytes` named big-<index>, its versions real ones from the corpus, renumbered. */
function bigPackument(index, bytes, entries) {
  const versions = {};
  let size = 0;
  for (let v = 0; size < bytes; v++) {
    const manifest = entries[(index * 7919 + v) % entries.length];
    const version = `${index}.${v}.0`;
    versions[version] = { ...manifest, name: `big-${index}`, version };
    size += JSON.stringify(versions[version]).length + version.length + 4;
  }
  return JSON.stringify({ name: `big-${index}`, 'dist-tags': {}, versions });
}

async function settled() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

function sampler() {
  let base = 0;
  let peak = 0;
  let timer;
  return {
    start(from) {
      base = from;
      timer = setInterval(() => {
        const { heapUsed, external } = process.memoryUsage();
        peak = Math.max(peak, heapUsed + external - base);
      }, 2);
    },
    stop() {
      clearInterval(timer);
      const { heapUsed, external } = process.memoryUsage();
      return Math.max(peak, heapUsed + external - base);
    },
  };
}

async function serve(bodies) {
  const server = createServer((req, res) => {
    const index = Number(req.url.slice('/big-'.length));
    res.writeHead(200, { 'content-type': 'application/json', etag: `"${index}"` }).end(bodies[index]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, registry: `http://127.0.0.1:${server.address().port}/` };
}

async function child(job) {
  const { lastValueFrom } = await import('rxjs');
  const { RegistryClient } = await import('../dist/index.mjs');
  const cache = mkdtempSync(join(tmpdir(), 'rxnpm-memory-bench-'));
  try {
    if (job.kind === 'bound') {
      const entries = corpusVersions();
      const bodies = Array.from({ length: job.count }, (_, i) => Buffer.from(bigPackument(i, MiB, entries)));
      const { server, registry } = await serve(bodies);
      const client = new RegistryClient({ registry, cache, 'memory-cache-size': job.bound });
      await lastValueFrom(client.get('/big-0'));
      const before = await settled();
      const peak = sampler();
      peak.start(before);
      const started = performance.now();
      for (let i = 1; i < job.count; i += 16) {
        await Promise.all(Array.from({ length: Math.min(16, job.count - i) }, (_, k) => lastValueFrom(client.get(`/big-${i + k}`)).then(() => undefined)));
      }
      const seconds = (performance.now() - started) / 1000;
      const afterReads = (await settled()) - before;
      await client.close();
      const afterClose = (await settled()) - before;
      server.close();
      return { afterReads, afterClose, peak: peak.stop(), seconds };
    }
    const bodies = [Buffer.from(bigPackument(0, job.bytes, corpusVersions()))];
    const { server, registry } = await serve(bodies);
    const before = await settled();
    const peak = sampler();
    let versions;
    if (job.kind === 'rxnpm') {
      const client = new RegistryClient({ registry, cache, 'max-response-size': 2 ** 31 });
      peak.start(before);
      versions = Object.keys((await lastValueFrom(client.get('/big-0'))).data.versions).length;
      await client.close();
    } else {
      const { request } = await import('undici');
      peak.start(before);
      const res = await request(`${registry}big-0`);
      versions = Object.keys(JSON.parse(await res.body.text()).versions).length;
    }
    server.close();
    return { peak: peak.stop(), versions, bytes: bodies[0].length };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

function run(job) {
  const out = execFileSync(process.execPath, ['--expose-gc', here, '--child', JSON.stringify(job)], { encoding: 'utf8', timeout: 600_000 });
  return JSON.parse(out.trim().split('\n').pop());
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(JSON.parse(process.argv[3]))));
} else {
  console.log('memory-cache-size | held after 300 reads (gc) | held after close (gc) | peak during | reads took');
  for (const bound of [0, 16 * MiB, 64 * MiB]) {
    const r = run({ kind: 'bound', count: 300, bound });
    console.log(`${mib(bound)} MiB | ${mib(r.afterReads)} MiB | ${mib(r.afterClose)} MiB | ${mib(r.peak)} MiB | ${r.seconds.toFixed(1)} s`);
  }
  console.log('\none 100 MiB packument | peak heap + buffers | × body');
  for (const kind of ['rxnpm', 'undici']) {
    const r = run({ kind, bytes: 100 * MiB });
    console.log(`${kind} | ${mib(r.peak)} MiB | ${(r.peak / r.bytes).toFixed(2)}× (${r.versions} versions)`);
  }
}
