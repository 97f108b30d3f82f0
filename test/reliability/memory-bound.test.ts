import { lastValueFrom } from 'rxjs';
import { RegistryClient } from '../../src';
import { bigPackument } from '../support/big-packument';
import { Cleanup } from '../support/cleanup';
import { settledHeap } from '../support/settled-heap';
import { startServer } from '../support/start-server';
import { tempCache } from '../support/temp-cache';

const MiB = 1024 * 1024;

/**
 * What a client holds after reading `count` distinct ~1 MiB packuments, 16 at
 * a time, with `memory-cache-size` `bound`, with the documents it emitted let go.
 */
async function heldAfterReading(count: number, bound: number): Promise<number> {
  const open = new Cleanup();
  const folder = await tempCache();
  try {
    const bodies = Array.from({ length: count }, (_, i) => Buffer.from(bigPackument(i)));
    const server = open.track(
      await startServer((req, res) => {
        const index = Number(req.url!.slice('/big-'.length));
        res.writeHead(200, { 'content-type': 'application/json', etag: `"${index}"` }).end(bodies[index]);
      }),
    );
    const client = open.track(new RegistryClient({ registry: server.url, cache: folder.path, 'memory-cache-size': bound }));
    // One read first, so code loaded and sockets opened on the way are not counted.
    await lastValueFrom(client.get('/big-0'));
    const before = await settledHeap();
    for (let i = 1; i < count; i += 16) {
      const batch = Array.from({ length: Math.min(16, count - i) }, (_, k) => i + k);
      await Promise.all(batch.map(async (index) => expect((await lastValueFrom(client.get(`/big-${index}`))).data).toMatchObject({ name: `big-${index}` })));
    }
    return (await settledHeap()) - before;
  } finally {
    // Clients and servers first: the folder goes once the writes it receives have ended.
    await open.closeAll();
    await folder.remove();
  }
}

describe('memory-cache-size bounds what a client holds', () => {
  // Measured: ~3 MiB of heap and buffers come and go with the runtime itself between two settled readings.
  const slack = 8 * MiB;

  it('holds at most 16 MiB (plus a small constant) after 300 distinct 1 MiB packuments, writes still pending included', async () => {
    expect(bigPackument(1).length).toBe(MiB);
    expect(await heldAfterReading(300, 16 * MiB)).toBeLessThan(16 * MiB + slack);
  }, 180_000);

  it('with 0, keeps nothing: a read waits for its own write rather than hold the body', async () => {
    expect(await heldAfterReading(60, 0)).toBeLessThan(slack);
  }, 120_000);
});
