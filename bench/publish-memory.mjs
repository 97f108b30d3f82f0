// Peak memory of publishing a large tarball. rxnpm streams the tarball
// base64-encoded into the JSON body, so the publishing process should stay far
// below the tarball's size. The publish runs in a child process of its own, so
// its peak RSS (getrusage's maxrss) counts only the client.
// Run: npm run build && node bench/publish-memory.mjs [megabytes]
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MiB = 1024 * 1024;
const mib = (bytes) => (bytes / MiB).toFixed(1);

if (process.argv[2] === '--child') {
  // The publishing process: nothing but the client.
  const [, , , registry, tarball, cache, input] = process.argv;
  const { lastValueFrom } = await import('rxjs');
  const { RegistryClient } = await import('../dist/index.mjs');
  const client = new RegistryClient({ registry, cache, '//127.0.0.1/:_authToken': 'bench' });
  const started = performance.now();
  const { createReadStream } = await import('node:fs');
  await lastValueFrom(client.publish({ name: 'big-package', version: '1.0.0' }, input === 'stream' ? createReadStream(tarball) : tarball));
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  // maxRSS is in KiB.
  console.log(JSON.stringify({ seconds, peak: process.resourceUsage().maxRSS * 1024 }));
} else {
  const megabytes = Number(process.argv[2] ?? 200);
  const folder = await mkdtemp(join(tmpdir(), 'rxnpm-publish-bench-'));
  const tarball = join(folder, 'big.tgz');
  const expected = createHash('sha1');
  await new Promise((resolve, reject) => {
    const out = createWriteStream(tarball);
    let written = 0;
    const more = () => {
      while (written < megabytes) {
        const piece = randomBytes(MiB);
        expected.update(piece);
        written += 1;
        if (!out.write(piece)) return out.once('drain', more);
      }
      out.end(resolve);
    };
    out.on('error', reject);
    more();
  });

  // A registry that reads the body as a stream and keeps only the manifest's shasum.
  let received = 0;
  let shasum = '';
  const server = createServer((req, res) => {
    req.on('data', (chunk) => {
      received += chunk.length;
      shasum = /"shasum":"([0-9a-f]{40})"/.exec(chunk.toString('latin1'))?.[1] ?? shasum;
    });
    req.on('end', () => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const registry = `http://127.0.0.1:${server.address().port}/`;

  const { execFile } = await import('node:child_process');
  const expectedShasum = expected.digest('hex');
  // Loading the library alone, for comparison.
  const { stdout: idle } = await new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', "require('./dist/index.js'); console.log(process.resourceUsage().maxRSS * 1024)"], (error, out) => (error ? reject(error) : resolve({ stdout: out }))),
  );
  console.log(`peak RSS of a process that only loads rxnpm: ${mib(Number(idle))} MiB`);
  for (const input of ['path', 'stream']) {
    received = 0;
    shasum = '';
    const child = await new Promise((resolve, reject) =>
      execFile(process.execPath, [fileURLToPath(import.meta.url), '--child', registry, tarball, join(folder, 'cache'), input], (error, stdout) =>
        error ? reject(error) : resolve(JSON.parse(stdout)),
      ),
    );
    const ok = child.peak < 100 * MiB && shasum === expectedShasum;
    console.log(`publish of a ${megabytes} MiB tarball given as a ${input}: ${mib(received)} MiB of body in ${child.seconds.toFixed(2)} s (${(received / MiB / child.seconds).toFixed(0)} MiB/s)`);
    console.log(`  peak RSS of the publishing process: ${mib(child.peak)} MiB (target < 100 MiB): ${child.peak < 100 * MiB ? 'met' : 'MISSED'}; dist.shasum ${shasum === expectedShasum ? 'matches' : 'does NOT match'}`);
    if (!ok) process.exitCode = 1;
  }
  server.close();
  await rm(folder, { recursive: true, force: true });
}
